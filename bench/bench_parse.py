"""Parsing throughput on one core: letters per second for .txt and .pdf input.

Not a test. The N letters are the fixture letters (tests/fixtures/letters) repeated with a fresh
case number each, written to a temporary folder once (PDFs rendered with tests/pdf_fixtures.py),
then parsed with ``parse_path`` — file reading, PDF extraction and hashing included. Item texts
and citation passages are memoised (they repeat across a real corpus as they do here); the
"cold caches" row clears those caches before every letter.

The fixtures are few and short, so a second row parses a realistic corpus: letters from the
generator (``ingest.generate``, every layout, seed 5), also with cold caches.

    .venv/bin/python -m bench.bench_parse            # 2000 txt, 2000 generated, 200 pdf
    .venv/bin/python -m bench.bench_parse -n 5000 --generated 3000 --pdf 300
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest import normalise  # noqa: E402
from ingest.parse import parse_path  # noqa: E402
from ingest.records import ParsedDocument  # noqa: E402

LETTERS = ROOT / "tests" / "fixtures" / "letters"


def _letters(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(LETTERS.glob("*.txt"))]
    return [texts[i % len(texts)].replace("CM1", f"CM1{i % 10}", 1) for i in range(n)]


def _write(folder: Path, texts: list[str], suffix: str) -> list[Path]:
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"letter_{i:05d}{suffix}"
        if suffix == ".pdf":
            from tests.pdf_fixtures import render_pdf

            render_pdf(text, path)
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _run(paths: list[Path], *, cold: bool = False) -> tuple[float, int]:
    parsed = 0
    start = time.perf_counter()
    for path in paths:
        if cold:  # as if every item text and citation were new
            normalise._normalise_service.cache_clear()
            normalise._citations.cache_clear()
        parsed += sum(isinstance(result, ParsedDocument) for result in parse_path(path))
    return time.perf_counter() - start, parsed


def _generated_row(folder: Path, n: int) -> tuple[str, int, int, float, float]:
    # Imported here: only this row needs the generator.
    from ingest.generate import generate_corpus

    generate_corpus(n=n, seed=5, out_dir=folder)
    paths = sorted((folder / "letters").glob("*.txt"))
    _run(paths[:20])  # warm-up
    seconds, parsed = _run(paths, cold=True)
    return (f"txt, generated corpus ({n:,} letters)", n, parsed, seconds, n / seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="txt letters (default 2000)")
    parser.add_argument(
        "--generated", type=int, default=2000, help="generated txt letters (default 2000)"
    )
    parser.add_argument("--pdf", type=int, default=200, help="pdf letters (default 200)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for suffix, n in ((".txt", args.n), (".pdf", args.pdf)):
            if n <= 0:
                continue
            paths = _write(folder, _letters(n), suffix)
            _run(paths[: min(20, n)])  # warm-up: imports, regex caches
            seconds, parsed = _run(paths)
            rows.append((suffix[1:], n, parsed, seconds, n / seconds))
            if suffix == ".txt":
                seconds, parsed = _run(paths, cold=True)
                rows.append(("txt, cold caches", n, parsed, seconds, n / seconds))
                if args.generated > 0:
                    rows.append(_generated_row(folder / "generated", args.generated))
    width = max(len(row[0]) for row in rows) if rows else 5
    print(f"{'input':<{width}} {'letters':>8} {'parsed':>8} {'seconds':>9} {'letters/s':>10}")
    for kind, n, parsed, seconds, rate in rows:
        print(f"{kind:<{width}} {n:>8} {parsed:>8} {seconds:>9.2f} {rate:>10.0f}")


if __name__ == "__main__":
    main()
