"""The facts of one generated letter — patient, dates, diagnoses, requested items, outcomes,
citations and rationales — drawn from one ``random.Random`` so a seed fixes everything.

:class:`GenLetter` is layout-free: :mod:`.layouts` prints it, :meth:`GenLetter.truth` gives the
ground-truth :class:`~ingest.records.ParsedDocument`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from ingest.generate import catalogue as cat
from ingest.generate.guidelines import Cite, Source
from ingest.generate.rationales import compose
from ingest.records import DecisionItem, ParsedDocument, Patient, Reviewer

# Years each layout was in use (decision dates), per the design notes.
LAYOUT_YEARS: dict[str, tuple[date, date]] = {
    "dwc-2013-notice": (date(2013, 7, 15), date(2014, 6, 30)),
    "dwc-final-determination": (date(2013, 9, 1), date(2019, 12, 31)),
    "dwc-decisions-and-rationales": (date(2014, 6, 1), date(2019, 12, 31)),
    "dwc-professional-review": (date(2016, 1, 1), date(2019, 12, 31)),
}
LAYOUT_WEIGHTS: dict[str, float] = {
    "dwc-2013-notice": 0.15,
    "dwc-final-determination": 0.45,
    "dwc-decisions-and-rationales": 0.2,
    "dwc-professional-review": 0.2,
}
OUTCOME_WORD = {"upheld": "Upheld", "overturned": "Overturned",
                "partially overturned": "Partially Overturned"}  # fmt: skip
PARTIAL_RATE = 0.05  # share of the overturned items with a stated quantity
# The per-service rates in catalogue.py rank services; this scales them so that ~87% of all
# workers' comp items are upheld, as in the published IMR statistics.
OVERTURN_SCALE = 0.8
ITEM_COUNTS = (1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3)  # mean ≈ 1.6

_EARLIEST_INJURY = date(2005, 1, 1).toordinal()
_LATEST_INJURY = date(2016, 12, 31).toordinal()

NOUNS = ("the patient", "the injured worker", "the applicant", "the claimant", "the employee")
OCCUPATIONS = (
    "warehouse worker", "truck driver", "registered nurse", "office assistant", "laborer",
    "cashier", "mechanic", "custodian", "police officer", "teacher", "caregiver",
    "machine operator", "sales associate", "groundskeeper", "firefighter", "cook",
    "delivery driver", "certified nursing assistant", "electrician", "farm worker",
)  # fmt: skip
INJURY_PHRASES = (
    "sustained an injury on", "reported an injury on", "was injured on",
    "sustained a work-related injury on", "reported an industrial injury on",
)  # fmt: skip
MECHANISMS: dict[str, tuple[str, ...]] = {
    "lumbar": ("lifting a heavy box", "moving furniture", "pulling a pallet jack",
               "slipping on a wet floor", "unloading a delivery truck", "transferring a patient"),
    "cervical": ("a motor vehicle accident while driving for work", "lifting overhead",
                 "being struck by a falling object", "a fall from a ladder"),
    "thoracic": ("lifting and twisting", "a fall down a flight of stairs"),
    "shoulder": ("reaching overhead to stock shelves", "lifting a patient",
                 "falling onto an outstretched arm", "pulling a heavy cart"),
    "elbow": ("repetitive use of hand tools", "carrying heavy trays"),
    "wrist": ("repetitive keyboard and mouse work", "repetitive gripping and assembly work",
              "using vibrating tools", "a fall onto the hand"),
    "knee": ("twisting while stepping off a ladder", "kneeling repeatedly on concrete",
             "tripping over a pallet", "a fall from a loading dock"),
}  # fmt: skip
EXAM: dict[str, tuple[str, ...]] = {
    "lumbar": ("tenderness to palpation over the lumbar paraspinal musculature",
               "decreased lumbar range of motion", "a positive straight leg raise on the left",
               "diminished sensation in the L5 dermatome", "5/5 motor strength",
               "paravertebral muscle spasm", "painful lumbar extension"),
    "cervical": ("tenderness over the cervical paraspinals and trapezius",
                 "decreased cervical range of motion", "a positive Spurling's test",
                 "diminished sensation in the C6 distribution", "intact reflexes"),
    "thoracic": ("tenderness over the thoracic paraspinals", "painful range of motion",
                 "intact sensation"),
    "shoulder": ("tenderness over the anterior shoulder", "positive impingement signs",
                 "forward flexion limited to 140 degrees", "4/5 strength with external rotation",
                 "a positive drop arm test"),
    "elbow": ("tenderness over the lateral epicondyle", "pain with resisted wrist extension",
              "decreased grip strength"),
    "wrist": ("positive Tinel's and Phalen's signs", "decreased grip strength",
              "diminished sensation in the median nerve distribution",
              "tenderness over the first dorsal compartment"),
    "knee": ("medial joint line tenderness", "a positive McMurray's test", "a mild effusion",
             "flexion limited to 115 degrees", "patellofemoral crepitus", "an antalgic gait"),
}  # fmt: skip
PRIOR_TREATMENT = ("medications", "physical therapy", "chiropractic care", "acupuncture",
                   "activity modification", "a home exercise program", "a TENS unit",
                   "injections", "work restrictions", "bracing", "massage")  # fmt: skip
GUIDE_PHRASES: dict[str, tuple[str, ...]] = {
    "MTUS Chronic Pain Medical Treatment Guidelines": (
        "the MTUS Chronic Pain Medical Treatment Guidelines",
        "the Chronic Pain Medical Treatment Guidelines", "the California MTUS guidelines"),
    "ODG": ("the Official Disability Guidelines", "the ODG guidelines"),
    "ACOEM": ("the ACOEM guidelines", "the MTUS/ACOEM guidelines"),
}  # fmt: skip
_DURATION_SLOT = re.compile(r"(?:for|x) \{(w|mo|dd)\} (weeks|months|days)")
_FREQ_TIMES_DURATION = re.compile(r"\{f\} ?x ?\{w\}")
_TAG = re.compile(r"^@(\w+)(?:=([^:]+))?:")


@dataclass(frozen=True)
class Template:
    text: str  # with {slots}; any "@key=region:" tag removed
    only_region: str | None  # region key the phrasing is limited to
    named_region: str | None  # canonical region the phrasing names without {R}
    has_n: bool
    has_f: bool
    duration_slot: str | None  # "w", "mo" or "dd"


def _template(raw: str) -> Template:
    match = _TAG.match(raw)
    text = raw[match.end() :] if match else raw
    duration = _DURATION_SLOT.search(text)
    slot = duration.group(1) if duration else ("w" if _FREQ_TIMES_DURATION.search(text) else None)
    return Template(
        text=text,
        only_region=match.group(1) if match else None,
        named_region=match.group(2) if match else None,
        has_n="{n}" in text,
        has_f="{f}" in text,
        duration_slot=slot,
    )


TEMPLATES: dict[int, tuple[Template, ...]] = {
    id(s): tuple(_template(t) for t in s.templates) for s in cat.SERVICES
}


def _eligible(region: str) -> tuple[list[tuple[cat.Service, tuple[Template, ...]]], list[float]]:
    chosen = []
    for service in cat.SERVICES:
        if service.regions is not None and region not in service.regions:
            continue
        usable = tuple(t for t in TEMPLATES[id(service)] if t.only_region in (None, region))
        if usable:
            chosen.append((service, usable))
    return chosen, list(accumulate(s.weight for s, _ in chosen))


ELIGIBLE = {region: _eligible(region) for region in cat.REGION_WEIGHTS}
_REGION_KEYS = tuple(cat.REGION_WEIGHTS)
_REGION_CUM = tuple(accumulate(cat.REGION_WEIGHTS.values()))


@dataclass
class GenItem:
    text: str
    service: cat.Service
    outcome: str
    region: str | None
    quantity: int | None
    frequency: str | None
    duration: str | None
    reviewer_cites: list[Cite]
    admin_cites: list[Cite]
    admin_preamble: bool  # "The Claims Administrator did not base their decision on the MTUS."
    rationale: str = ""

    def truth(self, with_admin: bool) -> DecisionItem:
        cites = [c.truth("reviewer") for c in self.reviewer_cites]
        if with_admin:
            cites += [c.truth("claims administrator") for c in self.admin_cites]
        return DecisionItem(
            text=self.text, service=self.service.name, category=self.service.category,
            outcome=self.outcome, rationale=self.rationale, body_region=self.region,
            quantity=self.quantity, frequency=self.frequency, duration=self.duration,
            guidelines=cites,
        )  # fmt: skip


@dataclass
class GenLetter:
    case_id: str
    layout: str
    dated: date
    ur_date: date
    injury_date: date
    assigned: date
    received: date
    seen: date
    age: int
    sex: str
    region: str
    side: str
    diagnoses: list[str]
    specialty: str
    state: str
    noun: str
    padded_dates: bool
    has_header: bool
    summary: str = ""
    items: list[GenItem] = field(default_factory=list)

    def fmt(self, d: date) -> str:
        if self.padded_dates:
            return f"{d.month:02d}/{d.day:02d}/{d.year}"
        return f"{d.month}/{d.day}/{d.year}"

    @property
    def shows_dated(self) -> bool:
        # Professional reviews always print "Dated:" beside the case number.
        return self.has_header or self.layout == "dwc-professional-review"

    def truth(self, source: str, sha256: str | None) -> ParsedDocument:
        with_admin = self.layout != "dwc-professional-review"
        return ParsedDocument(
            source=source, layout=self.layout, case_id=self.case_id,
            decision_date=self.dated.isoformat() if self.shows_dated else None,
            patient=Patient(age=self.age, sex=self.sex, injury_date=self.injury_date.isoformat()),
            diagnoses=[d.lower() for d in self.diagnoses],
            reviewer=Reviewer(specialty=self.specialty, license_state=self.state),
            items=[item.truth(with_admin) for item in self.items], summary=self.summary,
            ur_date=self.ur_date.isoformat() if self.has_header else None, doc_sha256=sha256,
        )  # fmt: skip


def _date_between(rng: random.Random, lo: int, hi: int) -> date:
    return date.fromordinal(rng.randint(lo, max(lo, hi)))


def _join(parts: list[str]) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def _guide_phrase(rng: random.Random, cite: Cite) -> str:
    src: Source = cite.source
    key = src.name if src.name in GUIDE_PHRASES else src.family
    if src.family == "MTUS" and src.name.startswith("MTUS ACOEM"):
        key = "ACOEM"
    phrases = GUIDE_PHRASES.get(key)
    return rng.choice(phrases) if phrases else "the " + src.name


class LetterFactory:
    """Draws letters; remembers case numbers so every one is unique within a corpus."""

    def __init__(self, rng: random.Random, layouts: tuple[str, ...]) -> None:
        self.rng = rng
        self.layouts = layouts
        self.layout_cum = list(accumulate(LAYOUT_WEIGHTS[name] for name in layouts))
        self.used_ids: set[str] = set()

    def letter(self) -> GenLetter:
        rng = self.rng
        layout = rng.choices(self.layouts, cum_weights=self.layout_cum)[0]
        first, last = LAYOUT_YEARS[layout]
        dated = _date_between(rng, first.toordinal(), last.toordinal())
        d = dated.toordinal()
        injury = _date_between(rng, _EARLIEST_INJURY, min(_LATEST_INJURY, d - 200))
        ur = _date_between(rng, max(injury.toordinal() + 90, d - 120), d - 30)
        assigned = _date_between(rng, ur.toordinal() + 10, min(ur.toordinal() + 45, d - 5))
        received = _date_between(rng, ur.toordinal() + 3, assigned.toordinal() - 2)
        seen = _date_between(rng, max(injury.toordinal() + 30, ur.toordinal() - 90),
                             ur.toordinal() - 5)  # fmt: skip
        region = rng.choices(_REGION_KEYS, cum_weights=_REGION_CUM)[0]
        sex = "male" if rng.random() < 0.56 else "female"
        has_header = not (layout == "dwc-final-determination" and rng.random() < 0.12)
        if layout == "dwc-professional-review":
            has_header = rng.random() < 0.5  # the full header; case number and date always show
        letter = GenLetter(
            case_id=self._case_id(assigned.year), layout=layout, dated=dated, ur_date=ur,
            injury_date=injury, assigned=assigned, received=received, seen=seen,
            age=rng.randint(20, 75), sex=sex, region=region,
            side=rng.choice(("right", "left", "right", "left", "bilateral")),
            diagnoses=self._diagnoses(region), specialty="", state=rng.choice(cat.LICENSE_STATES),
            noun=rng.choice(NOUNS), padded_dates=rng.random() < 0.6, has_header=has_header,
        )  # fmt: skip
        self._items(letter)
        letter.specialty = rng.choice(cat.SPECIALTIES[letter.items[0].service.specialty])
        letter.summary = self._summary(letter)
        return letter

    def _case_id(self, year: int) -> str:
        while True:
            case_id = f"CM{year % 100:02d}-{self.rng.randint(1, 9_999_999):07d}"
            if case_id not in self.used_ids:
                self.used_ids.add(case_id)
                return case_id

    def _diagnoses(self, region: str) -> list[str]:
        rng = self.rng
        own = rng.sample(cat.DIAGNOSES[region], rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.35:
            own.append(rng.choice(cat.DIAGNOSES["systemic"]))
        return own

    def _surface(self, letter: GenLetter) -> tuple[str, str]:
        text, canonical = self.rng.choice(cat.REGION_SURFACES[letter.region])
        side = letter.side
        if side == "bilateral" and "{side}" in text:
            return text.replace("{side}", "bilateral") + "s", canonical
        return text.replace("{side}", side), canonical

    def _items(self, letter: GenLetter) -> None:
        rng = self.rng
        eligible, cum = ELIGIBLE[letter.region]
        wanted = rng.choice(ITEM_COUNTS)
        names: set[str] = set()
        attempts = 0
        while len(letter.items) < wanted and attempts < 20:
            attempts += 1
            service, templates = rng.choices(eligible, cum_weights=cum)[0]
            if service.name in names:
                continue
            names.add(service.name)
            letter.items.append(self._item(letter, service, rng.choice(templates)))

    def _item(self, letter: GenLetter, service: cat.Service, tpl: Template) -> GenItem:
        rng = self.rng
        n_choices, f_choices, w_choices = cat.DOSES[service.dose]
        f, w = rng.choice(f_choices), rng.choice(w_choices)
        n = rng.choice(n_choices) if n_choices else f * w
        values = {"n": n, "f": f, "w": w, "mo": rng.choice((2, 3, 6, 12)),
                  "dd": rng.choice((5, 7, 10, 14, 21, 30)), "h": rng.choice((4, 8, 12, 20, 35)),
                  "side": letter.side}  # fmt: skip
        region = tpl.named_region
        surface, canonical = self._surface(letter)
        values["R"] = surface
        if "{R}" in tpl.text:
            region = canonical
        text = tpl.text.format_map(values)
        text = text[0].upper() + text[1:]
        if service.category == "pharmaceuticals" and rng.random() < 0.08:
            text = f"Retrospective {text} (DOS {letter.fmt(letter.seen)})"
        elif letter.layout == "dwc-final-determination" and rng.random() < 0.2:
            end = date.fromordinal(letter.ur_date.toordinal() + rng.choice((60, 90)))
            text += f", between {letter.fmt(letter.ur_date)} and {letter.fmt(end)}"
        duration = None
        if tpl.duration_slot:
            amount = values[tpl.duration_slot]
            unit = {"w": "week", "mo": "month", "dd": "day"}[tpl.duration_slot]
            duration = f"{amount} {unit}{'' if amount == 1 else 's'}"
        outcome = self._outcome(service, tpl)
        reviewer = [c.resolve(letter.region) if isinstance(c, cat.RegionCite) else c
                    for c in rng.choice(service.reviewer)]  # fmt: skip
        admin = [c.resolve(letter.region) if isinstance(c, cat.RegionCite) else c
                 for c in rng.choice(service.admin)]  # fmt: skip
        if rng.random() < 0.04:
            admin = []  # "The Claims Administrator did not cite any evidence-based criteria."
        preamble = bool(admin) and not any(c.source.mtus for c in admin) and rng.random() < 0.6
        item = GenItem(
            text=text, service=service, outcome=outcome, region=region,
            quantity=n if tpl.has_n else None,
            frequency=(f"{f} time{'' if f == 1 else 's'} per week" if tpl.has_f else None),
            duration=duration, reviewer_cites=reviewer, admin_cites=admin,
            admin_preamble=preamble,
        )  # fmt: skip
        item.rationale = compose(rng, service.family, outcome,
                                 self._context(letter, item, surface, values))  # fmt: skip
        return item

    def _outcome(self, service: cat.Service, tpl: Template) -> str:
        draw = self.rng.random()
        overturn = OVERTURN_SCALE * (1 - service.upheld)
        if tpl.has_n and draw < PARTIAL_RATE * overturn:
            return "partially overturned"
        return "overturned" if draw < overturn else "upheld"

    def _context(self, letter: GenLetter, item: GenItem, surface: str,
                 values: dict[str, object]) -> dict[str, object]:  # fmt: skip
        rng = self.rng
        male = letter.sex == "male"
        vas1 = rng.randint(5, 9)
        years = max(1, letter.dated.year - letter.injury_date.year)
        op = _date_between(rng, letter.injury_date.toordinal() + 60, letter.seen.toordinal() - 14)
        return {
            "pt": letter.noun, "Pt": letter.noun[0].upper() + letter.noun[1:],
            "age": letter.age, "sex": letter.sex, "he": "he" if male else "she",
            "He": "He" if male else "She", "his": "his" if male else "her",
            "him": "him" if male else "her", "region": surface,
            "dx": rng.choice(letter.diagnoses), "svc": rng.choice(item.service.short),
            "n": values["n"], "f": values["f"], "w": values["w"],
            "prior": rng.choice((6, 8, 12, 12, 16, 18, 20, 24, 24, 30, 36)),
            "months": rng.choice((3, 4, 6, 8, 12, 18, 24, 36)),
            "inj": letter.fmt(letter.injury_date),
            "years": years, "seen": letter.fmt(letter.seen), "vas1": vas1,
            "vas2": max(1, vas1 - rng.randint(2, 4)),
            "guide": _guide_phrase(rng, item.reviewer_cites[0]),
            "mme": rng.choice((45, 60, 90, 120, 150, 180, 240)), "op": letter.fmt(op),
        }  # fmt: skip

    def _summary(self, letter: GenLetter) -> str:
        rng = self.rng
        pt = letter.noun
        Pt = pt[0].upper() + pt[1:]
        he = "He" if letter.sex == "male" else "She"
        region = self._surface(letter)[0]
        exam = rng.sample(EXAM[letter.region], min(3, len(EXAM[letter.region])))
        prior = rng.sample(PRIOR_TREATMENT, rng.randint(2, 4))
        requests = [rng.choice(item.service.short) for item in letter.items]
        job = rng.choice(OCCUPATIONS)
        parts = [
            f"{Pt} is a {letter.age}-year-old {letter.sex} {job} who "
            f"{rng.choice(INJURY_PHRASES)} {letter.fmt(letter.injury_date)}.",
            f"The injury was attributed to {rng.choice(MECHANISMS[letter.region])}."
            if rng.random() < 0.7 else "",
            f"{Pt} is currently diagnosed with {_join(letter.diagnoses)}."
            if rng.random() < 0.6 else f"{he} has been diagnosed with {_join(letter.diagnoses)}.",
            rng.choice((
                f"{Pt} was seen by  on {letter.fmt(letter.seen)}.",
                f"The most recent progress report, dated {letter.fmt(letter.seen)}, was reviewed.",
                f"On {letter.fmt(letter.seen)}, {pt} reported ongoing {region} pain rated "
                f"{rng.randint(4, 9)}/10.",
            )),
            f"Physical examination revealed {_join(exam)}.",
            f"Prior treatment has included {_join(prior)}.",
            f"Treatment recommendations included {_join(requests)}."
            if rng.random() < 0.5
            else f"The treating physician requested authorization for {_join(requests)}.",
        ]  # fmt: skip
        return " ".join(p for p in parts if p)
