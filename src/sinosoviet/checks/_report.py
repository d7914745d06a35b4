"""Problems, reports and their text form (`format_report`)."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

from attrs import field, frozen

from sinosoviet.records import (
    Actor,
    Event,
    Relation,
    Source,
    Tenure,
    Treaty,
)


class Severity(enum.StrEnum):
    """How bad a problem is: an error is a fault in the data, a warning is suspicious but possible."""

    ERROR = "error"
    WARNING = "warning"


_SEVERITY_RANK: Final = {Severity.ERROR: 0, Severity.WARNING: 1}

#: The record types, in the order of the data files; problems sort in this order.
RECORD_TYPES: Final = ("source", "actor", "event", "relation", "treaty", "tenure")
_RECORD_TYPE_RANK: Final = {name: rank for rank, name in enumerate(RECORD_TYPES)}
_TYPE_NAME: Final[Mapping[type[Any], str]] = {
    Source: "source",
    Actor: "actor",
    Event: "event",
    Relation: "relation",
    Treaty: "treaty",
    Tenure: "tenure",
}


# -- problems and reports -----------------------------------------------------------------------


@frozen(kw_only=True)
class Problem:
    """One problem found in the data.

    Attributes:
        code: the stable code of the check that found it, e.g. ``"dangling-reference"``.
        severity: `Severity.ERROR` or `Severity.WARNING`.
        record_type: ``"source"``, ``"actor"``, ``"event"``, ``"relation"``, ``"treaty"`` or
            ``"tenure"``.
        record: the id of the record the problem concerns.
        message: what is wrong, in words a curator can act on.
    """

    code: str
    severity: Severity
    record_type: str
    record: str
    message: str

    @property
    def sort_key(self) -> tuple[int, int, str, str, str]:
        """Errors first, then by record type (in file order), record id, code and message."""
        return (
            _SEVERITY_RANK[self.severity],
            _RECORD_TYPE_RANK.get(self.record_type, len(RECORD_TYPES)),
            self.record,
            self.code,
            self.message,
        )

    def to_dict(self) -> dict[str, str]:
        """The JSON-ready form: code, severity, record_type, record and message."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "record_type": self.record_type,
            "record": self.record,
            "message": self.message,
        }


def _sorted_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: p.sort_key))


@frozen(kw_only=True)
class Report:
    """The problems a dataset has, errors first, in a deterministic order.

    Iterating a report yields its problems; ``len(report)`` counts them. `ok` is true when
    there is no error (warnings allowed).
    """

    problems: tuple[Problem, ...] = field(default=(), converter=_sorted_problems)

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not self.errors

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems of severity warning."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    def codes(self) -> frozenset[str]:
        """The codes of every problem found."""
        return frozenset(p.code for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form: ``ok``, the count of errors and warnings, and every problem."""
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """`to_dict` as JSON text (UTF-8 kept, no trailing newline)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def format_report(report: Report, *, width: int = 80) -> str:
    """A readable list of the problems, grouped by severity (errors first), with a summary line.

    Each group has a heading with its count, then each problem: its code and record (type and
    id) on one line, its message below, indented and wrapped so that no line is wider than
    ``width`` columns (80, a classic terminal; a word longer than a line is broken). The last
    line counts errors and warnings. No trailing newline.

    Raises:
        TypeError: ``report`` is not a `Report`, or ``width`` is not a whole number.
        ValueError: ``width`` is less than 40.
    """
    import textwrap

    if not isinstance(report, Report):
        raise TypeError(f"report must be a sinosoviet.Report, not {type(report).__name__}")
    if not isinstance(width, int) or isinstance(width, bool):
        raise TypeError(f"width must be a whole number of columns, not {type(width).__name__}")
    if width < 40:
        raise ValueError(f"width must be at least 40 columns, not {width}")

    def wrap(text: str, first: str, rest: str) -> list[str]:
        return textwrap.wrap(
            text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
        ) or [first.rstrip()]

    lines: list[str] = []
    for severity, group in ((Severity.ERROR, report.errors), (Severity.WARNING, report.warnings)):
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(f"{severity.value.upper()}S ({len(group)})")
        for problem in group:
            lines.extend(wrap(f"{problem.code}  {problem.record_type} {problem.record}", "  ", "      "))
            lines.extend(wrap(problem.message, "      ", "      "))
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if lines:
        lines.append("")
    lines.append(summary if report.problems else f"no problems: {summary}")
    return "\n".join(lines)
