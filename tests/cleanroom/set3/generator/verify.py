"""Cross-check truth.jsonl against the rendered letters (text presence checks)."""

import json
import re
import sys
from pathlib import Path

import pypdf

OUT = Path(__file__).resolve().parent.parent


def load(p: Path) -> str:
    if p.suffix == ".pdf":
        t = "\n".join(pg.extract_text() for pg in pypdf.PdfReader(p).pages)
    else:
        t = p.read_text(encoding="utf-8")
    t = t.replace("\r", "").replace("\f", "\n")
    lines = [
        ln
        for ln in t.split("\n")
        if not re.fullmatch(r"\s*(IMR Case Number )?(CM\d\d-\d{7})?\s*(Page \d+ of \d+)?\s*", ln)
    ]
    t = "\n".join(ln for ln in lines if ln.strip() and ln.strip() != "MAXIMUS FEDERAL SERVICES")
    t = re.sub(r"([a-z])- *\n([a-z])", r"\1\2", t)
    t = re.sub(
        r"MAXIMUS FEDERAL SERVICES\s*\n?\s*IMR Case Number CM\d\d-\d{7} Page \d+ of \d+\s*", " ", t
    )
    return re.sub(r"\s+", " ", t)


def squash(s: str) -> str:
    return re.sub(r"[\s]", "", s).replace("’", "'")


bad = 0
for ln in (OUT / "truth.jsonl").read_text().splitlines():
    r = json.loads(ln)
    t = load(OUT / r["file"])
    st = squash(t)
    probs = []
    if r["case_id"] and r["case_id"] not in t:
        probs.append("case_id")
    if not r["case_id"] and re.search(r"CM\d\d-\d{7}", t):
        probs.append("case id present but null")
    for d in r["diagnoses"]:
        if squash(d) not in squash(t.lower()):
            probs.append("dx " + d)
    for it in r["items"]:
        for k in ("text", "rationale_start", "rationale_end"):
            if squash(it[k]) not in st:
                probs.append(f"{k}: {it[k]}")
    if r["reviewer"]["specialty"] not in t or r["reviewer"]["license_state"] not in t:
        probs.append("reviewer")
    if probs:
        bad += 1
        print(r["file"], probs)
print("letters", len((OUT / "truth.jsonl").read_text().splitlines()), "with problems", bad)
sys.exit(1 if bad else 0)
