"""Reading one data file safely: size limit, encoding, and strict JSON.

Used by the loader for the shipped data and users' folders alike. Nothing here evaluates code:
JSON is parsed with the standard library, with hooks that refuse what JSON should not hold in
a data file (NaN and infinities, numbers too large to be data, repeated keys in an object).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any, Final

__all__ = ["MAX_FILE_BYTES", "decode_json", "digest", "write_atomically"]

#: A data file larger than this is refused before it is parsed (the shipped files are far
#: smaller; the limit keeps a stray multi-gigabyte file from exhausting memory).
MAX_FILE_BYTES: Final = 32 * 1024 * 1024

#: Integers with more digits than this are refused: no field of the data needs more, and
#: Python's own limit for converting long digit strings (4300) would otherwise raise mid-parse.
_MAX_INT_DIGITS: Final = 30


class _RefusedError(ValueError):
    """A value the strict JSON hooks refuse."""


def _parse_constant(name: str) -> float:
    raise _RefusedError(f"{name} is not a number JSON data may hold")


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise _RefusedError(f"number too large to be data ({len(text)} digits)")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _RefusedError(f"{text[:20]} is not a number JSON data may hold (out of range)")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RefusedError(f"duplicate key {key!r} in an object")
        result[key] = value
    return result


def decode_json(name: str, data: bytes, limit: int = MAX_FILE_BYTES) -> tuple[Any, list[str]]:
    """Parse the bytes of one file; return its JSON value and no problem, or None and the problems."""
    if len(data) > limit:
        return None, [f"{name}: {len(data):,} bytes is larger than the {limit:,}-byte limit for a data file"]
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [f"{name}: starts with a byte-order mark; save it as UTF-8 without one"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [f"{name}: is not UTF-8 (byte {exc.start}: {exc.reason})"]
    if not text.strip():
        return None, [f"{name}: is empty; a file with no records holds []"]
    try:
        value = json.loads(
            text,
            parse_constant=_parse_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
            object_pairs_hook=_no_duplicates,
        )
    except json.JSONDecodeError as exc:
        return None, [f"{name}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"]
    except _RefusedError as exc:
        return None, [f"{name}: {exc}"]
    except RecursionError:
        return None, [f"{name}: JSON nested too deeply to be data"]
    return value, []


def digest(named_contents: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 over data files, as ``(name, bytes)`` pairs taken in name order.

    `sinosoviet.DATA_VERSION` ends with the first twelve hex digits of this digest of the
    shipped files; a test recomputes it so that no data change ships without a new version.
    """
    import hashlib  # only here: a query never needs it

    hasher = hashlib.sha256()
    for name, content in sorted(named_contents):
        hasher.update(name.encode("utf-8") + b"\0" + content + b"\0")
    return hasher.hexdigest()


def write_atomically(
    folder: str | PathLike[str], contents: Mapping[str, bytes], *, stale: Iterable[str] = ()
) -> None:
    """Write files into a folder all or nothing, then remove the named stale files.

    Each file is first written in full to a temporary file beside its target; only when all are
    written are they moved into place (``os.replace``, atomic per file), so that a failure while
    writing leaves the folder as it was. The folder is created if needed.

    Raises:
        OSError: the folder or a file cannot be written.
    """
    import contextlib
    import os
    import tempfile
    from pathlib import Path

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    staged: dict[str, str] = {}
    try:
        for name, data in contents.items():
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target)
            staged[name] = temp
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
    except BaseException:
        for temp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
    for name, temp in staged.items():
        os.replace(temp, target / name)
    for name in stale:
        with contextlib.suppress(FileNotFoundError):
            (target / name).unlink()
