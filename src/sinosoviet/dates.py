"""Partial dates and intervals: dates known to a year, month or day, in a strict EDTF subset.

The rules, in one place:

* A `PartialDate` is written in EDTF: ``1949``, ``1949-10``, ``1949-10-01``; a decade or century
  with unspecified digits, ``194X`` or ``19XX``; any of these may end with a qualifier, ``~``
  (approximate), ``?`` (uncertain) or ``%`` (both).
* ``earliest`` and ``latest`` are the calendar bounds of what is written: ``1949-10`` runs from
  1949-10-01 to 1949-10-31, ``194X`` from 1940-01-01 to 1949-12-31. A qualifier is kept and
  reported, but it does **not** widen the bounds: ``1949~`` has the same bounds as ``1949``.
  A caller that wants slack for approximate dates must add it on purpose.
* An `Interval` joins two ends with ``/``. An end is a `PartialDate`, open (``..``: still going,
  or without limit) or unknown (left blank). An open or unknown start has ``earliest`` equal to
  `datetime.date.min`; an open or unknown end has ``latest`` equal to `datetime.date.max`.
* Both types expose ``earliest`` and ``latest`` so that generic code never needs to know which
  one it holds, and both sort by ``(earliest, latest, text)``: a total order that agrees with the
  bounds and with equality.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from typing import Final, Literal, TypeAlias

from attrs import Attribute, field, frozen

__all__ = [
    "Interval",
    "IntervalEnd",
    "PartialDate",
    "Precision",
    "Qualifier",
    "When",
    "parse_when",
]


class Qualifier(enum.Enum):
    """How sure the record is of a date; kept and reported, never used to widen bounds."""

    EXACT = ""
    APPROXIMATE = "~"
    UNCERTAIN = "?"
    APPROXIMATE_UNCERTAIN = "%"


class Precision(enum.Enum):
    """The finest unit a `PartialDate` states."""

    CENTURY = "century"
    DECADE = "decade"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class IntervalEnd(enum.Enum):
    """An interval end that is not a date: open (``..``) or unknown (blank)."""

    OPEN = ".."
    UNKNOWN = ""


_QUALIFIER_RANK: Final = {q: i for i, q in enumerate(Qualifier)}
_EDTF_DATE: Final = re.compile(
    # ASCII digits only ([0-9], not \d): data files and queries take ASCII EDTF, never "١٩٥٠".
    r"(?P<year>[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qual>[~?%])?"
)
# The patterns for free text are compiled when first used (re keeps them compiled after that):
# reading EDTF, which is all the data and most queries hold, never needs them.
_MONTH_WORD: Final = r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b"
_EXAMPLES: Final = (
    "EDTF such as '1949', '1949-10', '1949-10-01', '194X' or '1949~', or text such as 'March 1969'"
)


_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_WORD: Final = (
    r"\b(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat"
    r"|sunday|sun)\b\.?"
)
#: Free text longer than this is refused before it is parsed (no date needs more, and
#: python-dateutil slows down on long input).
MAX_DATE_TEXT: Final = 100


def _month_length(year: int, month: int) -> int:
    """Days in a month of the proleptic Gregorian calendar (without importing calendar)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def _invalid(value: object, why: str) -> ValueError:
    return ValueError(f"{value!r} is not a date: {why}")


@frozen(kw_only=True, order=False)
class PartialDate:
    """A date known to a century, decade, year, month or day, possibly qualified.

    Build one with `PartialDate.parse`; the constructor takes the parts::

        >>> PartialDate.parse("1949-10")
        PartialDate('1949-10')
        >>> PartialDate(year=1969, month=3, day=2).earliest
        datetime.date(1969, 3, 2)
        >>> str(PartialDate.parse("194X~")), PartialDate.parse("194X").latest
        ('194X~', datetime.date(1949, 12, 31))
    """

    year: int = field()
    month: int | None = field(default=None)
    day: int | None = field(default=None)
    qualifier: Qualifier = field(default=Qualifier.EXACT)
    #: How many trailing digits of the year are unspecified: 1 for a decade (``194X``),
    #: 2 for a century (``19XX``). ``year`` then holds the first year (1940, 1900).
    unspecified_digits: int = field(default=0)

    @qualifier.validator
    def _check_qualifier(self, _attribute: object, value: Qualifier) -> None:
        if not isinstance(value, Qualifier):
            raise TypeError(
                f"qualifier must be a Qualifier (Qualifier.APPROXIMATE for '~'), not {type(value).__name__}"
                f" {value!r}"
            )

    @year.validator
    def _check_year(self, _attribute: object, value: int) -> None:
        if type(value) is not int:
            raise TypeError(f"year must be an int, not {type(value).__name__} {value!r}")
        if not 1 <= value <= 9999:
            raise ValueError(f"year must be an int from 1 to 9999, not {value!r}")

    @month.validator
    def _check_month(self, _attribute: object, value: int | None) -> None:
        if value is not None and type(value) is not int:
            raise TypeError(f"month must be an int or None, not {type(value).__name__} {value!r}")
        if value is not None and not 1 <= value <= 12:
            raise ValueError(f"month must be an int from 1 to 12, not {value!r}")

    @day.validator
    def _check_day(self, _attribute: object, value: int | None) -> None:
        if value is None:
            return
        if type(value) is not int:
            raise TypeError(f"day must be an int or None, not {type(value).__name__} {value!r}")
        if self.month is None:
            raise ValueError("a day needs a month")
        if value < 1:
            raise ValueError(f"day must be a positive int, not {value!r}")
        last = _month_length(self.year, self.month)
        if value > last:
            raise ValueError(
                f"day {value} is out of range for {_MONTH_NAMES[self.month - 1]} {self.year}"
                f" (last day {last})"
            )

    @unspecified_digits.validator
    def _check_unspecified(self, _attribute: object, value: int) -> None:
        if type(value) is not int:
            raise TypeError(f"unspecified_digits must be an int, not {type(value).__name__} {value!r}")
        if value not in (0, 1, 2):
            raise ValueError(f"unspecified_digits must be 0, 1 or 2, not {value!r}")
        if value and self.month is not None:
            raise ValueError("a decade or century (194X, 19XX) cannot carry a month or day")
        if value and self.year % 10**value:
            raise ValueError(f"with {value} unspecified digit(s) the year must end in zeros")
        if value and self.year < 10**value:
            raise ValueError(f"year {self.year} is too small to leave {value} digit(s) unspecified")

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def parse(cls, value: PartialDate | _dt.date | int | str) -> PartialDate:
        """Read a date from EDTF text, free text, a `datetime.date` or an int year.

        EDTF is tried first. Free text ("March 1969", "2 March 1969") goes through
        python-dateutil and keeps the precision of what is written: a month stays a month, and
        no part is ever filled in from today. Free text must name the month in words, so that
        "3/2/1969" is refused rather than guessed.

        Raises:
            ValueError: the input is not a date; the message quotes it.
            TypeError: the input is of another type.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(year=value.year, month=value.month, day=value.day)
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(
                f"a date must be a str, int year, datetime.date or PartialDate, not {type(value).__name__}"
            )
        if isinstance(value, int):
            try:
                return cls(year=value)
            except ValueError as exc:
                raise _invalid(value, str(exc)) from None
        return cls._parse_text(value)

    @classmethod
    def _parse_text(cls, text: str) -> PartialDate:
        if len(text) > MAX_DATE_TEXT:
            raise _invalid(text[:40] + "...", f"longer than {MAX_DATE_TEXT} characters")
        stripped = text.strip()
        match = _EDTF_DATE.fullmatch(stripped)
        if match is not None:
            return cls._from_match(text, match)
        if any(c.isdigit() and not c.isascii() for c in stripped):
            raise _invalid(text, "dates are written with ASCII digits 0-9")
        if re.search(_MONTH_WORD, stripped, re.IGNORECASE) and re.search(r"[0-9]{4}", stripped):
            return cls._parse_free_text(stripped)
        raise _invalid(text, f"expected {_EXAMPLES}")

    @classmethod
    def _from_match(cls, text: str, match: re.Match[str]) -> PartialDate:
        year_text = match["year"]
        unspecified = year_text.count("X")
        try:
            return cls(
                year=int(year_text.replace("X", "0")),
                month=int(match["month"]) if match["month"] else None,
                day=int(match["day"]) if match["day"] else None,
                qualifier=Qualifier(match["qual"] or ""),
                unspecified_digits=unspecified,
            )
        except ValueError as exc:
            raise _invalid(text, str(exc)) from None

    @classmethod
    def _parse_free_text(cls, text: str) -> PartialDate:
        # Imported here: dateutil is only needed for free text, never on the EDTF path.
        from dateutil import parser as date_parser

        # Parsing twice with defaults that differ in every part tells which parts the text
        # states: a part that follows the default was not written.
        first = _dt.datetime(2000, 1, 1)
        second = _dt.datetime(2001, 2, 2)
        try:
            one = date_parser.parse(text, default=first)
            two = date_parser.parse(text, default=second)
        except (ValueError, OverflowError) as exc:
            raise _invalid(text, str(exc)) from None
        if one.year != two.year or one.month != two.month:
            raise _invalid(text, "free text must state at least a month and a year")
        if (one.hour, one.minute, one.second, one.microsecond) != (0, 0, 0, 0) or one.tzinfo:
            raise _invalid(text, "a time of day is not part of a date")
        day = one.day if one.day == two.day else None
        # python-dateutil reads any year under 100 as a two-digit year ("0076" as 1976); keep
        # the year as written when the text holds it in four digits.
        years = re.findall(r"(?<![0-9])[0-9]{4}(?![0-9])", text)
        year = int(years[0]) if len(years) == 1 else one.year
        try:
            parsed = cls(year=year, month=one.month, day=day)
        except ValueError as exc:
            raise _invalid(text, str(exc)) from None
        # A weekday in the text must be the weekday of the date ("Tuesday March 3 1969" is not).
        named = {m.group(1)[:3].lower() for m in re.finditer(_WEEKDAY_WORD, text, re.IGNORECASE)}
        if named:
            if day is None:
                raise _invalid(text, "a weekday is named but no day of the month")
            actual = _WEEKDAYS[parsed.earliest.weekday()]
            if named != {actual[:3].lower()}:
                raise _invalid(text, f"{parsed} was a {actual}, not the weekday written")
        return parsed

    # -- views -------------------------------------------------------------------------------

    @property
    def precision(self) -> Precision:
        """The finest unit this date states."""
        if self.unspecified_digits == 2:
            return Precision.CENTURY
        if self.unspecified_digits == 1:
            return Precision.DECADE
        if self.month is None:
            return Precision.YEAR
        return Precision.MONTH if self.day is None else Precision.DAY

    @property
    def earliest(self) -> _dt.date:
        """The first calendar day this date may denote (the qualifier does not move it)."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> _dt.date:
        """The last calendar day this date may denote (the qualifier does not move it)."""
        if self.unspecified_digits:
            return _dt.date(self.year + 10**self.unspecified_digits - 1, 12, 31)
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        if self.day is None:
            return _dt.date(self.year, self.month, _month_length(self.year, self.month))
        return _dt.date(self.year, self.month, self.day)

    @property
    def is_exact_day(self) -> bool:
        """True when the date names one day with no qualifier."""
        return self.day is not None and self.qualifier is Qualifier.EXACT

    def __str__(self) -> str:
        year = f"{self.year:04d}"
        if self.unspecified_digits:
            year = year[: -self.unspecified_digits] + "X" * self.unspecified_digits
        parts = [year]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts) + self.qualifier.value

    def __repr__(self) -> str:
        return f"PartialDate({str(self)!r})"

    @property
    def sort_key(self) -> tuple[_dt.date, _dt.date, str]:
        """``(earliest, latest, text)``: the key of the total order shared with `Interval`."""
        return (self.earliest, self.latest, str(self))

    def __lt__(self, other: object) -> bool:
        return _compare(self, other, "lt")

    def __le__(self, other: object) -> bool:
        return _compare(self, other, "le")

    def __gt__(self, other: object) -> bool:
        return _compare(self, other, "gt")

    def __ge__(self, other: object) -> bool:
        return _compare(self, other, "ge")


End: TypeAlias = PartialDate | Literal[IntervalEnd.OPEN, IntervalEnd.UNKNOWN]


def _end_text(end: End) -> str:
    return end.value if isinstance(end, IntervalEnd) else str(end)


@frozen(kw_only=True, order=False)
class Interval:
    """A span between two ends, each a `PartialDate`, open (``..``) or unknown (blank).

    >>> span = Interval.parse("1950-02-14/1980-04-11")
    >>> span.earliest, span.latest
    (datetime.date(1950, 2, 14), datetime.date(1980, 4, 11))
    >>> str(Interval.parse("1991-12-26/..")), Interval.parse("1927/").latest
    ('1991-12-26/..', datetime.date(9999, 12, 31))
    """

    start: End = field()
    end: End = field()

    @start.validator
    @end.validator
    def _check_end_type(self, attribute: Attribute[End], value: End) -> None:
        if not isinstance(value, PartialDate | IntervalEnd):
            raise TypeError(
                f"{attribute.name} must be a PartialDate, IntervalEnd.OPEN or IntervalEnd.UNKNOWN, not"
                f" {type(value).__name__} {value!r} (read text with Interval.parse)"
            )

    @end.validator
    def _check_order(self, _attribute: object, value: End) -> None:
        start = self.start
        if (
            isinstance(start, PartialDate)
            and isinstance(value, PartialDate)
            and start.earliest > value.latest
        ):
            raise ValueError(f"interval starts ({start}) after it ends ({value})")
        if self.start is IntervalEnd.UNKNOWN and value is IntervalEnd.UNKNOWN:
            raise ValueError("an interval needs at least one known or open end")

    @classmethod
    def parse(cls, value: Interval | str) -> Interval:
        """Read an EDTF interval such as ``1949-10/1950-02``, ``1991-12-26/..`` or ``1927/``.

        Raises:
            ValueError: the text is not an interval; the message quotes it.
            TypeError: the input is neither text nor an `Interval`.
        """
        if isinstance(value, Interval):
            return value
        if not isinstance(value, str):
            raise TypeError(f"an interval must be a str or Interval, not {type(value).__name__}")
        if value.count("/") != 1:
            raise ValueError(f"{value!r} is not an interval: expected START/END, e.g. '1949-10/1950-02'")
        start_text, end_text = value.split("/")
        try:
            return cls(start=_parse_end(start_text), end=_parse_end(end_text))
        except ValueError as exc:
            raise ValueError(f"{value!r} is not an interval: {exc}") from None

    @property
    def earliest(self) -> _dt.date:
        """The first day the span may include; `datetime.date.min` for an open or unknown start."""
        return self.start.earliest if isinstance(self.start, PartialDate) else _dt.date.min

    @property
    def latest(self) -> _dt.date:
        """The last day the span may include; `datetime.date.max` for an open or unknown end."""
        return self.end.latest if isinstance(self.end, PartialDate) else _dt.date.max

    @property
    def sort_key(self) -> tuple[_dt.date, _dt.date, str]:
        """``(earliest, latest, text)``: the key of the total order shared with `PartialDate`."""
        return (self.earliest, self.latest, str(self))

    def __str__(self) -> str:
        return f"{_end_text(self.start)}/{_end_text(self.end)}"

    def __repr__(self) -> str:
        return f"Interval({str(self)!r})"

    def __lt__(self, other: object) -> bool:
        return _compare(self, other, "lt")

    def __le__(self, other: object) -> bool:
        return _compare(self, other, "le")

    def __gt__(self, other: object) -> bool:
        return _compare(self, other, "gt")

    def __ge__(self, other: object) -> bool:
        return _compare(self, other, "ge")


When: TypeAlias = PartialDate | Interval


def _parse_end(text: str) -> End:
    if text == "..":
        return IntervalEnd.OPEN
    if text == "":
        return IntervalEnd.UNKNOWN
    match = _EDTF_DATE.fullmatch(text)
    if match is None:
        raise _invalid(text, "expected an EDTF date, '..' (open) or nothing (unknown)")
    return PartialDate._from_match(text, match)


def parse_when(value: When | str) -> When:
    """Read EDTF text that is either a date or an interval (it has a ``/``)."""
    if isinstance(value, PartialDate | Interval):
        return value
    if not isinstance(value, str):
        raise TypeError(f"a date or interval must be a str, not {type(value).__name__}")
    if "/" in value:
        return Interval.parse(value)
    match = _EDTF_DATE.fullmatch(value)
    if match is None:
        raise _invalid(value, f"expected {_EXAMPLES.split(', or text')[0]} or an interval START/END")
    return PartialDate._from_match(value, match)


_QUALIFIERS: Final = {q.value: q for q in Qualifier}


def _trusted_date(text: str) -> PartialDate:
    """A date from EDTF text of a validated file, made without the validators.

    Only for the shipped data, which CI reads through `parse_when` (validators and all); a test
    proves both readings equal for every date the files hold. Text that is not EDTF raises
    ValueError, so that the caller falls back to the validating path.
    """
    match = _EDTF_DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month, day, qualifier = match.group("year", "month", "day", "qual")
    date = object.__new__(PartialDate)
    put = object.__setattr__
    if "X" in year:
        put(date, "year", int(year.replace("X", "0")))
        put(date, "unspecified_digits", year.count("X"))
    else:
        put(date, "year", int(year))
        put(date, "unspecified_digits", 0)
    put(date, "month", int(month) if month else None)
    put(date, "day", int(day) if day else None)
    put(date, "qualifier", _QUALIFIERS[qualifier or ""])
    return date


def _trusted_end(text: str) -> End:
    if text == "..":
        return IntervalEnd.OPEN
    if text == "":
        return IntervalEnd.UNKNOWN
    return _trusted_date(text)


def _trusted_interval(text: str) -> Interval:
    """An interval from EDTF text of a validated file, made without the validators."""
    start, slash, end = text.partition("/")
    if not slash or "/" in end:
        raise ValueError(text)
    interval = object.__new__(Interval)
    object.__setattr__(interval, "start", _trusted_end(start))
    object.__setattr__(interval, "end", _trusted_end(end))
    return interval


def _trusted_when(text: str) -> When:
    """A date or an interval from EDTF text of a validated file, made without the validators."""
    return _trusted_interval(text) if "/" in text else _trusted_date(text)


def _compare(left: When, right: object, op: str) -> bool:
    if not isinstance(right, PartialDate | Interval):
        return NotImplemented  # type: ignore[no-any-return]
    a, b = left.sort_key, right.sort_key
    if op == "lt":
        return a < b
    if op == "le":
        return a <= b
    if op == "gt":
        return a > b
    return a >= b
