"""Country codes as users type them: ISO 3166 alpha-3 (as CAMEO and GDELT write them) or alpha-2.

Records store alpha-2 (`Entity.country`, `Event.actor1_country`); filters and dyads speak
alpha-3, so both directions are needed at the edges.
"""

from __future__ import annotations

import functools

import pycountry

from storyline.analyze.lexicon import alpha3
from storyline.errors import UsageError


@functools.lru_cache(maxsize=512)
def country_alpha2(code: str) -> str:
    """The alpha-2 code of an alpha-3 or alpha-2 code ("CHN", "chn", "CN" -> "CN").

    Raises UsageError naming the code when it is neither.
    """
    cleaned = code.strip().upper()
    record = None
    if len(cleaned) == 3 and cleaned.isalpha():
        record = pycountry.countries.get(alpha_3=cleaned)
    elif len(cleaned) == 2 and cleaned.isalpha():
        record = pycountry.countries.get(alpha_2=cleaned)
    if record is None:
        raise UsageError(f"{code!r} is not an ISO 3166 country code (alpha-3 such as CHN, or alpha-2 such as CN)")
    return str(record.alpha_2)


def country_alpha3(code: str) -> str:
    """The alpha-3 code of an alpha-2 or alpha-3 code; UsageError when it is neither."""
    return alpha3(country_alpha2(code))


def country_name(code: str) -> str:
    """The short English name of an alpha-2 or alpha-3 code ("CHN" -> "China")."""
    record = pycountry.countries.get(alpha_2=country_alpha2(code))
    return str(getattr(record, "common_name", None) or getattr(record, "name", code))


__all__ = ["country_alpha2", "country_alpha3", "country_name"]
