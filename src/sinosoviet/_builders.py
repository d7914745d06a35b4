"""A fast way from parsed JSON to records that does not import cattrs.

Importing cattrs costs about as much as importing attrs, which would break the cold-start
budget of ``import sinosoviet; sinosoviet.status_on(...)``. So `load` first tries these
builders, made from the records' own attrs fields and type hints; the records' constructors,
converters and validators run as usual.

The builders are deliberately narrower than the cattrs converter in `sinosoviet._convert`:
they accept exactly JSON arrays, objects, strings, numbers and booleans of the right types, and
give up (`Decline`) on anything else — an unknown key, a wrong type, a failed validator, a
field type they do not know. On giving up, the caller runs the cattrs converter on the same
file, which either structures it or raises `DataError` with every fault and its JSON path. So
the fast path never decides what is an error; tests check that, whenever it answers, its answer
equals the converter's.
"""

from __future__ import annotations

import builtins
import enum
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

from sinosoviet.dates import (
    Interval,
    PartialDate,
    When,
    _trusted_date,
    _trusted_interval,
    _trusted_when,
    parse_when,
)

__all__ = ["Decline", "structure_fast", "structure_trusted"]

_R = TypeVar("_R")
_Structure = Callable[[Any], Any]


class Decline(Exception):  # noqa: N818 - a signal to use the other path, not an error
    """The fast path does not handle this input; use the cattrs converter."""


def _exactly(kind: type[Any]) -> _Structure:
    def structure(value: Any) -> Any:
        # type() rather than isinstance(): JSON true/false are ints to isinstance.
        if type(value) is not kind:
            raise Decline
        return value

    return structure


def _enum(enum_type: type[enum.Enum]) -> _Structure:
    # A dict lookup is several times faster than calling the enum class.
    members = {member.value: member for member in enum_type}

    def structure(value: Any) -> Any:
        if type(value) is not str:
            raise Decline
        try:
            return members[value]
        except KeyError:
            raise Decline from None

    return structure


def _partial_date(value: Any) -> PartialDate:
    if type(value) is not str:
        raise Decline
    when = parse_when(value)
    if not isinstance(when, PartialDate):
        raise Decline
    return when


def _interval(value: Any) -> Interval:
    if type(value) is not str:
        raise Decline
    return Interval.parse(value)


def _when(value: Any) -> When:
    if type(value) is not str:
        raise Decline
    return parse_when(value)


def _optional(inner: _Structure) -> _Structure:
    def structure(value: Any) -> Any:
        return None if value is None else inner(value)

    return structure


def _homogeneous(inner: _Structure) -> _Structure:
    def structure(value: Any) -> Any:
        if type(value) is not list:
            raise Decline
        return tuple(map(inner, value))

    return structure


def _fixed(inners: tuple[_Structure, ...]) -> _Structure:
    def structure(value: Any) -> Any:
        if type(value) is not list or len(value) != len(inners):
            raise Decline
        return tuple(inner(item) for inner, item in zip(inners, value, strict=True))

    return structure


def _trusting(parse: Callable[[str], Any]) -> _Structure:
    def structure(value: Any) -> Any:
        if type(value) is not str:
            raise Decline
        try:
            return parse(value)
        except (ValueError, KeyError):
            raise Decline from None

    return structure


#: Dates of a validated file, read without the validators (see `sinosoviet.dates._trusted_when`).
_TRUSTED_DATES: Final[dict[Any, _Structure]] = {
    PartialDate: _trusting(_trusted_date),
    Interval: _trusting(_trusted_interval),
    When: _trusting(_trusted_when),
}

_SCALARS: Final[dict[Any, _Structure]] = {
    str: _exactly(str),
    int: _exactly(int),
    bool: _exactly(bool),
    PartialDate: _partial_date,
    Interval: _interval,
}


def _structurer(hint: Any, cache: dict[Any, _Structure], trusted: bool = False) -> _Structure:
    """The structure function of one type hint; `Decline` for a type not handled here."""
    if trusted and hint in _TRUSTED_DATES:
        return _TRUSTED_DATES[hint]
    if hint in _SCALARS:
        return _SCALARS[hint]
    if hint == When:
        return _when
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return (_trusted_builder if trusted else _builder)(hint, cache)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise Decline(f"no fast structuring for {hint!r}")
        return _optional(_structurer(rest[0], cache, trusted))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _homogeneous(_structurer(args[0], cache, trusted))
    if origin is tuple and Ellipsis not in args:
        return _fixed(tuple(_structurer(a, cache, trusted) for a in args))
    raise Decline(f"no fast structuring for {hint!r}")


def _builder(record_type: type[Any], cache: dict[Any, _Structure]) -> _Structure:
    """The structure function of an attrs class: an object with its fields, no other keys."""
    if record_type in cache:
        return cache[record_type]
    hints = _field_types(record_type)
    fields = [a for a in attrs.fields(record_type) if a.init]
    if any(a.name != a.alias for a in fields):
        raise Decline(f"{record_type.__name__} has a private field")
    plan = {a.name: _structurer(hints[a.name], cache) for a in fields}
    required = frozenset(a.name for a in fields if a.default is attrs.NOTHING)

    def build(value: Any) -> Any:
        if type(value) is not dict:
            raise Decline
        keys = value.keys()
        if not keys <= plan.keys() or not required <= keys:
            raise Decline
        return record_type(**{name: plan[name](item) for name, item in value.items()})

    cache[record_type] = build
    return build


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _trusted_builder(record_type: type[Any], cache: dict[Any, _Structure]) -> _Structure:
    """Like `_builder`, but the record is made without its converters and validators.

    Only for data already validated (the shipped files, which CI validates in full): the fields
    are set on a new instance one by one, as attrs' own ``__init__`` sets them, and the type of
    every JSON value is still checked. A test proves that, for every shipped file, the records
    made this way equal those the validating path makes; attrs' process-wide switch for
    validators is never touched, so records other threads make meanwhile are checked as usual.
    """
    if record_type in cache:
        return cache[record_type]
    hints = _field_types(record_type)
    every = attrs.fields(record_type)
    fields = [a for a in every if a.init]
    if len(fields) != len(every) or any(a.name != a.alias for a in fields):
        raise Decline(f"{record_type.__name__} has a private or derived field")
    if hasattr(record_type, "__attrs_post_init__") or hasattr(record_type, "__attrs_pre_init__"):
        raise Decline(f"{record_type.__name__} has an init hook")
    plan = {a.name: _structurer(hints[a.name], cache, trusted=True) for a in fields}
    required = frozenset(a.name for a in fields if a.default is attrs.NOTHING)
    defaults: list[tuple[str, Callable[[], Any]]] = []
    for a in fields:
        if a.default is attrs.NOTHING:
            continue
        if isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            if a.default.takes_self:
                raise Decline(f"{record_type.__name__}.{a.name} has a default that needs the record")
            defaults.append((a.name, a.default.factory))
        else:
            defaults.append((a.name, _constant(a.default)))
    new = object.__new__
    put = object.__setattr__

    def build(value: Any) -> Any:
        if type(value) is not dict:
            raise Decline
        keys = value.keys()
        if not keys <= plan.keys() or not required <= keys:
            raise Decline
        record = new(record_type)
        for name, item in value.items():
            put(record, name, plan[name](item))
        for name, make in defaults:
            if name not in value:
                put(record, name, make())
        return record

    cache[record_type] = build
    return build


_BUILDERS: Final[dict[Any, _Structure]] = {}
_TRUSTED: Final[dict[Any, _Structure]] = {}
_RESOLVED: Final[dict[tuple[str, str], Any]] = {}


def _field_types(record_type: type[Any]) -> dict[str, Any]:
    """The type of each attrs field: `typing.get_type_hints` of the fields, made cheaper.

    Each annotation text is evaluated once per module (``str``, ``tuple[Citation, ...]`` recur
    across classes), a bare name is looked up without compiling anything, and anything unusual
    is left to `typing.get_type_hints`; a test proves both agree for every record class.
    """
    module = sys.modules.get(record_type.__module__)
    fields = attrs.fields(record_type)
    if module is None or any(not isinstance(a.type, str) for a in fields):
        return typing.get_type_hints(record_type)
    namespace = vars(module)
    found: dict[str, Any] = {}
    for a in fields:
        text = a.type
        assert isinstance(text, str)
        key = (module.__name__, text)
        if key not in _RESOLVED:
            if text.isidentifier() and (text in namespace or hasattr(builtins, text)):
                _RESOLVED[key] = namespace[text] if text in namespace else getattr(builtins, text)
            else:
                try:
                    _RESOLVED[key] = eval(text, namespace)
                except Exception:
                    return typing.get_type_hints(record_type)
        found[a.name] = _RESOLVED[key]
    return found


def structure_fast(raw: Any, record_type: type[_R]) -> tuple[_R, ...]:
    """Records from the parsed JSON of one file.

    Raises:
        Decline: for anything but a well-formed file; the cattrs path then decides.
    """
    if type(raw) is not list:
        raise Decline
    build = _BUILDERS.get(record_type)
    if build is None:
        build = _builder(record_type, _BUILDERS)
    try:
        return tuple(map(build, raw))
    except Decline:
        raise
    except Exception as exc:  # any failure at all (a validator, say): let cattrs report it
        raise Decline from exc


def structure_trusted(raw: Any, record_type: type[_R]) -> tuple[_R, ...]:
    """Records from the parsed JSON of one validated file, made without running validators.

    Raises:
        Decline: for anything but a well-formed file of the expected types; the validating
            path then decides.
    """
    if type(raw) is not list:
        raise Decline
    build = _TRUSTED.get(record_type)
    if build is None:
        build = _trusted_builder(record_type, _TRUSTED)
    try:
        return tuple(map(build, raw))
    except Decline:
        raise
    except Exception as exc:
        raise Decline from exc
