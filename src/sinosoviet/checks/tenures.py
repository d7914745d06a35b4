"""Checks of office tenures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sinosoviet._index import normalise
from sinosoviet.checks._catalogue import _CITE, _PRC, Finding, _check, _Context, _end_bounds, _start_bounds
from sinosoviet.checks._report import Severity
from sinosoviet.records import (
    ActorKind,
    Tenure,
)

# -- tenures ------------------------------------------------------------------------------------


@_check(
    "holder-not-person",
    Severity.ERROR,
    {
        "actors": [
            _PRC,
            {
                "id": "ccp",
                "kind": "party",
                "name": "Chinese Communist Party",
                "lifespan": "1921-07/..",
                "citations": _CITE,
            },
        ],
        "tenures": [
            {
                "id": "ccp-rules-prc",
                "holder": "ccp",
                "office": "Ruling party",
                "organization": "prc",
                "when": "1949-10-01/..",
                "citations": _CITE,
            }
        ],
    },
)
def _holders_not_persons(context: _Context) -> Iterator[Finding]:
    """A tenure is held by an actor that is not a person.

    Offices are held by people; a party ruling a state or a state holding a seat is an event
    or a relation, not a tenure.
    """
    for tenure in context.unique("tenures"):
        holder = context.actors.get(tenure.holder)
        if holder is not None and holder.kind is not ActorKind.PERSON:
            yield (
                "tenure",
                tenure.id,
                f"holder {holder.id!r} is a {holder.kind.value}, not a person",
            )


@_check(
    "office-overlap",
    Severity.ERROR,
    {
        "actors": [
            {
                "id": "ccp",
                "kind": "party",
                "name": "Chinese Communist Party",
                "lifespan": "1921-07/..",
                "citations": _CITE,
            },
            {
                "id": "mao-zedong",
                "kind": "person",
                "name": "Mao Zedong",
                "lifespan": "1893-12-26/1976-09-09",
                "citations": _CITE,
            },
            {
                "id": "hua-guofeng",
                "kind": "person",
                "name": "Hua Guofeng",
                "lifespan": "1921-02-16/2008-08-20",
                "citations": _CITE,
            },
        ],
        "tenures": [
            {
                "id": "mao-chairman-ccp",
                "holder": "mao-zedong",
                "office": "Chairman",
                "organization": "ccp",
                "when": "1943-03-20/1976-09-09",
                "citations": _CITE,
            },
            {
                "id": "hua-chairman-ccp",
                "holder": "hua-guofeng",
                "office": "Chairman",
                "organization": "ccp",
                "when": "1976-01/1981-06-28",
                "citations": _CITE,
            },
        ],
    },
)
def _office_overlaps(context: _Context) -> Iterator[Finding]:
    """Two people hold a single-holder office at the same time.

    An office is single-holder unless its tenures say ``"concurrent": true``; tenures of the
    same organization and office (compared as names are: case and spacing ignored) that are
    not concurrent must not overlap. Judged on bounds: an error when they certainly share more
    than a handover day (one may end on the day the next begins). Reported on the later tenure.
    """
    offices: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
    for tenure in context.unique("tenures"):
        if not tenure.concurrent:
            offices[(tenure.organization, normalise(tenure.office))].append(tenure)
    for tenures in offices.values():
        tenures.sort(key=lambda t: (*t.when.sort_key, t.id))
        for position, later in enumerate(tenures):
            later_start, later_end = _start_bounds(later.when)[1], _end_bounds(later.when)[0]
            for earlier in tenures[:position]:
                if _start_bounds(earlier.when)[1] < later_end and later_start < _end_bounds(earlier.when)[0]:
                    yield (
                        "tenure",
                        later.id,
                        (
                            f"{later.holder!r} holds {later.office!r} of {later.organization!r}"
                            f" over {later.when},"
                            f" while {earlier.holder!r} holds it ({earlier.id!r}, {earlier.when})"
                        ),
                    )
