"""Checks of actors: succession, membership and names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sinosoviet._index import name_key
from sinosoviet.checks._catalogue import (
    _CITE,
    _PRC,
    _USSR,
    SUCCESSION_OVERLAP_DAYS,
    Finding,
    _check,
    _Context,
    _cycles,
    _days_between,
    _start_bounds,
)
from sinosoviet.checks._report import Severity
from sinosoviet.dates import PartialDate

# -- actors -------------------------------------------------------------------------------------


def _succession_edges(context: _Context) -> list[tuple[str, str]]:
    """(predecessor, successor) pairs named from either side, between actors that exist."""
    edges: set[tuple[str, str]] = set()
    for actor in context.unique("actors"):
        edges.update((actor.id, ref) for ref in actor.successors if ref in context.actors)
        edges.update((ref, actor.id) for ref in actor.predecessors if ref in context.actors)
    return sorted(edges)


@_check(
    "succession-cycle",
    Severity.ERROR,
    {
        "actors": [
            {**_PRC, "predecessors": ["roc"], "successors": ["roc"]},
            {
                "id": "roc",
                "kind": "state",
                "name": "Republic of China",
                "lifespan": "1912-01-01/..",
                "predecessors": ["prc"],
                "successors": ["prc"],
                "citations": _CITE,
            },
        ]
    },
)
def _succession_cycles(context: _Context) -> Iterator[Finding]:
    """Following ``successors`` (or ``predecessors`` backwards) leads back to where it started.

    Succession is read from both fields: A listing B as a successor and B listing A as a
    predecessor say the same thing. Each cycle is reported once, on its first actor by id.
    """
    for component in _cycles(_succession_edges(context)):
        members = " -> ".join(component)
        yield "actor", component[0], f"succession cycle among {len(component)} actor(s): {members}"


@_check(
    "membership-cycle",
    Severity.ERROR,
    {
        "actors": [
            {
                "id": "ccp",
                "kind": "party",
                "name": "Chinese Communist Party",
                "lifespan": "1921-07/..",
                "member_of": ["comintern"],
                "citations": _CITE,
            },
            {
                "id": "comintern",
                "kind": "organization",
                "name": "Communist International",
                "lifespan": "1919-03-02/1943-06-10",
                "member_of": ["ccp"],
                "citations": _CITE,
            },
        ]
    },
)
def _membership_cycles(context: _Context) -> Iterator[Finding]:
    """An actor is a member of itself, or following ``member_of`` leads back to where it started.

    Membership nests (a unit of an army of a state); no body is a member of its own member.
    Each cycle is reported once, on its first actor by id.
    """
    edges = [
        (actor.id, whole)
        for actor in context.unique("actors")
        for whole in actor.member_of
        if whole in context.actors
    ]
    for component in _cycles(edges):
        if len(component) == 1:
            yield "actor", component[0], "is a member of itself (member_of names its own id)"
        else:
            members = " -> ".join(component)
            yield "actor", component[0], f"membership cycle among {len(component)} actors: {members}"


@_check(
    "successor-too-early",
    Severity.ERROR,
    {
        "actors": [
            {
                "id": "soviet-russia",
                "kind": "state",
                "name": "Soviet Russia",
                "lifespan": "1917-11-07/1991-12-25",
                "successors": ["ussr"],
                "citations": _CITE,
            },
            {**_USSR, "predecessors": ["soviet-russia"]},
        ]
    },
)
def _successors_too_early(context: _Context) -> Iterator[Finding]:
    """A successor begins long before its predecessor ends.

    An error when the successor's lifespan certainly begins more than
    `SUCCESSION_OVERLAP_DAYS` (366) days before the predecessor's lifespan certainly ends. A
    predecessor without an end date (open or unknown: it lives on, as the Republic of China did
    on Taiwan) is not judged, nor is a link that is part of a succession cycle. Reported on the
    successor.
    """
    edges = _succession_edges(context)
    in_cycle = {member for component in _cycles(edges) for member in component}
    for first, then in edges:
        if first in in_cycle and then in in_cycle:
            continue
        predecessor, successor = context.actors[first], context.actors[then]
        if not isinstance(predecessor.lifespan.end, PartialDate):
            continue
        begins = _start_bounds(successor.lifespan)[1]
        ends = predecessor.lifespan.end.earliest
        if _days_between(begins, ends) > SUCCESSION_OVERLAP_DAYS:
            yield (
                "actor",
                successor.id,
                (
                    f"begins ({successor.lifespan}) more than {SUCCESSION_OVERLAP_DAYS} days before"
                    " its predecessor"
                    f" {predecessor.id!r} ends ({predecessor.lifespan.end})"
                ),
            )


@_check(
    "succession-not-mirrored",
    Severity.WARNING,
    {
        "actors": [
            {**_USSR, "predecessors": ["soviet-russia"]},
            {
                "id": "soviet-russia",
                "kind": "state",
                "name": "Soviet Russia",
                "lifespan": "1917-11-07/1922-12-30",
                "citations": _CITE,
            },
        ]
    },
)
def _succession_not_mirrored(context: _Context) -> Iterator[Finding]:
    """One actor names another as its successor or predecessor, and the other does not answer.

    Queries read succession from either side, so a one-sided link still works; but a reader of
    one record alone misses it, and a one-sided link is often a typo. Reported on the actor
    that should name the other. Links to actors that do not exist are left to
    ``dangling-reference``.
    """
    sides = (("successor", "successors", "predecessors"), ("predecessor", "predecessors", "successors"))
    for actor in context.unique("actors"):
        for role, named, answer in sides:
            for ref in getattr(actor, named):
                other = context.actors.get(ref)
                if other is not None and actor.id not in getattr(other, answer):
                    yield (
                        "actor",
                        other.id,
                        f"{actor.id!r} names it as a {role}, but its {answer} omit {actor.id!r}",
                    )


@_check(
    "ambiguous-name",
    Severity.ERROR,
    {
        "actors": [
            {**_PRC, "names": [{"text": "China", "lang": "en"}]},
            {
                "id": "roc",
                "kind": "state",
                "name": "Republic of China",
                "lifespan": "1912-01-01/..",
                "names": [{"text": "China", "lang": "en"}],
                "citations": _CITE,
            },
        ]
    },
)
def _ambiguous_names(context: _Context) -> Iterator[Finding]:
    """A name or alias names two actors, and the data does not declare it shared.

    Names are compared as queries compare them: case, diacritics, punctuation and spacing are
    ignored ("Lüshun" and "lushun" are one name), and an actor's id counts as one of its
    names. A name may name several actors only when every actor lists it among its ``names``
    with ``"shared": true``; an id or a primary ``name`` is never shared. Reported once per
    name, on the first actor by id.
    """
    keys: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    key_of = name_key(context.data.actors)
    for actor in context.unique("actors"):
        entries = [(actor.id, False), (actor.name, False), *((n.text, n.shared) for n in actor.names)]
        for text, shared in entries:
            key = key_of(text)
            if key:
                keys[key].append((actor.id, text, shared))
    for key, uses in sorted(keys.items()):
        actor_ids = sorted({actor_id for actor_id, _, _ in uses})
        if len(actor_ids) < 2 or all(shared for _, _, shared in uses):
            continue
        undeclared = sorted({actor_id for actor_id, _, shared in uses if not shared})
        yield (
            "actor",
            actor_ids[0],
            (
                f"the name {key!r} names {len(actor_ids)} actors ({', '.join(actor_ids)});"
                " not declared shared by"
                f' {", ".join(undeclared)}. Make it unique, or list it with "shared": true'
                " under names on every one"
            ),
        )
