"""Canonical tables: requested services, body regions, guidelines, outcome and sex words.

Everything the parser maps free text onto lives here, so that the parser, the letter generator and
the graph agree on one spelling per thing. Patterns are case-insensitive regular expressions
matched against short item text (services, regions) or one citation sentence (guidelines).

Order is priority. :data:`SERVICES` is searched top to bottom and the first service with a
matching pattern wins, so specific entries (``oxycontin``, ``lumbar fusion``, ``compounded topical
cream``) sit above the general ones they would otherwise lose to (``oxycodone``, ``other surgery``,
``gabapentin``). Within one entry the most specific pattern comes first.

Choices worth knowing:

- Imaging is one service per modality (``mri``, ``ct scan``, ``x-ray``); the body region is a
  separate field, so "MRI of the lumbar spine" is service ``mri`` + region ``lumbar spine``.
- "Physical and Home Therapy" (the seed letter's wording) is ``physical therapy``: the request is
  for therapy visits; ``home health care`` is for aides, nursing and home assistance.
- Urine drug screens and laboratory tests are ``other`` (they are neither imaging nor drugs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

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
    if branch.startswith("(?:", i):
        end = _group_end(branch, i)
        if end is None or branch[end : end + 1] in ("?", "*", "{"):
            return None  # an optional group promises nothing
        return required_words(branch[i + 3 : end - 1])
    run = re.match(r"[A-Za-z0-9]*", branch[i:]).group()  # type: ignore[union-attr]
    if branch[i + len(run) : i + len(run) + 1] in ("?", "*", "{"):
        run = run[:-1]  # the last letter is optional ("s?") or repeated from zero
    return frozenset({run.lower()}) if run else None


def _all_required_words(patterns: tuple[str, ...]) -> frozenset[str] | None:
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
        object.__setattr__(self, "words", _all_required_words(self.patterns))

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
        object.__setattr__(self, "words", _all_required_words(self.patterns))


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
    _svc("oxycontin", _PH, r"oxycontin", r"oxycodone\s+(?:er|cr|extended)"),
    _svc(
        "oxycodone/acetaminophen",
        _PH,
        r"percocet",
        r"endocet",
        r"oxycodone\s*/\s*(?:apap|acetaminophen)",
    ),
    _svc("oxycodone", _PH, r"oxycodone", r"roxicodone", r"oxy\s*ir\b"),
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
    _svc("medial branch block", _INJ, r"medial\s+branch", r"\bMBB\b"),
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
    _svc("knee brace", _DME, r"knee\s+(?:brace|support|orthosis)", r"hinged\s+brace"),
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
    _svc(
        "cervical fusion",
        _SUR,
        r"\bACDF\b",
        r"cervical.{0,40}\bfusion",
        r"fusion.{0,40}\bcervical",
        r"fusion.{0,20}\bC[2-7]\b",
        r"anterior\s+cervical\s+discectomy",
    ),
    _svc(
        "lumbar fusion",
        _SUR,
        r"\b[TPAX]LIF\b",
        r"lumbar.{0,40}\bfusion",
        r"fusion.{0,40}\blumbar",
        r"fusion.{0,20}\bL[1-5]\b",
        r"\bL[1-5]\b.{0,20}fusion",
    ),
    _svc("spinal fusion", _SUR, r"\bfusion"),
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
    _svc(
        "knee arthroscopy",
        _SUR,
        r"knee.{0,40}arthroscop",
        r"arthroscop.{0,40}\bknee",
        r"menisc(?:ectomy|us\s+repair)",
        r"chondroplasty",
    ),
    _svc(
        "shoulder arthroscopy",
        _SUR,
        r"shoulder.{0,40}arthroscop",
        r"arthroscop.{0,40}\bshoulder",
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

GUIDELINES: tuple[CanonicalGuideline, ...] = (
    # ACOEM cited as outside the MTUS (checked first; spans the rest of the sentence so the MTUS
    # chapter entries below cannot claim the same words).
    _gl("ACOEM Practice Guidelines (non-MTUS)", "ACOEM", r"non-?\s*MTUS[^.;]{0,80}?ACOEM[^.;]*"),
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
        r"(?<!non-)(?<!non )\bMTUS\b",
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
            r"necessary)|\bmodif(?:ied|y|ication)",
            re.IGNORECASE,
        ),
    ),
    (
        "upheld",
        re.compile(
            r"\bupheld\b|\buphold|\bnot\s+(?:medically\s+)?necessary|\bnon-?\s*certif|"
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
