"""The exceptions the library raises on purpose."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DataError", "UnknownActorError"]


class DataError(ValueError):
    """A data file does not fit the schema.

    ``file`` names the file (or folder) and ``problems`` lists every fault found in it, each
    starting with its JSON path, e.g. ``events.json[12].when: '1949-13' is not a date``.
    """

    def __init__(self, file: str, problems: Sequence[str]) -> None:
        self.file = file
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{file}: {count} problem{'s' if count != 1 else ''}"
        super().__init__(head + "".join(f"\n  {p}" for p in self.problems))


class UnknownActorError(LookupError):
    """No actor has this id, name or alias; ``suggestions`` lists the closest names."""

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if suggestions else ""
        super().__init__(f"no actor is called {key!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])
