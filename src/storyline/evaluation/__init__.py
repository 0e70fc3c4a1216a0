"""Evaluation: scores of storyline's fuzzy stages against hand-made gold data."""
