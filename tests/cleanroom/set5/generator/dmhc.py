"""DMHC-style rows for set5: written by hand, assembled into CSV + truth."""

import csv
import json
import os
import random

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
R = random.Random(55)

# (id, year, diag cat, diag sub, treat cat, treat sub, type, service, region, diagnosis, outcome, findings-after-opening, opening request phrase)
ROWS = [
    ("MN16-22907", 2016, "Digestive System/ Gastrointestinal", "Crohn's Disease", "Pharmacy", "Immunomodulators", "Medical Necessity",
     "ustekinumab", None, "crohn's disease", "overturned",
     "reimbursement for Stelara (ustekinumab) for treatment of his Crohn's disease",
     "The physician reviewer found that the enrollee failed adalimumab after loss of response and developed antibodies to infliximab. Colonoscopy showed active ileal disease. Ustekinumab is FDA approved for moderately to severely active Crohn's disease in patients who have failed TNF blockers. The requested medication is medically necessary for treatment of the enrollee's condition."),
    ("MN17-24410", 2017, "Skin Disorders", "Atopic Dermatitis", "Pharmacy", "Immunomodulators", "Medical Necessity",
     "dupilumab", None, "atopic dermatitis", "upheld",
     "authorization of Dupixent (dupilumab) for treatment of her atopic dermatitis",
     "The physician reviewer found that the records do not document an adequate trial of high-potency topical corticosteroids or a topical calcineurin inhibitor. The enrollee has a history of asthma in childhood, which has been quiescent. Body surface area involvement is documented at 6%. Dupixent is not medically necessary at this time; conventional topical therapy should be tried first."),
    ("MN18-30155", 2018, "Endocrine/ Metabolic", "Diabetes", "Pharmacy", "Diabetic Medications", "Medical Necessity",
     "semaglutide", None, "type 2 diabetes mellitus", "overturned",
     "coverage of Ozempic (semaglutide) for treatment of his type 2 diabetes mellitus",
     "The physician reviewer found that the enrollee's hemoglobin A1c remained 8.9% despite maximal metformin and a sulfonylurea, and he has established coronary artery disease after a stent placement in 2015. GLP-1 receptor agonists with proven cardiovascular benefit are recommended by the ADA Standards of Care in this setting. The health plan's formulary alternative would not provide the same benefit. Ozempic is medically necessary."),
    ("MN16-21877", 2016, "Respiratory System", "Asthma", "Pharmacy", "Immunomodulators", "Medical Necessity",
     "omalizumab", None, "severe persistent allergic asthma", "overturned",
     "authorization for Xolair (omalizumab) for treatment of her severe persistent allergic asthma",
     "The physician reviewer found that the patient has had three emergency visits in the past year despite high-dose inhaled corticosteroid and long-acting beta agonist therapy. Her IgE level is 310 IU/mL and skin testing is positive to perennial aeroallergens. She also has a remote history of a tonsillectomy. Omalizumab is indicated and is medically necessary."),
    ("EI19-1234", 2019, "Cancer", "Lung Cancer", "Pharmacy", "Anti-cancer Medications", "Experimental/Investigational",
     "pembrolizumab", None, "small cell lung cancer", "upheld",
     "coverage of Keytruda (pembrolizumab) for treatment of his extensive-stage small cell lung cancer",
     "The physician reviewer found that the enrollee's tumor progressed after first-line platinum chemotherapy. At the time of the request, pembrolizumab did not have an indication in this setting supported by phase III evidence, and the published response rates were limited to small single-arm cohorts. That the drug is likely to be more beneficial than standard therapy has not been shown. The requested medication is investigational for this patient."),
    ("MN17-25102", 2017, "Digestive System/ Gastrointestinal", "Ulcerative Colitis", "Pharmacy", "Immunomodulators", "Medical Necessity",
     "adalimumab", None, "ulcerative colitis", "upheld",
     "authorization for brand-name Humira (adalimumab) instead of the plan's preferred biologic for treatment of her ulcerative colitis",
     "The physician reviewer found that the enrollee has responded well to the preferred agent for 14 months, with endoscopic remission. There is no documented adverse reaction or loss of response that would support switching. Her history of hypothyroidism is stable on levothyroxine. Humira is not medically necessary for this enrollee."),
    ("MN18-31290", 2018, "Central Nervous System/ Neuromuscular", "Parkinson's Disease", "Diagnostic Imaging, Screening and Testing", "Nuclear Medicine", "Medical Necessity",
     "dat scan", "brain", "parkinsonism", "overturned",
     "coverage of a DaT scan (DaTscan SPECT) of the brain to evaluate her tremor",
     "The physician reviewer found that the enrollee has an atypical tremor with features of both essential tremor and early parkinsonism, and the neurologist documents that the result will decide whether to start dopaminergic therapy. A DaT SPECT is FDA cleared to distinguish essential tremor from parkinsonian syndromes. The scan is medically necessary to establish the diagnosis."),
    ("MN16-20561", 2016, "Cancer", "Breast Cancer", "Diagnostic Imaging, Screening and Testing", "PET Scan", "Medical Necessity",
     "pet scan", None, "breast cancer", "upheld",
     "reimbursement for a PET/CT scan for surveillance of her breast cancer",
     "The physician reviewer found that the enrollee completed treatment for stage I breast cancer three years ago and is asymptomatic, with normal examination and mammography. NCCN guidelines do not recommend routine PET imaging for surveillance of asymptomatic patients. The PET scan was not medically necessary."),
    ("MN17-26033", 2017, "Orthopedic/ Musculoskeletal", "Back Pain", "Diagnostic Imaging, Screening and Testing", "MRI", "Medical Necessity",
     "mri", "lumbar spine", "low back pain", "upheld",
     "authorization of an MRI of the lumbar spine for evaluation of his low back pain",
     "The physician reviewer found that the pain began four weeks ago after yard work, there are no neurologic deficits, and there are no red flag signs such as fever, weight loss, or bowel or bladder symptoms. He has a history of a cholecystectomy. Imaging is not recommended in the first six weeks of uncomplicated low back pain. The MRI is not medically necessary."),
    ("MN19-33718", 2019, "Cardiac/Circulatory", "Coronary Artery Disease", "Diagnostic Imaging, Screening and Testing", "CT Scan", "Medical Necessity",
     "ct angiography", "heart", "chest pain", "overturned",
     "coverage of a coronary CT angiography for evaluation of his chest pain",
     "The physician reviewer found that the enrollee has intermediate pretest probability of coronary artery disease and an equivocal exercise treadmill test limited by a prior knee injury. Coronary CT angiography is an appropriate next test under ACC appropriate use criteria. The requested study is medically necessary."),
    ("MN16-22234", 2016, "Cancer", "Breast Cancer", "Diagnostic Imaging, Screening and Testing", "Genetic Testing", "Medical Necessity",
     "brca testing", None, "family history of breast cancer", "overturned",
     "reimbursement for BRCA1 and BRCA2 genetic testing because of her family history of breast cancer",
     "The physician reviewer found that the enrollee's mother was diagnosed with breast cancer at 42 and a maternal aunt had ovarian cancer. These meet NCCN criteria for hereditary breast and ovarian cancer testing. The testing was medically necessary."),
    ("EI17-1598", 2017, "Cancer", "Breast Cancer", "Diagnostic Imaging, Screening and Testing", "Genetic Testing", "Experimental/Investigational",
     "oncotype dx", None, "breast cancer", "overturned",
     "reimbursement for the Oncotype DX breast recurrence score assay for her node-negative, hormone receptor-positive breast cancer",
     "The physician reviewer found that the 21-gene assay is supported by prospective evidence (TAILORx) to guide the decision about adjuvant chemotherapy in this population. The enrollee's tumor is 1.8 cm, HER2 negative, and node negative. The test is not experimental for this indication and is likely to be more beneficial than the alternative."),
    ("EI18-2077", 2018, "Genetic Diseases", "Developmental Delay", "Diagnostic Imaging, Screening and Testing", "Genetic Testing", "Experimental/Investigational",
     "whole exome sequencing", None, "global developmental delay", "overturned",
     "coverage of whole exome sequencing for his global developmental delay",
     "The physician reviewer found that the 4-year-old enrollee has global developmental delay with dysmorphic features and seizures; chromosomal microarray and fragile X testing were nondiagnostic. Current evidence shows a diagnostic yield of 25% to 40% in this population, and a diagnosis would alter management. Whole exome sequencing is medically necessary and is not investigational for this patient."),
    ("MN17-27410", 2017, "Endocrine/ Metabolic", "Obesity", "General Surgery", "Bariatric Surgery", "Medical Necessity",
     "bariatric surgery", None, "morbid obesity", "upheld",
     "authorization of laparoscopic sleeve gastrectomy (bariatric surgery) for treatment of her morbid obesity",
     "The physician reviewer found that the enrollee's BMI is 37 with no documented obesity-related comorbidity, and there is no record of a supervised weight loss program or a psychological evaluation. She reports a history of a sprained ankle that limits exercise. The criteria for bariatric surgery are not met at this time. The surgery is not medically necessary."),
    ("MN18-29990", 2018, "Orthopedic/ Musculoskeletal", "Degenerative Disc Disease", "Orthopedic Procedure", "Spinal Surgery", "Medical Necessity",
     "spinal fusion", "lumbar spine", "lumbar degenerative disc disease", "upheld",
     "authorization for an L4-S1 spinal fusion for treatment of his lumbar degenerative disc disease",
     "The physician reviewer found that there is no spondylolisthesis or instability on flexion-extension films, and the enrollee has not completed a structured course of physical therapy. Fusion for discogenic pain without instability has outcomes similar to intensive rehabilitation. The requested surgery is not medically necessary."),
    ("MN19-34001", 2019, "Orthopedic/ Musculoskeletal", "Osteoarthritis", "Orthopedic Procedure", "Joint Replacement", "Medical Necessity",
     "total knee arthroplasty", "knee", "osteoarthritis of the right knee", "overturned",
     "authorization for a right total knee arthroplasty for treatment of osteoarthritis of the right knee",
     "The physician reviewer found that the enrollee has bone-on-bone medial joint space loss on weight-bearing films, has failed injections, bracing, and a year of physical therapy, and cannot walk more than one block. The total knee replacement is medically necessary."),
    ("MN16-21003", 2016, "Orthopedic/ Musculoskeletal", "Osteoarthritis", "Orthopedic Procedure", "Joint Replacement", "Medical Necessity",
     "total hip arthroplasty", "hip", "avascular necrosis of the hip", "overturned",
     "coverage of a left total hip arthroplasty for avascular necrosis of the left hip",
     "The physician reviewer found that MRI shows femoral head collapse (Ficat stage III) with severe pain and limited rotation. Hip replacement is the standard of care for collapsed avascular necrosis. The surgery is medically necessary."),
    ("MN17-25880", 2017, "Mental Disorders", "Eating Disorder", "Mental Health", "Residential Treatment Center - Admission", "Medical Necessity",
     "residential treatment", None, "anorexia nervosa", "overturned",
     "admission to a residential treatment center for her anorexia nervosa",
     "The physician reviewer found that the 16-year-old enrollee continued to lose weight in an intensive outpatient program, is at 78% of ideal body weight, and has orthostatic vital signs. She also has a history of a wrist fracture from a fall. APA practice guidelines support residential care at this level of severity. Residential treatment is medically necessary."),
    ("MN18-30477", 2018, "Mental Disorders", "Autism Spectrum Disorder", "Mental Health", "Applied Behavioral Analysis (ABA)", "Medical Necessity",
     "aba therapy", None, "autism spectrum disorder", "upheld",
     "coverage of 40 hours per week of applied behavior analysis (ABA) therapy for his autism spectrum disorder",
     "The physician reviewer found that the enrollee's treatment plan does not include measurable goals for the additional hours, and progress data show that he met most goals at the current 20 hours per week. The increase to 40 hours is not medically necessary; the current level of service remains appropriate."),
    ("EI19-3310", 2019, "Mental Disorders", "Depressive Disorder", "Mental Health", "Transcranial Magnetic Stimulation", "Experimental/Investigational",
     "transcranial magnetic stimulation", None, "major depressive disorder", "overturned",
     "authorization of transcranial magnetic stimulation (TMS) for her major depressive disorder",
     "The physician reviewer found that the enrollee has failed four antidepressant trials from two classes plus psychotherapy, and her PHQ-9 remains 21. TMS is FDA cleared for treatment-resistant major depression and is supported by randomized controlled trials. It is not investigational and is medically necessary."),
    ("MN17-26611", 2017, "Central Nervous System/ Neuromuscular", "Multiple Sclerosis", "Durable Medical Equipment", "Wheelchair", "Medical Necessity",
     "power wheelchair", None, "multiple sclerosis", "overturned",
     "coverage of a power wheelchair for mobility limitations from his multiple sclerosis",
     "The physician reviewer found that the enrollee cannot safely use a manual wheelchair because of upper extremity weakness and fatigue, and a home assessment confirms he can operate a power chair. Durable medical equipment criteria are met. The power wheelchair is medically necessary."),
    ("MN18-31002", 2018, "Respiratory System", "Sleep Apnea", "Durable Medical Equipment", "CPAP", "Medical Necessity",
     "cpap", None, "obstructive sleep apnea", "upheld",
     "reimbursement for an auto-titrating CPAP device for obstructive sleep apnea",
     "The physician reviewer found that the enrollee's home sleep test showed an apnea-hypopnea index of 3 events per hour, which is below the diagnostic threshold, and there are no comorbid conditions such as hypertension. The CPAP device was not medically necessary."),
    ("EI16-1102", 2016, "Cancer", "Prostate Cancer", "Cancer Care", "Radiation Therapy", "Experimental/Investigational",
     "proton beam therapy", "prostate", "prostate cancer", "upheld",
     "coverage of proton beam therapy for his localized prostate cancer",
     "The physician reviewer found that there is no evidence from comparative trials that proton beam therapy improves cancer control or reduces toxicity compared with intensity-modulated radiation therapy for localized prostate cancer. The enrollee's history of a prior appendectomy does not change the radiation field. Proton therapy is not likely to be more beneficial than the standard alternative."),
    ("MN19-35520", 2019, "Cancer", "Brain Cancer", "Cancer Care", "Radiation Therapy", "Medical Necessity",
     "proton beam therapy", "brain", "medulloblastoma", "overturned",
     "authorization for proton beam therapy for his medulloblastoma",
     "The physician reviewer found that the 9-year-old enrollee requires craniospinal irradiation, and proton therapy substantially reduces the dose to the heart, lungs, and growing tissues. Proton therapy is the accepted standard for pediatric craniospinal treatment and is medically necessary."),
    ("MN16-23390", 2016, "Orthopedic/ Musculoskeletal", "Knee Disorders", "Rehab/ Svc - Outpatient", "Physical Therapy", "Medical Necessity",
     "physical therapy", "knee", "status post anterior cruciate ligament reconstruction", "overturned",
     "authorization for 12 additional physical therapy visits after her anterior cruciate ligament reconstruction",
     "The physician reviewer found that the enrollee is 10 weeks after surgery with quadriceps strength at 60% of the other side and continued measurable gains. Standard ACL rehabilitation protocols extend for four to six months. The additional visits are medically necessary."),
    ("MN17-24004", 2017, "Pain", "Chronic Pain", "Pharmacy", "Opioids", "Medical Necessity",
     "oxycodone", None, "chronic pain syndrome", "upheld",
     "authorization of OxyContin (oxycodone extended-release) for his chronic pain syndrome",
     "The physician reviewer found that the enrollee was previously stable on a lower dose, and the escalation to 120 mg morphine equivalents per day is not supported by documented functional improvement. He also has untreated sleep apnea, which raises the risk. CDC guidance advises avoiding such doses. The requested medication is not medically necessary."),
    ("MN18-32150", 2018, "Urinary Tract/ Kidney", "Kidney Disease", "Pharmacy", "Brand/Generic", "Medical Necessity",
     "tacrolimus", None, "kidney transplant", "overturned",
     "coverage of brand-name Prograf rather than generic tacrolimus after his kidney transplant",
     "The physician reviewer found that the enrollee had two documented episodes of subtherapeutic trough levels and a rise in creatinine after the switch to a generic product, with recovery after resuming the brand. Given the narrow therapeutic index, the brand-name medication is medically necessary."),
    ("MN19-33201", 2019, "Endocrine/ Metabolic", "Growth Disorders", "Pharmacy", "Hormones", "Medical Necessity",
     "growth hormone", None, "idiopathic short stature", "upheld",
     "authorization for somatropin (growth hormone) for her idiopathic short stature",
     "The physician reviewer found that the enrollee's height is at the 4th percentile, growth velocity is normal, and stimulation testing showed a normal peak growth hormone level. Her predicted adult height is within the range expected for her parents. Growth hormone is not medically necessary."),
    ("MN16-20817", 2016, "Ears, Nose, Throat", "Hearing Loss", "Durable Medical Equipment", "Hearing Aids", "Medical Necessity",
     "cochlear implant", "ear", "bilateral sensorineural hearing loss", "overturned",
     "coverage of a right cochlear implant for bilateral sensorineural hearing loss",
     "The physician reviewer found that the enrollee has severe-to-profound hearing loss with aided sentence recognition of 30%, meeting FDA criteria. Hearing aids provide no meaningful benefit. The cochlear implant is medically necessary."),
    ("EI17-1877", 2017, "Cardiac/Circulatory", "Varicose Veins", "Cardio Vascular", "Vascular Procedures", "Experimental/Investigational",
     "venous ablation", "leg", "varicose veins", "upheld",
     "coverage of cyanoacrylate adhesive closure of the great saphenous vein for symptomatic varicose veins",
     "The physician reviewer found that the enrollee has not completed a three-month trial of compression stockings, and duplex ultrasound shows reflux of only 0.4 seconds. The requested procedure is not medically necessary for this enrollee at this time."),
    ("MN18-30010", 2018, "Urgent Care", "Abdominal Pain", "Emergency/ Urgent Care", "Emergency Room", "Urgent Care",
     "emergency room services", None, "abdominal pain", "overturned",
     "reimbursement for emergency room services for abdominal pain",
     "The physician reviewer found that the enrollee presented with acute right lower quadrant pain, fever, and vomiting, symptoms a prudent layperson would reasonably consider an emergency. The CT showed appendicitis. The emergency services were medically necessary."),
    ("MN19-34780", 2019, "Skin Disorders", "Psoriasis", "Pharmacy", "Immunomodulators", "Medical Necessity",
     "secukinumab", None, "plaque psoriasis", "upheld",
     "authorization of Cosentyx (secukinumab) for treatment of his plaque psoriasis",
     "The physician reviewer found that the psoriasis involves 3% of the body surface area and there has been no trial of phototherapy or methotrexate. The enrollee's history of latent tuberculosis treated in 2012 is noted. Step therapy criteria have not been satisfied and the biologic is not medically necessary at this time."),
]


AGES = {"aba therapy": (3, 9), "semaglutide": (52, 68), "total knee arthroplasty": (55, 74), "total hip arthroplasty": (41, 63),
        "bariatric surgery": (28, 55), "pembrolizumab": (58, 74), "proton beam therapy": (60, 74), "oncotype dx": (45, 66),
        "brca testing": (30, 45), "ct angiography": (48, 66), "spinal fusion": (40, 62), "cochlear implant": (50, 74),
        "cpap": (35, 60), "tacrolimus": (30, 60), "power wheelchair": (38, 60)}
EXTRA = [
    "The reviewer considered the treating physician's letter of medical necessity, the office notes, and the health plan's denial letter.",
    "The records submitted by both parties were reviewed in full.",
    "The health plan's denial is therefore addressed on the merits of the clinical record.",
    "Relevant peer-reviewed literature and nationally recognized guidelines were considered.",
]


def main() -> None:
    cols = ["Reference ID", "Report Year", "Diagnosis Category", "Diagnosis Sub Category", "Treatment Category",
            "Treatment Sub Category", "Determination", "Type", "Age Range", "Patient Gender", "Findings"]
    truth = []
    with open(os.path.join(OUT, "dmhc.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for n, r in enumerate(ROWS, 1):
            rid, yr, dc, dsc, tc, tsc, typ, svc, reg, diag, outc, req, fnd = r
            txt = req + " " + fnd
            # ages and gender follow the pronouns and ages written in the findings
            low = txt.lower()
            sex = "female" if (" her " in f" {low} " or "she " in low) else "male"
            age = R.randint(*AGES.get(svc, (22, 74)))
            for kid in ("16-year-old", "9-year-old", "4-year-old"):
                if kid in fnd:
                    age = int(kid.split("-")[0])
            if "growth hormone" in svc:
                age = 12
            band = "0-10" if age <= 10 else "11-20" if age <= 20 else f"{(age - 1) // 10 * 10 + 1}-{(age - 1) // 10 * 10 + 10}"
            opening = f"A{'n' if str(age)[0] == '8' or age in (11, 18) else ''} {age}-year-old {sex} enrollee has requested {req}."
            if sex == "female" and " his " in f" {req} ":
                raise SystemExit(f"pronoun mismatch row {n}")
            findings = opening + " Findings: " + fnd
            k = 0
            while len(findings.split()) < 60:
                findings += " " + EXTRA[(n + k) % len(EXTRA)]
                k += 1
            det = "Upheld Decision of Health Plan" if outc == "upheld" else "Overturned Decision of Health Plan"
            w.writerow([rid, yr, dc, dsc, tc, tsc, det, typ, band, sex.capitalize(), findings])
            truth.append({"row": n, "case_id": rid, "service": svc, "body_region": reg, "diagnosis": diag, "outcome": outc})
            nw = len(findings.split())
            if not 60 <= nw <= 250:
                print("word count", n, nw)
    with open(os.path.join(OUT, "dmhc_truth.jsonl"), "w") as f:
        for t in truth:
            f.write(json.dumps(t) + "\n")


if __name__ == "__main__":
    main()
