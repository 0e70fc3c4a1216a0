"""Tables for analysts: the facts matrix as CSV and coded events as a GDELT 2.0 Events table.

JSON lines (`views.export_records`) keep everything and re-ingest; these two formats are
for spreadsheets, R/pandas and tools that already read GDELT. Both stream story by story,
so memory stays flat however large the store.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Iterator
from typing import Any, TextIO

from storyline.analyze.lexicon import alpha3
from storyline.models import Event, Fact, Span, Story, StoryAnalysis
from storyline.store.protocol import Store

FACT_COLUMNS = (
    "story",
    "headline",
    "fact",
    "text",
    "status",
    "actor",
    "action",
    "object",
    "time",
    "place",
    "quantities",
    "attribution",
    "reports",
    "sources",
    "independent_sources",
    "origins",
    "support",
    "conflicts",
    "folded",
)

# Column order of the GDELT 2.0 Events table (codebook, September 2016): 61 tab-separated
# fields, no header line, as GDELT publishes them.
GDELT_EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# storyline's actor roles as CAMEO actor type codes; roles CAMEO has no code for stay empty.
CAMEO_ROLE_CODES = {"government": "GOV", "opposition": "OPP", "military": "MIL", "police": "COP", "business": "BUS"}


def write_facts_csv(store: Store, handle: TextIO) -> int:
    """One CSV row per fact of every analysed story; returns the number of rows.

    Lists (sources, quantities) are joined with "; ", support spans are written as
    `report#sentence[start:end]`, conflicts as `value (outlet, outlet) | value (outlet)`.
    """
    writer = csv.writer(handle)
    writer.writerow(FACT_COLUMNS)
    return sum(_write_facts(writer, story, analysis) for story, analysis in _analysed_stories(store))


def story_facts_csv(story: Story, analysis: StoryAnalysis | None) -> str:
    """One story's facts as a CSV document (header only when it has no analysis yet)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FACT_COLUMNS)
    if analysis is not None:
        _write_facts(writer, story, analysis)
    return buffer.getvalue()


def _write_facts(writer: Any, story: Story, analysis: StoryAnalysis) -> int:
    for fact in analysis.facts:
        writer.writerow(fact_row(story, fact))
    return len(analysis.facts)


def fact_row(story: Story, fact: Fact) -> list[str]:
    """The CSV cells of one fact, in `FACT_COLUMNS` order."""
    return [
        story.id,
        story.headline,
        fact.id,
        fact.text,
        fact.status,
        fact.actor,
        fact.action,
        fact.object,
        fact.time,
        fact.place,
        "; ".join(fact.quantities),
        fact.attribution,
        str(len(fact.reports)),
        "; ".join(fact.sources),
        "; ".join(fact.independent_sources),
        "; ".join(fact.origins),
        "; ".join(_span(span) for span in fact.support),
        " | ".join(f"{c.value} ({', '.join(c.sources)})" for c in fact.conflicts),
        "yes" if fact.folded else "",
    ]


def write_gdelt_events(store: Store, handle: TextIO) -> int:
    """Every coded event as a row of a GDELT 2.0 Events table; returns the number of rows.

    Fields storyline does not compute (tone, geocoordinates, ethnic and religion codes)
    are left empty, as GDELT leaves fields it cannot fill.
    """
    rows = 0
    for story, analysis in _analysed_stories(store):
        urls = _report_urls(store, analysis.events)
        for event in analysis.events:
            handle.write("\t".join(_clean(cell) for cell in gdelt_event_row(story, event, urls)) + "\n")
            rows += 1
    return rows


def gdelt_event_row(story: Story, event: Event, urls: dict[str, str]) -> list[str]:
    """The 61 GDELT 2.0 Events fields of one event; `urls` maps report ids to their URLs."""
    day = _event_day(event.date) or _event_day(story.first_seen)
    reports = list(dict.fromkeys(span.report for span in event.support))
    fields: dict[str, str] = {
        "GLOBALEVENTID": str(global_event_id(event.id)),
        "Actor1Code": _actor_code(event.actor1_country, event.actor1_role),
        "Actor1Name": event.actor1.upper(),
        "Actor1CountryCode": alpha3(event.actor1_country),
        "Actor1Type1Code": CAMEO_ROLE_CODES.get(event.actor1_role, ""),
        "Actor2Code": _actor_code(event.actor2_country, event.actor2_role),
        "Actor2Name": event.actor2.upper(),
        "Actor2CountryCode": alpha3(event.actor2_country),
        "Actor2Type1Code": CAMEO_ROLE_CODES.get(event.actor2_role, ""),
        "IsRootEvent": "1",
        "EventCode": event.cameo,
        "EventBaseCode": event.cameo[:3],
        "EventRootCode": event.cameo[:2],
        "QuadClass": str(event.quad_class) if event.quad_class else "",
        "GoldsteinScale": f"{event.goldstein:.1f}" if event.cameo else "",
        "NumMentions": str(len(event.support)),
        "NumSources": str(len(event.independent_sources or event.sources)),
        "NumArticles": str(len(reports)),
        "ActionGeo_FullName": event.place,
        "DATEADDED": _timestamp(story.last_seen),
        "SOURCEURL": next((urls[r] for r in reports if urls.get(r)), ""),
    }
    if day is not None:
        fields.update(
            SQLDATE=day.strftime("%Y%m%d"),
            MonthYear=day.strftime("%Y%m"),
            Year=str(day.year),
            FractionDate=f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        )
    return [fields.get(column, "") for column in GDELT_EVENT_COLUMNS]


def global_event_id(event_id: str) -> int:
    """A stable positive integer for an event id (GDELT ids are integers)."""
    return int.from_bytes(hashlib.blake2b(event_id.encode("utf-8"), digest_size=7).digest(), "big")


def _analysed_stories(store: Store) -> Iterator[tuple[Story, StoryAnalysis]]:
    for story in store.iter_stories():
        analysis = store.get_analysis(story.id)
        if analysis is not None:
            yield story, analysis


def _report_urls(store: Store, events: tuple[Event, ...]) -> dict[str, str]:
    ids = list(dict.fromkeys(span.report for event in events for span in event.support))
    return {report.id: report.url for report in store.get_reports(ids)}


def _span(span: Span) -> str:
    return f"{span.report}#{span.sentence}[{span.start}:{span.end}]"


def _actor_code(alpha2: str, role: str) -> str:
    """CAMEO actor code: country then role ("CHNGOV"); empty when neither is known."""
    return alpha3(alpha2) + CAMEO_ROLE_CODES.get(role, "")


def _event_day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _timestamp(value: str) -> str:
    """YYYYMMDDHHMMSS from an ISO date or date-time; empty when it is neither."""
    digits = "".join(ch for ch in value[:19] if ch.isdigit())
    if len(digits) == 8:
        digits += "000000"
    return digits if len(digits) == 14 else ""


def _clean(cell: str) -> str:
    """Tabs and line breaks would break the table's rows and columns."""
    return " ".join(cell.split()) if any(ch in cell for ch in "\t\r\n") else cell
