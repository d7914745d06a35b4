"""JSON-LD: the records as linked data, with schema.org types and CIDOC-CRM time-spans."""

from __future__ import annotations

import datetime as _dt
from os import PathLike
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from sinosoviet.dates import Interval, IntervalEnd, PartialDate, Precision
from sinosoviet.export._tables import _dataset
from sinosoviet.records import ActorKind, IdScheme, SourceKind

if TYPE_CHECKING:
    from pathlib import Path

    from sinosoviet.dataset import Dataset
    from sinosoviet.export._tables import Data
    from sinosoviet.records import Actor, Event, Name, Relation, Source, Tenure, Treaty

#: The IRI every record's IRI starts with: ``{BASE_IRI}{type}/{id}``, e.g.
#: ``urn:sinosoviet:event/sino-soviet-border-conflict-1969``. A name, not an address: it
#: resolves nowhere. Pass ``base=`` to `jsonld` to mint IRIs under a domain of your own.
BASE_IRI: Final = "urn:sinosoviet:"

SCHEMA: Final = "https://schema.org/"
CRM: Final = "http://www.cidoc-crm.org/cidoc-crm/"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"

#: The schema.org type of each kind of actor.
ACTOR_TYPES: Final = {
    ActorKind.STATE: "Country",
    ActorKind.PERSON: "Person",
    ActorKind.REGION: "Place",
    ActorKind.GOVERNMENT: "GovernmentOrganization",
    ActorKind.PARTY: "Organization",
    ActorKind.ORGANIZATION: "Organization",
    ActorKind.INSTITUTION: "Organization",
    ActorKind.MILITARY: "Organization",
    ActorKind.GROUP: "Organization",
}

_SOURCE_TYPES: Final = {
    SourceKind.ENCYCLOPEDIA: "Article",
    SourceKind.BOOK: "Book",
    SourceKind.ARTICLE: "ScholarlyArticle",
    SourceKind.DATASET: "Dataset",
    SourceKind.DOCUMENT: "DigitalDocument",
    SourceKind.WEBSITE: "WebPage",
}

_IRI_SAFE: Final = ":/?#[]@!$&'()*+,;=%~-._"

_XSD_TYPE: Final = {Precision.YEAR: "xsd:gYear", Precision.MONTH: "xsd:gYearMonth", Precision.DAY: "xsd:date"}


def _context(base: str) -> dict[str, Any]:
    return {
        "@vocab": SCHEMA,
        "schema": SCHEMA,
        "crm": CRM,
        "xsd": XSD,
        "ss": f"{base}vocab#",
        "ss:participant": {"@type": "@id"},
        "ss:predecessor": {"@type": "@id"},
        "ss:successor": {"@type": "@id"},
        "ss:party": {"@type": "@id"},
        "ss:holder": {"@type": "@id"},
        "ss:organization": {"@type": "@id"},
        "ss:openedBy": {"@type": "@id"},
        "ss:closedBy": {"@type": "@id"},
        "ss:copyOf": {"@type": "@id"},
        "memberOf": {"@type": "@id"},
        "citation": {"@type": "@id"},
        "sameAs": {"@type": "@id"},
        "url": {"@type": "@id"},
    }


class _Iris:
    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, kind: str, record_id: str) -> str:
        return f"{self.base}{kind}/{record_id}"


def _literal(date: PartialDate) -> dict[str, str] | None:
    """A date as a typed literal of its precision: xsd:gYear, xsd:gYearMonth or xsd:date.

    None for a decade or century, which no XSD type states (the bounds and the EDTF text do).
    """
    kind = _XSD_TYPE.get(date.precision)
    if kind is None:
        return None
    text = f"{date.year:04d}"
    if date.month is not None:
        text += f"-{date.month:02d}"
    if date.day is not None:
        text += f"-{date.day:02d}"
    return {"@value": text, "@type": kind}


def _day(day: _dt.date) -> dict[str, str]:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _time(node: dict[str, Any], when: PartialDate | Interval, start: str, end: str) -> None:
    """Give a node its dates: start/end literals at their precision, the EDTF text, and a
    CIDOC-CRM E52 time-span with its P82a/P82b bounds (left out where an end is open or unknown)."""
    node["ss:edtf"] = str(when)
    if isinstance(when, PartialDate):
        literal = _literal(when)
        if literal is not None:
            node[start] = literal
    else:
        for key, part in ((start, when.start), (end, when.end)):
            if isinstance(part, PartialDate) and (literal := _literal(part)) is not None:
                node[key] = literal
        if when.end is IntervalEnd.OPEN:
            node["ss:ongoing"] = True
    span: dict[str, Any] = {"@type": "crm:E52_Time-Span"}
    if when.earliest != _dt.date.min:
        span["crm:P82a_begin_of_the_begin"] = _day(when.earliest)
    if when.latest != _dt.date.max:
        span["crm:P82b_end_of_the_end"] = _day(when.latest)
    node["crm:P4_has_time-span"] = span


def _names(node: dict[str, Any], names: tuple[Name, ...]) -> None:
    if names:
        node["alternateName"] = [{"@value": n.text, "@language": n.lang} for n in names]


def _common(node: dict[str, Any], record: Any, iri: _Iris) -> dict[str, Any]:
    if getattr(record, "summary", None) is not None:
        node["description"] = record.summary
    cited = list(dict.fromkeys(c.source for c in record.citations))
    node["citation"] = [iri("source", source) for source in cited]
    ids = getattr(record, "external_ids", ())
    for external in ids:
        if external.scheme is IdScheme.WIKIDATA:
            node.setdefault("sameAs", []).append(f"http://www.wikidata.org/entity/{external.value}")
        else:
            node.setdefault(f"ss:{external.scheme.value}", []).append(external.value)
    return node


def _actor(actor: Actor, iri: _Iris) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": iri("actor", actor.id),
        "@type": ACTOR_TYPES[actor.kind],
        "identifier": actor.id,
        "name": actor.name,
        "ss:kind": actor.kind.value,
    }
    _names(node, actor.names)
    start, end = (
        ("birthDate", "deathDate") if actor.kind is ActorKind.PERSON else ("foundingDate", "dissolutionDate")
    )
    _time(node, actor.lifespan, start, end)
    if actor.predecessors:
        node["ss:predecessor"] = [iri("actor", a) for a in actor.predecessors]
    if actor.successors:
        node["ss:successor"] = [iri("actor", a) for a in actor.successors]
    if actor.member_of:
        node["memberOf"] = [iri("actor", a) for a in actor.member_of]
    return _common(node, actor, iri)


def _event(event: Event, iri: _Iris) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": iri("event", event.id),
        "@type": "Event",
        "identifier": event.id,
        "name": event.title,
        "ss:kind": event.kind.value,
    }
    _time(node, event.when, "startDate", "endDate")
    if event.participants:
        node["ss:participant"] = list(dict.fromkeys(iri("actor", p.actor) for p in event.participants))
        # The schema.org Role pattern: the role node stands between the event and the actor.
        node["attendee"] = [
            {"@type": "Role", "roleName": p.role.value, "attendee": {"@id": iri("actor", p.actor)}}
            for p in event.participants
        ]
    if event.places:
        node["location"] = [{"@type": "Place", "name": place} for place in event.places]
    for link in event.links:
        node.setdefault(f"ss:{link.kind.value}", []).append({"@id": iri("event", link.target)})
    if event.tags:
        node["keywords"] = list(event.tags)
    return _common(node, event, iri)


def _relation(relation: Relation, iri: _Iris) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": iri("relation", relation.id),
        "@type": "ss:RelationPeriod",
        "identifier": relation.id,
        "ss:status": relation.status.value,
        "ss:party": [iri("actor", p) for p in relation.parties],
    }
    _time(node, relation.when, "startDate", "endDate")
    if relation.opened_by is not None:
        node["ss:openedBy"] = iri("event", relation.opened_by)
    if relation.closed_by is not None:
        node["ss:closedBy"] = iri("event", relation.closed_by)
    return _common(node, relation, iri)


def _treaty(treaty: Treaty, iri: _Iris) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": iri("treaty", treaty.id),
        "@type": "ss:Treaty",
        "identifier": treaty.id,
        "name": treaty.name,
        "ss:kind": treaty.kind.value,
        "ss:party": [iri("actor", p) for p in treaty.parties],
    }
    _names(node, treaty.names)
    for key, date in (
        ("ss:signed", treaty.signed),
        ("ss:inForce", treaty.in_force),
        ("ss:ended", treaty.ended),
    ):
        if date is not None and (literal := _literal(date)) is not None:
            node[key] = literal
    if treaty.end_reason is not None:
        node["ss:endReason"] = treaty.end_reason.value
    _time(node, treaty.when, "startDate", "endDate")
    return _common(node, treaty, iri)


def _tenure(tenure: Tenure, iri: _Iris) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": iri("tenure", tenure.id),
        "@type": "OrganizationRole",
        "identifier": tenure.id,
        "roleName": tenure.office,
        "ss:holder": iri("actor", tenure.holder),
        "ss:organization": iri("actor", tenure.organization),
    }
    _time(node, tenure.when, "startDate", "endDate")
    return _common(node, tenure, iri)


def _source(source: Source, iri: _Iris) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@id": iri("source", source.id),
        "@type": _SOURCE_TYPES[source.kind],
        "identifier": source.id,
        "name": source.title,
        "ss:level": source.level.value,
    }
    if source.author is not None:
        node["author"] = source.author
    if source.publisher is not None:
        node["publisher"] = source.publisher
    if source.year is not None:
        node["datePublished"] = {"@value": f"{source.year:04d}", "@type": "xsd:gYear"}
    if source.url is not None:
        # Percent-encode what an IRI may not hold (spaces, braces), so every parser takes it.
        node["url"] = quote(source.url, safe=_IRI_SAFE)
    if source.copy_of is not None:
        node["ss:copyOf"] = iri("source", source.copy_of)
    return node


def jsonld(data: Data = None, *, base: str = BASE_IRI, context: Dataset | None = None) -> dict[str, Any]:
    """The records as one JSON-LD document (a dict ready for `json.dumps`), context inline.

    Every record is a node whose ``@id`` is ``{base}{type}/{id}`` (type ``actor``, ``event``,
    ``relation``, ``treaty``, ``tenure`` or ``source``; `BASE_IRI` by default). Actors are
    schema.org ``Country`` (states), ``Person``, ``Place`` (regions), ``GovernmentOrganization``
    or ``Organization`` (`ACTOR_TYPES`); events are ``Event``, tenures ``OrganizationRole``,
    sources ``Book``, ``ScholarlyArticle``, ... Participants are given twice: as
    ``ss:participant`` links, and in schema.org's Role pattern (``attendee`` → ``Role`` with
    ``roleName`` → ``attendee``). Dates are typed by precision (``xsd:gYear``,
    ``xsd:gYearMonth``, ``xsd:date``) in ``startDate``/``endDate`` (``birthDate``, ...), kept as
    EDTF text in ``ss:edtf``, and bounded by a CIDOC-CRM ``E52_Time-Span`` whose
    ``P82a_begin_of_the_begin`` and ``P82b_end_of_the_end`` are the first and last days the
    date can denote. Terms of the project's own (``ss:``) live under ``{base}vocab#``.

    A selection comes with the actors and sources it references (`selection`), as nodes.
    """
    dataset = _dataset(data, context)
    iri = _Iris(base)
    graph: list[dict[str, Any]] = []
    graph += [_source(s, iri) for s in dataset.sources]
    graph += [_actor(a, iri) for a in dataset.actors]
    graph += [_event(e, iri) for e in dataset.events]
    graph += [_relation(r, iri) for r in dataset.relations]
    graph += [_treaty(t, iri) for t in dataset.treaties]
    graph += [_tenure(t, iri) for t in dataset.tenures]
    return {"@context": _context(base), "@graph": graph}


def write_jsonld(
    data: Data, out: str | PathLike[str], *, base: str = BASE_IRI, context: Dataset | None = None
) -> Path:
    """Write `jsonld` as ``sinosoviet.jsonld`` (UTF-8) into a folder; return its path."""
    import json
    from pathlib import Path

    from sinosoviet._files import write_atomically

    text = json.dumps(jsonld(data, base=base, context=context), ensure_ascii=False, indent=1) + "\n"
    write_atomically(out, {"sinosoviet.jsonld": text.encode("utf-8")})
    return Path(out) / "sinosoviet.jsonld"
