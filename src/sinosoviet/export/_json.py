"""Canonical JSON: the lossless export, the folder `sinosoviet.load` reads back."""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

from sinosoviet.export._tables import TABLES, _dataset

if TYPE_CHECKING:
    from pathlib import Path

    from sinosoviet.export._tables import Data


def write_json(dataset: Data, out: str | PathLike[str]) -> list[Path]:
    """Write the canonical JSON files into a folder; `sinosoviet.load` reads it back equal.

    ``dataset`` is a `Dataset`, None for the shipped data, or any iterable of records, which
    is written with what it references (`selection`, from the shipped data).

    Returns:
        The paths written, one per record type.
    """
    from pathlib import Path  # here, not at the top: the command line imports this module

    dataset = _dataset(dataset)
    folder = Path(out)
    dataset.write(folder)
    return [folder / f"{stem}.json" for stem in TABLES]
