"""The catalogue's machinery: the `Check` entry, registration, the shared context and date helpers."""

from __future__ import annotations

import datetime as _dt
import inspect
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from attrs import field, frozen

from sinosoviet.dates import IntervalEnd, PartialDate, When
from sinosoviet.records import (
    Treaty,
)

if TYPE_CHECKING:
    from sinosoviet.dataset import Dataset
from sinosoviet.checks._report import _TYPE_NAME, Problem, Severity

#: How long a successor may exist alongside its predecessor before the succession is suspect:
#: a year, leap day included. New states and governments are often proclaimed some months
#: before the old one is formally dissolved; a longer overlap usually means a wrong link.
SUCCESSION_OVERLAP_DAYS: Final = 366


# -- the catalogue ------------------------------------------------------------------------------

#: What a check function yields: (record type, record id, message).
Finding: TypeAlias = tuple[str, str, str]


@frozen(kw_only=True)
class Check:
    """One entry of the catalogue.

    Attributes:
        name: the name of the check function, without its leading underscore.
        code: the stable code its problems carry.
        severity: the severity of its problems.
        description: what it catches, in a paragraph (the function's docstring).
        example: a minimal dataset that triggers it, as JSON text: an object mapping file stems
            to arrays of records. Files not given are empty; a source ``s`` is always present.
        structural: true when `load` already refuses such data; the check then only guards
            datasets built in Python with attrs validators switched off.
    """

    name: str
    code: str
    severity: Severity
    description: str
    example: str
    structural: bool = False
    run: Callable[[_Context], Iterable[Finding]] = field(repr=False)

    def problems(self, context: _Context) -> Iterator[Problem]:
        """Run the check and turn its findings into problems."""
        for record_type, record, message in self.run(context):
            yield Problem(
                code=self.code,
                severity=self.severity,
                record_type=record_type,
                record=record,
                message=message,
            )


_REGISTRY: list[Check] = []
_CheckFunction: TypeAlias = Callable[["_Context"], Iterable[Finding]]


def _check(
    code: str, severity: Severity, example: Mapping[str, Any], *, structural: bool = False
) -> Callable[[_CheckFunction], _CheckFunction]:
    """Register a check function in the catalogue under ``code``."""

    def register(function: _CheckFunction) -> _CheckFunction:
        assert all(c.code != code for c in _REGISTRY), f"code {code!r} registered twice"
        _REGISTRY.append(
            Check(
                name=function.__name__.lstrip("_"),
                code=code,
                severity=severity,
                description=inspect.cleandoc(function.__doc__ or ""),
                example=json.dumps(example, ensure_ascii=False),
                structural=structural,
                run=function,
            )
        )
        return function

    return register


class _Context:
    """The dataset under check and the lookups every check shares."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.sources = data.sources_by_id
        self.actors = data.actors_by_id
        self.events = data.events_by_id
        #: What several checks derive alike, computed once per run (see `checks.events._episodes`).
        self.memo: dict[str, Any] = {}

    def unique(self, stem: str) -> Iterator[Any]:
        """The records of one type, the first of each id only."""
        seen: set[str] = set()
        for record in getattr(self.data, stem):
            if record.id not in seen:
                seen.add(record.id)
                yield record


# -- date helpers -------------------------------------------------------------------------------

_FIRST_DAY: Final = _dt.date.min
_LAST_DAY: Final = _dt.date.max


def _start_bounds(when: When) -> tuple[_dt.date, _dt.date]:
    """The earliest and latest day a span may begin on."""
    if isinstance(when, PartialDate):
        return when.earliest, when.latest
    if isinstance(when.start, PartialDate):
        return when.start.earliest, when.start.latest
    if when.start is IntervalEnd.OPEN:
        return _FIRST_DAY, _FIRST_DAY
    return _FIRST_DAY, when.latest


def _end_bounds(when: When) -> tuple[_dt.date, _dt.date]:
    """The earliest and latest day a span may end on."""
    if isinstance(when, PartialDate):
        return when.earliest, when.latest
    if isinstance(when.end, PartialDate):
        return when.end.earliest, when.end.latest
    if when.end is IntervalEnd.OPEN:
        return _LAST_DAY, _LAST_DAY
    return when.earliest, _LAST_DAY


def _cannot_lie_within(inner: When, outer: When) -> bool:
    """True when the bounds make it certain that ``inner`` does not lie within ``outer``."""
    return _start_bounds(inner)[1] < _start_bounds(outer)[0] or _end_bounds(inner)[0] > _end_bounds(outer)[1]


def _days_between(first: _dt.date, then: _dt.date) -> int:
    return then.toordinal() - first.toordinal()


def _day(value: _dt.date) -> str:
    return (
        "the beginning of time"
        if value == _FIRST_DAY
        else "the end of time"
        if value == _LAST_DAY
        else value.isoformat()
    )


def _treaty_span(treaty: Treaty) -> tuple[_dt.date, _dt.date] | None:
    """The days a treaty may have been in force: from in force (or signed) to ended, or open."""
    start = treaty.in_force or treaty.signed
    if start is None:
        return None
    return start.earliest, treaty.ended.latest if treaty.ended is not None else _LAST_DAY


def _name(record: Any) -> str:
    return _TYPE_NAME[type(record)]


def _cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components that hold a cycle (Tarjan, iterative), members sorted."""
    graph: dict[str, list[str]] = defaultdict(list)
    for first, then in edges:
        graph[first].append(then)
        graph.setdefault(then, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            if position < len(successors):
                work.append((node, position + 1))
                nxt = successors[position]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    found.append(sorted(component))
    return sorted(found)


# -- example data shared by the catalogue's examples ----------------------------------------

_CITE: Final = [{"source": "s"}]
_PRC: Final = {
    "id": "prc",
    "kind": "state",
    "name": "People's Republic of China",
    "lifespan": "1949-10-01/..",
    "citations": _CITE,
}
_USSR: Final = {
    "id": "ussr",
    "kind": "state",
    "name": "Soviet Union",
    "lifespan": "1922-12-30/1991-12-26",
    "citations": _CITE,
}
