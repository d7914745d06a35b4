"""Tests for sinosoviet._index: the interval index, timelines and name keys against plain scans."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from sinosoviet._index import IntervalIndex, Timeline, normalise

# Durations from a day to the whole calendar, so that every duration bucket is exercised.
spans = st.lists(
    st.tuples(st.integers(0, 5000), st.sampled_from([0, 1, 2, 7, 31, 365, 4000, 3_000_000])).flatmap(
        lambda s: st.tuples(st.just(s[0]), st.integers(s[0], s[0] + s[1]))
    ),
    max_size=60,
)
windows = st.tuples(st.integers(-100, 9000), st.integers(0, 6000)).map(lambda w: (w[0], w[0] + w[1]))


class TestIntervalIndex:
    """overlapping() and within() return exactly the ranks a scan finds."""

    @given(spans=spans, window=windows)
    def test_overlapping(self, spans: list[tuple[int, int]], window: tuple[int, int]) -> None:
        lo, hi = window
        expected = [r for r, (first, last) in enumerate(spans) if first <= hi and last >= lo]
        assert sorted(IntervalIndex(spans).overlapping(lo, hi)) == expected

    @given(spans=spans, window=windows)
    def test_within(self, spans: list[tuple[int, int]], window: tuple[int, int]) -> None:
        lo, hi = window
        expected = [r for r, (first, last) in enumerate(spans) if lo <= first and last <= hi]
        assert sorted(IntervalIndex(spans).within(lo, hi)) == expected

    @given(spans=spans, window=windows, data=st.data())
    def test_a_subset_of_ranks(
        self, spans: list[tuple[int, int]], window: tuple[int, int], data: st.DataObject
    ) -> None:
        chosen = sorted(data.draw(st.sets(st.sampled_from(range(len(spans))))) if spans else [])
        lo, hi = window
        expected = [r for r in chosen if spans[r][0] <= hi and spans[r][1] >= lo]
        assert sorted(IntervalIndex(spans, chosen).overlapping(lo, hi)) == expected


class TestTimeline:
    """A timeline gives, on each day, the last-given period that covers it."""

    @given(periods=spans, days=st.lists(st.integers(-10, 9000), max_size=20))
    def test_at(self, periods: list[tuple[int, int]], days: list[int]) -> None:
        timeline = Timeline.from_periods([(first, last, n) for n, (first, last) in enumerate(periods)])
        for day in days:
            covering = [n for n, (first, last) in enumerate(periods) if first <= day <= last]
            assert timeline.at(day) == (covering[-1] if covering else None)

    @given(periods=spans, window=windows)
    def test_steps_cover_the_window(self, periods: list[tuple[int, int]], window: tuple[int, int]) -> None:
        timeline = Timeline.from_periods([(first, last, n) for n, (first, last) in enumerate(periods)])
        lo, hi = window
        pieces = timeline.steps(lo, hi)
        assert pieces[0][0] == lo
        assert pieces[-1][1] == hi
        for (_, last, _), (first, _, _) in itertools.pairwise(pieces):
            assert first == last + 1
        for first, last, value in pieces:
            assert timeline.at(first) == value == timeline.at(last)


class TestNormalise:
    """Name keys ignore case, diacritics, punctuation and spacing."""

    def test_examples(self) -> None:
        assert normalise("Lüshun") == normalise("LUSHUN") == "lushun"
        assert normalise("Mao Tse-tung") == normalise(" mao  tse tung ") == "mao tse tung"
        assert normalise("People's Republic of China") == "peoples republic of china"
        assert normalise("mao-zedong") == normalise("Mao Zedong")
        assert normalise("蘇聯", {ord("蘇"): "苏", ord("聯"): "联"}) == "苏联"

    @given(st.text())
    def test_idempotent(self, text: str) -> None:
        assert normalise(normalise(text)) == normalise(text)
