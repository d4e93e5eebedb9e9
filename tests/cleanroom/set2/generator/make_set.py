# ruff: noqa: E501  (hand-written letter text and data tables read better unwrapped)
"""Build clean-room set2: IMR letters (txt/pdf) + truth.jsonl.

Written by a clean-room helper that never read the parser. Deterministic (fixed seed).
Run: /work/main/.venv/bin/python tests/cleanroom/set2/generator/make_set.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import textwrap
from pathlib import Path

from catalog import CA_NONE, CIT, PROFILES, SERVICES, STATES

OUT = Path(__file__).resolve().parent.parent
LETTERS = OUT / "letters"
LAYOUTS = [
    "dwc-2013-notice",
    "dwc-final-determination",
    "dwc-decisions-and-rationales",
    "dwc-professional-review",
]
PER_LAYOUT = 13
PDF_K = {0, 5}
rng = random.Random(20262)


# ---------------------------------------------------------------- helpers
def fmt_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return f"{d.month}/{d.day}/{d.year}"
    return d.strftime("%B ") + f"{d.day}, {d.year}"


def rand_date(y0: int, y1: int) -> dt.date:
    start = dt.date(y0, 1, 1).toordinal()
    end = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def join_list(xs: list[str], style: int = 0) -> str:
    if len(xs) == 1:
        return xs[0]
    if style == 1:
        return "; ".join(xs[:-1]) + "; and " + xs[-1]
    if style == 2:
        return ", ".join(xs[:-1]) + " and " + xs[-1]
    if len(xs) == 2:
        return xs[0] + " and " + xs[1]
    return ", ".join(xs[:-1]) + ", and " + xs[-1]


def dx_display(d: str) -> str:
    d = d.replace("l4-l5", "L4-L5").replace("de quervain's", "de Quervain's")
    return d


def words(s: str) -> list[str]:
    return s.split()


def mid_damage(text: str, kinds: list[str]) -> str:
    """Extraction damage applied only away from the first/last 12 words (truth stays exact)."""
    ws = text.split(" ")
    n = len(ws)
    lo, hi = 12, n - 12
    if hi - lo < 4:
        return text
    for kind in kinds:
        idx = list(range(lo, hi))
        rng.shuffle(idx)
        for i in idx:
            w = ws[i]
            if kind == "comma" and w.endswith(",") and len(w) > 2:
                ws[i] = w[:-1] + " ,"
                break
            if kind == "isnot" and w == "is" and ws[i + 1] == "not" and lo <= i + 1 < hi:
                ws[i] = "isnot"
                ws[i + 1] = ""
                break
            if kind == "runon" and w.isalpha() and ws[i + 1].isalpha() and len(w) > 3:
                ws[i] = w + ws[i + 1]
                ws[i + 1] = ""
                break
            if kind == "double" and w:
                ws[i] = w + " "
                break
    return " ".join(x for x in ws if x != "")


# ---------------------------------------------------------------- blocks
# A letter is a list of blocks: ("line", text) printed as is; ("para", text) wrapped;
# ("rat", text) a rationale paragraph (wrapped, first/last lines protected); ("blank", "").
class Letter:
    def __init__(self) -> None:
        self.blocks: list[tuple[str, str]] = []

    def line(self, t: str) -> None:
        self.blocks.append(("line", t))

    def para(self, t: str) -> None:
        self.blocks.append(("para", t))

    def rat(self, t: str) -> None:
        self.blocks.append(("rat", t))

    def blank(self) -> None:
        self.blocks.append(("blank", ""))


# ---------------------------------------------------------------- content
UP_END = [
    "Therefore, the request for {s} is not medically necessary.",
    "As such, the requested {s} is not medically necessary and appropriate.",
    "Based on the clinical information received and the guidelines, the request is non-certified.",
    "The medical necessity of the requested {s} has not been established, and the request is not medically necessary.",
    "Consequently, the request for {s} is not medically necessary at this time.",
    "Given the above, the {s} request is not medically necessary.",
]
OV_END = [
    "Therefore, the request for {s} is medically necessary.",
    "As such, the requested {s} is medically necessary and appropriate.",
    "Based on the clinical information received, the request is certified.",
    "Accordingly, the request for {s} is medically necessary and appropriate.",
    "The request for {s} is therefore medically necessary.",
]
PART_END = [
    "The request is therefore partially certified.",
    "Accordingly, the request is partially medically necessary.",
    "The request is medically necessary in part, as modified above.",
]
UP_FILL = [
    "The submitted documentation does not address these criteria.",
    "There is no evidence of a red flag condition or of a significant change in the clinical picture.",
    "The treating provider's most recent report does not explain why an exception to the guidelines is warranted.",
    "No additional information was provided to support the request.",
    "",
]
OV_FILL = [
    "The submitted documentation addresses each of these criteria.",
    "The records provided for this review are sufficiently detailed to establish this.",
    "The utilization reviewer did not have the most recent progress report available.",
    "",
]
LEADS = [
    "According to the {g}, ",
    "Per the {g}, ",
    "As set forth in the {g}, ",
    "Under the {g}, ",
    "The {g} indicate that ",
]


def make_rationale(svc: dict, outcome: str, cites: list[str], curly: bool) -> str:
    if cites:
        g = CIT[cites[0]][3]
        if len(cites) > 1:
            g = g + " and the " + CIT[cites[1]][3]
        lead = rng.choice(LEADS).format(g=g)
        first = lead + svc["guide"] + "."
    else:
        first = "The guidelines generally require documentation of benefit before treatment is continued."
    s = svc["short"]
    if outcome == "upheld":
        body = svc["up"] + "."
        fill = rng.choice(UP_FILL)
        end = rng.choice(UP_END).format(s=s)
    elif outcome == "overturned":
        body = svc["ov"] + "."
        fill = rng.choice(OV_FILL)
        end = rng.choice(OV_END).format(s=s)
    else:
        body = (
            "The records support some treatment; however, the full quantity requested is not supported. "
            + svc["partial"]
            + "."
        )
        fill = ""
        end = rng.choice(PART_END)
    parts = [first, body, *([fill] if fill else []), end]
    if rng.random() < 0.3:
        preface = rng.choice(
            [
                "In this case, the patient's records were reviewed in detail.",
                "The available medical records were reviewed.",
                "This request is addressed separately below.",
            ]
        )
        parts = [preface, *parts]
        if parts[0].startswith("This request"):
            parts[0] = "The available medical records were reviewed."
    text = " ".join(parts)
    text = text[0].upper() + text[1:]
    if curly:
        text = text.replace("'", "\u2019")
    return text


# A few fixed scenarios so rarer reviewer specialties and services are surely present.
OVERRIDES = {
    ("dwc-2013-notice", 9): ("lumbar", ["chiro_lumbar", "pt_lumbar"], "Chiropractic"),
    ("dwc-decisions-and-rationales", 6): ("chronic", ["cbt"], "Psychology"),
    ("dwc-professional-review", 7): ("cervical", ["acu_cervical", "pt_cervical"], "Chiropractic"),
    ("dwc-final-determination", 10): (
        "knee",
        ["tka", "home_health", "knee_brace", "pt_knee_postop"],
        None,
    ),
    ("dwc-professional-review", 2): ("chronic", ["sleep", "frp", "uds"], None),
    ("dwc-decisions-and-rationales", 3): (
        "lumbar",
        ["mbb_lumbar", "rfa_lumbar", "tens", "flexeril"],
        "Pain Medicine",
    ),
    ("dwc-professional-review", 10): (
        "lumbar",
        ["esi_lumbar", "rfa_lumbar", "tens", "norco"],
        "Anesthesiology",
    ),
    ("dwc-2013-notice", 7): ("chronic", ["psychotherapy", "uds"], "Psychiatry"),
    ("dwc-final-determination", 12): ("lumbar", ["esi_lumbar", "mbb_lumbar", "gabapentin"], None),
}


def make_case(layout: str, k: int) -> dict:
    prof_name = rng.choice(list(PROFILES))
    n_items = [1, 2, 3, 4, 2, 3, 1, 2, 3, 2, 4, 2, 3][k]
    if k in PDF_K:
        n_items = max(n_items, 2)
    forced = OVERRIDES.get((layout, k))
    if forced:
        prof_name = forced[0]
    prof = PROFILES[prof_name]
    svc_keys = list(forced[1]) if forced else rng.sample(prof["svc"], n_items)
    year = {
        "dwc-2013-notice": (2013, 2013),
        "dwc-final-determination": (2013, 2015),
        "dwc-decisions-and-rationales": (2015, 2017),
        "dwc-professional-review": (2016, 2019),
    }[layout]
    letter_date = rand_date(*year)
    if layout == "dwc-2013-notice":
        letter_date = dt.date(2013, rng.randint(6, 12), rng.randint(1, 28))
    ur_date = letter_date - dt.timedelta(days=rng.randint(40, 110))
    visit_date = ur_date - dt.timedelta(days=rng.randint(7, 45))
    inj = rand_date(2000, min(2016, letter_date.year - 1))
    if inj > ur_date - dt.timedelta(days=200):
        inj = ur_date - dt.timedelta(days=rng.randint(200, 900))
    age = rng.randint(19 + (letter_date.year - inj.year), 75)
    age = max(19, min(75, age))
    sex = rng.choice(["male", "female"])
    n_dx = rng.randint(2, 4)
    dxs = rng.sample(prof["dx"], min(n_dx, len(prof["dx"])))
    spec = rng.choice(prof["spec"])
    if (
        all(s in ("chiro_lumbar", "acu_cervical", "pt_lumbar", "pt_cervical") for s in svc_keys)
        and rng.random() < 0.7
    ):
        spec = "Chiropractic"
    if all(s in ("cbt", "psychotherapy") for s in svc_keys):
        spec = "Psychology"
    if spec == "Psychology" and not all(s in ("cbt", "psychotherapy") for s in svc_keys):
        spec = "Psychiatry"
    if forced and forced[2]:
        spec = forced[2]
    items = []
    for key in svc_keys:
        svc = SERVICES[key]
        r = rng.random()
        if "partial" in svc and r < 0.4 and layout != "dwc-professional-review":
            outcome = "partially overturned"
        elif r < 0.62:
            outcome = "upheld"
        else:
            outcome = "overturned"
        cites = list(rng.choice(svc["cites"]))
        if rng.random() < 0.05:
            cites = []
        ca = rng.choice(svc["ca"] + ["NONE"])
        items.append(
            dict(
                key=key, svc=svc, text=rng.choice(svc["texts"]), outcome=outcome, cites=cites, ca=ca
            )
        )
    return dict(
        layout=layout,
        k=k,
        prof=prof_name,
        letter_date=letter_date,
        ur_date=ur_date,
        visit_date=visit_date,
        inj=inj,
        age=age,
        sex=sex,
        dxs=dxs,
        spec=spec,
        state=rng.choice(STATES),
        items=items,
        year=letter_date.year,
    )


def summary_text(c: dict, with_ur_date: bool, inj_in_summary: bool, curly: bool) -> str:
    prof = PROFILES[c["prof"]]
    sex = c["sex"]
    noun = {"male": ["male", "man", "gentleman"], "female": ["female", "woman", "female"]}[sex]
    nn = rng.choice(noun)
    pr = "He" if sex == "male" else "She"
    ds = rng.choice([0, 1, 2])
    inj = fmt_date(c["inj"], ds)
    subj = rng.choice(["The patient", "The injured worker", "The applicant", "This employee"])
    mech = rng.choice(prof["mech"])
    conn = "while" if mech.split()[0].endswith("ing") else "due to"
    if inj_in_summary:
        opening = rng.choice(
            [
                f"{subj} is a {c['age']}-year-old {nn} who reported an injury on {inj} {conn} {mech}.",
                f"{subj} is a {c['age']}-year-old {nn} who sustained an industrial injury on {inj}.",
                f"{subj} is a {c['age']} year old {nn} with a date of injury of {inj}.",
                f"{subj} is a {c['age']}-year-old {nn} who was injured on {inj} as a result of {mech}.",
            ]
        )
    else:
        opening = rng.choice(
            [
                f"{subj} is a {c['age']}-year-old {nn} with chronic complaints related to an industrial injury.",
                f"{subj} is a {c['age']}-year-old {nn} who injured the back and extremities at work {conn} {mech}.",
            ]
        )
    if "who injured the back" in opening and c["prof"] != "lumbar":
        opening = f"{subj} is a {c['age']}-year-old {nn} with complaints attributed to {mech.replace(' at work', '')} at work."
    dx_disp = [dx_display(d) for d in c["dxs"]]
    dxst = rng.choice(
        [
            f"{subj} is currently diagnosed with {join_list(dx_disp)}.",
            f"Diagnoses include {join_list(dx_disp, 2)}.",
            f"The diagnoses are {join_list(dx_disp, 1)}.",
            f"{pr} has been diagnosed with {join_list(dx_disp)}.",
            f"Current diagnoses: {', '.join(dx_disp)}.",
        ]
    )
    hist = rng.choice(
        [
            f"Past medical history is significant for {rng.choice(['hypertension', 'type 2 diabetes', 'hypothyroidism', 'asthma'])}.",
            "There is a remote history of a prior non-industrial motor vehicle accident.",
            "",
            f"{pr} has a history of {rng.choice(['gastritis', 'obesity', 'tobacco use', 'hyperlipidemia'])}, which is not part of this claim.",
        ]
    )
    vd = fmt_date(c["visit_date"], ds)
    visit = rng.choice(
        [
            f"{subj} was seen by  on {vd}. Physical examination revealed {prof['exam']}.",
            f"On {vd}, the patient reported ongoing pain rated 7/10. Examination showed {prof['exam']}.",
            f"The progress report dated {vd} by Dr.  documents {prof['exam']}.",
            f"At the visit of {vd}, Dr.  recommended continued care; the examination noted {prof['exam']}.",
        ]
    )
    prior = rng.choice(
        [
            "Prior treatment has included physical therapy, medications and activity modification.",
            f"{pr} has been treated with medications, a home exercise program and work restrictions.",
            "Previous treatment consisted of therapy, chiropractic care, medications and injections.",
        ]
    )
    shorts = []
    for it in c["items"]:
        if it["svc"]["short"] not in shorts:
            shorts.append(it["svc"]["short"])
    if with_ur_date:
        req = f"The request for {join_list(shorts)} was non-certified in utilization review on {fmt_date(c['ur_date'], ds)}."
    else:
        req = rng.choice(
            [
                f"Treatment recommendations included {join_list(shorts)}.",
                f"The treating physician requested authorization for {join_list(shorts)}.",
                f"The current request is for {join_list(shorts)}.",
            ]
        )
    quote = 'The patient described the pain as "constant and burning."' if curly else ""
    parts = [opening, dxst, hist, visit + (" " + quote if quote else ""), prior, req]
    if rng.random() < 0.4:
        parts[3], parts[4] = parts[4], parts[3]
    text = " ".join(p for p in parts if p)
    if curly:
        text = text.replace("'", "\u2019").replace(' "', " \u201c").replace('."', ".\u201d")
    return text


def qual_sentence(c: dict, who: str) -> str:
    if c["spec"] == "Psychology":
        return f"{who} is a Licensed Psychologist and is licensed to practice in {c['state']}."
    if c["spec"] == "Chiropractic" and rng.random() < 0.5:
        return f"{who} is a licensed Doctor of Chiropractic, Board Certified in Chiropractic, and is licensed to practice in {c['state']}."
    return rng.choice(
        [
            f"{who} is Board Certified in {c['spec']} and is licensed to practice in {c['state']}.",
            f"{who} is Board Certified in {c['spec']}, and is licensed to practice in {c['state']}.",
            f"{who} is board certified in {c['spec']} and is licensed to practice in {c['state']}.",
        ]
    )


BOILER_Q = (
    "He/she has been in active clinical practice for more than five years and is currently working at "
    "least 24 hours a week in active practice. The expert reviewer was selected based on his/her clinical "
    "experience, education, background, and expertise in the same or similar specialties that evaluate "
    "and/or treat the medical condition and disputed items/services. He/she is familiar with governing laws "
    "and regulations, including the strength of evidence hierarchy that applies to Independent Medical "
    "Review determinations."
)
BOILER_FINAL = (
    "This determination is final and binding. A party may appeal the determination only on the grounds "
    "set forth in California Labor Code section 4610.6(h) by filing a petition with the Workers' "
    "Compensation Appeals Board within 30 days of the date of mailing of this determination."
)


def head_date(c: dict, style: int) -> str:
    return fmt_date(c["letter_date"], style)


# ---------------------------------------------------------------- layouts
def render_notice(c: dict, L: Letter, o: dict) -> list[dict]:
    k = c["k"]
    ds = k % 2
    L.line(
        rng.choice(
            [
                "Notice of Independent Medical Review Determination",
                "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION",
            ]
        )
    )
    if o["header"]:
        c["hdr"] = dict(dated=True, ur=True, inj=True)
        L.line(f"Dated: {head_date(c, ds)}")
        if k % 3 == 0:
            L.line(
                f"IMR Case Number: {c['case_id']}   Date of UR Decision: {fmt_date(c['ur_date'], ds)}   "
                f"Date of Injury: {fmt_date(c['inj'], ds)}"
            )
        else:
            L.line(f"IMR Case Number:     {c['case_id']}")
            L.line(f"Date of Injury:      {fmt_date(c['inj'], ds)}")
            L.line(f"Date of UR Decision: {fmt_date(c['ur_date'], ds)}")
        L.line("Employee:  ")
        L.blank()
        L.para("Dear  :")
        L.para(
            "MAXIMUS Federal Services, Inc. has completed the Independent Medical Review (IMR) of the above "
            "workers' compensation case. This letter provides you with the IMR Final Determination and "
            "explains how the determination was made."
        )
    L.blank()
    L.line(
        rng.choice(
            [
                "DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.",
                "Determination of MAXIMUS Federal Services, Inc.",
            ]
        )
    )
    L.para(
        "After careful review of the medical records, MAXIMUS Federal Services, Inc. has determined:"
    )
    num = ["{n}.", "{n})", "{n}."][k % 3]
    for n, it in enumerate(c["items"], 1):
        if it["outcome"] == "upheld":
            res = "is not medically necessary and appropriate"
            if o.get("notice_runon") == n:
                res = "is notmedically necessary and appropriate"
        elif it["outcome"] == "overturned":
            res = "is medically necessary and appropriate"
            if o.get("notice_runon") == n:
                res = "is medicallynecessary and appropriate"
        else:
            res = "is partially medically necessary and appropriate"
        L.para(
            f"{num.format(n=n)} MAXIMUS Federal Services, Inc. has determined the request for {it['text']} {res}."
        )
    L.blank()
    L.para(BOILER_FINAL)
    L.blank()
    L.line(
        rng.choice(
            [
                "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
                "Independent Medical Review Decision and Rationale",
                "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE:",
            ]
        )
    )
    L.blank()
    q = qual_sentence(c, "The expert reviewer") + " " + BOILER_Q
    if k % 2:
        L.line("Medical Qualifications of the Expert Reviewer:")
        L.para(q)
    else:
        L.para("Medical Qualifications of the Expert Reviewer: " + q)
    L.blank()
    summ = summary_text(c, o["header"] and k % 4 == 1, o["inj_in_summary"], o["curly"])
    head = ["Case Summary:", "CASE SUMMARY:", "Expert Reviewer Case Summary:", "Case Summary -"][
        k % 4
    ]
    if k % 3 == 1:
        L.para(head + " " + summ)
    else:
        L.line(head)
        L.para(summ)
    L.blank()
    truth_items = []
    inum = ["{n}. ", "{n}) ", "Item {n}: ", ""][k % 4]
    for n, it in enumerate(c["items"], 1):
        L.para(f"{inum.format(n=n)}Regarding the request for {it['text']}:")
        ca_lab = [
            "Medical Treatment Guideline(s) which the Claims Administrator relied upon:",
            "Medical Treatment Guidelines relied upon by the Claims Administrator:",
            "Medical Treatment Guideline(s) which the Claims Administrator relied upon:",
        ][n % 3]
        L.line(ca_lab)
        if it["ca"] == "NONE":
            L.para(rng.choice(CA_NONE))
        else:
            L.para(f"The Claims Administrator based its decision on the {CIT[it['ca']][2]}.")
        rv_lab = [
            "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision:",
            "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision:",
            "Guidelines the Expert Reviewer relied upon:",
        ][(n + k) % 3]
        L.line(rv_lab)
        L.para(notice_rev_text(it["cites"]))
        rl = [
            "Rationale for the Decision:",
            "Rationale for the decision:",
            "Rationale for the Decision:",
        ][k % 3]
        rat = make_rationale(it["svc"], it["outcome"], it["cites"], o["curly"])
        if k % 5 == 2:
            L.rat(rl + " " + mid_damage(rat, o["mid"]))
        else:
            L.line(rl)
            L.rat(mid_damage(rat, o["mid"]))
        L.blank()
        truth_items.append((it, rat))
    L.line("/ ")
    L.para("cc: Department of Industrial Relations, Division of Workers' Compensation")
    return truth_items


def notice_rev_text(cites: list[str]) -> str:
    if not cites:
        return "The Expert Reviewer did not cite any specific guideline for this decision."
    fam = CIT[cites[0]][0]
    p = [CIT[x][2] for x in cites]
    if fam == "MTUS":
        if len(p) == 2:
            return f"The Expert Reviewer relied on the {p[0]}, and on the {p[1]}."
        return f"The Expert Reviewer relied on the {p[0]}."
    s = (
        "The Expert Reviewer found that the MTUS does not address the requested service. Per the Strength of "
        "Evidence hierarchy established by the California Department of Industrial Relations, Division of "
        f"Workers' Compensation, the Expert Reviewer based his/her decision on the {p[0]}"
    )
    if len(p) == 2:
        s += f" and the {p[1]}"
    return s + "."


def fd_cite(cites: list[str]) -> str:
    if not cites:
        return "The expert reviewer did not cite any guidelines for this decision."
    return " ".join(f"Decision based on {CIT[x][1]}." for x in cites).replace("..", ".")


def outcome_word(outcome: str, case: int) -> str:
    w = {
        "upheld": "Upheld",
        "overturned": "Overturned",
        "partially overturned": "Partially Overturned",
    }[outcome]
    if case == 1:
        return w.upper()
    if case == 2:
        return w.lower()
    return w


def render_fd(c: dict, L: Letter, o: dict) -> list[dict]:
    k = c["k"]
    ds = k % 3 if k % 3 < 2 else 0
    if o["header"]:
        c["hdr"] = dict(dated=True, ur=True, inj=True)
        L.line("Independent Medical Review Final Determination Letter")
        L.blank()
        if k % 2:
            L.line(f"Dated: {head_date(c, ds)}")
            L.line(
                f"IMR Case Number:  {c['case_id']}     Date Assigned:  {fmt_date(c['ur_date'] + dt.timedelta(days=30), ds)}"
            )
            L.line(
                f"Date of Injury:  {fmt_date(c['inj'], ds)}        Date of UR Decision:  {fmt_date(c['ur_date'], ds)}"
            )
            L.line(
                f"Priority:  Standard                Application Received:  {fmt_date(c['ur_date'] + dt.timedelta(days=12), ds)}"
            )
        else:
            L.line(f"IMR Case Number:  {c['case_id']}")
            L.line(f"Date of UR Decision:  {fmt_date(c['ur_date'], ds)}")
            L.line(f"Date of Injury:  {fmt_date(c['inj'], ds)}")
            L.line(f"Dated:  {head_date(c, ds)}")
        L.line("Employee:  ")
        L.line("Claim Number:  ")
        L.blank()
        L.para("Dear  ,")
        L.para(
            "MAXIMUS Federal Services has completed the Independent Medical Review (IMR) of the above workers' "
            "compensation case. This letter provides you with the IMR Final Determination and explains how "
            "the determination was made."
        )
        L.para(BOILER_FINAL)
        L.blank()
    nums = ["", "1. ", "", "Section A - ", ""][k % 5]
    nums2 = ["", "2. ", "", "Section B - ", ""][k % 5]
    nums3 = ["", "3. ", "", "Section C - ", ""][k % 5]
    how_h = [
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
        "How the IMR Final Determination Was Made",
    ][k % 4 == 2]
    how = (
        "MAXIMUS Federal Services sent the complete case file to a physician reviewer. He/she has no "
        "affiliation with the employer, employee, providers or the claims administrator. "
        + qual_sentence(c, "The physician reviewer")
        + " "
        + BOILER_Q.replace("The expert reviewer", "The physician reviewer")
    )
    ccs_h = ["CLINICAL CASE SUMMARY", "Clinical Case Summary", "CLINICAL CASE SUMMARY:"][k % 3]
    summ = summary_text(c, False, o["inj_in_summary"], o["curly"])
    intro = "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:"

    def how_sec() -> None:
        L.line(nums + how_h)
        L.para(how)
        L.blank()

    def ccs_sec(num: str) -> None:
        if k % 4 == 1:
            L.para(num + ccs_h.rstrip(":") + ": " + intro)
        else:
            L.line(num + ccs_h)
            L.para(intro)
        L.blank()
        L.para(summ)
        L.blank()

    if k == 7:  # summary first, then the how section (seen in some office templates)
        ccs_sec(nums)
        how_sec()
    else:
        how_sec()
        ccs_sec(nums2)
    iss_h = [
        "IMR ISSUES, DECISIONS AND RATIONALES",
        "IMR Issues, Decisions and Rationales",
        "IMR ISSUES, DECISIONS, AND RATIONALES",
    ][k % 3]
    L.line(nums3 + iss_h)
    L.para(
        "The Final Determination was based on decisions for the disputed items/services set forth below:"
    )
    L.blank()
    truth_items = []
    style = o["fd_style"]
    ca_lab = [
        "Claims Administrator guideline:",
        "Claims Administrator Guideline(s):",
        "Guideline(s) used by the Claims Administrator -",
    ][k % 3]
    mx_lab = ["MAXIMUS guideline:", "MAXIMUS Guideline(s):", "Guideline(s) used by MAXIMUS -"][
        k % 3
    ]
    r_lab = ["Decision rationale:", "Decision Rationale:", "Rationale for the Decision:"][
        (k // 2) % 3
    ]
    for n, it in enumerate(c["items"], 1):
        text = it["text"]
        if o.get("date_range"):
            text = f"{text}, between {fmt_date(c['ur_date'], 1)} and {fmt_date(c['ur_date'] + dt.timedelta(days=60), 1)}"
            it["text"] = text
        ow = outcome_word(it["outcome"], (k + n) % 3)
        pre = ["", f"{n}. ", f"#{n} ", ""][k % 4]
        ca_txt = (
            rng.choice(CA_NONE) if it["ca"] == "NONE" else f"Decision based on {CIT[it['ca']][1]}"
        )
        if it["ca"] != "NONE" and CIT[it["ca"]][0] != "MTUS" and rng.random() < 0.5:
            ca_txt = "The Claims Administrator did not base their decision on the MTUS. " + ca_txt
        if style == "norat":
            L.para(f"{pre}{text}:")
        elif style == "next":
            L.para(f"{pre}{text}:")
            L.line(ow)
        elif style == "dots":
            L.para(f"{pre}{text} {'.' * rng.randint(6, 14)} {ow}")
        elif style == "runon" and n == 1:
            L.para(f"{pre}{text}:  {ow}{ca_lab} {ca_txt}")
        else:
            L.para(f"{pre}{text}:  {ow}")
        L.blank()
        if not (style == "runon" and n == 1):
            L.para(f"{ca_lab} {ca_txt}")
            L.blank()
        L.para(f"{mx_lab} {fd_cite(it['cites'])}")
        L.blank()
        rat = make_rationale(it["svc"], it["outcome"], it["cites"], o["curly"])
        L.rat(f"{r_lab} {mid_damage(rat, o['mid'])}")
        L.blank()
        truth_items.append((it, rat))
    return truth_items


def render_dr(c: dict, L: Letter, o: dict) -> list[dict]:
    k = c["k"]
    ds = [0, 1, 0][k % 3]
    if o["header"]:
        c["hdr"] = dict(dated=True, ur=True, inj=True)
        L.line("Independent Medical Review Final Determination Letter")
        L.line(f"Dated: {head_date(c, ds)}")
        L.line(f"IMR Case Number: {c['case_id']}      Date of Injury: {fmt_date(c['inj'], ds)}")
        L.line(
            f"Date of UR Decision: {fmt_date(c['ur_date'], ds)}      Priority: {rng.choice(['Standard', 'Expedited'])}"
        )
        L.blank()
    L.line(
        ["SUMMARY OF INDEPENDENT MEDICAL REVIEW", "Summary of Independent Medical Review"][k % 2]
    )
    q = qual_sentence(c, "The expert reviewer")
    L.para(
        ("Expert reviewer qualifications: " if k % 3 else "Expert Reviewer Qualifications - ")
        + q
        + " "
        + BOILER_Q
    )
    L.blank()
    bullets = ["- ", "\u2022 ", "{n}. ", "* "][k % 4]
    docs = [
        "Application for Independent Medical Review",
        (
            f"Utilization review determination dated {fmt_date(c['ur_date'], ds)}"
            if o["header"]
            else "Utilization review determination letter"
        ),
        f"Medical records from the primary treating physician, {c['visit_date'].strftime('%m/%Y')} - {c['ur_date'].strftime('%m/%Y')}",
        "Imaging and diagnostic reports",
        "Request for authorization",
    ]
    rng.shuffle(docs)

    def docs_sec() -> None:
        L.line(["DOCUMENTS REVIEWED", "Documents Reviewed:", "DOCUMENTS REVIEWED:"][k % 3])
        for n, d in enumerate(docs[: rng.randint(3, 5)], 1):
            L.line(bullets.format(n=n) + d)
        L.blank()

    summ = summary_text(c, o["header"] and k % 3 == 2, o["inj_in_summary"], o["curly"])

    def sum_sec() -> None:
        h = ["CLINICAL SUMMARY", "Clinical Summary:", "CLINICAL SUMMARY -"][k % 3]
        if k % 4 == 1:
            L.para(h.rstrip(":- ") + ": " + summ)
        else:
            L.line(h)
            L.para(summ)
        L.blank()

    if k in (4, 9):
        sum_sec()
        docs_sec()
    else:
        docs_sec()
        sum_sec()
    L.line(
        [
            "IMR DECISION(S) AND RATIONALE(S)",
            "IMR Decision(s) and Rationale(s)",
            "IMR DECISION(S) AND RATIONALE(S):",
        ][k % 3]
    )
    L.blank()
    truth_items = []
    ca_lab = [
        "Guideline(s) used by the Claims Administrator:",
        "Claims Administrator Guideline(s):",
        "Guidelines cited by the Claims Administrator:",
    ][k % 3]
    ex_lab = [
        "Guideline(s) used by the Expert Reviewer:",
        "Expert Reviewer Guideline(s):",
        "Guidelines relied on by the Expert Reviewer:",
    ][k % 3]
    r_lab = ["Rationale:", "Decision Rationale:", "Rationale for the Decision:"][(k + 1) % 3]
    d_lab = ["Decision: ", "DECISION: ", "Decision - ", "Decision:  "][k % 4]
    pre = ["{n}. ", "{n}) ", "Item {n}: ", "#{n} "][(k // 2) % 4]
    for n, it in enumerate(c["items"], 1):
        L.para(pre.format(n=n) + it["text"])
        if o["dr_style"] != "norat":
            L.line("   " + d_lab + outcome_word(it["outcome"], (k + n) % 3))
        ca_txt = rng.choice(CA_NONE) if it["ca"] == "NONE" else CIT[it["ca"]][2]
        L.para("   " + ca_lab + " " + ca_txt)
        if it["cites"]:
            ex_txt = "; ".join(CIT[x][2] for x in it["cites"])
        else:
            ex_txt = "The expert reviewer did not cite a guideline; the decision is based on the medical records."
        L.para("   " + ex_lab + " " + ex_txt)
        rat = make_rationale(it["svc"], it["outcome"], it["cites"], o["curly"])
        L.rat("   " + r_lab + " " + mid_damage(rat, o["mid"]))
        L.blank()
        truth_items.append((it, rat))
    L.para(BOILER_FINAL)
    return truth_items


PR_WHY = [
    "This guideline was selected because it addresses the requested treatment for this condition.",
    "The guideline is applicable because it is the MTUS section specific to the requested service.",
    "It is the most relevant evidence-based guideline for the disputed treatment.",
    "This reference is appropriate because the MTUS does not specifically address the request.",
]


def render_pr(c: dict, L: Letter, o: dict) -> list[dict]:
    k = c["k"]
    ds = [0, 1, 0, 0][k % 4]
    L.line(["MEDICAL PROFESSIONAL REVIEW", "Medical Professional Review"][k % 5 == 3])
    if o["header"]:
        dlab = ["Dated:", "Dated:", "Date:"][k % 3]
        c["hdr"] = dict(dated=True, ur=k % 2 == 0, inj=k % 2 == 0)
        L.line(f"IMR Case Number: {c['case_id']}    {dlab} {head_date(c, ds)}")
        if k % 2 == 0:
            L.line(
                f"Date of Injury: {fmt_date(c['inj'], ds)}    Date of UR Decision: {fmt_date(c['ur_date'], ds)}"
            )
    L.blank()
    num = ["{n}. ", "{n}) ", "{n}. ", ""][k % 4]
    L.line("ISSUE AT DISPUTE:")
    for n, it in enumerate(c["items"], 1):
        L.para(num.format(n=n) + it["text"])
    L.blank()
    if o["pr_style"] != "norat":
        L.line(["DETERMINATION:", "DETERMINATION:", "Determination:"][k % 3])
        for n, it in enumerate(c["items"], 1):
            w = outcome_word(it["outcome"], 1 if k % 3 else 0)
            if k % 4 == 2:
                L.para(num.format(n=n) + f"{it['text']} ....... {w}")
            else:
                L.para(num.format(n=n) + f"{it['text']}: {w}")
        L.blank()
    q = (
        qual_sentence(c, "The reviewer")
        + " "
        + BOILER_Q.replace("The expert reviewer", "The reviewer")
    )

    def qual_sec() -> None:
        L.line("MEDICAL REVIEWER QUALIFICATIONS:")
        L.para(q)
        L.blank()

    if k % 3 == 1:
        qual_sec()
    summ = summary_text(c, False, o["inj_in_summary"], o["curly"])

    def case_sec() -> None:
        if k % 2:
            L.para("CASE SUMMARY: " + summ)
        else:
            L.line("CASE SUMMARY:")
            L.para(summ)
        L.blank()

    def docs_sec() -> None:
        L.line("DOCUMENTS REVIEWED FOR DETERMINATION:")
        docs = [
            "Independent Medical Review application",
            "Utilization Review determination",
            "Primary treating physician progress reports",
            "Request for Authorization",
            "Diagnostic imaging reports",
            "Physical therapy notes",
        ]
        for d in docs[: rng.randint(3, 6)]:
            L.line(("- " if k % 2 else "") + d)
        L.blank()

    if k % 4 == 3:
        docs_sec()
        case_sec()
    else:
        case_sec()
        docs_sec()
    truth_items = []
    ih = ["ISSUE {n}: ", "ISSUE #{n}: ", "Issue {n} - ", "ISSUE {n}: "][k % 4]
    gh = [
        "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",
        "Medical Treatment Guideline(s) Relied Upon by Professional Reviewer and Why:",
    ][k % 5 == 4]
    for n, it in enumerate(c["items"], 1):
        L.para(ih.format(n=n) + it["text"])
        L.line(gh)
        if it["cites"]:
            why = PR_WHY[3] if CIT[it["cites"][0]][0] != "MTUS" else rng.choice(PR_WHY[:3])
            g = "; ".join(CIT[x][2] for x in it["cites"]) + ". " + why
        else:
            g = "No specific guideline was relied upon; the decision is based on the submitted medical records."
        L.para(g)
        if o["pr_style"] == "norat":
            L.line("RATIONALE:")
        elif it["outcome"] == "upheld":
            L.line(
                "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:"
            )
        else:
            L.line("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS MEDICALLY NECESSARY:")
        rat = make_rationale(it["svc"], it["outcome"], it["cites"], o["curly"])
        L.rat(mid_damage(rat, o["mid"]))
        L.blank()
        truth_items.append((it, rat))
    if k % 3 != 1:
        qual_sec()
    return truth_items


RENDER = {
    "dwc-2013-notice": render_notice,
    "dwc-final-determination": render_fd,
    "dwc-decisions-and-rationales": render_dr,
    "dwc-professional-review": render_pr,
}


# ---------------------------------------------------------------- text output
def hyphen_split(lines: list[list], count: int) -> None:
    cands = [
        i
        for i in range(len(lines) - 1)
        if not lines[i][1] and not lines[i + 1][1] and lines[i][0] and lines[i + 1][0]
    ]
    rng.shuffle(cands)
    done = 0
    for i in cands:
        nxt = lines[i + 1][0]
        first, _, rest = nxt.partition(" ")
        if len(first) >= 8 and first.isalpha() and first.islower():
            cut = len(first) // 2
            lines[i][0] = lines[i][0] + " " + first[:cut] + "-"
            lines[i + 1][0] = first[cut:] + (" " + rest if rest else "")
            done += 1
            if done >= count:
                return


def to_text(L: Letter, o: dict, case_id: str | None) -> str:
    width = o["width"]
    lines: list[list] = []  # [text, protected]
    for kind, t in L.blocks:
        if kind == "blank":
            lines.append(["", False])
        elif kind == "line" or width is None:
            lines.append([t, kind == "rat"])
        else:
            indent = len(t) - len(t.lstrip(" "))
            wrapped = textwrap.wrap(
                t,
                width,
                break_long_words=False,
                break_on_hyphens=False,
                subsequent_indent=" " * indent,
                drop_whitespace=True,
            )
            for j, w in enumerate(wrapped):
                prot = kind == "rat" and (j < 2 or j >= len(wrapped) - 2)
                lines.append([w, prot])
    if o["hyphen"] and width:
        hyphen_split(lines, o["hyphen"])
    out = [x[0] for x in lines]
    if o["banner"]:
        breaks = []
        since = 0
        for i, ln in enumerate(lines):
            if since >= o["page_len"] and not ln[1] and not (i and lines[i - 1][1]):
                breaks.append(i)
                since = 0
            since += 1
        n_pages = len(breaks) + 1
        result = []
        page = 1
        for i, ln in enumerate(lines):
            if i in breaks:
                result.extend(banner(o["banner"], page, n_pages, case_id, o["ff"]))
                page += 1
            result.append(ln[0])
        result.extend(banner(o["banner"], page, n_pages, case_id, False))
        out = result
    if o["seed_style"]:
        spaced = []
        for ln in out:
            spaced.append(ln if ln.endswith("\f") else ln + " ")
            spaced.append("")
        out = spaced
    text = "\n".join(out) + "\n"
    if o["curly"]:
        text = text.replace("'", "\u2019")
    if o["crlf"]:
        text = text.replace("\n", "\r\n")
    return text


def banner(style: str, page: int, n_pages: int, case_id: str | None, ff: bool) -> list[str]:
    if style == "combined" and case_id:
        b = [f"IMR Case Number {case_id} Page {page} of {n_pages}"]
    elif case_id:
        b = [f"Page {page} of {n_pages}", case_id]
    else:
        b = [f"Page {page} of {n_pages}"]
    if ff:
        b = [b[0] + "\f"] if len(b) == 1 else [b[0] + "\f", b[1]]
    return b


# ---------------------------------------------------------------- pdf output
def to_pdf(L: Letter, path: Path, case_id: str, footer_combined: bool) -> int:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for st in self._saved:
                self.__dict__.update(st)
                self.setFont("Helvetica", 8)
                if footer_combined:
                    self.drawCentredString(
                        letter[0] / 2,
                        0.5 * inch,
                        f"IMR Case Number {case_id} Page {self._pageNumber} of {total}",
                    )
                else:
                    self.drawRightString(
                        letter[0] - inch, letter[1] - 0.6 * inch, f"IMR Case Number {case_id}"
                    )
                    self.drawCentredString(
                        letter[0] / 2, 0.5 * inch, f"Page {self._pageNumber} of {total}"
                    )
                super().showPage()
            super().save()

    body = ParagraphStyle("b", fontName="Times-Roman", fontSize=12, leading=16)
    story = []
    for kind, t in L.blocks:
        if kind == "blank":
            story.append(Spacer(1, 8))
        else:
            ind = len(t) - len(t.lstrip(" "))
            st = ParagraphStyle("i", parent=body, leftIndent=ind * 4) if ind else body
            story.append(Paragraph(escape(t.strip()) or "&nbsp;", st))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=letter,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=inch,
        bottomMargin=inch,
    )
    doc.build(story, canvasmaker=NumberedCanvas)
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


# ---------------------------------------------------------------- main
def first_last(rat: str) -> tuple[str, str]:
    ws = words(rat)
    return " ".join(ws[:8]), " ".join(ws[-8:])


def options(layout: str, k: int) -> dict:
    o = dict(
        header=(k % 4 != 3),
        inj_in_summary=(k % 4 == 3) or (k % 3 == 0),
        curly=k in (3, 8),
        width=[92, 96, 88, 100, 94, None, 90, 98, 92, 95, 89, 97, 93][k],
        hyphen=2 if k in (1, 2, 6, 8, 11) else 0,
        banner=("combined" if k in (4, 10) else "split") if k in (1, 4, 8, 9, 10, 12) else None,
        ff=k in (4, 8, 12),
        page_len=[0, 38, 0, 0, 44, 0, 0, 0, 40, 36, 42, 0, 46][k] or 40,
        seed_style=k in (2, 9),
        crlf=k in (6, 10),
        mid=[
            ["comma"],
            ["isnot", "double"],
            ["comma", "runon"],
            [],
            ["double"],
            [],
            ["isnot"],
            ["comma"],
            ["runon"],
            ["double", "comma"],
            [],
            ["isnot"],
            ["comma", "double"],
        ][k],
        fd_style=[
            "same",
            "next",
            "dots",
            "runon",
            "same",
            "same",
            "next",
            "dots",
            "same",
            "same",
            "next",
            "norat",
            "same",
        ][k],
        dr_style="norat" if k == 11 else "same",
        pr_style="norat" if k == 11 else "same",
        date_range=(layout == "dwc-final-determination" and k in (0, 4, 9)),
        notice_runon=(1 if k in (1, 6) else None),
    )
    if k in PDF_K:
        o.update(banner=None, seed_style=False, crlf=False, hyphen=0, width=None)
    return o


def main() -> None:
    LETTERS.mkdir(parents=True, exist_ok=True)
    for f in LETTERS.iterdir():
        f.unlink()
    plan = [(lay, k) for lay in LAYOUTS for k in range(PER_LAYOUT)]
    rng.shuffle(plan)
    truth = []
    used_ids = set()
    for idx, (lay, k) in enumerate(plan, 1):
        c = make_case(lay, k)
        o = options(lay, k)
        if o["header"]:
            while True:
                cid = f"CM{c['year'] % 100:02d}-{rng.randint(1, 999999):07d}"
                if cid not in used_ids:
                    break
            used_ids.add(cid)
        else:
            cid = None
        c["case_id"] = cid
        L = Letter()
        titems = RENDER[lay](c, L, o)
        is_pdf = k in PDF_K
        name = f"doc_{idx:02d}." + ("pdf" if is_pdf else "txt")
        if is_pdf:
            pages = to_pdf(L, LETTERS / name, cid, footer_combined=(k == 0))
            if pages < 2:
                L.blank()
                L.para("Enclosure: Information about appeal rights")
                L.para(BOILER_FINAL)
                L.para(
                    "If you have questions about this determination, please contact MAXIMUS Federal Services. "
                    "A copy of this letter has been sent to the employee, the employee's representative, the "
                    "claims administrator and the requesting physician."
                )
                pages = to_pdf(L, LETTERS / name, cid, footer_combined=(k == 0))
            assert pages >= 2, (name, pages)
        else:
            data = to_text(L, o, cid)
            (LETTERS / name).write_bytes(data.encode("utf-8"))
        hdr = c.get("hdr", dict(dated=False, ur=False, inj=False))
        items = []
        for it, rat in titems:
            fs, ls = first_last(rat)
            fams = []
            for x in it["cites"]:
                if CIT[x][0] not in fams:
                    fams.append(CIT[x][0])
            items.append(
                dict(
                    text=re.sub(r"\s+", " ", it["text"]).strip(),
                    outcome=it["outcome"],
                    service=it["svc"]["service"],
                    body_region=it["svc"]["region"],
                    rationale_start=fs,
                    rationale_end=ls,
                    reviewer_guideline_families=sorted(fams),
                )
            )
        inj_known = hdr["inj"] or o["inj_in_summary"]
        cq = (lambda x: x.replace("'", "\u2019")) if o["curly"] else (lambda x: x)
        truth.append(
            {
                "file": f"letters/{name}",
                "layout": lay,
                "case_id": cid,
                "decision_date": c["letter_date"].isoformat() if hdr["dated"] else None,
                "ur_date": c["ur_date"].isoformat() if hdr["ur"] else None,
                "patient": {
                    "age": c["age"],
                    "sex": c["sex"],
                    "injury_date": c["inj"].isoformat() if inj_known else None,
                },
                "diagnoses": [cq(dx_display(d).lower()) for d in c["dxs"]],
                "reviewer": {"specialty": c["spec"], "license_state": c["state"]},
                "items": items,
                "_variant": k,
            }
        )
    (OUT / "generator" / "variants.json").write_text(
        json.dumps({t["file"]: [t["layout"], t["_variant"]] for t in truth}, indent=0) + "\n"
    )
    with open(OUT / "truth.jsonl", "w") as fh:
        for t in truth:
            t = {kk: v for kk, v in t.items() if not kk.startswith("_")}
            fh.write(json.dumps(t) + "\n")


if __name__ == "__main__":
    main()
