"""A timeline picture of the relationship: status bands, treaty spans and key events.

Needs the ``plot`` extra (matplotlib), imported only when a picture is asked for. The figure is
drawn with matplotlib's object interface and the Agg canvas, never pyplot, so it touches no
global state and needs no display; it works the same in a script, a notebook or a server.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any, Final

from sinosoviet.dates import PartialDate
from sinosoviet.records import Event, EventKind, RelationStatus

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure

    from sinosoviet.dataset import Dataset
    from sinosoviet.query import DateLike

__all__ = [
    "DEFAULT_KINDS",
    "DPI",
    "FONT_SIZE",
    "MAX_LABELS",
    "SIZE",
    "plot_timeline",
    "status_colour",
    "wrap_label",
]

#: Figure size in inches and resolution: a 1280 × 720 pixel PNG (921.6 × 518.4 pt in SVG), the
#: size of a 16:9 slide.
SIZE: Final = (12.8, 7.2)
DPI: Final = 100

#: The base font size in points; titles are larger, event and treaty labels a little smaller.
FONT_SIZE: Final = 10.0

#: At most this many event labels are drawn (the rest keep their marker and are counted).
MAX_LABELS: Final = 30

#: Event kinds suggested for a picture of what changed the relationship (``kinds=DEFAULT_KINDS``).
DEFAULT_KINDS: Final = (
    EventKind.FOUNDING,
    EventKind.DISSOLUTION,
    EventKind.TREATY,
    EventKind.SUMMIT,
    EventKind.MILITARY,
)

_FIRST: Final = _dt.date(1917, 1, 1)
_LAST: Final = _dt.date(1991, 12, 31)
_WRAP: Final = 22
_MAX_LINES: Final = 3
_GAP_PX: Final = 8.0
_LEFT: Final = 0.03
_RIGHT: Final = 0.985
#: Short names of the parties of the principal chain, for the marks where the chain switches.
_SHORT: Final = {
    "roc": "ROC",
    "prc": "PRC",
    "ussr": "USSR",
    "soviet-russia": "Soviet Russia",
    "russia": "Russia",
}


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError(
            'the timeline needs matplotlib, which is not installed: pip install "sinosoviet[plot]"'
        ) from exc
    return matplotlib


def status_colour(status: RelationStatus) -> tuple[float, float, float, float]:
    """The RGBA colour of a status on the scale from alliance (blue) to armed conflict (red)."""
    matplotlib = _matplotlib()
    top = len(RelationStatus) - 1
    colour: tuple[float, float, float, float] = matplotlib.colormaps["RdYlBu_r"](
        0.05 + 0.9 * status.severity / top
    )
    return colour


def _window(start: DateLike | None, end: DateLike | None) -> tuple[_dt.date, _dt.date]:
    first = _FIRST if start is None else _day(start, "start", last=False)
    last = _LAST if end is None else _day(end, "end", last=True)
    if first > last:
        raise ValueError(f"start ({start!r}) is after end ({end!r})")
    return first, last


def _day(value: DateLike, name: str, *, last: bool) -> _dt.date:
    if isinstance(value, _dt.date):
        return value
    try:
        date = PartialDate.parse(value)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    return date.latest if last else date.earliest


def _kinds(kinds: Iterable[EventKind | str] | None) -> tuple[EventKind, ...] | None:
    if kinds is None:
        return None
    if isinstance(kinds, str):
        kinds = [kinds]
    chosen = []
    for kind in kinds:
        try:
            chosen.append(EventKind(kind))
        except ValueError:
            allowed = ", ".join(k.value for k in EventKind)
            raise ValueError(f"kinds: {kind!r} is not an event kind; expected one of {allowed}") from None
    if not chosen:
        raise ValueError("kinds is empty; give at least one event kind, or None for the default")
    return tuple(dict.fromkeys(chosen))


def _positive(name: str, value: object, *, whole: bool = False) -> float:
    kinds: tuple[type, ...] = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        label = "a whole number" if whole else "a number"
        raise TypeError(f"{name} must be {label}, not {value!r}")
    number = float(value)  # type: ignore[arg-type]
    if not number > 0 or number == float("inf"):
        raise ValueError(f"{name} must be positive and finite, not {value!r}")
    return number


def _size(size: object) -> tuple[float, float]:
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise TypeError(f"size must be (width, height) in inches, such as (12.8, 7.2), not {size!r}")
    width, height = (_positive("size", part) for part in size)
    if width < 4 or height < 3:
        raise ValueError(f"size {tuple(size)!r} is too small for the picture; give at least (4, 3) inches")
    return width, height


def wrap_label(text: str, width: int = _WRAP, lines: int = _MAX_LINES) -> str:
    """``text`` broken into lines of about ``width`` characters, only at spaces, never cut.

    A title that would need more than ``lines`` lines gets longer lines instead; a single word
    longer than ``width`` stays whole on its line.
    """
    import textwrap

    words = " ".join(text.split())
    while True:
        parts = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=False)
        if len(parts) <= lines or width > len(words):
            return "\n".join(parts)
        width += 4


def _clip(day: _dt.date, first: _dt.date, last: _dt.date) -> _dt.date:
    return min(max(day, first), last)


def _stack(boxes: Sequence[tuple[float, float, float]], room: float) -> list[float | None]:
    """Bottom y (pixels) for boxes ``(left, right, height)`` taken in order, none overlapping.

    Each box goes as low as it can: at 0, or just above a box already placed that it shares
    some horizontal extent with (plus a gap), at the lowest such height where it touches none
    of them. None when it would rise above ``room``.
    """
    placed: list[tuple[float, float, float, float]] = []
    result: list[float | None] = []
    for left, right, height in boxes:
        near = [b for b in placed if b[0] < right + _GAP_PX and left < b[1] + _GAP_PX]
        found: float | None = None
        for y in sorted({0.0, *(b[3] + 2.0 for b in near)}):
            if y + height > room:
                break
            if all(y + height <= b[2] or y >= b[3] for b in near):
                found = y
                break
        if found is not None:
            placed.append((left, right, found, found + height + 2.0))
        result.append(found)
    return result


def _spread(bottoms: list[float | None], heights: Sequence[float], room: float) -> list[float | None]:
    """Spread stacked boxes upwards into the room left over, keeping their order and gaps.

    Multiplying every bottom by the same factor of at least one keeps boxes that did not
    overlap apart, so the labels use the height of the panel instead of crowding its floor.
    """
    factor = 2.5
    for bottom, height in zip(bottoms, heights, strict=True):
        if bottom is not None and bottom > 0:
            factor = min(factor, (room - height) / bottom)
    factor = max(factor, 1.0)
    return [None if b is None else b * factor for b in bottoms]


def _period(first: _dt.date, last: _dt.date) -> str:
    """The window in words: ``1917–1991``, ``1969``, ``March–May 1969``, ``2 March 1969``."""
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if whole_years:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    month_end = (last + _dt.timedelta(days=1)).day == 1
    if first.day == 1 and month_end:
        if (first.year, first.month) == (last.year, last.month):
            return f"{first:%B %Y}"
        if first.year == last.year:
            return f"{first:%B}–{last:%B %Y}"
        return f"{first:%B %Y} – {last:%B %Y}"
    if first == last:
        return f"{first.day} {first:%B %Y}"
    return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"


def _chosen_events(
    data: Dataset,
    events: Iterable[Event] | None,
    kinds: tuple[EventKind, ...] | None,
    first: _dt.date,
    last: _dt.date,
) -> tuple[Event, ...]:
    from sinosoviet.records import Event

    if events is None:
        if kinds is None:
            return data.query.events(start=first, end=last, key=True)
        return data.query.events(start=first, end=last, kind=kinds)
    if isinstance(events, str | bytes) or not isinstance(events, Iterable):
        raise TypeError(f"events must be an iterable of Event records (a query result), not {events!r}")
    chosen: dict[str, Event] = {}
    for index, event in enumerate(events):
        if not isinstance(event, Event):
            raise TypeError(f"events[{index}] must be an Event, not {type(event).__name__} {event!r:.60}")
        if (
            event.when.latest >= first
            and event.when.earliest <= last
            and (kinds is None or event.kind in kinds)
        ):
            chosen[event.id] = event
    return tuple(sorted(chosen.values(), key=lambda e: (e.when.earliest, e.when.latest, e.id)))


def plot_timeline(
    dataset: Dataset | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    events: Iterable[Event] | None = None,
    kinds: Iterable[EventKind | str] | None = None,
    title: str | None = None,
    size: tuple[float, float] = SIZE,
    font_size: float = FONT_SIZE,
    max_labels: int = MAX_LABELS,
    path: str | PathLike[str] | None = None,
    series: bool = False,
) -> Figure:
    """Draw the timeline of the relationship and return the matplotlib `Figure`.

    Made to be read on a 16:9 slide. Three panels share the time axis: the status of the
    principal chain (ROC–Soviet Russia, ROC–USSR, PRC–USSR, PRC–Russia) as bands coloured from
    alliance (blue) to armed conflict (red), each wide enough band named by its status, and a
    dashed mark where the chain passes to the next pair of states; the treaties between the
    parties as spans from entry into force (or signature) to their end, or a mark at the start
    when their end is unknown; and the events, each drawn over its period — a year or a month
    as a bar across that year or month, a day as a dot — with its title wrapped at spaces (never
    cut) and placed so that no two labels overlap. A label that finds no room is left out and
    counted in the panel's title.

    Args:
        dataset: the data to draw; the shipped data by default.
        start: first day shown (a coarse date means its first day); default 1 January 1917.
        end: last day shown (a coarse date means its last day); default 31 December 1991.
        events: the events to mark, any iterable of `Event` (a query result such as
            ``sinosoviet.events(kind="military")``); those outside the window are skipped.
            Default: the key events in the window (``events(key=True)``, see `Event.key`), or
            with ``kinds``, every event of those kinds.
        kinds: keep only events of these kinds (`DEFAULT_KINDS` is a suggestion).
        title: the figure's title; default "China and Soviet power, " and the period shown.
        size: (width, height) in inches; at 100 dpi the default is 1280 × 720 pixels.
        font_size: the base font size in points (default 10); labels are 0.85 of it.
        max_labels: at most this many event labels (default 30); key events are labelled
            first, then the others in time order; the rest keep their marks.
        path: if given, the figure is also saved there; the format follows the extension
            (``.png``, ``.svg``, ``.pdf``).
        series: also draw, above the status band, the yearly Goldstein net of the principal
            chain (`sinosoviet.goldstein_series`) as bars: cooperation up in blue, conflict
            down in red, one bar per year, a year without codings left empty.

    Raises:
        ImportError: matplotlib is not installed (``pip install "sinosoviet[plot]"``).
        ValueError: a malformed date, a start after the end, an unknown event kind, a size,
            font size or label limit that is not positive.
        TypeError: an argument of the wrong type (an item of ``events`` that is not an Event).
    """
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from sinosoviet.dataset import load

    data = load() if dataset is None else dataset
    first, last = _window(start, end)
    chosen_kinds = _kinds(kinds)
    width, height = _size(size)
    base = _positive("font_size", font_size)
    limit = int(_positive("max_labels", max_labels, whole=True))
    if not isinstance(series, bool):
        raise TypeError(f"series must be True or False, not {series!r}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be text (str) or None, not {title!r}")
    shown = _chosen_events(data, events, chosen_kinds, first, last)

    figure = Figure(figsize=(width, height), dpi=DPI, layout=None)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call,unused-ignore]
    pixels_per_point = DPI / 72
    top = 1 - base * 4.4 * pixels_per_point / (height * DPI)
    bottom = base * 7.0 * pixels_per_point / (height * DPI)
    ratios = (1.1, 0.8, 1.5, 4.0) if series else (0.8, 1.5, 4.0)
    grid = figure.add_gridspec(
        len(ratios), 1, height_ratios=ratios, hspace=0.32, left=_LEFT, right=_RIGHT, top=top, bottom=bottom
    )
    panels = iter(range(len(ratios)))
    series_axes = figure.add_subplot(grid[next(panels)]) if series else None
    status_axes = figure.add_subplot(grid[next(panels)], sharex=series_axes)
    treaty_axes = figure.add_subplot(grid[next(panels)], sharex=status_axes)
    event_axes = figure.add_subplot(grid[next(panels)], sharex=status_axes)
    figure.suptitle(
        title if title is not None else f"China and Soviet power, {_period(first, last)}",
        fontsize=base * 1.6,
        fontweight="bold",
        x=_LEFT,
        y=1 - base * 0.9 * pixels_per_point / (height * DPI),
        ha="left",
        va="top",
    )
    # The x limits come first: label widths are measured in pixels against them.
    _format_time_axis(event_axes, first, last, base)
    _draw_status(figure, status_axes, renderer, data, first, last, base)
    _draw_treaties(treaty_axes, renderer, data, first, last, base)
    _draw_events(
        figure, event_axes, renderer, shown, first, last, base, limit, events is None and kinds is None
    )
    if series_axes is not None:
        _draw_series(series_axes, data, first, last, base)
    if path is not None:
        figure.savefig(path, dpi=DPI)
    return figure


def _num(day: _dt.date) -> float:
    from matplotlib.dates import date2num

    value: float = date2num(day)  # type: ignore[no-untyped-call,unused-ignore]
    return value


def _bare(axes: Axes) -> None:
    axes.set_yticks([])
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)


def _draw_series(axes: Axes, data: Dataset, first: _dt.date, last: _dt.date, base: float) -> None:
    rows = data.query.goldstein_series(start=first, end=last)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.axhline(0, color="#777777", linewidth=0.6)
    axes.set_title(
        "Goldstein net of the CAMEO codings, by year (cooperation up, conflict down)",
        loc="left",
        fontsize=base,
    )
    axes.tick_params(axis="y", labelsize=base * 0.75)
    axes.tick_params(axis="x", labelbottom=False)
    for row in rows:
        if not row.events:
            continue
        left = max(_dt.date(row.period.year, 1, 1), first)
        right = min(_dt.date(row.period.year, 12, 31), last)
        colour = status_colour(RelationStatus.ALLIANCE if row.net >= 0 else RelationStatus.ARMED_CONFLICT)
        axes.bar(
            _num(left), row.net, width=_num(right) + 1 - _num(left), align="edge", color=colour, linewidth=0,
            gid="series-bar",
        )  # fmt: skip


def _draw_status(
    figure: Figure,
    axes: Axes,
    renderer: RendererAgg,
    data: Dataset,
    first: _dt.date,
    last: _dt.date,
    base: float,
) -> None:
    from matplotlib.patches import Patch

    from sinosoviet.export import principal_periods

    _bare(axes)
    axes.set_ylim(-0.75, 1)
    axes.set_title(
        "Status of the principal relationship (dashed: the chain passes to the next pair of states)",
        loc="left",
        fontsize=base,
    )
    to_px = axes.transData.transform
    shown: set[RelationStatus] = set()
    previous: tuple[str, str] | None = None
    for relation, since, until in principal_periods(data):
        switch = previous is not None and relation.parties != previous
        previous = relation.parties
        left, right = max(since, first), min(until, last)
        if left > right:
            continue
        shown.add(relation.status)
        x = _num(left)
        axes.broken_barh(
            [(x, _num(right) + 1 - x)], (0.1, 0.85), facecolors=status_colour(relation.status), linewidth=0,
            gid="status-band",
        )  # fmt: skip
        name = relation.status.value.replace("_", " ")
        label = axes.text(
            (x + _num(right) + 1) / 2,
            0.52,
            name,
            fontsize=base * 0.8,
            ha="center",
            va="center",
            color="#111111",
        )
        room = to_px((_num(right) + 1, 0))[0] - to_px((x, 0))[0]
        if label.get_window_extent(renderer).width + 6 > room:
            label.remove()
        else:
            label.set_gid("status-label")
        if switch and since >= first:
            pair = "–".join(_SHORT.get(p, p) for p in relation.parties)
            axes.axvline(x, ymin=0.0, ymax=1.0, color="#222222", linewidth=1.2, linestyle=(0, (3, 2)))
            mark = axes.text(
                x,
                0.02,
                f" {pair} from {since.year}",
                fontsize=base * 0.75,
                ha="left",
                va="top",
                color="#222222",
            )
            mark.set_gid("chain-switch")
            if mark.get_window_extent(renderer).x1 > axes.bbox.x1:
                mark.set_horizontalalignment("right")
                mark.set_text(f"{pair} from {since.year} ")
    handles = [
        Patch(facecolor=status_colour(s), label=s.value.replace("_", " "))
        for s in RelationStatus
        if s in shown
    ]
    if handles:
        figure.legend(
            handles=handles,
            loc="lower left",
            ncols=len(handles),
            fontsize=base * 0.8,
            frameon=False,
            bbox_to_anchor=(_LEFT - 0.005, 0.0),
            title="status, from closest to most hostile",
            title_fontsize=base * 0.8,
            alignment="left",
        )


def _draw_treaties(
    axes: Axes, renderer: RendererAgg, data: Dataset, first: _dt.date, last: _dt.date, base: float
) -> None:
    title = "Treaties in force (alliances in blue)"
    axes.set_title(title, loc="left", fontsize=base)
    _bare(axes)
    axes.set_ylim(0, 1)
    treaties = [
        t
        for t in data.treaties
        if t.when.earliest <= last and (t.when.earliest if t.end_unknown else t.when.latest) >= first
    ]
    to_px = axes.transData.transform
    room = axes.bbox.height
    bar_px = base * 0.5 * DPI / 72
    boxes, items = [], []
    for treaty in treaties:
        left = _clip(treaty.when.earliest, first, last)
        # A treaty whose end no source gives is drawn as a mark at its start, not as a bar
        # running to the edge: the data does not say how long it lasted.
        right = left if treaty.end_unknown else _clip(treaty.when.latest, first, last)
        text = wrap_label(treaty.name + (" (end unknown)" if treaty.end_unknown else ""), 40, 2)
        label = axes.text(_num(left), 0, text, fontsize=base * 0.8, va="bottom", ha="left", linespacing=1.0)
        extent = label.get_window_extent(renderer)
        x0, x1 = to_px((_num(left), 0))[0], to_px((_num(right) + 1, 0))[0]
        if x0 + extent.width > axes.bbox.x1:
            label.set_horizontalalignment("right")
            label.set_x(_num(last) + 1)
            box = (min(x0, axes.bbox.x1 - extent.width), axes.bbox.x1)
        else:
            box = (x0, max(x1, x0 + extent.width))
        boxes.append((*box, extent.height + bar_px + 2))
        items.append((treaty, left, right, label))
    bottoms = _stack(boxes, room)
    for (treaty, left, right, label), bottom in zip(items, bottoms, strict=True):
        if bottom is None:
            label.remove()
            continue
        colour = "#4c72b0" if treaty.kind.value == "alliance" else "#8c8c8c"
        x = _num(left)
        bar_y = bottom / room
        if treaty.end_unknown:
            axes.plot([x], [bar_y + bar_px / room / 2], marker=">", markersize=base * 0.5, color=colour)
        else:
            axes.broken_barh(
                [(x, _num(right) + 1 - x)], (bar_y, bar_px / room), facecolors=colour, linewidth=0
            )
        label.set_y((bottom + bar_px + 1) / room)
        label.set_gid("treaty-label")
    omitted = bottoms.count(None)
    if omitted:
        axes.set_title(f"{title}; {omitted} not shown for lack of room", loc="left", fontsize=base)


def _draw_events(
    figure: Figure,
    axes: Axes,
    renderer: RendererAgg,
    events: Sequence[Event],
    first: _dt.date,
    last: _dt.date,
    base: float,
    limit: int,
    default: bool,
) -> None:
    from matplotlib.transforms import blended_transform_factory

    _bare(axes)
    axes.set_ylim(0, 1)
    kinds = tuple(dict.fromkeys(sorted((e.kind for e in events), key=list(EventKind).index)))
    palette = _palette(kinds)
    transform = blended_transform_factory(axes.transData, axes.transAxes)
    to_px = axes.transData.transform
    room = axes.bbox.height
    floor = 0.03
    # Key events are labelled first, then the others, each group in time order.
    order = sorted(range(len(events)), key=lambda i: (not events[i].key, i))
    labelled = set(order[:limit])
    boxes, items = [], []
    for index, event in enumerate(events):
        left = _clip(event.when.earliest, first, last)
        right = _clip(event.when.latest, first, last)
        x0, x1 = _num(left), _num(right) + 1
        middle = (x0 + x1) / 2
        colour = palette[event.kind]
        if right > left:
            # An event known to a year or a month, or lasting longer, covers its period.
            axes.plot(
                [x0, x1], [floor, floor], color=colour, linewidth=base * 0.5, alpha=0.6, transform=transform,
                solid_capstyle="butt", zorder=2, gid="event-span",
            )  # fmt: skip
        else:
            axes.plot(
                [x0], [floor], marker="o", markersize=base * 0.45, color=colour, transform=transform, zorder=3
            )
        if index not in labelled:
            continue
        label = axes.text(
            middle, 0, wrap_label(event.title), fontsize=base * 0.85, va="bottom", ha="left",
            transform=transform, color="#111111", linespacing=1.0,
        )  # fmt: skip
        label.set_gid("event-label")
        extent = label.get_window_extent(renderer)
        x_px = to_px((middle, 0))[0]
        if x_px + extent.width > axes.bbox.x1:
            label.set_horizontalalignment("right")
            box = (x_px - extent.width, x_px)
        else:
            box = (x_px, x_px + extent.width)
        boxes.append((box[0] - axes.bbox.x0, box[1] - axes.bbox.x0, extent.height))
        items.append((label, middle, colour))
    start_px = 0.06 * room
    bottoms = _spread(_stack(boxes, room - start_px), [b[2] for b in boxes], room - start_px)
    for (label, middle, colour), bottom in zip(items, bottoms, strict=True):
        if bottom is None:
            label.remove()
            continue
        y = (start_px + bottom) / room
        label.set_y(y)
        axes.plot(
            [middle, middle],
            [floor, y],
            color=colour,
            linewidth=0.7,
            alpha=0.7,
            transform=transform,
            zorder=1,
        )
    left_out = bottoms.count(None)
    unlabelled = len(events) - len(labelled)
    if default:
        title = "Key events: named by at least two general surveys of the relationship"
    elif kinds:
        title = f"Events ({len(events)}): " + ", ".join(k.value for k in kinds)
    else:
        title = "Events: none in this period"
    if left_out:
        title += f"; {left_out} labels left out for lack of room"
    if unlabelled:
        title += f"; {unlabelled} beyond the {limit}-label limit marked without a label"
    axes.set_title(title, loc="left", fontsize=base)
    handles = [axes.plot([], [], marker="o", linestyle="", color=palette[k], label=k.value)[0] for k in kinds]
    if handles:
        figure.legend(
            handles=handles,
            loc="lower right",
            ncols=-(-len(handles) // 3),
            fontsize=base * 0.8,
            frameon=False,
            bbox_to_anchor=(_RIGHT, 0.0),
            title="event kinds",
            title_fontsize=base * 0.8,
            alignment="right",
        )


def _palette(kinds: Sequence[EventKind]) -> dict[EventKind, Any]:
    """A colour per kind, the same in every picture whatever kinds it shows."""
    matplotlib = _matplotlib()
    colours = matplotlib.colormaps["tab20"]
    # tab20 pairs a dark and a light shade of ten hues: the dark ones first, then the light.
    shade = {kind: (2 * index) % 20 + (index >= 10) for index, kind in enumerate(EventKind)}
    return {kind: colours(shade[kind]) for kind in kinds}


def _format_time_axis(axes: Axes, first: _dt.date, last: _dt.date, base: float) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter, YearLocator

    axes.set_xlim(_num(first), _num(last) + 1)
    if last.year - first.year >= 20:
        axes.xaxis.set_major_locator(YearLocator(5))  # type: ignore[no-untyped-call,unused-ignore]
        axes.xaxis.set_minor_locator(YearLocator(1))  # type: ignore[no-untyped-call,unused-ignore]
        axes.xaxis.set_major_formatter(DateFormatter("%Y"))  # type: ignore[no-untyped-call,unused-ignore]
    else:
        locator = AutoDateLocator()  # type: ignore[no-untyped-call,unused-ignore]
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call,unused-ignore]
    axes.tick_params(axis="x", labelsize=base * 0.9)
    for other in axes.get_shared_x_axes().get_siblings(axes):
        if other is not axes:
            other.tick_params(labelbottom=False)
        other.grid(axis="x", which="major", color="#e5e5e5", linewidth=0.6)
        other.set_axisbelow(True)
