"""The record classes that `sinosoviet.records` defines on first use.

Defining an attrs class costs a millisecond or more (attrs writes and compiles its methods), and
``import sinosoviet; sinosoviet.status_on(...)`` needs only `Citation`, `Variant` and
`Relation`. So the other record classes live here, and `sinosoviet.records` imports this module
the first time one of them is asked for (``sinosoviet.Event``, ``from sinosoviet.records import
Actor``, a pickle being read). Every class says it belongs to `sinosoviet.records`, and is put
into that module's namespace, so that pickles, `typing.get_type_hints` and the documentation see
one module. Import the classes from `sinosoviet` or `sinosoviet.records`, never from here.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from attrs import Attribute, field, frozen

from sinosoviet import _enums
from sinosoviet import records as _records
from sinosoviet._enums import (
    _ID_VALUE,
    ActorKind,
    EndReason,
    EventKind,
    IdScheme,
    LinkKind,
    Role,
    SourceKind,
    SourceLevel,
    TreatyKind,
    _scheme,
)
from sinosoviet.dates import Interval, IntervalEnd, PartialDate, When
from sinosoviet.records import (
    _DATE_OR_NONE,
    _INTERVAL,
    _LANG_TAG,
    _WHEN,
    Citation,
    Relation,
    Variant,
    _check_str,
    _cited,
    _describe,
    _flag,
    _instance_of,
    _items_of,
    _optional_of,
    _optional_slug,
    _optional_text,
    _slug,
    _slugs,
    _sorted_unique,
    _text,
    _texts,
    _tuple,
)

__all__ = [
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
]


@frozen(kw_only=True)
class Name:
    """Another name of an actor, with a BCP 47 language tag.

    Tags used in the shipped data: ``zh-Hans`` and ``zh-Hant`` (Chinese characters),
    ``ru`` (Russian, Cyrillic), ``zh-Latn-wadegile`` and ``zh-Latn-pinyin`` (romanisations),
    ``en`` (English), ``mn`` (Mongolian) and others as needed.
    """

    __module__ = "sinosoviet.records"

    text: str = field(validator=_text)
    lang: str = field()
    #: True when this name knowingly also names another actor ("China" for the ROC and the
    #: PRC). The ambiguous-name check accepts a name shared by several actors only when every
    #: actor lists it with ``shared`` true; an id or a primary ``name`` is never shared.
    shared: bool = field(default=False, validator=_flag)

    @lang.validator
    def _check_lang(self, attribute: Attribute[str], value: str) -> None:
        if _LANG_TAG.fullmatch(_check_str(attribute, value, "a language tag")) is None:
            raise ValueError(f"lang {value!r} is not a language tag such as 'zh-Hans' or 'ru'")


@frozen(kw_only=True)
class ExternalId:
    """An identifier of the same thing in another dataset (COW, ATOP, Wikidata, ...)."""

    __module__ = "sinosoviet.records"

    scheme: IdScheme = field(validator=_instance_of(IdScheme, "an IdScheme"))
    value: str = field()
    citations: tuple[Citation, ...] = field(converter=_tuple, validator=_cited)

    @value.validator
    def _check_value(self, attribute: Attribute[str], value: str) -> None:
        if _ID_VALUE[self.scheme].fullmatch(_check_str(attribute, value, "an identifier")) is None:
            raise ValueError(f"{value!r} is not a well-formed {self.scheme.value} identifier")


@frozen(kw_only=True)
class Participant:
    """An actor taking part in an event, and in what role."""

    __module__ = "sinosoviet.records"

    actor: str = field(validator=_slug)
    role: Role = field(validator=_instance_of(Role, "a Role"))


@frozen(kw_only=True)
class Link:
    """A typed link from one event to another (the target)."""

    __module__ = "sinosoviet.records"

    kind: LinkKind = field(validator=_instance_of(LinkKind, "a LinkKind"))
    target: str = field(validator=_slug)


def _cameo(_instance: object, attribute: Attribute[Any], value: str) -> None:
    _check_str(attribute, value)
    from sinosoviet.cameo import cameo_codes  # the table is read on first use

    if value not in cameo_codes():
        raise ValueError(f"{attribute.name} {value!r} is not a CAMEO code (sinosoviet.cameo.cameo_codes())")


@frozen(kw_only=True)
class Coding:
    """One directed action of an event, coded in CAMEO: ``source`` did ``cameo`` to ``target``.

    Source and target are participants of the event. The Goldstein weight is derived from the
    code (`goldstein`), never stored.
    """

    __module__ = "sinosoviet.records"

    source: str = field(validator=_slug)
    target: str = field(validator=_slug)
    cameo: str = field(validator=_cameo)

    @target.validator
    def _check_target(self, _attribute: object, value: str) -> None:
        if value == self.source:
            raise ValueError(f"target {value!r} is the source: a coding is an action of one actor on another")

    @property
    def goldstein(self) -> float:
        """The Goldstein weight of the code, from -10 (conflict) to +10 (cooperation)."""
        from sinosoviet.cameo import goldstein

        return goldstein(self.cameo)


class _Crosswalked:
    """What actors, events and treaties share: external identifiers, looked up by scheme."""

    __module__ = "sinosoviet.records"

    __slots__ = ()
    external_ids: tuple[ExternalId, ...]

    def external_id(self, scheme: IdScheme | str) -> str | None:
        """The value of the first external identifier in ``scheme``, or None.

        ``scheme`` is an `IdScheme` or its value (``"cow_ccode"``). A record may hold several in
        one scheme (the ROC is COW 710 as China and 713 as Taiwan); `external_ids` lists them
        all.

        Raises:
            ValueError: ``scheme`` is not a scheme (``"cow"``); the message lists the schemes.
        """
        wanted = _scheme(scheme)
        return next((x.value for x in self.external_ids if x.scheme is wanted), None)


@frozen(kw_only=True)
class Source:
    """A work that records cite.

    ``level`` says what the work is: a document of the time (primary), a work by a named
    scholar or a reference work written by named experts (secondary), or a general
    encyclopedia (tertiary). ``copy_of`` is set on a page that reproduces another work (a
    mirror of a Wikipedia article, a reposted chapter): it names that work's source id, and
    the page is only where the work was read.
    """

    __module__ = "sinosoviet.records"

    id: str = field(validator=_slug)
    title: str = field(validator=_text)
    kind: SourceKind = field(validator=_instance_of(SourceKind, "a SourceKind"))
    level: SourceLevel = field(validator=_instance_of(SourceLevel, "a SourceLevel"))
    author: str | None = field(default=None, validator=_optional_text)
    publisher: str | None = field(default=None, validator=_optional_text)
    year: int | None = field(default=None)
    url: str | None = field(default=None, validator=_optional_text)
    copy_of: str | None = field(default=None, validator=_optional_slug)
    note: str | None = field(default=None, validator=_optional_text)

    @year.validator
    def _check_year(self, attribute: Attribute[int | None], value: int | None) -> None:
        if value is not None and type(value) is not int:
            raise TypeError(f"{attribute.name} must be an int or None, not {_describe(value)}")


@frozen(kw_only=True)
class Actor(_Crosswalked):
    """A state, government, party, organisation, armed force, group, region or person."""

    __module__ = "sinosoviet.records"

    id: str = field(validator=_slug)
    kind: ActorKind = field(validator=_instance_of(ActorKind, "an ActorKind"))
    name: str = field(validator=_text)
    lifespan: Interval = field(validator=_INTERVAL)
    names: tuple[Name, ...] = field(default=(), converter=_tuple, validator=_items_of(Name))
    predecessors: tuple[str, ...] = field(default=(), converter=_tuple, validator=_slugs)
    successors: tuple[str, ...] = field(default=(), converter=_tuple, validator=_slugs)
    member_of: tuple[str, ...] = field(default=(), converter=_tuple, validator=_slugs)
    external_ids: tuple[ExternalId, ...] = field(
        default=(), converter=_tuple, validator=_items_of(ExternalId)
    )
    summary: str | None = field(default=None, validator=_optional_text)
    citations: tuple[Citation, ...] = field(converter=_tuple, validator=_cited)
    variants: tuple[Variant, ...] = field(default=(), converter=_tuple, validator=_items_of(Variant))

    @property
    def when(self) -> Interval:
        """The lifespan, under the name every other timed record uses."""
        return self.lifespan


@frozen(kw_only=True)
class Event(_Crosswalked):
    """Something that happened, at a point (`PartialDate`) or over an `Interval`."""

    __module__ = "sinosoviet.records"

    id: str = field(validator=_slug)
    when: When = field(validator=_WHEN)
    title: str = field(validator=_text)
    kind: EventKind = field(validator=_instance_of(EventKind, "an EventKind"))
    summary: str | None = field(default=None, validator=_optional_text)
    participants: tuple[Participant, ...] = field(
        default=(), converter=_tuple, validator=_items_of(Participant)
    )
    places: tuple[str, ...] = field(default=(), converter=_tuple, validator=_texts)
    links: tuple[Link, ...] = field(default=(), converter=_tuple, validator=_items_of(Link))
    codings: tuple[Coding, ...] = field(default=(), converter=_tuple, validator=_items_of(Coding))
    tags: tuple[str, ...] = field(default=(), converter=_tuple, validator=_sorted_unique)
    external_ids: tuple[ExternalId, ...] = field(
        default=(), converter=_tuple, validator=_items_of(ExternalId)
    )
    citations: tuple[Citation, ...] = field(converter=_tuple, validator=_cited)
    variants: tuple[Variant, ...] = field(default=(), converter=_tuple, validator=_items_of(Variant))
    #: Why the event is a key event: passages of general surveys of the whole relationship
    #: that name it, at least two distinct sources, each with a locator (docs/data-model.md,
    #: "Key events"). Empty for every other event.
    key_evidence: tuple[Citation, ...] = field(default=(), converter=_tuple, validator=_items_of(Citation))

    @key_evidence.validator
    def _check_key_evidence(self, _attribute: object, value: tuple[Citation, ...]) -> None:
        if not value:
            return
        if any(c.locator is None for c in value):
            raise ValueError(
                "key_evidence: every citation gives a locator (the passage that names the event)"
            )
        if len({c.source for c in value}) < 2:
            raise ValueError("key_evidence: a key event rests on at least two distinct surveys")

    @property
    def key(self) -> bool:
        """True for a key event: one that at least two general surveys name (`key_evidence`)."""
        return bool(self.key_evidence)

    @participants.validator
    def _check_participants(self, _attribute: object, value: tuple[Participant, ...]) -> None:
        if len(set(value)) != len(value):
            raise ValueError("participants lists the same actor in the same role twice")

    @codings.validator
    def _check_codings(self, _attribute: object, value: tuple[Coding, ...]) -> None:
        actors = {p.actor for p in self.participants}
        for index, coding in enumerate(value):
            for end in ("source", "target"):
                if getattr(coding, end) not in actors:
                    raise ValueError(
                        f"codings[{index}]: {end} {getattr(coding, end)!r} is not a participant of the event"
                    )
        if len(set(value)) != len(value):
            raise ValueError("codings lists the same coding twice")

    @property
    def actor_ids(self) -> frozenset[str]:
        """The ids of every participant."""
        return frozenset(p.actor for p in self.participants)


@frozen(kw_only=True)
class Treaty(_Crosswalked):
    """A treaty, pact or agreement, with its lifecycle: signed, in force, ended."""

    __module__ = "sinosoviet.records"

    id: str = field(validator=_slug)
    name: str = field(validator=_text)
    kind: TreatyKind = field(validator=_instance_of(TreatyKind, "a TreatyKind"))
    parties: tuple[str, ...] = field(converter=_tuple, validator=_slugs)
    signed: PartialDate | None = field(default=None, validator=_DATE_OR_NONE)
    in_force: PartialDate | None = field(default=None, validator=_DATE_OR_NONE)
    ended: PartialDate | None = field(default=None, validator=_DATE_OR_NONE)
    end_reason: EndReason | None = field(default=None, validator=_optional_of(EndReason, "an EndReason"))
    #: True when the treaty is no longer in force, or may not be, but no source says when it
    #: ended (``ended`` is then empty). False with no ``ended``: still in force.
    end_unknown: bool = field(default=False, validator=_flag)
    names: tuple[Name, ...] = field(default=(), converter=_tuple, validator=_items_of(Name))
    summary: str | None = field(default=None, validator=_optional_text)
    external_ids: tuple[ExternalId, ...] = field(
        default=(), converter=_tuple, validator=_items_of(ExternalId)
    )
    citations: tuple[Citation, ...] = field(converter=_tuple, validator=_cited)
    variants: tuple[Variant, ...] = field(default=(), converter=_tuple, validator=_items_of(Variant))

    @parties.validator
    def _check_parties(self, _attribute: object, value: tuple[str, ...]) -> None:
        if len(value) < 2:
            raise ValueError("a treaty has at least two parties")

    @end_unknown.validator
    def _check_lifecycle(self, _attribute: object, value: bool) -> None:
        # On the last of the lifecycle fields, so that each date has been checked on its own.
        if self.signed is None and self.in_force is None:
            raise ValueError("a treaty needs a signed or an in_force date")
        steps = [
            (n, d)
            for n, d in (("signed", self.signed), ("in_force", self.in_force), ("ended", self.ended))
            if d
        ]
        for (first_name, first), (then_name, then) in pairwise(steps):
            if first.earliest > then.latest:
                raise ValueError(f"{first_name} ({first}) is after {then_name} ({then})")
        if self.ended is not None and value:
            raise ValueError("end_unknown is true but ended is given")
        if self.ended is None and self.end_reason is not None and not value:
            raise ValueError("end_reason is given for a treaty still in force (no ended, no end_unknown)")

    @property
    def when(self) -> Interval:
        """The span in force: from `in_force` (or `signed`) to `ended`.

        The end is open (``..``) while the treaty is in force and unknown (blank) when
        `end_unknown` is true, as in ``1924-05-31/``.
        """
        start = self.in_force or self.signed
        assert start is not None  # the validator guarantees it
        if self.ended is not None:
            return Interval(start=start, end=self.ended)
        return Interval(start=start, end=IntervalEnd.UNKNOWN if self.end_unknown else IntervalEnd.OPEN)


@frozen(kw_only=True)
class Tenure:
    """A person holding an office of an organisation over an interval."""

    __module__ = "sinosoviet.records"

    id: str = field(validator=_slug)
    holder: str = field(validator=_slug)
    office: str = field(validator=_text)
    organization: str = field(validator=_slug)
    when: Interval = field(validator=_INTERVAL)
    #: True for an office several people hold at once (a vice-premiership, say); the check for
    #: one holder at a time skips it.
    concurrent: bool = field(default=False, validator=_flag)
    summary: str | None = field(default=None, validator=_optional_text)
    citations: tuple[Citation, ...] = field(converter=_tuple, validator=_cited)
    variants: tuple[Variant, ...] = field(default=(), converter=_tuple, validator=_items_of(Variant))


#: Any of the top-level record types.
Record = Actor | Event | Relation | Treaty | Tenure | Source

# Into the namespace of sinosoviet.records: its classes' type hints are read there, and they
# name the enums too.
vars(_records).update({name: globals()[name] for name in (*__all__, "_Crosswalked")})
vars(_records).update({name: getattr(_enums, name) for name in (*_enums.__all__, "_ID_VALUE", "_scheme")})
