"""Clean-room generator for test set 4 (written without reading the parser).

Builds letters/rev_NNN.{txt,pdf}, truth.jsonl, dmhc.csv and dmhc_truth.jsonl in the folder above
this script. Deterministic (fixed seed) so the labels can be re-derived.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import textwrap
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
R = random.Random(4404)

# --- item pool: (text variants, service, region, kind) -------------------------------------
ITEMS = [
    (
        [
            "Physical therapy 2 times a week for 6 weeks for the lumbar spine",
            "12 sessions of physical therapy, lumbar spine",
            "Additional physical therapy x 8 visits to the low back",
        ],
        "physical therapy",
        "lumbar spine",
        "pt",
    ),
    (
        [
            "Chiropractic treatment, 8 sessions, cervical spine",
            "Chiropractic manipulation 2x4 for the neck",
        ],
        "chiropractic",
        "cervical spine",
        "chiro",
    ),
    (
        [
            "Acupuncture x 6 visits for the right shoulder",
            "Acupuncture 1 time per week for 6 weeks, right shoulder",
        ],
        "acupuncture",
        "shoulder",
        "acu",
    ),
    (
        ["MRI of the lumbar spine without contrast", "Lumbar MRI", "Repeat MRI lumbar spine"],
        "mri",
        "lumbar spine",
        "img",
    ),
    (["MRI of the right knee", "MRI left knee without contrast"], "mri", "knee", "img"),
    (
        ["CT scan of the cervical spine", "CT of the cervical spine without contrast"],
        "ct",
        "cervical spine",
        "img",
    ),
    (
        [
            "EMG of the bilateral upper extremities",
            "Electromyography (EMG) bilateral upper extremities",
        ],
        "emg",
        "upper extremity",
        "img",
    ),
    (
        ["NCV of the bilateral lower extremities"],
        "nerve conduction study",
        "lower extremity",
        "img",
    ),
    (
        [
            "Lumbar epidural steroid injection at L4-5",
            "Transforaminal epidural steroid injection, left L5-S1",
        ],
        "lumbar epidural steroid injection",
        "lumbar spine",
        "inj",
    ),
    (
        ["Cervical epidural steroid injection C6-7"],
        "cervical epidural steroid injection",
        "cervical spine",
        "inj",
    ),
    (
        [
            "Medial branch block at left L4-5 and L5-S1",
            "Bilateral lumbar facet medial branch blocks L3-L5",
        ],
        "medial branch block",
        "lumbar spine",
        "inj",
    ),
    (
        ["Radiofrequency ablation bilateral L4-L5", "Radiofrequency rhizotomy right C5-C6"],
        "radiofrequency ablation",
        None,
        "inj",
    ),
    (
        ["L4-S1 posterior lumbar interbody fusion", "Anterior cervical discectomy and fusion C5-6"],
        "spinal fusion",
        None,
        "surg",
    ),
    (
        [
            "Right knee arthroscopy with partial medial meniscectomy",
            "Left knee arthroscopic debridement",
        ],
        "arthroscopy",
        "knee",
        "surg",
    ),
    (
        ["Right shoulder arthroscopy with subacromial decompression"],
        "arthroscopy",
        "shoulder",
        "surg",
    ),
    (
        ["Left total knee replacement", "Right total knee arthroplasty"],
        "knee replacement",
        "knee",
        "surg",
    ),
    (["Right carpal tunnel release"], "carpal tunnel release", "wrist", "surg"),
    (
        ["Norco 10/325mg #120", "Hydrocodone/APAP 10/325 mg, 90 tablets"],
        "hydrocodone",
        None,
        "opioid",
    ),
    (["Oxycodone 15 mg #90", "OxyContin 20mg #60"], "oxycodone", None, "opioid"),
    (["Tramadol ER 150mg #30", "Ultram 50 mg #60"], "tramadol", None, "opioid"),
    (["Naproxen sodium 550mg #60", "Anaprox DS 550 mg #60"], "naproxen", None, "nsaid"),
    (["Gabapentin 600mg #90", "Neurontin 300 mg #90"], "gabapentin", None, "aed"),
    (["Lyrica 75mg #60"], "pregabalin", None, "aed"),
    (["Cyclobenzaprine 7.5mg #60", "Flexeril 10 mg #30"], "cyclobenzaprine", None, "relax"),
    (
        [
            "Compounded topical cream: flurbiprofen 20%/lidocaine 5%, 180 gm",
            "Topical compound ketoprofen/gabapentin/lidocaine 240 gm",
        ],
        "topical compound",
        None,
        "topical",
    ),
    (["Lidoderm 5% patches #30"], "lidocaine patch", None, "topical"),
    (["TENS unit, 30-day rental", "Purchase of a TENS unit"], "tens unit", None, "dme"),
    (["Home health care 4 hours per day, 3 days per week for 4 weeks"], "home health", None, "hh"),
    (
        ["Functional restoration program, 160 hours", "Functional Restoration Program x 10 days"],
        "functional restoration program",
        None,
        "frp",
    ),
    (
        ["Individual psychotherapy x 6 sessions", "Cognitive behavioral therapy, 6 sessions"],
        "psychotherapy",
        None,
        "psych",
    ),
    (["Urine drug screen", "Urine toxicology screen"], "urine drug screen", None, "uds"),
    (["Polysomnography (sleep study)", "Sleep study"], "sleep study", None, "sleep"),
    (
        ["Consultation with an orthopedic spine surgeon", "Pain management consultation"],
        "consultation",
        None,
        "consult",
    ),
    (
        ["Cold therapy unit, 7-day rental following the certified shoulder arthroscopy"],
        "cold therapy unit",
        "shoulder",
        "dme",
    ),
    (["Omeprazole 20mg #60"], "omeprazole", None, "ppi"),
]

# reviewer citations by kind: (text, families)
CITES = {
    "pt": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99",
            ["MTUS"],
        ),
        ("Official Disability Guidelines (ODG), Low Back Chapter, Physical Therapy", ["ODG"]),
    ],
    "chiro": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Manual therapy & manipulation, pages 58-59",
            ["MTUS"],
        )
    ],
    "acu": [
        ("MTUS Acupuncture Medical Treatment Guidelines, 9792.24.1", ["MTUS"]),
        ("Official Disability Guidelines, Shoulder Chapter, Acupuncture", ["ODG"]),
    ],
    "img": [
        (
            "MTUS ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 12, Low Back Complaints, pages 303-304",
            ["MTUS"],
        ),
        (
            "Non-MTUS Citation: Official Disability Guidelines, Neck and Upper Back (Acute & Chronic), Special studies",
            ["ODG"],
        ),
        ("ACOEM Practice Guidelines, 3rd Edition, Special Studies (non-MTUS)", ["ACOEM"]),
    ],
    "inj": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections (ESIs), page 46",
            ["MTUS"],
        ),
        ("Official Disability Guidelines, Low Back, Facet joint diagnostic blocks", ["ODG"]),
    ],
    "surg": [
        ("MTUS ACOEM Chapter 13, Knee Complaints, pages 344-345", ["MTUS"]),
        ("Official Disability Guidelines (ODG), Indications for Surgery", ["ODG"]),
        (
            "MTUS ACOEM Chapter 12, pages 305-307, and Non-MTUS Official Disability Guidelines, Low Back, Fusion (spinal)",
            ["MTUS", "ODG"],
        ),
    ],
    "opioid": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, criteria for use, pages 76-80",
            ["MTUS"],
        )
    ],
    "nsaid": [("MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, pages 67-68", ["MTUS"])],
    "aed": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Antiepilepsy drugs (AEDs), pages 16-19",
            ["MTUS"],
        )
    ],
    "relax": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Muscle relaxants (for pain), pages 63-66",
            ["MTUS"],
        )
    ],
    "topical": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Topical Analgesics, pages 111-113",
            ["MTUS"],
        ),
        (
            "FDA prescribing information for lidocaine patch, and MTUS Chronic Pain Guidelines page 56",
            ["MTUS", "other"],
        ),
    ],
    "dme": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, TENS, chronic pain, pages 114-116",
            ["MTUS"],
        ),
        ("Official Disability Guidelines, Shoulder, Continuous-flow cryotherapy", ["ODG"]),
    ],
    "hh": [
        ("MTUS Chronic Pain Medical Treatment Guidelines, Home health services, page 51", ["MTUS"])
    ],
    "frp": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Functional restoration programs (FRPs), pages 30-34",
            ["MTUS"],
        )
    ],
    "psych": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Behavioral interventions, page 23",
            ["MTUS"],
        ),
        (
            "American Psychiatric Association Practice Guideline for the Treatment of Patients With Major Depressive Disorder, Third Edition",
            ["other"],
        ),
    ],
    "uds": [("MTUS Chronic Pain Medical Treatment Guidelines, Drug testing, page 43", ["MTUS"])],
    "sleep": [
        ("Official Disability Guidelines, Pain (Chronic), Polysomnography", ["ODG"]),
        (
            "American Academy of Sleep Medicine clinical practice guideline (Kapur et al., 2017)",
            ["other"],
        ),
    ],
    "consult": [
        (
            "ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 7, Independent Medical Examinations and Consultations, page 127",
            ["MTUS"],
        ),
        (
            "The MTUS is silent on this request; Non-MTUS Citation: ACOEM, Chapter 7 (not part of the MTUS)",
            ["ACOEM"],
        ),
    ],
    "ppi": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, GI symptoms & cardiovascular risk, pages 68-69",
            ["MTUS"],
        )
    ],
}
# service-specific citations and guideline sentences override the kind's generic ones
SVC_CITES = {
    "lumbar epidural steroid injection": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections (ESIs), page 46",
            ["MTUS"],
        ),
        (
            "Official Disability Guidelines, Low Back, Epidural steroid injections (ESIs), therapeutic",
            ["ODG"],
        ),
    ],
    "cervical epidural steroid injection": [
        (
            "MTUS Chronic Pain Medical Treatment Guidelines, Epidural steroid injections (ESIs), page 46",
            ["MTUS"],
        )
    ],
    "medial branch block": [
        (
            "Official Disability Guidelines, Low Back, Facet joint diagnostic blocks (injections)",
            ["ODG"],
        ),
        ("MTUS ACOEM Chapter 12, Low Back Complaints, page 300", ["MTUS"]),
    ],
    "radiofrequency ablation": [
        ("Official Disability Guidelines, Facet joint radiofrequency neurotomy", ["ODG"])
    ],
    "spinal fusion": [
        (
            "MTUS ACOEM Chapter 12, pages 305-307, and Non-MTUS Official Disability Guidelines, Low Back, Fusion (spinal)",
            ["MTUS", "ODG"],
        ),
        (
            "Official Disability Guidelines (ODG), Indications for Surgery -- Discectomy/laminectomy and Fusion",
            ["ODG"],
        ),
    ],
    ("arthroscopy", "knee"): [
        ("MTUS ACOEM Chapter 13, Knee Complaints, pages 344-345", ["MTUS"]),
        ("Official Disability Guidelines, Knee & Leg, Meniscectomy", ["ODG"]),
    ],
    ("arthroscopy", "shoulder"): [
        ("MTUS ACOEM Chapter 9, Shoulder Complaints, pages 209-211", ["MTUS"]),
        ("Official Disability Guidelines, Shoulder, Surgery for impingement syndrome", ["ODG"]),
    ],
    "knee replacement": [
        ("Official Disability Guidelines (ODG), Knee & Leg, Knee joint replacement", ["ODG"])
    ],
    "carpal tunnel release": [
        ("MTUS ACOEM Chapter 11, Forearm, Wrist, and Hand Complaints, page 270", ["MTUS"])
    ],
    "cold therapy unit": [
        ("Official Disability Guidelines, Shoulder, Continuous-flow cryotherapy", ["ODG"])
    ],
}
SVC_SENT = {
    "medial branch block": "Facet joint diagnostic blocks are limited to patients with low back pain that is non-radicular and at no more than two levels bilaterally.",
    "radiofrequency ablation": "Facet joint radiofrequency neurotomy requires a diagnosis of facet joint pain using a medial branch block with at least 70% pain relief.",
    "knee replacement": "Knee joint replacement is indicated after failed conservative care with limited range of motion, nighttime joint pain, and imaging showing osteoarthritis.",
    "carpal tunnel release": "Surgical decompression of the median nerve is recommended when carpal tunnel syndrome is confirmed by positive findings on examination and electrodiagnostic testing.",
    "cold therapy unit": "Continuous-flow cryotherapy is recommended as an option after surgery, for up to 7 days, including home use.",
}
NO_CITE = (
    "The expert reviewer did not cite any guideline; the MTUS does not address the request.",
    [],
)

CA_CITES = [
    "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 51, 98-99.",
    "The Claims Administrator did not base their decision on the MTUS. Decision based on Non-MTUS Citation Official Disability Guidelines/Pain (chronic)",
    "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints, Page(s): 303-305",
    "The Claims Administrator based its decision on the MTUS Chronic Pain Medical Treatment Guidelines, pages 76-80.",
    "The Claims Administrator did not cite any evidence-based guidelines.",
    "Official Disability Guidelines (ODG), Knee & Leg (Acute & Chronic)",
]

GUIDE_SENT = {
    "pt": "The guidelines allow for fading of treatment frequency, from up to 3 visits per week to 1 or less, plus active self-directed home physical medicine, with 9-10 visits over 8 weeks for myalgia.",
    "chiro": "Manual therapy is recommended for chronic pain caused by musculoskeletal conditions, with a trial of 6 visits over 2 weeks and, with evidence of objective functional improvement, up to 18 visits over 6-8 weeks.",
    "acu": "Acupuncture is used as an option when pain medication is reduced or not tolerated, with a time to produce functional improvement of 3 to 6 treatments.",
    "img": "The guidelines support imaging when unequivocal objective findings identify specific nerve compromise on the neurologic examination and the patient would consider surgery.",
    "inj": "Criteria for injections include radiculopathy documented by physical examination and corroborated by imaging studies, and failure of conservative treatment.",
    "surg": "Surgical referral is indicated for patients with activity limitation for more than one month, failure of exercise programs, and clear clinical and imaging evidence of a lesion.",
    "opioid": "Ongoing opioid management requires documentation of pain relief, functional status, appropriate medication use, and side effects, and the 4 A's should be reviewed at each visit.",
    "nsaid": "Anti-inflammatory medications are recommended at the lowest dose for the shortest period in patients with moderate to severe pain.",
    "aed": "Antiepilepsy drugs are recommended for neuropathic pain, and a good response is defined as a 50% reduction in pain, with a moderate response being a 30% reduction.",
    "relax": "Non-sedating muscle relaxants are recommended with caution as a second-line option for short-term treatment of acute exacerbations of chronic low back pain.",
    "topical": "Topical analgesics are largely experimental, and any compounded product that contains at least one drug or drug class that is not recommended is not recommended.",
    "dme": "A one-month home-based trial may be considered as a noninvasive conservative option if used as an adjunct to a program of evidence-based functional restoration.",
    "hh": "Home health services are recommended only for otherwise recommended medical treatment for patients who are homebound, on a part-time or intermittent basis, generally up to no more than 35 hours per week.",
    "frp": "Functional restoration programs are recommended when an adequate and thorough evaluation has been made, previous methods of treating chronic pain have been unsuccessful, and the patient is motivated to change.",
    "psych": "Cognitive behavioral therapy is recommended with an initial trial of 3-4 psychotherapy visits over 2 weeks, and with evidence of objective functional improvement, a total of up to 6-10 visits.",
    "uds": "Drug testing is recommended as an option to assess for the use or the presence of illegal drugs, and more frequent screening is reserved for patients at high risk of aberrant behavior.",
    "sleep": "Polysomnography is recommended after at least six months of an insomnia complaint, unresponsive to behavior intervention and sedative or sleep-promoting medications.",
    "consult": "A referral may be appropriate when the diagnosis is uncertain or extremely complex, or when the plan or course of care may benefit from additional expertise.",
    "ppi": "Proton pump inhibitors are recommended for patients at intermediate risk for gastrointestinal events who are taking NSAIDs.",
}
MID_UP = [
    "The submitted records do not document objective functional improvement with prior treatment.",
    "There is no documentation of a failed course of conservative care in the records provided.",
    "The provider did not document a change in the neurological examination since the prior study.",
    "The records reviewed do not explain why the patient could not continue with a home exercise program.",
    "There was no quantified pain relief or increase in activity documented with the current regimen.",
]
MID_OVER = [
    "The records document a 50% decrease in pain and an improved ability to perform activities of daily living.",
    "The treating physician documented positive straight leg raise, decreased sensation in the L5 dermatome, and corroborating imaging findings.",
    "Conservative care, including medications and therapy, has failed over more than six months.",
    "There is a signed pain agreement, and prior urine drug screens have been consistent.",
]
END_UP = [
    "Therefore, the request is not medically necessary.",
    "As such, the medical necessity of the request has not been established.",
    "Based on the clinical information received, the request is non-certified.",
    "Consequently, the request is not medically necessary and appropriate.",
]
END_OVER = [
    "Therefore, the request is medically necessary.",
    "As such, the request is medically necessary and appropriate.",
    "Based on the clinical information received, the request is certified.",
]
END_PART = [
    "Therefore, the request is partially certified, with a reduced number of the requested visits being medically necessary.",
    "The request is modified; only the initial trial portion of the request is medically necessary.",
]
DX = {
    "lumbar spine": [
        "lumbar disc displacement",
        "lumbar radiculopathy",
        "lumbosacral spondylosis",
        "lumbar myofascial strain",
    ],
    "cervical spine": [
        "cervical disc herniation",
        "cervical radiculopathy",
        "cervical sprain/strain",
    ],
    "shoulder": [
        "right shoulder impingement syndrome",
        "rotator cuff tendinitis",
        "adhesive capsulitis",
    ],
    "knee": [
        "medial meniscus tear of the right knee",
        "knee osteoarthritis",
        "chondromalacia patella",
    ],
    "wrist": ["carpal tunnel syndrome", "wrist sprain"],
    None: [
        "chronic pain syndrome",
        "lumbar disc degeneration",
        "depression",
        "insomnia",
        "myalgia/myositis",
    ],
}
SPECS = [
    "Orthopedic Surgery",
    "Pain Medicine",
    "Physical Medicine and Rehabilitation",
    "Anesthesiology",
    "Family Practice",
    "Psychiatry",
    "Internal Medicine",
    "Neurology",
    "Occupational Medicine",
    "Preventive Medicine",
    "Emergency Medicine",
    "Neurological Surgery",
]
STATES = [
    "California",
    "Texas",
    "New York",
    "Florida",
    "Ohio",
    "Pennsylvania",
    "Illinois",
    "Arizona",
    "Maryland",
    "Washington",
    "Colorado",
    "Michigan",
    "Georgia",
    "Nevada",
    "Oregon",
    "Tennessee",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def rdate(y0: int, y1: int) -> dt.date:
    return dt.date(R.randint(y0, y1), R.randint(1, 12), R.randint(1, 28))


def fmt(d: dt.date, style: int | None = None) -> str:
    s = R.randint(0, 3) if style is None else style
    if s == 0:
        return d.strftime("%m/%d/%Y")
    if s == 1:
        return f"{d.month}/{d.day}/{d.year}"
    if s == 2:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    return d.strftime("%m/%d/%Y")


def pick_items(n: int, ur: dt.date) -> list[dict]:
    chosen = R.sample(ITEMS, n)
    out = []
    for texts, service, region, kind in chosen:
        outcome = R.choices(["upheld", "overturned", "partially overturned"], [6, 3, 2])[0]
        if outcome == "partially overturned" and kind not in (
            "pt",
            "chiro",
            "acu",
            "psych",
            "opioid",
            "hh",
            "frp",
        ):
            outcome = "upheld"
        text = R.choice(texts)
        if region is None and kind in ("inj", "surg"):
            region = "cervical spine" if re.search(r"[Cc]ervical|\bC\d", text) else "lumbar spine"
        pool = SVC_CITES.get((service, region)) or SVC_CITES.get(service) or CITES[kind]
        cite = R.choice(pool) if R.random() > 0.08 else NO_CITE
        if kind == "img":
            # keep the cited chapter consistent with the imaged region
            chap = {
                "lumbar spine": (
                    "Chapter 12, Low Back Complaints, pages 303-304",
                    "Low Back - Lumbar & Thoracic (Acute & Chronic)",
                ),
                "cervical spine": (
                    "Chapter 8, Neck and Upper Back Complaints, pages 177-178",
                    "Neck and Upper Back (Acute & Chronic)",
                ),
                "knee": (
                    "Chapter 13, Knee Complaints, pages 341-343",
                    "Knee & Leg (Acute & Chronic)",
                ),
                "upper extremity": (
                    "Chapter 11, Forearm, Wrist, and Hand Complaints, pages 268-269",
                    "Carpal Tunnel Syndrome (Acute & Chronic)",
                ),
                "lower extremity": (
                    "Chapter 12, Low Back Complaints, page 303",
                    "Low Back - Lumbar & Thoracic (Acute & Chronic)",
                ),
            }[region]
            cite = (
                cite[0]
                .replace("Chapter 12, Low Back Complaints, pages 303-304", chap[0])
                .replace("Neck and Upper Back (Acute & Chronic)", chap[1]),
                cite[1],
            )
        pool = (
            MID_UP
            if outcome == "upheld"
            else [
                m
                for m in MID_OVER
                if ("pain agreement" not in m or kind in ("opioid", "uds"))
                and ("straight leg" not in m or kind in ("inj", "img", "surg"))
            ]
        )
        mids = R.sample(pool, R.randint(1, 2))
        end = R.choice(
            {"upheld": END_UP, "overturned": END_OVER, "partially overturned": END_PART}[outcome]
        )
        if outcome == "partially overturned":
            end = END_PART[0] if kind in ("pt", "chiro", "acu", "hh") else END_PART[1]
        rationale = " ".join([SVC_SENT.get(service, GUIDE_SENT[kind]), *mids, end])
        if cite[1] == []:
            rationale = "The MTUS does not specifically address this request. " + rationale
        if R.random() < 0.2:
            a = ur + dt.timedelta(days=R.randint(0, 5))
            b = a + dt.timedelta(days=R.choice([30, 45, 60]))
            text += f", between {a.month}/{a.day}/{a.year} and {b.month}/{b.day}/{b.year}"
        out.append(
            {
                "text": text,
                "outcome": outcome,
                "service": service,
                "region": region,
                "kind": kind,
                "cite": cite,
                "rationale": rationale,
                "ca": R.choice(CA_CITES),
            }
        )
    return out


def words(s: str) -> list[str]:
    return s.split()


def qual(spec: str, state: str, who: str = "The expert reviewer") -> str:
    r = R.random()
    if spec == "Chiropractic":
        return f"{who} is a licensed Doctor of Chiropractic and is licensed to practice in {state}."
    if r < 0.75:
        return f"{who} is Board Certified in {spec}, and is licensed to practice in {state}."
    return f"{who} holds a board certification in {spec} and is licensed to practice in {state}."


def summary(c: dict) -> str:
    sexw = {"male": "male", "female": "female", None: "individual"}[c["sex"]]
    pron = {"male": "He", "female": "She", None: "The patient"}[c["sex"]]
    subj = R.choice(["The patient", "The injured worker", "This patient", "The applicant"])
    verb = R.choice(
        [
            "sustained an injury on",
            "reported an injury on",
            "was injured on",
            "has a date of injury of",
        ]
    )
    dx = c["dx"]
    dxs = (
        dx[0]
        if len(dx) == 1
        else (", ".join(dx[:-1]) + (", and " if len(dx) > 2 else " and ") + dx[-1])
    )
    inj = f" {verb} {c['inj_s']}" if c["inj_in_summary"] else ""
    vd = c["date"] - dt.timedelta(days=R.randint(60, 200))
    seen = R.choice(
        [
            f"{pron} was seen by  on {fmt(vd, 1)}.",
            "Dr.  recommended continued treatment.",
            f"{pron} was evaluated on {fmt(vd, 0)}.",
        ]
    )
    return (
        f"{subj} is a {c['age']}-year-old {sexw} who{inj if inj else ' injured the back at work'}. "
        f"{pron} is currently diagnosed with {dxs}. {seen} The patient's physical examination revealed "
        f"tenderness to palpation, painful range of motion, and intact motor strength. Prior treatment has "
        f"included medications, physical therapy, and activity modification. The provider has requested ".replace(
            "has included", "hasincluded" if c["age"] % 3 == 0 else "has included"
        )
        + "; ".join(i["text"].split(",")[0] for i in c["items"])
        + "."
    )


# --- text damage -------------------------------------------------------------------------
RUNTOGETHER = [
    ("not medically necessary", "notmedically necessary"),
    ("is not medically", "isnot medically"),
    ("medically necessary", "medicallynecessary"),
    ("the request for", "the requestfor"),
]


def damage_prose(s: str, level: float) -> str:
    if R.random() < level:
        s = s.replace("'", "\u2019", 2)
    if R.random() < level:
        s = s.replace(", and", " , and", 1)
    if R.random() < level:
        s = s.replace(". ", ".  ", 2)
    return s


def wrap(text: str, width: int, hyph: bool) -> list[str]:
    lines = textwrap.wrap(text, width) or [""]
    if hyph and len(lines) > 1:
        i = R.randrange(len(lines) - 1)
        m = re.search(r"([a-z]{4,})([a-z]{4,})$", lines[i] + " " + lines[i + 1].split(" ")[0])
        first = lines[i + 1].split(" ")[0]
        if len(first) >= 8 and first.isalpha() and first.islower():
            lines[i] = lines[i] + " " + first[:4] + "-"
            lines[i + 1] = first[4:] + lines[i + 1][len(first) :]
        del m
    return lines


def render_lines(blocks: list[str], style: dict) -> list[str]:
    """blocks: list of paragraphs/lines; '' for a blank line."""
    out: list[str] = []
    for b in blocks:
        if style["wrap"] and len(b) > style["width"] and not b.startswith("\u0001"):
            out.extend(wrap(b, style["width"], style["hyph"] and R.random() < 0.4))
        else:
            out.append(b.lstrip("\u0001"))
    return out


def paginate(lines: list[str], case_id: str | None, style: dict) -> str:
    n_pages = max(2, len(lines) // 45 + 1) if style["pages"] else 1
    per = len(lines) // n_pages + 1
    res: list[str] = []
    for p in range(n_pages):
        chunk = lines[p * per : (p + 1) * per]
        if p > 0:
            kind = style["banner"]
            if kind == 0:
                res += ["\f" if style["ff"] else "", f"Page {p + 1} of {n_pages}"]
            elif kind == 1 and case_id:
                res += ["\f" if style["ff"] else "", case_id, f"Page {p + 1} of {n_pages}"]
            elif case_id:
                res += [
                    "\f" if style["ff"] else "",
                    f"IMR Case Number {case_id} Page {p + 1} of {n_pages}",
                ]
            else:
                res += ["\f" if style["ff"] else "", f"Page {p + 1} of {n_pages}"]
        res += chunk
    if style["dbl"]:
        res2 = []
        for ln in res:
            res2 += [ln + " ", " "]
        res = res2
    text = "\n".join(res) + "\n"
    text = text.replace("\n\f\n", "\f\n").replace("\n\f \n", "\f\n")
    return text


# --- header --------------------------------------------------------------------------------
def header(c: dict, title: str | None) -> list[str]:
    if not c["has_header"]:
        return []
    colon = ":" if R.random() < 0.75 else ""
    dd = fmt(c["date"], 2 if R.random() < 0.3 else 0)
    lines = [title] if title else []
    f = [
        f"Dated{colon} {dd}" if colon else f"Dated {dd}",
        f"IMR Case Number{colon} {c['case_id']}",
        f"Date of UR Decision{colon} {fmt(c['ur'])}"
        if colon
        else f"UR Decision Date: {fmt(c['ur'])}",
        f"Date of Injury{colon} {c['inj_s']}" if c["inj_in_header"] else None,
    ]
    f = [x for x in f if x]
    if R.random() < 0.5:
        lines += ["\u0001" + x for x in f]
    else:
        lines += ["\u0001" + f[0], "\u0001" + "    ".join(f[1:])]
    if R.random() < 0.5:
        lines.append(
            f"\u0001Priority{colon} Standard        Application Received{colon} {fmt(c['ur'] + dt.timedelta(days=20))}"
        )
        lines.append(f"\u0001Employee{colon} ")
    lines.append("")
    return lines


OUTW = {
    "upheld": ["Upheld", "UPHELD", "upheld"],
    "overturned": ["Overturned", "OVERTURNED", "overturned"],
    "partially overturned": ["Partially Overturned", "PARTIALLY OVERTURNED", "Overturned in part"],
}


def ow(o: str, case: int) -> str:
    return OUTW[o][case]


def rat_text(it: dict, c: dict) -> str:
    s = it["rationale"]
    if c["runtogether"] and R.random() < 0.6:
        a, b = R.choice(RUNTOGETHER)
        s = s.replace(a, b, 1)
    return damage_prose(s, c["dmg"])


# --- layouts -------------------------------------------------------------------------------
def lay_notice(c: dict) -> list[str]:
    L = header(c, "Notice of Independent Medical Review Determination")
    if not c["has_header"]:
        L = ["Notice of Independent Medical Review Determination", ""]
    L += [
        R.choice(
            [
                "DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.",
                "Determination of MAXIMUS Federal Services, Inc.",
            ]
        ),
        "After careful review of the medical records, MAXIMUS Federal Services, Inc. has determined:",
    ]
    for n, it in enumerate(c["items"], 1):
        phr = {
            "upheld": "is not medically necessary and appropriate",
            "overturned": "is medically necessary and appropriate",
            "partially overturned": "is partially medically necessary and appropriate",
        }[it["outcome"]]
        L.append(
            f"{n}. MAXIMUS Federal Services, Inc. has determined the request for {it['text']} {phr}."
        )
    L += [
        "",
        R.choice(
            [
                "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
                "Independent Medical Review Decision and Rationale",
            ]
        ),
        "The independent review was conducted by an expert reviewer with the following credentials:",
        R.choice(
            [
                "Medical Qualifications of the Expert Reviewer:",
                "MEDICAL QUALIFICATIONS OF THE EXPERT REVIEWER",
            ]
        ),
        qual(c["spec"], c["state"])
        + " He or she has been in active clinical practice for more than five years.",
        "",
    ]
    L += [
        R.choice(["Case Summary:", "CASE SUMMARY:", "Expert Reviewer Case Summary:"]),
        damage_prose(summary(c), c["dmg"]),
        "",
    ]
    for n, it in enumerate(c["items"], 1):
        pre = R.choice([f"{n}. ", f"{n}) ", ""]) if n == 1 else c["npre"].format(n=n)
        L += [
            f"{pre}Regarding the request for {it['text']}:",
            R.choice(
                [
                    "Medical Treatment Guideline(s) which the Claims Administrator relied upon:",
                    "Medical Treatment Guidelines which the Claims Administrator relied upon:",
                ]
            ),
            it["ca"],
            "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision:",
            f"The Expert Reviewer relied on the {it['cite'][0]}."
            if it["cite"][1]
            else it["cite"][0],
            R.choice(
                [
                    "Rationale for the Decision:",
                    "Rationale for the Decision:",
                    "RATIONALE FOR THE DECISION:",
                ]
            ),
            rat_text(it, c),
            "",
        ]
    return L


def lay_final(c: dict) -> list[str]:
    L = header(c, "Independent Medical Review Final Determination Letter")
    how = [
        R.choice(
            [
                "HOW THE IMR FINAL DETERMINATION WAS MADE",
                "How the IMR Final Determination Was Made",
                "1. HOW THE IMR FINAL DETERMINATION WAS MADE",
            ]
        ),
        "MAXIMUS Federal Services sent the complete case file to a physician reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator. "
        + qual(c["spec"], c["state"], "The physician reviewer")
        + " He/she is familiar with governing laws and regulations.",
        "",
    ]
    summ = [
        R.choice(
            [
                "CLINICAL CASE SUMMARY",
                "Clinical Case Summary",
                "2. CLINICAL CASE SUMMARY",
                "Case Summary -",
            ]
        ),
        "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:",
        damage_prose(summary(c), c["dmg"]),
        "",
    ]
    if R.random() < 0.5:
        L += how + summ
    else:
        s0 = summ[0].rstrip(" -") + ": " if "-" in summ[0] else summ[0].upper() + ": "
        L += how + [s0 + summ[2], ""]
    L += [
        R.choice(
            [
                "IMR ISSUES, DECISIONS AND RATIONALES",
                "IMR Issues, Decisions and Rationales",
                "IMR ISSUES, DECISIONS, AND RATIONALES",
                "3. IMR ISSUES, DECISIONS AND RATIONALES",
            ]
        ),
        "The Final Determination was based on decisions for the disputed items/services set forth below:",
        "",
    ]
    ca_lab = R.choice(
        [
            "Claims Administrator guideline:",
            "Claims Administrator Guideline(s):",
            "Guideline(s) used by the Claims Administrator -",
        ]
    )
    mx_lab = R.choice(["MAXIMUS guideline:", "MAXIMUS Guideline(s):", "MAXIMUS guideline -"])
    ra_lab = R.choice(
        [
            "Decision rationale:",
            "Rationale:",
            "Decision Rationale:",
            "Rationale for the Decision:",
            "IMR Rationale:",
        ]
    )
    ostyle = c["ostyle"]
    for n, it in enumerate(c["items"], 1):
        pre = c["npre"].format(n=n)
        w = ow(it["outcome"], c["ocase"])
        glue = False
        if it.get("rat_only"):
            L.append(f"{pre}{it['text']}")
        elif ostyle == 0:
            L.append(f"{pre}{it['text']}:  {w}")
            glue = c["glue"]
        elif ostyle == 1:
            L.append(f"\u0001{pre}{it['text']} {'.' * (6 + n * 3 % 7)} {w}")
        elif ostyle == 2:
            L += [f"{pre}{it['text']}:", w]
            glue = c["glue"]
        elif ostyle == 3:
            L.append(f"{pre}{it['text']} - {w.lower()}")
        else:
            L.append(f"{pre}{it['text']} ({w})")
        ca = f"{ca_lab} {it['ca']}"
        if glue:
            # PDF lost the line break: "UpheldClaims Administrator guideline: ..."
            L[-1] = L[-1] + ca
        else:
            L += ["", ca]
        mx = f"{mx_lab} {it['cite'][0]}" if it["cite"][1] else f"{mx_lab} {it['cite'][0]}"
        L += ["", mx, "", f"{ra_lab} {rat_text(it, c)}", ""]
    return L


def lay_dar(c: dict) -> list[str]:
    L = header(c, "Independent Medical Review Final Determination Letter")
    L += [
        R.choice(
            ["SUMMARY OF INDEPENDENT MEDICAL REVIEW", "Summary of Independent Medical Review"]
        ),
        R.choice(["Expert reviewer qualifications: ", "Expert Reviewer Qualifications - "])
        + qual(c["spec"], c["state"]),
        "",
    ]
    docs = [
        R.choice(["DOCUMENTS REVIEWED", "Documents Reviewed:", "DOCUMENTS REVIEWED:"]),
        f"- Utilization review determination dated {fmt(c['ur'], 0)}"
        if c["has_header"]
        else "- Utilization review determination letter",
        "- Medical records from the treating physician",
        "- Application for Independent Medical Review",
        "",
    ]
    summ = [
        R.choice(
            ["CLINICAL SUMMARY", "Clinical Summary:", "Physician Reviewer's Clinical Summary"]
        ),
        damage_prose(summary(c), c["dmg"]),
        "",
    ]
    L += (docs + summ) if R.random() < 0.7 else (summ + docs)
    L += [
        R.choice(
            [
                "IMR DECISION(S) AND RATIONALE(S)",
                "IMR Decision(s) and Rationale(s)",
                "IMR DECISIONS AND RATIONALES",
            ]
        ),
        "",
    ]
    dlab = R.choice(["Decision:", "IMR Decision:", "Decision -"])
    ca_lab = R.choice(
        [
            "Guideline(s) used by the Claims Administrator:",
            "Claims Administrator Guideline(s):",
            "Guideline(s) used by the Claims Administrator -",
        ]
    )
    mx_lab = R.choice(
        ["Guideline(s) used by the Expert Reviewer:", "Expert Reviewer Guideline(s):"]
    )
    ra_lab = R.choice(["Rationale:", "Decision Rationale:", "Rationale for the Decision:"])
    for n, it in enumerate(c["items"], 1):
        pre = c["npre"].format(n=n)
        L.append(f"{pre}{it['text']}")
        if not it.get("rat_only"):
            L.append(f"   {dlab} {ow(it['outcome'], c['ocase'])}")
        L += [
            f"   {ca_lab} {it['ca']}",
            f"   {mx_lab} {it['cite'][0]}",
            f"   {ra_lab} {rat_text(it, c)}",
            "",
        ]
    return L


def lay_prof(c: dict) -> list[str]:
    L = ["MEDICAL PROFESSIONAL REVIEW"]
    if c["has_header"]:
        L += header(c, None)
    else:
        L.append("")
    L += [R.choice(["ISSUE AT DISPUTE:", "ISSUES AT DISPUTE:", "Issue at Dispute:"])]
    for n, it in enumerate(c["items"], 1):
        L.append(f"{n}. {it['text']}")
    L.append("")
    has_det = not c["no_det"]
    if has_det:
        L.append(R.choice(["DETERMINATION:", "Determination:"]))
        for n, it in enumerate(c["items"], 1):
            L.append(f"{n}. {it['text']}: {ow(it['outcome'], 1 if c['ocase'] != 0 else 0)}")
        L.append("")
    summ = [R.choice(["CASE SUMMARY:", "Case Summary:"]), damage_prose(summary(c), c["dmg"]), ""]
    docs = [
        R.choice(
            ["DOCUMENTS REVIEWED FOR DETERMINATION:", "Documents Reviewed for Determination:"]
        ),
        "Utilization review letter; progress reports; imaging reports; request for authorization.",
        "",
    ]
    L += summ + docs
    for n, it in enumerate(c["items"], 1):
        L += [
            R.choice([f"ISSUE {n}: {it['text']}", f"Issue {n}: {it['text']}"]),
            R.choice(
                [
                    "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",
                    "Medical Treatment Guideline(s) Relied Upon by Professional Reviewer and Why:",
                ]
            ),
            f"{it['cite'][0]}. This guideline was chosen because it addresses the requested treatment."
            if it["cite"][1]
            else it["cite"][0],
        ]
        if has_det or it["outcome"] == "partially overturned":
            h = (
                "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:"
                if it["outcome"] == "upheld"
                else "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS MEDICALLY NECESSARY:"
            )
        else:
            h = "RATIONALE:"
        L += [h, rat_text(it, c), ""]
    L += [
        R.choice(["MEDICAL REVIEWER QUALIFICATIONS:", "Medical Reviewer Qualifications:"]),
        qual(c["spec"], c["state"], "The reviewer") + " The reviewer has no conflict of interest.",
        "",
    ]
    return L


LAYOUTS = {
    "dwc-2013-notice": lay_notice,
    "dwc-final-determination": lay_final,
    "dwc-decisions-and-rationales": lay_dar,
    "dwc-professional-review": lay_prof,
}


FD_COUNT = [0]


def make_case(layout: str, idx: int) -> dict:
    yrs = {
        "dwc-2013-notice": (2013, 2014),
        "dwc-final-determination": (2013, 2016),
        "dwc-decisions-and-rationales": (2014, 2017),
        "dwc-professional-review": (2016, 2019),
    }[layout]
    d = rdate(*yrs)
    while d < dt.date(2013, 7, 15):  # IMR began for injuries decided from July 2013
        d = rdate(*yrs)
    ur = d - dt.timedelta(days=R.randint(40, 120))
    age = R.randint(19, 75)
    lo = max(2000, d.year - (age - 18))
    inj = rdate(lo, min(2016, d.year - 1))
    while inj > d - dt.timedelta(days=400):
        inj = rdate(lo, min(2016, d.year - 1))
    items = pick_items(R.choices([1, 2, 3, 4], [3, 4, 3, 1])[0], ur)
    regs = [i["region"] for i in items if i["region"]]
    reg = regs[0] if regs and regs[0] in DX else None
    dx = R.sample(DX[reg], min(len(DX[reg]), R.randint(1, 3)))
    spec = (
        R.choice(SPECS + ["Chiropractic"])
        if any(i["kind"] in ("pt", "chiro") for i in items)
        else R.choice(SPECS)
    )
    if any(i["kind"] == "psych" for i in items) and R.random() < 0.6:
        spec = "Psychiatry"
    has_header = R.random() > 0.32
    inj_in_header = has_header and R.random() < 0.7
    inj_in_summary = (not inj_in_header) or R.random() < 0.5
    c = {
        "layout": layout,
        "date": d,
        "ur": ur,
        "inj": inj,
        "inj_s": fmt(inj, R.choice([0, 1])),
        "age": age,
        "sex": R.choices(["male", "female", None], [5, 5, 1])[0],
        "dx": dx,
        "spec": spec,
        "state": R.choice(STATES),
        "items": items,
        "case_id": f"CM{d.year % 100:02d}-{R.randint(1000, 9999999):07d}",
        "has_header": has_header,
        "inj_in_header": inj_in_header,
        "inj_in_summary": inj_in_summary,
        "npre": R.choice(["{n}. ", "{n}) ", "Item {n}: ", "#{n} ", ""])
        if layout != "dwc-decisions-and-rationales"
        else R.choice(["{n}. ", "{n}) ", "Item {n}: ", "#{n} "]),
        "ostyle": R.randint(0, 4),
        "ocase": R.randint(0, 2),
        "glue": R.random() < 0.4,
        "dmg": R.choice([0.0, 0.3, 0.8]),
        "runtogether": R.random() < 0.4,
        "no_det": R.random() < 0.2,
    }
    if layout == "dwc-final-determination":
        # cycle the item-line styles so each appears; gluing applies to ": Upheld" and next-line styles
        FD_COUNT[0] += 1
        c["ostyle"] = FD_COUNT[0] % 5
        c["glue"] = c["ostyle"] in (0, 2) and FD_COUNT[0] % 2 == 0
    if layout in ("dwc-final-determination", "dwc-decisions-and-rationales") and R.random() < 0.2:
        for it in items:
            it["rat_only"] = True
    if not inj_in_summary and not inj_in_header:
        c["inj_known"] = False
    return c


def truth(c: dict, fname: str) -> dict:
    inj_known = c["inj_in_header"] or c["inj_in_summary"]
    return {
        "file": f"letters/{fname}",
        "layout": c["layout"],
        "case_id": c["case_id"] if c["has_header"] or fname.endswith(".pdf") else None,
        "decision_date": c["date"].isoformat() if c["has_header"] else None,
        "ur_date": c["ur"].isoformat() if c["has_header"] else None,
        "patient": {
            "age": c["age"],
            "sex": c["sex"],
            "injury_date": c["inj"].isoformat() if inj_known else None,
        },
        "diagnoses": c["dx"],
        "reviewer": {"specialty": c["spec"], "license_state": c["state"]},
        "items": [
            {
                "text": " ".join(it["text"].split()),
                "outcome": it["outcome"],
                "service": it["service"],
                "body_region": it["region"],
                "rationale_start": " ".join(words(it["rationale"])[:8]),
                "rationale_end": " ".join(words(it["rationale"])[-8:]),
                "reviewer_guideline_families": it["cite"][1],
            }
            for it in c["items"]
        ],
    }


def to_pdf(lines: list[str], path: Path, case_id: str | None) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    body = ParagraphStyle("b", parent=getSampleStyleSheet()["BodyText"], fontSize=11, leading=15)

    def story(brk: bool) -> list:
        st = []
        for k, ln in enumerate(lines):
            ln = ln.lstrip("\u0001")
            st.append(Paragraph(escape(ln), body) if ln.strip() else Spacer(1, 6))
            if brk and k == len(lines) // 2:
                st.append(PageBreak())
        return st

    def build(total: int | None, brk: bool) -> int:
        pages = {"n": 0}

        def on_page(canv, doc):
            pages["n"] = doc.page
            canv.setFont("Helvetica", 8)
            label = f"IMR Case Number {case_id} " if case_id else ""
            canv.drawString(72, 760, f"{label}Page {doc.page} of {total or 9}")
            canv.drawString(72, 30, "MAXIMUS FEDERAL SERVICES")

        doc = SimpleDocTemplate(str(path), pagesize=letter, topMargin=90, bottomMargin=60)
        doc.build(story(brk), onFirstPage=on_page, onLaterPages=on_page)
        return pages["n"]

    n = build(None, False)
    brk = n < 2
    n = build(None, brk)
    build(n, brk)


def main() -> None:
    (OUT / "letters").mkdir(parents=True, exist_ok=True)
    order = [lay for lay in LAYOUTS for _ in range(10)]
    R.shuffle(order)
    pdf_left = {lay: 2 for lay in LAYOUTS}
    truths = []
    for i, lay in enumerate(order, 1):
        c = make_case(lay, i)
        blocks = LAYOUTS[lay](c)
        as_pdf = (pdf_left[lay] > 0 and R.random() < 0.35) or (
            pdf_left[lay] > 0 and sum(1 for x in order[i:] if x == lay) < pdf_left[lay]
        )
        if as_pdf:
            pdf_left[lay] -= 1
            c["has_header_pdf"] = True
            fname = f"rev_{i:03d}.pdf"
            # the page header names the case number; count it only if the body has the header block
            # every PDF page carries "IMR Case Number CM.. Page N of M", so the case id is known
            to_pdf(blocks, OUT / "letters" / fname, c["case_id"])
        else:
            style = {
                "wrap": R.random() < 0.7,
                "width": R.randint(80, 100),
                "hyph": R.random() < 0.5,
                "pages": R.random() < 0.6,
                "banner": R.randint(0, 2),
                "ff": R.random() < 0.5,
                "dbl": R.random() < 0.3,
            }
            text = paginate(
                render_lines(blocks, style), c["case_id"] if c["has_header"] else None, style
            )
            fname = f"rev_{i:03d}.txt"
            nl = "\r\n" if R.random() < 0.15 else "\n"
            (OUT / "letters" / fname).write_bytes(text.replace("\n", nl).encode("utf-8"))
        truths.append(truth(c, fname))
    with open(OUT / "truth.jsonl", "w") as f:
        for t in truths:
            f.write(json.dumps(t) + "\n")


if __name__ == "__main__":
    main()
