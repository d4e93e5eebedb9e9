"""The real seed letter(s) in ../shared/seeds parse to what the letter says.

The seed's item is "12 Physical and Home Therapy": we file it as service ``physical therapy``
(category physical medicine) because the request is for therapy visits; ``home health care`` is
reserved for aides, nursing and home assistance (see ingest/vocabulary.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parse import parse_path
from ingest.records import GuidelineCitation, ParsedDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_e18a79b329e14890.txt"


@pytest.fixture(scope="module")
def seed() -> ParsedDocument:
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent (a clone without the shared/ folder has no seed letters)")
    (result,) = parse_path(SEED)
    assert isinstance(result, ParsedDocument), result
    return result


def test_every_seed_letter_parses() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if SHARED.is_dir() else []
    if not seeds:
        pytest.skip(f"no seed letters under {SHARED / 'seeds'}")
    for path in seeds:
        (result,) = parse_path(path)
        assert isinstance(result, ParsedDocument), result


def test_seed_header_and_patient(seed: ParsedDocument) -> None:
    assert seed.layout == "dwc-final-determination"
    assert seed.case_id is None  # the seed has no header block; the loader derives a hash id
    assert (seed.patient.age, seed.patient.sex, seed.patient.injury_date) == (
        49,
        "female",
        "2012-01-26",
    )
    assert (seed.reviewer.specialty, seed.reviewer.license_state) == ("Family Practice", "Texas")
    assert seed.diagnoses == [
        "lumbosacral spondylosis",
        "lumbar region spinal stenosis",
        "lumbar disc disorder with myelopathy",
        "lumbar and lumbosacral disc degeneration",
        "lumbar myofascial sprain and strain",
    ]
    assert seed.warnings == []


def test_seed_item(seed: ParsedDocument) -> None:
    (item,) = seed.items
    assert item.text == (
        "12 Physical and Home Therapy, 2 times per week for 6 weeks, between 8/28/2013 and "
        "10/27/2013"
    )
    assert (item.quantity, item.frequency, item.duration) == (12, "2 times per week", "6 weeks")
    assert item.outcome == "upheld"
    assert (item.service, item.category) == ("physical therapy", "physical medicine")
    assert item.rationale.startswith("Chronic Pain Medical Treatment Guidelines state")
    assert item.rationale.endswith("the request is non-certified.")
    assert item.guidelines == [
        GuidelineCitation("ODG Pain (Chronic)", "ODG", None, "claims administrator"),
        GuidelineCitation(
            "MTUS Chronic Pain Medical Treatment Guidelines", "MTUS", "51, 98-99", "reviewer"
        ),
    ]
