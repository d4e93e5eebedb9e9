"""Guideline sources the generator cites, and how each layout spells a citation.

A :class:`Cite` is one guideline plus the pages that fit the requested service. Layouts spell the
same citation differently ("Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 51,
98-99." in a final-determination letter, "The Expert Reviewer relied on the Chronic Pain Medical
Treatment Guidelines, pages 98-99." in a 2013 notice); the ground truth keeps only the canonical
name, family and pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.records import GuidelineCitation


@dataclass(frozen=True)
class Source:
    """One guideline document: its canonical name plus the surface names letters use for it."""

    name: str  # canonical, as in ingest/vocabulary.py GUIDELINES
    family: str
    maximus: str  # "Chronic Pain Treatment Guidelines" / "ACOEM Chapter 12 Low Back Complaints"
    long: str  # prose form used by notices and professional reviews
    topic: str  # what it governs, for the professional review's "why" sentence

    @property
    def mtus(self) -> bool:
        return self.family == "MTUS"


@dataclass(frozen=True)
class Cite:
    source: Source
    pages: str | None = None

    def truth(self, cited_by: str) -> GuidelineCitation:
        return GuidelineCitation(
            name=self.source.name, family=self.source.family, pages=self.pages, cited_by=cited_by
        )


def _mtus(name: str, maximus: str, long: str, topic: str) -> Source:
    return Source(name=name, family="MTUS", maximus=maximus, long=long, topic=topic)


def _acoem(chapter: int, title: str, topic: str, name: str | None = None) -> Source:
    return Source(
        name=name or f"MTUS ACOEM {title}",
        family="MTUS",
        maximus=f"ACOEM Chapter {chapter} {title}",
        long=f"MTUS ACOEM Practice Guidelines, 2nd Edition (2004), {title}, Chapter {chapter}",
        topic=topic,
    )


def _odg(name: str, section: str, topic: str) -> Source:
    # The topic sentence sits next to the citation in professional reviews, so it must not name
    # a guideline itself (no "ODG", "ACOEM", chapter titles).
    return Source(
        name=name,
        family="ODG",
        maximus=f"Official Disability Guidelines/{section}",
        long=f"Official Disability Guidelines (ODG), {section} Chapter",
        topic=topic,
    )


CHRONIC_PAIN = _mtus(
    "MTUS Chronic Pain Medical Treatment Guidelines",
    "Chronic Pain Treatment Guidelines",
    "Chronic Pain Medical Treatment Guidelines",
    "the management of persistent pain",
)
ACUPUNCTURE = _mtus(
    "MTUS Acupuncture Medical Treatment Guidelines",
    "Acupuncture Medical Treatment Guidelines",
    "MTUS Acupuncture Medical Treatment Guidelines",
    "the frequency and duration of acupuncture",
)
POSTSURGICAL = _mtus(
    "MTUS Postsurgical Treatment Guidelines",
    "Postsurgical Treatment Guidelines",
    "MTUS Postsurgical Treatment Guidelines",
    "postoperative physical medicine",
)
ACOEM_CONSULT = _acoem(
    7,
    "Independent Medical Examinations and Consultations",
    "when a referral to another specialist adds value",
)
ACOEM_NECK = _acoem(8, "Neck and Upper Back Complaints", "cervical spine disorders")
ACOEM_SHOULDER = _acoem(9, "Shoulder Complaints", "disorders of the shoulder")
ACOEM_ELBOW = _acoem(
    10, "Elbow Disorders", "disorders of the elbow", name="MTUS ACOEM Elbow Complaints"
)
ACOEM_HAND = _acoem(11, "Forearm, Wrist, and Hand Complaints", "disorders of the wrist and hand")
ACOEM_BACK = _acoem(12, "Low Back Complaints", "lumbar spine disorders")
ACOEM_KNEE = _acoem(13, "Knee Complaints", "disorders of the knee")
ACOEM_STRESS = _acoem(15, "Stress Related Conditions", "psychological conditions after injury")
ODG_PAIN = _odg("ODG Pain (Chronic)", "Pain (chronic)", "persistent pain and its medications")
ODG_BACK = _odg("ODG Low Back", "Low Back", "lumbar spine disorders")
ODG_NECK = _odg("ODG Neck and Upper Back", "Neck and Upper Back", "cervical spine disorders")
ODG_SHOULDER = _odg("ODG Shoulder", "Shoulder", "disorders of the shoulder")
ODG_KNEE = _odg("ODG Knee & Leg", "Knee & Leg", "disorders of the knee and leg")
ODG_HAND = _odg(
    "ODG Forearm, Wrist & Hand", "Forearm, Wrist & Hand", "disorders of the wrist and hand"
)
ODG_CARPAL = _odg(
    "ODG Forearm, Wrist & Hand", "Carpal Tunnel Syndrome", "median nerve entrapment at the wrist"
)
ODG_MENTAL = _odg(
    "ODG Mental Illness & Stress", "Mental Illness & Stress", "depression and anxiety after injury"
)
ODG_ELBOW = _odg("ODG Elbow", "Elbow", "disorders of the elbow")

ALL_SOURCES: tuple[Source, ...] = (
    CHRONIC_PAIN, ACUPUNCTURE, POSTSURGICAL, ACOEM_CONSULT, ACOEM_NECK, ACOEM_SHOULDER,
    ACOEM_ELBOW, ACOEM_HAND, ACOEM_BACK, ACOEM_KNEE, ACOEM_STRESS, ODG_PAIN, ODG_BACK, ODG_NECK,
    ODG_SHOULDER, ODG_KNEE, ODG_HAND, ODG_CARPAL, ODG_MENTAL, ODG_ELBOW,
)  # fmt: skip

# Imaging, bracing and surgery cite the ACOEM chapter and the ODG section of the injured region.
ACOEM_BY_REGION: dict[str, Source] = {
    "lumbar": ACOEM_BACK, "cervical": ACOEM_NECK, "thoracic": ACOEM_BACK,
    "shoulder": ACOEM_SHOULDER, "knee": ACOEM_KNEE, "wrist": ACOEM_HAND, "elbow": ACOEM_ELBOW,
}  # fmt: skip
ODG_BY_REGION: dict[str, Source] = {
    "lumbar": ODG_BACK, "cervical": ODG_NECK, "thoracic": ODG_BACK, "shoulder": ODG_SHOULDER,
    "knee": ODG_KNEE, "wrist": ODG_HAND, "elbow": ODG_ELBOW,
}  # fmt: skip


def _pages_phrase(pages: str) -> str:
    return f"page {pages}" if pages.isdigit() else f"pages {pages}"


def maximus_style(cites: list[Cite], no_mtus_preamble: bool) -> str:
    """Final-determination form: "Decision based on MTUS ... Page(s): 98-99." per citation."""
    parts = (
        ["The Claims Administrator did not base their decision on the MTUS."]
        if (no_mtus_preamble)
        else []
    )
    for cite in cites:
        src = cite.source
        if not src.mtus:
            parts.append(f"Decision based on Non-MTUS Citation {src.maximus}.")
        elif cite.pages:
            parts.append(f"Decision based on MTUS {src.maximus}, Page(s): {cite.pages}.")
        else:
            parts.append(f"Decision based on MTUS {src.maximus}.")
    return "  ".join(parts)


def prose_citation(cite: Cite) -> str:
    """ "Chronic Pain Medical Treatment Guidelines, pages 98-99" (capitalised, no article)."""
    text = cite.source.long
    return f"{text}, {_pages_phrase(cite.pages)}" if cite.pages else text


def notice_style(cites: list[Cite], by_reviewer: bool) -> str:
    """2013 notice form: who relied on what; further citations follow after semicolons."""
    who = (
        "The Expert Reviewer relied on the"
        if by_reviewer
        else ("The Claims Administrator based its decision on the")
    )
    return f"{who} {list_style(cites)}"


def list_style(cites: list[Cite]) -> str:
    """Decisions-and-rationales form: citations separated by semicolons (each starts with a
    capital, so a reader can split them into sentences)."""
    return "; ".join(prose_citation(c) for c in cites) + "."
