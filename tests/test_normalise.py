"""Table-driven tests of the pure normalisation functions and the canonical tables."""

from __future__ import annotations

import re

import pytest

from ingest.normalise import (
    find_body_region,
    normalise_outcome,
    normalise_service,
    parse_age,
    parse_date,
    parse_guideline_citations,
    parse_quantity_frequency_duration,
    parse_reviewer,
    parse_sex,
    split_diagnoses,
)
from ingest.parsers.clean import clean_text
from ingest.records import Reviewer
from ingest.vocabulary import (
    BODY_REGIONS,
    GUIDELINE_FAMILIES,
    GUIDELINES,
    SERVICE_CATEGORIES,
    SERVICES,
)

# --- the tables themselves -----------------------------------------------------------------------


def test_service_table_is_large_unique_and_uses_known_categories() -> None:
    assert len(SERVICES) >= 70
    assert len({s.name for s in SERVICES}) == len(SERVICES)
    assert {s.category for s in SERVICES} == set(SERVICE_CATEGORIES)


def test_every_pattern_compiles_and_names_are_unique() -> None:
    for table in (SERVICES, BODY_REGIONS, GUIDELINES):
        assert len({entry.name for entry in table}) == len(table)
        for entry in table:
            for pattern in entry.patterns:
                re.compile(pattern)
    assert {g.family for g in GUIDELINES} == set(GUIDELINE_FAMILIES)


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.name)
def test_every_canonical_service_name_maps_to_itself(service: object) -> None:
    # A canonical name, used as item text, must come back as that service (no shadowing).
    name = service.name  # type: ignore[attr-defined]
    assert normalise_service(name).service == name


# --- outcomes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Upheld", "upheld"),
        ("UPHELD", "upheld"),
        ("is not medically necessary and appropriate", "upheld"),
        ("the request is non-certified", "upheld"),
        ("Upheld Decision of Health Plan", "upheld"),
        ("Overturned", "overturned"),
        ("is medically necessary and appropriate", "overturned"),
        ("Overturned Decision of Health Plan", "overturned"),
        ("Partially Overturned", "partially overturned"),
        ("partially overturned", "partially overturned"),
        ("modified", "partially overturned"),
        ("is partially medically necessary", "partially overturned"),
        ("", None),
        (None, None),
        ("Withdrawn", None),
    ],
)
def test_normalise_outcome(text: str | None, expected: str | None) -> None:
    assert normalise_outcome(text) == expected


# --- services ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "service", "category"),
    [
        (
            "12 Physical and Home Therapy, 2 times per week for 6 weeks",
            "physical therapy",
            "physical medicine",
        ),
        (
            "Post-operative physical therapy 3x4, right knee",
            "physical therapy",
            "physical medicine",
        ),
        ("Occupational therapy for the right hand", "occupational therapy", "physical medicine"),
        ("Aquatic therapy x 8", "aquatic therapy", "physical medicine"),
        ("Chiropractic manipulation 6 visits", "chiropractic", "physical medicine"),
        ("8 sessions of acupuncture", "acupuncture", "physical medicine"),
        ("Massage therapy sessions", "massage therapy", "physical medicine"),
        ("Tramadol 50mg #60", "tramadol", "pharmaceuticals"),
        ("Ultram ER 100mg", "tramadol", "pharmaceuticals"),
        ("Norco 10/325mg #90", "hydrocodone/acetaminophen", "pharmaceuticals"),
        ("Hydrocodone/APAP 5/325", "hydrocodone/acetaminophen", "pharmaceuticals"),
        ("OxyContin 20mg #60", "oxycodone", "pharmaceuticals"),
        ("Oxycodone ER 40mg #60", "oxycodone", "pharmaceuticals"),
        ("Oxycodone 10mg", "oxycodone", "pharmaceuticals"),
        ("Percocet 10/325", "oxycodone/acetaminophen", "pharmaceuticals"),
        ("MS Contin 15mg", "morphine", "pharmaceuticals"),
        ("Nucynta 50mg", "tapentadol", "pharmaceuticals"),
        ("Butrans patch 10mcg", "buprenorphine", "pharmaceuticals"),
        ("Fentanyl patch 25mcg/hr #10", "fentanyl patch", "pharmaceuticals"),
        ("Naproxen sodium 550mg", "naproxen", "pharmaceuticals"),
        ("Anaprox DS 550", "naproxen", "pharmaceuticals"),
        ("Ibuprofen 800mg", "ibuprofen", "pharmaceuticals"),
        ("Mobic 15mg", "meloxicam", "pharmaceuticals"),
        ("Voltaren gel 1%", "diclofenac", "pharmaceuticals"),
        ("Celebrex 200mg", "celecoxib", "pharmaceuticals"),
        ("Flexeril 10mg", "cyclobenzaprine", "pharmaceuticals"),
        ("Soma 350mg", "carisoprodol", "pharmaceuticals"),
        ("Tizanidine 4mg", "tizanidine", "pharmaceuticals"),
        ("Robaxin 750", "methocarbamol", "pharmaceuticals"),
        ("Baclofen 10mg", "baclofen", "pharmaceuticals"),
        ("Neurontin 600mg", "gabapentin", "pharmaceuticals"),
        ("Lyrica 75mg", "pregabalin", "pharmaceuticals"),
        ("Cymbalta 60mg", "duloxetine", "pharmaceuticals"),
        ("Amitriptyline 25mg", "amitriptyline", "pharmaceuticals"),
        ("Prilosec 20mg", "omeprazole", "pharmaceuticals"),
        ("Protonix 40mg", "pantoprazole", "pharmaceuticals"),
        (
            "Compounded cream: flurbiprofen 20%, baclofen 2%, lidocaine 5%",
            "compounded topical cream",
            "pharmaceuticals",
        ),
        (
            "Gabapentin 10% / ketoprofen topical cream",
            "compounded topical cream",
            "pharmaceuticals",
        ),
        ("Lidoderm 5% patch #30", "lidocaine patch", "pharmaceuticals"),
        ("Ambien 10mg #30", "zolpidem", "pharmaceuticals"),
        ("Urine drug screen", "urine drug screen", "other"),
        ("MRI of the lumbar spine without contrast", "mri", "diagnostic imaging"),
        ("Repeat MRI left knee", "mri", "diagnostic imaging"),
        ("CT scan of the cervical spine", "ct scan", "diagnostic imaging"),
        ("X-rays of the right shoulder", "x-ray", "diagnostic imaging"),
        ("Bone scan", "bone scan", "diagnostic imaging"),
        ("EMG/NCV of the bilateral lower extremities", "emg/ncv", "electrodiagnostics"),
        ("Nerve conduction studies, upper extremities", "emg/ncv", "electrodiagnostics"),
        ("Lumbar epidural steroid injection at L4-5", "epidural steroid injection", "injections"),
        ("Transforaminal ESI L5-S1", "epidural steroid injection", "injections"),
        ("Facet joint injections L4-5, L5-S1", "facet joint injection", "injections"),
        ("Medial branch block at left L4-5", "medial branch block", "injections"),
        ("Bilateral facet medial branch blocks", "medial branch block", "injections"),
        ("Radiofrequency ablation L3-L5", "radiofrequency ablation", "injections"),
        ("Trigger point injections x 4", "trigger point injection", "injections"),
        ("Right sacroiliac joint injection", "sacroiliac joint injection", "injections"),
        ("PRP injection to the elbow", "platelet-rich plasma injection", "injections"),
        ("Cortisone injection to the left shoulder", "cortisone injection", "injections"),
        ("Synvisc-One injection, right knee", "viscosupplementation", "injections"),
        ("TENS unit purchase", "tens unit", "durable medical equipment"),
        ("H-wave device rental", "h-wave device", "durable medical equipment"),
        ("Interferential stimulator", "interferential stimulator", "durable medical equipment"),
        ("LSO back brace", "back brace", "durable medical equipment"),
        ("Hinged knee brace", "knee brace", "durable medical equipment"),
        ("Wrist splint, right", "wrist splint", "durable medical equipment"),
        (
            "Post-operative cold therapy unit rental x 7 days",
            "cold therapy unit",
            "durable medical equipment",
        ),
        ("Hot/cold pack", "hot/cold pack", "durable medical equipment"),
        ("CPM machine for 21 days", "continuous passive motion", "durable medical equipment"),
        ("L4-5 posterior lumbar interbody fusion", "spinal fusion", "surgery"),
        ("Anterior cervical discectomy and fusion C5-6", "spinal fusion", "surgery"),
        ("L5-S1 microdiscectomy", "lumbar discectomy", "surgery"),
        ("Right knee arthroscopy with partial meniscectomy", "arthroscopy", "surgery"),
        ("Left total knee arthroplasty", "total knee arthroplasty", "surgery"),
        (
            "Right shoulder arthroscopy, subacromial decompression",
            "arthroscopy",
            "surgery",
        ),
        ("Left carpal tunnel release", "carpal tunnel release", "surgery"),
        ("Spinal cord stimulator trial", "spinal cord stimulator", "surgery"),
        ("Orthopedic consultation", "orthopedic consultation", "evaluation and management"),
        (
            "Pain management consultation",
            "pain management consultation",
            "evaluation and management",
        ),
        ("Follow-up visit in 4 weeks", "follow-up office visit", "evaluation and management"),
        (
            "Functional capacity evaluation",
            "functional capacity evaluation",
            "evaluation and management",
        ),
        ("Psychological evaluation", "psychological evaluation", "psychology and psychiatry"),
        (
            "Cognitive behavioral therapy 6 sessions",
            "cognitive behavioral therapy",
            "psychology and psychiatry",
        ),
        ("Psychotherapy x 12", "psychotherapy", "psychology and psychiatry"),
        ("Home health care 4 hours a day", "home health care", "home health"),
        ("Functional restoration program 160 hours", "functional restoration program", "programs"),
        ("Work hardening 10 sessions", "work hardening", "programs"),
        ("Gym membership x 6 months", "gym membership", "programs"),
        ("Weight loss program", "weight loss program", "programs"),
        ("Sleep study", "sleep study", "other"),
        ("Laboratory tests: CBC, CMP", "laboratory tests", "other"),
        # Brands are synonyms of their generic; one procedure whatever its level or joint.
        ("Oxycodone CR 30 mg every 12 hours", "oxycodone", "pharmaceuticals"),
        ("T12-L2 posterior spinal fusion with instrumentation", "spinal fusion", "surgery"),
        ("Left hip arthroscopy with labral debridement", "arthroscopy", "surgery"),
        # Radiofrequency treatment of the medial branches is the ablation, not the block.
        (
            "Radiofrequency ablation of the cervical medial branches C3-C5",
            "radiofrequency ablation",
            "injections",
        ),
        ("Thermal neurotomy, lumbar medial branch nerves", "radiofrequency ablation", "injections"),
        ("Bilateral L4-5 medial branch nerve blocks", "medial branch block", "injections"),
        ("Right L3-L5 medial branch, diagnostic", "medial branch block", "injections"),
        # A word between the joint and the brace.
        ("Off-the-shelf knee unloader brace", "knee brace", "durable medical equipment"),
        ("OA unloader brace, right", "knee brace", "durable medical equipment"),
    ],
)
def test_normalise_service(text: str, service: str, category: str) -> None:
    match = normalise_service(text)
    assert (match.service, match.category, match.known) == (service, category, True)


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Hyperbaric Oxygen  Therapy!", "hyperbaric oxygen therapy"),
        ("", "unspecified"),
        (None, "unspecified"),
        ("   ***   ", "unspecified"),
    ],
)
def test_unknown_service_keeps_cleaned_text(text: str | None, cleaned: str) -> None:
    assert normalise_service(text) == (cleaned, "other", False)


# --- body regions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("MRI of the lumbar spine", "lumbar spine"),
        ("Physical therapy for the low back", "lumbar spine"),
        ("Medial branch block at left L4-5", "lumbar spine"),
        ("lumbosacral orthosis", "lumbar spine"),
        ("Cervical epidural", "cervical spine"),
        ("Neck pain", "cervical spine"),
        ("Thoracic MRI", "thoracic spine"),
        ("Upper back massage", "thoracic spine"),
        ("Left knee brace", "knee"),
        ("Right shoulder arthroscopy", "shoulder"),
        ("Elbow PRP", "elbow"),
        ("Carpal tunnel release", "wrist"),
        ("Right hand therapy", "hand"),
        ("Hip injection", "hip"),
        ("Ankle x-ray", "ankle"),
        ("Custom orthotics for both feet", "foot"),
        ("CT of the head", "head"),
        ("Abdominal ultrasound", "abdomen"),
        ("EMG/NCV bilateral upper extremities", "upper extremity"),
        ("Tramadol 50mg #60", None),
        ("", None),
    ],
)
def test_find_body_region(text: str, region: str | None) -> None:
    assert find_body_region(text) == region


# --- guidelines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 51, 98-99.",
            [("MTUS Chronic Pain Medical Treatment Guidelines", "51, 98-99")],
        ),
        (
            "The Claims Administrator did not base their decision on the MTUS.  Decision based on "
            "Non-MTUS Citation Official Disability Guidelines/Pain (chronic)",
            [("ODG Pain (Chronic)", None)],
        ),
        ("The Claims Administrator did not base their decision on the MTUS.", []),
        (
            "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints, Page(s): 303-305",
            [("MTUS ACOEM Low Back Complaints", "303-305")],
        ),
        (
            "ACOEM Practice Guidelines, 2nd Edition (2004), Low Back Complaints, Chapter 12, "
            "pages 303-305",
            [("MTUS ACOEM Low Back Complaints", "303-305")],
        ),
        ("ODG-TWC Low Back chapter", [("ODG Low Back", None)]),
        (
            "Official Disability Guidelines (ODG), Neck and Upper Back chapter",
            [("ODG Neck and Upper Back", None)],
        ),
        ("ODG Knee & Leg (Acute & Chronic)", [("ODG Knee & Leg", None)]),
        ("ODG Shoulder chapter", [("ODG Shoulder", None)]),
        ("ODG Forearm, Wrist & Hand", [("ODG Forearm, Wrist & Hand", None)]),
        ("ODG Mental Illness & Stress", [("ODG Mental Illness & Stress", None)]),
        ("ODG Ankle & Foot", [("ODG Ankle & Foot", None)]),
        ("ODG Hip & Pelvis", [("ODG Hip & Pelvis", None)]),
        ("ODG Head chapter", [("ODG Head", None)]),
        (
            "MTUS Postsurgical Treatment Guidelines, page 24",
            [("MTUS Postsurgical Treatment Guidelines", "24")],
        ),
        ("MTUS Drug Formulary", [("MTUS Drug Formulary", None)]),
        (
            "MTUS ACOEM Shoulder Complaints, Chapter 9, page 207",
            [("MTUS ACOEM Shoulder Complaints", "207")],
        ),
        ("MTUS ACOEM Chapter 13 Knee Complaints", [("MTUS ACOEM Knee Complaints", None)]),
        (
            "MTUS ACOEM Chapter 11 Forearm, Wrist, and Hand Complaints",
            [("MTUS ACOEM Forearm, Wrist, and Hand Complaints", None)],
        ),
        (
            "MTUS ACOEM Chapter 14 Ankle and Foot Complaints",
            [("MTUS ACOEM Ankle and Foot Complaints", None)],
        ),
        (
            "MTUS ACOEM Chapter 15 Stress Related Conditions",
            [("MTUS ACOEM Stress Related Conditions", None)],
        ),
        (
            "MTUS ACOEM Chapter 7 Independent Medical Examinations and Consultations, page 127",
            [("MTUS ACOEM Independent Medical Examinations and Consultations", "127")],
        ),
        ("MTUS ACOEM Elbow Disorders", [("MTUS ACOEM Elbow Complaints", None)]),
        (
            "Non-MTUS Citation ACOEM Practice Guidelines, 3rd Edition, Chronic Pain",
            [("ACOEM Practice Guidelines (non-MTUS)", None)],
        ),
        (
            "Chronic Pain Medical Treatment Guidelines, pages 78-80; ODG Pain (Chronic)",
            [
                ("MTUS Chronic Pain Medical Treatment Guidelines", "78-80"),
                ("ODG Pain (Chronic)", None),
            ],
        ),
        (
            "Peer-reviewed literature: Smith et al., Spine 2010",
            [("Peer-reviewed literature", None)],
        ),
        ("FDA labeling for zolpidem", [("FDA labeling", None)]),
        ("Decision based on MTUS", [("MTUS (section not stated)", None)]),
        # ACOEM marked as outside the MTUS after the citation is ACOEM's own family.
        (
            "ACOEM Occupational Medicine Practice Guidelines, 3rd ed., Hip and Groin Disorders "
            "(not adopted by the MTUS)",
            [("ACOEM Practice Guidelines (non-MTUS)", None)],
        ),
        (
            "ACOEM Guidelines, 2nd Edition, Chapter 7, page 127, outside of the MTUS",
            [("ACOEM Practice Guidelines (non-MTUS)", "127")],
        ),
        # ... but the marker of the next citation is not the MTUS chapter's.
        (
            "MTUS ACOEM Chapter 9 Shoulder Complaints, page 209, and Non-MTUS Citation ODG "
            "Shoulder chapter",
            [("MTUS ACOEM Shoulder Complaints", "209"), ("ODG Shoulder", None)],
        ),
        # Saying the MTUS is silent is the reason for another guideline, not an MTUS citation.
        (
            "Because the California MTUS does not specifically address this treatment, the "
            "reviewer relied on the American Academy of Neurology practice parameter on "
            "botulinum toxin.",
            [("Professional society guideline", None)],
        ),
        (
            "The MTUS is silent. North American Spine Society coverage recommendations, 2014",
            [("Professional society guideline", None)],
        ),
        ("AASM clinical guideline for insomnia", [("Professional society guideline", None)]),
        ("", []),
        ("nothing here", []),
    ],
)
def test_parse_guideline_citations(text: str, expected: list[tuple[str, str | None]]) -> None:
    citations = parse_guideline_citations(text, "reviewer")
    assert [(c.name, c.pages) for c in citations] == expected
    assert all(c.cited_by == "reviewer" for c in citations)


# --- quantity, frequency, duration ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Physical therapy, 2 times per week for 6 weeks", (12, "2 times per week", "6 weeks")),
        (
            "12 Physical and Home Therapy, 2 times per week for 6 weeks, between 8/28/2013 and "
            "10/27/2013",
            (12, "2 times per week", "6 weeks"),
        ),
        ("Physical therapy 2x/week x 6 weeks", (None, "2 times per week", "6 weeks")),
        ("Tramadol 50mg #60", (60, None, None)),
        ("Norco 10/325mg, quantity 90", (90, None, None)),
        ("8 acupuncture sessions", (8, None, None)),
        ("Acupuncture x 6", (6, None, None)),
        ("Chiropractic twice weekly for 4 weeks", (None, "2 times per week", "4 weeks")),
        ("Psychotherapy once a week for three months", (None, "1 time per week", "3 months")),
        ("Cold therapy unit x 7 days", (None, None, "7 days")),
        ("Physical therapy 2 x 4 for the right shoulder", (None, "2 times per week", "4 weeks")),
        (
            "Postoperative physical therapy 2x6 for the right knee",
            (None, "2 times per week", "6 weeks"),
        ),
        ("12 sessions of physical therapy 3x4", (12, "3 times per week", "4 weeks")),
        ("MRI of the lumbar spine", (None, None, None)),
        ("", (None, None, None)),
    ],
)
def test_parse_quantity_frequency_duration(
    text: str, expected: tuple[int | None, str | None, str | None]
) -> None:
    assert parse_quantity_frequency_duration(text) == expected


# --- diagnoses -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The patient is currently diagnosed with A, B, and C. Seen on 1/2/2013.", ["a", "b", "c"]),
        (
            "Diagnoses include: Lumbar strain; Sciatica; Depression",
            ["lumbar strain", "sciatica", "depression"],
        ),
        ("He was diagnosed with cervicalgia and lumbago.", ["cervicalgia", "lumbago"]),
        ("Diagnoses: 1. Lumbar strain 2. Sciatica.", ["lumbar strain", "sciatica"]),
        (
            "Diagnosed with lumbar and lumbosacral disc degeneration, and sprain.",
            ["lumbar and lumbosacral disc degeneration", "sprain"],
        ),
        ("Diagnosed with X, x, and Y.", ["x", "y"]),
        ("No diagnosis list here", []),
        ("", []),
    ],
)
def test_split_diagnoses(text: str, expected: list[str]) -> None:
    assert split_diagnoses(text) == expected


# --- dates, age, sex, reviewer -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/26/2012", "2012-01-26"),
        ("01/26/2012", "2012-01-26"),
        ("01/26/12", "2012-01-26"),
        ("12/31/99", "1999-12-31"),
        ("January 5, 2014", "2014-01-05"),
        ("Jan. 5, 2014", "2014-01-05"),
        ("5 January 2014", "2014-01-05"),
        ("2014-01-05", "2014-01-05"),
        ("injured on 02/14/2012 at work", "2012-02-14"),
        ("2/30/2013", None),
        ("13/45/2013", None),
        ("no date", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The patient is a 49-year-old female", 49),
        ("a 49 year old man", 49),
        ("age 49", 49),
        ("aged 52", 52),
        ("Age: 61", 61),
        ("a 38 yo woman", 38),
        ("999-year-old", None),
        ("no age", None),
    ],
)
def test_parse_age(text: str, expected: int | None) -> None:
    assert parse_age(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 49-year-old female", "female"),
        ("A 46-year-old male enrollee", "male"),
        ("FEMALE", "female"),
        ("The patient is a woman", "female"),
        ("The patient is a man", "male"),
        ("Ms. Doe", "female"),
        ("Mr. Doe", "male"),
        ("a 55-year-old gentleman", "male"),
        ("49 F", "female"),
        ("the female patient, whose husband is male", "female"),
        ("the patient", None),
        ("", None),
    ],
)
def test_parse_sex(text: str, expected: str | None) -> None:
    assert parse_sex(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The physician reviewer is Board Certified in Family Practice and is licensed to "
            "practice in Texas.",
            Reviewer("Family Practice", "Texas"),
        ),
        (
            "Board Certified in Physical Medicine and Rehabilitation, and is licensed to practice "
            "in New York. He/she",
            Reviewer("Physical Medicine and Rehabilitation", "New York"),
        ),
        (
            "board certified in Orthopaedic Surgery and is licensed to practice in California He",
            Reviewer("Orthopaedic Surgery", "California"),
        ),
        ("licensed to practice in North Carolina", Reviewer(None, "North Carolina")),
        (
            "The expert reviewer holds a board certification in Orthopedic Surgery and is "
            "licensed to practice in Georgia.",
            Reviewer("Orthopedic Surgery", "Georgia"),
        ),
        (
            "The physician reviewer is Licensed in Psychology and is licensed to practice in "
            "Arizona.",
            Reviewer("Psychology", "Arizona"),
        ),
        (
            # A licence in a state is not a specialty.
            "The reviewer is licensed in California and is Board Certified in Neurology.",
            Reviewer("Neurology", None),
        ),
        # A licensed profession without a board certification names its field.
        (
            "The reviewer is a licensed clinical psychologist and is licensed to practice in "
            "Oregon.",
            Reviewer("Psychology", "Oregon"),
        ),
        (
            "The reviewer is a Licensed Acupuncturist, licensed to practice in Nevada.",
            Reviewer("Acupuncture", "Nevada"),
        ),
        ("nothing", Reviewer()),
    ],
)
def test_parse_reviewer(text: str, expected: Reviewer) -> None:
    assert parse_reviewer(text) == expected


# --- clean-up ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("The patient\u2019s \u201cpain\u201d", 'The patient\'s "pain"'),
        ("\ufb01ndings\u00a0and  more", "findings and more"),
        ("a sentence .\nnext line , here", "a sentence. next line, here"),
        ("first part of a\nPage 2 of 5\nCM13-0012345\nparagraph", "first part of a paragraph"),
        ("first part\nIMR Case Number CM13-0012345 Page 2 of 5\nsecond", "first part second"),
        ("para one.\n\npara two.", "para one.\n\npara two."),
        ("HEADING\ntext under it", "HEADING\ntext under it"),
        ("Item text:\nUpheld", "Item text: Upheld"),
        ("non-\ncertified", "non-certified"),
        ("seen by   on 11/12/2013", "seen by on 11/12/2013"),
    ],
)
def test_clean_text(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned
