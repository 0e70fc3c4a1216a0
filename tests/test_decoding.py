import codecs

import pytest

from storyline.decoding import decode_bytes, looks_binary
from storyline.errors import Reason, RejectedInput


def test_utf8_and_bom_variants_decode() -> None:
    text = "Café – “quoted”"
    assert decode_bytes(text.encode("utf-8"), "a") == text
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), "a") == text
    assert decode_bytes(text.encode("utf-16"), "a") == text


def test_cp1252_is_decoded_not_rejected() -> None:
    text = "The minister’s “plan” costs €5m – critics"
    assert decode_bytes(text.encode("cp1252"), "a") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", Reason.EMPTY),
        (b"  \n\t ", Reason.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), Reason.BINARY),
        (b"valid start \x81\x8d\x8f\x90\x9d broken", Reason.UNDECODABLE),
    ],
)
def test_bad_bytes_are_rejected_with_a_reason(data: bytes, reason: Reason) -> None:
    with pytest.raises(RejectedInput) as caught:
        decode_bytes(data, "some/file.txt")
    assert caught.value.reason is reason
    assert caught.value.path == "some/file.txt"


def test_binary_detection() -> None:
    assert looks_binary(b"abc\x00def")
    assert not looks_binary(b"plain text\nwith lines\n")
