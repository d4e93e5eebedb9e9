"""One module per `imr` subcommand; each exposes a click command."""
