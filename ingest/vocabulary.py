"""Canonical tables: requested services, body regions, guidelines, outcome and sex words.

Everything the parser maps free text onto lives here, so that the parser, the letter generator and
the graph agree on one spelling per thing. Patterns are case-insensitive regular expressions
matched against short item text (services, regions) or one citation sentence (guidelines).

Order is priority. :data:`SERVICES` is searched top to bottom and the first service with a
matching pattern wins, so specific entries (``oxycodone/acetaminophen``, ``spinal fusion``,
``compounded topical cream``) sit above the general ones they would otherwise lose to
(``oxycodone``, ``other surgery``, ``gabapentin``). Within one entry the most specific pattern comes
first.

Choices worth knowing:

- Imaging is one service per modality (``mri``, ``ct scan``, ``x-ray``); the body region is a
  separate field, so "MRI of the lumbar spine" is service ``mri`` + region ``lumbar spine``. So is
  a fusion at any level (``spinal fusion`` + ``lumbar spine`` / ``cervical spine``).
- A brand name is a synonym of its generic (OxyContin → ``oxycodone``, Norco → the hydrocodone
  combination); a brand never becomes a service of its own.
- "Physical and Home Therapy" (the seed letter's wording) is ``physical therapy``: the request is
  for therapy visits; ``home health care`` is for aides, nursing and home assistance.
- Urine drug screens and laboratory tests are ``other`` (they are neither imaging nor drugs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

SERVICE_CATEGORIES: tuple[str, ...] = (
    "pharmaceuticals",
    "physical medicine",
    "diagnostic imaging",
    "electrodiagnostics",
    "injections",
    "surgery",
    "durable medical equipment",
    "evaluation and management",
    "psychology and psychiatry",
    "home health",
    "programs",
    "other",
)

GUIDELINE_FAMILIES: tuple[str, ...] = ("MTUS", "ODG", "ACOEM", "other")


def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


# Gate regexes shared between entries, so one search per sentence serves a whole group.
_GATES: dict[str, re.Pattern[str] | None] = {}


def _gate(pattern: str) -> re.Pattern[str] | None:
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _combine(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All of an entry's patterns as one alternation: one scan of the text instead of many."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# --- required words ------------------------------------------------------------------------------
# A table scan runs dozens of case-insensitive regexes over each text. Most can be ruled out
# without running them: every match of r"\bnorco\b" contains "norco", so on ASCII text (where
# IGNORECASE means ASCII case only and lower-casing keeps positions) a lower-cased text without
# "norco" cannot match. :func:`required_words` reads such words off a pattern's source; it is
# conservative and answers None (always run the regex) for anything it does not fully follow.


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class that opens at ``pattern[start]`` ("[")."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1  # a "]" first in a class is a literal
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
        elif pattern[i] == "]":
            return i + 1
        else:
            i += 1
    raise ValueError(f"unterminated character class at {start}")


def _outside_classes(pattern: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """(index, character) of the pattern's characters outside character classes, from
    ``start``; an escape is one "\\" item. ValueError on an unterminated class."""
    i = start
    while i < len(pattern):
        c = pattern[i]
        if c == "[":
            i = _class_end(pattern, i)
            continue
        yield i, c
        i += 2 if c == "\\" else 1


def _top_level(pattern: str) -> list[tuple[int, str]] | None:
    """(index, character) of every character outside brackets and groups, escapes as "\\";
    None if the brackets do not balance."""
    out: list[tuple[int, str]] = []
    depth = 0
    try:
        for i, c in _outside_classes(pattern):
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth < 0:
                    return None
            elif depth == 0:
                out.append((i, c))
    except ValueError:
        return None
    return out if depth == 0 else None


def _group_end(pattern: str, start: int) -> int | None:
    """Index just past the group that opens at ``pattern[start]`` ("(")."""
    depth = 0
    try:
        for i, c in _outside_classes(pattern, start):
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
    except ValueError:
        return None
    return None


def required_words(pattern: str) -> frozenset[str] | None:
    """Lower-case words of which every match of ``pattern`` (compiled IGNORECASE) contains at
    least one, or None when that cannot be read off the source simply."""
    top = _top_level(pattern)
    if top is None:
        return None
    bars = [i for i, c in top if c == "|"]
    words: set[str] = set()
    for start, end in zip([-1, *bars], [*bars, len(pattern)], strict=True):
        found = _leading_words(pattern[start + 1 : end])
        if found is None:
            return None
        words |= found
    return frozenset(words)


def _leading_words(branch: str) -> frozenset[str] | None:
    """The words one branch (no top-level "|") must start with, after zero-width assertions."""
    i = 0
    while True:  # skip \b, ^ and lookarounds: they consume nothing
        if branch.startswith("\\b", i):
            i += 2
        elif branch.startswith("^", i):
            i += 1
        elif branch.startswith(("(?<!", "(?<=", "(?=", "(?!"), i):
            end = _group_end(branch, i)
            if end is None:
                return None
            i = end
        else:
            break
    opening = next((g for g in ("(?:", "(?-i:") if branch.startswith(g, i)), None)
    if opening is not None:  # a group, or one matched case-sensitively ("(?-i:PET)")
        end = _group_end(branch, i)
        if end is None or branch[end : end + 1] in ("?", "*", "{"):
            return None  # an optional group promises nothing
        return required_words(branch[i + len(opening) : end - 1])
    run = re.match(r"[A-Za-z0-9]*", branch[i:]).group()  # type: ignore[union-attr]
    if branch[i + len(run) : i + len(run) + 1] in ("?", "*", "{"):
        run = run[:-1]  # the last letter is optional ("s?") or repeated from zero
    return frozenset({run.lower()}) if run else None


def all_required_words(patterns: tuple[str, ...]) -> frozenset[str] | None:
    """Words of which any match of any of ``patterns`` contains one; None if unknown."""
    words: set[str] = set()
    for pattern in patterns:
        found = required_words(pattern)
        if found is None:
            return None
        words |= found
    return frozenset(words)


@dataclass(frozen=True)
class CanonicalService:
    name: str
    category: str
    patterns: tuple[str, ...]
    compiled: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False, hash=False)

    combined: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)
    # Every match contains one of these words (see required_words); None: not known.
    words: frozenset[str] | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", _compile(self.patterns))
        object.__setattr__(self, "combined", _combine(self.patterns))
        object.__setattr__(self, "words", all_required_words(self.patterns))

    def search(self, text: str) -> re.Match[str] | None:
        return self.combined.search(text)


@dataclass(frozen=True)
class BodyRegion:
    name: str
    patterns: tuple[str, ...]
    compiled: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False, hash=False)
    combined: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", _compile(self.patterns))
        object.__setattr__(self, "combined", _combine(self.patterns))


@dataclass(frozen=True)
class CanonicalGuideline:
    name: str
    family: str
    patterns: tuple[str, ...]
    # Optional regex that must match before any pattern is tried: a cheap shared pre-check
    # (all ODG sections need the ODG name; ACOEM chapters need a chapter word).
    gate: str = ""
    compiled: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False, hash=False)
    combined: re.Pattern[str] = field(init=False, repr=False, compare=False, hash=False)
    gate_compiled: re.Pattern[str] | None = field(init=False, repr=False, compare=False, hash=False)
    # Every match contains one of these words (see required_words); None: not known.
    words: frozenset[str] | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", _compile(self.patterns))
        object.__setattr__(self, "combined", _combine(self.patterns))
        object.__setattr__(self, "gate_compiled", _GATES.setdefault(self.gate, _gate(self.gate)))
        object.__setattr__(self, "words", all_required_words(self.patterns))


def _svc(name: str, category: str, *patterns: str) -> CanonicalService:
    return CanonicalService(name, category, tuple(patterns))


_PH = "pharmaceuticals"
_PM = "physical medicine"
_IMG = "diagnostic imaging"
_EDX = "electrodiagnostics"
_INJ = "injections"
_SUR = "surgery"
_DME = "durable medical equipment"
_EM = "evaluation and management"
_PSY = "psychology and psychiatry"
_HH = "home health"
_PRG = "programs"
_OTH = "other"

# Priority order (see module docstring). Bounded gaps (.{0,40}) keep matching linear.
SERVICES: tuple[CanonicalService, ...] = (
    # --- programs and evaluations that mention therapies by name -------------------------------
    _svc(
        "functional restoration program",
        _PRG,
        r"functional\s+restoration",
        r"\bFRP\b",
        r"multi-?disciplinary\s+pain\s+(?:program|management)",
        r"\bHELP\s+program",
    ),
    _svc("work hardening", _PRG, r"work\s+harden", r"work\s+condition"),
    _svc("functional capacity evaluation", _EM, r"functional\s+capacity", r"\bFCE\b"),
    _svc("gym membership", _PRG, r"\bgym\b", r"health\s+club", r"\bYMCA\b", r"pool\s+membership"),
    _svc(
        "weight loss program",
        _PRG,
        r"weight\s+(?:loss|management|reduction)",
        r"nutrisystem",
        r"lindora",
        r"weight\s+watchers",
    ),
    _svc("detoxification program", _PRG, r"\bdetox", r"opioid\s+wean\w*\s+program"),
    # --- topical and compounded products before the drugs they contain ---------------------------
    _svc("lidocaine patch", _PH, r"lidoderm", r"lidocaine\s+(?:[\d.]+\s*%\s*)?(?:patch|pad)"),
    _svc(
        "compounded topical cream",
        _PH,
        r"compound",
        r"flurbiprofen",
        r"ketoprofen",
        r"terocin",
        r"capsaicin",
        r"\bmenthoderm",
        r"topical\s+(?:analgesic|cream|ointment)",
        r"transdermal\s+(?:cream|analgesic)",
        r"\bcream\b",
        r"\bointment\b",
    ),
    # --- opioids (combination and long-acting forms first) ---------------------------------------
    _svc("hydrocodone/acetaminophen", _PH, r"\bnorco\b", r"hydrocodone", r"vicodin", r"\blortab"),
    _svc(
        "oxycodone/acetaminophen",
        _PH,
        r"percocet",
        r"endocet",
        r"oxycodone\s*/\s*(?:apap|acetaminophen)",
    ),
    # Brand names are synonyms of their generic: OxyContin is extended-release oxycodone.
    _svc("oxycodone", _PH, r"oxycodone", r"oxycontin", r"roxicodone", r"oxy\s*ir\b"),
    _svc("morphine", _PH, r"morphine", r"\bms\s*contin", r"kadian", r"avinza"),
    _svc("tapentadol", _PH, r"tapentadol", r"nucynta"),
    _svc("buprenorphine", _PH, r"buprenorphine", r"suboxone", r"butrans", r"subutex"),
    _svc("fentanyl patch", _PH, r"fentanyl", r"duragesic"),
    _svc("methadone", _PH, r"methadone"),
    _svc("hydromorphone", _PH, r"hydromorphone", r"dilaudid", r"exalgo"),
    _svc("tramadol", _PH, r"tramadol", r"\bultram", r"ultracet"),
    _svc("codeine/acetaminophen", _PH, r"codeine", r"tylenol\s*(?:#|no\.?\s*)\s*[34]"),
    # --- NSAIDs -----------------------------------------------------------------------------------
    _svc("naproxen", _PH, r"naproxen", r"anaprox", r"naprosyn"),
    _svc("ibuprofen", _PH, r"ibuprofen", r"motrin", r"\badvil"),
    _svc("meloxicam", _PH, r"meloxicam", r"\bmobic"),
    _svc("diclofenac", _PH, r"diclofenac", r"voltaren", r"flector", r"pennsaid", r"arthrotec"),
    _svc("celecoxib", _PH, r"celecoxib", r"celebrex"),
    _svc("nabumetone", _PH, r"nabumetone", r"relafen"),
    _svc("etodolac", _PH, r"etodolac", r"lodine"),
    # --- muscle relaxants -------------------------------------------------------------------------
    _svc("cyclobenzaprine", _PH, r"cyclobenzaprine", r"flexeril", r"fexmid", r"amrix"),
    _svc("carisoprodol", _PH, r"carisoprodol", r"\bsoma\b"),
    _svc("tizanidine", _PH, r"tizanidine", r"zanaflex"),
    _svc("methocarbamol", _PH, r"methocarbamol", r"robaxin"),
    _svc("baclofen", _PH, r"baclofen"),
    _svc("orphenadrine", _PH, r"orphenadrine", r"norflex"),
    # --- neuropathic, antidepressants, sleep, GI --------------------------------------------------
    _svc("gabapentin", _PH, r"gabapentin", r"neurontin", r"gralise"),
    _svc("pregabalin", _PH, r"pregabalin", r"lyrica"),
    _svc("topiramate", _PH, r"topiramate", r"topamax"),
    _svc("duloxetine", _PH, r"duloxetine", r"cymbalta"),
    _svc("amitriptyline", _PH, r"amitriptyline", r"elavil"),
    _svc("trazodone", _PH, r"trazodone", r"desyrel"),
    _svc("zolpidem", _PH, r"zolpidem", r"ambien"),
    _svc("alprazolam", _PH, r"alprazolam", r"xanax"),
    _svc("diazepam", _PH, r"diazepam", r"valium"),
    _svc("omeprazole", _PH, r"\bomeprazole", r"prilosec"),
    _svc("pantoprazole", _PH, r"pantoprazole", r"protonix"),
    _svc("esomeprazole", _PH, r"esomeprazole", r"nexium"),
    _svc("ondansetron", _PH, r"ondansetron", r"zofran"),
    _svc("docusate", _PH, r"docusate", r"colace", r"senokot", r"\bsenna"),
    _svc("ketorolac injection", _INJ, r"ketorolac", r"toradol"),
    _svc(
        "medical food", _PH, r"medical\s+food", r"theramine", r"sentra", r"gabadone", r"trepadone"
    ),
    # --- physical medicine (aquatic before the generic physical therapy) -------------------------
    _svc(
        "aquatic therapy",
        _PM,
        r"aqua(?:tic)?\s*therap",
        r"pool\s+therap",
        r"water\s+therap",
        r"aquatic",
    ),
    _svc("occupational therapy", _PM, r"occupational\s+therap", r"\bOT\b"),
    _svc(
        "physical therapy",
        _PM,
        r"physical\s+(?:and\s+home\s+)?therap",
        r"physiotherap",
        r"\bPT\b",
        r"physical\s+medicine\s+(?:visits|sessions|treatment)",
        r"therapeutic\s+exercise",
    ),
    _svc("chiropractic", _PM, r"chiropract", r"\bchiro\b", r"manipulat"),
    _svc("acupuncture", _PM, r"acupuncture"),
    _svc("massage therapy", _PM, r"massage", r"myofascial\s+release"),
    _svc("extracorporeal shockwave therapy", _PM, r"shock\s*-?\s*wave", r"\bESWT\b"),
    _svc("biofeedback", _PM, r"biofeedback"),
    # --- electrodiagnostics -----------------------------------------------------------------------
    _svc(
        "emg/ncv",
        _EDX,
        r"\bEMG\b",
        r"\bNCV\b",
        r"\bNCS\b",
        r"electromyogra",
        r"nerve\s+conduction",
        r"electrodiagnostic",
    ),
    _svc("somatosensory evoked potentials", _EDX, r"\bSSEP", r"evoked\s+potential"),
    _svc("electrocardiogram", _EDX, r"\bEKG\b", r"\bECG\b", r"electrocardiogra"),
    # --- injections (specific procedures before generic steroid injections) ---------------------
    # "Radiofrequency neurotomy of the medial branches" is the ablation, not a block.
    _svc(
        "medial branch block",
        _INJ,
        r"medial\s+branch(?:es)?\s+(?:nerve\s+)?(?:blocks?|injections?)",
        r"\bMBB\b",
        r"^(?![^\n]*(?:radio\s*-?\s*frequency|\bRFA\b|rhizotom|neurotom|ablat))[^\n]*medial\s+branch",
    ),
    _svc(
        "radiofrequency ablation",
        _INJ,
        r"radio\s*-?\s*frequency",
        r"\bRFA\b",
        r"rhizotomy",
        r"neurotomy",
    ),
    _svc(
        "epidural steroid injection",
        _INJ,
        r"epidural",
        r"\bESI\b",
        r"transforaminal",
        r"interlaminar",
        r"caudal\s+(?:steroid|injection)",
    ),
    _svc("facet joint injection", _INJ, r"facet"),
    _svc("sacroiliac joint injection", _INJ, r"sacroiliac", r"\bSI\s+joint"),
    _svc("trigger point injection", _INJ, r"trigger\s+point"),
    _svc("platelet-rich plasma injection", _INJ, r"platelet\s*-?\s*rich", r"\bPRP\b"),
    _svc(
        "viscosupplementation",
        _INJ,
        r"visco",
        r"hyaluron",
        r"synvisc",
        r"orthovisc",
        r"supartz",
        r"euflexxa",
        r"hyalgan",
    ),
    _svc("botulinum toxin injection", _INJ, r"botox", r"botulinum"),
    _svc(
        "nerve block",
        _INJ,
        r"nerve\s+block",
        r"occipital\s+(?:nerve\s+)?block",
        r"stellate",
        r"sympathetic\s+block",
    ),
    _svc(
        "cortisone injection",
        _INJ,
        r"cortisone",
        r"corticosteroid\s+injection",
        r"steroid\s+injection",
        r"kenalog",
        r"depo-?\s*medrol",
        r"intra-?\s*articular",
        r"joint\s+injection",
    ),
    # --- diagnostic imaging ----------------------------------------------------------------------
    _svc("mri", _IMG, r"\bMRI\b", r"\bMRA\b", r"magnetic\s+resonance", r"\bMR\s+arthrogra"),
    _svc("ct scan", _IMG, r"\bCT\b", r"computed\s+tomograph", r"\bCAT\s+scan"),
    _svc("bone scan", _IMG, r"bone\s+scan", r"scintigra"),
    _svc("discogram", _IMG, r"discogra"),
    _svc("x-ray", _IMG, r"x\s*-?\s*rays?\b", r"radiograph"),
    _svc("ultrasound", _IMG, r"ultrasound", r"sonogra"),
    # --- durable medical equipment (before surgery: "post-operative cold therapy unit") ----------
    _svc("h-wave device", _DME, r"h\s*-?\s*wave"),
    _svc("interferential stimulator", _DME, r"interferential", r"\bIF\s+unit", r"\bICS\b"),
    _svc(
        "neuromuscular electrical stimulator",
        _DME,
        r"neuromuscular\s+electrical",
        r"\bNMES\b",
        r"muscle\s+stimulat",
    ),
    _svc("tens unit", _DME, r"\bTENS\b", r"transcutaneous\s+electrical"),
    _svc(
        "cold therapy unit",
        _DME,
        r"cold\s+therapy",
        r"cryotherapy",
        r"polar\s+care",
        r"game\s+ready",
        r"vascutherm",
        r"cooling\s+unit",
        r"cold\s+compression",
    ),
    _svc(
        "hot/cold pack",
        _DME,
        r"hot\s*/\s*cold",
        r"hot\s+and\s+cold",
        r"(?:cold|heat|ice|hot)\s+pack",
        r"heating\s+pad",
    ),
    _svc("continuous passive motion", _DME, r"continuous\s+passive", r"\bCPM\b"),
    _svc(
        "back brace",
        _DME,
        r"(?:back|lumbar|lumbosacral|thoracolumbar)\s+(?:brace|support|orthosis)",
        r"\bT?LSO\b",
        r"corset",
    ),
    _svc(
        "knee brace",
        _DME,
        # "knee unloader brace", "knee hinged brace", "unloader brace for the knee"
        r"knee\s+(?:[\w-]+\s+){0,2}?(?:brace|support|orthosis)",
        r"(?:hinged|unloader|patellar|osteoarthritis|OA)\s+(?:knee\s+)?brace",
    ),
    _svc(
        "wrist splint",
        _DME,
        r"(?:wrist|hand|thumb)\s+(?:splint|brace)",
        r"cock-?\s*up",
        r"thumb\s+spica",
        r"\bsplint",
    ),
    _svc("cervical collar", _DME, r"cervical\s+collar", r"neck\s+brace", r"\bcollar\b"),
    _svc("traction unit", _DME, r"traction"),
    _svc("orthotics", _DME, r"orthotic", r"shoe\s+inserts?", r"insoles?"),
    _svc("walking aid", _DME, r"\bcane\b", r"\bwalker\b", r"crutch"),
    _svc("wheelchair", _DME, r"wheel\s*chair", r"\bscooter"),
    _svc(
        "home exercise kit",
        _DME,
        r"home\s+exercise\s+(?:kit|equipment)",
        r"exercise\s+(?:equipment|ball|bike)",
        r"\bpulley",
    ),
    # --- surgery (fusion before discectomy: ACDF is a fusion) ------------------------------------
    _svc(
        "spinal cord stimulator",
        _SUR,
        r"spinal\s+cord\s+stim",
        r"\bSCS\b",
        r"dorsal\s+column\s+stim",
    ),
    # One generic fusion whatever the level: the level is the item's body region (lumbar spine,
    # cervical spine), as for every other procedure.
    _svc(
        "spinal fusion",
        _SUR,
        r"\bACDF\b",
        r"anterior\s+cervical\s+discectomy",
        r"\b[TPAX]LIF\b",
        r"\bfusion",
    ),
    _svc(
        "cervical discectomy",
        _SUR,
        r"cervical.{0,40}(?:discectom|laminectom|laminoplast|foraminotom)",
    ),
    _svc(
        "lumbar discectomy",
        _SUR,
        r"discectom",
        r"laminectom",
        r"laminotom",
        r"foraminotom",
        r"lumbar\s+decompression",
    ),
    _svc(
        "total knee arthroplasty",
        _SUR,
        r"total\s+knee",
        r"\bTKA\b",
        r"knee\s+(?:arthroplasty|replacement)",
    ),
    _svc(
        "total hip arthroplasty",
        _SUR,
        r"total\s+hip",
        r"\bTHA\b",
        r"hip\s+(?:arthroplasty|replacement)",
    ),
    # One arthroscopy for the large joints: the joint is the item's body region (knee, shoulder,
    # hip), as for fusions and imaging. Other joints' arthroscopies stay "other surgery".
    _svc(
        "arthroscopy",
        _SUR,
        r"\b(?:knee|shoulder|hip)\b.{0,40}arthroscop",
        r"arthroscop.{0,40}\b(?:knee|shoulder|hip)\b",
        r"^\W*arthroscop(?:y|ies|ic\s+surgery)\W*$",  # the bare name
        r"menisc(?:ectomy|us\s+repair)",
        r"chondroplasty",
        r"rotator\s+cuff\s+repair",
        r"subacromial\s+decompression",
        r"acromioplasty",
        r"labral\s+repair",
        r"\bSLAP\b",
    ),
    _svc(
        "carpal tunnel release",
        _SUR,
        r"carpal\s+tunnel\s+(?:release|surgery|decompression)",
        r"\bCTR\b",
        r"release\s+of\s+(?:the\s+)?carpal",
    ),
    _svc("trigger finger release", _SUR, r"trigger\s+(?:finger|thumb)"),
    _svc("hardware removal", _SUR, r"hardware\s+removal", r"removal\s+of\s+(?:the\s+)?hardware"),
    # --- evaluation and management ----------------------------------------------------------------
    _svc(
        "preoperative clearance",
        _EM,
        r"pre-?\s*op(?:erative)?\s+(?:medical\s+)?clearance",
        r"medical\s+clearance",
    ),
    _svc(
        "psychological evaluation",
        _PSY,
        r"psych(?:ological|iatric)?\s+(?:eval|assess|consult|testing|referral)",
        r"psychometric",
    ),
    _svc(
        "orthopedic consultation",
        _EM,
        r"orthop(?:a)?edic\w*\s+(?:consult|referral|eval|surgeon)",
        r"orthop(?:a)?edic",
    ),
    _svc(
        "pain management consultation",
        _EM,
        r"pain\s+(?:management|medicine)\s+(?:consult|referral|eval|specialist)",
        r"pain\s+specialist",
        r"pain\s+management",
    ),
    _svc("neurology consultation", _EM, r"neurolog\w*\s+(?:consult|referral|eval)", r"neurologist"),
    _svc("specialist consultation", _EM, r"consult", r"referral", r"second\s+opinion"),
    _svc(
        "follow-up office visit",
        _EM,
        r"follow\s*-?\s*up",
        r"office\s+visit",
        r"re-?\s*evaluation",
        r"return\s+visit",
    ),
    # --- psychology and psychiatry ----------------------------------------------------------------
    _svc("cognitive behavioral therapy", _PSY, r"cognitive\s+behavio(?:u)?ral", r"\bCBT\b"),
    _svc(
        "psychotherapy",
        _PSY,
        r"psychotherap",
        r"counsel(?:l)?ing",
        r"psycholog\w*\s+(?:treatment|therapy|sessions|visits)",
        r"psychiatr",
    ),
    # --- home health ------------------------------------------------------------------------------
    _svc(
        "home health care",
        _HH,
        r"home\s+health",
        r"home\s+care",
        r"home\s+nursing",
        r"in-?\s*home",
        r"home\s+(?:assistance|attendant|aide)",
        r"caregiver",
    ),
    # --- other ------------------------------------------------------------------------------------
    _svc("urine drug screen", _OTH, r"urine\s+(?:drug|tox)", r"\bUDS\b", r"drug\s+(?:screen|test)"),
    _svc(
        "laboratory tests",
        _OTH,
        r"\blab(?:oratory)?s?\b",
        r"blood\s+(?:test|work)",
        r"\bCBC\b",
        r"metabolic\s+panel",
        r"(?:hepatic|renal)\s+function",
    ),
    _svc("sleep study", _OTH, r"sleep\s+study", r"polysomno"),
    _svc("genetic testing", _OTH, r"genetic", r"\bDNA\b", r"cytokine"),
    _svc("transportation", _OTH, r"transportation"),
    _svc(
        "other surgery",
        _SUR,
        r"surgery",
        r"surgical",
        r"arthroscop",
        r"\bORIF\b",
        r"reconstruction",
        r"osteotomy",
        r"repair\b",
    ),
)

SERVICES_BY_NAME: dict[str, CanonicalService] = {s.name: s for s in SERVICES}


def _region(name: str, *patterns: str) -> BodyRegion:
    return BodyRegion(name, tuple(patterns))


# The earliest match in the text wins (ties: table order), so "upper back" (starts at "upper")
# beats the bare "back" of lumbar spine.
BODY_REGIONS: tuple[BodyRegion, ...] = (
    _region(
        "cervical spine",
        r"cervical",
        r"\bneck\b",
        r"\bC[1-7]\s*-\s*C?[1-7]\b",
        r"\bC[1-7]\s*-\s*T1\b",
        r"\bACDF\b",
    ),
    _region(
        "thoracic spine", r"thoracic", r"(?:mid|upper)\s*-?\s*back", r"\bT\d{1,2}\s*-\s*T?\d{1,2}\b"
    ),
    _region(
        "lumbar spine",
        r"lumbo-?sacral",
        r"lumbar",
        r"low(?:er)?\s+back",
        r"sacroiliac",
        r"\bSI\s+joint",
        r"\bL[1-5]\s*-\s*(?:L?[1-5]|S1)\b",
        r"\bL[1-5]\b",
        r"\bsacrum\b",
        r"\bback\b",
    ),
    _region("shoulder", r"shoulders?\b", r"rotator\s+cuff", r"acromi"),
    _region("elbow", r"elbows?\b", r"epicondyl"),
    _region("wrist", r"wrists?\b", r"carpal", r"forearms?\b"),
    _region("hand", r"\bhands?\b", r"fingers?\b", r"thumbs?\b"),
    _region("hip", r"\bhips?\b"),
    _region("knee", r"\bknees?\b", r"menisc", r"patell"),
    _region("ankle", r"ankles?\b", r"achilles"),
    _region("foot", r"\bfoot\b", r"\bfeet\b", r"\btoes?\b", r"\bheels?\b", r"plantar"),
    _region("head", r"\bhead\b", r"headaches?", r"\bbrain\b", r"cranial", r"occipital"),
    _region("abdomen", r"abdom"),
    _region("chest", r"\bchest\b", r"\bthorax\b"),
    _region("pelvis", r"pelvi", r"\bgroin\b"),
    _region("upper extremity", r"upper\s+(?:extremit|limb)"),
    _region("lower extremity", r"lower\s+(?:extremit|limb)"),
)


# Guideline patterns are searched within one citation sentence. An ODG section needs the ODG name
# nearby (either side), so "Low Back" alone never becomes an ODG citation.
_ODG = r"(?:\bODG\b|official\s+disability\s+guidelines?)"


_ODG_GATE = _ODG
_CHAPTER_GATE = r"complaints|disorders|conditions|consultations|chapter|ACOEM"


def _odg(section: str) -> tuple[str, str]:
    return (
        _ODG + r"[^.;]{0,80}?" + section + r"[^.;]{0,20}",
        section + r"[^.;]{0,60}?" + _ODG,
    )


def _gl(name: str, family: str, *patterns: str) -> CanonicalGuideline:
    if name.startswith("ODG "):
        gate = _ODG_GATE
    elif (
        name.startswith("MTUS ACOEM ")
        and name != "MTUS ACOEM Practice Guidelines (chapter not stated)"
    ):
        gate = _CHAPTER_GATE
    else:
        gate = ""
    return CanonicalGuideline(name, family, tuple(patterns), gate)


_ACOEM_CH = r"(?:ACOEM|chapter\s+\d+|complaints|disorders|conditions)"
# A citation marked as outside the MTUS. "as adopted by the MTUS" is the MTUS itself.
_NOT_MTUS = (
    r"(?:\bnon-?\s*MTUS\b|\bnot\s+(?:part\s+of|adopted\s+(?:by|in)|included\s+in|within)\s+"
    r"(?:the\s+)?(?:CA\s+|California\s+)?MTUS\b|\boutside\s+(?:of\s+)?(?:the\s+)?MTUS\b)"
)

GUIDELINES: tuple[CanonicalGuideline, ...] = (
    # ACOEM cited as outside the MTUS (checked first; spans the rest of the sentence so the MTUS
    # chapter entries below cannot claim the same words).
    _gl(
        "ACOEM Practice Guidelines (non-MTUS)",
        "ACOEM",
        r"non-?\s*MTUS[^.;]{0,80}?ACOEM[^.;]*",
        # The marker after the citation: "ACOEM ..., Chapter 7 ... (not part of the MTUS)",
        # "ACOEM Practice Guidelines, 3rd Edition ... (non-MTUS)".
        # The marker must be this citation's: not after "MTUS ACOEM" (the MTUS's own chapters),
        # nor past the start of the next citation (", and Non-MTUS Citation ODG").
        r"(?<!MTUS )(?<!MTUS-)(?<!MTUS/)ACOEM"
        r"(?:(?!,\s+and\s|\band\s+non\b|\bODG\b|official\s+disab)"
        # (Within one sentence: "3rd ed., Hip and Groin" has a full stop that ends nothing.)
        r"[^;]){0,200}?" + _NOT_MTUS + r"\)?",
    ),
    _gl(
        "MTUS ACOEM Low Back Complaints",
        "MTUS",
        r"low\s+back\s+complaints",
        r"ACOEM[^.;]{0,60}?chapter\s+12\b",
        r"\bchapter\s+12\b[^.;]{0,40}low\s+back",
    ),
    _gl(
        "MTUS ACOEM Neck and Upper Back Complaints",
        "MTUS",
        r"neck\s+and\s+upper\s+back\s+complaints",
        r"ACOEM[^.;]{0,60}?chapter\s+8\b",
    ),
    _gl(
        "MTUS ACOEM Shoulder Complaints",
        "MTUS",
        r"shoulder\s+complaints",
        r"ACOEM[^.;]{0,60}?chapter\s+9\b",
    ),
    _gl(
        "MTUS ACOEM Elbow Complaints",
        "MTUS",
        r"elbow\s+(?:complaints|disorders)",
        r"ACOEM[^.;]{0,60}?chapter\s+10\b",
    ),
    _gl(
        "MTUS ACOEM Forearm, Wrist, and Hand Complaints",
        "MTUS",
        r"forearm,?\s+wrist,?\s+(?:and|&)\s+hand\s+complaints",
        r"ACOEM[^.;]{0,60}?chapter\s+11\b",
    ),
    _gl(
        "MTUS ACOEM Knee Complaints",
        "MTUS",
        r"knee\s+complaints",
        r"ACOEM[^.;]{0,60}?chapter\s+13\b",
    ),
    _gl(
        "MTUS ACOEM Ankle and Foot Complaints",
        "MTUS",
        r"ankle\s+and\s+foot\s+complaints",
        r"ACOEM[^.;]{0,60}?chapter\s+14\b",
    ),
    _gl(
        "MTUS ACOEM Stress Related Conditions",
        "MTUS",
        r"stress[\s-]+related\s+conditions",
        r"ACOEM[^.;]{0,60}?chapter\s+15\b",
    ),
    _gl(
        "MTUS ACOEM Independent Medical Examinations and Consultations",
        "MTUS",
        r"independent\s+medical\s+examinations?\s+and\s+consultations",
        r"ACOEM[^.;]{0,60}?chapter\s+7\b",
    ),
    _gl(
        "MTUS ACOEM Chronic Pain",
        "MTUS",
        r"ACOEM[^.;]{0,60}?chronic\s+pain(?!\s+(?:medical\s+)?treatment)",
    ),
    _gl(
        "MTUS Chronic Pain Medical Treatment Guidelines",
        "MTUS",
        r"chronic\s+pain\s+(?:medical\s+)?treatment\s+guidelines?",
        r"\bCPMTG\b",
        r"MTUS[^.;]{0,40}?chronic\s+pain",
    ),
    _gl("MTUS Postsurgical Treatment Guidelines", "MTUS", r"post-?\s*surgical"),
    _gl(
        "MTUS Acupuncture Medical Treatment Guidelines",
        "MTUS",
        r"acupuncture\s+medical\s+treatment\s+guidelines?",
    ),
    _gl("MTUS Drug Formulary", "MTUS", r"formulary"),
    _gl("ODG Low Back", "ODG", *_odg(r"(?:low\s+back|lumbar)")),
    _gl("ODG Neck and Upper Back", "ODG", *_odg(r"(?:\bneck\b|cervical)")),
    _gl("ODG Knee & Leg", "ODG", *_odg(r"\bknee")),
    _gl("ODG Shoulder", "ODG", *_odg(r"shoulder")),
    _gl("ODG Elbow", "ODG", *_odg(r"elbow")),
    _gl("ODG Forearm, Wrist & Hand", "ODG", *_odg(r"(?:forearm|wrist|\bhand\b|carpal)")),
    _gl("ODG Ankle & Foot", "ODG", *_odg(r"(?:ankle|\bfoot\b)")),
    _gl("ODG Hip & Pelvis", "ODG", *_odg(r"(?:\bhip\b|pelvis)")),
    _gl("ODG Mental Illness & Stress", "ODG", *_odg(r"(?:mental|stress)")),
    _gl("ODG Head", "ODG", *_odg(r"\bhead\b")),
    _gl("ODG Pain (Chronic)", "ODG", *_odg(r"\bpain\b")),
    _gl("ODG (section not stated)", "ODG", _ODG),
    _gl("MTUS ACOEM Practice Guidelines (chapter not stated)", "MTUS", r"\bACOEM\b"),
    _gl(
        "MTUS (section not stated)",
        "MTUS",
        # Not the MTUS named only to say a citation is outside it ("non-MTUS", "not part of
        # the MTUS", "outside the MTUS").
        r"(?<!non-)(?<!non )(?<!part of the )(?<!adopted by the )(?<!included in the )"
        r"(?<!outside the )(?<!outside of the )(?<!outside )(?<!within the )\bMTUS\b",
        r"medical\s+treatment\s+utilization",
    ),
    _gl(
        "FDA labeling",
        "other",
        r"\bFDA\b",
        r"food\s+and\s+drug\s+administration",
        r"package\s+insert",
        r"prescribing\s+information",
    ),
    _gl(
        "Peer-reviewed literature",
        "other",
        r"peer\s*-?\s*reviewed",
        r"medical\s+literature",
        r"scientific\s+literature",
        r"\bet\s+al\b",
        r"\bjournal\b",
        r"\bliterature\b",
    ),
    # Practice guidelines of professional societies ("American Psychiatric Association Practice
    # Guideline for ...", "American Academy of Sleep Medicine practice parameters", "AASM").
    # ACOEM is the American College of Occupational and Environmental Medicine: not this.
    _gl(
        "Professional society guideline",
        "other",
        r"\bAmerican\s+(?:\w+\s+){0,3}?(?:Academy|Association|College|Society)\b"
        r"(?!\s+of\s+Occupational)[^.;]{0,120}",
        r"\b(?:National|International|North\s+American)\s+(?:\w+\s+){0,3}?(?:Academy|"
        r"Association|College|Society)\b[^.;]{0,120}?(?:guidelines?|parameters?|"
        r"recommendations?|consensus|position\s+statement|criteria)",
        # Society initials in capitals only: "nice", "who" are words.
        r"(?-i:\b(?:AASM|APA|AAOS|AAN|ACR|ASIPP|NASS|ASA|ACP|AHA|ACC|USPSTF|NICE|WHO)\b)"
        r"[^.;]{0,60}?(?:guidelines?|parameters?|recommendations?|criteria|position\s+statement)",
        r"\bpractice\s+parameters?\b",
    ),
    # Evidence-review services and criteria sets IMR letters cite beside the MTUS and ODG.
    _gl(
        "Technology assessment or criteria set",
        "other",
        r"\bHayes\b",
        r"\bECRI\b",
        r"\bUpToDate\b",
        r"\bInterQual\b",
        r"\bMilliman\b",
        r"\bMCG\s+(?:care\s+)?guidelines?\b",
        r"\bCochrane\b",
        r"\bNCCN\b",
        r"\bAMA\s+Guides\b",
    ),
)

GUIDELINES_BY_NAME: dict[str, CanonicalGuideline] = {g.name: g for g in GUIDELINES}

# A generic entry is dropped when a specific entry of the same family matched in the same text.
GENERIC_GUIDELINES: frozenset[str] = frozenset(
    {
        "ODG (section not stated)",
        "MTUS ACOEM Practice Guidelines (chapter not stated)",
        "MTUS (section not stated)",
    }
)

# Outcome wording, checked in this order: partial first (it contains the other words), then the
# negatives ("not medically necessary" contains "medically necessary").
OUTCOME_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "partially overturned",
        re.compile(
            r"partial(?:ly)?\s*(?:overturn|upheld|uphold|certif|approv|medically\s+necessary|"
            r"necessary)|\bmodif(?:ied|y|ication)"
            r"|\b(?:overturned|upheld|certified|approved)\s+in\s+part\b",
            re.IGNORECASE,
        ),
    ),
    (
        "upheld",
        re.compile(
            r"\bupheld\b|\buphold|\bnot\s+(?:medically\s+)?necessary|\bnon-?\s*certif|"
            # "has not been shown to be medically necessary", "cannot be considered necessary"
            r"\bnot\s+(?:been\s+|be\s+)?(?:shown|demonstrated|established|proven|considered|deemed|"
            r"found)\s+(?:to\s+be\s+|as\s+)?(?:medically\s+)?necessary|"
            r"\b(?:cannot|can\s*not|could\s+not|would\s+not)\s+be\s+(?:considered\s+|deemed\s+)?"
            r"(?:medically\s+)?necessary|"
            r"\bnot\s+certified|\bdenied\b|\bdenial\s+(?:is\s+)?(?:affirmed|stands)",
            re.IGNORECASE,
        ),
    ),
    (
        "overturned",
        re.compile(
            r"overturn|\bis\s+medically\s+necessary|\bmedically\s+necessary\b|\bcertified\b|"
            r"\bapproved\b|\breversed\b",
            re.IGNORECASE,
        ),
    ),
)

# Whole words only: "female" must never be read as "male".
SEX_WORDS: dict[str, str] = {
    "female": "female",
    "woman": "female",
    "lady": "female",
    "girl": "female",
    "ms": "female",
    "mrs": "female",
    "miss": "female",
    "f": "female",
    "male": "male",
    "man": "male",
    "gentleman": "male",
    "boy": "male",
    "mr": "male",
    "m": "male",
}

US_STATES: tuple[str, ...] = (
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "District of Columbia",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
)

# DMHC "Treatment Category" → our service categories (only the obvious ones; the rest is "other").
DMHC_TREATMENT_CATEGORIES: dict[str, str] = {
    "pharmacy": "pharmaceuticals",
    "diagnostic imaging, screening and testing": "diagnostic imaging",
    "mental health": "psychology and psychiatry",
    "rehab/ svc - outpatient": "physical medicine",
    "rehab/svc - outpatient": "physical medicine",
    "chiropractic": "physical medicine",
    "acupuncture": "physical medicine",
    "durable medical equipment": "durable medical equipment",
    "dme": "durable medical equipment",
    "orthopedic": "surgery",
    "general surgery": "surgery",
    "home health care": "home health",
    "home health": "home health",
    "consultation": "evaluation and management",
    "electrodiagnostic": "electrodiagnostics",
}


# === Health-plan (DMHC) services, regions and categories ========================================
# Health-plan reviews decide far more than workers' comp does: biologics and oncology drugs by
# brand or generic name, nuclear and cardiac imaging, genetic and laboratory tests, surgeries of
# every specialty, behavioural-health levels of care, DME and radiation therapy. Every pattern
# here is a whole word or phrase (``_hp`` wraps it in word boundaries; ``(?-i:...)`` keeps a
# short acronym that is also a word case-sensitive, so "PET" is a scan but "pet" is not). New
# services are placed before the catch-all ``other surgery`` (see ``SERVICES`` below), so
# "bariatric surgery" is itself and not "other surgery"; ``_HEALTH_PLAN_SYNONYMS`` adds words to
# existing services ("Sublocade" is buprenorphine) without editing or moving their entries.


def _hp(name: str, category: str, *phrases: str) -> CanonicalService:
    return CanonicalService(
        name, category, tuple(rf"\b(?:{q})\b" for p in phrases for q in _required_lead(p))
    )


def _required_lead(phrase: str) -> list[str]:
    r"""``(?:total\s+|reverse\s+)?shoulder...`` as two phrases, with and without the optional
    leading group, so that each starts with known words (see :func:`required_words`)."""
    if not phrase.startswith("(?:"):
        return [phrase]
    end = _group_end(phrase, 0)
    if end is None or phrase[end : end + 1] != "?":
        return [phrase]
    return [phrase[:end] + phrase[end + 1 :], *_required_lead(phrase[end + 1 :])]


_S = r"[\s\-]*"  # between the words of a name: "DaTscan", "DaT scan", "DaT-scan"

_HEALTH_PLAN_SERVICES: tuple[CanonicalService, ...] = (
    # --- nuclear, molecular and cardiac imaging ---------------------------------------------------
    _hp(
        "dat scan",
        _IMG,
        rf"dat{_S}scans?",
        rf"dat{_S}spect(?:\s*/\s*ct)?(?:\s+scans?)?",
        r"ioflupane",
        rf"dopamine{_S}transporter(?:\s+(?:imaging|scan|spect))?",
    ),
    _hp(
        "pet scan",
        _IMG,
        rf"(?:(?:fdg|psma|amyloid|dotatate|axumin|fluciclovine){_S})?(?-i:PET)(?:\s*/\s*(?:CT|MRI?))?"
        rf"(?:{_S}scans?)?",
        r"positron\s+emission\s+tomograph(?:y|ic)(?:\s+scans?)?",
        r"pylarify|piflufolastat|amyvid|florbetapir|netspot|illuccix",
    ),
    _hp("spect scan", _IMG, r"(?:SPECT)(?:\s+scans?)?", r"single[\s-]+photon\s+emission"),
    _hp(
        "nuclear stress test",
        _IMG,
        r"nuclear\s+(?:cardiac\s+)?stress\s+test(?:ing)?",
        r"myocardial\s+perfusion(?:\s+(?:imaging|scan|study))?",
        r"cardiac\s+(?:pet|spect)",
    ),
    _hp(
        "echocardiogram",
        _IMG,
        r"(?:transthoracic\s+|transesophageal\s+|stress\s+)?echocardiogra(?:m|ms|phy)",
        r"(?-i:TTE|TEE)",
        r"cardiac\s+ultrasound",
    ),
    _hp(
        "mammogram",
        _IMG,
        r"(?:3-?d\s+|screening\s+|diagnostic\s+)?mammogra(?:m|ms|phy)",
        r"(?:breast\s+)?tomosynthesis",
    ),
    _hp("bone density scan", _IMG, r"(?:DEXA|DXA)(?:\s+scans?)?", r"bone\s+(?:mineral\s+)?density"),
    _hp(
        "endoscopy",
        _IMG,
        r"(?:screening\s+|diagnostic\s+)?colonoscop(?:y|ies)",
        r"(?:upper\s+)?endoscop(?:y|ies)",
        r"capsule\s+endoscop(?:y|ies)",
        r"pillcam",
        r"(?:EGD|ERCP)",
        r"sigmoidoscop(?:y|ies)",
        r"bronchoscop(?:y|ies)",
        r"cystoscop(?:y|ies)",
    ),
    # --- electrodiagnostic and monitoring tests ---------------------------------------------------
    _hp(
        "electroencephalogram",
        _EDX,
        r"(?:video\s+|ambulatory\s+)?(?:EEG)s?(?:\s+monitoring)?",
        r"(?:video\s+)?electroencephalogra(?:m|ms|phy)",
    ),
    _hp(
        "cardiac monitor",
        _EDX,
        r"holter(?:\s+monitor(?:ing)?)?",
        r"(?:cardiac\s+)?event\s+monitor(?:ing)?",
        r"zio(?:\s+(?:xt|at|patch))?",
        r"(?:implantable\s+)?loop\s+recorder",
        r"ambulatory\s+(?:ecg|ekg|cardiac)\s+monitor(?:ing)?",
    ),
    # --- genetic and laboratory tests ------------------------------------------------------------
    # --- biologics, immunology and specialty drugs ------------------------------------------------
    _hp(
        "adalimumab",
        _PH,
        r"adalimumab(?:-\w+)?",
        r"humira",
        r"amjevita",
        r"hadlima",
        r"hyrimoz",
        r"cyltezo",
        r"yusimry",
        r"idacio",
    ),
    _hp("etanercept", _PH, r"etanercept", r"enbrel"),
    _hp(
        "infliximab",
        _PH,
        r"infliximab(?:-\w+)?",
        r"remicade",
        r"inflectra",
        r"renflexis",
        r"avsola",
        r"zymfentra",
    ),
    _hp("ustekinumab", _PH, r"ustekinumab(?:-\w+)?", r"stelara", r"wezlana"),
    _hp("vedolizumab", _PH, r"vedolizumab", r"entyvio"),
    _hp("certolizumab", _PH, r"certolizumab(?:\s+pegol)?", r"cimzia"),
    _hp("golimumab", _PH, r"golimumab", r"simponi(?:\s+aria)?"),
    _hp("secukinumab", _PH, r"secukinumab", r"cosentyx"),
    _hp("ixekizumab", _PH, r"ixekizumab", r"taltz"),
    _hp("guselkumab", _PH, r"guselkumab", r"tremfya"),
    _hp("risankizumab", _PH, r"risankizumab", r"skyrizi"),
    _hp("tildrakizumab", _PH, r"tildrakizumab", r"ilumya"),
    _hp("bimekizumab", _PH, r"bimekizumab", r"bimzelx"),
    _hp("dupilumab", _PH, r"dupilumab", r"dupixent"),
    _hp("tralokinumab", _PH, r"tralokinumab", r"adbry"),
    _hp("omalizumab", _PH, r"omalizumab", r"xolair"),
    _hp("mepolizumab", _PH, r"mepolizumab", r"nucala"),
    _hp("benralizumab", _PH, r"benralizumab", r"fasenra"),
    _hp("tezepelumab", _PH, r"tezepelumab", r"tezspire"),
    _hp("tocilizumab", _PH, r"tocilizumab", r"actemra"),
    _hp("abatacept", _PH, r"abatacept", r"orencia"),
    _hp("anakinra", _PH, r"anakinra", r"kineret"),
    _hp("rituximab", _PH, r"rituximab(?:-\w+)?", r"rituxan", r"truxima", r"ruxience"),
    _hp("ocrelizumab", _PH, r"ocrelizumab", r"ocrevus"),
    _hp("natalizumab", _PH, r"natalizumab", r"tysabri"),
    _hp("ofatumumab", _PH, r"ofatumumab", r"kesimpta"),
    _hp("belimumab", _PH, r"belimumab", r"benlysta"),
    _hp("eculizumab", _PH, r"eculizumab", r"soliris", r"ravulizumab", r"ultomiris"),
    _hp("tofacitinib", _PH, r"tofacitinib", r"xeljanz"),
    _hp("upadacitinib", _PH, r"upadacitinib", r"rinvoq"),
    _hp("baricitinib", _PH, r"baricitinib", r"olumiant"),
    _hp("apremilast", _PH, r"apremilast", r"otezla"),
    _hp("deucravacitinib", _PH, r"deucravacitinib", r"sotyktu"),
    _hp(
        "immune globulin",
        _PH,
        r"(?:IVIG|SCIG|IgG)(?:\s+(?:infusions?|therapy))?",
        r"(?:intravenous|subcutaneous)\s+immun(?:e|o)\s*globulin",
        r"immun(?:e|o)\s*globulin",
        r"gammagard",
        r"privigen",
        r"gamunex(?:-c)?",
        r"octagam",
        r"hizentra",
        r"cuvitru",
    ),
    _hp("nusinersen", _PH, r"nusinersen", r"spinraza"),
    _hp("onasemnogene abeparvovec", _PH, r"onasemnogene(?:\s+abeparvovec)?", r"zolgensma"),
    _hp("risdiplam", _PH, r"risdiplam", r"evrysdi"),
    _hp(
        "elexacaftor/tezacaftor/ivacaftor",
        _PH,
        r"elexacaftor",
        r"trikafta",
        r"ivacaftor",
        r"kalydeco",
        r"symdeko",
        r"orkambi",
    ),
    _hp("emicizumab", _PH, r"emicizumab", r"hemlibra"),
    _hp(
        "somatropin",
        _PH,
        r"somatropin",
        r"growth\s+hormone(?:\s+therapy)?",
        r"genotropin",
        r"norditropin",
        r"humatrope",
        r"omnitrope",
        r"nutropin",
        r"skytrofa",
    ),
    _hp(
        "testosterone",
        _PH,
        r"testosterone(?:\s+(?:cypionate|enanthate|therapy|replacement))?",
        r"androgel",
        r"xyosted",
    ),
    _hp(
        "gender-affirming hormone therapy",
        _PH,
        r"(?:gender[\s-]+affirming|cross[\s-]+sex)\s+hormones?(?:\s+therapy)?",
        r"puberty\s+blockers?",
    ),
    # --- oncology ---------------------------------------------------------------------------------
    _hp("pembrolizumab", _PH, r"pembrolizumab", r"keytruda"),
    _hp("nivolumab", _PH, r"nivolumab", r"opdivo(?:\s+qvantig)?"),
    _hp("atezolizumab", _PH, r"atezolizumab", r"tecentriq"),
    _hp("durvalumab", _PH, r"durvalumab", r"imfinzi"),
    _hp("ipilimumab", _PH, r"ipilimumab", r"yervoy"),
    _hp("cemiplimab", _PH, r"cemiplimab", r"libtayo"),
    _hp(
        "trastuzumab",
        _PH,
        r"(?:ado-|fam-)?trastuzumab(?:[\s-]+(?:deruxtecan|emtansine))?",
        r"herceptin",
        r"enhertu",
        r"kadcyla",
        r"kanjinti",
        r"ogivri",
    ),
    _hp("pertuzumab", _PH, r"pertuzumab", r"perjeta", r"phesgo"),
    _hp("bevacizumab", _PH, r"bevacizumab(?:-\w+)?", r"avastin", r"mvasi", r"zirabev"),
    _hp("cetuximab", _PH, r"cetuximab", r"erbitux"),
    _hp("palbociclib", _PH, r"palbociclib", r"ibrance"),
    _hp("ribociclib", _PH, r"ribociclib", r"kisqali"),
    _hp("abemaciclib", _PH, r"abemaciclib", r"verzenio"),
    _hp("olaparib", _PH, r"olaparib", r"lynparza"),
    _hp("niraparib", _PH, r"niraparib", r"zejula"),
    _hp("osimertinib", _PH, r"osimertinib", r"tagrisso"),
    _hp("lenalidomide", _PH, r"lenalidomide", r"revlimid"),
    _hp("pomalidomide", _PH, r"pomalidomide", r"pomalyst"),
    _hp("daratumumab", _PH, r"daratumumab", r"darzalex(?:\s+faspro)?"),
    _hp("ibrutinib", _PH, r"ibrutinib", r"imbruvica"),
    _hp("acalabrutinib", _PH, r"acalabrutinib", r"calquence"),
    _hp("venetoclax", _PH, r"venetoclax", r"venclexta"),
    _hp("imatinib", _PH, r"imatinib", r"gleevec"),
    _hp("enzalutamide", _PH, r"enzalutamide", r"xtandi"),
    _hp("abiraterone", _PH, r"abiraterone", r"zytiga"),
    _hp("apalutamide", _PH, r"apalutamide", r"erleada"),
    _hp("leuprolide", _PH, r"leuprolide", r"lupron(?:\s+depot)?", r"eligard"),
    _hp("lutetium lu 177", _PH, r"lutetium(?:\s+lu)?[\s-]*177", r"pluvicto", r"lutathera"),
    _hp(
        "car-t cell therapy",
        _PH,
        r"car[\s-]*t(?:[\s-]+cell)?(?:\s+therapy)?",
        r"chimeric\s+antigen\s+receptor",
        r"kymriah",
        r"yescarta",
        r"tecartus",
        r"breyanzi",
        r"abecma",
        r"carvykti",
    ),
    _hp(
        "chemotherapy",
        _PH,
        r"(?:adjuvant\s+|neoadjuvant\s+|intraperitoneal\s+|high-?dose\s+)?chemotherapy",
        r"(?:hipec|folfox|folfirinox|folfiri|capox)",
        r"(?:capecitabine|xeloda|paclitaxel|taxol|abraxane|docetaxel|taxotere|carboplatin|"
        r"cisplatin|oxaliplatin|gemcitabine|gemzar|temozolomide|temodar|pemetrexed|alimta|"
        r"cyclophosphamide|doxorubicin)",
    ),
    _hp(
        "allergen immunotherapy",
        _INJ,
        r"allergy\s+(?:shots|injections|immunotherapy)",
        r"allergen\s+immunotherapy",
        r"(?:sublingual|subcutaneous)\s+immunotherapy",
    ),
    _hp(
        "immunotherapy", _PH, r"(?:checkpoint\s+inhibitor|cancer)\s+immunotherapy", r"immunotherapy"
    ),
    # --- bone, metabolic, cardiovascular, infectious ----------------------------------------------
    _hp("denosumab", _PH, r"denosumab", r"prolia", r"xgeva"),
    _hp("teriparatide", _PH, r"teriparatide", r"forteo", r"abaloparatide", r"tymlos"),
    _hp("romosozumab", _PH, r"romosozumab", r"evenity"),
    _hp("zoledronic acid", _PH, r"zoledronic\s+acid", r"reclast", r"zometa"),
    _hp("semaglutide", _PH, r"semaglutide", r"ozempic", r"wegovy", r"rybelsus"),
    _hp("tirzepatide", _PH, r"tirzepatide", r"mounjaro", r"zepbound"),
    _hp("liraglutide", _PH, r"liraglutide", r"victoza", r"saxenda"),
    _hp("dulaglutide", _PH, r"dulaglutide", r"trulicity"),
    _hp("phentermine", _PH, r"phentermine(?:/topiramate)?", r"qsymia", r"adipex"),
    _hp(
        "insulin",
        _PH,
        r"insulin\s+(?:glargine|lispro|aspart|degludec|detemir)",
        r"lantus",
        r"basaglar",
        r"toujeo",
        r"tresiba",
        r"humalog",
        r"novolog",
        r"levemir",
        r"fiasp",
        r"admelog",
        r"afrezza",
    ),
    _hp(
        "sglt2 inhibitor",
        _PH,
        r"empagliflozin",
        r"jardiance",
        r"dapagliflozin",
        r"farxiga",
        r"canagliflozin",
        r"invokana",
    ),
    _hp("sitagliptin", _PH, r"sitagliptin", r"januvia", r"janumet"),
    _hp(
        "pcsk9 inhibitor",
        _PH,
        r"evolocumab",
        r"repatha",
        r"alirocumab",
        r"praluent",
        r"inclisiran",
        r"leqvio",
    ),
    _hp(
        "hepatitis c antiviral",
        _PH,
        r"sofosbuvir",
        r"velpatasvir",
        r"epclusa",
        r"harvoni",
        r"ledipasvir",
        r"mavyret",
        r"glecaprevir",
        r"vosevi",
        r"zepatier",
        r"sovaldi",
    ),
    _hp(
        "hiv antiretroviral",
        _PH,
        r"biktarvy",
        r"descovy",
        r"truvada",
        r"genvoya",
        r"triumeq",
        r"dovato",
        r"cabenuva",
        r"apretude",
        r"emtricitabine(?:/tenofovir)?",
        r"(?-i:PrEP)",
    ),
    # --- neurology, migraine, psychiatry ----------------------------------------------------------
    _hp(
        "cgrp inhibitor",
        _PH,
        r"erenumab",
        r"aimovig",
        r"fremanezumab",
        r"ajovy",
        r"galcanezumab",
        r"emgality",
        r"eptinezumab",
        r"vyepti",
        r"rimegepant",
        r"nurtec",
        r"ubrogepant",
        r"ubrelvy",
        r"atogepant",
        r"qulipta",
    ),
    _hp("sumatriptan", _PH, r"sumatriptan", r"imitrex", r"zembrace", r"rizatriptan", r"maxalt"),
    _hp(
        "multiple sclerosis disease-modifying therapy",
        _PH,
        r"tecfidera",
        r"dimethyl\s+fumarate",
        r"gilenya",
        r"fingolimod",
        r"copaxone",
        r"glatiramer",
        r"aubagio",
        r"teriflunomide",
        r"mavenclad",
        r"vumerity",
        r"mayzent",
        r"zeposia",
        r"interferon\s+beta(?:-1[ab])?",
        r"avonex",
        r"rebif",
        r"lemtrada",
    ),
    _hp("esketamine", _PH, r"esketamine", r"spravato", r"ketamine(?:\s+infusions?)?"),
    _hp("naltrexone", _PH, r"naltrexone", r"vivitrol"),
    _hp("valbenazine", _PH, r"valbenazine", r"ingrezza", r"deutetrabenazine", r"austedo"),
    _hp("pimavanserin", _PH, r"pimavanserin", r"nuplazid"),
    _hp("sodium oxybate", _PH, r"(?:sodium\s+)?oxybate", r"xyrem", r"xywav", r"lumryz"),
    _hp(
        "modafinil",
        _PH,
        r"(?:ar)?modafinil",
        r"provigil",
        r"nuvigil",
        r"solriamfetol",
        r"sunosi",
        r"pitolisant",
        r"wakix",
    ),
    _hp("edaravone", _PH, r"edaravone", r"radicava"),
    _hp("efgartigimod", _PH, r"efgartigimod", r"vyvgart"),
    _hp("teprotumumab", _PH, r"teprotumumab", r"tepezza"),
    # --- gastrointestinal, cardiovascular, pulmonary, women's health, other specialty drugs ------
    _hp("rifaximin", _PH, r"rifaximin", r"xifaxan"),
    _hp(
        "linaclotide",
        _PH,
        r"linaclotide",
        r"linzess",
        r"plecanatide",
        r"trulance",
        r"lubiprostone",
        r"amitiza",
    ),
    _hp(
        "proton pump inhibitor",
        _PH,
        r"lansoprazole",
        r"prevacid",
        r"dexlansoprazole",
        r"dexilant",
        r"rabeprazole",
        r"aciphex",
        r"vonoprazan",
        r"voquezna",
    ),
    _hp("sacubitril/valsartan", _PH, r"sacubitril(?:/valsartan)?", r"entresto"),
    _hp("tafamidis", _PH, r"tafamidis", r"vyndaqel", r"vyndamax"),
    _hp(
        "anticoagulant",
        _PH,
        r"apixaban",
        r"eliquis",
        r"rivaroxaban",
        r"xarelto",
        r"dabigatran",
        r"pradaxa",
        r"edoxaban",
        r"savaysa",
        r"enoxaparin",
        r"lovenox",
    ),
    _hp("mavacamten", _PH, r"mavacamten", r"camzyos"),
    _hp(
        "pulmonary arterial hypertension drug",
        _PH,
        r"macitentan",
        r"opsumit",
        r"ambrisentan",
        r"letairis",
        r"bosentan",
        r"tracleer",
        r"riociguat",
        r"adempas",
        r"selexipag",
        r"uptravi",
        r"treprostinil",
        r"tyvaso",
        r"remodulin",
        r"orenitram",
        r"revatio",
    ),
    _hp("antifibrotic", _PH, r"nintedanib", r"ofev", r"pirfenidone", r"esbriet"),
    _hp(
        "inhaled maintenance therapy",
        _PH,
        r"trelegy(?:\s+ellipta)?",
        r"breztri",
        r"breo",
        r"symbicort",
        r"advair",
        r"dulera",
        r"spiriva",
        r"anoro",
        r"stiolto",
    ),
    _hp(
        "dornase alfa",
        _PH,
        r"dornase(?:\s+alfa)?",
        r"pulmozyme",
        r"inhaled\s+tobramycin",
        r"tobi(?:\s+podhaler)?",
        r"cayston",
    ),
    _hp("hydroxyprogesterone caproate", _PH, r"hydroxyprogesterone(?:\s+caproate)?", r"makena"),
    _hp("elagolix", _PH, r"elagolix", r"orilissa", r"relugolix", r"myfembree", r"oriahnn"),
    _hp("pegloticase", _PH, r"pegloticase", r"krystexxa"),
    _hp("canakinumab", _PH, r"canakinumab", r"ilaris"),
    _hp("burosumab", _PH, r"burosumab", r"crysvita", r"asfotase(?:\s+alfa)?", r"strensiq"),
    _hp(
        "enzyme replacement therapy",
        _PH,
        r"enzyme\s+replacement\s+therapy",
        r"(?:agalsidase|alglucosidase|avalglucosidase|imiglucerase|velaglucerase|laronidase|"
        r"idursulfase|elosulfase)(?:\s+alfa|\s+beta)?",
        r"fabrazyme",
        r"lumizyme",
        r"nexviazyme",
        r"cerezyme",
        r"vpriv",
        r"elaprase",
        r"vimizim",
    ),
    _hp(
        "gene therapy",
        _PH,
        r"gene\s+therapy",
        r"luxturna",
        r"hemgenix",
        r"roctavian",
        r"elevidys",
        r"zynteglo",
        r"casgevy",
        r"lyfgenia",
    ),
    _hp("peanut allergen powder", _PH, r"palforzia", r"peanut\s+allergen\s+powder"),
    _hp(
        "orlistat",
        _PH,
        r"orlistat",
        r"xenical",
        r"naltrexone/bupropion",
        r"contrave",
        r"setmelanotide",
        r"imcivree",
    ),
    _hp("sildenafil", _PH, r"sildenafil", r"viagra", r"tadalafil", r"cialis"),
    _hp(
        "antibiotic therapy",
        _PH,
        r"(?:intravenous|iv|home\s+infusion|long[\s-]+term)\s+"
        r"antibiotics?(?:\s+therapy)?",
        r"antibiotic\s+infusions?",
    ),
    _hp(
        "adhd stimulant",
        _PH,
        r"methylphenidate",
        r"concerta",
        r"ritalin",
        r"lisdexamfetamine",
        r"vyvanse",
        r"adderall",
        r"amphetamine",
        r"dexmethylphenidate",
        r"focalin",
    ),
    _hp(
        "antipsychotic",
        _PH,
        r"aripiprazole",
        r"abilify(?:\s+maintena)?",
        r"aristada",
        r"paliperidone",
        r"invega(?:\s+(?:sustenna|trinza))?",
        r"risperdal(?:\s+consta)?",
        r"risperidone",
        r"lurasidone",
        r"latuda",
        r"quetiapine",
        r"seroquel",
        r"olanzapine",
        r"zyprexa",
        r"clozapine",
        r"clozaril",
        r"cariprazine",
        r"vraylar",
        r"brexpiprazole",
        r"rexulti",
        r"lumateperone",
        r"caplyta",
    ),
    _hp(
        "antidepressant",
        _PH,
        r"sertraline",
        r"zoloft",
        r"fluoxetine",
        r"prozac",
        r"escitalopram",
        r"lexapro",
        r"citalopram",
        r"bupropion",
        r"wellbutrin",
        r"venlafaxine",
        r"effexor",
        r"vortioxetine",
        r"trintellix",
        r"zuranolone",
        r"zurzuvae",
        r"auvelity",
    ),
    _hp(
        "antiseizure medication",
        _PH,
        r"levetiracetam",
        r"keppra",
        r"lamotrigine",
        r"lamictal",
        r"lacosamide",
        r"vimpat",
        r"cenobamate",
        r"xcopri",
        r"epidiolex",
        r"cannabidiol",
        r"fenfluramine",
        r"fintepla",
        r"clobazam",
        r"onfi",
    ),
    _hp(
        "levodopa",
        _PH,
        r"carbidopa(?:/levodopa)?",
        r"levodopa",
        r"sinemet",
        r"rytary",
        r"duopa",
        r"inbrija",
        r"apomorphine",
        r"kynmobi",
    ),
    _hp(
        "lecanemab",
        _PH,
        r"lecanemab",
        r"leqembi",
        r"aducanumab",
        r"aduhelm",
        r"donanemab",
        r"kisunla",
    ),
    # --- dermatology, ophthalmology, other specialty drugs ----------------------------------------
    _hp("crisaborole", _PH, r"crisaborole", r"eucrisa"),
    _hp("ruxolitinib", _PH, r"ruxolitinib", r"opzelura", r"jakafi"),
    _hp("isotretinoin", _PH, r"isotretinoin", r"accutane", r"absorica", r"claravis"),
    _hp(
        "intravitreal anti-vegf injection",
        _INJ,
        r"aflibercept",
        r"eylea",
        r"ranibizumab",
        r"lucentis",
        r"faricimab",
        r"vabysmo",
        r"beovu",
        r"brolucizumab",
        r"intravitreal\s+(?:avastin|bevacizumab|injections?)",
    ),
    _hp(
        "fertility treatment",
        _OTH,
        r"in\s+vitro\s+fertili[sz]ation",
        r"(?:IVF)",
        r"intrauterine\s+insemination",
        r"(?:IUI)",
        r"egg\s+freezing",
        r"oocyte\s+(?:cryopreservation|retrieval)",
        r"fertility\s+(?:preservation|treatment)s?",
    ),
    # --- surgery ----------------------------------------------------------------------------------
    _hp(
        "bariatric surgery",
        _SUR,
        r"bariatric\s+(?:surgery|procedure|operation)",
        r"(?:laparoscopic\s+)?(?:vertical\s+)?sleeve\s+gastrectomy",
        r"(?:roux-?en-?y\s+)?gastric\s+(?:bypass|band(?:ing)?|sleeve)",
        r"lap(?:-|\s)?band",
        r"weight[\s-]+loss\s+surgery",
        r"duodenal\s+switch",
        r"(?:RYGB)",
    ),
    _hp("mastectomy", _SUR, r"(?:bilateral\s+|prophylactic\s+|double\s+)?mastectom(?:y|ies)"),
    _hp(
        "breast reconstruction",
        _SUR,
        r"breast\s+reconstruction",
        r"(?:DIEP)\s+flap",
        r"tissue\s+expanders?",
    ),
    _hp(
        "breast reduction",
        _SUR,
        r"breast\s+reduction(?:\s+surgery)?",
        r"reduction\s+mammaplast(?:y|ies)",
        r"reduction\s+mammoplast(?:y|ies)",
    ),
    _hp("lumpectomy", _SUR, r"lumpectom(?:y|ies)", r"partial\s+mastectomy"),
    _hp(
        "gender-affirming surgery",
        _SUR,
        r"(?:gender[\s-]+(?:affirming|confirmation|reassignment)|sex\s+reassignment)\s+surger(?:y|ies)",
        r"vaginoplast(?:y|ies)",
        r"phalloplast(?:y|ies)",
        r"metoidioplast(?:y|ies)",
        r"facial\s+feminization(?:\s+surgery)?",
        r"top\s+surgery",
        r"chest\s+masculinization",
    ),
    _hp(
        "panniculectomy",
        _SUR,
        r"panniculectom(?:y|ies)",
        r"abdominoplast(?:y|ies)",
        r"tummy\s+tuck",
    ),
    _hp(
        "blepharoplasty",
        _SUR,
        r"blepharoplast(?:y|ies)",
        r"(?:upper\s+)?eyelid\s+surgery",
        r"ptosis\s+repair",
    ),
    _hp(
        "septoplasty",
        _SUR,
        r"septoplast(?:y|ies)",
        r"rhinoplast(?:y|ies)",
        r"septorhinoplast(?:y|ies)",
        r"turbinate\s+reduction",
    ),
    _hp(
        "sinus surgery",
        _SUR,
        r"(?:functional\s+)?endoscopic\s+sinus\s+surgery",
        r"(?:FESS)",
        r"balloon\s+sinuplasty",
        r"sinus\s+surgery",
    ),
    _hp("tonsillectomy", _SUR, r"tonsillectom(?:y|ies)", r"adenoidectom(?:y|ies)"),
    _hp(
        "cataract surgery",
        _SUR,
        r"cataract\s+(?:surgery|extraction|removal)",
        r"phacoemulsification",
        r"intraocular\s+lens",
    ),
    _hp("corneal cross-linking", _SUR, r"(?:corneal\s+)?(?:collagen\s+)?cross-?linking"),
    _hp("cochlear implant", _SUR, r"cochlear\s+implant(?:s|ation)?"),
    _hp("hearing aids", _DME, r"hearing\s+aids?", r"bone[\s-]+anchored\s+hearing"),
    _hp(
        "hypoglossal nerve stimulator",
        _SUR,
        r"hypoglossal\s+nerve\s+stimulat(?:or|ion)",
        r"inspire(?:\s+(?:device|therapy|implant|upper\s+airway\s+stimulation))?",
        r"upper\s+airway\s+stimulat(?:or|ion)",
    ),
    _hp("deep brain stimulation", _SUR, r"deep\s+brain\s+stimulat(?:or|ion)", r"(?:DBS)"),
    _hp("vagus nerve stimulator", _SUR, r"vag(?:us|al)\s+nerve\s+stimulat(?:or|ion)", r"(?:VNS)"),
    _hp(
        "intrathecal pump",
        _SUR,
        r"intrathecal\s+(?:drug\s+delivery\s+system|pump|baclofen)",
        r"pain\s+pump",
    ),
    _hp(
        "hifu",
        _SUR,
        r"(?:mr(?:i|g)?[\s-]*guided\s+)?focused\s+ultrasound",
        r"(?:MRgFUS|HIFU)",
        r"exablate",
    ),
    _hp("kyphoplasty", _SUR, r"kyphoplast(?:y|ies)", r"vertebroplast(?:y|ies)"),
    _hp(
        "artificial disc replacement",
        _SUR,
        r"(?:artificial|total)\s+disc\s+(?:replacement|arthroplasty)",
        r"(?:cervical|lumbar)\s+disc\s+arthroplasty",
        r"disc\s+replacement",
    ),
    _hp(
        "anterior cruciate ligament reconstruction",
        _SUR,
        r"(?:anterior\s+cruciate\s+ligament|(?:ACL))\s+(?:reconstruction|repair|surgery)",
    ),
    _hp(
        "shoulder arthroplasty",
        _SUR,
        r"(?:total\s+|reverse\s+)?shoulder\s+(?:arthroplasty|replacement)",
    ),
    _hp(
        "hernia repair",
        _SUR,
        r"(?:inguinal\s+|ventral\s+|umbilical\s+|hiatal\s+|incisional\s+)?"
        r"hernia\s+(?:repair|surgery)",
        r"herniorrhaphy",
    ),
    _hp(
        "lithotripsy",
        _SUR,
        r"(?:extracorporeal\s+shock\s*wave\s+|laser\s+)?lithotripsy",
        r"(?:ESWL)",
        r"ureteroscop(?:y|ies)(?:\s+with\s+laser\s+lithotripsy)?",
    ),
    _hp("cholecystectomy", _SUR, r"cholecystectom(?:y|ies)", r"gallbladder\s+(?:removal|surgery)"),
    _hp(
        "hysterectomy",
        _SUR,
        r"hysterectom(?:y|ies)",
        r"myomectom(?:y|ies)",
        r"endometrial\s+ablation",
    ),
    _hp(
        "prostatectomy",
        _SUR,
        r"prostatectom(?:y|ies)",
        r"urolift",
        r"rezum",
        r"(?:TURP)",
        r"prostatic\s+urethral\s+lift",
    ),
    _hp(
        "organ transplant",
        _SUR,
        r"(?:liver|kidney|renal|heart|lung|pancreas|islet\s+cell)\s+"
        r"transplant(?:ation)?",
        r"organ\s+transplant(?:ation)?",
    ),
    _hp(
        "stem cell transplant",
        _SUR,
        r"(?:allogeneic\s+|autologous\s+)?(?:stem\s+cell|bone\s+"
        r"marrow|hematopoietic\s+(?:stem\s+)?cell)\s+transplant(?:ation)?s?",
        r"(?:HSCT)",
    ),
    _hp(
        "stem cell therapy",
        _INJ,
        r"stem\s+cell\s+(?:therapy|injections?|treatment)",
        r"mesenchymal\s+stem\s+cells?",
    ),
    _hp(
        "cardiac procedure",
        _SUR,
        r"(?:transcatheter\s+aortic\s+valve\s+replacement|(?:TAVR|"
        r"TAVI))",
        r"(?:cardiac|catheter|atrial\s+fibrillation)\s+ablation",
        r"(?:coronary\s+)?(?:angioplasty|stent(?:ing)?)",
        r"cardiac\s+catheteri[sz]ation",
        r"watchman",
        r"left\s+atrial\s+appendage\s+(?:closure|occlusion)",
        r"(?:pacemaker|defibrillator|(?:ICD))\s+(?:implant(?:ation)?|placement)",
    ),
    _hp(
        "varicose vein treatment",
        _SUR,
        r"(?:endovenous|radiofrequency|laser)\s+(?:vein\s+)?"
        r"ablation\s+of\s+the\s+(?:great|small)\s+saphenous",
        r"endovenous\s+(?:laser\s+)?ablation",
        r"sclerotherapy",
        r"varicose\s+veins?\s+(?:treatment|surgery|ablation)",
        r"vein\s+(?:stripping|ablation)",
        r"venaseal",
        r"varithena",
    ),
    _hp(
        "orthognathic surgery",
        _SUR,
        r"orthognathic\s+surgery",
        r"jaw\s+surgery",
        r"(?:temporomandibular|(?:TMJ))\s+(?:joint\s+)?(?:surgery|arthroplasty|arthroscopy)",
    ),
    _hp(
        "dental services",
        _OTH,
        r"dental\s+(?:implants?|services|treatment|work|surgery)",
        r"tooth\s+extractions?",
        r"oral\s+surgery",
        r"orthodontic\s+(?:treatment|braces)",
    ),
    _hp(
        "excision of skin lesion",
        _SUR,
        r"mohs(?:\s+(?:micrographic\s+)?surgery)?",
        r"excision\s+of\s+(?:the\s+)?(?:skin\s+)?lesions?",
        r"lipoma\s+excision",
    ),
    _hp(
        "laser treatment",
        _SUR,
        r"(?:laser|pulsed\s+dye)\s+(?:treatment|therapy|hair\s+removal)s?",
        r"electrolysis",
        r"hair\s+removal",
    ),
    _hp("liposuction", _SUR, r"liposuction", r"lipectomy"),
    # --- radiation therapy ------------------------------------------------------------------------
    _hp(
        "proton beam therapy",
        _OTH,
        r"proton\s+(?:beam\s+)?(?:radiation\s+)?(?:therapy|treatment|radiotherapy)",
        r"proton\s+beam",
        r"(?:PBT)",
    ),
    _hp(
        "stereotactic radiation therapy",
        _OTH,
        r"stereotactic\s+(?:body\s+)?(?:radiation\s+therapy|radiosurgery|radiotherapy)",
        r"(?:SBRT|SRS|SABR)",
        r"gamma\s+knife",
        r"cyberknife",
    ),
    _hp(
        "radiation therapy",
        _OTH,
        r"(?:intensity[\s-]+modulated\s+radiation\s+therapy|(?:IMRT|IGRT))",
        r"brachytherapy",
        r"(?:external\s+beam\s+)?radiation\s+(?:therapy|treatment)s?",
        r"radiotherapy",
        r"radioactive\s+iodine",
    ),
    # --- behavioural health -----------------------------------------------------------------------
    _hp(
        "residential treatment",
        _PSY,
        r"(?:psychiatric\s+|mental\s+health\s+|eating\s+disorder\s+|substance\s+(?:use|abuse)\s+)?"
        r"residential\s+(?:treatment|care|program|level\s+of\s+care|facility|admission|rehab\w*)"
        r"(?:\s+(?:center|facility|program))?",
        r"(?:RTC)",
    ),
    _hp(
        "partial hospitalization program",
        _PSY,
        r"partial\s+hospitali[sz]ation(?:\s+program)?",
        r"(?:PHP)",
        r"day\s+treatment\s+program",
    ),
    _hp(
        "intensive outpatient program",
        _PSY,
        r"intensive\s+outpatient(?:\s+(?:program|treatment|services))?",
        r"(?-i:IOP)",
    ),
    _hp(
        "inpatient mental health treatment",
        _PSY,
        r"(?:acute\s+)?(?:inpatient\s+psychiatric|psychiatric\s+inpatient)\s+"
        r"(?:hospitali[sz]ation|admission|care|treatment|stay|unit)",
        r"psychiatric\s+hospitali[sz]ation",
        r"inpatient\s+(?:mental\s+health|detox\w*|substance\s+(?:use|abuse))\s+(?:treatment|care|admission)",
    ),
    _hp(
        "applied behavior analysis",
        _PSY,
        r"applied\s+behavio(?:u)?r(?:al)?\s+analysis(?:\s+therapy)?",
        r"(?:ABA)(?:\s+(?:therapy|services|treatment))?",
        r"behavio(?:u)?ral\s+health\s+treatment\s+for\s+autism",
    ),
    _hp(
        "transcranial magnetic stimulation",
        _PSY,
        r"(?:repetitive\s+|deep\s+)?transcranial\s+magnetic\s+stimulation",
        r"(?:rTMS|TMS|dTMS)",
        r"neurostar",
        r"brainsway",
    ),
    _hp("electroconvulsive therapy", _PSY, r"electroconvulsive\s+therap(?:y|ies)", r"(?:ECT)"),
    # --- rehabilitation and facility care ---------------------------------------------------------
    _hp(
        "speech therapy",
        _PM,
        r"speech(?:\s+(?:and|&)\s+language)?\s+therap(?:y|ies)",
        r"speech[\s-]+language\s+patholog(?:y|ist)",
        r"feeding\s+therap(?:y|ies)",
    ),
    _hp("vision therapy", _PM, r"vision\s+therap(?:y|ies)", r"orthoptic"),
    _hp("cardiac rehabilitation", _PM, r"(?:cardiac|pulmonary)\s+rehab(?:ilitation)?"),
    _hp(
        "inpatient rehabilitation",
        _PRG,
        r"(?:acute\s+)?inpatient\s+rehab(?:ilitation)?(?:\s+(?:facility|admission|stay|unit))?",
        r"(?:IRF)",
        r"acute\s+rehab(?:ilitation)?",
    ),
    _hp(
        "skilled nursing facility",
        _PRG,
        r"skilled\s+nursing(?:\s+(?:facility|care|stay|admission))?",
        r"(?:SNF)",
        r"sub-?acute\s+(?:care|rehab\w*)",
        r"long[\s-]+term\s+acute\s+care",
        r"(?:LTAC|LTACH)",
    ),
    _hp("hospice care", _HH, r"hospice(?:\s+(?:care|services))?"),
    _hp(
        "inpatient hospital admission",
        _OTH,
        r"(?:acute\s+)?inpatient\s+(?:hospital\s+)?(?:admission|stay|hospitali[sz]ation|care|days?)",
        r"hospital\s+(?:admission|stay|days?)",
        r"(?:continued\s+)?hospitali[sz]ation",
        r"emergency\s+(?:room|department)\s+(?:services|visit|care)",
    ),
    # --- durable medical equipment, devices, supplies ---------------------------------------------
    _hp(
        "continuous glucose monitor",
        _DME,
        r"continuous\s+glucose\s+monitor(?:s|ing)?",
        r"(?:CGM)s?",
        r"dexcom(?:\s+g\d)?",
        r"freestyle\s+libre",
        r"libre\s+\d",
        r"guardian\s+sensor",
    ),
    _hp(
        "insulin pump",
        _DME,
        r"insulin\s+pumps?",
        r"omnipod(?:\s+\d)?",
        r"t:?slim(?:\s+x2)?",
        r"tandem\s+pump",
        r"medtronic\s+(?:minimed|\d{3}g)",
    ),
    _hp(
        "cpap machine",
        _DME,
        r"(?:CPAP|BiPAP)(?:\s+(?:machine|device|supplies))?",
        r"(?:continuous|bilevel)\s+positive\s+airway\s+pressure",
        r"mandibular\s+advancement"
        r"(?:\s+device)?",
        r"oral\s+appliance",
    ),
    _hp(
        "prosthesis",
        _DME,
        r"(?:myoelectric\s+|microprocessor[\s-]+(?:controlled\s+)?)?"
        r"prosthe(?:sis|ses|tic)(?:\s+(?:arm|leg|limb|knee|hand|foot))?",
        r"artificial\s+limb",
        r"(?:C-Leg)",
    ),
    _hp(
        "compression garment",
        _DME,
        r"compression\s+(?:garments?|stockings?|sleeves?|"
        r"pumps?|devices?)",
        r"pneumatic\s+compression",
        r"lymphedema\s+pump",
    ),
    _hp(
        "home oxygen",
        _DME,
        r"(?:home|portable|supplemental)\s+oxygen(?:\s+(?:therapy|"
        r"concentrator))?",
        r"oxygen\s+concentrator",
    ),
    _hp("hospital bed", _DME, r"(?:semi-?electric\s+|electric\s+)?hospital\s+bed"),
    _hp(
        "speech generating device",
        _DME,
        r"speech[\s-]+generating\s+device",
        r"augmentative\s+(?:and\s+alternative\s+)?communication",
    ),
    _hp("scalp cooling", _DME, r"scalp\s+cooling", r"cold\s+cap", r"paxman", r"dignicap"),
    _hp(
        "cranial remolding orthosis",
        _DME,
        r"cranial\s+(?:remolding\s+)?orthos(?:is|es)",
        r"(?:helmet|cranial)\s+(?:therapy|band)",
    ),
    _hp("wound vac", _DME, r"wound\s+vac", r"negative\s+pressure\s+wound\s+therapy", r"(?:NPWT)"),
    _hp(
        "bone growth stimulator",
        _DME,
        r"bone\s+growth\s+stimulat(?:or|ion)",
        r"(?:exogen|osteogenic)\s+(?:bone\s+)?stimulat(?:or|ion)",
    ),
    _hp("tumor treating fields", _DME, r"tumor\s+treating\s+fields", r"optune", r"(?:TTFields)"),
    _hp(
        "fecal microbiota transplant",
        _OTH,
        r"fecal\s+(?:microbiota|microbial)\s+transplant(?:ation)?s?",
        r"(?:FMT)",
    ),
    _hp(
        "enteral nutrition",
        _OTH,
        r"(?:enteral|parenteral)\s+(?:nutrition|formula|feeding)",
        r"(?:specialized|amino\s+acid[\s-]+based|elemental)\s+formula",
        r"(?:TPN)",
        r"neocate",
        r"elecare",
    ),
    # --- general requests, weaker evidence than the specific ones above ---------------------------
)

# Synonyms of services above, written as whole words (added to the existing entry, which keeps
# its place in the priority order).
_HEALTH_PLAN_SYNONYMS: tuple[CanonicalService, ...] = (
    _hp(
        "back brace",
        _DME,
        r"(?:custom\s+)?thoracolumbo(?:sacral)?\s+orthos[ie]s",
        r"(?:boston|scoliosis)\s+brace",
    ),
    _hp(
        "ct scan",
        _IMG,
        r"(?:coronary\s+)?(?:CTA)",
        r"(?:coronary\s+)?ct\s+angiogra(?:m|ms|phy)",
        r"ct\s+colonograph(?:y|ies)",
        r"calcium\s+scor(?:e|ing)",
        r"cat\s+scans?",
    ),
    _hp(
        "mri",
        _IMG,
        r"(?:breast|cardiac|prostate|multiparametric)\s+mri",
        r"mr\s+(?:angiogra(?:m|phy)|enterograph(?:y|ies)|spectroscopy)",
        r"(?:MRCP|MRA|MRV|fMRI)",
    ),
    _hp("sleep study", _OTH, r"(?:PSG)", r"(?:home\s+)?sleep\s+(?:apnea\s+)?test(?:ing)?"),
    _hp(
        "genetic testing",
        _OTH,
        r"(?:BRCA)\s*[12]?(?:\s*/\s*[12])?(?:\s+(?:gene\s+)?(?:testing|test|analysis|mutation))?",
        r"oncotype(?:\s*dx)?",
        r"mammaprint",
        r"prosigna",
        r"decipher",
        r"prolaris",
        r"foundation\s*one(?:\s*cdx)?",
        r"guardant\s*360",
        r"(?:whole\s+)?(?:exome|genome)\s+sequencing",
        r"(?-i:WES|WGS|NGS)",
        r"next[\s-]+generation\s+sequencing",
        r"chromosomal\s+microarray",
        r"(?:hereditary|multi-?gene)\s+(?:cancer\s+)?(?:gene\s+)?panel",
        r"gene\s+(?:expression\s+)?(?:panel|profil(?:e|ing)|assay|testing|test)",
        r"pharmacogen(?:etic|omic)s?(?:\s+test(?:ing)?)?",
        r"genesight",
        r"karyotyp(?:e|ing)",
        r"carrier\s+screening",
        r"(?:non-?invasive\s+prenatal\s+test(?:ing)?|(?:NIPT))",
        r"liquid\s+biopsy",
        r"(?:tumor|molecular|genomic)\s+(?:profiling|testing|analysis|sequencing)",
        r"lynch\s+syndrome\s+testing",
        r"myriad(?:\s+myrisk)?",
        r"invitae",
        r"afirma",
        r"thyroseq",
        r"confirm\s*mdx",
        r"cologuard",
        r"signatera",
        r"circulating\s+tumor\s+(?:dna|cells?)",
        r"ctdna",
    ),
    _hp(
        "laboratory tests",
        _OTH,
        r"(?:blood|laboratory|lab)\s+(?:tests?|testing|panel|work)",
        r"(?:vitamin\s+d|thyroid|hormone|hemoglobin\s+a1c|lipid|allergy)\s+(?:tests?|testing|panel|level)",
        r"(?:PSA)\s+test(?:ing)?",
        r"4k\s*score",
        r"urinalysis",
    ),
    _hp(
        "botulinum toxin injection",
        _INJ,
        r"onabotulinumtoxin\s*a?",
        r"abobotulinumtoxin\s*a?",
        r"incobotulinumtoxin\s*a?",
        r"dysport",
        r"xeomin",
        r"myobloc",
    ),
    _hp("arthroscopy", _SUR, r"femoroacetabular\s+impingement\s+surgery"),
    _hp("buprenorphine", _PH, r"sublocade", r"brixadi", r"zubsolv"),
    _hp(
        "spinal fusion",
        _SUR,
        r"(?:(?:transforaminal|posterior|anterior|lateral|extreme\s+lateral|oblique)\s+)?lumbar\s+"
        r"interbody\s+fusion",
    ),
    _hp(
        "spinal fusion",
        _SUR,
        r"spinal\s+(?:fusion|arthrodesis)",
        r"(?:sacroiliac|si)\s+joint\s+(?:fusion|arthrodesis)",
        r"ifuse",
    ),
    _hp(
        "psychological evaluation",
        _PSY,
        r"neuropsycholog(?:ical|y)\s+(?:testing|evaluation|"
        r"assessment)",
        r"psychological\s+testing",
    ),
    _hp(
        "psychotherapy",
        _PSY,
        r"(?:dialectical\s+behavio(?:u)?r(?:al)?\s+therapy|(?:DBT))",
        r"family\s+therapy",
        r"eating\s+disorder\s+treatment",
    ),
    _hp(
        "transportation",
        _OTH,
        r"(?:air\s+|ground\s+)?ambulance(?:\s+(?:transport|services))?",
        r"medical\s+transport",
    ),
    _hp(
        "wheelchair",
        _DME,
        r"(?:power|motorized|electric|custom)\s+(?:wheel\s*chair|mobility\s+"
        r"device|scooter)",
        r"power\s+(?:chair|mobility)",
    ),
    _hp(
        "other surgery",
        _SUR,
        r"(?:laparoscopic|robotic|open|outpatient|elective)\s+"
        r"(?:surgery|procedure)",
        r"surgical\s+(?:procedure|treatment|intervention)",
    ),
)

# Requests so general that any specific mention in the same request outranks them.
GENERIC_SERVICES: frozenset[str] = frozenset(
    {
        "other surgery",
        "specialist consultation",
        "follow-up office visit",
        "laboratory tests",
        "inpatient hospital admission",
        "chemotherapy",
        "immunotherapy",
    }
)


def _before_catch_all(
    services: tuple[CanonicalService, ...], extra: tuple[CanonicalService, ...]
) -> tuple[CanonicalService, ...]:
    """``services`` with ``extra`` inserted before its final catch-all entry."""
    return (*services[:-1], *extra, services[-1])


_Named = TypeVar("_Named", CanonicalService, BodyRegion)


def _with_synonyms(entries: tuple[_Named, ...], synonyms: tuple[_Named, ...]) -> tuple[_Named, ...]:
    """``entries`` in their order, each with the patterns of the same-named ``synonyms`` added
    after its own (its own, most specific first, still come first)."""
    extra: dict[str, tuple[str, ...]] = {}
    for synonym in synonyms:
        extra[synonym.name] = extra.get(synonym.name, ()) + synonym.patterns
    unknown = set(extra) - {e.name for e in entries}
    assert not unknown, f"synonyms of unknown entries: {sorted(unknown)}"
    return tuple(
        replace(entry, patterns=entry.patterns + extra[entry.name])
        if entry.name in extra
        else entry
        for entry in entries
    )


assert SERVICES[-1].name == "other surgery", "the catch-all must stay the last service"
SERVICES = _before_catch_all(_with_synonyms(SERVICES, _HEALTH_PLAN_SYNONYMS), _HEALTH_PLAN_SERVICES)
SERVICES_BY_NAME = {s.name: s for s in SERVICES}

# Body parts that health-plan requests name beyond the musculoskeletal ones above: anatomical
# words and their adjectives only ("renal", "ocular", "gastric"), not disease names ("hepatitis",
# "dermatitis"), so a region is a part the text names, not a guess from the diagnosis (pain
# where it is felt, "headache", "migraine", counts as the head, as above).
# _HEALTH_PLAN_REGION_SYNONYMS adds words to regions above. "cervical cancer" is the cervix; the
# whole-phrase matcher (ingest.phrases) prefers that longer match over "cervical" alone.
_HEALTH_PLAN_REGIONS: tuple[BodyRegion, ...] = (
    _region(
        "breast",
        r"\bbreasts?\b",
        r"\bmamm(?:a|o)",
        r"\bmastectom",
        r"\blumpectom",
        r"\bnipples?\b",
        r"\bareola",
    ),
    _region(
        "eye",
        r"\beyes?\b",
        r"\beyelids?\b",
        r"\bocular\b",
        r"\bretina(?:l)?\b",
        r"\bcornea",
        r"\bmacula",
        r"\bcataracts?\b",
        r"\bintravitreal\b",
        r"\bophthalmic\b",
        r"\bblepharo",
    ),
    _region(
        "ear", r"\bears?\b", r"\bhearing\b", r"\bcochlea(?:r)?\b", r"\btympan", r"\bauditory\b"
    ),
    _region(
        "nose",
        r"\bnose\b",
        r"\bnasal\b(?!\s+sprays?)",
        r"\bsinus(?:es)?\b",
        r"\bseptum\b",
        r"\bsepto",
        r"\bturbinates?\b",
        r"\brhinoplast",
    ),
    _region(
        "jaw",
        r"\bjaws?\b",
        r"\btemporomandibular\b",
        r"\bTMJ\b",
        r"\bmandib",
        r"\bmaxill",
        r"\bteeth\b",
        r"\btooth\b",
        r"\bdental\b",
        r"\bmouth\b",
        r"\borthognathic\b",
    ),
    _region("skin", r"\bskin\b", r"\bderm(?:al|is)\b", r"\bcutaneous\b", r"\bscalp\b"),
    _region(
        "heart",
        r"\bheart\b",
        r"\bcardiac\b",
        r"\bcoronary\b",
        r"\bmyocardi(?:um|al)\b",
        r"\baortic\s+valve",
        r"\bmitral\b",
        r"\batrial\b",
        r"\bventricular\b",
        r"\bechocardio",
    ),
    _region(
        "lung", r"\blungs?\b", r"\bpulmonary\b", r"\bbronch(?:i|ial|us|oscop\w*)\b", r"\bpleura"
    ),
    # A "hepatic and renal panel" is a blood test, not a treatment aimed at the liver.
    _region(
        "liver", r"\bliver\b", r"\bhepatic\b(?!\s+(?:and\s+renal\s+)?(?:function|panel|profile))"
    ),
    _region(
        "kidney", r"\bkidneys?\b", r"\brenal\b(?!\s+(?:function|panel|profile))", r"\bnephrectom"
    ),
    _region("thyroid", r"\bthyroid", r"\bparathyroid"),
)

# More words for regions above.
_HEALTH_PLAN_REGION_SYNONYMS: tuple[BodyRegion, ...] = (
    _region("thoracic spine", r"\bthoracolumb"),
    _region(
        "lower extremity",
        r"\blegs?\b",
        r"\bcal(?:f|ves)\b",
        r"\bthighs?\b",
        r"\bshins?\b",
        r"\btibia(?:l)?\b",
        r"\bfibula(?:r)?\b",
    ),
    _region("upper extremity", r"\barms?\b", r"\bhumer(?:us|al)\b"),
    _region(
        "head",
        r"\btranscranial\b",
        r"\bmigraines?\b",
        r"\bcerebr",
        r"\bintracranial\b",
        r"\bdat\s*-?\s*(?:scan|spect)",
        r"\bioflupane\b",
    ),
    _region(
        "abdomen",
        r"\bstomach\b",
        r"\bgastric\b",
        r"\bgastrectom",
        r"\bgastrointestinal\b",
        r"\bbowels?\b",
        r"\bintestin",
        r"\bcolon\b",
        r"\bcolorectal\b",
        r"\bcolono",
        r"\brect(?:al|um)\b",
        r"\besophag(?:us|eal)\b",
        r"\bgallbladder\b",
        r"\bpancrea(?:s|tic)\b",
        r"\bduoden",
    ),
    _region(
        "pelvis",
        r"\bcervi(?:x|cal\s+(?:cancer|dysplasia|cerclage|insufficiency|neoplasia|"
        r"screening|biopsy|polyps?))\b",
        r"\buter(?:us|ine)\b",
        r"\bovar(?:y|ies|ian)\b",
        r"\bprostat(?:e|ic|ectom\w*)\b",
        r"\bbladder\b",
        r"\bendometri(?:um|al)\b",
        r"\bvagina(?:l)?\b",
        r"\bvulva(?:r)?\b",
        r"\btestic(?:le|les|ular)\b",
        r"\burethr(?:a|al)\b",
        r"\bhysterect",
    ),
)
BODY_REGIONS = (*_with_synonyms(BODY_REGIONS, _HEALTH_PLAN_REGION_SYNONYMS), *_HEALTH_PLAN_REGIONS)

# DMHC treatment categories of health-plan exports beyond the workers'-comp-like ones above.
DMHC_TREATMENT_CATEGORIES.update(
    {
        "orthopedic procedure": "surgery",
        "reconstructive/plastic surgery": "surgery",
        "reconstructive/ plastic surgery": "surgery",
        "neurosurgery": "surgery",
        "transplant": "surgery",
        "prescription drugs": "pharmaceuticals",
        "specialty drugs": "pharmaceuticals",
        "diagnostic imaging": "diagnostic imaging",
        "behavioral health": "psychology and psychiatry",
        "autism related treatment": "psychology and psychiatry",
        "residential treatment center": "psychology and psychiatry",
        "speech therapy": "physical medicine",
        "hospice": "home health",
    }
)
