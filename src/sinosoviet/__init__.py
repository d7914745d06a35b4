"""sinosoviet: a sourced, typed chronology of relations between China and Soviet power, 1917–1991.

    >>> import sinosoviet
    >>> data = sinosoviet.load()
    >>> data.actors_by_id["prc"].name
    "People's Republic of China"

Importing the package reads no data and imports no cattrs; both happen on first use.
"""

from __future__ import annotations

from typing import Any

from sinosoviet.dataset import Dataset, load
from sinosoviet.dates import Interval, IntervalEnd, PartialDate, Precision, Qualifier, When, parse_when
from sinosoviet.errors import DataError, UnknownActorError
from sinosoviet.records import (
    POSTHUMOUS_ROLES,
    Actor,
    ActorKind,
    Citation,
    EndReason,
    Event,
    EventKind,
    ExternalId,
    IdScheme,
    Link,
    LinkKind,
    Name,
    Participant,
    Record,
    Relation,
    RelationStatus,
    Role,
    Source,
    SourceKind,
    Tenure,
    Treaty,
    TreatyKind,
    Variant,
)

__all__ = [
    "Actor",
    "ActorKind",
    "Citation",
    "DataError",
    "Dataset",
    "EndReason",
    "Event",
    "EventKind",
    "ExternalId",
    "IdScheme",
    "Interval",
    "IntervalEnd",
    "Link",
    "LinkKind",
    "Name",
    "POSTHUMOUS_ROLES",
    "PartialDate",
    "Participant",
    "Precision",
    "Qualifier",
    "Record",
    "Relation",
    "RelationStatus",
    "Role",
    "Source",
    "SourceKind",
    "Tenure",
    "Treaty",
    "TreatyKind",
    "UnknownActorError",
    "Variant",
    "When",
    "__version__",
    "load",
    "parse_when",
]


def __getattr__(name: str) -> Any:
    # The version comes from the installed metadata; importlib.metadata costs ~40 ms to import,
    # so it is looked up only when asked for.
    if name == "__version__":
        from importlib.metadata import version

        return version("sinosoviet")
    raise AttributeError(f"module 'sinosoviet' has no attribute {name!r}")
