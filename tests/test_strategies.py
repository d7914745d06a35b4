"""Tests for sinosoviet.strategies: generated values are valid, within bounds and round-trip."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinosoviet import Dataset, Interval, IntervalEnd, PartialDate, load
from sinosoviet import strategies as strategies_module
from sinosoviet._convert import CONVERTER, unstructure_record
from sinosoviet.strategies import (
    actors,
    datasets,
    events,
    intervals,
    partial_dates,
    relations,
    sources,
    tenures,
    treaties,
    whens,
)

FIRST, LAST = dt.date(1940, 1, 1), dt.date(1960, 12, 31)


class TestDates:
    """Date strategies stay within the bounds they are given."""

    @given(partial_dates(FIRST, LAST))
    def test_partial_dates_within_bounds(self, value: PartialDate) -> None:
        assert FIRST <= value.earliest <= value.latest <= LAST

    @given(intervals(FIRST, LAST))
    def test_interval_known_ends_within_bounds(self, value: Interval) -> None:
        for end in (value.start, value.end):
            if isinstance(end, PartialDate):
                assert FIRST <= end.earliest <= end.latest <= LAST
        assert not (value.start is IntervalEnd.UNKNOWN and value.end is IntervalEnd.UNKNOWN)

    @given(intervals(FIRST, LAST, open_ends=False))
    def test_closed_intervals_have_dates(self, value: Interval) -> None:
        assert isinstance(value.start, PartialDate)
        assert isinstance(value.end, PartialDate)

    @given(whens())
    def test_whens_round_trip_as_text(self, value: PartialDate | Interval) -> None:
        assert type(value).parse(str(value)) == value


class TestRecords:
    """Each record strategy gives records that survive a JSON round trip unchanged."""

    @pytest.mark.parametrize(
        "strategy",
        [sources(), actors(), events(), relations(), treaties(), tenures()],
        ids=["sources", "actors", "events", "relations", "treaties", "tenures"],
    )
    @given(data=st.data())
    def test_round_trip(self, strategy: st.SearchStrategy[Any], data: st.DataObject) -> None:
        record = data.draw(strategy)
        assert CONVERTER.structure(unstructure_record(record), type(record)) == record


class TestDatasets:
    """Generated datasets are well formed; check soundness lives in test_checks."""

    @given(datasets(min_actors=2, max_actors=4, min_events=1, max_events=4))
    def test_sizes_and_references(self, data: Dataset) -> None:
        assert 2 <= len(data.actors) <= 4
        assert 1 <= len(data.events) <= 4
        actor_ids = set(data.actors_by_id)
        assert all(p.actor in actor_ids for e in data.events for p in e.participants)

    @given(datasets(max_actors=3, max_events=3))
    def test_write_and_load_round_trip(self, data: Dataset) -> None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            data.write(folder)
            assert load(folder) == data

    def test_bad_arguments(self) -> None:
        with pytest.raises(ValueError, match="min_actors"):
            datasets(min_actors=0)


def test_missing_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without hypothesis, importing the module says which extra to install."""
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.delitem(sys.modules, "sinosoviet.strategies")
    try:
        with pytest.raises(ImportError, match=r'pip install "sinosoviet\[test\]"'):
            importlib.import_module("sinosoviet.strategies")
    finally:
        sys.modules["sinosoviet.strategies"] = strategies_module
