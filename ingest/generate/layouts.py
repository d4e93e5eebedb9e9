"""One renderer per workers' comp layout of docs/layouts.md, each turning a
:class:`~ingest.generate.letters.GenLetter` into :mod:`.text` blocks.

Shared pieces (header block, reviewer qualifications, documents list, citation wording) are
helpers here so the four renderers differ only where the layouts differ.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from ingest.generate import guidelines as g
from ingest.generate.letters import OUTCOME_WORD, GenItem, GenLetter
from ingest.generate.text import GAP, Block, line, para

_QUALIFICATIONS_TAIL = (
    "He/she has been in active clinical practice for more than five years and is currently "
    "working at least 24 hours a week in active practice."
)
_SELECTION = (
    "The physician reviewer was selected based on his/her clinical experience, education, "
    "background, and expertise in the same or similar specialties that evaluate and/or treat the "
    "medical condition and disputed items/services. He/she is familiar with governing laws and "
    "regulations, including the strength of evidence hierarchy that applies to Independent "
    "Medical Review determinations."
)
_NO_CRITERIA = "The Claims Administrator did not cite any evidence-based criteria for its decision."


def _header(letter: GenLetter, rng: random.Random, title: bool = True) -> list[Block]:
    """The common header block; two fields per line or one, as letters vary."""
    f = letter.fmt
    fields = [
        ("Dated:", f(letter.dated)),
        ("IMR Case Number:", letter.case_id), ("Date Assigned:", f(letter.assigned)),
        ("Date of Injury:", f(letter.injury_date)), ("Date of UR Decision:", f(letter.ur_date)),
        ("Priority:", "Standard" if rng.random() < 0.9 else "Expedited"),
        ("Application Received:", f(letter.received)), ("Employee:", " "),
    ]  # fmt: skip
    blocks = [line("Independent Medical Review Final Determination Letter")] if title else []
    blocks.append(line(f"{fields[0][0]} {fields[0][1]}"))
    rest = fields[1:]
    if rng.random() < 0.5:
        blocks += [line(f"{label}  {value}") for label, value in rest]
    else:
        for i in range(0, len(rest) - 1, 2):
            (l1, v1), (l2, v2) = rest[i], rest[i + 1]
            blocks.append(line(f"{l1}  {v1}".ljust(36) + f"{l2}  {v2}"))
        if len(rest) % 2:
            blocks.append(line(f"{rest[-1][0]}  {rest[-1][1]}"))
    return [*blocks, GAP]


def _board(letter: GenLetter, who: str, comma: bool) -> str:
    sep = "," if comma else ""
    return (f"{who} is Board Certified in {letter.specialty}{sep} and is licensed to practice in "
            f"{letter.state}.")  # fmt: skip


def _documents(letter: GenLetter, rng: random.Random, bullet: str) -> list[Block]:
    f = letter.fmt
    docs = [
        f"Utilization review determination dated {f(letter.ur_date)}",
        f"Application for Independent Medical Review received {f(letter.received)}",
        f"Medical records from the treating physician, {letter.seen.month:02d}/"
        f"{letter.seen.year - 1} - {letter.seen.month:02d}/{letter.seen.year}",
        "Diagnostic imaging and electrodiagnostic reports",
        "Physical therapy progress notes",
        "Claims administrator correspondence",
    ]  # fmt: skip
    chosen = docs[:3] + rng.sample(docs[3:], rng.randint(0, 3))
    return [line(f"{bullet}{d}") for d in chosen]


def _maximus(item: GenItem, reviewer: bool) -> str:
    if reviewer:
        return g.maximus_style(item.reviewer_cites, no_mtus_preamble=False)
    if not item.admin_cites:
        return _NO_CRITERIA
    return g.maximus_style(item.admin_cites, no_mtus_preamble=item.admin_preamble)


def _admin_list(item: GenItem) -> str:
    return g.list_style(item.admin_cites) if item.admin_cites else _NO_CRITERIA


def _boilerplate(rng: random.Random) -> list[Block]:
    closing = rng.choice((
        "This determination of MAXIMUS Federal Services, Inc. is final and binding on all parties.",
        "The Independent Medical Review determination is deemed to be the determination of the "
        "Administrative Director and is binding on all parties.",
        "If you disagree with this determination, you may file an appeal with the Workers' "
        "Compensation Appeals Board within 30 days of the date of this letter.",
    ))  # fmt: skip
    return [para(closing), GAP]


def render_notice(letter: GenLetter, rng: random.Random) -> list[Block]:
    f = letter.fmt
    b: list[Block] = [
        line("Notice of Independent Medical Review Determination"),
        line(f"Dated: {f(letter.dated)}"),
        line(f"IMR Case Number: {letter.case_id}   Date of UR Decision: {f(letter.ur_date)}   "
             f"Date of Injury: {f(letter.injury_date)}"),
        GAP,
        line("DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC."),
        para("After careful review of the medical records, MAXIMUS Federal Services, Inc. has "
             "determined:"),
    ]  # fmt: skip
    verdicts = {
        "upheld": "is not medically necessary and appropriate",
        "overturned": "is medically necessary and appropriate",
        "partially overturned": "is partially medically necessary and appropriate",
    }
    for i, item in enumerate(letter.items, 1):
        b.append(para(f"{i}. MAXIMUS Federal Services, Inc. has determined the request for "
                      f"{item.text} {verdicts[item.outcome]}."))  # fmt: skip
    b += [GAP, *_boilerplate(rng)]
    b += [
        line("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE"),
        line("Medical Qualifications of the Expert Reviewer:"),
        para(f"{_board(letter, 'The expert reviewer', comma=True)} {_QUALIFICATIONS_TAIL}"),
        GAP, line("Case Summary:"), para(letter.summary), GAP,
    ]  # fmt: skip
    for i, item in enumerate(letter.items, 1):
        admin = (g.notice_style(item.admin_cites, by_reviewer=False) if item.admin_cites
                 else _NO_CRITERIA)  # fmt: skip
        b += [
            para(f"{i}. Regarding the request for {item.text}:"),
            line("Medical Treatment Guideline(s) which the Claims Administrator relied upon:"),
            para(admin),
            line("Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her "
                 "decision:"),
            para(g.notice_style(item.reviewer_cites, by_reviewer=True)),
            line("Rationale for the Decision:"), para(item.rationale), GAP,
        ]  # fmt: skip
    return b


def render_final_determination(letter: GenLetter, rng: random.Random) -> list[Block]:
    b: list[Block] = _header(letter, rng) if letter.has_header else []
    b += [
        line("HOW THE IMR FINAL DETERMINATION WAS MADE"),
        para("MAXIMUS Federal Services sent the complete case file to a physician reviewer. "
             "He/she has no affiliation with the employer, employee, providers or the claims "
             f"administrator. {_board(letter, 'The physician reviewer', comma=False)} "
             f"{_QUALIFICATIONS_TAIL} {_SELECTION}"),
        GAP,
        line("CLINICAL CASE SUMMARY"),
        para("The expert reviewer developed the following clinical case summary based on a review "
             "of the case file, including all medical records:"),
        GAP, para(letter.summary), GAP,
        line("IMR ISSUES, DECISIONS AND RATIONALES"),
        para("The Final Determination was based on decisions for the disputed items/services set "
             "forth below:"),
        GAP,
    ]  # fmt: skip
    for item in letter.items:
        b += [
            para(f"{item.text}:  {OUTCOME_WORD[item.outcome]}"), GAP,
            para(f"Claims Administrator guideline: {_maximus(item, reviewer=False)}"), GAP,
            para(f"MAXIMUS guideline: {_maximus(item, reviewer=True)}"), GAP,
            para(f"Decision rationale: {item.rationale}"), GAP,
        ]  # fmt: skip
    if not letter.has_header:
        b.append(line(letter.case_id))
    return b


def render_decisions_and_rationales(letter: GenLetter, rng: random.Random) -> list[Block]:
    b = _header(letter, rng)
    b += [
        line("SUMMARY OF INDEPENDENT MEDICAL REVIEW"),
        para("Expert reviewer qualifications: "
             f"{_board(letter, 'The expert reviewer', comma=False)} {_QUALIFICATIONS_TAIL}"),
        GAP, line("DOCUMENTS REVIEWED"), *_documents(letter, rng, "- "), GAP,
        line("CLINICAL SUMMARY"), para(letter.summary), GAP,
        line("IMR DECISION(S) AND RATIONALE(S)"),
    ]  # fmt: skip
    pad = "   "
    for i, item in enumerate(letter.items, 1):
        b += [
            para(f"{i}. {item.text}"),
            line(f"{pad}Decision: {OUTCOME_WORD[item.outcome]}"),
            para(f"Guideline(s) used by the Claims Administrator: {_admin_list(item)}", pad),
            para(f"Guideline(s) used by the Expert Reviewer: {g.list_style(item.reviewer_cites)}",
                 pad),
            para(f"Rationale: {item.rationale}", pad), GAP,
        ]  # fmt: skip
    return [*b, *_boilerplate(rng)]


def render_professional_review(letter: GenLetter, rng: random.Random) -> list[Block]:
    b: list[Block] = [line("MEDICAL PROFESSIONAL REVIEW")]
    if letter.has_header:
        b += _header(letter, rng, title=False)
    else:
        b += [line(f"IMR Case Number: {letter.case_id}    Dated: {letter.fmt(letter.dated)}"), GAP]
    b.append(line("ISSUE AT DISPUTE:"))
    b += [para(f"{i}. {item.text}") for i, item in enumerate(letter.items, 1)]
    b += [GAP, line("DETERMINATION:")]
    b += [para(f"{i}. {item.text}: {OUTCOME_WORD[item.outcome].upper()}")
          for i, item in enumerate(letter.items, 1)]  # fmt: skip
    b += [
        GAP,
        line("CASE SUMMARY:"),
        para(letter.summary),
        GAP,
        line("DOCUMENTS REVIEWED FOR DETERMINATION:"),
        *_documents(letter, rng, ""),
        GAP,
    ]
    for i, item in enumerate(letter.items, 1):
        why = (f"These recommendations address {item.reviewer_cites[0].source.topic}, which is "
               "the subject of this request.")  # fmt: skip
        verdict = "NOT MEDICALLY NECESSARY" if item.outcome == "upheld" else "MEDICALLY NECESSARY"
        b += [
            para(f"ISSUE {i}: {item.text}"),
            line("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:"),
            para(f"{g.list_style(item.reviewer_cites)} {why}"),
            line(f"RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS {verdict}:"),
            para(item.rationale), GAP,
        ]  # fmt: skip
    b += [
        line("MEDICAL REVIEWER QUALIFICATIONS:"),
        para(f"{_board(letter, 'The reviewer', comma=False)} {_QUALIFICATIONS_TAIL}"),
    ]
    return b


RENDERERS: dict[str, Callable[[GenLetter, random.Random], list[Block]]] = {
    "dwc-2013-notice": render_notice,
    "dwc-final-determination": render_final_determination,
    "dwc-decisions-and-rationales": render_decisions_and_rationales,
    "dwc-professional-review": render_professional_review,
}
