"""One module per letter layout; each exposes ``parse(text, source) -> ParsedDocument``."""
