"""A small generated corpus, its ground truth, and ingesting it into the test database."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ingest.pipeline import IngestJob, IngestOptions, IngestSummary
from ingest.records import ParsedDocument

FIXTURE_LETTERS = Path(__file__).parent / "fixtures" / "letters"


def generate(out_dir: Path, n: int = 60, seed: int = 11, dmhc_rows: int = 20) -> Path:
    from ingest.generate import generate_corpus

    generate_corpus(n=n, seed=seed, out_dir=out_dir, pdf_fraction=0.05, dmhc_rows=dmhc_rows)
    return out_dir


def truth(corpus: Path) -> list[ParsedDocument]:
    documents = []
    for line in (corpus / "truth.jsonl").read_text().splitlines():
        data = json.loads(line)
        data.pop("truth_extras", None)
        documents.append(ParsedDocument.from_json(data))
    return documents


def ingest(driver, database, embedder, paths, reports_dir: Path, **options) -> IngestSummary:
    job = IngestJob(driver, database, embedder, IngestOptions(**options), reports_dir=reports_dir)
    return job.run([str(p) for p in paths])


def expected_counts(documents: list[ParsedDocument]) -> tuple[Counter, Counter]:
    """Node and relationship counts the graph model gives for these documents."""
    items = [(d, i) for d in documents for i in d.items]
    reviewers = {
        ((d.reviewer.specialty or "?").lower(), (d.reviewer.license_state or "?").lower())
        for d in documents
        if d.reviewer.specialty or d.reviewer.license_state
    }
    nodes = Counter(
        Case=len(documents),
        Patient=len(documents),
        Decision=len(items),
        Diagnosis=len({x for d in documents for x in d.diagnoses}),
        RequestedService=len({i.service for _, i in items}),
        ServiceCategory=len({i.category for _, i in items}),
        Guideline=len({g.name for _, i in items for g in i.guidelines}),
        BodyRegion=len({i.body_region for _, i in items if i.body_region}),
        ReviewerProfile=len(reviewers),
    )
    relationships = Counter(
        CONCERNS=len(documents),
        FROM_FILE=len(documents),
        HAS_DECISION=len(items),
        REQUESTS=len(items),
        HAS_DIAGNOSIS=sum(len(set(d.diagnoses)) for d in documents),
        REVIEWED_BY=sum(1 for d in documents if d.reviewer.specialty or d.reviewer.license_state),
        CONCERNS_REGION=sum(1 for _, i in items if i.body_region),
        CITES=sum(len({(g.name, g.cited_by) for g in i.guidelines}) for _, i in items),
        IN_CATEGORY=len({(i.service, i.category) for _, i in items}),
    )
    return +nodes, +relationships
