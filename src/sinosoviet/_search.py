"""Finding events by words and places, and following links both ways.

The indexes here are built on the first search (or place filter, or link query) of a dataset
and kept in its cache, as the query layer's own indexes are; ``import sinosoviet`` and
`sinosoviet.status_on` never build them. They work on *ranks*, the positions of events in the
event index's result order, so a search combines with the filters of ``events()`` cheaply.

**The ranking rule** (docs/queries.md states it with examples):

* The text and the events' fields are split into words after `normalise` (case, diacritics and
  punctuation ignored; traditional Chinese characters folded to simplified where the data gives
  a name in both scripts). Small words ("of", "the") in the text are ignored.
* A word of the text *matches* a word of an event when the two are equal, when the text's word
  is a plural of it ("railways" finds "railway", "treaties" finds "treaty"), or, for a word of
  three characters or more, when the event's word begins with it ("railway" finds "railways",
  "Khrushch" finds "Khrushchev"). An equal word (or plural) is a *whole* match, a beginning a
  *part* match.
* An event is found when **every** word of the text matches a word of its title, summary,
  places, tags or participants' names (any of their names, in any script).
* Its score adds, for each word of the text, the larger of its whole score (the best among the
  word and its singulars) and half its best part score (the best among the longer words it
  begins); the score of a word of an event is the sum of the weights of the kinds of field it
  occurs in: title 8, tag 4, place 4, a participant's name 2, summary 1 (a word in the title
  and the summary scores 9). A text of two words or more adds the weight of each kind of
  field that holds its words side by side, in the order given (a phrase: "Chinese Eastern
  Railway" in a title adds 8).
* Results go by score, highest first; equal scores in the order of ``events()`` (earliest,
  latest, id).
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from sinosoviet._index import _BREAKS, _DROPPED, _STOP_WORDS, name_key

# At run time, not only for type checkers: EventLinks' and ActorLinks' hints must resolve. This
# module is imported on the first search, link query or use of those classes, never by
# ``import sinosoviet``, so defining the record classes here costs a plain start nothing.
from sinosoviet.records import Actor, Event, Relation, Tenure, Treaty

if TYPE_CHECKING:
    from sinosoviet.dataset import Dataset

__all__ = ["ActorLinks", "EventLinks", "SearchIndex"]

#: The weight of each field a word can match in (see the module's ranking rule).
WEIGHTS: Final = {"title": 8.0, "tag": 4.0, "place": 4.0, "name": 2.0, "summary": 1.0}
#: A word shorter than this matches whole words only.
MIN_PREFIX: Final = 3
#: How many expanded words (prefixes, plurals) the index remembers.
_MAX_REMEMBERED: Final = 4096

_WORD: Final = re.compile(r"\w+")
# The ASCII part of `normalise`'s rules, as byte tables (bytes.translate is fast).
_ASCII_DROPPED: Final = bytes(c for c in _DROPPED if c < 128)
_ASCII_BREAKS: Final = bytes.maketrans(
    bytes(c for c in _BREAKS if c < 128), b" " * sum(c < 128 for c in _BREAKS)
)


def _plural_stems(word: str) -> tuple[str, ...]:
    """The singulars a word may be the plural of: "treaties" -> "treaty"; "talks" -> "talk"."""
    if len(word) <= 3:
        return ()
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    if word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)
    return ()


class SearchIndex:
    """Words of events' fields -> the ranks of the events they occur in, with their weights."""

    __slots__ = (
        "_expanded",
        "_expanded_places",
        "_fields",
        "_key",
        "_places",
        "_postings",
        "_vocabulary",
        "size",
    )

    def __init__(self, events: Sequence[Event], actors_by_id: dict[str, Actor] | None) -> None:
        actors = list(actors_by_id.values()) if actors_by_id else []
        slow = name_key(actors)

        def key(text: str) -> str:
            # ASCII text (most titles and summaries) needs no Unicode decomposition or script
            # fold: lowering and the punctuation rules of `normalise` give the same key, ten
            # times faster.
            if text.isascii():
                cleaned = text.lower().encode("ascii").translate(_ASCII_BREAKS, _ASCII_DROPPED)
                return " ".join(cleaned.decode("ascii").split())
            return slow(text)

        self._key = key
        # Each actor's names (all of them, any script) as phrases and as words, made once.
        names_of: dict[str, tuple[list[str], set[str]]] = {}
        for actor in actors:
            phrases = [
                " " + " ".join(_WORD.findall(key(t))) for t in (actor.name, *(n.text for n in actor.names))
            ]
            names_of[actor.id] = (phrases, {w for p in phrases for w in p.split()})
        postings: dict[str, dict[int, float]] = {}
        # Per rank, each field's words one space apart (a phrase is then a substring), by kind.
        self._fields: list[tuple[tuple[str, str], ...]] = []
        self._places: dict[str, set[int]] = {}
        for rank, event in enumerate(events):
            texts: list[tuple[str, str]] = [("title", event.title)]
            texts.extend(("tag", tag) for tag in event.tags)
            for place in event.places:
                self._places.setdefault(key(place), set()).add(rank)
                texts.append(("place", place))
            if event.summary:
                texts.append(("summary", event.summary))
            fields = [(kind, " " + " ".join(_WORD.findall(key(text)))) for kind, text in texts]
            kinds_of: dict[str, set[str]] = {}
            for kind, field in fields:
                for word in field.split():
                    kinds_of.setdefault(word, set()).add(kind)
            for participant in event.participants:
                phrases, words = names_of.get(
                    participant.actor, ([" " + participant.actor], {participant.actor})
                )
                fields.extend(("name", phrase) for phrase in phrases)
                for word in words:
                    kinds_of.setdefault(word, set()).add("name")
            for word, kinds in kinds_of.items():
                postings.setdefault(word, {})[rank] = sum(WEIGHTS[k] for k in kinds)
            self._fields.append(tuple(fields))
        self._postings = postings
        self._vocabulary = sorted(self._postings)
        self._expanded: dict[str, dict[int, float]] = {}
        self._expanded_places: dict[str, set[int]] = {}
        self.size = len(events)

    def words(self, text: str) -> list[str]:
        """The words of a search text that count: normalised, small words left out."""
        return [w for w in _WORD.findall(self._key(text)) if w not in _STOP_WORDS]

    def _matches(self, word: str) -> dict[int, float]:
        """Rank -> the best weight ``word`` earns in that event (whole or part match)."""
        found = self._expanded.get(word)
        if found is not None:
            return found
        found = {}
        if len(word) >= MIN_PREFIX:
            # Part matches at half weight, then whole matches where they score more.
            position = bisect_left(self._vocabulary, word)
            vocabulary = self._vocabulary
            while position < len(vocabulary) and vocabulary[position].startswith(word):
                for rank, weight in self._postings[vocabulary[position]].items():
                    if found.get(rank, 0.0) < weight / 2:
                        found[rank] = weight / 2
                position += 1
        for whole in (word, *_plural_stems(word)):
            for rank, weight in self._postings.get(whole, {}).items():
                if found.get(rank, 0.0) < weight:
                    found[rank] = weight
        if len(self._expanded) < _MAX_REMEMBERED:
            self._expanded[word] = found
        return found

    def scores(self, text: str) -> dict[int, float]:
        """Rank -> score of every event that matches every word of ``text``."""
        words = self.words(text)
        if not words:
            raise ValueError(
                f"text={text!r} has no words to search for; give a word of a title, summary,"
                " place, tag or name"
            )
        lists = sorted((self._matches(w) for w in dict.fromkeys(words)), key=len)
        scores = dict(lists[0])
        for other in lists[1:]:
            scores = {rank: score + other[rank] for rank, score in scores.items() if rank in other}
            if not scores:
                return scores
        if len(words) > 1:
            # The words side by side, the last one possibly the beginning of a word.
            phrase = " " + " ".join(words)
            for rank in scores:
                bonus = {kind for kind, field in self._fields[rank] if phrase in field}
                if bonus:
                    scores[rank] += sum(WEIGHTS[kind] for kind in bonus)
        return scores

    def place_ranks(self, place: str) -> set[int]:
        """Ranks of events at a place: its name, or every word of it among a place's words.

        Raises:
            ValueError: no event is at such a place; the message suggests close places.
        """
        key = self._key(place)
        remembered = self._expanded_places.get(key)
        if remembered is not None:
            return remembered
        found = set(self._places.get(key, ()))
        words = key.split()
        if words:
            for name, ranks in self._places.items():
                if name != key and all(w in name.split() for w in words):
                    found |= ranks
        if not found:
            import difflib

            close = difflib.get_close_matches(key, list(self._places), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            raise ValueError(f"place={place!r} is not a place of any event{hint}")
        if len(self._expanded_places) < _MAX_REMEMBERED:
            self._expanded_places[key] = found
        return found


def search_index(dataset: Dataset) -> SearchIndex:
    """The dataset's search index, built on first use and kept."""
    from sinosoviet.query import _cached, _event_index

    found: SearchIndex | None = dataset._cache.get("search:words")
    if found is not None:
        return found
    # What the index is built from is fetched first: the dataset's cache lock is not reentrant.
    records, actors = _event_index(dataset).records, dict(dataset.actors_by_id)
    return _cached(dataset, "search:words", lambda _: SearchIndex(records, actors))


def ranked(
    dataset: Dataset, text: str, allowed: Iterable[Event] | None, limit: int | None
) -> tuple[Event, ...]:
    """The events matching ``text``, best first; only those in ``allowed`` when given."""
    from sinosoviet.query import _event_index

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number of at least 1, or None, not {limit!r}")
    records = _event_index(dataset).records
    scores = search_index(dataset).scores(text)
    if allowed is not None:
        keep = {id(event) for event in allowed}
        scores = {rank: s for rank, s in scores.items() if id(records[rank]) in keep}
    order = sorted(scores, key=lambda rank: (-scores[rank], rank))
    if limit is not None:
        order = order[:limit]
    return tuple(records[rank] for rank in order)


def matching_ranks(dataset: Dataset, text: str | None, place: str | None) -> set[int] | None:
    """Ranks of the events that match ``text`` and are at ``place`` (None: no such filter)."""
    if text is None and place is None:
        return None
    index = search_index(dataset)
    found: set[int] | None = None
    if text is not None:
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        found = set(index.scores(text))
    if place is not None:
        if not isinstance(place, str):
            raise TypeError(f"place must be a str, not {type(place).__name__}")
        at = index.place_ranks(place)
        found = at if found is None else found & at
    return found


# -- links both ways ---------------------------------------------------------------------------


class EventLinks(NamedTuple):
    """An event's links, both those it writes and those other events write to it.

    Each field is a tuple of events in the order of ``events()``.
    """

    #: The event itself.
    event: Event
    #: The episodes it is part of (its ``part_of`` links).
    part_of: tuple[Event, ...]
    #: The parts of this episode: the events that are ``part_of`` it.
    parts: tuple[Event, ...]
    #: What it led to (its ``led_to`` links).
    led_to: tuple[Event, ...]
    #: What led to it: the events with a ``led_to`` link to it.
    led_from: tuple[Event, ...]
    #: What it responded to (its ``response_to`` links).
    response_to: tuple[Event, ...]
    #: What responded to it: the events with a ``response_to`` link to it.
    responses: tuple[Event, ...]
    #: The events its date is taken from (its ``dated_from`` links).
    dated_from: tuple[Event, ...]
    #: The events whose dates are taken from it.
    dates: tuple[Event, ...]


class ActorLinks(NamedTuple):
    """What the data holds about an actor besides its own record, each in time order."""

    #: The actor itself.
    actor: Actor
    #: The events it took part in.
    events: tuple[Event, ...]
    #: The offices it held (tenures with it as holder).
    offices: tuple[Tenure, ...]
    #: The tenures of offices of it (with it as organisation: its leaders, its envoys).
    office_holders: tuple[Tenure, ...]
    #: The treaties it is a party to.
    treaties: tuple[Treaty, ...]
    #: The relation periods it is a party to.
    relations: tuple[Relation, ...]
    #: The actors that are members of it (their ``member_of`` names it), by id.
    members: tuple[Actor, ...]


# By `LinkKind` value (a StrEnum member is its value as a key): the enum is defined on first use.
_OUTGOING: Final = {
    "part_of": "part_of",
    "led_to": "led_to",
    "response_to": "response_to",
    "dated_from": "dated_from",
}
_INCOMING: Final = {
    "part_of": "parts",
    "led_to": "led_from",
    "response_to": "responses",
    "dated_from": "dates",
}


def _link_index(dataset: Dataset) -> dict[str, dict[str, list[int]]]:
    """Event id -> field of `EventLinks` -> ranks, both directions."""
    from sinosoviet.query import _cached, _event_index

    records = _event_index(dataset).records  # first: the cache lock is not reentrant

    def build(_: Dataset) -> dict[str, dict[str, list[int]]]:
        rank_of: dict[str, int] = {}
        for rank, event in enumerate(records):
            rank_of.setdefault(event.id, rank)
        found: dict[str, dict[str, list[int]]] = {}
        for rank, event in enumerate(records):
            for link in event.links:
                target = rank_of.get(link.target)
                if target is None:  # a dangling link: check() reports it
                    continue
                found.setdefault(event.id, {}).setdefault(_OUTGOING[link.kind], []).append(target)
                found.setdefault(link.target, {}).setdefault(_INCOMING[link.kind], []).append(rank)
        return found

    return _cached(dataset, "search:links", build)


def _unknown_event(dataset: Dataset, key: str) -> Exception:
    from sinosoviet.errors import UnknownEventError

    suggestions: list[str] = []
    with contextlib.suppress(ValueError):  # a key without words has no suggestions
        suggestions = [e.id for e in ranked(dataset, key.replace("-", " "), None, 5)]
    return UnknownEventError(key, suggestions)


def event_links(dataset: Dataset, key: str | Event) -> EventLinks:
    """The links of one event (by id, or the event), both ways."""
    from sinosoviet.query import _event_index

    if isinstance(key, Event):
        key = key.id
    if not isinstance(key, str):
        raise TypeError(f"an event is named by its id (str), not {type(key).__name__}")
    event = dataset.events_by_id.get(key)
    if event is None:
        raise _unknown_event(dataset, key)
    records = _event_index(dataset).records
    links = _link_index(dataset).get(key, {})

    def take(name: str) -> tuple[Event, ...]:
        return tuple(records[rank] for rank in sorted(set(links.get(name, ()))))

    return EventLinks(event, *(take(name) for name in EventLinks._fields[1:]))


def actor_links(dataset: Dataset, key: str | Actor) -> ActorLinks:
    """What the data holds about one actor: events, offices, treaties, relation periods."""
    from sinosoviet.query import _actor, _events, _relations, _tenure_index, _treaties

    actor = _actor(dataset, key)
    tenures = _tenure_index(dataset)
    ranks = tenures.by_key.get(actor.id, [])
    held = tuple(tenures.records[r] for r in ranks if tenures.records[r].holder == actor.id)
    of_it = tuple(tenures.records[r] for r in ranks if tenures.records[r].organization == actor.id)
    members = tuple(a for a in dataset.actors if actor.id in a.member_of)
    return ActorLinks(
        actor=actor,
        events=_events(dataset, actor=actor.id),
        offices=held,
        office_holders=of_it,
        treaties=_treaties(dataset, party=actor.id),
        relations=_relations(dataset, parties=actor.id),
        members=members,
    )
