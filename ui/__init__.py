"""The Streamlit precedent-search app; it calls graph/ only."""
