"""Response schemas of the REST API, so /api/openapi.json documents what each endpoint answers.

The endpoints return the plain dicts of `storyline.views`; these models describe them (and
FastAPI checks each answer against them). Records that `storyline.models` already defines
(Fact, Entity, Quote, Event, SummarySentence) are used as they are.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from storyline.models import Entity, Event, Fact, Quote, SummarySentence

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    """One page of a listing; `next_offset` is null on the last page."""

    items: list[Item]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, null on the last one.")


class ApiIndex(BaseModel):
    """The API's front door: its endpoints, and the schema that documents them."""

    name: str
    schema_url: str = Field(alias="schema", description="Path of the OpenAPI schema.")
    endpoints: list[str]


class Health(BaseModel):
    status: str
    reports: int
    stories: int


class StorySummary(BaseModel):
    """A story as listed: counts, outlets and the dates its reports span."""

    id: str
    title: str
    reports: int
    sources: list[str]
    independent_sources: list[str] = Field(description="Outlets left once copies and citations are credited to their origin.")
    first_seen: str
    last_seen: str
    thread_previous: list[str]
    thread_next: list[str]


class StoryReport(BaseModel):
    """A report as a story lists it."""

    id: str
    source: str
    title: str
    url: str
    published: str
    copy_of: str = Field(description="Id of the report this one is a syndicated copy of, or empty.")
    dateline: str


class ReportSummary(StoryReport):
    """A report as a listing gives it, with its story (empty until it is placed in one)."""

    story: str


class MatrixCell(BaseModel):
    outlet: str
    state: str = Field(description="reported, not-reported or conflicting.")
    value: str
    copy_of: str = Field("", description="When the cell's report is a wire copy: the outlet whose report it copies.")


class MatrixRow(BaseModel):
    id: str
    text: str
    status: str
    folded: bool = Field(False, description="A minor single-source fact, shown on request.")
    cells: list[MatrixCell]


class FactsMatrix(BaseModel):
    """Facts × outlets."""

    outlets: list[str]
    rows: list[MatrixRow]


class StoryDetail(BaseModel):
    """A story with its reports and everything corroboration found."""

    id: str
    title: str
    reports: list[StoryReport]
    report_count: int
    sources: list[str]
    independent_sources: list[str]
    first_seen: str
    last_seen: str
    thread_previous: list[str]
    thread_next: list[str]
    facts: list[Fact]
    conflicts: list[Fact]
    entities: list[Entity]
    quotes: list[Quote]
    events: list[Event]
    summary: list[SummarySentence]
    matrix: FactsMatrix


class ReportDetail(BaseModel):
    """A report in full: clean body, credits, the furniture cleaning removed, and its story."""

    id: str
    source: str
    source_domain: str
    url: str
    title: str
    byline: str
    published: str
    dateline: str
    language: str
    body: str
    credits: list[str]
    cited_outlets: list[str]
    furniture: list[str]
    copy_of: str
    origin: str
    fetched: str
    story: str


class SearchHit(ReportSummary):
    score: float
    snippet: str = Field(description="Matching words in [brackets].")


class SearchPage(Page[SearchHit]):
    query: str


class EntitySummary(BaseModel):
    id: str
    name: str
    kind: str
    country: str
    stories: int
    mentions: int


class DayCount(BaseModel):
    date: str
    stories: int


class EntityDetail(EntitySummary):
    timeline: list[DayCount]
    story_list: list[StorySummary]


class OutletSummary(BaseModel):
    name: str
    reports: int
    first_published: str | None
    last_published: str | None


class AloneFact(BaseModel):
    story: str
    story_title: str
    id: str
    text: str


class OutletDetail(OutletSummary):
    stories_covered: int
    first_in_stories: int
    single_source_facts: list[AloneFact] = Field(description="Facts only this outlet reported.")
    story_list: list[StorySummary]


class Period(BaseModel):
    period: str = Field(description="2018-06-26 (day), 2018-W26 (ISO week), 2018-06 (month) or 2018 (year).")
    events: int
    goldstein_mean: float


class DyadSeries(BaseModel):
    """Events between two countries, either direction, per period."""

    dyad: list[str] = Field(description="The two countries, ISO alpha-3.")
    by: str
    series: list[Period]
    undated: int = Field(description="Events of the dyad without a date.")
    imprecise: int = Field(description="Events dated less precisely than the period (a year in a weekly series).")


class Dyad(BaseModel):
    actor: str
    target: str
    events: int
    goldstein_mean: float


class ActorDetail(BaseModel):
    """A country as an actor."""

    code: str = Field(description="ISO alpha-3.")
    alpha2: str
    name: str
    as_source: list[Event]
    as_target: list[Event]
    dyads: list[Dyad]
    by: str
    timeline: list[Period]


class JobEnvelope(BaseModel):
    job: dict[str, Any]


class JobList(BaseModel):
    items: list[dict[str, Any]]
