"""The record types of the dataset and their enums.

Every record is a frozen, slotted, hashable attrs class built with keywords only; collections
are tuples (order matters) or frozensets (it does not). Invariants that a single record can
check on its own are validators here; anything that needs other records is a check in
`sinosoviet.checks`.

The codebook (docs/codebook.md) defines every enum value in a sentence.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs
from attrs import Attribute, field, frozen

# When, PartialDate and IntervalEnd are named in the type hints of the classes defined on first
# use, which are read in this module's namespace.
from sinosoviet.dates import Interval, IntervalEnd, PartialDate, When  # noqa: F401

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sinosoviet._enums import (
        INTERACTION_KINDS,
        POSTHUMOUS_ROLES,
        ActorKind,
        EndReason,
        EventKind,
        IdScheme,
        LinkKind,
        Role,
        SourceKind,
        SourceLevel,
        TreatyKind,
    )
    from sinosoviet._records_deferred import (
        Actor,
        Coding,
        Event,
        ExternalId,
        Link,
        Name,
        Participant,
        Record,
        Source,
        Tenure,
        Treaty,
    )

__all__ = [
    "FILE_TYPES",
    "INTERACTION_KINDS",
    "POSTHUMOUS_ROLES",
    "Actor",
    "ActorKind",
    "Citation",
    "Coding",
    "EndReason",
    "Event",
    "EventKind",
    "ExternalId",
    "IdScheme",
    "Link",
    "LinkKind",
    "Name",
    "Participant",
    "Record",
    "Relation",
    "RelationStatus",
    "Role",
    "Source",
    "SourceKind",
    "SourceLevel",
    "Tenure",
    "Treaty",
    "TreatyKind",
    "Variant",
]

SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANG_TAG: Final = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


# -- enums ------------------------------------------------------------------------------------

# The other enums are defined on first use, in sinosoviet._enums.


class RelationStatus(enum.StrEnum):
    """The state of a bilateral relationship over a period, from closest to most hostile.

    The order of the members is the scale used everywhere: alliance is the closest, armed
    conflict the most severe. `severity` gives the rank.
    """

    ALLIANCE = "alliance"
    COOPERATION = "cooperation"
    NORMAL = "normal"
    NO_RELATIONS = "no_relations"
    TENSION = "tension"
    HOSTILITY = "hostility"
    ARMED_CONFLICT = "armed_conflict"

    @property
    def severity(self) -> int:
        """0 for alliance up to 6 for armed conflict."""
        return list(RelationStatus).index(self)


# -- validators shared by several records -----------------------------------------------------
#
# Every field of every record is checked when the record is built: a value of the wrong type
# raises TypeError, a value of the right type that breaks a rule raises ValueError, and each
# message starts with the field's name. Nothing that a constructor accepts can fail later in a
# query, a check or a write.

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_Validator = Callable[[Any, "Attribute[Any]", Any], None]


def _describe(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def _check_str(attribute: Attribute[Any], value: object, what: str = "text") -> str:
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be {what} (str), not {_describe(value)}")
    if _SURROGATE.search(value) is not None:
        raise ValueError(f"{attribute.name} holds a lone surrogate, which no file can encode: {value!r}")
    return value


def _slug(_instance: object, attribute: Attribute[Any], value: str) -> None:
    if SLUG.fullmatch(_check_str(attribute, value, "a slug")) is None:
        raise ValueError(
            f"{attribute.name} {value!r} is not a slug (lowercase letters, digits and single hyphens)"
        )


def _each_slug(attribute: Attribute[Any], value: tuple[str, ...]) -> None:
    _sequence(attribute, value, "slugs")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{attribute.name}: {_describe(item)} is not a slug (str)")
        if SLUG.fullmatch(item) is None:
            raise ValueError(f"{attribute.name}: {item!r} is not a slug")


def _slugs(_instance: object, attribute: Attribute[Any], value: tuple[str, ...]) -> None:
    _each_slug(attribute, value)
    if len(set(value)) != len(value):
        raise ValueError(f"{attribute.name} lists an id twice: {list(value)}")


def _text(_instance: object, attribute: Attribute[Any], value: str) -> None:
    _check_str(attribute, value)
    if not value.strip() or value != value.strip():
        raise ValueError(f"{attribute.name} must be non-empty text without outer spaces, not {value!r}")


def _str(_instance: object, attribute: Attribute[Any], value: str) -> None:
    _check_str(attribute, value)


def _optional_text(_instance: object, attribute: Attribute[Any], value: str | None) -> None:
    if value is not None:
        _check_str(attribute, value)


def _optional_slug(_instance: object, attribute: Attribute[Any], value: str | None) -> None:
    if value is not None:
        _slug(_instance, attribute, value)


def _texts(_instance: object, attribute: Attribute[Any], value: tuple[str, ...]) -> None:
    _sequence(attribute, value, "texts")
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{attribute.name}: {_describe(item)} is not text (str)")
        _text(_instance, attribute, item)


def _flag(_instance: object, attribute: Attribute[Any], value: bool) -> None:
    if type(value) is not bool:
        raise TypeError(f"{attribute.name} must be True or False, not {_describe(value)}")


def _instance_of(kind: type[Any] | tuple[type[Any], ...], label: str) -> _Validator:
    """A validator: the value is an instance of ``kind`` (``label`` names it in the message)."""

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise TypeError(f"{attribute.name} must be {label}, not {_describe(value)}")

    return check


def _optional_of(kind: type[Any], label: str) -> _Validator:
    """A validator: None or an instance of ``kind``."""

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise TypeError(f"{attribute.name} must be {label} or None, not {_describe(value)}")

    return check


def _sequence(attribute: Attribute[Any], value: object, what: str) -> None:
    if not isinstance(value, tuple):
        raise TypeError(f"{attribute.name} must be a sequence of {what}, not {_describe(value)}")


def _items_of(kind: type[Any]) -> _Validator:
    """A validator: a tuple whose every item is an instance of ``kind``."""

    def check(_instance: object, attribute: Attribute[Any], value: object) -> None:
        _sequence(attribute, value, kind.__name__)
        items: tuple[Any, ...] = value  # type: ignore[assignment]  # _sequence checked it
        for index, item in enumerate(items):
            if not isinstance(item, kind):
                raise TypeError(f"{attribute.name}[{index}] must be a {kind.__name__}, not {_describe(item)}")

    return check


def _cited(_instance: object, attribute: Attribute[Any], value: tuple[Citation, ...]) -> None:
    _items_of(Citation)(_instance, attribute, value)
    if not value:
        raise ValueError(f"{attribute.name}: every record cites at least one source")


def _sorted_unique(_instance: object, attribute: Attribute[Any], value: tuple[str, ...]) -> None:
    _each_slug(attribute, value)
    if list(value) != sorted(set(value)):
        raise ValueError(f"{attribute.name} must be sorted and unique, not {list(value)}")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    # Typed with Any, not a TypeVar: the attrs mypy plugin turns a generic converter into an
    # unsolvable __init__ parameter type, which breaks type-checked callers.
    if type(value) is tuple:
        return value
    if type(value) is list:
        return tuple(value)
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        # Left as it is: the field's validator then refuses it with the field's name.
        return value  # type: ignore[return-value]
    return tuple(value)


_WHEN: Final = _instance_of(
    (PartialDate, Interval), "a PartialDate or an Interval (read text with sinosoviet.parse_when)"
)
_INTERVAL: Final = _instance_of(Interval, "an Interval (read text with Interval.parse)")
_DATE_OR_NONE: Final = _optional_of(PartialDate, "a PartialDate (read text with PartialDate.parse)")


# -- small records -----------------------------------------------------------------------------


@frozen(kw_only=True)
class Citation:
    """A pointer into a `Source`: its id and where in it (section, page)."""

    source: str = field(validator=_slug)
    locator: str | None = field(default=None, validator=_optional_text)


@frozen(kw_only=True)
class Variant:
    """A value that another source gives for a field where the record prefers its own.

    ``value`` is written the way the field is written in JSON (EDTF text for a date).
    """

    field: str = attrs.field(validator=_text)
    value: str = attrs.field(validator=_str)
    # The attribute named "field" shadows attrs.field inside this class body.
    citations: tuple[Citation, ...] = attrs.field(converter=_tuple, validator=_cited)
    note: str | None = attrs.field(default=None, validator=_optional_text)


# -- the main records --------------------------------------------------------------------------


@frozen(kw_only=True)
class Relation:
    """One period of the relationship between two actors, with its status."""

    id: str = field(validator=_slug)
    parties: tuple[str, str] = field(converter=_tuple)
    status: RelationStatus = field(validator=_instance_of(RelationStatus, "a RelationStatus"))
    when: Interval = field(validator=_INTERVAL)
    opened_by: str | None = field(default=None, validator=_optional_slug)
    closed_by: str | None = field(default=None, validator=_optional_slug)
    summary: str | None = field(default=None, validator=_optional_text)
    citations: tuple[Citation, ...] = field(converter=_tuple, validator=_cited)
    variants: tuple[Variant, ...] = field(default=(), converter=_tuple, validator=_items_of(Variant))

    @parties.validator
    def _check_parties(self, attribute: Attribute[Any], value: tuple[str, str]) -> None:
        _slugs(self, attribute, value)
        if len(value) != 2:
            raise ValueError(f"a relation has exactly two parties, not {len(value)}")
        if value[0] >= value[1]:
            raise ValueError(f"parties must be two different ids in sorted order, not {list(value)}")


# -- the classes defined on first use -----------------------------------------------------------

#: Names defined the first time one is asked for, and the module that defines them: the first
#: query needs only the classes and the enum above (see `sinosoviet._records_deferred`).
_DEFERRED: Final = {
    **dict.fromkeys(
        (
            "Actor",
            "Coding",
            "Event",
            "ExternalId",
            "Link",
            "Name",
            "Participant",
            "Record",
            "Source",
            "Tenure",
            "Treaty",
            "_Crosswalked",
        ),
        "_records_deferred",
    ),
    **dict.fromkeys(
        (
            "INTERACTION_KINDS",
            "POSTHUMOUS_ROLES",
            "ActorKind",
            "EndReason",
            "EventKind",
            "IdScheme",
            "LinkKind",
            "Role",
            "SourceKind",
            "SourceLevel",
            "TreatyKind",
            "_ID_VALUE",
            "_scheme",
        ),
        "_enums",
    ),
}


def _deferred(name: str) -> Any:
    # The import system runs each module once, whichever thread asks first. What it defines is
    # put into this module's namespace (the classes' type hints are read there), so that later
    # lookups never come back here.
    from importlib import import_module

    module = import_module(f"sinosoviet.{_DEFERRED[name]}")
    globals().update({n: getattr(module, n) for n, m in _DEFERRED.items() if m == _DEFERRED[name]})
    return getattr(module, name)


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name in _DEFERRED:
            return _deferred(name)
        raise AttributeError(f"module 'sinosoviet.records' has no attribute {name!r}")


class _FileTypes(Mapping[str, type[Any]]):
    """The record type of each data file by stem; a class is defined only when looked up."""

    __slots__ = ()

    _NAMES: Final = {
        "sources": "Source",
        "actors": "Actor",
        "events": "Event",
        "relations": "Relation",
        "treaties": "Treaty",
        "tenures": "Tenure",
    }

    def __getitem__(self, stem: str) -> type[Any]:
        name = self._NAMES[stem]
        found: type[Any] = globals()[name] if name in globals() else _deferred(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._NAMES)

    def __len__(self) -> int:
        return len(self._NAMES)

    def __contains__(self, stem: object) -> bool:
        return stem in self._NAMES

    def __repr__(self) -> str:
        return f"FILE_TYPES({dict(self)!r})"


#: The record type each data file holds, by file stem, in the order files are read and written.
FILE_TYPES: Final[Mapping[str, type[Any]]] = _FileTypes()
