"""Drawing blocks shared by the pages: outcome badges, result cards, precedent stats, CSV export,
and the nearest upheld vs overturned panel (search page and decision page alike).

Everything from a letter goes through ui/text.py before it reaches st.markdown.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from graph.analytics import spreadsheet_safe
from graph.contrast import KEY_DIFFERENCES, AlignedSentence, Contrast
from graph.search import Citation, OutcomeCounts, PrecedentStats, SearchHit
from ui import routes
from ui.text import escape_markdown, highlighted, one_line

# Upheld = the denial stands (red); overturned = the treatment is approved (green).
OUTCOME_COLOURS: dict[str, str] = {
    "upheld": "red",
    "overturned": "green",
    "partially overturned": "orange",
}
OUTCOME_HEX: dict[str, str] = {
    "upheld": "#c62828",
    "overturned": "#2e7d32",
    "partially overturned": "#ef6c00",
    "unknown": "#9e9e9e",
}
OUTCOME_MEANING: dict[str, str] = {
    "upheld": "denial upheld: not medically necessary",
    "overturned": "denial overturned: medically necessary",
    "partially overturned": "partly overturned",
}
SOURCE_LABELS: dict[str, str] = {"dwc": "DWC workers' comp", "dmhc": "DMHC health plan"}
SHARED_LABELS: dict[str, str] = {
    "service": "same service",
    "category": "same category",
    "region": "same body region",
    "diagnosis": "shared diagnosis",
    "guideline": "same guideline",
}


def outcome_badge(outcome: str | None) -> str:
    """Inline Markdown for an outcome badge, e.g. `:green-badge[Overturned]`."""
    name = outcome or "unknown"
    colour = OUTCOME_COLOURS.get(name, "gray")
    return f":{colour}-badge[{escape_markdown(name.capitalize(), keep_code=False)}]"


def outcome_scale() -> alt.Scale:
    """The same outcome colours in every chart."""
    return alt.Scale(domain=list(OUTCOME_HEX), range=list(OUTCOME_HEX.values()))


def citation_text(citation: Citation, *, with_source: bool = True) -> str:
    pages = f", p. {citation.pages}" if citation.pages else ""
    by = f" ({citation.cited_by})" if with_source and citation.cited_by else ""
    return f"{citation.name}{pages}{by}"


def shared_chips(shared: dict[str, list[str]]) -> str:
    """'Why it matched' as Markdown badges: one per shared entity."""
    chips = [
        f":violet-badge[{escape_markdown(SHARED_LABELS.get(kind, kind), keep_code=False)}: "
        f"{escape_markdown(value, keep_code=False)}]"
        for kind, values in shared.items()
        for value in values
    ]
    return " ".join(chips)


def score_text(hit: SearchHit) -> str:
    """The score and the components it was fused from, in words."""
    parts = hit.components
    pieces = []
    if parts.semantic is not None:
        pieces.append(f"meaning #{parts.semantic_rank} (cosine {parts.semantic:.2f})")
    if parts.lexical is not None:
        pieces.append(f"words #{parts.lexical_rank} (BM25 {parts.lexical:.2f})")
    if parts.graph is not None:
        pieces.append(f"graph #{parts.graph_rank} (shared-entity weight {parts.graph:g})")
    if not pieces:
        return "matched the filters (newest first)"
    return f"score {hit.score:.4g} · " + " + ".join(pieces)


def anchor(label: str, url: str) -> str:
    """An HTML link within the app (see ui/routes.py for why not st.page_link)."""
    return f'<a href="{html.escape(url)}" target="_self">{html.escape(label)}</a>'


def link(label: str, url: str, *, container: DeltaGenerator | None = None) -> None:
    # The only HTML the app writes: escaped label and URL. (A Markdown link opens a new tab.)
    (container or st).markdown(anchor(label, url), unsafe_allow_html=True)


def decision_link(decision_id: str) -> None:
    link("Open decision →", routes.decision_href(decision_id))


def hit_card(hit: SearchHit, *, compact: bool = False) -> None:
    """One precedent: request, outcome, date, highlighted rationale, why it matched, link.
    Compact cards (side-by-side columns) put the link last and leave out guidelines and score."""
    with st.container(border=True):
        if compact:
            head = st.container()
        else:
            head, link_column = st.columns([0.8, 0.2], vertical_alignment="top")
            with link_column:
                decision_link(hit.decision_id)
        title = escape_markdown(one_line(hit.item_text or hit.service, 140), keep_code=False)
        when = hit.decision_date or "no date"
        head.markdown(f"**{title}**  \n{outcome_badge(hit.outcome)} · {when}")
        facts = [hit.service, hit.category, hit.body_region, SOURCE_LABELS.get(hit.source_kind)]
        head.caption(" · ".join(escape_markdown(f, keep_code=False) for f in facts if f))
        st.markdown(highlighted(hit.snippet_highlighted or hit.snippet))
        if hit.shared:
            st.markdown("Why it matched: " + shared_chips(hit.shared))
        if compact:
            decision_link(hit.decision_id)
            return
        reviewer = [c for c in hit.citations if c.cited_by == "reviewer"] or hit.citations
        if reviewer:
            cited = "; ".join(citation_text(c, with_source=False) for c in reviewer[:3])
            st.caption("Guidelines: " + escape_markdown(cited, keep_code=False))
        st.caption(escape_markdown(f"{score_text(hit)} · case {hit.case_id}", keep_code=False))


def stats_panel(stats: PrecedentStats, service_outcomes: Sequence[OutcomeCounts] = ()) -> None:
    """What a user reads first: how these precedents came out and what they relied on. Rates
    are per source (DWC and DMHC are different systems); `service_outcomes` adds the recognised
    service's rate over every decision, not only these."""
    if not stats.total:
        return
    left, right = st.columns([0.45, 0.55], gap="large")
    with left:
        rates = stats.source_rates()
        st.markdown(
            f"**Outcomes of these {stats.total} precedents**  \n"
            + " · ".join(
                f"{SOURCE_LABELS.get(source, source)}: {sum(stats.sources[source].values())}"
                + (f", {rate:.0%} overturned" if rate is not None else "")
                for source, rate in rates.items()
            )
        )
        for row in service_outcomes:
            if row.overturn_rate is not None:
                st.caption(
                    escape_markdown(
                        f"Every {row.service} decision, "
                        f"{SOURCE_LABELS.get(row.source_kind, row.source_kind)}: "
                        f"{row.overturn_rate:.0%} overturned of {row.total}",
                        keep_code=False,
                    )
                )
        frame = pd.DataFrame(
            {"outcome": list(stats.outcomes), "decisions": list(stats.outcomes.values())}
        )
        st.altair_chart(
            outcome_bars(frame, "outcome"), width="stretch", height=30 * len(frame) + 60
        )
    with right:
        st.markdown("**Most-cited guidelines** (pages as cited)")
        if not stats.guidelines:
            st.caption("No guideline citations in these decisions.")
        lines = [
            f"{index}. {escape_markdown(g['name'], keep_code=False)}"
            + (f" · p. {escape_markdown(str(g['pages']), keep_code=False)}" if g["pages"] else "")
            + f" — **{g['count']}**×"
            for index, g in enumerate(stats.guidelines[:6], 1)
        ]
        st.markdown("\n".join(lines))


def outcome_bars(frame: pd.DataFrame, field: str) -> alt.LayerChart:
    """Horizontal bars of decisions per outcome, labelled with their counts."""
    base = alt.Chart(frame).encode(
        y=alt.Y(
            f"{field}:N", title=None, sort=list(OUTCOME_HEX), axis=alt.Axis(labelOverlap=False)
        ),
        x=alt.X("decisions:Q", title="decisions", axis=alt.Axis(tickMinStep=1, format="d")),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(f"{field}:N", scale=outcome_scale(), legend=None),
        tooltip=[f"{field}:N", "decisions:Q"],
    )
    labels = base.mark_text(align="left", dx=4).encode(text="decisions:Q")
    return bars + labels


def empty_graph_notice() -> None:
    st.info(
        "The graph holds no decisions yet. Ingest the sample corpus from a terminal, or upload "
        "letters on the Ingest page.",
        icon=":material/inbox:",
    )
    st.code("imr ingest data/sample", language="bash")
    st.page_link(routes.INGEST, label="Upload letters", icon=":material/upload_file:")


def hits_frame(hits: Sequence[SearchHit]) -> pd.DataFrame:
    """One row per hit, for the CSV export."""
    rows = [
        {
            "rank": rank,
            "decision_id": hit.decision_id,
            "case_id": hit.case_id,
            "decision_date": hit.decision_date,
            "source": hit.source_kind,
            "request": hit.item_text,
            "service": hit.service,
            "category": hit.category,
            "body_region": hit.body_region,
            "outcome": hit.outcome,
            "diagnoses": "; ".join(hit.diagnoses),
            "guidelines": "; ".join(citation_text(c) for c in hit.citations),
            "reviewer_specialty": hit.reviewer_specialty,
            "patient_age": hit.patient_age if hit.patient_age is not None else hit.age_range,
            "patient_sex": hit.patient_sex,
            "score": hit.score,
            "why": "; ".join(f"{k}: {', '.join(v)}" for k, v in hit.shared.items()),
            "rationale": hit.rationale,
        }
        for rank, hit in enumerate(hits, 1)
    ]
    return pd.DataFrame(rows)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that a spreadsheet opens as text: cells that look like formulas get a leading '."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_safe)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def marked_sentences(sentences: Sequence[AlignedSentence]) -> str:
    """A rationale as Markdown: its key differences bold on orange, the other sentences that
    differ from the other rationale in grey, the rest plain (most sentences differ somewhat, so
    only the key ones stand out)."""

    def marked(sentence: AlignedSentence) -> str:
        text = escape_markdown(sentence.text, keep_code=False)
        if sentence.key:
            return f":orange-background[**{text}**]"
        return f":gray[{text}]" if sentence.differs else text

    return " ".join(marked(s) for s in sentences)


def contrast_panel(contrast: Contrast) -> list[str]:
    """Nearest upheld | nearest overturned, then the best pair's rationales with the sentences
    that differ highlighted; the ids of the decisions shown."""
    shown: list[str] = []
    columns = st.columns(2, gap="medium")
    for column, outcome in zip(columns, ("upheld", "overturned"), strict=True):
        with column:
            st.markdown(f"**Nearest {outcome_badge(outcome)}**")
            hits = contrast.hits(outcome)
            if not hits:
                st.caption(f"No {outcome} decision is close to this one.")
            for hit in hits:
                hit_card(hit, compact=True)
                shown.append(hit.decision_id)
    if contrast.notes:
        st.caption(escape_markdown(" · ".join(contrast.notes), keep_code=False))
    if contrast.best_pair is None:
        return shown
    differing = contrast.differing_sentences
    key = contrast.key_sentences
    st.markdown(
        "**Where the reasoning differs** — the nearest of each outcome, sentence by sentence: "
        ":orange-background[**highlighted**] sentences are the key differences (at most "
        f"{KEY_DIFFERENCES} a side: the opposite verdict on the same point, or the least like "
        "anything in the other rationale); :gray[grey] ones also have no close counterpart "
        f"or say the opposite ({len(differing['upheld'])} of "
        f"{len(contrast.upheld_sentences)} upheld, {len(differing['overturned'])} of "
        f"{len(contrast.overturned_sentences)} overturned). Key: {len(key['upheld'])} upheld, "
        f"{len(key['overturned'])} overturned."
    )
    for column, outcome, sentences in zip(
        st.columns(2, gap="medium"),
        ("upheld", "overturned"),
        (contrast.upheld_sentences, contrast.overturned_sentences),
        strict=True,
    ):
        with column, st.container(border=True):
            st.caption(f"Rationale of the nearest {outcome} decision")
            st.markdown(marked_sentences(sentences))
    return shown
