"""DMHC-style CSV rows for clean-room set 3 (hand-written specs, templated sentences)."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
R = random.Random(77031)

# service, phrase in findings, diag cat, diag sub, treat cat, treat sub, type, diagnosis, region, outcome, reason
SPECS = [
    (
        "ustekinumab",
        "Stelara (ustekinumab)",
        "Digestive System/ Gastrointestinal",
        "Crohn's Disease",
        "Pharmacy",
        "Immunologicals",
        "MN",
        "crohn's disease",
        None,
        "O",
        "the enrollee had failed adalimumab and infliximab with persistent ileal inflammation on colonoscopy, and ustekinumab is an accepted next-line biologic",
    ),
    (
        "adalimumab",
        "Humira (adalimumab)",
        "Musculoskeletal",
        "Rheumatoid Arthritis",
        "Pharmacy",
        "Immunologicals",
        "MN",
        "rheumatoid arthritis",
        None,
        "U",
        "the plan's step therapy requires a trial of methotrexate, which the enrollee had not taken, and no contraindication to methotrexate was documented",
    ),
    (
        "dupilumab",
        "Dupixent (dupilumab)",
        "Skin",
        "Atopic Dermatitis",
        "Pharmacy",
        "Immunologicals",
        "MN",
        "atopic dermatitis",
        None,
        "O",
        "the enrollee's moderate-to-severe eczema involved more than 20 percent of body surface area despite high-potency topical steroids and a topical calcineurin inhibitor",
    ),
    (
        "semaglutide",
        "Ozempic (semaglutide)",
        "Endocrine/ Metabolic",
        "Diabetes",
        "Pharmacy",
        "Endocrine/Metabolic Agents",
        "MN",
        "type 2 diabetes",
        None,
        "O",
        "the hemoglobin A1c remained above 8.5 percent on metformin and a sulfonylurea, and the enrollee also has established cardiovascular disease, for which a GLP-1 agonist is preferred",
    ),
    (
        "liraglutide",
        "Saxenda (liraglutide)",
        "Endocrine/ Metabolic",
        "Obesity",
        "Pharmacy",
        "Weight Loss Agents",
        "MN",
        "obesity",
        None,
        "U",
        "the medical records did not document participation in a structured lifestyle program for the required period before pharmacotherapy",
    ),
    (
        "omalizumab",
        "Xolair (omalizumab)",
        "Respiratory System",
        "Asthma",
        "Pharmacy",
        "Immunologicals",
        "MN",
        "severe persistent asthma",
        "lung",
        "O",
        "the enrollee had elevated IgE, a positive perennial allergen test, and two hospitalizations in the past year despite high-dose inhaled corticosteroid and long-acting beta agonist",
    ),
    (
        "pembrolizumab",
        "Keytruda (pembrolizumab)",
        "Cancer",
        "Lung Cancer",
        "Pharmacy",
        "Anti-cancer Agents",
        "EI",
        "non-small cell lung cancer",
        "lung",
        "O",
        "the tumor expresses PD-L1 at more than 50 percent and first-line pembrolizumab is supported by phase III trial data and national guidelines",
    ),
    (
        "pembrolizumab",
        "Keytruda (pembrolizumab)",
        "Cancer",
        "Other",
        "Pharmacy",
        "Anti-cancer Agents",
        "EI",
        "uveal melanoma",
        "eye",
        "U",
        "the published evidence for checkpoint inhibitors in metastatic uveal melanoma shows low response rates, and the treatment is not likely to be more beneficial than available therapy",
    ),
    (
        "dat scan",
        "a DaT scan (DaT SPECT, ioflupane)",
        "Central Nervous System/ Neuromuscular",
        "Parkinson's Disease",
        "Diagnostic Imaging, Screening and Testing",
        "Nuclear Medicine",
        "MN",
        "parkinsonism",
        "brain",
        "O",
        "the enrollee has tremor with atypical features and the clinical distinction between essential tremor and parkinsonism is uncertain, which is the recognized indication for the test",
    ),
    (
        "dat scan",
        "DaTscan imaging",
        "Central Nervous System/ Neuromuscular",
        "Other",
        "Diagnostic Imaging, Screening and Testing",
        "Nuclear Medicine",
        "MN",
        "essential tremor",
        "brain",
        "U",
        "the neurologist's examination already established the diagnosis clinically, and the result of the scan would not change management",
    ),
    (
        "pet scan",
        "a PET/CT scan",
        "Cancer",
        "Lymphoma",
        "Diagnostic Imaging, Screening and Testing",
        "PET Scan",
        "MN",
        "hodgkin lymphoma",
        None,
        "O",
        "interim PET/CT is a standard part of response-adapted treatment of Hodgkin lymphoma after two cycles of chemotherapy",
    ),
    (
        "pet scan",
        "a brain PET scan (amyloid PET)",
        "Central Nervous System/ Neuromuscular",
        "Dementia",
        "Diagnostic Imaging, Screening and Testing",
        "PET Scan",
        "EI",
        "mild cognitive impairment",
        "brain",
        "U",
        "amyloid PET has not been shown to improve health outcomes in this setting and remains investigational outside of research protocols",
    ),
    (
        "mri",
        "an MRI of the lumbar spine",
        "Musculoskeletal",
        "Back Pain",
        "Diagnostic Imaging, Screening and Testing",
        "MRI",
        "MN",
        "low back pain",
        "lumbar spine",
        "U",
        "the enrollee had only six weeks of symptoms without neurologic deficit or red flags, and imaging is not indicated before a trial of conservative care",
    ),
    (
        "mri",
        "a breast MRI",
        "Cancer",
        "Breast Cancer",
        "Diagnostic Imaging, Screening and Testing",
        "MRI",
        "MN",
        "breast cancer screening",
        "breast",
        "O",
        "the enrollee's lifetime risk exceeds 20 percent by a validated model, and annual MRI is recommended in addition to mammography for high-risk women",
    ),
    (
        "ct angiography",
        "CT angiography (CTA) of the coronary arteries",
        "Cardiac/ Circulatory",
        "Coronary Artery Disease",
        "Diagnostic Imaging, Screening and Testing",
        "CT Scan",
        "MN",
        "chest pain",
        "heart",
        "O",
        "the enrollee has intermediate pretest probability of coronary disease and an equivocal stress test, which is an appropriate use of coronary CTA",
    ),
    (
        "brca testing",
        "BRCA1/BRCA2 genetic testing",
        "Genetic Diseases",
        "Other",
        "Diagnostic Imaging, Screening and Testing",
        "Lab Work",
        "MN",
        "family history of breast cancer",
        "breast",
        "O",
        "the enrollee's mother was diagnosed with breast cancer at 42 and a maternal aunt had ovarian cancer, which meets national criteria for testing",
    ),
    (
        "oncotype dx",
        "the Oncotype DX breast recurrence score test",
        "Cancer",
        "Breast Cancer",
        "Diagnostic Imaging, Screening and Testing",
        "Lab Work",
        "EI",
        "breast cancer",
        "breast",
        "O",
        "the tumor is hormone receptor positive, HER2 negative and node negative, the population in which the assay is validated to guide chemotherapy decisions",
    ),
    (
        "whole exome sequencing",
        "whole exome sequencing",
        "Genetic Diseases",
        "Other",
        "Diagnostic Imaging, Screening and Testing",
        "Genetic Testing",
        "EI",
        "global developmental delay",
        None,
        "O",
        "the child has developmental delay with dysmorphic features and a nondiagnostic chromosomal microarray, and exome sequencing has a meaningful diagnostic yield in this setting",
    ),
    (
        "whole exome sequencing",
        "whole exome sequencing (trio)",
        "Genetic Diseases",
        "Other",
        "Diagnostic Imaging, Screening and Testing",
        "Genetic Testing",
        "EI",
        "autism spectrum disorder",
        None,
        "U",
        "the enrollee has isolated autism without additional features, and the results would not change the behavioral treatment plan",
    ),
    (
        "bariatric surgery",
        "laparoscopic sleeve gastrectomy (bariatric surgery)",
        "Endocrine/ Metabolic",
        "Obesity",
        "Surgery",
        "Bariatric Surgery",
        "MN",
        "morbid obesity",
        "abdomen",
        "O",
        "the enrollee's body mass index is 44 with obstructive sleep apnea, a documented supervised diet program was completed, and the psychological evaluation cleared the enrollee for surgery",
    ),
    (
        "bariatric surgery",
        "gastric bypass surgery",
        "Endocrine/ Metabolic",
        "Obesity",
        "Surgery",
        "Bariatric Surgery",
        "MN",
        "obesity",
        "abdomen",
        "U",
        "the body mass index was 36 without a qualifying comorbidity, which does not meet the accepted criteria for surgery",
    ),
    (
        "spinal fusion",
        "L4-L5 lumbar spinal fusion",
        "Musculoskeletal",
        "Back Pain",
        "Surgery",
        "Orthopedic",
        "MN",
        "degenerative spondylolisthesis",
        "lumbar spine",
        "O",
        "imaging shows grade I spondylolisthesis with dynamic instability and neurogenic claudication that failed more than six months of therapy and injections",
    ),
    (
        "spinal fusion",
        "cervical fusion at C5-C7",
        "Musculoskeletal",
        "Neck Pain",
        "Surgery",
        "Orthopedic",
        "MN",
        "cervical spondylosis",
        "cervical spine",
        "U",
        "the enrollee has axial neck pain without myelopathy or radiculopathy, and fusion for neck pain alone is not supported by the evidence",
    ),
    (
        "total knee replacement",
        "a right total knee arthroplasty",
        "Musculoskeletal",
        "Osteoarthritis",
        "Surgery",
        "Orthopedic",
        "MN",
        "osteoarthritis of the knee",
        "knee",
        "O",
        "radiographs show severe tricompartmental osteoarthritis and the enrollee failed injections, bracing and physical therapy",
    ),
    (
        "total hip replacement",
        "a left total hip arthroplasty",
        "Musculoskeletal",
        "Osteoarthritis",
        "Surgery",
        "Orthopedic",
        "MN",
        "avascular necrosis of the hip",
        "hip",
        "O",
        "the MRI shows femoral head collapse, and arthroplasty is the accepted treatment once collapse has occurred",
    ),
    (
        "residential treatment",
        "residential mental health treatment",
        "Mental",
        "Eating Disorder",
        "Mental Health",
        "Residential Treatment Center",
        "MN",
        "anorexia nervosa",
        None,
        "O",
        "the enrollee's weight was below 75 percent of ideal body weight with bradycardia despite intensive outpatient care, so a residential level of care was required",
    ),
    (
        "residential treatment",
        "continued residential substance use treatment",
        "Mental",
        "Substance Abuse",
        "Mental Health",
        "Residential Treatment Center",
        "MN",
        "alcohol use disorder",
        None,
        "U",
        "the enrollee was medically stable, engaged in treatment, and had a supportive home environment, so care could be provided in a partial hospitalization program",
    ),
    (
        "aba therapy",
        "applied behavior analysis (ABA) therapy, 30 hours per week",
        "Mental",
        "Autism Spectrum",
        "Mental Health",
        "Applied Behavioral Analysis",
        "MN",
        "autism spectrum disorder",
        None,
        "O",
        "the child showed measurable progress toward treatment goals, and the requested intensity matches the severity of the skill deficits",
    ),
    (
        "aba therapy",
        "an increase in ABA hours from 15 to 40 per week",
        "Mental",
        "Autism Spectrum",
        "Mental Health",
        "Applied Behavioral Analysis",
        "MN",
        "autism spectrum disorder",
        None,
        "U",
        "the treatment plan did not identify new goals, and the child's school schedule would not permit the requested hours",
    ),
    (
        "transcranial magnetic stimulation",
        "transcranial magnetic stimulation (TMS)",
        "Mental",
        "Depression",
        "Mental Health",
        "Other",
        "MN",
        "major depressive disorder",
        "brain",
        "O",
        "the enrollee failed four antidepressants from two classes together with psychotherapy, which meets accepted criteria for TMS",
    ),
    (
        "transcranial magnetic stimulation",
        "deep TMS therapy",
        "Mental",
        "Obsessive-Compulsive Disorder",
        "Mental Health",
        "Other",
        "EI",
        "obsessive-compulsive disorder",
        "brain",
        "U",
        "the enrollee had not completed an adequate trial of exposure and response prevention therapy, which remains first-line treatment",
    ),
    (
        "continuous glucose monitor",
        "a continuous glucose monitor (Dexcom G6)",
        "Endocrine/ Metabolic",
        "Diabetes",
        "DME",
        "Other",
        "MN",
        "type 1 diabetes",
        None,
        "O",
        "the enrollee uses multiple daily insulin injections and has recurrent nocturnal hypoglycemia",
    ),
    (
        "power wheelchair",
        "a power wheelchair",
        "Central Nervous System/ Neuromuscular",
        "Multiple Sclerosis",
        "DME",
        "Wheelchair",
        "MN",
        "multiple sclerosis",
        None,
        "U",
        "the physical therapy assessment documented that the enrollee can safely self-propel a lightweight manual wheelchair in the home",
    ),
    (
        "proton beam therapy",
        "proton beam radiation therapy",
        "Cancer",
        "Prostate Cancer",
        "Cancer Care",
        "Radiation Therapy",
        "EI",
        "prostate cancer",
        "prostate",
        "U",
        "proton beam therapy has not been shown to be more effective than intensity-modulated radiation therapy for localized prostate cancer",
    ),
    (
        "proton beam therapy",
        "proton beam therapy",
        "Cancer",
        "Brain Cancer",
        "Cancer Care",
        "Radiation Therapy",
        "MN",
        "medulloblastoma",
        "brain",
        "O",
        "craniospinal irradiation in a child is a recognized indication in which protons reduce dose to developing tissue",
    ),
    (
        "infliximab",
        "Remicade (infliximab)",
        "Digestive System/ Gastrointestinal",
        "Ulcerative Colitis",
        "Pharmacy",
        "Immunologicals",
        "UC",
        "ulcerative colitis",
        "colon",
        "O",
        "the enrollee was hospitalized with acute severe colitis not responding to intravenous steroids, and rescue therapy was needed urgently",
    ),
    (
        "etanercept",
        "Enbrel (etanercept)",
        "Skin",
        "Psoriasis",
        "Pharmacy",
        "Immunologicals",
        "MN",
        "plaque psoriasis",
        None,
        "U",
        "the enrollee had not tried phototherapy or a conventional systemic agent, as required before a biologic",
    ),
    (
        "inpatient admission",
        "an inpatient admission",
        "Cardiac/ Circulatory",
        "Heart Failure",
        "Acute Medical Services",
        "Inpatient Care",
        "UC",
        "congestive heart failure exacerbation",
        "heart",
        "O",
        "the enrollee required intravenous diuretics and continuous telemetry for new arrhythmia, which could not be provided safely in an observation setting",
    ),
    (
        "sleep study",
        "an in-lab polysomnography (sleep study)",
        "Respiratory System",
        "Sleep Apnea",
        "Diagnostic Imaging, Screening and Testing",
        "Other",
        "MN",
        "obstructive sleep apnea",
        None,
        "U",
        "the enrollee has no significant cardiopulmonary comorbidity, so a home sleep apnea test is the appropriate initial study",
    ),
    (
        "insulin pump",
        "an Omnipod insulin pump",
        "Endocrine/ Metabolic",
        "Diabetes",
        "DME",
        "Other",
        "MN",
        "type 1 diabetes",
        None,
        "O",
        "the enrollee has wide glycemic variability on multiple daily injections, performs frequent self-monitoring, and has completed diabetes education",
    ),
    (
        "septoplasty",
        "septoplasty with turbinate reduction",
        "Ears, Nose, Throat",
        "Other",
        "Surgery",
        "Other",
        "MN",
        "deviated nasal septum",
        "nose",
        "U",
        "the records did not document a four-week trial of intranasal steroids, and the nasal obstruction was described as mild",
    ),
    (
        "erenumab",
        "Aimovig (erenumab)",
        "Central Nervous System/ Neuromuscular",
        "Headache",
        "Pharmacy",
        "Central Nervous System Agents",
        "MN",
        "chronic migraine",
        "head",
        "O",
        "the enrollee has more than 15 headache days a month and failed topiramate, propranolol and amitriptyline",
    ),
    (
        "cochlear implant",
        "a cochlear implant",
        "Ears, Nose, Throat",
        "Hearing Loss",
        "Surgery",
        "Other",
        "MN",
        "bilateral sensorineural hearing loss",
        "ear",
        "O",
        "aided speech recognition scores are below 50 percent in the ear to be implanted, which meets accepted candidacy criteria",
    ),
]

MIN_YEAR = {
    "ustekinumab": 2016,
    "dupilumab": 2017,
    "semaglutide": 2018,
    "liraglutide": 2015,
    "pembrolizumab": 2015,
    "dat scan": 2012,
    "pet scan": 2013,
    "whole exome sequencing": 2013,
    "transcranial magnetic stimulation": 2010,
    "erenumab": 2018,
    "ct angiography": 2008,
    "oncotype dx": 2006,
}
CHILD_HX = [
    "The enrollee's history includes recurrent ear infections and mild eczema.",
    "Past history is notable for premature birth at 35 weeks.",
    "",
]
CHILD_EXTRA = [
    "The parents' factual account of prior services was consistent with the school records.",
    "The records submitted included developmental assessments and the treating clinician's letter of medical necessity.",
]
INCIDENTAL = [
    "The enrollee's history is notable for hypertension and a remote appendectomy.",
    "Past history includes hyperlipidemia and a prior cholecystectomy.",
    "The enrollee also has a history of seasonal allergies and gastroesophageal reflux.",
    "The records mention a previous knee arthroscopy and well-controlled hypothyroidism.",
    "Comorbid conditions include asthma in childhood and iron deficiency anemia.",
    "There is a remote history of a wrist fracture, which is not relevant to this request.",
    "",
]
AGE = ["0-10", "11-20", "21-30", "31-40", "41-50", "51-64", "65+"]
PREFIX = {"MN": "Medical Necessity", "EI": "Experimental/Investigational", "UC": "Urgent Care"}


def age_for(rng: str) -> int:
    if rng == "65+":
        return R.randint(65, 80)
    a, b = map(int, rng.split("-"))
    return R.randint(max(a, 2), b)


def main() -> None:
    rows, truth = [], []
    used = set()
    for i, (svc, phrase, dcat, dsub, tcat, tsub, typ, dx, reg, oc, reason) in enumerate(SPECS, 1):
        year = R.randint(max(2004, MIN_YEAR.get(svc, 2004)), 2020)
        if svc == "continuous glucose monitor":
            year = max(year, 2018)
        child = (
            dx in ("global developmental delay", "medulloblastoma")
            or "ABA" in phrase
            or (dx == "autism spectrum disorder")
        )
        rng = R.choice(["0-10", "11-20"]) if child else R.choice(AGE[2:])
        if "prostate" in dx:
            sex = "Male"
        elif "breast" in dx or "ovarian" in reason:
            sex = "Female"
        else:
            sex = R.choice(["Male", "Female"])
        pre = "EI" if typ == "EI" else ("MN" if typ == "MN" else R.choice(["MN", "EI"]))
        while True:
            rid = f"{pre}{year % 100:02d}-{R.randint(1000, 39999)}"
            if rid not in used:
                used.add(rid)
                break
        age = age_for(rng)
        who = "enrollee"
        pr = "his" if sex == "Male" else "her"
        req = R.choice(
            [
                "has requested",
                "requested",
                "has requested authorization for",
                "has requested reimbursement for",
            ]
        )
        found = (
            "The physician reviewer found that"
            if R.random() < 0.6
            else R.choice(
                [
                    "The physician reviewers found that",
                    "Findings: The physician reviewer found that",
                ]
            )
        )
        if oc == "O":
            concl = R.choice(
                [
                    "The requested service is medically necessary for treatment of the enrollee's condition.",
                    "Therefore, the health plan's denial should be overturned.",
                    "The treatment is likely to be more beneficial than any available standard therapy.",
                ]
            )
        else:
            concl = R.choice(
                [
                    "The requested service is not medically necessary for treatment of the enrollee's condition.",
                    "Therefore, the health plan's denial should be upheld.",
                    "The treatment is not likely to be more beneficial than available standard therapy.",
                ]
            )
        hx = R.choice(CHILD_HX if child else INCIDENTAL)
        opening = f"A {age}-year-old {sex.lower()} {who} {req} {phrase} for treatment of {pr} {dx}."
        if R.random() < 0.3:
            opening = (
                f"The parent of a {age}-year-old {who} {req} {phrase} for {dx}."
                if child
                else f"An enrollee {req} {phrase} for {dx}."
            )
        for a, b in (
            ("crohn's", "Crohn's"),
            ("hodgkin", "Hodgkin"),
            ("parkinson's", "Parkinson's"),
        ):
            opening = opening.replace(a, b)
        denial = R.choice(
            [
                f"The health plan denied the request on the basis that it was {'experimental or investigational' if typ == 'EI' else 'not medically necessary'} for the enrollee's condition.",
                f"The plan denied coverage, stating that the {'service was investigational' if typ == 'EI' else 'criteria for medical necessity were not met'}.",
                "The health plan's medical director reviewed the request and issued a denial, which the enrollee appealed.",
            ]
        )
        extra = R.choice(
            [
                "The treating physician's letter explained that the enrollee was competent to weigh the options and primarily wished to avoid abandoning employment.",
                "The records submitted included clinic notes, laboratory results, and imaging reports spanning the prior year.",
                "The enrollee's factual account of prior treatment was consistent with the pharmacy claims history.",
                "The treating provider attempted to obtain a peer-to-peer discussion, which was not completed before the denial.",
            ]
        )
        if child:
            extra = R.choice(CHILD_EXTRA)
        text = " ".join(
            x
            for x in [
                opening,
                hx,
                denial,
                extra,
                ("Findings: " if not found.startswith("Findings") and R.random() < 0.5 else "")
                + found
                + " "
                + reason
                + ".",
                concl,
            ]
            if x
        )
        det = (
            "Overturned Decision of Health Plan" if oc == "O" else "Upheld Decision of Health Plan"
        )
        rows.append(
            [
                rid,
                year,
                dcat,
                dsub,
                tcat,
                tsub,
                det,
                PREFIX[typ if typ != "UC" else "UC"],
                rng,
                sex,
                text,
            ]
        )
        truth.append(
            {
                "row": i,
                "case_id": rid,
                "service": svc,
                "body_region": reg,
                "diagnosis": dx,
                "outcome": "overturned" if oc == "O" else "upheld",
            }
        )
    with open(OUT / "dmhc.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "Reference ID",
                "Report Year",
                "Diagnosis Category",
                "Diagnosis Sub Category",
                "Treatment Category",
                "Treatment Sub Category",
                "Determination",
                "Type",
                "Age Range",
                "Patient Gender",
                "Findings",
            ]
        )
        w.writerows(rows)
    with open(OUT / "dmhc_truth.jsonl", "w") as f:
        for t in truth:
            f.write(json.dumps(t) + "\n")
    print(len(rows))


if __name__ == "__main__":
    main()
