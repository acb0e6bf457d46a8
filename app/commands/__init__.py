"""The CLI subcommands: thin argparse faces over app.services."""
