"""Record constructors check every field: nothing a constructor accepts can break later.

Each test is named for the behaviour it pins down; the property test is the hostile-input
fuzzing of constructors: a value of the wrong type in any field raises TypeError or ValueError
and never builds a record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinosoviet import (
    Actor,
    ActorKind,
    Citation,
    Event,
    EventKind,
    Interval,
    IntervalEnd,
    PartialDate,
    Participant,
    Qualifier,
)
from sinosoviet import strategies as ss

CITE = (Citation(source="s"),)


class TestIntervalEnds:
    """An interval's ends are PartialDates or IntervalEnd members, nothing else."""

    def test_datetime_dates_are_refused_naming_the_field(self) -> None:
        with pytest.raises(TypeError, match=r"^start must be a PartialDate"):
            Interval(start=dt.date(1949, 10, 1), end=dt.date(1950, 1, 1))  # type: ignore[arg-type]

    def test_none_is_refused(self) -> None:
        with pytest.raises(TypeError, match=r"^start "):
            Interval(start=None, end=None)  # type: ignore[arg-type]

    def test_text_is_refused_with_a_pointer_to_parse(self) -> None:
        with pytest.raises(TypeError, match=r"Interval\.parse"):
            Interval(start="1949", end=IntervalEnd.OPEN)  # type: ignore[arg-type]


class TestPartialDateParts:
    """Every part of a PartialDate has its type checked."""

    def test_a_qualifier_given_as_text_is_refused(self) -> None:
        with pytest.raises(TypeError, match=r"^qualifier must be a Qualifier"):
            PartialDate(year=1949, qualifier="~")  # type: ignore[arg-type]

    def test_a_boolean_is_not_a_count_of_unspecified_digits(self) -> None:
        with pytest.raises(TypeError, match=r"^unspecified_digits"):
            PartialDate(year=1940, unspecified_digits=True)

    def test_a_year_given_as_text_is_a_type_error(self) -> None:
        with pytest.raises(TypeError, match=r"^year must be an int"):
            PartialDate(year="1949")  # type: ignore[arg-type]

    def test_a_qualified_date_still_prints(self) -> None:
        assert str(PartialDate(year=1949, qualifier=Qualifier.APPROXIMATE)) == "1949~"


class TestRecordFields:
    """Records refuse wrongly typed fields at construction, naming the field."""

    def test_an_event_dated_by_text_is_refused(self) -> None:
        with pytest.raises(TypeError, match=r"^when must be a PartialDate or an Interval"):
            Event(id="e", when="1949", title="T", kind=EventKind.MILITARY, citations=CITE)  # type: ignore[arg-type]

    def test_an_unknown_event_kind_is_refused(self) -> None:
        with pytest.raises(TypeError, match=r"^kind must be an EventKind"):
            Event(id="e", when=PartialDate(year=1949), title="T", kind="nonsense", citations=CITE)  # type: ignore[arg-type]

    def test_a_bad_participant_role_is_refused(self) -> None:
        with pytest.raises(TypeError, match=r"^role must be a Role"):
            Participant(actor="prc", role="bad")  # type: ignore[arg-type]

    def test_a_single_string_is_not_a_sequence(self) -> None:
        with pytest.raises(TypeError, match=r"^places must be a sequence"):
            Event(
                id="e",
                when=PartialDate(year=1949),
                title="T",
                kind=EventKind.MILITARY,
                places="Harbin",
                citations=CITE,
            )

    def test_items_of_the_wrong_type_are_refused_with_their_index(self) -> None:
        with pytest.raises(TypeError, match=r"^participants\[0\] must be a Participant"):
            Event(
                id="e",
                when=PartialDate(year=1949),
                title="T",
                kind=EventKind.MILITARY,
                participants=["prc"],
                citations=CITE,
            )

    def test_a_lone_surrogate_in_text_is_refused(self) -> None:
        with pytest.raises(ValueError, match=r"^name holds a lone surrogate"):
            Actor(
                id="prc",
                kind=ActorKind.STATE,
                name="PR\ud800C",
                lifespan=Interval.parse("1949-10-01/.."),
                citations=CITE,
            )


#: Values no field of any record accepts: no field holds floats, bytes, mappings or arbitrary
#: objects (a set is left out: it is iterable, so a tuple field could take an empty one).
WRONG = st.sampled_from([1.5, b"bytes", {"key": 1}, object(), complex(1, 1)])

RECORDS = st.one_of(ss.sources(), ss.actors(), ss.events(), ss.relations(), ss.treaties(), ss.tenures())


@given(record=RECORDS, data=st.data())
def test_a_wrongly_typed_value_in_any_field_never_builds_a_record(record: Any, data: st.DataObject) -> None:
    fields = [a.name for a in attrs.fields(type(record)) if a.init]
    name = data.draw(st.sampled_from(fields))
    wrong = data.draw(WRONG)
    with pytest.raises((TypeError, ValueError)) as caught:
        attrs.evolve(record, **{name: wrong})
    assert name in str(caught.value) or type(wrong).__name__ in str(caught.value)
