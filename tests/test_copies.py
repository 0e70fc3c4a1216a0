"""Copy detection on real reports: reprints with edits are found, independent reports are not."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.copies import CopyIndex, CopyOptions, normalise_words, shingles
from storyline.errors import ConfigError
from storyline.evaluation.syndication import edit_copy

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"
SHARED_DATA = ROOT.parent / "shared" / "data"

WIRE = """(Meridian) - Harbour authorities closed the northern shipping channel on Tuesday after a
container vessel lost power and drifted onto a sandbank near the port entrance, officials said.
The 180-metre Arlow Trader was carrying about 1,400 containers when its engines failed shortly
after 6 a.m., the port authority said in a statement. Nobody was hurt and there was no sign of a
fuel leak, it said. Two tugs were working to refloat the ship on the evening high tide, and the
channel was expected to reopen on Wednesday morning if the operation succeeded.
"Our priority is the safety of the crew and of the harbour," harbour master Ines Calder told
reporters. "We will not take risks with a vessel of this size." About a dozen ships were waiting
outside the port, and freight operators warned of delays to deliveries across the region this week.
The ship's owner, Castleford Lines, said it was cooperating with the authorities and had sent
engineers to investigate the cause of the power failure."""

INDEPENDENT = """A cargo ship that drifted onto a sandbank at the mouth of the harbour has left a
dozen vessels queuing offshore, and shippers say the closure could cost them days. Harbour master
Ines Calder said on Tuesday that the Arlow Trader, loaded with roughly 1,400 boxes, had lost engine
power early in the morning. "We will not take risks with a vessel of this size," she said. Tugs
will try again at high tide tonight. Castleford Lines, which owns the ship, said engineers were on
their way. Local freight firms told us they had already rerouted some trucks to the southern
terminal, and one operator described the week as a write-off for deliveries to the coast."""


def test_copy_with_five_percent_edits_new_headline_and_furniture_is_found() -> None:
    rng = random.Random(3)
    vocabulary = sorted({word for word in WIRE.split() if word.isalpha()})
    index = CopyIndex()
    assert index.add("wire", "Ship aground closes channel\n" + WIRE, "2026-01-06T08:00") == ""
    for number in range(5):
        copy = edit_copy("Ship aground closes channel\n" + WIRE, rng, vocabulary)
        assert index.add(f"copy{number}", copy, "2026-01-06T10:00") == "wire"


def test_trimmed_copy_is_found() -> None:
    index = CopyIndex()
    index.add("wire", WIRE)
    trimmed = "\n".join(WIRE.splitlines()[:6]) + "\nAdvertisement\nShare this article"
    assert index.add("trimmed", trimmed) == "wire"


def test_independent_report_sharing_a_quote_and_facts_is_not_a_copy() -> None:
    index = CopyIndex()
    index.add("wire", WIRE)
    assert index.add("own-reporting", INDEPENDENT) == ""


def test_exact_duplicate_of_a_short_text_is_found() -> None:
    index = CopyIndex()
    index.add("a", "Storm closes the bridge.")
    assert index.add("b", "  storm closes THE bridge ") == "a"
    assert index.add("c", "Storm closes the road.") == ""


def test_earliest_published_report_is_the_original() -> None:
    index = CopyIndex()
    index.add("late", WIRE, "2026-01-07")
    index.add("early", "Another headline\n" + WIRE, "2026-01-05")
    assert index.add("third", "Third headline\n" + WIRE, "2026-01-08") == "early"
    assert index.original_of("third") == "early"


def test_adding_an_id_twice_returns_the_first_answer() -> None:
    index = CopyIndex()
    index.add("wire", WIRE)
    first = index.add("copy", "New headline\n" + WIRE)
    assert index.add("copy", "something else entirely") == first == "wire"
    assert len(index) == 2


def test_index_restored_from_signatures_answers_like_the_original() -> None:
    rng = random.Random(5)
    vocabulary = sorted(set(WIRE.split()))
    texts = {"wire": WIRE, "own": INDEPENDENT, "copy": edit_copy(WIRE, rng, vocabulary)}
    fresh, restored = CopyIndex(), CopyIndex()
    for report_id, text in texts.items():
        answer = fresh.add(report_id, text)
        assert restored.add_signature(report_id, fresh.signature(text)) == answer
    probe = edit_copy(WIRE, rng, vocabulary)
    assert fresh.add("probe", probe) == restored.add_signature("probe", restored.signature(probe)) == "wire"


def test_add_signed_answers_as_signature_then_add() -> None:
    separate, together = CopyIndex(), CopyIndex()
    texts = {"wire": WIRE, "copy": "Ship aground\n" + WIRE, "same": WIRE, "other": INDEPENDENT, "short": "Two words."}
    for report_id, text in [*texts.items(), ("wire", WIRE)]:
        signature = separate.signature(text)
        assert together.add_signed(report_id, text) == (separate.add(report_id, text), signature)


def test_signature_has_count_then_minhash_values() -> None:
    options = CopyOptions()
    signature = CopyIndex(options).signature(WIRE)
    assert len(signature) == options.num_perm + 1
    assert signature[0] == len(shingles(normalise_words(WIRE), 3))
    assert all(0 <= value < 2**32 for value in signature[1:])


@pytest.mark.parametrize(
    "changes",
    [{"bands": 50, "rows": 3}, {"min_containment": 0.0}, {"shingle_words": 0}],
)
def test_invalid_options_are_rejected_with_a_hint(changes: dict[str, object]) -> None:
    with pytest.raises(ConfigError, match="try"):
        CopyOptions(**changes)  # type: ignore[arg-type]


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_detection_is_symmetric(seed: int) -> None:
    rng = random.Random(seed)
    copy = edit_copy(WIRE, rng, sorted(set(WIRE.split())))
    forward, backward = CopyIndex(), CopyIndex()
    forward.add("a", WIRE)
    backward.add("b", copy)
    assert (forward.add("b", copy) == "a") == (backward.add("a", WIRE) == "b")


def test_planted_wire_copies_of_the_example_corpus() -> None:
    key_path = EXAMPLES / "answer_key.json"
    if not key_path.exists():
        pytest.skip(f"needs the example corpus at {EXAMPLES}")
    key = json.loads(key_path.read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (EXAMPLES / "reports.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    index = CopyIndex()
    found = {}
    for row in sorted(rows, key=lambda row: row["date_publish"]):
        found[row["url"]] = index.add(row["url"], f"{row['title']}\n{row['text']}", row["date_publish"])
    expected = {pair["copy"]: pair["original"] for pair in key["copies"]}
    assert {url: original for url, original in found.items() if original} == expected


def test_independent_newswcl50_reports_of_one_event_are_not_copies() -> None:
    path = SHARED_DATA / "newswcl50" / "newswcl50.jsonl"
    if not path.exists():
        pytest.skip(f"needs {path} (the shared evaluation data beside the checkout)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    index = CopyIndex()
    assert [row["id"] for row in rows if index.add(row["id"], row["text"])] == []


def test_signatures_stay_those_stored_by_earlier_runs() -> None:
    # Stores keep signatures and compare new reports against them: a MinHash library (or
    # version) that hashed differently would silently stop finding copies of old reports.
    text = "The council voted on Tuesday to close the ferry terminal at the end of the year, officials said."
    assert CopyIndex().signature(text)[:5] == [16, 3384421240, 1042435165, 2759660933, 3260709262]
