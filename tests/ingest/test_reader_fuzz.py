"""Fuzzing the readers and the cleaner for a bounded number of examples (Hypothesis).

Random bytes under every file name the readers dispatch on, and valid samples of each
format with bytes flipped, cut or inserted: reading yields documents or typed rejections
and never raises; cleaning a document gives a report or a `RejectedInput`, nothing else.
"""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean.report import clean_document
from storyline.errors import Reason, RejectedInput
from storyline.ingest import read_bytes
from storyline.models import RawDocument, Rejection

NAMES = ("a.txt", "a.jsonl", "a.html", "a.xml", "a.rss", "a.warc", "a.txt.gz", "a.warc.gz", "noext")
SENTENCE = "The ferry left Port Ellery on Monday with 212 passengers, the operator said."
REASONS = {reason.value for reason in Reason}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _warc_sample() -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    body = f"<html><body><article><h1>Ferry</h1><p>{SENTENCE}</p><p>{SENTENCE}</p></article></body></html>".encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://a.example/f", "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


SAMPLES = (
    ("a.txt", f"Ferry leaves\n\nPORT ELLERY (Reuters) - {SENTENCE}\n\nBy Jane Roe\n\nRelated stories\nMore news\n".encode()),
    ("a.jsonl", (json.dumps({"title": "Ferry", "text": SENTENCE, "published": "2024-03-01"}) + "\n"
                 + json.dumps({"record": "report", "id": "0123456789abcdef", "body": SENTENCE, "credits": ["x"]})).encode()),
    ("a.html", f"<!DOCTYPE html><html><head><title>Ferry</title></head><body><nav>Home</nav><article><h1>Ferry</h1>"
               f"<p>{SENTENCE}</p><p>{SENTENCE}</p></article></body></html>".encode()),
    ("a.xml", f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Ferry</title>'
              f'<description>{SENTENCE * 12}</description><guid isPermaLink="false">1</guid></item></channel></rss>'.encode()),
    ("a.warc", _warc_sample()),
    ("a.txt.gz", gzip.compress(f"Ferry\n\n{SENTENCE}".encode())),
)


def _read_and_clean(data: bytes, name: str) -> None:
    for item in read_bytes(data, name, name, max_bytes=1_000_000):
        if isinstance(item, Rejection):
            assert item.reason in REASONS and item.message and "\n" not in item.message
            continue
        assert isinstance(item, RawDocument)
        try:
            clean_document(item)
        except RejectedInput as exc:
            assert exc.reason.value in REASONS


@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from(NAMES))
def test_random_bytes_never_crash_a_reader(data: bytes, name: str) -> None:
    _read_and_clean(data, name)


@st.composite
def mutated_samples(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid sample with a few bytes flipped, a slice cut out, or bytes inserted."""
    name, data = draw(st.sampled_from(SAMPLES))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        position = draw(st.integers(min_value=0, max_value=max(0, len(buffer) - 1)))
        action = draw(st.sampled_from(("flip", "cut", "insert", "truncate")))
        if action == "flip" and buffer:
            buffer[position] ^= draw(st.integers(min_value=1, max_value=255))
        elif action == "cut":
            del buffer[position : position + draw(st.integers(min_value=1, max_value=64))]
        elif action == "insert":
            buffer[position:position] = draw(st.binary(min_size=1, max_size=32))
        else:
            del buffer[position:]
    return name, bytes(buffer)


@FUZZ
@given(sample=mutated_samples())
def test_damaged_files_of_every_format_never_crash_a_reader(sample: tuple[str, bytes]) -> None:
    name, data = sample
    _read_and_clean(data, name)


@FUZZ
@given(text=st.text(max_size=2000), title=st.text(max_size=80))
def test_any_text_is_read_and_cleaned_without_error(text: str, title: str) -> None:
    record = json.dumps({"title": title, "text": text}).encode()
    _read_and_clean(record, "a.jsonl")
    _read_and_clean(text.encode("utf-8", "surrogatepass"), "a.txt")
