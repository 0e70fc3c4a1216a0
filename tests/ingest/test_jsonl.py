import json

from storyline.ingest.jsonl import read_jsonl
from storyline.models import Rejection


def test_common_field_names_are_mapped() -> None:
    line = {"maintext": "Body text here.", "title": "T", "url": "https://x.example/a", "date_publish": "2020-01-02 10:00:00",
            "source_domain": "x.example", "authors": ["A B", "C D"]}
    (document,) = list(read_jsonl(json.dumps(line).encode(), "f.jsonl"))
    assert not isinstance(document, Rejection)
    assert document.text == "Body text here."
    assert document.published == "2020-01-02 10:00:00"
    assert document.source_domain == "x.example"
    assert document.byline == "A B, C D"
    assert document.origin == "f.jsonl:1"


def test_bad_lines_are_rejected_and_others_kept() -> None:
    data = b'{"text": "ok one"}\n{broken\n\n[1, 2]\n{"title": "no text"}\n{"text": "ok two"}\n'
    items = list(read_jsonl(data, "f.jsonl"))
    rejected = [i for i in items if isinstance(i, Rejection)]
    kept = [i for i in items if not isinstance(i, Rejection)]
    assert [k.text for k in kept] == ["ok one", "ok two"]
    assert [(r.path, r.reason) for r in rejected] == [("f.jsonl:2", "bad-json"), ("f.jsonl:4", "bad-record"), ("f.jsonl:5", "empty")]


def test_derived_export_lines_are_skipped() -> None:
    data = b'{"record": "story", "id": "s"}\n{"record": "report", "id": "00000000000000r1", "body": "B", "source": "S"}\n'
    (document,) = list(read_jsonl(data, "e.jsonl"))
    assert isinstance(document, Rejection) and document.reason == "bad-record"
    data = b'{"record": "story", "id": "s"}\n{"record": "report", "id": "00000000000000a1", "body": "B", "source": "S"}\n'
    (document,) = list(read_jsonl(data, "e.jsonl"))
    assert not isinstance(document, Rejection)
    assert document.report is not None and document.report.id == "00000000000000a1"
