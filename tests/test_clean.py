"""Cleaning: each rule, the seeds, other outlets' styles, and properties that hold for any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.clean import (
    clean_article,
    clean_text,
    cut_glued_dateline,
    heading,
    normalise,
    split_headline,
    unwrap,
)
from briefing.models import Article
from briefing.sentences import words

OUTLETS = Path(__file__).resolve().parent / "data" / "ingest" / "outlets"

# Per seed: how the lines that are not prose begin (each prefix matches at least one line).
SEED_BOILERPLATE = {
    "000": ("Russia Trying to 'Drag Out' Negotiations", "Russia wants land still controlled",
            "Zelensky failed to secure long-range Tomahawks", "Originally published on", "Tags",
            "Russia, Ukraine"),
    "001": ("With Post wires", "Disclaimer : This story is auto aggregated"),
    "002": (),
    "003": ("Limited Progress and Tense", "Accusations of Bad Faith", "Push for European Support"),
    "004": ("Shropshire Star", "Envoys signal no breakthrough", "By contributor", "Published", "Last updated",
            "Supporting image for story:", "Ukrainian soldiers control a drone", "In this photo provided by",
            "A soldier watches for Russian FPV drones", "Four Ukrainian soldiers at a vehicle",
            "Ukrainian soldiers ahead of assignments"),
}
# Credits glued to prose: cut off, the rest of the line kept.
SEED_FRAGMENTS = ("GENEVA — ", " — Agency")
# 004's standfirst, repeated word for word at the start of its second paragraph.
STANDFIRST = "The negotiations in Switzerland were the third round of direct talks organised by the US."


def seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def cleaned(text: str) -> list[str]:
    return clean_text(text, heading(text).title).split("\n")


# --- normalisation -------------------------------------------------------


def test_output_has_one_paragraph_per_line_and_no_blank_lines() -> None:
    text = "\n\n  First   paragraph here.  \n\n\n\tSecond one,\u00a0too.\n\n"
    assert clean_text(text) == "First paragraph here.\nSecond one, too."


def test_hard_wrapped_text_is_joined_per_block() -> None:
    text = ("The talks ended on Monday without a deal, and both sides\n"
            "blamed each other for the failure to agree\non a timetable.\n\n"
            "A new round is planned for next week, officials\nsaid on Tuesday evening.\n")
    assert unwrap(text).split("\n") == [
        "The talks ended on Monday without a deal, and both sides blamed each other for the failure to agree "
        "on a timetable.", "A new round is planned for next week, officials said on Tuesday evening."]
    assert len(clean_text(text).split("\n")) == 2


# --- headlines -------------------------------------------------------------


def test_headlines_subheads_and_mastheads_go() -> None:
    text = ("Northern Courier\nTalks collapse as both sides dig in\nA Long Night In The Capital\n"
            "The talks collapsed on Monday.\nWhat Happens Next?\nBoth sides will meet again.")
    assert clean_text(text) == "The talks collapsed on Monday.\nBoth sides will meet again."


def test_short_prose_and_quotes_survive() -> None:
    text = "It ended.\n\"Never. Never.\"\nWhy did it fail?\nHe said:\nRussia, Ukraine and Belarus signed."
    assert clean_text(text).split("\n") == text.split("\n")[:3] + ["Russia, Ukraine and Belarus signed."]


def test_heading_finds_title_and_masthead() -> None:
    text = "Harbour Times\n\nFerry crews vote to strike\n\nBy Sam Okafor\n\nFerry crews voted to strike."
    assert heading(text).title == "Ferry crews vote to strike"
    assert heading(text).masthead == "Harbour Times"
    assert heading("Crews voted to strike on Monday.\nMore talks follow.").title == ""


def test_headline_glued_to_first_sentence_with_known_title() -> None:
    text = "Ferry Crews Vote to Strike Ferry crews voted on Monday to strike next week.\nThe union said so."
    assert clean_text(text, title="Ferry Crews Vote to Strike") == (
        "Ferry crews voted on Monday to strike next week.\nThe union said so.")


def test_headline_glued_to_first_sentence_is_guessed_from_common_words() -> None:
    body = ("The strike began on Monday and crews said the new rosters would force longer shifts.\n"
            "The talks with the operator collapsed over pay, and the union says crews will vote again.")
    line = "Ferry Crews Vote to Strike Over Rosters Talks broke down on Sunday night after nine hours."
    assert split_headline(line, "", body) == ("Ferry Crews Vote to Strike Over Rosters",
                                              "Talks broke down on Sunday night after nine hours.")
    article = clean_article(Article(id="a", text=line + "\n" + body))
    assert article.title == "Ferry Crews Vote to Strike Over Rosters"
    assert article.text.startswith("Talks broke down on Sunday night")


@pytest.mark.parametrize("line", [
    "US Army Secretary Daniel Driscoll and Brigadier General Michael Adamski took part in the talks.",
    "Russian Foreign Minister Sergei Lavrov said the foreign ministers would meet again.",
    "President Volodymyr Zelensky said the talks were difficult.",
    "Peace talks between the two sides ended on Wednesday.",
])
def test_names_at_the_start_of_a_sentence_are_never_cut(line: str) -> None:
    context = "the army and the general said the foreign minister and the secretary met on peace talks."
    assert split_headline(line, "", context) == ("", line)


def test_headline_from_another_title_is_not_cut() -> None:
    line = "Strike Talks Resume Crews met the operator on Monday."
    assert split_headline(line, "Something else entirely") == ("", line)


# --- quotation lines --------------------------------------------------------------

# Reader voices in a list: each line a quotation signed by a dash and a name, no final period.
VOICES = """Ferry crews on the picket line

Crews at the northern ferry terminal have been on strike since Monday over new rosters.

We asked them what keeps them out in the cold:

“They want us on the boats for fourteen hours without a proper break” ― Ines Halvorsen
"My children have not seen me awake on a weekday for a month" — Petr Novak, deckhand
"We will go back the moment they put the old rosters on the table" – Ana Ruiz
"Nobody asked the people who actually sail these ships in winter" - Sam Okafor
"I have never seen the terminal this empty on a Friday night"
Share this article
Read more
Photo: Lena Ek/Harbour Agency
Skip to content
"""


def test_signed_quotations_in_a_list_survive_and_boilerplate_still_goes() -> None:
    lines = cleaned(VOICES)
    assert lines[0].startswith("Crews at the northern ferry terminal")
    assert [line[:12] for line in lines[2:]] == [
        '"They want u', '"My children', '"We will go ', '"Nobody aske', '"I have neve']
    assert lines[2].endswith("\u2015 Ines Halvorsen") and lines[3].endswith("Petr Novak, deckhand")
    numbered = '2. "Nobody asked the people who sail these ships" \u2014 Sam Okafor'
    assert clean_text("The strike went on.\n" + numbered) == "The strike went on.\n" + numbered


def test_a_list_of_signed_quotations_without_a_headline_keeps_its_first_quotation() -> None:
    text = VOICES.split("\n\n", 3)[3]  # the quotation lines and the boilerplate under them
    assert heading(text).title == ""
    assert cleaned(text)[0].startswith('"They want us on the boats')


@pytest.mark.parametrize("line", [
    '"We were never told anything at all": families demand answers',  # a headline around a quotation
    'Zelensky: "Russia is dragging out the talks"',  # a headline after a name
    'Protesters hold a sign reading "No more war in our name" outside the station',  # a caption
    '"The Night The Harbour Went Quiet"',  # a title-case title
    '"Just a few words" \u2014 and then the minister left the room without answering',  # a clause, not a name
    '"Four more words now',  # an unclosed quotation
    '"Too short" \u2014 Ines Halvorsen',
])
def test_lines_that_are_not_quotations_in_a_list_go(line: str) -> None:
    assert clean_text("The ferry strike entered its second week on Monday.\n" + line) == (
        "The ferry strike entered its second week on Monday.")


# --- datelines -------------------------------------------------------------------


@pytest.mark.parametrize(("lead", "expected"), [
    ("GENEVA — Peace talks ended on Wednesday.", "Peace talks ended on Wednesday."),
    ("KYIV, Ukraine (AP) — Drones hit the city overnight.", "Drones hit the city overnight."),
    ("LONDON, March 3 (Reuters) - Prices rose in March.", "Prices rose in March."),
    ("OSLO — \"We will strike,\" the union said.", "\"We will strike,\" the union said."),
    ("NATO said the talks were useful.", "NATO said the talks were useful."),
])
def test_dateline_before_the_lead_is_cut(lead: str, expected: str) -> None:
    assert clean_text(lead) == expected


def test_dateline_is_only_cut_in_the_lead() -> None:
    text = "Talks ended.\nA standfirst comes next.\nMILAN — This is the third paragraph."
    assert clean_text(text).split("\n")[-1] == "MILAN — This is the third paragraph."


# --- repeats ---------------------------------------------------------------------------


def test_repeated_paragraphs_and_standfirst_are_kept_once() -> None:
    text = ("The talks in Oslo were the third round of direct talks.\n"
            "Both sides said the talks were difficult.\n"
            "The talks in Oslo were the third round of direct talks, after earlier meetings in Bergen.\n"
            "Both sides said the talks were difficult.\nIt ended.\nIt ended.")
    assert clean_text(text).split("\n") == [
        "Both sides said the talks were difficult.",
        "The talks in Oslo were the third round of direct talks, after earlier meetings in Bergen.",
        "It ended."]


# --- articles ----------------------------------------------------------------------------


def test_clean_article_fills_title_from_headline_and_keeps_a_given_one() -> None:
    text = "Strike called off at the port\nThe strike was called off on Friday."
    assert clean_article(Article(id="a", text=text)).title == "Strike called off at the port"
    kept = clean_article(Article(id="a", text=text, title="Port “deal” done"))
    assert kept.title == 'Port "deal" done'
    assert kept.text == "The strike was called off on Friday."


@pytest.mark.parametrize("prefix", sorted(SEED_BOILERPLATE))
def test_seed_boilerplate_goes_and_all_prose_stays(seeds_dir: Path, prefix: str) -> None:
    text = seed(seeds_dir, prefix)
    out = cleaned(text)
    lines = [raw.strip() for raw in text.splitlines() if raw.strip()]
    boilerplate = [line for line in lines if line.startswith(SEED_BOILERPLATE[prefix])]
    assert all(any(line.startswith(p) for line in boilerplate) for p in SEED_BOILERPLATE[prefix])
    for line in boilerplate:
        gone = normalise(line)
        assert all(gone not in o for o in out) if len(gone) > 20 else gone not in out, line
    for line in lines:
        if line not in boilerplate and line != STANDFIRST:
            prose = line
            for fragment in SEED_FRAGMENTS:
                prose = prose.replace(fragment, "")
            assert normalise(prose) in out, line
    for fragment in SEED_FRAGMENTS:
        assert all(normalise(fragment).strip() not in o for o in out)


def test_seed_standfirst_survives_in_the_paragraph_that_repeats_it(seeds_dir: Path) -> None:
    out = cleaned(seed(seeds_dir, "004"))
    assert normalise(STANDFIRST) not in out
    assert any(o.startswith(STANDFIRST[:-1] + ",") for o in out)


def test_other_outlets_styles() -> None:
    wire = cleaned((OUTLETS / "wire-floods.txt").read_text(encoding="utf-8"))
    assert wire == [
        "Heavy rain forced more than 4,000 people from their homes in northern Italy on Tuesday, "
        "officials said, as rivers burst their banks across Lombardy.",
        "Rescue teams used boats to reach villages cut off by the water near Cremona.",
        '"We have never seen the river this high," said Mayor Giulia Neri, '
        "who has lived in the town for 60 years.",
        "The civil protection agency said it expected the water to recede by Thursday, "
        "but warned of more rain at the weekend."]
    gazette = cleaned((OUTLETS / "daily-gazette.txt").read_text(encoding="utf-8"))
    assert gazette == [
        "The town council voted on Monday to approve a new bridge over the River Avon, "
        "ending more than ten years of debate.",
        "Councillors backed the £12 million plan by 21 votes to 4.",
        'Council leader Priya Shah said the bridge would "finally connect both halves of our town".',
        "Work is expected to begin next spring."]


def test_cleaning_is_idempotent_on_real_articles(seeds_dir: Path) -> None:
    for path in [*seeds_dir.glob("*.txt"), *OUTLETS.glob("*.txt")]:
        once = clean_text(path.read_text(encoding="utf-8"))
        assert clean_text(once) == once, path.name


# --- properties --------------------------------------------------------------------------

SNIPPETS = [
    "By Jane Doe, Agency", "Published", "Tags", "Russia, Ukraine", "GENEVA — ", " — Agency",
    "With Post wires", "Publisher: x.com", "(Name/Agency via AP)", "In this photo", "Read more",
    "Advertisement", "Headline Here", "The talks ended on Monday.", '"We will win," he said.',
    "“Curly” ‘quotes’", "Mr. Smith met U.S. envoys.", "Talks Collapse Again Peace talks ended.",
    "Disclaimer: auto aggregated, not edited.", "©", "\u00a0", "\t",
]
LINES = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=40)), max_size=6).map(" ".join)
TEXTS = st.lists(LINES, max_size=8).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), TEXTS), st.sampled_from(["", "Headline Here", "Talks Collapse Again"]))
def test_cleaning_any_text_only_removes(text: str, title: str) -> None:
    out = clean_text(text, title)
    flat = " ".join(line for line in normalise(text).split("\n") if line)
    assert set(words(out)) <= set(words(normalise(text)))
    for line in out.split("\n") if out else []:
        assert line and line == line.strip() and "  " not in line
        assert line in flat


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_clean_article_never_raises(text: str) -> None:
    article = clean_article(Article(id="x", text=text, title=text[:20]))
    assert "\n\n" not in article.text


@pytest.mark.parametrize("line, lead", [
    ("Ferry Service Resumes KIRKWALL, Scotland (AP) _ The island ferry sailed again on Monday.",
     "The island ferry sailed again on Monday."),
    ("Port Strike Ends LAGOS, March 4 (Xinhua) -- Dock workers returned to their posts today.",
     "Dock workers returned to their posts today."),
    ("TOWN VOTES ON NEW BRIDGE BRISTOL _ Residents backed the plan by a wide margin.",
     "Residents backed the plan by a wide margin."),
    ("Storm Hits N.J. Coast TRENTON, N.J. (AP) -- High winds closed the shore road.",
     "High winds closed the shore road."),
])
def test_a_headline_run_into_its_dateline_is_cut(line: str, lead: str) -> None:
    assert cut_glued_dateline(line) == lead


@pytest.mark.parametrize("line", [
    "The mayor spoke first. Officials from NATO _ and from the city _ then replied.",
    "Residents of the valley, who had waited for years, said the GENEVA — Talks would help.",
    "Dock workers returned to their posts today.",
])
def test_prose_before_capitals_and_a_dash_is_no_headline(line: str) -> None:
    assert cut_glued_dateline(line) == line


def test_a_flattened_wire_story_loses_its_headline_and_dateline() -> None:
    text = ("Ferry Service Resumes KIRKWALL, Scotland (AP) _ The island ferry sailed again on Monday. "
            "\"We are glad to be back,\" the captain said.")
    assert clean_text(text).startswith("The island ferry sailed again on Monday.")


def test_a_wire_dateline_typed_with_an_underscore_is_cut() -> None:
    text = "Mill Reopens\n\nDULUTH, Minn. (AP) _ The paper mill hired back 200 workers on Friday."
    assert clean_text(text) == "The paper mill hired back 200 workers on Friday."


def test_seed_articles_without_paragraph_breaks_keep_all_their_prose(seeds_dir: Path) -> None:
    """A feed may flatten an article into one line: no line rule may drop it, or any part of its prose."""
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        flat = clean_text(" ".join(line.strip() for line in text.splitlines() if line.strip()))
        assert all(paragraph in flat for paragraph in clean_text(text).split("\n")), path.name


def test_a_line_introducing_a_quotation_is_kept_a_label_is_not() -> None:
    text = ("The debate was tense on Tuesday night.\n\nSenator Marlow continued:\n\n"
            "\"We will not back down on this, not now and not ever.\"\n\nTranscript as follows:\n\n"
            "\"Thank you all for coming out tonight to the hall.\"")
    kept = clean_text(text).split("\n")
    assert "Senator Marlow continued:" in kept and "Transcript as follows:" not in kept


def test_wire_directives_to_editors_are_dropped_in_lines_and_in_running_text() -> None:
    lines = ("The ferry resumed service on Monday.\n\n(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)\n\nnn\n\n"
             "(EDITORS: This story may be trimmed after the fifth paragraph.)\n\nFares rose by a tenth.\n\n(MORE)")
    assert clean_text(lines) == "The ferry resumed service on Monday.\nFares rose by a tenth."
    flat = ("The ferry resumed service on Monday. (END OPTIONAL TRIM) nn Fares rose by a tenth, said "
            "Rep. Dana Voss (D-N.Y.), who sits on the transport panel (NATO) of the council.")
    assert clean_text(flat) == ("The ferry resumed service on Monday. Fares rose by a tenth, said "
                                "Rep. Dana Voss (D-N.Y.), who sits on the transport panel (NATO) of the council.")


def test_a_capitalised_headline_run_into_the_next_sentence_is_cut_a_quoted_slogan_is_not() -> None:
    text = ('The ferry resumed service on Monday. HARBOR FARES CLIMB AGAIN There was a time when fares fell. '
            '"NO MORE FARE RISES," the crowd chanted. The NATO envoy was there.')
    assert clean_text(text) == ('The ferry resumed service on Monday. There was a time when fares fell. '
                                '"NO MORE FARE RISES," the crowd chanted. The NATO envoy was there.')




def test_a_hyphen_signature_under_a_quotation_keeps_its_dash_and_each_repeat() -> None:
    text = ('Our notes on the debate follow, claim by claim.\n\n"The exporters pay no taxes at all, not a cent."\n\n'
            '- Baxter.\n\nThat is not quite right, and the numbers show it.\n\n'
            '"The plan will cost nothing at all to the taxpayer."\n\n- Baxter.\n\n- A list item, not a signature.')
    lines = clean_text(text).split("\n")
    assert lines.count("- Baxter.") == 2
    assert "A list item, not a signature." in lines
