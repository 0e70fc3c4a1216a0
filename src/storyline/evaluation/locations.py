"""Where evaluation and benchmark data is found, without reaching into the checkout.

The labelled data lives outside the package: `--data DIR`, else `$STORYLINE_DATA`, else
`../shared/data` from the working directory (the project root in a checkout). The seeds sit
beside that folder (`DATA/../seeds`); the invented example corpus is `examples/corpus` from
the working directory. An installed wheel finds the same files when given their folder.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_VARIABLE = "STORYLINE_DATA"
DEFAULT_DATA = Path("..") / "shared" / "data"
EXAMPLE_CORPUS = Path("examples") / "corpus"


def data_folder(given: Path | None = None) -> Path:
    """`given`, else $STORYLINE_DATA, else ../shared/data."""
    if given is not None:
        return given
    from_env = os.environ.get(DATA_VARIABLE)
    return Path(from_env) if from_env else DEFAULT_DATA


def seeds_folder(data: Path | None = None) -> Path:
    """The seed reports, kept beside the data folder."""
    return data_folder(data).parent / "seeds"
