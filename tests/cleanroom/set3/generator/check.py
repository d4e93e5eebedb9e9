"""Second cross-check: item-block counts, outcomes implied by each rationale's last sentence, quirk inventory."""

import collections
import json
import re
from pathlib import Path

import pypdf

OUT = Path(__file__).resolve().parent.parent
PAT = {
    "dwc-2013-notice": r"Regarding the request for",
    "dwc-professional-review": r"(ISSUE (NO\. )?\d+:|Issue #\d+ -)",
    "dwc-final-determination": r"(MAXIMUS guideline|MAXIMUS Guideline\(s\))",
    "dwc-decisions-and-rationales": r"(Guideline\(s\) used by the Expert Reviewer|Expert Reviewer Guideline\(s\)|Guidelines used by the Expert Reviewer)",
}


def concl(s: str) -> str | None:
    if re.search(r"partially certified|in part", s):
        return "partially overturned"
    if re.search(r"not medically necessary|non-certified|not been established", s):
        return "upheld"
    if re.search(r"medically necessary|certified", s):
        return "overturned"
    return None


bad = 0
rs = [json.loads(line) for line in (OUT / "truth.jsonl").read_text().splitlines()]
raw = {}
for r in rs:
    p = OUT / r["file"]
    t = (
        "\n".join(pg.extract_text() for pg in pypdf.PdfReader(p).pages)
        if p.suffix == ".pdf"
        else p.read_text()
    )
    raw[p.name] = re.sub(r"\s+", " ", t.replace("\r", ""))
    t = t.replace("\r", "").replace("\f", " ")
    t = re.sub(
        r"(IMR Case Number )?CM\d\d-\d{7} Page \d+ of \d+|MAXIMUS FEDERAL SERVICES|^CM\d\d-\d{7}\s*$|^Page \d+ of \d+\s*$",
        " ",
        t,
        flags=re.M,
    )
    t = re.sub(r"\s+", " ", t)
    t = (
        re.sub(r"([a-z])- ([a-z])", r"\1\2", t)
        .replace("notmedically", "not medically")
        .replace("ismedically", "is medically")
    )
    n = len(re.findall(PAT[r["layout"]], t))
    if n != len(r["items"]):
        bad += 1
        print("count", p.name, n, len(r["items"]))
    for it in r["items"]:
        i = t.find(it["rationale_end"])
        if i < 0:
            bad += 1
            print("noend", p.name, it["rationale_end"])
            continue
        last = re.split(r"(?<=\.) ", t[max(0, i - 250) : i + len(it["rationale_end"])].strip())[-1]
        if concl(last) != it["outcome"]:
            bad += 1
            print("outcome", p.name, it["outcome"], "|", last)
print(
    "problems",
    bad,
    "letters",
    len(rs),
    "items",
    sum(len(r["items"]) for r in rs),
    dict(collections.Counter(i["outcome"] for r in rs for i in r["items"])),
)
print(
    "partial",
    [r["file"][8:] for r in rs if any(i["outcome"].startswith("part") for i in r["items"])],
)
print(
    "no header",
    [r["file"][8:] for r in rs if r["case_id"] is None],
    "no sex",
    [r["file"][8:] for r in rs if r["patient"]["sex"] is None],
)
print("pdf", [r["file"][8:] + ":" + r["layout"] for r in rs if r["file"].endswith("pdf")])
print(
    "families",
    dict(
        collections.Counter(tuple(i["reviewer_guideline_families"]) for r in rs for i in r["items"])
    ),
)
print(
    "age",
    min(r["patient"]["age"] for r in rs),
    max(r["patient"]["age"] for r in rs),
    "injury",
    min(r["patient"]["injury_date"] for r in rs),
    max(r["patient"]["injury_date"] for r in rs),
)
d = sorted(r["decision_date"] for r in rs if r["decision_date"])
print(
    "letter dates",
    d[0],
    d[-1],
    "specialties",
    len({r["reviewer"]["specialty"] for r in rs}),
    "states",
    len({r["reviewer"]["license_state"] for r in rs}),
    "services",
    len({i["service"] for r in rs for i in r["items"]}),
)
print(sorted(collections.Counter(i["service"] for r in rs for i in r["items"]).items()))
print(
    "run-together inside last 8 words",
    [
        r["file"][8:]
        for r in rs
        for it in r["items"]
        if it["rationale_end"] not in raw[r["file"][8:]]
        and it["rationale_end"]
        .replace("not medically", "notmedically")
        .replace("is medically", "ismedically")
        in raw[r["file"][8:]]
    ],
)
print(
    "comorbidity in dx",
    [
        r["file"][8:]
        for r in rs
        if set(r["diagnoses"])
        & {"chronic pain syndrome", "depression", "insomnia", "anxiety", "hypertension"}
    ],
)
q = {
    "form feed": r"\f",
    "CRLF": r"\r\n",
    "hyphenated break": r"[a-z]- ?\r?\n[a-z]",
    "space before comma": r"\w ,",
    "redaction gap": r"by  on|Dr\.  ",
    "curly quotes": "[’“”]",
    "run-together": r"notmedically|ismedically|isnot |thepatient|medicallynecessary|ofthe |hasbeen",
    "outcome glued to label": r"(?i)(upheld|overturned)(Claims|Guideline)",
    "double-spaced": r"\S *\r?\n *\r?\n\S.*\r?\n *\r?\n\S.*\r?\n *\r?\n\S",
    "dotted leader": r"\.{6,} ",
    "long date": r"Dated:? [A-Z][a-z]+ \d",
    "banner Page N of M": r"^Page \d+ of \d+",
    "banner IMR Case Number": r"^IMR Case Number CM\d\d-\d{7} Page",
    "lone case number": r"^CM\d\d-\d{7} *\r?$",
}
for k, v in q.items():
    h = [
        p.name[4:7]
        for p in sorted((OUT / "letters").glob("*.txt"))
        if re.search(v, p.read_bytes().decode(), re.M)
    ]
    print(f"{k}: {len(h)} {h}")
