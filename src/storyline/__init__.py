"""storyline: from a pile of news reports to what happened, and who says so.

    import storyline
    db = storyline.open("news.db")      # a storyline.database.Database
    db.ingest("reports/"); db.stories(); db.story(id); db.facts(id); db.events(actor="CHN"); db.search("words")

See docs/python-api.md. Importing the package loads nothing heavy; `open` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.config import Config
    from storyline.database import Database

__version__ = "0.1.0"


def open(location: str | Path | None = None, *, config: Config | None = None) -> Database:
    """Open (creating if needed) the store at `location` (a file or a postgresql:// URL; $STORYLINE_DB or ./storyline.db)."""
    from storyline.database import open_database

    return open_database(location, config=config)


__all__ = ["__version__", "open"]
