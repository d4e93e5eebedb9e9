"""From documents to the graph: parse → normalise → typed records → embed → load."""
