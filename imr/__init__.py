"""The application shell: settings, the `imr` command line, the local Neo4j server."""
