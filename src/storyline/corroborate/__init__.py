"""Corroboration: the facts of a story, who states each, and whether they agree.

    analysis = corroborate_story(story_id, reports, analyses)   # -> models.StoryAnalysis

A pure function of the reports and their stored per-report analyses: propositions are
aligned across reports (align.py), each group becomes a fact with its sources, its
independent sources after copies and citations are credited to their origin, and a status
(facts.py, conflicts.py); entities are merged (entities.py); the summary is extracted
from the best-corroborated facts (storyline.corroborate.summary); single-source facts are
ranked, the minor ones folded (salience.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from storyline.analyze.claims import is_fragment
from storyline.corroborate.align import align, link_matrix, similarity_matrix
from storyline.corroborate.entities import merge_entities, recover_names, unify_people
from storyline.corroborate.facts import build_fact, credited_outlet
from storyline.corroborate.meaning import SHIPPED_MODEL, LinkModel, meaning_links
from storyline.corroborate.salience import rank_and_fold
from storyline.encode.stage import TextEncoder
from storyline.models import ANALYSIS_VERSION, Fact, Proposition, Quote, Report, ReportAnalysis, StoryAnalysis

STATUS_ORDER = {"conflicting": 0, "corroborated": 1, "single-source": 2}


def corroborate_story(
    story_id: str,
    reports: Sequence[Report],
    analyses: Mapping[str, ReportAnalysis],
    encoder: TextEncoder | None = None,
    link_model: LinkModel = SHIPPED_MODEL,
) -> StoryAnalysis:
    """Facts, entities, quotes and a cited summary for one story; with an `encoder`, clauses
    that state one claim in other words align too (corroborate/meaning.py, with `link_model`:
    the shipped weights unless refitting them)."""
    from storyline.corroborate.summary import summarize

    ordered = order_reports(reports)
    by_id = {r.id: r for r in reports}
    credited = {r.id: credited_outlet(r, by_id) for r in ordered}
    propositions, owners, sentences = story_clauses(ordered, analyses)
    report_ids = [r.id for r in owners]
    similarity = similarity_matrix(propositions) if propositions else np.zeros((0, 0), dtype=np.float32)
    meaning = linked = None
    if encoder is not None and propositions:
        linked = link_matrix(propositions, similarity)
        meaning = meaning_links(propositions, report_ids, similarity, linked, encoder, link_model)
    groups = align(propositions, report_ids, meaning, similarity=similarity, linked=linked)
    facts: list[Fact] = []
    for group in groups:
        claims = [i for i in group if not _fragment(propositions[i])]
        if not claims:
            # Questions, bare phrases and unresolved pronouns are no facts (analyze/claims.py).
            continue
        representative = _representative(claims, similarity, propositions)
        facts.append(
            build_fact(
                story_id, group, propositions, owners, credited, representative, lambda i, j: float(similarity[i, j]), sentences
            )
        )
    facts = _distinct(facts)
    position = {r.id: i for i, r in enumerate(ordered)}
    facts.sort(key=lambda f: (STATUS_ORDER[f.status], -len(f.independent_sources), position[f.support[0].report], f.support[0].start))
    facts = _main_event_first(facts, position)
    present = [analyses[r.id] for r in ordered if r.id in analyses]
    entities, _mapping = merge_entities(a.entities for a in present)
    quotes: list[Quote] = [q for a in present for q in a.quotes]
    summary = summarize(facts, ordered, present)
    facts = rank_and_fold(facts)
    return StoryAnalysis(
        story=story_id,
        facts=tuple(facts),
        entities=entities,
        quotes=tuple(quotes),
        events=(),
        summary=summary,
        version=ANALYSIS_VERSION,
    )


def story_clauses(
    ordered: Sequence[Report], analyses: Mapping[str, ReportAnalysis]
) -> tuple[list[Proposition], list[Report], list[str]]:
    """The clauses of a story's reports in report order, each with its report and its sentence's
    text; a name given in full once stands for its short forms (entities.py)."""
    propositions: list[Proposition] = []
    owners: list[Report] = []
    sentences: list[str] = []
    for report in ordered:
        analysis = analyses.get(report.id)
        if analysis is None:
            continue
        sentence_text = {sentence.index: sentence.text for sentence in analysis.sentences}
        for proposition in analysis.propositions:
            propositions.append(proposition)
            owners.append(report)
            sentences.append(sentence_text.get(proposition.sentence, ""))
    return unify_people(recover_names(propositions)), owners, sentences


def order_reports(reports: Sequence[Report]) -> list[Report]:
    """Reports by publication time (undated last), then as given: "earliest" means this order."""
    indexed = list(enumerate(reports))
    indexed.sort(key=lambda item: (not item[1].published, item[1].published, item[0]))
    return [report for _, report in indexed]


def _fragment(proposition: Proposition) -> bool:
    """Whether the proposition's claim is no claim (analyze/claims.py); one analysed before
    claims had a text is judged by none."""
    values = bool(proposition.quantities or proposition.dates)
    return bool(proposition.claim) and is_fragment(proposition.claim, gives_values=values)


def _main_event_first(facts: list[Fact], position: Mapping[str, int]) -> list[Fact]:
    """The story's lead claim first: the fact most outlets state, the one told earliest in its
    reports on ties (a story's lead states its central action)."""
    if not facts:
        return facts
    lead = min(
        facts,
        key=lambda f: (-len(f.independent_sources), min(s.sentence for s in f.support), position[f.support[0].report]),
    )
    return [lead] + [f for f in facts if f is not lead]


def _distinct(facts: list[Fact]) -> list[Fact]:
    """Facts without one that shows the same claim as an earlier one from no other report: an
    example ("including the US") is shown in its whole clause, which may be a fact already."""
    kept: list[Fact] = []
    for fact in facts:
        if any(other.text == fact.text and set(fact.reports) <= set(other.reports) for other in kept):
            continue
        kept.append(fact)
    return kept


def _representative(group: Sequence[int], similarity: np.ndarray, propositions: Sequence[Proposition]) -> int:
    """The member most similar to the rest (earliest on ties): its text names the fact. A
    member with a subject is preferred to one that opens with a participle and has none
    ("killing one man" / "One man was shot and killed")."""
    if len(group) == 1:
        return group[0]
    whole = [i for i in group if not _subjectless_participle(propositions[i])] or list(group)
    block = similarity[np.ix_(whole, group)]
    scores = block.sum(axis=1)
    best = int(np.argmax(scores))
    return whole[best]


def _subjectless_participle(proposition: Proposition) -> bool:
    """A clause like "killing one man": no actor, and its text opens with an -ing word."""
    words = (proposition.claim or proposition.text).split()
    return not proposition.actor.strip() and bool(words) and words[0].lower().endswith("ing") and len(words[0]) > 4


__all__ = ["corroborate_story", "order_reports", "story_clauses"]
