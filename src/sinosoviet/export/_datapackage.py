"""A Frictionless Tabular Data Package: the CSV tables and a ``datapackage.json`` describing them."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any, Final

from sinosoviet.export._tables import TABLES, Cell, _csv_bytes, _dataset, _field_types, multi_valued

if TYPE_CHECKING:
    from pathlib import Path

    from sinosoviet.dataset import Dataset
    from sinosoviet.export._tables import Data

#: The licence of the shipped data (DATA-LICENSE.md), as a Data Package ``licenses`` entry.
DATA_LICENSE: Final = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Creative Commons Attribution-ShareAlike 4.0 International",
}

#: The works the shipped data derives from, as Data Package ``sources`` entries; every record
#: cites its own works, listed in the ``sources`` resource.
DATA_SOURCES: Final = (
    {
        "title": "Sino-Soviet relations, English Wikipedia",
        "path": "https://en.wikipedia.org/wiki/Sino-Soviet_relations",
    },
    {
        "title": "The works the records cite, each with its level (the sources resource)",
        "path": "sources.csv",
    },
)

#: The single-valued references between tables: (table, column) -> (table, column).
FOREIGN_KEYS: Final[Mapping[tuple[str, str], tuple[str, str]]] = {
    ("sources", "copy_of"): ("sources", "id"),
    ("relations", "opened_by"): ("events", "id"),
    ("relations", "closed_by"): ("events", "id"),
    ("tenures", "holder"): ("actors", "id"),
    ("tenures", "organization"): ("actors", "id"),
    ("codings", "event"): ("events", "id"),
    ("codings", "source"): ("actors", "id"),
    ("codings", "target"): ("actors", "id"),
}

_PATTERNS: Final = (
    ("year", re.compile(r"[0-9]{4}")),
    ("yearmonth", re.compile(r"[0-9]{4}-[0-9]{2}")),
    ("date", re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")),
)


def _date_type(values: Sequence[Cell]) -> str:
    """The narrowest of year, yearmonth and date that every EDTF value fits, else string."""
    texts = [v for v in values if isinstance(v, str) and v]
    for name, pattern in _PATTERNS:
        if texts and all(pattern.fullmatch(t) for t in texts):
            return name
    return "string"


def _field(
    table: str, column: str, types: Mapping[str, Any], values: Sequence[Cell], multi: frozenset[str]
) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column}
    kind = types.get(column)
    if column == "id":
        field.update(type="string", constraints={"required": True, "unique": True})
    elif column in multi:
        field.update(type="string", description="several values joined by ' | ' (a literal | is written \\|)")
    elif column.endswith(("_earliest", "_latest")):
        field.update(type="date", description="the first or last calendar day the date can denote")
    elif column in ("when", "lifespan", "signed", "in_force", "ended"):
        field.update(type=_date_type(values), description="the date as the data states it, in EDTF")
    elif isinstance(kind, type) and issubclass(kind, enum.Enum):
        field.update(type="string", constraints={"enum": [member.value for member in kind]})
    elif kind is bool:
        field.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif table == "sources" and column == "year":
        field.update(type="year")
    elif table == "codings" and column == "goldstein":
        field.update(type="number")
    else:
        field.update(type="string")
    return field


def _schema(table: str, columns: Sequence[str], rows: Sequence[Mapping[str, Cell]]) -> dict[str, Any]:
    types = _field_types(TABLES[table]) if table in TABLES else {}
    multi = multi_valued(TABLES[table], columns) if table in TABLES else frozenset()
    schema: dict[str, Any] = {
        "fields": [_field(table, c, types, [row[c] for row in rows], multi) for c in columns],
        "missingValues": [""],
    }
    if "id" in columns:
        schema["primaryKey"] = ["id"]
    keys = [
        {"fields": [column], "reference": {"resource": "" if target == table else target, "fields": [key]}}
        for (source, column), (target, key) in FOREIGN_KEYS.items()
        if source == table and column in columns
    ]
    if keys:
        schema["foreignKeys"] = keys
    return schema


def datapackage_descriptor(
    data: Data = None, *, descriptor: Mapping[str, Any] | None = None, context: Dataset | None = None
) -> dict[str, Any]:
    """The ``datapackage.json`` that `write_datapackage` writes, as a dict."""
    return _package(data, descriptor, context)[0]


def _package(
    data: Data, descriptor: Mapping[str, Any] | None, context: Dataset | None
) -> tuple[dict[str, Any], dict[str, bytes]]:
    import sinosoviet
    from sinosoviet.export._csv import _tables

    dataset = _dataset(data, context)
    tables = _tables(dataset)
    resources = []
    contents: dict[str, bytes] = {}
    for stem, (columns, rows) in tables.items():
        contents[f"{stem}.csv"] = _csv_bytes(columns, rows)
        resources.append(
            {
                "name": stem,
                "path": f"{stem}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": _schema(stem, columns, rows),
            }
        )
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "sinosoviet",
        "title": "sinosoviet: a sourced chronology of relations between China and Soviet power",
        "version": sinosoviet.DATA_VERSION,
        "licenses": [dict(DATA_LICENSE)],
        "sources": [dict(s) for s in DATA_SOURCES],
        "resources": resources,
    }
    package.update(descriptor or {})
    return package, contents


def write_datapackage(
    data: Data,
    out: str | PathLike[str],
    *,
    descriptor: Mapping[str, Any] | None = None,
    context: Dataset | None = None,
) -> list[Path]:
    """Write a Frictionless Tabular Data Package into a folder: the CSV tables and ``datapackage.json``.

    The CSV files are those of `write_csv` (without a byte-order mark). ``datapackage.json``
    has a Table Schema per file: a type per column (``date`` for the ``_earliest``/``_latest``
    bounds; ``year``, ``yearmonth`` or ``date`` for an EDTF column whose every value is of
    that form, else ``string``; ``year`` for a source's year; ``boolean``; ``number``), the
    codebook's values as ``enum`` constraints, ``id`` as primary key, and the references in
    `FOREIGN_KEYS` as foreign keys, which `selection` makes resolve for a selection. The
    package gives the data's licence (`DATA_LICENSE`), its sources (`DATA_SOURCES`) and
    `sinosoviet.DATA_VERSION`; ``descriptor`` overrides or adds package properties (your own
    ``licenses`` and ``sources`` for your own data).

    Returns:
        The paths written, ``datapackage.json`` last.
    """
    import json
    from pathlib import Path

    from sinosoviet._files import write_atomically

    package, contents = _package(data, descriptor, context)
    contents["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_atomically(out, contents)
    return [Path(out) / name for name in contents]
