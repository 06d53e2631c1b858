"""Articles written for the story tests: two stories told by several outlets, and strays."""

from __future__ import annotations

from datetime import UTC, datetime

from briefing.models import Article

DAM = [
    ("Dam breach floods Varnholm valley",
     "A dam above the Varnholm valley gave way early on Tuesday, sending floodwater through three villages. "
     "Rescue teams from Kessel evacuated 2,000 residents as the reservoir emptied. "
     "Engineers said cracks in the dam wall had been reported in March. "
     "The regional governor Ilse Marrow called the breach a disaster and asked for army help."),
    ("Villagers return to mud after Varnholm dam collapse",
     "Residents of the Varnholm valley began returning to flooded homes on Wednesday after the dam collapse. "
     "Governor Ilse Marrow toured Kessel, where floodwater reached the church roof. "
     "The reservoir operator denied that it ignored warnings about cracks in the dam. "
     "Insurers estimate the flood damage at 40 million euros."),
    ("Inquiry ordered into Varnholm reservoir failure",
     "Prosecutors opened an inquiry into the failure of the Varnholm dam, which flooded the valley this week. "
     "Ilse Marrow, the regional governor, said engineers' warnings about cracks had gone unanswered. "
     "The reservoir operator suspended two managers. "
     "Families evacuated from Kessel remain in emergency shelters."),
]
CHESS = [
    ("Oduya takes early lead at Lisvane chess championship",
     "Grandmaster Tobias Oduya won his opening game at the Lisvane world chess championship on Tuesday. "
     "Playing white, Oduya sacrificed a knight and forced resignation after 41 moves. "
     "His opponent, the defending champion Mei Halloran, said she misjudged the endgame. "
     "The match runs over fourteen games in the Lisvane concert hall."),
    ("Halloran strikes back in game two at Lisvane",
     "Defending champion Mei Halloran levelled the Lisvane chess match against Tobias Oduya on Wednesday. "
     "Halloran steered the game into a quiet endgame and converted an extra pawn. "
     "Commentators praised her patience after the knight sacrifice that cost her the first game. "
     "The grandmasters play game three on Friday."),
    ("Chess championship poised at one game each",
     "The world chess championship in Lisvane is level after two games between Oduya and Halloran. "
     "Tobias Oduya's team said the grandmaster would keep playing sharp openings. "
     "Mei Halloran, the defending champion, has won the title twice. "
     "Tickets for the remaining games in the concert hall sold out within an hour."),
]
STRAY = ("Bakery wins prize for rye sourdough",
         "A small bakery in Penmarth won the national bread prize for its rye sourdough loaf. "
         "The baker, Aled Rusk, ferments the dough for two days and bakes it in a wood oven. "
         "Judges praised the crust and the sour flavour.")
DAM_NEXT_DAY = ("Varnholm dam operator admits cracks were known",
                "The operator of the collapsed Varnholm dam admitted on Thursday that engineers had reported "
                "cracks in the dam wall months before the flood. Governor Ilse Marrow demanded the operator's "
                "licence be withdrawn. Kessel residents evacuated from the valley are still in shelters, and "
                "the inquiry into the reservoir failure has widened.")


def article(number: int, title: str, text: str, publisher: str = "", day: int = 1) -> Article:
    """An Article record as ingestion would give it."""
    return Article(id=f"a{number}", text=f"{title}\n\n{text}", title=title, publisher=publisher or f"Outlet {number}",
                   path=f"/news/a{number}.txt", published=datetime(2026, 3, day, 8 + number % 8, tzinfo=UTC))


def interleaved() -> list[Article]:
    """Dam and chess articles in turn, then the stray one."""
    out = []
    for i, (dam, chess) in enumerate(zip(DAM, CHESS, strict=True)):
        out.append(article(2 * i, *dam))
        out.append(article(2 * i + 1, *chess))
    out.append(article(9, *STRAY))
    return out


def write(folder: object, articles: list[Article]) -> None:
    """Write articles as .txt files (headline line, blank line, text) into a folder."""
    from pathlib import Path

    root = Path(str(folder))
    root.mkdir(parents=True, exist_ok=True)
    for a in articles:
        (root / f"{a.id}.txt").write_text(a.text + "\n", encoding="utf-8")
