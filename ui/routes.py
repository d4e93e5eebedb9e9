"""The app's pages: files under ui/app_pages/ (paths relative to ui/app.py) and their URLs.

URL parameters are part of the contract: a search is `/?q=...&outcome=...`, a decision
`/decision?decision=<id>` (or a case number: `/decision?decision=CM13-0012345`). Links that
carry parameters are plain `<a>` elements to `href()` (a fresh page load): in Streamlit 1.67
st.page_link to the page already shown leaves the old URL in the address bar, and URL-bound
widgets keep their old values (Streamlit issue #14670), so the URL would stop saying what the
page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st

SEARCH = "app_pages/search.py"
DECISION = "app_pages/decision.py"
ANALYTICS = "app_pages/analytics.py"
CYPHER = "app_pages/cypher.py"
INGEST = "app_pages/ingest.py"
ESTIMATE = "app_pages/estimate.py"

DECISION_PARAM = "decision"  # a decision id, or a case id (its first item; all are listed)
CASE_PARAM = "case"  # the same lookup, for links that name a case
# Relative URLs, so the app works under any server.baseUrlPath; the default page is the root.
SEARCH_URL = "./"
DECISION_URL = "decision"
ESTIMATE_URL = "estimate"


def href(url: str, params: Mapping[str, object] | None = None) -> str:
    """`url` with `params` (empty values left out) as its query string."""
    query = urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    return f"{url}?{query}" if query else url


def decision_href(decision_id: str) -> str:
    return href(DECISION_URL, {DECISION_PARAM: decision_id})


def pages() -> list[st.Page]:
    return [
        st.Page(SEARCH, title="Search", icon=":material/search:", url_path="search", default=True),
        st.Page(DECISION, title="Decision", icon=":material/gavel:", url_path="decision"),
        st.Page(ESTIMATE, title="Estimate", icon=":material/balance:", url_path="estimate"),
        st.Page(ANALYTICS, title="Analytics", icon=":material/bar_chart:", url_path="analytics"),
        st.Page(CYPHER, title="Cypher", icon=":material/terminal:", url_path="cypher"),
        st.Page(INGEST, title="Ingest", icon=":material/upload_file:", url_path="ingest"),
    ]
