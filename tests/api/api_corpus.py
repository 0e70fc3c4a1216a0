"""A small hand-made store for the API, page and browser tests: three stories, one of them hostile.

The harbour-fire story has a corroborated fact (three outlets), a conflicting casualty count
(12 according to Reuters and its copy, 15 according to the Globe) and a single-source fact.
The hostile story carries script and image-handler payloads in every field a page shows.
"""

from __future__ import annotations

from pathlib import Path

from storyline.models import (
    ConflictValue,
    Entity,
    Fact,
    Quote,
    Report,
    Story,
    StoryAnalysis,
    SummarySentence,
)
from storyline.store import SqliteStore, open_store

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FIRE = "s-fire"
BUDGET = "s-budget"
HOSTILE = "s-hostile"
FIRE_OUTLETS = ("Reuters", "Globe", "Daily Courier", "Coast Radio")

REPORTS = (
    Report(id="r-fire-reuters", source="Reuters", title="Fire sweeps Port Ellis harbour, 12 injured",
           published="2024-03-04T08:00:00", byline="By Ana Ruiz", url="https://reuters.example/fire",
           body="PORT ELLIS (Reuters) - A fire broke out at the Port Ellis harbour on Monday, injuring 12 people.\n\n"
                "\"We are containing the blaze,\" said fire chief Maria Lund.",
           furniture=("Reporting by Ana Ruiz; Editing by Tom Bell", "Our Standards: The Thomson Reuters Trust Principles."),
           credits=("Reporting by Ana Ruiz",)),
    Report(id="r-fire-globe", source="Globe", title="Harbour blaze in Port Ellis injures 15",
           published="2024-03-04T10:30:00", url="https://globe.example/harbour",
           body="A fire broke out at the Port Ellis harbour on Monday. Fifteen people were hurt, officials said.",
           furniture=("Subscribe to our newsletter",)),
    Report(id="r-fire-courier", source="Daily Courier", title="Port Ellis harbour fire: harbour master resigns",
           published="2024-03-05T09:00:00",
           body="A fire broke out at the Port Ellis harbour on Monday. The harbour master resigned on Tuesday."),
    Report(id="r-fire-radio", source="Coast Radio", title="Fire sweeps Port Ellis harbour, 12 injured",
           published="2024-03-04T09:15:00", copy_of="r-fire-reuters",
           body="PORT ELLIS (Reuters) - A fire broke out at the Port Ellis harbour on Monday, injuring 12 people."),
    Report(id="r-budget-globe", source="Globe", title="Council delays budget vote", published="2024-03-06T12:00:00",
           body="The city council delayed its budget vote by a week."),
    Report(id="r-budget-courier", source="Daily Courier", title="Budget vote postponed", published="2024-03-07T07:00:00",
           body="The budget vote was postponed until next week, the council said."),
    Report(id="r-hostile", source=f"Evil {IMG} Outlet", title=f"{SCRIPT} Zebra crossing {IMG}",
           published="2024-03-01T06:00:00", url="javascript:alert(1)", byline=SCRIPT,
           body=f"Zebra crossings were repainted. {SCRIPT}\n\nSecond paragraph {IMG} end.",
           furniture=(f"Related: {SCRIPT}", IMG)),
)

STORIES = (
    Story(id=FIRE, headline="Fire sweeps Port Ellis harbour", reports=("r-fire-reuters", "r-fire-radio", "r-fire-globe", "r-fire-courier"),
          sources=FIRE_OUTLETS, independent_sources=("Reuters", "Globe", "Daily Courier"),
          first_seen="2024-03-04T08:00:00", last_seen="2024-03-05T09:00:00"),
    Story(id=BUDGET, headline="Council delays budget vote", reports=("r-budget-globe", "r-budget-courier"),
          sources=("Globe", "Daily Courier"), independent_sources=("Globe", "Daily Courier"),
          first_seen="2024-03-06T12:00:00", last_seen="2024-03-07T07:00:00"),
    Story(id=HOSTILE, headline=f"{SCRIPT} Zebra crossing {IMG}", reports=("r-hostile",),
          sources=(f"Evil {IMG} Outlet",), independent_sources=(f"Evil {IMG} Outlet",),
          first_seen="2024-03-01T06:00:00", last_seen="2024-03-01T06:00:00"),
)

ANALYSES = (
    StoryAnalysis(
        story=FIRE,
        facts=(
            Fact(id="f-fire", story=FIRE, text="A fire broke out at the Port Ellis harbour on Monday", status="corroborated",
                 sources=("Reuters", "Globe", "Daily Courier", "Coast Radio"), independent_sources=("Reuters", "Globe", "Daily Courier"),
                 reports=("r-fire-reuters", "r-fire-globe", "r-fire-courier", "r-fire-radio")),
            Fact(id="f-injured", story=FIRE, text="People were injured in the fire", status="conflicting", slot="number",
                 sources=("Reuters", "Globe", "Coast Radio"), independent_sources=("Reuters", "Globe"),
                 conflicts=(ConflictValue(value="12", sources=("Reuters", "Coast Radio"), reports=("r-fire-reuters", "r-fire-radio")),
                            ConflictValue(value="15", sources=("Globe",), reports=("r-fire-globe",)))),
            Fact(id="f-resigned", story=FIRE, text="The harbour master resigned on Tuesday", status="single-source",
                 sources=("Daily Courier",), independent_sources=("Daily Courier",), reports=("r-fire-courier",)),
            Fact(id="f-gulls", story=FIRE, text="Gulls circled over the harbour", status="single-source", folded=True,
                 sources=("Coast Radio",), independent_sources=("Coast Radio",), reports=("r-fire-radio",)),
        ),
        entities=(Entity(id="port-ellis", name="Port Ellis", kind="place", country="CA", mentions=5),
                  Entity(id="maria-lund", name="Maria Lund", kind="person", mentions=1)),
        quotes=(Quote(report="r-fire-reuters", text="We are containing the blaze", speaker="Maria Lund", via="Reuters"),),
        summary=(SummarySentence(text="A fire broke out at the Port Ellis harbour on Monday.",
                                 citations=("r-fire-reuters", "r-fire-globe", "r-fire-courier")),
                 SummarySentence(text="Reports disagree on how many people were injured: 12 or 15.",
                                 citations=("r-fire-reuters", "r-fire-globe"))),
    ),
    StoryAnalysis(
        story=BUDGET,
        facts=(Fact(id="f-budget", story=BUDGET, text="The council delayed the budget vote", status="corroborated",
                    sources=("Globe", "Daily Courier"), independent_sources=("Globe", "Daily Courier")),),
        entities=(Entity(id="port-ellis", name="Port Ellis", kind="place", country="CA", mentions=1),),
    ),
    StoryAnalysis(
        story=HOSTILE,
        facts=(Fact(id="f-hostile", story=HOSTILE, text=f"Crossings repainted {SCRIPT}", status="single-source",
                    sources=(f"Evil {IMG} Outlet",), independent_sources=(f"Evil {IMG} Outlet",)),),
        entities=(Entity(id=f"e-{IMG}", name=f"Mayor {SCRIPT}", kind="person", mentions=1),),
        quotes=(Quote(report="r-hostile", text=f"Paint {IMG}", speaker=SCRIPT, via=f"Evil {IMG} Outlet"),),
        summary=(SummarySentence(text=f"Crossings were repainted {SCRIPT}.", citations=("r-hostile",)),),
    ),
)


def fill_store(store: SqliteStore) -> SqliteStore:
    """Write the hand-made reports, stories and analyses into `store`."""
    for report in REPORTS:
        store.add_report(report)
    for story in STORIES:
        for report_id in story.reports:
            store.place_report(report_id, story)
    for analysis in ANALYSES:
        store.save_analysis(analysis)
    return store


def build_store(path: Path) -> Path:
    """A store file at `path` holding the hand-made corpus."""
    with open_store(path) as store:
        fill_store(store)
    return path
