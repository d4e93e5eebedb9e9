"""Everything that speaks Cypher: schema, queries, search, the read-only console."""
