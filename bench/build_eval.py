"""Build an evaluation set from a generated corpus's ground truth.

Each query describes a new request as a person would (a short template, the service as a
clinician says it, the body region, and a lay paraphrase of the facts that drive an upheld or an
overturned outcome) — never text copied from a letter. Relevance: every decision with the same
canonical service and body region is relevant (grade 1); those whose outcome also matches the
reasoning the query describes are graded 2.

    python -m bench.build_eval --corpus bench-data/corpus-5000-42 --n 200 --out eval.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from ingest.generate.catalogue import SERVICE_BY_NAME

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


def build(truth: Path, n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    decisions = []
    for line in truth.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        case_id = doc["case_id"]
        for number, item in enumerate(doc["items"], 1):
            decisions.append(
                {
                    "id": f"{case_id}:{number}",
                    "service": item["service"],
                    "region": item["body_region"],
                    "outcome": item["outcome"],
                    "age": doc["patient"]["age"],
                    "sex": doc["patient"]["sex"],
                }
            )
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for decision in decisions:
        by_key[(decision["service"], decision["region"])].append(decision)
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
        relevant = {
            d["id"]: (2 if d["outcome"] == target["outcome"] else 1)
            for d in by_key[(target["service"], target["region"])]
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
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    queries = build(args.corpus / "truth.jsonl", args.n, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(q) + "\n" for q in queries), encoding="utf-8")
    print(f"{len(queries)} queries written to {args.out}")


if __name__ == "__main__":
    main()
