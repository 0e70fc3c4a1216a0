"""Which outlet published a report: given name, URL domain, dateline, or the page's own notices."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.outlets import OutletRegistry, load_default_registry, name_for_unknown

_AGENCY_IN_DATELINE = re.compile(r"\(([^)]+)\)")


def identify_outlet(
    *,
    source: str = "",
    url: str = "",
    domain: str = "",
    dateline: str = "",
    credits: Sequence[str] = (),
    furniture: Sequence[str] = (),
    registry: OutletRegistry | None = None,
) -> tuple[str, str]:
    """Return (outlet name, domain), trying the most reliable evidence first.

    A wire dateline only names the outlet when nothing else does: a newspaper reprinting
    "(Reuters) -" copy is still the newspaper; the wire credit is used for independence.
    Copyright and cookie notices name the site that shows them, so they count as evidence.
    """
    registry = registry or load_default_registry()
    if source:
        known = registry.by_name(source) or (registry.by_domain(domain) if domain else None)
        if known and known.name.casefold() == source.casefold() or known and source.casefold() in {a.casefold() for a in known.aliases}:
            return known.name, domain or known.domains[0]
        return source, domain or (_host(url) if url else "")
    for candidate in (domain, url):
        if candidate and (known := registry.by_domain(candidate)):
            return known.name, known.domains[0]
    if dateline and (match := _AGENCY_IN_DATELINE.search(dateline)) and (known := registry.by_name(match.group(1))):
        return known.name, known.domains[0]
    for line in furniture:
        found = registry.find_in_text(line)
        if found:
            outlet = found[0][0]
            return outlet.name, outlet.domains[0]
    if url or domain:
        name = name_for_unknown(domain or url)
        return name, name
    return "", ""


def _host(url: str) -> str:
    return name_for_unknown(url)
