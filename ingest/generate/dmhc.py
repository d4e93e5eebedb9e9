"""DMHC-style IMR rows (health plans, not workers' comp): one row per determination with the
state's open-data columns. Health-plan denials are overturned far more often (~half) than
workers' comp UR denials, and the Findings text speaks of an "enrollee" and a "Health Plan".
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass

from ingest.generate import catalogue as cat
from ingest.generate.rationales import compose
from ingest.records import DecisionItem, ParsedDocument, Patient, Reviewer

COLUMNS: tuple[str, ...] = (
    "Reference ID", "Report Year", "Diagnosis Category", "Diagnosis Sub Category",
    "Treatment Category", "Treatment Sub Category", "Determination", "Type", "Age Range",
    "Patient Gender", "Findings",
)  # fmt: skip
DETERMINATIONS = {"upheld": "Upheld Decision of Health Plan",
                  "overturned": "Overturned Decision of Health Plan"}  # fmt: skip
AGE_RANGES = ((0, 10), (11, 20), (21, 30), (31, 40), (41, 50), (51, 64), (65, 120))
_EXPERIMENTAL = ("platelet-rich plasma injection", "genetic testing", "botulinum toxin injection",
                 "spinal cord stimulator", "radiofrequency ablation")  # fmt: skip
_REGION_WORDS = {
    "lumbar": "lumbar spine", "cervical": "cervical spine", "thoracic": "thoracic spine",
    "shoulder": "shoulder", "elbow": "elbow", "wrist": "wrist", "knee": "knee",
}  # fmt: skip
_SERVICES = tuple(cat.SERVICE_BY_NAME[name] for name in cat.DMHC_CATEGORIES)
_OPENERS = (
    "The Health Plan denied the request, stating that it was not medically necessary.",
    "The Health Plan denied this request on the basis that the treatment is not medically "
    "necessary for the enrollee's condition.",
    "The Health Plan's reviewer found the request not supported by the records submitted.",
)
_HISTORY = (
    "The enrollee is a {age}-year-old {sex} with {dx} who has been symptomatic for about {years} "
    "years.",
    "The records show the enrollee has been treated for {dx} by several providers.",
    "The treating physician submitted notes describing persistent symptoms of {dx}.",
)
_EI_OPENER = ("The Health Plan denied the request, stating that it is experimental or "
              "investigational for the enrollee's condition.")  # fmt: skip
_CLOSERS = {
    "upheld": ("The Health Plan's denial should be upheld.",
               "The physician reviewer determined that the requested service is not medically "
               "necessary; the Health Plan's denial should be upheld."),
    "overturned": ("The Health Plan's denial should be overturned.",
                   "The physician reviewer determined that the requested service is medically "
                   "necessary; the Health Plan's denial should be overturned."),
}  # fmt: skip


@dataclass
class DmhcRow:
    values: dict[str, str]
    truth: ParsedDocument


def _age_range(age: int) -> str:
    for lo, hi in AGE_RANGES:
        if lo <= age <= hi:
            return f"{lo}-{hi}" if hi < 120 else f"{lo}+"
    return "65+"


def make_rows(rng: random.Random, count: int, source: str) -> list[DmhcRow]:
    """``count`` rows; the truth's source is ``f"{source}#row={n}"`` (n is 1-based)."""
    rows: list[DmhcRow] = []
    used: set[str] = set()
    for number in range(1, count + 1):
        service = rng.choice(_SERVICES)
        region = rng.choice(service.regions or cat.SPINE + cat.LIMBS)
        if service.category == "psychology and psychiatry":
            region = "systemic"
        dx_category, dx_subs = cat.DMHC_DIAGNOSES[region]
        dx_sub = rng.choice(dx_subs)
        dispute = ("Experimental/Investigational" if service.name in _EXPERIMENTAL and
                   rng.random() < 0.7 else "Urgent Care" if rng.random() < 0.1
                   else "Medical Necessity")  # fmt: skip
        outcome = "overturned" if rng.random() < 0.5 else "upheld"
        year = rng.randint(2005, 2019)
        prefix = "EI" if dispute == "Experimental/Investigational" else "MN"
        ref = ""
        while not ref or ref in used:
            ref = f"{prefix}{year % 100:02d}-{rng.randint(1, 29_999)}"
        used.add(ref)
        age = rng.randint(18, 80)
        sex = rng.choice(("Male", "Female"))
        treatment_cat, treatment_sub = cat.DMHC_CATEGORIES[service.name]
        region_name = cat.DMHC_DIAGNOSIS_REGIONS.get(dx_sub)
        affecting = ""
        if region_name is None and region != "systemic":
            # Name the region in the opening sentence, as real findings do.
            region_name = _REGION_WORDS[region]
            affecting = f" affecting the {region_name}"
        findings = _findings(rng, service, outcome, dispute, age, sex.lower(),
                             dx_sub.lower() + affecting)  # fmt: skip
        values = dict(zip(COLUMNS, (
            ref, str(year), dx_category, dx_sub, treatment_cat, treatment_sub,
            DETERMINATIONS[outcome], dispute, _age_range(age), sex, findings,
        ), strict=True))  # fmt: skip
        truth = ParsedDocument(
            # The export has only a year; by convention the record's date is mid-year.
            source=f"{source}#row={number}", layout="dmhc-csv", case_id=ref,
            decision_date=f"{year}-07-01",
            patient=Patient(age=age, sex=sex.lower(), age_range=_age_range(age)),
            diagnoses=[dx_sub.lower()], reviewer=Reviewer(),
            items=[DecisionItem(text=f"{treatment_cat}: {treatment_sub}", service=service.name,
                                category=service.category, outcome=outcome, rationale=findings,
                                body_region=region_name)],
            dispute_type=dispute, diagnosis_category=dx_category,
        )  # fmt: skip
        rows.append(DmhcRow(values, truth))
    return rows


def _findings(rng: random.Random, service: cat.Service, outcome: str, dispute: str, age: int,
              sex: str, dx: str) -> str:  # fmt: skip
    short = service.short[0]  # the first short name is the one the vocabulary recognises
    opener = _EI_OPENER if dispute == "Experimental/Investigational" else rng.choice(_OPENERS)
    male = sex == "male"
    ctx = {
        "pt": "the enrollee", "Pt": "The enrollee", "age": age, "sex": sex,
        "he": "he" if male else "she", "He": "He" if male else "She",
        "his": "his" if male else "her", "him": "him" if male else "her",
        "region": "affected area", "dx": dx, "svc": short, "n": 12, "f": 2, "w": 6,
        "prior": rng.choice((6, 12, 20)), "months": rng.choice((3, 6, 12)),
        "inj": "the date of onset", "years": rng.randint(1, 6), "seen": "recent",
        "vas1": rng.randint(6, 9),
        "vas2": rng.randint(2, 4), "guide": "nationally recognized guidelines",
        "mme": rng.choice((60, 90, 120)), "op": "a recent date",
    }  # fmt: skip
    body = compose(rng, service.family, outcome, ctx, _HISTORY)
    return (f"A {age}-year-old {sex} enrollee has requested {short} for treatment of "
            f"{dx}. {opener} {body} {rng.choice(_CLOSERS[outcome])}")  # fmt: skip


def write_csv(rows: list[DmhcRow]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.values)
    return buffer.getvalue()
