"""Meaning links (corroborate/meaning.py): clauses of two outlets that state one claim with
different words become one fact; the slots and the lead keep other claims apart."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from storyline.analyze import analyze_reports
from storyline.corroborate import corroborate_story, order_reports, story_clauses
from storyline.corroborate.align import ALIGN_MIN_SIMILARITY, link_matrix, similarity_matrix
from storyline.corroborate.meaning import (
    FEATURES,
    LEAD_SENTENCES,
    LINK_STRENGTH,
    SHIPPED_MODEL,
    feature_matrices,
    link_probabilities,
    meaning_links,
    telling_verbs,
)
from storyline.encode.stage import choose_claim_encoder
from storyline.models import Report

RESIGNED = "Harbour master Ida Brennan resigned from the port authority on Thursday after a review of the ferry collision."
RESIGNED_AGAIN = "An official said Ida Brennan has resigned as head of the Tarrant Point harbour."


@pytest.fixture(scope="module")
def encoder() -> Any:
    return choose_claim_encoder("static")


def _corroborated(nlp: Any, encoder: Any, first: str, second: str) -> list[tuple[str, list[str]]]:
    reports = [Report(id="a", body=first, source="Tamsin Bay Courier"), Report(id="b", body=second, source="Coastline Daily")]
    analyses = {analysis.report: analysis for analysis in analyze_reports(reports, nlp)}
    story = corroborate_story("s", reports, analyses, encoder)
    return [(fact.text, sorted(fact.reports)) for fact in story.facts if len(fact.reports) > 1]


def test_one_claim_in_other_words_is_one_fact_only_with_the_encoder(nlp: Any, encoder: Any) -> None:
    assert _corroborated(nlp, None, RESIGNED, RESIGNED_AGAIN) == []
    facts = _corroborated(nlp, encoder, RESIGNED, RESIGNED_AGAIN)
    assert len(facts) == 1 and facts[0][1] == ["a", "b"] and "resigned" in facts[0][0]


def test_the_pair_links_by_meaning_not_by_words(nlp: Any, encoder: Any) -> None:
    reports = [Report(id="a", body=RESIGNED, source="A"), Report(id="b", body=RESIGNED_AGAIN, source="B")]
    analyses = {analysis.report: analysis for analysis in analyze_reports(reports, nlp)}
    propositions, owners, _ = story_clauses(order_reports(reports), analyses)
    similarity = similarity_matrix(propositions)
    linked = link_matrix(propositions, similarity)
    links = meaning_links(propositions, [o.id for o in owners], similarity, linked, encoder)
    pairs = [(int(i), int(j)) for i, j in np.argwhere(np.triu(links, 1))]
    assert len(pairs) == 1
    i, j = pairs[0]
    assert linked[i, j] < ALIGN_MIN_SIMILARITY  # the words alone would not have aligned them
    assert len(feature_matrices(propositions, similarity, linked, encoder)) == len(FEATURES) == len(SHIPPED_MODEL.weights)


KILLED = "Police said a gunman killed two guards at the Tarrant Point depot on Monday."


def _pair(nlp: Any, encoder: Any, first: str, second: str) -> dict[str, Any]:
    """The one cross-report clause pair of two one-clause reports, as the model sees it."""
    reports = [Report(id="a", body=first, source="A"), Report(id="b", body=second, source="B")]
    analyses = {analysis.report: analysis for analysis in analyze_reports(reports, nlp)}
    propositions, owners, _ = story_clauses(order_reports(reports), analyses)
    ids = [o.id for o in owners]
    similarity = similarity_matrix(propositions)
    linked = link_matrix(propositions, similarity)
    links = meaning_links(propositions, ids, similarity, linked, encoder)
    cross = [(i, j) for i in range(len(ids)) for j in range(i + 1, len(ids)) if ids[i] != ids[j]]
    assert len(cross) == 1
    i, j = cross[0]
    return {
        "link": float(links[i, j]),
        "probability": float(link_probabilities(propositions, ids, similarity, linked, encoder)[i, j]),
        "family": float(feature_matrices(propositions, similarity, linked, encoder)[FEATURES.index("action_family")][i, j]),
        "raised": float(link_matrix(propositions, similarity, links, without_meaning=linked)[i, j]),
    }


def test_verbs_of_one_family_tell_one_action(nlp: Any, encoder: Any) -> None:
    assert (
        _pair(nlp, encoder, KILLED, "A gunman executed two guards at the Tarrant Point depot, officials said.")["family"] == 1.0
    )
    assert _pair(nlp, encoder, RESIGNED, "Ida Brennan quit as head of the Tarrant Point harbour.")["family"] == 1.0
    assert _pair(nlp, encoder, RESIGNED, "Ida Brennan opened the Tarrant Point harbour.")["family"] == 0.0


def test_a_link_weighs_by_its_probability(nlp: Any, encoder: Any) -> None:
    pair = _pair(nlp, encoder, RESIGNED, "Ida Brennan quit as head of the Tarrant Point harbour.")
    assert pair["probability"] >= SHIPPED_MODEL.min_probability
    assert pair["link"] == pytest.approx(LINK_STRENGTH * pair["probability"], rel=1e-5)
    assert pair["raised"] >= max(pair["link"], ALIGN_MIN_SIMILARITY)


def test_clauses_whose_figures_disagree_never_link_by_meaning(nlp: Any, encoder: Any) -> None:
    agreeing = _pair(nlp, encoder, KILLED, "A gunman executed two guards at the Tarrant Point depot, officials said.")
    disagreeing = _pair(nlp, encoder, KILLED, "A gunman executed three guards at the Tarrant Point depot, officials said.")
    assert agreeing["link"] > 0
    assert disagreeing["probability"] >= SHIPPED_MODEL.min_probability and disagreeing["link"] == 0.0


def test_the_same_action_by_another_actor_is_another_claim(nlp: Any, encoder: Any) -> None:
    other = "An official said port director Tom Hale has resigned as head of the Tarrant Point harbour."
    assert _corroborated(nlp, encoder, RESIGNED, other) == []


def test_a_figure_one_outlet_gives_is_not_corroborated_by_one_that_does_not(nlp: Any, encoder: Any) -> None:
    counted = "An official said Ida Brennan has resigned as head of the Tarrant Point harbour and its 40 staff."
    assert _corroborated(nlp, encoder, RESIGNED, counted) == []


def test_only_the_leads_link_by_meaning(nlp: Any, encoder: Any) -> None:
    places = ("Kellerby", "Dunmarrow", "Gannet", "Harrow", "Pardoe", "Millbrook")[:LEAD_SENTENCES]
    filler = " ".join(f"The {place} ferry kept its timetable all week." for place in places)
    assert _corroborated(nlp, encoder, RESIGNED, filler + " " + RESIGNED_AGAIN) == []


def test_light_and_reporting_verbs_tell_no_action() -> None:
    assert telling_verbs("say") == ""
    assert telling_verbs("try drive") == "drive"
    assert telling_verbs("not be") == ""
    assert telling_verbs("vote build") == "vote build"
