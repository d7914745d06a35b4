"""Queries by period, actor, relation status, treaty in force and office held.

The public functions here (`events`, `actor`, `get_actor`, `status_on`, `relations`,
`treaties`, `office_holders`) answer on the shipped data; the same names are methods of
`Dataset` for a user's own data. Both call the private ``_events(dataset, ...)`` and friends,
so there is one implementation of each query.

The rules, in one place (docs/queries.md says the same with examples):

* **Periods.** ``start``, ``end``, ``when``, ``on`` and ``in_force_on`` take ``"1949"``,
  ``"1949-10"``, ``"1949-10-01"`` (any date `PartialDate.parse` reads), an int year, a
  `datetime.date` or a `PartialDate`. A coarse start means its first day and a coarse end its
  last, so ``start="1949", end="1949"`` is the whole year. A start after the end is an error.
* **Modes.** A record's dates run from its ``earliest`` to its ``latest`` possible day (the
  qualifiers ``~``/``?`` do not widen them). ``mode="overlaps"`` keeps a record that *could*
  have happened in the window (its span shares a day with it); ``mode="within"`` keeps one that
  *certainly* did (its whole span lies inside). ``within`` is always a subset of ``overlaps``.
* **Results** are tuples ordered by ``(earliest, latest, id)``, each record once.
* **Actors** are found by id, name or any alias, ignoring case, diacritics, punctuation and
  the traditional/simplified difference of characters the data gives in both scripts.
* **Relations.** On each day a pair of actors has at most one relation period. Where a pair's
  periods overlap (only possible in data that fails ``check()``), the period that starts later
  wins from its earliest possible day. Without parties, `status_on` follows `PRINCIPAL_CHAIN`.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Final, Generic, Literal, NamedTuple, TypeAlias, TypeGuard, TypeVar

from sinosoviet import records as _records
from sinosoviet._index import IntervalIndex, NameIndex, Timeline, normalise
from sinosoviet.dataset import Dataset, load
from sinosoviet.dates import PartialDate
from sinosoviet.errors import AmbiguousActorError, UnknownActorError
from sinosoviet.records import Relation, RelationStatus
from sinosoviet.series import Freq, SeriesRow

if TYPE_CHECKING:
    from sinosoviet.records import Actor, Event, EventKind, IdScheme, Role, Tenure, Treaty, TreatyKind

__all__ = [
    "PRINCIPAL_CHAIN",
    "ChainLink",
    "DateLike",
    "Query",
    "actor",
    "events",
    "actor_by_external_id",
    "get_actor",
    "goldstein_series",
    "office_holders",
    "relations",
    "search_actors",
    "status_on",
    "treaties",
]

#: What a period argument accepts.
DateLike: TypeAlias = str | int | _dt.date | PartialDate
Mode: TypeAlias = Literal["overlaps", "within"]

_E = TypeVar("_E", bound=enum.Enum)
_R = TypeVar("_R", "Event", Relation, "Treaty", "Tenure")
_D = TypeVar("_D")
_I = TypeVar("_I")

#: How many spellings of ``parties`` `status_on` remembers per dataset.
_MAX_REMEMBERED: Final = 1024

_FIRST_DAY: Final = _dt.date.min.toordinal()
_LAST_DAY: Final = _dt.date.max.toordinal()


class ChainLink(NamedTuple):
    """One pair of the principal chain and the first day it stands for the relationship."""

    #: The two actor ids, sorted, as in `Relation.parties`.
    parties: tuple[str, str]
    #: The first day this pair is followed; None for the first link (no lower bound). The link
    #: holds until the day before the next link's ``since``.
    since: _dt.date | None


#: The principal relationship "China–Soviet/Russia", followed by `status_on` without parties.
#: The switch days are facts about recognition and succession, not about relation periods, so
#: that a status never depends on which periods the curators have entered yet:
PRINCIPAL_CHAIN: Final = (
    ChainLink(parties=("roc", "soviet-russia"), since=None),
    # The USSR was founded on 30 December 1922 and took over Soviet Russia's foreign relations.
    ChainLink(parties=("roc", "ussr"), since=_dt.date(1922, 12, 30)),
    # The USSR recognised the PRC on 2 October 1949, the day after its proclamation, and with
    # it ended relations with the ROC government; from that day the chain follows the PRC.
    ChainLink(parties=("prc", "ussr"), since=_dt.date(1949, 10, 2)),
    # The USSR was dissolved on 26 December 1991; the Russian Federation continued its seat and
    # treaties, and China recognised it.
    ChainLink(parties=("prc", "russia"), since=_dt.date(1991, 12, 26)),
)


# -- arguments -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096, typed=True)
def _parsed_bounds(value: str | int | PartialDate) -> tuple[int, int]:
    date = PartialDate.parse(value)
    return date.earliest.toordinal(), date.latest.toordinal()


def _bounds(name: str, value: object) -> tuple[int, int]:
    """The first and last day (ordinals) a period argument denotes."""
    if type(value) is _dt.date:
        day = value.toordinal()
        return day, day
    if isinstance(value, _dt.datetime):  # before date: a datetime is a date
        day = value.date().toordinal()
        return day, day
    if isinstance(value, _dt.date):
        day = value.toordinal()
        return day, day
    if isinstance(value, bool) or not isinstance(value, str | int | PartialDate):
        raise TypeError(
            f"{name} must be a str, an int year, a datetime.date or a PartialDate, not {type(value).__name__}"
        )
    try:
        return _parsed_bounds(value)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def _window(start: object, end: object) -> tuple[int, int] | None:
    """``(first, last)`` day of ``start``..``end``, or None when neither is given."""
    if start is None and end is None:
        return None
    first = _FIRST_DAY if start is None else _bounds("start", start)[0]
    last = _LAST_DAY if end is None else _bounds("end", end)[1]
    if first > last:
        raise ValueError(f"start ({start!r}) is after end ({end!r})")
    return first, last


def _check_mode(mode: object) -> Mode:
    if mode == "overlaps" or mode == "within":
        return mode
    raise ValueError(f"mode must be 'overlaps' or 'within', not {mode!r}")


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {value!r}")
    return value


def _values(name: str, value: object, label: str) -> tuple[str, ...]:
    """One str, or an iterable of them, as a tuple; the type checked."""
    items: tuple[object, ...]
    if isinstance(value, str):
        items = (value,)
    elif isinstance(value, Iterable) and not isinstance(value, bytes | dict):
        items = tuple(value)
        if not items:
            raise ValueError(f"{name} is empty; give at least one {label}, or None for any")
    else:
        raise TypeError(f"{name} must be a {label} or several of them, not {type(value).__name__}")
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} must be a {label} or several of them, not {type(item).__name__}")
    return items  # type: ignore[return-value]


def _members(name: str, value: object, enum_type: type[_E]) -> frozenset[_E] | None:
    """The enum members a filter argument names; None when it is None."""
    if value is None:
        return None
    chosen = set()
    for item in _values(name, value, f"str or {enum_type.__name__}"):
        try:
            chosen.add(enum_type(item))
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in enum_type)
            raise ValueError(
                f"{name}={item!r} is not a valid {enum_type.__name__}; expected one of {allowed}"
            ) from None
    return frozenset(chosen)


# -- indexes -------------------------------------------------------------------------------------


def _span(record: Event | Relation | Treaty | Tenure) -> tuple[int, int]:
    when = record.when
    return when.earliest.toordinal(), when.latest.toordinal()


class _Timed(Generic[_R]):
    """Records of one type in result order, indexed by time and by actor id.

    The actor ids (``keys``) are an event's participants, a relation's or treaty's parties, or
    a tenure's holder and organisation.
    """

    __slots__ = ("_key_windows", "by_key", "index", "records", "spans")

    def __init__(self, records: Sequence[_R], keys: Callable[[_R], Iterable[str]]) -> None:
        given: list[tuple[int, int]] = [_span(r) for r in records]
        # Result order: (earliest, latest, id), the input position breaking ties of repeated ids.
        order = sorted(range(len(records)), key=lambda i: (*given[i], records[i].id, i))
        self.records: tuple[_R, ...] = tuple(records[i] for i in order)
        self.spans: list[tuple[int, int]] = [given[i] for i in order]
        self.index = IntervalIndex(self.spans)
        self.by_key: dict[str, list[int]] = {}
        for rank, record in enumerate(self.records):
            for key in dict.fromkeys(keys(record)):
                self.by_key.setdefault(key, []).append(rank)
        # One interval index per key, built the first time a window query names the key.
        self._key_windows: dict[str, IntervalIndex] = {}

    def ranks(
        self, window: tuple[int, int] | None, mode: Mode = "overlaps", key: str | None = None
    ) -> Iterable[int]:
        """Ranks in the window (all when None), of records under ``key`` if given, in no order."""
        if key is None:
            if window is None:
                return range(len(self.records))
            index = self.index
        else:
            keyed = self.by_key.get(key, [])
            if window is None or not keyed:
                return keyed
            found = self._key_windows.get(key)
            if found is None:
                # Built outside any lock: two threads may both build it; either copy is right.
                found = self._key_windows[key] = IntervalIndex(self.spans, keyed)
            index = found
        return index.within(*window) if mode == "within" else index.overlapping(*window)

    def take(
        self, ranks: Iterable[int], keep: Callable[[_R], bool] | None = None, *, repeats: bool = False
    ) -> tuple[_R, ...]:
        """The records of these ranks in result order, filtered by ``keep``.

        ``repeats`` says that a rank may occur more than once (several actors' lists merged).
        """
        ordered = ranks if isinstance(ranks, range) else sorted(set(ranks) if repeats else ranks)
        if not ordered:
            return ()
        found = itemgetter(*ordered)(self.records)
        records: tuple[_R, ...] = found if len(ordered) > 1 else (found,)
        return records if keep is None else tuple(filter(keep, records))


def _participants(event: Event) -> Iterable[str]:
    return (p.actor for p in event.participants)


def _parties(record: Relation | Treaty) -> Iterable[str]:
    return record.parties


def _holder_and_organization(tenure: Tenure) -> Iterable[str]:
    return (tenure.holder, tenure.organization)


class _EventIndex(_Timed["Event"]):
    """Events, with inverted indexes by kind and tag besides the one by actor."""

    __slots__ = ("by_kind", "by_tag")

    def __init__(self, records: Sequence[Event]) -> None:
        super().__init__(records, _participants)
        self.by_kind: dict[EventKind, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        for rank, event in enumerate(self.records):
            self.by_kind.setdefault(event.kind, []).append(rank)
            for tag in event.tags:
                self.by_tag.setdefault(tag, []).append(rank)


class _TenureIndex(_Timed["Tenure"]):
    """Tenures, with the office titles under their normalised keys."""

    __slots__ = ("offices",)

    def __init__(self, records: Sequence[Tenure]) -> None:
        super().__init__(records, _holder_and_organization)
        self.offices: dict[str, set[str]] = {}
        for tenure in self.records:
            self.offices.setdefault(normalise(tenure.office), set()).add(tenure.office)


class _ActorIndex:
    """Names, and the succession and membership graphs, of a dataset's actors."""

    __slots__ = ("_actors", "_names", "members", "predecessors", "successors")

    def __init__(self, actors: Sequence[Actor]) -> None:
        self._actors = actors
        self._names: NameIndex | None = None
        self.successors: dict[str, set[str]] = {}
        self.predecessors: dict[str, set[str]] = {}
        self.members: dict[str, set[str]] = {}
        # A succession may be written on either side; both sides count.
        for actor in actors:
            for later in actor.successors:
                self._succeed(actor.id, later)
            for earlier in actor.predecessors:
                self._succeed(earlier, actor.id)
            for group in actor.member_of:
                self.members.setdefault(group, set()).add(actor.id)

    @property
    def names(self) -> NameIndex:
        """The index of every name, built on first use: a query by id never needs it."""
        names = self._names
        if names is None:  # two threads may both build it; either result is the same
            names = self._names = NameIndex(self._actors)
        return names

    def _succeed(self, earlier: str, later: str) -> None:
        self.successors.setdefault(earlier, set()).add(later)
        self.predecessors.setdefault(later, set()).add(earlier)

    @staticmethod
    def _reach(start: Iterable[str], edges: dict[str, set[str]]) -> set[str]:
        seen = set(start)
        todo = list(seen)
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def family(self, actor_id: str, *, lineage: bool, members: bool) -> frozenset[str]:
        """The actor, with its predecessors and successors, and then their members."""
        found = {actor_id}
        if lineage:
            found = self._reach(found, self.predecessors) | self._reach(found, self.successors)
        if members:
            found = self._reach(found, self.members)
        return frozenset(found)


class _RelationIndex(_Timed[Relation]):
    """Relation periods, with a timeline per pair and one for the principal chain."""

    __slots__ = ("by_pair", "chain", "resolved")

    def __init__(self, records: Sequence[Relation]) -> None:
        super().__init__(records, _parties)
        # The parties as callers write them -> the sorted pair of ids (a dataset never changes,
        # so the answer cannot go stale); this keeps status_on with parties near two µs.
        self.resolved: dict[tuple[object, ...], tuple[str, str]] = {}
        grouped: dict[tuple[str, str], list[tuple[int, int, Relation]]] = {}
        for relation, (first, last) in zip(self.records, self.spans, strict=True):
            grouped.setdefault(relation.parties, []).append((first, last, relation))
        # Periods are in result order, so where two overlap the later-starting one wins.
        self.by_pair = {pair: Timeline.from_periods(periods) for pair, periods in grouped.items()}
        self.chain = self._principal_chain()

    def _principal_chain(self) -> Timeline[Relation]:
        starts: list[int] = []
        values: list[Relation | None] = []
        for position, link in enumerate(PRINCIPAL_CHAIN):
            first = _FIRST_DAY if link.since is None else link.since.toordinal()
            following = PRINCIPAL_CHAIN[position + 1].since if position + 1 < len(PRINCIPAL_CHAIN) else None
            last = _LAST_DAY if following is None else following.toordinal() - 1
            timeline = self.by_pair.get(link.parties)
            pieces = timeline.steps(first, last) if timeline else [(first, last, None)]
            for piece_first, _, value in pieces:
                if not values or values[-1] is not value:
                    starts.append(piece_first)
                    values.append(value)
        return Timeline(starts, values)


def _cached(dataset: Dataset, key: str, build: Callable[[Dataset], _I]) -> _I:
    # Straight to the dataset's cache dict: this is on every query's path, and the method call
    # and the closure of Dataset._cached cost a good part of a microsecond.
    try:
        found: _I = dataset._cache[key]
    except KeyError:
        found = dataset._cached(key, lambda: build(dataset))
    return found


def _event_index(dataset: Dataset) -> _EventIndex:
    return _cached(dataset, "query:events", lambda d: _EventIndex(d.events))


def _actor_index(dataset: Dataset) -> _ActorIndex:
    return _cached(dataset, "query:actors", lambda d: _ActorIndex(d.actors))


def _relation_index(dataset: Dataset) -> _RelationIndex:
    return _cached(dataset, "query:relations", lambda d: _RelationIndex(d.relations))


def _treaty_index(dataset: Dataset) -> _Timed[Treaty]:
    return _cached(dataset, "query:treaties", lambda d: _Timed(d.treaties, _parties))


def _tenure_index(dataset: Dataset) -> _TenureIndex:
    return _cached(dataset, "query:tenures", lambda d: _TenureIndex(d.tenures))


# -- implementations (one per query; the Dataset methods and the public functions call them) ------


def _is_actor(value: object) -> TypeGuard[Actor]:
    # Looked up when called: the class is defined on first use, not when this module is imported.
    return isinstance(value, _records.Actor)


def _actor(dataset: Dataset, key: str | Actor) -> Actor:
    if not isinstance(key, str) and _is_actor(key):
        key = key.id
    if not isinstance(key, str):
        raise TypeError(f"an actor is named by a str (id, name or alias), not {type(key).__name__}")
    by_id = dataset.actors_by_id
    found = by_id.get(key)
    if found is not None:
        return found
    names = _actor_index(dataset).names
    found_ids = names.find(key)
    if not found_ids:
        # Not a whole name: the words of a name, as people type them ("Stalin", "Хрущёв").
        found_ids = names.find_words(key)
    if len(found_ids) == 1:
        return by_id[found_ids[0]]
    if found_ids:
        # A name several actors fit ("Chiang", "China"): refuse to pick one, and name them all.
        raise AmbiguousActorError(key, [by_id[i] for i in found_ids])
    raise UnknownActorError(key, names.suggest(key))


def _search_actors(dataset: Dataset, text: str, limit: int) -> list[Actor]:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit must be a whole number of at least 1, not {limit!r}")
    by_id = dataset.actors_by_id
    scores = _actor_index(dataset).names.scores(text)
    if text in by_id:
        scores[text] = 1.0
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [by_id[actor_id] for actor_id, _ in ranked[:limit]]


def _actor_by_external_id(dataset: Dataset, scheme: IdScheme | str, value: str) -> Actor:
    from sinosoviet._enums import _scheme

    wanted = _scheme(scheme)
    if not isinstance(value, str):
        raise TypeError(f"value must be a str such as '710', not {type(value).__name__}")
    found = [
        a for a in dataset.actors if any(x.scheme is wanted and x.value == value for x in a.external_ids)
    ]
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousActorError(f"{wanted.value} {value}", found)
    raise UnknownActorError(f"{wanted.value} {value}")


def _get_actor(dataset: Dataset, key: str | Actor, default: _D) -> Actor | _D:
    try:
        return _actor(dataset, key)
    except UnknownActorError:
        return default


def _events(
    dataset: Dataset,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    mode: Mode = "overlaps",
    actor: str | Actor | None = None,
    role: Role | str | Iterable[Role | str] | None = None,
    kind: EventKind | str | Iterable[EventKind | str] | None = None,
    tag: str | Iterable[str] | None = None,
    include_successors: bool = False,
    include_members: bool = False,
    key: bool | None = None,
) -> tuple[Event, ...]:
    mode = _check_mode(mode)
    window = _window(start, end)
    roles = _members("role", role, _records.Role)
    kinds = _members("kind", kind, _records.EventKind)
    lineage = _check_flag("include_successors", include_successors)
    members = _check_flag("include_members", include_members)
    if key is not None:
        _check_flag("key", key)
    index = _event_index(dataset)
    tags: frozenset[str] | None = None
    if tag is not None:
        tags = frozenset(_values("tag", tag, "str"))
        unknown = sorted(tags - index.by_tag.keys())
        if unknown:
            known = ", ".join(map(repr, sorted(index.by_tag))) or "none"
            raise ValueError(f"tag={unknown[0]!r} is not used by any event; tags in use: {known}")

    actor_ids: frozenset[str] | None = None
    if actor is not None:
        found = _actor(dataset, actor)
        actor_ids = (
            _actor_index(dataset).family(found.id, lineage=lineage, members=members)
            if lineage or members
            else frozenset((found.id,))
        )
    elif lineage or members:
        raise ValueError("include_successors and include_members need an actor")

    # Candidates come from the most selective index at hand; the other filters check each.
    ranks: Iterable[int]
    if actor_ids is not None:
        ranks = [r for actor_id in actor_ids for r in index.ranks(window, mode, actor_id)]
    elif window is not None:
        ranks = index.ranks(window, mode)
    elif kinds is not None:
        ranks = [r for k in kinds for r in index.by_kind.get(k, ())]
    elif tags is not None:
        ranks = [r for t in tags for r in index.by_tag[t]]
    else:
        ranks = range(len(index.records))

    checks: list[Callable[[Event], bool]] = []
    if key is not None:
        checks.append(lambda e: e.key is key)
    if kinds is not None:
        checks.append(lambda e: e.kind in kinds)
    if tags is not None:
        checks.append(lambda e: not tags.isdisjoint(e.tags))
    if roles is not None:
        if actor_ids is None:
            checks.append(lambda e: any(p.role in roles for p in e.participants))
        else:
            ids = actor_ids
            checks.append(lambda e: any(p.role in roles and p.actor in ids for p in e.participants))
    # A rank repeats when the candidates merge several lists: several actors, kinds or tags.
    repeats = any(len(chosen) > 1 for chosen in (actor_ids, kinds, tags) if chosen is not None)
    if not checks:
        return index.take(ranks, repeats=repeats)
    if len(checks) == 1:
        return index.take(ranks, checks[0], repeats=repeats)
    return index.take(ranks, lambda e: all(check(e) for check in checks), repeats=repeats)


def _pair(dataset: Dataset, parties: object) -> tuple[str, str]:
    # tuple/list rather than the Sequence ABC: an ABC check costs more than the rest of status_on.
    if not isinstance(parties, tuple | list) or len(parties) != 2:
        raise TypeError(f"parties must be two actors, such as ('prc', 'ussr'), not {parties!r}")
    first, second = parties
    for part in parties:
        if not isinstance(part, str) and not _is_actor(part):
            raise TypeError(f"parties must be two actor ids or names (str), not {parties!r}")
    by_id = dataset.actors_by_id
    if first not in by_id or second not in by_id:  # a name or an alias, not an id
        first, second = _actor(dataset, first).id, _actor(dataset, second).id
    if first == second:
        raise ValueError(f"parties must be two different actors, not {parties!r}")
    return (first, second) if first < second else (second, first)


def _status_on(dataset: Dataset, when: DateLike, parties: Sequence[str] | None = None) -> Relation | None:
    first, last = _bounds("when", when)
    index = _relation_index(dataset)
    if parties is None:
        timeline = index.chain
    else:
        try:
            pair = index.resolved.get(parties) if type(parties) is tuple else None
        except TypeError:  # unhashable parts: _pair says what is wrong with them
            pair = None
        if pair is None:
            pair = _pair(dataset, parties)
            if type(parties) is tuple and type(parties[0]) is str and len(index.resolved) < _MAX_REMEMBERED:
                index.resolved[parties] = pair
        found = index.by_pair.get(pair)
        if found is None:
            return None
        timeline = found
    if first == last:
        return timeline.at(first)
    pieces = timeline.steps(first, last)
    if len(pieces) > 1:
        raise ValueError(
            f"when={when!r} spans {len(pieces)} relation periods (or a period and a gap); "
            "name a day, or list the periods with relations(start=..., end=...)"
        )
    return pieces[0][2]


def _relations(
    dataset: Dataset,
    *,
    status: RelationStatus | str | Iterable[RelationStatus | str] | None = None,
    parties: str | Actor | Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> tuple[Relation, ...]:
    statuses = _members("status", status, RelationStatus)
    window = _window(start, end)
    index = _relation_index(dataset)
    if parties is None:
        ranks = index.ranks(window)
        pair = None
    elif isinstance(parties, str) or _is_actor(parties):
        ranks = index.ranks(window, key=_actor(dataset, parties).id)
        pair = None
    else:
        pair = _pair(dataset, parties)
        ranks = index.ranks(window, key=pair[0])
    return index.take(
        ranks,
        lambda r: (statuses is None or r.status in statuses) and (pair is None or r.parties == pair),
    )


def _treaties(
    dataset: Dataset,
    *,
    in_force_on: DateLike | None = None,
    party: str | Actor | None = None,
    kind: TreatyKind | str | Iterable[TreatyKind | str] | None = None,
    certain: bool = False,
) -> tuple[Treaty, ...]:
    window = None if in_force_on is None else _bounds("in_force_on", in_force_on)
    certain = _check_flag("certain", certain)
    kinds = _members("kind", kind, _records.TreatyKind)
    party_id = None if party is None else _actor(dataset, party).id
    index = _treaty_index(dataset)
    ranks = index.ranks(window, key=party_id)
    keep: list[Callable[[Treaty], bool]] = []
    if kinds is not None:
        keep.append(lambda t: t.kind in kinds)
    if certain and window is not None:
        keep.append(lambda t: _certainly_in_force(t, window))
    if not keep:
        return index.take(ranks)
    return index.take(ranks, lambda t: all(test(t) for test in keep))


def _certainly_in_force(treaty: Treaty, window: tuple[int, int]) -> bool:
    """True when the bounds make it certain that the treaty was in force on every day of the window."""
    start = treaty.in_force or treaty.signed
    assert start is not None  # the Treaty validator guarantees it
    if start.latest.toordinal() > window[0]:
        return False
    if treaty.ended is not None:
        return treaty.ended.earliest.toordinal() >= window[1]
    # Still in force (open end) is certain; an unknown end may have come the day after the start.
    return not treaty.end_unknown


def _office_holders(
    dataset: Dataset, on: DateLike, actor: str | Actor | None = None, office: str | None = None
) -> tuple[Tenure, ...]:
    window = _bounds("on", on)
    actor_id = None if actor is None else _actor(dataset, actor).id
    index = _tenure_index(dataset)
    titles: set[str] | None = None
    if office is not None:
        if not isinstance(office, str):
            raise TypeError(f"office must be a str, not {type(office).__name__}")
        titles = index.offices.get(normalise(office))
        if titles is None:
            known = ", ".join(sorted(repr(t) for ts in index.offices.values() for t in ts)) or "none"
            raise ValueError(f"office={office!r} is not an office in the data; offices: {known}")
    ranks = index.ranks(window, key=actor_id)
    return index.take(ranks, None if titles is None else lambda t: t.office in titles)


# -- on any dataset ----------------------------------------------------------------------------


class Query:
    """The queries over one dataset; get it as ``dataset.query``.

    Each method has the name, arguments and rules of the module function that answers on the
    shipped data (`sinosoviet.events` and so on); see those for the details.
    """

    # A plain class: an attrs class costs a millisecond or two of start-up, for nothing here.
    __slots__ = ("dataset",)
    dataset: Dataset

    def __init__(self, dataset: Dataset) -> None:
        object.__setattr__(self, "dataset", dataset)

    def __setattr__(self, name: str, value: object) -> None:
        # The shipped dataset's Query is shared by every caller: re-pointing it would change
        # every later answer of the process.
        raise AttributeError(f"Query is immutable; cannot set {name!r} (build Query(dataset) instead)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Query is immutable; cannot delete {name!r}")

    def __repr__(self) -> str:
        return f"<Query over {self.dataset!r}>"

    def events(
        self,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        mode: Mode = "overlaps",
        actor: str | Actor | None = None,
        role: Role | str | Iterable[Role | str] | None = None,
        kind: EventKind | str | Iterable[EventKind | str] | None = None,
        tag: str | Iterable[str] | None = None,
        include_successors: bool = False,
        include_members: bool = False,
        key: bool | None = None,
    ) -> tuple[Event, ...]:
        """Events by period, actor, role, kind, tag and key; see `sinosoviet.events`."""
        return _events(
            self.dataset,
            start=start,
            end=end,
            mode=mode,
            actor=actor,
            role=role,
            kind=kind,
            tag=tag,
            include_successors=include_successors,
            include_members=include_members,
            key=key,
        )

    def actor(self, key: str | Actor) -> Actor:
        """The actor with this id, name or alias; see `sinosoviet.actor`."""
        return _actor(self.dataset, key)

    def search_actors(self, text: str, *, limit: int = 10) -> list[Actor]:
        """Actors whose names come closest to ``text``, best first; see `sinosoviet.search_actors`."""
        return _search_actors(self.dataset, text, limit)

    def actor_by_external_id(self, scheme: IdScheme | str, value: str) -> Actor:
        """The actor with this crosswalk id; see `sinosoviet.actor_by_external_id`."""
        return _actor_by_external_id(self.dataset, scheme, value)

    def get_actor(self, key: str | Actor, default: _D = None) -> Actor | _D:  # type: ignore[assignment]
        """The actor with this id, name or alias, or ``default``; see `sinosoviet.get_actor`."""
        return _get_actor(self.dataset, key, default)

    def status_on(self, when: DateLike, parties: Sequence[str] | None = None) -> Relation | None:
        """The relation period in force on a day; see `sinosoviet.status_on`."""
        return _status_on(self.dataset, when, parties)

    def goldstein_series(
        self,
        freq: Freq = "year",
        parties: Sequence[str] | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
        direction: str | None = None,
    ) -> tuple[SeriesRow, ...]:
        """The Goldstein series of this dataset's codings; see `sinosoviet.goldstein_series`."""
        from sinosoviet.series import goldstein_series

        return goldstein_series(
            self.dataset, freq=freq, parties=parties, start=start, end=end, direction=direction
        )

    def relations(
        self,
        *,
        status: RelationStatus | str | Iterable[RelationStatus | str] | None = None,
        parties: str | Actor | Sequence[str] | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
    ) -> tuple[Relation, ...]:
        """Relation periods by status, parties and window; see `sinosoviet.relations`."""
        return _relations(self.dataset, status=status, parties=parties, start=start, end=end)

    def treaties(
        self,
        *,
        in_force_on: DateLike | None = None,
        party: str | Actor | None = None,
        kind: TreatyKind | str | Iterable[TreatyKind | str] | None = None,
        certain: bool = False,
    ) -> tuple[Treaty, ...]:
        """Treaties by time in force, party and kind; see `sinosoviet.treaties`."""
        return _treaties(self.dataset, in_force_on=in_force_on, party=party, kind=kind, certain=certain)

    def office_holders(
        self, on: DateLike, actor: str | Actor | None = None, office: str | None = None
    ) -> tuple[Tenure, ...]:
        """Who held which office on a day; see `sinosoviet.office_holders`."""
        return _office_holders(self.dataset, on, actor, office)


# -- on the shipped data -------------------------------------------------------------------------


def events(
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    mode: Mode = "overlaps",
    actor: str | Actor | None = None,
    role: Role | str | Iterable[Role | str] | None = None,
    kind: EventKind | str | Iterable[EventKind | str] | None = None,
    tag: str | Iterable[str] | None = None,
    include_successors: bool = False,
    include_members: bool = False,
    key: bool | None = None,
) -> tuple[Event, ...]:
    """Events by period, actor, role, kind, tag and key, in order ``(earliest, latest, id)``.

    Every filter given must hold; ``role``, ``kind`` and ``tag`` take one value or several
    (any of them matches).

    Args:
        start: first day of the window; a coarse date means its first day.
        end: last day of the window; a coarse date means its last day.
        mode: ``"overlaps"`` (could have happened in the window) or ``"within"`` (certainly did).
        actor: an id, name or alias; only events it took part in.
        role: with ``actor``, the roles it played; without, a role anyone played.
        kind: `EventKind` values.
        tag: tags that occur in the data.
        include_successors: also the actor's predecessors and successors, transitively (the
            ROC's events when asking for the PRC).
        include_members: also actors that are members of it, transitively (the CCP's events
            when asking for a group it belongs to).
        key: True for key events only (those at least two general surveys of the relationship
            name; see `Event.key`), False for the others; None (the default) for all.

    Raises:
        ValueError: a malformed date, a start after the end, an unknown mode, kind, role or tag.
        TypeError: an argument of the wrong type.
        UnknownActorError: no actor has that id, name or alias.
    """
    return _events(
        load(),
        start=start,
        end=end,
        mode=mode,
        actor=actor,
        role=role,
        kind=kind,
        tag=tag,
        include_successors=include_successors,
        include_members=include_members,
        key=key,
    )


def search_actors(text: str, *, limit: int = 10) -> list[Actor]:
    """Actors whose names come closest to ``text``, best first, in the manner of pycountry's
    ``search_fuzzy``: an exact name or alias first, then actors with every word of ``text``
    among the words of their names, then names that are close in spelling (a ratio of 0.7 or
    more; "Stallin" finds Joseph Stalin). Ties go by id. An empty list when nothing is close.

        >>> [a.id for a in search_actors("Chiang")][:2]
        ['chiang-ching-kuo', 'chiang-kai-shek']
        >>> [a.id for a in search_actors("Stallin")]
        ['joseph-stalin']

    Raises:
        TypeError: ``text`` is not a str.
        ValueError: ``limit`` is not a whole number of at least 1.
    """
    return _search_actors(load(), text, limit)


def actor_by_external_id(scheme: IdScheme | str, value: str) -> Actor:
    """The actor with this crosswalk id (``scheme`` an `IdScheme` or its value).

        >>> actor_by_external_id("gw_ccode", "713").id
        'roc'

    Raises:
        ValueError: ``scheme`` is not an id scheme.
        UnknownActorError: no actor has that id.
        AmbiguousActorError: several do, and the error lists them: COW 710 is China, the ROC
            until 1949 and the PRC after; COW 365 the USSR and the Russian Federation.
    """
    return _actor_by_external_id(load(), scheme, value)


def actor(key: str) -> Actor:
    """The actor with this id, name or alias, or a word of its names, as people type them.

    Case, diacritics, punctuation and script variants are ignored. A key that is no whole name
    is looked up by its words: "Stalin", "Khrushchev", "Mao", "Сталин" and "Хрущёв" each fit
    one actor's names. Where a key fits several actors ("Chiang", "China"),
    `AmbiguousActorError` lists them all rather than picking one.

        >>> actor("Khrushchev").id, actor("Сталин").id
        ('nikita-khrushchev', 'joseph-stalin')

    Raises:
        AmbiguousActorError: several actors fit; ``candidates`` lists them, with their kinds
            and lifespans in the message.
        UnknownActorError: no actor fits; the message suggests the closest names, closest
            first.
    """
    return _actor(load(), key)


def get_actor(key: str, default: _D = None) -> Actor | _D:  # type: ignore[assignment]
    """Like `actor`, but returns ``default`` when no actor has that id, name or alias."""
    return _get_actor(load(), key, default)


def status_on(when: DateLike, parties: Sequence[str] | None = None) -> Relation | None:
    """The relation period in force on a day, or None where the data has none.

    Args:
        when: a day; a coarser date is accepted when one period covers all of it.
        parties: two actors (ids, names or aliases) in any order; by default the principal
            chain, `PRINCIPAL_CHAIN` (ROC–Soviet Russia, ROC–USSR, PRC–USSR, PRC–Russia).

    Raises:
        ValueError: ``when`` spans more than one period (use `relations`), or is malformed.
        UnknownActorError: a party is not an actor of the data.
    """
    return _status_on(load(), when, parties)


def goldstein_series(
    freq: Freq = "year",
    parties: Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    direction: str | None = None,
) -> tuple[SeriesRow, ...]:
    """The relationship's temperature: the Goldstein weights of the CAMEO codings, by period.

    Each row (`SeriesRow`) has the ``period`` (a year or a month), the number of codings
    counted (``events``), the sum of their weights (``net``), and the sums of the positive
    (``cooperation``) and negative (``conflict``) weights. `sinosoviet.series` states which
    codings count: parties and their members, the principal chain without parties, and how an
    event dated only to a year is left out of a monthly series. A period without a coding is a
    row of zeros.

    Args:
        freq: ``"year"`` or ``"month"``.
        parties: two actors; by default the principal chain, as in `status_on`.
        start: the first period (any date; its first day), or from the first coding.
        end: the last period (its last day), or up to the last coding.
        direction: only codings whose source is on this party's side; both ways by default.

    Raises:
        ValueError: ``freq`` is not ``"year"`` or ``"month"``; a date is malformed or
            ``start`` is after ``end``; ``direction`` is not one of the parties.
        TypeError: an argument has the wrong type.
        UnknownActorError: a party or the direction is not an actor of the data.

        >>> rows = goldstein_series(start=1969, end=1969)
        >>> rows[0].period, rows[0].net < 0
        (PartialDate('1969'), True)
    """
    from sinosoviet.series import goldstein_series as series

    return series(load(), freq=freq, parties=parties, start=start, end=end, direction=direction)


def relations(
    *,
    status: RelationStatus | str | Iterable[RelationStatus | str] | None = None,
    parties: str | Actor | Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> tuple[Relation, ...]:
    """Relation periods by status, parties and window, in order ``(earliest, latest, id)``.

    Args:
        status: one `RelationStatus` value or several.
        parties: one actor (its relations with anyone) or two (that pair).
        start: the window's first day; periods that overlap the window are kept.
        end: the window's last day.
    """
    return _relations(load(), status=status, parties=parties, start=start, end=end)


def treaties(
    *,
    in_force_on: DateLike | None = None,
    party: str | Actor | None = None,
    kind: TreatyKind | str | Iterable[TreatyKind | str] | None = None,
    certain: bool = False,
) -> tuple[Treaty, ...]:
    """Treaties, by when they were in force, a party and kind, in order ``(earliest, latest, id)``.

    Args:
        in_force_on: a day (or a coarser date). A treaty is in force from ``in_force`` (or
            ``signed`` when that is not known) to ``ended``, both days included; open-ended
            while still in force, and with an end that may fall on any later day when
            `Treaty.end_unknown` is true.
        party: an actor among the treaty's parties.
        kind: one `TreatyKind` value or several.
        certain: False (the default): treaties that may have been in force at some time in
            ``in_force_on``, those whose end is unknown included. True: only treaties certainly
            in force on every day of it, which leaves out those whose end is unknown.
            Without ``in_force_on`` it changes nothing.

    Raises:
        ValueError: a malformed date, an unknown kind.
        TypeError: an argument of the wrong type.
        UnknownActorError: no actor has that id, name or alias.
    """
    return _treaties(load(), in_force_on=in_force_on, party=party, kind=kind, certain=certain)


def office_holders(
    on: DateLike, actor: str | Actor | None = None, office: str | None = None
) -> tuple[Tenure, ...]:
    """Who held which office on a day ("who led the USSR on 2 March 1969").

    Args:
        on: a day (or a coarser date: held at some time in it).
        actor: the organisation of the office or its holder (id, name or alias).
        office: an office title as the data writes it (case and spacing ignored).

    Raises:
        ValueError: ``office`` is not an office in the data (the message lists them).
    """
    return _office_holders(load(), on, actor, office)
