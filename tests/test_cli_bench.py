"""`storyline bench …` runs the package's benchmarks (storyline.bench) and prints their measurements."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_bench_stories_prints_throughput_and_memory_per_size() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "bench", "stories", "--sizes", "200,400", "--json"],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout[result.stdout.index("["):])
    assert [row["reports"] for row in rows] == [200, 400]
    assert all(row["reports_per_second"] > 0 and row["peak_rss_mib"] > 0 for row in rows)


def test_bench_stories_reports_the_encoders_share(tmp_path: Path) -> None:
    # Run away from the checkout: the benchmarks are part of the package.
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "bench", "stories", "--sizes", "100", "--words", "60", "--json"],
        capture_output=True, text=True, check=False, timeout=300, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout[result.stdout.index("["):])
    # Headline-and-lead reports are all encoded; 300-word reports (above) by the share rule are not.
    assert row["encoder"] == "full" and row["encoded"] == 100
    assert 0.0 < row["encode_share"] < 1.0 and row["encode_seconds"] > 0


def test_bench_with_bad_sizes_is_a_usage_error() -> None:
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "bench", "stories", "--sizes", "ten"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--sizes" in result.stderr


def test_bench_analyze_reports_the_ratio_to_the_pipe_and_the_encoders_and_claim_alignments_shares() -> None:
    # It reads the example corpus of the checkout it runs in.
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "bench", "analyze", "--sizes", "8", "--repeat", "1", "--json"],
        capture_output=True, text=True, check=False, timeout=300, cwd=Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout[result.stdout.index("{"):])
    (run,) = report["runs"]
    assert run["reports"] == 8 and run["words"] > 0
    assert run["analyze_seconds"] >= run["encode_seconds"] >= 0 and run["ratio"] > 0
    assert report["encoder"] != "off" and 0.0 <= run["encoder_share"] < 1.0
    assert 0.0 < run["claim_alignment_seconds"] < run["analyze_seconds"] and run["claim_alignment_share"] > 0.0


def test_bench_pipeline_times_every_stage_and_projects_a_day(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "bench", "pipeline", "--sizes", "40", "--workers", "1", "--json"],
        capture_output=True, text=True, check=False, timeout=600, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout[result.stdout.index("{"):])
    (run,) = found["runs"]
    assert run["reports"] == 40 and run["executor"] == "local" and run["workers"] == 1
    assert run["seconds"] > 0 and run["reports_per_second"] > 0 and run["words_per_second"] > 0 and run["peak_mib"] > 0
    assert {"ingest", "analyze", "encode", "stories", "corroborate"} <= set(run["stages"])
    assert sum(run["stages"].values()) <= run["seconds"] + 0.05
    assert run["stored"] == 40 and found["projection"]["day_hours"] > 0


def test_bench_pipeline_rejects_an_unknown_executor() -> None:
    result = subprocess.run([sys.executable, "-m", "storyline.cli", "bench", "pipeline", "--executor", "spark"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--executor" in result.stderr
