"""Draw docs/timeline.png (the picture the README shows) and the gallery of docs/gallery.md.

Run it after the data changes (needs the plot extra: ``pip install -e ".[plot]"``)::

    python scripts/make_timeline.py            # writes docs/timeline.png and docs/gallery/*.png
    python scripts/make_timeline.py out.svg    # only the default picture, to any path

Each gallery picture is one call of `sinosoviet.plot.plot_timeline`; `GALLERY` lists them,
and docs/gallery.md shows each with the code that draws it (a test checks the two agree).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import sinosoviet
from sinosoviet.plot import plot_timeline

DOCS: Final = Path(__file__).resolve().parent.parent / "docs"
DEFAULT: Final = DOCS / "timeline.png"


def _whole() -> dict[str, Any]:
    return {}


def _year_1969() -> dict[str, Any]:
    return {
        "start": 1969,
        "end": 1969,
        "events": sinosoviet.events(start=1969, end=1969, mode="within"),
    }


def _alliance() -> dict[str, Any]:
    return {"start": 1949, "end": 1960, "title": "The alliance and its unravelling, 1949–1960"}


#: (file under docs/gallery/, caption, the options of plot_timeline as the page shows them, maker)
GALLERY: Final[tuple[tuple[str, str, str, Callable[[], dict[str, Any]]], ...]] = (
    ("whole-period.png", "The whole period, 1917–1991: the defaults", "plot_timeline()", _whole),
    (
        "year-1969.png",
        "1969 alone: every event certainly inside the year",
        'plot_timeline(start=1969, end=1969, events=sinosoviet.events(start=1969, end=1969, mode="within"))',
        _year_1969,
    ),
    (
        "alliance-1949-1960.png",
        "1949–1960: the key events of the alliance years, with a title of one's own",
        'plot_timeline(start=1949, end=1960, title="The alliance and its unravelling, 1949–1960")',
        _alliance,
    ),
)


def main(argv: list[str]) -> int:
    if argv:
        out = Path(argv[0])
        out.parent.mkdir(parents=True, exist_ok=True)
        figure = plot_timeline(path=out)
        width, height = (round(x) for x in figure.get_size_inches() * figure.dpi)
        print(f"wrote {out} ({width}×{height} px)")
        return 0
    plot_timeline(path=DEFAULT)
    print(f"wrote {DEFAULT}")
    (DOCS / "gallery").mkdir(exist_ok=True)
    for name, _caption, _code, options in GALLERY:
        out = DOCS / "gallery" / name
        plot_timeline(path=out, **options())
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
