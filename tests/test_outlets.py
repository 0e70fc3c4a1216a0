"""The outlet registry: its data file is consistent, and lookups by domain, name and text agree."""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.outlets import KINDS, OutletRegistry, load_default_registry, name_for_unknown

CSV_PATH = Path(__file__).resolve().parents[1] / "src" / "storyline" / "data" / "outlets.csv"


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return load_default_registry()


def test_registry_is_large_with_unique_names(registry: OutletRegistry) -> None:
    names = [outlet.name for outlet in registry]
    assert len(registry) >= 260
    assert len(names) == len(set(names))


def test_file_is_sorted_by_name_with_the_expected_header() -> None:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["name", "domains", "kind", "country", "family", "aliases"]
    names = [row[0] for row in rows[1:]]
    assert names == sorted(names, key=lambda name: (name.casefold(), name))
    assert all(len(row) == 6 for row in rows)


def test_no_domain_is_claimed_by_two_outlets(registry: OutletRegistry) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for outlet in registry:
        assert outlet.domains, f"{outlet.name} has no domain"
        for domain in outlet.domains:
            assert domain == domain.lower() and "." in domain and "/" not in domain
            owners[domain].append(outlet.name)
    assert {domain: names for domain, names in owners.items() if len(names) > 1} == {}


def test_no_name_or_alias_names_two_outlets(registry: OutletRegistry) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for outlet in registry:
        for form in (outlet.name, *outlet.aliases):
            owners[form.casefold()].add(outlet.name)
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


def test_kinds_and_countries_are_valid(registry: OutletRegistry) -> None:
    for outlet in registry:
        assert outlet.kind in KINDS, outlet.name
        assert len(outlet.country) == 2 and outlet.country.isalpha() and outlet.country.isupper(), outlet.name
    assert {outlet.kind for outlet in registry} == set(KINDS)


def test_major_wire_agencies_are_present(registry: OutletRegistry) -> None:
    for name in ("Reuters", "AP", "AFP", "Bloomberg News", "dpa", "EFE", "ANSA", "Kyodo", "Xinhua", "TASS", "PTI", "Yonhap"):
        outlet = registry.by_name(name)
        assert outlet is not None, name
        assert outlet.kind == "wire agency", name


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.reuters.com/world/europe/some-story-2024-05-01/", "Reuters"),
        ("uk.reuters.com", "Reuters"),
        ("https://www.bbc.co.uk/news/x", "BBC News"),
        ("http://m.bbc.com/news/world", "BBC News"),
        ("https://amp.theguardian.com/world/2024/jan/01/story", "The Guardian"),
        ("https://edition.cnn.com/2024/01/01/politics/x/index.html", "CNN"),
        ("HTTPS://WWW.NYTIMES.COM:443/2024/01/01/us/x.html", "The New York Times"),
        ("https://economictimes.indiatimes.com/news/x", "The Economic Times"),
        ("https://timesofindia.indiatimes.com/india/x", "The Times of India"),
        ("https://finance.yahoo.com/news/x", "Yahoo Finance"),
        ("https://uk.news.yahoo.com/x", "Yahoo News"),
        ("https://www.thestar.com.my/news/x", "The Star (Malaysia)"),
        ("https://www.thestar.com/news/x", "Toronto Star"),
        ("https://eandt.theiet.org/2024/01/01/x", "E&T (The IET)"),
        ("apnews.com/article/x", "Associated Press"),
        ("http://www.msnbc.msn.com/id/123/", "MSNBC"),
        ("http://sports.espn.go.com/mlb/news/story", "ESPN"),
        ("http://abcnews.go.com/US/story", "ABC News"),
    ],
)
def test_by_domain_finds_outlet_from_url_or_subdomain(registry: OutletRegistry, url: str, name: str) -> None:
    outlet = registry.by_domain(url)
    assert outlet is not None, url
    assert outlet.name == name


def test_by_domain_returns_none_for_unknown_or_broken_input(registry: OutletRegistry) -> None:
    assert registry.by_domain("https://news.example-daily.co.uk/a") is None
    assert registry.by_domain("") is None
    assert registry.by_domain("http://[::1") is None
    assert registry.by_domain("co.uk") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reuters", "Reuters"),
        ("thomson reuters", "Reuters"),
        ("AP", "Associated Press"),
        ("The Associated Press", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("  Globe   and Mail ", "The Globe and Mail"),
        ("CTV News", "CTV"),
        ("NYT", "The New York Times"),
        ("E&T", "E&T (The IET)"),
        ("Time", "Time (magazine)"),
        ("The Times", "The Times (London)"),
        ("WaPo", "The Washington Post"),
    ],
)
def test_by_name_matches_names_and_aliases_ignoring_case(registry: OutletRegistry, text: str, name: str) -> None:
    outlet = registry.by_name(text)
    assert outlet is not None, text
    assert outlet.name == name


def test_by_name_is_exact_and_skips_ambiguous_bare_names(registry: OutletRegistry) -> None:
    assert registry.by_name("Reuters reported") is None
    assert registry.by_name("Times") is None
    assert registry.by_name("The Nation") is not None
    assert registry.by_name("The Herald") is None


def test_find_in_text_reports_each_mention_with_offsets(registry: OutletRegistry) -> None:
    text = "the Globe and Mail reported on Monday, an official told CTV television"
    found = [(outlet.name, start, end) for outlet, start, end in registry.find_in_text(text)]
    assert found == [("The Globe and Mail", 4, 18), ("CTV", 56, 70)]
    assert text[4:18] == "Globe and Mail"
    assert text[56:70] == "CTV television"


def test_find_in_text_prefers_the_longest_name(registry: OutletRegistry) -> None:
    text = "Thomson Reuters said; Reuters and Bloomberg Businessweek reported, citing The Associated Press."
    found = [(outlet.name, text[start:end]) for outlet, start, end in registry.find_in_text(text)]
    assert found == [
        ("Reuters", "Thomson Reuters"),
        ("Reuters", "Reuters"),
        ("Bloomberg Businessweek", "Bloomberg Businessweek"),
        ("Associated Press", "The Associated Press"),
    ]


def test_find_in_text_matches_whole_words_and_respects_case(registry: OutletRegistry) -> None:
    assert registry.find_in_text("The CAPITAL of the region, a MAP and an apple.") == []
    assert registry.find_in_text("he said ap and afp were wrong") == []
    found = registry.find_in_text("(AP) — told AFP's reporter")
    assert [(outlet.name, start, end) for outlet, start, end in found] == [
        ("Associated Press", 1, 3),
        ("Agence France-Presse", 12, 15),
    ]


def test_find_in_text_skips_names_that_are_common_words(registry: OutletRegistry) -> None:
    text = "Mayor Bloomberg thanked the Variety show cast; The Sun Herald and (CNA) reported."
    assert registry.find_in_text(text) == []


def test_find_in_text_is_fast_enough_for_long_documents(registry: OutletRegistry) -> None:
    text = "An official told the committee on Tuesday that the plan would proceed. " * 1500
    started = time.perf_counter()
    assert registry.find_in_text(text + "Source: Reuters") != []
    assert time.perf_counter() - started < 1.0


def test_load_rejects_an_invalid_kind_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text("name,domains,kind,country,family,aliases\nX,x.com,tabloid,GB,,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"outlets\.csv:2: kind 'tabloid'"):
        OutletRegistry.load(path)


def test_load_reads_a_given_file(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text(
        "name,domains,kind,country,family,aliases\nDaily Example,example.com example.org,newspaper,GB,,DE|The Example\n",
        encoding="utf-8",
    )
    registry = OutletRegistry.load(path)
    outlet = registry.by_domain("www.example.org")
    assert len(registry) == 1 and outlet is not None
    assert outlet.aliases == ("DE", "The Example")
    assert outlet.domains == ("example.com", "example.org")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example-daily.co.uk/a", "example-daily.co.uk"),
        ("https://www.example.com/path?q=1", "example.com"),
        ("sub.deep.example.com.au", "example.com.au"),
        ("http://WWW.Example.CO.NZ:8080/x", "example.co.nz"),
        ("example.co.za", "example.co.za"),
        ("https://m.paper.com.sg/x", "paper.com.sg"),
        ("https://www.paper.co.in/x", "paper.co.in"),
        ("paper.com.pk", "paper.com.pk"),
        ("https://paper.com.ng", "paper.com.ng"),
        ("example.org/a/b", "example.org"),
        ("http://joyofsox.blogspot.nl/2008/12/x.html", "joyofsox.blogspot.nl"),
        ("https://someone.blogspot.co.uk/", "someone.blogspot.co.uk"),
        ("https://writer.substack.com/p/x", "writer.substack.com"),
        ("https://www.wordpress.com/", "wordpress.com"),
        ("http://192.168.0.1/x", "192.168.0.1"),
        ("localhost", "localhost"),
        ("", ""),
    ],
)
def test_name_for_unknown_keeps_the_registrable_domain(url: str, expected: str) -> None:
    assert name_for_unknown(url) == expected
