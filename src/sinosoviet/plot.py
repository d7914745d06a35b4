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
from sinosoviet.records import EventKind, RelationStatus

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from sinosoviet.dataset import Dataset
    from sinosoviet.query import DateLike

__all__ = ["DEFAULT_KINDS", "DPI", "SIZE", "plot_timeline", "status_colour"]

#: Figure size in inches and resolution: a 1600 × 900 pixel PNG (1152 × 648 pt in SVG).
SIZE: Final = (16.0, 9.0)
DPI: Final = 100

#: Event kinds marked when ``kinds`` is not given: what changed the relationship.
DEFAULT_KINDS: Final = (
    EventKind.FOUNDING,
    EventKind.DISSOLUTION,
    EventKind.TREATY,
    EventKind.SUMMIT,
    EventKind.MILITARY,
)

_FIRST: Final = _dt.date(1917, 1, 1)
_LAST: Final = _dt.date(1991, 12, 31)
_LABEL_CHARS: Final = 32
_LABEL_SIZE: Final = 7.5
_GAP_PX: Final = 6.0


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


def _kinds(kinds: Iterable[EventKind | str] | None) -> tuple[EventKind, ...]:
    if kinds is None:
        return DEFAULT_KINDS
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


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def _clip(day: _dt.date, first: _dt.date, last: _dt.date) -> _dt.date:
    return min(max(day, first), last)


def _lanes(spans: Sequence[tuple[float, float]], limit: int) -> list[int | None]:
    """Greedy lanes for horizontal extents (in pixels) so that none in a lane overlap.

    Each extent goes to the lowest lane whose last extent ends before it begins; None when
    every one of ``limit`` lanes is taken there.
    """
    ends: list[float] = []
    lanes: list[int | None] = []
    for left, right in spans:
        lane = next((i for i, end in enumerate(ends) if end + _GAP_PX <= left), None)
        if lane is None and len(ends) < limit:
            lane = len(ends)
            ends.append(right)
        elif lane is not None:
            ends[lane] = right
        lanes.append(lane)
    return lanes


def _lanes_by_left_edge(spans: Sequence[tuple[float, float]], limit: int) -> list[int | None]:
    """`_lanes` for extents in any order: a label moved left of the edge may start earliest."""
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    lanes: list[int | None] = [None] * len(spans)
    for position, lane in zip(order, _lanes([spans[i] for i in order], limit), strict=True):
        lanes[position] = lane
    return lanes


def plot_timeline(
    dataset: Dataset | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    kinds: Iterable[EventKind | str] | None = None,
    path: str | PathLike[str] | None = None,
    series: bool = False,
) -> Figure:
    """Draw the timeline of the relationship and return the matplotlib `Figure`.

    Three panels share the time axis: the status of the principal chain (ROC–Soviet Russia,
    ROC–USSR, PRC–USSR, PRC–Russia) as coloured bands from alliance (blue) to armed conflict
    (red); the treaties between the parties as spans from entry into force (or signature) to
    their end, or a mark at the start when their end is unknown; and the key events as
    markers whose labels are staggered in rows so that no two overlap (a label that finds no
    free row is left out and counted in the panel's title).

    Args:
        dataset: the data to draw; the shipped data by default.
        start: first day shown (a coarse date means its first day); default 1 January 1917.
        end: last day shown (a coarse date means its last day); default 31 December 1991.
        kinds: the event kinds to mark; default `DEFAULT_KINDS`.
        path: if given, the figure is also saved there; the format follows the extension
            (``.png``, ``.svg``, ``.pdf``). A PNG is 1600 × 900 pixels.
        series: also draw, above the status band, the yearly Goldstein net of the principal
            chain (`sinosoviet.goldstein_series`) as bars: cooperation up in blue, conflict
            down in red, one bar per year, a year without codings left empty.

    Raises:
        ImportError: matplotlib is not installed (``pip install "sinosoviet[plot]"``).
        ValueError: a malformed date, a start after the end, an unknown event kind.
    """
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from sinosoviet.dataset import load

    data = load() if dataset is None else dataset
    first, last = _window(start, end)
    chosen = _kinds(kinds)

    if not isinstance(series, bool):
        raise TypeError(f"series must be True or False, not {series!r}")
    figure = Figure(figsize=SIZE, dpi=DPI, layout=None)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call,unused-ignore]
    ratios = (1.3, 0.6, 2.2, 4.2) if series else (0.6, 2.2, 4.2)
    grid = figure.add_gridspec(
        len(ratios), 1, height_ratios=ratios, hspace=0.18, left=0.04, right=0.98, top=0.93, bottom=0.13
    )
    panels = iter(range(len(ratios)))
    series_axes = figure.add_subplot(grid[next(panels)]) if series else None
    status_axes = figure.add_subplot(grid[next(panels)], sharex=series_axes)
    treaty_axes = figure.add_subplot(grid[next(panels)], sharex=status_axes)
    event_axes = figure.add_subplot(grid[next(panels)], sharex=status_axes)
    figure.suptitle(
        f"China and Soviet power, {first.year}–{last.year}: relation status, treaties, key events",
        fontsize=13,
        x=0.04,
        ha="left",
    )
    # The x limits come first: label widths are measured in pixels against them.
    _format_time_axis(event_axes, first, last)
    _draw_status(figure, status_axes, data, first, last)
    _draw_treaties(treaty_axes, renderer, data, first, last)
    _draw_events(event_axes, renderer, data, first, last, chosen)
    if series_axes is not None:
        _draw_series(series_axes, data, first, last)
    if path is not None:
        figure.savefig(path, dpi=DPI)
    return figure


def _num(day: _dt.date) -> float:
    from matplotlib.dates import date2num

    value: float = date2num(day)  # type: ignore[no-untyped-call,unused-ignore]
    return value


def _draw_series(axes: Axes, data: Dataset, first: _dt.date, last: _dt.date) -> None:
    rows = data.query.goldstein_series(start=first, end=last)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.axhline(0, color="#777777", linewidth=0.6)
    axes.set_title(
        "Goldstein net of the CAMEO codings, by year (cooperation up, conflict down)", loc="left", fontsize=9
    )
    axes.tick_params(axis="y", labelsize=7)
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


def _draw_status(figure: Figure, axes: Axes, data: Dataset, first: _dt.date, last: _dt.date) -> None:
    from matplotlib.patches import Patch

    from sinosoviet.export import principal_periods

    axes.set_yticks([])
    axes.set_ylim(0, 1)
    axes.set_title("Status of the principal relationship", loc="left", fontsize=9)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    for relation, since, until in principal_periods(data):
        left, right = max(since, first), min(until, last)
        if left > right:
            continue
        x = _num(left)
        axes.broken_barh(
            [(x, _num(right) + 1 - x)], (0.15, 0.7), facecolors=status_colour(relation.status), linewidth=0
        )
        if right > left + _dt.timedelta(days=3 * 365):
            pair = "–".join(relation.parties)
            axes.text(x + 20, 0.5, pair, fontsize=6.5, va="center", ha="left", color="#222222", clip_on=True)
    handles = [Patch(facecolor=status_colour(s), label=s.value.replace("_", " ")) for s in RelationStatus]
    figure.legend(
        handles=handles,
        loc="lower left",
        ncols=len(handles),
        fontsize=8,
        frameon=False,
        bbox_to_anchor=(0.04, 0.0),
        title="status, from closest to most hostile",
        title_fontsize=8,
        alignment="left",
    )


def _draw_treaties(axes: Axes, renderer: RendererAgg, data: Dataset, first: _dt.date, last: _dt.date) -> None:
    title = "Treaties in force (alliances in blue)"
    axes.set_title(title, loc="left", fontsize=9)
    axes.set_yticks([])
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    treaties = [
        t
        for t in data.treaties
        if t.when.earliest <= last and (t.when.earliest if t.end_unknown else t.when.latest) >= first
    ]
    to_px = axes.transData.transform
    spans, labels = [], []
    for treaty in treaties:
        left = _clip(treaty.when.earliest, first, last)
        # A treaty whose end no source gives is drawn as a mark at its start, not as a bar
        # running to the edge: the data does not say how long it lasted.
        right = left if treaty.end_unknown else _clip(treaty.when.latest, first, last)
        text = _short(treaty.name) + (" (end unknown)" if treaty.end_unknown else "")
        label = axes.text(_num(left), 0, text, fontsize=_LABEL_SIZE, va="bottom", ha="left")
        width = label.get_window_extent(renderer).width
        x0 = to_px((_num(left), 0))[0]
        x1 = to_px((_num(right) + 1, 0))[0]
        if x0 + width > axes.bbox.x1:
            # Near the right edge the label ends at the edge instead of running off it.
            label.set_horizontalalignment("right")
            label.set_x(_num(last) + 1)
            spans.append((min(x0, axes.bbox.x1 - width), axes.bbox.x1))
        else:
            spans.append((x0, max(x1, x0 + width)))
        labels.append((treaty, left, right, label))
    rows = max(1, int(axes.bbox.height // 18))
    lanes = _lanes_by_left_edge(spans, rows)
    used = max((lane for lane in lanes if lane is not None), default=0) + 1
    axes.set_ylim(used, -0.3)
    for (treaty, left, right, label), lane in zip(labels, lanes, strict=True):
        if lane is None:
            label.remove()
            continue
        colour = "#4c72b0" if treaty.kind.value == "alliance" else "#8c8c8c"
        x = _num(left)
        if treaty.end_unknown:
            axes.plot([x], [lane + 0.7], marker=">", markersize=4, color=colour, linestyle="none")
        else:
            axes.broken_barh([(x, _num(right) + 1 - x)], (lane + 0.55, 0.3), facecolors=colour, linewidth=0)
        label.set_y(lane + 0.5)
        label.set_gid("treaty-label")
    omitted = lanes.count(None)
    if omitted:
        axes.set_title(f"{title}; {omitted} not shown for lack of room", loc="left", fontsize=9)


def _draw_events(
    axes: Axes,
    renderer: RendererAgg,
    data: Dataset,
    first: _dt.date,
    last: _dt.date,
    kinds: Sequence[EventKind],
) -> None:
    from matplotlib.transforms import blended_transform_factory

    events = data.query.events(start=first, end=last, kind=kinds)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.set_yticks([])
    axes.set_ylim(0, 1)
    palette = _palette(kinds)
    transform = blended_transform_factory(axes.transData, axes.transAxes)
    to_px = axes.transData.transform
    right_edge = axes.bbox.x1
    row_px = _LABEL_SIZE * DPI / 72 * 1.45
    rows = max(1, int((axes.bbox.height - 12) // row_px))
    step = row_px / axes.bbox.height
    placed: list[tuple[Text, float]] = []
    spans = []
    for event in events:
        left = _clip(event.when.earliest, first, last)
        right = _clip(event.when.latest, first, last)
        x = _num(left)
        colour = palette[event.kind]
        if right > left:
            axes.plot(
                [x, _num(right) + 1],
                [0.012, 0.012],
                color=colour,
                linewidth=2,
                alpha=0.45,
                transform=transform,
                solid_capstyle="butt",
                zorder=1,
            )
        axes.plot([x], [0.012], marker="o", markersize=4, color=colour, transform=transform, zorder=3)
        label = axes.text(
            x,
            0,
            _short(event.title),
            fontsize=_LABEL_SIZE,
            va="bottom",
            ha="left",
            transform=transform,
            color="#222222",
        )
        label.set_gid("event-label")
        width = label.get_window_extent(renderer).width
        x_px = to_px((x, 0))[0]
        if x_px + width > right_edge:
            label.set_horizontalalignment("right")
            spans.append((x_px - width, x_px))
        else:
            spans.append((x_px, x_px + width))
        placed.append((label, x))
    lanes = _lanes_by_left_edge(spans, rows)
    for (label, x), lane in zip(placed, lanes, strict=True):
        if lane is None:
            label.remove()
            continue
        y = 0.04 + lane * step
        label.set_y(y)
        axes.plot([x, x], [0.012, y], color="#bbbbbb", linewidth=0.5, transform=transform, zorder=0)
    omitted = lanes.count(None)
    title = "Key events (" + ", ".join(k.value for k in kinds) + ")"
    if omitted:
        title += f"; {omitted} labels left out for lack of room"
    axes.set_title(title, loc="left", fontsize=9)
    handles = [axes.plot([], [], marker="o", linestyle="", color=palette[k], label=k.value)[0] for k in kinds]
    axes.legend(handles=handles, loc="upper right", fontsize=7, frameon=False, ncols=len(kinds))


def _palette(kinds: Sequence[EventKind]) -> dict[EventKind, Any]:
    """A colour per kind, the same in every picture whatever kinds it shows."""
    matplotlib = _matplotlib()
    colours = matplotlib.colormaps["tab20"]
    # tab20 pairs a dark and a light shade of ten hues: the dark ones first, then the light.
    shade = {kind: (2 * index) % 20 + (index >= 10) for index, kind in enumerate(EventKind)}
    return {kind: colours(shade[kind]) for kind in kinds}


def _format_time_axis(axes: Axes, first: _dt.date, last: _dt.date) -> None:
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
    for other in axes.get_shared_x_axes().get_siblings(axes):
        if other is not axes:
            other.tick_params(labelbottom=False)
        other.grid(axis="x", which="major", color="#e5e5e5", linewidth=0.6)
        other.set_axisbelow(True)
