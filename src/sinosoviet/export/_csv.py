"""Flat CSV files, one per record type, and DataFrames of the same tables."""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

from sinosoviet.export._tables import (
    CODING_COLUMNS,
    TABLES,
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


def write_csv(dataset: Dataset | None, out: str | PathLike[str]) -> list[Path]:
    """Write one CSV file per record type (``events.csv``, ...) into a folder, and ``codings.csv``.

    ``codings.csv`` has one row per CAMEO coding of an event (`coding_table`).

    UTF-8 without a byte-order mark, a header row, one row per record in canonical order.
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

    dataset = _dataset(dataset)
    folder = Path(out)
    contents = {}
    for stem, record_type in TABLES.items():
        columns, rows = flat_table(getattr(dataset, stem), record_type)
        contents[f"{stem}.csv"] = _csv_bytes(columns, rows)
    contents["codings.csv"] = _csv_bytes(CODING_COLUMNS, coding_table(dataset.events))
    write_atomically(folder, contents)
    return [folder / name for name in contents]


def to_dataframes(dataset: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """One pandas DataFrame per record type, keyed by file stem (``"events"``, ...), and
    ``"codings"`` (one row per CAMEO coding, `coding_table`).

    The columns are those of the CSV files (`flat_table`); multi-valued cells hold tuples,
    the ``_earliest``/``_latest`` bounds are datetimes (NaT where open or unknown) and a
    missing value is None.

    Raises:
        ImportError: pandas is not installed (``pip install "sinosoviet[pandas]"``).
    """
    pandas = _pandas()
    dataset = _dataset(dataset)
    frames: dict[str, pd.DataFrame] = {}
    for stem, record_type in TABLES.items():
        columns, rows = flat_table(getattr(dataset, stem), record_type)
        frames[stem] = _frame(pandas, columns, rows)
    frames["codings"] = _frame(pandas, CODING_COLUMNS, coding_table(dataset.events))
    return frames
