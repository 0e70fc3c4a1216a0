"""Scores checked against small examples worked by hand and against brute-force counts."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping

import pytest

from storyline.errors import UsageError
from storyline.evaluation.metrics import (
    ClusteringScore,
    CorefScore,
    score_clustering,
    score_coreference,
    score_extraction,
)

SENTENCE = "The quick brown fox jumps over the lazy dog"


def chains(*groups: str) -> dict[str, str]:
    """Build mention -> chain from strings of one-letter mentions, one string per chain."""
    return {mention: f"c{index}" for index, group in enumerate(groups) for mention in group}


def assert_coref(score: CorefScore, **expected: float) -> None:
    for name, value in expected.items():
        assert getattr(score, name) == pytest.approx(value), name


# Extraction


def test_identical_texts_score_one() -> None:
    score = score_extraction([(SENTENCE, SENTENCE)])
    assert (score.precision, score.recall, score.f1, score.documents) == (1.0, 1.0, 1.0, 1)


def test_boilerplate_lowers_precision_only() -> None:
    # 9 true tokens give 6 true 4-grams; 7 more tokens of furniture give 16 tokens, 13
    # extracted 4-grams, of which the 6 true ones are shared: precision 6/13, recall 1.
    extracted = SENTENCE + "\nSubscribe to our newsletter for more news"
    score = score_extraction([(extracted, SENTENCE)])
    assert score.precision == pytest.approx(6 / 13)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(2 * (6 / 13) / (6 / 13 + 1))


def test_empty_extraction_has_zero_recall() -> None:
    # Nothing extracted: no document enters the precision average (vacuous 1.0), recall 0.
    score = score_extraction([("", SENTENCE)])
    assert (score.precision, score.recall, score.f1) == (1.0, 0.0, 0.0)


def test_ngrams_are_counted_as_a_multiset() -> None:
    # "a b c d a b c d" has 5 4-grams, "a b c d" twice; the truth has it once: TP 1.
    score = score_extraction([("a b c d a b c d", "a b c d")])
    assert score.precision == pytest.approx(1 / 5)
    assert score.recall == 1.0


def test_tokens_keep_case_and_drop_punctuation() -> None:
    assert score_extraction([("Hello, world: this is.", "Hello world this is")]).f1 == 1.0
    assert score_extraction([("The Quick Brown Fox", "the quick brown fox")]).f1 == 0.0


def test_averages_skip_documents_without_ngrams() -> None:
    # Document 1 is perfect, document 2 extracted nothing, document 3 has under four
    # tokens on both sides. Precision averages document 1 only; recall documents 1 and 2.
    score = score_extraction([(SENTENCE, SENTENCE), ("", SENTENCE), ("Too short", "Too short")])
    assert score.documents == 3
    assert score.precision == 1.0
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 / 3)


def test_short_texts_alone_score_one() -> None:
    score = score_extraction([("a b c", "a b c")])
    assert (score.precision, score.recall, score.documents) == (1.0, 1.0, 1)


# Clustering


def test_perfect_clustering_scores_one() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "z", "e": "z"}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "3", "e": "3"}
    score = score_clustering(gold, predicted)
    assert score == ClusteringScore(
        bcubed_precision=1.0,
        bcubed_recall=1.0,
        bcubed_f1=1.0,
        pairwise_precision=1.0,
        pairwise_recall=1.0,
        pairwise_f1=1.0,
        adjusted_rand=1.0,
        clusters_gold=3,
        clusters_pred=3,
        documents=5,
    )


def test_one_big_cluster_has_full_recall() -> None:
    # Gold {a,b,c} {d,e}, all predicted together. BCubed precision: a,b,c get 3/5 and d,e
    # get 2/5, mean (9/5 + 4/5) / 5 = 13/25. Pairs together: 3 + 1 = 4 of 10 predicted.
    # ARI: expected index 4 * 10 / 10 = 4 equals the index, so 0.
    gold = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    score = score_clustering(gold, dict.fromkeys(gold, "all"))
    assert score.bcubed_recall == 1.0
    assert score.bcubed_precision == pytest.approx(13 / 25)
    assert score.pairwise_precision == pytest.approx(0.4)
    assert score.pairwise_recall == 1.0
    assert score.adjusted_rand == pytest.approx(0.0)
    assert (score.clusters_gold, score.clusters_pred) == (2, 1)


def test_missing_items_are_singletons_and_extra_items_ignored() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    singletons = score_clustering(gold, {"a": "1", "b": "2", "c": "3"})
    missing = score_clustering(gold, {"z": "1", "q": "1"})
    assert missing == singletons
    # No predicted pairs: pairwise precision is vacuously 1, recall 0 of the 1 gold pair.
    assert (missing.pairwise_precision, missing.pairwise_recall, missing.clusters_pred) == (1.0, 0.0, 3)
    # BCubed recall: a and b see half their cluster, c all of it: (1/2 + 1/2 + 1) / 3.
    assert missing.bcubed_recall == pytest.approx(2 / 3)


def test_missing_item_never_joins_a_predicted_cluster() -> None:
    # A missing item's singleton code must not collide with a real label's code.
    gold = {"a": "x", "b": "x", "c": "x"}
    score = score_clustering(gold, {"a": "0", "c": "0"})
    assert score.clusters_pred == 2
    assert score.pairwise_recall == pytest.approx(1 / 3)


def brute_clustering(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Quadratic reference: look at every pair and every item's clusters directly."""
    items = list(gold)
    pred = {item: predicted.get(item, ("missing", item)) for item in items}
    together = gold_pairs = pred_pairs = 0
    for first, second in itertools.combinations(items, 2):
        same_gold = gold[first] == gold[second]
        same_pred = pred[first] == pred[second]
        gold_pairs += same_gold
        pred_pairs += same_pred
        together += same_gold and same_pred
    precision = recall = 0.0
    for item in items:
        gold_cluster = {other for other in items if gold[other] == gold[item]}
        pred_cluster = {other for other in items if pred[other] == pred[item]}
        shared = len(gold_cluster & pred_cluster)
        precision += shared / len(pred_cluster)
        recall += shared / len(gold_cluster)
    return {
        "pairwise_precision": together / pred_pairs if pred_pairs else 1.0,
        "pairwise_recall": together / gold_pairs if gold_pairs else 1.0,
        "bcubed_precision": precision / len(items),
        "bcubed_recall": recall / len(items),
    }


@pytest.mark.parametrize("seed", range(8))
def test_counts_agree_with_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randint(1, 80)
    gold = {f"i{n}": f"g{rng.randrange(6)}" for n in range(size)}
    predicted = {item: f"p{rng.randrange(9)}" for item in gold if rng.random() < 0.9}
    score = score_clustering(gold, predicted)
    for name, value in brute_clustering(gold, predicted).items():
        assert getattr(score, name) == pytest.approx(value), name


def test_scales_to_a_hundred_thousand_items() -> None:
    rng = random.Random(7)
    gold = {f"r{n}": f"s{n // 20}" for n in range(100_000)}
    predicted = {item: label if rng.random() < 0.95 else f"s{rng.randrange(5000)}" for item, label in gold.items()}
    score = score_clustering(gold, predicted)
    assert score.documents == 100_000
    assert 0.8 < score.bcubed_f1 < 1.0
    assert 0.8 < score.adjusted_rand < 1.0


# Coreference


def test_muc_classic_example() -> None:
    # Vilain et al.: key {A,B,C,D}, response {A,B} {C,D}. The key chain is split into 2
    # parts: recall (4 - 2) / (4 - 1) = 2/3. Each response chain lies in one key chain:
    # precision (2 - 1 + 2 - 1) / (1 + 1) = 1.
    score = score_coreference(chains("ABCD"), chains("AB", "CD"))
    assert_coref(score, muc_r=2 / 3, muc_p=1.0, muc_f1=0.8)


def test_b3_and_ceafe_on_a_split_chain() -> None:
    # Key {a,b,c,d,e}, response {a,b} {c,d,e}.
    # B³: every response chain is pure, precision 1; recall a,b 2/5 and c,d,e 3/5, mean
    # (4/5 + 9/5) / 5 = 13/25.
    # CEAF-e: phi4(K, {a,b}) = 4/7, phi4(K, {c,d,e}) = 6/8; one key entity takes the
    # better, 3/4: recall 3/4 over 1 key entity, precision 3/4 over 2 response entities.
    score = score_coreference(chains("abcde"), chains("ab", "cde"))
    assert_coref(score, b3_p=1.0, b3_r=13 / 25, ceafe_r=0.75, ceafe_p=0.375)
    # MUC: recall (5 - 2) / 4 = 3/4, precision 1.
    assert_coref(score, muc_r=0.75, muc_p=1.0)


def test_crossing_chains() -> None:
    # Key {a,b,c} {d,e}, response {a,b} {c,d,e}.
    # MUC: key {a,b,c} splits in 2, {d,e} in 1: recall (1 + 1) / (2 + 1) = 2/3; the
    # response is symmetric to the key here, precision 2/3.
    # B³ precision a,b 1, c 1/3, d,e 2/3: 11/3 / 5 = 11/15; recall a,b 2/3, c 1/3, d,e 1:
    # 11/3 / 5 = 11/15.
    # CEAF-e: phi4 pairs 0.8 ({a,b,c},{a,b}), 1/3 ({a,b,c},{c,d,e}), 0.8 ({d,e},{c,d,e});
    # best alignment 0.8 + 0.8 = 1.6 over 2 entities each side: 0.8 and 0.8.
    score = score_coreference(chains("abc", "de"), chains("ab", "cde"))
    assert_coref(score, muc_p=2 / 3, muc_r=2 / 3, b3_p=11 / 15, b3_r=11 / 15, ceafe_p=0.8, ceafe_r=0.8)
    assert score.conll_f1 == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_ceafe_alignment_is_optimal_not_greedy() -> None:
    # Key K1 {a,b,c} K2 {d}; response R1 {a,b,d} R2 {c}.
    # phi4(K1,R1) = 4/6, phi4(K1,R2) = 2/4, phi4(K2,R1) = 2/4, phi4(K2,R2) = 0.
    # Greedy takes K1-R1 (2/3) and is left with 0; the best is K1-R2 + K2-R1 = 1.
    score = score_coreference(chains("abc", "d"), chains("abd", "c"))
    assert_coref(score, ceafe_p=0.5, ceafe_r=0.5)


def test_perfect_coreference_scores_one() -> None:
    score = score_coreference(chains("abc", "de", "f"), {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y", "f": "z"})
    assert_coref(score, muc_f1=1.0, b3_f1=1.0, ceafe_f1=1.0, conll_f1=1.0)
    assert score.mentions == 6


def test_all_singletons_response() -> None:
    # Key {a,b,c} {d,e}, every mention alone in the response.
    # MUC: no response links, precision vacuously 1; recall 0 of 3 links; F1 0.
    # B³: precision 1; recall a,b,c 1/3 and d,e 1/2: (1 + 1) / 5 = 2/5.
    # CEAF-e: {a,b,c} aligns with a singleton, 2/4; {d,e} with one, 2/3; total 7/6 over
    # 2 key entities (7/12) and 5 response entities (7/30).
    score = score_coreference(chains("abc", "de"), chains("a", "b", "c", "d", "e"))
    assert_coref(score, muc_p=1.0, muc_r=0.0, muc_f1=0.0, b3_p=1.0, b3_r=0.4, ceafe_r=7 / 12, ceafe_p=7 / 30)
    # Mentions left out of the response are the same as response singletons.
    assert score_coreference(chains("abc", "de"), {}) == score


def test_response_mentions_outside_the_key_are_dropped() -> None:
    key = chains("abc", "de")
    response = chains("ab", "cde")
    with_extra = {**response, "z": response["a"], "y": "spurious"}
    assert score_coreference(key, with_extra) == score_coreference(key, response)


def test_twinless_mentions_are_kept_when_asked() -> None:
    # Key K1 {a,b,c} K2 {d,e}; response R1 {a,b,x} R2 {d,y} R3 {z}: c and e were missed,
    # x, y and z were never in the key.
    # B³ recall over the 5 key mentions: a,b 2/3, d 1/2, c,e 0 (in no response chain):
    # 11/6 / 5 = 11/30. Precision over the 6 response mentions: a,b 2/3 of R1, d 1/2 of
    # R2, x,y,z 0: 11/6 / 6 = 11/36.
    # MUC: K1 splits into {a,b} {c}, K2 into {d} {e}: recall (1 + 0) / (2 + 1) = 1/3;
    # R1 splits into {a,b} {x}, R2 into {d} {y}, R3 needs no link: precision 1/3.
    # CEAF-e with full chain sizes: phi4(K1,R1) = 4/6, phi4(K2,R2) = 2/4, total 7/6 over
    # 2 key chains (7/12) and 3 response chains (7/18).
    key = chains("abc", "de")
    response = {"a": "r1", "b": "r1", "x": "r1", "d": "r2", "y": "r2", "z": "r3"}
    score = score_coreference(key, response, response_mentions="all")
    assert_coref(score, b3_r=11 / 30, b3_p=11 / 36, muc_r=1 / 3, muc_p=1 / 3, ceafe_r=7 / 12, ceafe_p=7 / 18)
    assert score.mentions == 5
    # The default drops x, y, z and makes c, e response singletons: a different score.
    assert score_coreference(key, response).b3_r == pytest.approx((4 / 3 + 1 / 2 + 1 / 3 + 1 / 2) / 5)


def test_spurious_response_mentions_cost_precision_only() -> None:
    key = chains("ab", "c")
    exact = score_coreference(key, {"a": "x", "b": "x", "c": "y"}, response_mentions="all")
    spurious = score_coreference(key, {"a": "x", "b": "x", "c": "y", "z": "x"}, response_mentions="all")
    assert exact.conll_f1 == pytest.approx(1.0)
    # CEAF-e compares whole chains, so the spurious z in {a,b,z} costs it on both sides.
    assert_coref(spurious, b3_r=1.0, muc_r=1.0, ceafe_r=(0.8 + 1.0) / 2, ceafe_p=(0.8 + 1.0) / 2)
    assert spurious.b3_p < 1.0 and spurious.muc_p < 1.0


def test_missed_key_mentions_cost_recall_only() -> None:
    # Key {a,b} {c}, response {a}: B³ recall a 1/2 over 3 mentions = 1/6, precision 1.
    score = score_coreference(chains("ab", "c"), {"a": "x"}, response_mentions="all")
    assert_coref(score, b3_p=1.0, b3_r=1 / 6, muc_p=1.0, muc_r=0.0)


@pytest.mark.parametrize("seed", range(5))
def test_both_options_agree_on_the_same_mentions(seed: int) -> None:
    rng = random.Random(seed)
    key = {f"m{n}": f"k{rng.randrange(6)}" for n in range(rng.randint(1, 40))}
    response = {m: f"r{rng.randrange(5)}" for m in key}
    assert score_coreference(key, response, response_mentions="all") == score_coreference(key, response)


def test_unknown_response_mentions_option_is_refused() -> None:
    with pytest.raises(UsageError, match="response_mentions"):
        score_coreference({}, {}, response_mentions="some")


def brute_ceafe(key: Mapping[str, str], response: Mapping[str, str]) -> tuple[float, float]:
    """Best alignment by trying every injective map from the smaller side."""
    key_entities = [{m for m in key if key[m] == chain} for chain in set(key.values())]
    labels = {m: response.get(m, ("missing", m)) for m in key}
    response_entities = [{m for m in labels if labels[m] == chain} for chain in set(labels.values())]
    small, large = sorted([key_entities, response_entities], key=len)
    best = 0.0
    for chosen in itertools.permutations(range(len(large)), len(small)):
        total = sum(2 * len(small[i] & large[j]) / (len(small[i]) + len(large[j])) for i, j in enumerate(chosen))
        best = max(best, total)
    return best / len(response_entities), best / len(key_entities)


@pytest.mark.parametrize("seed", range(10))
def test_ceafe_agrees_with_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    key = {f"m{n}": f"k{rng.randrange(5)}" for n in range(rng.randint(1, 9))}
    response = {m: f"r{rng.randrange(4)}" for m in key if rng.random() < 0.8}
    precision, recall = brute_ceafe(key, response)
    assert_coref(score_coreference(key, response), ceafe_p=precision, ceafe_r=recall)


def test_b3_matches_clustering_bcubed() -> None:
    rng = random.Random(3)
    key = {f"m{n}": f"k{rng.randrange(30)}" for n in range(200)}
    response = {m: f"r{rng.randrange(40)}" for m in key}
    coref = score_coreference(key, response)
    clustering = score_clustering(key, response)
    assert (coref.b3_p, coref.b3_r) == (clustering.bcubed_precision, clustering.bcubed_recall)


def test_scales_to_fifteen_thousand_mentions() -> None:
    rng = random.Random(11)
    key = {f"m{n}": f"k{rng.randrange(4000)}" for n in range(15_000)}
    response = {m: chain if rng.random() < 0.9 else f"k{rng.randrange(4000)}" for m, chain in key.items()}
    score = score_coreference(key, response)
    assert score.mentions == 15_000
    assert 0.5 < score.conll_f1 < 1.0


def test_empty_gold_is_vacuously_perfect() -> None:
    assert_coref(score_coreference({}, {"a": "x"}), conll_f1=1.0)
    assert_coref(score_coreference({}, {"a": "x"}, response_mentions="all"), b3_r=1.0, b3_p=0.0, ceafe_p=0.0)
    assert score_clustering({}, {}).bcubed_f1 == 1.0
    assert score_extraction([]).documents == 0
