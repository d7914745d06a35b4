"""The COW-style dyad-year table of the principal chain."""

from __future__ import annotations

import datetime as _dt
from os import PathLike
from typing import TYPE_CHECKING, Final

import attrs
from attrs import frozen

from sinosoviet.export._tables import Cell, _csv_bytes, _dataset, _frame, _pandas, _plain
from sinosoviet.records import Actor, IdScheme, Relation, RelationStatus

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from sinosoviet.dataset import Dataset


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
