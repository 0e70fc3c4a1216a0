"""Which outlet published a report, from its URL, its source field or the text itself.

The outlets are data (`data/outlets.csv`: name, domains, kind, country, family, aliases) so
that adding one is a one-line change. A name carrying a qualifier in parentheses, such as
"Time (magazine)", is one whose bare form is too common a word to look for in free text;
`by_name` still accepts the bare form when no other outlet claims it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from storyline.errors import ConfigError
from storyline.wordlists import data_text

KINDS = (
    "wire agency",
    "newspaper",
    "magazine",
    "broadcaster",
    "aggregator",
    "blog",
    "trade publication",
)
COLUMNS = ("name", "domains", "kind", "country", "family", "aliases")
# Second-level labels under which registrars sell names, so "bbc.co.uk" is one owner.
TWO_LEVEL_SUFFIXES = frozenset(
    f"{second}.{top}"
    for top, seconds in {
        "uk": ("co", "org", "ac", "gov", "ltd", "plc", "me", "net"),
        "au": ("com", "net", "org", "edu", "gov", "asn", "id"),
        "nz": ("co", "org", "net", "govt", "ac", "school"),
        "za": ("co", "org", "gov", "ac", "net"),
        "sg": ("com", "org", "edu", "gov", "net"),
        "in": ("co", "org", "net", "gov", "ac", "gen", "firm", "ind"),
        "pk": ("com", "org", "net", "gov", "edu"),
        "ng": ("com", "org", "gov", "edu", "net"),
        "ke": ("co", "or", "go", "ac", "ne"),
        "jp": ("co", "or", "ne", "ac", "go"),
        "kr": ("co", "or", "ne", "ac", "go"),
        "il": ("co", "org", "ac", "gov", "net"),
        "hk": ("com", "org", "gov", "edu", "net"),
        "cn": ("com", "org", "gov", "edu", "net"),
        "my": ("com", "org", "gov", "edu", "net"),
        "ph": ("com", "org", "gov", "edu", "net"),
        "br": ("com", "org", "gov", "net"),
        "mx": ("com", "org", "gob", "net"),
        "ar": ("com", "org", "gob", "net"),
        "tr": ("com", "org", "gov", "net"),
        "eg": ("com", "org", "gov", "net"),
        "gh": ("com", "org", "gov", "edu"),
        "ug": ("co", "or", "go", "ac"),
        "tz": ("co", "or", "go", "ac"),
        "zw": ("co", "org", "gov", "ac"),
        "bd": ("com", "org", "gov", "net"),
        "lk": ("com", "org", "gov", "net"),
        "np": ("com", "org", "gov", "net"),
        "tw": ("com", "org", "gov", "net"),
        "th": ("co", "or", "go", "ac", "in"),
        "id": ("co", "or", "go", "ac", "web"),
        "vn": ("com", "org", "gov", "net"),
        "qa": ("com", "org", "gov", "net"),
        "sa": ("com", "org", "gov", "net"),
        "ae": ("co", "org", "gov", "net"),
    }.items()
    for second in seconds
)
# Hosts that give each customer a subdomain: there the subdomain is the outlet.
HOSTED_SITES = frozenset(
    ("blogspot.com", "wordpress.com", "substack.com", "tumblr.com", "medium.com", "typepad.com", "github.io")
)
_QUALIFIER = re.compile(r"\s*\([^)]*\)$")
_Trie = dict[str, "_Trie"]


@dataclass(frozen=True, kw_only=True)
class Outlet:
    """One outlet, with the names text uses for it and the group that owns it."""

    name: str
    domains: tuple[str, ...]
    kind: str
    country: str
    family: str
    aliases: tuple[str, ...]


class OutletRegistry:
    """Known outlets, indexed by domain, by name and by how text mentions them."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self._outlets = tuple(outlets)
        self._by_domain = {domain: outlet for outlet in outlets for domain in outlet.domains}
        self._by_name = _index_names(outlets)
        self._by_form = {form: outlet for outlet in outlets for form in (outlet.name, *outlet.aliases)}
        self._pattern = _compile_forms(self._by_form)

    @classmethod
    def load(cls, path: Path | None = None) -> OutletRegistry:
        """Read the registry from a CSV file; the packaged list by default."""
        if path is None:
            where = "storyline/data/outlets.csv"
        else:
            where = str(path)
        text = data_text("outlets.csv", path)
        reader = csv.DictReader(text.splitlines())
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ConfigError(f"{where}: expected the columns {','.join(COLUMNS)}")
        return cls([_parse_row(row, where, number) for number, row in enumerate(reader, start=2)])

    def by_domain(self, url_or_host: str) -> Outlet | None:
        """The outlet owning a URL or host name, trying ever shorter suffixes of the host."""
        host = _host_of(url_or_host)
        while host:
            outlet = self._by_domain.get(host)
            if outlet is not None:
                return outlet
            _, _, host = host.partition(".")
        return None

    def by_name(self, text: str) -> Outlet | None:
        """The outlet whose name or alias is exactly `text`, ignoring case and outer spaces."""
        return self._by_name.get(" ".join(text.split()).casefold())

    def find_in_text(self, text: str) -> list[tuple[Outlet, int, int]]:
        """Every mention of an outlet in `text`, as (outlet, start, end), in reading order.

        Matching is case-sensitive and whole-word because outlet names are proper nouns
        that are often also common words ("The Independent", "Wired", "AP"); where two
        names overlap the longer wins, so "Thomson Reuters" is one mention, not two.
        """
        return [(self._by_form[match.group()], match.start(), match.end()) for match in self._pattern.finditer(text)]

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._outlets)

    def __len__(self) -> int:
        return len(self._outlets)


@lru_cache(maxsize=1)
def load_default_registry() -> OutletRegistry:
    """The packaged registry, read once per process."""
    return OutletRegistry.load()


def name_for_unknown(url_or_host: str) -> str:
    """A stable name for an outlet not in the registry: its registrable domain.

    "https://news.example-daily.co.uk/a" gives "example-daily.co.uk", so every section
    and edition of an unknown site counts as one outlet; on blog hosts such as
    "someone.blogspot.com" the subdomain is kept, as each blog is its own outlet.
    """
    host = _host_of(url_or_host)
    labels = host.split(".")
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return host
    if labels[0] == "www":
        labels = labels[1:]
    keep = 3 if ".".join(labels[-2:]) in TWO_LEVEL_SUFFIXES else 2
    registrable = labels[-keep:]
    if registrable[0] == "blogspot" or ".".join(registrable) in HOSTED_SITES:
        keep += 1
    return ".".join(labels[-keep:])


def _parse_row(row: dict[str, str], where: str, number: int) -> Outlet:
    name = row["name"].strip()
    kind = row["kind"].strip()
    country = row["country"].strip()
    if not name:
        raise ConfigError(f"{where}:{number}: the name is empty")
    if kind not in KINDS:
        raise ConfigError(f"{where}:{number}: kind {kind!r} is not one of: {', '.join(KINDS)}")
    if len(country) != 2 or not country.isalpha() or not country.isupper():
        raise ConfigError(f"{where}:{number}: country {country!r} is not an ISO 3166-1 alpha-2 code such as GB")
    return Outlet(
        name=name,
        domains=tuple(domain.lower() for domain in row["domains"].split()),
        kind=kind,
        country=country,
        family=row["family"].strip(),
        aliases=tuple(alias.strip() for alias in row["aliases"].split("|") if alias.strip()),
    )


def _index_names(outlets: list[Outlet]) -> dict[str, Outlet]:
    """Map folded names and aliases to outlets; a bare qualified name only if unclaimed."""
    index = {form.casefold(): outlet for outlet in outlets for form in (outlet.name, *outlet.aliases)}
    bare: dict[str, list[Outlet]] = {}
    for outlet in outlets:
        stripped = _QUALIFIER.sub("", outlet.name)
        if stripped != outlet.name:
            bare.setdefault(stripped.casefold(), []).append(outlet)
    for key, claimants in bare.items():
        if len(claimants) == 1 and key not in index:
            index[key] = claimants[0]
    return index


def _compile_forms(forms: Iterable[str]) -> re.Pattern[str]:
    """One regex for all forms, shaped as a trie so each position tries one branch per letter.

    Optional tails are greedy, so the engine returns the longest form that ends on a word
    boundary, and `finditer` makes the matches non-overlapping.
    """
    trie: _Trie = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"(?<!\w){_pattern_of(trie)}(?!\w)")


def _pattern_of(node: _Trie) -> str:
    branches = [re.escape(char) + _pattern_of(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _host_of(url_or_host: str) -> str:
    """The lower-case host of a URL or bare host name, without port or trailing dot."""
    text = url_or_host.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".")
