"""Checks of date order within a record."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from sinosoviet.checks._catalogue import _CITE, _PRC, _USSR, Finding, _check, _Context, _name
from sinosoviet.checks._report import Severity
from sinosoviet.dates import Interval, IntervalEnd, PartialDate
from sinosoviet.records import (
    Actor,
    Treaty,
)

# -- dates --------------------------------------------------------------------------------------


def _misordered(when: Any) -> str | None:
    if not isinstance(when, Interval):
        return None
    start, end = when.start, when.end
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and start.earliest > end.latest:
        return f"starts ({when.start}) after it ends ({when.end})"
    if when.start is IntervalEnd.UNKNOWN and when.end is IntervalEnd.UNKNOWN:
        return "has neither a known nor an open end"
    return None


@_check(
    "dates-out-of-order",
    Severity.ERROR,
    {
        "treaties": [
            {
                "id": "treaty-1950",
                "name": "Treaty of Friendship, Alliance and Mutual Assistance",
                "kind": "alliance",
                "parties": ["prc", "ussr"],
                "signed": "1950-02-14",
                "in_force": "1950-04-11",
                "ended": "1950-01-01",
                "citations": _CITE,
            }
        ],
        "actors": [_PRC, _USSR],
    },
    structural=True,
)
def _dates_out_of_order(context: _Context) -> Iterator[Finding]:
    """An interval starts after it ends, or a treaty's signed, in force and ended dates are out of order.

    Judged on bounds: ``1950/1950-03`` is in order, ``1950-04/1950-03`` is not. `load` refuses
    such dates already; the check guards datasets built in Python with attrs validators
    switched off.
    """
    for record in context.data.records():
        if isinstance(record, Treaty):
            steps = [
                (n, d)
                for n, d in (
                    ("signed", record.signed),
                    ("in_force", record.in_force),
                    ("ended", record.ended),
                )
                if d is not None
            ]
            for (first_name, first), (then_name, then) in itertools.pairwise(steps):
                if first.earliest > then.latest:
                    yield "treaty", record.id, f"{first_name} ({first}) is after {then_name} ({then})"
            continue
        span = getattr(record, "lifespan" if isinstance(record, Actor) else "when", None)
        fault = _misordered(span)
        if fault is not None:
            label = "lifespan" if isinstance(record, Actor) else "when"
            yield _name(record), record.id, f"{label} {span} {fault}"
