"""The enums of the records that `sinosoviet.records` defines on first use.

A first `status_on` needs only `RelationStatus`, which `sinosoviet.records` defines itself;
defining the others costs a fraction of a millisecond each. So they live here, and
`sinosoviet.records` imports this module the first time one is asked for
(``sinosoviet.EventKind``, ``from sinosoviet.records import Role``, a pickle being read). Each
says it belongs to `sinosoviet.records`. Import them from `sinosoviet` or `sinosoviet.records`,
never from here.
"""

from __future__ import annotations

import enum
import re
from typing import Final

__all__ = [
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
]


class ActorKind(enum.StrEnum):
    """What sort of actor a record describes."""

    __module__ = "sinosoviet.records"

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

    __module__ = "sinosoviet.records"

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

    __module__ = "sinosoviet.records"

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

    __module__ = "sinosoviet.records"

    LED_TO = "led_to"
    RESPONSE_TO = "response_to"
    PART_OF = "part_of"
    DATED_FROM = "dated_from"


class TreatyKind(enum.StrEnum):
    """What a treaty mainly does."""

    __module__ = "sinosoviet.records"

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

    __module__ = "sinosoviet.records"

    EXPIRED = "expired"
    TERMINATED = "terminated"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"
    LAPSED = "lapsed"
    FULFILLED = "fulfilled"


class SourceKind(enum.StrEnum):
    """What sort of work a source is."""

    __module__ = "sinosoviet.records"

    ENCYCLOPEDIA = "encyclopedia"
    BOOK = "book"
    ARTICLE = "article"
    DATASET = "dataset"
    DOCUMENT = "document"
    WEBSITE = "website"


class SourceLevel(enum.StrEnum):
    """How close a source stands to what it reports (the historian's primary/secondary/tertiary)."""

    __module__ = "sinosoviet.records"

    PRIMARY = "primary"
    SECONDARY = "secondary"
    TERTIARY = "tertiary"


class IdScheme(enum.StrEnum):
    """External identifier systems that records can be crosswalked to."""

    __module__ = "sinosoviet.records"

    COW_CCODE = "cow_ccode"
    GW_CCODE = "gw_ccode"
    WIKIDATA = "wikidata"
    COW_MID = "cow_mid"
    COW_WAR = "cow_war"
    COW_ALLIANCE = "cow_alliance"
    ATOP = "atop"


_ID_VALUE: Final = {
    IdScheme.COW_CCODE: re.compile(r"[0-9]{1,4}"),
    IdScheme.GW_CCODE: re.compile(r"[0-9]{1,4}"),
    IdScheme.WIKIDATA: re.compile(r"Q[1-9][0-9]*"),
    IdScheme.COW_MID: re.compile(r"[0-9]{1,5}"),
    IdScheme.COW_WAR: re.compile(r"[0-9]{1,4}"),
    IdScheme.COW_ALLIANCE: re.compile(r"[0-9]{1,5}"),
    IdScheme.ATOP: re.compile(r"[0-9]{4}"),
}


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
