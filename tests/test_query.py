"""Tests for sinosoviet.query: every query against a plainly written oracle, and the laws.

The generator below makes small valid datasets whose dates cluster in 1900-2000, so that windows,
relation periods and the principal chain's switch days (1922, 1949, 1991) meet often.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import unicodedata
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinosoviet
from sinosoviet import (
    Actor,
    ActorKind,
    Citation,
    Dataset,
    EndReason,
    Event,
    EventKind,
    Interval,
    IntervalEnd,
    Name,
    PartialDate,
    Participant,
    Qualifier,
    Relation,
    RelationStatus,
    Role,
    Tenure,
    Treaty,
    TreatyKind,
    UnknownActorError,
)
from sinosoviet import query as q

CITE = (Citation(source="src"),)
FIRST, LAST = 1900, 2000

# Actors the generator draws from: the principal chain's ids, and names with diacritics, other
# scripts and punctuation. Names are distinct across actors, so that every name has one owner.
ACTOR_POOL: tuple[tuple[str, str, tuple[Name, ...]], ...] = (
    (
        "roc",
        "Republic of China",
        (Name(text="中華民國", lang="zh-Hant"), Name(text="中华民国", lang="zh-Hans")),
    ),
    ("prc", "People's Republic of China", (Name(text="中華人民共和國", lang="zh-Hant"),)),
    ("ussr", "Soviet Union", (Name(text="Союз Советских Социалистических Республик", lang="ru"),)),
    ("soviet-russia", "Soviet Russia", ()),
    ("russia", "Russian Federation", (Name(text="Россия", lang="ru"),)),
    ("lushun", "Lüshun", (Name(text="Port Arthur", lang="en"),)),
    ("mao-zedong", "Mao Zedong", (Name(text="Mao Tse-tung", lang="zh-Latn-wadegile"),)),
    ("ccp", "Chinese Communist Party", (Name(text="Zhōnggòng", lang="zh-Latn-pinyin"),)),
    ("comintern", "Communist International", ()),
)
TAGS = ("aid", "border", "party", "war")
OFFICES = ("Chairman", "General Secretary", "Premier")


# -- generators --------------------------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(FIRST, LAST))
    precision = draw(st.sampled_from(["decade", "year", "month", "day", "day", "day"]))
    qualifier = draw(st.sampled_from(Qualifier))
    if precision == "decade":
        return PartialDate(year=year - year % 10, unspecified_digits=1, qualifier=qualifier)
    if precision == "year":
        return PartialDate(year=year, qualifier=qualifier)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year=year, month=month, qualifier=qualifier)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year=year, month=month, day=day, qualifier=qualifier)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    ends = st.one_of(partial_dates(), st.sampled_from([IntervalEnd.OPEN, IntervalEnd.UNKNOWN]))
    start, end = draw(ends), draw(ends)
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and start.earliest > end.earliest:
        start, end = end, start
    if start is IntervalEnd.UNKNOWN and end is IntervalEnd.UNKNOWN:
        end = IntervalEnd.OPEN
    return Interval(start=start, end=end)


def whens() -> st.SearchStrategy[PartialDate | Interval]:
    return st.one_of(partial_dates(), intervals())


def days() -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(FIRST - 2, 1, 1), dt.date(LAST + 2, 12, 31))


@st.composite
def relation_periods(draw: st.DrawFn, pair: tuple[str, str]) -> list[Relation]:
    """A partition of part of time into day-precise periods, the last one possibly open."""
    cuts = sorted(draw(st.sets(days(), min_size=1, max_size=6)))
    open_end = draw(st.booleans())
    bounds = [*cuts, None] if open_end else cuts
    periods = []
    for number, (first, after) in enumerate(itertools.pairwise(bounds)):
        end: PartialDate | IntervalEnd
        if after is None:
            end = IntervalEnd.OPEN
        else:
            last = after - dt.timedelta(days=1)
            end = PartialDate(year=last.year, month=last.month, day=last.day)
        start = PartialDate(year=first.year, month=first.month, day=first.day)
        periods.append(
            Relation(
                id=f"{pair[0]}-{pair[1]}-{number}",
                parties=pair,
                status=draw(st.sampled_from(RelationStatus)),
                when=Interval(start=start, end=end),
                citations=CITE,
            )
        )
    return periods


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    chosen = draw(st.lists(st.sampled_from(ACTOR_POOL), min_size=1, max_size=7, unique_by=lambda a: a[0]))
    ids = [a[0] for a in chosen]
    edges = st.lists(
        st.tuples(st.sampled_from(range(len(ids))), st.sampled_from(range(len(ids)))), max_size=4
    )
    successors: dict[str, set[str]] = {i: set() for i in ids}
    predecessors: dict[str, set[str]] = {i: set() for i in ids}
    member_of: dict[str, set[str]] = {i: set() for i in ids}
    for a, b in draw(edges):
        if a < b:  # acyclic: links only run forward in the drawn order
            side = draw(st.sampled_from(["successors", "predecessors", "both"]))
            if side != "predecessors":
                successors[ids[a]].add(ids[b])
            if side != "successors":
                predecessors[ids[b]].add(ids[a])
    for a, b in draw(edges):
        if a < b:
            member_of[ids[b]].add(ids[a])
    actors = [
        Actor(
            id=actor_id,
            kind=ActorKind.STATE,
            name=name,
            names=names,
            lifespan=draw(intervals()),
            successors=tuple(sorted(successors[actor_id])),
            predecessors=tuple(sorted(predecessors[actor_id])),
            member_of=tuple(sorted(member_of[actor_id])),
            citations=CITE,
        )
        for actor_id, name, names in chosen
    ]
    participants = st.lists(
        st.builds(Participant, actor=st.sampled_from(ids), role=st.sampled_from(Role)),
        max_size=3,
        unique=True,
    )
    events = [
        Event(
            id=f"e{n}",
            when=draw(whens()),
            title="An event",
            kind=draw(st.sampled_from(EventKind)),
            participants=draw(participants),
            tags=tuple(sorted(draw(st.sets(st.sampled_from(TAGS), max_size=2)))),
            citations=CITE,
        )
        for n in range(draw(st.integers(0, 25)))
    ]
    pairs = draw(
        st.sets(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] < p[1]), max_size=4
        )
    )
    relations = [r for pair in sorted(pairs) for r in draw(relation_periods(pair))]
    treaties = []
    for n in range(draw(st.integers(0, 6)) if len(ids) > 1 else 0):
        dates = sorted(draw(st.lists(partial_dates(), min_size=1, max_size=3)), key=lambda d: d.earliest)
        signed, *rest = dates
        ended = rest[-1] if len(rest) == 2 else None
        treaties.append(
            Treaty(
                id=f"t{n}",
                name="A treaty",
                kind=draw(st.sampled_from(TreatyKind)),
                parties=tuple(draw(st.permutations(ids))[:2]),
                signed=signed,
                in_force=rest[0] if rest else None,
                ended=ended,
                end_reason=draw(st.sampled_from(EndReason)) if ended else None,
                end_unknown=ended is None and draw(st.booleans()),
                citations=CITE,
            )
        )
    tenures = [
        Tenure(
            id=f"u{n}",
            holder=draw(st.sampled_from(ids)),
            office=draw(st.sampled_from(OFFICES)),
            organization=draw(st.sampled_from(ids)),
            when=draw(intervals()),
            citations=CITE,
        )
        for n in range(draw(st.integers(0, 6)))
    ]
    return Dataset(actors=actors, events=events, relations=relations, treaties=treaties, tenures=tenures)


def date_args() -> st.SearchStrategy[Any]:
    """Any form a period argument takes."""
    return st.one_of(
        partial_dates(),
        partial_dates().map(lambda d: str(d)),
        st.integers(FIRST, LAST),
        days(),
    )


# -- oracles, written plainly --------------------------------------------------------------------------


def first_day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else PartialDate.parse(value).earliest


def last_day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else PartialDate.parse(value).latest


def in_window(when: Any, start: Any, end: Any, mode: str) -> bool:
    lo = dt.date.min if start is None else first_day(start)
    hi = dt.date.max if end is None else last_day(end)
    if mode == "within":
        return lo <= when.earliest and when.latest <= hi
    return when.earliest <= hi and when.latest >= lo


def certainly_in_force(treaty: Treaty, on: Any) -> bool:
    """In force on every day of ``on``, whatever days its coarse dates stand for."""
    starts_by = (treaty.in_force or treaty.signed).latest
    if treaty.ended is not None:
        ends_no_sooner = treaty.ended.earliest
    elif treaty.end_unknown:
        ends_no_sooner = (treaty.in_force or treaty.signed).earliest  # may end the day it begins
    else:
        ends_no_sooner = dt.date.max  # still in force
    return starts_by <= first_day(on) and last_day(on) <= ends_no_sooner


def ordered(records: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(records, key=lambda r: (r.when.earliest, r.when.latest, r.id)))


def _reachable(edges: set[tuple[str, str]], start: str) -> set[str]:
    seen = {start}
    while True:
        new = {b for a, b in edges if a in seen} - seen
        if not new:
            return seen
        seen |= new


def family(data: Dataset, actor_id: str, lineage: bool, members: bool) -> set[str]:
    found = {actor_id}
    if lineage:
        later = {(a.id, s) for a in data.actors for s in a.successors}
        later |= {(p, a.id) for a in data.actors for p in a.predecessors}
        earlier = {(b, a) for a, b in later}
        found = _reachable(later, actor_id) | _reachable(earlier, actor_id)
    if members:
        belongs = {(group, a.id) for a in data.actors for group in a.member_of}
        found = set().union(*(_reachable(belongs, x) for x in found))
    return found


def oracle_events(data: Dataset, **kw: Any) -> tuple[Event, ...]:
    actor_ids = None
    if kw.get("actor") is not None:
        actor_ids = family(
            data, kw["actor"], kw.get("include_successors", False), kw.get("include_members", False)
        )
    out = []
    for e in data.events:
        if (kw.get("start") is not None or kw.get("end") is not None) and not in_window(
            e.when, kw.get("start"), kw.get("end"), kw.get("mode", "overlaps")
        ):
            continue
        if kw.get("kind") is not None and e.kind != kw["kind"]:
            continue
        if kw.get("tag") is not None and kw["tag"] not in e.tags:
            continue
        if actor_ids is not None and not any(p.actor in actor_ids for p in e.participants):
            continue
        if kw.get("role") is not None and not any(
            p.role == kw["role"] and (actor_ids is None or p.actor in actor_ids) for p in e.participants
        ):
            continue
        out.append(e)
    return ordered(out)


def chain_pair(day: dt.date) -> tuple[str, str]:
    pair = q.PRINCIPAL_CHAIN[0].parties
    for link in q.PRINCIPAL_CHAIN:
        if link.since is None or link.since <= day:
            pair = link.parties
    return pair


def periods_on(data: Dataset, pair: tuple[str, str], day: dt.date) -> list[Relation]:
    return [r for r in data.relations if r.parties == pair and r.when.earliest <= day <= r.when.latest]


# -- properties ------------------------------------------------------------------------------------------


class TestEventsProperties:
    """events() equals a brute-force scan, for any combination of filters."""

    @given(
        data=datasets(),
        start=st.none() | date_args(),
        end=st.none() | date_args(),
        mode=st.sampled_from(["overlaps", "within"]),
        pick=st.integers(0, 10),
        kind=st.none() | st.sampled_from(EventKind),
        role=st.none() | st.sampled_from(Role),
        with_actor=st.booleans(),
        lineage=st.booleans(),
        members=st.booleans(),
        tag=st.none() | st.sampled_from(TAGS),
    )
    def test_equals_oracle(
        self,
        data: Dataset,
        start: Any,
        end: Any,
        mode: str,
        pick: int,
        kind: EventKind | None,
        role: Role | None,
        with_actor: bool,
        lineage: bool,
        members: bool,
        tag: str | None,
    ) -> None:
        if start is not None and end is not None and first_day(start) > last_day(end):
            with pytest.raises(ValueError, match="after end"):
                data.query.events(start=start, end=end)
            return
        used_tags = {t for e in data.events for t in e.tags}
        if tag is not None and tag not in used_tags:
            with pytest.raises(ValueError, match="tag="):
                data.query.events(tag=tag)
            tag = None
        actor = data.actors[pick % len(data.actors)].id if with_actor else None
        kw: dict[str, Any] = {
            "start": start,
            "end": end,
            "mode": mode,
            "kind": kind,
            "role": role,
            "tag": tag,
        }
        if actor is not None:
            kw.update(actor=actor, include_successors=lineage, include_members=members)
        assert data.query.events(**kw) == oracle_events(data, **kw)

    @given(data=datasets(), start=date_args(), end=date_args())
    def test_within_is_a_subset_of_overlaps(self, data: Dataset, start: Any, end: Any) -> None:
        if first_day(start) > last_day(end):
            start, end = end, start
        if first_day(start) > last_day(end):
            return
        within = data.query.events(start=start, end=end, mode="within")
        assert set(within) <= set(data.query.events(start=start, end=end))

    @given(
        data=datasets(), a=days(), b=days(), c=days(), d=days(), mode=st.sampled_from(["overlaps", "within"])
    )
    def test_widening_never_loses(
        self, data: Dataset, a: dt.date, b: dt.date, c: dt.date, d: dt.date, mode: Any
    ) -> None:
        lo, inner_lo, inner_hi, hi = sorted([a, b, c, d])
        narrow = data.query.events(start=inner_lo, end=inner_hi, mode=mode)
        wide = data.query.events(start=lo, end=hi, mode=mode)
        assert set(narrow) <= set(wide)

    @given(data=datasets(), start=st.none() | days(), pick=st.integers(0, 10))
    def test_sorted_and_unique(self, data: Dataset, start: dt.date | None, pick: int) -> None:
        actor = data.actors[pick % len(data.actors)]
        for found in (
            data.query.events(start=start),
            data.query.events(actor=actor.id, include_successors=True, include_members=True),
        ):
            keys = [(e.when.earliest, e.when.latest, e.id) for e in found]
            assert keys == sorted(keys)
            assert len(set(keys)) == len(keys)


class TestRelationProperties:
    """On every day a pair covers, one period holds, and status_on returns it."""

    @given(data=datasets(), day=days())
    def test_one_period_per_covered_day(self, data: Dataset, day: dt.date) -> None:
        for pair in {r.parties for r in data.relations}:
            holding = periods_on(data, pair, day)
            assert len(holding) <= 1
            assert data.query.status_on(day, pair) == (holding[0] if holding else None)
            assert data.query.status_on(day, tuple(reversed(pair))) == data.query.status_on(day, pair)

    @given(data=datasets(), day=days())
    def test_principal_chain(self, data: Dataset, day: dt.date) -> None:
        holding = periods_on(data, chain_pair(day), day)
        assert data.query.status_on(day) == (holding[0] if holding else None)
        assert data.query.status_on(day.isoformat()) == data.query.status_on(day)

    @given(data=datasets(), when=partial_dates())
    def test_a_coarse_day_is_answered_only_when_unambiguous(self, data: Dataset, when: PartialDate) -> None:
        first, last = when.earliest, when.latest
        seen = {
            id(holding[0]) if (holding := periods_on(data, chain_pair(day), day)) else None
            for day in (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
        }
        if len(seen) == 1:
            expected = periods_on(data, chain_pair(first), first)
            assert data.query.status_on(when) == (expected[0] if expected else None)
        else:
            with pytest.raises(ValueError, match=r"relations\(\)|relations\("):
                data.query.status_on(when)

    @given(
        data=datasets(),
        start=st.none() | days(),
        end=st.none() | days(),
        status=st.none() | st.sampled_from(RelationStatus),
        pick=st.integers(0, 10),
        by_party=st.booleans(),
    )
    def test_relations_equal_oracle(
        self, data: Dataset, start: Any, end: Any, status: Any, pick: int, by_party: bool
    ) -> None:
        if start and end and start > end:
            start, end = end, start
        party = data.actors[pick % len(data.actors)].id if by_party else None
        expected = ordered(
            r
            for r in data.relations
            if (status is None or r.status == status)
            and (party is None or party in r.parties)
            and in_window(r.when, start, end, "overlaps")
        )
        assert data.query.relations(status=status, parties=party, start=start, end=end) == expected


class TestTreatiesAndTenures:
    """treaties() and office_holders() equal brute-force scans."""

    @given(
        data=datasets(),
        on=st.none() | date_args(),
        kind=st.none() | st.sampled_from(TreatyKind),
        pick=st.integers(0, 10),
    )
    def test_treaties(self, data: Dataset, on: Any, kind: Any, pick: int) -> None:
        party = data.actors[pick % len(data.actors)].id if pick % 2 else None
        expected = ordered(
            t
            for t in data.treaties
            if (on is None or in_window(t.when, on, on, "overlaps"))
            and (kind is None or t.kind == kind)
            and (party is None or party in t.parties)
        )
        assert data.query.treaties(in_force_on=on, party=party, kind=kind) == expected
        certain = tuple(t for t in expected if on is None or certainly_in_force(t, on))
        assert data.query.treaties(in_force_on=on, party=party, kind=kind, certain=True) == certain

    @given(data=datasets(), on=date_args(), pick=st.integers(0, 10), by_office=st.booleans())
    def test_office_holders(self, data: Dataset, on: Any, pick: int, by_office: bool) -> None:
        actor = data.actors[pick % len(data.actors)].id if pick % 2 else None
        offices = sorted({t.office for t in data.tenures})
        office = offices[pick % len(offices)] if by_office and offices else None
        expected = ordered(
            t
            for t in data.tenures
            if in_window(t.when, on, on, "overlaps")
            and (actor is None or actor in (t.holder, t.organization))
            and (office is None or t.office == office)
        )
        assert data.query.office_holders(on, actor=actor, office=office) == expected
        if office is not None:
            assert data.query.office_holders(on, actor=actor, office=f"  {office.upper()} ") == expected


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class TestActorLookup:
    """Every id, name and alias finds its actor, whatever the case or diacritics."""

    @given(
        data=datasets(), variant=st.sampled_from([str.upper, str.lower, str.title, _strip_marks, str.strip])
    )
    def test_stable_under_case_and_diacritics(self, data: Dataset, variant: Any) -> None:
        for actor in data.actors:
            for text in (actor.id, actor.name, *(n.text for n in actor.names)):
                assert data.query.actor(text) is actor
                assert data.query.actor(variant(text)) is actor
                assert data.query.actor(f"  {text.replace(' ', '  ')} ") is actor

    @given(data=datasets())
    def test_unknown_names_suggest(self, data: Dataset) -> None:
        actor = data.actors[0]
        typo = actor.name[:-1] + ("x" if actor.name[-1] != "x" else "y")
        with pytest.raises(UnknownActorError) as info:
            data.query.actor(typo)
        assert actor.name in info.value.suggestions
        assert data.query.get_actor(typo, "none") == "none"


# -- examples on a fixed dataset ------------------------------------------------------------------------


def _relation(rid: str, pair: tuple[str, str], status: RelationStatus, when: str) -> Relation:
    return Relation(id=rid, parties=pair, status=status, when=Interval.parse(when), citations=CITE)


def _actor(actor_id: str, name: str, lifespan: str, **kw: Any) -> Actor:
    return Actor(
        id=actor_id, kind=ActorKind.STATE, name=name, lifespan=Interval.parse(lifespan), citations=CITE, **kw
    )


SMALL = Dataset(
    actors=[
        _actor("roc", "Republic of China", "1912-01-01/..", successors=("prc",)),
        _actor(
            "prc",
            "People's Republic of China",
            "1949-10-01/..",
            names=(Name(text="中华人民共和国", lang="zh-Hans"), Name(text="中華人民共和國", lang="zh-Hant")),
        ),
        _actor(
            "ussr",
            "Union of Soviet Socialist Republics",
            "1922-12-30/1991-12-26",
            names=(
                Name(text="苏联", lang="zh-Hans"),
                Name(text="蘇聯", lang="zh-Hant"),
                Name(text="China", lang="en", shared=True),
            ),
        ),
        _actor(
            "ccp",
            "Chinese Communist Party",
            "1921-07/..",
            member_of=("comintern",),
            names=(Name(text="China", lang="en", shared=True),),
        ),
        _actor("comintern", "Communist International", "1919-03/1943-05"),
    ],
    events=[
        Event(
            id="founding",
            when=PartialDate.parse("1949-10-01"),
            title="PRC founded",
            kind=EventKind.FOUNDING,
            participants=(Participant(actor="prc", role=Role.SUBJECT),),
            citations=CITE,
        ),
        Event(
            id="treaty-1945",
            when=PartialDate.parse("1945-08-14"),
            title="Treaty",
            kind=EventKind.TREATY,
            participants=(
                Participant(actor="roc", role=Role.SIGNATORY),
                Participant(actor="ussr", role=Role.SIGNATORY),
            ),
            citations=CITE,
            tags=("war",),
        ),
        Event(
            id="congress",
            when=PartialDate.parse("1921-07"),
            title="First congress",
            kind=EventKind.FOUNDING,
            participants=(Participant(actor="ccp", role=Role.SUBJECT),),
            citations=CITE,
        ),
        Event(
            id="war",
            when=Interval.parse("1937-07-07/1945-09-02"),
            title="War",
            kind=EventKind.MILITARY,
            citations=CITE,
        ),
        Event(
            id="clash",
            when=PartialDate.parse("1969~"),
            title="Border clashes",
            kind=EventKind.MILITARY,
            participants=(
                Participant(actor="prc", role=Role.BELLIGERENT),
                Participant(actor="ussr", role=Role.BELLIGERENT),
            ),
            tags=("border",),
            citations=CITE,
        ),
    ],
    relations=[
        _relation("roc-ussr-1", ("roc", "ussr"), RelationStatus.NORMAL, "1922-12-30/1949-10-02"),
        _relation("prc-ussr-1", ("prc", "ussr"), RelationStatus.ALLIANCE, "1949-10-02/1960-06-30"),
        _relation("prc-ussr-2", ("prc", "ussr"), RelationStatus.HOSTILITY, "1960-07-01/1989-05-14"),
        _relation("prc-ussr-3", ("prc", "ussr"), RelationStatus.NORMAL, "1989-05-15/1991-12-26"),
    ],
    tenures=[
        Tenure(
            id="mao-chair",
            holder="mao",
            office="Chairman",
            organization="ccp",
            when=Interval.parse("1943-03-20/1976-09-09"),
            citations=CITE,
        ),
    ],
)


class TestExamples:
    """Questions a historian asks, on a small fixed dataset."""

    def test_windows(self) -> None:
        assert [e.id for e in SMALL.query.events(start=1949, end=1949)] == ["founding"]
        assert [e.id for e in SMALL.query.events(start="1945-08", end="1945-08")] == ["war", "treaty-1945"]
        assert [e.id for e in SMALL.query.events(start="1945-08", end="1945-08", mode="within")] == [
            "treaty-1945"
        ]
        assert SMALL.query.events(start=dt.date(1969, 3, 2), end=dt.date(1969, 3, 2))[0].id == "clash"
        assert SMALL.query.events(start=dt.date(1969, 3, 2), end=dt.date(1969, 3, 2), mode="within") == ()

    def test_actors_across_1949(self) -> None:
        assert [e.id for e in SMALL.query.events(actor="prc")] == ["founding", "clash"]
        lineage = SMALL.query.events(actor="People's Republic of China", include_successors=True)
        assert [e.id for e in lineage] == ["treaty-1945", "founding", "clash"]
        assert [e.id for e in SMALL.query.events(actor="comintern", include_members=True)] == ["congress"]
        assert [e.id for e in SMALL.query.events(actor="蘇聯", role="signatory")] == ["treaty-1945"]

    def test_status_on_follows_the_chain(self) -> None:
        relation = SMALL.query.status_on("1969-03-02")
        assert relation is not None
        assert relation.status is RelationStatus.HOSTILITY
        assert SMALL.query.status_on("1949-10-01").id == "roc-ussr-1"  # type: ignore[union-attr]
        assert SMALL.query.status_on("1949-10-02").id == "prc-ussr-1"  # type: ignore[union-attr]
        assert SMALL.query.status_on("1970").id == "prc-ussr-2"  # type: ignore[union-attr]
        assert SMALL.query.status_on("1992-01-01") is None  # no PRC-Russia periods in this data
        assert SMALL.query.status_on("1950", parties=("ussr", "中华人民共和国")).id == "prc-ussr-1"  # type: ignore[union-attr]
        with pytest.raises(ValueError, match="relations"):
            SMALL.query.status_on("1960")
        with pytest.raises(ValueError, match="relations"):
            SMALL.query.status_on("1949")

    def test_script_variants_and_shared_names(self) -> None:
        assert SMALL.query.actor("中华人民共和國").id == "prc"  # mixed scripts fold through the data's pairs
        assert SMALL.query.actor("蘇联").id == "ussr"
        with pytest.raises(UnknownActorError, match=r"'china' fits 2 actors: ccp \(.*\); ussr \("):
            SMALL.query.actor("china")

    def test_a_misspelt_word_suggests_the_full_name(self) -> None:
        with pytest.raises(UnknownActorError, match="did you mean 'Communist International'"):
            SMALL.query.actor("Internatonal")

    def test_treaties_and_offices(self) -> None:
        assert SMALL.query.office_holders("1969-03-02", actor="ccp")[0].holder == "mao"
        assert SMALL.query.office_holders("1977", actor="ccp") == ()
        with pytest.raises(ValueError, match="'Chairman'"):
            SMALL.query.office_holders("1969", office="Chairmen")
        with pytest.raises(TypeError, match="certain must be True or False"):
            SMALL.query.treaties(in_force_on="1969", certain="yes")  # type: ignore[arg-type]


class TestBadArguments:
    """A typo raises an error naming the argument; it never yields an empty result."""

    @pytest.mark.parametrize(
        ("kwargs", "error", "match"),
        [
            (
                {"kind": "treatie"},
                ValueError,
                r"kind='treatie' is not a valid EventKind; expected one of .*'treaty'",
            ),
            ({"role": "signer"}, ValueError, r"role='signer'.*'signatory'"),
            ({"tag": "borders"}, ValueError, r"tag='borders'.*'border'"),
            ({"mode": "inside"}, ValueError, "mode must be"),
            ({"start": "1969-13"}, ValueError, "start: '1969-13' is not a date"),
            ({"end": "soon"}, ValueError, "end: 'soon' is not a date"),
            ({"start": 1970, "end": 1969}, ValueError, "after end"),
            ({"start": 1969.5}, TypeError, "start must be"),
            ({"start": True}, TypeError, "start must be"),
            ({"kind": 3}, TypeError, "kind must be"),
            ({"kind": []}, ValueError, "kind is empty"),
            ({"actor": "Stalinn"}, UnknownActorError, "no actor is called 'Stalinn'"),
            ({"actor": 7}, TypeError, "an actor is named by a str"),
            ({"include_successors": True}, ValueError, "need an actor"),
            ({"actor": "prc", "include_members": 1}, TypeError, "include_members must be True or False"),
        ],
    )
    def test_events(self, kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
        with pytest.raises(error, match=match):
            SMALL.query.events(**kwargs)

    def test_other_queries(self) -> None:
        with pytest.raises(ValueError, match="status='war'"):
            SMALL.query.relations(status="war")
        with pytest.raises(TypeError, match="parties must be two actors"):
            SMALL.query.status_on("1950", parties="prc")
        with pytest.raises(ValueError, match="two different actors"):
            SMALL.query.status_on("1950", parties=("prc", "中華人民共和國"))
        with pytest.raises(ValueError, match="in_force_on"):
            SMALL.query.treaties(in_force_on="1950-02-30")
        with pytest.raises(ValueError, match="kind='pact'"):
            SMALL.query.treaties(kind="pact")
        with pytest.raises(TypeError, match="on must be"):
            SMALL.query.office_holders(None)  # type: ignore[arg-type]

    def test_several_values_mean_any(self) -> None:
        found = SMALL.query.events(kind=["treaty", EventKind.MILITARY])
        assert [e.id for e in found] == ["war", "treaty-1945", "clash"]


# -- the shipped data -------------------------------------------------------------------------------------


class TestShippedData:
    """Questions on the shipped data, phrased so that records the curators add cannot break them."""

    def test_module_functions_answer_on_the_shipped_data(self) -> None:
        data = sinosoviet.load()
        assert q.events(start=1950, end=1959) == data.query.events(start=1950, end=1959)
        assert q.relations() == data.query.relations()
        assert q.treaties() == data.query.treaties()
        assert q.office_holders("1969-03-02") == data.query.office_holders("1969-03-02")
        assert q.status_on("1969-03-02") is data.query.status_on("1969-03-02")

    def test_the_states_are_found_by_any_name(self) -> None:
        assert q.actor("prc").name == "People's Republic of China"
        assert q.actor("people's republic of china").id == "prc"
        assert q.actor("中華人民共和國").id == "prc"
        assert q.actor("中华民国").id == "roc"
        assert q.actor("Soviet Union").id == "ussr"
        assert q.actor("蘇聯").id == "ussr"
        assert q.get_actor("Atlantis") is None

    def test_mao_under_his_names(self) -> None:
        mao = q.get_actor("mao-zedong")
        if mao is None:
            pytest.skip("the curators have not added Mao yet")
        for name in mao.names:
            if not name.shared:
                assert q.actor(name.text) is mao

    def test_in_march_1969_the_chain_is_the_prc_and_the_ussr(self) -> None:
        relation = q.status_on("1969-03-02")
        assert relation is None or relation.parties == ("prc", "ussr")
        before = q.status_on(dt.date(1930, 1, 1))
        assert before is None or before.parties == ("roc", "ussr")

    def test_china_across_1949_includes_the_roc(self) -> None:
        lineage = set(q.events(actor="prc", include_successors=True))
        assert set(q.events(actor="roc")) <= lineage
        assert set(q.events(actor="prc")) <= lineage

    def test_who_led_on_2_march_1969(self) -> None:
        for tenure in q.office_holders("1969-03-02"):
            assert tenure.when.earliest <= dt.date(1969, 3, 2) <= tenure.when.latest

    def test_every_shipped_query_is_ordered(self) -> None:
        for found in (q.events(), q.relations(), q.treaties()):
            keys = [(r.when.earliest, r.when.latest, r.id) for r in found]
            assert keys == sorted(keys)


def test_the_chain_is_documented_data() -> None:
    assert [link.parties for link in q.PRINCIPAL_CHAIN] == [
        ("roc", "soviet-russia"),
        ("roc", "ussr"),
        ("prc", "ussr"),
        ("prc", "russia"),
    ]
    starts = [link.since for link in q.PRINCIPAL_CHAIN[1:]]
    assert starts == sorted(starts)  # type: ignore[type-var]
    assert all(link.parties == tuple(sorted(link.parties)) for link in q.PRINCIPAL_CHAIN)
