"""Cross-record consistency checks: a catalogue of small checks that report problems.

`load` refuses a file that does not fit the schema (that is a `DataError`); the checks here
judge what only shows across records: a reference to a record that does not exist, a
participant who was not alive, two relation periods that overlap. Each check is a small
function registered in `CATALOGUE` with a stable ``code``, a `Severity`, a description and a
minimal example of data that triggers it (docs/checks.md lists them all).

`check_dataset` runs every check and returns a `Report`; it never raises for a data problem and
never logs. Every problem names the record it concerns, so a curator can act on it.

Dates are judged on their calendar bounds (see `sinosoviet.dates`): a check reports an error
only when the bounds make the fault certain. An event dated ``1949`` is not outside a lifespan
that begins ``1949-10-01``; an event dated ``1948`` is. The bounds of an interval's ends are
read this way: a known end has its date's bounds; an open start (``..``) lies at the beginning
of time and an open end (``..``) at its end; an unknown start may lie anywhere up to the end,
an unknown end anywhere from the start on.

Checks that need a referenced record skip a reference that does not resolve: the
``dangling-reference`` check reports it, once. Checks other than ``duplicate-id`` see the first
record of each id.

    >>> from sinosoviet.checks import check
    >>> report = check()
    >>> report.ok
    True
"""

from __future__ import annotations

import datetime as _dt
import enum
import inspect
import itertools
import json
import types
import typing
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from os import PathLike
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from attrs import field, frozen

from sinosoviet._index import name_key, normalise
from sinosoviet.dates import Interval, IntervalEnd, PartialDate, When, parse_when
from sinosoviet.records import (
    POSTHUMOUS_ROLES,
    SLUG,
    Actor,
    ActorKind,
    Event,
    LinkKind,
    Relation,
    RelationStatus,
    Source,
    Tenure,
    Treaty,
    TreatyKind,
)

if TYPE_CHECKING:
    from sinosoviet.dataset import Dataset

__all__ = [
    "CATALOGUE",
    "SUCCESSION_OVERLAP_DAYS",
    "Check",
    "Problem",
    "Report",
    "Severity",
    "check",
    "check_dataset",
    "format_report",
]

#: How long a successor may exist alongside its predecessor before the succession is suspect:
#: a year, leap day included. New states and governments are often proclaimed some months
#: before the old one is formally dissolved; a longer overlap usually means a wrong link.
SUCCESSION_OVERLAP_DAYS: Final = 366


class Severity(enum.StrEnum):
    """How bad a problem is: an error is a fault in the data, a warning is suspicious but possible."""

    ERROR = "error"
    WARNING = "warning"


_SEVERITY_RANK: Final = {Severity.ERROR: 0, Severity.WARNING: 1}

#: The record types, in the order of the data files; problems sort in this order.
RECORD_TYPES: Final = ("source", "actor", "event", "relation", "treaty", "tenure")
_RECORD_TYPE_RANK: Final = {name: rank for rank, name in enumerate(RECORD_TYPES)}
_TYPE_NAME: Final[Mapping[type[Any], str]] = {
    Source: "source",
    Actor: "actor",
    Event: "event",
    Relation: "relation",
    Treaty: "treaty",
    Tenure: "tenure",
}


# -- problems and reports -----------------------------------------------------------------------


@frozen(kw_only=True)
class Problem:
    """One problem found in the data.

    Attributes:
        code: the stable code of the check that found it, e.g. ``"dangling-reference"``.
        severity: `Severity.ERROR` or `Severity.WARNING`.
        record_type: ``"source"``, ``"actor"``, ``"event"``, ``"relation"``, ``"treaty"`` or
            ``"tenure"``.
        record: the id of the record the problem concerns.
        message: what is wrong, in words a curator can act on.
    """

    code: str
    severity: Severity
    record_type: str
    record: str
    message: str

    @property
    def sort_key(self) -> tuple[int, int, str, str, str]:
        """Errors first, then by record type (in file order), record id, code and message."""
        return (
            _SEVERITY_RANK[self.severity],
            _RECORD_TYPE_RANK.get(self.record_type, len(RECORD_TYPES)),
            self.record,
            self.code,
            self.message,
        )

    def to_dict(self) -> dict[str, str]:
        """The JSON-ready form: code, severity, record_type, record and message."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "record_type": self.record_type,
            "record": self.record,
            "message": self.message,
        }


def _sorted_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: p.sort_key))


@frozen(kw_only=True)
class Report:
    """The problems a dataset has, errors first, in a deterministic order.

    Iterating a report yields its problems; ``len(report)`` counts them. `ok` is true when
    there is no error (warnings allowed).
    """

    problems: tuple[Problem, ...] = field(default=(), converter=_sorted_problems)

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not self.errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems of severity warning."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def codes(self) -> frozenset[str]:
        """The codes of every problem found."""
        return frozenset(p.code for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form: ``ok``, the count of errors and warnings, and every problem."""
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """`to_dict` as JSON text (UTF-8 kept, no trailing newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def format_report(report: Report, *, width: int = 80) -> str:
    """A readable list of the problems, grouped by severity (errors first), with a summary line.

    Each group has a heading with its count, then each problem: its code and record (type and
    id) on one line, its message below, indented and wrapped so that no line is wider than
    ``width`` columns (80, a classic terminal; a word longer than a line is broken). The last
    line counts errors and warnings. No trailing newline.

    Raises:
        TypeError: ``report`` is not a `Report`, or ``width`` is not a whole number.
        ValueError: ``width`` is less than 40.
    """
    import textwrap

    if not isinstance(report, Report):
        raise TypeError(f"report must be a sinosoviet.Report, not {type(report).__name__}")
    if not isinstance(width, int) or isinstance(width, bool):
        raise TypeError(f"width must be a whole number of columns, not {type(width).__name__}")
    if width < 40:
        raise ValueError(f"width must be at least 40 columns, not {width}")

    def wrap(text: str, first: str, rest: str) -> list[str]:
        return textwrap.wrap(
            text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
        ) or [first.rstrip()]

    lines: list[str] = []
    for severity, group in ((Severity.ERROR, report.errors), (Severity.WARNING, report.warnings)):
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{severity.value.upper()}S ({len(group)})")
        for problem in group:
            lines.extend(wrap(f"{problem.code}  {problem.record_type} {problem.record}", "  ", "      "))
            lines.extend(wrap(problem.message, "      ", "      "))
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if lines:
        lines.append("")
    lines.append(summary if report.problems else f"no problems: {summary}")
    return "\n".join(lines)


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


# -- ids ----------------------------------------------------------------------------------------

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


@_check(
    "duplicate-id",
    Severity.ERROR,
    {
        "events": [
            {
                "id": "moscow-visit",
                "when": "1949-12-16",
                "title": "Mao arrives in Moscow",
                "kind": "visit",
                "participants": [{"actor": "prc", "role": "visitor"}],
                "citations": _CITE,
            },
            {
                "id": "moscow-visit",
                "when": "1957-11-02",
                "title": "Mao's second visit",
                "kind": "visit",
                "participants": [{"actor": "prc", "role": "visitor"}],
                "citations": _CITE,
            },
        ],
        "actors": [_PRC],
    },
)
def _duplicate_ids(context: _Context) -> Iterator[Finding]:
    """Two records of the same type share an id.

    Ids are unique within each record type, across all the files of that type. The problem is
    reported once per repeated id; the other checks look at the first record with that id.
    """
    for stem, record_type in zip(
        ("sources", "actors", "events", "relations", "treaties", "tenures"), RECORD_TYPES, strict=True
    ):
        counts: dict[str, int] = defaultdict(int)
        for record in getattr(context.data, stem):
            counts[record.id] += 1
        for record_id, count in sorted(counts.items()):
            if count > 1:
                yield (
                    record_type,
                    record_id,
                    f"{count} {stem} have the id {record_id!r}; ids are unique per record type",
                )


@_check(
    "malformed-id",
    Severity.ERROR,
    {
        "sources": [
            {
                "id": "Wikipedia_Article",
                "title": "Sino-Soviet relations",
                "kind": "encyclopedia",
                "level": "tertiary",
            }
        ]
    },
    structural=True,
)
def _malformed_ids(context: _Context) -> Iterator[Finding]:
    """An id is not a slug: lowercase ASCII letters and digits in words joined by single hyphens.

    `load` refuses such an id already; the check guards datasets built in Python with attrs
    validators switched off.
    """
    for record in context.data.records():
        if not isinstance(record.id, str) or SLUG.fullmatch(record.id) is None:
            yield (
                _name(record),
                str(record.id),
                (
                    f"id {record.id!r} is not a slug (lowercase letters and digits,"
                    " words joined by single hyphens)"
                ),
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
    """(where, citations) for the citations of variants and external ids of a record."""
    for index, variant in enumerate(getattr(record, "variants", ())):
        yield f"variants[{index}] ({variant.field})", variant.citations
    for index, external in enumerate(getattr(record, "external_ids", ())):
        yield f"external_ids[{index}] ({external.scheme.value})", external.citations


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


# -- actors -------------------------------------------------------------------------------------


def _succession_edges(context: _Context) -> list[tuple[str, str]]:
    """(predecessor, successor) pairs named from either side, between actors that exist."""
    edges: set[tuple[str, str]] = set()
    for actor in context.unique("actors"):
        edges.update((actor.id, ref) for ref in actor.successors if ref in context.actors)
        edges.update((ref, actor.id) for ref in actor.predecessors if ref in context.actors)
    return sorted(edges)


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


# -- variants -----------------------------------------------------------------------------------

_NOT_VARIABLE: Final = frozenset({"id", "citations", "variants"})


def _field_types(record_type: type[Any]) -> dict[str, Any]:
    hints: dict[str, Any] = typing.get_type_hints(record_type)
    return hints


_FIELD_TYPES: Final = {t: _field_types(t) for t in (Actor, Event, Relation, Treaty, Tenure)}


def _members(tp: Any) -> tuple[Any, ...]:
    """The types a union is made of, without None; the type itself otherwise."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(t for t in typing.get_args(tp) if t is not type(None))
    return (tp,)


def _value_fault(tp: Any, value: str) -> str | None:
    """Why ``value`` cannot be a JSON value of a field of type ``tp``, or None."""
    members = _members(tp)
    if Interval in members or PartialDate in members:
        try:
            parsed = parse_when(value)
        except (ValueError, TypeError) as exc:
            return str(exc)
        if not isinstance(parsed, members):
            wanted = "an interval (START/END)" if Interval in members else "a single date"
            return f"{value!r} is not {wanted}"
        return None
    enums = [m for m in members if isinstance(m, type) and issubclass(m, enum.Enum)]
    if enums:
        allowed = [str(member.value) for member in enums[0]]
        return None if value in allowed else f"{value!r} is not one of {', '.join(allowed)}"
    if bool in members:
        return None if value in ("true", "false") else f"{value!r} is not true or false"
    if int in members:
        return None if value.lstrip("-").isdigit() else f"{value!r} is not a whole number"
    if typing.get_origin(members[0]) is tuple:
        try:
            parsed_json = json.loads(value)
        except ValueError:
            parsed_json = None
        return None if isinstance(parsed_json, list) else f"{value!r} is not a JSON array"
    return None if value.strip() else "the value is empty"


def _written(value: Any) -> str | None:
    """A field value as its variant would write it, or None where there is no text form."""
    if value is None:
        return None
    if isinstance(value, PartialDate | Interval):
        return str(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return json.dumps(list(value), ensure_ascii=False)
    return None


def _same_value(preferred: Any, value: str) -> bool:
    """Whether a variant's value says what the preferred value says.

    Text is compared as written; a list field's value is compared as the JSON array it
    parses to, so that spacing and line breaks in the array do not hide an equal list.
    """
    if isinstance(preferred, tuple) and all(isinstance(item, str) for item in preferred):
        try:
            parsed = json.loads(value)
        except ValueError:
            return False
        return isinstance(parsed, list) and parsed == list(preferred)
    return _written(preferred) == value


def _variants(context: _Context) -> Iterator[tuple[Any, int, Any]]:
    for stem in ("actors", "events", "relations", "treaties", "tenures"):
        for record in context.unique(stem):
            for index, variant in enumerate(record.variants):
                yield record, index, variant


@_check(
    "variant-unknown-field",
    Severity.ERROR,
    {"actors": [{**_PRC, "variants": [{"field": "founded", "value": "1949-09-21", "citations": _CITE}]}]},
)
def _variants_of_unknown_fields(context: _Context) -> Iterator[Finding]:
    """A variant names a field the record type does not have, or one that cannot vary.

    ``id``, ``citations`` and ``variants`` cannot vary; an actor's date field is ``lifespan``
    (``when`` is only its alias in code).
    """
    for record, index, variant in _variants(context):
        fields = _FIELD_TYPES[type(record)]
        if variant.field not in fields or variant.field in _NOT_VARIABLE:
            allowed = ", ".join(sorted(set(fields) - _NOT_VARIABLE))
            yield (
                _name(record),
                record.id,
                (
                    f"variants[{index}] names field {variant.field!r}, which a {_name(record)} cannot vary"
                    f" (fields: {allowed})"
                ),
            )


@_check(
    "variant-bad-value",
    Severity.ERROR,
    {
        "actors": [
            {**_PRC, "variants": [{"field": "lifespan", "value": "21 September 1949", "citations": _CITE}]}
        ]
    },
)
def _variants_with_bad_values(context: _Context) -> Iterator[Finding]:
    """A variant's value cannot be a value of its field.

    Values are written as in JSON: a date field takes EDTF text of the right shape (an interval
    for ``lifespan`` and a relation's or tenure's ``when``, a single date for a treaty's dates,
    either for an event's ``when``); an enum field takes one of its values; ``concurrent`` takes
    ``true`` or ``false``; a list field takes a JSON array; a text field any non-empty text.
    """
    for record, index, variant in _variants(context):
        fields = _FIELD_TYPES[type(record)]
        if variant.field not in fields or variant.field in _NOT_VARIABLE:
            continue
        fault = _value_fault(fields[variant.field], variant.value)
        if fault is not None:
            yield _name(record), record.id, f"variants[{index}] ({variant.field}): {fault}"


@_check(
    "variant-equals-preferred",
    Severity.ERROR,
    {"actors": [{**_PRC, "variants": [{"field": "lifespan", "value": "1949-10-01/..", "citations": _CITE}]}]},
)
def _variants_equal_to_preferred(context: _Context) -> Iterator[Finding]:
    """A variant gives the same value the record already prefers.

    Compared as written in JSON (``"1949-10-01"`` for a date, the enum's value for an enum); a
    list is compared as the array its JSON parses to, whatever its spacing. A variant records
    a disagreement; one that agrees is noise, or a value that was meant to change.
    """
    for record, index, variant in _variants(context):
        if variant.field not in _FIELD_TYPES[type(record)] or variant.field in _NOT_VARIABLE:
            continue
        if _same_value(getattr(record, variant.field), variant.value):
            yield (
                _name(record),
                record.id,
                (
                    f"variants[{index}] ({variant.field}) gives {variant.value!r},"
                    " the value the record already has"
                ),
            )


#: The fields whose variants name other records: field -> (kind of record, key inside a list
#: item or None for a plain id).
_VARIANT_REFERENCES: Final[Mapping[type[Any], Mapping[str, tuple[str, str | None]]]] = {
    Actor: {
        "predecessors": ("actor", None),
        "successors": ("actor", None),
        "member_of": ("actor", None),
    },
    Event: {"participants": ("actor", "actor"), "links": ("event", "target")},
    Relation: {"parties": ("actor", None), "opened_by": ("event", None), "closed_by": ("event", None)},
    Treaty: {"parties": ("actor", None)},
    Tenure: {"holder": ("actor", None), "organization": ("actor", None)},
}


def _named_ids(value: str, key: str | None) -> list[str]:
    """The ids a variant's value names: the value itself, or the ids in its JSON array."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return [value]
    if not isinstance(parsed, list):
        return [value] if isinstance(parsed, str) else []
    ids = []
    for item in parsed:
        if key is None and isinstance(item, str):
            ids.append(item)
        elif key is not None and isinstance(item, dict) and isinstance(item.get(key), str):
            ids.append(item[key])
    return ids


@_check(
    "variant-dangling-reference",
    Severity.ERROR,
    {
        "actors": [
            {
                **_PRC,
                "variants": [{"field": "predecessors", "value": '["republic-of-china"]', "citations": _CITE}],
            }
        ]
    },
)
def _variants_with_dangling_references(context: _Context) -> Iterator[Finding]:
    """A variant's value names an actor or event that does not exist.

    For the fields that hold ids (an actor's ``predecessors``, ``successors`` and
    ``member_of``, an event's ``participants`` and ``links``, a relation's ``parties``,
    ``opened_by`` and ``closed_by``, a treaty's ``parties``, a tenure's ``holder`` and
    ``organization``), every id the variant names must resolve, as the record's own must. (A
    variant's sources are judged by ``dangling-citation``.)
    """
    found = {"actor": context.actors, "event": context.events}
    for record, index, variant in _variants(context):
        reference = _VARIANT_REFERENCES.get(type(record), {}).get(variant.field)
        if reference is None:
            continue
        kind, key = reference
        for ref in _named_ids(variant.value, key):
            if ref not in found[kind]:
                yield (
                    _name(record),
                    record.id,
                    f"variants[{index}] ({variant.field}) names {kind} {ref!r}, which does not exist",
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


#: Every check, in the order they run and are documented.
CATALOGUE: Final[tuple[Check, ...]] = tuple(_REGISTRY)


# -- running ------------------------------------------------------------------------------------


def check_dataset(data: Dataset, codes: Iterable[str] | None = None) -> Report:
    """Run the checks of the catalogue on a dataset and report every problem found.

    Args:
        data: the dataset to check.
        codes: run only the checks with these codes; every check when None.

    Returns:
        A `Report` of every problem, errors first. It never raises for a problem in the data.

    Raises:
        ValueError: ``codes`` names a code that is not in the catalogue (a single string is
            one code).
        TypeError: ``data`` is not a `Dataset`, or a code is not a string.
    """
    from sinosoviet.dataset import Dataset

    if not isinstance(data, Dataset):
        raise TypeError(f"data must be a sinosoviet.Dataset, not {type(data).__name__}")
    selected = CATALOGUE
    if codes is not None:
        if isinstance(codes, str):
            codes = (codes,)  # one code, not its letters
        wanted = set(codes)
        if not all(isinstance(code, str) for code in wanted):
            raise TypeError(f"codes must be check codes (str), not {sorted(map(repr, wanted))}")
        unknown = wanted - {c.code for c in CATALOGUE}
        if unknown:
            raise ValueError(f"unknown check code(s): {', '.join(sorted(unknown))}")
        selected = tuple(c for c in CATALOGUE if c.code in wanted)
    context = _Context(data)
    return Report(problems=[problem for entry in selected for problem in entry.problems(context)])


def check(path: str | PathLike[str] | None = None) -> Report:
    """Load a dataset (the shipped data without a path, else a user's folder) and check it.

    Structural faults stay the loader's job: a file that does not fit the schema raises
    `sinosoviet.DataError` from `sinosoviet.load`, and this function lets it propagate.

    Raises:
        FileNotFoundError: ``path`` is not a folder.
        DataError: a file of the dataset is malformed.
    """
    from sinosoviet.dataset import load

    return check_dataset(load(path))
