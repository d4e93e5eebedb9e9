"""The console's parameter box: a JSON object, or `name=value` lines (value read as JSON when it
parses: numbers, lists, quoted strings, true/false/null; else as text), as `imr cypher --param`
reads them."""

from __future__ import annotations

import json
from typing import Any

from graph.errors import InvalidRequestError


def parse_params(text: str) -> dict[str, Any]:
    text = text.strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidRequestError(f"the parameters are not valid JSON: {error}") from error
        if not isinstance(value, dict):
            raise InvalidRequestError("the parameters must be a JSON object")
        return value
    params: dict[str, Any] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, raw = line.partition("=")
        name = name.strip().removeprefix("$")
        if not sep or not name.isidentifier():
            raise InvalidRequestError(f"parameter line {number}: expected name=value, got {line!r}")
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw.strip()
    return params


def format_params(params: dict[str, Any]) -> str:
    """The inverse, for filling the box from an example."""
    return "\n".join(f"{name}={json.dumps(value)}" for name, value in params.items())
