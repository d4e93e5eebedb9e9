"""Nearest upheld vs nearest overturned for a typed request and for a stored decision, and the
sentence alignment that marks where their reasoning differs (real Neo4j, real model)."""

from __future__ import annotations

import pytest

from graph.contrast import (
    DIFFER_BELOW,
    KEY_DIFFERENCES,
    AlignedSentence,
    align_sentences,
    contrast_decision,
    contrast_request,
    key_differences,
    negated,
    split_sentences,
)
from graph.errors import InvalidRequestError
from graph.search import PrecedentSearch, SearchFilters, recognise_entities


@pytest.fixture(scope="module")
def searcher(corpus_graph, database, cached_embedder):
    return PrecedentSearch(corpus_graph, database, cached_embedder)


def services_with_both_outcomes(searcher: PrecedentSearch) -> list[str]:
    """Recognisable services with upheld and overturned DWC decisions, most decided first."""
    hits = searcher.browse(SearchFilters(source="dwc"), k=1000).hits
    by_service: dict[str, set[str]] = {}
    for hit in hits:
        by_service.setdefault(hit.service, set()).add(hit.outcome or "")
    both = [s for s, o in by_service.items() if {"upheld", "overturned"} <= o]
    both = [s for s in both if recognise_entities(s).get("service") == [s]]
    return sorted(both, key=lambda s: -sum(1 for h in hits if h.service == s))


# -- sentences ------------------------------------------------------------------------------------
def test_sentences_split_at_full_stops_but_not_after_abbreviations():
    text = (
        "Dr. Lee saw the patient on 9/12/2013. The MTUS, p. 51, e.g. allows 6 visits!  "
        "Is it needed? Yes; 4 A's were documented.\nOk."
    )
    assert split_sentences(text) == [
        "Dr. Lee saw the patient on 9/12/2013.",
        "The MTUS, p. 51, e.g. allows 6 visits!",
        "Is it needed?",
        "Yes; 4 A's were documented. Ok.",  # a fragment joins the sentence before it
    ]
    assert split_sentences("   ") == []


def test_negation_counts_flip_the_polarity():
    assert negated("The request is not medically necessary.")
    assert not negated("The request is medically necessary.")
    assert not negated("It is not without merit.")  # two negations
    assert negated("The worker can't walk without pain and has no relief.")  # three


def test_identical_rationales_differ_nowhere_and_a_changed_sentence_is_found(cached_embedder):
    shared = [
        "The MTUS Chronic Pain Guidelines recommend acupuncture when pain medication is reduced.",
        "The patient has completed six sessions of physical therapy for the lumbar spine.",
    ]
    same_first, same_second = align_sentences(shared, list(shared), cached_embedder)
    assert not any(s.differs for s in same_first + same_second)
    assert all(s.similarity == 1.0 for s in same_first)
    replaced = "A urine drug screen reported inconsistent results never addressed by anyone."
    first, second = align_sentences(
        [*shared, replaced],
        [*shared, "The request is therefore medically necessary."],
        cached_embedder,
    )
    assert [s.differs for s in first] == [False, False, True]
    assert first[2].reason == "no close counterpart" and first[2].similarity < DIFFER_BELOW
    assert [s.differs for s in second] == [False, False, True]


def test_a_negated_counterpart_is_a_difference_though_the_meaning_is_close(cached_embedder):
    first, second = align_sentences(
        ["As such, the requested Ultram is not medically necessary and appropriate."],
        ["As such, the requested Ultram is medically necessary and appropriate."],
        cached_embedder,
    )
    assert first[0].similarity >= DIFFER_BELOW, "the model alone would call these the same"
    assert first[0].differs and first[0].reason == "opposite polarity"
    assert second[0].differs and second[0].counterpart == first[0].text


def test_an_empty_side_makes_every_sentence_differ(cached_embedder):
    first, second = align_sentences(["One sentence here."], [], cached_embedder)
    assert [s.differs for s in first] == [True] and second == []


# -- key differences ------------------------------------------------------------------------------
SHARED_SENTENCES = [
    "The MTUS Chronic Pain Guidelines recommend acupuncture when pain medication is reduced.",
    "The patient has completed six sessions of physical therapy for the lumbar spine.",
    "The treating physician requested eight further acupuncture visits for the lower back.",
]


def assert_key_rules(sentences: list[AlignedSentence]) -> None:
    keys = [s for s in sentences if s.key]
    assert len(keys) <= KEY_DIFFERENCES
    assert all(s.differs for s in keys), "a key difference is a difference"
    assert not any(s.key for s in sentences if s.similarity == 1.0)


def test_the_sentence_stating_the_opposite_fact_is_key_and_shared_ones_never(cached_embedder):
    opposite = (
        "After the first six visits the patient reported documented functional improvement.",
        "After the first six visits the patient reported no documented functional improvement.",
    )
    upheld_only = [
        "A urine drug screen reported inconsistent results never addressed by the prescriber.",
        "Dr. Smith noted a body mass index of 31 at the last office visit in March.",
        "The claimant was seen by a dentist for an unrelated crown replacement last winter.",
        "Yes, indeed.",  # too short to tell a reader anything
        "The applicant is a 52-year-old male injured at work on 04/02/2012 lifting boxes.",
    ]
    first, second = align_sentences(
        [*SHARED_SENTENCES, opposite[1], *upheld_only],
        [*SHARED_SENTENCES, opposite[0], "Acupuncture is therefore medically necessary today."],
        cached_embedder,
    )
    for side in (first, second):
        assert_key_rules(side)
    by_text = {s.text: s for s in first + second}
    assert by_text[opposite[1]].key and by_text[opposite[0]].key
    assert by_text[opposite[1]].similarity > by_text[upheld_only[2]].similarity, "ranked first"
    assert not any(by_text[s].key for s in SHARED_SENTENCES)
    assert not by_text["Yes, indeed."].key and by_text["Yes, indeed."].differs
    assert not by_text[upheld_only[-1]].key, "the case introduction is boilerplate"
    # Four sentences of the first side differ and qualify; only KEY_DIFFERENCES are key.
    assert sum(s.key for s in first) == KEY_DIFFERENCES
    assert sum(s.differs for s in first) > KEY_DIFFERENCES


def test_key_differences_rank_opposite_polarity_then_the_lowest_similarity():
    words = "enough words in this sentence to count"
    sentences = [
        AlignedSentence(f"s0 {words}", True, 0.55, "x", "no close counterpart"),
        AlignedSentence(f"s1 {words}", True, 0.20, "x", "no close counterpart"),
        AlignedSentence(f"s2 {words}", True, 0.92, "x", "opposite polarity"),
        AlignedSentence(f"s3 {words}", True, 0.75, "x", "no close counterpart"),  # near match
        AlignedSentence(f"s4 {words}", False, 0.95, "x"),
        AlignedSentence(f"s5 {words}", True, 0.40, "x", "no close counterpart"),
        AlignedSentence("s6 too short", True, 0.10, "x", "no close counterpart"),
    ]
    ranked = key_differences(sentences, limit=2)
    assert [s.text[:2] for s in ranked if s.key] == ["s1", "s2"]  # reading order kept
    assert [s.text[:2] for s in key_differences(sentences) if s.key] == ["s1", "s2", "s5"]
    assert [s.text[:2] for s in key_differences(sentences, limit=10) if s.key] == [
        "s0", "s1", "s2", "s5"
    ]  # fmt: skip
    # A negation the counterpart lacks, on the same subject, outranks a lower similarity.
    contradicting = AlignedSentence(
        f"s7 not {words}", True, 0.70, f"s7 {words}", "no close counterpart"
    )
    ranked = key_differences([*sentences, contradicting], limit=1)
    assert [s.text[:2] for s in ranked if s.key] == ["s2"]
    ranked = key_differences([s for s in sentences if s.text[:2] != "s2"] + [contradicting], 1)
    assert [s.text[:2] for s in ranked if s.key] == ["s7"]


# -- a typed request ------------------------------------------------------------------------------
def test_a_typed_request_gets_the_nearest_of_each_outcome_of_its_service(
    searcher, empty_graph, database, cached_embedder
):
    service = services_with_both_outcomes(searcher)[0]
    contrast = contrast_request(empty_graph, database, cached_embedder, f"request for {service}")
    assert contrast.service == service
    assert any("recognised in the request" in note for note in contrast.notes)
    assert contrast.nearest_upheld and contrast.nearest_overturned
    assert {h.outcome for h in contrast.nearest_upheld} == {"upheld"}
    assert {h.outcome for h in contrast.nearest_overturned} == {"overturned"}
    assert {h.service for h in contrast.hits("upheld") + contrast.hits("overturned")} == {service}
    upheld, overturned = contrast.best_pair or (None, None)
    assert upheld is contrast.nearest_upheld[0] and overturned is contrast.nearest_overturned[0]
    # The sentences are the best pair's, and the differing ones are flagged as such.
    assert [s.text for s in contrast.upheld_sentences] == split_sentences(upheld.rationale)
    assert [s.text for s in contrast.overturned_sentences] == split_sentences(overturned.rationale)
    differing = contrast.differing_sentences
    assert differing["upheld"], "an upheld and an overturned rationale differ somewhere"
    assert differing["upheld"] == [s.text for s in contrast.upheld_sentences if s.differs]
    assert all(s.reason for s in contrast.upheld_sentences if s.differs)
    for side in (contrast.upheld_sentences, contrast.overturned_sentences):
        assert_key_rules(side)
    assert contrast.key_sentences["upheld"], "the upheld side's differences are ranked"
    assert contrast.key_sentences["upheld"] == [s.text for s in contrast.upheld_sentences if s.key]


def test_filters_narrow_both_lists_and_k_is_honoured(
    searcher, empty_graph, database, cached_embedder
):
    service = services_with_both_outcomes(searcher)[0]
    contrast = contrast_request(
        empty_graph,
        database,
        cached_embedder,
        "the request",
        service=service,
        filters=SearchFilters(source="dwc", outcome="upheld"),  # the outcome is replaced
        k=1,
    )
    assert len(contrast.nearest_upheld) == 1 and len(contrast.nearest_overturned) == 1
    hits = contrast.nearest_upheld + contrast.nearest_overturned
    assert {h.source_kind for h in hits} == {"dwc"} and {h.service for h in hits} == {service}
    assert not contrast.notes, "an explicit service is not a guess"


def test_a_recognised_service_without_such_decisions_widens_with_a_note(
    searcher, empty_graph, database, cached_embedder
):
    dmhc_services = {h.service for h in searcher.browse(SearchFilters(source="dmhc"), k=500).hits}
    service = next(s for s in services_with_both_outcomes(searcher) if s not in dmhc_services)
    # Worded like the DMHC findings, so decisions of other services stay relevant enough.
    request = (
        f"A 45-year-old enrollee has requested {service} for treatment of chronic pain. The "
        "Health Plan denied the request, stating that it is not medically necessary."
    )
    assert recognise_entities(request).get("service") == [service]
    contrast = contrast_request(
        empty_graph, database, cached_embedder, request, filters=SearchFilters(source="dmhc")
    )
    hits = contrast.nearest_upheld + contrast.nearest_overturned
    assert hits and {h.source_kind for h in hits} == {"dmhc"}
    assert service not in {h.service for h in hits}
    assert any(f"no upheld {service} decision" in note for note in contrast.notes)


def test_bad_requests_are_refused(empty_graph, database, cached_embedder):
    with pytest.raises(InvalidRequestError):
        contrast_request(empty_graph, database, cached_embedder, "   ")
    with pytest.raises(InvalidRequestError):
        contrast_request(empty_graph, database, cached_embedder, "mri", k=0)


# -- a stored decision ----------------------------------------------------------------------------
def test_a_stored_decision_gets_precedents_of_other_cases(searcher):
    service = services_with_both_outcomes(searcher)[0]
    decision = searcher.browse(SearchFilters(service=service, outcome="overturned"), k=1).hits[0]
    contrast = contrast_decision(searcher, decision.decision_id, k=2)
    hits = contrast.nearest_upheld + contrast.nearest_overturned
    assert contrast.nearest_upheld and contrast.nearest_overturned
    assert decision.case_id not in {h.case_id for h in hits}, "its own letter is left out"
    assert {h.outcome for h in contrast.nearest_upheld} == {"upheld"}
    assert len(contrast.nearest_overturned) <= 2
    assert contrast.upheld_sentences and contrast.overturned_sentences
