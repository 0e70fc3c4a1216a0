"""The one error shape of the REST API, and the place library errors become HTTP problems.

Every failure under /api/ answers `{"error": {"status": 404, "code": "not-found", "message": "…"}}`;
pages answer the same status with an HTML page that says the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from storyline.api.templating import render_error
from storyline.errors import QueryTooLarge, StorylineError, UsageError

# Codes for statuses raised without one (unknown routes, wrong methods).
DEFAULT_CODES = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    413: "too-large",
    422: "invalid-request",
    500: "internal-error",
}


class ApiError(HTTPException):
    """An HTTP failure with a stable machine-readable code."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def error_body(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON body every API failure carries."""
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def describe_validation(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    """A one-line message and per-field details from FastAPI's validation errors."""
    details = []
    for item in exc.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part not in ("query", "path", "body"))
        details.append({"field": where, "message": str(item.get("msg", ""))})
    message = "; ".join(f"{d['field']}: {d['message']}" if d["field"] else d["message"] for d in details)
    return message or "invalid request", details


Problem = tuple[int, str, str, list[dict[str, Any]] | None, Mapping[str, str] | None]


def problem_of(exc: Exception) -> Problem:
    """(status, code, message, details, headers) for any exception an endpoint lets out."""
    if isinstance(exc, ApiError):
        return exc.status_code, exc.code, str(exc.detail), None, exc.headers
    if isinstance(exc, HTTPException):
        code = DEFAULT_CODES.get(exc.status_code, "error")
        return exc.status_code, code, str(exc.detail), None, exc.headers
    if isinstance(exc, RequestValidationError):
        message, details = describe_validation(exc)
        return 422, "invalid-request", message, details, None
    if isinstance(exc, QueryTooLarge):
        return 400, "query-too-large", str(exc), None, None
    if isinstance(exc, UsageError):
        return 404, "not-found", str(exc), None, None
    if isinstance(exc, StorylineError):
        return 500, "storyline-error", str(exc), None, None
    return 500, "internal-error", "the server failed to answer this request", None, None


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def json_problem(exc: Exception) -> JSONResponse:
    status, code, message, details, headers = problem_of(exc)
    return JSONResponse(error_body(status, code, message, details), status_code=status, headers=headers)


def problem_response(request: Request, exc: Exception) -> Response:
    """JSON under /api/, an HTML page elsewhere."""
    if is_api(request):
        return json_problem(exc)
    status, code, message, _, headers = problem_of(exc)
    return render_error(request, status, code, message, headers)
