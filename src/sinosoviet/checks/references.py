"""Checks of references and citations: ids and sources that must resolve, copies, URLs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sinosoviet.checks._catalogue import _CITE, _PRC, Finding, _check, _Context, _name
from sinosoviet.checks._report import Severity
from sinosoviet.records import (
    Actor,
    Event,
    Relation,
    Source,
    SourceLevel,
    Tenure,
    Treaty,
)

# -- references ---------------------------------------------------------------------------------


def _references(record: Any) -> Iterator[tuple[str, str, str]]:
    """(field, kind of record referenced, id) for every id a record names, except sources."""
    if isinstance(record, Actor):
        for name in ("predecessors", "successors", "member_of"):
            for ref in getattr(record, name):
                yield name, "actor", ref
    elif isinstance(record, Event):
        for participant in record.participants:
            yield "participants", "actor", participant.actor
        for link in record.links:
            yield f"links ({link.kind.value})", "event", link.target
    elif isinstance(record, Relation):
        for party in record.parties:
            yield "parties", "actor", party
        for name in ("opened_by", "closed_by"):
            ref = getattr(record, name)
            if ref is not None:
                yield name, "event", ref
    elif isinstance(record, Treaty):
        for party in record.parties:
            yield "parties", "actor", party
    elif isinstance(record, Tenure):
        yield "holder", "actor", record.holder
        yield "organization", "actor", record.organization


@_check(
    "dangling-reference",
    Severity.ERROR,
    {
        "events": [
            {
                "id": "zhenbao-clash",
                "when": "1969-03-02",
                "title": "Clash on Zhenbao Island",
                "kind": "military",
                "participants": [{"actor": "peoples-republic", "role": "belligerent"}],
                "citations": _CITE,
            }
        ]
    },
)
def _dangling_references(context: _Context) -> Iterator[Finding]:
    """A record names an actor or event that does not exist.

    Covers event participants and links, relation parties and their ``opened_by`` and
    ``closed_by`` events, treaty parties, tenure holders and organizations, and actor
    ``predecessors``, ``successors`` and ``member_of``. Citations are the job of
    ``dangling-citation`` and ``uncited-record``.
    """
    tables: Mapping[str, Mapping[str, Any]] = {"actor": context.actors, "event": context.events}
    for record in context.data.records():
        for name, kind, ref in _references(record):
            if ref not in tables[kind]:
                yield _name(record), record.id, f"{name} names {kind} {ref!r}, which does not exist"


def _citation_groups(record: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(where, citations) for the citations of variants, external ids and key evidence of a record."""
    for index, variant in enumerate(getattr(record, "variants", ())):
        yield f"variants[{index}] ({variant.field})", variant.citations
    for index, external in enumerate(getattr(record, "external_ids", ())):
        yield f"external_ids[{index}] ({external.scheme.value})", external.citations
    key_evidence = getattr(record, "key_evidence", ())
    if key_evidence:
        yield "key_evidence", key_evidence


@_check(
    "uncited-record",
    Severity.ERROR,
    {
        "actors": [
            {
                "id": "prc",
                "kind": "state",
                "name": "People's Republic of China",
                "lifespan": "1949-10-01/..",
                "citations": [{"source": "my-notes"}],
            }
        ]
    },
)
def _uncited_records(context: _Context) -> Iterator[Finding]:
    """A record does not cite any source that exists.

    Every record other than a source cites at least one source of the dataset. When none of
    its own citations resolves, the record is reported once here (and not under
    ``dangling-citation``).
    """
    for record in context.data.records():
        if isinstance(record, Source):
            continue
        if not any(c.source in context.sources for c in record.citations):
            named = ", ".join(repr(c.source) for c in record.citations) or "nothing"
            yield _name(record), record.id, f"cites no existing source (it cites {named})"


@_check(
    "dangling-citation",
    Severity.ERROR,
    {
        "actors": [
            {
                "id": "prc",
                "kind": "state",
                "name": "People's Republic of China",
                "lifespan": "1949-10-01/..",
                "citations": [{"source": "s"}],
                "variants": [
                    {"field": "lifespan", "value": "1949-09-21/..", "citations": [{"source": "cppcc-record"}]}
                ],
            }
        ]
    },
)
def _dangling_citations(context: _Context) -> Iterator[Finding]:
    """A citation names a source that does not exist.

    Covers the citations of a record, of its variants and of its external ids. A record none
    of whose own citations resolves is reported by ``uncited-record`` instead.
    """
    for record in context.data.records():
        if isinstance(record, Source):
            continue
        groups = list(_citation_groups(record))
        if any(c.source in context.sources for c in record.citations):
            groups.insert(0, ("citations", record.citations))
        for where, citations in groups:
            for citation in citations:
                if citation.source not in context.sources:
                    yield (
                        _name(record),
                        record.id,
                        f"{where} cites source {citation.source!r}, which does not exist",
                    )


@_check(
    "copy-of-invalid",
    Severity.ERROR,
    {
        "sources": [
            {
                "id": "mirror",
                "title": "A page copying an article",
                "kind": "website",
                "level": "tertiary",
                "copy_of": "mirror",
            }
        ]
    },
)
def _copy_of_invalid(context: _Context) -> Iterator[Finding]:
    """A source's ``copy_of`` names itself or a source that does not exist.

    ``copy_of`` points from a page that reproduces a work to the source record of that work,
    so that the record is cited as the work; a page cannot be a copy of itself.
    """
    for source in context.unique("sources"):
        if source.copy_of is None:
            continue
        if source.copy_of == source.id:
            yield "source", source.id, "copy_of names the source itself; name the work it copies"
        elif source.copy_of not in context.sources:
            yield "source", source.id, f"copy_of names source {source.copy_of!r}, which does not exist"


def _bare_ip_host(url: str) -> str | None:
    """The host of a URL when it is a bare IPv4 or IPv6 address, else None."""
    import ipaddress
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    return host


@_check(
    "bare-ip-url",
    Severity.ERROR,
    {
        "sources": [
            {
                "id": "clash-page",
                "title": "A page on the 1969 clash",
                "kind": "website",
                "level": "tertiary",
                "url": "http://192.0.2.7/zhenbao.html",
            }
        ]
    },
)
def _bare_ip_urls(context: _Context) -> Iterator[Finding]:
    """A source's URL has a bare IP address for its host.

    A page reached by an IP address has no publisher a reader can judge and rarely stays
    reachable; cite the work it copies, or a copy on a named host.
    """
    for source in context.unique("sources"):
        if source.url is not None and (host := _bare_ip_host(source.url)) is not None:
            yield "source", source.id, f"url has the bare IP address {host} for its host; cite a named host"


@_check(
    "tertiary-only",
    Severity.WARNING,
    {
        "sources": [
            {
                "id": "wikipedia-sino-soviet-relations",
                "title": "Sino-Soviet relations",
                "kind": "encyclopedia",
                "level": "tertiary",
                "publisher": "Wikipedia",
            }
        ],
        "actors": [{**_PRC, "citations": [{"source": "wikipedia-sino-soviet-relations", "locator": "lead"}]}],
    },
)
def _tertiary_only(context: _Context) -> Iterator[Finding]:
    """A record rests on tertiary sources alone.

    Every source the record cites is ``tertiary`` (a general encyclopedia, a page summarising
    others without naming its authors; a copy counts at the level of the work it copies): a
    reader who checks the record finds no document of the time and no named scholar behind it.
    Wikipedia is where to start looking, not where to stop. Citations of sources that do not
    exist are left to ``dangling-citation``.
    """
    levels = {source.id: source.level for source in context.unique("sources")}
    for stem in ("actors", "events", "relations", "treaties", "tenures"):
        for record in context.unique(stem):
            found = [levels[c.source] for c in record.citations if c.source in levels]
            if found and all(level is SourceLevel.TERTIARY for level in found):
                cited = ", ".join(sorted({c.source for c in record.citations}))
                yield _name(record), record.id, f"cites only tertiary sources ({cited})"
