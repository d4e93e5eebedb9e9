"""Re-read every letter and check that each truth field is visible in it."""
import json, re, os, sys
import pypdf
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNFIX = [("notmedically", "not medically"), ("isnot ", "is not "), ("medicallynecessary", "medically necessary"),
          ("requestfor", "request for"), ("thepatient", "the patient")]
bad = 0
for line in open(os.path.join(OUT, "truth.jsonl")):
    t = json.loads(line)
    p = os.path.join(OUT, t["file"])
    if p.endswith(".pdf"):
        txt = "\n".join(pg.extract_text() for pg in pypdf.PdfReader(p).pages)
    else:
        txt = open(p, encoding="utf-8", newline="").read()
    txt = txt.replace("\r", "").replace("\f", "\n")
    lines = [l for l in txt.split("\n") if not re.fullmatch(r"\s*(Page \d+ of \d+|CM\d\d-\d{7}|IMR Case Number CM\d\d-\d{7} Page \d+ of \d+|MAXIMUS FEDERAL SERVICES)\s*", l)]
    txt = "\n".join(lines)
    txt = re.sub(r"([a-z])- *\n\s*([a-z])", r"\1\2", txt)
    txt = re.sub(r"\s+", " ", txt).replace(" ,", ",").replace(" .", ".").replace("\u2019", "'")
    for a, b in RUNFIX:
        txt = txt.replace(a, b)
    def need(s, what):
        global bad
        if s not in txt:
            bad += 1
            print(t["file"], what, repr(s))
    if t["case_id"]:
        need(t["case_id"], "case")
    pos = -1
    for it in t["items"]:
        need(it["text"], "text")
        need(it["rationale_start"], "rstart")
        need(it["rationale_end"], "rend")
        q = txt.find(it["rationale_start"])
        if q < pos:
            print(t["file"], "order"); bad += 1
        pos = q
    need(f"{t['patient']['age']}-year-old {t['patient']['sex']}", "age/sex")
    need(t["reviewer"]["specialty"], "spec"); need(t["reviewer"]["license_state"], "state")
    for d in t["diagnoses"]:
        need(d, "diag")
    import datetime as dt
    for key, val in (("decision_date", t["decision_date"]), ("ur_date", t["ur_date"]), ("injury", t["patient"]["injury_date"])):
        if val:
            d = dt.date.fromisoformat(val)
            forms = [d.strftime("%m/%d/%Y"), f"{d.month}/{d.day}/{d.year}", d.strftime("%B ") + f"{d.day}, {d.year}"]
            if not any(f in txt for f in forms):
                bad += 1; print(t["file"], key, val)
    n = len(t["items"])
    # every letter states exactly n items in its summary request list
    if txt.count("; ") < n - 1:
        print(t["file"], "item count?")
print("problems:", bad)
