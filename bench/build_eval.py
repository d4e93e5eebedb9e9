"""Evaluation sets: one built from a generated corpus's ground truth, one judged by hand.

Generated (`--corpus`). Each query describes a new request as a person would (a short template,
the service as a clinician says it, the body region, and a lay paraphrase of the facts that
drive an upheld or an overturned outcome) — never text copied from a letter. Relevance is the
reasoning the query describes, not the service + region that hybrid's entity list matches on:
a decision of the same service decided the same way (its rationale is drawn from the same
outcome's fact pool, ingest/generate/rationales.py) is graded 2, whatever its body region; one of
another service of the same rationale family decided the same way (another opioid, another PPI)
is graded 1. Same service, opposite outcome: not relevant — its reasoning says the opposite.

Judged (`--judged`, data/sample). JUDGED holds requests written by reading the rationales of
data/sample (not the search ranking): each names the facts of one line of reasoning, the
services or rationale families it is about, and the outcome that reasoning leads to. A decision
of those services is graded 2 when its rationale states one of the facts (the `facts` patterns
are the sentences read), 1 when it was decided the same way for other reasons.

    python -m bench.build_eval --corpus bench-data/corpus-5000-42 --n 200 --out eval.jsonl
    python -m bench.build_eval --corpus ... --relevance service-region --out old.jsonl  # issue 5
    python -m bench.build_eval --judged data/sample --out tests/fixtures/judged-queries.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from ingest.generate.catalogue import SERVICE_BY_NAME

OVERTURNED = ("overturned", "partially overturned")

# (upheld cue, overturned cue) by rationale family, in the words of someone describing a case.
CUES: dict[str, tuple[str, str]] = {
    "opioid": (
        "on it for months, pain unchanged, no drug screens or pain contract",
        "pain drops and can do chores and modified work on a stable dose, screens clean",
    ),
    "nsaid": (
        "long-term use with stomach upset and no lab monitoring",
        "short course for an arthritis flare-up",
    ),
    "muscle_relaxant": (
        "taking it daily for many months, no acute spasm",
        "acute flare of back spasm, short course only",
    ),
    "neuropathic": (
        "no documented benefit from the medication so far",
        "burning radiating nerve pain, the drug clearly helps function",
    ),
    "pt": (
        "already finished many therapy visits without improvement, could do home exercise",
        "first course of therapy after a new injury, getting better",
    ),
    "postop_pt": (
        "more visits than the post-surgical allowance",
        "a few weeks after surgery, within the postsurgical visit allowance",
    ),
    "chiro": ("many prior sessions without lasting benefit", "initial trial, improving"),
    "acupuncture": (
        "many prior sessions without lasting benefit",
        "first trial because pain pills are not tolerated",
    ),
    "imaging": (
        "no red flags or neurological deficit and no surgery planned",
        "progressive numbness and weakness despite conservative care",
    ),
    "electrodiagnostic": (
        "no neurological findings on examination",
        "numbness and tingling with positive exam findings",
    ),
    "esi": (
        "no radiculopathy on exam or imaging, the last injection did not help",
        "radiculopathy confirmed on imaging after failed conservative care",
    ),
    "facet": (
        "radicular symptoms, prior block gave no relief",
        "axial pain without radiculopathy, diagnostic block indicated",
    ),
    "surgery": (
        "imaging does not show a clear lesion and conservative care not tried",
        "failed months of conservative care and imaging confirms the lesion",
    ),
    "dme": ("no documented trial or functional benefit", "helps function after a successful trial"),
    "electrotherapy": (
        "no one-month trial documented",
        "successful one-month trial with less pain and less medication",
    ),
    "psych": (
        "no progress documented after many sessions",
        "depression from chronic pain, improving after the first sessions",
    ),
    "program": (
        "poor candidate with negative predictors of success",
        "motivated, other treatment failed, a good candidate",
    ),
}
GENERIC = (
    "no documented functional improvement, not supported by the guidelines",
    "documented functional improvement, meets the guideline criteria",
)
TEMPLATES = (
    "{age}-year-old {sex} with {where}: request for {svc}; {cue}",
    "Is {svc} medically necessary for {where}? {cue}",
    "{svc} requested for {where} ({cue})",
    "{sex} patient, {where}, asking for {svc} — {cue}",
)


# Requests written by reading data/sample's rationales (see the module doc): the query, the
# outcome its reasoning leads to, the services (or rationale families, "family:<name>") it is
# about, and the facts — patterns of the rationale sentences that state that reasoning.
JUDGED: tuple[dict, ...] = (
    {
        "query": "sleeping pill taken every night for many months though it is meant for weeks",
        "outcome": "upheld",
        "about": ["family:sleep"],
        "facts": [r"nightly for \d+ months, far beyond the short-term course"],
    },
    {
        "query": "another epidural shot although the last ones gave no lasting relief and the "
        "scan shows no pinched nerve",
        "outcome": "upheld",
        "about": ["family:esi"],
        "facts": [r"prior epidural injections, and the records do not document",
                  r"without nerve root compression"],
    },
    {
        "query": "repeat epidural: the previous one halved the pain for three months, nerve "
        "root irritation confirmed on exam and MRI",
        "outcome": "overturned",
        "about": ["family:esi"],
        "facts": [r"After the prior injection, the [\w ]+ reported more than \d+% pain relief",
                  r"positive straight leg raise, decreased sensation"],
    },
    {
        "query": "buying a TENS machine with no one-month home trial on record",
        "outcome": "upheld",
        "about": ["family:electrotherapy"],
        "facts": [r"one-month trial with outcomes for pain relief and function before purchase"],
    },
    {
        "query": "a second MRI although nothing has changed since the first scan",
        "outcome": "upheld",
        "about": ["family:imaging"],
        "facts": [r"already had imaging of the [\w ]+ after the injury, and there is no "
                  r"documented change"],
    },
    {
        "query": "new scan because of new weakness, numbness and radiating pain since the "
        "earlier study",
        "outcome": "overturned",
        "about": ["family:imaging"],
        "facts": [r"significant change in symptoms since the prior study",
                  r"documents new neurologic findings"],
    },
    {
        "query": "muscle relaxer refilled month after month instead of a short course for "
        "spasm",
        "outcome": "upheld",
        "about": ["family:muscle_relaxant"],
        "facts": [r"prescribed continuously for at least \d+ months, well beyond the "
                  r"short-term course"],
    },
    {
        "query": "stomach protection pill although there are no stomach problems and the "
        "anti-inflammatory was stopped",
        "outcome": "upheld",
        "about": ["family:ppi"],
        "facts": [r"no longer taking an NSAID", r"do not document any gastrointestinal risk"],
    },
    {
        "query": "more supervised therapy visits years after the injury when exercises at "
        "home would do",
        "outcome": "upheld",
        "about": ["family:pt"],
        "facts": [r"cannot transition to self-directed exercise",
                  r"can be addressed with a home exercise"],
    },
    {
        "query": "therapy is working: better motion after the first visits and back at "
        "light duty",
        "outcome": "overturned",
        "about": ["family:pt"],
        "facts": [r"measurable gains from the initial sessions",
                  r"Objective functional improvement from the prior course"],
    },
    {
        "query": "narcotic pain pills refilled for months, pain scores the same, weaning "
        "already advised",
        "outcome": "upheld",
        "about": ["family:opioid"],
        "facts": [r"prior utilization review recommended weaning",
                  r"without any quantified improvement in pain scores"],
    },
    {
        "query": "pharmacy-mixed rub-on cream containing gabapentin and a muscle relaxant",
        "outcome": "upheld",
        "about": ["family:topical"],
        "facts": [r"ingredients such as gabapentin and cyclobenzaprine that are not "
                  r"recommended for topical use"],
    },
    {
        "query": "yet another urine test though every screen this year was consistent and "
        "the patient is low risk",
        "outcome": "upheld",
        "about": ["family:lab_uds"],
        "facts": [r"performed several times in the last year, all consistent"],
    },
    {
        "query": "drug test for someone on long-term opioids asking for early refills",
        "outcome": "overturned",
        "about": ["family:lab_uds"],
        "facts": [r"early refill requests", r"no drug screen has been performed in the last"],
    },
    {
        "query": "talk therapy for depression caused by chronic pain, moderate Beck score, "
        "never had psychological care",
        "outcome": "overturned",
        "about": ["family:psych"],
        "facts": [r"Beck Depression Inventory", r"psychosocial factors delaying recovery"],
    },
    {
        "query": "facet injections at three levels for someone with radiating leg pain and no "
        "diagnostic block first",
        "outcome": "upheld",
        "about": ["family:facet"],
        "facts": [r"more than two levels", r"radicular symptoms, which are an exclusion"],
    },
    {
        "query": "nerve pain medicine that clearly works: pain cut by more than half, "
        "sleeping better, radiculopathy shown on EMG",
        "outcome": "overturned",
        "about": ["family:neuropathic"],
        "facts": [r"Electrodiagnostic studies confirmed radiculopathy",
                  r"reduction in radicular pain and improved sleep"],
    },
    {
        "query": "first needle treatment trial because the patient cannot take more pain "
        "pills",
        "outcome": "overturned",
        "about": ["family:acupuncture"],
        "facts": [r"could not tolerate increases in oral medication",
                  r"not previously tried acupuncture"],
    },
    {
        "query": "referral to a pain specialist: still symptomatic years later despite lots "
        "of conservative care",
        "outcome": "overturned",
        "about": ["family:consult"],
        "facts": [r"remains symptomatic \d+ years after the injury despite extensive",
                  r"findings that may be amenable to intervention"],
    },
)  # fmt: skip


def _about(names: list[str]) -> set[str]:
    services: set[str] = set()
    for name in names:
        if name.startswith("family:"):
            family = name.split(":", 1)[1]
            services |= {s for s, entry in SERVICE_BY_NAME.items() if entry.family == family}
        else:
            services.add(name)
    return services


def judge(truth: Path) -> list[dict]:
    """JUDGED with the decision ids of `truth` graded as the module doc says."""
    documents = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    judged = []
    for spec in JUDGED:
        services = _about(spec["about"])
        facts = [re.compile(f) for f in spec["facts"]]
        won = spec["outcome"] in OVERTURNED
        relevant: dict[str, int] = {}
        for doc in documents:
            for number, item in enumerate(doc["items"], 1):
                if item["service"] not in services or (item["outcome"] in OVERTURNED) != won:
                    continue
                states = any(f.search(item["rationale"]) for f in facts)
                relevant[f"{doc['case_id']}:{number}"] = 2 if states else 1
        if not any(grade == 2 for grade in relevant.values()):
            raise ValueError(f"no decision of {truth} states the facts of {spec['query']!r}")
        judged.append({"query": spec["query"], "relevant": relevant, "judgement": spec})
    return judged


RELEVANCE = ("reasoning", "service-region")


def build(truth: Path, n: int, seed: int, relevance: str = "reasoning") -> list[dict]:
    """`n` generated queries; `relevance` "service-region" grades as issue 5 did (every decision
    of the same service and region 1, 2 with the matching outcome), for comparison only."""
    rng = random.Random(seed)
    decisions = []
    for line in truth.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        case_id = doc["case_id"]
        for number, item in enumerate(doc["items"], 1):
            known = SERVICE_BY_NAME.get(item["service"])
            decisions.append(
                {
                    "id": f"{case_id}:{number}",
                    "service": item["service"],
                    "family": known.family if known else None,
                    "region": item["body_region"],
                    "outcome": item["outcome"],
                    "won": item["outcome"] in OVERTURNED,
                    "age": doc["patient"]["age"],
                    "sex": doc["patient"]["sex"],
                }
            )
    by_family: dict[tuple, list[dict]] = defaultdict(list)
    by_place: dict[tuple, list[dict]] = defaultdict(list)
    for decision in decisions:
        if decision["family"]:
            by_family[(decision["family"], decision["won"])].append(decision)
        by_place[(decision["service"], decision["region"])].append(decision)
    candidates = [d for d in decisions if d["service"] in SERVICE_BY_NAME and d["age"]]
    rng.shuffle(candidates)
    queries = []
    seen: set[tuple] = set()
    for target in candidates:
        key = (target["service"], target["region"], target["outcome"])
        if key in seen:
            continue
        seen.add(key)
        service = SERVICE_BY_NAME[target["service"]]
        upheld_cue, overturned_cue = CUES.get(service.family, GENERIC)
        cue = upheld_cue if target["outcome"] == "upheld" else overturned_cue
        where = f"{target['region']} pain" if target["region"] else "chronic pain"
        text = rng.choice(TEMPLATES).format(
            age=target["age"],
            sex=target["sex"] or "injured",
            where=where,
            svc=rng.choice(service.short),
            cue=cue,
        )
        won = target["outcome"] in OVERTURNED
        if relevance == "service-region":
            relevant = {
                d["id"]: (2 if d["won"] == won else 1)
                for d in by_place[(target["service"], target["region"])]
            }
        else:
            relevant = {
                d["id"]: (2 if d["service"] == target["service"] else 1)
                for d in by_family[(service.family, won)]
            }
        queries.append(
            {
                "query": text,
                "relevant": relevant,
                "service": target["service"],
                "region": target["region"],
            }
        )
        if len(queries) == n:
            break
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="a generated corpus: the generated set")
    source.add_argument("--judged", type=Path, help="data/sample: the hand-judged set")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--relevance", choices=RELEVANCE, default="reasoning")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.judged:
        queries = judge(args.judged / "truth.jsonl")
    else:
        queries = build(args.corpus / "truth.jsonl", args.n, args.seed, args.relevance)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(q) + "\n" for q in queries), encoding="utf-8")
    print(f"{len(queries)} queries written to {args.out}")


if __name__ == "__main__":
    main()
