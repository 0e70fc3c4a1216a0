"""`storyline eval …`: each fuzzy stage scored against labelled data, as a table or one JSON document.

Labelled data defaults to files in DATA, the data folder: $STORYLINE_DATA, else ../shared/data
(`storyline.evaluation.locations`); the example corpus to examples/corpus.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from storyline.errors import UsageError
from storyline.evaluation.locations import EXAMPLE_CORPUS, data_folder, seeds_folder

# Plain help, as the main command's (no "<bool>" after flags).
eval_app = typer.Typer(help="Score each stage against labelled data.", no_args_is_help=True, rich_markup_mode=None)
_out = Console()

# Defaults inside the data folder ($STORYLINE_DATA or ../shared/data), found when a command runs.
ECBPLUS_DOCS = Path("ecbplus") / "ecbplus.jsonl"
ECBPLUS_MENTIONS = Path("ecbplus") / "ecbplus_mentions.jsonl"


def _exists(path: Path, what: str) -> Path:
    """`path` when it exists and is of the kind asked for ("file" or "folder")."""
    if not path.exists():
        raise UsageError(f"{path}: no such {what}")
    if what == "file" and path.is_dir():
        raise UsageError(f"{path}: is a folder; give a file")
    if what == "folder" and not path.is_dir():
        raise UsageError(f"{path}: is a file; give a folder")
    return path


def _print(result: dict[str, Any], as_json: bool, title: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table("measure", "value", title=title)
    for key, value in result.items():
        if isinstance(value, dict):
            for inner, inner_value in value.items():
                table.add_row(f"{key}.{inner}", _format(inner_value))
        else:
            table.add_row(key, _format(value))
    _out.print(table)


def _format(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list):
        return f"{len(value)} items" if len(value) > 3 else ", ".join(map(str, value))
    return str(value)


@eval_app.command("extraction")
def eval_extraction(
    directory: Path | None = typer.Argument(None, help="Folder with ground-truth.json and html/ (default: DATA/article_extraction)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Main-text extraction from HTML: word 4-gram precision, recall, F1 and pages per second."""
    from storyline.evaluation.extraction import evaluate_extraction

    _print(evaluate_extraction(_exists(_in_data(directory, Path("article_extraction")), "folder")), as_json, "Extraction")


@eval_app.command("cleaning")
def eval_cleaning(
    directory: Path = typer.Argument(EXAMPLE_CORPUS, help="Corpus folder with reports.jsonl and answer_key.json."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Furniture removal from scraped text: line precision and recall against the answer key."""
    from storyline.evaluation.cleaning import evaluate_cleaning

    _print(evaluate_cleaning(_exists(directory, "folder")), as_json, "Cleaning")


def _in_data(given: Path | None, default: Path) -> Path:
    """The path given on the command line, else `default` inside the data folder."""
    return given if given is not None else data_folder() / default


@eval_app.command("stories")
def eval_stories(
    path: Path | None = typer.Argument(None, help="JSONL with id, text, cluster (and optionally title, date, source)."),
    split: str | None = typer.Option(None, help="Only lines whose split field has this value."),
    entities: bool = typer.Option(
        False, "--entities", help="Analyse the documents first; names come from NER (stories.names_from = \"entities\"; needs the model)."
    ),
    baseline: bool = typer.Option(
        False, "--baseline", help="Also score K-means on tf-idf told the true number of stories (a reference, not storyline)."
    ),
    encoder: str = typer.Option("full", help="Meaning vectors from the \"full\" encoder, the \"static\" one, or \"off\"."),
    every: bool = typer.Option(False, "--all", help="One table of ECB+, allsides_leads and NewsWCL50, whole and held-back splits."),
    data: Path | None = typer.Option(None, help="Folder of the evaluation data (default: $STORYLINE_DATA or ../shared/data)."),
    spread: bool = typer.Option(
        False, "--spread", help="Publish one report of every dated story a day later first: is an event split at midnight?"
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Story clustering from scratch: BCubed, pairwise F1 and adjusted Rand index."""
    from storyline.evaluation.stories import evaluate_all, evaluate_stories, kmeans_baseline

    if encoder not in ("full", "static", "off"):
        raise UsageError(f"--encoder must be full, static or off, not {encoder!r}")
    if every:
        _print(evaluate_all(_exists(data_folder(data), "folder"), encoder), as_json, "Stories")
        return
    if path is None:
        raise UsageError("give a JSONL file to score, or --all")
    result = evaluate_stories(_exists(path, "file"), split=split, entities=entities, encoder=encoder, spread=spread)
    if baseline:
        result["kmeans_told_k_bcubed_f1"] = kmeans_baseline(path, split=split)
    _print(result, as_json, "Stories")


@eval_app.command("copies")
def eval_copies(
    corpus: Path = typer.Argument(EXAMPLE_CORPUS / "reports.jsonl", help="Base reports to make syndicated copies of."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Copy detection on a generated syndication set, and no copies among independent reports."""
    from storyline.evaluation.syndication import evaluate_copies

    independent = [data_folder() / ECBPLUS_DOCS, data_folder() / "newswcl50" / "newswcl50.jsonl"]
    result = evaluate_copies(_exists(corpus, "file"), [path for path in independent if path.exists()])
    _print(result, as_json, "Copies")


@eval_app.command("alignment")
def eval_alignment(
    docs: Path | None = typer.Argument(None, help="Documents JSONL (default: DATA/ecbplus/ecbplus.jsonl)."),
    mentions: Path | None = typer.Argument(None, help="Mentions JSONL (default: DATA/ecbplus/ecbplus_mentions.jsonl)."),
    split: str | None = typer.Option(None, help="Only documents of this split."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Cross-document coreference: MUC, B³, CEAF-e, CoNLL F1 with gold and with predicted mentions."""
    from storyline.evaluation.alignment import evaluate_alignment

    docs, mentions = _in_data(docs, ECBPLUS_DOCS), _in_data(mentions, ECBPLUS_MENTIONS)
    _print(evaluate_alignment(_exists(docs, "file"), _exists(mentions, "file"), split=split), as_json, "Alignment")


@eval_app.command("facts")
def eval_facts(
    corpus: Path = typer.Argument(EXAMPLE_CORPUS, help="Corpus folder with reports.jsonl and answer_key.json."),
    seeds: Path | None = typer.Option(None, help="The two seed reports, checked when present (default: DATA/../seeds)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Facts and corroboration: facts found, statuses, sources, conflicts and citations against the answer key."""
    from storyline.evaluation.facts import evaluate_facts

    seeds = seeds if seeds is not None else seeds_folder()
    _print(evaluate_facts(_exists(corpus, "folder"), seeds if seeds.exists() else None), as_json, "Facts")


@eval_app.command("conflicts")
def eval_conflicts(
    path: Path | None = typer.Argument(
        None, help="JSONL with id, text (and optionally cluster, topic, source, title, date; default: DATA/ecbplus/ecbplus.jsonl)."
    ),
    topics: str | None = typer.Option(None, help="Only documents of these topics, comma-separated."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Conflicts on real reports without an answer key: the rate, each one listed, and those the gold events prove wrong."""
    from storyline.evaluation.conflicts import evaluate_conflicts

    chosen = {t.strip() for t in topics.split(",") if t.strip()} if topics else None
    _print(evaluate_conflicts(_exists(_in_data(path, ECBPLUS_DOCS), "file"), chosen), as_json, "Conflicts")


@eval_app.command("fact-alignment")
def eval_fact_alignment(
    docs: Path | None = typer.Argument(None, help="Documents JSONL: id, text, cluster (default: DATA/ecbplus/ecbplus.jsonl)."),
    mentions: Path | None = typer.Argument(None, help="Gold mentions JSONL (default: DATA/ecbplus/ecbplus_mentions.jsonl)."),
    split: str | None = typer.Option(None, help="Only documents of this split."),
    claims: str = typer.Option("static", help="The encoder that aligns claims in other words ([encode] claims): static or off."),
    fit: bool = typer.Option(False, "--fit", help="Refit the meaning-link model on the train split and print it with train and dev scores."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Fact alignment on real reports: are clauses put in one fact about one gold event (pairwise precision, recall)."""
    from storyline.config import CLAIM_ENCODER_CHOICES
    from storyline.evaluation.fact_alignment import evaluate_fact_alignment
    from storyline.evaluation.link_fit import fit_link_model

    if claims not in CLAIM_ENCODER_CHOICES:
        raise UsageError(f"--claims must be one of {', '.join(CLAIM_ENCODER_CHOICES)}, not {claims!r}")
    docs, mentions = _exists(_in_data(docs, ECBPLUS_DOCS), "file"), _exists(_in_data(mentions, ECBPLUS_MENTIONS), "file")
    if fit:
        _print(fit_link_model(docs, mentions), as_json, "Meaning-link model, refitted")
        return
    _print(evaluate_fact_alignment(docs, mentions, split=split, claims=claims), as_json, "Fact alignment")


@eval_app.command("claims")
def eval_claims(
    path: Path | None = typer.Argument(None, help="Tab-separated: label, sentence 1, sentence 2 (default: DATA/mrpc/mrpc_train.tsv)."),
    seed: int = typer.Option(0, help="Seed of the split into a fitting and a reported half."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Same claim or not for sentence pairs: accuracy, precision, recall, F1 at the operating threshold."""
    from storyline.evaluation.claims import evaluate_claims

    _print(evaluate_claims(_exists(_in_data(path, Path("mrpc") / "mrpc_train.tsv"), "file"), seed=seed), as_json, "Same claim")


@eval_app.command("events")
def eval_events(
    path: Path | None = typer.Argument(None, help="PLOVER gold standard records, JSON (default: DATA/plover/PLOVER_GSR_CAMEO.txt)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Event coding: PLOVER event type accuracy and macro-F1, source and target match."""
    from storyline.evaluation.events import evaluate_events

    _print(evaluate_events(_exists(_in_data(path, Path("plover") / "PLOVER_GSR_CAMEO.txt"), "file")), as_json, "Events")


@eval_app.command("event-sample")
def eval_event_sample(
    stores: list[Path] = typer.Argument(..., help="Stores (storyline databases) to draw events from, an equal share each."),
    count: int = typer.Option(40, "--count", help="How many events."),
    seed: int = typer.Option(19, "--seed", help="Random seed: the same seed draws the same events."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """A seeded random sample of coded events to read and judge (type, actors, date), one per row."""
    from storyline.evaluation.event_sample import sample_events

    sample = sample_events([_exists(path, "database") for path in stores], count=count, seed=seed)
    if as_json:
        sys.stdout.write(json.dumps(sample, indent=2, ensure_ascii=False) + "\n")
        return
    for number, event in enumerate(sample, start=1):
        _out.print(f"{number:2}. {event['type']} {event['cameo']}  {event['actor']} [{event['actor_country']}] -> "
                   f"{event['target']} [{event['target_country']}]  {event['date'] or 'undated'} ({event['date_precision']})\n"
                   f"    {event['text']}", highlight=False, markup=False)

