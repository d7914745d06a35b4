"""sinosoviet: a sourced, typed chronology of relations between China and Soviet power, 1917–1991.

    >>> import sinosoviet
    >>> sinosoviet.status_on("1969-03-02").status.value
    'armed_conflict'
    >>> sinosoviet.load().actors_by_id["prc"].name
    "People's Republic of China"

Importing the package reads no data and imports no cattrs. Each shipped data file is read the
first time its record type is needed, and most record classes and enums are defined on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sinosoviet import records as _records
from sinosoviet.dataset import Dataset, load
from sinosoviet.dates import Interval, IntervalEnd, PartialDate, Precision, Qualifier, When, parse_when
from sinosoviet.errors import AmbiguousActorError, DataError, UnknownActorError, UnknownEventError
from sinosoviet.query import (
    PRINCIPAL_CHAIN,
    ChainLink,
    Query,
    actor,
    actor_by_external_id,
    actor_links,
    event_links,
    events,
    get_actor,
    goldstein_series,
    office_holders,
    relations,
    search,
    search_actors,
    status_on,
    treaties,
)
from sinosoviet.records import (
    Citation,
    Relation,
    RelationStatus,
    Variant,
)

if TYPE_CHECKING:
    from sinosoviet._search import ActorLinks, EventLinks
    from sinosoviet.checks import Problem, Report, Severity, check
    from sinosoviet.records import (
        POSTHUMOUS_ROLES,
        Actor,
        ActorKind,
        Coding,
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
        Role,
        Source,
        SourceKind,
        SourceLevel,
        Tenure,
        Treaty,
        TreatyKind,
    )
    from sinosoviet.series import SeriesRow

#: Names re-exported on first use: the checks module is large, and most programs never call it;
#: most record classes and enums are defined on first use (see `sinosoviet.records`).
_LAZY = {
    "ActorLinks": "_search",
    "EventLinks": "_search",
    "Problem": "checks",
    "Report": "checks",
    "Severity": "checks",
    "check": "checks",
    "SeriesRow": "series",
    # The record classes and enums sinosoviet.records defines on first use, which this module
    # re-exports (its __all__ names them): one list, kept in sinosoviet.records.
    **{name: "records" for name in _records._DEFERRED if not name.startswith("_")},
}

#: The version of the shipped data: the date of its last change, then ``+`` and the first twelve
#: hex digits of the SHA-256 of its files (the peer episodes in data/peers included).
#: CHANGELOG.md records it with every data change, and a test fails when the files change
#: without a new version.
DATA_VERSION = "2026.12.03+6029d232f5d8"

__all__ = [
    "Actor",
    "ActorKind",
    "ActorLinks",
    "AmbiguousActorError",
    "ChainLink",
    "Citation",
    "Coding",
    "DATA_VERSION",
    "DataError",
    "Dataset",
    "EndReason",
    "Event",
    "EventKind",
    "EventLinks",
    "ExternalId",
    "IdScheme",
    "Interval",
    "IntervalEnd",
    "Link",
    "LinkKind",
    "Name",
    "POSTHUMOUS_ROLES",
    "PRINCIPAL_CHAIN",
    "PartialDate",
    "Participant",
    "Precision",
    "Problem",
    "Qualifier",
    "Query",
    "Record",
    "Relation",
    "RelationStatus",
    "Report",
    "Role",
    "SeriesRow",
    "Severity",
    "Source",
    "SourceKind",
    "SourceLevel",
    "Tenure",
    "Treaty",
    "TreatyKind",
    "UnknownActorError",
    "UnknownEventError",
    "Variant",
    "When",
    "__version__",
    "actor",
    "actor_by_external_id",
    "actor_links",
    "check",
    "event_links",
    "events",
    "get_actor",
    "goldstein_series",
    "load",
    "office_holders",
    "parse_when",
    "relations",
    "search",
    "search_actors",
    "status_on",
    "treaties",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY and name in __all__:
        from importlib import import_module

        value = getattr(import_module(f"sinosoviet.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    # The version comes from the installed metadata; importlib.metadata costs ~40 ms to import,
    # so it is looked up only when asked for.
    if name == "__version__":
        from importlib.metadata import version

        return version("sinosoviet")
    raise AttributeError(f"module 'sinosoviet' has no attribute {name!r}")
