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


class ActorKind(enum.StrEnum):
    """What sort of actor a record describes."""

    STATE = "state"
    GOVERNMENT = "government"
    PARTY = "party"
    ORGANIZATION = "organization"
    INSTITUTION = "institution"
    MILITARY = "military"
    GROUP = "group"
    PERSON = "person"
    REGION = "region"


class EventKind(enum.StrEnum):
    """What sort of thing happened."""

    AID = "aid"
    DEATH = "death"
    DIPLOMATIC = "diplomatic"
    DISSOLUTION = "dissolution"
    ECONOMIC = "economic"
    FOUNDING = "founding"
    IDEOLOGICAL = "ideological"
    LEADERSHIP = "leadership"
    MILITARY = "military"
    POLITICAL = "political"
    STATEMENT = "statement"
    SUMMIT = "summit"
    TREATY = "treaty"
    VISIT = "visit"


#: The kinds of event that are interactions between actors and so carry CAMEO codings; an
#: event of another kind (a death, a founding, a change of leader, domestic politics) may go
#: uncoded (the ``uncoded-interaction`` check warns of an interaction without a coding).
INTERACTION_KINDS: Final = frozenset(
    {
        EventKind.AID,
        EventKind.DIPLOMATIC,
        EventKind.ECONOMIC,
        EventKind.IDEOLOGICAL,
        EventKind.MILITARY,
        EventKind.STATEMENT,
        EventKind.SUMMIT,
        EventKind.TREATY,
        EventKind.VISIT,
    }
)


class Role(enum.StrEnum):
    """The part an actor played in an event."""

    INITIATOR = "initiator"
    TARGET = "target"
    SIGNATORY = "signatory"
    HOST = "host"
    VISITOR = "visitor"
    BELLIGERENT = "belligerent"
    SUPPORTER = "supporter"
    RECIPIENT = "recipient"
    MEDIATOR = "mediator"
    PARTICIPANT = "participant"
    SUBJECT = "subject"


#: Roles an actor may hold after its lifespan has ended (the subject of a funeral, say).
POSTHUMOUS_ROLES: Final = frozenset({Role.SUBJECT})


class LinkKind(enum.StrEnum):
    """How one event relates to another."""

    LED_TO = "led_to"
    RESPONSE_TO = "response_to"
    PART_OF = "part_of"
    DATED_FROM = "dated_from"


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


class TreatyKind(enum.StrEnum):
    """What a treaty mainly does."""

    ALLIANCE = "alliance"
    FRIENDSHIP = "friendship"
    NON_AGGRESSION = "non_aggression"
    NEUTRALITY = "neutrality"
    DIPLOMATIC = "diplomatic"
    BORDER = "border"
    ECONOMIC = "economic"
    MILITARY = "military"
    OTHER = "other"


class EndReason(enum.StrEnum):
    """Why a treaty stopped being in force."""

    EXPIRED = "expired"
    TERMINATED = "terminated"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"
    LAPSED = "lapsed"
    FULFILLED = "fulfilled"


class SourceKind(enum.StrEnum):
    """What sort of work a source is."""

    ENCYCLOPEDIA = "encyclopedia"
    BOOK = "book"
    ARTICLE = "article"
    DATASET = "dataset"
    DOCUMENT = "document"
    WEBSITE = "website"


class SourceLevel(enum.StrEnum):
    """How close a source stands to what it reports (the historian's primary/secondary/tertiary)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    TERTIARY = "tertiary"


class IdScheme(enum.StrEnum):
    """External identifier systems that records can be crosswalked to."""

    COW_CCODE = "cow_ccode"
    GW_CCODE = "gw_ccode"
    WIKIDATA = "wikidata"
    COW_MID = "cow_mid"
    COW_WAR = "cow_war"
    COW_ALLIANCE = "cow_alliance"
    ATOP = "atop"
    ICB_CRISIS = "icb_crisis"
    UCDP_CONFLICT = "ucdp_conflict"
    THOMPSON_RIVALRY = "thompson_rivalry"


_ID_VALUE: Final = {
    IdScheme.COW_CCODE: re.compile(r"[0-9]{1,4}"),
    IdScheme.GW_CCODE: re.compile(r"[0-9]{1,4}"),
    IdScheme.WIKIDATA: re.compile(r"Q[1-9][0-9]*"),
    IdScheme.COW_MID: re.compile(r"[0-9]{1,5}"),
    IdScheme.COW_WAR: re.compile(r"[0-9]{1,4}"),
    IdScheme.COW_ALLIANCE: re.compile(r"[0-9]{1,5}"),
    IdScheme.ATOP: re.compile(r"[0-9]{4}"),
    IdScheme.ICB_CRISIS: re.compile(r"[1-9][0-9]{0,3}"),
    IdScheme.UCDP_CONFLICT: re.compile(r"[1-9][0-9]{0,5}"),
    IdScheme.THOMPSON_RIVALRY: re.compile(r"[1-9][0-9]{0,3}"),
}


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


def _scheme(scheme: object) -> IdScheme:
    """An `IdScheme` from itself or its value, in any case."""
    if isinstance(scheme, IdScheme):
        return scheme
    if isinstance(scheme, str):
        try:
            return IdScheme(scheme.strip().lower())
        except ValueError:
            pass
        allowed = ", ".join(s.value for s in IdScheme)
        raise ValueError(f"{scheme!r} is not an id scheme; expected one of {allowed}")
    raise TypeError(f"scheme must be an IdScheme or its value (str), not {type(scheme).__name__}")


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

#: Record classes defined the first time one is asked for (see `sinosoviet._records_deferred`):
#: the first query needs only the three classes above.
_DEFERRED: Final = frozenset(
    {
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
    }
)


def _deferred(name: str) -> Any:
    # The import system runs the module once, whichever thread asks first; it puts its classes
    # into this module's namespace, so that later lookups never come back here.
    from sinosoviet import _records_deferred

    return getattr(_records_deferred, name)


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
