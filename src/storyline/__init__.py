"""storyline: from a pile of news reports to what happened, and who says so."""

__version__ = "0.1.0"
