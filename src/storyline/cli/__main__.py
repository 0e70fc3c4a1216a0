"""`python -m storyline.cli …`: the same as the `storyline` command."""

from storyline.cli.commands import main

# Guarded: the analysis's worker processes are spawned, and import the main module again.
if __name__ == "__main__":
    main()
