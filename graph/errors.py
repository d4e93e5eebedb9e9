"""One error tree for the whole application.

    ImrError
    ├── ConfigurationError        bad or missing settings, no suitable Java/Maven   (CLI exit 2)
    ├── DatabaseUnavailableError  Neo4j cannot be reached at the configured URI     (CLI exit 2)
    ├── AuthenticationError       Neo4j refused the configured credentials          (CLI exit 2)
    ├── SchemaError               the database schema does not fit the configuration
    ├── InvalidRequestError       a search or console request failed validation     (CLI exit 2)
    ├── QueryRejectedError        the read-only console refused a query
    ├── QueryTimeoutError         a query ran past its time limit
    └── NotFoundError             a decision or case id that is not in the graph

Driver exceptions are translated at the boundary with ``raise ... from e`` so callers (CLI, UI)
only ever catch ``ImrError``. Every message says what to do next.
"""

from __future__ import annotations


class ImrError(Exception):
    """Root of every error this application raises on purpose."""


class ConfigurationError(ImrError):
    pass


class DatabaseUnavailableError(ImrError):
    pass


class AuthenticationError(ImrError):
    pass


class SchemaError(ImrError):
    pass


class InvalidRequestError(ImrError):
    pass


class QueryRejectedError(ImrError):
    pass


class QueryTimeoutError(ImrError):
    pass


class NotFoundError(ImrError):
    pass
