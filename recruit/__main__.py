"""`python -m recruit` is the `recruit` command."""
from recruit.cli import main

main()
