"""Tests for sinosoviet.plot: the timeline renders with Agg, at the right size, labels apart."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from sinosoviet import RelationStatus
from test_export import toy_dataset

matplotlib = pytest.importorskip("matplotlib")

from sinosoviet.plot import DEFAULT_KINDS, plot_timeline, status_colour  # noqa: E402


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _labels(figure: Any, gid: str) -> list[Any]:
    return [t for axes in figure.axes for t in axes.texts if t.get_gid() == gid and t.get_visible()]


class TestFiles:
    """PNG and SVG files are written, non-empty, 1600 × 900 pixels (1152 × 648 points)."""

    def test_png(self, tmp_path: Path) -> None:
        out = tmp_path / "timeline.png"
        figure = plot_timeline(path=out)
        assert out.stat().st_size > 10_000
        assert _png_size(out) == (1600, 900)
        assert tuple(figure.get_size_inches() * figure.dpi) == (1600, 900)

    def test_svg(self, tmp_path: Path) -> None:
        out = tmp_path / "timeline.svg"
        plot_timeline(toy_dataset(), path=str(out))
        root = ET.parse(out).getroot()
        assert root.tag.endswith("svg")
        assert (root.get("width"), root.get("height")) == ("1152pt", "648pt")
        assert "prc–ussr" in out.read_text(encoding="utf-8") or out.stat().st_size > 10_000

    def test_no_file_without_a_path(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        figure = plot_timeline(toy_dataset())
        assert list(tmp_path.iterdir()) == []
        assert figure.axes


class TestContent:
    """Status bands, treaty spans and event labels that do not collide."""

    def test_event_labels_do_not_overlap(self) -> None:
        figure = plot_timeline()
        renderer = figure.canvas.get_renderer()
        for gid in ("event-label", "treaty-label"):
            boxes = [t.get_window_extent(renderer) for t in _labels(figure, gid)]
            for first, second in combinations(boxes, 2):
                assert not first.overlaps(second), (first, second)

    def test_labels_stay_inside_the_figure(self) -> None:
        figure = plot_timeline()
        renderer = figure.canvas.get_renderer()
        width, height = figure.get_size_inches() * figure.dpi
        for label in _labels(figure, "event-label") + _labels(figure, "treaty-label"):
            box = label.get_window_extent(renderer)
            assert box.x0 >= 0
            assert box.x1 <= width
            assert box.y1 <= height

    def test_toy_content(self) -> None:
        figure = plot_timeline(toy_dataset(), kinds=["military", "treaty"])
        status, _, events = figure.axes
        assert len(status.collections) == 6  # one band per relation period of the chain
        assert [t.get_text() for t in _labels(figure, "treaty-label")] == ["Treaty of Friendship, Alliance…"]
        titles = {t.get_text() for t in _labels(figure, "event-label")}
        assert {"Zhenbao clash", "Border war", "Skirmish 1978"} <= titles
        assert "Talks" not in titles  # a diplomatic event, not among the kinds asked for
        assert "military, treaty" in events.get_title(loc="left")

    def test_series_panel_draws_one_bar_per_coded_year(self) -> None:
        from test_series import _coded_toy

        data = _coded_toy()
        figure = plot_timeline(data, series=True)
        assert len(figure.axes) == 4
        bars = [p for p in figure.axes[0].patches if p.get_gid() == "series-bar"]
        coded = [r for r in data.query.goldstein_series(start=1917, end=1991) if r.events]
        assert len(bars) == len(coded) == 2
        assert sorted(round(b.get_height(), 6) for b in bars) == sorted(r.net for r in coded)
        assert len(plot_timeline(data).axes) == 3  # not drawn unless asked for

    def test_series_must_be_a_flag(self) -> None:
        with pytest.raises(TypeError, match="series must be True or False"):
            plot_timeline(toy_dataset(), series="yes")  # type: ignore[arg-type]

    def test_window(self) -> None:
        figure = plot_timeline(toy_dataset(), start="1960", end=1970)
        lo, hi = figure.axes[0].get_xlim()
        from matplotlib.dates import num2date

        assert num2date(lo).date() == dt.date(1960, 1, 1)
        assert num2date(hi).date() == dt.date(1971, 1, 1)
        titles = {t.get_text() for t in _labels(figure, "event-label")}
        assert "Prc proclaimed" not in titles

    def test_colour_scale_runs_from_alliance_to_armed_conflict(self) -> None:
        blue = status_colour(RelationStatus.ALLIANCE)
        red = status_colour(RelationStatus.ARMED_CONFLICT)
        assert blue[2] > blue[0]
        assert red[0] > red[2]
        assert len({status_colour(s) for s in RelationStatus}) == len(RelationStatus)

    def test_default_kinds(self) -> None:
        assert "military" in DEFAULT_KINDS


class TestArguments:
    """Bad arguments raise a clear error; a missing matplotlib names the extra."""

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            ({"start": "1991", "end": "1917"}, "after"),
            ({"start": "1917-13"}, "start: '1917-13' is not a date"),
            ({"kinds": ["battle"]}, "'battle' is not an event kind"),
            ({"kinds": []}, "empty"),
        ],
    )
    def test_bad_arguments(self, options: dict[str, Any], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            plot_timeline(toy_dataset(), **options)

    def test_missing_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(ImportError, match=r'pip install "sinosoviet\[plot\]"'):
            plot_timeline(toy_dataset())

    def test_pyplot_is_never_imported(self) -> None:
        code = (
            "import sys\n"
            "from sinosoviet.plot import plot_timeline\n"
            "plot_timeline()\n"
            "assert 'matplotlib.pyplot' not in sys.modules\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
