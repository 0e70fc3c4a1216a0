"""The HTML pages' Jinja environment: filters, labels, and rendering a page or an error page.

Kept apart from the routes so the problem handler can render an error page without
importing a router.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape
from starlette.templating import Jinja2Templates

from storyline import views
from storyline.analyze.lexicon import alpha3

_SNIPPET_MARK = re.compile(r"\[([^\[\]]{1,200})\]")


def _marks(snippet: str) -> Markup:
    """Escape a search snippet, then turn the store's [match] brackets into <mark>."""
    return Markup(_SNIPPET_MARK.sub(r"<mark>\1</mark>", str(escape(snippet))))


def _http_url(url: str) -> str:
    """A report's URL when it is http(s); anything else (javascript:, data:) is not linked."""
    try:
        return url if urlsplit(url).scheme.lower() in ("http", "https") else ""
    except ValueError:
        return ""


def _day(value: str) -> str:
    return value[:10]


def _when(value: str) -> str:
    return value[:16].replace("T", " ")


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("storyline.api", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(marks=_marks, http_url=_http_url, day=_day, when=_when, paragraphs=_paragraphs, alpha3=alpha3)
    env.globals.update(STATUS_LABEL=STATUS_LABEL, CELL=CELL)
    return env


STATUS_LABEL = {"corroborated": "✔ corroborated", "single-source": "◐ single source", "conflicting": "✗ conflicting"}
# Facts-matrix cells: (symbol, text for screen readers). The symbol alone tells them apart.
CELL = {views.REPORTED: ("●", "reported"), views.NOT_REPORTED: ("·", "not reported"), views.CONFLICTING: ("✗", "conflicting value")}

templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, status: int = 200, headers: Mapping[str, str] | None = None, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status, headers=headers)


def render_error(request: Request, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return render(request, "error.html", status=status, headers=headers, title=f"{status} {code}",
                  error_status=status, code=code, message=message)
