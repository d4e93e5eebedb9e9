import json
import re
from pathlib import Path

import pypdf

OUT = Path(__file__).resolve().parent.parent


def norm(s):
    s = s.replace("\u2019", "'").replace("\f", " ")
    s = re.sub(r"([a-z])-\s*\n\s*([a-z])", r"\1\2", s)
    s = re.sub(r"\s+", " ", s)
    s = s.replace(" ,", ",")
    for a in ["notmedically", "isnot", "medicallynecessary", "requestfor"]:
        s = s.replace(
            a,
            {
                "notmedically": "not medically",
                "isnot": "is not",
                "medicallynecessary": "medically necessary",
                "requestfor": "request for",
            }[a],
        )
    return s


def drop_banners(s):
    s = re.sub(r"IMR Case Number CM\d\d-\d{7} Page \d+ of \d+", " ", s)
    s = re.sub(r"\bCM\d\d-\d{7} Page \d+ of \d+", " ", s)
    s = re.sub(r"Page \d+ of \d+", " ", s)
    s = s.replace("MAXIMUS FEDERAL SERVICES\n", " ")
    return s


bad = 0
for line in open(OUT / "truth.jsonl"):
    t = json.loads(line)
    p = OUT / t["file"]
    if p.suffix == ".pdf":
        raw = "\n".join(pg.extract_text() for pg in pypdf.PdfReader(p).pages)
    else:
        raw = p.read_bytes().decode("utf-8").replace("\r\n", "\n")
    s = norm(drop_banners(raw))
    probs = []
    if t["case_id"] and t["case_id"] not in s:
        probs.append("case")
    if not t["case_id"] and re.search(r"CM\d\d-\d{7}", s):
        probs.append("case present")
    for d in t["diagnoses"]:
        if d not in s:
            probs.append("dx " + d)
    if t["reviewer"]["specialty"] not in s or t["reviewer"]["license_state"] not in s:
        probs.append("rev")
    if f"{t['patient']['age']}-year-old" not in s:
        probs.append("age")
    pos = 0
    for it in t["items"]:
        for k in ("text", "rationale_start", "rationale_end"):
            i = s.find(it[k], pos if k != "text" else 0)
            if i < 0:
                probs.append(f"{k}: {it[k]!r}")
        i = s.find(it["rationale_start"], pos)
        if i >= 0:
            pos = i + 1
    if probs:
        bad += 1
        print(t["file"], probs)
print("bad", bad)
