"""Run the CLI with `python -m briefing`."""

from briefing.cli import main

main()
