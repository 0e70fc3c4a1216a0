"""Timestamp lines: publication dates and times between a headline and the body."""

from __future__ import annotations

import pytest

from storyline.clean.report import clean_document
from storyline.clean.text import clean_text
from storyline.clean.timestamps import is_timestamp
from storyline.models import RawDocument


@pytest.mark.parametrize(
    "line",
    [
        "May 2, 2013 | 5: 03pm",
        "UPDATED 05 / 03 / 2013 at 11:00 AM EDT",
        "Posted on Thu Jun 13, 2013 08:45 AM PDT",
        "Updated 4:08 p. m. ET",
        "published: 2012-04-04 11:47:35",
        "14 June 2013",
        "Originally published 05 / 03 / 2013 at 10:20 AM EDT",
        "Updated: 09 Sep 2013 11:25 GMT+02: 00",
        "Friday August 2, 2013 @ 8: 13am PDT",
        "Sat Nov 12 2011,01:19 hrs",
    ],
)
def test_a_line_of_dates_and_times_is_a_timestamp(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "The fire broke out on May 2, 2013 at 5:03pm.",
        "May I say 2013 was a good year",
        "41,000 pens",
        "WASHINGTON, DC, April 28, 2009",
        "Ellen DeGeneres to host 2014 Oscars",
        "Updated",
    ],
)
def test_a_sentence_mentioning_a_date_is_not_a_timestamp(line: str) -> None:
    assert not is_timestamp(line)


def test_the_headline_above_a_timestamp_is_the_title() -> None:
    text = "Lohan checks into rehab facility\nMay 2, 2013 | 5: 03pm\nLindsay Lohan has checked into a rehab facility."
    cleaned = clean_text(text)
    assert cleaned.title == "Lohan checks into rehab facility"
    assert cleaned.timestamps == ["May 2, 2013 | 5: 03pm"]
    assert cleaned.body == "Lindsay Lohan has checked into a rehab facility."


def test_a_timestamp_line_is_kept_for_audit_and_leaves_the_headline_alone() -> None:
    text = "Lohan checks into rehab facility\nUpdated 4:08 p. m. ET, May 2, 2013\nLindsay Lohan has checked in."
    report = clean_document(RawDocument(origin="t", text=text))
    assert report.title == "Lohan checks into rehab facility"
    assert report.body == "Lindsay Lohan has checked in."
    assert "Updated 4:08 p. m. ET, May 2, 2013" in report.furniture
    # The line does not date the report (see storyline.clean.timestamps for why).
    assert report.published == ""
