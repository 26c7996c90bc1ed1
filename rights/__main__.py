"""`python -m rights` runs the command-line interface."""

from rights.cli import main

main()
