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

from sinosoviet.plot import (  # noqa: E402
    DEFAULT_KINDS,
    MAX_LABELS,
    SIZE,
    plot_timeline,
    status_colour,
    wrap_label,
)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _labels(figure: Any, gid: str) -> list[Any]:
    return [t for axes in figure.axes for t in axes.texts if t.get_gid() == gid and t.get_visible()]


class TestFiles:
    """PNG and SVG files are written, non-empty, 1280 × 720 pixels (921.6 × 518.4 points)."""

    def test_png(self, tmp_path: Path) -> None:
        out = tmp_path / "timeline.png"
        figure = plot_timeline(path=out)
        assert out.stat().st_size > 10_000
        assert _png_size(out) == (1280, 720)
        assert tuple(round(x) for x in figure.get_size_inches() * figure.dpi) == (1280, 720)

    def test_svg(self, tmp_path: Path) -> None:
        out = tmp_path / "timeline.svg"
        plot_timeline(toy_dataset(), path=str(out))
        root = ET.parse(out).getroot()
        assert root.tag.endswith("svg")
        assert (root.get("width"), root.get("height")) == ("921.6pt", "518.4pt")
        assert out.stat().st_size > 10_000

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
        treaty_labels = [" ".join(t.get_text().split()) for t in _labels(figure, "treaty-label")]
        assert treaty_labels == ["Treaty of Friendship, Alliance and Mutual Assistance"]
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


@pytest.fixture(scope="module")
def whole() -> Any:
    """The default picture of the shipped data, drawn once for the tests that read it."""
    return plot_timeline()


class TestSlideDefaults:
    """The default picture reads on a slide: key events only, whole words, statuses named."""

    def test_default_size_is_a_16_by_9_slide(self, whole: Any) -> None:
        assert tuple(whole.get_size_inches()) == SIZE
        assert tuple(round(x) for x in whole.get_size_inches() * whole.dpi) == (1280, 720)

    def test_key_events_only_and_at_most_the_label_limit(self, whole: Any) -> None:
        import sinosoviet

        key = sinosoviet.events(key=True)
        shown = [" ".join(t.get_text().split()) for t in _labels(whole, "event-label")]
        assert sorted(shown) == sorted(e.title for e in key)
        assert len(shown) <= MAX_LABELS
        assert "left out" not in whole.axes[-1].get_title(loc="left")

    def test_titles_are_wrapped_at_spaces_never_cut(self, whole: Any) -> None:
        import sinosoviet

        names = {t.name for t in sinosoviet.load().treaties}
        for label in _labels(whole, "treaty-label"):
            text = " ".join(label.get_text().split()).removesuffix(" (end unknown)")
            assert text in names
        for label in _labels(whole, "event-label"):
            text = label.get_text()
            assert "…" not in text
            assert all(len(line) <= 30 for line in text.split("\n")), text
            assert len(text.split("\n")) <= 3
        wrapped = wrap_label("Treaty of Friendship, Alliance and Mutual Assistance signed in Moscow")
        assert (
            wrapped.replace("\n", " ")
            == "Treaty of Friendship, Alliance and Mutual Assistance signed in Moscow"
        )
        assert len(wrapped.split("\n")) <= 3
        assert (
            wrap_label("Supercalifragilisticexpialidocious-long-word", 10)
            == "Supercalifragilisticexpialidocious-long-word"
        )

    def test_event_labels_do_not_overlap_each_other(self, whole: Any) -> None:
        renderer = whole.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in _labels(whole, "event-label")]
        for first, second in combinations(boxes, 2):
            assert not first.overlaps(second), (first, second)

    def test_status_band_is_labelled_by_status_and_marks_the_chain_switches(self, whole: Any) -> None:
        status = whole.axes[0]
        names = {t.get_text() for t in status.texts if t.get_gid() == "status-label"}
        assert names
        assert names <= {s.value.replace("_", " ") for s in RelationStatus}
        assert {"alliance", "hostility"} <= names
        everything = " ".join(t.get_text() for axes in whole.axes for t in axes.texts)
        assert "roc-ussr" not in everything
        assert "prc-ussr" not in everything
        switches = [t.get_text().strip() for t in status.texts if t.get_gid() == "chain-switch"]
        assert switches == ["ROC–USSR from 1922", "PRC–USSR from 1949", "PRC–Russia from 1991"]

    def test_year_and_month_events_are_drawn_over_their_period(self, whole: Any) -> None:
        from matplotlib.dates import num2date

        import sinosoviet

        spans = {
            tuple(num2date(x).date() for x in line.get_xdata())
            for axes in whole.axes
            for line in axes.lines
            if line.get_gid() == "event-span"
        }
        for event in sinosoviet.events(key=True):
            if event.when.earliest != event.when.latest:
                end = event.when.latest + dt.timedelta(days=1)
                assert (event.when.earliest, end) in spans, event.id
        # A year-only event spans its year: its label's stem stands mid-year, not on 1 January.
        year_only = sinosoviet.load().events_by_id["chiang-dismisses-soviet-advisers"]
        figure = plot_timeline(start=1926, end=1926, events=[year_only])
        assert {tuple(num2date(x).date() for x in line.get_xdata()) for line in figure.axes[-1].lines} >= {
            (dt.date(1926, 1, 1), dt.date(1927, 1, 1))
        }
        (label,) = _labels(figure, "event-label")
        assert num2date(label.get_position()[0]).date() == dt.date(1926, 7, 2)

    def test_the_title_says_the_period(self, whole: Any) -> None:
        assert whole.get_suptitle() == "China and Soviet power, 1917–1991"
        assert plot_timeline(toy_dataset(), start=1969, end=1969).get_suptitle().endswith(", 1969")
        assert (
            plot_timeline(toy_dataset(), start="1969-03", end="1969-05")
            .get_suptitle()
            .endswith(", March–May 1969")
        )
        assert plot_timeline(toy_dataset(), title="The alliance").get_suptitle() == "The alliance"


class TestOptions:
    """Events from any iterable, kinds, size, font size and the label limit."""

    def test_events_from_any_iterable(self) -> None:
        import sinosoviet

        chosen = sinosoviet.events(start=1969, end=1969, kind="military")
        figure = plot_timeline(start=1969, end=1969, events=(e for e in chosen))
        shown = {" ".join(t.get_text().split()) for t in _labels(figure, "event-label")}
        assert shown == {e.title for e in chosen}
        # Events outside the window are skipped; kinds filters the given events too.
        figure = plot_timeline(
            start=1969, end=1969, events=sinosoviet.events(kind="military"), kinds=["military"]
        )
        assert {" ".join(t.get_text().split()) for t in _labels(figure, "event-label")} == shown

    def test_size_and_font_size(self, tmp_path: Path) -> None:
        out = tmp_path / "big.png"
        figure = plot_timeline(toy_dataset(), size=(16, 9), font_size=14, path=out)
        assert _png_size(out) == (1600, 900)
        (heading,) = [t for t in figure.texts if t.get_text() == figure.get_suptitle()]
        assert heading.get_fontsize() == pytest.approx(14 * 1.6)

    def test_label_limit(self) -> None:
        import sinosoviet

        chosen = sinosoviet.events(start=1969, end=1969)
        figure = plot_timeline(start=1969, end=1969, events=chosen, max_labels=5)
        assert len(_labels(figure, "event-label")) == 5
        assert f"{len(chosen) - 5} beyond the 5-label limit" in figure.axes[-1].get_title(loc="left")

    @pytest.mark.parametrize(
        ("options", "error", "message"),
        [
            ({"events": ["mao-dies"]}, TypeError, r"events\[0\] must be an Event"),
            ({"events": "mao-dies"}, TypeError, "iterable of Event"),
            ({"size": (12.8,)}, TypeError, "size must be"),
            ({"size": (1, 1)}, ValueError, "too small"),
            ({"font_size": 0}, ValueError, "font_size must be positive"),
            ({"font_size": "big"}, TypeError, "font_size must be a number"),
            ({"max_labels": 2.5}, TypeError, "max_labels must be a whole number"),
            ({"title": 3}, TypeError, "title must be text"),
        ],
    )
    def test_bad_options(self, options: dict[str, Any], error: type[Exception], message: str) -> None:
        with pytest.raises(error, match=message):
            plot_timeline(toy_dataset(), **options)


def _gallery_script() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "make_timeline.py"
    spec = importlib.util.spec_from_file_location("make_timeline", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestGallery:
    """docs/gallery.md shows the pictures scripts/make_timeline.py draws, with their code."""

    def test_the_page_the_script_and_the_pictures_agree(self) -> None:
        docs = Path(__file__).resolve().parent.parent / "docs"
        page = (docs / "gallery.md").read_text(encoding="utf-8")
        gallery = _gallery_script().GALLERY
        assert len(gallery) == 3
        for name, caption, code, _options in gallery:
            assert f"## {caption}\n" in page
            assert f"](gallery/{name})" in page
            assert code.removesuffix(")") in page, code
            assert _png_size(docs / "gallery" / name) == (1280, 720)
        assert _png_size(docs / "timeline.png") == (1280, 720)
        index = (docs / "index.md").read_text(encoding="utf-8")
        assert "\ngallery\n" in index

    def test_each_variant_draws_clean(self) -> None:
        for name, _caption, _code, options in _gallery_script().GALLERY:
            figure = plot_timeline(**options())
            renderer = figure.canvas.get_renderer()
            labels = _labels(figure, "event-label")
            assert labels, name
            assert "left out" not in figure.axes[-1].get_title(loc="left"), name
            boxes = [t.get_window_extent(renderer) for t in labels]
            width, height = figure.get_size_inches() * figure.dpi
            for box in boxes:
                assert box.x0 >= 0
                assert box.x1 <= width
                assert box.y1 <= height
            for first, second in combinations(boxes, 2):
                assert not first.overlaps(second), name
