"""The one cattrs converter: JSON text <-> records.

This is the only module that imports cattrs and the only place that turns cattrs errors into
`DataError`. Dates travel as EDTF strings, enums as their lowercase values, fields equal to
their default are left out, and keys keep the order the record declares them in, so that the
JSON written for a record is canonical.
"""

from __future__ import annotations

import enum
import json
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.preconf.json import make_converter

from sinosoviet.dates import Interval, PartialDate, When, parse_when
from sinosoviet.errors import DataError
from sinosoviet.records import (
    FILE_TYPES,
    ActorKind,
    EndReason,
    EventKind,
    IdScheme,
    LinkKind,
    RelationStatus,
    Role,
    SourceKind,
    SourceLevel,
    TreatyKind,
)

__all__ = ["FILE_TYPES", "dumps_records", "structure_records", "unstructure_record"]

_R = TypeVar("_R")


_ENUMS: Final = (
    ActorKind,
    EndReason,
    EventKind,
    IdScheme,
    LinkKind,
    RelationStatus,
    Role,
    SourceKind,
    SourceLevel,
    TreatyKind,
)


def _strict(kind: type[Any], label: str) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _type: Any) -> Any:
        # JSON true/false are ints to Python; refuse them where a number is meant.
        if type(value) is not kind:
            raise TypeError(f"expected {label}, got {_json_type(value)} {value!r}")
        return value

    return structure


def _json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _structure_partial_date(value: Any, _type: Any) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f"expected an EDTF date string, got {_json_type(value)} {value!r}")
    when = parse_when(value)
    if not isinstance(when, PartialDate):
        raise ValueError(f"{value!r} is an interval where a single date is expected")
    return when


def _structure_interval(value: Any, _type: Any) -> Interval:
    if not isinstance(value, str):
        raise TypeError(f"expected an EDTF interval string, got {_json_type(value)} {value!r}")
    return Interval.parse(value)


def _structure_when(value: Any, _type: Any) -> When:
    if not isinstance(value, str):
        raise TypeError(f"expected an EDTF date or interval string, got {_json_type(value)} {value!r}")
    return parse_when(value)


def _structure_enum(value: Any, type_: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_json_type(value)} {value!r}")
    try:
        return type_(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in type_)
        raise ValueError(f"{value!r} is not a valid {type_.__name__}; expected one of {allowed}") from None


def _make() -> cattrs.Converter:
    converter = make_converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "a number"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    # Each enum by its own class: these are StrEnums, so the str hook above would otherwise
    # catch them (hooks dispatch on the most specific registered class).
    for enum_type in _ENUMS:
        converter.register_structure_hook(enum_type, _structure_enum)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_structure_hook(Interval, _structure_interval)
    converter.register_structure_hook_func(lambda t: t == When, _structure_when)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_unstructure_hook(Interval, str)
    converter.register_unstructure_hook_func(lambda t: t == When, str)
    return converter


CONVERTER: Final = _make()


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, ValueError | TypeError):
        return str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


def _messages(exc: BaseException, path: str) -> list[str]:
    """Flatten a cattrs error tree into ``path: message`` lines."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        lines = []
        for text in cattrs.transform_error(exc, path=path, format_exception=_format):
            message, _, where = text.rpartition(" @ ")
            lines.append(f"{where}: {message}")
        return lines
    return [f"{path}: {_format(exc, None)}"]


def _validator_faults(item: Mapping[str, Any], record_type: type[Any], where: str) -> list[str]:
    """Every fault the record's field validators find, each field judged on its own.

    A field that does not structure is skipped (cattrs has reported it); a validator that
    needs the other fields of the record (none does today) is skipped too.
    """
    hints = _type_hints(record_type)
    faults = []
    for attribute in attrs.fields(record_type):
        if attribute.name not in item or attribute.validator is None:
            continue
        try:
            value = CONVERTER.structure(item[attribute.name], hints[attribute.name])
            if attribute.converter is not None:
                value = attribute.converter(value)
        except Exception:  # reported by cattrs already
            continue
        try:
            attribute.validator(_NO_INSTANCE, attribute, value)
        except (ValueError, TypeError) as exc:
            faults.append(f"{where}: {exc}")
        except AttributeError:
            continue
    return faults


class _NoInstance:
    """Stands in for the record when a field validator is run on its own."""


_NO_INSTANCE: Final = _NoInstance()


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _type_hints(record_type: type[Any]) -> dict[str, Any]:
    if record_type not in _HINTS:
        _HINTS[record_type] = typing.get_type_hints(record_type)
    return _HINTS[record_type]


def structure_records(raw: Any, record_type: type[_R], file: str) -> tuple[_R, ...]:
    """Turn the parsed JSON of one file into records, or raise `DataError` with every fault."""
    if not isinstance(raw, list):
        raise DataError(file, [f"{file}: the top level must be an array of records, not {_json_type(raw)}"])
    problems: list[str] = []
    records: list[_R] = []
    for index, item in enumerate(raw):
        where = f"{file}[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: a record must be an object, not {_json_type(item)}")
            continue
        try:
            records.append(CONVERTER.structure(item, record_type))
        except (ClassValidationError, IterableValidationError) as exc:
            # cattrs reports every field that did not structure; the validators of the fields
            # that did are run one by one, so that each of their faults is reported too.
            found = _messages(exc, where)
            problems.extend(
                found + [m for m in _validator_faults(item, record_type, where) if m not in found]
            )
        except (ValueError, TypeError) as exc:
            # An attrs validator raised from __init__, after every field had structured; attrs
            # stops at the first, so each field's validator is run again on its own.
            first = f"{where}: {exc}"
            found = _validator_faults(item, record_type, where)
            problems.extend(found if first in found else [first, *found])
    if problems:
        raise DataError(file, problems)
    return tuple(records)


def unstructure_record(record: attrs.AttrsInstance) -> dict[str, Any]:
    """The JSON-ready form of one record (defaults left out, keys in declaration order)."""
    raw: dict[str, Any] = CONVERTER.unstructure(record)
    # cattrs puts the fields without defaults first; canonical order is declaration order.
    return {a.name: raw[a.name] for a in attrs.fields(type(record)) if a.name in raw}


def dumps_records(records: Sequence[attrs.AttrsInstance]) -> str:
    """The canonical text of a data file: 2-space indent, UTF-8 kept, newline at the end."""
    return json.dumps([unstructure_record(r) for r in records], ensure_ascii=False, indent=2) + "\n"
