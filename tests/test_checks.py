"""Tests for sinosoviet.checks: the catalogue, reports, soundness and completeness.

Soundness: a dataset from `sinosoviet.strategies.datasets` has no problem at all.
Completeness: for every check of the catalogue, injecting its fault into a valid dataset makes
exactly that check report it, for the record the fault is in.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sinosoviet import (
    POSTHUMOUS_ROLES,
    Actor,
    ActorKind,
    Citation,
    DataError,
    Dataset,
    Event,
    EventKind,
    ExternalId,
    IdScheme,
    Interval,
    IntervalEnd,
    Link,
    LinkKind,
    Name,
    PartialDate,
    Participant,
    Relation,
    RelationStatus,
    Role,
    Source,
    SourceKind,
    SourceLevel,
    Tenure,
    Treaty,
    TreatyKind,
    Variant,
    load,
)
from sinosoviet.checks import (
    CATALOGUE,
    SUCCESSION_OVERLAP_DAYS,
    Problem,
    Report,
    Severity,
    check,
    check_dataset,
    format_report,
)
from sinosoviet.records import INTERACTION_KINDS
from sinosoviet.strategies import datasets

DOCS = Path(__file__).resolve().parent.parent / "docs" / "checks.md"
STEMS = ("sources", "actors", "events", "relations", "treaties", "tenures")
STEM_OF = {
    Source: "sources",
    Actor: "actors",
    Event: "events",
    Relation: "relations",
    Treaty: "treaties",
    Tenure: "tenures",
}
RECORD_TYPE = {
    "sources": "source",
    "actors": "actor",
    "events": "event",
    "relations": "relation",
    "treaties": "treaty",
    "tenures": "tenure",
}


def type_of(record: Any) -> str:
    """The record type name a problem gives for this record."""
    return RECORD_TYPE[STEM_OF[type(record)]]


#: The codes are public and stable: renaming one breaks users' scripts. Add, never rename.
STABLE_CODES = {
    "alliance-without-treaty": "warning",
    "ambiguous-name": "error",
    "bare-ip-url": "error",
    "copy-of-invalid": "error",
    "boundary-event-mismatch": "warning",
    "cause-after-effect": "error",
    "dangling-citation": "error",
    "dangling-reference": "error",
    "dates-out-of-order": "error",
    "duplicate-id": "error",
    "event-without-participants": "warning",
    "holder-outside-lifespan": "error",
    "holder-not-person": "error",
    "membership-cycle": "error",
    "part-of-cycle": "error",
    "self-link": "error",
    "treaty-party-outside-lifespan": "error",
    "variant-dangling-reference": "error",
    "malformed-id": "error",
    "office-overlap": "error",
    "organization-outside-lifespan": "error",
    "part-outside-whole": "error",
    "participant-outside-lifespan": "error",
    "party-outside-lifespan": "error",
    "relation-gap": "error",
    "relation-overlap": "error",
    "succession-cycle": "error",
    "successor-too-early": "error",
    "succession-not-mirrored": "warning",
    "uncited-record": "error",
    "variant-bad-value": "error",
    "variant-equals-preferred": "error",
    "variant-unknown-field": "error",
    "uncoded-interaction": "warning",
    "episode-coded": "warning",
    "tertiary-only": "warning",
    "malformed-crosswalk-id": "error",
    "peer-dates-unrecorded": "warning",
    "peer-record-unlinked": "warning",
}

MISSING = "missing-record"
INJECTED = "injected"


def day(value: dt.date) -> PartialDate:
    return PartialDate(year=value.year, month=value.month, day=value.day)


def cite(data: Dataset) -> tuple[Citation, ...]:
    return (Citation(source=data.sources[0].id),)


def replace(data: Dataset, old: Any, new: Any) -> Dataset:
    """The dataset with one record swapped for another of the same type."""
    stem = STEM_OF[type(old)]
    records = [new if r is old else r for r in getattr(data, stem)]
    return attrs.evolve(data, **{stem: records})


def add(data: Dataset, *records: Any) -> Dataset:
    changes: dict[str, list[Any]] = {}
    for record in records:
        stem = STEM_OF[type(record)]
        changes.setdefault(stem, list(getattr(data, stem))).append(record)
    return attrs.evolve(data, **changes)


def injected_actor(data: Dataset, what: str, kind: ActorKind, lifespan: str) -> Actor:
    return Actor(
        id=f"{INJECTED}-{what}",
        kind=kind,
        name=f"Injected {what.title()}",
        lifespan=Interval.parse(lifespan),
        citations=cite(data),
    )


def far_future_actor(data: Dataset) -> Actor:
    """An actor that exists long after every generated date (the strategies stop at 2000)."""
    return injected_actor(data, "actor", ActorKind.PERSON, "2999-01-01/2999-12-31")


def ageless_actor(data: Dataset) -> Actor:
    """An organisation that exists before and after every generated date."""
    return injected_actor(data, "organization", ActorKind.ORGANIZATION, "1000-01-01/..")


def injected_tenure(data: Dataset, holder: Actor, organization: Actor) -> Tenure:
    """A tenure of 1950-1960 of ``holder`` in an office of ``organization``."""
    return Tenure(
        id=f"{INJECTED}-tenure",
        holder=holder.id,
        office="Injected Office",
        organization=organization.id,
        when=Interval.parse("1950/1960"),
        citations=cite(data),
    )


def late_event(data: Dataset, actor: str) -> Event:
    """An event after every generated date; its participant is a (posthumous) subject."""
    return Event(
        id=f"{INJECTED}-event",
        when=PartialDate.parse("2999-06-01"),
        title="Injected event",
        kind=EventKind.POLITICAL,
        participants=(Participant(actor=actor, role=Role.SUBJECT),),
        citations=cite(data),
    )


def referenced_ids(data: Dataset) -> set[str]:
    ids: set[str] = set()
    for record in data.records():
        if isinstance(record, Actor):
            ids.update(record.predecessors + record.successors + record.member_of)
        elif isinstance(record, Event):
            ids.update(p.actor for p in record.participants)
            ids.update(link.target for link in record.links)
        elif isinstance(record, Relation):
            ids.update(record.parties)
            ids.update(ref for ref in (record.opened_by, record.closed_by) if ref)
        elif isinstance(record, Treaty):
            ids.update(record.parties)
        elif isinstance(record, Tenure):
            ids.update((record.holder, record.organization))
        for citation in getattr(record, "citations", ()):
            ids.add(citation.source)
        for holder in (*getattr(record, "variants", ()), *getattr(record, "external_ids", ())):
            ids.update(c.source for c in holder.citations)
    return ids


def people(data: Dataset) -> list[Actor]:
    """The dataset's people (office holders must be people), or a skipped example."""
    found = [a for a in data.actors if a.kind is ActorKind.PERSON]
    assume(found)
    return found


def with_variants(record: Any) -> bool:
    return hasattr(record, "variants")


# -- injections: one per check; each returns the faulty dataset and the record at fault ---------

Injection = Callable[[Dataset, st.DataObject], tuple[Dataset, str, str]]
INJECTIONS: dict[str, Injection] = {}


def injects(code: str) -> Callable[[Injection], Injection]:
    def register(function: Injection) -> Injection:
        INJECTIONS[code] = function
        return function

    return register


@injects("duplicate-id")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(list(data.records())))
    return add(data, record), type_of(record), record.id


@injects("malformed-id")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    used = referenced_ids(data)
    candidates = [r for r in data.records() if r.id not in used]
    assume(candidates)
    record = draw.draw(st.sampled_from(candidates))
    bad = record.id.upper().replace("-", "_")
    with attrs.validators.disabled():
        return replace(data, record, attrs.evolve(record, id=bad)), type_of(record), bad


@injects("copy-of-invalid")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    source = draw.draw(st.sampled_from(list(data.sources)))
    target = draw.draw(st.sampled_from([source.id, "no-such-work"]))
    assume(target not in data.sources_by_id or target == source.id)
    return replace(data, source, attrs.evolve(source, copy_of=target)), "source", source.id


@injects("bare-ip-url")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    source = draw.draw(st.sampled_from(list(data.sources)))
    host = draw.draw(st.sampled_from(["192.0.2.7", "5.180.24.3:8080", "[2001:db8::1]"]))
    bad = attrs.evolve(source, url=f"http://{host}/page")
    return replace(data, source, bad), "source", source.id


@injects("dangling-reference")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    sites: list[tuple[Any, dict[str, Any]]] = []
    for actor in data.actors:
        for name in ("predecessors", "successors", "member_of"):
            sites.append((actor, {name: (*getattr(actor, name), MISSING)}))
    for event in data.events:
        role = draw.draw(st.sampled_from(Role))
        sites.append((event, {"participants": (*event.participants, Participant(actor=MISSING, role=role))}))
        kind = draw.draw(st.sampled_from(LinkKind))
        sites.append((event, {"links": (*event.links, Link(kind=kind, target=MISSING))}))
    for relation in data.relations:
        sites.append((relation, {"opened_by": MISSING}))
        sites.append((relation, {"closed_by": MISSING}))
    for treaty in data.treaties:
        sites.append((treaty, {"parties": (*treaty.parties, MISSING)}))
    for tenure in data.tenures:
        sites.append((tenure, {"holder": MISSING}))
        sites.append((tenure, {"organization": MISSING}))
    record, change = draw.draw(st.sampled_from(sites))
    return replace(data, record, attrs.evolve(record, **change)), type_of(record), record.id


def cited_records(data: Dataset) -> list[Any]:
    return [r for r in data.records() if hasattr(r, "citations")]


@injects("uncited-record")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(cited_records(data)))
    changed = attrs.evolve(record, citations=(Citation(source=MISSING, locator="p. 1"),))
    return replace(data, record, changed), type_of(record), record.id


@injects("dangling-citation")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(cited_records(data)))
    bad = Citation(source=MISSING)
    places = ["citations", "variant"]
    if getattr(record, "external_ids", ()):
        places.append("external")
    where = draw.draw(st.sampled_from(places))
    if where == "citations":
        changed = attrs.evolve(record, citations=(*record.citations, bad))
    elif where == "variant":
        variant = Variant(field="summary", value="Another summary", citations=(bad,))
        changed = attrs.evolve(record, variants=(*record.variants, variant))
    else:
        first = record.external_ids[0]
        external = attrs.evolve(first, citations=(*first.citations, bad))
        changed = attrs.evolve(record, external_ids=(external, *record.external_ids[1:]))
    return replace(data, record, changed), type_of(record), record.id


@injects("dates-out-of-order")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    # A tenure, not a treaty: Dataset sorts treaties by `Treaty.when`, which validates.
    holder = draw.draw(st.sampled_from(people(data)))
    first, last = holder.lifespan.earliest, min(holder.lifespan.latest, dt.date(2000, 12, 31))
    assume(first < last)
    ends = draw.draw(st.dates(first, last - dt.timedelta(days=1)))
    starts = draw.draw(st.dates(ends + dt.timedelta(days=1), last))
    with attrs.validators.disabled():
        when = Interval(start=day(starts), end=day(ends))
    tenure = Tenure(
        id=f"{INJECTED}-tenure",
        holder=holder.id,
        office="Injected Office",
        organization=holder.id,
        when=when,
        citations=cite(data),
    )
    return add(data, tenure), "tenure", tenure.id


@injects("participant-outside-lifespan")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    event = draw.draw(st.sampled_from(data.events))
    role = draw.draw(st.sampled_from([r for r in Role if r not in POSTHUMOUS_ROLES]))
    actor = far_future_actor(data)
    changed = attrs.evolve(event, participants=(*event.participants, Participant(actor=actor.id, role=role)))
    return add(replace(data, event, changed), actor), "event", event.id


@injects("holder-outside-lifespan")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    actor = far_future_actor(data)
    # The organisation exists throughout, so that only the holder is out of place.
    organization = ageless_actor(data)
    tenure = injected_tenure(data, actor, organization)
    return add(data, actor, organization, tenure), "tenure", tenure.id


@injects("organization-outside-lifespan")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    organization = far_future_actor(data)
    holder = draw.draw(st.sampled_from(people(data)))
    tenure = Tenure(
        id=f"{INJECTED}-tenure",
        holder=holder.id,
        office="Injected Office",
        organization=organization.id,
        when=holder.lifespan,
        citations=cite(data),
    )
    return add(data, organization, tenure), "tenure", tenure.id


@injects("party-outside-lifespan")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    actor = far_future_actor(data)
    other = draw.draw(st.sampled_from(data.actors))
    relation = Relation(
        id=f"{INJECTED}-relation",
        parties=tuple(sorted((actor.id, other.id))),
        status=RelationStatus.NORMAL,
        when=Interval.parse("1950/1960"),
        citations=cite(data),
    )
    return add(data, actor, relation), "relation", relation.id


def split(data: Dataset, draw: st.DataObject, gap_days: int) -> tuple[Dataset, str, str]:
    """Split a relation period in two at its first day: the second half starts ``gap_days`` later."""
    assume(data.relations)
    relation = draw.draw(st.sampled_from(data.relations))
    start = relation.when.start
    assert isinstance(start, PartialDate)  # the strategies always give a first day
    second_start = start.earliest + dt.timedelta(days=gap_days)
    assume(second_start <= relation.when.latest)
    first = attrs.evolve(relation, when=Interval(start=start, end=day(start.earliest)), closed_by=None)
    second = attrs.evolve(
        relation,
        id=f"{relation.id}-{INJECTED}",
        when=Interval(start=day(second_start), end=relation.when.end),
        # The period's events no longer fit the halves' new boundaries: boundary-event-mismatch.
        opened_by=None,
        closed_by=None,
    )
    # Reported on the later of the two in canonical order (the second, unless both are one day).
    later = max(first, second, key=lambda r: (*r.when.sort_key, r.id))
    return add(replace(data, relation, first), second), "relation", later.id


@injects("relation-overlap")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    return split(data, draw, 0)


@injects("relation-gap")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    return split(data, draw, 2)


@injects("alliance-without-treaty")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    assume(data.relations)
    relation = draw.draw(st.sampled_from(data.relations))
    if relation.status is RelationStatus.ALLIANCE:
        covering = [
            t
            for t in data.treaties
            if t.kind is TreatyKind.ALLIANCE
            and set(relation.parties) <= set(t.parties)
            and t.when.earliest <= relation.when.latest
            and relation.when.earliest <= t.when.latest
        ]
        return (
            attrs.evolve(data, treaties=[t for t in data.treaties if t not in covering]),
            "relation",
            relation.id,
        )
    changed = attrs.evolve(relation, status=RelationStatus.ALLIANCE, variants=())
    return replace(data, relation, changed), "relation", relation.id


@injects("boundary-event-mismatch")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    assume(data.relations)
    relation = draw.draw(st.sampled_from(data.relations))
    start = relation.when.start
    assert isinstance(start, PartialDate)
    event = attrs.evolve(late_event(data, relation.parties[0]), when=day(start.latest + dt.timedelta(days=1)))
    return (
        add(replace(data, relation, attrs.evolve(relation, opened_by=event.id)), event),
        "relation",
        relation.id,
    )


@injects("cause-after-effect")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    late = late_event(data, data.actors[0].id)
    other = draw.draw(st.sampled_from(data.events))
    if draw.draw(st.booleans()):
        late = attrs.evolve(late, links=(Link(kind=LinkKind.LED_TO, target=other.id),))
        return add(data, late), "event", late.id
    changed = attrs.evolve(other, links=(*other.links, Link(kind=LinkKind.RESPONSE_TO, target=late.id)))
    return add(replace(data, other, changed), late), "event", other.id


@injects("part-outside-whole")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    late = late_event(data, data.actors[0].id)
    other = draw.draw(st.sampled_from(data.events))
    if draw.draw(st.booleans()):
        late = attrs.evolve(late, links=(Link(kind=LinkKind.PART_OF, target=other.id),))
        # other is now an episode, coded through its parts (episode-coded otherwise)
        return add(replace(data, other, attrs.evolve(other, codings=())), late), "event", late.id
    changed = attrs.evolve(other, links=(*other.links, Link(kind=LinkKind.PART_OF, target=late.id)))
    return add(replace(data, other, changed), late), "event", other.id


@injects("event-without-participants")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    event = draw.draw(st.sampled_from(data.events))
    return replace(data, event, attrs.evolve(event, participants=(), codings=())), "event", event.id


@injects("succession-cycle")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    last = draw.draw(st.sampled_from(data.actors))
    chain = [last]
    while chain[0].predecessors:
        chain.insert(0, data.actors_by_id[chain[0].predecessors[0]])
    # Close the chain: the last actor names the first as its successor (itself if alone), and
    # the first answers, so that the link is not one-sided.
    first = chain[0]
    if first is last:
        changed = attrs.evolve(
            last, successors=(*last.successors, last.id), predecessors=(*last.predecessors, last.id)
        )
        return replace(data, last, changed), "actor", last.id
    closed = attrs.evolve(last, successors=(*last.successors, first.id))
    answered = attrs.evolve(first, predecessors=(*first.predecessors, last.id))
    return replace(replace(data, last, closed), first, answered), "actor", min(a.id for a in chain)


@injects("succession-not-mirrored")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    named = draw.draw(st.sampled_from(data.actors))
    # A new actor names an existing one as its predecessor or successor, one-sidedly. Its
    # lifespan lies after (or, as a predecessor, long before) every generated date, so no
    # other check minds the link.
    side = draw.draw(st.sampled_from(["predecessors", "successors"]))
    actor = attrs.evolve(far_future_actor(data), **{side: (named.id,)})
    if side == "successors":
        # As a predecessor it ends long before its successor begins.
        actor = attrs.evolve(actor, lifespan=Interval.parse("1000-01-01/1000-12-31"))
    return add(data, actor), "actor", named.id


@injects("successor-too-early")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    successor = draw.draw(st.sampled_from(data.actors))
    begins = successor.lifespan.start
    assert isinstance(begins, PartialDate)
    extra = draw.draw(st.integers(SUCCESSION_OVERLAP_DAYS + 1, 5000))
    predecessor = Actor(
        id=f"{INJECTED}-predecessor",
        kind=successor.kind,
        name="Injected Predecessor",
        lifespan=Interval(start=PartialDate(year=1800), end=day(begins.latest + dt.timedelta(days=extra))),
        successors=(successor.id,),
        citations=cite(data),
    )
    changed = attrs.evolve(successor, predecessors=(*successor.predecessors, predecessor.id))
    return add(replace(data, successor, changed), predecessor), "actor", successor.id


@injects("ambiguous-name")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    named = draw.draw(st.sampled_from(data.actors))
    other = draw.draw(st.sampled_from([a for a in data.actors if a.id != named.id]))
    text = draw.draw(st.sampled_from([named.id, named.name, *(n.text for n in named.names if not n.shared)]))
    # The clash survives the normalisation queries use: case, diacritics, punctuation.
    spelling = draw.draw(
        st.sampled_from(
            [
                text,
                text.upper(),
                "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)),
                text.replace("-", " "),
            ]
        )
    )
    changed = attrs.evolve(other, names=(*other.names, Name(text=spelling, lang="en")))
    return replace(data, other, changed), "actor", min(named.id, other.id)


def variant_holders(data: Dataset) -> list[Any]:
    return [r for r in data.records() if with_variants(r)]


@injects("variant-unknown-field")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(variant_holders(data)))
    field = draw.draw(st.sampled_from(["no_such_field", "id", "citations", "variants", "Title"]))
    variant = Variant(field=field, value="1950", citations=cite(data))
    return (
        replace(data, record, attrs.evolve(record, variants=(*record.variants, variant))),
        type_of(record),
        record.id,
    )


BAD_VALUES = {
    Actor: [("lifespan", "1950"), ("lifespan", "not a date"), ("kind", "empire")],
    Event: [("when", "1950-13-01"), ("kind", "party")],
    Relation: [("when", "1950-03-01"), ("status", "friendly")],
    Treaty: [("signed", "1950/1951"), ("ended", "soon"), ("end_reason", "forgotten")],
    Tenure: [("when", "next year"), ("concurrent", "yes")],
}


@injects("variant-bad-value")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(variant_holders(data)))
    field, value = draw.draw(st.sampled_from(BAD_VALUES[type(record)]))
    variant = Variant(field=field, value=value, citations=cite(data))
    return (
        replace(data, record, attrs.evolve(record, variants=(*record.variants, variant))),
        type_of(record),
        record.id,
    )


def written(value: Any) -> str:
    if isinstance(value, PartialDate | Interval):
        return str(value)
    return str(getattr(value, "value", value))


PREFERRED_FIELDS = {
    Actor: ("name", "kind", "lifespan"),
    Event: ("title", "kind", "when"),
    Relation: ("status", "when"),
    Treaty: ("name", "kind", "signed"),
    Tenure: ("office", "when", "holder"),
}


@injects("variant-equals-preferred")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(variant_holders(data)))
    field = draw.draw(st.sampled_from(PREFERRED_FIELDS[type(record)]))
    assume(getattr(record, field) is not None)
    variant = Variant(field=field, value=written(getattr(record, field)), citations=cite(data))
    return (
        replace(data, record, attrs.evolve(record, variants=(*record.variants, variant))),
        type_of(record),
        record.id,
    )


@injects("office-overlap")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    def certain_core(t: Tenure) -> bool:
        # Certainly held on more than a handover day (docs/checks.md: how dates are judged).
        start_latest = t.when.start.latest if isinstance(t.when.start, PartialDate) else t.when.latest
        if isinstance(t.when.end, PartialDate):
            end_earliest = t.when.end.earliest
        else:
            end_earliest = dt.date.max if t.when.end is IntervalEnd.OPEN else t.when.earliest
        return start_latest < end_earliest

    candidates = [t for t in data.tenures if certain_core(t)]
    assume(candidates)
    tenure = draw.draw(st.sampled_from(candidates))
    copy = attrs.evolve(tenure, id=f"{tenure.id}-{INJECTED}", concurrent=False)
    return add(replace(data, tenure, attrs.evolve(tenure, concurrent=False)), copy), "tenure", copy.id


@injects("self-link")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    event = draw.draw(st.sampled_from(data.events))
    kind = draw.draw(st.sampled_from(LinkKind))
    changed = attrs.evolve(event, links=(*event.links, Link(kind=kind, target=event.id)))
    return replace(data, event, changed), "event", event.id


@injects("part-of-cycle")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    # A whole and its part, both of one span: the whole is made a part of its part.
    anchor = draw.draw(st.sampled_from(data.events))
    length = draw.draw(st.integers(2, 3))
    chain = [
        attrs.evolve(anchor, id=f"{INJECTED}-whole-{n}", links=(), codings=(), variants=())
        for n in range(length)
    ]
    chain = [
        attrs.evolve(event, links=(Link(kind=LinkKind.PART_OF, target=chain[(n + 1) % length].id),))
        for n, event in enumerate(chain)
    ]
    return add(data, *chain), "event", min(e.id for e in chain)


@injects("membership-cycle")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    members = draw.draw(
        st.lists(st.sampled_from(data.actors), min_size=1, max_size=3, unique_by=lambda a: a.id)
    )
    changed = data
    for n, actor in enumerate(members):
        whole = members[(n + 1) % len(members)]
        current = changed.actors_by_id[actor.id]
        if whole.id not in current.member_of:
            changed = replace(
                changed, current, attrs.evolve(current, member_of=(*current.member_of, whole.id))
            )
    return changed, "actor", min(a.id for a in members)


@injects("treaty-party-outside-lifespan")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    actor = far_future_actor(data)
    other = draw.draw(st.sampled_from(data.actors))
    treaty = Treaty(
        id=f"{INJECTED}-treaty",
        name="Injected Treaty",
        kind=draw.draw(st.sampled_from([k for k in TreatyKind if k is not TreatyKind.ALLIANCE])),
        parties=(actor.id, other.id),
        signed=PartialDate.parse(draw.draw(st.sampled_from(["1950-06-01", "1950", "1000-01"]))),
        citations=cite(data),
    )
    return add(data, actor, treaty), "treaty", treaty.id


REFERENCE_VARIANTS = {
    Actor: [("predecessors", '["{m}"]'), ("member_of", '[ "{m}" ]'), ("successors", '["{m}"]')],
    Event: [
        ("participants", '[{{"actor": "{m}", "role": "participant"}}]'),
        ("links", '[{{"kind": "led_to", "target": "{m}"}}]'),
    ],
    Relation: [("parties", '["{m}", "zzz"]'), ("opened_by", "{m}")],
    Treaty: [("parties", '["{m}"]')],
    Tenure: [("holder", "{m}"), ("organization", "{m}")],
}


@injects("variant-dangling-reference")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(variant_holders(data)))
    field, template = draw.draw(st.sampled_from(REFERENCE_VARIANTS[type(record)]))
    variant = Variant(field=field, value=template.format(m=MISSING), citations=cite(data))
    return (
        replace(data, record, attrs.evolve(record, variants=(*record.variants, variant))),
        type_of(record),
        record.id,
    )


@injects("holder-not-person")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    kind = draw.draw(st.sampled_from([k for k in ActorKind if k is not ActorKind.PERSON]))
    holder = attrs.evolve(ageless_actor(data), id=f"{INJECTED}-holder", name="Injected Holder", kind=kind)
    organization = ageless_actor(data)
    tenure = injected_tenure(data, holder, organization)
    return add(data, holder, organization, tenure), "tenure", tenure.id


@injects("uncoded-interaction")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    # Not an episode: an episode is coded through its parts.
    wholes = {link.target for e in data.events for link in e.links if link.kind is LinkKind.PART_OF}
    candidates = [e for e in data.events if len(e.actor_ids) >= 2 and e.id not in wholes]
    assume(candidates)
    event = draw.draw(st.sampled_from(candidates))
    kind = draw.draw(st.sampled_from(sorted(INTERACTION_KINDS)))
    return replace(data, event, attrs.evolve(event, kind=kind, codings=())), "event", event.id


@injects("episode-coded")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    # A coded event gains a part: a copy of itself, part_of it, so that every other check is
    # content; the event is now an episode with codings of its own.
    candidates = [e for e in data.events if e.codings]
    assume(candidates)
    whole = draw.draw(st.sampled_from(candidates))
    part = attrs.evolve(
        whole, id=f"{INJECTED}-part", links=(Link(kind=LinkKind.PART_OF, target=whole.id),), variants=()
    )
    return add(data, part), "event", whole.id


@injects("tertiary-only")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from(cited_records(data)))
    weak = Source(
        id=f"{INJECTED}-encyclopedia",
        title="An encyclopedia",
        kind=SourceKind.ENCYCLOPEDIA,
        level=SourceLevel.TERTIARY,
    )
    changed = attrs.evolve(record, citations=(Citation(source=weak.id, locator="lead"),))
    return add(replace(data, record, changed), weak), type_of(record), record.id


def dyad_states(data: Dataset) -> tuple[Source, Actor, Actor]:
    """A secondary source and two ageless states coded COW 710 and 365 (the peer crosswalk's dyad)."""
    source = Source(
        id=f"{INJECTED}-dataset", title="A peer dataset", kind=SourceKind.DATASET, level=SourceLevel.SECONDARY
    )
    cited = (Citation(source=source.id),)
    states = tuple(
        attrs.evolve(
            injected_actor(data, what, ActorKind.STATE, "1000-01-01/.."),
            external_ids=(ExternalId(scheme=IdScheme.COW_CCODE, value=code, citations=cited),),
            citations=cited,
        )
        for what, code in (("china", "710"), ("russia", "365"))
    )
    return source, states[0], states[1]


def dyad_event(data: Dataset, event_id: str, external_ids: tuple[ExternalId, ...]) -> tuple[Dataset, Event]:
    """The dataset with the dyad's states and a 1969 event of both carrying ``external_ids``."""
    source, china, russia = dyad_states(data)
    event = Event(
        id=event_id,
        when=Interval.parse("1969-03-02/1969-09-11"),
        title="Injected clashes",
        kind=EventKind.POLITICAL,
        participants=tuple(Participant(actor=a.id, role=Role.BELLIGERENT) for a in (china, russia)),
        external_ids=external_ids,
        citations=(Citation(source=source.id),),
    )
    return add(data, source, china, russia, event), event


@injects("malformed-crosswalk-id")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    record = draw.draw(st.sampled_from([*data.events, *data.treaties, *data.actors]))
    with attrs.validators.disabled():
        bad = ExternalId(scheme=IdScheme.COW_MID, value="MID-349", citations=cite(data))
    changed = attrs.evolve(record, external_ids=(*record.external_ids, bad))
    return replace(data, record, changed), type_of(record), record.id


@injects("peer-dates-unrecorded")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    scheme, value = draw.draw(
        st.sampled_from([("cow_mid", "349"), ("icb_crisis", "231"), ("ucdp_conflict", "305")])
    )
    mid = ExternalId(scheme=IdScheme(scheme), value=value, citations=cite(data))
    faulty, event = dyad_event(data, f"{INJECTED}-clashes", (mid,))
    return faulty, "event", event.id


@injects("peer-record-unlinked")
def _(data: Dataset, draw: st.DataObject) -> tuple[Dataset, str, str]:
    assume("sino-soviet-border-conflict-1969" not in data.events_by_id)
    faulty, event = dyad_event(data, "sino-soviet-border-conflict-1969", ())
    # The record agrees with no peer's end date, but it carries no id, so only the link is at fault.
    return faulty, "event", event.id


# -- tests ------------------------------------------------------------------------------------


class TestCatalogue:
    """The catalogue is complete, stable and documented."""

    def test_codes_are_stable(self) -> None:
        """Every stable code is still there with its severity; new codes must be added here."""
        assert {c.code: c.severity.value for c in CATALOGUE} == STABLE_CODES

    def test_every_check_is_described(self) -> None:
        """Each entry has a name, a description and an example."""
        for entry in CATALOGUE:
            assert entry.name
            assert entry.description
            assert json.loads(entry.example)

    def test_every_check_has_a_completeness_test(self) -> None:
        """A check added to the catalogue without a fault injection fails here."""
        assert set(INJECTIONS) == {c.code for c in CATALOGUE}

    def test_docs_list_every_check(self) -> None:
        """docs/checks.md has a section for each code, with its severity and its example."""
        text = DOCS.read_text(encoding="utf-8")
        for entry in CATALOGUE:
            assert f"### `{entry.code}`" in text
            assert json.dumps(json.loads(entry.example), ensure_ascii=False, indent=2) in text


def write_example(folder: Path, example: str) -> None:
    files = json.loads(example)
    sources = files.get("sources", [])
    if not any(s["id"] == "s" for s in sources):
        sources = [{"id": "s", "title": "A source", "kind": "book", "level": "secondary"}, *sources]
    files["sources"] = sources
    for stem in STEMS:
        (folder / f"{stem}.json").write_text(json.dumps(files.get(stem, [])), encoding="utf-8")


class TestExamples:
    """The example of each check, as documented, triggers that check and no other."""

    @pytest.mark.parametrize("entry", CATALOGUE, ids=lambda c: c.code)
    def test_example_triggers_its_check(self, entry: Any, tmp_path: Path) -> None:
        write_example(tmp_path, entry.example)
        if entry.structural:
            with pytest.raises(DataError):
                load(tmp_path)
            return
        report = check(tmp_path)
        assert report.codes() == {entry.code}


class TestReport:
    """Reports sort, count and serialise their problems."""

    def problems(self) -> list[Problem]:
        return [
            Problem(code="b", severity=Severity.WARNING, record_type="actor", record="x", message="m"),
            Problem(code="a", severity=Severity.ERROR, record_type="tenure", record="y", message="m"),
            Problem(code="a", severity=Severity.ERROR, record_type="actor", record="z", message="m"),
        ]

    def test_order_is_errors_first_then_type_then_id(self) -> None:
        report = Report(problems=self.problems())
        assert [p.record for p in report] == ["z", "y", "x"]
        assert Report(problems=reversed(self.problems())) == report

    def test_ok_counts_only_errors(self) -> None:
        assert Report().ok
        assert Report(problems=self.problems()[:1]).ok
        assert not Report(problems=self.problems()).ok
        report = Report(problems=self.problems())
        assert (len(report.errors), len(report.warnings), len(report)) == (2, 1, 3)

    def test_to_dict_and_json(self) -> None:
        report = Report(problems=self.problems())
        assert report.to_dict()["problems"][0] == {
            "code": "a",
            "severity": "error",
            "record_type": "actor",
            "record": "z",
            "message": "m",
        }
        assert json.loads(report.to_json()) == report.to_dict()
        assert report.to_dict()["ok"] is False

    def test_format_groups_by_severity(self) -> None:
        text = format_report(Report(problems=self.problems()))
        assert text.index("ERRORS (2)") < text.index("WARNINGS (1)")
        assert text.endswith("2 errors, 1 warning")
        assert format_report(Report()) == "no problems: 0 errors, 0 warnings"

    def test_unknown_code_is_a_usage_error(self) -> None:
        with pytest.raises(ValueError, match="no-such-check"):
            check_dataset(Dataset(), codes=["no-such-check"])


class TestSoundness:
    """Valid data gives no problem."""

    @given(datasets())
    def test_generated_datasets_have_no_problem(self, data: Dataset) -> None:
        report = check_dataset(data)
        assert report.problems == (), format_report(report)

    @given(datasets(max_actors=3, max_events=3))
    def test_check_reads_a_folder(self, data: Dataset) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            data.write(folder)
            assert check(folder) == check_dataset(data)

    def test_posthumous_subject_is_not_before_birth(self) -> None:
        """A posthumous role may come after the lifespan, never before it."""
        source = Citation(source="s")
        mao = Actor(
            id="mao",
            kind=ActorKind.PERSON,
            name="Mao",
            lifespan=Interval.parse("1893-12-26/1976-09-09"),
            citations=(source,),
        )
        funeral = Event(
            id="funeral",
            when=PartialDate.parse("1976-09-18"),
            title="Funeral",
            kind=EventKind.DEATH,
            participants=(Participant(actor="mao", role=Role.SUBJECT),),
            citations=(source,),
        )
        data = Dataset(
            sources=[Source(id="s", title="S", kind=SourceKind.BOOK, level=SourceLevel.SECONDARY)],
            actors=[mao],
            events=[funeral],
        )
        assert check_dataset(data).problems == ()
        early = attrs.evolve(data.events[0], when=PartialDate.parse("1890"))
        assert check_dataset(attrs.evolve(data, events=[early])).codes() == {"participant-outside-lifespan"}

    def test_check_does_not_catch_load_errors(self, tmp_path: Path) -> None:
        """Structural faults stay the loader's: check(path) lets DataError through."""
        for stem in STEMS:
            (tmp_path / f"{stem}.json").write_text("[]" if stem != "events" else "{", encoding="utf-8")
        with pytest.raises(DataError):
            check(tmp_path)


#: Examples per check in the completeness test: the profile's number, at most 200. With 36
#: checks, each example a whole generated dataset checked by all of them, the "ci" profile's
#: 400 would take half of CI's time budget alone; 200 per check is still 7,200 datasets.
COMPLETENESS_EXAMPLES = min(settings.default.max_examples, 200)
CROSSWALK_CODES = frozenset({"malformed-crosswalk-id", "peer-dates-unrecorded", "peer-record-unlinked"})


class TestCompleteness:
    """Each injected fault is reported by exactly its check, for the record at fault."""

    @pytest.mark.parametrize("code", sorted(set(STABLE_CODES) - CROSSWALK_CODES))
    @settings(max_examples=COMPLETENESS_EXAMPLES)
    @given(data=datasets(min_actors=2, min_events=1), draw=st.data())
    def test_fault_is_found(self, code: str, data: Dataset, draw: st.DataObject) -> None:
        self.found_alone(code, data, draw)

    # The crosswalk faults are injected the same way whatever the generated data (fixed ids and
    # dates), so a few examples show they are found alone; many would only cost CI time.
    @pytest.mark.parametrize("code", sorted(CROSSWALK_CODES))
    @settings(max_examples=min(COMPLETENESS_EXAMPLES, 25))
    @given(data=datasets(min_actors=2, min_events=1), draw=st.data())
    def test_crosswalk_fault_is_found(self, code: str, data: Dataset, draw: st.DataObject) -> None:
        self.found_alone(code, data, draw)

    @staticmethod
    def found_alone(code: str, data: Dataset, draw: st.DataObject) -> None:
        faulty, record_type, record = INJECTIONS[code](data, draw)
        report = check_dataset(faulty)
        assert report.problems, f"{code}: nothing reported"
        found = {(p.code, p.record_type, p.record) for p in report}
        assert found == {(code, record_type, record)}, format_report(report)


class TestShippedData:
    """DATA TEST: the shipped data. It fails when the curated data has an error.

    Fix the data (curators), not the test. Warnings are allowed only when docs/checks.md lists
    them under "Warnings on the shipped data" with a justification.
    """

    def test_shipped_data_has_no_errors(self) -> None:
        report = check()
        assert report.errors == (), format_report(report)

    def test_shipped_warnings_are_documented(self) -> None:
        text = DOCS.read_text(encoding="utf-8")
        section = text.split("## Warnings on the shipped data", 1)[1]
        undocumented = [p for p in check().warnings if f"`{p.code}` on `{p.record}`" not in section]
        assert undocumented == [], format_report(Report(problems=undocumented))


class TestOneNormalisationForNames:
    """The ambiguous-name check compares names exactly as lookup does, scripts folded alike."""

    def test_a_traditional_spelling_of_another_actors_name_is_reported(self) -> None:
        from attrs import evolve

        from sinosoviet import Name, load

        data = load()
        mao = evolve(
            data.actors_by_id["mao-zedong"],
            names=(*data.actors_by_id["mao-zedong"].names, Name(text="中華人民共和国", lang="zh-Hant")),
        )
        changed = Dataset(
            sources=data.sources,
            actors=[mao if a.id == "mao-zedong" else a for a in data.actors],
            events=data.events,
            relations=data.relations,
            treaties=data.treaties,
            tenures=data.tenures,
        )
        # Lookup takes the mixed spelling and the PRC's simplified name for one key ...
        assert changed.query.actor("中華人民共和国").id == changed.query.actor("中华人民共和国").id
        # ... so the check must see the clash between the two actors too.
        report = check_dataset(changed, codes=["ambiguous-name"])
        assert any("mao-zedong" in p.message and "prc" in p.message for p in report.problems)


class TestListVariants:
    """A list variant is compared as the list it is, not as the text it is written in."""

    @staticmethod
    def _with_variant(value: str) -> Dataset:
        source = Source(id="s", title="S", kind=SourceKind.BOOK, level=SourceLevel.SECONDARY)
        party = Actor(
            id="ccp", kind=ActorKind.PARTY, name="CCP", lifespan=Interval.parse("1921-07/.."),
            citations=(Citation(source="s"),),
        )  # fmt: skip
        army = Actor(
            id="pla", kind=ActorKind.MILITARY, name="PLA", lifespan=Interval.parse("1927-08-01/.."),
            member_of=("ccp",), citations=(Citation(source="s"),),
            variants=(Variant(field="member_of", value=value, citations=(Citation(source="s"),)),),
        )  # fmt: skip
        return Dataset(sources=[source], actors=[party, army])

    @pytest.mark.parametrize("value", ['["ccp"]', '[ "ccp" ]', '[\n  "ccp"\n]'])
    def test_the_same_list_with_other_spacing_equals_the_preferred(self, value: str) -> None:
        report = check_dataset(self._with_variant(value))
        assert [p.code for p in report] == ["variant-equals-preferred"]

    def test_another_list_is_a_variant(self) -> None:
        report = check_dataset(self._with_variant("[]"))
        assert list(report) == []
