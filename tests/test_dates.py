"""Tests for sinosoviet.dates: EDTF in and out, bounds, ordering, free-text parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sinosoviet import Interval, IntervalEnd, PartialDate, Precision, Qualifier, parse_when

QUALIFIERS = st.sampled_from(list(Qualifier))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    qualifier = draw(QUALIFIERS)
    precision = draw(st.sampled_from(list(Precision)))
    if precision is Precision.CENTURY:
        return PartialDate(year=draw(st.integers(1, 99)) * 100, unspecified_digits=2, qualifier=qualifier)
    if precision is Precision.DECADE:
        return PartialDate(year=draw(st.integers(1, 999)) * 10, unspecified_digits=1, qualifier=qualifier)
    day = draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    if precision is Precision.YEAR:
        return PartialDate(year=day.year, qualifier=qualifier)
    if precision is Precision.MONTH:
        return PartialDate(year=day.year, month=day.month, qualifier=qualifier)
    return PartialDate(year=day.year, month=day.month, day=day.day, qualifier=qualifier)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    ends = st.one_of(partial_dates(), st.sampled_from(list(IntervalEnd)))
    start, end = draw(ends), draw(ends)
    if start is IntervalEnd.UNKNOWN and end is IntervalEnd.UNKNOWN:
        end = IntervalEnd.OPEN
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and start.earliest > end.latest:
        start, end = end, start
    return Interval(start=start, end=end)


class TestPartialDateParsing:
    """EDTF text is read at the precision it is written, and written back unchanged."""

    @pytest.mark.parametrize(
        ("text", "earliest", "latest", "precision"),
        [
            ("1949", dt.date(1949, 1, 1), dt.date(1949, 12, 31), Precision.YEAR),
            ("1949-10", dt.date(1949, 10, 1), dt.date(1949, 10, 31), Precision.MONTH),
            ("1949-10-01", dt.date(1949, 10, 1), dt.date(1949, 10, 1), Precision.DAY),
            ("1948-02", dt.date(1948, 2, 1), dt.date(1948, 2, 29), Precision.MONTH),
            ("194X", dt.date(1940, 1, 1), dt.date(1949, 12, 31), Precision.DECADE),
            ("19XX", dt.date(1900, 1, 1), dt.date(1999, 12, 31), Precision.CENTURY),
            ("1949~", dt.date(1949, 1, 1), dt.date(1949, 12, 31), Precision.YEAR),
            ("1969-03?", dt.date(1969, 3, 1), dt.date(1969, 3, 31), Precision.MONTH),
            ("1969-03-02%", dt.date(1969, 3, 2), dt.date(1969, 3, 2), Precision.DAY),
        ],
    )
    def test_bounds_and_precision(
        self, text: str, earliest: dt.date, latest: dt.date, precision: Precision
    ) -> None:
        parsed = PartialDate.parse(text)
        assert (parsed.earliest, parsed.latest, parsed.precision) == (earliest, latest, precision)
        assert str(parsed) == text

    def test_qualifier_is_kept_but_does_not_widen_bounds(self) -> None:
        plain, approximate = PartialDate.parse("1949"), PartialDate.parse("1949~")
        assert approximate.qualifier is Qualifier.APPROXIMATE
        assert (plain.earliest, plain.latest) == (approximate.earliest, approximate.latest)
        assert plain != approximate

    @pytest.mark.parametrize(
        "text",
        [
            "1949-13",
            "1949-02-30",
            "",
            "19490",
            "1949-1",
            "194X-10",
            "0000",
            "1X49",
            "1949~?",
            "3/2/1969",
            "March",
            "1949-10-01T10:00",
        ],
    )
    def test_invalid_text_raises_value_error_quoting_it(self, text: str) -> None:
        with pytest.raises(ValueError, match="is not a date") as info:
            PartialDate.parse(text)
        assert repr(text) in str(info.value)

    @pytest.mark.parametrize("value", [1949.0, None, b"1949", True, [1949]])
    def test_other_types_raise_type_error(self, value: object) -> None:
        with pytest.raises(TypeError, match="a date must be"):
            PartialDate.parse(value)  # type: ignore[arg-type]

    def test_user_input_is_stripped_but_data_text_is_strict(self) -> None:
        assert PartialDate.parse(" 1949 ") == PartialDate(year=1949)
        with pytest.raises(ValueError, match="is not a date"):
            parse_when(" 1949")

    def test_date_int_and_instance_inputs(self) -> None:
        assert PartialDate.parse(dt.date(1969, 3, 2)) == PartialDate(year=1969, month=3, day=2)
        assert PartialDate.parse(dt.datetime(1969, 3, 2, 15, 30)) == PartialDate(year=1969, month=3, day=2)
        assert PartialDate.parse(1969) == PartialDate(year=1969)
        same = PartialDate(year=1969)
        assert PartialDate.parse(same) is same
        with pytest.raises(ValueError, match="year must be"):
            PartialDate.parse(0)


class TestFreeText:
    """Free text keeps the precision it states and never borrows parts from today."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("March 1969", "1969-03"),
            ("2 March 1969", "1969-03-02"),
            ("March 2, 1969", "1969-03-02"),
            ("Sept 1960", "1960-09"),
            ("14 February 1950", "1950-02-14"),
        ],
    )
    def test_precision_of_what_is_written(self, text: str, expected: str) -> None:
        assert str(PartialDate.parse(text)) == expected

    def test_month_alone_is_refused(self) -> None:
        with pytest.raises(ValueError, match="is not a date"):
            PartialDate.parse("March 2")

    def test_time_of_day_is_refused(self) -> None:
        with pytest.raises(ValueError, match="time of day"):
            PartialDate.parse("2 March 1969 10:30")


class TestInterval:
    """Intervals: closed, open and unknown ends; bounds; validation."""

    @pytest.mark.parametrize(
        ("text", "earliest", "latest"),
        [
            ("1949-10/1950-02", dt.date(1949, 10, 1), dt.date(1950, 2, 28)),
            ("1991-12-26/..", dt.date(1991, 12, 26), dt.date.max),
            ("1927/", dt.date(1927, 1, 1), dt.date.max),
            ("../1927", dt.date.min, dt.date(1927, 12, 31)),
            ("/1927", dt.date.min, dt.date(1927, 12, 31)),
            ("1949-10/1949", dt.date(1949, 10, 1), dt.date(1949, 12, 31)),
        ],
    )
    def test_bounds(self, text: str, earliest: dt.date, latest: dt.date) -> None:
        span = Interval.parse(text)
        assert (span.earliest, span.latest) == (earliest, latest)
        assert str(span) == text

    @pytest.mark.parametrize("text", ["1950/1949", "/", "1949", "1949/1950/1951", "1949-13/1950", "x/.."])
    def test_invalid(self, text: str) -> None:
        with pytest.raises(ValueError, match="is not an interval"):
            Interval.parse(text)

    def test_parse_when_picks_the_type(self) -> None:
        assert isinstance(parse_when("1949"), PartialDate)
        assert isinstance(parse_when("1949/1950"), Interval)
        with pytest.raises(ValueError, match="is not a date"):
            parse_when("March 1969")  # data files take EDTF only


class TestProperties:
    """Laws that hold for every date and interval."""

    @given(partial_dates())
    def test_partial_date_round_trip(self, date: PartialDate) -> None:
        assert PartialDate.parse(str(date)) == date
        assert parse_when(str(date)) == date

    @given(intervals())
    def test_interval_round_trip(self, span: Interval) -> None:
        assert Interval.parse(str(span)) == span
        assert parse_when(str(span)) == span

    @given(st.one_of(partial_dates(), intervals()))
    def test_earliest_not_after_latest(self, when: PartialDate | Interval) -> None:
        assert when.earliest <= when.latest

    @given(st.one_of(partial_dates(), intervals()), st.one_of(partial_dates(), intervals()))
    def test_order_agrees_with_bounds_and_equality(
        self, a: PartialDate | Interval, b: PartialDate | Interval
    ) -> None:
        if (a.earliest, a.latest) < (b.earliest, b.latest):
            assert a < b
            assert b > a
            assert a <= b
            assert not a >= b
        assert (a <= b and b <= a) == (a == b)
        assert (a < b) + (a == b) + (a > b) == 1

    @given(st.one_of(partial_dates(), intervals()))
    def test_hash_agrees_with_equality(self, when: PartialDate | Interval) -> None:
        assert hash(parse_when(str(when))) == hash(when)


class TestEdtfOracle:
    """python-edtf, a test-only oracle, agrees on the strict bounds of level 0/1 dates.

    Documented disagreement: python-edtf gives an interval's unknown end (``1927/``) a bound
    ten years out; sinosoviet treats an unknown end as unbounded (`datetime.date.max`), since
    nothing is known of it. Open ends are unbounded in both. Only closed intervals are compared.
    """

    @staticmethod
    def _bounds(text: str) -> tuple[dt.date, dt.date]:
        import time

        edtf = pytest.importorskip("edtf")
        parsed = edtf.parse_edtf(text)

        def as_date(value: time.struct_time) -> dt.date:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)

        return as_date(parsed.lower_strict()), as_date(parsed.upper_strict())

    @given(partial_dates().filter(lambda d: d.year >= 1000))
    def test_dates(self, date: PartialDate) -> None:
        assert self._bounds(str(date)) == (date.earliest, date.latest)

    @given(partial_dates().filter(lambda d: d.year >= 1000), partial_dates().filter(lambda d: d.year >= 1000))
    def test_closed_intervals(self, a: PartialDate, b: PartialDate) -> None:
        start, end = sorted((a, b), key=lambda d: d.earliest)
        if start.earliest > end.latest or start.unspecified_digits or end.unspecified_digits:
            return
        span = Interval(start=start, end=end)
        assert self._bounds(str(span)) == (span.earliest, span.latest)


class TestFreeTextEdges:
    """Free text keeps the year as written, checks a named weekday, and is bounded in length."""

    def test_a_four_digit_year_under_100_is_kept_as_written(self) -> None:
        assert str(PartialDate.parse("2 March 0076")) == "0076-03-02"

    def test_a_weekday_that_does_not_match_the_date_is_refused(self) -> None:
        with pytest.raises(ValueError, match="was a Monday"):
            PartialDate.parse("Tuesday March 3 1969")

    def test_a_matching_weekday_is_accepted(self) -> None:
        assert str(PartialDate.parse("Monday March 3 1969")) == "1969-03-03"

    def test_long_input_is_refused_before_parsing(self) -> None:
        with pytest.raises(ValueError, match="longer than"):
            PartialDate.parse(" " * 1_000_000 + "1969")

    @pytest.mark.parametrize("text", ["١٩٥٠", "１９５０", "March ١٩٥٠"])
    def test_only_ascii_digits_are_dates(self, text: str) -> None:
        with pytest.raises(ValueError, match="is not a date"):
            PartialDate.parse(text)

    def test_non_ascii_digits_in_data_are_refused(self) -> None:
        with pytest.raises(ValueError, match="is not a date"):
            parse_when("١٩٥٠")
