"""Checks of relation periods: overlaps, gaps, alliances and their boundary events."""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Final

from sinosoviet.checks._catalogue import (
    _CITE,
    _LAST_DAY,
    _PRC,
    _USSR,
    Finding,
    _check,
    _Context,
    _days_between,
    _treaty_span,
)
from sinosoviet.checks._report import Severity
from sinosoviet.dates import IntervalEnd, PartialDate
from sinosoviet.records import (
    Relation,
    RelationStatus,
    TreatyKind,
)

# -- relations ----------------------------------------------------------------------------------


def _relations_by_pair(context: _Context) -> dict[tuple[str, str], list[Relation]]:
    pairs: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for relation in context.unique("relations"):
        pairs[relation.parties].append(relation)
    for periods in pairs.values():
        periods.sort(key=lambda r: (*r.when.sort_key, r.id))
    return pairs


def _seams(context: _Context) -> Iterator[tuple[Relation, Relation, str]]:
    """Each relation period after the first of its pair, the period it follows, and the fault.

    The fault is "" (contiguous), "overlap" or "gap". A period follows the earlier period that
    reaches furthest; an unknown end or start at the seam is a gap (it cannot be shown to meet).
    """
    for periods in _relations_by_pair(context).values():
        reaching = periods[0]
        for period in periods[1:]:
            if reaching.when.end is IntervalEnd.UNKNOWN or period.when.start is IntervalEnd.UNKNOWN:
                fault = "gap"
            elif period.when.earliest <= reaching.when.latest:
                fault = "overlap"
            elif _days_between(reaching.when.latest, period.when.earliest) != 1:
                fault = "gap"
            else:
                fault = ""
            yield reaching, period, fault
            if period.when.latest > reaching.when.latest:
                reaching = period


_PERIODS_EXAMPLE_ACTORS: Final = [_PRC, _USSR]


@_check(
    "relation-overlap",
    Severity.ERROR,
    {
        "actors": _PERIODS_EXAMPLE_ACTORS,
        "relations": [
            {
                "id": "prc-ussr-alliance",
                "parties": ["prc", "ussr"],
                "status": "cooperation",
                "when": "1949-10-02/1960-07",
                "citations": _CITE,
            },
            {
                "id": "prc-ussr-split",
                "parties": ["prc", "ussr"],
                "status": "tension",
                "when": "1960-06/1969-03-01",
                "citations": _CITE,
            },
        ],
    },
)
def _relation_overlaps(context: _Context) -> Iterator[Finding]:
    """Two relation periods of the same pair of parties overlap.

    For each pair, periods partition the time they cover. Judged on bounds: a period that may
    begin on or before the last day an earlier period may end overlaps it (an open end overlaps
    every later period). Reported on the later period.
    """
    for reaching, period, fault in _seams(context):
        if fault == "overlap":
            yield (
                "relation",
                period.id,
                (
                    f"period {period.when} overlaps {reaching.id!r} ({reaching.when}) of the same parties;"
                    f" it should begin on {_next_day(reaching.when.latest)}"
                ),
            )


def _next_day(day: _dt.date) -> str:
    return "(no later day)" if day == _LAST_DAY else (day + _dt.timedelta(days=1)).isoformat()


@_check(
    "relation-gap",
    Severity.ERROR,
    {
        "actors": _PERIODS_EXAMPLE_ACTORS,
        "relations": [
            {
                "id": "prc-ussr-alliance",
                "parties": ["prc", "ussr"],
                "status": "cooperation",
                "when": "1949-10-02/1960-06",
                "citations": _CITE,
            },
            {
                "id": "prc-ussr-split",
                "parties": ["prc", "ussr"],
                "status": "tension",
                "when": "1960-08/1969-03-01",
                "citations": _CITE,
            },
        ],
    },
)
def _relation_gaps(context: _Context) -> Iterator[Finding]:
    """Two consecutive relation periods of the same pair do not meet.

    The contiguity rule (docs/contributing-data.md): a period begins on the day after the
    previous one ends, judged on calendar bounds (``1960-06`` ends on 30 June, so the next
    period begins ``1960-07`` or ``1960-07-01``). An unknown end or start between two periods is
    a gap too. Reported on the later period.
    """
    for reaching, period, fault in _seams(context):
        if fault == "gap":
            if reaching.when.end is IntervalEnd.UNKNOWN or period.when.start is IntervalEnd.UNKNOWN:
                detail = "the boundary between them is unknown"
            else:
                detail = f"it should begin on {_next_day(reaching.when.latest)}"
            yield (
                "relation",
                period.id,
                (
                    f"period {period.when} does not follow on from {reaching.id!r} ({reaching.when})"
                    " of the same"
                    f" parties: {detail}"
                ),
            )


@_check(
    "alliance-without-treaty",
    Severity.WARNING,
    {
        "actors": _PERIODS_EXAMPLE_ACTORS,
        "relations": [
            {
                "id": "prc-ussr-alliance",
                "parties": ["prc", "ussr"],
                "status": "alliance",
                "when": "1950-02-14/1960-06",
                "citations": _CITE,
            }
        ],
    },
)
def _alliances_without_treaty(context: _Context) -> Iterator[Finding]:
    """A relation period has the status alliance, but no alliance treaty of its parties is in force.

    A treaty counts when its kind is ``alliance``, both parties are among its parties, and the
    span from its ``in_force`` (or ``signed``) date to its ``ended`` date (open if not ended)
    may overlap the period. An alliance without a written treaty is possible, hence a warning.
    """
    alliances = [
        (frozenset(t.parties), span)
        for t in context.unique("treaties")
        if t.kind is TreatyKind.ALLIANCE and (span := _treaty_span(t)) is not None
    ]
    for relation in context.unique("relations"):
        if relation.status is not RelationStatus.ALLIANCE:
            continue
        if any(party not in context.actors for party in relation.parties):
            continue
        parties = set(relation.parties)
        if not any(
            parties <= treaty_parties and first <= relation.when.latest and relation.when.earliest <= last
            for treaty_parties, (first, last) in alliances
        ):
            yield (
                "relation",
                relation.id,
                (
                    f"status alliance over {relation.when}, but no alliance treaty between"
                    f" {relation.parties[0]!r} and {relation.parties[1]!r} is in force then"
                ),
            )


@_check(
    "boundary-event-mismatch",
    Severity.WARNING,
    {
        "actors": _PERIODS_EXAMPLE_ACTORS,
        "events": [
            {
                "id": "zhenbao-clash",
                "when": "1969-03-02",
                "title": "Clash on Zhenbao Island",
                "kind": "military",
                "participants": [
                    {"actor": "prc", "role": "belligerent"},
                    {"actor": "ussr", "role": "belligerent"},
                ],
                "codings": [
                    {"source": "prc", "target": "ussr", "cameo": "190"},
                    {"source": "ussr", "target": "prc", "cameo": "190"},
                ],
                "citations": _CITE,
            }
        ],
        "relations": [
            {
                "id": "prc-ussr-tension",
                "parties": ["prc", "ussr"],
                "status": "tension",
                "when": "1960-07/1966",
                "closed_by": "zhenbao-clash",
                "citations": _CITE,
            }
        ],
    },
)
def _boundary_event_mismatches(context: _Context) -> Iterator[Finding]:
    """A relation period's ``opened_by`` or ``closed_by`` event does not fit its boundary.

    Judged on bounds: the opening event must not come certainly after the period begins (a
    cause may come before); the closing event must not come certainly before the period begins
    or certainly later than the day after it ends (the event that ends a period often falls on
    the first day of the next). A ``closed_by`` on a period with an open or unknown end is
    reported too.
    """
    for relation in context.unique("relations"):
        opener = context.events.get(relation.opened_by) if relation.opened_by else None
        start = relation.when.start
        if opener is not None and isinstance(start, PartialDate) and opener.when.earliest > start.latest:
            yield (
                "relation",
                relation.id,
                (f"opened_by {opener.id!r} ({opener.when}) comes after the period begins ({start})"),
            )
        closer = context.events.get(relation.closed_by) if relation.closed_by else None
        if closer is None:
            continue
        if not isinstance(relation.when.end, PartialDate):
            yield (
                "relation",
                relation.id,
                (f"closed_by {closer.id!r} ({closer.when}), but the period {relation.when} has no end date"),
            )
        elif _days_between(relation.when.end.latest, closer.when.earliest) > 1:
            yield (
                "relation",
                relation.id,
                (
                    f"closed_by {closer.id!r} ({closer.when}) comes after the period ends"
                    f" ({relation.when.end})"
                ),
            )
        elif closer.when.latest < relation.when.earliest:
            yield (
                "relation",
                relation.id,
                (f"closed_by {closer.id!r} ({closer.when}) comes before the period begins ({relation.when})"),
            )
