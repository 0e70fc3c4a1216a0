"""The web pages: server-rendered Jinja2 over the same `storyline.views` dicts as the REST API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from storyline import views
from storyline.api.charts import daily_chart, period_chart, sparkline
from storyline.api.deps import store_of
from storyline.api.routes_api import MAX_OFFSET, check_date, invalid_filters
from storyline.api.templating import render
from storyline.errors import UsageError
from storyline.store import Store

router = APIRouter(include_in_schema=False)

# Stories per page of the story list, results per search page.
PAGE_SIZE = 25


def _pager(request: Request, offset: int, count: int, size: int) -> dict[str, str]:
    """Links to the previous and next pages, keeping the other query parameters."""
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    links = {}
    if offset > 0:
        links["previous"] = "?" + urlencode({**params, "offset": max(0, offset - size)})
    if count == size:
        links["next"] = "?" + urlencode({**params, "offset": offset + size})
    return links


def _add_sparklines(store: Store, stories: list[dict[str, Any]]) -> None:
    dates = views.report_dates(store, [s["id"] for s in stories])
    for story in stories:
        story["sparkline"] = sparkline(dates[story["id"]])


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request, q: str = "", outlet: str = "", entity: str = "", since: str = "", until: str = "",
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> HTMLResponse:
    store = store_of(request)
    stories = views.find_stories(
        store, q=q, limit=PAGE_SIZE, offset=offset, source=outlet, entity=entity,
        since=check_date(since, "since"), until=check_date(until, "until"),
    )
    _add_sparklines(store, stories)
    filters = {"q": q, "outlet": outlet, "entity": entity, "since": since, "until": until}
    return render(request, "index.html", title="Stories", stories=stories, filters=filters,
                  filtered=any(filters.values()), offset=offset, pages=_pager(request, offset, len(stories), PAGE_SIZE))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    store = store_of(request)
    detail = views.story_detail(store, story_id)
    full = {r["id"]: r for r in views.full_reports(store, [r["id"] for r in detail["reports"]])}
    number = {r["id"]: i for i, r in enumerate(detail["reports"], start=1)}
    source_of = {r["id"]: r["source"] for r in detail["reports"]}
    return render(request, "story.html", title=detail["title"] or "Story", story=detail, matrix=views.facts_matrix(detail),
                  reports=[full[r["id"]] for r in detail["reports"] if r["id"] in full], number=number, source_of=source_of,
                  chart=sparkline([r["published"] for r in detail["reports"]], width=320, height=48))


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str) -> HTMLResponse:
    report = views.report_detail(store_of(request), report_id)
    return render(request, "report.html", title=report["title"] or "Report", report=report)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    hits = views.search(store_of(request), q, limit=PAGE_SIZE, offset=offset) if q.strip() else []
    return render(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, hits=hits, offset=offset,
                  pages=_pager(request, offset, len(hits), PAGE_SIZE))


@router.get("/entities", response_class=HTMLResponse)
def entity_list(request: Request, q: str = "", offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    items = views.list_entities(store_of(request), q=q, limit=PAGE_SIZE * 2, offset=offset)
    return render(request, "entities.html", title="Entities", entities=items, q=q,
                  pages=_pager(request, offset, len(items), PAGE_SIZE * 2))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    store = store_of(request)
    detail = views.entity_detail(store, entity_id, limit=PAGE_SIZE, offset=offset)
    _add_sparklines(store, detail["story_list"])
    chart = daily_chart([(p["date"], p["stories"]) for p in detail["timeline"]])
    return render(request, "entity.html", title=detail["name"], entity=detail, chart=chart,
                  pages=_pager(request, offset, len(detail["story_list"]), PAGE_SIZE))


@router.get("/outlets", response_class=HTMLResponse)
def outlet_list(request: Request, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    items = views.list_outlets(store_of(request), limit=PAGE_SIZE * 4, offset=offset)
    return render(request, "outlets.html", title="Outlets", outlets=items, pages=_pager(request, offset, len(items), PAGE_SIZE * 4))


@router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    store = store_of(request)
    detail = views.outlet_detail(store, name, limit=PAGE_SIZE, offset=offset)
    _add_sparklines(store, detail["story_list"])
    return render(request, "outlet.html", title=detail["name"], outlet=detail,
                  pages=_pager(request, offset, len(detail["story_list"]), PAGE_SIZE))


@router.get("/events", response_class=HTMLResponse)
def event_list(
    request: Request, actor: str = "", target: str = "", type: str = "", since: str = "", until: str = "", story: str = "",
    offset: int = Query(0, ge=0),
) -> HTMLResponse:
    filters = {"actor": actor, "target": target, "type": type, "since": since, "until": until, "story": story}
    try:
        query = views.event_query(actor=actor, target=target, kind=type, since=since, until=until, story=story,
                                  limit=PAGE_SIZE * 2, offset=offset)
    except UsageError as exc:
        raise invalid_filters(exc) from None
    items = views.find_events(store_of(request), query)
    return render(request, "events.html", title="Events", events=items, filters=filters, filtered=any(filters.values()),
                  offset=offset, pages=_pager(request, offset, len(items), PAGE_SIZE * 2))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str, offset: int = Query(0, ge=0)) -> HTMLResponse:
    detail = views.actor_detail(store_of(request), code, limit=PAGE_SIZE, offset=offset)
    chart = period_chart([(p["period"], p["events"]) for p in detail["timeline"]])
    longest = max(len(detail["as_source"]), len(detail["as_target"]))
    return render(request, "actor.html", title=detail["name"], actor=detail, chart=chart,
                  pages=_pager(request, offset, longest, PAGE_SIZE))



@router.get("/dyads/{first}/{second}", response_class=HTMLResponse)
def dyad_page(request: Request, first: str, second: str, by: str = "week") -> HTMLResponse:
    store = store_of(request)
    try:
        series = views.dyad_series(store, first, second, by=by)
        query = views.event_query(dyad=(first, second), limit=PAGE_SIZE * 2)
    except UsageError as exc:
        raise invalid_filters(exc) from None
    chart = period_chart([(point["period"], point["events"]) for point in series["series"]])
    return render(request, "dyad.html", title=" – ".join(series["dyad"]), dyad=series, chart=chart,
                  events=views.find_events(store, query))
