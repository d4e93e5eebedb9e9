"""What the generator can request: services, their surface phrasings, regions, diagnoses, guideline
citations with pages that fit the service, and how often each kind of request is upheld.

Every ``Service.name``, ``Service.category`` and region name here is a canonical name of
``ingest/vocabulary.py`` (checked by tests/test_generate.py). Item templates are the surface
phrasings a treating physician's request shows up as; their slots are filled by :mod:`.letters`:
``{n}`` quantity, ``{f}`` times per week, ``{w}`` weeks, ``{R}`` body region as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.generate import guidelines as g
from ingest.generate.guidelines import Cite, Source

# How a request names the injured region ("{side}" is right/left/bilateral), with the canonical
# body-region name (vocabulary BODY_REGIONS) that wording maps to.
REGION_SURFACES: dict[str, tuple[tuple[str, str], ...]] = {
    "lumbar": (("lumbar spine", "lumbar spine"), ("low back", "lumbar spine"),
               ("lumbosacral spine", "lumbar spine")),
    "cervical": (("cervical spine", "cervical spine"), ("neck", "cervical spine")),
    "thoracic": (("thoracic spine", "thoracic spine"),),
    "shoulder": (("{side} shoulder", "shoulder"),),
    "elbow": (("{side} elbow", "elbow"),),
    "wrist": (("{side} wrist", "wrist"), ("{side} hand", "hand")),
    "knee": (("{side} knee", "knee"),),
}  # fmt: skip
# Injury regions a letter is about, with how common each is among workers' comp claims.
REGION_WEIGHTS: dict[str, float] = {
    "lumbar": 0.36, "cervical": 0.16, "shoulder": 0.18, "knee": 0.14, "wrist": 0.10,
    "elbow": 0.04, "thoracic": 0.02,
}  # fmt: skip
SPINE = ("lumbar", "cervical", "thoracic")
LIMBS = ("shoulder", "elbow", "wrist", "knee")
ANY_REGION = SPINE + LIMBS

DIAGNOSES: dict[str, tuple[str, ...]] = {
    "lumbar": (
        "lumbar radiculopathy", "lumbar disc herniation", "lumbar degenerative disc disease",
        "lumbar sprain/strain", "lumbar spinal stenosis", "lumbar facet arthropathy",
        "sciatica", "lumbosacral spondylosis", "lumbar myofascial pain",
    ),
    "cervical": (
        "cervical strain", "cervical radiculopathy", "cervical degenerative disc disease",
        "cervical spondylosis", "cervicogenic headache", "cervical disc protrusion",
    ),
    "thoracic": ("thoracic strain", "thoracic myofascial pain", "thoracic spondylosis"),
    "shoulder": (
        "rotator cuff tear", "shoulder impingement syndrome", "adhesive capsulitis",
        "rotator cuff tendinitis", "subacromial bursitis", "acromioclavicular joint arthritis",
    ),
    "elbow": ("lateral epicondylitis", "medial epicondylitis", "cubital tunnel syndrome"),
    "wrist": (
        "carpal tunnel syndrome", "de Quervain's tenosynovitis", "wrist sprain",
        "trigger finger", "ulnar neuritis",
    ),
    "knee": (
        "medial meniscal tear", "lateral meniscal tear", "knee osteoarthritis",
        "chondromalacia patella", "knee sprain", "anterior cruciate ligament tear",
    ),
    "systemic": (
        "chronic pain syndrome", "myofascial pain syndrome", "depression secondary to chronic pain",
        "anxiety secondary to chronic pain", "insomnia", "gastritis secondary to medication use",
        "opioid dependence", "major depressive disorder", "generalized anxiety disorder",
    ),
}  # fmt: skip

# Reviewer specialties that plausibly review a family of requests (first = most common).
SPECIALTIES: dict[str, tuple[str, ...]] = {
    "medication": (
        "Anesthesiology", "Physical Medicine and Rehabilitation", "Family Practice",
        "Internal Medicine", "Anesthesiology/Pain Medicine", "Occupational Medicine",
    ),
    "physical": (
        "Physical Medicine and Rehabilitation", "Chiropractic", "Family Practice",
        "Orthopedic Surgery", "Sports Medicine",
    ),
    "procedure": (
        "Anesthesiology", "Anesthesiology/Pain Medicine", "Physical Medicine and Rehabilitation",
        "Neurology",
    ),
    "surgery": ("Orthopedic Surgery", "Neurological Surgery", "Hand Surgery", "Spine Surgery"),
    "diagnostic": (
        "Orthopedic Surgery", "Physical Medicine and Rehabilitation", "Neurology",
        "Occupational Medicine", "Family Practice",
    ),
    "psych": ("Psychiatry", "Psychology", "Psychiatry and Neurology", "Clinical Psychology"),
    "general": (
        "Internal Medicine", "Family Practice", "Occupational Medicine",
        "Physical Medicine and Rehabilitation", "Preventive Medicine",
    ),
}  # fmt: skip
LICENSE_STATES: tuple[str, ...] = (
    "California", "California", "California", "Texas", "Florida", "New York", "Illinois",
    "Pennsylvania", "Ohio", "Arizona", "Washington", "Oregon", "Nevada", "Colorado", "Georgia",
    "Maryland", "Massachusetts", "North Carolina", "Michigan", "Minnesota", "Virginia",
    "New Jersey", "Tennessee", "Wisconsin", "Connecticut",
)  # fmt: skip


@dataclass(frozen=True)
class RegionCite:
    """A citation whose guideline and pages depend on the injured region (ACOEM chapter / ODG)."""

    kind: str  # "acoem" or "odg"
    pages: dict[str, str]  # region key -> pages; an absent region has no page numbers

    def resolve(self, region: str | None) -> Cite:
        key = region or "lumbar"
        table = g.ACOEM_BY_REGION if self.kind == "acoem" else g.ODG_BY_REGION
        return Cite(
            table.get(key, g.ACOEM_BACK if self.kind == "acoem" else g.ODG_BACK),
            self.pages.get(key),
        )


CiteSpec = Cite | RegionCite


@dataclass(frozen=True)
class Service:
    name: str  # canonical service name
    category: str  # canonical category
    family: str  # rationale sentence pools (see rationales.py)
    specialty: str  # key of SPECIALTIES
    templates: tuple[str, ...]
    short: tuple[str, ...]  # how a rationale refers to the request ("physical therapy")
    dose: str  # key of DOSES: which {n}/{f}/{w} values fit
    reviewer: tuple[tuple[CiteSpec, ...], ...]  # alternative citation sets for the reviewer
    admin: tuple[tuple[CiteSpec, ...], ...]  # alternative sets for the claims administrator
    upheld: float  # probability the UR denial is upheld
    weight: float = 1.0  # relative frequency among all requested items
    regions: tuple[str, ...] | None = None  # None: the request names no body region


# (n choices, f choices, w choices); n is f*w when the n choices are empty. {mo}, {dd}, {h}
# (months, days, hours) are drawn the same way for every service: see letters.py.
DOSES: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {
    "visits": ((), (2, 2, 2, 3, 3), (2, 3, 4, 4, 6, 6, 8)),
    "sessions": ((4, 6, 6, 8, 10, 12, 12, 16, 20), (1, 2), (4, 6, 8)),
    "pills": ((30, 60, 60, 90, 90, 120, 120, 180, 240), (2,), (4,)),
    "patch": ((10, 15, 30, 30, 60), (2,), (4,)),
    "tube": ((1, 1, 1, 2, 3), (2,), (4,)),
    "one": ((1,), (2,), (4,)),
    "few": ((2, 2, 3, 4, 6), (2,), (4, 6)),
}

_PM = "physical medicine"
_DME = "durable medical equipment"
_EM = "evaluation and management"
_PSY = "psychology and psychiatry"
_PRG = "programs"
MTUS_CP = g.CHRONIC_PAIN
ODG_PAIN = g.ODG_PAIN


def _c(src: Source, pages: str | None = None) -> tuple[CiteSpec, ...]:
    return (Cite(src, pages),)


def _ra(pages: dict[str, str], odg: bool = True) -> tuple[CiteSpec, ...]:
    """Region-dependent ACOEM chapter (+ the ODG section of the same region)."""
    acoem = RegionCite("acoem", pages)
    return (acoem, RegionCite("odg", {})) if odg else (acoem,)


_ODG_R = (RegionCite("odg", {}),)

# Pharmaceuticals
OPIOID_ADMIN = (_c(ODG_PAIN), _c(MTUS_CP, "74-96"), _c(MTUS_CP, "78"))
NSAID_ADMIN = (_c(ODG_PAIN), _c(MTUS_CP, "67-73"))
RELAX_ADMIN = (_c(ODG_PAIN), _c(MTUS_CP, "63-66"))
TOPICAL_ADMIN = (_c(ODG_PAIN), _c(MTUS_CP, "111-113"))
PT_ADMIN = (_ODG_R, _c(MTUS_CP, "98-99"), _c(ODG_PAIN))


def _drug(
    name: str, family: str, templates: tuple[str, ...], short: tuple[str, ...],
    reviewer: tuple[tuple[CiteSpec, ...], ...], admin: tuple[tuple[CiteSpec, ...], ...],
    upheld: float, weight: float, dose: str = "pills",
) -> Service:  # fmt: skip
    return Service(
        name,
        "pharmaceuticals",
        family,
        "medication",
        templates,
        short,
        dose,
        reviewer,
        admin,
        upheld,
        weight,
    )


SERVICES: tuple[Service, ...] = (
    # --- pharmaceuticals: opioids -------------------------------------------------------------
    _drug("hydrocodone/acetaminophen", "opioid",
          ("Norco 10/325mg #{n}", "Hydrocodone/APAP 10/325mg #{n}", "Norco 5/325 mg, #{n}",
           "Hydrocodone bitartrate/acetaminophen 7.5/325mg #{n}"),
          ("Norco", "hydrocodone/acetaminophen"),
          (_c(MTUS_CP, "74-96"), _c(MTUS_CP, "78-80"), _c(MTUS_CP, "91")), OPIOID_ADMIN, 0.90, 6),
    _drug("oxycodone/acetaminophen", "opioid",
          ("Percocet 10/325mg #{n}", "Oxycodone/APAP 5/325 mg #{n}", "Endocet 10/325mg #{n}"),
          ("Percocet", "oxycodone/acetaminophen"),
          (_c(MTUS_CP, "74-96"), _c(MTUS_CP, "78")), OPIOID_ADMIN, 0.93, 1.5),
    _drug("oxycodone", "opioid", ("Oxycodone 10mg #{n}", "Roxicodone 15mg #{n}"),
          ("oxycodone", "the immediate-release oxycodone"),
          (_c(MTUS_CP, "74-96"), _c(MTUS_CP, "86")), OPIOID_ADMIN, 0.93, 1),
    _drug("oxycodone", "opioid", ("OxyContin 20mg #{n}", "Oxycodone ER 40mg #{n}"),
          ("OxyContin", "extended-release oxycodone"),
          (_c(MTUS_CP, "74-96"), _c(MTUS_CP, "97")), OPIOID_ADMIN, 0.94, 0.7),
    _drug("tramadol", "opioid",
          ("Tramadol 50mg #{n}", "Ultram 50 mg #{n}", "Tramadol ER 150mg #{n}",
           "Tramadol HCl ER 100mg #{n}"),
          ("tramadol", "Ultram"),
          (_c(MTUS_CP, "93-94"), _c(MTUS_CP, "78-80, 93-94"), _c(MTUS_CP, "113")),
          OPIOID_ADMIN, 0.86, 3),
    _drug("tapentadol", "opioid", ("Nucynta 50mg #{n}", "Nucynta ER 100mg #{n}"),
          ("Nucynta", "tapentadol"), (_c(MTUS_CP, "74-96"), _c(ODG_PAIN)), OPIOID_ADMIN, 0.92, 0.7),
    _drug("morphine", "opioid", ("MS Contin 15mg #{n}", "Morphine sulfate ER 30mg #{n}"),
          ("MS Contin", "morphine sulfate"), (_c(MTUS_CP, "74-96"), _c(MTUS_CP, "86")),
          OPIOID_ADMIN, 0.92, 0.6),
    _drug("fentanyl patch", "opioid",
          ("Fentanyl patch 25mcg/hr #{n}", "Duragesic 50mcg patch #{n}"),
          ("fentanyl", "the Duragesic patch"), (_c(MTUS_CP, "44, 74-96"),), OPIOID_ADMIN, 0.94,
          0.4, "patch"),
    _drug("buprenorphine", "opioid",
          ("Butrans patch 10mcg/hr #{n}", "Buprenorphine 8mg #{n}", "Suboxone 8/2mg #{n}"),
          ("buprenorphine", "Butrans"), (_c(MTUS_CP, "26-27"), _c(MTUS_CP, "26-27, 74-96")),
          OPIOID_ADMIN, 0.85, 0.6),
    _drug("hydromorphone", "opioid", ("Dilaudid 4mg #{n}", "Hydromorphone 2mg #{n}"),
          ("Dilaudid", "hydromorphone"), (_c(MTUS_CP, "74-96"),), OPIOID_ADMIN, 0.94, 0.3),
    _drug("methadone", "opioid", ("Methadone 10mg #{n}",), ("methadone",),
          (_c(MTUS_CP, "61-62"),), OPIOID_ADMIN, 0.95, 0.2),
    _drug("codeine/acetaminophen", "opioid", ("Tylenol No. 3, #{n}", "Acetaminophen/codeine "
          "300/30mg #{n}"), ("Tylenol with codeine", "the codeine combination"),
          (_c(MTUS_CP, "35, 74-96"),), OPIOID_ADMIN, 0.88, 0.3),
    # --- pharmaceuticals: NSAIDs, relaxants, adjuvants -----------------------------------------
    _drug("naproxen", "nsaid",
          ("Naproxen sodium 550mg #{n}", "Anaprox DS 550mg #{n}", "Naproxen 500mg #{n}"),
          ("naproxen", "Anaprox"), (_c(MTUS_CP, "67-73"), _c(MTUS_CP, "22, 67-68")), NSAID_ADMIN,
          0.82, 2.5),
    _drug("ibuprofen", "nsaid", ("Ibuprofen 800mg #{n}", "Motrin 800 mg #{n}"),
          ("ibuprofen", "Motrin"), (_c(MTUS_CP, "67-73"), _c(MTUS_CP, "72")), NSAID_ADMIN,
          0.80, 1),
    _drug("meloxicam", "nsaid", ("Meloxicam 15mg #{n}", "Mobic 7.5mg #{n}"),
          ("meloxicam", "Mobic"), (_c(MTUS_CP, "67-73"), _c(MTUS_CP, "61")), NSAID_ADMIN,
          0.82, 0.8),
    _drug("diclofenac", "nsaid",
          ("Diclofenac sodium ER 100mg #{n}", "Voltaren XR 100mg #{n}"),
          ("diclofenac", "Voltaren XR"), (_c(MTUS_CP, "67-73, 71"),), NSAID_ADMIN, 0.85, 0.8),
    _drug("diclofenac", "topical", ("Voltaren 1% gel 100g #{n}", "Diclofenac sodium 1% gel"),
          ("Voltaren gel", "topical diclofenac"), (_c(MTUS_CP, "111-112"),), TOPICAL_ADMIN, 0.80,
          0.6, "tube"),
    _drug("celecoxib", "nsaid", ("Celebrex 200mg #{n}", "Celecoxib 200 mg #{n}"),
          ("Celebrex", "celecoxib"), (_c(MTUS_CP, "30, 67-70"),), NSAID_ADMIN, 0.84, 0.6),
    _drug("nabumetone", "nsaid", ("Nabumetone 750mg #{n}", "Relafen 500mg #{n}"),
          ("nabumetone", "Relafen"), (_c(MTUS_CP, "67-73"),), NSAID_ADMIN, 0.83, 0.4),
    _drug("etodolac", "nsaid", ("Etodolac 400mg #{n}",), ("etodolac",), (_c(MTUS_CP, "67-73"),),
          NSAID_ADMIN, 0.83, 0.2),
    _drug("cyclobenzaprine", "muscle_relaxant",
          ("Cyclobenzaprine 7.5mg #{n}", "Flexeril 10mg #{n}", "Fexmid 7.5mg #{n}"),
          ("cyclobenzaprine", "Flexeril"), (_c(MTUS_CP, "41-42, 63-66"), _c(MTUS_CP, "63-66")),
          RELAX_ADMIN, 0.95, 3),
    _drug("carisoprodol", "muscle_relaxant", ("Soma 350mg #{n}", "Carisoprodol 350 mg #{n}"),
          ("Soma", "carisoprodol"), (_c(MTUS_CP, "29, 65"),), RELAX_ADMIN, 0.97, 1),
    _drug("tizanidine", "muscle_relaxant", ("Tizanidine 4mg #{n}", "Zanaflex 4 mg #{n}"),
          ("tizanidine", "Zanaflex"), (_c(MTUS_CP, "63-66"), _c(MTUS_CP, "66")), RELAX_ADMIN,
          0.90, 1),
    _drug("methocarbamol", "muscle_relaxant", ("Methocarbamol 750mg #{n}", "Robaxin 750mg #{n}"),
          ("methocarbamol", "Robaxin"), (_c(MTUS_CP, "63-66"),), RELAX_ADMIN, 0.92, 0.5),
    _drug("baclofen", "muscle_relaxant", ("Baclofen 10mg #{n}",), ("baclofen",),
          (_c(MTUS_CP, "64"),), RELAX_ADMIN, 0.88, 0.3),
    _drug("orphenadrine", "muscle_relaxant", ("Orphenadrine ER 100mg #{n}", "Norflex 100mg "
          "#{n}"), ("orphenadrine", "Norflex"), (_c(MTUS_CP, "63-65"),), RELAX_ADMIN, 0.93, 0.3),
    _drug("gabapentin", "neuropathic",
          ("Gabapentin 600mg #{n}", "Neurontin 300mg #{n}", "Gabapentin 300 mg #{n}"),
          ("gabapentin", "Neurontin"), (_c(MTUS_CP, "16-22"), _c(MTUS_CP, "18-19, 49")),
          (_c(MTUS_CP, "16-22"), _c(ODG_PAIN)), 0.78, 2),
    _drug("pregabalin", "neuropathic", ("Lyrica 75mg #{n}", "Pregabalin 50mg #{n}"),
          ("Lyrica", "pregabalin"), (_c(MTUS_CP, "16-20, 99"),), (_c(MTUS_CP, "16-22"),),
          0.82, 0.8),
    _drug("topiramate", "neuropathic", ("Topiramate 50mg #{n}", "Topamax 25mg #{n}"),
          ("topiramate", "Topamax"), (_c(MTUS_CP, "21"),), (_c(MTUS_CP, "16-22"),), 0.92, 0.3),
    _drug("duloxetine", "antidepressant", ("Cymbalta 60mg #{n}", "Duloxetine 30mg #{n}"),
          ("Cymbalta", "duloxetine"), (_c(MTUS_CP, "13-16"), _c(MTUS_CP, "15-16, 43-44")),
          (_c(MTUS_CP, "13-16"), _c(g.ODG_MENTAL)), 0.75, 0.8),
    _drug("amitriptyline", "antidepressant", ("Amitriptyline 25mg #{n}", "Elavil 10mg #{n}"),
          ("amitriptyline", "Elavil"), (_c(MTUS_CP, "13-15"),), (_c(MTUS_CP, "13-16"),), 0.80, 0.4),
    _drug("trazodone", "sleep", ("Trazodone 50mg #{n}", "Desyrel 100mg #{n}"),
          ("trazodone", "Desyrel"), (_c(g.ODG_MENTAL), _c(ODG_PAIN)), (_c(ODG_PAIN),), 0.85, 0.6),
    _drug("omeprazole", "ppi", ("Omeprazole 20mg #{n}", "Prilosec 20 mg #{n}"),
          ("omeprazole", "a proton pump inhibitor"), (_c(MTUS_CP, "68-69"),),
          (_c(MTUS_CP, "68-69"), _c(ODG_PAIN)), 0.88, 1.5),
    _drug("pantoprazole", "ppi", ("Pantoprazole 20mg #{n}", "Protonix 40mg #{n}"),
          ("pantoprazole", "Protonix"), (_c(MTUS_CP, "68-69"),), (_c(MTUS_CP, "68-69"),),
          0.88, 0.6),
    _drug("esomeprazole", "ppi", ("Nexium 40mg #{n}",), ("Nexium", "esomeprazole"),
          (_c(MTUS_CP, "68-69"),), (_c(ODG_PAIN),), 0.90, 0.3),
    _drug("ondansetron", "antiemetic", ("Ondansetron 8mg ODT #{n}", "Zofran 4mg #{n}"),
          ("ondansetron", "Zofran"), (_c(ODG_PAIN),), (_c(ODG_PAIN),), 0.96, 0.8),
    _drug("docusate", "laxative", ("Docusate sodium 100mg #{n}", "Colace 100mg #{n}"),
          ("the stool softener", "docusate"), (_c(MTUS_CP, "77"),), (_c(ODG_PAIN),), 0.70, 0.3),
    _drug("zolpidem", "sleep", ("Zolpidem 10mg #{n}", "Ambien 10 mg #{n}", "Ambien CR 12.5mg #{n}"),
          ("zolpidem", "Ambien"), (_c(ODG_PAIN), _c(g.ODG_MENTAL)), (_c(ODG_PAIN),), 0.94, 1),
    _drug("alprazolam", "sleep", ("Alprazolam 0.5mg #{n}", "Xanax 1mg #{n}"),
          ("alprazolam", "Xanax"), (_c(MTUS_CP, "24"),), (_c(MTUS_CP, "24"),), 0.96, 0.4),
    _drug("lidocaine patch", "topical", ("Lidoderm 5% patch #{n}", "Lidocaine 5% patches #{n}"),
          ("the Lidoderm patch", "topical lidocaine"), (_c(MTUS_CP, "56-57, 112"),),
          TOPICAL_ADMIN, 0.93, 1.2, "patch"),
    _drug("compounded topical cream", "topical",
          ("Flurbiprofen 20%/Lidocaine 5% cream 180gm", "Compounded topical cream "
           "(Ketoprofen/Gabapentin/Lidocaine) 240gm", "Terocin lotion 120ml",
           "Flurbiprofen/Cyclobenzaprine/Menthol cream #{n}"),
          ("the compounded topical cream", "the topical compound"), (_c(MTUS_CP, "111-113"),),
          TOPICAL_ADMIN, 0.98, 2.5, "tube"),
    _drug("medical food", "experimental", ("Theramine #{n}", "Sentra PM medical food #{n}"),
          ("the medical food", "Theramine"), (_c(ODG_PAIN),), (_c(ODG_PAIN),), 0.99, 0.3),
    # --- physical medicine ----------------------------------------------------------------------
    Service("physical therapy", _PM, "pt", "physical",
            ("{n} Physical therapy visits, {f} times per week for {w} weeks, {R}",
             "Physical therapy {f}x/week x {w} weeks for the {R}",
             "Additional physical therapy, {n} sessions, {R}",
             "Physical therapy {f} x {w} for the {R}",
             "Outpatient physical therapy to the {R}, {n} visits",
             "{n} Physical and home therapy visits for the {R}"),
            ("physical therapy", "additional physical therapy"), "visits",
            (_c(MTUS_CP, "98-99"), _c(MTUS_CP, "46-47, 98-99")), PT_ADMIN, 0.72, 6, ANY_REGION),
    Service("physical therapy", _PM, "postop_pt", "physical",
            ("{n} Post-operative physical therapy visits for the {R}",
             "Postoperative physical therapy {f}x{w} for the {R}",
             "Post-op physical therapy, {n} sessions, {R}"),
            ("postoperative physical therapy",), "visits",
            (_c(g.POSTSURGICAL, "10-12"), _c(g.POSTSURGICAL, "24-26")),
            (_c(g.POSTSURGICAL), _ODG_R), 0.55, 1.2, ("shoulder", "knee", "wrist", "lumbar")),
    Service("occupational therapy", _PM, "pt", "physical",
            ("{n} Occupational therapy visits for the {R}",
             "Occupational therapy {f}x/week x {w} weeks, {R}"),
            ("occupational therapy", "hand therapy"), "visits",
            (_c(MTUS_CP, "98-99"),), PT_ADMIN, 0.72, 0.8, ("wrist", "elbow", "shoulder")),
    Service("chiropractic", _PM, "chiro", "physical",
            ("{n} Chiropractic treatments for the {R}",
             "Chiropractic manipulation {f}x/week x {w} weeks, {R}",
             "Chiropractic care, {n} sessions, {R}"),
            ("chiropractic care", "manipulation"), "visits",
            (_c(MTUS_CP, "58-60"),), (_c(MTUS_CP, "58-60"), _ODG_R), 0.76, 2.5, SPINE),
    Service("acupuncture", _PM, "acupuncture", "physical",
            ("{n} Acupuncture sessions for the {R}",
             "Acupuncture {f}x/week x {w} weeks, {R}",
             "Additional acupuncture treatments, {n} visits, {R}"),
            ("acupuncture", "additional acupuncture"), "visits",
            (_c(g.ACUPUNCTURE), _c(g.ACUPUNCTURE, "8-9")), (_c(g.ACUPUNCTURE), _c(ODG_PAIN)),
            0.70, 2.5, ANY_REGION),
    Service("aquatic therapy", _PM, "aquatic", "physical",
            ("{n} Aquatic therapy sessions, {R}", "Aquatic therapy {f}x/week x {w} weeks"),
            ("aquatic therapy", "pool therapy"), "visits", (_c(MTUS_CP, "22, 98-99"),),
            (_c(MTUS_CP, "22"),), 0.82, 0.6, ("lumbar", "knee")),
    Service("massage therapy", _PM, "massage", "physical",
            ("{n} Massage therapy sessions for the {R}", "Massage therapy {f}x{w}, {R}"),
            ("massage therapy", "massage"), "visits", (_c(MTUS_CP, "60"),), (_c(MTUS_CP, "60"),),
            0.90, 0.5, (*SPINE, "shoulder")),
    Service("extracorporeal shockwave therapy", _PM, "experimental", "physical",
            ("Extracorporeal shockwave therapy, {n} sessions, {R}", "ESWT to the {R}"),
            ("shockwave therapy", "ESWT"), "few", (_ODG_R,), (_ODG_R,), 0.96, 0.4,
            ("shoulder", "elbow")),
    Service("biofeedback", _PM, "psych", "psych",
            ("{n} Biofeedback sessions", "Biofeedback therapy {f}x/week x {w} weeks"),
            ("biofeedback", "biofeedback therapy"), "sessions", (_c(MTUS_CP, "24-25"),),
            (_c(MTUS_CP, "24-25"),), 0.85, 0.3),
    # --- diagnostics ----------------------------------------------------------------------------
    Service("mri", "diagnostic imaging", "imaging", "diagnostic",
            ("MRI of the {R}", "MRI of the {R} without contrast", "Repeat MRI of the {R}",
             "Magnetic resonance imaging (MRI) of the {R}"),
            ("MRI", "repeat imaging"), "one",
            (_ra({"lumbar": "303-305", "cervical": "177-179", "thoracic": "303-304",
                  "shoulder": "207-209", "knee": "341-343", "wrist": "268-269"}),
             _ra({"lumbar": "303-304", "cervical": "177-178", "shoulder": "209",
                  "knee": "343", "wrist": "269"}, odg=False)),
            (_ODG_R,), 0.86, 3, ANY_REGION),
    Service("ct scan", "diagnostic imaging", "imaging", "diagnostic",
            ("CT scan of the {R}", "CT of the {R} without contrast"), ("CT scan", "the CT study"),
            "one", (_ra({"lumbar": "303-305", "cervical": "177-179", "knee": "343"}),),
            (_ODG_R,), 0.88, 0.5, ("lumbar", "cervical", "knee")),
    Service("x-ray", "diagnostic imaging", "imaging", "diagnostic",
            ("X-rays of the {R}", "Repeat X-rays of the {R}", "Radiographs of the {R}"),
            ("plain radiographs", "X-rays"), "one",
            (_ra({"lumbar": "303-304", "cervical": "177-178", "shoulder": "207-208",
                  "knee": "341-342", "wrist": "268"}, odg=False),), (_ODG_R,), 0.80, 0.8,
            ANY_REGION),
    Service("bone scan", "diagnostic imaging", "imaging", "diagnostic",
            ("Bone scan of the {R}", "Triple phase bone scan, {R}"), ("the bone scan",), "one",
            (_ODG_R,), (_ODG_R,), 0.92, 0.2, ANY_REGION),
    Service("ultrasound", "diagnostic imaging", "imaging", "diagnostic",
            ("Diagnostic ultrasound of the {R}", "Ultrasound of the {R}"), ("the ultrasound",),
            "one", (_ra({"shoulder": "207-209", "knee": "341-343"}),), (_ODG_R,), 0.80, 0.3,
            ("shoulder", "knee", "elbow")),
    Service("emg/ncv", "electrodiagnostics", "electrodiagnostic", "diagnostic",
            ("@lumbar=lower extremity:EMG/NCV of the bilateral lower extremities",
             "@cervical=upper extremity:EMG/NCS of the bilateral upper extremities",
             "@wrist=upper extremity:EMG/NCS of the bilateral upper extremities",
             "Electromyography (EMG) of the {R}", "Nerve conduction studies of the {R}"),
            ("electrodiagnostic testing", "EMG/NCV studies"), "one",
            (_ra({"lumbar": "303", "cervical": "178", "wrist": "261", "elbow": "33"}),),
            (_ODG_R, (Cite(g.ODG_CARPAL),)), 0.85, 1.5, ("lumbar", "cervical", "wrist", "elbow")),
    Service("urine drug screen", "other", "lab_uds", "general",
            ("Urine drug screen", "Urine toxicology screen", "Retrospective urine drug test",
             "{n} Urine drug screens"),
            ("urine drug testing", "toxicology screening"), "few",
            (_c(MTUS_CP, "43"), _c(MTUS_CP, "43, 77-78, 94")), (_c(ODG_PAIN),), 0.78, 1.5),
    Service("laboratory tests", "other", "lab_uds", "general",
            ("Laboratory testing (CBC, CMP)", "Lab work - hepatic and renal panel",
             "Complete blood count (CBC) and chemistry panel"),
            ("laboratory testing", "the blood work"), "one", (_c(MTUS_CP, "70"),),
            (_c(ODG_PAIN),), 0.80, 0.5),
    Service("genetic testing", "other", "lab_genetic", "general",
            ("Genetic testing for opioid metabolism", "Cytochrome P450 genetic testing"),
            ("genetic testing", "pharmacogenetic testing"), "one", (_c(ODG_PAIN),),
            (_c(ODG_PAIN),), 0.98, 0.3),
    Service("sleep study", "other", "experimental", "general",
            ("Sleep study", "Polysomnography"), ("the sleep study", "polysomnography"), "one",
            (_c(ODG_PAIN),), (_c(ODG_PAIN),), 0.90, 0.2),
    # --- injections -----------------------------------------------------------------------------
    Service("epidural steroid injection", "injections", "esi", "procedure",
            ("@lumbar=lumbar spine:Lumbar epidural steroid injection at L4-L5",
             "@lumbar=lumbar spine:Transforaminal epidural steroid injection, left L5-S1",
             "@cervical=cervical spine:Cervical epidural steroid injection at C5-C6",
             "Epidural steroid injection, {R}",
             "@lumbar=lumbar spine:Repeat lumbar epidural steroid injection"),
            ("the epidural steroid injection", "an epidural injection"), "one",
            (_c(MTUS_CP, "46"), _c(MTUS_CP, "46-47")), (_c(MTUS_CP, "46"), _ODG_R), 0.80, 2.5,
            ("lumbar", "cervical")),
    Service("facet joint injection", "injections", "facet", "procedure",
            ("@lumbar=lumbar spine:Bilateral L4-5 facet joint injections",
             "@cervical=cervical spine:Cervical facet injection C5-6", "Facet blocks, {R}"),
            ("facet joint injections", "the facet injections"), "one",
            (_ra({"lumbar": "300-301", "cervical": "174-175"}),), (_ODG_R,), 0.88, 0.7,
            ("lumbar", "cervical")),
    Service("medial branch block", "injections", "facet", "procedure",
            ("@lumbar=lumbar spine:Medial branch block at L4-L5 and L5-S1",
             "Diagnostic medial branch blocks, {R}"),
            ("the medial branch blocks", "diagnostic blocks"), "one",
            (_ra({"lumbar": "300-301", "cervical": "174-175"}),), (_ODG_R,), 0.85, 0.6,
            ("lumbar", "cervical")),
    Service("radiofrequency ablation", "injections", "facet", "procedure",
            ("@lumbar=lumbar spine:Radiofrequency ablation at L4-5 and L5-S1",
             "Radiofrequency neurotomy, {R}",
             "@lumbar=lumbar spine:Lumbar radiofrequency rhizotomy bilateral L3-L5"),
            ("radiofrequency ablation", "the rhizotomy"), "one",
            (_ra({"lumbar": "300-301", "cervical": "174"}),), (_ODG_R,), 0.85, 0.6,
            ("lumbar", "cervical")),
    Service("sacroiliac joint injection", "injections", "facet", "procedure",
            ("@lumbar=lumbar spine:Left sacroiliac joint injection",
             "@lumbar=lumbar spine:Bilateral SI joint injections"),
            ("the sacroiliac joint injection",), "one", (_c(g.ODG_BACK),), (_c(g.ODG_BACK),),
            0.86, 0.3, ("lumbar",)),
    Service("trigger point injection", "injections", "trigger_point", "procedure",
            ("Trigger point injections to the {R}", "{n} Trigger point injections, {R}"),
            ("trigger point injections",), "few", (_c(MTUS_CP, "122"),), (_c(MTUS_CP, "122"),),
            0.90, 1, (*SPINE, "shoulder")),
    Service("cortisone injection", "injections", "joint_injection", "procedure",
            ("Cortisone injection to the {R}", "Corticosteroid injection, {R}",
             "@shoulder=shoulder:Subacromial steroid injection, {R}",
             "Intra-articular steroid injection of the {R}"),
            ("the corticosteroid injection", "a steroid injection"), "one",
            (_ra({"shoulder": "204, 213", "knee": "339, 346", "wrist": "271-273",
                  "elbow": "27-29"}),), (_ODG_R,), 0.75, 1, LIMBS),
    Service("viscosupplementation", "injections", "joint_injection", "procedure",
            ("Synvisc injection to the {R}", "Series of hyaluronic acid injections, {R}",
             "Orthovisc series of injections for the {R}"),
            ("viscosupplementation", "hyaluronic acid injections"), "one",
            (_c(g.ODG_KNEE),), (_c(g.ODG_KNEE),), 0.80, 0.6, ("knee",)),
    Service("platelet-rich plasma injection", "injections", "experimental", "procedure",
            ("Platelet rich plasma (PRP) injection to the {R}", "PRP injection, {R}"),
            ("PRP injection", "platelet-rich plasma"), "one", (_ODG_R,), (_ODG_R,), 0.97, 0.4,
            ("knee", "elbow", "shoulder")),
    Service("botulinum toxin injection", "injections", "experimental", "procedure",
            ("Botox injection to the {R}", "Botulinum toxin injection for the {R}"),
            ("Botox", "botulinum toxin"), "one", (_c(MTUS_CP, "25-26"),), (_c(MTUS_CP, "25-26"),),
            0.95, 0.3, ("cervical", "lumbar")),
    Service("nerve block", "injections", "esi", "procedure",
            ("@cervical=head:Occipital nerve block", "Stellate ganglion block"),
            ("the nerve block",), "one",
            (_c(MTUS_CP, "39-40, 103-104"),), (_c(ODG_PAIN),), 0.85, 0.3, ("cervical",)),
    Service("ketorolac injection", "injections", "nsaid", "medication",
            ("Toradol 60mg IM injection", "Ketorolac injection 60 mg"),
            ("the Toradol injection", "ketorolac"), "one", (_c(MTUS_CP, "72"),),
            (_c(ODG_PAIN),), 0.90, 0.4),
    # --- surgery --------------------------------------------------------------------------------
    Service("spinal fusion", "surgery", "surgery", "surgery",
            ("@lumbar=lumbar spine:L4-L5 posterior lumbar interbody fusion",
             "@lumbar=lumbar spine:Lumbar fusion at L5-S1 with instrumentation",
             "@lumbar=lumbar spine:Anterior/posterior lumbar fusion L4-S1"),
            ("the lumbar fusion", "spinal fusion"), "one",
            (_ra({"lumbar": "305-307"}),), (_c(g.ODG_BACK),), 0.90, 0.6, ("lumbar",)),
    Service("lumbar discectomy", "surgery", "surgery", "surgery",
            ("@lumbar=lumbar spine:Lumbar microdiscectomy at L5-S1",
             "@lumbar=lumbar spine:L4-5 laminectomy and discectomy",
             "Hemilaminotomy and discectomy, {R}"),
            ("the microdiscectomy", "decompressive surgery"), "one",
            (_ra({"lumbar": "305-306"}),), (_c(g.ODG_BACK),), 0.80, 0.5, ("lumbar",)),
    Service("spinal fusion", "surgery", "surgery", "surgery",
            ("@cervical=cervical spine:Anterior cervical discectomy and fusion C5-C6",
             "@cervical=cervical spine:ACDF at C5-6 and C6-7"),
            ("the cervical fusion", "anterior cervical surgery"), "one",
            (_ra({"cervical": "180-181"}),), (_c(g.ODG_NECK),), 0.85, 0.4, ("cervical",)),
    Service("arthroscopy", "surgery", "surgery", "surgery",
            ("{R} arthroscopy with subacromial decompression", "Arthroscopic rotator cuff "
             "repair, {R}", "Shoulder arthroscopy with distal clavicle resection, {R}"),
            ("shoulder arthroscopy", "the arthroscopic surgery"), "one",
            (_ra({"shoulder": "209-211"}),), (_c(g.ODG_SHOULDER),), 0.72, 0.6, ("shoulder",)),
    Service("arthroscopy", "surgery", "surgery", "surgery",
            ("{R} arthroscopy with partial medial meniscectomy", "Arthroscopic partial "
             "meniscectomy, {R}", "Knee arthroscopy with chondroplasty, {R}"),
            ("knee arthroscopy", "the meniscectomy"), "one",
            (_ra({"knee": "344-345"}),), (_c(g.ODG_KNEE),), 0.72, 0.6, ("knee",)),
    Service("carpal tunnel release", "surgery", "surgery", "surgery",
            ("@wrist=wrist:{side} carpal tunnel release", "@wrist=wrist:Open carpal tunnel "
             "release, {side} wrist", "@wrist=wrist:Endoscopic carpal tunnel release"),
            ("carpal tunnel release", "the release"), "one",
            (_ra({"wrist": "270"}),), (_c(g.ODG_CARPAL),), 0.70, 0.5, ("wrist",)),
    Service("trigger finger release", "surgery", "surgery", "surgery",
            ("@wrist=hand:Trigger finger release, {side} ring finger",
             "@wrist=hand:{side} trigger thumb release"),
            ("the trigger finger release",), "one", (_ra({"wrist": "271"}),),
            (_c(g.ODG_HAND),), 0.75, 0.2, ("wrist",)),
    Service("total knee arthroplasty", "surgery", "surgery", "surgery",
            ("{R} total knee arthroplasty", "Total knee replacement, {R}"),
            ("total knee arthroplasty", "knee replacement"), "one",
            (_c(g.ODG_KNEE),), (_c(g.ODG_KNEE),), 0.82, 0.3, ("knee",)),
    Service("spinal cord stimulator", "surgery", "scs", "procedure",
            ("Spinal cord stimulator trial", "Percutaneous spinal cord stimulator trial, {R}"),
            ("the spinal cord stimulator trial", "neurostimulation"), "one",
            (_c(MTUS_CP, "101, 105-107"), _c(MTUS_CP, "105-107")), (_c(MTUS_CP, "105-107"),),
            0.88, 0.4, ("lumbar", "cervical")),
    # --- durable medical equipment --------------------------------------------------------------
    Service("tens unit", _DME, "electrotherapy", "physical",
            ("TENS unit", "Transcutaneous electrical nerve stimulation (TENS) unit, 30 day trial",
             "Purchase of TENS unit with supplies", "TENS unit rental for {mo} months"),
            ("the TENS unit", "transcutaneous electrical nerve stimulation"), "one",
            (_c(MTUS_CP, "114-116"),), (_c(MTUS_CP, "114-116"), _c(ODG_PAIN)), 0.88, 1.5),
    Service("interferential stimulator", _DME, "electrotherapy", "physical",
            ("Interferential unit", "Interferential current stimulator rental for {mo} months"),
            ("the interferential unit", "interferential current stimulation"), "one",
            (_c(MTUS_CP, "118-120"),), (_c(MTUS_CP, "118-120"),), 0.95, 0.5),
    Service("h-wave device", _DME, "electrotherapy", "physical",
            ("Home H-wave device", "H-wave unit purchase"), ("the H-wave device", "H-wave"),
            "one", (_c(MTUS_CP, "117-118"),), (_c(MTUS_CP, "117-118"),), 0.90, 0.4),
    Service("neuromuscular electrical stimulator", _DME, "electrotherapy", "physical",
            ("NMES unit", "Neuromuscular electrical stimulation device"), ("the NMES device",),
            "one", (_c(MTUS_CP, "121"),), (_c(MTUS_CP, "121"),), 0.97, 0.2),
    Service("cold therapy unit", _DME, "dme", "surgery",
            ("Cold therapy unit for {dd} days, {R}", "Vascutherm cold compression unit",
             "Continuous-flow cryotherapy unit, {R}"),
            ("the cold therapy unit", "cryotherapy"), "one", (_ODG_R,), (_ODG_R,), 0.85, 0.6,
            ("shoulder", "knee", "wrist")),
    Service("continuous passive motion", _DME, "dme", "surgery",
            ("Continuous passive motion device for {dd} days", "CPM machine rental, {R}"),
            ("the continuous passive motion device",), "one", (_ODG_R,), (_ODG_R,), 0.85, 0.3,
            ("knee", "shoulder")),
    Service("hot/cold pack", _DME, "dme", "general",
            ("Hot/cold pack", "Heating pad"), ("the hot/cold pack",), "one", (_c(g.ACOEM_BACK,
            "299-300"),), (_ODG_R,), 0.80, 0.3, ("lumbar", "cervical")),
    Service("back brace", _DME, "dme", "general",
            ("@lumbar=lumbar spine:Lumbar support brace", "@lumbar=lumbar spine:LSO back brace",
             "@thoracic=lumbar spine:Thoracolumbar support"),
            ("the back brace", "the lumbar support"), "one",
            (_ra({"lumbar": "301", "thoracic": "301"}, odg=False),), (_ODG_R,), 0.90, 0.6,
            ("lumbar", "thoracic")),
    Service("knee brace", _DME, "dme", "general",
            ("Hinged brace for the {R}", "@knee=knee:Knee brace, {side} knee"),
            ("the knee brace", "the hinged brace"), "one",
            (_ra({"knee": "340"}, odg=False),), (_ODG_R,), 0.80, 0.4, ("knee",)),
    Service("wrist splint", _DME, "dme", "general",
            ("Splint for the {R}", "@wrist=wrist:Wrist brace, {side} wrist",
             "Thumb spica splint, {R}"),
            ("the splint", "the wrist brace"), "one",
            (_ra({"wrist": "264-265"}, odg=False),), (_ODG_R,), 0.75, 0.3, ("wrist",)),
    Service("cervical collar", _DME, "dme", "general",
            ("@cervical=cervical spine:Cervical collar", "@cervical=cervical spine:Soft cervical "
             "collar"), ("the cervical collar",), "one", (_ra({"cervical": "175"}),), (_ODG_R,),
            0.90, 0.2, ("cervical",)),
    Service("traction unit", _DME, "dme", "general",
            ("@cervical=cervical spine:Home cervical traction unit",
             "@lumbar=lumbar spine:Lumbar traction device"), ("the traction unit",),
            "one", (_ra({"cervical": "173", "lumbar": "300"}),), (_ODG_R,), 0.90, 0.3,
            ("cervical", "lumbar")),
    Service("home exercise kit", _DME, "dme", "physical",
            ("Home exercise kit", "Home exercise equipment, {R}"),
            ("the home exercise kit", "exercise equipment"), "one", (_ODG_R,),
            (_c(ODG_PAIN),), 0.90, 0.4, ANY_REGION),
    Service("walking aid", _DME, "dme", "general",
            ("Single point cane", "Front wheeled walker", "Crutches"),
            ("the walking aid", "the assistive device"), "one", (_c(g.ODG_KNEE),),
            (_c(g.ODG_KNEE),), 0.80, 0.3, ("knee", "lumbar")),
    Service("wheelchair", _DME, "dme", "general",
            ("Motorized scooter", "Manual wheelchair rental"), ("the wheelchair",), "one",
            (_c(g.ODG_KNEE),), (_c(g.ODG_KNEE),), 0.92, 0.2, ("knee", "lumbar")),
    # --- evaluation & management ----------------------------------------------------------------
    Service("pain management consultation", _EM, "consult", "general",
            ("Pain management consultation", "Referral to pain management specialist",
             "Consultation with a pain management specialist"),
            ("the pain management referral", "the consultation"), "one",
            (_c(g.ACOEM_CONSULT, "127"),), (_c(g.ACOEM_CONSULT, "127"), _c(ODG_PAIN)), 0.62, 1.2),
    Service("orthopedic consultation", _EM, "consult", "general",
            ("Orthopedic surgeon consultation for the {R}", "Referral to orthopedic spine "
             "surgeon", "Orthopedic consultation, {R}"),
            ("the orthopedic referral", "the surgical consultation"), "one",
            (_c(g.ACOEM_CONSULT, "127"), _ra({"lumbar": "305-306", "shoulder": "209-210",
                                              "knee": "344", "cervical": "180"}, odg=False)),
            (_c(g.ACOEM_CONSULT, "127"),), 0.58, 0.8, ANY_REGION),
    Service("neurology consultation", _EM, "consult", "general",
            ("Neurology consultation", "Referral to a neurologist"),
            ("the neurology referral",), "one", (_c(g.ACOEM_CONSULT, "127"),),
            (_c(g.ACOEM_CONSULT, "127"),), 0.70, 0.3),
    Service("specialist consultation", _EM, "consult", "general",
            ("Internal medicine consultation", "Referral to internal medicine for GI complaints",
             "Podiatry consultation"),
            ("the internal medicine consultation", "the referral"), "one",
            (_c(g.ACOEM_CONSULT, "127"),), (_c(g.ACOEM_CONSULT, "127"),), 0.75, 0.5),
    Service("follow-up office visit", _EM, "office_visit", "general",
            ("{n} Follow-up office visits", "Follow-up visit with the treating physician",
             "Monthly office visits x {n}"),
            ("the follow-up visits", "continued office visits"), "few",
            (_c(ODG_PAIN),), (_c(ODG_PAIN),), 0.60, 0.8),
    Service("functional capacity evaluation", _EM, "consult", "general",
            ("Functional capacity evaluation", "FCE to determine work capacity"),
            ("the functional capacity evaluation",), "one", (_c(g.ACOEM_CONSULT, "137-138"),),
            (_c(ODG_PAIN),), 0.82, 0.4),
    Service("preoperative clearance", _EM, "consult", "surgery",
            ("Pre-operative medical clearance", "Preoperative clearance with internist"),
            ("the preoperative clearance",), "one", (_ODG_R,), (_ODG_R,), 0.60, 0.2),
    # --- psychology / psychiatry ----------------------------------------------------------------
    Service("cognitive behavioral therapy", _PSY, "psych", "psych",
            ("{n} Sessions of cognitive behavioral therapy", "Cognitive behavioral therapy "
             "{f}x/week x {w} weeks", "CBT, {n} sessions"),
            ("cognitive behavioral therapy", "CBT"), "sessions",
            (_c(MTUS_CP, "23, 101-102"), _c(g.ODG_MENTAL)), (_c(g.ODG_MENTAL), _c(MTUS_CP, "23")),
            0.62, 0.8),
    Service("psychotherapy", _PSY, "psych", "psych",
            ("Psychotherapy {f}x/week x {w} weeks", "Individual psychotherapy, {n} sessions",
             "{n} Psychological treatment sessions"),
            ("psychotherapy", "psychological treatment"), "sessions",
            (_c(MTUS_CP, "101-102"), _c(g.ODG_MENTAL)), (_c(g.ODG_MENTAL),), 0.64, 0.6),
    Service("psychological evaluation", _PSY, "psych", "psych",
            ("Psychological evaluation", "Psychological testing and evaluation",
             "Psychiatric consultation"),
            ("the psychological evaluation", "the psychiatric assessment"), "one",
            (_c(MTUS_CP, "100-101"), _c(g.ACOEM_STRESS, "398")), (_c(g.ODG_MENTAL),), 0.60, 0.6),
    # --- home health, programs, other -----------------------------------------------------------
    Service("home health care", "home health", "home_health", "general",
            ("Home health care {h} hours per week", "Home health aide, {h} hours/week for "
             "{w} weeks", "In-home assistance {h} hours per week"),
            ("home health services", "the home health aide"), "one",
            (_c(MTUS_CP, "51"),), (_c(MTUS_CP, "51"), _c(ODG_PAIN)), 0.88, 0.7),
    Service("functional restoration program", _PRG, "program", "general",
            ("Functional restoration program x {dd} days", "Functional restoration program "
             "evaluation", "{h} hours of a functional restoration program",
             "Functional restoration program, {n} sessions"),
            ("the functional restoration program", "a multidisciplinary program"), "sessions",
            (_c(MTUS_CP, "30-34, 49"), _c(MTUS_CP, "30-32")), (_c(MTUS_CP, "30-34"),), 0.80, 0.8),
    Service("work hardening", _PRG, "program", "physical",
            ("Work hardening program, {n} sessions", "Work conditioning {f}x/week x {w} weeks"),
            ("work hardening", "the work conditioning program"), "visits",
            (_c(MTUS_CP, "125"),), (_c(MTUS_CP, "125"),), 0.86, 0.4),
    Service("gym membership", _PRG, "other", "general",
            ("Gym membership for {mo} months", "Gym membership with pool access"),
            ("the gym membership", "a gym membership"), "one", (_c(g.ODG_BACK),),
            (_c(g.ODG_BACK),), 0.98, 0.4),
    Service("weight loss program", _PRG, "other", "general",
            ("Weight loss program", "Medically supervised weight loss program x {mo} months"),
            ("the weight loss program", "a weight reduction program"), "one", (_c(ODG_PAIN),),
            (_c(ODG_PAIN),), 0.95, 0.3),
    Service("detoxification program", _PRG, "program", "medication",
            ("Outpatient detoxification program", "Opioid detox program, {dd} days"),
            ("the detoxification program",), "one", (_c(MTUS_CP, "42"),), (_c(MTUS_CP, "42"),),
            0.70, 0.2),
    Service("transportation", "other", "other", "general",
            ("Transportation to and from medical appointments", "Round trip transportation "
             "for {n} visits"),
            ("the transportation request", "medical transportation"), "few", (_c(g.ODG_KNEE),),
            (_c(g.ODG_KNEE),), 0.85, 0.3),
)  # fmt: skip

# The first entry of a canonical name is its main one (later ones are variants such as
# post-operative physical therapy or topical diclofenac).
SERVICE_BY_NAME: dict[str, Service] = {s.name: s for s in reversed(SERVICES)}

# DMHC (health plan) rows use the state's own category labels and different dispute mixes.
DMHC_CATEGORIES: dict[str, tuple[str, str]] = {
    # canonical service -> (DMHC Treatment Category, DMHC Treatment Sub Category)
    "mri": ("Diagnostic Imaging, Screening and Testing", "MRI"),
    "ct scan": ("Diagnostic Imaging, Screening and Testing", "CT Scan"),
    "physical therapy": ("Rehab/ Svc - Outpatient", "Physical Therapy"),
    "occupational therapy": ("Rehab/ Svc - Outpatient", "Occupational Therapy"),
    "acupuncture": ("Alternative Medicine", "Acupuncture"),
    "chiropractic": ("Alternative Medicine", "Chiropractic"),
    "psychotherapy": ("Mental Health", "Outpatient Psychotherapy"),
    "pregabalin": ("Pharmacy", "Anticonvulsants"),
    "duloxetine": ("Pharmacy", "Antidepressants"),
    "oxycodone": ("Pharmacy", "Analgesics"),
    "buprenorphine": ("Pharmacy", "Analgesics"),
    "spinal fusion": ("Orthopedic Procedure", "Spinal Surgery"),
    "arthroscopy": ("Orthopedic Procedure", "Arthroscopy"),
    "total knee arthroplasty": ("Orthopedic Procedure", "Joint Replacement"),
    "spinal cord stimulator": ("Pain Management", "Spinal Cord Stimulator"),
    "epidural steroid injection": ("Pain Management", "Epidural Injections"),
    "radiofrequency ablation": ("Pain Management", "Radiofrequency Ablation"),
    "platelet-rich plasma injection": ("Orthopedic Procedure", "PRP Injection"),
    "home health care": ("Home Health Care", "Home Health Services"),
    "genetic testing": ("Diagnostic Imaging, Screening and Testing", "Genetic Testing"),
    "botulinum toxin injection": ("Pharmacy", "Botox"),
    "back brace": ("DME", "Back Brace"),
}
# DMHC diagnosis sub categories that name a body region, as the parser's region table reads them.
DMHC_DIAGNOSIS_REGIONS: dict[str, str] = {
    "Back Pain": "lumbar spine", "Neck Pain": "cervical spine", "Shoulder Pain": "shoulder",
    "Rotator Cuff": "shoulder", "Knee Pain": "knee", "Meniscus Tear": "knee",
    "Carpal Tunnel Syndrome": "wrist", "Hand Pain": "hand",
}  # fmt: skip
DMHC_DIAGNOSES: dict[str, tuple[str, tuple[str, ...]]] = {
    # region key -> (Diagnosis Category, Diagnosis Sub Categories)
    "lumbar": ("Orthopedic/ Musculoskeletal", ("Back Pain", "Spinal Stenosis", "Disc Disease")),
    "cervical": ("Orthopedic/ Musculoskeletal", ("Neck Pain", "Disc Disease")),
    "shoulder": ("Orthopedic/ Musculoskeletal", ("Shoulder Pain", "Rotator Cuff")),
    "knee": ("Orthopedic/ Musculoskeletal", ("Knee Pain", "Osteoarthritis", "Meniscus Tear")),
    "wrist": ("Orthopedic/ Musculoskeletal", ("Carpal Tunnel Syndrome", "Hand Pain")),
    "elbow": ("Orthopedic/ Musculoskeletal", ("Tendinitis",)),
    "thoracic": ("Orthopedic/ Musculoskeletal", ("Back Pain",)),
    "systemic": ("Mental Disorder", ("Depression", "Anxiety", "Chronic Pain")),
}
