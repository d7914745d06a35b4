"""Hypothesis strategies for sinosoviet's types, for property-testing code built on the library.

Needs the ``test`` extra (``pip install "sinosoviet[test]"``)::

    from hypothesis import given
    from sinosoviet import strategies

    @given(strategies.datasets())
    def test_my_timeline_never_crashes(data):
        my_timeline(data)

Two kinds of strategy:

* Dates and single records: `partial_dates`, `intervals`, `whens`, `sources`, `actors`,
  `events`, `relations`, `treaties` and `tenures`. Each record is valid on its own (it passes
  every attrs validator and survives a JSON round trip), but the ids it names are arbitrary
  slugs that need not exist anywhere.
* `datasets`: whole datasets that are valid *across* records, so that
  `sinosoviet.checks.check_dataset` finds no problem at all, not even a warning: every
  reference resolves and every citation names a source of the dataset; participants, tenure
  holders (always people), the organisations of their offices, relation parties and treaty
  parties exist when the data says they acted; relation periods of each pair are contiguous;
  causal links point forward, no event links to itself, and parts lie within their wholes
  without cycles; memberships nest without cycles; one holder at a time holds an office;
  succession runs forward without cycles, and both actors of a link name each other; names
  are unique unless declared shared; every record cites a primary or secondary source;
  variants are well formed and name only records that exist; interactions between two or
  more actors carry CAMEO codings, except episodes, which are coded through their parts; every
  alliance period has an alliance treaty in force.

All strategies shrink towards small datasets with exact day dates.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        'sinosoviet.strategies needs hypothesis; install it with: pip install "sinosoviet[test]"'
    ) from exc

from sinosoviet.checks import SUCCESSION_OVERLAP_DAYS
from sinosoviet.dataset import Dataset
from sinosoviet.dates import Interval, IntervalEnd, PartialDate, Qualifier, When
from sinosoviet.records import (
    INTERACTION_KINDS,
    POSTHUMOUS_ROLES,
    Actor,
    ActorKind,
    Citation,
    Coding,
    EndReason,
    Event,
    EventKind,
    ExternalId,
    IdScheme,
    Link,
    LinkKind,
    Name,
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
)

__all__ = [
    "DEFAULT_FIRST_DAY",
    "DEFAULT_LAST_DAY",
    "actors",
    "cameo_codes",
    "citations",
    "datasets",
    "events",
    "intervals",
    "partial_dates",
    "relations",
    "slugs",
    "sources",
    "tenures",
    "treaties",
    "whens",
]

#: The first day of the default date range: early enough for every actor of the shipped data.
DEFAULT_FIRST_DAY: Final = _dt.date(1850, 1, 1)
#: The last day of the default date range.
DEFAULT_LAST_DAY: Final = _dt.date(2030, 12, 31)

_WORDS: Final = ("moscow", "beijing", "treaty", "border", "visit", "aid", "split", "mao", "lenin", "x1")
_LANGS: Final = ("en", "ru", "zh-Hans", "zh-Hant", "zh-Latn-pinyin", "mn")
# Alias stems in several scripts; an alias is a stem followed by its actor's number, so aliases
# never collide across actors (normalised, "Lüshun 3" and "lushun 3" are one name).
_ALIAS_STEMS: Final = ("Alias", "Lüshun", "Союз", "苏联", "Mao Tse-tung", "St. Petersburg")
_OFFICES: Final = ("Chairman", "General Secretary", "Premier", "President")


_R = TypeVar("_R")


def _build(record_type: Callable[..., _R], **fields: Any) -> _R:
    """Construct a record from keyword fields.

    The records convert collections with a generic converter, which mypy's attrs plugin types as
    ``Iterable[_T]`` with an unbound ``_T``; passing the fields through ``Any`` keeps strict
    mypy usable here.
    """
    return record_type(**fields)


# -- dates --------------------------------------------------------------------------------------


def _days(first: _dt.date, last: _dt.date) -> st.SearchStrategy[_dt.date]:
    return st.dates(min_value=first, max_value=last)


@st.composite
def _partial_within(draw: st.DrawFn, first: _dt.date, last: _dt.date) -> PartialDate:
    """A `PartialDate` whose calendar bounds lie within [first, last]."""
    day = draw(_days(first, last))
    options = [PartialDate(year=day.year, month=day.month, day=day.day)]
    coarser = [PartialDate(year=day.year, month=day.month), PartialDate(year=day.year)]
    for digits in (1, 2):
        start = day.year - day.year % 10**digits
        if start >= 10**digits:
            coarser.append(PartialDate(year=start, unspecified_digits=digits))
    options.extend(d for d in coarser if first <= d.earliest and d.latest <= last)
    chosen = draw(st.sampled_from(options))
    return attrs.evolve(chosen, qualifier=draw(st.sampled_from(Qualifier)))


@st.composite
def _interval_within(
    draw: st.DrawFn, first: _dt.date, last: _dt.date, *, open_end: bool = False, open_start: bool = False
) -> Interval:
    """An `Interval` whose known ends lie within [first, last]; ends may be open or unknown."""
    middle = draw(_days(first, last))
    start: PartialDate | IntervalEnd = draw(_partial_within(first, middle))
    end: PartialDate | IntervalEnd = draw(_partial_within(middle, last))
    if open_start and draw(st.booleans()):
        start = draw(st.sampled_from(IntervalEnd))
    if open_end and draw(st.booleans()):
        end = IntervalEnd.OPEN if start is IntervalEnd.UNKNOWN else draw(st.sampled_from(IntervalEnd))
    return Interval(start=start, end=end)


def partial_dates(
    min_value: _dt.date = DEFAULT_FIRST_DAY, max_value: _dt.date = DEFAULT_LAST_DAY
) -> st.SearchStrategy[PartialDate]:
    """Partial dates of every precision (day, month, year, decade, century) and qualifier.

    Args:
        min_value: no generated date has an ``earliest`` before this day.
        max_value: no generated date has a ``latest`` after this day.
    """
    return _partial_within(min_value, max_value)


def intervals(
    min_value: _dt.date = DEFAULT_FIRST_DAY,
    max_value: _dt.date = DEFAULT_LAST_DAY,
    *,
    open_ends: bool = True,
) -> st.SearchStrategy[Interval]:
    """Intervals whose known ends lie within [min_value, max_value].

    Args:
        min_value: the first day a known end may denote.
        max_value: the last day a known end may denote.
        open_ends: also generate open (``..``) and unknown (blank) ends, never both unknown.
    """
    return _interval_within(min_value, max_value, open_end=open_ends, open_start=open_ends)


def whens(
    min_value: _dt.date = DEFAULT_FIRST_DAY, max_value: _dt.date = DEFAULT_LAST_DAY
) -> st.SearchStrategy[When]:
    """What an event's ``when`` holds: a `PartialDate` or an `Interval` (see `intervals`)."""
    return st.one_of(partial_dates(min_value, max_value), intervals(min_value, max_value))


# -- small values -------------------------------------------------------------------------------


def slugs() -> st.SearchStrategy[str]:
    """Ids: lowercase words of letters and digits joined by single hyphens."""
    return st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map("-".join)


def _texts() -> st.SearchStrategy[str]:
    return (
        st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), min_size=1, max_size=20)
        .map(str.strip)
        .filter(bool)
    )


def citations(source_ids: Sequence[str] | None = None) -> st.SearchStrategy[tuple[Citation, ...]]:
    """One to three citations, of the given sources or of arbitrary source ids.

    Args:
        source_ids: the sources to cite; any slug when None.
    """
    ids = slugs() if source_ids is None else st.sampled_from(list(source_ids))
    citation = st.builds(
        Citation, source=ids, locator=st.none() | st.sampled_from(("lead", "p. 12", "ch. 3"))
    )
    return st.lists(citation, min_size=1, max_size=3, unique_by=lambda c: c.source).map(tuple)


def _names() -> st.SearchStrategy[tuple[Name, ...]]:
    name = st.builds(Name, text=_texts(), lang=st.sampled_from(_LANGS), shared=st.booleans())
    return st.lists(name, max_size=3).map(tuple)


def _external_ids(scheme: IdScheme, cite: st.SearchStrategy[tuple[Citation, ...]]) -> st.SearchStrategy[Any]:
    values = {
        IdScheme.WIKIDATA: st.integers(1, 10**7).map(lambda n: f"Q{n}"),
        IdScheme.COW_MID: st.integers(1, 99999).map(str),
        IdScheme.ATOP: st.integers(1000, 9999).map(str),
        IdScheme.COW_ALLIANCE: st.integers(1, 99999).map(str),
    }
    one = st.builds(ExternalId, scheme=st.just(scheme), value=values[scheme], citations=cite)
    return st.lists(one, max_size=1).map(tuple)


def _variant(field: str, value: str, cite: tuple[Citation, ...]) -> Variant:
    return _build(Variant, field=field, value=value, citations=cite, note="a source that disagrees")


# -- single records -----------------------------------------------------------------------------


def sources() -> st.SearchStrategy[Source]:
    """Valid `Source` records."""
    return st.builds(
        Source,
        id=slugs(),
        title=_texts(),
        kind=st.sampled_from(SourceKind),
        level=st.sampled_from(SourceLevel),
        author=st.none() | _texts(),
        year=st.none() | st.integers(1800, 2030),
        url=st.none() | st.just("https://example.org/source"),
    )


def actors() -> st.SearchStrategy[Actor]:
    """Valid `Actor` records; the ids they name (successors, sources, ...) are arbitrary slugs."""
    return st.builds(
        Actor,
        id=slugs(),
        kind=st.sampled_from(ActorKind),
        name=_texts(),
        lifespan=intervals(),
        names=_names(),
        predecessors=st.lists(slugs(), unique=True, max_size=2).map(tuple),
        successors=st.lists(slugs(), unique=True, max_size=2).map(tuple),
        member_of=st.lists(slugs(), unique=True, max_size=2).map(tuple),
        external_ids=_external_ids(IdScheme.WIKIDATA, citations()),
        summary=st.none() | _texts(),
        citations=citations(),
    )


@functools.cache
def cameo_codes() -> st.SearchStrategy[str]:
    """Valid CAMEO codes (``"057"``), from the table that ships with the package."""
    from sinosoviet.cameo import cameo_codes as table

    return st.sampled_from(sorted(table()))


@st.composite
def _codings(
    draw: st.DrawFn, actors: Sequence[str], min_size: int = 0, max_size: int = 3
) -> tuple[Coding, ...]:
    """Codings between distinct actors of ``actors`` (none if fewer than two)."""
    distinct = sorted(set(actors))
    if len(distinct) < 2:
        return ()
    pairs = [(a, b) for a in distinct for b in distinct if a != b]
    chosen = draw(
        st.lists(
            st.tuples(st.sampled_from(pairs), cameo_codes()),
            min_size=min_size,
            max_size=max_size,
            unique=True,
        )
    )
    return tuple(Coding(source=a, target=b, cameo=code) for (a, b), code in chosen)


@st.composite
def _event(draw: st.DrawFn) -> Event:
    participant = st.builds(Participant, actor=slugs(), role=st.sampled_from(Role))
    link = st.builds(Link, kind=st.sampled_from(LinkKind), target=slugs())
    participants = tuple(draw(st.lists(participant, unique=True, max_size=3)))
    return _build(
        Event,
        id=draw(slugs()),
        when=draw(whens()),
        title=draw(_texts()),
        kind=draw(st.sampled_from(EventKind)),
        summary=draw(st.none() | _texts()),
        participants=participants,
        places=tuple(draw(st.lists(_texts(), max_size=2))),
        links=tuple(draw(st.lists(link, max_size=2))),
        codings=draw(_codings([p.actor for p in participants])),
        tags=tuple(sorted(draw(st.lists(slugs(), unique=True, max_size=3)))),
        external_ids=draw(_external_ids(IdScheme.COW_MID, citations())),
        citations=draw(citations()),
    )


def events() -> st.SearchStrategy[Event]:
    """Valid `Event` records; participants, links and citations name arbitrary ids, and the
    codings (CAMEO codes of actions between participants) name participants."""
    return _event()


def relations() -> st.SearchStrategy[Relation]:
    """Valid `Relation` records (two sorted, different parties); the ids they name are arbitrary."""
    pair = st.lists(slugs(), min_size=2, max_size=2, unique=True).map(lambda p: tuple(sorted(p)))
    return st.builds(
        Relation,
        id=slugs(),
        parties=pair,
        status=st.sampled_from(RelationStatus),
        when=intervals(),
        opened_by=st.none() | slugs(),
        closed_by=st.none() | slugs(),
        summary=st.none() | _texts(),
        citations=citations(),
    )


@st.composite
def _treaty(
    draw: st.DrawFn,
    parties: tuple[str, ...] | None = None,
    cite: Any = None,
    signed_within: tuple[_dt.date, _dt.date] | None = None,
) -> Treaty:
    cite_strategy = cite if cite is not None else citations()
    signed = draw(partial_dates() if signed_within is None else _partial_within(*signed_within))
    in_force = draw(st.none() | _partial_within(signed.earliest, DEFAULT_LAST_DAY))
    ended = draw(st.none() | _partial_within((in_force or signed).earliest, DEFAULT_LAST_DAY))
    end_unknown = ended is None and draw(st.booleans())
    return _build(
        Treaty,
        id=draw(slugs()),
        name=draw(_texts()),
        kind=draw(st.sampled_from(TreatyKind)),
        parties=parties or tuple(draw(st.lists(slugs(), min_size=2, max_size=3, unique=True))),
        signed=signed,
        in_force=in_force,
        ended=ended,
        end_reason=(
            draw(st.sampled_from(EndReason))
            if (ended is not None or end_unknown) and draw(st.booleans())
            else None
        ),
        end_unknown=end_unknown,
        external_ids=draw(_external_ids(IdScheme.ATOP, cite_strategy)),
        citations=draw(cite_strategy),
    )


def treaties() -> st.SearchStrategy[Treaty]:
    """Valid `Treaty` records: signed <= in force <= ended; the ids they name are arbitrary."""
    return _treaty()


def tenures() -> st.SearchStrategy[Tenure]:
    """Valid `Tenure` records; holder, organization and sources are arbitrary slugs."""
    return st.builds(
        Tenure,
        id=slugs(),
        holder=slugs(),
        office=st.sampled_from(_OFFICES),
        organization=slugs(),
        when=intervals(),
        concurrent=st.booleans(),
        summary=st.none() | _texts(),
        citations=citations(),
    )


# -- datasets -----------------------------------------------------------------------------------


def _cap(actor: Actor, last: _dt.date) -> _dt.date:
    return min(actor.lifespan.latest, last)


def _open_ended(actor: Actor) -> bool:
    return not isinstance(actor.lifespan.end, PartialDate)


def _day_after(day: _dt.date) -> _dt.date:
    return day + _dt.timedelta(days=1)


@st.composite
def _actor_records(
    draw: st.DrawFn,
    count: int,
    cite: st.SearchStrategy[tuple[Citation, ...]],
    first: _dt.date,
    last: _dt.date,
) -> list[Actor]:
    fields: list[dict[str, Any]] = []
    for number in range(count):
        actor_id = f"actor-{number}"
        start_from = first
        follows: bool = bool(fields) and draw(st.booleans())
        predecessor = fields[-1] if follows else None
        if predecessor is not None and isinstance(predecessor["lifespan"].end, PartialDate):
            # A successor begins at most a few months before its predecessor ends.
            start_from = max(first, predecessor["lifespan"].end.earliest - _dt.timedelta(days=200))
        else:
            predecessor = None
        middle = draw(_days(start_from, last))
        start = draw(_partial_within(start_from, middle))
        end: PartialDate | IntervalEnd = draw(_partial_within(middle, last))
        if draw(st.integers(0, 3)) == 0:
            end = draw(st.sampled_from(IntervalEnd))
        lifespan = Interval(start=start, end=end)
        stems = draw(st.lists(st.sampled_from(_ALIAS_STEMS), unique=True, max_size=2))
        names = [Name(text=f"{stem} {number}", lang=draw(st.sampled_from(_LANGS))) for stem in stems]
        entry: dict[str, Any] = {
            "id": actor_id,
            # People half the time, so that most datasets have office holders.
            "kind": draw(st.just(ActorKind.PERSON) | st.sampled_from(ActorKind)),
            "name": f"Actor {number}",
            "lifespan": lifespan,
            "names": names,
            "predecessors": [],
            "successors": [],
            "member_of": [],
            "external_ids": draw(_external_ids(IdScheme.WIKIDATA, cite)),
            "citations": draw(cite),
            "variants": [],
        }
        if predecessor is not None:
            predecessor["successors"].append(actor_id)
            entry["predecessors"].append(predecessor["id"])
        if fields and draw(st.integers(0, 3)) == 0:
            entry["member_of"].append(draw(st.sampled_from([f["id"] for f in fields])))
        if draw(st.integers(0, 3)) == 0:
            other = draw(_interval_within(first, last, open_end=True))
            variant_value = str(other) if str(other) != str(lifespan) else f"{lifespan.start}/"
            if variant_value != str(lifespan):
                entry["variants"].append(_variant("lifespan", variant_value, draw(cite)))
        fields.append(entry)
    if count >= 2 and draw(st.booleans()):
        # A name two actors knowingly share, declared on both.
        for index in draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=count, unique=True)):
            fields[index]["names"].append(Name(text="Shared Name", lang="en", shared=True))
    return [
        _build(Actor, **{k: tuple(v) if isinstance(v, list) else v for k, v in f.items()}) for f in fields
    ]


def _overlaps(actor: Actor, when: When) -> bool:
    return actor.lifespan.earliest <= when.latest and when.earliest <= actor.lifespan.latest


@st.composite
def _event_records(
    draw: st.DrawFn,
    count: int,
    actors: list[Actor],
    cite: st.SearchStrategy[tuple[Citation, ...]],
    last: _dt.date,
) -> list[Event]:
    made: list[Event] = []
    for number in range(count):
        anchor = draw(st.sampled_from(actors))
        first, final = anchor.lifespan.earliest, _cap(anchor, last)
        wholes = [e for e in made if isinstance(e.when, Interval)]
        within: bool = bool(wholes) and draw(st.booleans())
        whole = draw(st.sampled_from(wholes)) if within else None
        if whole is not None and max(first, whole.when.earliest) <= min(final, whole.when.latest):
            first, final = max(first, whole.when.earliest), min(final, whole.when.latest)
        else:
            whole = None
        when: When = draw(st.one_of(_partial_within(first, final), _interval_within(first, final)))
        participants = [Participant(actor=anchor.id, role=draw(st.sampled_from(Role)))]
        for other in draw(st.lists(st.sampled_from(actors), max_size=2, unique_by=lambda a: a.id)):
            role = draw(st.sampled_from(Role))
            alive = _overlaps(other, when)
            born = other.lifespan.earliest <= when.latest
            if (alive or (born and role in POSTHUMOUS_ROLES)) and other.id != anchor.id:
                participants.append(Participant(actor=other.id, role=role))
        links = [Link(kind=LinkKind.PART_OF, target=whole.id)] if whole is not None else []
        for target in (
            draw(st.lists(st.sampled_from(made), max_size=2, unique_by=lambda e: e.id)) if made else []
        ):
            kind = draw(st.sampled_from((LinkKind.LED_TO, LinkKind.RESPONSE_TO, LinkKind.DATED_FROM)))
            fits = {
                LinkKind.LED_TO: when.earliest <= target.when.latest,
                LinkKind.RESPONSE_TO: target.when.earliest <= when.latest,
                LinkKind.DATED_FROM: True,
            }[kind]
            if fits:
                links.append(Link(kind=kind, target=target.id))
        variants = []
        if draw(st.integers(0, 3)) == 0:
            variants.append(_variant("title", f"Another title {number}", draw(cite)))
        # An interaction between two or more actors carries codings; with one actor, it is
        # of another kind (the uncoded-interaction check would warn otherwise).
        event_kind: EventKind = draw(st.sampled_from(EventKind))
        codings: tuple[Coding, ...] = ()
        if event_kind in INTERACTION_KINDS:
            codings = (
                draw(_codings([p.actor for p in participants], min_size=1))
                if len({p.actor for p in participants}) >= 2
                else ()
            )
            if not codings:
                event_kind = draw(st.sampled_from(sorted(set(EventKind) - INTERACTION_KINDS)))
        made.append(
            _build(
                Event,
                id=f"event-{number}",
                when=when,
                title=f"Event {number}",
                kind=event_kind,
                participants=tuple(participants),
                links=tuple(links),
                codings=codings,
                tags=tuple(sorted(draw(st.lists(st.sampled_from(_WORDS), unique=True, max_size=2)))),
                external_ids=draw(_external_ids(IdScheme.COW_MID, cite)),
                citations=draw(cite),
                variants=tuple(variants),
            )
        )
    # An episode is coded through its parts (the episode-coded check).
    episodes = {link.target for event in made for link in event.links if link.kind is LinkKind.PART_OF}
    return [attrs.evolve(e, codings=()) if e.id in episodes and e.codings else e for e in made]


@st.composite
def _seam(draw: st.DrawFn, day: _dt.date) -> tuple[PartialDate, PartialDate]:
    """The end of one period and the start of the next, which begins on ``day``."""
    before = day - _dt.timedelta(days=1)
    ends = [PartialDate(year=before.year, month=before.month, day=before.day)]
    starts = [PartialDate(year=day.year, month=day.month, day=day.day)]
    if day.day == 1:
        ends.append(PartialDate(year=before.year, month=before.month))
        starts.append(PartialDate(year=day.year, month=day.month))
    if (day.month, day.day) == (1, 1):
        ends.append(PartialDate(year=before.year))
        starts.append(PartialDate(year=day.year))
    return draw(st.sampled_from(ends)), draw(st.sampled_from(starts))


@st.composite
def _relation_records(
    draw: st.DrawFn,
    actors: list[Actor],
    events: list[Event],
    cite: st.SearchStrategy[tuple[Citation, ...]],
    last: _dt.date,
) -> tuple[list[Relation], list[Treaty]]:
    # Only pairs that coexist for a while can have relation periods.
    pairs = [
        (a, b)
        for a in actors
        for b in actors
        if a.id < b.id and max(a.lifespan.earliest, b.lifespan.earliest) <= min(_cap(a, last), _cap(b, last))
    ]
    chosen = (
        draw(st.lists(st.sampled_from(pairs), unique_by=lambda p: (p[0].id, p[1].id), min_size=1, max_size=3))
        if pairs
        else []
    )
    made: list[Relation] = []
    alliances: list[Treaty] = []
    for number, (one, other) in enumerate(chosen):
        first = max(one.lifespan.earliest, other.lifespan.earliest)
        final = min(_cap(one, last), _cap(other, last))
        if first > final:
            continue
        cuts = sorted(draw(st.lists(_days(first, final), min_size=1, max_size=4, unique=True)))
        starts: list[PartialDate] = [draw(_partial_within(first, cuts[0]))]
        ends: list[PartialDate | IntervalEnd] = []
        for day in cuts[1:]:
            previous_end, next_start = draw(_seam(day))
            ends.append(previous_end)
            starts.append(next_start)
        last_end: PartialDate | IntervalEnd = draw(_partial_within(cuts[-1], final))
        if _open_ended(one) and _open_ended(other) and draw(st.booleans()):
            last_end = IntervalEnd.OPEN
        ends.append(last_end)
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            when = Interval(start=start, end=end)
            status = draw(st.sampled_from(RelationStatus))
            openers = [e.id for e in events if e.when.earliest <= start.latest]
            closers = [
                e.id
                for e in events
                if isinstance(end, PartialDate)
                and e.when.earliest <= _day_after(end.latest)
                and e.when.latest >= when.earliest
            ]
            relation_id = f"relation-{number}-{index}"
            variants = []
            if draw(st.integers(0, 3)) == 0:
                other_status = draw(st.sampled_from([s for s in RelationStatus if s is not status]))
                variants.append(_variant("status", other_status.value, draw(cite)))
            made.append(
                _build(
                    Relation,
                    id=relation_id,
                    parties=(one.id, other.id),
                    status=status,
                    when=when,
                    opened_by=draw(st.none() | st.sampled_from(openers)) if openers else None,
                    closed_by=draw(st.none() | st.sampled_from(closers)) if closers else None,
                    citations=draw(cite),
                    variants=tuple(variants),
                )
            )
            if status is RelationStatus.ALLIANCE:
                # An alliance treaty in force exactly over the alliance period.
                ended = end if isinstance(end, PartialDate) else None
                alliances.append(
                    _build(
                        Treaty,
                        id=f"alliance-{number}-{index}",
                        name=f"Alliance treaty {number}-{index}",
                        kind=TreatyKind.ALLIANCE,
                        parties=(one.id, other.id),
                        signed=start,
                        in_force=start,
                        ended=ended,
                        end_reason=EndReason.TERMINATED if ended is not None else None,
                        citations=draw(cite),
                    )
                )
    return made, alliances


@st.composite
def _tenure_records(
    draw: st.DrawFn, actors: list[Actor], cite: st.SearchStrategy[tuple[Citation, ...]], last: _dt.date
) -> list[Tenure]:
    made: list[Tenure] = []
    for office_number, office in enumerate(
        draw(st.lists(st.sampled_from(_OFFICES), unique=True, max_size=2))
    ):
        organization = draw(st.sampled_from(actors))
        concurrent = draw(st.integers(0, 3)) == 0
        cursor = _dt.date.min
        people = [a for a in actors if a.kind is ActorKind.PERSON]
        if not people:
            break
        for holder in draw(st.lists(st.sampled_from(people), min_size=1, max_size=3)):
            # Within the lifespans of both the holder and the organisation.
            first = max(holder.lifespan.earliest, organization.lifespan.earliest)
            if not concurrent:
                first = max(first, cursor)
            final = min(_cap(holder, last), _cap(organization, last))
            if first > final:
                continue
            open_end = _open_ended(holder) and _open_ended(organization)
            when = draw(_interval_within(first, final, open_end=open_end))
            made.append(
                _build(
                    Tenure,
                    id=f"tenure-{office_number}-{len(made)}",
                    holder=holder.id,
                    office=office,
                    organization=organization.id,
                    when=when,
                    concurrent=concurrent,
                    citations=draw(cite),
                )
            )
            if not isinstance(when.end, PartialDate):
                break
            cursor = _day_after(when.end.latest)
    return made


@st.composite
def _datasets(
    draw: st.DrawFn,
    actor_counts: tuple[int, int],
    event_counts: tuple[int, int],
    first: _dt.date,
    last: _dt.date,
) -> Dataset:
    source_records = [
        Source(
            id=f"source-{number}",
            title=f"Source {number}",
            kind=draw(st.sampled_from(SourceKind)),
            # The first source is a primary or secondary one, which every record cites.
            level=draw(
                st.sampled_from([SourceLevel.PRIMARY, SourceLevel.SECONDARY] if number == 0 else SourceLevel)
            ),
        )
        for number in range(draw(st.integers(1, 3)))
    ]
    # Every record cites the first source, and perhaps others.
    others = [s.id for s in source_records[1:]]
    cite = st.tuples(
        citations(["source-0"]).map(lambda found: found[:1]),
        citations(others) if others else st.just(()),
        st.booleans(),
    ).map(lambda parts: parts[0] + (parts[1] if parts[2] else ()))
    actor_records = draw(_actor_records(draw(st.integers(*actor_counts)), cite, first, last))
    event_records = draw(_event_records(draw(st.integers(*event_counts)), actor_records, cite, last))
    relation_records, alliance_treaties = draw(_relation_records(actor_records, event_records, cite, last))
    other_treaties = []
    if len(actor_records) >= 2:
        ids = [a.id for a in actor_records]
        by_id = {a.id: a for a in actor_records}
        for number in range(draw(st.integers(0, 2))):
            parties = tuple(draw(st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True)))
            # Signed on a day when every party exists.
            opens = max(by_id[p].lifespan.earliest for p in parties)
            closes = min(_cap(by_id[p], last) for p in parties)
            if opens > closes:
                continue
            treaty = draw(_treaty(parties=parties, cite=cite, signed_within=(opens, closes)))
            kind = draw(st.sampled_from([k for k in TreatyKind if k is not TreatyKind.ALLIANCE]))
            other_treaties.append(attrs.evolve(treaty, id=f"treaty-{number}", kind=kind))
    return Dataset(
        sources=source_records,
        actors=actor_records,
        events=event_records,
        relations=relation_records,
        treaties=[*alliance_treaties, *other_treaties],
        tenures=draw(_tenure_records(actor_records, cite, last)),
    )


def datasets(
    *,
    min_actors: int = 1,
    max_actors: int = 5,
    min_events: int = 0,
    max_events: int = 8,
    min_value: _dt.date = _dt.date(1900, 1, 1),
    max_value: _dt.date = _dt.date(2000, 12, 31),
) -> st.SearchStrategy[Dataset]:
    """Valid, referentially consistent datasets: `sinosoviet.checks.check_dataset` finds nothing.

    Every dataset has one to three sources, ``min_actors`` to ``max_actors`` actors,
    ``min_events`` to ``max_events`` events, relation periods for one to three pairs of actors
    whose lifespans meet (contiguous per pair, an alliance treaty for every alliance period),
    some other treaties and some tenures. Succession links a few consecutive actors, each
    beginning at most 200 days before its predecessor ends (well inside
    `sinosoviet.checks.SUCCESSION_OVERLAP_DAYS`). Ids are ``actor-0``, ``event-3``, ... so that a
    test can add records of its own under other ids.

    Args:
        min_actors: the fewest actors a dataset has (at least 1).
        max_actors: the most actors a dataset has.
        min_events: the fewest events a dataset has.
        max_events: the most events a dataset has.
        min_value: no known date is earlier than this day.
        max_value: no known date is later than this day.
    """
    if not 1 <= min_actors <= max_actors or not 0 <= min_events <= max_events:
        raise ValueError("need 1 <= min_actors <= max_actors and 0 <= min_events <= max_events")
    if min_value > max_value:
        raise ValueError("min_value is after max_value")
    assert SUCCESSION_OVERLAP_DAYS > 200  # the successor rule above relies on it
    return _datasets((min_actors, max_actors), (min_events, max_events), min_value, max_value)
