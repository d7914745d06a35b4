"""The exceptions the library raises on purpose."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sinosoviet.records import Actor

__all__ = ["AmbiguousActorError", "DataError", "UnknownActorError", "UnknownEventError"]


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


class AmbiguousActorError(UnknownActorError):
    """A name fits several actors ("Chiang", "China"); ``candidates`` lists them all.

    A subclass of `UnknownActorError`, so code that handles an unknown name handles this too.
    ``candidates`` holds the actors (ids in order); the message names each with its kind and
    lifespan, and ``suggestions`` their ids.
    """

    def __init__(self, key: str, candidates: Sequence[Actor]) -> None:
        self.candidates = tuple(candidates)
        listed = "; ".join(f"{a.id} ({a.kind.value}, {a.lifespan})" for a in self.candidates)
        super().__init__(key, [a.id for a in self.candidates])
        self.args = (f"{key!r} fits {len(self.candidates)} actors: {listed}; name one by its id",)


class UnknownEventError(LookupError):
    """No event has this id; ``suggestions`` lists the ids of events whose words fit it best."""

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if suggestions else ""
        super().__init__(f"no event has the id {key!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])
