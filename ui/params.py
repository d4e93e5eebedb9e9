"""The console's parameter box: read by graph.console.parse_parameters, as `imr cypher --param`."""

from __future__ import annotations

import json
from typing import Any

from graph.console import parse_parameters

parse_params = parse_parameters


def format_params(params: dict[str, Any]) -> str:
    """The inverse, for filling the box from an example."""
    return "\n".join(f"{name}={json.dumps(value)}" for name, value in params.items())
