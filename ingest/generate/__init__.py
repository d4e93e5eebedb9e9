"""Sample-corpus generator: realistic IMR letters written for this project, in every workers' comp
layout of docs/layouts.md, a fraction as real PDFs, plus DMHC-style CSV rows — with the ground
truth for each document in the exact shape of ``ParsedDocument.to_json()``.

Output under ``out_dir``::

    letters/CM15-0012345.txt   one file per letter (a PDF letter has no .txt twin)
    letters/CM16-0234567.pdf
    dmhc.csv                   DMHC open-data columns (only when dmhc_rows > 0)
    truth.jsonl                one ParsedDocument per letter / CSV row, plus "truth_extras"
    manifest.json              counts per layout, outcome and category; version; seed

Everything is drawn from ``random.Random(seed)`` (letters) and ``random.Random(f"dmhc:{seed}")``
(CSV rows), and PDFs are written with reportlab's ``invariant=1``: the same seed gives
byte-identical output.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.generate import dmhc
from ingest.generate.layouts import RENDERERS
from ingest.generate.letters import LetterFactory
from ingest.generate.pdf import render_pdf
from ingest.generate.text import STYLE_WEIGHTS, STYLES, render
from ingest.records import ParsedDocument

GENERATOR_VERSION = "1.0"
LETTER_LAYOUTS: tuple[str, ...] = tuple(RENDERERS)
LETTERS_DIR = "letters"
DMHC_FILE = "dmhc.csv"
TRUTH_FILE = "truth.jsonl"
MANIFEST_FILE = "manifest.json"

ProgressCallback = Callable[[int, int], None]


@dataclass
class GenerateSummary:
    out_dir: Path
    seed: int
    letters: int = 0
    txt: int = 0
    pdf: int = 0
    items: int = 0
    dmhc_rows: int = 0
    seconds: float = 0.0
    by_layout: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    dmhc_by_outcome: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, Any]:
        """The counts recorded in manifest.json (no timing, so the manifest is reproducible)."""
        return {
            "letters": self.letters, "txt": self.txt, "pdf": self.pdf, "items": self.items,
            "dmhc_rows": self.dmhc_rows, "by_layout": self.by_layout,
            "by_outcome": self.by_outcome, "by_category": self.by_category,
            "dmhc_by_outcome": self.dmhc_by_outcome,
        }  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {"out_dir": str(self.out_dir), "seed": self.seed, **self.counts(),
                "seconds": round(self.seconds, 3)}  # fmt: skip


def validate(n: int, layouts: Sequence[str], pdf_fraction: float, dmhc_rows: int) -> None:
    """Raise ``ValueError`` naming the first bad argument."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    if not 0.0 <= pdf_fraction <= 1.0:
        raise ValueError(f"pdf_fraction must be between 0 and 1, got {pdf_fraction}")
    if dmhc_rows < 0:
        raise ValueError(f"dmhc_rows must not be negative, got {dmhc_rows}")
    if not layouts:
        raise ValueError("at least one layout is needed")
    unknown = [name for name in layouts if name not in RENDERERS]
    if unknown:
        raise ValueError(f"unknown layout {unknown[0]!r}; choose from {', '.join(RENDERERS)}")


def _clear_previous(letters_dir: Path) -> None:
    # A smaller second run into the same folder must not leave letters the truth no longer lists.
    for old in letters_dir.glob("CM*-*.*"):
        if old.suffix in (".txt", ".pdf"):
            old.unlink()


def truth_json(doc: ParsedDocument) -> dict[str, Any]:
    """``doc.to_json()`` without ``dataclasses.asdict``'s deep copies (5x faster; the records are
    flat dataclasses of scalars and lists). tests/test_generate.py checks the two agree."""
    return {
        **doc.__dict__,
        "patient": dict(doc.patient.__dict__),
        "diagnoses": list(doc.diagnoses),
        "reviewer": dict(doc.reviewer.__dict__),
        "items": [
            {**item.__dict__, "guidelines": [dict(c.__dict__) for c in item.guidelines]}
            for item in doc.items
        ],
        "warnings": list(doc.warnings),
    }


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items()))


@dataclass
class _Run:
    """State of one generation run: where files go, what has been counted so far."""

    out: Path
    summary: GenerateSummary
    writer: ThreadPoolExecutor
    pending: list[Future[None]] = field(default_factory=list)
    truth_lines: list[str] = field(default_factory=list)
    by_layout: Counter[str] = field(default_factory=Counter)
    by_outcome: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)

    def add_truth(self, doc: ParsedDocument, fmt: str) -> None:
        record = truth_json(doc)
        record["truth_extras"] = {"format": fmt}
        self.truth_lines.append(json.dumps(record, ensure_ascii=False))

    def letters(self, n: int, factory: LetterFactory, rng: random.Random, pdf_fraction: float,
                progress: ProgressCallback | None) -> None:  # fmt: skip
        summary = self.summary
        step = max(1, n // 100)
        for done in range(1, n + 1):
            letter = factory.letter()
            blocks = RENDERERS[letter.layout](letter, rng)
            fmt = "pdf" if pdf_fraction > 0 and rng.random() < pdf_fraction else "txt"
            if fmt == "pdf":
                data = render_pdf(blocks, letter.case_id, rng)
                summary.pdf += 1
            else:
                style = rng.choices(STYLES, weights=STYLE_WEIGHTS)[0]
                data = render(blocks, style, rng.randint(80, 100)).encode("utf-8")
                summary.txt += 1
            name = f"{LETTERS_DIR}/{letter.case_id}.{fmt}"
            self.pending.append(self.writer.submit(_write, self.out / name, data))
            self.add_truth(letter.truth(name, hashlib.sha256(data).hexdigest()), fmt)
            self.by_layout[letter.layout] += 1
            for item in letter.items:
                self.by_outcome[item.outcome] += 1
                self.by_category[item.service.category] += 1
            summary.items += len(letter.items)
            if progress is not None and (done % step == 0 or done == n):
                progress(done, n)
        summary.letters = n
        summary.by_layout = _sorted(self.by_layout)
        summary.by_outcome = _sorted(self.by_outcome)
        summary.by_category = _sorted(self.by_category)

    def dmhc(self, rows: int, seed: int) -> None:
        path = self.out / DMHC_FILE
        self.summary.dmhc_rows = rows
        if not rows:
            path.unlink(missing_ok=True)  # a previous run's CSV would contradict the truth
            return
        made = dmhc.make_rows(random.Random(f"dmhc:{seed}"), rows, DMHC_FILE)
        path.write_text(dmhc.write_csv(made), encoding="utf-8", newline="")
        for row in made:
            self.add_truth(row.truth, "csv")
        outcomes = Counter(row.truth.items[0].outcome or "" for row in made)
        self.summary.dmhc_by_outcome = _sorted(outcomes)


def generate_corpus(
    n: int,
    seed: int,
    out_dir: str | Path,
    layouts: Sequence[str] = LETTER_LAYOUTS,
    pdf_fraction: float = 0.0,
    dmhc_rows: int = 0,
    progress: ProgressCallback | None = None,
) -> GenerateSummary:
    """Write ``n`` letters (and ``dmhc_rows`` CSV rows) under ``out_dir``; see the module doc.

    ``progress(done, total)`` is called about a hundred times; ``ValueError`` names a bad
    argument.
    """
    validate(n, layouts, pdf_fraction, dmhc_rows)
    started = time.perf_counter()
    out = Path(out_dir)
    letters_dir = out / LETTERS_DIR
    letters_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(letters_dir)
    layouts = tuple(dict.fromkeys(layouts))
    rng = random.Random(seed)
    summary = GenerateSummary(out_dir=out, seed=seed)
    # File creation is slow and noisy on some disks; writing from threads overlaps it with
    # generation (the GIL is released during the write). The bytes do not depend on the order.
    with ThreadPoolExecutor(max_workers=4) as writer:
        run = _Run(out=out, summary=summary, writer=writer)
        run.letters(n, LetterFactory(rng, layouts), rng, pdf_fraction, progress)
        for future in run.pending:
            future.result()  # re-raise the first write error, if any
    run.dmhc(dmhc_rows, seed)
    (out / TRUTH_FILE).write_text("\n".join(run.truth_lines) + "\n", encoding="utf-8")
    manifest = {
        "generator_version": GENERATOR_VERSION, "seed": seed, "n": n, "layouts": list(layouts),
        "pdf_fraction": pdf_fraction, "counts": summary.counts(),
    }  # fmt: skip
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["GENERATOR_VERSION", "LETTER_LAYOUTS", "GenerateSummary", "generate_corpus", "validate"]
