"""Flat CSV files, one per record type, and DataFrames of the same tables."""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

from sinosoviet.export._tables import (
    CODING_COLUMNS,
    TABLES,
    Cell,
    _csv_bytes,
    _dataset,
    _frame,
    _pandas,
    coding_table,
    flat_table,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from sinosoviet.dataset import Dataset
    from sinosoviet.export._tables import Data


def _tables(dataset: Dataset) -> dict[str, tuple[list[str], list[dict[str, Cell]]]]:
    """Every table of the CSV export, by file stem: the record tables, then ``codings``.

    Actors' names are looked up in the dataset itself (a selection holds every actor it names).
    """
    tables = {
        stem: flat_table(getattr(dataset, stem), record_type, actors=dataset.actors_by_id)
        for stem, record_type in TABLES.items()
    }
    tables["codings"] = (list(CODING_COLUMNS), coding_table(dataset.events))
    return tables


def write_csv(
    dataset: Data, out: str | PathLike[str], *, excel: bool = False, context: Dataset | None = None
) -> list[Path]:
    """Write one CSV file per record type (``events.csv``, ...) into a folder, and ``codings.csv``.

    ``dataset`` is a `Dataset`, None for the shipped data, or any iterable of records (a query
    result): a selection is written with what it references (`selection`), from ``context``
    (default: the shipped data). Every table is
    written, with a header only when the selection has no record of its type.
    ``codings.csv`` has one row per CAMEO coding of an event (`coding_table`).

    UTF-8 with a header row, one row per record in canonical order; with ``excel`` true the
    files begin with a UTF-8 byte-order mark, which Excel needs to read them as UTF-8.
    Writing is all or nothing: every table is encoded first, each file is written beside its
    target and moved into place only when all are written, so a failure leaves the folder as
    it was.

    Returns:
        The paths written.

    Raises:
        OSError: the folder or a file cannot be written.
    """
    from pathlib import Path

    from sinosoviet._files import write_atomically

    dataset = _dataset(dataset, context)
    folder = Path(out)
    contents = {
        f"{stem}.csv": _csv_bytes(columns, rows, bom=excel)
        for stem, (columns, rows) in _tables(dataset).items()
    }
    write_atomically(folder, contents)
    return [folder / name for name in contents]


def to_dataframes(dataset: Data = None, *, context: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """One pandas DataFrame per record type, keyed by file stem (``"events"``, ...), and
    ``"codings"`` (one row per CAMEO coding, `coding_table`). ``dataset`` is what `write_csv` takes.

    The columns are those of the CSV files (`flat_table`); multi-valued cells hold tuples,
    the ``_earliest``/``_latest`` bounds are datetimes (NaT where open or unknown) and a
    missing value is None.

    Raises:
        ImportError: pandas is not installed (``pip install "sinosoviet[pandas]"``).
    """
    pandas = _pandas()
    dataset = _dataset(dataset, context)
    tables = _tables(dataset)
    return {stem: _frame(pandas, columns, rows) for stem, (columns, rows) in tables.items()}
