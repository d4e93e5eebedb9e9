"""The sample-corpus generator: canonical names, determinism, counts, truth shape, realism of
outcomes and wording, PDFs, the CLI, the committed sample, and a parser round trip."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from imr.commands.generate import generate_command
from ingest import vocabulary
from ingest.generate import LETTER_LAYOUTS, generate_corpus, truth_json
from ingest.generate import catalogue as cat
from ingest.generate import guidelines as gl
from ingest.generate.letters import TEMPLATES
from ingest.parse import parse_path
from ingest.records import ParsedDocument

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
SAMPLE_ARGS = {"n": 300, "seed": 7, "pdf_fraction": 0.03, "dmhc_rows": 80}
CASE_NUMBER = re.compile(r"^CM\d{2}-\d{7}$")


def _truth(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "truth.jsonl").read_text().splitlines()]


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_corpus(2000, seed=3, out_dir=out, pdf_fraction=0.01, dmhc_rows=300)
    return out


# --- canonical names ----------------------------------------------------------------------------


def test_every_service_category_region_and_guideline_is_canonical() -> None:
    services = {s.name: s.category for s in vocabulary.SERVICES}
    for service in cat.SERVICES:
        assert services.get(service.name) == service.category, service.name
        assert service.category in vocabulary.SERVICE_CATEGORIES
    regions = {r.name for r in vocabulary.BODY_REGIONS}
    named = {c for surfaces in cat.REGION_SURFACES.values() for _, c in surfaces}
    named |= {t.named_region for ts in TEMPLATES.values() for t in ts if t.named_region}
    named |= set(cat.DMHC_DIAGNOSIS_REGIONS.values())
    assert named <= regions
    guidelines = {g.name: g.family for g in vocabulary.GUIDELINES}
    for source in gl.ALL_SOURCES:
        assert guidelines.get(source.name) == source.family, source.name


def test_catalogue_is_broad() -> None:
    assert len({s.name for s in cat.SERVICES}) >= 60
    assert sum(len(s.templates) for s in cat.SERVICES) >= 200


# --- determinism, counts, truth shape -----------------------------------------------------------


def test_same_seed_gives_identical_files_and_another_seed_differs(tmp_path: Path) -> None:
    args = {"n": 40, "pdf_fraction": 0.1, "dmhc_rows": 15}
    first = _files(generate_corpus(seed=5, out_dir=tmp_path / "a", **args).out_dir)
    second = _files(generate_corpus(seed=5, out_dir=tmp_path / "b", **args).out_dir)
    other = _files(generate_corpus(seed=6, out_dir=tmp_path / "c", **args).out_dir)
    assert first == second
    assert any(name.endswith(".pdf") for name in first)
    assert first["truth.jsonl"] != other["truth.jsonl"]
    assert set(first) != set(other)


def test_rerun_into_the_same_folder_leaves_no_stale_letters(tmp_path: Path) -> None:
    generate_corpus(30, seed=1, out_dir=tmp_path, dmhc_rows=5)
    generate_corpus(10, seed=2, out_dir=tmp_path)
    assert len(list((tmp_path / "letters").iterdir())) == 10
    assert not (tmp_path / "dmhc.csv").exists()
    assert len(_truth(tmp_path)) == 10


def test_counts_match_manifest_and_files(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text())
    counts = manifest["counts"]
    truth = _truth(corpus)
    letters = [t for t in truth if t["layout"] != "dmhc-csv"]
    assert manifest["seed"] == 3 and manifest["generator_version"]
    assert counts["letters"] == len(letters) == 2000
    assert counts["dmhc_rows"] == len(truth) - len(letters) == 300
    on_disk = Counter(p.suffix for p in (corpus / "letters").iterdir())
    assert on_disk == Counter({".txt": counts["txt"], ".pdf": counts["pdf"]})
    assert counts["by_layout"] == dict(sorted(Counter(t["layout"] for t in letters).items()))
    items = [i for t in letters for i in t["items"]]
    assert counts["items"] == len(items)
    assert counts["by_outcome"] == dict(sorted(Counter(i["outcome"] for i in items).items()))
    assert counts["by_category"] == dict(sorted(Counter(i["category"] for i in items).items()))
    assert 1.4 <= len(items) / len(letters) <= 1.8
    assert set(counts["by_layout"]) == set(LETTER_LAYOUTS)


def test_truth_has_the_parsed_document_shape(corpus: Path) -> None:
    case_ids = set()
    for record in _truth(corpus):
        extras = record.pop("truth_extras")
        document = ParsedDocument.from_json(record)
        assert document.to_json() == record
        assert truth_json(document) == asdict(document)
        if document.layout == "dmhc-csv":
            assert extras == {"format": "csv"}
            assert document.source.startswith("dmhc.csv#row=")
            continue
        assert (corpus / document.source).suffix == f".{extras['format']}"
        assert CASE_NUMBER.match(document.case_id or "")
        case_ids.add(document.case_id)
        assert document.patient.injury_date < (document.decision_date or "9999")
        if document.ur_date and document.decision_date:
            assert document.ur_date < document.decision_date
        assert 20 <= (document.patient.age or 0) <= 75
        assert 1 <= len(document.items) <= 3
    assert len(case_ids) == 2000


# --- realism ------------------------------------------------------------------------------------


def test_outcome_proportions(corpus: Path) -> None:
    by_category: dict[str, Counter[str]] = {}
    dmhc: Counter[str] = Counter()
    for record in _truth(corpus):
        for item in record["items"]:
            if record["layout"] == "dmhc-csv":
                dmhc[item["outcome"]] += 1
            else:
                by_category.setdefault(item["category"], Counter())[item["outcome"]] += 1

    def upheld(counter: Counter[str]) -> float:
        return counter["upheld"] / sum(counter.values())

    overall = sum(by_category.values(), Counter())
    assert 0.84 <= upheld(overall) <= 0.91
    assert upheld(by_category["pharmaceuticals"]) > upheld(by_category["physical medicine"])
    assert upheld(by_category["diagnostic imaging"]) > upheld(by_category["physical medicine"])
    assert 0.4 <= dmhc["overturned"] / sum(dmhc.values()) <= 0.6


def test_rationales_are_unique_and_worded_by_outcome(tmp_path: Path) -> None:
    generate_corpus(500, seed=11, out_dir=tmp_path)
    items = [i for t in _truth(tmp_path) for i in t["items"]]
    rationales = [i["rationale"] for i in items]
    assert len(set(rationales)) == len(rationales)
    for item in items:
        words = len(item["rationale"].split())
        assert 120 <= words <= 400
        conclusion = item["rationale"].rsplit(". ", 1)[-1]
        negative = re.search(r"not medically necessary|non-certified|not supported", conclusion)
        assert bool(negative) == (item["outcome"] == "upheld"), conclusion
    # Physical therapy: upheld and overturned rationales share far fewer sentences with each
    # other than with rationales of their own outcome.
    pt = [i for i in items if i["service"] == "physical therapy"]
    sentences: dict[str, set[str]] = {"upheld": set(), "overturned": set()}
    for item in pt:
        if item["outcome"] in sentences:
            sentences[item["outcome"]].update(item["rationale"].split(". "))
    shared = set(sentences["upheld"]) & set(sentences["overturned"])
    assert "exceeds guideline recommendations" in " ".join(sentences["upheld"])
    assert len(shared) < 0.2 * min(len(sentences["upheld"]), len(sentences["overturned"]))


def test_every_layout_and_pdf_banners(tmp_path: Path) -> None:
    generate_corpus(24, seed=4, out_dir=tmp_path, pdf_fraction=1.0)
    truth = _truth(tmp_path)
    assert {t["layout"] for t in truth} == set(LETTER_LAYOUTS)
    multi_page = 0
    for record in truth:
        reader = PdfReader(tmp_path / record["source"])
        pages = [page.extract_text() for page in reader.pages]
        multi_page += len(pages) > 1
        for number, text in enumerate(pages, 1):
            assert record["case_id"] in text
            assert f"Page {number} of {len(pages)}" in text
    assert multi_page >= len(truth) // 2


# --- CLI ----------------------------------------------------------------------------------------


def test_cli_help_has_an_example() -> None:
    result = CliRunner().invoke(generate_command, ["--help"])
    assert result.exit_code == 0
    assert "imr generate --n 300 --seed 7 --out data/sample" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--n", "0"], "0 is not in the range x>=1"),
        (["--n", "3", "--pdf-fraction", "1.5"], "1.5 is not in the range 0.0<=x<=1.0"),
        (["--n", "3", "--layouts", "dwc-2013-notice,bogus"], "unknown layout 'bogus'"),
        (["--n", "3", "--dmhc-rows", "-1"], "-1 is not in the range x>=0"),
    ],
)
def test_cli_refuses_bad_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(generate_command, [*args, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_summary_line_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        generate_command,
        ["--n", "12", "--seed", "2", "--out", str(tmp_path / "a"), "--layouts",
         "dwc-professional-review", "--dmhc-rows", "3"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"12 letters \(12 txt, 0 pdf\), \d+ items \(.*\), 3 DMHC rows -> \S+ in [\d.]+s\n",
        result.output,
    )
    assert {t["layout"] for t in _truth(tmp_path / "a")} == {"dwc-professional-review", "dmhc-csv"}
    result = runner.invoke(generate_command, ["--n", "5", "--out", str(tmp_path / "b"), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["letters"] == 5


# --- the committed sample and the parser --------------------------------------------------------


def test_committed_sample_is_reproducible(tmp_path: Path) -> None:
    if not (SAMPLE / "manifest.json").exists():
        pytest.skip("data/sample not generated yet")
    generate_corpus(out_dir=tmp_path, **SAMPLE_ARGS)
    assert _files(tmp_path) == _files(SAMPLE)


def test_parser_reads_back_what_was_generated(tmp_path: Path) -> None:
    generate_corpus(80, seed=9, out_dir=tmp_path, pdf_fraction=0.1)
    fields = ("layout", "case_id", "decision_date", "ur_date", "diagnoses", "doc_sha256")
    mismatches = []
    for record in _truth(tmp_path):
        record.pop("truth_extras")
        [parsed] = parse_path(tmp_path / record["source"])
        assert isinstance(parsed, ParsedDocument), parsed
        got = parsed.to_json()
        mismatches += [(record["source"], f) for f in fields if got[f] != record[f]]
        mismatches += [(record["source"], "patient")] * (got["patient"] != record["patient"])
        assert len(got["items"]) == len(record["items"])
        for want, have in zip(record["items"], got["items"], strict=True):
            for key in ("service", "category", "outcome", "body_region", "quantity"):
                if want[key] != have[key]:
                    mismatches.append((record["source"], key, want[key], have[key]))
    assert mismatches == []
