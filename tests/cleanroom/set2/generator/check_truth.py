"""Re-read every letter and check its truth line against the text (independent of the generator).

Run: /work/main/.venv/bin/python tests/cleanroom/set2/generator/check_truth.py
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
BANNER = re.compile(
    r"^\s*(Page \d+ of \d+|CM\d\d-\d{7}|IMR Case Number CM\d\d-\d{7}( Page \d+ of \d+)?)\s*$"
)


def load_text(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        raw = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    else:
        raw = path.read_bytes().decode("utf-8")
    raw = raw.replace("\r", "").replace("\f", "\n")
    lines = [ln for ln in raw.split("\n") if not BANNER.match(ln)]
    t = "\n".join(lines)
    t = re.sub(r"([a-z])-\s*\n\s*([a-z])", r"\1\2", t)
    t = re.sub(r"\s+", " ", t)
    t = t.replace(" ,", ",")
    return t


def date_forms(iso: str) -> list[str]:
    d = dt.date.fromisoformat(iso)
    return [
        d.strftime("%m/%d/%Y"),
        f"{d.month}/{d.day}/{d.year}",
        d.strftime("%B ") + f"{d.day}, {d.year}",
    ]


def outcome_from_rationale_end(end: str) -> str:
    e = end.lower()
    if "partially" in e or "in part" in e:
        return "partially overturned"
    if "not medically necessary" in e or "non-certified" in e or "not been established" in e:
        return "upheld"
    return "overturned"


def outcome_near_item(txt: str, item: str) -> str | None:
    """Outcome stated right after an item text (outcome line, finding, decision line)."""
    for m in re.finditer(re.escape(item), txt):
        tail = txt[m.end() : m.end() + 60].lower()
        tail = re.sub(r"^[\s:.\-]*(decision\s*[:\-]\s*)?", "", tail)
        if tail.startswith("partially overturned") or tail.startswith("is partially medically"):
            return "partially overturned"
        if tail.startswith("upheld") or re.match(r"is not ?medically", tail):
            return "upheld"
        if tail.startswith("overturned") or re.match(r"is medically ?necessary", tail):
            return "overturned"
    return None


def main() -> int:
    bad = 0
    rows = [json.loads(x) for x in (OUT / "truth.jsonl").read_text().splitlines()]
    for t in rows:
        p = OUT / t["file"]
        txt = load_text(p)
        low = txt.lower()
        errs = []
        info = []
        ids = set(re.findall(r"CM\d\d-\d{7}", txt))
        if t["case_id"] is None and ids:
            errs.append(f"unexpected case id {ids}")
        if t["case_id"] and ids != {t["case_id"]}:
            errs.append(f"case ids {ids}")
        for key in ("decision_date", "ur_date"):
            if t[key] and not any(f in txt for f in date_forms(t[key])):
                errs.append(f"{key} not found")
        if t["patient"]["injury_date"] and not any(
            f in txt for f in date_forms(t["patient"]["injury_date"])
        ):
            errs.append("injury date not found")
        age = t["patient"]["age"]
        if f"{age}-year-old" not in txt and f"{age} year old" not in txt:
            errs.append("age")
        for d in t["diagnoses"]:
            if d not in low:
                errs.append(f"dx {d!r}")
        if t["reviewer"]["specialty"] not in txt and t["reviewer"]["specialty"] != "Psychology":
            errs.append("specialty")
        if f"licensed to practice in {t['reviewer']['license_state']}" not in txt:
            errs.append("state")
        last = -1
        for it in t["items"]:
            pos = txt.find(it["text"])
            if pos < 0:
                errs.append(f"item text {it['text']!r}")
            elif pos <= last:
                errs.append(f"item order {it['text']!r}")
            last = max(last, pos)
            if it["rationale_start"] not in txt:
                errs.append(f"rationale_start {it['rationale_start']!r}")
            if it["rationale_end"] not in txt:
                errs.append(f"rationale_end {it['rationale_end']!r}")
            near = outcome_near_item(txt, it["text"])
            if near is None:
                info.append(f"outcome only in rationale: {it['text']!r}")
            elif near != it["outcome"]:
                errs.append(f"outcome near item says {near!r}: {it['text']!r}")
            if outcome_from_rationale_end(it["rationale_end"]) != it["outcome"]:
                errs.append(f"outcome/rationale mismatch {it['text']!r}")
        if info:
            print(t["file"], t["layout"], "INFO", info)
        if errs:
            bad += 1
            print(t["file"], t["layout"], errs)
    print(f"checked {len(rows)} letters, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
