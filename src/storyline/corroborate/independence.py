"""Who really stands behind a report: a syndicated copy or a wire dateline credits the original outlet.

A wire story reprinted by ten papers is one source, not ten. The rules, in order:
a report marked `copy_of` another is credited to the original's outlet; a report whose
dateline names a wire agency ("(Reuters) -") is credited to that agency; otherwise the
report's own outlet stands behind it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from storyline.models import Report

_AGENCY = re.compile(r"\(([^)]{2,40})\)")


def wire_agency(report: Report) -> str:
    """The agency named in the report's dateline, canonicalised through the outlet registry."""
    match = _AGENCY.search(report.dateline)
    if not match:
        return ""
    from storyline.outlets import load_default_registry

    outlet = load_default_registry().by_name(match.group(1).strip())
    return outlet.name if outlet and outlet.kind == "wire agency" else ""


def origin_outlet(report: Report, reports_by_id: Mapping[str, Report]) -> str:
    """The outlet credited for this report's content."""
    seen: set[str] = set()
    current = report
    while current.copy_of and current.copy_of in reports_by_id and current.id not in seen:
        seen.add(current.id)
        current = reports_by_id[current.copy_of]
    return wire_agency(current) or current.source or current.source_domain or current.id


def independent_sources(reports: Iterable[Report], reports_by_id: Mapping[str, Report] | None = None) -> list[str]:
    """Distinct credited outlets of a set of reports, in order of first appearance."""
    items = list(reports)
    lookup = dict(reports_by_id) if reports_by_id is not None else {r.id: r for r in items}
    result: list[str] = []
    for report in items:
        outlet = origin_outlet(report, lookup)
        if outlet not in result:
            result.append(outlet)
    return result
