"""Generate clean-room letter set 3 with its truth file.

Written by a clean-room helper that never read the parser. Deterministic (fixed seed).
Truth is produced from the same structured case data the letter text is rendered from.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

from items import CA_CITES, SERVICES

OUT = Path(__file__).resolve().parent.parent
R = random.Random(28)
R2 = random.Random(5)
PARTIAL_LEFT = [6]

LAYOUTS = [
    "dwc-2013-notice",
    "dwc-final-determination",
    "dwc-decisions-and-rationales",
    "dwc-professional-review",
]
STATES = [
    "California",
    "Texas",
    "Florida",
    "New York",
    "Arizona",
    "Oregon",
    "Washington",
    "Colorado",
    "Pennsylvania",
    "Illinois",
    "Ohio",
    "Michigan",
    "Georgia",
    "Maryland",
    "Massachusetts",
    "Tennessee",
    "Nevada",
    "North Carolina",
    "Virginia",
    "Minnesota",
    "Wisconsin",
    "Connecticut",
]
REGIONS = {
    "lumbar spine": (
        [
            "lumbar disc displacement",
            "lumbar radiculopathy",
            "lumbar facet arthropathy",
            "lumbar sprain/strain",
            "degenerative disc disease of the lumbar spine",
            "chronic low back pain",
            "sciatica",
        ],
        ["lumbar spine", "low back"],
    ),
    "cervical spine": (
        [
            "cervical radiculopathy",
            "cervical disc herniation",
            "cervical sprain/strain",
            "cervicogenic headaches",
            "cervical spondylosis",
        ],
        ["cervical spine", "neck"],
    ),
    "shoulder": (
        [
            "shoulder impingement syndrome",
            "rotator cuff tear",
            "adhesive capsulitis of the shoulder",
            "acromioclavicular joint arthritis",
        ],
        ["{side} shoulder"],
    ),
    "knee": (
        [
            "medial meniscus tear",
            "osteoarthritis of the knee",
            "chondromalacia patella",
            "status post knee arthroscopy",
        ],
        ["{side} knee"],
    ),
    "wrist": (
        [
            "carpal tunnel syndrome",
            "de quervain tenosynovitis",
            "wrist sprain/strain",
            "ulnar neuritis",
        ],
        ["{side} wrist"],
    ),
    "hip": (
        ["hip osteoarthritis", "greater trochanteric bursitis", "hip labral tear"],
        ["{side} hip"],
    ),
}
REGION_SERVICES = {
    "lumbar spine": [
        "pt",
        "chiro",
        "acu",
        "mri",
        "ct",
        "emg",
        "esi_l",
        "mbb",
        "rfa",
        "fusion",
        "brace",
    ],
    "cervical spine": ["pt", "chiro", "acu", "mri", "emg", "esi_c", "mbb", "rfa", "fusion"],
    "shoulder": ["pt", "acu", "mri", "sscope", "cold"],
    "knee": ["pt", "mri", "kscope", "tka", "cold", "hh"],
    "wrist": ["pt", "acu", "mri", "emg"],
    "hip": ["pt", "mri", "acu"],
}
GENERIC = [
    "norco",
    "oxy",
    "tram",
    "nsaid",
    "gaba",
    "lyrica",
    "flex",
    "compound",
    "lido",
    "tens",
    "frp",
    "cbt",
    "uds",
    "sleep",
    "pmcons",
    "ppi",
    "hh",
]
SPECIALTY = {
    "surg": ["Orthopedic Surgery", "Orthopaedic Surgery", "Neurological Surgery"],
    "inj": ["Anesthesiology", "Pain Medicine", "Physical Medicine and Rehabilitation"],
    "med": [
        "Pain Medicine",
        "Family Practice",
        "Internal Medicine",
        "Physical Medicine and Rehabilitation",
        "Occupational Medicine",
        "Anesthesiology",
    ],
    "psych": ["Psychiatry", "Psychiatry and Neurology"],
    "phys": [
        "Physical Medicine and Rehabilitation",
        "Chiropractic",
        "Family Practice",
        "Sports Medicine",
    ],
    "diag": [
        "Neurology",
        "Physical Medicine and Rehabilitation",
        "Orthopedic Surgery",
        "Internal Medicine",
    ],
}
CAT = {
    "fusion": "surg",
    "kscope": "surg",
    "sscope": "surg",
    "tka": "surg",
    "esi_l": "inj",
    "esi_c": "inj",
    "mbb": "inj",
    "rfa": "inj",
    "cbt": "psych",
    "sleep": "psych",
    "pt": "phys",
    "chiro": "phys",
    "acu": "phys",
    "mri": "diag",
    "ct": "diag",
    "emg": "diag",
}
MRI_CITE = {
    "cervical spine": (
        "MTUS ACOEM Practice Guidelines, Chapter 8, Neck and Upper Back Complaints, pages 177-178",
        ["MTUS", "ACOEM"],
    ),
    "shoulder": (
        "MTUS ACOEM Practice Guidelines, Chapter 9, Shoulder Complaints, pages 207-209",
        ["MTUS", "ACOEM"],
    ),
    "knee": (
        "MTUS ACOEM Practice Guidelines, Chapter 13, Knee Complaints, pages 341-343",
        ["MTUS", "ACOEM"],
    ),
    "wrist": (
        "MTUS ACOEM Practice Guidelines, Chapter 11, Forearm, Wrist, and Hand Complaints, pages 268-269",
        ["MTUS", "ACOEM"],
    ),
    "hip": ("Official Disability Guidelines (ODG), Hip & Pelvis chapter, MRI", ["ODG"]),
}
MRI_JOINT = dict(
    gl="Imaging of a joint is recommended when there are red flags, or when the history and examination point to a specific internal derangement and the result would change the treatment plan.",
    up="The examination does not suggest an internal derangement, there are no red flags, and no change in treatment or surgical planning depends on the result.",
    ov="The examination shows instability with mechanical symptoms after more than six weeks of failed conservative care, and the result will guide surgical planning.",
)
SHOW = {"mri": "MRI", "ct": "CT imaging", "emg/ncv": "EMG/NCV testing", "tens unit": "a TENS unit"}
OTHER_LIT = [
    "Non-MTUS: Chou R, Loeser JD, et al. Interventional therapies, surgery, and interdisciplinary rehabilitation for low back pain. Spine. 2009;34(10):1066-1077.",
    "Non-MTUS: Cochrane Database of Systematic Reviews, 2012 review of the available randomized controlled trials for this intervention.",
    "Non-MTUS: Manchikanti L, et al. An update of comprehensive evidence-based guidelines for interventional techniques in chronic spinal pain. Pain Physician 2013;16:S49-S283.",
]
MECH = [
    "while lifting a heavy box",
    "after slipping on a wet floor",
    "in a motor vehicle accident",
    "while moving furniture",
    "from repetitive keyboard work",
    "after a fall from a ladder",
    "while restraining a patient",
    "when struck by a falling pallet",
]


def fmt_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.month}/{d.day}/{d.year}"
    if style == 1:
        return d.strftime("%m/%d/%Y")
    return d.strftime("%B ") + str(d.day) + d.strftime(", %Y")


def rdate(a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=R.randint(0, max(0, (b - a).days)))


def words(s: str) -> list[str]:
    return s.split()


def oxford(xs: list[str]) -> str:
    if len(xs) == 1:
        return xs[0]
    if len(xs) == 2:
        return f"{xs[0]} and {xs[1]}"
    return ", ".join(xs[:-1]) + (", and " if R.random() < 0.6 else " and ") + xs[-1]


CONC = {
    "upheld": [
        "Therefore, the request is not medically necessary.",
        "As such, the request is non-certified.",
        "Based on the guidelines and the records provided, medical necessity has not been established, and the request is not medically necessary.",
        "Consequently, the request for {t} is not medically necessary.",
        "The request is therefore not medically necessary and appropriate.",
    ],
    "overturned": [
        "Therefore, the request is medically necessary.",
        "As such, the request is certified.",
        "Accordingly, the request for {t} is medically necessary and appropriate.",
        "Given these findings, the request is medically necessary and appropriate.",
    ],
    "partially overturned": [
        "Therefore, the request is partially certified.",
        "Accordingly, the request is medically necessary in part and is partially certified.",
    ],
}


def make_case(idx: int, layout: str, rationale_only: bool) -> dict:
    region = R.choices(list(REGIONS), [4, 2, 2, 2, 1, 1])[0]
    side = R.choice(["right", "left"])
    sex = R.choice(["male", "female"])
    age = R.randint(19, 75)
    if layout == "dwc-2013-notice":
        ddate = rdate(dt.date(2013, 8, 1), dt.date(2014, 3, 31))
    else:
        span = {
            "dwc-final-determination": (dt.date(2013, 10, 1), dt.date(2017, 6, 30)),
            "dwc-decisions-and-rationales": (dt.date(2014, 6, 1), dt.date(2018, 12, 31)),
            "dwc-professional-review": (dt.date(2017, 3, 1), dt.date(2019, 11, 30)),
        }[layout]
        ddate = rdate(*span)
    urdate = ddate - dt.timedelta(days=R.randint(35, 120))
    inj = rdate(dt.date(2000, 1, 1), min(dt.date(2016, 12, 31), urdate - dt.timedelta(days=200)))
    dx_pool, rwords = REGIONS[region]
    dxs = R.sample(dx_pool, R.randint(1, min(4, len(dx_pool))))
    if R.random() < 0.3:
        dxs.append(
            R.choice(["chronic pain syndrome", "depression", "insomnia", "anxiety", "hypertension"])
        )
    rw = R.choice(rwords).format(side=side)
    n = R.choices([1, 2, 3, 4], [3, 4, 3, 2])[0]
    pool = list(dict.fromkeys(REGION_SERVICES[region] + GENERIC))
    lead = R.choice(REGION_SERVICES[region]) if R.random() < 0.75 else R.choice(GENERIC)
    keys = [lead, *R.sample([p for p in pool if p != lead], n - 1)]
    items = []
    for k in keys:
        s = SERVICES[k]
        cands = [t for t in s["texts"] if t[1] in (True, False, None) or t[1] == region]
        if not cands:
            cands = s["texts"]
        tt, treg = R.choice(cands)
        a = urdate - dt.timedelta(days=3)
        text = tt.format(
            rw=rw,
            side=side,
            Side=side.capitalize(),
            a=fmt_date(a, 0),
            b=fmt_date(a + dt.timedelta(days=60), 0),
        )
        if treg is True:
            breg = region
        elif isinstance(treg, str):
            breg = treg
        else:
            breg = None
        if "upper extremities" in text:
            breg = "upper extremity"
        if "lower extremities" in text:
            breg = "lower extremity"
        choices = ["upheld"] * 6 + ["overturned"] * 3
        if s.get("partial") and not rationale_only:
            choices += ["partially overturned"] * 2
        outcome = R.choice(choices)
        # reviewer citation
        gkind, gp, gtext = s["rg"]
        fam = list(s["fam"])
        rtext = gtext
        if k == "mri" and region in MRI_CITE:
            rtext, fam = MRI_CITE[region]
        roll = R.random()
        if roll < 0.1:
            rtext = (
                OTHER_LIT[2]
                if k in ("esi_l", "esi_c", "mbb", "rfa")
                else OTHER_LIT[0]
                if (region == "lumbar spine" and k in ("fusion", "pt", "chiro", "brace"))
                else OTHER_LIT[1]
            )
            fam = ["other"]
        elif roll < 0.2 and fam == ["MTUS"]:
            rtext = gtext + "; Official Disability Guidelines (ODG), Pain (Chronic) chapter"
            fam = ["MTUS", "ODG"]
        ca_key = R.choice(["cp", "odg", "none", "acoem"])
        if region == "cervical spine":
            # The catalogue's spine citations are written for the low back; use the neck chapter here.
            rtext = rtext.replace(
                "Chapter 12, Low Back Complaints, page 307",
                "Chapter 8, Neck and Upper Back Complaints, pages 180-181",
            )
            rtext = rtext.replace("Low Back, Facet joint", "Neck and Upper Back, Facet joint")
        if k == "mri" and region in MRI_CITE:
            gkind = "odg" if region == "hip" else "acoem"
        pages = (
            gp if (gkind == ca_key and gp) else {"cp": "8-9", "acoem": "303-305"}.get(ca_key, "")
        )
        m = re.search(r"Chapter (\d+), ([^,]+)", rtext if "Chapter" in rtext else gtext)
        chap = f"Chapter {m.group(1)} {m.group(2)}" if m else "Chapter 12 Low Back Complaints"
        ca = CA_CITES[ca_key][0].format(p=pages, s="Pain (Chronic)", ch=chap)
        texts = dict(gl=s["gl"], up=s["up"], ov=s["ov"], partial=s["partial"])
        if k == "mri" and region not in ("lumbar spine", "cervical spine"):
            texts.update(MRI_JOINT)
        if "lower extremities" in text and fam == ["MTUS", "ACOEM"]:
            rtext = "MTUS ACOEM Practice Guidelines, Chapter 12, Low Back Complaints, page 303"
        body = [texts["gl"]]
        body.append(
            texts["up"]
            if outcome == "upheld"
            else texts["ov"]
            if outcome == "overturned"
            else texts["partial"]
        )
        if R.random() < 0.5:
            body.insert(
                1,
                R.choice(
                    [
                        f"The records indicate the patient was last examined on {fmt_date(urdate - dt.timedelta(days=R.randint(10, 40)), 0)}.",
                        "The reviewer has considered the treating physician's progress notes and the utilization review report.",
                        "The documentation submitted for this review was limited to progress notes from the treating provider.",
                        "The treating physician's most recent report was reviewed in detail.",
                    ]
                ),
            )
        body.append(R.choice(CONC[outcome]).format(t=text))
        items.append(
            dict(
                key=k,
                text=text,
                outcome=outcome,
                service=s["service"],
                body_region=breg,
                ca=ca,
                rg=rtext,
                fam=fam,
                rat=body,
            )
        )
    # Guarantee a handful of partial overturns without disturbing the main random stream.
    if not rationale_only and PARTIAL_LEFT[0] > 0 and idx % 4 == 1:
        for it in items:
            if SERVICES[it["key"]].get("partial") and it["outcome"] != "partially overturned":
                it["outcome"] = "partially overturned"
                it["rat"][-2] = SERVICES[it["key"]]["partial"]
                it["rat"][-1] = R2.choice(CONC["partially overturned"])
                PARTIAL_LEFT[0] -= 1
                break
    first = CAT.get(keys[0], "med")
    if "cbt" in keys and R.random() < 0.6:
        first = "psych"
    spec = R.choice(SPECIALTY[first])
    return dict(
        idx=idx,
        layout=layout,
        region=region,
        rw=rw,
        side=side,
        sex=sex,
        age=age,
        ddate=ddate,
        urdate=urdate,
        inj=inj,
        dxs=dxs,
        items=items,
        spec=spec,
        state=R.choice(STATES),
        case_id=f"CM{(urdate + dt.timedelta(days=14)).year % 100:02d}-{R.randint(0, 9999999):07d}",
        rationale_only=rationale_only,
    )


def damage_words(s: str, level: float) -> str:
    """Word-level PDF damage: stray spaces, doubled spaces, run-together words."""
    s = re.sub(r",", lambda m: " ," if R.random() < level * 0.5 else ",", s)
    s = re.sub(r"\. ", lambda m: ".  " if R.random() < level else ". ", s)
    for a, b in [
        ("the patient", "thepatient"),
        ("is not", "isnot"),
        ("not medically", "notmedically"),
        ("medically necessary", "medicallynecessary"),
        ("of the", "ofthe"),
        ("has been", "hasbeen"),
    ]:
        if a in s and R.random() < level * 0.6:
            s = s.replace(a, b, 1)
    return s


def rationale_text(c: dict, it: dict, level: float) -> str:
    parts = it["rat"]
    # Keep the first and last sentence clean of word damage so the truth's first/last 8 words stay exact,
    # except for occasional deliberate run-together damage in the final sentence (README lists them).
    mid = [damage_words(p, level) for p in parts[1:-1]]
    last = parts[-1]
    if level > 0.5 and R.random() < 0.25:
        last = last.replace("not medically", "notmedically").replace("is medically", "ismedically")
    return " ".join([parts[0], *mid, last])


def summary(c: dict, level: float) -> str:
    with_doi = c["with_doi"]
    sx = c["sex"] if not c.get("nosex") else None
    who = {
        None: "",
        "male": R.choice(["male", "man", "gentleman"]),
        "female": R.choice(["female", "woman"]),
    }[sx]
    agep = (
        f"{c['age']}-year-old {who}".strip()
        if R.random() < 0.8
        else f"{c['age']} year old {who}".strip()
    )
    inj = fmt_date(c["inj"], R.choice([0, 1]))
    if with_doi:
        op = (
            R.choice(
                [
                    f"The patient is a {agep} who sustained an injury on {inj}",
                    f"This is a {agep} injured worker with a date of injury of {inj}",
                    f"The injured worker is a {agep} who was injured on {inj} {R.choice(MECH)}",
                    f"The applicant is a {agep} who reported an industrial injury on {inj}",
                ]
            )
            + "."
        )
    else:
        op = f"The patient is a {agep} with a history of a work-related injury."
    dxs = c["dxs"]
    dx = R.choice(
        [
            f"The patient is currently diagnosed with {oxford(dxs)}.",
            f"Diagnoses include {oxford(dxs)}.",
            f"The injured worker has been diagnosed with {oxford(dxs)}.",
            f"The diagnoses are {oxford(dxs)}.",
        ]
    )
    rw = c["rw"]
    exam = R.choice(
        [
            f"The patient was seen by  on {fmt_date(c['urdate'] - dt.timedelta(days=20), 0)}, with complaints of ongoing pain in the {rw} rated 7/10.",
            f"On the most recent visit the patient reported persistent {rw} pain rated 6/10 with activity.",
            f"Dr.  documented tenderness over the {rw} with guarded and painful range of motion.",
            f"Physical examination revealed tenderness to palpation of the {rw}, decreased range of motion, and intact sensation.",
        ]
    )
    prior = R.choice(
        [
            "Prior treatment has included medications, physical therapy, and a home exercise program.",
            "The patient has been treated with medication management, chiropractic care, and activity modification.",
            "Treatment to date has consisted of therapy, injections, and oral analgesics.",
            "The patient’s prior care includes “conservative measures” and work restrictions.",
        ]
    )
    reqs = oxford([it["text"] for it in c["items"]])
    req = R.choice(
        [
            f"The treating provider has requested {reqs}.",
            f"A request was submitted for {reqs}, which was denied at utilization review.",
            f"Treatment recommendations included {reqs}.",
        ]
    )
    s = " ".join([op, dx, exam, prior, req])
    return damage_words(s, level * 0.6)


def qual(c: dict, form: int) -> str:
    sp, st = c["spec"], c["state"]
    if form == 0:
        return (
            f"MAXIMUS Federal Services sent the complete case file to a physician reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator. "
            f"The physician reviewer is Board Certified in {sp} and is licensed to practice in {st}. He/she has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice. "
            "The reviewer is familiar with governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations."
        )
    if form == 1:
        return f"The expert reviewer is Board Certified in {sp}, and is licensed to practice in {st}. The expert reviewer has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice."
    if form == 2:
        return f"The expert reviewer holds a board certification in {sp} and is licensed to practice in {st}. The reviewer has no material affiliation with any party to this dispute."
    return f"The reviewer is Board Certified in {sp} and is licensed to practice in {st}. The reviewer has at least five years of clinical experience and is familiar with the treatment of the conditions at issue."


def header(c: dict, kind: str) -> list[str]:
    ds = R.choice([0, 1, 1, 2])
    d = fmt_date(c["ddate"], ds)
    dlabel = (
        R.choice(["Dated:", "Dated:", "Letter Date:", "Date:"])
        if ds != 2
        else R.choice(["Dated:", "Dated"])
    )
    ur = fmt_date(c["urdate"], R.choice([0, 1]))
    doi = fmt_date(c["inj"], R.choice([0, 1]))
    assigned = fmt_date(c["urdate"] + dt.timedelta(days=R.randint(20, 30)), 1)
    received = fmt_date(c["urdate"] + dt.timedelta(days=R.randint(5, 15)), 1)
    urlab = R.choice(["Date of UR Decision:", "Date of UR Decision:", "UR Decision Date:"])
    doilab = R.choice(["Date of Injury:", "Date of Injury:", "DOI:", "Injury Date:"])
    if kind == "notice":
        title = "Notice of Independent Medical Review Determination"
        if R.random() < 0.5:
            return [
                title,
                f"{dlabel} {d}",
                f"IMR Case Number: {c['case_id']}   {urlab} {ur}   {doilab} {doi}",
            ]
        return [
            title,
            f"{dlabel} {d}",
            "",
            f"IMR Case Number:  {c['case_id']}",
            f"{urlab}  {ur}",
            f"{doilab}  {doi}",
            "Employee:  ",
            "Claim Number:  ",
        ]
    if kind == "pr":
        lines = ["MEDICAL PROFESSIONAL REVIEW"]
        if c["ur_in_header"]:
            lines.append(f"IMR Case Number: {c['case_id']}    {dlabel} {d}    {urlab} {ur}")
        else:
            lines.append(f"IMR Case Number: {c['case_id']}    {dlabel} {d}")
        return lines
    title = "Independent Medical Review Final Determination Letter"
    if R.random() < 0.5:
        return [
            title,
            f"{dlabel} {d}",
            f"IMR Case Number:  {c['case_id']}     Date Assigned:  {assigned}",
            f"{doilab}  {doi}        {urlab}  {ur}",
            f"Priority:  Standard                Application Received:  {received}",
            "Employee:  ",
        ]
    return [
        title,
        "",
        f"{dlabel} {d}",
        f"IMR Case Number: {c['case_id']}",
        f"{doilab} {doi}",
        f"{urlab} {ur}",
        f"Application Received: {received}",
        "Priority: Standard",
    ]


def heading(s: str, style: int, num: str = "") -> str:
    if style == 0:
        return (num + " " if num else "") + s.upper()
    if style == 1:
        return (num + " " if num else "") + s.title().replace(" And ", " and ")
    if style == 2:
        return s.upper() + ":"
    return s.title().replace(" And ", " and ") + " -"


def pick(xs: list[str]) -> str:
    return R.choice(xs)


def render_notice(c: dict, lv: float) -> list[str]:
    L = [*header(c, "notice"), ""]
    L.append(
        pick(
            [
                "DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.",
                "Determination of MAXIMUS Federal Services, Inc.",
            ]
        )
    )
    L.append(
        pick(
            [
                "After careful review of the medical records, MAXIMUS Federal Services, Inc. has determined:",
                "After a careful review of the medical records, MAXIMUS Federal Services, Inc. has determined the following:",
            ]
        )
    )
    short = R.random() < 0.3
    for i, it in enumerate(c["items"], 1):
        w = {
            "upheld": "is not medically necessary and appropriate",
            "overturned": "is medically necessary and appropriate",
            "partially overturned": "is partially medically necessary and appropriate",
        }[it["outcome"]]
        if short:
            L.append(f"{i}. The request for {it['text']} {w}.")
        else:
            L.append(
                f"{i}. MAXIMUS Federal Services, Inc. has determined the request for {it['text']} {w}."
            )
    L += [
        "",
        pick(
            [
                "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
                "Independent Medical Review Decision and Rationale",
            ]
        ),
    ]
    L.append("The findings of the expert reviewer are summarized below.")
    qh = pick(
        [
            "Medical Qualifications of the Expert Reviewer:",
            "MEDICAL QUALIFICATIONS OF THE EXPERT REVIEWER:",
        ]
    )
    sh = pick(["Case Summary:", "CASE SUMMARY:", "Case Summary -"])
    q = [qh, qual(c, 1), ""]
    sm = [sh, summary(c, lv), ""]
    L += (q + sm) if R.random() < 0.75 else (sm + q)
    inline = R.random() < 0.3
    for i, it in enumerate(c["items"], 1):
        L.append(f"{i}. Regarding the request for {it['text']}:")
        cal = pick(
            [
                "Medical Treatment Guideline(s) which the Claims Administrator relied upon:",
                "Medical Treatment Guideline(s) the Claims Administrator relied upon:",
            ]
        )
        ca = it["ca"].replace("Decision based on", "The Claims Administrator based its decision on")
        rgl = pick(
            [
                "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision:",
                "Medical Treatment Guideline(s) which the Expert Reviewer relied upon to make his/her decision:",
            ]
        )
        rg = (
            f"The Expert Reviewer relied on the {it['rg']}."
            if not it["rg"].startswith("Non-MTUS")
            else f"The Expert Reviewer found the MTUS silent on this issue and relied on: {it['rg']}"
        )
        ral = pick(["Rationale for the Decision:", "Rationale for the decision:"])
        rat = rationale_text(c, it, lv)
        if inline:
            L += [f"{cal} {ca}", f"{rgl} {rg}", f"{ral} {rat}", ""]
        else:
            L += [cal, ca, rgl, rg, ral, rat, ""]
    L += ["/ss/", "cc: Department of Industrial Relations"]
    return L


def outcome_word(o: str, case: int) -> str:
    base = {
        "upheld": "Upheld",
        "overturned": "Overturned",
        "partially overturned": "Partially Overturned",
    }[o]
    return [base, base.upper(), base.lower(), base][case]


def numbering(i: int, style: int) -> str:
    return ["", f"{i}. ", f"{i}) ", f"Item {i}: ", f"#{i} "][style]


FD_STYLES = [
    "colon",
    "next",
    "leader",
    "dash",
    "paren",
    "glue",
    "colon",
    "next",
    "glue",
    "leader",
    "colon",
    "dash",
]
FD_COUNT = [0]


def render_fd(c: dict, lv: float) -> list[str]:
    L = [*header(c, "std"), ""] if c["has_header"] else []
    how = [
        pick(
            [
                "HOW THE IMR FINAL DETERMINATION WAS MADE",
                "1. HOW THE IMR FINAL DETERMINATION WAS MADE",
                "How the IMR Final Determination Was Made",
            ]
        ),
        qual(c, 0),
        "",
    ]
    sh = pick(
        [
            "CLINICAL CASE SUMMARY",
            "2. CLINICAL CASE SUMMARY",
            "Clinical Case Summary",
            "CLINICAL CASE SUMMARY:",
        ]
    )
    intro = "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:"
    if sh.endswith(":") and R.random() < 0.5:
        sm = [f"{sh} {summary(c, lv)}", ""]
    else:
        sm = [sh, intro, "", summary(c, lv), ""]
    L += (how + sm) if R.random() < 0.8 else (sm + how)
    L.append(
        pick(
            [
                "IMR ISSUES, DECISIONS AND RATIONALES",
                "3. IMR ISSUES, DECISIONS AND RATIONALES",
                "IMR Issues, Decisions and Rationales",
                "IMR ISSUES, DECISIONS, AND RATIONALES",
            ]
        )
    )
    L += [
        "The Final Determination was based on decisions for the disputed items/services set forth below:",
        "",
    ]
    ns, oc = R.choice([0, 0, 1, 2, 3, 4]), R.choice([0, 1, 2, 3])
    ostyle = R.choice(["colon", "colon", "next", "leader", "dash", "paren", "glue"])
    # Cycle the item-line style over the final-determination letters so every style appears.
    FD_COUNT[0] += 1
    ostyle = FD_STYLES[FD_COUNT[0] % len(FD_STYLES)]
    cal = pick(
        [
            "Claims Administrator guideline:",
            "Claims Administrator Guideline(s):",
            "Guideline(s) used by the Claims Administrator -",
        ]
    )
    mgl = pick(["MAXIMUS guideline:", "MAXIMUS Guideline(s):", "MAXIMUS guideline -"])
    ral = pick(
        ["Decision rationale:", "Rationale:", "Decision Rationale:", "Rationale for the Decision:"]
    )
    for i, it in enumerate(c["items"], 1):
        t = numbering(i, ns) + it["text"]
        ow = outcome_word(it["outcome"], oc)
        ca_line = f"{cal} {it['ca']}"
        if c["rationale_only"]:
            L += [t + ":", ""]
        elif ostyle == "colon":
            L += [f"{t}:  {ow}", ""]
        elif ostyle == "next":
            L += [f"{t}:", ow, ""]
        elif ostyle == "leader":
            L += [f"{t} {'.' * R.randint(6, 14)} {ow}", ""]
        elif ostyle == "dash":
            L += [f"{t} - {ow}", ""]
        elif ostyle == "paren":
            L += [f"{t} ({ow})", ""]
        else:
            L += [f"{t}: {ow}{ca_line}"]
            ca_line = None
        if ca_line:
            L += [ca_line, ""]
        L += [
            f"{mgl} Decision based on {it['rg']}"
            if not it["rg"].startswith("Non-MTUS")
            else f"{mgl} {it['rg']}",
            "",
        ]
        L += [f"{ral} {rationale_text(c, it, lv)}", ""]
    return L


def render_dr(c: dict, lv: float) -> list[str]:
    L = [*header(c, "std"), ""] if c["has_header"] else []
    L.append(
        pick(["SUMMARY OF INDEPENDENT MEDICAL REVIEW", "Summary of Independent Medical Review"])
    )
    L += [
        f"{pick(['Expert reviewer qualifications:', 'Expert Reviewer Qualifications:', 'Qualifications of the expert reviewer:'])} {qual(c, R.choice([1, 2]))}",
        "",
    ]
    docs = [pick(["DOCUMENTS REVIEWED", "Documents Reviewed:", "DOCUMENTS REVIEWED:"])]
    if c["has_header"]:
        docs.append(f"- Utilization review determination dated {fmt_date(c['urdate'], 1)}")
    else:
        docs.append("- Utilization review determination letter")
    docs += [
        f"- Medical records from the treating physician, {c['urdate'].year - 1} - {c['urdate'].year}",
        "- Application for Independent Medical Review",
        "",
    ]
    sm = [pick(["CLINICAL SUMMARY", "Clinical Summary:", "CLINICAL SUMMARY:"]), summary(c, lv), ""]
    if sm[0].endswith(":") and R.random() < 0.5:
        sm = [f"{sm[0]} {sm[1]}", ""]
    L += (docs + sm) if R.random() < 0.7 else (sm + docs)
    L.append(
        pick(
            [
                "IMR DECISION(S) AND RATIONALE(S)",
                "IMR Decision(s) and Rationale(s)",
                "IMR DECISION(S) AND RATIONALE(S):",
            ]
        )
    )
    ns = R.choice([1, 1, 2, 3, 4])
    dl = pick(["Decision:", "Decision:", "IMR Decision:", "Outcome:"])
    oc = R.choice([0, 1, 2, 3])
    cal = pick(
        [
            "Guideline(s) used by the Claims Administrator:",
            "Claims Administrator Guideline(s):",
            "Guidelines used by the Claims Administrator:",
        ]
    )
    rgl = pick(
        [
            "Guideline(s) used by the Expert Reviewer:",
            "Expert Reviewer Guideline(s):",
            "Guidelines used by the Expert Reviewer:",
        ]
    )
    ral = pick(["Rationale:", "Decision Rationale:", "Rationale for the Decision:"])
    ind = R.choice(["", "   "])
    for i, it in enumerate(c["items"], 1):
        L.append(numbering(i, ns) + it["text"])
        if not c["rationale_only"]:
            L.append(f"{ind}{dl} {outcome_word(it['outcome'], oc)}")
        L.append(f"{ind}{cal} {it['ca']}")
        L.append(f"{ind}{rgl} {it['rg']}")
        L.append(f"{ind}{ral} {rationale_text(c, it, lv)}")
        L.append("")
    return L


def render_pr(c: dict, lv: float) -> list[str]:
    L = [*header(c, "pr"), ""] if c["has_header"] else ["MEDICAL PROFESSIONAL REVIEW", ""]
    L.append(pick(["ISSUE AT DISPUTE:", "ISSUE(S) AT DISPUTE:", "ISSUE AT DISPUTE"]))
    for i, it in enumerate(c["items"], 1):
        L.append(f"{i}. {it['text']}")
    L.append("")
    if not c["rationale_only"]:
        L.append(pick(["DETERMINATION:", "DETERMINATION"]))
        for i, it in enumerate(c["items"], 1):
            L.append(f"{i}. {it['text']}: {outcome_word(it['outcome'], 1)}")
        L.append("")
    L += [pick(["CASE SUMMARY:", "CASE SUMMARY"]), summary(c, lv), ""]
    L += [
        pick(["DOCUMENTS REVIEWED FOR DETERMINATION:", "DOCUMENTS REVIEWED FOR DETERMINATION"]),
        "Utilization review correspondence",
        "Progress reports from the primary treating physician",
        "Diagnostic imaging reports",
        "Application for Independent Medical Review",
        "",
    ]
    isty = R.choice(["ISSUE {i}: ", "ISSUE {i}: ", "ISSUE NO. {i}: ", "Issue #{i} - "])
    for i, it in enumerate(c["items"], 1):
        L.append(isty.format(i=i) + it["text"])
        L.append("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:")
        L.append(
            f"{it['rg']} This guideline was used because it specifically addresses {SHOW.get(it['service'], it['service'])} for this condition."
        )
        if c["rationale_only"] and R.random() < 0.5:
            L.append("RATIONALE:")
        elif it["outcome"] == "upheld":
            L.append(
                "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:"
            )
        elif it["outcome"] == "overturned":
            L.append(
                "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS MEDICALLY NECESSARY:"
            )
        else:
            L.append(
                "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS PARTIALLY MEDICALLY NECESSARY:"
            )
        L += [rationale_text(c, it, lv), ""]
    L += [pick(["MEDICAL REVIEWER QUALIFICATIONS:", "MEDICAL REVIEWER QUALIFICATIONS"]), qual(c, 3)]
    return L


RENDER = {
    "dwc-2013-notice": render_notice,
    "dwc-final-determination": render_fd,
    "dwc-decisions-and-rationales": render_dr,
    "dwc-professional-review": render_pr,
}


def wrap(line: str, width: int, hyph: float) -> list[str]:
    out, cur = [], ""
    for w in line.split(" "):
        if cur and len(cur) + 1 + len(w) > width:
            if hyph and re.fullmatch(r"[a-z]{9,}", w) and R.random() < hyph:
                k = R.randint(4, len(w) - 4)
                out.append(cur + " " + w[:k] + "-")
                cur = w[k:]
                continue
            out.append(cur)
            cur = w
        else:
            cur = (cur + " " + w) if cur else w
    out.append(cur)
    return out


def physical(c: dict, lines: list[str], dmg: dict) -> str:
    phys: list[str] = []
    for ln in lines:
        if len(ln) > dmg["width"]:
            phys += wrap(ln, dmg["width"], dmg["hyph"])
        else:
            phys.append(ln)
    if dmg["banners"]:
        per = R.randint(28, 45)
        pages = (len(phys) + per - 1) // per
        res = []
        for p in range(pages):
            chunk = phys[p * per : (p + 1) * per]
            if p > 0:
                b = dmg["banner"]
                ban = {
                    "page": [f"Page {p + 1} of {pages}"],
                    "case": [c["case_id"], f"Page {p + 1} of {pages}"],
                    "imr": [f"IMR Case Number {c['case_id']} Page {p + 1} of {pages}"],
                }[b]
                res += (["\f"] if dmg["ff"] else []) + ban
            res += chunk
        phys = res
    text = ""
    for ln in phys:
        if ln == "\f":
            text += "\f"
            continue
        ln = ln + (" " if dmg["trail"] else "")
        text += ln + "\n"
        if dmg["double"]:
            text += "\n"
    if dmg["crlf"]:
        text = text.replace("\n", "\r\n")
    return text


def render_pdf(c: dict, lines: list[str], path: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    cid = c["case_id"]

    class Numbered(rl_canvas.Canvas):
        def __init__(self, *a, **k):
            super().__init__(*a, **k)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for st in self._saved:
                self.__dict__.update(st)
                self.setFont("Helvetica", 8)
                self.drawString(72, 750, "MAXIMUS FEDERAL SERVICES")
                self.drawRightString(
                    540, 40, f"IMR Case Number {cid} Page {self._pageNumber} of {n}"
                )
                super().showPage()
            super().save()

    st = getSampleStyleSheet()["BodyText"]
    st.fontSize, st.leading = 10.5, 14
    flow = []
    for ln in lines:
        flow.append(Paragraph(escape(ln), st) if ln.strip() else Spacer(1, 8))
    SimpleDocTemplate(str(path), pagesize=letter, topMargin=90, bottomMargin=72).build(
        flow, canvasmaker=Numbered
    )


def truth(c: dict, fname: str) -> dict:
    hh = c["has_header"]
    return {
        "file": f"letters/{fname}",
        "layout": c["layout"],
        "case_id": c["case_id"] if hh else None,
        "decision_date": c["ddate"].isoformat() if hh else None,
        "ur_date": c["urdate"].isoformat() if (hh and c["ur_in_header"]) else None,
        "patient": {
            "age": c["age"],
            "sex": None if c.get("nosex") else c["sex"],
            "injury_date": c["inj"].isoformat()
            if (c["with_doi"] or (hh and c["doi_in_header"]))
            else None,
        },
        "diagnoses": list(c["dxs"]),
        "reviewer": {"specialty": c["spec"], "license_state": c["state"]},
        "items": [
            {
                "text": " ".join(it["text"].split()),
                "outcome": it["outcome"],
                "service": it["service"],
                "body_region": it["body_region"],
                "rationale_start": " ".join(" ".join(it["rat"]).split()[:8]),
                "rationale_end": " ".join(" ".join(it["rat"]).split()[-8:]),
                "reviewer_guideline_families": it["fam"],
            }
            for it in c["items"]
        ],
    }


def main() -> None:
    per = 12
    plan = []
    for lay in LAYOUTS:
        for j in range(per):
            plan.append((lay, j))
    R.shuffle(plan)
    pdf_slots = {lay: 0 for lay in LAYOUTS}
    letters_dir = OUT / "letters"
    letters_dir.mkdir(exist_ok=True)
    rows = []
    for n, (lay, j) in enumerate(plan, 1):
        ro = (lay != "dwc-2013-notice") and j in (3, 7)
        c = make_case(n, lay, ro)
        c["has_header"] = lay == "dwc-2013-notice" or j not in (1, 5, 9)
        c["ur_in_header"] = lay != "dwc-professional-review" or R.random() < 0.4
        c["doi_in_header"] = lay != "dwc-professional-review"
        c["with_doi"] = not (c["has_header"] and c["doi_in_header"] and R.random() < 0.3)
        if j == 10:
            c["nosex"] = True
        lv = R.choice([0.0, 0.3, 0.7])
        lines = RENDER[lay](c, lv)
        make_pdf = (
            c["has_header"]
            and (len(c["items"]) >= 2 or j >= 6)
            and pdf_slots[lay] < 2
            and j in (0, 2, 4, 6, 8)
        )
        if make_pdf:
            pdf_slots[lay] += 1
            fname = f"imr_a{n:02d}.pdf"
            render_pdf(c, lines, letters_dir / fname)
        else:
            fname = f"imr_a{n:02d}.txt"
            dmg = dict(
                width=R.randint(78, 100),
                hyph=R.choice([0, 0.2, 0.5]) if lv else 0,
                banners=R.random() < 0.6,
                banner=R.choice(["page", "case", "imr"]) if c["has_header"] else "page",
                ff=R.random() < 0.5,
                trail=R.random() < 0.4,
                double=R.random() < 0.3,
                crlf=R.random() < 0.2,
            )
            c["dmg"] = dmg
            (letters_dir / fname).write_bytes(physical(c, lines, dmg).encode("utf-8"))
        t = truth(c, fname)
        rows.append(t)
        c["fname"] = fname
        meta = {k: c.get(k) for k in ("rationale_only", "has_header", "dmg")}
        meta["file"] = fname
        meta["level"] = lv
        with open(OUT / "generator" / "meta.jsonl", "a" if n > 1 else "w") as f:
            f.write(json.dumps(meta) + "\n")
    rows.sort(key=lambda r: r["file"])
    with open(OUT / "truth.jsonl", "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    print({lay: sum(r["layout"] == lay for r in rows) for lay in LAYOUTS}, pdf_slots)


if __name__ == "__main__":
    main()
