"""What the PostgreSQL store alone does: its location, its identity check, search snippets, writers at once.

The `Store` contract itself runs on PostgreSQL in test_protocol.py (`STORE_FACTORIES`).
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from storyline.errors import CorruptStoreError, StoreError
from storyline.models import Report
from storyline.store import describe_location, is_postgres_location, open_store
from storyline.store.postgres import PostgresStore
from storyline.store.postgres_schema import MIGRATIONS


def test_a_postgresql_url_selects_the_postgresql_store(postgres_url: str) -> None:
    assert is_postgres_location("postgresql://u@h:5432/db") and is_postgres_location("postgres://h/db")
    assert not is_postgres_location("news.db") and not is_postgres_location(":memory:")
    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore)


def test_a_location_is_shown_without_its_password() -> None:
    assert describe_location("postgresql://ann:s3cret@db.example:5433/news") == "postgresql://ann@db.example:5433/news"
    assert "s3cret" not in describe_location("postgresql://ann:s3cret@db.example:5433/news?sslmode=require")
    assert describe_location("news.db") == "news.db"


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match=r"postgresql://nobody@127\.0\.0\.1:1/none: cannot connect"):
        open_store("postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=2")


def test_a_database_of_another_program_is_refused(postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    url = postgres_cluster.new_database()
    with psycopg.connect(url, autocommit=True) as other:
        other.execute("CREATE TABLE invoices (n integer)")
    with pytest.raises(CorruptStoreError, match="not a storyline store"):
        open_store(url)


def test_a_new_database_gets_the_schema_in_public_and_keeps_its_version(postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    url = postgres_cluster.new_database()
    with open_store(url) as store:
        store.add_report(Report(id="r1", body="b"))
    with open_store(url) as store:
        assert store.count_reports() == 1
    with psycopg.connect(url) as check:
        assert check.execute("SELECT application, version FROM public.schema_version").fetchall() == [("storyline", len(MIGRATIONS))]


def test_stores_opened_at_once_on_a_new_schema_migrate_it_once(postgres_url: str) -> None:
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            open_store(postgres_url).close()
        except StoreError as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_writers_at_once_store_each_report_once(postgres_url: str) -> None:
    reports = [Report(id=f"r{n}", title=f"T{n}", body="b") for n in range(60)]
    stored: list[int] = []

    def ingest() -> None:
        with open_store(postgres_url) as store:
            stored.append(sum(store.add_report(report) for report in reports))

    threads = [threading.Thread(target=ingest) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(stored) == 60
    with open_store(postgres_url) as store:
        assert sorted(r.id for r in store.iter_reports()) == sorted(r.id for r in reports)


def test_the_update_lock_makes_a_second_store_wait(postgres_url: str) -> None:
    order: list[str] = []
    with open_store(postgres_url) as first, open_store(postgres_url) as second:
        with first.update_lock():
            waiter = threading.Thread(target=lambda: _take(second, order))
            waiter.start()
            waiter.join(timeout=0.5)
            order.append("first releases")
        waiter.join(timeout=10)
    assert order == ["first releases", "second holds"]


def _take(store, order: list[str]) -> None:  # type: ignore[no-untyped-def]
    with store.update_lock():
        order.append("second holds")


def test_search_snippets_mark_matches_and_elide_like_sqlite(postgres_url: str) -> None:
    body = " ".join(f"word{i}" for i in range(60)) + " wildfire near the harbour " + " ".join(f"tail{i}" for i in range(60))
    with open_store(postgres_url) as store:
        store.add_report(Report(id="long", title="Fire", body=body))
        store.add_report(Report(id="short", title="x", body="The wildfire is short."))
        hits = store.search("wildfire harbour")
        assert [h.report.id for h in hits] == ["long"]
        assert hits[0].snippet.startswith(" … ") and hits[0].snippet.endswith(" … ")
        assert "[wildfire]" in hits[0].snippet and "[harbour]" in hits[0].snippet
        both = {h.report.id: h for h in store.search("wildfire")}
        assert both["short"].snippet == "The [wildfire] is short." and both["short"].score > both["long"].score > 0


def test_a_nul_character_is_dropped_rather_than_failing_the_ingest(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        assert store.add_report(Report(id="n", title="A\x00B", body="body\x00text"))
        stored = store.get_report("n")
        assert stored is not None and (stored.title, stored.body) == ("AB", "bodytext")


def test_commands_that_only_read_take_a_postgresql_url(postgres_url: str) -> None:
    with open_store(postgres_url) as store:
        store.add_report(Report(id="r1", body="b"))
    shown = subprocess.run([sys.executable, "-m", "storyline.cli", "--db", postgres_url, "reports", "--json"],
                           capture_output=True, text=True, check=False, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert '"r1"' in shown.stdout


def test_a_schema_that_does_not_exist_is_a_clear_error(postgres_cluster) -> None:  # type: ignore[no-untyped-def]
    url = postgres_cluster.new_database() + "?options=-csearch_path%3Dmissing"
    with pytest.raises(StoreError, match="cannot set up the store's tables"):
        open_store(url)
