"""Checks of variants: fields, values and references."""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Final

from sinosoviet.checks._catalogue import _CITE, _PRC, Finding, _check, _Context, _name
from sinosoviet.checks._report import Severity
from sinosoviet.dates import Interval, PartialDate, parse_when
from sinosoviet.records import (
    Actor,
    Event,
    Relation,
    Tenure,
    Treaty,
)

# -- variants -----------------------------------------------------------------------------------

_NOT_VARIABLE: Final = frozenset({"id", "citations", "variants"})


def _field_types(record_type: type[Any]) -> dict[str, Any]:
    hints: dict[str, Any] = typing.get_type_hints(record_type)
    return hints


_FIELD_TYPES: Final = {t: _field_types(t) for t in (Actor, Event, Relation, Treaty, Tenure)}


def _members(tp: Any) -> tuple[Any, ...]:
    """The types a union is made of, without None; the type itself otherwise."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(t for t in typing.get_args(tp) if t is not type(None))
    return (tp,)


def _value_fault(tp: Any, value: str) -> str | None:
    """Why ``value`` cannot be a JSON value of a field of type ``tp``, or None."""
    members = _members(tp)
    if Interval in members or PartialDate in members:
        try:
            parsed = parse_when(value)
        except (ValueError, TypeError) as exc:
            return str(exc)
        if not isinstance(parsed, members):
            wanted = "an interval (START/END)" if Interval in members else "a single date"
            return f"{value!r} is not {wanted}"
        return None
    enums = [m for m in members if isinstance(m, type) and issubclass(m, enum.Enum)]
    if enums:
        allowed = [str(member.value) for member in enums[0]]
        return None if value in allowed else f"{value!r} is not one of {', '.join(allowed)}"
    if bool in members:
        return None if value in ("true", "false") else f"{value!r} is not true or false"
    if int in members:
        return None if value.lstrip("-").isdigit() else f"{value!r} is not a whole number"
    if typing.get_origin(members[0]) is tuple:
        try:
            parsed_json = json.loads(value)
        except ValueError:
            parsed_json = None
        return None if isinstance(parsed_json, list) else f"{value!r} is not a JSON array"
    return None if value.strip() else "the value is empty"


def _written(value: Any) -> str | None:
    """A field value as its variant would write it, or None where there is no text form."""
    if value is None:
        return None
    if isinstance(value, PartialDate | Interval):
        return str(value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | str):
        return str(value)
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return json.dumps(list(value), ensure_ascii=False)
    return None


def _same_value(preferred: Any, value: str) -> bool:
    """Whether a variant's value says what the preferred value says.

    Text is compared as written; a list field's value is compared as the JSON array it
    parses to, so that spacing and line breaks in the array do not hide an equal list.
    """
    if isinstance(preferred, tuple) and all(isinstance(item, str) for item in preferred):
        try:
            parsed = json.loads(value)
        except ValueError:
            return False
        return isinstance(parsed, list) and parsed == list(preferred)
    return _written(preferred) == value


def _variants(context: _Context) -> Iterator[tuple[Any, int, Any]]:
    for stem in ("actors", "events", "relations", "treaties", "tenures"):
        for record in context.unique(stem):
            for index, variant in enumerate(record.variants):
                yield record, index, variant


@_check(
    "variant-unknown-field",
    Severity.ERROR,
    {"actors": [{**_PRC, "variants": [{"field": "founded", "value": "1949-09-21", "citations": _CITE}]}]},
)
def _variants_of_unknown_fields(context: _Context) -> Iterator[Finding]:
    """A variant names a field the record type does not have, or one that cannot vary.

    ``id``, ``citations`` and ``variants`` cannot vary; an actor's date field is ``lifespan``
    (``when`` is only its alias in code).
    """
    for record, index, variant in _variants(context):
        fields = _FIELD_TYPES[type(record)]
        if variant.field not in fields or variant.field in _NOT_VARIABLE:
            allowed = ", ".join(sorted(set(fields) - _NOT_VARIABLE))
            yield (
                _name(record),
                record.id,
                (
                    f"variants[{index}] names field {variant.field!r}, which a {_name(record)} cannot vary"
                    f" (fields: {allowed})"
                ),
            )


@_check(
    "variant-bad-value",
    Severity.ERROR,
    {
        "actors": [
            {**_PRC, "variants": [{"field": "lifespan", "value": "21 September 1949", "citations": _CITE}]}
        ]
    },
)
def _variants_with_bad_values(context: _Context) -> Iterator[Finding]:
    """A variant's value cannot be a value of its field.

    Values are written as in JSON: a date field takes EDTF text of the right shape (an interval
    for ``lifespan`` and a relation's or tenure's ``when``, a single date for a treaty's dates,
    either for an event's ``when``); an enum field takes one of its values; ``concurrent`` takes
    ``true`` or ``false``; a list field takes a JSON array; a text field any non-empty text.
    """
    for record, index, variant in _variants(context):
        fields = _FIELD_TYPES[type(record)]
        if variant.field not in fields or variant.field in _NOT_VARIABLE:
            continue
        fault = _value_fault(fields[variant.field], variant.value)
        if fault is not None:
            yield _name(record), record.id, f"variants[{index}] ({variant.field}): {fault}"


@_check(
    "variant-equals-preferred",
    Severity.ERROR,
    {"actors": [{**_PRC, "variants": [{"field": "lifespan", "value": "1949-10-01/..", "citations": _CITE}]}]},
)
def _variants_equal_to_preferred(context: _Context) -> Iterator[Finding]:
    """A variant gives the same value the record already prefers.

    Compared as written in JSON (``"1949-10-01"`` for a date, the enum's value for an enum); a
    list is compared as the array its JSON parses to, whatever its spacing. A variant records
    a disagreement; one that agrees is noise, or a value that was meant to change.
    """
    for record, index, variant in _variants(context):
        if variant.field not in _FIELD_TYPES[type(record)] or variant.field in _NOT_VARIABLE:
            continue
        if _same_value(getattr(record, variant.field), variant.value):
            yield (
                _name(record),
                record.id,
                (
                    f"variants[{index}] ({variant.field}) gives {variant.value!r},"
                    " the value the record already has"
                ),
            )


#: The fields whose variants name other records: field -> (kind of record, key inside a list
#: item or None for a plain id).
_VARIANT_REFERENCES: Final[Mapping[type[Any], Mapping[str, tuple[str, str | None]]]] = {
    Actor: {
        "predecessors": ("actor", None),
        "successors": ("actor", None),
        "member_of": ("actor", None),
    },
    Event: {"participants": ("actor", "actor"), "links": ("event", "target")},
    Relation: {"parties": ("actor", None), "opened_by": ("event", None), "closed_by": ("event", None)},
    Treaty: {"parties": ("actor", None)},
    Tenure: {"holder": ("actor", None), "organization": ("actor", None)},
}


def _named_ids(value: str, key: str | None) -> list[str]:
    """The ids a variant's value names: the value itself, or the ids in its JSON array."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return [value]
    if not isinstance(parsed, list):
        return [value] if isinstance(parsed, str) else []
    ids = []
    for item in parsed:
        if key is None and isinstance(item, str):
            ids.append(item)
        elif key is not None and isinstance(item, dict) and isinstance(item.get(key), str):
            ids.append(item[key])
    return ids


@_check(
    "variant-dangling-reference",
    Severity.ERROR,
    {
        "actors": [
            {
                **_PRC,
                "variants": [{"field": "predecessors", "value": '["republic-of-china"]', "citations": _CITE}],
            }
        ]
    },
)
def _variants_with_dangling_references(context: _Context) -> Iterator[Finding]:
    """A variant's value names an actor or event that does not exist.

    For the fields that hold ids (an actor's ``predecessors``, ``successors`` and
    ``member_of``, an event's ``participants`` and ``links``, a relation's ``parties``,
    ``opened_by`` and ``closed_by``, a treaty's ``parties``, a tenure's ``holder`` and
    ``organization``), every id the variant names must resolve, as the record's own must. (A
    variant's sources are judged by ``dangling-citation``.)
    """
    found = {"actor": context.actors, "event": context.events}
    for record, index, variant in _variants(context):
        reference = _VARIANT_REFERENCES.get(type(record), {}).get(variant.field)
        if reference is None:
            continue
        kind, key = reference
        for ref in _named_ids(variant.value, key):
            if ref not in found[kind]:
                yield (
                    _name(record),
                    record.id,
                    f"variants[{index}] ({variant.field}) names {kind} {ref!r}, which does not exist",
                )
