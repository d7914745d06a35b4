"""The ``sinosoviet`` command: the query API from a shell.

Every subcommand prints an aligned table that fits the terminal (``COLUMNS``, or its size;
nothing is cut when standard output is not a terminal), or JSON with ``--json``; the listings
also CSV or TSV with ``--format``. Errors are one line on standard error, never a traceback.
Exit status: 0 success; 1 when the data says no (an unknown actor or record, a malformed
dataset, ``check`` found errors); 2 when the command line is wrong (a bad option, date or
kind) or a file cannot be read or written. docs/cli.md has every subcommand with examples.

This module imports only what a subcommand needs: cattrs only for ``check`` and ``export``,
matplotlib only for ``plot``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, NoReturn

from sinosoviet.errors import DataError, UnknownActorError
from sinosoviet.records import ActorKind, EventKind, Role, TreatyKind

if TYPE_CHECKING:
    from sinosoviet.dataset import Dataset
    from sinosoviet.records import Event, Relation, Source, Tenure, Treaty

__all__ = ["main"]

#: The width of a classic terminal: text is wrapped to it when the terminal's is unknown, and
#: `table` fits it by default.
WIDTH: Final = 80
_GAP: Final = "  "
_ELLIPSIS: Final = "…"

Handler = Callable[[argparse.Namespace], int]


class _UsageError(Exception):
    """The command line is wrong; the message says how."""


class _NotFoundError(LookupError):
    """No record has this id and no actor this name."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error in one line instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


class _Version(argparse.Action):
    """``--version``, looked up only when asked for (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from importlib.metadata import version

        print(f"sinosoviet {version('sinosoviet')}")
        parser.exit()


# -- text layout ------------------------------------------------------------------------------


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    """Columns a text takes in a terminal (Chinese characters take two)."""
    return sum(_char_width(c) for c in text)


def _fit(text: str, width: int) -> str:
    """The text cut to ``width`` columns, with an ellipsis where it was cut."""
    if _width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        if used + _char_width(char) > width - 1:
            break
        kept.append(char)
        used += _char_width(char)
    return "".join(kept).rstrip() + _ELLIPSIS


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def terminal_width() -> int | None:
    """The columns output may take: ``COLUMNS`` when set, else the terminal's width; None when
    standard output is not a terminal (a pipe, a file), where nothing is cut."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), 20)
    try:
        if not sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):  # a closed or replaced stream
        return None
    return max(shutil.get_terminal_size((WIDTH, 24)).columns, 20)


def _wrap_cell(text: str, width: int) -> list[str]:
    """A cell's text wrapped at spaces to ``width`` columns; only a word longer than a line is cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        word = _fit(word, width)
        if line and _width(line) + 1 + _width(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    shrink: Sequence[int] = (),
    wrap: Sequence[int] = (),
    width: int | None = WIDTH,
) -> str:
    """An aligned table no wider than ``width`` columns (None: as wide as its cells).

    Args:
        headers: the column titles.
        rows: the cells, as text.
        shrink: the columns to narrow first, in order, each down to 12 columns; if that is
            not enough, the widest columns are narrowed too. A narrowed cell is cut (with an
            ellipsis), or wrapped onto more lines in a column of ``wrap``.
        wrap: the columns whose cells wrap rather than being cut (titles, names).
        width: the most columns a line may take: `WIDTH` by default; `terminal_width` gives
            the terminal's.
    """
    widths = [max([_width(h), *(_width(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    wrapped = {c % len(headers) for c in wrap} if headers else set()
    if width is None:
        width = sum(widths) + len(_GAP) * (len(widths) - 1)
    excess = sum(widths) + len(_GAP) * (len(widths) - 1) - width
    for column in (c % len(headers) for c in shrink):
        # A wrapped column keeps room for a few words a line; a cut one goes down to 12.
        least = 30 if column in wrapped else 12
        cut = min(max(excess, 0), max(widths[column] - max(_width(headers[column]), least), 0))
        widths[column] -= cut
        excess -= cut
    while excess > 0:
        # The last resort, one column at a time off the widest: the line must fit.
        widest = max(range(len(widths)), key=lambda i: widths[i] - _width(headers[i]))
        if widths[widest] <= _width(headers[widest]):
            break
        widths[widest] -= 1
        excess -= 1

    def line(cells: Sequence[str]) -> str:
        parts = [
            _wrap_cell(cell, w) if i in wrapped else [_fit(cell, w)]
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        height = max(len(part) for part in parts)
        return "\n".join(
            _GAP.join(
                _pad(part[n] if n < len(part) else "", w) for part, w in zip(parts, widths, strict=True)
            ).rstrip()
            for n in range(height)
        )

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(row) for row in rows)])


def _wrap(label: str, text: str, indent: int = 14, hang: int = 0) -> str:
    """A ``label  text`` line, the text wrapped to the terminal width under itself.

    Widths are display columns, so Chinese text wraps in time; a word longer than a line
    (a URL, say) is kept whole on a line of its own. ``hang`` indents the continuation lines
    further (under the text after a ``[1]``, say).
    """
    first = f"  {label:<{indent - 2}}" if indent else label
    limit = terminal_width() or WIDTH
    lines, line = [], first
    room = _width(first)
    fresh = True
    for word in text.split():
        size = _width(word)
        if not fresh and room + 1 + size > limit:
            lines.append(line)
            line, room, fresh = " " * (indent + hang), indent + hang, True
        line += word if fresh else " " + word
        room += size if fresh else 1 + size
        fresh = False
    lines.append(line)
    return "\n".join(lines)


def _plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def _show_ids(headers: list[str], rows: list[list[str]], records: Sequence[Any], position: int) -> None:
    """Put the record ids in place of one column (for ``--ids``: 80 columns hold no more)."""
    headers[position] = "ID"
    for row, record in zip(rows, records, strict=True):
        row[position] = record.id


def _footer(count: int, noun: str, nouns: str, ids: bool) -> str:
    hint = "" if ids else " (--ids shows their ids; 'sinosoviet show ID' shows one in full)"
    return f"\n{_plural(count, noun, nouns)}{hint}."


def _unicode_stdout() -> bool:
    """Whether standard output can encode any text (a UTF encoding)."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def _print_json(data: Any) -> None:
    """Print JSON; escaped to ASCII (``\\u4e2d``) when standard output is not UTF."""
    print(json.dumps(data, ensure_ascii=not _unicode_stdout(), indent=2))


class _Status:
    """The exit status a command has settled on before it prints (kept if the pipe breaks)."""

    pending = 0


def _emit(
    args: argparse.Namespace,
    data: Any,
    text: Callable[[], str],
    records: Sequence[Any] | None = None,
    record_type: type[Any] | None = None,
) -> int:
    """Print JSON (``--json``, ``--format json``), CSV or TSV rows of ``records`` (``--format``),
    or the human text; return exit status 0."""
    chosen = _output_format(args)
    if chosen == "json":
        _print_json(data)
    elif chosen in ("csv", "tsv") and record_type is not None:
        _print_rows(records or (), record_type, "," if chosen == "csv" else "\t")
    else:
        print(text())
    return 0


def _output_format(args: argparse.Namespace) -> str:
    chosen: str | None = getattr(args, "output_format", None)
    if args.json and chosen not in (None, "json"):
        raise _UsageError(f"sinosoviet: error: --json and --format {chosen} ask for two formats; give one")
    return "json" if args.json else chosen or "table"


def _print_rows(records: Sequence[Any], record_type: type[Any], delimiter: str) -> None:
    """The records as CSV or TSV: the flat columns of `sinosoviet.export.flat_table`."""
    import csv

    from sinosoviet.export import flat_table
    from sinosoviet.export._tables import _csv_text

    columns, rows = flat_table(records, record_type)
    writer = csv.writer(sys.stdout, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_text(row[column]) for column in columns])


def _dicts(records: Iterable[Any]) -> list[dict[str, Any]]:
    from sinosoviet.export import record_dict

    return [record_dict(record) for record in records]


# -- data ---------------------------------------------------------------------------------------


def _dataset(args: argparse.Namespace) -> Dataset:
    from sinosoviet.dataset import load

    return load(getattr(args, "data", None))


def _actor_name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.actors_by_id.get(actor_id)
    return actor.name if actor is not None else actor_id


def _pair_text(parties: Sequence[str]) -> str:
    return "–".join(parties)


# -- subcommands ----------------------------------------------------------------------------------


def _run_events(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    start, end = args.start, args.end
    if args.year is not None:
        if start is not None or end is not None:
            raise _UsageError("sinosoviet events: error: --year cannot be combined with --start or --end")
        start = end = args.year
    actors: list[str] = args.actor or []
    options: dict[str, Any] = {
        "start": start,
        "end": end,
        "mode": "within" if args.within else "overlaps",
        "role": args.role,
        "kind": args.kind,
        "tag": args.tag,
        "include_successors": args.successors,
        "include_members": args.members,
        "place": args.place,
        "key": True if getattr(args, "key", False) else None,
    }
    # Several actors: the events every one of them took part in.
    actor = None if not actors else actors[0] if len(actors) == 1 else actors
    found: tuple[Event, ...]
    if getattr(args, "words", None) is not None:  # search: ranked by relevance
        found = dataset.query.search(" ".join(args.words), actor=actor, limit=args.limit, **options)
    else:
        text_words = " ".join(args.text) if args.text else None
        found = dataset.query.events(actor=actor, text=text_words, **options)
    return _emit(args, _dicts(found), lambda: _event_table(args, found), found, _record_type("Event"))


def _event_table(args: argparse.Namespace, found: Sequence[Event]) -> str:
    if not found:
        return "No events match."
    headers, rows = ["WHEN", "KIND", "TITLE"], [[str(e.when), e.kind.value, e.title] for e in found]
    if args.ids:
        _show_ids(headers, rows, found, 1)
    return table(headers, rows, shrink=[-1, 1], wrap=[-1], width=terminal_width()) + _footer(
        len(found), "event", "events", args.ids
    )


def _record_type(name: str) -> type[Any]:
    from sinosoviet import records

    found: type[Any] = getattr(records, name)
    return found


def _run_actors(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    kinds = set(args.kind or ())
    found = [a for a in dataset.actors if not kinds or a.kind.value in kinds]

    def text() -> str:
        if not found:
            return "No actors match."
        rows = [[a.id, a.kind.value, str(a.lifespan), a.name] for a in found]
        return (
            table(["ID", "KIND", "LIFESPAN", "NAME"], rows, shrink=[3, 0], wrap=[3], width=terminal_width())
            + f"\n{_plural(len(found), 'actor')}."
        )

    return _emit(args, _dicts(found), text, found, _record_type("Actor"))


_RECORD_TYPES: Final = (
    ("actor", "actors_by_id"),
    ("event", "events_by_id"),
    ("treaty", "treaties_by_id"),
    ("relation", "relations_by_id"),
    ("tenure", "tenures_by_id"),
    ("source", "sources_by_id"),
)


def _find_record(dataset: Dataset, key: str) -> tuple[str, Any]:
    """The record with this id (any type), else the actor with this name or alias."""
    for label, table_name in _RECORD_TYPES:
        record = getattr(dataset, table_name).get(key)
        if record is not None:
            return label, record
    # A unique prefix of an id will do, such as an id a table cut short ("sino-soviet-treaty-…").
    prefix = key.removesuffix(_ELLIPSIS)
    if prefix != key or len(prefix) >= 8:
        matches = [
            (label, record)
            for label, table_name in _RECORD_TYPES
            for record_id, record in getattr(dataset, table_name).items()
            if record_id.startswith(prefix)
        ]
        if len(matches) == 1:
            return matches[0]
    try:
        return "actor", dataset.query.actor(key)
    except UnknownActorError as exc:
        import difflib

        ids = [i for _, table_name in _RECORD_TYPES for i in getattr(dataset, table_name)]
        # Events whose words hold the key ("zhenbao") come first: a word matched beats a spelling.
        worded: list[str] = []
        with contextlib.suppress(ValueError):
            worded = [e.id for e in dataset.query.search(key.replace("-", " "), limit=3)]
        close = [*worded, *exc.suggestions, *difflib.get_close_matches(key.lower(), ids, n=3)]
        unique = list(dict.fromkeys(close))[:5]
        hint = f"; did you mean {', '.join(map(repr, unique))}?" if unique else ""
        raise _NotFoundError(f"no record has the id {key!r} and no actor is called {key!r}{hint}") from None


def _show_value(dataset: Dataset, name: str, value: Any) -> str:
    """One field of a record as readable text."""
    if isinstance(value, list):
        parts = [_show_item(dataset, name, item) for item in value]
        return "; ".join(parts)
    if name in ("when", "lifespan", "signed", "in_force", "ended"):
        import datetime as dt

        from sinosoviet.dates import parse_when

        when = parse_when(value)
        first = "unknown" if when.earliest == dt.date.min else when.earliest.isoformat()
        last = when.latest.isoformat()
        if when.latest == dt.date.max:
            last = "unknown" if value.endswith("/") else "open"
        # The bounds are shown only where they say more than the EDTF text does.
        exact = value in (first, f"{first}/{last}", f"{first}/..")
        return value if exact else f"{value} (from {first} to {last})"
    if name in ("holder", "organization", "opened_by", "closed_by"):
        return _describe_id(dataset, value)
    return str(value)


def _describe_id(dataset: Dataset, record_id: str) -> str:
    for _, table_name in _RECORD_TYPES:
        record = getattr(dataset, table_name).get(record_id)
        if record is not None:
            title = getattr(record, "name", None) or getattr(record, "title", None)
            return f"{record_id} ({title})" if title and title != record_id else record_id
    return record_id


def _show_item(dataset: Dataset, name: str, item: Any) -> str:
    if not isinstance(item, dict):
        return (
            _describe_id(dataset, item)
            if name in ("parties", "predecessors", "successors", "member_of")
            else str(item)
        )
    if name == "participants":
        return f"{_describe_id(dataset, item['actor'])} as {item['role']}"
    if name == "names":
        return f"{item['text']} [{item['lang']}]"
    if name == "links":
        return f"{item['kind'].replace('_', ' ')} {_describe_id(dataset, item['target'])}"
    if name == "external_ids":
        return f"{item['scheme']} {item['value']}"
    if name == "citations":
        return _citation_text(dataset, item)
    if name == "variants":
        cited = ", ".join(c["source"] for c in item.get("citations", ()))
        note = f"; {item['note']}" if item.get("note") else ""
        return f"{item['field']} = {item['value']} (per {cited}{note})"
    return ", ".join(f"{k}={v}" for k, v in item.items())


def _source_title(source: Source) -> str:
    return f"{source.title} ({source.publisher})" if source.publisher else source.title


def _citation_text(dataset: Dataset, citation: dict[str, Any]) -> str:
    source = dataset.sources_by_id.get(citation["source"])
    title = _source_title(source) if source is not None else citation["source"]
    locator = citation.get("locator")
    return f"{title}, {locator}" if locator else title


def _run_show(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    label, record = _find_record(dataset, args.key)
    from sinosoviet.export import record_dict

    fields = record_dict(record)
    # Every citation, nested ones (of external ids, of variants) included, grouped by source.
    locators: dict[str, list[str]] = {}
    for citation in _all_citations(fields):
        found = locators.setdefault(citation["source"], [])
        if citation.get("locator") and citation["locator"] not in found:
            found.append(citation["locator"])
    sources = [dataset.sources_by_id[s] for s in locators if s in dataset.sources_by_id]
    data = {"type": label, "record": fields, "sources": _dicts(sources)}
    linked = _links(dataset, label, record)
    if linked is not None:
        data["links"] = {name: [r.id for r in records] for name, (_, records) in linked.items()}

    def text() -> str:
        lines = [f"{label} {record.id}"]
        shown = [(name, value) for name, value in fields.items() if name not in ("id", "citations")]
        indent = 4 + max([len("sources"), *(len(name) for name, _ in shown)])
        for name, value in shown:
            lines.append(_wrap(name.replace("_", " "), _show_value(dataset, name, value), indent))
        for number, (source_id, places) in enumerate(locators.items(), start=1):
            source = dataset.sources_by_id.get(source_id)
            title = _source_title(source) if source is not None else source_id
            where = f": {'; '.join(places)}" if places else ""
            mark = f"[{number}] "
            lines.append(_wrap("sources" if number == 1 else "", f"{mark}{title}{where}", indent, len(mark)))
            if source is not None and source.url:
                # Never wrapped: a URL cut in two cannot be followed.
                lines.append(" " * (indent + len(mark)) + source.url)
        for name, (heading, records) in (linked or {}).items():
            if records:
                lines.append(_linked_text(dataset, name, heading, records, record.id, indent))
        return "\n".join(lines)

    return _emit(args, data, text)


#: How many linked records ``show`` lists under one heading before it points elsewhere.
_SHOWN: Final = 20


def _links(dataset: Dataset, label: str, record: Any) -> dict[str, tuple[str, Sequence[Any]]] | None:
    """What links to a record (an event's parts and responses, an actor's events and
    offices), by the name of its field in `EventLinks` or `ActorLinks`, with a heading."""
    if label == "event":
        found = dataset.query.event_links(record.id)
        # What it points to is in its own links field; these point to it.
        headings = {"parts": "parts", "led_from": "led from", "responses": "responses", "dates": "dates"}
        return {name: (heading, getattr(found, name)) for name, heading in headings.items()}
    if label == "actor":
        about = dataset.query.actor_links(record.id)
        headings = {
            "offices": "offices",
            "office_holders": "office holders",
            "treaties": "treaties",
            "relations": "relations",
            "members": "members",
            "events": "events",
        }
        return {name: (heading, getattr(about, name)) for name, heading in headings.items()}
    return None


def _linked_text(
    dataset: Dataset, name: str, heading: str, records: Sequence[Any], key: str, indent: int
) -> str:
    lines = []
    # An id too long for a line is cut: show takes a unique beginning of an id.
    room = (terminal_width() or WIDTH) - indent - 4
    for number, item in enumerate(records[:_SHOWN]):
        if name in ("offices", "office_holders"):
            who = item.organization if name == "offices" else item.holder
            line = f"{item.when}  {item.office}, {_describe_id(dataset, who)}"
        elif name == "relations":
            line = f"{item.when}  {item.status.value} with {'–'.join(item.parties)} ({_fit(item.id, room)})"
        elif name == "members":
            line = f"{_fit(item.id, room)} ({item.name})"
        elif name == "treaties":
            line = f"{item.signed or 'unknown'}  {item.name} ({_fit(item.id, room)})"
        else:
            line = f"{item.when}  {item.title} ({_fit(item.id, room)})"
        lines.append(_wrap(heading if number == 0 else "", line, indent, 2))
    more = len(records) - _SHOWN
    if more > 0:
        hint = f"sinosoviet events --actor {key}" if name == "events" else "--json lists them all"
        lines.append(_wrap("", f"... and {more} more ({hint})", indent))
    return "\n".join(lines)


def _all_citations(value: Any) -> Iterable[dict[str, Any]]:
    """Every citation in a record's JSON form, nested ones included, in order."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "citations":
                yield from item
            else:
                yield from _all_citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_citations(item)


def _parties(dataset: Dataset, names: Sequence[str] | None) -> tuple[str, str] | None:
    if not names:
        return None
    first, second = (dataset.query.actor(name).id for name in names)
    return (first, second) if first <= second else (second, first)


def _run_status(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    parties = _parties(dataset, args.parties)
    if args.date is not None:
        return _status_on_day(args, dataset, args.date, parties)
    periods = _timeline(dataset, parties)

    def text() -> str:
        if not periods:
            return "No relation periods in the data."
        headers = ["FROM", "TO", "PARTIES", "STATUS"]
        rows = [
            [_end(r.when.start), _end(r.when.end), _pair_text(r.parties), r.status.value] for r in periods
        ]
        if args.ids:
            _show_ids(headers, rows, periods, 2)
        return table(headers, rows, shrink=[-1], width=terminal_width()) + _footer(
            len(periods), "period", "periods", args.ids
        )

    return _emit(args, _dicts(periods), text, periods, _record_type("Relation"))


def _end(end: object) -> str:
    from sinosoviet.dates import IntervalEnd

    if end is IntervalEnd.OPEN:
        return "open"
    return "unknown" if end is IntervalEnd.UNKNOWN else str(end)


def _timeline(dataset: Dataset, parties: tuple[str, str] | None) -> tuple[Relation, ...]:
    """The relation periods of one pair, or of the principal chain, in order."""
    if parties is not None:
        return dataset.query.relations(parties=parties)
    from sinosoviet.export import principal_periods

    return tuple(dict.fromkeys(relation for relation, _, _ in principal_periods(dataset)))


def _status_on_day(
    args: argparse.Namespace, dataset: Dataset, when: str, parties: tuple[str, str] | None
) -> int:
    try:
        relation = dataset.query.status_on(when, parties)
    except ValueError:
        from sinosoviet.dates import PartialDate, Precision

        if PartialDate.parse(when).precision is Precision.DAY:
            raise
        # A coarse date that spans a change of status: say what to type instead.
        raise _UsageError(
            f"sinosoviet status: error: {when} spans more than one relation period;"
            " give a day, or run 'sinosoviet status' for the whole timeline"
        ) from None

    def text() -> str:
        scope = f"between {_pair_text(parties)}" if parties else "on the principal chain"
        if relation is None:
            return _wrap("", f"{when}: no relation period {scope} covers this day.", 0)
        names = " and ".join(_actor_name(dataset, p) for p in relation.parties)
        lines = [
            f"{when}: {relation.status.value.replace('_', ' ')}",
            _wrap("between", names),
            _wrap("period", f"{relation.when} ({relation.id})"),
        ]
        if relation.opened_by:
            lines.append(_wrap("opened by", _describe_id(dataset, relation.opened_by)))
        if relation.closed_by:
            lines.append(_wrap("closed by", _describe_id(dataset, relation.closed_by)))
        if relation.summary:
            lines.append(_wrap("summary", relation.summary))
        return "\n".join(lines)

    found = () if relation is None else (relation,)
    return _emit(
        args, None if relation is None else _dicts([relation])[0], text, found, _record_type("Relation")
    )


def _ended(treaty: Treaty) -> str:
    if treaty.ended is not None:
        return str(treaty.ended)
    return "unknown" if treaty.end_unknown else "in force"


def _run_treaties(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    found: tuple[Treaty, ...] = dataset.query.treaties(
        in_force_on=args.in_force_on, party=args.party, kind=args.kind, certain=args.certain
    )

    def text() -> str:
        if not found:
            return "No treaties match."
        headers = ["SIGNED", "ENDED", "KIND", "NAME"]
        rows = [[str(t.signed or "unknown"), _ended(t), t.kind.value, t.name] for t in found]
        if args.ids:
            _show_ids(headers, rows, found, 2)
        return table(headers, rows, shrink=[-1, 2], wrap=[-1], width=terminal_width()) + _footer(
            len(found), "treaty", "treaties", args.ids
        )

    return _emit(args, _dicts(found), text, found, _record_type("Treaty"))


def _run_leaders(args: argparse.Namespace) -> int:
    dataset = _dataset(args)
    found: tuple[Tenure, ...] = dataset.query.office_holders(args.date, actor=args.actor, office=args.office)

    def text() -> str:
        if not found:
            return f"No office holders on {args.date} in the data."
        rows = [[_actor_name(dataset, t.holder), t.office, t.organization, str(t.when)] for t in found]
        headers = ["HOLDER", "OFFICE", "ORGANIZATION", "TENURE"]
        return table(headers, rows, shrink=[1, 2, 0], wrap=[1, 0], width=terminal_width())

    return _emit(args, _dicts(found), text, found, _record_type("Tenure"))


def _run_check(args: argparse.Namespace) -> int:
    import textwrap

    from sinosoviet import checks

    try:
        report = checks.check(args.path)
    except DataError as exc:
        # A folder that does not load is a check result too: every fault, one per line.
        _Status.pending = 1
        if args.json:
            # The shape of Report.to_dict(), so that a reader handles both alike.
            problems = [_load_problem(text) for text in exc.problems]
            data = {"ok": False, "errors": len(problems), "warnings": 0, "problems": problems}
            _print_json(data)
        else:
            heading = f"{exc.file}: does not load ({_plural(len(exc.problems), 'problem')})"
            print("\n".join(textwrap.wrap(heading, WIDTH, subsequent_indent="  ", break_on_hyphens=False)))
            for problem in exc.problems:
                print(
                    "\n".join(
                        textwrap.wrap(problem, WIDTH, initial_indent="  error  ", subsequent_indent=" " * 9)
                    )
                )
        return 1
    _Status.pending = 0 if report.ok else 1
    if args.json:
        _print_json(report.to_dict())
    else:
        print(checks.format_report(report, width=WIDTH))
    return _Status.pending


def _load_problem(text: str) -> dict[str, str]:
    where, _, message = text.partition(": ")
    return {"code": "load", "severity": "error", "record_type": "file", "record": where, "message": message}


def _run_export(args: argparse.Namespace) -> int:
    from sinosoviet import export

    dataset = _dataset(args)
    # One folder each; parquet and graph raise an ImportError naming their extra when missing.
    others: dict[str, Callable[[Any, str], Any]] = {
        "timeline": export.write_timeline,
        "jsonld": export.write_jsonld,
        "datapackage": export.write_datapackage,
        "parquet": export.write_parquet,
        "graph": export.write_graph,
    }
    if args.format in others:
        written = others[args.format](dataset, args.out)
        paths = written if isinstance(written, list) else [written]
    elif args.format == "json":
        paths = export.write_json(dataset, args.out)
    elif args.format == "csv":
        paths = export.write_csv(dataset, args.out, excel=args.excel)
    else:
        paths = [
            export.write_dyad_years(
                dataset,
                args.out,
                first_year=args.first_year,
                last_year=args.last_year,
                directed=args.directed,
            )
        ]
    names = [str(p) for p in paths]
    data = {"format": args.format, "files": names}
    return _emit(args, data, lambda: "\n".join(f"wrote {name}" for name in names))


def _pixels(text: str | None) -> tuple[int, int] | None:
    """``WIDTHxHEIGHT`` in pixels (``1920x1080``), or None when not given."""
    if text is None:
        return None
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not sep or not width.strip().isdigit() or not height.strip().isdigit():
        raise _UsageError(
            f"sinosoviet plot: error: --size must be WIDTHxHEIGHT in pixels, such as 1920x1080, not {text!r}"
        )
    size = int(width), int(height)
    if not all(200 <= side <= 10_000 for side in size):
        raise _UsageError(
            f"sinosoviet plot: error: --size sides must be from 200 to 10000 pixels, not {text!r}"
        )
    return size


def _run_plot(args: argparse.Namespace) -> int:
    extension = os.path.splitext(args.out)[1].lower()
    if extension not in (".png", ".svg", ".pdf"):
        raise _UsageError(f"sinosoviet plot: error: --out must end in .png, .svg or .pdf, not {args.out!r}")
    size = _pixels(args.size)
    if args.font_size is not None and not 4 <= args.font_size <= 40:
        raise _UsageError(
            f"sinosoviet plot: error: --font-size must be from 4 to 40 points, not {args.font_size:g}"
        )
    dataset = _dataset(args)
    from sinosoviet.plot import DPI, FONT_SIZE, SIZE, plot_timeline

    figure = plot_timeline(
        dataset,
        start=args.start,
        end=args.end,
        kinds=args.kind,
        path=args.out,
        series=args.series,
        title=args.title,
        size=SIZE if size is None else (size[0] / DPI, size[1] / DPI),
        font_size=FONT_SIZE if args.font_size is None else args.font_size,
    )
    width, height = (round(x) for x in figure.get_size_inches() * figure.dpi)
    data = {"out": args.out, "width": width, "height": height}
    return _emit(args, data, lambda: f"wrote {args.out} ({width}×{height} px)")


# -- the parser ---------------------------------------------------------------------------------


def _choices(enum_type: Iterable[Any]) -> list[str]:
    return [member.value for member in enum_type]


def _common(data: bool = True) -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of a table")
    if data:
        common.add_argument(
            "--data", metavar="DIR", help="a dataset folder to read instead of the shipped data"
        )
    return common


def _add(
    commands: Any, name: str, handler: Handler, summary: str, example: str, *, data: bool = True
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        parents=[_common(data)],
        help=summary,
        description=summary,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def _kinds_help(values: Sequence[str]) -> str:
    return ", ".join(values)


def _enum_value(text: str) -> str:
    """An enum option as typed, in any case ("Military", "armed-conflict")."""
    return "_".join(text.strip().lower().replace("-", " ").split())


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        dest="output_format",
        type=str.lower,
        choices=["table", "csv", "tsv", "json"],
        help="table (default), csv or tsv (a row per record, the columns of 'export --format csv'), json",
    )


def _add_event_filters(parser: argparse.ArgumentParser) -> None:
    """The filters of ``search``, those of ``events`` (their help says the same)."""
    parser.add_argument("--start", metavar="DATE", help="first day of the window")
    parser.add_argument("--end", metavar="DATE", help="last day of the window")
    parser.add_argument("--year", metavar="YEAR", help="the whole of one year")
    parser.add_argument("--within", action="store_true", help="only events certainly inside the window")
    parser.add_argument(
        "--actor", action="append", metavar="NAME", help="an actor who took part (repeat: all of them)"
    )
    parser.add_argument("--role", action="append", type=_enum_value, choices=_choices(Role), metavar="ROLE")
    parser.add_argument(
        "--kind", action="append", type=_enum_value, choices=_choices(EventKind), metavar="KIND"
    )
    parser.add_argument("--tag", action="append", metavar="TAG", help="a tag (repeatable: any of them)")
    parser.add_argument("--place", metavar="PLACE", help="a place the event happened at (Harbin)")
    parser.add_argument("--key", action="store_true", help="only key events")
    parser.add_argument(
        "--successors", action="store_true", help="also the actor's predecessors and successors"
    )
    parser.add_argument("--members", action="store_true", help="also actors that are members of the actor")
    parser.add_argument("--ids", action="store_true", help="show the event ids in place of the kinds")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``sinosoviet`` command."""
    parser = _Parser(
        prog="sinosoviet",
        description="A sourced chronology of relations between China and Soviet power, 1917–1991.",
        epilog=(
            "examples:\n"
            "  sinosoviet events --actor prc --actor ussr --year 1969\n"
            "  sinosoviet status 1955-06-01\n"
            "  sinosoviet show zhenbao-island-incident\n\n"
            "'sinosoviet COMMAND --help' describes one command."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    events = _add(
        commands,
        "events",
        _run_events,
        "Events by period, actor, role, kind and tag, in time order.",
        "sinosoviet events --actor prc --actor ussr --year 1969",
    )
    events.add_argument("--start", metavar="DATE", help="first day of the window (1969, 1969-03, 1969-03-02)")
    events.add_argument(
        "--end", metavar="DATE", help="last day of the window (a coarse date means its last day)"
    )
    events.add_argument(
        "--year", metavar="YEAR", help="the whole of one year (same as --start YEAR --end YEAR)"
    )
    events.add_argument(
        "--within",
        action="store_true",
        help="only events certainly inside the window (default: could overlap it)",
    )
    events.add_argument(
        "--actor",
        action="append",
        metavar="NAME",
        help="an id, name or alias; repeat it for events in which all of them took part",
    )
    roles = _choices(Role)
    events.add_argument(
        "--role",
        action="append",
        type=_enum_value,
        choices=roles,
        metavar="ROLE",
        help=f"the actor's role: {_kinds_help(roles)}",
    )
    event_kinds = _choices(EventKind)
    events.add_argument(
        "--kind",
        action="append",
        type=_enum_value,
        choices=event_kinds,
        metavar="KIND",
        help=f"one of {_kinds_help(event_kinds)}",
    )
    events.add_argument("--tag", action="append", metavar="TAG", help="a tag (repeatable: any of them)")
    events.add_argument(
        "--successors", action="store_true", help="also the actor's predecessors and successors (ROC for PRC)"
    )
    events.add_argument("--members", action="store_true", help="also actors that are members of the actor")
    events.add_argument(
        "--key", action="store_true", help="only key events (named by two or more general surveys)"
    )
    events.add_argument("--ids", action="store_true", help="show the event ids in place of the kinds")
    events.add_argument("--place", metavar="PLACE", help="a place the event happened at (Harbin)")
    events.add_argument(
        "--text", nargs="+", metavar="WORD", help="words that must all occur (as 'search' finds them)"
    )
    _add_format(events)

    search = _add(
        commands,
        "search",
        _run_events,
        "Events by the words of their titles, summaries, places, tags and participants' names, best first.",
        "sinosoviet search Chinese Eastern Railway --start 1929 --end 1929",
    )
    search.add_argument("words", nargs="+", metavar="WORD", help="the words to look for (all must match)")
    search.add_argument("--limit", type=int, metavar="N", help="at most N events, the best")
    _add_event_filters(search)
    _add_format(search)

    actors = _add(
        commands,
        "actors",
        _run_actors,
        "The actors: states, parties, people, ...",
        "sinosoviet actors --kind person",
    )
    actor_kinds = _choices(ActorKind)
    actors.add_argument(
        "--kind",
        action="append",
        type=_enum_value,
        choices=actor_kinds,
        metavar="KIND",
        help=f"one of {_kinds_help(actor_kinds)}",
    )
    _add_format(actors)

    show = _add(
        commands,
        "show",
        _run_show,
        "One record in full, with its sources and variants.",
        "sinosoviet show 'Mao Zedong'",
    )
    show.add_argument(
        "key", metavar="ID-OR-NAME", help="a record id of any type, or an actor's name or alias"
    )

    status = _add(
        commands,
        "status",
        _run_status,
        "The relation status on a day, or the principal relationship's whole timeline.",
        "sinosoviet status 1955-06-01",
    )
    status.add_argument("date", nargs="?", metavar="DATE", help="a day; without it, every period in order")
    status.add_argument(
        "--parties",
        nargs=2,
        metavar=("A", "B"),
        help="two actors (default: the principal chain ROC–Soviet Russia, ROC–USSR, PRC–USSR, PRC–Russia)",
    )
    status.add_argument(
        "--ids", action="store_true", help="show the period ids in place of the parties (timeline only)"
    )
    _add_format(status)

    treaties = _add(
        commands,
        "treaties",
        _run_treaties,
        "Treaties, by date in force, party and kind.",
        "sinosoviet treaties --in-force-on 1955-06-01",
    )
    treaties.add_argument(
        "--in-force-on", metavar="DATE", help="in force on this day (or at some time in a year)"
    )
    treaties.add_argument(
        "--certain",
        action="store_true",
        help="only treaties certainly in force then (leaves out those whose end is unknown)",
    )
    treaties.add_argument("--party", metavar="NAME", help="an actor among the parties")
    treaties.add_argument("--ids", action="store_true", help="show the treaty ids in place of the kinds")
    treaty_kinds = _choices(TreatyKind)
    treaties.add_argument(
        "--kind",
        action="append",
        type=_enum_value,
        choices=treaty_kinds,
        metavar="KIND",
        help=f"one of {_kinds_help(treaty_kinds)}",
    )
    _add_format(treaties)

    leaders = _add(
        commands,
        "leaders",
        _run_leaders,
        "Who held which office on a day.",
        "sinosoviet leaders 1969-03-02 --actor ussr",
    )
    leaders.add_argument("date", metavar="DATE", help="a day, such as 1969-03-02 or '2 March 1969'")
    leaders.add_argument("--actor", metavar="NAME", help="the organisation (or the holder)")
    leaders.add_argument("--office", metavar="TITLE", help="an office title as the data writes it")
    _add_format(leaders)

    check = _add(
        commands,
        "check",
        _run_check,
        "Check a dataset's consistency: exit 0 when clean, 1 when it has errors.",
        "sinosoviet check my-dataset/",
        data=False,
    )
    check.add_argument("path", nargs="?", metavar="PATH", help="a dataset folder (default: the shipped data)")

    export = _add(
        commands,
        "export",
        _run_export,
        "Write the data as JSON, CSV, dyad-years, TimelineJS, JSON-LD, a Data Package, Parquet or a graph.",
        "sinosoviet export --format csv --excel --out tables/",
    )
    export.add_argument(
        "--format",
        required=True,
        choices=["json", "csv", "dyad-years", "timeline", "jsonld", "datapackage", "parquet", "graph"],
        help="what to write (parquet needs the parquet extra, graph the graph extra; docs/export.md)",
    )
    export.add_argument(
        "--excel", action="store_true", help="csv: begin each file with a UTF-8 byte-order mark, for Excel"
    )
    export.add_argument(
        "--out", required=True, metavar="DIR", help="the folder to write into (created if needed)"
    )
    export.add_argument(
        "--first-year",
        type=int,
        metavar="YEAR",
        help="dyad-years: the first year (default: the first covered)",
    )
    export.add_argument(
        "--last-year",
        type=int,
        metavar="YEAR",
        help="dyad-years: the last year (default and most: the last the data covers)",
    )
    export.add_argument(
        "--directed", action="store_true", help="dyad-years: both orders of the dyad (365-710 and 710-365)"
    )

    plot = _add(
        commands,
        "plot",
        _run_plot,
        "Draw the timeline of the relationship (needs the plot extra: matplotlib).",
        "sinosoviet plot --out timeline.png --start 1945 --end 1991",
    )
    plot.add_argument("--out", required=True, metavar="FILE", help="the picture to write: .png, .svg or .pdf")
    plot.add_argument("--start", metavar="DATE", help="first day shown (default 1917)")
    plot.add_argument("--end", metavar="DATE", help="last day shown (default 1991)")
    plot.add_argument(
        "--kind",
        action="append",
        choices=event_kinds,
        metavar="KIND",
        help="event kinds to mark (repeatable)",
    )
    plot.add_argument(
        "--series", action="store_true", help="also draw the yearly Goldstein net above the status band"
    )
    plot.add_argument("--title", metavar="TEXT", help="the picture's title (default: says the period)")
    plot.add_argument("--size", metavar="WxH", help="width and height in pixels (default 1280x720)")
    plot.add_argument("--font-size", type=float, metavar="PT", help="font size in points (default 10)")
    return parser


# -- entry point ----------------------------------------------------------------------------------


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, DataError):
        more = len(exc.problems) - 1
        first = exc.problems[0] if exc.problems else ""
        tail = (
            f" (and {_plural(more, 'more problem')}; run 'sinosoviet check' to list them)" if more > 0 else ""
        )
        return f"{exc.file}: {first}{tail}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting.

    Args:
        argv: the arguments after the program name (default: ``sys.argv[1:]``).
    """
    parser = build_parser()
    _Status.pending = 0
    restore = _tolerate_encoding()
    try:
        args = parser.parse_args(argv)
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            raise _UsageError(
                "sinosoviet: error: give a command, such as 'events' or 'status' (see 'sinosoviet --help')"
            )
        return handler(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except _UsageError as exc:
        _error(str(exc))
        return 2
    except BrokenPipeError:
        # The reader (head, less) stopped early: not an error. Point stdout at devnull so that
        # the interpreter's final flush does not complain.
        # The command keeps its own status (a failed check still exits 1 under pipefail).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return _Status.pending
    except (DataError, LookupError) as exc:
        _error(_one_line(exc))
        return 1
    except (ValueError, TypeError, OSError, ImportError) as exc:
        _error(_one_line(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        restore()


def _tolerate_encoding() -> Callable[[], None]:
    """Let text the terminal's encoding lacks through as escapes; return the undo.

    With an output encoding that is not UTF (``PYTHONIOENCODING=ascii``, a Windows code page),
    Chinese and Russian names are written as ``\\u4e2d``-style escapes instead of failing on
    the first of them.
    """
    undo: list[tuple[Callable[..., Any], str]] = []
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        errors = getattr(stream, "errors", None)
        if reconfigure is None or not isinstance(errors, str) or errors == "backslashreplace":
            continue
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            continue
        undo.append((reconfigure, errors))

    def restore() -> None:
        for reconfigure, errors in undo:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors=errors)

    return restore


def _error(message: str) -> None:
    prefix = "" if message.startswith("sinosoviet") else "sinosoviet: error: "
    print(f"{prefix}{message}", file=sys.stderr)
