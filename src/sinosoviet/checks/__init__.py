"""Cross-record consistency checks: a catalogue of small checks that report problems.

`load` refuses a file that does not fit the schema (that is a `DataError`); the checks here
judge what only shows across records: a reference to a record that does not exist, a
participant who was not alive, two relation periods that overlap. Each check is a small
function registered in `CATALOGUE` with a stable ``code``, a `Severity`, a description and a
minimal example of data that triggers it (docs/checks.md lists them all).

`check_dataset` runs every check and returns a `Report`; it never raises for a data problem and
never logs. Every problem names the record it concerns, so a curator can act on it.

Dates are judged on their calendar bounds (see `sinosoviet.dates`): a check reports an error
only when the bounds make the fault certain. An event dated ``1949`` is not outside a lifespan
that begins ``1949-10-01``; an event dated ``1948`` is. The bounds of an interval's ends are
read this way: a known end has its date's bounds; an open start (``..``) lies at the beginning
of time and an open end (``..``) at its end; an unknown start may lie anywhere up to the end,
an unknown end anywhere from the start on.

Checks that need a referenced record skip a reference that does not resolve: the
``dangling-reference`` check reports it, once. Checks other than ``duplicate-id`` see the first
record of each id.

    >>> from sinosoviet.checks import check
    >>> report = check()
    >>> report.ok
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import TYPE_CHECKING, Final

# The family modules register their checks on import, in this order (the catalogue's order).
# isort: off
from sinosoviet.checks import ids, references, dates, lifespans  # noqa: F401
from sinosoviet.checks import relations, events, actors, variants, tenures, crosswalk  # noqa: F401

# isort: on
from sinosoviet.checks._catalogue import _REGISTRY, SUCCESSION_OVERLAP_DAYS, Check, _Context
from sinosoviet.checks._report import Problem, Report, Severity, format_report

if TYPE_CHECKING:
    from sinosoviet.dataset import Dataset

__all__ = [
    "CATALOGUE",
    "SUCCESSION_OVERLAP_DAYS",
    "Check",
    "Problem",
    "Report",
    "Severity",
    "check",
    "check_dataset",
    "format_report",
]

# The public classes and functions answer to this module, where they are documented and
# pickled, whichever module defines them.
for _public in (Check, Problem, Report, Severity, format_report):
    _public.__module__ = __name__
del _public

#: Every check, in the order they run and are documented.
CATALOGUE: Final[tuple[Check, ...]] = tuple(_REGISTRY)


# -- running ------------------------------------------------------------------------------------


def check_dataset(data: Dataset, codes: Iterable[str] | None = None) -> Report:
    """Run the checks of the catalogue on a dataset and report every problem found.

    Args:
        data: the dataset to check.
        codes: run only the checks with these codes; every check when None.

    Returns:
        A `Report` of every problem, errors first. It never raises for a problem in the data.

    Raises:
        ValueError: ``codes`` names a code that is not in the catalogue (a single string is
            one code).
        TypeError: ``data`` is not a `Dataset`, or a code is not a string.
    """
    from sinosoviet.dataset import Dataset

    if not isinstance(data, Dataset):
        raise TypeError(f"data must be a sinosoviet.Dataset, not {type(data).__name__}")
    selected = CATALOGUE
    if codes is not None:
        if isinstance(codes, str):
            codes = (codes,)  # one code, not its letters
        wanted = set(codes)
        if not all(isinstance(code, str) for code in wanted):
            raise TypeError(f"codes must be check codes (str), not {sorted(map(repr, wanted))}")
        unknown = wanted - {c.code for c in CATALOGUE}
        if unknown:
            raise ValueError(f"unknown check code(s): {', '.join(sorted(unknown))}")
        selected = tuple(c for c in CATALOGUE if c.code in wanted)
    context = _Context(data)
    return Report(problems=[problem for entry in selected for problem in entry.problems(context)])


def check(path: str | PathLike[str] | None = None) -> Report:
    """Load a dataset (the shipped data without a path, else a user's folder) and check it.

    Structural faults stay the loader's job: a file that does not fit the schema raises
    `sinosoviet.DataError` from `sinosoviet.load`, and this function lets it propagate.

    Raises:
        FileNotFoundError: ``path`` is not a folder.
        DataError: a file of the dataset is malformed.
    """
    from sinosoviet.dataset import load

    return check_dataset(load(path))
