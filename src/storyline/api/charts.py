"""Small charts computed on the server and drawn as inline SVG by the templates (no script needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


@dataclass(frozen=True, kw_only=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str


@dataclass(frozen=True, kw_only=True)
class Chart:
    """Bars in a `width` × `height` box, with a sentence describing the data for screen readers."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    peak: int
    start: str
    end: str
    description: str


# Bars in a story-list sparkline: enough to show a shape, few enough to read at 120 px.
SPARKLINE_BINS = 12


def parse_time(value: str) -> datetime | None:
    """An ISO date or datetime as an aware UTC datetime; None when it does not parse."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def sparkline(dates: list[str], *, width: int = 120, height: int = 28, bins: int = SPARKLINE_BINS) -> Chart | None:
    """Reports over time: publication times in equal-width bins between the first and the last."""
    times = sorted(t for t in (parse_time(d) for d in dates) if t is not None)
    if not times:
        return None
    first, last = times[0], times[-1]
    span = (last - first).total_seconds()
    counts = [0] * bins
    for t in times:
        index = 0 if span == 0 else min(bins - 1, int((t - first).total_seconds() / span * bins))
        counts[index] += 1
    step = span / bins
    labels = [(first + timedelta(seconds=step * i)).strftime("%Y-%m-%d %H:%M") for i in range(bins)]
    start, end = first.strftime("%Y-%m-%d %H:%M"), last.strftime("%Y-%m-%d %H:%M")
    description = f"{len(times)} reports between {start} and {end}, per period: {', '.join(map(str, counts))}"
    return _bars(counts, labels, width, height, start, end, description)


def daily_chart(points: list[tuple[str, int]], *, width: int = 640, height: int = 160) -> Chart | None:
    """Counts per day (gaps filled with zeros), per month when the range is longer than a year."""
    days = [(d, n) for d, n in ((_day(day), n) for day, n in points) if d is not None]
    if not days:
        return None
    days.sort()
    first, last = days[0][0], days[-1][0]
    if (last - first).days > 366:
        keys = _months(first, last)
        totals = dict.fromkeys(keys, 0)
        for d, n in days:
            totals[d.strftime("%Y-%m")] += n
    else:
        keys = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
        totals = dict.fromkeys(keys, 0)
        for d, n in days:
            totals[d.isoformat()] += n
    counts = [totals[k] for k in keys]
    description = f"{sum(counts)} stories from {keys[0]} to {keys[-1]}; busiest: {max(counts)} on {keys[counts.index(max(counts))]}"
    return _bars(counts, keys, width, height, keys[0], keys[-1], description)


def period_chart(points: list[tuple[str, int]], *, noun: str = "events", width: int = 640, height: int = 160) -> Chart | None:
    """Counts per named period ("2018-06", "2018-W26"), one bar each, in the order given; months
    without events between the first and the last are drawn as empty bars."""
    if not points:
        return None
    totals = dict(points)
    first, last = _day(points[0][0] + "-01"), _day(points[-1][0] + "-01")
    labels = _months(first, last) if first and last and len(points[0][0]) == 7 else [label for label, _ in points]
    counts = [totals.get(label, 0) for label in labels]
    busiest = counts.index(max(counts))
    description = f"{sum(counts)} {noun} from {labels[0]} to {labels[-1]}; busiest: {counts[busiest]} in {labels[busiest]}"
    return _bars(counts, labels, width, height, labels[0], labels[-1], description)


def _bars(counts: list[int], labels: list[str], width: int, height: int, start: str, end: str, description: str) -> Chart:
    peak = max(counts) or 1
    slot = width / len(counts)
    gap = min(2.0, slot * 0.2)
    bars = []
    for i, (count, label) in enumerate(zip(counts, labels)):
        h = max(1.0, count / peak * (height - 2)) if count else 0.0
        bars.append(Bar(x=round(i * slot + gap / 2, 2), y=round(height - h, 2), width=round(slot - gap, 2),
                        height=round(h, 2), count=count, label=label))
    return Chart(width=width, height=height, bars=tuple(bars), peak=peak, start=start, end=end, description=description)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _months(first: date, last: date) -> list[str]:
    keys = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys
