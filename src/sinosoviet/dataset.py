"""`Dataset`, the immutable bundle of every record, and `load()` to read one.

A dataset is a folder of JSON files, one per record type: ``sources.json``, ``actors.json``,
``events.json``, ``relations.json``, ``treaties.json`` and ``tenures.json``. A long file may be
split into several that share its stem before a hyphen (``events-1917-1949.json``,
``events-1949-1991.json``). Each file holds a JSON array of records. Other ``.json`` files are
refused, so that a typo in a file name never silently drops data; files of other types (a
README, say) are ignored.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from os import PathLike
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Protocol

from attrs import field, frozen

from sinosoviet import records as _records
from sinosoviet.errors import DataError
from sinosoviet.records import FILE_TYPES, Relation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sinosoviet.checks import Report
    from sinosoviet.query import Query
    from sinosoviet.records import Actor, Event, Source, Tenure, Treaty

__all__ = ["MAX_FILE_BYTES", "Dataset", "load"]

#: A data file larger than this is refused before it is parsed (see sinosoviet._files).
MAX_FILE_BYTES: Final = 32 * 1024 * 1024

_FILE_STEMS: Final = tuple(FILE_TYPES)


def _timed_key(record: Event | Treaty | Tenure) -> tuple[Any, ...]:
    return (*record.when.sort_key, record.id)


# The converters are named functions, which the mypy attrs plugin understands.
def _sort_sources(records: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(sorted(records, key=lambda r: r.id))


def _sort_actors(records: Iterable[Actor]) -> tuple[Actor, ...]:
    return tuple(sorted(records, key=lambda r: r.id))


def _sort_events(records: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(records, key=_timed_key))


def _sort_relations(records: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(sorted(records, key=lambda r: (r.parties, *r.when.sort_key, r.id)))


def _sort_treaties(records: Iterable[Treaty]) -> tuple[Treaty, ...]:
    return tuple(sorted(records, key=_timed_key))


def _sort_tenures(records: Iterable[Tenure]) -> tuple[Tenure, ...]:
    return tuple(sorted(records, key=lambda t: (t.organization, t.office, *t.when.sort_key, t.id)))


@frozen(kw_only=True)
class Dataset:
    """Every record of a dataset, in canonical order, with lookups by id.

    Canonical order: sources and actors by id; events and treaties by time (earliest, latest,
    text) then id; relations by parties, then time; tenures by organisation, office, then time.
    The constructor sorts what it is given, so two datasets with the same records are equal.
    """

    sources: tuple[_records.Source, ...] = field(default=(), converter=_sort_sources)
    actors: tuple[_records.Actor, ...] = field(default=(), converter=_sort_actors)
    events: tuple[_records.Event, ...] = field(default=(), converter=_sort_events)
    relations: tuple[_records.Relation, ...] = field(default=(), converter=_sort_relations)
    treaties: tuple[_records.Treaty, ...] = field(default=(), converter=_sort_treaties)
    tenures: tuple[_records.Tenure, ...] = field(default=(), converter=_sort_tenures)
    # Lazily built lookups; private, never part of equality or the public surface.
    _cache: dict[str, Any] = field(factory=dict, init=False, eq=False, repr=False, hash=False)
    _lock: threading.Lock = field(factory=threading.Lock, init=False, eq=False, repr=False, hash=False)
    # The shipped dataset's files not read yet, by record type (see `_lazy`); None otherwise.
    _unread: dict[str, list[_Entry]] | None = field(
        default=None, init=False, eq=False, repr=False, hash=False
    )

    @classmethod
    def _lazy(cls, files: dict[str, list[_Entry]], label: str) -> Dataset:
        """A dataset whose record tuples are read from ``files`` on first use of each.

        Only for the shipped data: its fields stay empty slots until asked for, when
        `__getattr__` reads that record type's files (trusting them, as CI has validated them).
        """
        dataset = object.__new__(cls)
        object.__setattr__(dataset, "_cache", {"files-label": label})
        object.__setattr__(dataset, "_lock", threading.Lock())
        object.__setattr__(dataset, "_unread", files)
        return dataset

    if not TYPE_CHECKING:  # hidden from type checkers, which would otherwise accept any name

        def __getattr__(self, name: str) -> Any:
            # Python calls this only when normal lookup fails: for a record tuple, when its slot
            # is still empty, that is a shipped file not read yet.
            if name in FILE_TYPES:
                unread = object.__getattribute__(self, "_unread")
                if unread is not None:
                    return _read_unread(self, unread, name)
            raise AttributeError(f"'Dataset' object has no attribute {name!r}")

    def __repr__(self) -> str:
        counts = ", ".join(f"{stem}={len(getattr(self, stem))}" for stem in _FILE_STEMS)
        return f"<Dataset {counts}>"

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        try:
            return self._cache[key]
        except KeyError:
            pass
        with self._lock:
            if key not in self._cache:
                self._cache[key] = build()
            return self._cache[key]

    def _index(self, stem: str) -> Mapping[str, Any]:
        def build() -> Mapping[str, Any]:
            # The first record wins where an id repeats; check() reports the repeat.
            table: dict[str, Any] = {}
            for record in getattr(self, stem):
                table.setdefault(record.id, record)
            return MappingProxyType(table)

        result: Mapping[str, Any] = self._cached(f"by-id:{stem}", build)
        return result

    @property
    def sources_by_id(self) -> Mapping[str, Source]:
        """Sources keyed by id (read-only)."""
        return self._index("sources")

    @property
    def actors_by_id(self) -> Mapping[str, Actor]:
        """Actors keyed by id (read-only)."""
        return self._index("actors")

    @property
    def events_by_id(self) -> Mapping[str, Event]:
        """Events keyed by id (read-only)."""
        return self._index("events")

    @property
    def relations_by_id(self) -> Mapping[str, Relation]:
        """Relation periods keyed by id (read-only)."""
        return self._index("relations")

    @property
    def treaties_by_id(self) -> Mapping[str, Treaty]:
        """Treaties keyed by id (read-only)."""
        return self._index("treaties")

    @property
    def tenures_by_id(self) -> Mapping[str, Tenure]:
        """Tenures keyed by id (read-only)."""
        return self._index("tenures")

    @property
    def query(self) -> Query:
        """The queries over this dataset: ``data.query.events(start="1969")`` and so on.

        The methods of `sinosoviet.query.Query` have the names of the module functions
        (`sinosoviet.events`, `sinosoviet.status_on`, ...), which answer on the shipped data.
        They are one attribute away because ``events``, ``relations`` and ``treaties`` already
        name the record tuples. Indexes are built on first use and kept with the dataset.
        """
        query: Query | None = self._cache.get("query")
        if query is None:  # the import is skipped after the first call: it costs a microsecond
            from sinosoviet.query import Query

            query = self._cached("query", lambda: Query(dataset=self))
        return query

    def check(self) -> Report:
        """Run every consistency check on this dataset; see `sinosoviet.checks`.

        Never raises for a data problem: the `Report` lists each problem with its code,
        severity, record and message, and ``report.ok`` is true when there is no error.
        """
        from sinosoviet.checks import check_dataset

        return check_dataset(self)

    def records(self) -> Iterator[Source | Actor | Event | Relation | Treaty | Tenure]:
        """Every record, file type by file type, each in canonical order."""
        for stem in _FILE_STEMS:
            yield from getattr(self, stem)

    def write(self, path: str | PathLike[str]) -> None:
        """Write the dataset as canonical JSON files, one per record type, into a folder.

        `load` reads the folder back into an equal dataset. The folder is created if needed.
        Writing is all or nothing: every file is encoded and written beside its target first,
        then moved into place; other parts of the dataset already there (``events-1949.json``,
        say) are removed, so that the folder then holds this dataset and nothing more.

        Raises:
            OSError: the folder or a file cannot be written; the folder is left as it was
                (unless the failure comes while files are being moved into place).
        """
        from pathlib import Path

        from sinosoviet._convert import dumps_records
        from sinosoviet._files import write_atomically

        # Everything is encoded before anything is touched, so that a fault leaves no trace.
        contents = {
            f"{stem}.json": dumps_records(getattr(self, stem)).encode("utf-8") for stem in _FILE_STEMS
        }
        folder = Path(path)
        stale = (
            [
                entry.name
                for entry in folder.iterdir()
                if entry.name.endswith(".json")
                and entry.name not in contents
                and _stem(entry.name) in FILE_TYPES
            ]
            if folder.is_dir()
            else []
        )
        write_atomically(folder, contents, stale=stale)


# -- reading ------------------------------------------------------------------------------------


class _Entry(Protocol):
    """What both a `pathlib.Path` and an importlib `Traversable` offer."""

    @property
    def name(self) -> str: ...

    def read_bytes(self) -> bytes: ...


def _decode(entry: _Entry) -> tuple[Any, list[str]]:
    """Read and parse one file; return its JSON value or the problems found."""
    import stat

    from sinosoviet._files import decode_json

    path = getattr(entry, "path", None) or (entry if isinstance(entry, os.PathLike) else None)
    try:
        if path is not None:
            # Looked at before it is opened: a FIFO or a device would block or never end, and a
            # huge file would be read whole before the size limit applied.
            info = os.stat(path)
            if stat.S_ISDIR(info.st_mode):
                return None, [f"{entry.name}: is a folder, not a data file"]
            if not stat.S_ISREG(info.st_mode):
                return None, [f"{entry.name}: is not a regular file (a device, a pipe or a socket)"]
            if info.st_size > MAX_FILE_BYTES:
                return None, [
                    f"{entry.name}: {info.st_size:,} bytes is larger than the {MAX_FILE_BYTES:,}-byte limit"
                    " for a data file"
                ]
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        else:
            data = entry.read_bytes()
    except IsADirectoryError:
        return None, [f"{entry.name}: is a folder, not a data file"]
    except OSError as exc:
        return None, [f"{entry.name}: cannot be read: {exc.strerror or exc}"]
    return decode_json(entry.name, data, MAX_FILE_BYTES)


def _stem(name: str) -> str:
    return name.removesuffix(".json").split("-", 1)[0]


def _structure(raw: Any, stem: str, file: str, *, trusted: bool = False) -> tuple[Any, ...]:
    """Records of one parsed file: the fast builders, or the cattrs converter if they decline.

    ``trusted`` (the shipped data only) makes the records without running their validators;
    if that path declines, the file is built and validated as any other.
    """
    from sinosoviet._builders import Decline, structure_fast, structure_trusted

    if trusted:
        try:
            return structure_trusted(raw, FILE_TYPES[stem])
        except Decline:
            pass
    try:
        return structure_fast(raw, FILE_TYPES[stem])
    except Decline:
        pass
    # The converter either structures what the builders would not, or raises DataError with
    # every fault and its JSON path.
    from sinosoviet._convert import structure_records

    return structure_records(raw, FILE_TYPES[stem], file)


_SORTERS: Final[Mapping[str, Callable[[Iterable[Any]], tuple[Any, ...]]]] = {
    "sources": _sort_sources,
    "actors": _sort_actors,
    "events": _sort_events,
    "relations": _sort_relations,
    "treaties": _sort_treaties,
    "tenures": _sort_tenures,
}


def _name_problem(entry: _Entry) -> str | None:
    """Why a file's name is not that of a data file, or None when it is one."""
    if (
        _stem(entry.name) not in FILE_TYPES
        or not entry.name.endswith(".json")
        or entry.name != entry.name.strip()
    ):
        expected = ", ".join(f"{s}.json" for s in _FILE_STEMS)
        return f"{entry.name}: not a data file of this format (expected {expected}, or STEM-PART.json)"
    return None


def _json_files(entries: Iterable[_Entry]) -> list[_Entry]:
    # A folder named like a data file is kept here, so that reading it reports it. A name that
    # only looks like a data file ("events-more.JSON", "events.json ") is kept too, so that it
    # is refused rather than silently skipped.
    return sorted((e for e in entries if e.name.strip().casefold().endswith(".json")), key=lambda e: e.name)


def _missing(seen: Iterable[str]) -> list[str]:
    return [
        f"{stem}.json: missing (a dataset has one file per record type; an empty one holds [])"
        for stem in _FILE_STEMS
        if stem not in seen
    ]


def _read_file(entry: _Entry, stem: str, *, trusted: bool) -> tuple[tuple[Any, ...], list[str]]:
    """The records of one file, and the problems found reading it."""
    raw, problems = _decode(entry)
    if problems:
        return (), problems
    try:
        return _structure(raw, stem, entry.name, trusted=trusted), []
    except DataError as exc:
        return (), list(exc.problems)


def _fault(label: str, problems: list[str]) -> DataError:
    files_at_fault = {p.split(":", 1)[0].split("[", 1)[0] for p in problems}
    where = f"{label}/{files_at_fault.pop()}" if len(files_at_fault) == 1 else label
    return DataError(where, problems)


def _read_folder(entries: Iterable[_Entry], label: str) -> Dataset:
    problems: list[str] = []
    found: dict[str, list[Any]] = {stem: [] for stem in _FILE_STEMS}
    seen: set[str] = set()
    for entry in _json_files(entries):
        refused = _name_problem(entry)
        if refused is not None:
            problems.append(refused)
            continue
        stem = _stem(entry.name)
        seen.add(stem)
        records, file_problems = _read_file(entry, stem, trusted=False)
        found[stem].extend(records)
        problems.extend(file_problems)
    problems.extend(_missing(seen))
    if problems:
        raise _fault(label, problems)
    return Dataset(**found)


#: Held while a shipped file is read, so that each is read once however many threads ask.
_READING: Final = threading.RLock()


def _read_unread(dataset: Dataset, unread: dict[str, list[_Entry]], stem: str) -> tuple[Any, ...]:
    with _READING:
        try:  # another thread may have read it while this one waited
            done: tuple[Any, ...] = object.__getattribute__(dataset, stem)
            return done
        except AttributeError:
            pass
        records: list[Any] = []
        problems: list[str] = []
        for entry in unread[stem]:
            built, file_problems = _read_file(entry, stem, trusted=True)
            records.extend(built)
            problems.extend(file_problems)
        if problems:
            raise _fault(dataset._cache["files-label"], problems)
        # A shipped file is written in canonical order (a test holds it to that), so the one file
        # of a record type needs no sorting; several parts are merged by the sort.
        value = tuple(records) if len(unread[stem]) == 1 else _SORTERS[stem](records)
        object.__setattr__(dataset, stem, value)
        return value


_SHIPPED: Dataset | None = None
_SHIPPED_LOCK: Final = threading.Lock()


class _DiskEntry:
    """A file on disk, offering what `_Entry` asks for (cheaper than pathlib to import)."""

    __slots__ = ("name", "path")

    def __init__(self, entry: os.DirEntry[str]) -> None:
        self.name = entry.name
        self.path = entry.path

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read()


def _shipped_entries() -> list[_Entry]:
    folder = os.path.join(os.path.dirname(__file__), "data")
    if os.path.isdir(folder):
        # The usual case, an installed or editable package on disk: importlib.resources would
        # cost about 9 ms of imports at start-up for nothing.
        with os.scandir(folder) as entries:
            return [_DiskEntry(e) for e in entries]
    from importlib.resources import files  # a zipped package, say

    return list(files("sinosoviet").joinpath("data").iterdir())


def _load_shipped() -> Dataset:
    """The shipped dataset, each record type read on first use (see `Dataset._lazy`)."""
    label = "sinosoviet/data"
    problems: list[str] = []
    found: dict[str, list[_Entry]] = {stem: [] for stem in _FILE_STEMS}
    for entry in _json_files(_shipped_entries()):
        refused = _name_problem(entry)
        if refused is None:
            found[_stem(entry.name)].append(entry)
        else:
            problems.append(refused)
    problems.extend(_missing(stem for stem, files in found.items() if files))
    if problems:
        raise _fault(label, problems)
    return Dataset._lazy(found, label)


def load(path: str | PathLike[str] | None = None) -> Dataset:
    """Load the shipped dataset, or a user's dataset from a folder.

    Without a path, the shipped data is returned: the same `Dataset` to every caller, from any
    thread. Each of its files is read the first time its record type is used (``data.events``,
    a query that needs it), once, and built without re-running the record validators, which CI
    has run on the same files (a test proves both builds equal). A damaged shipped file raises
    `DataError` on first use of its type.

    With a path, the folder is read every time, whole, and every record is validated.

    Raises:
        FileNotFoundError: ``path`` is empty, does not exist or is not a folder.
        DataError: the folder or a file cannot be read, a file is not a regular file or is over
            the size limit, or a file is malformed; the message lists every fault with its
            file and JSON path.
    """
    global _SHIPPED
    if path is None:
        if _SHIPPED is None:
            with _SHIPPED_LOCK:
                if _SHIPPED is None:
                    _SHIPPED = _load_shipped()
        return _SHIPPED
    if not isinstance(path, str | PathLike):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    if not os.fspath(path):
        # Path("") is the current folder: an empty argument is a mistake, not a request for it.
        raise FileNotFoundError("no dataset folder at '' (an empty path); give the folder's path")
    from pathlib import Path  # only for a user's folder; pathlib costs ~5 ms to import

    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"no dataset folder at {str(folder)!r}")
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise DataError(
            str(folder), [f"{folder}: the folder cannot be read: {exc.strerror or exc}"]
        ) from None
    return _read_folder(entries, str(folder))
