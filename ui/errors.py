"""One place that turns any error into a callout a user can act on; never a traceback.

Domain errors (graph/errors.py) carry messages that say what to do next; they are shown as they
are, with the command to run where one helps. Anything else is logged with its traceback for the
operator and shown as a short generic message.
"""

from __future__ import annotations

import logging

import streamlit as st

from graph.errors import (
    AuthenticationError,
    ConfigurationError,
    DatabaseUnavailableError,
    ImrError,
    InvalidRequestError,
    NotFoundError,
    QueryRejectedError,
    QueryTimeoutError,
    SchemaError,
)
from ui.text import escape_markdown

logger = logging.getLogger(__name__)

START_COMMAND = "imr neo4j start"
SCHEMA_COMMAND = "imr schema apply"


def show_error(error: BaseException) -> None:
    """Draw `error` as a friendly callout (see module doc)."""
    from ui import state  # late: state imports the driver stack

    message = escape_markdown(str(error))
    if isinstance(error, DatabaseUnavailableError):
        state.forget_connection()
        st.error(f"**The database is unavailable.** {message}", icon=":material/cloud_off:")
        st.markdown("Start the local Neo4j server, then reload this page:")
        st.code(START_COMMAND, language="bash")
    elif isinstance(error, AuthenticationError):
        state.forget_connection()
        st.error(f"**Neo4j refused the login.** {message}", icon=":material/lock:")
    elif isinstance(error, ConfigurationError):
        st.error(f"**The configuration is incomplete.** {message}", icon=":material/settings:")
        st.code(START_COMMAND, language="bash")
    elif isinstance(error, SchemaError):
        st.error(f"**The database schema does not fit.** {message}", icon=":material/schema:")
        st.code(SCHEMA_COMMAND, language="bash")
    elif isinstance(error, QueryRejectedError):
        st.error(f"**Refused: the console is read-only.** {message}", icon=":material/block:")
    elif isinstance(error, QueryTimeoutError):
        st.warning(f"**Time limit reached.** {message}", icon=":material/timer_off:")
    elif isinstance(error, NotFoundError):
        st.warning(message, icon=":material/search_off:")
    elif isinstance(error, InvalidRequestError):
        st.warning(message, icon=":material/edit_note:")
    elif isinstance(error, ImrError):
        st.error(message, icon=":material/error:")
    else:
        logger.exception("Unexpected error in the UI", exc_info=error)
        st.error(
            "**Something went wrong** and the page could not be completed. The details are in "
            "the server log; reload the page to try again.",
            icon=":material/error:",
        )
