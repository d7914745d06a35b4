"""Exports for analysts: canonical JSON, flat CSV, pandas DataFrames and COW-style dyad-years.

Four forms of one dataset (docs/export.md is the codebook of every column):

* `write_json` writes the canonical JSON files, the folder `sinosoviet.load` reads back into an
  equal dataset. It is the lossless form.
* `write_csv` writes one CSV file per record type with flat columns (see `flat_table`). A
  multi-valued field is one cell, its values joined with `SEPARATOR` (``" | "``); inside a
  value, a literal ``|`` is written ``\\|`` and a literal backslash ``\\\\``, so that
  `split_cell` always gets the values back. Dates are EDTF text plus ``_earliest`` and
  ``_latest`` columns in ISO form (blank where the end is open or unknown).
* `to_dataframes` gives the same tables as pandas DataFrames (the ``pandas`` extra), with
  tuples for multi-valued cells and datetimes for the bounds.
* `dyad_years` (and `write_dyad_years`, `dyad_years_frame`) gives one row per year and pair of
  the principal chain, in the shape of Correlates of War dyad-year data.

`record_dict` is the JSON form of one record, the same as the data files hold, built without
cattrs so that the command line can print JSON without importing it.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs
from attrs import frozen

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
    RelationStatus,
    Variant,
)

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from sinosoviet.dataset import Dataset

__all__ = [
    "CODING_COLUMNS",
    "DYAD_YEAR_COLUMNS",
    "SEPARATOR",
    "TABLES",
    "DyadYear",
    "coding_table",
    "dyad_years",
    "dyad_years_frame",
    "flat_table",
    "join_cell",
    "principal_periods",
    "record_dict",
    "split_cell",
    "to_dataframes",
    "write_csv",
    "write_dyad_years",
    "write_json",
]

#: What joins the values of a multi-valued field in one CSV cell.
SEPARATOR: Final = " | "

#: The record type of each table, in the order files are written; also the file stems
#: (the same mapping as `sinosoviet.records.FILE_TYPES`).
TABLES: Final[Mapping[str, type[Any]]] = FILE_TYPES

#: A cell of a flat table before it is written: multi-valued fields are tuples of text.
Cell: TypeAlias = str | int | float | bool | _dt.date | tuple[str, ...] | None

_DATE_FIELDS: Final = frozenset({"when", "lifespan", "signed", "in_force", "ended"})
_UNESCAPE: Final = re.compile(r"\\([\\|])")


# -- JSON -------------------------------------------------------------------------------------


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


def write_json(dataset: Dataset | None, out: str | PathLike[str]) -> list[Path]:
    """Write the canonical JSON files into a folder; `sinosoviet.load` reads it back equal.

    Returns:
        The paths written, one per record type.
    """
    from pathlib import Path  # here, not at the top: the command line imports this module

    dataset = _dataset(dataset)
    folder = Path(out)
    dataset.write(folder)
    return [folder / f"{stem}.json" for stem in TABLES]


# -- flat tables ------------------------------------------------------------------------------


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


# -- pandas ------------------------------------------------------------------------------------


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


# -- dyad-years --------------------------------------------------------------------------------


@frozen(kw_only=True)
class DyadYear:
    """One year of one pair of the principal chain (a row of the dyad-year table)."""

    year: int
    #: The pair's ids in sorted order (the Chinese side first in every principal pair).
    party_a: str
    party_b: str
    #: Correlates of War state codes from the actors' ``cow_ccode`` external ids, or None.
    ccode_a: int | None
    ccode_b: int | None
    #: The most severe status of any relation period of the pair in force during the year.
    status_max: RelationStatus | None
    #: The status on 31 December, or on the pair's last covered day if that comes earlier.
    status_year_end: RelationStatus | None
    #: An alliance-kind treaty with both as parties was in force at some time in the year.
    alliance: bool
    #: An armed-conflict period, or a military event with both sides as belligerents.
    armed_conflict: bool


#: The columns of the dyad-year table, in order.
DYAD_YEAR_COLUMNS: Final = tuple(a.name for a in attrs.fields(DyadYear))


def _ccode(actor: Actor) -> int | None:
    value = actor.external_id(IdScheme.COW_CCODE)
    return None if value is None else int(value)


def _horizon(dataset: Dataset) -> _dt.date:
    """The last finite day any dated record reaches: its year is where open periods are cut."""
    days = [
        day
        for records in (dataset.events, dataset.relations, dataset.treaties, dataset.tenures)
        for record in records
        for day in (record.when.earliest, record.when.latest)
        if day not in (_dt.date.min, _dt.date.max)
    ]
    return max(days, default=_dt.date(1991, 12, 31))


def _chain_windows(dataset: Dataset) -> list[tuple[tuple[str, str], _dt.date, _dt.date]]:
    """Each pair of the principal chain whose actors the dataset has, with the days it stands for.

    From the pair's ``since`` day to the day before the next pair's (``date.min`` and
    ``date.max`` where the chain is open).
    """
    from sinosoviet.query import PRINCIPAL_CHAIN

    windows = []
    for position, link in enumerate(PRINCIPAL_CHAIN):
        if any(party not in dataset.actors_by_id for party in link.parties):
            continue
        following = PRINCIPAL_CHAIN[position + 1].since if position + 1 < len(PRINCIPAL_CHAIN) else None
        last = _dt.date.max if following is None else following - _dt.timedelta(days=1)
        windows.append((link.parties, link.since or _dt.date.min, last))
    return windows


def principal_periods(dataset: Dataset | None = None) -> tuple[tuple[Relation, _dt.date, _dt.date], ...]:
    """The relation periods of the principal chain in order, each with the days it stands for.

    Each pair of `sinosoviet.query.PRINCIPAL_CHAIN` stands for the relationship from its
    ``since`` day to the day before the next pair's; a period of that pair is listed when it
    overlaps those days, as ``(relation, first, last)`` with the days clipped to them
    (``date.min`` and ``date.max`` where a period or the chain is open). Pairs whose actors
    the dataset lacks are skipped.
    """
    dataset = _dataset(dataset)
    found: list[tuple[Relation, _dt.date, _dt.date]] = []
    for pair, first, last in _chain_windows(dataset):
        for relation in dataset.query.relations(parties=pair, start=first, end=last):
            found.append((relation, max(first, relation.when.earliest), min(last, relation.when.latest)))
    return tuple(found)


def dyad_years(dataset: Dataset | None = None, *, last_year: int | None = None) -> tuple[DyadYear, ...]:
    """The COW-style dyad-year table of the principal chain.

    One row per pair of `sinosoviet.query.PRINCIPAL_CHAIN` (ROC–Soviet Russia, ROC–USSR,
    PRC–USSR, PRC–Russia) and per year the pair covers *as the principal relationship*: the
    days its relation periods cover within the days the chain follows that pair (so ROC–USSR
    ends on 1 October 1949, when the chain moves to the PRC, even if the data goes on with the
    ROC on Taiwan). A period still open is cut at the end of ``last_year``, by default the year
    of the last finite day of any dated record. A pair with no periods, or whose actors the
    dataset lacks, has no rows. Rows are ordered by year, then by place in the chain, so the
    years the chain changes pair (1922, 1949, 1991) have two rows and the later one holds the
    relationship at year end.

    ``status_year_end`` equals ``status_on(day, parties=pair)`` for 31 December, or for the
    pair's last covered day in its last year; ``armed_conflict`` counts the members of each
    party too (an army that belongs to a state fights for it).
    """
    dataset = _dataset(dataset)
    query = dataset.query
    if last_year is not None and (type(last_year) is not int or not 1 <= last_year <= 9999):
        raise TypeError(f"last_year must be an int year from 1 to 9999, not {last_year!r}")
    horizon = _dt.date(last_year if last_year is not None else _horizon(dataset).year, 12, 31)
    rows: list[tuple[int, DyadYear]] = []
    periods = principal_periods(dataset)
    for position, (pair, _, _) in enumerate(_chain_windows(dataset)):
        spans = [(first, last) for relation, first, last in periods if relation.parties == pair]
        if not spans:
            continue
        first_actor, second_actor = (dataset.actors_by_id[party] for party in pair)
        first_day = min(first for first, _ in spans)
        last_day = min(max(last for _, last in spans), horizon)
        if first_day == _dt.date.min:  # an unknown start: begin with the first known day
            first_day = min((first for first, _ in spans if first != _dt.date.min), default=last_day)
        for year in range(first_day.year, last_day.year + 1):
            start = max(_dt.date(year, 1, 1), first_day)
            end = min(_dt.date(year, 12, 31), last_day)
            in_year = query.relations(parties=pair, start=start, end=end)
            year_end = query.status_on(end, parties=pair)
            alliances = query.treaties(in_force_on=year, party=pair[0], kind="alliance")
            fights = [
                {
                    e.id
                    for e in query.events(
                        start=year,
                        end=year,
                        kind="military",
                        actor=side,
                        role="belligerent",
                        include_members=True,
                    )
                }
                for side in pair
            ]
            rows.append(
                (
                    position,
                    DyadYear(
                        year=year,
                        party_a=pair[0],
                        party_b=pair[1],
                        ccode_a=_ccode(first_actor),
                        ccode_b=_ccode(second_actor),
                        status_max=max((p.status for p in in_year), key=lambda s: s.severity, default=None),
                        status_year_end=None if year_end is None else year_end.status,
                        alliance=any(pair[1] in t.parties for t in alliances),
                        armed_conflict=any(p.status is RelationStatus.ARMED_CONFLICT for p in in_year)
                        or bool(fights[0] & fights[1]),
                    ),
                )
            )
    # Stable: within a pair the years are already in order.
    return tuple(row for _, row in sorted(rows, key=lambda item: (item[1].year, item[0])))


def _dyad_cells(row: DyadYear) -> dict[str, Cell]:
    return {name: _plain(getattr(row, name)) for name in DYAD_YEAR_COLUMNS}


def write_dyad_years(
    dataset: Dataset | None, out: str | PathLike[str], *, last_year: int | None = None
) -> Path:
    """Write the dyad-year table as ``dyad_years.csv`` into a folder; return its path.

    Booleans are written ``1``/``0`` and a missing code or status is blank, as COW files do.
    """
    from pathlib import Path

    from sinosoviet._files import write_atomically

    rows = []
    for row in dyad_years(dataset, last_year=last_year):
        cells = _dyad_cells(row)
        cells["alliance"] = int(row.alliance)
        cells["armed_conflict"] = int(row.armed_conflict)
        rows.append(cells)
    write_atomically(out, {"dyad_years.csv": _csv_bytes(DYAD_YEAR_COLUMNS, rows)})
    return Path(out) / "dyad_years.csv"


def dyad_years_frame(dataset: Dataset | None = None, *, last_year: int | None = None) -> pd.DataFrame:
    """The dyad-year table as a pandas DataFrame (codes as nullable ``Int64``).

    Raises:
        ImportError: pandas is not installed (``pip install "sinosoviet[pandas]"``).
    """
    pandas = _pandas()
    rows = [_dyad_cells(row) for row in dyad_years(dataset, last_year=last_year)]
    frame = _frame(pandas, DYAD_YEAR_COLUMNS, rows)
    for column in ("ccode_a", "ccode_b"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _dataset(dataset: Dataset | None) -> Dataset:
    from sinosoviet.dataset import Dataset, load

    if dataset is None:
        return load()
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a sinosoviet.Dataset or None, not {type(dataset).__name__}")
    return dataset
