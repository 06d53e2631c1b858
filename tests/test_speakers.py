"""Who a run of names stands for: full names, titles and honorifics; reporters."""

from __future__ import annotations

from briefing.attribution.facts import name_facts
from briefing.speakers import Speakers
from briefing.speech import Token, tokenize

NAMES = Speakers([])


def test_parenthetical_reporter() -> None:
    facts = name_facts(NAMES, "Tom Reyes spoke.")
    toks = tokenize("The good news for the mayor, Tom Reyes said, is that the town likes her.")
    assert NAMES.reporter(toks, facts) == "Tom Reyes"
    toks = tokenize("Rivals such as Tom Reyes and Paul Vance, who say the plan is weak, stayed home.")
    assert NAMES.reporter(toks, facts) is None


def _speaker(text: str, sentence: str, lent: dict[str, str] | None = None) -> str | None:
    names = Speakers([], lent)
    facts = name_facts(NAMES, text)  # as extract_quotes reads articles: before any name is lent
    return names.phrase(tokenize(sentence), facts, head_last=True).speaker


def test_a_title_does_not_give_a_surname_to_another_family_member() -> None:
    """Only Lena Marsh is named in full: 'President Marsh' is kept as written, 'Mr. Marsh' is no woman."""
    text = "Lena Marsh spoke at the school on Monday. President Marsh was not there."
    assert _speaker(text, "President Marsh") == "President Marsh"
    assert _speaker(text, "Mr. Marsh") == "Mr. Marsh"
    assert _speaker(text, "Ms. Marsh") == "Lena Marsh"
    assert _speaker(text, "Marsh") == "Lena Marsh"


def test_a_surname_two_people_share_stays_as_written() -> None:
    """With Tom and Ruth Vidal both named, 'Vidal' is nobody's full name; the title the article gave decides."""
    text = "Governor Tom Vidal and his wife, Ruth Vidal, voted early. Both smiled."
    assert _speaker(text, "Vidal") == "Vidal"
    assert _speaker(text, "Governor Vidal") == "Tom Vidal"
    assert _speaker(text, "Mrs. Vidal") == "Ruth Vidal"


def test_the_batch_lends_a_full_name_only_when_the_article_has_none() -> None:
    """Another article's 'Tom Vidal' is not lent to an article that names Ruth Vidal in full."""
    text = "Ruth Vidal voted early. Vidal smiled."
    assert _speaker(text, "Vidal", {"Vidal": "Tom Vidal"}) == "Ruth Vidal"
    assert _speaker("Vidal smiled.", "Vidal", {"Vidal": "Tom Vidal"}) == "Tom Vidal"


def test_a_common_word_glued_before_a_full_name_is_no_part_of_it() -> None:
    text = "Billionaire Donald Okafor said it. He is a billionaire who owns towers."
    assert _speaker(text, "Billionaire Donald Okafor") == "Donald Okafor"
    assert _speaker(text, "Okafor") == "Donald Okafor"


def test_an_administration_is_no_person() -> None:
    assert _speaker("The Okafor Administration said no.", "The Okafor Administration") is None


def test_spellings_of_one_person_are_one_full_name() -> None:
    text = "Founder Ada Okafor spoke first. Then Ada J. Okafor and Ada Okafor's son took questions."
    assert _speaker(text, "Okafor") == "Ada J. Okafor"


def test_a_capitalised_run_ending_with_a_known_full_name_is_that_person() -> None:
    text = "Senators Rip Ada Okafor\n\nAda Okafor spoke on Monday."
    assert _speaker(text, "Senators Rip Ada Okafor") == "Ada Okafor"


def test_a_name_modifying_a_noun_is_not_the_speaker() -> None:
    """'a senior Lund adviser', 'one Lund confidant': the adviser speaks, not Lund; a name after the
    noun is the speaker ('Lund spokesman Ola Berg')."""
    text = "Senator Nora Lund toured the port with Ola Berg."
    assert _speaker(text, "a senior Lund adviser") is None
    assert _speaker(text, "one Lund confidant") is None
    assert _speaker(text, "a 2015 Lund veteran") is None
    assert _speaker(text, "Lund spokesman Ola Berg") == "Ola Berg"
    assert _speaker(text, "Nora Lund herself") == "Nora Lund"
    assert _speaker(text, "Nora Lund first") == "Nora Lund"


def test_a_name_after_of_qualifies_another_word() -> None:
    assert _speaker("Tom Holm spoke.", "Tom Holm, chairman of the board of Harbour Partners,") == "Tom Holm"


def test_a_title_ending_a_description_is_no_name() -> None:
    facts = name_facts(NAMES, "Senator Nora Lund toured the port.")
    assert NAMES.canonical_name("Halden Republican", facts) is None
    assert NAMES.canonical_name("Nora Lund", facts) == "Nora Lund"


def test_a_bare_reporting_clause() -> None:
    assert NAMES.bare_clause(tokenize("Lund said."))
    assert NAMES.bare_clause(tokenize("Lund told reporters on Monday."))
    assert NAMES.bare_clause(tokenize("Lund shot back."))
    assert NAMES.bare_clause(tokenize("Said Lund, a docker."))
    assert not NAMES.bare_clause(tokenize("Lund said the plan would fail."))
    assert not NAMES.bare_clause(tokenize("Lund said Monday she wants a deal."))
    assert not NAMES.bare_clause(tokenize("The port stayed closed."))
    assert not NAMES.bare_clause(tokenize("Lund has said about 20 people want the seat."))
    assert not NAMES.bare_clause(tokenize("People like Lund, he said."))


def test_a_verb_joined_to_a_pronoun_s_clause_is_the_pronoun_s() -> None:
    """'Four years ago, he backed Tom Baxter and said, "..."': he says it, not Tom Baxter, his verb's object."""
    facts = name_facts(NAMES, "Tom Baxter ran.")
    toks = [*tokenize("Four years ago, he backed Tom Baxter over the others and said,"), Token('"Nobody did more."', 0)]
    said = NAMES.leading(toks, len(toks) - 1, facts)
    assert said is not None and said.speaker is None and said.pronoun == "he"


def test_quoted_as_saying_names_its_object_and_skips_another_clause() -> None:
    """The quoting verb's object speaks; a frame with another clause between it and the quote is none."""
    facts = name_facts(NAMES, "Anna Vance and Tom Baxter spoke.")
    frame = tokenize("The weekly Kurier quoted Anna Vance as saying,")
    said = NAMES.quoted_as([*frame, Token('"Nobody asked us."', quote=0)], len(frame), facts)
    assert said is not None and said.speaker == "Anna Vance"
    other = tokenize("The Kurier quoted Anna Vance as saying that the plan failed, but Tom Baxter said")
    assert NAMES.quoted_as([*other, Token('"no."', quote=0)], len(other), facts) is None
