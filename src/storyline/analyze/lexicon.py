"""The word lists analysis reads, loaded once from storyline/data: heuristics are data.

Every list is plain text (one entry a line, or tab-separated columns) with `#` comments,
so a reviewer can change a verb or a capital without touching code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pycountry

from storyline.wordlists import entries, words


def _pairs(name: str, *, lower_key: bool = True) -> dict[str, str]:
    result: dict[str, str] = {}
    for line in entries(name):
        key, _, value = line.partition("\t")
        result[key.strip().lower() if lower_key else key.strip()] = value.strip()
    return result


@dataclass(frozen=True, kw_only=True)
class Lexicon:
    """All word lists, keyed the way the analysis looks them up (lowercase)."""

    reporting_verbs: frozenset[str]
    citation_verbs: frozenset[str]
    example_markers: tuple[str, ...]
    titles: frozenset[str]
    roles: dict[str, str]
    coreference: dict[str, tuple[str, ...]]
    outlet_nouns: frozenset[str]
    capitals: dict[str, str]
    country_aliases: dict[str, str]
    demonyms: dict[str, str]
    synonyms: dict[str, str]
    negations: dict[str, str]
    hedges: frozenset[str] = frozenset()

    def country_code(self, name: str) -> str:
        """ISO alpha-2 of a country name or alias, or "" when it names no country."""
        key = name.strip().lower()
        key = key.removeprefix("the ")
        if key in self.country_aliases:
            return self.country_aliases[key]
        return _pycountry_code(key)

    def country_name(self, code: str) -> str:
        """The short English name of a country code ("CN" -> "China")."""
        return _country_name(code)


@functools.lru_cache(maxsize=4096)
def _pycountry_code(key: str) -> str:
    if len(key) < 4:
        return ""
    for attribute in ("name", "common_name", "official_name"):
        record = pycountry.countries.get(**{attribute: key})  # type: ignore[arg-type]
        if record is not None:
            return str(record.alpha_2)
    return ""


@functools.lru_cache(maxsize=512)
def alpha3(code: str) -> str:
    """ISO 3166 alpha-3 of an alpha-2 code ("CN" -> "CHN", the CAMEO country code); "" if unknown."""
    if not code:
        return ""
    try:
        record = pycountry.countries.get(alpha_2=code.upper())
    except (KeyError, LookupError):
        return ""
    return str(record.alpha_3) if record is not None else ""


@functools.lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return code
    name = getattr(record, "common_name", None) or record.name
    return str(name)


def _synonyms() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for line in entries("synonyms.tsv"):
        canonical, _, variants = line.partition("\t")
        canonical = canonical.strip().lower()
        mapping[canonical] = canonical
        for variant in variants.split():
            mapping[variant.lower()] = canonical
    return mapping


def _negations() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for line in entries("negations.tsv"):
        canonical, _, variants = line.partition("\t")
        for variant in variants.split("|"):
            if variant.strip():
                mapping[variant.strip().lower()] = canonical.strip().lower()
    return mapping


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every list once per process."""
    coreference = {k: tuple(v.split(",")) for k, v in _pairs("coreference.tsv").items()}
    aliases = {k.removeprefix("the "): v for k, v in _pairs("country_aliases.tsv").items()}
    return Lexicon(
        reporting_verbs=words("reporting_verbs.txt"),
        citation_verbs=words("citation_verbs.txt"),
        example_markers=tuple(sorted(words("example_markers.txt"), key=len, reverse=True)),
        titles=words("titles.txt"),
        roles=_pairs("roles.tsv"),
        coreference=coreference,
        outlet_nouns=words("outlet_nouns.txt"),
        capitals=_pairs("capitals.tsv"),
        country_aliases=aliases,
        demonyms=_pairs("demonyms.tsv"),
        synonyms=_synonyms(),
        negations=_negations(),
        hedges=words("hedges.txt"),
    )
