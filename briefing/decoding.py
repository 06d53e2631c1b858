"""A fetched feed's bytes -> UTF-8, before anything parses them.

expat (the entity screen) reads only UTF-8, UTF-16 and single-byte encodings, so feeds in
gb2312, big5, shift_jis and the like are decoded here first and re-declared as UTF-8; the
screen and feedparser then read the same UTF-8 bytes. The encoding is chosen as feedparser
and browsers do: a byte-order mark first (it cannot lie), then the HTTP charset, then the XML
declaration, then UTF-8; the first that decodes the bytes without error wins.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

from briefing.errors import SourceError

log = logging.getLogger(__name__)

# Byte-order marks, longest first (UTF-32-LE's starts like UTF-16-LE's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# What browsers (the WHATWG Encoding Standard) decode these labels as: supersets that also read
# the characters publishers use under the older name (GBK under "gb2312", Windows-31J under
# "shift_jis", ...). Keys are Python's canonical codec names.
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932",
             "big5": "big5hkscs", "latin-1": "cp1252", "iso8859-1": "cp1252"}
# UTF-16/32 without a BOM: how '<?' looks in each (XML 1.0, appendix F).
SNIFFED = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00?\x00", "utf-16-le"),
           (b"\x00<\x00?", "utf-16-be"))
XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
DECLARATION_TEXT = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])")
CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
# How much of the start is searched for the XML declaration (it must come first).
DECLARATION_BYTES = 512
# Mojibake: UTF-8 bytes read as Windows-1252 or Latin-1 ("FranÃ§ois" for "François"), once or twice.
# A run of such characters is re-read as the bytes it came from while those bytes are UTF-8.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_TRAIL = f"[\u0080-\u00bf{_CP1252_HIGH}]+"  # what a byte of 0x80-0xBF reads as
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4]{_TRAIL}(?:[\u00c2-\u00f4]?{_TRAIL})*")
_C1 = re.compile("[\u0080-\u009f]")
# How many times a run may have been mis-read (each round undoes one).
MOJIBAKE_ROUNDS = 3


@dataclass(frozen=True, slots=True)
class Decoded:
    """A feed re-encoded as UTF-8 (declaration rewritten), the encoding it was read as, and any doubt."""

    data: bytes
    encoding: str
    note: str | None = None


def to_utf8(data: bytes, content_type: str, url: str) -> Decoded:
    """The feed's bytes as UTF-8; SourceError when it names an encoding Python does not know."""
    bom = next(((mark, name) for mark, name in BOMS if data.startswith(mark)), None)
    if bom is not None:
        candidates = [bom[1]]
        data = data[len(bom[0]):]
    else:
        candidates = [e for e in (header_charset(content_type), declared(data)) if e]
        candidates += [name for mark, name in SNIFFED if data.startswith(mark)] + ["utf-8"]
    for name in dict.fromkeys(known(c, url) for c in candidates):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return Decoded(redeclared(text), name)
    note = f"bytes not in {', '.join(dict.fromkeys(candidates))} were replaced"
    log.warning("%s: %s", url, note)
    return Decoded(redeclared(data.decode("utf-8", "replace")), "utf-8", note)


def header_charset(content_type: str) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    found = CHARSET.search(content_type or "")
    return found.group(1) if found else None


def declared(data: bytes) -> str | None:
    """The encoding an ASCII-compatible XML declaration names, if any."""
    found = XML_DECLARATION.match(data[:DECLARATION_BYTES])
    return found.group(1).decode("ascii") if found else None


def known(label: str, url: str) -> str:
    """Python's codec for an encoding label (widened as browsers do); SourceError when unknown."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        raise SourceError(f"{url}: refused: the feed declares an encoding Python does not know ({label!r})",
                          "ask the publisher to declare UTF-8 (or another standard encoding)") from None
    return SUPERSETS.get(name, name)


def redeclared(text: str) -> bytes:
    """The text as UTF-8 bytes, its XML declaration (if any) saying so."""
    text = text.removeprefix("\ufeff")
    return DECLARATION_TEXT.sub(r"\g<1>utf-8\g<3>", text, count=1).encode("utf-8", "surrogatepass")


def repaired(text: str) -> str:
    """The text with mojibake undone ("FranÃ§ois" -> "François", "â€œ" -> "“"); other text unchanged.
    Mojibake may come decomposed ("A" and a combining tilde for "Ã"): such a text is read composed (NFC)."""
    if text.isascii():
        return text
    composed = unicodedata.normalize("NFC", text)
    fixed, before = composed, None
    while fixed != before and _MOJIBAKE.search(fixed):  # a repair may leave mojibake again; each one shortens
        fixed, before = _MOJIBAKE.sub(lambda m: _reread(m.group()), fixed), fixed
    return fixed if fixed != composed else text  # nothing undone: the text as it came, not its NFC form


def _reread(run: str) -> str:
    """A run of mis-read characters as the UTF-8 it was, round after round; the run itself when it is not."""
    for _ in range(MOJIBAKE_ROUNDS):
        try:
            data = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in run)
            again = data.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run
        if again == run or _C1.search(again):
            return run  # C1 controls (U+0080-U+009F) are in no text: that reading is not what was meant
        run = again
        if not _MOJIBAKE.fullmatch(run):
            return run
    return run
