"""Clean-room generator for set5 (cleanroom5). Writes letters/, truth.jsonl, dmhc.csv, dmhc_truth.jsonl."""

import datetime as dt
import json
import os
import random
import textwrap

OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
R = random.Random(5505)

# ---- item bank: (text variants, service, region, ca_cite, rev_cite, rev_families, guideline sentence, neg evidence, pos evidence)
BANK = [
    (["Physical therapy 2 times a week for 6 weeks for the lumbar spine", "12 sessions of physical therapy for the low back"],
     "physical therapy", "lumbar spine",
     "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 98-99.",
     "Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Physical Medicine, pages 98-99.", ["MTUS"],
     "The guidelines allow for fading of treatment frequency, with 9 to 10 visits over 8 weeks for myalgia and myositis, plus active self-directed home exercise.",
     "The records show the patient already completed at least 18 sessions of therapy without documented objective functional gains, and no reason is given why a home program would not suffice.",
     "The records show this is a new flare with a distinct new deficit, and the patient has not had therapy for over two years, so a short renewed course with transition to home exercise is reasonable."),
    (["MRI of the lumbar spine without contrast", "Lumbar MRI"],
     "mri", "lumbar spine",
     "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints, Page(s): 303-304.",
     "MTUS ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 12, Low Back Complaints, pages 303-304.", ["MTUS"],
     "ACOEM recommends imaging of the lumbar spine when unequivocal objective findings identify specific nerve compromise on the neurologic examination and surgery is being considered.",
     "The examination documents intact sensation, symmetric reflexes and full motor strength, and there are no red flags or plans for surgery.",
     "The most recent examination shows a new L5 dermatomal sensory deficit and extensor hallucis weakness, and the surgeon is considering decompression."),
    (["MRI of the cervical spine", "Cervical MRI without contrast"],
     "mri", "cervical spine",
     "ACOEM, Chapter 8, Neck and Upper Back Complaints, pages 177-178.",
     "Decision based on MTUS ACOEM Chapter 8 Neck and Upper Back Complaints, Page(s): 177-179.", ["MTUS"],
     "Imaging of the cervical spine is supported for emergence of a red flag, physiologic evidence of tissue insult or neurologic dysfunction, or clarification of anatomy prior to an invasive procedure.",
     "The provider documents only neck tenderness and reduced rotation; the neurologic examination of the upper extremities is normal.",
     "There is progressive weakness of the left triceps with a diminished reflex, and the symptoms have persisted despite six weeks of conservative care."),
    (["EMG/NCV of the bilateral upper extremities", "Electromyography and nerve conduction studies of both arms"],
     "emg/ncv", "upper extremity",
     "Official Disability Guidelines (ODG), Neck and Upper Back, Electrodiagnostic studies.",
     "ACOEM, Chapter 11, Forearm, Wrist, and Hand Complaints, pages 260-262, and Chapter 8, page 178.", ["MTUS"],
     "Electrodiagnostic testing may help identify subtle focal neurologic dysfunction in patients with neck or arm symptoms lasting more than three or four weeks.",
     "Bilateral studies performed eight months ago were normal, and there has been no interval change in the examination.",
     "The patient has numbness in the median distribution with a positive Phalen's sign and no prior testing, and the surgeon needs the result to plan treatment."),
    (["Lumbar epidural steroid injection at L4-5 and L5-S1", "Transforaminal epidural steroid injection, left L5-S1"],
     "lumbar epidural steroid injection", "lumbar spine",
     "Chronic Pain Medical Treatment Guidelines, Epidural steroid injections (ESIs), page 46.",
     "MTUS Chronic Pain Medical Treatment Guidelines, page 46, Epidural steroid injections.", ["MTUS"],
     "Epidural injections are recommended when radiculopathy is documented by physical examination and corroborated by imaging or electrodiagnostic testing, and the patient was initially unresponsive to conservative treatment.",
     "There is no dermatomal deficit on examination and the MRI shows only a mild disc bulge without foraminal narrowing.",
     "Straight leg raise is positive on the left with decreased sensation in the L5 dermatome, and the MRI shows a disc protrusion contacting the traversing L5 root; therapy and medications have failed."),
    (["Cervical epidural steroid injection at C5-6", "Interlaminar cervical ESI C6-7"],
     "cervical epidural steroid injection", "cervical spine",
     "MTUS Chronic Pain Guidelines, page 46.",
     "Official Disability Guidelines (ODG), Neck and Upper Back (Acute & Chronic), Epidural steroid injection (ESI), and MTUS Chronic Pain page 46.", ["ODG", "MTUS"],
     "Repeat injections require at least 50% pain relief with associated reduction of medication use for six to eight weeks.",
     "The prior injection gave only about two weeks of partial relief and the medication use did not change.",
     "The first injection gave 70% relief for three months with documented reduction of opioid use, and the pain has now returned in the same distribution."),
    (["Bilateral L3-L4 and L4-L5 medial branch blocks", "Diagnostic medial branch block at left L4-5 and L5-S1"],
     "medial branch block", "lumbar spine",
     "ODG, Low Back, Facet joint diagnostic blocks (injections).",
     "Non-MTUS Citation: Official Disability Guidelines (ODG), Low Back - Lumbar & Thoracic, Facet joint diagnostic blocks.", ["ODG"],
     "Diagnostic blocks are limited to patients with low back pain that is non-radicular and at no more than two levels bilaterally.",
     "The patient has radicular symptoms into the leg with a positive straight leg raise, which argues against facet-mediated pain.",
     "The pain is axial, worse with extension and rotation, there is paravertebral facet tenderness, and the sensory and reflex examination is normal."),
    (["Radiofrequency ablation of the right L4-5 and L5-S1 facets", "Lumbar radiofrequency neurotomy, bilateral L4-S1"],
     "radiofrequency ablation", "lumbar spine",
     "ODG Low Back, Facet joint radiofrequency neurotomy.",
     "ODG, Low Back, Facet joint radiofrequency neurotomy; ACOEM, Chapter 12, page 300.", ["ODG", "MTUS"],
     "Neurotomy should not occur until a diagnostic medial branch block has produced at least 70% relief of pain lasting at least two hours.",
     "The diagnostic block produced only 40% relief, which does not meet the threshold.",
     "The diagnostic medial branch blocks produced 80% relief for four hours with improved extension tolerance."),
    (["Posterior lumbar interbody fusion at L4-L5", "Anterior/posterior spinal fusion L5-S1 with 3-day inpatient stay"],
     "spinal fusion", "lumbar spine",
     "ACOEM Chapter 12, pages 305-307.",
     "MTUS ACOEM Chapter 12, Low Back Complaints, pages 305-307, and ODG Low Back, Fusion (spinal).", ["MTUS", "ODG"],
     "Spinal fusion is not recommended in the absence of fracture, dislocation, or instability, and pre-operative psychosocial screening is advised.",
     "Flexion-extension films show no instability and no psychological screening has been done.",
     "Flexion-extension radiographs show 5 mm of translation at the level, the patient has failed a year of conservative care, and psychological clearance was obtained."),
    (["Right shoulder arthroscopy with subacromial decompression", "Left shoulder arthroscopic rotator cuff repair"],
     "arthroscopy", "shoulder",
     "ACOEM Chapter 9, Shoulder Complaints, pages 209-211.",
     "MTUS ACOEM Practice Guidelines, Chapter 9, Shoulder Complaints, pages 209-211; ODG Shoulder, Surgery for impingement syndrome.", ["MTUS", "ODG"],
     "Surgical consideration is indicated for activity limitation for more than four months, failure to increase range of motion and strength after exercise, and a clear lesion on imaging.",
     "There is no documentation of a subacromial injection or of a complete course of rehabilitation.",
     "The MRI shows a full-thickness supraspinatus tear, and six months of therapy and two injections have failed."),
    (["Left knee arthroscopy with partial medial meniscectomy", "Arthroscopic chondroplasty of the right knee"],
     "arthroscopy", "knee",
     "ACOEM Chapter 13, Knee Complaints, pages 344-345.",
     "Decision based on MTUS ACOEM Chapter 13, Knee Complaints, pages 344-345.", ["MTUS"],
     "Arthroscopic partial meniscectomy usually has a high success rate for cases with clear evidence of a meniscus tear, including symptoms other than pain such as locking or giving way.",
     "The MRI shows advanced tricompartmental arthritis and the patient reports pain only, without locking or catching.",
     "There is mechanical locking, a positive McMurray test, and a displaced bucket-handle tear on MRI."),
    (["Right total knee arthroplasty with 3-day inpatient stay", "Left TKA"],
     "total knee arthroplasty", "knee",
     "ODG, Knee & Leg, Knee joint replacement.",
     "Official Disability Guidelines, Knee and Leg (Acute & Chronic), Knee joint replacement.", ["ODG"],
     "Indications include failed conservative care, limited range of motion below 90 degrees, night-time joint pain, age over 50 and a body mass index below 40.",
     "There is no documentation of a trial of viscosupplementation or steroid injection, and the body mass index is recorded as 43.",
     "Standing films show bone-on-bone medial compartment collapse, injections and bracing have failed, and the body mass index is 31."),
    (["Norco 10/325 mg #90", "Hydrocodone/APAP 10/325mg, 120 tablets"],
     "hydrocodone", None,
     "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96.",
     "Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Opioids, criteria for use, pages 76-80.", ["MTUS"],
     "Ongoing opioid management requires documentation of pain relief, functional status, appropriate medication use, and side effects (the four A's).",
     "There is no documentation of objective functional improvement, no recent urine drug screen, and no signed pain agreement.",
     "The provider documents a reduction in pain from 8/10 to 4/10, the ability to work modified duty, a consistent urine drug screen, and a signed opioid agreement."),
    (["Oxycodone 15 mg #120", "OxyContin 20 mg, quantity 60"],
     "oxycodone", None,
     "MTUS Chronic Pain Guidelines, pages 78-80.",
     "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 78-86.", ["MTUS"],
     "Guidelines caution against a total daily dose above 120 mg oral morphine equivalents and require documented functional benefit.",
     "The combined daily dose exceeds 180 morphine equivalents and no functional gains are recorded.",
     "The dose is stable at 60 morphine equivalents with documented improvement in walking tolerance and sleep, with no aberrant behaviour."),
    (["Tramadol ER 150 mg #30", "Ultram 50 mg, 60 tablets"],
     "tramadol", None,
     "Chronic Pain Medical Treatment Guidelines, page 113.",
     "MTUS Chronic Pain Medical Treatment Guidelines, Tramadol, page 113; Opioids, page 80.", ["MTUS"],
     "Tramadol is a centrally acting synthetic opioid that is not recommended as a first-line oral analgesic.",
     "There is no record of a trial of first-line agents and no functional measure is given.",
     "The patient could not tolerate NSAIDs due to gastritis, and the records show improved activity tolerance on tramadol."),
    (["Naproxen sodium 550 mg #60", "Anaprox DS 550mg quantity 90"],
     "naproxen", None,
     "MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, pages 67-68.",
     "MTUS Chronic Pain Medical Treatment Guidelines, pages 67-73, NSAIDs (non-steroidal anti-inflammatory drugs).", ["MTUS"],
     "NSAIDs are recommended at the lowest dose for the shortest period in patients with moderate to severe pain.",
     "The patient has taken the drug continuously for over two years and the records describe dyspepsia and rising blood pressure.",
     "The pain flared after a recent fall, the patient has no renal or gastrointestinal contraindication, and a short course is requested."),
    (["Gabapentin 600 mg #90", "Neurontin 300mg, 90 capsules"],
     "gabapentin", None,
     "MTUS Chronic Pain Guidelines, Anti-epilepsy drugs, pages 16-18.",
     "MTUS Chronic Pain Medical Treatment Guidelines, Antiepilepsy drugs (AEDs), pages 16-19.", ["MTUS"],
     "Gabapentin is considered a first-line treatment for neuropathic pain, and continued use requires a 30% reduction in pain.",
     "The patient has no neuropathic findings; the complaints are axial and mechanical.",
     "The patient has documented burning radicular pain with a 40% reduction in pain scores since gabapentin was started."),
    (["Lyrica 75 mg #60", "Pregabalin 150 mg twice daily, 60 capsules"],
     "pregabalin", None,
     "MTUS Chronic Pain, pregabalin, pages 19-20.",
     "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 16-20.", ["MTUS"],
     "Pregabalin is FDA approved for diabetic neuropathy, postherpetic neuralgia and fibromyalgia, and is a first-line option for neuropathic pain.",
     "There is no diagnosis of neuropathic pain or fibromyalgia, and no benefit from the prior prescription is documented.",
     "The patient has lumbar radiculopathy confirmed by EMG, and the medication reduced shooting pain and improved sleep."),
    (["Cyclobenzaprine 7.5 mg #60", "Flexeril 10mg, 90 tablets"],
     "cyclobenzaprine", None,
     "MTUS Chronic Pain Medical Treatment Guidelines, Muscle relaxants, pages 63-66.",
     "MTUS Chronic Pain Medical Treatment Guidelines, pages 41-42 and 63-64.", ["MTUS"],
     "Muscle relaxants are recommended as a second-line option for short-term treatment of acute exacerbations, for no more than two to three weeks.",
     "The patient has taken the medication daily for more than a year, well beyond the short course the guidelines support.",
     "The request is for a two-week course for a documented acute spasm after a new lifting injury, with palpable spasm on examination."),
    (["Compounded topical cream: flurbiprofen 20%/lidocaine 5%, 180 g", "Topical compound ketoprofen/gabapentin/lidocaine 240 gm"],
     "topical compound", None,
     "MTUS Chronic Pain Guidelines, Topical analgesics, pages 111-113.",
     "MTUS Chronic Pain Medical Treatment Guidelines, Topical Analgesics, pages 111-113.", ["MTUS"],
     "Any compounded product that contains at least one drug or drug class that is not recommended is not recommended.",
     "Gabapentin and ketoprofen are not approved for topical use, so the compound as a whole cannot be supported.",
     "(none)"),
    (["Lidoderm 5% patch #30", "Lidocaine 5% patches, 30 count"],
     "lidocaine patch", None,
     "MTUS Chronic Pain, Lidoderm (lidocaine patch), pages 56-57.",
     "MTUS Chronic Pain Medical Treatment Guidelines, page 56-57, and ODG Pain (Chronic), Lidoderm.", ["MTUS", "ODG"],
     "Topical lidocaine may be recommended for localized peripheral pain after evidence of a trial of first-line therapy such as a tricyclic or gabapentin.",
     "There is no documentation of localized neuropathic pain or of a failed first-line agent.",
     "The patient has localized post-surgical neuropathic pain over the incision and failed both gabapentin and nortriptyline."),
    (["TENS unit, 30-day rental", "Purchase of a TENS unit with supplies"],
     "tens unit", None,
     "MTUS Chronic Pain Medical Treatment Guidelines, TENS, chronic pain, pages 114-116.",
     "MTUS Chronic Pain Medical Treatment Guidelines, pages 114-116, Transcutaneous electrotherapy.", ["MTUS"],
     "A one-month home-based trial may be considered as a noninvasive option if used as an adjunct to a program of evidence-based functional restoration.",
     "A purchase is requested without any documented one-month trial, and there is no functional restoration program in place.",
     "A one-month rental trial is requested as an adjunct to an active home exercise program, which is what the guidelines allow."),
    (["Home health aide 4 hours per day, 5 days per week for 4 weeks", "Home health care, 20 hours weekly x 6 weeks"],
     "home health", None,
     "MTUS Chronic Pain Guidelines, Home health services, page 51.",
     "Chronic Pain Medical Treatment Guidelines, Home health services, page 51.", ["MTUS"],
     "Home health services are recommended only for medical treatment for patients who are homebound; homemaker services like shopping and cleaning are not medical treatment.",
     "The patient drives to appointments and is not homebound, and the tasks listed are housekeeping.",
     "The patient is homebound after a hip fracture repair and needs wound care and medication management."),
    (["Functional restoration program, 160 hours", "Initial evaluation for a functional restoration program"],
     "functional restoration program", None,
     "MTUS Chronic Pain, Chronic pain programs (functional restoration programs), pages 30-32.",
     "MTUS Chronic Pain Medical Treatment Guidelines, pages 30-34, Functional restoration programs.", ["MTUS"],
     "Criteria include an adequate baseline evaluation, failure of previous methods, significant loss of the ability to function independently, and motivation to change.",
     "The patient has not exhausted other options, as surgery is still under consideration.",
     "The patient has failed all conservative care, is not a surgical candidate, and has a completed multidisciplinary evaluation showing motivation to return to work."),
    (["Cognitive behavioral therapy, 6 sessions", "Psychotherapy 1 time a week for 8 weeks"],
     "psychotherapy", None,
     "MTUS Chronic Pain, Behavioral interventions, page 23.",
     "MTUS Chronic Pain Medical Treatment Guidelines, Behavioral interventions, page 23; ODG Mental Illness & Stress, Cognitive therapy for depression.", ["MTUS", "ODG"],
     "An initial trial of 3 to 4 psychotherapy visits over two weeks is recommended, and with evidence of objective functional improvement, a total of 6 to 10 visits.",
     "The patient has completed 20 sessions already without measured change in the Beck Depression Inventory.",
     "The psychological evaluation documents major depression with fear-avoidance beliefs, and the patient has not yet had any psychotherapy."),
    (["Urine drug screen", "Urine toxicology screening, quantity 1"],
     "urine drug screen", None,
     "MTUS Chronic Pain, Drug testing, page 43.",
     "MTUS Chronic Pain Medical Treatment Guidelines, page 43, Drug testing; page 94, steps to avoid misuse of opioids.", ["MTUS"],
     "Drug testing is recommended as an option to assess for the use or presence of illegal drugs, with frequency based on risk stratification.",
     "The patient is at low risk and had four screens in the past six months, all consistent.",
     "The patient is on chronic opioids and the last screen, a year ago, was inconsistent with the prescribed medications."),
    (["Polysomnography (sleep study)", "Attended overnight sleep study"],
     "sleep study", None,
     "The Claims Administrator did not cite any evidence-based guidelines.",
     "Non-MTUS: Official Disability Guidelines (ODG), Pain (Chronic), Polysomnography.", ["ODG"],
     "Polysomnography is recommended after at least six months of insomnia complaints unresponsive to behavioural intervention and sedative medication, after psychiatric causes are excluded.",
     "Insomnia is mentioned only once and no trial of sleep hygiene or medication is documented.",
     "The patient has witnessed apneas, excessive daytime sleepiness with an Epworth score of 16, and morning headaches."),
    (["Chiropractic manipulation, 8 visits", "Chiropractic treatment 2x4 to the cervical spine"],
     "chiropractic", "cervical spine",
     "MTUS Chronic Pain, Manual therapy and manipulation, pages 58-59.",
     "MTUS Chronic Pain Medical Treatment Guidelines, pages 58-60, Manual therapy & manipulation.", ["MTUS"],
     "A trial of 6 visits over 2 weeks is recommended, with up to 18 visits over 6 to 8 weeks if there is objective functional improvement.",
     "The patient has had 24 chiropractic visits in the past year with no change in function or work status.",
     "This would be the first trial of manipulation, and the neck pain has not responded to medications."),
    (["Acupuncture 2 times a week for 3 weeks", "Six sessions of acupuncture for the right shoulder"],
     "acupuncture", None,
     "Acupuncture Medical Treatment Guidelines, 9792.24.1.",
     "MTUS Acupuncture Medical Treatment Guidelines (2007), section 9792.24.1.", ["MTUS"],
     "Acupuncture is used as an option when pain medication is reduced or not tolerated, with 3 to 6 treatments to produce functional improvement.",
     "The patient has completed 12 prior acupuncture sessions without documented functional improvement or medication reduction.",
     "This is an initial trial of six sessions for a patient who cannot tolerate oral analgesics."),
    (["Orthopedic spine surgery consultation", "Pain management consultation"],
     "consultation", None,
     "ACOEM, Chapter 7, Independent Medical Examinations and Consultations, page 127.",
     "ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 7, page 127 (not part of the MTUS).", ["ACOEM"],
     "A referral may be made when the diagnosis is uncertain or extremely complex, or when the plan of care may benefit from additional expertise.",
     "The current provider has not documented any question that requires another specialist, and the symptoms are stable.",
     "The patient has persistent symptoms despite six months of care, and the treating physician needs guidance on invasive options."),
    (["Lumbar brace (LSO)", "Hinged knee brace, purchase"],
     "brace", None,
     "ACOEM Chapter 12, page 301.",
     "MTUS ACOEM Chapter 12, Low Back Complaints, page 301; Chapter 13, page 340.", ["MTUS"],
     "Lumbar supports have not been shown to have any lasting benefit beyond the acute phase of symptom relief.",
     "The injury is several years old and there is no instability or fracture.",
     "(none)"),
    (["CT scan of the lumbar spine", "CT of the right wrist"],
     "ct", None,
     "ODG, Low Back, Computed tomography (CT).",
     "Non-MTUS Citation: Official Disability Guidelines, Forearm, Wrist & Hand, Computed tomography; Wheeler AH, et al. Spine 2012.", ["ODG", "other"],
     "CT is indicated to evaluate suspected fracture or nonunion when plain radiographs are nondiagnostic.",
     "The plain films show a healed fracture and there is no new clinical concern.",
     "Plain radiographs after the fall are equivocal for a scaphoid fracture and there is persistent snuffbox tenderness."),
]

# regions for items whose text names one
REG_FROM_TEXT = [("lumbar", "lumbar spine"), ("low back", "lumbar spine"), ("cervical", "cervical spine"),
                 ("shoulder", "shoulder"), ("knee", "knee"), ("wrist", "wrist"), ("arms", "upper extremity"),
                 ("upper extremities", "upper extremity"), ("l4", "lumbar spine"), ("l5", "lumbar spine")]

UPHELD_END = [
    "Therefore, the request is not medically necessary.",
    "As such, the medical necessity of the request has not been established.",
    "The request is therefore non-certified.",
    "Accordingly, the request cannot be recommended as medically necessary.",
    "Consequently, the requested treatment is not medically necessary and appropriate.",
    "For these reasons the request does not meet guideline criteria and is not medically necessary.",
    "Based on the guidelines and the records reviewed, this request is not medically necessary.",
    "In light of the above, the request is not indicated at this time.",
]
OVER_END = [
    "Therefore, the request is medically necessary.",
    "The request is certified.",
    "As such, the requested service is medically necessary and appropriate.",
    "Given these findings, the request meets guideline criteria and is medically necessary.",
    "Based on the guidelines and the clinical records, the request is medically necessary and appropriate.",
    "The medical necessity of this request has been established.",
]

SPECIALTIES = ["Orthopedic Surgery", "Pain Medicine", "Physical Medicine and Rehabilitation", "Anesthesiology",
               "Family Practice", "Psychiatry", "Chiropractic", "Internal Medicine", "Neurology",
               "Occupational Medicine", "Emergency Medicine", "Preventive Medicine", "Neurological Surgery",
               "Psychology"]
STATES = ["California", "Texas", "Arizona", "Ohio", "Illinois", "Florida", "Maryland", "Pennsylvania", "Nevada",
          "Washington", "Oregon", "New York", "Michigan", "Georgia", "Colorado", "Virginia", "Massachusetts"]
DIAGS = {
    "lumbar spine": ["lumbar disc displacement", "lumbar radiculopathy", "lumbar facet arthropathy", "lumbar sprain/strain",
                     "degenerative disc disease of the lumbar spine", "failed back surgery syndrome"],
    "cervical spine": ["cervical radiculopathy", "cervical disc herniation", "cervical strain", "cervical spondylosis"],
    "shoulder": ["right shoulder impingement syndrome", "rotator cuff tear", "adhesive capsulitis of the shoulder"],
    "knee": ["medial meniscus tear", "knee osteoarthritis", "chondromalacia patella"],
    "upper extremity": ["carpal tunnel syndrome", "lateral epicondylitis", "cubital tunnel syndrome"],
    "wrist": ["wrist sprain", "scaphoid fracture"],
    None: ["chronic pain syndrome", "myofascial pain syndrome", "depression", "insomnia", "opioid dependence",
           "lumbar radiculopathy", "cervicalgia", "thoracic sprain"],
}


def fmt_date(d: dt.date, style: int) -> str:
    if style == 0:
        return d.strftime("%m/%d/%Y")
    if style == 1:
        return f"{d.month}/{d.day}/{d.year}"
    if style == 2:
        return d.strftime("%B ") + str(d.day) + d.strftime(", %Y")
    return d.strftime("%m/%d/%y") if False else d.strftime("%m/%d/%Y")


def rdate(y0: int, y1: int) -> dt.date:
    a = dt.date(y0, 1, 1).toordinal()
    b = dt.date(y1, 12, 28).toordinal()
    return dt.date.fromordinal(R.randint(a, b))


def lc1(s: str) -> str:
    # lower-case the first letter only for ordinary words, never for acronyms like CT or TENS
    return s[0].lower() + s[1:] if len(s) > 1 and s[1].islower() else s


def words(s: str) -> list[str]:
    return s.split()


def make_item(used: set, partial_ok: bool, rat_only: bool = False):
    while True:
        k = R.randrange(len(BANK))
        if k not in used:
            break
    used.add(k)
    texts, service, region, ca, rev, fam, gl, neg, pos = BANK[k]
    text = R.choice(texts)
    outcome = R.choice(["upheld", "upheld", "upheld", "overturned", "overturned"])
    if pos == "(none)":
        outcome = "upheld"
    if partial_ok and outcome == "upheld" and R.random() < 0.7 and service in ("physical therapy", "chiropractic", "psychotherapy") + (() if rat_only else ("hydrocodone",)):
        outcome = "partially overturned"
    lt = text.lower()
    reg = region
    for w, r in REG_FROM_TEXT:
        if w in lt:
            reg = r
            break
    if service == "acupuncture" and "shoulder" in lt:
        reg = "shoulder"
    if service == "brace":
        reg = "knee" if "knee" in lt else "lumbar spine"
    if service == "ct":
        reg = "wrist" if "wrist" in lt else "lumbar spine"
    if service in ("arthroscopy", "total knee arthroplasty") and "knee" in lt:
        reg = "knee"
    if lt == "left tka":
        reg = "knee"
    # rationale
    gname = R.choice(["The guidelines state that", "Per the cited guidelines,", "According to the guidelines,",
                      "The referenced guideline indicates that", "Guidelines note that"])
    g = lc1(gl)
    # a guideline sentence that already names the guidelines needs no lead-in
    parts = [gl if gl.startswith(("The guidelines", "Guidelines")) else f"{gname} {g}"]
    if outcome == "upheld":
        parts.append(R.choice(["In this case,", "Here,", "In the submitted records,", "Notably,"]) + " " + lc1(neg))
        end = R.choice(UPHELD_END)
    elif outcome == "overturned":
        parts.append(R.choice(["In this case,", "Here,", "Review of the records shows that", "Notably,"]) + " " + lc1(pos))
        end = R.choice(OVER_END)
    else:
        parts.append("The records support a limited renewed course, but the full quantity requested exceeds what the guidelines allow without an interim reassessment.")
        if service == "hydrocodone":
            end = "Therefore, a partial quantity for weaning is medically necessary, and the remainder of the request is not medically necessary."
        elif service == "physical therapy":
            end = "Therefore, only 6 of the 12 requested visits are medically necessary."
        else:
            end = "Accordingly, only the initial trial portion of the requested sessions is medically necessary."
    parts.append(end)
    rationale = " ".join(parts)
    return dict(text=text, outcome=outcome, service=service, body_region=reg, rationale=rationale,
                ca=ca, rev=rev, fam=list(fam), end=end)


def outcome_word(o: str, case: int) -> str:
    w = {"upheld": "Upheld", "overturned": "Overturned", "partially overturned": "Partially Overturned"}[o]
    return [w, w.upper(), w.lower() if case == 2 else w][case % 3]


def make_case(year0: int, year1: int, nitems: int, rat_only: bool = False):
    letter_date = rdate(year0, year1)
    ur = letter_date - dt.timedelta(days=R.randint(40, 120))
    age = R.randint(19, 75)
    # the worker must have been an adult on the date of injury
    hi = min(2016, ur.year - 1)
    inj = rdate(min(hi, max(2000, ur.year - (age - 20))), hi)
    used: set = set()
    items = [make_item(used, True, rat_only) for _ in range(nitems)]
    regs = [i["body_region"] for i in items if i["body_region"]]
    pool = list(DIAGS.get(regs[0] if regs else None, DIAGS[None]))
    R.shuffle(pool)
    diags = pool[: R.randint(1, 3)]
    return dict(
        letter_date=letter_date, ur=ur, inj=inj, age=age, sex=R.choice(["male", "female"]),
        diags=diags, spec=R.choice(SPECIALTIES), state=R.choice(STATES), items=items,
        has_date=False, has_ur=False, has_inj=False,
        case_id=f"CM{letter_date.year % 100:02d}-{R.randint(1000, 999999):07d}",
    )


def diag_sentence(c) -> str:
    d = c["diags"]
    if len(d) == 1:
        s = d[0]
    elif len(d) == 2:
        s = f"{d[0]} and {d[1]}"
    else:
        s = ", ".join(d[:-1]) + (", and " if R.random() < 0.5 else " and ") + d[-1]
    lead = R.choice(["The patient is diagnosed with", "Diagnoses include", "The current diagnoses are",
                     "The injured worker has been diagnosed with", "Diagnoses:"])
    return f"{lead} {s}."


def summary(c, with_inj_in_summary: bool) -> str:
    if with_inj_in_summary:
        c["has_inj"] = True
    sx = c["sex"]
    pr = "He" if sx == "male" else "She"
    inj = fmt_date(c["inj"], R.choice([0, 1]))
    mech = R.choice(["lifting boxes at work", "a fall from a ladder", "repetitive keyboard work", "a motor vehicle accident while on duty",
                     "pulling a pallet jack", "a slip on a wet floor"])
    if with_inj_in_summary:
        first = R.choice([f"The patient is a {c['age']}-year-old {sx} who sustained an injury on {inj} due to {mech}.",
                          f"This {c['age']}-year-old {sx} was injured on {inj} after {mech}.",
                          f"The injured worker is a {c['age']}-year-old {sx} with a date of injury of {inj}; the mechanism was {mech}."])
    else:
        first = f"The patient is a {c['age']}-year-old {sx} who was hurt in an industrial accident involving {mech}."
    visit = fmt_date(c["ur"] - dt.timedelta(days=R.randint(10, 60)), 0)
    mid = R.choice([f"{pr} was seen by  on {visit} with continued pain rated 7/10.",
                    f"On {visit}, Dr.  recommended further treatment for persistent pain.",
                    f"The progress report of {visit} documents ongoing pain of 6/10 , worse with activity."])
    hist = R.choice(["Past history is notable for hypertension and a remote appendectomy, which are not part of this claim.",
                     f"{pr} has a history of diabetes that is not industrial.",
                     "Prior treatment has included medications, therapy , and activity modification.",
                     f"{pr} is working modified duty."])
    req = "The provider requested " + "; ".join(i["text"] for i in c["items"]) + ", which utilization review denied or modified."
    return " ".join([first, diag_sentence(c), mid, hist, req])


# ---------------- layout writers: each returns list of paragraphs (strings; "" = blank line) ----------------

def header_block(c, kind: str, style: int) -> list[str]:
    d, ur, inj, cid = c["letter_date"], c["ur"], c["inj"], c["case_id"]
    c["has_date"] = c["has_ur"] = c["has_inj"] = True
    ds = R.choice([0, 1, 2])
    if style == 0:
        return [f"Dated: {fmt_date(d, ds)}",
                f"IMR Case Number:  {cid}     Date Assigned:  {fmt_date(d - dt.timedelta(days=30), 0)}",
                f"Date of Injury:  {fmt_date(inj, 0)}        Date of UR Decision:  {fmt_date(ur, 0)}",
                "Priority:  Standard                Application Received:  " + fmt_date(d - dt.timedelta(days=40), 0),
                "Employee:  "]
    if style == 1:
        return [f"IMR Case Number: {cid}   Date of UR Decision: {fmt_date(ur, 1)}   Date of Injury: {fmt_date(inj, 1)}",
                f"Dated {fmt_date(d, 2)}"]
    return [f"Letter Date: {fmt_date(d, ds)}", f"IMR Case Number {cid}", f"UR Decision Date: {fmt_date(ur, 0)}",
            f"Date of Injury {fmt_date(inj, 0)}", "Employee:", "Claim Number:"]


def w_notice(c, opts):
    P = ["Notice of Independent Medical Review Determination"]
    if opts["header"]:
        P += header_block(c, "notice", R.choice([0, 1]))
    P += ["", R.choice(["DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.", "Determination of MAXIMUS Federal Services, Inc."]),
          "After careful review of the medical records, MAXIMUS Federal Services, Inc. has determined:"]
    for n, it in enumerate(c["items"], 1):
        v = {"upheld": "is not medically necessary and appropriate", "overturned": "is medically necessary and appropriate",
             "partially overturned": "is partially medically necessary and appropriate"}[it["outcome"]]
        P.append(f"{n}. MAXIMUS Federal Services, Inc. has determined the request for {it['text']} {v}.")
    P += ["", "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
          "The Physician Reviewer based his/her decision on the following documents: the application for IMR, the utilization review letter, and the treating provider's reports.",
          "", R.choice(["Medical Qualifications of the Expert Reviewer:", "Medical Qualifications of the Expert Reviewer"]),
          f"The expert reviewer is Board Certified in {c['spec']}, and is licensed to practice in {c['state']}. The expert reviewer has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice.",
          "", R.choice(["Case Summary:", "CASE SUMMARY", "Expert Reviewer Case Summary:"]), summary(c, True), ""]
    fmt = R.choice(["{n}. Regarding the request for {t}:", "{n}) Regarding the request for {t}:", "Item {n}: Regarding the request for {t}:", "#{n} Regarding the request for {t}:"])
    for n, it in enumerate(c["items"], 1):
        P += [fmt.format(n=n, t=it["text"]),
              R.choice(["Medical Treatment Guideline(s) which the Claims Administrator relied upon:", "Medical Treatment Guidelines which the Claims Administrator relied upon:"]),
              ("The Claims Administrator did not cite any evidence-based guidelines." if it["ca"].startswith("The Claims") else "The Claims Administrator based its decision on the " + it["ca"].removeprefix("Decision based on ")),
              R.choice(["Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision:", "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision"]),
              "The Expert Reviewer relied on the " + it["rev"].removeprefix("Decision based on ").removeprefix("Non-MTUS Citation: ").removeprefix("Non-MTUS: "),
              R.choice(["Rationale for the Decision:", "Rationale for the Decision"]), it["rationale"], ""]
    P += ["/reg", "cc: Department of Industrial Relations"]
    return P


def w_final(c, opts):
    P = []
    if opts["header"]:
        P += ["Independent Medical Review Final Determination Letter"] + header_block(c, "final", R.choice([0, 2])) + [""]
    qual = (f"MAXIMUS Federal Services sent the complete case file to a physician reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator. "
            f"The physician reviewer is Board Certified in {c['spec']} and is licensed to practice in {c['state']}. He/she has been in active clinical practice for more than five years.")
    P += [R.choice(["HOW THE IMR FINAL DETERMINATION WAS MADE", "1. HOW THE IMR FINAL DETERMINATION WAS MADE", "How the IMR Final Determination Was Made"]), qual, ""]
    sh = R.choice(["CLINICAL CASE SUMMARY", "2. CLINICAL CASE SUMMARY", "Clinical Case Summary -"])
    P += [sh, "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:", "",
          summary(c, not opts["header"] or R.random() < 0.5), ""]
    P += [R.choice(["IMR ISSUES, DECISIONS AND RATIONALES", "IMR Issues, Decisions and Rationales", "3. IMR ISSUES, DECISIONS, AND RATIONALES"]),
          "The Final Determination was based on decisions for the disputed items/services set forth below:", ""]
    ocase = R.randrange(3)
    sty = R.randrange(4)
    if opts["glue"]:
        sty %= 2  # gluing needs the outcome at the end of the item line
    ca_l = R.choice(["Claims Administrator guideline:", "Claims Administrator Guideline(s):", "Guideline(s) used by the Claims Administrator -"])
    mx_l = R.choice(["MAXIMUS guideline:", "MAXIMUS Guideline(s):", "Guideline(s) used by MAXIMUS -"])
    ra_l = R.choice(["Decision rationale:", "Rationale:", "Decision Rationale:", "Rationale for the Decision:"])
    for it in c["items"]:
        o = outcome_word(it["outcome"], ocase)
        if opts["rat_only"]:
            P.append(it["text"] + ":")
        elif sty == 0:
            P.append(f"{it['text']}:  {o}")
        elif sty == 1:
            P.append(f"{it['text']} ........ {o}")
        elif sty == 2:
            P += [it["text"] + ":", o]
        else:
            P.append(f"{it['text']} - {o}")
        glue = opts["glue"] and not opts["rat_only"] and sty in (0, 1)
        if glue:
            P[-1] = P[-1] + ca_l + " " + it["ca"]
        else:
            P += ["", ca_l + " " + it["ca"]]
        P += [mx_l + " " + it["rev"], "", ra_l + " " + it["rationale"], ""]
    return P


def w_dr(c, opts):
    P = []
    if opts["header"]:
        P += ["Independent Medical Review Final Determination Letter"] + header_block(c, "dr", R.choice([0, 1, 2])) + [""]
    P += [R.choice(["SUMMARY OF INDEPENDENT MEDICAL REVIEW", "Summary of Independent Medical Review"]),
          R.choice(["Expert reviewer qualifications:", "Expert Reviewer Qualifications -"]) + f" The expert reviewer is Board Certified in {c['spec']} and is licensed to practice in {c['state']}.", ""]
    c["has_ur"] = True  # the documents list dates the UR determination
    docs = ["DOCUMENTS REVIEWED", f"- Utilization review determination dated {fmt_date(c['ur'], 0)}",
            "- Medical records from the treating physician", "- Application for Independent Medical Review", ""]
    summ = [R.choice(["CLINICAL SUMMARY", "Clinical Summary:", "CLINICAL SUMMARY:"]) , summary(c, not opts["header"] or R.random() < 0.5), ""]
    if R.random() < 0.5:
        P += docs + summ
    else:
        P += summ + docs
    P += [R.choice(["IMR DECISION(S) AND RATIONALE(S)", "IMR Decision(s) and Rationale(s)", "IMR DECISIONS AND RATIONALES"]), ""]
    nf = R.choice(["{n}. {t}", "{n}) {t}", "Item {n}: {t}", "#{n} {t}", "{t}"])
    ocase = R.randrange(3)
    ca_l = R.choice(["Guideline(s) used by the Claims Administrator:", "Claims Administrator Guideline(s):", "Claims Administrator guideline:"])
    rv_l = R.choice(["Guideline(s) used by the Expert Reviewer:", "Expert Reviewer Guideline(s):", "Guideline(s) relied upon by the Expert Reviewer:"])
    ra_l = R.choice(["Rationale:", "Decision Rationale:", "Rationale for the Decision:"])
    dec_l = R.choice(["Decision:", "Outcome:", "Determination:"])
    for n, it in enumerate(c["items"], 1):
        P.append(nf.format(n=n, t=it["text"]))
        if not opts["rat_only"]:
            P.append(f"   {dec_l} {outcome_word(it['outcome'], ocase)}")
        P += [f"   {ca_l} {it['ca']}", f"   {rv_l} {it['rev']}", f"   {ra_l} {it['rationale']}", ""]
    return P


def w_pro(c, opts):
    P = [R.choice(["MEDICAL PROFESSIONAL REVIEW", "Medical Professional Review"])]
    if opts["header"]:
        ds = R.choice([0, 2])
        c["has_date"] = True
        P.append(R.choice([f"IMR Case Number: {c['case_id']}    Dated: {fmt_date(c['letter_date'], ds)}",
                           f"{c['case_id']}    Dated {fmt_date(c['letter_date'], 2)}"]))
        if R.random() < 0.5:
            c["has_ur"] = c["has_inj"] = True
            P.append(f"Date of Injury: {fmt_date(c['inj'], 0)}")
            P.append(f"UR Decision Date: {fmt_date(c['ur'], 0)}")
    P += ["", R.choice(["ISSUE AT DISPUTE:", "ISSUE(S) AT DISPUTE:"])]
    for n, it in enumerate(c["items"], 1):
        P.append(f"{n}. {it['text']}")
    ocase = R.choice([1, 1, 0])
    if not opts["rat_only"]:
        P += ["", "DETERMINATION:"]
        for n, it in enumerate(c["items"], 1):
            P.append(f"{n}. {it['text']}: {outcome_word(it['outcome'], ocase)}")
    P += ["", R.choice(["CASE SUMMARY:", "CASE SUMMARY"]) + " " + summary(c, True), "",
          "DOCUMENTS REVIEWED FOR DETERMINATION:", "Utilization review letter; progress reports; imaging reports; application for IMR.", ""]
    for n, it in enumerate(c["items"], 1):
        P += [f"ISSUE {n}: {it['text']}", "MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",
              it["rev"] + " These guidelines address the requested treatment for this condition."]
        if opts["rat_only"]:
            P.append("RATIONALE:")
        elif it["outcome"] == "upheld":
            P.append("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:")
        elif it["outcome"] == "overturned":
            P.append("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS MEDICALLY NECESSARY:")
        else:
            P.append("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS PARTIALLY MEDICALLY NECESSARY:")
        P += [it["rationale"], ""]
    P += ["MEDICAL REVIEWER QUALIFICATIONS:",
          f"The reviewer is Board Certified in {c['spec']} and is licensed to practice in {c['state']}. The reviewer has no conflict of interest."]
    return P


# ---------------- damage ----------------

RUN = [("not medically", "notmedically"), ("is not ", "isnot "), ("medically necessary", "medicallynecessary"),
       ("request for", "requestfor"), ("the patient", "thepatient")]


def damage_para(p: str, d: dict) -> str:
    if d["curly"]:
        p = p.replace("'", "\u2019")
    if d["stray"] and len(p) > 200:
        mid0, mid1 = len(p) // 3, 2 * len(p) // 3
        p = p[:mid0] + p[mid0:mid1].replace(", ", " , ", 1) + p[mid1:]
    if d["run"] and len(p) > 200 and R.random() < 0.6:
        a, b = R.choice(RUN)
        # damage only the middle of the paragraph so the first/last 8 words stay clean
        mid0, mid1 = len(p) // 3, 2 * len(p) // 3
        seg = p[mid0:mid1].replace(a, b, 1)
        p = p[:mid0] + seg + p[mid1:]
    if d["dspace"]:
        p = p.replace(". ", ".  ")
    return p


def wrap(paras: list[str], d: dict) -> list[str]:
    lines = []
    width = d["width"]
    for p in paras:
        if p == "" or len(p) <= width:
            lines.append(p)
            continue
        ls = textwrap.wrap(p, width=width, break_long_words=False, break_on_hyphens=False)
        if d["hyph"]:
            out = []
            for i, ln in enumerate(ls):
                if i + 1 < len(ls) and R.random() < 0.15:
                    nxt = ls[i + 1].split(" ")
                    w = nxt[0]
                    if w.isalpha() and w.islower() and len(w) >= 9:
                        cut = R.randint(3, len(w) - 3)
                        ln = ln + " " + w[:cut] + "-"
                        ls[i + 1] = w[cut:] + (" " + " ".join(nxt[1:]) if len(nxt) > 1 else "")
                out.append(ln)
            ls = out
        lines += ls
    return lines


def paginate(lines: list[str], c, d: dict) -> list[str]:
    if not d["banners"]:
        return lines
    per = R.randint(28, 40)
    pages = [lines[i:i + per] for i in range(0, len(lines), per)]
    m = len(pages)
    out = []
    for k, pg in enumerate(pages, 1):
        if k > 1:
            kind = R.randrange(3)
            if c["case_id"] is None:
                kind = 0
            if kind == 0:
                ban = [f"Page {k} of {m}"]
            elif kind == 1:
                ban = [c["case_id"], f"Page {k} of {m}"]
            else:
                ban = [f"IMR Case Number {c['case_id']} Page {k} of {m}"]
            out.append("\f" + ban[0])
            out += ban[1:]
        out += pg
    return out


LAYOUTS = [("dwc-2013-notice", w_notice, 2013, 2014), ("dwc-final-determination", w_final, 2013, 2015),
           ("dwc-decisions-and-rationales", w_dr, 2015, 2017), ("dwc-professional-review", w_pro, 2017, 2019)]


def render_pdf(path: str, paras: list[str], c) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from xml.sax.saxutils import escape

    ss = getSampleStyleSheet()
    body = ss["BodyText"]

    def mk():
        story = []
        for p in paras:
            if p == "":
                story.append(Spacer(1, 6))
            else:
                story.append(Paragraph(escape(p.replace("  ", " \u00a0")), body))
        return story
    total = {"n": 0}

    def hf(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, 760, "MAXIMUS FEDERAL SERVICES")
        lab = f"IMR Case Number {c['case_id']} " if c["case_id"] else ""
        canvas.drawString(72, 30, f"{lab}Page {doc.page} of {total['n'] or '{N}'}")
        canvas.restoreState()

    # two passes so "of M" is right
    for _ in range(2):
        class Counter(SimpleDocTemplate):
            pass
        doc = Counter(path, pagesize=letter, topMargin=80, bottomMargin=60)
        doc.build(mk(), onFirstPage=hf, onLaterPages=hf)
        total["n"] = doc.page


def main() -> None:
    truth = []
    n = 0
    for li, (lay, fn, y0, y1) in enumerate(LAYOUTS):
        for k in range(10):
            n += 1
            nitems = R.choice([3, 4]) if k in (1, 5) else R.choice([1, 2, 2, 3, 3, 4])
            opts = {"header": k not in (2, 6, 9), "rat_only": k in (4, 8) and lay != "dwc-2013-notice", "glue": k in (3, 7)}
            c = make_case(y0, y1, nitems, opts["rat_only"])
            if not opts["header"]:
                c["case_id"] = None
            paras = fn(c, opts)
            is_pdf = k in (1, 5)
            name = f"f5_{n:03d}.{'pdf' if is_pdf else 'txt'}"
            path = os.path.join(OUT, "letters", name)
            if is_pdf:
                if c["case_id"] is None:
                    c["case_id"] = f"CM{c['letter_date'].year % 100:02d}-{R.randint(1000, 999999):07d}"
                    paras = fn(c, opts) if False else paras
                render_pdf(path, paras, c)
                damage = None
            else:
                d = {"curly": R.random() < 0.4, "stray": R.random() < 0.5, "run": R.random() < 0.5, "dspace": R.random() < 0.3,
                     "hyph": R.random() < 0.5, "banners": R.random() < 0.7, "width": R.randint(78, 100),
                     "blanks": R.random() < 0.3, "crlf": R.random() < 0.2}
                paras2 = [damage_para(p, d) for p in paras]
                lines = paginate(wrap(paras2, d), c, d)
                if d["blanks"]:
                    lines = [ln + " " for ln in lines]
                    txt = "\n\n".join(lines)
                else:
                    txt = "\n".join(lines)
                if d["crlf"]:
                    txt = txt.replace("\n", "\r\n")
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(txt + ("\r\n" if d["crlf"] else "\n"))
                damage = d
            items = []
            for it in c["items"]:
                rw = words(it["rationale"])
                items.append({"text": it["text"], "outcome": it["outcome"], "service": it["service"], "body_region": it["body_region"],
                              "rationale_start": " ".join(rw[:8]), "rationale_end": " ".join(rw[-8:]),
                              "reviewer_guideline_families": it["fam"]})
            # professional review: header may omit UR/injury
            iso = lambda x: x.isoformat()
            truth.append({"file": f"letters/{name}", "layout": lay, "case_id": c["case_id"],
                          "decision_date": iso(c["letter_date"]) if c["has_date"] else None,
                          "ur_date": iso(c["ur"]) if c["has_ur"] else None,
                          "patient": {"age": c["age"], "sex": c["sex"], "injury_date": iso(c["inj"]) if c["has_inj"] else None},
                          "diagnoses": c["diags"], "reviewer": {"specialty": c["spec"], "license_state": c["state"]},
                          "items": items, "_meta": {"opts": opts, "damage": damage}})
    # write truth after checking what each letter actually states
    with open(os.path.join(OUT, "truth.jsonl"), "w") as f:
        for t in truth:
            f.write(json.dumps({k: v for k, v in t.items() if k != "_meta"}) + "\n")
    with open(os.path.join(OUT, "generator", "meta.jsonl"), "w") as f:
        for t in truth:
            f.write(json.dumps({"file": t["file"], **t["_meta"]}) + "\n")


if __name__ == "__main__":
    main()
