"""The IMR Precedent Graph app: `imr ui`, or `streamlit run ui/app.py` from the project root.

The entry point only sets the page up, checks that the graph can be reached and runs the chosen
page (ui/app_pages/); every error a page raises ends here as a friendly callout (ui/errors.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run ui/app.py` puts ui/ on sys.path, not the project root that holds the packages.
PROJECT_ROOT = Path(__file__).resolve().parents[1]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

import streamlit as st  # noqa: E402

from ui import routes, state  # noqa: E402
from ui.errors import show_error  # noqa: E402

st.set_page_config(
    page_title="IMR Precedent Graph",
    page_icon=":material/account_tree:",
    layout="wide",
)
page = st.navigation(routes.pages())
try:
    state.services()  # the one connection check: every page needs the graph
    page.run()
except Exception as error:  # Streamlit's own stop/rerun signals are BaseExceptions, not caught
    show_error(error)
with st.sidebar:  # last, below the page's own sidebar widgets
    st.caption("IMR Precedent Graph · California Independent Medical Review determinations")
