"""TimelineJS JSON: events as slides, relation periods as eras."""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Mapping
from os import PathLike
from typing import TYPE_CHECKING, Any

from sinosoviet.dates import IntervalEnd, PartialDate, Precision, Qualifier
from sinosoviet.export._tables import _dataset

if TYPE_CHECKING:
    from pathlib import Path

    from sinosoviet.dataset import Dataset
    from sinosoviet.export._tables import Data
    from sinosoviet.records import Actor, Event, Relation

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_HEDGE = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATE: "c. ",
    Qualifier.UNCERTAIN: "? ",
    Qualifier.APPROXIMATE_UNCERTAIN: "c.? ",
}


def _parts(date: PartialDate) -> dict[str, str]:
    """A TimelineJS date object: only the parts the date states, as text, never a timestamp."""
    parts = {"year": str(date.year)}
    if date.month is not None:
        parts["month"] = str(date.month)
    if date.day is not None:
        parts["day"] = str(date.day)
    return parts


def _day_parts(day: _dt.date) -> dict[str, str]:
    return {"year": str(day.year), "month": str(day.month), "day": str(day.day)}


def _display(date: PartialDate) -> str:
    """The date as a reader says it: ``2 March 1969``, ``March 1969``, ``1940s``, ``c. 1949``."""
    if date.precision is Precision.CENTURY:
        text = f"{date.year}s (century)"
    elif date.precision is Precision.DECADE:
        text = f"{date.year}s"
    elif date.month is None:
        text = str(date.year)
    elif date.day is None:
        text = f"{_MONTHS[date.month - 1]} {date.year}"
    else:
        text = f"{date.day} {_MONTHS[date.month - 1]} {date.year}"
    return _HEDGE[date.qualifier] + text


def _needs_display(date: PartialDate) -> bool:
    # TimelineJS writes a year, month or day itself; a qualifier or a decade it cannot.
    return date.qualifier is not Qualifier.EXACT or date.precision in (Precision.DECADE, Precision.CENTURY)


def _slide(event: Event) -> dict[str, Any] | None:
    when = event.when
    slide: dict[str, Any] = {"unique_id": event.id}
    if isinstance(when, PartialDate):
        slide["start_date"] = _parts(when)
        if _needs_display(when):
            slide["display_date"] = _display(when)
    else:
        start, end = when.start, when.end
        first = start if isinstance(start, PartialDate) else None
        last = end if isinstance(end, PartialDate) else None
        # A slide needs a start: an interval with an unknown start starts at its end.
        known = first or last
        if known is None:
            return None  # no end is a date ("../.."): nothing to place on a timeline
        slide["start_date"] = _parts(known)
        if first is not None and last is not None:
            slide["end_date"] = _parts(last)
        shown = [
            _display(first) if first is not None else "?",
            _display(last) if last is not None else ("" if end is IntervalEnd.OPEN else "?"),
        ]
        if first is None or last is None or _needs_display(first) or _needs_display(last):
            slide["display_date"] = " – ".join(shown).strip()
    text = {"headline": html.escape(event.title)}
    if event.summary is not None:
        text["text"] = f"<p>{html.escape(event.summary)}</p>"
    slide["text"] = text
    slide["group"] = event.kind.value
    return slide


def _era(relation: Relation, first: _dt.date, last: _dt.date, names: Mapping[str, Actor]) -> dict[str, Any]:
    end = last if last > first else first + _dt.timedelta(days=1)
    status = relation.status.value.replace("_", " ").capitalize()
    pair = " – ".join(names[p].name if p in names else p for p in relation.parties)
    return {
        "start_date": _day_parts(first),
        "end_date": _day_parts(end),
        "text": {"headline": html.escape(f"{status}: {pair}")},
    }


def _finite(day: _dt.date) -> bool:
    return day not in (_dt.date.min, _dt.date.max)


def timeline(
    data: Data = None,
    *,
    eras: Iterable[Relation] | None = None,
    title: str | None = None,
    context: Dataset | None = None,
) -> dict[str, Any]:
    """The events as a TimelineJS timeline (its JSON format, as a dict ready for `json.dumps`).

    Each event is a slide whose ``unique_id`` is the event's id (an event neither of whose
    ends is a date, ``../..``, has no place on a timeline and is left out). Dates are TimelineJS date
    objects with only the parts the data states (a year-only date gives only ``year``; an
    interval gives ``start_date`` and ``end_date``), as text parts, never timestamps, so no
    time zone can move them to the day before; a qualified, decade or open-ended date also
    gets a ``display_date`` (``c. 1949``, ``1940s``, ``1991 –``). Headline and text are
    HTML-escaped; ``group`` is the event's kind.

    Relation periods are ``eras``, from their first to their last day (a one-day period ends
    the next day, since TimelineJS refuses an era that ends where it starts; an open end is cut
    at the last day any slide reaches). ``eras`` gives the periods. By default: for a whole
    dataset, the periods of the principal chain (`principal_periods`, each clipped to the days
    the chain follows its pair); for a selection, the relation periods it holds, or if it
    holds none the periods of the principal chain that overlap its slides. Pass ``eras=()``
    for none.

    ``data`` is a `Dataset`, None (the shipped data) or any iterable of records; ``context``
    is the dataset a selection comes from (by default the shipped data).
    """
    from sinosoviet.dataset import Dataset
    from sinosoviet.export._dyads import principal_periods

    dataset = _dataset(data, context)
    slides = [slide for event in dataset.events if (slide := _slide(event)) is not None]
    days = [d for e in dataset.events for d in (e.when.earliest, e.when.latest) if _finite(d)]
    if eras is not None:
        periods = [(r, r.when.earliest, r.when.latest) for r in eras]
    elif data is None or isinstance(data, Dataset):
        periods = list(principal_periods(dataset))
    elif dataset.relations:
        periods = [(r, r.when.earliest, r.when.latest) for r in dataset.relations]
    else:
        # The chain's periods come from the dataset the events belong to.
        low, high = (min(days), max(days)) if days else (_dt.date.max, _dt.date.min)
        periods = [p for p in principal_periods(_dataset(None, context)) if p[1] <= high and p[2] >= low]
    names = dataset.actors_by_id if isinstance(data, Dataset) else _dataset(None, context).actors_by_id
    horizon = max([*days, *(d for _, f, last in periods for d in (f, last) if _finite(d))], default=None)
    out: dict[str, Any] = {}
    if title is not None:
        out["title"] = {"text": {"headline": html.escape(title)}}
    out["events"] = slides
    era_list = []
    for relation, first, last in periods:
        if not _finite(first):
            continue  # an era needs a start; a period with an unknown start is left out
        if not _finite(last):
            if horizon is None:
                continue
            last = max(horizon, first)
        era_list.append(_era(relation, first, last, names))
    if era_list:
        out["eras"] = era_list
    return out


def write_timeline(
    data: Data,
    out: str | PathLike[str],
    *,
    eras: Iterable[Relation] | None = None,
    title: str | None = None,
    context: Dataset | None = None,
) -> Path:
    """Write `timeline` as ``timeline.json`` (UTF-8) into a folder; return its path."""
    import json
    from pathlib import Path

    from sinosoviet._files import write_atomically

    document = timeline(data, eras=eras, title=title, context=context)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    write_atomically(out, {"timeline.json": text.encode("utf-8")})
    return Path(out) / "timeline.json"
