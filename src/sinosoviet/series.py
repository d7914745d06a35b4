"""The relationship's temperature: Goldstein weights of the CAMEO codings, summed by period.

`goldstein_series` turns the codings of the events (`sinosoviet.Coding`) into a series by
year or by month, in the manner of WEIS and GDELT studies: each coding contributes the
Goldstein weight of its CAMEO code (-10 to +10), and a period's row sums them.

Which codings count:

* **Parties.** With ``parties=(a, b)``, a coding counts when its source is on one side and its
  target on the other; an actor is on a side when it is that party or one of its members
  (`Actor.member_of`, followed through several levels: the Soviet Army is on the USSR's side).
  Without parties the series follows the principal chain (`sinosoviet.PRINCIPAL_CHAIN`), as
  `status_on` does: a coding counts for the pair in force on the day its event starts
  (ROC–USSR until 1 October 1949, PRC–USSR from 2 October 1949, and so on).
* **Direction.** ``direction=None`` counts both ways; ``direction="ussr"`` only codings whose
  source is on that party's side (Soviet actions towards China).
* **Periods.** A coding counts in the period that certainly holds the start of its event. An
  event dated only to a year is counted in a yearly series but in no month of a monthly one (its
  month is unknown; it is not put in January), and one dated to a decade (``196X``) in neither.
  So a monthly series may sum to less than the yearly one over the same span.
* **Gaps.** Every period from the first to the last is a row; a period without a coding is a
  row of zeros (no interaction recorded), not missing data. With ``start``/``end`` the rows run
  over exactly those periods; without them, from the first to the last period with a coding.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from sinosoviet.dates import Interval, PartialDate, Precision

if TYPE_CHECKING:
    from sinosoviet.dataset import Dataset
    from sinosoviet.query import DateLike
    from sinosoviet.records import Coding, Event

__all__ = ["Freq", "SeriesRow"]

Freq = Literal["year", "month"]


class SeriesRow(NamedTuple):
    """One period of a Goldstein series."""

    #: The period: a year (``PartialDate('1969')``) or a month (``PartialDate('1969-03')``).
    period: PartialDate
    #: The number of codings counted in the period.
    events: int
    #: The sum of their Goldstein weights.
    net: float
    #: The sum of the positive weights.
    cooperation: float
    #: The sum of the negative weights (zero or less).
    conflict: float


def _period_of(event: Event, freq: Freq) -> tuple[int, int] | None:
    """(year, month) of the period that certainly holds the event's start; month 0 for years."""
    start = event.when.start if isinstance(event.when, Interval) else event.when
    if not isinstance(start, PartialDate):
        return None
    first, last = start.earliest, start.latest
    if freq == "year":
        return (first.year, 0) if first.year == last.year else None
    if start.precision is Precision.YEAR or (first.year, first.month) != (last.year, last.month):
        return None
    return first.year, first.month


def _periods(first: tuple[int, int], last: tuple[int, int], freq: Freq) -> Iterable[tuple[int, int]]:
    year, month = first
    while (year, month) <= last:
        yield year, month
        if freq == "year":
            year += 1
        else:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _as_date(period: tuple[int, int], freq: Freq) -> PartialDate:
    year, month = period
    return PartialDate(year=year) if freq == "year" else PartialDate(year=year, month=month)


def _check_freq(freq: object) -> Freq:
    if freq == "year" or freq == "month":
        return freq
    raise ValueError(f"freq must be 'year' or 'month', not {freq!r}")


def goldstein_series(
    dataset: Dataset,
    *,
    freq: Freq = "year",
    parties: Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    direction: str | None = None,
) -> tuple[SeriesRow, ...]:
    """The series of a dataset; see `sinosoviet.goldstein_series`."""
    from sinosoviet import query

    freq = _check_freq(freq)
    window = query._window(start, end)
    actors = query._actor_index(dataset)
    # Each pair as (side a, side b, first day, last day): the days its codings may start on.
    pairs: list[tuple[frozenset[str], frozenset[str], str, str, int, int]] = []
    if parties is None:
        for position, link in enumerate(query.PRINCIPAL_CHAIN):
            following = (
                query.PRINCIPAL_CHAIN[position + 1].since
                if position + 1 < len(query.PRINCIPAL_CHAIN)
                else None
            )
            a, b = link.parties
            pairs.append(
                (
                    actors.family(a, lineage=False, members=True),
                    actors.family(b, lineage=False, members=True),
                    a,
                    b,
                    _dt.date.min.toordinal() if link.since is None else link.since.toordinal(),
                    _dt.date.max.toordinal() if following is None else following.toordinal() - 1,
                )
            )
    else:
        a, b = query._pair(dataset, parties)
        pairs.append(
            (
                actors.family(a, lineage=False, members=True),
                actors.family(b, lineage=False, members=True),
                a,
                b,
                _dt.date.min.toordinal(),
                _dt.date.max.toordinal(),
            )
        )
    source_side: str | None = None
    if direction is not None:
        if not isinstance(direction, str):
            raise TypeError(f"direction must be an actor id or name, or None, not {type(direction).__name__}")
        source_side = query._actor(dataset, direction).id
        named = {p[2] for p in pairs} | {p[3] for p in pairs}
        if source_side not in named:
            raise ValueError(
                f"direction {direction!r} is not one of the parties ({', '.join(sorted(named))})"
            )

    totals: dict[tuple[int, int], list[float]] = {}
    for event in dataset.events:
        if not event.codings:
            continue
        day = event.when.earliest.toordinal()
        if window is not None and not window[0] <= day <= window[1]:
            continue
        period = _period_of(event, freq)
        if period is None:
            continue
        for coding in event.codings:
            if _counts(coding, day, pairs, source_side):
                weight = coding.goldstein
                row = totals.setdefault(period, [0, 0.0, 0.0, 0.0])
                row[0] += 1
                row[1] += weight
                if weight > 0:
                    row[2] += weight
                elif weight < 0:
                    row[3] += weight
    if window is not None:
        first_day, last_day = _dt.date.fromordinal(window[0]), _dt.date.fromordinal(window[1])
        span = (
            ((first_day.year, 0), (last_day.year, 0))
            if freq == "year"
            else (
                (first_day.year, first_day.month),
                (last_day.year, last_day.month),
            )
        )
    elif totals:
        span = (min(totals), max(totals))
    else:
        return ()
    rows = []
    for period in _periods(span[0], span[1], freq):
        count, net, cooperation, conflict = totals.get(period, (0, 0.0, 0.0, 0.0))
        rows.append(
            SeriesRow(
                period=_as_date(period, freq),
                events=int(count),
                net=round(net, 6),
                cooperation=round(cooperation, 6),
                conflict=round(conflict, 6),
            )
        )
    return tuple(rows)


def _counts(
    coding: Coding,
    day: int,
    pairs: list[tuple[frozenset[str], frozenset[str], str, str, int, int]],
    source_side: str | None,
) -> bool:
    for side_a, side_b, a, b, first, last in pairs:
        if not first <= day <= last:
            continue
        if coding.source in side_a and coding.target in side_b:
            return source_side is None or source_side == a
        if coding.source in side_b and coding.target in side_a:
            return source_side is None or source_side == b
    return False
