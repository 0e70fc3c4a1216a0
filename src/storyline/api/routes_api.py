"""The REST API under /api/: thin endpoints over `storyline.views`, documented in the OpenAPI schema."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute

from storyline import export, views
from storyline.api import schemas
from storyline.api.deps import store_of
from storyline.api.jobs import JobRunner, Upload
from storyline.api.problems import ApiError, error_body
from storyline.api.security import check_token, check_url
from storyline.errors import UsageError
from storyline.models import Event

router = APIRouter(prefix="/api", tags=["api"])

# Largest page a listing endpoint returns.
MAX_LIMIT = 500
# Largest offset accepted: far past any store, and inside SQLite's 64-bit integers (an
# offset of 2**63 used to fail inside the query, a 500).
MAX_OFFSET = 2**31

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Since = Annotated[str, Query(description="ISO date or datetime: stories last seen on or after it.")]
Until = Annotated[str, Query(description="ISO date or datetime: stories first seen on or before it.")]

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": text, "content": {"application/json": {"example": error_body(status, code, text)}}}
    for status, code, text in (
        (404, "not-found", "No such item."),
        (422, "invalid-request", "A parameter is missing or invalid."),
    )
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    401: {"description": "Missing or wrong bearer token.", "content": {"application/json": {"example": error_body(401, "unauthorized", "…")}}},
    403: {"description": "Writes are off: no token configured.", "content": {"application/json": {"example": error_body(403, "writes-disabled", "…")}}},
    413: {"description": "Upload over serve.max_upload_bytes.", "content": {"application/json": {"example": error_body(413, "too-large", "…")}}},
}


def page(items: list[dict[str, Any]], limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    """A page of a listing; `next_offset` is null on the last page."""
    return {"items": items, "limit": limit, "offset": offset, "next_offset": offset + limit if len(items) == limit else None, **extra}


def check_date(value: str, name: str) -> str:
    """Accept an ISO date or datetime (as stored); anything else is a 422."""
    if not value:
        return ""
    try:
        (datetime if "T" in value else date).fromisoformat(value)
    except ValueError:
        raise ApiError(422, "invalid-request", f"{name}: {value!r} is not an ISO date such as 2017-06-27") from None
    return value


@router.get("/", summary="What the API offers: its endpoints and where its OpenAPI schema is", response_model=schemas.ApiIndex)
def index(request: Request) -> dict[str, Any]:
    paths = sorted({route.path for route in router.routes if isinstance(route, APIRoute)})
    return {"name": "storyline", "schema": "/api/openapi.json", "endpoints": paths}


@router.get("/health", summary="Server status and store size", response_model=schemas.Health)
def health(request: Request) -> dict[str, Any]:
    store = store_of(request)
    return {"status": "ok", "reports": store.count_reports(), "stories": store.count_stories()}


@router.get("/stories", summary="Stories ranked by size and recency", responses=ERROR_RESPONSES, response_model=schemas.Page[schemas.StorySummary])
def stories(
    request: Request, limit: Limit = 50, offset: Offset = 0, since: Since = "", until: Until = "",
    outlet: Annotated[str, Query(description="Only stories this outlet reported.")] = "",
    entity: Annotated[str, Query(description="Only stories naming this entity (id or name).")] = "",
    q: Annotated[str, Query(description="Only stories with a report matching this text.")] = "",
) -> dict[str, Any]:
    items = views.find_stories(
        store_of(request), q=q, limit=limit, offset=offset, source=outlet, entity=entity,
        since=check_date(since, "since"), until=check_date(until, "until"),
    )
    return page(items, limit, offset)


@router.get("/stories/{story_id}", summary="A story: reports, facts, conflicts, entities, quotes, summary", responses=ERROR_RESPONSES, response_model=schemas.StoryDetail)
def story(request: Request, story_id: str) -> dict[str, Any]:
    detail = views.story_detail(store_of(request), story_id)
    detail["matrix"] = views.facts_matrix(detail)
    return detail


@router.get(
    "/stories/{story_id}/facts.csv",
    summary="A story's facts as CSV: one row per fact with sources, support spans and conflicts",
    responses={**ERROR_RESPONSES, 200: {"content": {"text/csv": {}}, "description": "CSV with a header row."}},
    response_class=Response,
)
def story_facts_csv(request: Request, story_id: str) -> Response:
    store = store_of(request)
    story = store.get_story(views.resolve_story_id(store, story_id))
    assert story is not None
    return Response(
        export.story_facts_csv(story, store.get_analysis(story.id)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="story-{story.id}-facts.csv"'},
    )


@router.get("/reports", summary="Reports, newest first", responses=ERROR_RESPONSES, response_model=schemas.Page[schemas.ReportSummary])
def reports(
    request: Request, limit: Limit = 50, offset: Offset = 0,
    outlet: Annotated[str, Query(description="Only this outlet's reports.")] = "",
) -> dict[str, Any]:
    return page(views.list_reports(store_of(request), limit=limit, offset=offset, source=outlet), limit, offset)


@router.get("/reports/{report_id}", summary="A report with its clean body and the furniture removed", responses=ERROR_RESPONSES, response_model=schemas.ReportDetail)
def report(request: Request, report_id: str) -> dict[str, Any]:
    return views.report_detail(store_of(request), report_id)


@router.get("/entities", summary="Entities by the number of stories naming them", responses=ERROR_RESPONSES, response_model=schemas.Page[schemas.EntitySummary])
def entities(
    request: Request, limit: Limit = 50, offset: Offset = 0,
    q: Annotated[str, Query(description="Only entities whose name contains this.")] = "",
) -> dict[str, Any]:
    return page(views.list_entities(store_of(request), limit=limit, offset=offset, q=q), limit, offset)


@router.get("/entities/{entity_id}", summary="An entity, its stories and their timeline", responses=ERROR_RESPONSES, response_model=schemas.EntityDetail)
def entity(request: Request, entity_id: str, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return views.entity_detail(store_of(request), entity_id, limit=limit, offset=offset)


@router.get("/outlets", summary="Outlets by number of reports", responses=ERROR_RESPONSES, response_model=schemas.Page[schemas.OutletSummary])
def outlets(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page(views.list_outlets(store_of(request), limit=limit, offset=offset), limit, offset)


@router.get("/outlets/{name}", summary="What an outlet covered, reported alone, and was first on", responses=ERROR_RESPONSES, response_model=schemas.OutletDetail)
def outlet(request: Request, name: str, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return views.outlet_detail(store_of(request), name, limit=limit, offset=offset)


@router.get("/search", summary="Full-text search over report titles and bodies", responses=ERROR_RESPONSES, response_model=schemas.SearchPage)
def search(
    request: Request, q: Annotated[str, Query(min_length=1, description="Words to find.")], limit: Limit = 20, offset: Offset = 0,
) -> dict[str, Any]:
    return page(views.search(store_of(request), q, limit=limit, offset=offset), limit, offset, query=q)


Country = Annotated[str, Query(description="ISO 3166 country code, alpha-3 (CHN) or alpha-2 (CN).")]
EventType = Annotated[str, Query(alias="type", description="PLOVER type (ACCUSE, AGREE, …) or a CAMEO code prefix (112).")]
EventSince = Annotated[str, Query(description="Events dated on or after this ISO date (2018, 2018-06, 2018-06-26).")]
EventUntil = Annotated[str, Query(description="Events dated on or before this ISO date.")]


def invalid_filters(error: UsageError) -> ApiError:
    """A filter the views refused (unknown country, type or date) is the client's mistake: 422."""
    return ApiError(422, "invalid-request", str(error))


@router.get("/events", summary="Coded events across stories, filtered by country, type, date or story", responses=ERROR_RESPONSES, response_model=schemas.Page[Event])
def events(
    request: Request, limit: Limit = 100, offset: Offset = 0,
    actor: Annotated[str, Query(description="Source actor's country, ISO alpha-3 (CHN) or alpha-2 (CN).")] = "",
    target: Annotated[str, Query(description="Target actor's country, ISO alpha-3 or alpha-2.")] = "",
    kind: EventType = "", since: EventSince = "", until: EventUntil = "",
    story: Annotated[str, Query(description="Only this story's events (id or unique prefix).")] = "",
) -> dict[str, Any]:
    try:
        query = views.event_query(actor=actor, target=target, kind=kind, since=since, until=until, story=story,
                                  limit=limit, offset=offset)
    except UsageError as exc:
        raise invalid_filters(exc) from None
    return page(views.find_events(store_of(request), query), limit, offset)


@router.get("/dyads/{first}/{second}", summary="Events between two countries (either direction) per period", responses=ERROR_RESPONSES, response_model=schemas.DyadSeries)
def dyad(
    request: Request, first: str, second: str,
    by: Annotated[str, Query(description="Period: day, week, month or year.")] = "week",
    kind: EventType = "", since: EventSince = "", until: EventUntil = "",
) -> dict[str, Any]:
    try:
        query = views.event_query(kind=kind, since=since, until=until)
        return views.dyad_series(store_of(request), first, second, by=by, query=query)
    except UsageError as exc:
        raise invalid_filters(exc) from None


@router.get("/actors/{code}", summary="A country as an actor: its events as source and target, and its dyads", responses=ERROR_RESPONSES, response_model=schemas.ActorDetail)
def actor(request: Request, code: str, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    try:
        return views.actor_detail(store_of(request), code, limit=limit, offset=offset)
    except UsageError as exc:
        raise ApiError(404, "not-found", str(exc)) from None


@router.post("/ingest", status_code=202, summary="Ingest uploaded files and URLs as a background job", responses=WRITE_RESPONSES)
def ingest(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Report files: text, HTML, JSONL, feeds, WARC (gzip allowed).")] = [],  # noqa: B006
    urls: Annotated[list[str], Form(description="Pages or feeds to fetch (http or https, public addresses).")] = [],  # noqa: B006
    authorization: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    config = request.app.state.config
    check_token(config.serve.token, authorization)
    wanted = [u.strip() for line in urls for u in line.splitlines() if u.strip()]
    checked = [check_url(u, allow_private=config.ingest.allow_private_addresses) for u in wanted]
    uploads = [Upload(name=f.filename or "upload", data=f.file.read()) for f in files]
    if not uploads and not checked:
        raise ApiError(422, "invalid-request", "nothing to ingest: send files and/or urls")
    runner: JobRunner = request.app.state.jobs
    job = runner.submit(uploads, checked)
    return JSONResponse({"job": job.to_dict()}, status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


@router.get(
    "/jobs",
    summary="Ingest jobs, newest first (token required: they name uploaded files and URLs)",
    responses=WRITE_RESPONSES,
    response_model=schemas.JobList,
)
def jobs(request: Request, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    check_token(request.app.state.config.serve.token, authorization)
    return {"items": [job.to_dict() for job in request.app.state.jobs.list()]}


@router.get(
    "/jobs/{job_id}",
    summary="An ingest job's state and progress (token required)",
    responses=WRITE_RESPONSES,
    response_model=schemas.JobEnvelope,
)
def job(request: Request, job_id: str, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    check_token(request.app.state.config.serve.token, authorization)
    found = request.app.state.jobs.get(job_id)
    if found is None:
        raise ApiError(404, "not-found", f"no job with id {job_id!r} (jobs are kept in memory until the server stops)")
    return {"job": found.to_dict()}


@router.delete("/jobs/{job_id}", summary="Cancel a queued job or forget a finished one", responses=WRITE_RESPONSES)
def delete_job(request: Request, job_id: str, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    check_token(request.app.state.config.serve.token, authorization)
    runner: JobRunner = request.app.state.jobs
    if runner.get(job_id) is None:
        raise ApiError(404, "not-found", f"no job with id {job_id!r}")
    removed = runner.remove(job_id)
    if removed is None:
        raise ApiError(409, "job-running", "a running job cannot be removed; wait for it to finish")
    return {"job": removed.to_dict()}
