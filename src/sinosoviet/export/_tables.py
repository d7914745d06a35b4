"""The shared table logic of every export: the JSON form of a record, flat rows, CSV cells."""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from sinosoviet.dates import Interval, PartialDate
from sinosoviet.records import (
    FILE_TYPES,
    Citation,
    Coding,
    Event,
    ExternalId,
    IdScheme,
    Link,
    Name,
    Participant,
    Variant,
)

if TYPE_CHECKING:
    import pandas as pd

    from sinosoviet.dataset import Dataset

#: What joins the values of a multi-valued field in one CSV cell.
SEPARATOR: Final = " | "

#: The record type of each table, in the order files are written; also the file stems
#: (the same mapping as `sinosoviet.records.FILE_TYPES`).
TABLES: Final[Mapping[str, type[Any]]] = FILE_TYPES

#: A cell of a flat table before it is written: multi-valued fields are tuples of text.
Cell: TypeAlias = str | int | float | bool | _dt.date | tuple[str, ...] | None

_DATE_FIELDS: Final = frozenset({"when", "lifespan", "signed", "in_force", "ended"})
_UNESCAPE: Final = re.compile(r"\\([\\|])")


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate | Interval):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if attrs.has(type(value)):
        return record_dict(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted(_plain(item) for item in value)
    return value


def record_dict(record: Any) -> dict[str, Any]:
    """The JSON form of a record, exactly as the data files hold it.

    Keys in the order the record declares its fields, fields equal to their default left out,
    dates as EDTF text and enums as their values. Equal to what the cattrs converter writes;
    made from the attrs fields directly so that printing JSON does not import cattrs.
    """
    out: dict[str, Any] = {}
    for attribute in attrs.fields(type(record)):
        value = getattr(record, attribute.name)
        default: Any = attribute.default
        takes_self = getattr(default, "takes_self", None)
        if takes_self is not None:  # an attrs.Factory: the default is what it makes
            default = default.factory(record) if takes_self else default.factory()
        if default is not attrs.NOTHING and value == default:
            continue
        out[attribute.name] = _plain(value)
    return out


def join_cell(values: Iterable[str]) -> str:
    """Join the values of a multi-valued field into one cell, escaping ``|`` and ``\\``."""
    return SEPARATOR.join(value.replace("\\", "\\\\").replace("|", "\\|") for value in values)


def split_cell(cell: str) -> list[str]:
    """The values of a multi-valued cell: the inverse of `join_cell` (an empty cell has none)."""
    if cell == "":
        return []
    # Every "|" inside a value is escaped, so an unescaped " | " can only be a separator.
    return [_UNESCAPE.sub(r"\1", part) for part in cell.split(SEPARATOR)]


def _bound(day: _dt.date) -> _dt.date | None:
    # date.min and date.max stand for an open or unknown end; a table leaves them blank.
    return None if day in (_dt.date.min, _dt.date.max) else day


def _columns(record_type: type[Any]) -> list[str]:
    columns: list[str] = []
    for attribute in attrs.fields(record_type):
        name = attribute.name
        if name in _DATE_FIELDS:
            columns += [name, f"{name}_earliest", f"{name}_latest"]
        elif name == "names":
            columns += ["names", "name_langs"]
        elif name == "citations":
            columns += ["citations", "citation_locators"]
        elif name == "variants":
            columns += ["variant_fields", "variant_values"]
        elif name == "external_ids":
            columns += [scheme.value for scheme in IdScheme]
        else:
            columns.append(name)
    return columns


def _cells(record: Any) -> dict[str, Cell]:
    row: dict[str, Cell] = {}
    for attribute in attrs.fields(type(record)):
        name = attribute.name
        value = getattr(record, name)
        if name in _DATE_FIELDS:
            row[name] = None if value is None else str(value)
            row[f"{name}_earliest"] = None if value is None else _bound(value.earliest)
            row[f"{name}_latest"] = None if value is None else _bound(value.latest)
        elif name == "names":
            names: tuple[Name, ...] = value
            row["names"] = tuple(n.text for n in names)
            row["name_langs"] = tuple(n.lang for n in names)
        elif name == "citations":
            citations: tuple[Citation, ...] = value
            row["citations"] = tuple(c.source for c in citations)
            row["citation_locators"] = tuple(c.locator or "" for c in citations)
        elif name == "variants":
            variants: tuple[Variant, ...] = value
            row["variant_fields"] = tuple(v.field for v in variants)
            row["variant_values"] = tuple(v.value for v in variants)
        elif name == "external_ids":
            external: tuple[ExternalId, ...] = value
            for scheme in IdScheme:
                row[scheme.value] = tuple(x.value for x in external if x.scheme is scheme)
        elif name == "participants":
            # Ids and roles are slugs, so "actor:role" needs no escaping and reads well.
            participants: tuple[Participant, ...] = value
            row[name] = tuple(f"{p.actor}:{p.role.value}" for p in participants)
        elif name == "links":
            links: tuple[Link, ...] = value
            row[name] = tuple(f"{link.kind.value}:{link.target}" for link in links)
        elif name == "codings":
            codings: tuple[Coding, ...] = value
            row[name] = tuple(f"{c.source}>{c.target}:{c.cameo}" for c in codings)
        elif isinstance(value, tuple):
            row[name] = tuple(str(item) for item in value)
        elif isinstance(value, enum.Enum):
            row[name] = value.value
        else:
            row[name] = value
    return row


def flat_table(records: Sequence[Any], record_type: type[Any]) -> tuple[list[str], list[dict[str, Cell]]]:
    """The columns of a record type and one row per record, before any text formatting.

    The columns follow the fields in declaration order, with these expansions: a date field
    ``F`` gives ``F``, ``F_earliest`` and ``F_latest``; ``names`` gives ``names`` and
    ``name_langs``; ``citations`` gives ``citations`` and ``citation_locators``; ``variants``
    gives ``variant_fields`` and ``variant_values``; ``external_ids`` gives one column per
    `IdScheme`; ``participants`` hold ``actor:role``, ``links`` hold ``kind:target`` and
    ``codings`` hold ``source>target:cameo`` (`coding_table` gives one row per coding).
    Multi-valued cells are tuples (parallel columns have equal lengths); a missing value is None.
    """
    return _columns(record_type), [_cells(record) for record in records]


#: The columns of the codings table: one row per coding of an event.
CODING_COLUMNS: Final = (
    "event",
    "when",
    "when_earliest",
    "when_latest",
    "source",
    "target",
    "cameo",
    "cameo_name",
    "goldstein",
)


def coding_table(events: Iterable[Event]) -> list[dict[str, Cell]]:
    """One row per CAMEO coding of the events, in their order (columns: `CODING_COLUMNS`).

    The weight and the code's name are looked up in the shipped CAMEO table
    (`sinosoviet.cameo`); ``when`` is the event's date as written, with its calendar bounds.
    """
    from sinosoviet.cameo import cameo_code

    rows: list[dict[str, Cell]] = []
    for event in events:
        for coding in event.codings:
            code = cameo_code(coding.cameo)
            rows.append(
                {
                    "event": event.id,
                    "when": str(event.when),
                    "when_earliest": _bound(event.when.earliest),
                    "when_latest": _bound(event.when.latest),
                    "source": coding.source,
                    "target": coding.target,
                    "cameo": coding.cameo,
                    "cameo_name": code.name,
                    "goldstein": code.goldstein,
                }
            )
    return rows


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return join_cell(cell)
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, _dt.date):
        return cell.isoformat()
    return str(cell)


def _csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Cell]]) -> bytes:
    import csv
    import io

    # "\n" line ends so that files diff the same everywhere.
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_text(row[column]) for column in columns])
    return buffer.getvalue().encode("utf-8")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            'DataFrames need pandas, which is not installed: pip install "sinosoviet[pandas]"'
        ) from exc
    return pandas


def _frame(pandas: Any, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    frame: pd.DataFrame = pandas.DataFrame([[row[c] for c in columns] for row in rows], columns=list(columns))
    for column in columns:
        if column.endswith(("_earliest", "_latest")):
            frame[column] = pandas.to_datetime(frame[column])
    return frame


def _dataset(dataset: Dataset | None) -> Dataset:
    from sinosoviet.dataset import Dataset, load

    if dataset is None:
        return load()
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a sinosoviet.Dataset or None, not {type(dataset).__name__}")
    return dataset
