"""The XML screen: entity declarations refused, however they are written; long feeds cut."""

from __future__ import annotations

import io
import time
import xml.parsers.expat
from pathlib import Path

import feedparser
import pytest

from briefing.errors import SourceError
from briefing.screening import screen_xml

FEEDS = Path(__file__).parent / "data" / "feeds"


def test_what_feedparser_alone_does_with_entities() -> None:
    """Why screen_xml exists: feedparser's regex misses a DOCTYPE not at a line start."""
    laughs = (FEEDS / "billion_laughs.xml").read_bytes()
    if xml.parsers.expat.version_info < (2, 4, 0):
        pytest.skip("expat before 2.4 has no amplification limit: feedparser alone would expand the entities")
    started = time.monotonic()
    parsed = feedparser.parse(io.BytesIO(laughs))
    assert "amplification" in str(parsed.get("bozo_exception")) and time.monotonic() - started < 5
    leaky = feedparser.parse(io.BytesIO((FEEDS / "external_entity.xml").read_bytes()))
    assert all("root:" not in entry.get("title", "") for entry in leaky.entries)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE rss [<!ENTITY % ext SYSTEM "file:///etc/passwd"> %ext;]>',  # parameter entity
    '<!DOCTYPE rss SYSTEM "file:///etc/passwd" [<!ENTITY x "y">]>',
    '<!DOCTYPE rss [\n<!ENTITY x SYSTEM "http://127.0.0.1:9/steal">\n]>',
])
def test_entity_declarations_of_any_kind_are_refused(doctype: str) -> None:
    data = f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel/></rss>'.encode()
    with pytest.raises(SourceError, match="declares XML entities"):
        screen_xml(data, "http://feed.test/", 10)


def test_an_rss_cut_stays_well_formed() -> None:
    items = "".join(f"<item><title>Story {n}</title></item>" for n in range(5))
    data = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
    cut = screen_xml(data, "http://feed.test/", 2)
    parsed = feedparser.parse(io.BytesIO(cut))
    assert not parsed.bozo and [e.title for e in parsed.entries] == ["Story 0", "Story 1"]
    assert screen_xml(data, "http://feed.test/", 5) == data


def test_atom_cut_stays_well_formed() -> None:
    entries = "".join(f"<entry><id>e{n}</id><title>T{n}</title></entry>" for n in range(5))
    data = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{entries}</feed>'
    cut = screen_xml(data.encode(), "http://feed.test/", 2)
    assert cut.endswith(b"<id>e1</id><title>T1</title></entry></feed>")
    assert screen_xml(data.encode(), "http://feed.test/", 5) == data.encode()
