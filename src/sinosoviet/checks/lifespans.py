"""Checks that actors exist when the data says they acted."""

from __future__ import annotations

from collections.abc import Iterator

from sinosoviet.checks._catalogue import (
    _CITE,
    _PRC,
    _USSR,
    Finding,
    _cannot_lie_within,
    _check,
    _Context,
    _day,
    _end_bounds,
    _start_bounds,
)
from sinosoviet.checks._report import Severity
from sinosoviet.dates import When
from sinosoviet.records import (
    POSTHUMOUS_ROLES,
)

# -- lifespans ----------------------------------------------------------------------------------


@_check(
    "participant-outside-lifespan",
    Severity.ERROR,
    {
        "events": [
            {
                "id": "zhenbao-clash",
                "when": "1930-05-05",
                "title": "Clash on Zhenbao Island",
                "kind": "military",
                "participants": [{"actor": "prc", "role": "belligerent"}],
                "citations": _CITE,
            }
        ],
        "actors": [_PRC],
    },
)
def _participants_outside_lifespan(context: _Context) -> Iterator[Finding]:
    """An event names a participant that did not exist at the event's date.

    Judged on bounds: an error when the actor's lifespan cannot overlap the event's span (a
    person not yet born or already dead, a state not yet founded or already dissolved). A
    posthumous role (`sinosoviet.POSTHUMOUS_ROLES`, e.g. the subject of a funeral) may come
    after the actor's lifespan, but not before it.
    """
    for event in context.unique("events"):
        for participant in event.participants:
            actor = context.actors.get(participant.actor)
            if actor is None:
                continue
            life = actor.lifespan
            if life.earliest > event.when.latest:
                yield (
                    "event",
                    event.id,
                    (
                        f"names participant {actor.id!r} ({participant.role.value}) on {event.when},"
                        " before that"
                        f" actor's lifespan begins {_day(life.earliest)}"
                    ),
                )
            elif life.latest < event.when.earliest and participant.role not in POSTHUMOUS_ROLES:
                yield (
                    "event",
                    event.id,
                    (
                        f"names participant {actor.id!r} ({participant.role.value}) on {event.when},"
                        " after that"
                        f" actor's lifespan ends {_day(life.latest)}"
                    ),
                )


def _outside(inner: When, outer: When) -> str:
    if _start_bounds(inner)[1] < _start_bounds(outer)[0]:
        return f"begins before {_day(_start_bounds(outer)[0])}"
    return f"ends after {_day(_end_bounds(outer)[1])}"


@_check(
    "holder-outside-lifespan",
    Severity.ERROR,
    {
        "actors": [
            {
                "id": "mao-zedong",
                "kind": "person",
                "name": "Mao Zedong",
                "lifespan": "1893-12-26/1976-09-09",
                "citations": _CITE,
            },
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
                "id": "mao-chairman-ccp",
                "holder": "mao-zedong",
                "office": "Chairman",
                "organization": "ccp",
                "when": "1943-03-20/1981-06-28",
                "citations": _CITE,
            }
        ],
    },
)
def _holders_outside_lifespan(context: _Context) -> Iterator[Finding]:
    """A tenure's holder was not alive during the whole tenure.

    Judged on bounds: an error when the tenure certainly begins before the holder's lifespan
    begins or certainly ends after it ends.
    """
    return _tenures_outside_lifespan(context, "holder", "is not alive")


def _tenures_outside_lifespan(context: _Context, field: str, verb: str) -> Iterator[Finding]:
    """Tenures whose ``holder`` or ``organization`` does not exist throughout them."""
    for tenure in context.unique("tenures"):
        actor = context.actors.get(getattr(tenure, field))
        if actor is not None and _cannot_lie_within(tenure.when, actor.lifespan):
            yield (
                "tenure",
                tenure.id,
                (
                    f"{field} {actor.id!r} (lifespan {actor.lifespan}) {verb} throughout the tenure"
                    f" {tenure.when}: it {_outside(tenure.when, actor.lifespan)}"
                ),
            )


@_check(
    "organization-outside-lifespan",
    Severity.ERROR,
    {
        "actors": [
            {
                "id": "vladimir-lenin",
                "kind": "person",
                "name": "Vladimir Lenin",
                "lifespan": "1870-04-22/1924-01-21",
                "citations": _CITE,
            },
            {
                "id": "soviet-russia",
                "kind": "state",
                "name": "Soviet Russia",
                "lifespan": "1917-11-07/1922-12-30",
                "citations": _CITE,
            },
        ],
        "tenures": [
            {
                "id": "lenin-sovnarkom-chairman",
                "holder": "vladimir-lenin",
                "office": "Chairman of the Council of People's Commissars",
                "organization": "soviet-russia",
                "when": "1917-11-08/1924-01-21",
                "citations": _CITE,
            }
        ],
    },
)
def _organizations_outside_lifespan(context: _Context) -> Iterator[Finding]:
    """A tenure's organisation did not exist during the whole tenure.

    An office is held in a state, party or other body that exists throughout the tenure; when
    a state is succeeded (Soviet Russia by the USSR), its offices end with it and the new
    state's offices begin. Judged on bounds: an error when the tenure certainly begins before
    the organisation's lifespan begins or certainly ends after it ends.
    """
    return _tenures_outside_lifespan(context, "organization", "does not exist")


@_check(
    "party-outside-lifespan",
    Severity.ERROR,
    {
        "actors": [_PRC, _USSR],
        "relations": [
            {
                "id": "prc-ussr-alliance",
                "parties": ["prc", "ussr"],
                "status": "normal",
                "when": "1945-08-14/1960-07",
                "citations": _CITE,
            }
        ],
    },
)
def _parties_outside_lifespan(context: _Context) -> Iterator[Finding]:
    """A relation period extends beyond the lifespan of one of its parties.

    Both parties exist throughout the period. Judged on bounds: an error when the period
    certainly begins before, or certainly ends after, a party's lifespan.
    """
    for relation in context.unique("relations"):
        for party in relation.parties:
            actor = context.actors.get(party)
            if actor is not None and _cannot_lie_within(relation.when, actor.lifespan):
                yield (
                    "relation",
                    relation.id,
                    (
                        f"party {actor.id!r} (lifespan {actor.lifespan}) does not exist throughout the period"
                        f" {relation.when}: it {_outside(relation.when, actor.lifespan)}"
                    ),
                )


@_check(
    "treaty-party-outside-lifespan",
    Severity.ERROR,
    {
        "actors": [
            _PRC,
            {**_USSR},
        ],
        "treaties": [
            {
                "id": "sino-soviet-non-aggression-pact",
                "name": "Sino-Soviet Non-Aggression Pact",
                "kind": "non_aggression",
                "parties": ["prc", "ussr"],
                "signed": "1937-08-21",
                "citations": _CITE,
            }
        ],
    },
)
def _treaty_parties_outside_lifespan(context: _Context) -> Iterator[Finding]:
    """A party to a treaty did not exist on the day the treaty was signed.

    The PRC cannot have signed the 1937 pact: that was the Republic of China. Judged on bounds:
    an error when the signing date certainly lies before the party's lifespan begins or after
    it ends. A treaty without a signing date is not judged.
    """
    for treaty in context.unique("treaties"):
        if treaty.signed is None:
            continue
        for party in treaty.parties:
            actor = context.actors.get(party)
            if actor is not None and _cannot_lie_within(treaty.signed, actor.lifespan):
                yield (
                    "treaty",
                    treaty.id,
                    (
                        f"party {actor.id!r} (lifespan {actor.lifespan}) did not exist when the treaty"
                        f" was signed ({treaty.signed}): the signing"
                        f" {_outside(treaty.signed, actor.lifespan)}"
                    ),
                )
