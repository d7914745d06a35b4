"""The shared table logic of every export: the JSON form of a record, flat rows, CSV cells."""

from __future__ import annotations

import datetime as _dt
import enum
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from sinosoviet.dates import Interval, PartialDate
from sinosoviet.records import (
    FILE_TYPES,
    Actor,
    Citation,
    Coding,
    Event,
    ExternalId,
    IdScheme,
    Link,
    Name,
    Participant,
    Relation,
    Source,
    Tenure,
    Treaty,
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

#: The identifier schemes that apply to each record type: a table has one column for each, and
#: a column for any other scheme only when a record in it holds an id of that scheme.
SCHEMES: Final[Mapping[type[Any], tuple[IdScheme, ...]]] = {
    Actor: (IdScheme.COW_CCODE, IdScheme.GW_CCODE, IdScheme.WIKIDATA),
    Event: (
        IdScheme.WIKIDATA,
        IdScheme.COW_MID,
        IdScheme.COW_WAR,
        IdScheme.ICB_CRISIS,
        IdScheme.UCDP_CONFLICT,
    ),
    Treaty: (IdScheme.WIKIDATA, IdScheme.COW_ALLIANCE, IdScheme.ATOP),
}

#: The columns of actor names set beside the ids they name: the column after ``participants``
#: holds each participant's name, and so on.
NAME_COLUMNS: Final[Mapping[str, str]] = {
    "participants": "participant_names",
    "parties": "party_names",
    "holder": "holder_name",
    "organization": "organization_name",
}
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


def _schemes(record_type: type[Any], records: Sequence[Any]) -> list[IdScheme]:
    applies = SCHEMES.get(record_type, ())
    held = {x.scheme for record in records for x in getattr(record, "external_ids", ())}
    return [scheme for scheme in IdScheme if scheme in applies or scheme in held]


def _columns(record_type: type[Any], records: Sequence[Any] = ()) -> list[str]:
    columns: list[str] = []
    for attribute in attrs.fields(record_type):
        name = attribute.name
        if name in _DATE_FIELDS:
            columns += [name, f"{name}_earliest", f"{name}_latest"]
        elif name == "names":
            columns += ["names", "name_langs"]
        elif name == "citations":
            columns += ["citations", "citation_locators"]
        elif name in _citation_fields(record_type):
            columns += [name, f"{name}_locators"]
        elif name == "variants":
            columns += ["variant_fields", "variant_values"]
        elif name == "external_ids":
            columns += [scheme.value for scheme in _schemes(record_type, records)]
        else:
            columns.append(name)
            if name in NAME_COLUMNS:
                columns.append(NAME_COLUMNS[name])
    return columns


def _cells(record: Any, actors: Mapping[str, Actor], schemes: Sequence[IdScheme]) -> dict[str, Cell]:
    def name_of(actor: str) -> str:
        found = actors.get(actor)
        return "" if found is None else found.name

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
        elif name == "citations" or name in _citation_fields(type(record)):
            citations: tuple[Citation, ...] = value
            row[name] = tuple(c.source for c in citations)
            row["citation_locators" if name == "citations" else f"{name}_locators"] = tuple(
                c.locator or "" for c in citations
            )
        elif name == "variants":
            variants: tuple[Variant, ...] = value
            row["variant_fields"] = tuple(v.field for v in variants)
            row["variant_values"] = tuple(v.value for v in variants)
        elif name == "external_ids":
            external: tuple[ExternalId, ...] = value
            for scheme in schemes:
                row[scheme.value] = tuple(x.value for x in external if x.scheme is scheme)
        elif name == "participants":
            # Ids and roles are slugs, so "actor:role" needs no escaping and reads well.
            participants: tuple[Participant, ...] = value
            row[name] = tuple(f"{p.actor}:{p.role.value}" for p in participants)
            row[NAME_COLUMNS[name]] = tuple(name_of(p.actor) for p in participants)
        elif name == "parties":
            row[name] = tuple(value)
            row[NAME_COLUMNS[name]] = tuple(name_of(party) for party in value)
        elif name in ("holder", "organization"):
            row[name] = value
            row[NAME_COLUMNS[name]] = name_of(value) or None
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


def flat_table(
    records: Sequence[Any], record_type: type[Any], *, actors: Mapping[str, Actor] | None = None
) -> tuple[list[str], list[dict[str, Cell]]]:
    """The columns of a record type and one row per record, before any text formatting.

    The columns follow the fields in declaration order, with these expansions: a date field
    ``F`` gives ``F``, ``F_earliest`` and ``F_latest``; ``names`` gives ``names`` and
    ``name_langs``; ``citations`` gives ``citations`` and ``citation_locators``; ``variants``
    gives ``variant_fields`` and ``variant_values``; ``external_ids`` gives one column per
    scheme that applies to the type (`SCHEMES`), and one for any other scheme a record holds;
    ``participants`` hold ``actor:role``, ``links`` hold ``kind:target`` and ``codings`` hold
    ``source>target:cameo`` (`coding_table` gives one row per coding). Beside ``participants``,
    ``parties``, ``holder`` and ``organization`` stand the actors' names (`NAME_COLUMNS`),
    looked up in ``actors`` (by id; a name is blank where the actor is not there).
    Multi-valued cells are tuples (parallel columns have equal lengths); a missing value is None.
    """
    records = list(records)
    schemes = _schemes(record_type, records)
    known: Mapping[str, Actor] = {} if actors is None else actors
    return _columns(record_type, records), [_cells(record, known, schemes) for record in records]


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


def _csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Cell]], *, bom: bool = False) -> bytes:
    import csv
    import io

    # "\n" line ends so that files diff the same everywhere.
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_text(row[column]) for column in columns])
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def _pandas() -> Any:
    return _optional("pandas", "pandas", "DataFrames")


def _optional(module: str, extra: str, what: str) -> Any:
    """Import an optional dependency, or raise an ImportError that names the extra to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{what} need{'s' if not what.endswith('s') else ''} {module}, which is not installed:"
            f' pip install "sinosoviet[{extra}]"'
        ) from exc


def _field_types(record_type: type[Any]) -> dict[str, Any]:
    """The type of each field of a record type, with ``X | None`` read as ``X``."""
    import types

    hints = typing.get_type_hints(record_type)
    found: dict[str, Any] = {}
    for attribute in attrs.fields(record_type):
        hint = hints[attribute.name]
        union = typing.get_origin(hint) in (typing.Union, types.UnionType)
        options = typing.get_args(hint) if union else (hint,)
        found[attribute.name] = next((o for o in options if o is not type(None)), hint)
    return found


def _citation_fields(record_type: type[Any]) -> frozenset[str]:
    """The fields besides ``citations`` that hold citations (an event's ``key_evidence``)."""
    if record_type not in _CITATION_FIELDS:
        _CITATION_FIELDS[record_type] = frozenset(
            name
            for name, kind in _field_types(record_type).items()
            if name != "citations"
            and typing.get_origin(kind) is tuple
            and typing.get_args(kind)[:1] == (Citation,)
        )
    return _CITATION_FIELDS[record_type]


_CITATION_FIELDS: dict[type[Any], frozenset[str]] = {}


def multi_valued(record_type: type[Any], columns: Sequence[str]) -> frozenset[str]:
    """Which of a table's columns hold several values joined by ``" | "`` (`split_cell`).

    Those of a field holding a tuple, with their partners (``name_langs``,
    ``participant_names``, ...), and every identifier-scheme column.
    """
    types = _field_types(record_type) if attrs.has(record_type) else {}
    found = {name for name, kind in types.items() if typing.get_origin(kind) is tuple}
    partners = {
        "names": ("name_langs",),
        "citations": ("citation_locators",),
        "variants": ("variant_fields", "variant_values"),
        **{name: (f"{name}_locators",) for name in _citation_fields(record_type)},
        **{field: (column,) for field, column in NAME_COLUMNS.items() if field in found},
    }
    for name in list(found):
        found.update(partners.get(name, ()))
    found |= {scheme.value for scheme in IdScheme}
    return frozenset(column for column in columns if column in found)


def _enum_columns(record_type: type[Any]) -> dict[str, type[enum.Enum]]:
    """The columns of a record type's table that hold one value of an enum, with the enum."""
    return {
        name: kind
        for name, kind in _field_types(record_type).items()
        if isinstance(kind, type) and issubclass(kind, enum.Enum)
    }


def _frame(pandas: Any, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    frame: pd.DataFrame = pandas.DataFrame([[row[c] for c in columns] for row in rows], columns=list(columns))
    for column in columns:
        if column.endswith(("_earliest", "_latest")):
            frame[column] = pandas.to_datetime(frame[column])
    return frame


#: What an export takes: a `Dataset`, None for the shipped data, or any iterable of records.
Data: TypeAlias = "Dataset | Iterable[Source | Actor | Event | Relation | Treaty | Tenure] | None"

_STEM_OF: Final[Mapping[type[Any], str]] = {record_type: stem for stem, record_type in TABLES.items()}


def _dataset(data: Data, context: Dataset | None = None) -> Dataset:
    """The dataset an export writes: ``data`` itself, the shipped data, or a selection closed
    over what it references (`selection`)."""
    from sinosoviet.dataset import Dataset, load

    if data is None:
        return load() if context is None else context
    if isinstance(data, Dataset):
        return data
    if isinstance(data, str | bytes | Mapping) or not isinstance(data, Iterable):
        raise TypeError(
            "data must be a sinosoviet.Dataset, None (the shipped data) or an iterable of records,"
            f" not {type(data).__name__}"
        )
    return selection(data, context=context)


def selection(records: Iterable[Any], *, context: Dataset | None = None) -> Dataset:
    """A dataset of the given records and of what they reference, for an export to write.

    ``records`` is any iterable of records (a query result such as
    ``sinosoviet.events(kind="summit")``, or several joined); a record given twice counts once.
    What they reference comes along from ``context`` (by default the shipped data), so that
    every single-valued reference of the written tables resolves:

    1. the events that open or close a selected relation period (``opened_by``, ``closed_by``);
    2. the actors that those events and the selected records name: participants, parties,
       tenure holders and organisations (not the predecessors, successors or bodies an actor
       belongs to, which stay ids);
    3. the sources that any of these records cite (in its citations, external ids or variants),
       and the works those sources are copies of.

    An id that ``context`` does not hold stays a dangling id, as in the records.

    Raises:
        TypeError: an item is not a record (the message gives its position and type).
        ValueError: two different records of one type share an id.
    """
    from sinosoviet.dataset import Dataset, load

    chosen: dict[str, dict[str, Any]] = {stem: {} for stem in TABLES}
    for index, record in enumerate(records):
        stem = _STEM_OF.get(type(record))
        if stem is None:
            raise TypeError(
                f"item {index} of the records is {type(record).__name__}, not a record"
                " (Source, Actor, Event, Relation, Treaty or Tenure) or a sinosoviet.Dataset"
            )
        earlier = chosen[stem].setdefault(record.id, record)
        if earlier != record:
            raise ValueError(f"two different {stem} have the id {record.id!r}")
    base = load() if context is None else context

    def add(stem: str, ids: Iterable[str | None]) -> None:
        index: Mapping[str, Any] = getattr(base, f"{stem}_by_id")
        for record_id in ids:
            if record_id is not None and record_id not in chosen[stem] and record_id in index:
                chosen[stem][record_id] = index[record_id]

    relations: list[Relation] = list(chosen["relations"].values())
    add("events", (r.opened_by for r in relations))
    add("events", (r.closed_by for r in relations))
    named: list[str] = []
    for event in chosen["events"].values():
        named += [p.actor for p in event.participants]
    for record in (*relations, *chosen["treaties"].values()):
        named += record.parties
    for tenure in chosen["tenures"].values():
        named += (tenure.holder, tenure.organization)
    add("actors", named)
    cited: list[str] = []
    for stem in ("actors", "events", "relations", "treaties", "tenures"):
        for record in chosen[stem].values():
            cited += [c.source for c in record.citations]
            for field in _citation_fields(type(record)):
                cited += [c.source for c in getattr(record, field)]
            for part in (*getattr(record, "external_ids", ()), *record.variants):
                cited += [c.source for c in part.citations]
    add("sources", cited)
    pending = list(chosen["sources"].values())
    while pending:  # the works the cited pages copy, and the works those copy
        copies = [s.copy_of for s in pending if s.copy_of is not None and s.copy_of not in chosen["sources"]]
        add("sources", copies)
        pending = [chosen["sources"][c] for c in copies if c in chosen["sources"]]
    return Dataset(**{stem: tuple(found.values()) for stem, found in chosen.items()})


def record_from_dict(kind: str | type[Any], data: Mapping[str, Any]) -> Any:
    """The record that `record_dict` gave ``data`` for: its inverse.

    ``kind`` is the record type (`sinosoviet.Event`, ...) or its file stem (``"events"``,
    ``"actors"``, ...; the keys of `TABLES`). ``data`` is the JSON form of one record, as
    `record_dict` writes it and the data files hold it (or `json.loads` of it), so that
    ``record_from_dict(type(r), record_dict(r)) == r`` for every record ``r``.

    Raises:
        sinosoviet.DataError: ``data`` is not a record of that kind; every fault is listed,
            each with its field.
        ValueError: ``kind`` is not a record type or stem.
    """
    from sinosoviet._convert import structure_records

    if isinstance(kind, str):
        record_type = TABLES.get(kind)
        if record_type is None:
            raise ValueError(f"{kind!r} is not a record kind; expected one of {', '.join(TABLES)}")
    elif kind in _STEM_OF:
        record_type = kind
    else:
        raise ValueError(f"{kind!r} is not a record type; expected one of {', '.join(TABLES)} or its type")
    stem = _STEM_OF[record_type]
    item = dict(data) if isinstance(data, Mapping) else data  # anything else: a DataError
    return structure_records([item], record_type, f"{stem} record")[0]
