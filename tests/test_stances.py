"""Party positions: the party that is the subject of a stance, and the speaker of a quoted one."""

from __future__ import annotations

import pytest

from briefing.names import Lexicon, Party, Person
from briefing.stances import compile_aliases, stance_holder
from briefing.words import tokenize

PARTIES = [Party("ru", "Russia", ("Russia", "Russian", "Moscow", "Kremlin")),
           Party("ua", "Ukraine", ("Ukraine", "Ukrainian", "Ukrainians", "Kyiv")),
           Party("us", "United States", ("US", "U.S.", "Washington"))]
PEOPLE = [Person("Volodymyr Zelensky", ("Zelensky",), party="ua")]


@pytest.mark.parametrize(("sentence", "holder"), [
    ("Moscow has demanded full control of the plant, rejecting a Ukrainian proposition.", "Russia"),
    ("Mr Zelensky says Ukraine will not surrender land to Russia.", "Ukraine"),
    ("Ukraine says it needs strong security guarantees from the United States.", "Ukraine"),
    ("The talks stalled on Moscow’s demands for Ukraine to cede the region.", "Russia"),
    ("The Ukrainian people, who would vote on any deal, would not allow it.", "Ukraine"),
    ("Talks with the US resumed and Kyiv officials met the press.", None),
    ("Russia told us nothing.", None),
    ("Drones struck Kyiv overnight, officials said.", None),
    ("Kyiv was offered a ceasefire.", None),
    ("The Kremlin is demanding a written guarantee.", "Russia"),
    ("Ukraine is prepared to refrain from attacking.", "Ukraine"),
    # The speaker of a quoted stance holds it; a party quoted on something else holds nothing.
    ('"Our borders are not negotiable," Zelensky said on Tuesday.', "Ukraine"),
    ('"We will never accept that plan," said Zelensky.', "Ukraine"),
    ('"The weather was awful," Zelensky said.', None),
    ('"Russia must withdraw," a Polish diplomat said.', None),
])
def test_stance_holder_is_the_subject(sentence: str, holder: str | None) -> None:
    lexicon = Lexicon({"Zelensky": ["Zelenskiy"]})
    aliases = compile_aliases(PARTIES, PEOPLE, lexicon)
    assert stance_holder(sentence, tokenize(sentence, lexicon), aliases) == holder
