"""Wire-desk furniture inside running text: the rules briefing.clean applies to every line.

A wire story, or a desk's budget of stories, carries marks for editors that are no prose:
story slugs ("HARBOR-STRIKE (Undated) _ ..."), glued bylines ("By ANNA LUND"), credits in
parentheses that are all title case ("(Distributed by Some News Features)"), rules of
underscores or dashes, and list bullets typed as "_" after a sentence. In text without
paragraph breaks they run into the sentences around them. Each is read from its shape
(capitals, position after a sentence end or at a line's start, punctuation), never from an
outlet's words, and only the marks are cut: the prose next to them is kept word for word.
"""

from __future__ import annotations

import re

# Where wire furniture sits: a line's start, or after a sentence end and its closing marks.
_AT_START = r"(?:^|(?<=[.!?] )|(?<=[.!?][\"')] ))"
# A story slug: capitals joined by hyphens ("PORT-STRIKE", "TRADE-TALKS-EU"; a name may keep its
# lower case, "BUSH-McCAIN"), or one capitalised word followed by the story's place in brackets.
# An optional desk header in capitals before it ("WORLD NEWS", "BUSINESS (category b)"), then the
# place in brackets ("(Undated)", "(Lima)") and the wire's underscore dash; a dateline in
# capitals after it ("_ LIMA, Peru _") is the same story's and goes too. Prose never opens a
# sentence with a hyphenated word in capitals and an underscore dash.
_SLUG_WORD = r"[A-Z][A-Z0-9&]+(?:-[A-Z0-9&][A-Za-z0-9&]*)+"
_BRACKET = r"\([^()]{1,40}\)"
_SLUG = re.compile(
    _AT_START + r"(?:[A-Z]{2,}(?: [A-Z]{2,}){0,3}(?: \([^()]{1,20}\))? )?"
    rf"(?:{_SLUG_WORD}(?: ?{_BRACKET})?|[A-Z]{{2,}}[A-Z0-9]* ?{_BRACKET}) ?_ "
    r"(?:[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})? _ )?"
    r"(?=[\"A-Z0-9])")
# A byline glued to the text: "By" and two to six names in capitals (initials, "and" between
# two writers, a ", M.D." after), then a period, a bracket, an asterisk or a capitalised word.
# "By NATO standards" (one capitalised word, then lower case) is prose.
_NAME = r"[A-Z][A-Z'-]+|[A-Z]\."
_BYLINE = re.compile(
    _AT_START + rf"\*?(?:By|BY) (?:(?:{_NAME}) ){{1,5}}(?:{_NAME})"
    rf"(?:,? (?:and|AND) (?:(?:{_NAME}) ){{0,5}}(?:{_NAME}))?"
    r"(?:, [A-Z][A-Za-z.]{1,5})?(?:\.(?= |$)| ?(?=[(*])| (?=[A-Z]))")
# A credit in brackets, every word capitalised but a few small ones, before the first sentence
# or between two sentences: "(Distributed by Some News Features)", "(Ann Lee/Daily Post Photo)".
# Brackets in prose hold a clause, a lower-case aside or one name ("(NATO)", "(D-N.Y.)"); the
# credit has at least CREDIT_MIN_WORDS capitalised words and no sentence end.
CREDIT_MIN_WORDS = 3
_CREDIT_WORDS = r"[A-Z][\w'&/-]*(?: (?:[A-Z][\w.'&/-]*|by|of|the|and|for|from|in|at))+"
_CREDIT = re.compile(_AT_START + rf"\*?\((?P<words>{_CREDIT_WORDS})\)(?: |$)")
# The same credit after a headline in capitals at a line's start ("HARBOR TALKS (Distributed by ...)"):
# the headline stays, for the glued-capitals rule of briefing.clean to cut with the next sentence.
_HEADED_CREDIT = re.compile(r"^(?P<head>(?:[A-Z][A-Z0-9'&.,:;?-]* ){2,24})"
                            rf"\*?\((?P<words>{_CREDIT_WORDS})\)(?: |$)")
# A rule of three or more underscores, dashes or equals signs, with the list number after it
# ("... moon. _____ 2. The next item"): a separator, never words.
_RULE = re.compile(r"(?<!\S)(?:_{3,}|-{3,}|={3,})(?: \d{1,3}[.)](?= ))?(?!\S)")
# A list bullet typed as an underscore or a double dash, then a space, after a sentence end ("... jobs. _ The
# plan"; "_Alpha" glued to its word is no bullet).
# After a place's abbreviation ("PALM BAY, Fla. _ The ...") the mark is a dateline's dash, and stays.
_BULLET = re.compile(r"(?:(?<=[.!?] )|(?<=[.!?][\"')] ))(?:_|--) (?=[\"A-Z0-9])")
ABBREVIATION_WINDOW = 12  # characters before the mark that hold the abbreviation ("N.J. ", "Calif. ")
_PLACE_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,4}|(?:[A-Z]\.)+[A-Z])\. $")


def strip_wire_furniture(line: str) -> str:
    """The line without story slugs, glued bylines, title-case credits in brackets, rules and bullets."""
    if "_" in line or "-" in line or "=" in line:
        line = " ".join(_RULE.sub(" ", line).split())
        line = _SLUG.sub("", line)
        line = _BULLET.sub(_bullet, line)
    if "By" in line or "BY" in line:
        line = _BYLINE.sub("", line)
    if "(" in line:
        line = _CREDIT.sub(_credit, _HEADED_CREDIT.sub(_credit, line))
    return " ".join(line.split())


def _bullet(match: re.Match[str]) -> str:
    """Nothing for a bullet after a sentence, the mark as it was after a place's abbreviation."""
    before = match.string[max(0, match.start() - ABBREVIATION_WINDOW):match.start()]
    return match.group() if _PLACE_ABBREVIATION.search(before) else ""


def _credit(match: re.Match[str]) -> str:
    """Nothing for a credit of enough capitalised words, else the bracket as it was."""
    capitalised = [w for w in match["words"].replace("/", " ").split() if w[0].isupper()]
    if len(capitalised) < CREDIT_MIN_WORDS:
        return match.group()
    return match.groupdict().get("head") or ""
