"""Lines that are never article prose, and credits glued to prose: the rules briefing.clean applies.

Labels and link lists, bylines, timestamps, captions and picture credits, origin notes, and
wire credits after a paragraph's last sentence, each recognised by its shape so they carry
over to any outlet.
"""

from __future__ import annotations

import re

# Punctuation at a word's or line's edge, stripped before comparing words.
EDGE_PUNCT = "\"'()[],;:.!?\u2026"
# Bylines name a few people and an outlet, perhaps a date; longer lines are prose.
BYLINE_MAX_WORDS = 20
# "Originally published on X" notes are short; a longer line is a sentence about history.
NOTE_MAX_WORDS = 12
# A picture caption is a sentence or two; a longer line ending in a parenthesised credit is prose
# (or a whole article whose paragraph breaks were lost, ending "(h/t Outlet.)"), never dropped.
CAPTION_MAX_WORDS = 80
# No line of boilerplate (label, byline, caption, credit, disclaimer) runs longer than a caption: a
# longer line is prose, or a whole article that lost its paragraph breaks, and is never dropped whole.
BOILERPLATE_MAX_WORDS = CAPTION_MAX_WORDS
# A disclaimer glued to an article's end ("... said. Disclaimer: this story is auto ...") is short.
DISCLAIMER_MAX_WORDS = 40
# Labels of link lists: the label line and the list line after it go.
_SECTION = re.compile(
    r"^(?:tags?|topics?|keywords?|filed under|categories|related(?: \w+){0,2}|recommended(?: \w+){0,2}"
    r"|most (?:read|popular|viewed|shared)|trending(?: now)?|you may also like|see also|read more"
    r"|more stories|more on this(?: story)?)"
    r"\s*(?::.*)?$", re.IGNORECASE)
_BOILERPLATE = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"^(?:advertisement|advert|ad|sponsored(?: content)?|promoted(?: content)?)$",
    r"^(?:read|see|watch|listen)(?: more| also| next| the full (?:story|article)| full (?:story|article))\b",
    r"^(?:sign up|subscribe|register now|join our|download (?:our|the) app|get (?:our|the) \w+ newsletter)\b",
    r"^(?:share this|share on|share via|follow us|follow @|like us on|click (?:here|to)|tap here"
    r"|continue reading|story continues|scroll (?:down )?to continue|listen to (?:this )?(?:article|story)"
    r"|skip to|back to top)\b",
    r"^share(?: (?:article|story))?\s*:?$",
    r"^\d+\s*min(?:ute)?s? read$",
    r"^(?:\u00a9|\(c\)\s|copyright\b)",
    r"^disclaimer\b",
    r"^the post .{1,200} appeared first on .{1,80}$",  # feed footers of blog software
    r"^(?:publisher|source|origin|url|link|canonical)\s*:\s*\S+(?: \S+){0,5}$",
    r"^(?:https?://|www\.)\S+$",
    # Captions and picture credits.
    r"^(?:photo(?:graph)?s?|images?|pictures?|pictured|credits?|caption|file photo|graphic|illustration"
    r"|video|watch)\s*:",
    r"^supporting (?:image|photo|picture|video)\b",
    r"^(?:in )?this (?:[\w'-]+ ){0,3}"
    r"(?:photo(?:graph)?|image|picture|handout|screenshot|screengrab|frame grab)\b",
    r"^(?:photo|image|picture|video)s? (?:by|courtesy of|credit|provided by)\b",
))
# Boilerplate found anywhere in a line, each with the lower-case cues one of which it needs: a
# search over the whole line is slow (these three were two thirds of cleaning), a cue test is not.
_CUED_BOILERPLATE = tuple((cues, re.compile(p, re.IGNORECASE)) for cues, p in (
    (("all rights reserved",), r"\ball rights reserved\b"),
    (("auto", "syndicated feed"),
     r"^(?=.*\b(?:auto[- ]?(?:aggregated|generated)|syndicated feed)\b)(?=.*\b(?:edited|created|written)\b)"),
    (("/", "getty images"),
     r"(?-i:\b[A-Z][\w&-]*(?: Photo)?/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}|\bGetty Images)$"),  # "REUTERS/Name"
))
# A wire note to the desk, of any length: "EDITOR'S NOTE: ...", "Editor's note -- ...", "EDS: ADDS ...".
_EDITORS_NOTE = re.compile(r"^(?:editor['\u2019]?s['\u2019]? notes?|editors?|eds?)\s*(?::|--|[\u2014\u2013-] )",
                           re.IGNORECASE)
_ORIGIN_NOTE = re.compile(
    r"^(?:this (?:article|story|post|piece) )?(?:was |is )?"
    r"(?:originally|first) (?:published|appeared|posted|ran)\b",
    re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:(?:words|story|text|written|reporting|additional reporting|editing|writing|compiled|produced"
    r"|translated|interviews)\s+)?by\s+(?P<rest>.+)$", re.IGNORECASE)
_BYLINE_WORDS = frozenset("""and & of the for in at from with by staff contributor contributors correspondent
correspondents reporter reporters editor editors writer writers senior chief political foreign diplomatic
special agency agencies wires wire desk bureau news de da del di van von der al bin""".split())
_STAMP_LABEL = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|modified|posted)|date(?:line)?|created)\b"
    r"\s*:?\s*(?:on |at )?",
    re.IGNORECASE)
_MONTH = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july"
          r"|august|september|october|november|december")
_DATE_TOKEN = re.compile(
    r"^(?:\d[\d:./+\-TZ]*(?:am|pm|h)?|\d{1,2}(?:st|nd|rd|th)|(?:" + _MONTH + r")\.?"
    r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?"
    r"|[ap]\.?m\.?|gmt|utc|bst|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|ct|pt|ist|msk|z"
    r"|ago|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|today|yesterday|just|now"
    r"|on|at|and|by|[|\u2022\u00b7\u2014\u2013-])$", re.IGNORECASE)
_HAS_DATE = re.compile(r"\d|\b(?:" + _MONTH + r")\b", re.IGNORECASE)
_CREDIT = re.compile(r"\((?P<credit>[^()]{3,})\)\s*\.?$")
_CREDIT_MARK = re.compile(
    r"/\s*[A-Z]|\bvia\b|\bgetty\b|\bhandout\b|\bphoto\b|\bimages?\b|\bcredit\b|\bpool\b", re.IGNORECASE)
# Credits after the last sentence of a paragraph; group "credit" is checked for wire-agency words.
_AFTER_SENTENCE = r"(?<=[.!?\u2026\"')\]])"
_NAMES = r"(?P<credit>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})"
_DASH_CREDIT = re.compile(_AFTER_SENTENCE + r"\s*(?:[\u2014\u2013]|-{1,2})\s*" + _NAMES + "$")
_PAREN_CREDIT = re.compile(_AFTER_SENTENCE + r"\s*\(" + _NAMES + r"\)$")
_WITH_WIRES = re.compile(
    r"(?:^|" + _AFTER_SENTENCE + r"\s)\s*(?:[\u2014\u2013-]+\s*)?with (?:[\w.'&-]+ ){0,3}"
    r"(?:wires?|wire services|agencies|news services|files(?: from [\w .&'-]+)?"
    r"|reporting (?:by|from) [\w .,&'-]+)\.?$",
    re.IGNORECASE)
_PUBLISHER_TAIL = re.compile(r"\s*\bpublisher\s*:\s*\S+$", re.IGNORECASE)
_DISCLAIMER_TAIL = re.compile(rf"\s+(?:DISCLAIMER|Disclaimer)\s*:\s*\S+(?:\s+\S+){{0,{DISCLAIMER_MAX_WORDS - 1}}}$")
# The same notes and tag lists glued after a last sentence (an article whose paragraph breaks were lost).
_ORIGIN_TAIL = re.compile(_AFTER_SENTENCE + r"\s+(?:This (?:article|story|post|piece) )?(?:was |is )?"
                          r"(?:[Oo]riginally|[Ff]irst) (?:published|appeared|posted|ran)\b"
                          rf"(?:\s+\S+){{0,{NOTE_MAX_WORDS}}}$")
_TAGS_TAIL = re.compile(_AFTER_SENTENCE + r"\s+(?:Tags?|Topics?|Keywords?|Filed under)\s*:?\s+[^.!?\s][^.!?]{0,120}$")
# A contributor's tagline, on a line of its own (maybe in brackets) or glued after the last sentence:
# names, perhaps with a staff title ("Staff writer Ann Lee", "Ann Lee and Tom Berg"), then "writes for",
# "is a ... columnist/writer/... " or "contributed to this report". Prose about a journalist runs on
# in a paragraph of its own; a tagline is at most this many words, an e-mail line after it included.
TAGLINE_MAX_WORDS = 40
_TAGLINE_WORD = r"(?:[A-Z][\w.'\u2019&-]*|staff|writers?|correspondents?|reporters?|editors?|and)"
_TAGLINE_WHO = rf"{_TAGLINE_WORD}(?:,? {_TAGLINE_WORD}){{0,9}}"
_TAGLINE_ROLE = (r"(?:also )?(?:writes? for (?:the )?[A-Z]"
                 r"|(?:is|are) (?:an?|the) (?:[\w-]+ ){0,4}?(?:staff )?"
                 r"(?:writer|reporter|correspondent|columnist|editor|contributor|critic)s?\b"
                 r"|contributed (?:reporting\b|to this (?:report|story|article)\b))")
_TAGLINE = re.compile(rf"^\(?{_TAGLINE_WHO} {_TAGLINE_ROLE}")
_TAGLINE_TAIL = re.compile(rf"{_AFTER_SENTENCE}\s+\(?(?={_TAGLINE_WHO} {_TAGLINE_ROLE})")
_WIRE_WORDS = frozenset("""agency agencies wire wires press presse agence news newsroom staff desk bureau
service services reuters bloomberg xinhua interfax""".split())
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def is_section_label(line: str) -> bool:
    """True for the label of a tag or link list ("Tags", "Related stories"), whose list goes too."""
    return bool(_SECTION.match(line))


def is_boilerplate(line: str) -> bool:
    """True for a line that is never prose: label, byline, timestamp, caption or credit note."""
    if _EDITORS_NOTE.match(line):
        return True
    if len(line.split(maxsplit=BOILERPLATE_MAX_WORDS)) > BOILERPLATE_MAX_WORDS:
        return False
    lower = line.lower()
    return (any(p.search(line) for p in _BOILERPLATE)
            or any(p.search(line) for cues, p in _CUED_BOILERPLATE if any(c in lower for c in cues))
            or is_byline(line) or _is_timestamp(line) or is_tagline(line)
            or _has_picture_credit(line) or _is_origin_note(line))


def strip_credits(line: str) -> str:
    """The line without a wire credit, "With ... wires", "Publisher:" or a disclaimer glued after its last sentence."""
    for _ in range(3):
        before = line
        lower = line.lower()  # each pattern runs only when its word is there: a search is slow
        if "with" in lower:
            line = _WITH_WIRES.sub("", line)
        if "publisher" in lower:
            line = _PUBLISHER_TAIL.sub("", line)
        if "disclaimer" in lower:
            line = _DISCLAIMER_TAIL.sub("", line)
        if "published" in lower or "tag" in lower:  # an origin note or a tag list glued to the last sentence
            line = _TAGS_TAIL.sub("", _ORIGIN_TAIL.sub("", _TAGS_TAIL.sub("", line)))
        line = line.rstrip()
        for pattern in (_DASH_CREDIT, _PAREN_CREDIT):
            match = pattern.search(line)
            if match and _is_wire_credit(match["credit"]):
                line = line[:match.start()].rstrip()
        if line == before:
            break
    return line


def is_tagline(line: str) -> bool:
    """True for a contributor's tagline: "Ann Lee writes for the Post.", "(Ann Lee contributed to this report.)"."""
    return len(line.split()) <= TAGLINE_MAX_WORDS and bool(_TAGLINE.match(line))


def strip_tagline_tail(line: str) -> str:
    """The last line without a contributor's tagline glued after its last sentence (no paragraph breaks)."""
    for match in _TAGLINE_TAIL.finditer(line):
        if len(line[match.start():].split()) <= TAGLINE_MAX_WORDS:
            return line[:match.start()].rstrip()
    return line


def is_byline(line: str) -> bool:
    """True for a byline: "By" (or "Reporting by", ...) then names, outlet words, handles or a date."""
    match = _BYLINE.match(line)
    if not match:
        return False
    tokens = [t.strip(EDGE_PUNCT) for t in re.split(r"[\s,;|/\u2022\u00b7]+", match["rest"])]
    tokens = [t for t in tokens if t]
    return 0 < len(tokens) <= BYLINE_MAX_WORDS and all(
        t[0].isupper() or t.lower() in _BYLINE_WORDS or "@" in t or _DATE_TOKEN.match(t) for t in tokens)


def _is_timestamp(line: str) -> bool:
    label = _STAMP_LABEL.match(line)
    rest = line[label.end():] if label else line
    tokens = rest.replace(",", " ").split()
    if not tokens:
        return label is not None
    return all(_DATE_TOKEN.match(t) for t in tokens) and (label is not None or bool(_HAS_DATE.search(rest)))


def _has_picture_credit(line: str) -> bool:
    """True for a caption ending with a picture credit such as "(Name/Agency via AP)"."""
    match = _CREDIT.search(line)
    if match is None or len(line.split()) > CAPTION_MAX_WORDS:
        return False
    return len(match["credit"].split()) >= 2 and bool(_CREDIT_MARK.search(match["credit"]))


def _is_origin_note(line: str) -> bool:
    return bool(_ORIGIN_NOTE.match(line)) and len(line.split()) <= NOTE_MAX_WORDS


def _is_wire_credit(credit: str) -> bool:
    words = credit.replace("-", " ").split()
    return any(_ACRONYM.match(w) or w.lower().rstrip(".") in _WIRE_WORDS for w in words)
