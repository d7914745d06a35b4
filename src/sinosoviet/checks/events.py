"""Checks of events and their links."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from sinosoviet.checks._catalogue import (
    _CITE,
    _PRC,
    _USSR,
    Finding,
    _cannot_lie_within,
    _check,
    _Context,
    _cycles,
)
from sinosoviet.checks._report import Severity
from sinosoviet.checks.lifespans import _outside
from sinosoviet.records import INTERACTION_KINDS, LinkKind

# -- events -------------------------------------------------------------------------------------

_TWO_EVENTS: Final = [
    {
        "id": "sino-soviet-split",
        "when": "1956/1966",
        "title": "The Sino-Soviet split",
        "kind": "political",
        "participants": [{"actor": "prc", "role": "participant"}],
        "citations": _CITE,
    },
]


@_check(
    "cause-after-effect",
    Severity.ERROR,
    {
        "actors": [_PRC],
        "events": [
            {
                "id": "secret-speech",
                "when": "1956-02-25",
                "title": "Khrushchev's secret speech",
                "kind": "political",
                "participants": [{"actor": "prc", "role": "target"}],
                "citations": _CITE,
            },
            {
                "id": "mao-dies",
                "when": "1976-09-09",
                "title": "Death of Mao",
                "kind": "death",
                "participants": [{"actor": "prc", "role": "subject"}],
                "links": [{"kind": "led_to", "target": "secret-speech"}],
                "citations": _CITE,
            },
        ],
    },
)
def _causes_after_effects(context: _Context) -> Iterator[Finding]:
    """A causal link points backwards in time.

    ``led_to``: the event that leads to another is not certainly after it. ``response_to``: the
    event responded to is not certainly after the response. Judged on bounds; reported on the
    event that holds the link.
    """
    for event in context.unique("events"):
        for link in event.links:
            target = context.events.get(link.target)
            if target is None:
                continue
            if link.kind is LinkKind.LED_TO and event.when.earliest > target.when.latest:
                yield (
                    "event",
                    event.id,
                    (
                        f"led_to {target.id!r} ({target.when}), which is certainly before this event"
                        f" ({event.when})"
                    ),
                )
            elif link.kind is LinkKind.RESPONSE_TO and target.when.earliest > event.when.latest:
                yield (
                    "event",
                    event.id,
                    (
                        f"response_to {target.id!r} ({target.when}), which is certainly after this event"
                        f" ({event.when})"
                    ),
                )


@_check(
    "part-outside-whole",
    Severity.ERROR,
    {
        "actors": [_PRC],
        "events": [
            *_TWO_EVENTS,
            {
                "id": "vienna-conference",
                "when": "1968-11",
                "title": "A late polemic",
                "kind": "statement",
                "participants": [{"actor": "prc", "role": "initiator"}],
                "links": [{"kind": "part_of", "target": "sino-soviet-split"}],
                "citations": _CITE,
            },
        ],
    },
)
def _parts_outside_wholes(context: _Context) -> Iterator[Finding]:
    """An event that is ``part_of`` another does not lie within it.

    Judged on bounds: an error when the part certainly begins before the whole begins, or
    certainly ends after the whole ends. Reported on the part.
    """
    for event in context.unique("events"):
        for link in event.links:
            whole = context.events.get(link.target)
            if (
                link.kind is LinkKind.PART_OF
                and whole is not None
                and _cannot_lie_within(event.when, whole.when)
            ):
                yield (
                    "event",
                    event.id,
                    (
                        f"part_of {whole.id!r} ({whole.when}), but this event ({event.when})"
                        f" {_outside(event.when, whole.when)}"
                    ),
                )


@_check(
    "event-without-participants",
    Severity.WARNING,
    {
        "events": [
            {
                "id": "moscow-conference",
                "when": "1957-11",
                "title": "Moscow conference of communist parties",
                "kind": "ideological",
                "citations": _CITE,
            }
        ]
    },
)
def _events_without_participants(context: _Context) -> Iterator[Finding]:
    """An event names no participant.

    Possible (a natural disaster, a publication), but usually a participant was forgotten, and
    an event without participants is found by no query by actor.
    """
    for event in context.unique("events"):
        if not event.participants:
            yield "event", event.id, "names no participant, so no query by actor finds it"


@_check(
    "self-link",
    Severity.ERROR,
    {
        "actors": [_PRC],
        "events": [
            {
                "id": "sino-soviet-split",
                "when": "1956/1966",
                "title": "The Sino-Soviet split",
                "kind": "ideological",
                "participants": [{"actor": "prc", "role": "initiator"}],
                "links": [{"kind": "led_to", "target": "sino-soviet-split"}],
                "citations": _CITE,
            }
        ],
    },
)
def _self_links(context: _Context) -> Iterator[Finding]:
    """An event links to itself.

    No event causes, answers, contains or dates itself; such a link is a slip of the id.
    """
    for event in context.unique("events"):
        for index, link in enumerate(event.links):
            if link.target == event.id:
                yield "event", event.id, f"links[{index}] ({link.kind.value}) names the event itself"


@_check(
    "part-of-cycle",
    Severity.ERROR,
    {
        "actors": [_PRC],
        "events": [
            {**_TWO_EVENTS[0], "links": [{"kind": "part_of", "target": "polemics"}]},
            {
                "id": "polemics",
                "when": "1956/1966",
                "title": "The open polemics",
                "kind": "ideological",
                "participants": [{"actor": "prc", "role": "initiator"}],
                "links": [{"kind": "part_of", "target": "sino-soviet-split"}],
                "citations": _CITE,
            },
        ],
    },
)
def _part_of_cycles(context: _Context) -> Iterator[Finding]:
    """Following ``part_of`` links leads back to where it started.

    Episodes nest: a part lies within its whole, and no whole is a part of its own part. Each
    cycle is reported once, on its first event by id. A link of an event to itself is the
    ``self-link`` check's alone.
    """
    edges = [
        (event.id, link.target)
        for event in context.unique("events")
        for link in event.links
        if link.kind is LinkKind.PART_OF and link.target in context.events and link.target != event.id
    ]
    for component in _cycles(edges):
        members = " -> ".join(component)
        yield "event", component[0], f"part_of cycle among {len(component)} events: {members}"


def _episodes(context: _Context) -> frozenset[str]:
    """The ids of the events that other events are ``part_of`` (a link to itself is not counted)."""
    found: frozenset[str] | None = context.memo.get("episodes")
    if found is None:
        found = frozenset(
            link.target
            for event in context.unique("events")
            for link in event.links
            if link.kind is LinkKind.PART_OF and link.target != event.id
        )
        context.memo["episodes"] = found
    return found


@_check(
    "uncoded-interaction",
    Severity.WARNING,
    {
        "actors": [_PRC, _USSR],
        "events": [
            {
                "id": "moscow-talks-1950",
                "when": "1950-01-22",
                "title": "Mao and Stalin hold talks in Moscow",
                "kind": "summit",
                "participants": [{"actor": "prc", "role": "visitor"}, {"actor": "ussr", "role": "host"}],
                "citations": _CITE,
            }
        ],
    },
)
def _uncoded_interactions(context: _Context) -> Iterator[Finding]:
    """An interaction between actors carries no CAMEO coding.

    Events of the interaction kinds (`sinosoviet.records.INTERACTION_KINDS`: aid, diplomatic,
    economic, ideological, military, statement, summit, treaty, visit) with two or more
    participants should say, in `Event.codings`, who did what to whom; without codings the
    event counts in no Goldstein series. An event with a single participant is not judged, nor
    an episode (an event that others are ``part_of``), which is coded through its parts.
    """
    wholes = _episodes(context)
    for event in context.unique("events"):
        if event.id in wholes:
            continue  # an episode is coded through its parts (see episode-coded)
        if event.kind in INTERACTION_KINDS and not event.codings and len(event.actor_ids) >= 2:
            yield (
                "event",
                event.id,
                f"a {event.kind.value} event between {len(event.actor_ids)} actors has no CAMEO coding",
            )


@_check(
    "episode-coded",
    Severity.WARNING,
    {
        "actors": [_PRC, _USSR],
        "events": [
            {
                "id": "border-war-1969",
                "when": "1969-03-02/1969-09-11",
                "title": "The border war of 1969",
                "kind": "military",
                "participants": [
                    {"actor": "prc", "role": "belligerent"},
                    {"actor": "ussr", "role": "belligerent"},
                ],
                "codings": [{"source": "ussr", "target": "prc", "cameo": "190"}],
                "citations": _CITE,
            },
            {
                "id": "zhenbao-clash",
                "when": "1969-03-02",
                "title": "Clash on Zhenbao Island",
                "kind": "military",
                "participants": [
                    {"actor": "prc", "role": "belligerent"},
                    {"actor": "ussr", "role": "belligerent"},
                ],
                "links": [{"kind": "part_of", "target": "border-war-1969"}],
                "codings": [{"source": "prc", "target": "ussr", "cameo": "190"}],
                "citations": _CITE,
            },
        ],
    },
)
def _episodes_coded(context: _Context) -> Iterator[Finding]:
    """An episode carries codings of its own, though other events are its parts.

    An episode (an event that another event is ``part_of``) is told, and coded, through its
    parts: codings on the episode too would count its actions twice in a Goldstein series.
    Reported on the episode.
    """
    for event in context.unique("events"):
        if event.id in _episodes(context) and event.codings:
            yield (
                "event",
                event.id,
                f"has parts (other events are part_of it) and {len(event.codings)} coding(s) of its own;"
                " code the parts only",
            )
