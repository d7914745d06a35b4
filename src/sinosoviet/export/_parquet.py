"""Parquet: one file per table, with typed columns, enums as dictionaries and the codebook."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

from sinosoviet.export._tables import (
    TABLES,
    Cell,
    _dataset,
    _enum_columns,
    _field_types,
    _optional,
    multi_valued,
)

if TYPE_CHECKING:
    from pathlib import Path

    from sinosoviet.dataset import Dataset
    from sinosoviet.export._tables import Data


def _codebook(stem: str) -> dict[str, Any]:
    """The values each enum column may hold, with the enum's definition (docs/codebook.md)."""
    if stem not in TABLES:
        return {}
    return {
        column: {
            "enum": kind.__name__,
            "definition": (kind.__doc__ or "").strip().splitlines()[0],
            "values": [member.value for member in kind],
        }
        for column, kind in _enum_columns(TABLES[stem]).items()
    }


def _arrow_table(pa: Any, stem: str, columns: Sequence[str], rows: Sequence[Mapping[str, Cell]]) -> Any:
    import sinosoviet

    enums = _enum_columns(TABLES[stem]) if stem in TABLES else {}
    types = _field_types(TABLES[stem]) if stem in TABLES else {}
    multi = multi_valued(TABLES[stem], columns) if stem in TABLES else frozenset()
    arrays = []
    fields = []
    for column in columns:
        values = [row[column] for row in rows]
        if column in enums:
            dictionary = [member.value for member in enums[column]]
            position = {value: index for index, value in enumerate(dictionary)}
            indices = pa.array([None if v is None else position[v] for v in values], type=pa.int32())
            array = pa.DictionaryArray.from_arrays(indices, pa.array(dictionary, type=pa.string()))
        elif column in multi:
            array = pa.array(
                [list(v) if isinstance(v, tuple) else v for v in values], type=pa.list_(pa.string())
            )
        elif column.endswith(("_earliest", "_latest")):
            array = pa.array(values, type=pa.date32())
        elif types.get(column) is bool:
            array = pa.array(values, type=pa.bool_())
        elif column == "year" or types.get(column) is int:
            array = pa.array(values, type=pa.int64())
        elif column == "goldstein":
            array = pa.array(values, type=pa.float64())
        else:
            array = pa.array(values, type=pa.string())
        arrays.append(array)
        fields.append(pa.field(column, array.type))
    metadata = {
        "sinosoviet.table": stem,
        "sinosoviet.data_version": sinosoviet.DATA_VERSION,
        "sinosoviet.codebook": json.dumps(_codebook(stem), ensure_ascii=False),
    }
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=metadata))


def to_arrow(data: Data = None, *, context: Dataset | None = None) -> dict[str, Any]:
    """One `pyarrow.Table` per table of `write_csv`, keyed by stem (``"events"``, ...,
    ``"codings"``): what `write_parquet` writes.

    Raises:
        ImportError: pyarrow is not installed (``pip install "sinosoviet[parquet]"``).
    """
    from sinosoviet.export._csv import _tables

    pa = _optional("pyarrow", "parquet", "Parquet and Arrow tables")
    dataset = _dataset(data, context)
    return {stem: _arrow_table(pa, stem, columns, rows) for stem, (columns, rows) in _tables(dataset).items()}


def write_parquet(data: Data, out: str | PathLike[str], *, context: Dataset | None = None) -> list[Path]:
    """Write one Parquet file per table (``events.parquet``, ..., ``codings.parquet``) into a folder.

    The columns are those of the CSV files (`flat_table`), typed: a multi-valued field is a
    list of strings, the ``_earliest``/``_latest`` bounds are ``date32`` (null where an end is
    open or unknown), flags are booleans, a source's year an ``int64``, the weight a ``float64``,
    and each enum column (``kind``, ``status``, ...) a dictionary whose values are the enum's
    every value, in the codebook's order. The schema metadata holds ``sinosoviet.table``,
    ``sinosoviet.data_version`` (`sinosoviet.DATA_VERSION`) and ``sinosoviet.codebook``: JSON
    giving, for each enum column, the enum, its definition and its values.

    Returns:
        The paths written.

    Raises:
        ImportError: pyarrow is not installed (``pip install "sinosoviet[parquet]"``).
    """
    from pathlib import Path

    from sinosoviet._files import write_atomically

    pq = _optional("pyarrow.parquet", "parquet", "Parquet files")
    pa = _optional("pyarrow", "parquet", "Parquet files")
    contents: dict[str, bytes] = {}
    for stem, table in to_arrow(data, context=context).items():
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink)
        contents[f"{stem}.parquet"] = sink.getvalue().to_pybytes()
    write_atomically(out, contents)
    return [Path(out) / name for name in contents]
