# ruff: noqa: E501 - one sentence per line keeps the pools reviewable; wrapping would split them
"""Sentence pools for decision rationales, one set per service family and outcome.

Written for this project (not taken from real letters). Placeholders are filled from the letter's
facts by :mod:`.rationales`: {pt}/{Pt} the patient noun, {age}, {sex}, {his}/{he}/{He}, {region},
{dx}, {svc} (the request's short name), {n}/{f}/{w} (quantity, times per week, weeks), {prior}
(sessions or injections already done), {months} (time on the treatment), {inj} (injury date),
{years}, {seen} (last visit date), {vas1}/{vas2} (pain before/after), {guide} (the reviewer's
guideline), {mme} (morphine equivalents), {op} (surgery date).

Each family maps a kind to sentences: "guide" (what the guideline says), "upheld" and
"overturned" (facts of this case that drive the outcome). Families missing a kind borrow it from
FALLBACK.
"""

from __future__ import annotations


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "opioid": {
        "guide": _lines("""
            {guide} support continued opioid therapy only with ongoing review of the 4 A's: analgesia, activities of daily living, adverse side effects and aberrant drug-taking behaviors.
            Chronic opioid use is recommended to continue only when the patient has returned to work or shows improved function and reduced pain, per {guide}.
            Guidelines call for the lowest possible dose, documented pain relief, objective functional improvement, periodic urine drug screening and a signed opioid agreement.
            {guide} advise that cumulative daily doses above 120 mg morphine equivalents are generally not recommended, and that long-term opioid therapy for chronic non-malignant pain requires careful monitoring.
        """),
        "upheld": _lines("""
            The records show {pt} has taken {svc} for at least {months} months without any quantified improvement in pain scores or function.
            There is no documentation of a recent urine drug screen, a current pain agreement, or a CURES report review.
            Pain remains rated {vas1}/10 at the {seen} visit, essentially unchanged from prior visits despite continued use of {svc}.
            The progress notes do not address the 4 A's of ongoing opioid management, and no objective functional gains are described.
            {Pt} remains off work and the notes do not identify any activity {he} can perform because of the medication.
            The current regimen totals approximately {mme} morphine equivalents per day, and no attempt at weaning or a trial of non-opioid alternatives is recorded.
            A prior utilization review recommended weaning, and the record does not explain why continued use of {svc} is still appropriate.
            A urine drug screen reported inconsistent results that were never addressed by the prescriber.
        """),
        "overturned": _lines("""
            The treating physician documents the 4 A's at each visit: pain decreases from {vas1}/10 to {vas2}/10 with {svc}, with no adverse effects or aberrant behavior.
            A signed opioid agreement is on file and urine drug screens dated within the past six months were consistent with the prescribed medications.
            With {svc} {pt} is able to walk for 30 minutes, perform household chores and continue modified work, and the dose has been stable for {months} months.
            The current dose is well below 120 mg morphine equivalents per day and the prescriber has a documented plan to reassess and taper as function improves.
            Prior attempts to reduce the medication led to a documented decline in function and sleep.
            The medical records include a CURES report review and ongoing monitoring consistent with guideline recommendations.
        """),
    },
    "nsaid": {
        "guide": _lines("""
            {guide} recommend NSAIDs at the lowest dose for the shortest period in patients with moderate to severe pain, particularly for osteoarthritis and acute exacerbations of chronic back pain.
            NSAIDs are recommended as an option for short-term symptomatic relief; there is no evidence of long-term effectiveness for pain or function.
            Guidelines advise periodic laboratory monitoring of renal and hepatic function in patients on chronic NSAID therapy.
        """),
        "upheld": _lines("""
            {Pt} has used {svc} for {months} months without documented improvement in pain or function attributable to the medication.
            The records describe gastrointestinal complaints, and no laboratory monitoring of renal or hepatic function has been provided.
            The treating physician does not describe an acute flare that would warrant continued NSAID use beyond the short term.
            The notes do not quantify pain relief or explain why an over-the-counter alternative at a lower dose would be insufficient.
        """),
        "overturned": _lines("""
            The records document that {svc} reduces pain from {vas1}/10 to {vas2}/10 and allows {pt} to continue working with restrictions.
            {Pt} has a documented acute flare of {dx}, for which short-term anti-inflammatory treatment is recommended.
            There are no reported gastrointestinal, renal or cardiovascular risk factors, and recent laboratory results were within normal limits.
            The requested quantity represents a short course consistent with the lowest effective dose for the shortest period.
        """),
    },
    "muscle_relaxant": {
        "guide": _lines("""
            {guide} recommend non-sedating muscle relaxants with caution as a second-line option for short-term treatment of acute exacerbations of chronic low back pain.
            Muscle relaxants show no benefit beyond NSAIDs in most cases, efficacy diminishes over time, and prolonged use may lead to dependence; treatment beyond two to three weeks is not recommended.
            Guidelines state that this class of medication is intended for brief courses, and that sedation and abuse potential limit its long-term role.
        """),
        "upheld": _lines("""
            The records indicate {svc} has been prescribed continuously for at least {months} months, well beyond the short-term course the guidelines support.
            There is no documentation of an acute exacerbation or of muscle spasm on the most recent examination of the {region}.
            The request for #{n} tablets implies ongoing daily use rather than a brief course for a flare.
            {Pt} is also taking an opioid, and the combined sedative effect is not addressed in the records.
        """),
        "overturned": _lines("""
            The {seen} examination documents palpable paravertebral spasm of the {region} following a recent flare of symptoms.
            The prescriber requests a short course of {svc} for an acute exacerbation, with a plan to discontinue when the spasm resolves.
            {Pt} has not previously used a muscle relaxant for this injury, and first-line measures have been tried.
        """),
    },
    "neuropathic": {
        "guide": _lines("""
            {guide} recommend antiepilepsy drugs for neuropathic pain; a good response is a 50% reduction in pain and a moderate response a 30% reduction.
            After initiation of an antiepileptic drug, guidelines require documentation of pain relief and improvement in function as well as side effects at each visit.
            Anticonvulsants such as gabapentin and pregabalin are considered first-line treatment for painful radiculopathy and diabetic neuropathy.
        """),
        "upheld": _lines("""
            There is no documentation of neuropathic symptoms or objective radicular findings; the {seen} examination shows intact sensation and symmetric reflexes.
            {Pt} has used {svc} for {months} months without any documented 30% reduction in pain or change in function.
            The records do not describe the response to the medication or the side effects, as required for continued use.
        """),
        "overturned": _lines("""
            The records document radiating pain with diminished sensation in a dermatomal distribution, consistent with neuropathic pain from {dx}.
            With {svc} {pt} reports a greater than 30% reduction in radicular pain and improved sleep, with no reported side effects.
            Electrodiagnostic studies confirmed radiculopathy, and the medication is being used as a first-line agent for neuropathic pain.
        """),
    },
    "antidepressant": {
        "guide": _lines("""
            {guide} recommend antidepressants as a first-line option for neuropathic pain and as a possibility for non-neuropathic pain, with assessment of pain, function, sleep and psychological status.
            Tricyclic antidepressants and SNRIs are recommended for chronic pain with depression, with outcome measures that include changes in analgesic use, sleep quality and duration, and psychological assessment.
        """),
        "upheld": _lines("""
            The records do not document depressive symptoms, neuropathic findings, or any assessment of the effect of {svc} on pain and function.
            {Pt} has taken {svc} for {months} months without a documented change in sleep, mood or analgesic use.
        """),
        "overturned": _lines("""
            {Pt} has chronic pain with documented depressive symptoms, and {svc} is a first-line agent for this combination.
            The notes record improved sleep and mood and a reduction in breakthrough analgesic use since {svc} was started.
            A psychological assessment supports the diagnosis of {dx}, for which an antidepressant is an appropriate option.
        """),
    },
    "ppi": {
        "guide": _lines("""
            {guide} recommend a proton pump inhibitor for patients on NSAIDs only when they are at intermediate or high risk for gastrointestinal events: age over 65, history of peptic ulcer or bleeding, concurrent aspirin, corticosteroid or anticoagulant use, or high-dose multiple NSAIDs.
            Long-term proton pump inhibitor use carries risks, including hip fracture, and guidelines reserve prophylaxis for patients with documented gastrointestinal risk.
        """),
        "upheld": _lines("""
            The records do not document any gastrointestinal risk factors, and {pt} is {age} years old with no history of ulcer or bleeding.
            There are no current gastrointestinal complaints recorded, and the NSAID itself has not been supported.
            {Pt} is no longer taking an NSAID, so there is no indication for prophylaxis with {svc}.
        """),
        "overturned": _lines("""
            {Pt} has documented dyspepsia on daily NSAID therapy and a history of gastritis, placing {his} gastrointestinal risk in the intermediate range.
            The records document the prophylactic indication: continued NSAID use with prior gastrointestinal upset that improved with {svc}.
        """),
    },
    "antiemetic": {
        "guide": _lines("""
            {guide} do not recommend antiemetics for nausea and vomiting secondary to chronic opioid use; ondansetron is approved for postoperative use and for nausea related to chemotherapy and radiation.
        """),
        "upheld": _lines("""
            The nausea described appears related to chronic opioid use, which is not an indication for {svc}.
            {Pt} has not had recent surgery, chemotherapy or radiation, and no other indication is documented.
            The records do not describe the frequency or severity of the nausea or any evaluation of its cause.
        """),
        "overturned": _lines("""
            {Pt} is in the immediate postoperative period after surgery on {op} with documented nausea, which is an approved indication for {svc}.
        """),
    },
    "laxative": {
        "guide": _lines("""
            {guide} recommend prophylactic treatment of constipation when opioid therapy is initiated or continued.
            Constipation is a common adverse effect of chronic opioid use, and first-line measures include fluids, fiber and activity before medication.
        """),
        "upheld": _lines("""
            The opioid therapy that would justify {svc} has not been supported, and no constipation is described.
            The records do not describe bowel habits, dietary measures or any gastrointestinal complaint.
            {Pt} is being weaned from opioids, and the notes do not explain the continued need for {svc}.
        """),
        "overturned": _lines("""
            {Pt} remains on opioid therapy and reports opioid-induced constipation, for which prophylactic treatment is recommended.
            Dietary measures were tried without relief, and the prescriber documents a plan to reassess bowel function at each visit.
        """),
    },
    "office_visit": {
        "guide": _lines("""
            {guide} recommend office visits as determined to be medically necessary, based on the patient's concerns, signs and symptoms, clinical stability and the medications being prescribed.
        """),
        "upheld": _lines("""
            The condition has been stable for months and the medications that would need monitoring have not been supported.
            The request for {n} visits in advance does not allow for reassessment of the need for each visit.
            The notes from the last several visits are nearly identical and document no change in the treatment plan.
            No new complaint or change in function is described that would require additional physician visits.
        """),
        "overturned": _lines("""
            The treating physician documents a complex medication regimen that requires regular monitoring, so follow-up visits are medically necessary.
            {Pt} remains symptomatic and under active treatment, and periodic reassessment is part of the plan.
            The visits are tied to a medication taper that requires close follow-up of pain, function and withdrawal symptoms.
        """),
    },
    "sleep": {
        "guide": _lines("""
            {guide} recommend zolpidem only for short-term treatment of insomnia, generally two to six weeks, and note that long-term use can impair function and memory and may increase pain and depression.
            Pharmacological treatment of insomnia should follow careful evaluation of the causes of the sleep disturbance and sleep hygiene measures.
        """),
        "upheld": _lines("""
            {Pt} has used {svc} nightly for {months} months, far beyond the short-term course recommended.
            The records do not describe sleep latency, sleep maintenance, or next-day functioning, and no sleep hygiene measures are documented.
        """),
        "overturned": _lines("""
            The request is for a short course of {svc} following a recent increase in nocturnal pain, and sleep hygiene measures have been tried and documented.
            The notes describe a specific sleep complaint with delayed sleep onset and a plan to discontinue the medication within a few weeks.
        """),
    },
    "topical": {
        "guide": _lines("""
            {guide} describe topical analgesics as largely experimental, with few randomized controlled trials to determine efficacy or safety; any compounded product that contains at least one drug or drug class that is not recommended is not recommended.
            Topical lidocaine is recommended only for localized peripheral neuropathic pain after a trial of first-line therapy such as a tricyclic antidepressant or an antiepilepsy drug.
            Topical NSAIDs are recommended for osteoarthritis of joints amenable to topical treatment, such as the knee and wrist, for four to twelve weeks; there is little evidence for use over the spine, hip or shoulder.
        """),
        "upheld": _lines("""
            The requested compound contains ingredients such as gabapentin and cyclobenzaprine that are not recommended for topical use, so the product as a whole is not recommended.
            There is no documentation of localized neuropathic pain or of failed trials of first-line oral agents.
            The treatment area is the {region}, for which topical agents have not been shown to be effective.
            {Pt} already tolerates oral medications, and no reason is given for a topical route.
        """),
        "overturned": _lines("""
            {Pt} has localized osteoarthritic pain of a joint amenable to topical treatment and cannot tolerate oral NSAIDs because of documented gastritis.
            The records describe localized peripheral neuropathic pain that persisted after trials of gabapentin and amitriptyline.
            The treating physician documents decreased pain and improved hand function with {svc} over the last trial period.
        """),
    },
    "pt": {
        "guide": _lines("""
            {guide} allow for fading of treatment frequency from up to three visits per week to one or less, plus active self-directed home physical medicine.
            For myalgia and myositis, 9-10 visits over 8 weeks are recommended; for neuralgia, neuritis and radiculitis, 8-10 visits over 4 weeks.
            Active therapy is based on the philosophy that therapeutic exercise is beneficial for restoring flexibility, strength, endurance, function and range of motion.
            Guidelines recommend that continued therapy depend on documented objective functional improvement from the visits already completed.
        """),
        "upheld": _lines("""
            The records indicate {pt} has already completed at least {prior} sessions of physical therapy for the {region} since the injury on {inj}.
            There is no documentation of objective functional improvement from the prior sessions, and the current request for {n} visits exceeds guideline recommendations.
            The {seen} examination shows only mild tenderness and slightly reduced range of motion, findings that can be addressed with a home exercise program.
            Given the extensive prior therapy, {pt} should be well versed in an independent home exercise program.
            No new injury, surgery or acute exacerbation is documented that would justify returning to supervised therapy.
            The requested frequency and duration, {f} times a week for {w} weeks, exceed the 9-10 visits the guidelines allow for this condition.
            The injury is now {years} years old and the notes do not explain why {pt} cannot transition to self-directed exercise.
        """),
        "overturned": _lines("""
            {Pt} has not had physical therapy for the {region} in more than a year and now presents with a documented flare of {dx}.
            The records document measurable gains from the initial sessions: range of motion improved and {pt} returned to modified duty.
            The request for {n} visits falls within the 9-10 visit allowance for this diagnosis and includes instruction in a home program.
            This is a new body part added to the claim, and {pt} has had no prior therapy directed at the {region}.
            The {seen} examination shows significant deficits in strength and range of motion that are expected to respond to a short course of active therapy.
            Objective functional improvement from the prior course is documented, including increased walking tolerance and reduced medication use.
        """),
    },
    "postop_pt": {
        "guide": _lines("""
            {guide} allow a general course of postoperative physical medicine, with an initial course of therapy of one-half of the general course and continued visits when functional improvement is documented.
            The postsurgical physical medicine treatment period varies by procedure, and therapy may continue for up to the full course when progress is documented.
        """),
        "upheld": _lines("""
            {Pt} underwent surgery on {op} and has already completed {prior} postoperative visits, which is the full course recommended for this procedure.
            The most recent therapy note shows near-normal range of motion and strength, and the remaining deficits can be addressed with a home exercise program.
            The request would exceed the postsurgical treatment period, and no complication of surgery is documented.
        """),
        "overturned": _lines("""
            {Pt} underwent surgery of the {region} on {op}, and the request is part of the initial course of postoperative therapy recommended by the guidelines.
            The records show ongoing functional gains in the first postoperative weeks, with remaining deficits in strength and range of motion.
            Only {prior} postoperative visits have been completed, well within the general course recommended for this procedure.
        """),
    },
    "chiro": {
        "guide": _lines("""
            {guide} recommend manual therapy and manipulation for chronic pain caused by musculoskeletal conditions, with a trial of six visits over two weeks and, with evidence of objective functional improvement, up to 18 visits over 6-8 weeks.
            Elective or maintenance care is not medically necessary; for recurrences or flare-ups, guidelines require a reevaluation of treatment success.
        """),
        "upheld": _lines("""
            {Pt} has already received at least {prior} chiropractic treatments for the {region} without documented objective functional improvement.
            The request appears to be for maintenance care, which the guidelines do not support.
            The notes do not document a flare-up or a return to work attributable to prior manipulation.
        """),
        "overturned": _lines("""
            The request is for an initial trial of manipulation, and {pt} has not previously received chiropractic care for the {region}.
            After the first six visits the records document improved range of motion and a return to full duty, meeting the criteria for additional visits.
            The {seen} note documents a flare-up after a period of successful treatment, for which a brief course of manipulation is appropriate.
        """),
    },
    "acupuncture": {
        "guide": _lines("""
            {guide} state acupuncture may be used when pain medication is reduced or not tolerated, or as an adjunct to physical rehabilitation to hasten functional recovery.
            The time to produce functional improvement is three to six treatments, one to three times per week, and treatments may be extended if functional improvement is documented.
        """),
        "upheld": _lines("""
            {Pt} has completed at least {prior} acupuncture visits, and the records do not document functional improvement, reduced medication use or a return to work.
            The request for {n} sessions exceeds the initial trial of three to six treatments recommended by the guidelines.
            The records do not describe a concurrent rehabilitation program to which acupuncture would be an adjunct.
        """),
        "overturned": _lines("""
            {Pt} has not previously tried acupuncture, and the request is for an initial trial within the guideline recommendation.
            The records document that {pt} could not tolerate increases in oral medication, which is an indication for acupuncture.
            Following the initial acupuncture trial, pain decreased from {vas1}/10 to {vas2}/10 and {pt} reduced {his} medication use.
        """),
    },
    "aquatic": {
        "guide": _lines("""
            {guide} recommend aquatic therapy as an optional form of exercise therapy, where available, as an alternative to land-based physical therapy when reduced weight bearing is desirable, for example with extreme obesity.
        """),
    },
    "massage": {
        "guide": _lines("""
            {guide} recommend massage therapy as an adjunct to other recommended treatment such as exercise, limited to four to six visits in most cases, since its benefits are short-lived.
        """),
    },
    "imaging": {
        "guide": _lines("""
            {guide} recommend imaging when unequivocal objective findings identify specific nerve compromise on the neurologic examination, in patients who do not respond to treatment and would consider surgery.
            Repeat imaging is not routinely recommended and should be reserved for a significant change in symptoms or findings suggestive of significant pathology.
            Imaging is indicated for physiologic evidence of tissue insult or neurologic dysfunction, failure to progress in a strengthening program, or clarification of anatomy before an invasive procedure.
        """),
        "upheld": _lines("""
            The {seen} examination of the {region} documents tenderness and reduced range of motion but no focal neurologic deficit, and no red flags are described.
            {Pt} already had imaging of the {region} after the injury, and there is no documented change in symptoms or findings since that study.
            The notes do not indicate that {pt} is a surgical candidate or that the results would change the treatment plan.
            There is no documentation of a recent course of conservative care, which is a prerequisite for advanced imaging.
        """),
        "overturned": _lines("""
            The {seen} examination documents new neurologic findings: decreased sensation, a diminished reflex and weakness in a specific distribution.
            {Pt} has failed more than six weeks of conservative treatment including therapy, medications and activity modification, and surgical consultation is planned.
            There has been a significant change in symptoms since the prior study, with new radicular pain and weakness.
            The clinical findings suggest {dx}, and imaging is needed to clarify the anatomy before the planned procedure.
        """),
    },
    "electrodiagnostic": {
        "guide": _lines("""
            {guide} state electromyography may be useful to identify subtle focal neurologic dysfunction in patients with symptoms lasting more than three or four weeks, while nerve conduction studies are not recommended when radiculopathy is already clinically obvious.
            Electrodiagnostic studies are recommended for suspected carpal tunnel syndrome and other peripheral nerve entrapments when the diagnosis is unclear or surgery is being considered.
        """),
        "upheld": _lines("""
            Radiculopathy is already clinically evident and has been confirmed by imaging, so electrodiagnostic testing would not change management.
            The neurologic examination on {seen} is normal, with intact sensation, reflexes and strength, and there is no suspicion of peripheral neuropathy.
            {Pt} had electrodiagnostic studies previously, and no change in neurologic findings is documented since then.
        """),
        "overturned": _lines("""
            {Pt} reports numbness and tingling with positive Tinel's and Phalen's signs, and electrodiagnostic testing is needed to confirm the diagnosis before surgical consideration.
            The examination shows equivocal neurologic findings that could reflect either radiculopathy or a peripheral entrapment, and testing will distinguish the two.
            Symptoms have persisted for more than a month despite conservative care, and no prior electrodiagnostic studies have been performed.
        """),
    },
    "lab_uds": {
        "guide": _lines("""
            {guide} recommend urine drug testing as an option to assess for the use or presence of illegal drugs and to monitor compliance in patients on opioids; frequency depends on the patient's risk of aberrant behavior.
            Patients at low risk of addiction or aberrant behavior should be tested within six months of starting therapy and yearly thereafter.
        """),
        "upheld": _lines("""
            {Pt} is not currently prescribed opioids, so there is no indication for monitoring drug testing.
            Urine drug screens were performed several times in the last year, all consistent, and {pt} is documented as low risk; more frequent testing is not supported.
            The records do not explain the clinical purpose of the testing or how the results would alter treatment.
        """),
        "overturned": _lines("""
            {Pt} is on chronic opioid therapy and no drug screen has been performed in the last year, so testing is consistent with the guidelines.
            The prescriber documents early refill requests, which place {pt} at higher risk and justify more frequent testing.
            Laboratory monitoring is indicated because {pt} has taken NSAIDs daily for {months} months and no renal or hepatic tests are on file.
        """),
    },
    "experimental": {
        "guide": _lines("""
            {guide} do not recommend {svc}, citing insufficient high-quality evidence of benefit for this condition.
            The available studies of {svc} are small or poorly controlled, and the treatment is still considered under study.
        """),
        "upheld": _lines("""
            The records do not identify any exceptional circumstance that would justify a treatment the guidelines do not recommend.
            No published evidence was submitted showing benefit of {svc} for {dx}.
            {Pt} has not exhausted recommended conservative options, and the requested treatment lacks support in the guidelines.
        """),
        "overturned": _lines("""
            {Pt} has failed all recommended conservative measures over {years} years, and the treating physician submitted studies supporting {svc} for this specific condition.
            The guidelines allow this treatment in limited circumstances, which the records document in detail.
        """),
    },
    "esi": {
        "guide": _lines("""
            {guide} recommend epidural steroid injections as an option for the treatment of radicular pain, defined as pain in a dermatomal distribution with corroborative findings of radiculopathy on examination and imaging or electrodiagnostic testing.
            Radiculopathy must be documented by physical examination and corroborated by imaging studies and/or electrodiagnostic testing, and the patient must be initially unresponsive to conservative treatment.
            Repeat blocks should be based on continued objective documented pain and functional improvement, including at least 50% pain relief with reduced medication use for six to eight weeks.
        """),
        "upheld": _lines("""
            The {seen} examination does not document radicular findings: straight leg raise is negative, sensation is intact and reflexes are symmetric.
            Imaging shows degenerative changes without nerve root compression at the requested level, so radiculopathy is not corroborated.
            {Pt} had {prior} prior epidural injections, and the records do not document at least 50% relief lasting six to eight weeks or reduced medication use.
            There is no documentation that {pt} has participated in an active rehabilitation program, which should accompany any injection.
        """),
        "overturned": _lines("""
            The examination shows a positive straight leg raise, decreased sensation in the L5 dermatome and a diminished reflex, corroborated by MRI findings of nerve root compression.
            After the prior injection, {pt} reported more than 60% pain relief for three months with reduced medication use and improved walking tolerance.
            {Pt} has failed more than six weeks of conservative care including therapy and medications, and the injection will support participation in an active exercise program.
        """),
    },
    "facet": {
        "guide": _lines("""
            {guide} note that invasive techniques such as facet joint injections are of questionable merit, while the criteria for diagnostic blocks limit them to patients with non-radicular facet-mediated pain at no more than two levels.
            Facet neurotomy should be performed only after a successful diagnostic medial branch block with at least 70% pain relief, and repeat neurotomy requires documented relief of at least 50% for twelve weeks or more.
        """),
        "upheld": _lines("""
            The records document radicular symptoms, which are an exclusion for facet joint procedures.
            The request involves more than two levels, which the guidelines do not support.
            There is no documentation of a prior diagnostic medial branch block with at least 70% relief to justify a neurotomy.
            The examination does not document facet-mediated pain such as paravertebral tenderness over the facets with pain on extension and rotation.
        """),
        "overturned": _lines("""
            {Pt} has axial pain without radicular findings, with tenderness over the facet joints and pain on extension and rotation, and conservative care has failed.
            The diagnostic medial branch blocks provided more than 80% relief for the duration of the anesthetic, meeting the criteria for neurotomy.
            The request is limited to two levels, and the procedure will be followed by an active home exercise program.
        """),
    },
    "trigger_point": {
        "guide": _lines("""
            {guide} recommend trigger point injections only for myofascial pain syndrome with documented trigger points showing a twitch response and referred pain, symptoms persisting more than three months, and failure of medical management.
            Repeat injections are not recommended unless more than 50% pain relief is obtained for six weeks with documented functional improvement.
        """),
        "upheld": _lines("""
            The examination describes diffuse tenderness of the {region} but no circumscribed trigger points with a twitch response and referred pain.
            {Pt} has radicular findings, and trigger point injections are not recommended when radiculopathy is present.
            After {prior} prior injections, the records do not document 50% relief for six weeks or functional improvement.
        """),
        "overturned": _lines("""
            The examination documents discrete trigger points in the {region} musculature with a twitch response and referred pain, and symptoms have persisted more than three months.
            The prior injection produced more than 50% relief for two months with improved function, meeting the criteria for repeat injections.
        """),
    },
    "joint_injection": {
        "guide": _lines("""
            {guide} support intra-articular corticosteroid injections for short-term relief when conservative treatment, including exercise and NSAIDs, has failed over several weeks.
            Hyaluronic acid injections are recommended as an option for severe osteoarthritis in patients who have not responded to conservative treatment and are not candidates for knee replacement.
        """),
        "upheld": _lines("""
            The records do not document failure of conservative care; {pt} has not completed therapy or a trial of NSAIDs directed at the {region}.
            {Pt} received {prior} injections to the {region} already, and the records do not document significant or lasting relief from them.
            Imaging does not show the degree of osteoarthritis for which this injection is recommended.
        """),
        "overturned": _lines("""
            {Pt} has documented osteoarthritis of the {region} with pain and loss of function despite more than three months of therapy, NSAIDs and activity modification.
            The prior injection provided relief for more than three months, allowing {pt} to continue working, which supports a repeat injection.
            The examination documents findings consistent with {dx} and conservative care has failed, so a single injection is appropriate.
        """),
    },
    "surgery": {
        "guide": _lines("""
            {guide} recommend surgical consultation and intervention for patients with severe, persistent limitation of activity, clear clinical and imaging evidence of a lesion shown to benefit from surgical repair, and failure of conservative care.
            Surgery is recommended only when the clinical findings, imaging and response to conservative treatment agree on a specific surgically correctable lesion.
            Guidelines require a psychological screening and documentation of at least three to six months of conservative care before elective spine or joint surgery.
        """),
        "upheld": _lines("""
            The imaging does not show a lesion that corresponds to the reported symptoms or examination findings of the {region}.
            The records do not document failure of at least three to six months of conservative care, including therapy and injections.
            No psychological screening has been performed, and the records note significant depressive symptoms that may affect the surgical outcome.
            There is no documented instability, progressive neurologic deficit or red flag that would warrant surgery.
            The clinical examination on {seen} shows full strength and intact sensation, and pain is the primary complaint.
        """),
        "overturned": _lines("""
            The MRI shows a lesion that correlates with the examination findings, and {pt} has failed more than six months of conservative care, including therapy, medications and injections.
            The records document progressive weakness and functional loss of the {region}, and the surgical procedure is appropriate for this lesion.
            {Pt} completed a psychological screening with no contraindication to surgery, and the treating surgeon describes a clear surgical plan.
            Electrodiagnostic studies and provocative tests confirm the diagnosis, and symptoms persisted despite splinting, injection and therapy.
        """),
    },
    "scs": {
        "guide": _lines("""
            {guide} recommend a spinal cord stimulator trial only for selected patients when less invasive procedures have failed, for failed back surgery syndrome or complex regional pain syndrome, after a psychological evaluation.
        """),
        "upheld": _lines("""
            {Pt} has not had back surgery and has no diagnosis of complex regional pain syndrome, which are the recommended indications.
            A psychological clearance for the trial has not been documented.
        """),
        "overturned": _lines("""
            {Pt} has failed back surgery syndrome with persistent radicular pain despite surgery, injections and medications, and psychological clearance was obtained.
        """),
    },
    "electrotherapy": {
        "guide": _lines("""
            {guide} do not recommend TENS as a primary treatment modality, but a one-month home-based trial may be considered as an adjunct to a program of evidence-based functional restoration for neuropathic pain, CRPS, phantom limb pain or spasticity.
            Interferential current stimulation is not recommended as an isolated intervention, and H-wave stimulation is considered only after a failed TENS trial and as an adjunct to functional restoration.
            Documentation of a one-month trial with pain relief and function, other ongoing pain treatment, and short and long-term goals is required before purchase.
        """),
        "upheld": _lines("""
            The records do not document a one-month trial with outcomes for pain relief and function before purchase of the unit.
            {Pt} does not have one of the recommended diagnoses and is not participating in a functional restoration program.
            There is no treatment plan with short and long-term goals for the use of the device.
        """),
        "overturned": _lines("""
            The records document a successful one-month trial with reduced pain, less medication use and improved sleep, and {pt} continues a home exercise program.
            {Pt} has neuropathic pain, and the unit will be used as an adjunct to an active restoration program, with goals recorded by the prescriber.
        """),
    },
    "dme": {
        "guide": _lines("""
            {guide} recommend durable equipment only when it serves a medical purpose, is generally not useful in the absence of illness or injury, and is appropriate for use in the home.
            Bracing and supports have not been shown to have lasting benefit beyond the acute phase of symptom relief, and continuous-flow cryotherapy is recommended only for up to seven days after surgery.
        """),
        "upheld": _lines("""
            {Pt} is well beyond the acute phase of the injury, and the records do not explain the medical purpose of the requested equipment.
            There is no recent or planned surgery that would support postoperative equipment, and the requested duration exceeds the recommended seven days.
            The records do not document instability or another specific indication for the device.
        """),
        "overturned": _lines("""
            {Pt} is scheduled for surgery of the {region}, and the equipment is requested for the recommended postoperative period.
            The records document instability of the {region} on examination, for which a supportive device is appropriate.
        """),
    },
    "consult": {
        "guide": _lines("""
            {guide} state that a health practitioner may refer to other specialists if a diagnosis is uncertain or extremely complex, when psychosocial factors are present, or when the plan or course of care may benefit from additional expertise.
            A consultation is meant to aid in diagnosis, prognosis or therapeutic management, and the request should state the question to be answered.
        """),
        "upheld": _lines("""
            The records do not state what question the consultation is meant to answer or how it would change management.
            {Pt} has already been evaluated by a specialist for this condition, and no new findings are documented.
            The treating physician is already managing the condition, and the condition has been stable for months.
        """),
        "overturned": _lines("""
            {Pt} remains symptomatic {years} years after the injury despite extensive conservative care, and the plan may benefit from specialist expertise.
            The imaging shows findings that may be amenable to intervention, and the consultation will determine whether {pt} is a candidate.
        """),
    },
    "psych": {
        "guide": _lines("""
            {guide} recommend behavioral interventions for chronic pain, with an initial trial of 3-4 psychotherapy visits over two weeks and, with evidence of objective functional improvement, up to 6-10 visits over 5-6 weeks.
            For depression, {guide} allow up to 13-20 visits of cognitive behavioral therapy if progress is being made, with documented symptom improvement.
            Psychological evaluations are recommended for chronic pain problems and for patients whose delayed recovery suggests psychosocial factors.
        """),
        "upheld": _lines("""
            {Pt} has already attended at least {prior} psychotherapy sessions, and the records do not document objective improvement such as reduced depression scores or improved function.
            The request for {n} sessions exceeds the initial trial the guidelines recommend.
            The records do not include a psychological evaluation or a treatment plan with measurable goals.
        """),
        "overturned": _lines("""
            The records document depressive symptoms with a Beck Depression Inventory score in the moderate range, and {pt} has not yet received psychological treatment.
            After the initial sessions, {pt}'s depression and anxiety scores improved and {he} resumed household activities, satisfying the requirement for continued therapy.
            {Pt} shows psychosocial factors delaying recovery, and a psychological evaluation is the recommended next step.
            The request falls within the 13-20 visits recommended for depression when progress is documented.
        """),
    },
    "home_health": {
        "guide": _lines("""
            {guide} recommend home health services only for otherwise recommended medical treatment for patients who are homebound, on a part-time or intermittent basis, generally up to no more than 35 hours per week; medical treatment does not include homemaker services or personal care.
        """),
        "upheld": _lines("""
            The records do not document that {pt} is homebound, and {he} attends office visits independently.
            The services requested are homemaker services such as cleaning, shopping and cooking, which are not medical treatment.
            No skilled medical need that must be met in the home is identified.
        """),
        "overturned": _lines("""
            {Pt} is homebound after surgery, and the request is for skilled nursing care on an intermittent basis for wound care and medication management.
            The requested hours are within the 35 hours per week limit and are tied to a specific medical need.
        """),
    },
    "program": {
        "guide": _lines("""
            {guide} recommend functional restoration programs for patients with chronic disabling pain who have lost the ability to function independently, when previous methods have been unsuccessful, no surgery is planned, and the patient is motivated to change.
            Treatment is not suggested for longer than two weeks without evidence of demonstrated efficacy by subjective and objective gains, and total treatment should generally not exceed 20 full-day sessions.
            Work hardening requires a defined return-to-work goal agreed to by the employer and employee, and completion within two years of the injury.
        """),
        "upheld": _lines("""
            The records do not include an adequate baseline functional evaluation or identify negative predictors of success such as a long period off work.
            {Pt} has been off work for {years} years and has not expressed motivation to return to work, a negative predictor of success.
            Surgery is being considered, so {pt} is not yet a candidate for a restoration program.
            The request exceeds the two weeks of treatment allowed before objective gains must be demonstrated.
        """),
        "overturned": _lines("""
            A multidisciplinary evaluation found {pt} motivated to return to work, with no surgery planned and all conservative options exhausted.
            After the first two weeks of the program, the records document improved lifting tolerance, walking distance and reduced medication use, justifying continuation.
        """),
    },
    "other": {
        "guide": _lines("""
            {guide} do not recommend {svc} as a medical treatment unless a documented home exercise program with periodic assessment has failed and there is a need for equipment.
            {guide} support {svc} only when a specific medical need is documented and no other option meets it.
        """),
        "upheld": _lines("""
            The records do not show that a home exercise program has failed, and there is no plan for monitoring or outcome measurement.
            The request does not address a specific medical need documented in the records.
            {Pt} attends appointments independently and has no documented impairment that prevents {him} from doing so.
        """),
        "overturned": _lines("""
            {Pt} cannot drive while recovering from surgery of the {region} and has no other means of reaching treatment, which the guidelines support.
            The treating physician documents a specific medical need for {svc} and a plan to measure outcomes.
        """),
    },
}

FALLBACK: dict[str, str] = {
    "office_visit": "consult",
    "aquatic": "pt",
    "massage": "pt",
    "lab_genetic": "experimental",
    "scs": "surgery",
}

HISTORY: tuple[str, ...] = _lines("""
    {Pt} is a {age}-year-old {sex} who was injured on {inj} and is being treated for {dx}.
    This {age}-year-old {sex} has ongoing complaints involving the {region} since the industrial injury of {inj}.
    According to the records, {pt} has been treated for {dx} for about {years} years.
    The progress report dated {seen} documents continued {region} pain rated {vas1}/10.
    The most recent clinical note, dated {seen}, describes {dx} with persistent symptoms.
    The treating physician's request for {svc} was submitted after the {seen} evaluation.
""")

GENERIC: dict[str, tuple[str, ...]] = {
    "upheld": _lines("""
        The documentation submitted does not establish the medical necessity of the request.
        Guideline criteria for this request have not been met on the basis of the records provided.
        Without objective measures of benefit, continuation cannot be supported.
        The treating physician did not address the reasons given in the prior utilization review.
        The records lack the specific clinical findings that the guidelines require for this treatment.
        There is no indication that alternatives recommended by the guidelines have been tried.
    """),
    "overturned": _lines("""
        The documentation provided meets the guideline criteria for this request.
        The treating physician has clearly described the indication, the expected benefit and how the result will be measured.
        The request is consistent with the recommended frequency and duration.
        The records address the concerns raised in the prior utilization review.
        Objective findings in the record support the request.
    """),
    "partially overturned": _lines("""
        Part of the request is supported, but the full quantity exceeds guideline recommendations.
        A shorter course is consistent with the guidelines and allows reassessment of benefit before further treatment.
    """),
}

CONCLUSION: dict[str, tuple[str, ...]] = {
    "upheld": _lines("""
        Therefore, the request for {svc} is not medically necessary.
        As such, the requested {svc} is not medically necessary and appropriate.
        Based on the clinical information received and {guide}, the request is non-certified.
        The medical necessity of {svc} has not been established, and the request is not medically necessary.
        Consequently, the request is not supported by the guidelines and is not medically necessary.
    """),
    "overturned": _lines("""
        Therefore, the request for {svc} is medically necessary.
        As such, the requested {svc} is medically necessary and appropriate.
        Based on the clinical information received and {guide}, the request is certified.
        The medical necessity of {svc} has been established.
    """),
    "partially overturned": _lines("""
        Therefore, the request for {svc} is partially medically necessary; a reduced quantity is certified.
        The request is modified to a shorter course and, as modified, is medically necessary.
    """),
}
