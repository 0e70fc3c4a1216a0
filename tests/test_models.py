from storyline.models import ConflictValue, Fact, Report, Span, StoryAnalysis, from_dict, to_dict


def test_report_round_trips_through_dicts() -> None:
    report = Report(id="abc", source="Reuters", body="Body.", credits=("Reporting by X",), furniture=("Photo: Y",))
    assert from_dict(Report, to_dict(report)) == report


def test_nested_records_round_trip() -> None:
    fact = Fact(
        id="f1", story="s1", text="12 injured", status="conflicting",
        support=(Span(report="r1", sentence=2, start=10, end=40),),
        conflicts=(ConflictValue(value="12", sources=("A",)), ConflictValue(value="14", sources=("B",))),
    )
    analysis = StoryAnalysis(story="s1", facts=(fact,))
    revived = from_dict(StoryAnalysis, to_dict(analysis))
    assert revived == analysis
    assert revived.facts[0].support[0].start == 10


def test_unknown_keys_are_ignored() -> None:
    assert from_dict(Report, {"id": "x", "record": "report", "extra": 1}).id == "x"
