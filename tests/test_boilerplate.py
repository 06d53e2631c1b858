"""Boilerplate lines and glued credits: each rule, and prose that only looks like boilerplate."""

from __future__ import annotations

import pytest

from briefing.boilerplate import is_boilerplate, is_section_label, is_tagline, strip_credits, strip_tagline_tail
from briefing.clean import clean_text

# --- bylines, timestamps, labels ----------------------------------------------


@pytest.mark.parametrize("line", [
    "By Jamey Keaten and Illia Novikov, Associated Press",
    "By contributor Jane Doe",
    "By Sam Okafor | Political Correspondent",
    "Reporting by Tom Balmforth in Kyiv; Editing by Alex Richardson",
    "Published", "Last updated", "Published: 12 May 2026, 14:20 BST", "Updated 2 hours ago",
    "March 3, 2026 10:45 AM GMT", "Originally published on IBTimes",
    "This article first appeared on Example Daily.",
    "Publisher: nypost.com", "Source: Harbour Times", "https://example.com/story",
    "Disclaimer: This story is auto-aggregated by a computer program and has not been edited by our staff.",
    "This story has not been edited by our staff and is published from a syndicated feed.",
    "Read more: Island fares to rise in June", "Advertisement", "Sign up for our free daily newsletter.",
    "Share this article", "Follow us on Facebook and X", "Subscribe to our newsletter.",
    "Click to share on X (Opens in new window)", "The post Ferry strike ends appeared first on Harbour Wire.",
    "© 2026 Gazette Media Ltd.", "Copyright 2026 Example News. All rights reserved.",
    "Photo: The crossing at Mill Lane.", "Image: Getty", "Credit: Jane Doe/Reuters",
    "Supporting image for story: Crews vote to strike",
    "In this photo provided by the port authority, a ferry leaves the harbour.",
    "In this undated handout photo, the ferry is seen at sea.",
    "A ferry leaves the harbour (Dana Reid/Harbour Times via AP)",
    "A ferry leaves the harbour. (Photo: Dana Reid/Harbour Times)",
    "Rescuers carry a woman through floodwater in Cremona, Italy, March 3, 2026. REUTERS/Paolo Verdi",
    "With Post wires", "With wire services", "- Reuters",
])
def test_boilerplate_lines_go(line: str) -> None:
    assert clean_text(f"The talks ended on Monday.\n{line}\nBoth sides will meet again.") == (
        "The talks ended on Monday.\nBoth sides will meet again.")


@pytest.mark.parametrize("line", [
    "By Wednesday, the talks had ended without a deal.",
    "Published figures show the economy grew by 2 percent.",
    "First published in 1851, the newspaper has long been a voice of the labour movement.",
    "Share prices fell 3 percent on Monday.",
    "The two armies remain locked in battle on the roughly 1,250-kilometre (750-mile) front line.",
    "Officials said the decision was final (the ministry confirmed it later).",
    "Source material was not shared with reporters, officials said.",
    "In a video address, the president said Ukraine was ready.",
    "He said the plan had the backing of Kyiv/Kiev officials.",
])
def test_prose_that_looks_like_boilerplate_stays(line: str) -> None:
    assert clean_text(line) == line


def test_tag_and_link_lists_after_a_label_go() -> None:
    text = ("The talks ended.\nTags\nRussia, Ukraine\nRelated stories\nFares to rise in June\n"
            "Will the dams hold?\nThe ministry said talks would resume.\nTags: strike, ports")
    assert clean_text(text) == "The talks ended.\nThe ministry said talks would resume."


# --- credits glued to prose ---------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("It was shot down overnight. — Agency", "It was shot down overnight."),
    ("It was shot down overnight. - Reuters", "It was shot down overnight."),
    ("Work will begin next spring. – PA", "Work will begin next spring."),
    ('"We will not give up," he said. (AP)', '"We will not give up," he said.'),
    ("It ended without a deal. With Post wires", "It ended without a deal."),
    ("It ended. Publisher: nypost.com", "It ended."),
    ("The war — Russia's largest since 1945 — goes on.", "The war — Russia's largest since 1945 — goes on."),
])
def test_wire_credits_after_the_last_sentence_are_cut(line: str, expected: str) -> None:
    assert clean_text(line) == expected


def test_a_speaker_after_a_quote_is_not_a_wire_credit() -> None:
    line = '"We will never give up." — Volodymyr Zelensky'
    assert strip_credits(line) == line



def test_the_predicates_agree_with_cleaning() -> None:
    assert is_boilerplate("By Sam Okafor | Political Correspondent")
    assert not is_boilerplate("By Wednesday, the talks had ended without a deal.")
    assert is_section_label("Related stories") and not is_section_label("Related talks resumed on Friday.")


def test_a_long_line_ending_in_a_credit_is_prose_not_a_caption() -> None:
    """An article whose paragraph breaks were lost may end "(h/t Outlet.)": it is kept whole."""
    sentence = "The council met on Tuesday and voted to rebuild the old bridge before the winter. "
    article = sentence * 8 + "(h/t The Harbour Gazette.)"
    assert not is_boilerplate(article)
    assert is_boilerplate("Crowds gather at the bridge on Tuesday. (Ana Lund/Getty Images)")


@pytest.mark.parametrize("tail", [
    "With agency wires Disclaimer: This story is auto aggregated by a computer program and has not been "
    "created or edited by the site. Publisher: example.com",
    "Originally published on The Harbour Gazette Tags Bridges, Halden",
    "Tags: bridges, council, Halden",
])
def test_an_article_without_paragraph_breaks_keeps_its_prose_and_loses_its_glued_tail(tail: str) -> None:
    sentence = "The council met on Tuesday and voted to rebuild the old bridge before the winter. "
    article = (sentence * 8).strip()
    assert not is_boilerplate(f"{article} {tail}")  # no rule drops a whole article as one line
    assert clean_text(f"{article} {tail}") == article


def test_a_wire_note_to_editors_is_boilerplate_at_any_length() -> None:
    assert is_boilerplate("EDITOR'S NOTE: Jan Morrow covers transport for the agency and has written "
                          "about ferries, harbors and the people who work on them for twenty years.")
    assert is_boilerplate("Editor's note -- This story contains language some readers may find offensive.")
    assert is_boilerplate("EDS: ADDS background, details on the vote; ADDS quotes")
    assert is_boilerplate("Eds: Embargoed for Thursday, Dec. 2.")
    assert not is_boilerplate("Editors at the paper said the column would return next week.")


@pytest.mark.parametrize("line", [
    "Ann Lund writes for the Harbor Daily Post, Halden, Ore.",
    "(Tom Berg is a senior editor of Coastal Science.)",
    "(Staff writer Ann Lund contributed to this report.)",
    "Daily Post staff writers Ann Lund and Tom Berg contributed to this report.",
    "Lund is a Halden Post columnist based in Salem. E-mail: lund(at)post.example",
])
def test_a_contributors_tagline_is_boilerplate(line: str) -> None:
    assert is_tagline(line) and is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Lund writes for a living and sails on weekends, she said.",
    "The mayor is a former reporter for the Post.",
    "Berg contributed $5,000 to the campaign.",
])
def test_prose_about_writers_and_contributions_is_no_tagline(line: str) -> None:
    assert not is_tagline(line)


def test_a_tagline_glued_after_the_last_sentence_is_cut_and_the_sentences_kept() -> None:
    line = "The dock reopened on Monday, officials said. Ann Lund writes for the Harbor Daily Post."
    assert strip_tagline_tail(line) == "The dock reopened on Monday, officials said."
    prose = "Lund, a reporter, said the dock reopened."
    assert strip_tagline_tail(prose) == prose


def test_clean_text_drops_taglines_on_their_own_line_and_glued_to_the_end() -> None:
    text = ("Ann Lund writes for the Harbor Daily Post.\n\nThe dock reopened on Monday, officials said.\n\n"
            "Crews worked through the night.")
    assert clean_text(text) == "The dock reopened on Monday, officials said.\nCrews worked through the night."
    flat = "The dock reopened on Monday, officials said. (Tom Berg contributed to this report.)"
    assert clean_text(flat) == "The dock reopened on Monday, officials said."
