"""The indexes behind the query layer: intervals bucketed by duration, timelines, names.

Everything here works on day ordinals (`datetime.date.toordinal`) and on *ranks*: the position
of a record in the order the query layer returns results in, so that sorting a result is
sorting small ints. Nothing here knows about record types beyond `Actor` names.

Why duration buckets: an interval ``[first, last]`` overlaps a window ``[lo, hi]`` when
``first <= hi`` and ``last >= lo``. Sorting by ``first`` answers the first half with a bisection;
the second half needs a bound on the duration, so that ``last >= lo`` implies
``first >= lo - longest``. One global bound is useless once a few records last decades (every
query would rescan decades of data), so intervals are grouped by the bit length of their
duration: within a group every duration is between ``2**(b-1)`` and ``2**b - 1`` days, so the
intervals scanned but rejected are at most about as many as those returned. A query costs
O(groups * log n + k), with at most 22 groups for the whole calendar. (``intervaltree`` was
measured and rejected: it grows roughly with the square of the data.)
"""

from __future__ import annotations

import heapq
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import compress
from typing import TYPE_CHECKING, Final, Generic, TypeVar

if TYPE_CHECKING:
    from sinosoviet.records import Actor

__all__ = ["IntervalIndex", "NameIndex", "Timeline", "name_key", "normalise"]

_T = TypeVar("_T")


class _Bucket:
    """Intervals whose durations share a bit length, sorted by first day."""

    __slots__ = ("firsts", "lasts", "longest", "ranks", "shortest")

    def __init__(self, rows: list[tuple[int, int, int]]) -> None:
        rows.sort()
        self.firsts = [row[0] for row in rows]
        self.lasts = [row[1] for row in rows]
        self.ranks = [row[2] for row in rows]
        durations = [last - first for first, last, _ in rows]
        self.longest = max(durations)
        self.shortest = min(durations)


class IntervalIndex:
    """Find the ranks of intervals that overlap, or lie within, a window of days.

    ``spans[rank]`` is ``(first, last)`` as day ordinals, both inclusive, ``first <= last``.
    """

    __slots__ = ("_buckets", "size")

    def __init__(self, spans: Sequence[tuple[int, int]], ranks: Iterable[int] | None = None) -> None:
        groups: dict[int, list[tuple[int, int, int]]] = {}
        for rank in range(len(spans)) if ranks is None else ranks:
            first, last = spans[rank]
            groups.setdefault((last - first).bit_length(), []).append((first, last, rank))
        self._buckets: tuple[_Bucket, ...] = tuple(_Bucket(rows) for _, rows in sorted(groups.items()))
        self.size = sum(len(rows) for rows in groups.values())

    def overlapping(self, lo: int, hi: int) -> list[int]:
        """Ranks of the intervals sharing at least one day with ``[lo, hi]``, in no order."""
        found: list[int] = []
        for bucket in self._buckets:
            firsts = bucket.firsts
            start = bisect_left(firsts, lo - bucket.longest)
            stop = bisect_right(firsts, hi, start)
            # From the first interval starting on or after lo, every one overlaps.
            certain = bisect_left(firsts, lo, start, stop)
            if start < certain:
                # compress/map keep the loop in C: about five times faster than a generator.
                found.extend(
                    compress(bucket.ranks[start:certain], map(lo.__le__, bucket.lasts[start:certain]))
                )
            found.extend(bucket.ranks[certain:stop])
        return found

    def within(self, lo: int, hi: int) -> list[int]:
        """Ranks of the intervals lying entirely inside ``[lo, hi]``, in no order."""
        found: list[int] = []
        width = hi - lo
        for bucket in self._buckets:
            if bucket.shortest > width:
                continue
            firsts = bucket.firsts
            start = bisect_left(firsts, lo)
            stop = bisect_right(firsts, hi - bucket.shortest, start)
            # Up to the last interval starting by hi - longest, every one ends by hi.
            certain = bisect_right(firsts, hi - bucket.longest, start, stop)
            found.extend(bucket.ranks[start:certain])
            if certain < stop:
                found.extend(compress(bucket.ranks[certain:stop], map(hi.__ge__, bucket.lasts[certain:stop])))
        return found


class Timeline(Generic[_T]):
    """A step function from days to a value or None: which period holds on each day.

    Built from periods ``(first, last, value)`` given in priority order: where periods
    overlap, the one given later wins on the days they share.
    """

    __slots__ = ("starts", "values")

    def __init__(self, starts: list[int], values: list[_T | None]) -> None:
        self.starts = starts
        self.values = values

    @classmethod
    def from_periods(cls, periods: Sequence[tuple[int, int, _T]]) -> Timeline[_T]:
        """Sweep the period bounds, keeping at every step the active period given last."""
        bounds = sorted({p[0] for p in periods} | {p[1] + 1 for p in periods})
        opening: dict[int, list[int]] = {}
        for position, (first, _, _) in enumerate(periods):
            opening.setdefault(first, []).append(position)
        active: list[int] = []  # a max-heap of positions, stored negated
        starts: list[int] = []
        values: list[_T | None] = []
        for day in bounds:
            for position in opening.get(day, ()):
                heapq.heappush(active, -position)
            while active and periods[-active[0]][1] < day:
                heapq.heappop(active)
            value = periods[-active[0]][2] if active else None
            if not values or values[-1] is not value:
                starts.append(day)
                values.append(value)
        return cls(starts, values)

    def at(self, day: int) -> _T | None:
        """The value on one day."""
        position = bisect_right(self.starts, day) - 1
        return self.values[position] if position >= 0 else None

    def steps(self, lo: int, hi: int) -> list[tuple[int, int, _T | None]]:
        """The pieces ``(first, last, value)`` that cover ``[lo, hi]``, in order, clipped to it."""
        position = max(bisect_right(self.starts, lo) - 1, 0)
        pieces: list[tuple[int, int, _T | None]] = []
        if not self.starts or lo < self.starts[0]:
            pieces.append((lo, min(hi, self.starts[0] - 1) if self.starts else hi, None))
        while position < len(self.starts) and self.starts[position] <= hi:
            end = self.starts[position + 1] - 1 if position + 1 < len(self.starts) else hi
            first = max(lo, self.starts[position])
            if first <= min(end, hi):
                pieces.append((first, min(end, hi), self.values[position]))
            position += 1
        return pieces


# -- names ---------------------------------------------------------------------------------------

# Characters dropped from a name key: apostrophes and dots ("People's", "St. Petersburg").
_DROPPED: Final = dict.fromkeys(map(ord, "'’‘`.,"), None)
# Characters read as a word break: hyphens, slashes, underscores.
_BREAKS: Final = dict.fromkeys(map(ord, "-‐‑–—_/"), " ")


def normalise(text: str, fold: dict[int, str] | None = None) -> str:
    """The lookup key of a name: case, diacritics, punctuation and spacing removed.

    ``fold`` maps traditional Chinese characters to simplified ones (see `NameIndex`).
    """
    # Decomposed both before and after case folding: "𝕬" only becomes a foldable "A" through
    # NFKD, and folding may itself produce a combining mark ("İ" folds to "i" and a dot).
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if fold:
        stripped = stripped.translate(fold)
    return " ".join(stripped.translate(_DROPPED).translate(_BREAKS).split())


def _script_fold(actors: Iterable[Actor]) -> dict[int, str]:
    """Traditional -> simplified characters, learnt from names the data gives in both scripts.

    Where an actor lists a ``zh-Hant`` and a ``zh-Hans`` name of the same length, the characters
    that differ are taken as pairs (蘇聯/苏联 gives 蘇→苏 and 聯→联). A character seen with two
    different partners is left alone.
    """
    pairs: dict[str, set[str]] = {}
    for actor in actors:
        simplified = [n.text for n in actor.names if n.lang.startswith("zh-Hans")]
        traditional = [n.text for n in actor.names if n.lang.startswith("zh-Hant")]
        for hant in traditional:
            for hans in simplified:
                if len(hant) == len(hans):
                    for old, new in zip(hant, hans, strict=True):
                        if old != new:
                            pairs.setdefault(old, set()).add(new)
    return {ord(old): next(iter(new)) for old, new in pairs.items() if len(new) == 1}


def name_key(actors: Iterable[Actor]) -> Callable[[str], str]:
    """The one way names are compared: `normalise` with the script fold learnt from ``actors``.

    Used by `NameIndex` (lookup) and by the ``ambiguous-name`` check, so that two names the
    lookup takes for one ("中華人民共和国" and "中华人民共和国") are one name to the check too.
    """
    fold = _script_fold(actors)
    return lambda text: normalise(text, fold)


#: Words of names that identify no one: never looked up on their own.
_STOP_WORDS: Final = frozenset(
    {"of", "the", "and", "for", "in", "on", "to", "de", "du", "la", "le", "al", "der", "van", "von"}
)


class NameIndex:
    """Actors by id, name and every alias, under `normalise`d keys.

    Precedence where a key could name several actors: an id, then a primary name, then an
    alias, and among equals the actor whose id sorts first (`sinosoviet.checks` reports such
    clashes). A name the data marks ``shared`` ("China" for the ROC and the PRC) counts only
    when no unshared name has the key; if it names several actors, the key is ambiguous.
    """

    __slots__ = ("_display", "_key", "_keys", "_names_of", "_primary", "_words")

    def __init__(self, actors: Sequence[Actor]) -> None:
        self._key = name_key(actors)
        best: dict[str, tuple[int, str]] = {}
        shared: dict[str, set[str]] = {}
        display: dict[str, str] = {}
        # Every key of every actor (its primary name first: among equally close names, a
        # suggestion shows it), and the actors each word of a name belongs to.
        self._names_of: dict[str, tuple[str, ...]] = {}
        self._primary: dict[str, str] = {}
        self._words: dict[str, set[str]] = {}
        for actor in actors:
            self._primary[actor.id] = actor.name
            own: list[str] = []
            # The name first, so that a suggestion shows it rather than an id that reads the same.
            texts = [(1, actor.name, False), (0, actor.id, False)]
            texts.extend((2, n.text, n.shared) for n in actor.names)
            for level, text, is_shared in texts:
                key = self._key(text)
                if not key:
                    continue
                if key not in own:
                    own.append(key)
                display.setdefault(key, text)
                if is_shared:
                    shared.setdefault(key, set()).add(actor.id)
                elif key not in best or (level, actor.id) < best[key]:
                    best[key] = (level, actor.id)
            self._names_of[actor.id] = (own[0], *sorted(own[1:])) if own else ()
            for key in own:
                for word in key.split():
                    if word not in _STOP_WORDS:
                        self._words.setdefault(word, set()).add(actor.id)
        keys: dict[str, tuple[str, ...]] = {key: tuple(sorted(ids)) for key, ids in shared.items()}
        keys.update((key, (actor_id,)) for key, (_, actor_id) in best.items())
        self._keys = keys
        self._display = display

    def find(self, text: str) -> tuple[str, ...]:
        """The ids of the actors a name denotes: one, none, or several for a shared name."""
        return self._keys.get(self._key(text), ())

    def find_words(self, text: str) -> tuple[str, ...]:
        """The ids of the actors that have every word of ``text`` among the words of their names.

        "Stalin", "Khrushchev" or "Сталин" find the one actor whose names hold that word;
        "Chiang" finds every Chiang. Small words ("of", "the") are ignored.
        """
        words = [w for w in self._key(text).split() if w not in _STOP_WORDS]
        if not words:
            return ()
        found = set(self._words.get(words[0], ()))
        for word in words[1:]:
            found &= self._words.get(word, set())
        return tuple(sorted(found))

    def scores(self, text: str) -> dict[str, float]:
        """How close ``text`` is to each actor's names, from 0 to 1, for actors from 0.7 up.

        An actor's score is its best name: the whole name compared with the whole text, or, for
        a one-word text, any word of a name compared with it (so that "Stallin" is close to
        "Joseph Stalin"). 1.0 for an exact name, 0.95 for every word found in its names.
        """
        return {actor_id: score for actor_id, (score, _) in self._ranked(text).items()}

    def _ranked(self, text: str) -> dict[str, tuple[float, str]]:
        """Per actor: its score and the key of its name that came closest."""
        import difflib  # only needed on the error and search paths

        key = self._key(text)
        if not key:
            return {}
        exact = set(self._keys.get(key, ()))
        worded = set(self.find_words(text))
        single = " " not in key
        found: dict[str, tuple[float, str]] = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for actor_id, names in self._names_of.items():
            if actor_id in exact:
                found[actor_id] = (1.0, key)
                continue
            if actor_id in worded:
                found[actor_id] = (0.95, names[0])
                continue
            best, best_name = 0.0, ""
            for name in names:
                candidates = [name, *name.split()] if single else [name]
                for candidate in candidates:
                    matcher.set_seq1(candidate)
                    score = 0.0
                    if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                        score = matcher.ratio()
                    if single and len(key) >= 3 and candidate.startswith(key):
                        score = max(score, 0.9)
                    if score > best:
                        best, best_name = score, name
            if best >= 0.7:
                found[actor_id] = (min(best, 0.94), best_name)
        return found

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Names close to ``text``, one per actor, closest first (ties by id), as the data
        writes them: the name or alias that came closest ("Soviet Union" for "Soviet Unoin").

        A misspelt surname ("Stallin") finds the full name ("Joseph Stalin") before any other
        actor.
        """
        ranked = sorted(self._ranked(text).items(), key=lambda item: (-item[1][0], item[0]))
        return [self._display.get(name, self._primary[actor_id]) for actor_id, (_, name) in ranked[:limit]]
