"""The COW-style dyad-year table of the principal chain, with the peer datasets' codes.

The table follows Correlates of War conventions: a dyad is named by the two COW state codes
(``ccode1``, ``ccode2``), a non-directed row puts the lower code first (365, 710), a directed
table has both orders, and the key columns ``ccode1``, ``ccode2``, ``year`` come first. Its
status and event columns come from this dataset; its alliance, dispute, war, crisis, conflict
and rivalry columns come from the peer episodes shipped with it (`sinosoviet._peers`), so that
a row says what COW, ATOP, MID, ICB, UCDP and Thompson et al. code for that year. The
codebook (docs/codebook.md, "Dyad-years") defines every column.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from os import PathLike
from typing import TYPE_CHECKING, Any, Final

import attrs
from attrs import frozen

from sinosoviet.export._tables import Cell, _csv_bytes, _dataset, _frame, _pandas, _plain
from sinosoviet.records import Actor, EventKind, IdScheme, Relation, RelationStatus

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from sinosoviet._peers import PeerEpisode
    from sinosoviet.dataset import Dataset


class CoverageError(ValueError):
    """The years asked of the dyad-year table lie outside what the data covers, or give no row.

    A `ValueError`. ``first`` and ``last`` are the years the data covers (None when it covers
    none); the message names the years asked for and those covered.
    """

    def __init__(self, message: str, first: int | None = None, last: int | None = None) -> None:
        super().__init__(message)
        self.first = first
        self.last = last


@frozen(kw_only=True)
class DyadYear:
    """One year of the China–Russia/USSR dyad (a row of the dyad-year table).

    See docs/codebook.md ("Dyad-years") for each column and the convention it follows.
    """

    #: COW state codes; in a non-directed table ``ccode1 < ccode2``.
    ccode1: int
    ccode2: int
    year: int
    #: The actor ids holding ``ccode1`` and ``ccode2`` at the last covered day of the year.
    actor1: str
    actor2: str
    #: The status on 31 December (or on the last covered day of the year).
    status_year_end: RelationStatus
    #: The most hostile status (highest `RelationStatus.severity`) in force on any day of the year.
    status_most_hostile: RelationStatus
    days_alliance: int
    days_cooperation: int
    days_normal: int
    days_no_relations: int
    days_tension: int
    days_hostility: int
    days_armed_conflict: int
    #: COW Formal Alliances v4.1 type flags, 1 when an alliance of that type joins the two in
    #: the year; ``version4id`` lists those alliances.
    alliance_defense: bool
    alliance_neutrality: bool
    alliance_nonaggression: bool
    alliance_entente: bool
    version4id: tuple[str, ...]
    #: An ATOP alliance joins the two in the year; ``atopid`` lists them.
    atop_alliance: bool
    atopid: tuple[str, ...]
    #: A MID 5.0 dispute with the two on opposite sides is ongoing (begins) in the year.
    mid_ongoing: bool
    mid_onset: bool
    dispnum: tuple[str, ...]
    dispnum_onset: tuple[str, ...]
    #: A COW inter-state war between the two is ongoing in the year.
    war_ongoing: bool
    warnum: tuple[str, ...]
    #: An ICB crisis with both as crisis actors overlaps the year.
    icb_crisis: bool
    crisno: tuple[str, ...]
    #: A UCDP/PRIO armed conflict between the two is active in the year.
    ucdp_conflict: bool
    conflict_id: tuple[str, ...]
    #: A Thompson et al. (2021) strategic rivalry between the two spans the year.
    strategic_rivalry: bool
    tssr_id: tuple[str, ...]
    #: Events of this dataset of each kind that begin in the year with both sides taking part.
    events_aid: int
    events_death: int
    events_diplomatic: int
    events_dissolution: int
    events_economic: int
    events_founding: int
    events_ideological: int
    events_leadership: int
    events_military: int
    events_political: int
    events_statement: int
    events_summit: int
    events_treaty: int
    events_visit: int


#: The columns of the dyad-year table, in order.
DYAD_YEAR_COLUMNS: Final = tuple(a.name for a in attrs.fields(DyadYear))

#: The peer datasets behind the peer columns: (scheme, flag column, ids column, onset ids column).
_PEER_COLUMNS: Final = (
    (IdScheme.ATOP, "atop_alliance", "atopid"),
    (IdScheme.COW_MID, "mid_ongoing", "dispnum"),
    (IdScheme.COW_WAR, "war_ongoing", "warnum"),
    (IdScheme.ICB_CRISIS, "icb_crisis", "crisno"),
    (IdScheme.UCDP_CONFLICT, "ucdp_conflict", "conflict_id"),
    (IdScheme.THOMPSON_RIVALRY, "strategic_rivalry", "tssr_id"),
)
_COW_TYPES: Final = ("defense", "neutrality", "nonaggression", "entente")


def _ccode(actor: Actor) -> int | None:
    value = actor.external_id(IdScheme.COW_CCODE)
    return None if value is None else int(value)


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


def _finite(day: _dt.date) -> bool:
    return day not in (_dt.date.min, _dt.date.max)


def coverage(dataset: Dataset | None = None) -> tuple[int, int] | None:
    """The first and last year the data covers the principal chain, or None when it covers none.

    Only pairs whose actors both carry a COW state code count. The first year is that of the
    first known day of any principal period; the last is that of the last finite day any of
    them states (an end, or the start of a period still open). A period still open is followed
    to the end of that year and no further: later years would extrapolate it.
    """
    dataset = _dataset(dataset)
    days = [
        day
        for relation, first, last in principal_periods(dataset)
        if all(_ccode(dataset.actors_by_id[p]) is not None for p in relation.parties)
        for day in (first, last)
        if _finite(day)
    ]
    if not days:
        return None
    return min(days).year, max(days).year


def _year(value: object, name: str) -> int | None:
    if value is not None and (type(value) is not int or not 1 <= value <= 9999):
        raise TypeError(f"{name} must be an int year from 1 to 9999, not {value!r}")
    return value


def _peer_by_year(ccodes: tuple[int, int]) -> dict[tuple[IdScheme, int], list[PeerEpisode]]:
    from sinosoviet._peers import peer_episodes

    found: dict[tuple[IdScheme, int], list[PeerEpisode]] = defaultdict(list)
    for episode in peer_episodes():
        if episode.ccodes == ccodes:
            for year in episode.years():
                found[episode.dataset, year].append(episode)
    return found


def _event_counts(
    dataset: Dataset, windows: list[tuple[tuple[str, str], _dt.date, _dt.date]]
) -> dict[int, dict[EventKind, int]]:
    """Events with both sides of a chain pair (or their members), by first day's year and kind."""
    counts: dict[int, dict[EventKind, int]] = defaultdict(lambda: dict.fromkeys(EventKind, 0))
    seen: set[str] = set()
    query = dataset.query
    for pair, first, last in windows:
        sides = [{e.id for e in query.events(actor=side, include_members=True)} for side in pair]
        for event_id in sorted(sides[0] & sides[1]):
            event = dataset.events_by_id[event_id]
            day = event.when.earliest
            if event_id not in seen and _finite(day) and first <= day <= last:
                seen.add(event_id)
                counts[day.year][event.kind] += 1
    return counts


def dyad_years(
    dataset: Dataset | None = None,
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    directed: bool = False,
) -> tuple[DyadYear, ...]:
    """The COW-style dyad-year table of the principal chain (China 710 – Russia/USSR 365).

    One row per year the data covers (`coverage`: 1917 to 1991 for the shipped data), for the
    dyad of COW codes that the chain's actors carry (ROC and PRC 710; Soviet Russia, the USSR
    and Russia 365), with ``ccode1 < ccode2``; with ``directed=True`` each year has both
    orders, ``(365, 710)`` and ``(710, 365)``. Rows are ordered by ``ccode1``, ``ccode2``,
    ``year``. In the years the chain changes pair (1922, 1949, 1991) the row pools the pairs:
    its days count every covered day of the year, and its actors and year-end status are those
    of the pair holding the relationship on the year's last covered day.

    ``first_year`` and ``last_year`` narrow the years (inclusive). Pairs whose actors lack a
    COW code are left out. The peer columns (alliances, disputes, wars, crises, conflicts,
    rivalries) come from the shipped peer episodes of the same two codes, whichever dataset is
    given.

    Raises:
        TypeError: a year is not an int, or ``directed`` not a bool.
        CoverageError: a year lies outside the years the data covers (an end beyond them would
            extrapolate a period still open), ``first_year`` is after ``last_year``, or the
            dataset covers no year of the chain.
    """
    dataset = _dataset(dataset)
    first_year, last_year = _year(first_year, "first_year"), _year(last_year, "last_year")
    if type(directed) is not bool:
        raise TypeError(f"directed must be True or False, not {directed!r}")
    covered = coverage(dataset)
    if covered is None:
        raise CoverageError(
            "no dyad-year to give: the dataset has no relation period of the principal chain"
            " between actors with COW state codes"
        )
    low, high = covered
    span = f"the data covers {low}-{high}"
    for name, value in (("first_year", first_year), ("last_year", last_year)):
        if value is not None and value > high:
            raise CoverageError(
                f"{name} {value} is beyond the data ({span}); later years would extrapolate a"
                " period still open",
                low,
                high,
            )
        if value is not None and value < low:
            raise CoverageError(f"{name} {value} is before the data ({span})", low, high)
    start = low if first_year is None else first_year
    end = high if last_year is None else last_year
    if start > end:
        raise CoverageError(
            f"no dyad-year from {start} to {end}: the first year is after the last ({span})", low, high
        )

    windows = [
        (pair, first, last)
        for pair, first, last in _chain_windows(dataset)
        if all(_ccode(dataset.actors_by_id[p]) is not None for p in pair)
    ]
    horizon = _dt.date(high, 12, 31)
    periods = [
        (relation, first, min(last, horizon))
        for relation, first, last in principal_periods(dataset)
        if any(relation.parties == pair for pair, _, _ in windows)
    ]
    counts = _event_counts(dataset, windows)
    rows: list[DyadYear] = []
    peers_cache: dict[tuple[int, int], dict[tuple[IdScheme, int], list[PeerEpisode]]] = {}
    for year in range(start, end + 1):
        year_first, year_last = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        days = dict.fromkeys(RelationStatus, 0)
        last_period: tuple[Relation, _dt.date] | None = None
        for relation, first, last in periods:
            begin, finish = max(first, year_first), min(last, year_last)
            if begin <= finish:
                days[relation.status] += finish.toordinal() - begin.toordinal() + 1
                if last_period is None or finish > last_period[1]:
                    last_period = (relation, finish)
        if last_period is None:
            continue  # a year between pairs that no period covers
        relation = last_period[0]
        by_code = sorted(relation.parties, key=lambda p: _ccode(dataset.actors_by_id[p]) or 0)
        codes = (_ccode(dataset.actors_by_id[by_code[0]]) or 0, _ccode(dataset.actors_by_id[by_code[1]]) or 0)
        if codes not in peers_cache:
            peers_cache[codes] = _peer_by_year(codes)
        peers = peers_cache[codes]
        cells: dict[str, Any] = {
            "ccode1": codes[0],
            "ccode2": codes[1],
            "year": year,
            "actor1": by_code[0],
            "actor2": by_code[1],
            "status_year_end": relation.status,
            "status_most_hostile": max((s for s, n in days.items() if n), key=lambda s: s.severity),
        }
        cells.update({f"days_{status.value}": n for status, n in days.items()})
        alliances = peers.get((IdScheme.COW_ALLIANCE, year), [])
        for kind in _COW_TYPES:
            cells[f"alliance_{kind}"] = any(kind in e.types for e in alliances)
        cells["version4id"] = tuple(e.id for e in alliances)
        for scheme, flag, ids in _PEER_COLUMNS:
            found = peers.get((scheme, year), [])
            cells[flag] = bool(found)
            cells[ids] = tuple(e.id for e in found)
        onsets = tuple(e.id for e in peers.get((IdScheme.COW_MID, year), []) if e.when.earliest.year == year)
        cells["mid_onset"] = bool(onsets)
        cells["dispnum_onset"] = onsets
        of_year = counts.get(year, dict.fromkeys(EventKind, 0))
        cells.update({f"events_{kind.value}": n for kind, n in of_year.items()})
        row = DyadYear(**cells)
        rows.append(row)
        if directed:
            rows.append(
                attrs.evolve(row, ccode1=row.ccode2, ccode2=row.ccode1, actor1=row.actor2, actor2=row.actor1)
            )
    if not rows:
        raise CoverageError(f"no dyad-year from {start} to {end} ({span})", low, high)
    return tuple(sorted(rows, key=lambda r: (r.ccode1, r.ccode2, r.year)))


def _dyad_cells(row: DyadYear) -> dict[str, Cell]:
    return {name: _plain(getattr(row, name)) for name in DYAD_YEAR_COLUMNS}


def write_dyad_years(
    dataset: Dataset | None,
    out: str | PathLike[str],
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    directed: bool = False,
) -> Path:
    """Write the dyad-year table as ``dyad_years.csv`` into a folder; return its path.

    Booleans are written ``1``/``0`` as COW files do; a list of ids is one cell, its ids joined
    with ``" | "`` (blank when there is none). The table is built before anything is written,
    so an error (`CoverageError` for years outside the data) leaves no file.
    """
    from pathlib import Path

    from sinosoviet._files import write_atomically

    rows = []
    for row in dyad_years(dataset, first_year=first_year, last_year=last_year, directed=directed):
        cells: dict[str, Cell] = {}
        for name in DYAD_YEAR_COLUMNS:
            value = getattr(row, name)
            cells[name] = (
                int(value)
                if isinstance(value, bool)
                else value
                if isinstance(value, tuple)
                else _plain(value)
            )
        rows.append(cells)
    write_atomically(out, {"dyad_years.csv": _csv_bytes(DYAD_YEAR_COLUMNS, rows)})
    return Path(out) / "dyad_years.csv"


def dyad_years_frame(
    dataset: Dataset | None = None,
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    directed: bool = False,
) -> pd.DataFrame:
    """The dyad-year table as a pandas DataFrame (ids as tuples, flags as bools).

    Raises:
        ImportError: pandas is not installed (``pip install "sinosoviet[pandas]"``).
        CoverageError: as `dyad_years`.
    """
    pandas = _pandas()
    rows = [
        {
            name: getattr(row, name) if name in _KEEP else _plain(getattr(row, name))
            for name in DYAD_YEAR_COLUMNS
        }
        for row in dyad_years(dataset, first_year=first_year, last_year=last_year, directed=directed)
    ]
    return _frame(pandas, DYAD_YEAR_COLUMNS, rows)


#: Columns the frame keeps as Python values (tuples of ids) rather than JSON-plain lists.
_KEEP: Final = frozenset(
    {"version4id", "atopid", "dispnum", "dispnum_onset", "warnum", "crisno", "conflict_id", "tssr_id"}
)
