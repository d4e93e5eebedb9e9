"""Compose a decision rationale from the sentence pools of :mod:`.pools`.

A rationale is: one or two patient-specific history sentences, one or two sentences on what the
guideline says, two to four case facts that drive *this* outcome, a generic sentence and a
conclusion — 150 to 400 words. Because the facts pool differs by outcome, an upheld and an
overturned decision for the same service read differently, which is what semantic search needs.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from ingest.generate.pools import CONCLUSION, FALLBACK, FAMILIES, GENERIC, HISTORY

MIN_WORDS = 150
MAX_WORDS = 400


def pool(family: str, kind: str) -> tuple[str, ...]:
    """Sentences of one kind for a family, borrowed from its fallback family when it has none."""
    own = FAMILIES.get(family, {}).get(kind)
    if own:
        return own
    return FAMILIES[FALLBACK[family]][kind]


def _fill(sentence: str, ctx: Mapping[str, object]) -> str:
    text = sentence.format_map(ctx)
    return text[0].upper() + text[1:]


def compose(
    rng: random.Random,
    family: str,
    outcome: str,
    ctx: Mapping[str, object],
    history: tuple[str, ...] = HISTORY,
) -> str:
    """One rationale paragraph for an item of ``family`` decided ``outcome``; ``history`` holds
    the patient-specific opening sentences."""
    facts_kind = "upheld" if outcome == "upheld" else "overturned"
    guide = pool(family, "guide")
    facts = list(pool(family, facts_kind))
    rng.shuffle(facts)
    generic = GENERIC[outcome]
    first_generic = rng.randrange(len(generic))

    opening = [rng.choice(guide)] if rng.random() < 0.6 or len(guide) == 1 else rng.sample(guide, 2)
    intro = rng.sample(history, 2) if rng.random() < 0.3 else [rng.choice(history)]
    body = facts[: rng.randint(2, 4)]
    spare = facts[len(body) :] + [s for s in guide if s not in opening]
    spare += [s for i, s in enumerate(generic) if i != first_generic]
    # Reviewers open either with the history or with the guideline; both orders occur.
    head = intro + opening if rng.random() < 0.7 else opening + intro
    tail = [_fill(generic[first_generic], ctx), _fill(rng.choice(CONCLUSION[outcome]), ctx)]

    sentences = [_fill(s, ctx) for s in head + body]
    words = sum(s.count(" ") + 1 for s in sentences + tail)
    target = rng.randint(MIN_WORDS, 320)
    for extra in spare:
        if words >= target:
            break
        sentence = _fill(extra, ctx)
        sentences.append(sentence)
        words += sentence.count(" ") + 1
    while words > MAX_WORDS and len(sentences) > 2:
        words -= sentences.pop().count(" ") + 1
    return " ".join(sentences + tail)
