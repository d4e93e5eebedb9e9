"""A decision's neighbourhood drawn with neo4j-viz (Neo4j's NVL in a Streamlit component).

The component's JavaScript ships inside the neo4j-viz wheel and is sent inline by the Streamlit
server: nothing is fetched from a CDN when the page is viewed, so it works offline.
"""

from __future__ import annotations

from neo4j_viz import Node, Relationship, VisualizationGraph
from neo4j_viz.streamlit import display_widget

from graph.decision import Neighbourhood
from ui.components import OUTCOME_HEX

# One colour per kind of entity; decisions are coloured by outcome instead.
LABEL_COLOURS: dict[str, str] = {
    "Case": "#546e7a",
    "Patient": "#8d6e63",
    "Diagnosis": "#ab47bc",
    "RequestedService": "#1e88e5",
    "ServiceCategory": "#90caf9",
    "Guideline": "#fbc02d",
    "BodyRegion": "#26a69a",
    "ReviewerProfile": "#78909c",
}
LABEL_NAMES: dict[str, str] = {
    "RequestedService": "Service",
    "ServiceCategory": "Category",
    "BodyRegion": "Body region",
    "ReviewerProfile": "Reviewer",
}
EDGE = "#b0bec5"
SIMILAR_EDGE = "#ff7043"  # the search's verdict, not a stored relationship: stands out
# Large enough that NVL draws the captions inside the nodes at the initial zoom.
CENTRE_SIZE = 48
DECISION_SIZE = 36
NODE_SIZE = 30
GRAPH_HEIGHT_PX = 620


def _colour(label: str, outcome: str | None) -> str:
    if label == "Decision":
        return OUTCOME_HEX.get(outcome or "unknown", OUTCOME_HEX["unknown"])
    return LABEL_COLOURS.get(label, "#bdbdbd")


def visualization(hood: Neighbourhood, centre_key: str) -> VisualizationGraph:
    nodes = [
        Node(
            id=node.key,
            caption=node.caption,
            color=_colour(node.label, node.properties.get("outcome")),
            size=CENTRE_SIZE
            if node.key == centre_key
            else DECISION_SIZE
            if node.label == "Decision"
            else NODE_SIZE,
            properties={"kind": LABEL_NAMES.get(node.label, node.label), **node.properties},
        )
        for node in hood.nodes
    ]
    relationships = [
        Relationship(
            id=f"e{index}",
            source=edge.source,
            target=edge.target,
            caption=edge.caption,
            color=SIMILAR_EDGE if edge.type == "SIMILAR_TO" else EDGE,
        )
        for index, edge in enumerate(hood.edges)
    ]
    graph = VisualizationGraph(nodes=nodes, relationships=relationships)
    legend = {LABEL_NAMES.get(k, k): v for k, v in LABEL_COLOURS.items()}
    legend.update({f"Decision: {k}": v for k, v in OUTCOME_HEX.items() if k != "unknown"})
    graph.set_legend(nodes=legend)
    return graph


def draw(hood: Neighbourhood, centre_key: str, *, key: str) -> None:
    widget = visualization(hood, centre_key).render_widget(
        height=f"{GRAPH_HEIGHT_PX}px", theme="light", show_layout_button=True
    )
    display_widget(widget, key=key)
