"""Draw docs/timeline.png, the picture the README shows, from the shipped data.

Run it after the data changes (needs the plot extra: ``pip install -e ".[plot]"``)::

    python scripts/make_timeline.py            # writes docs/timeline.png
    python scripts/make_timeline.py out.svg    # or any path; the extension picks the format
"""

from __future__ import annotations

import sys
from pathlib import Path

from sinosoviet.plot import plot_timeline

DEFAULT = Path(__file__).resolve().parent.parent / "docs" / "timeline.png"


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT
    out.parent.mkdir(parents=True, exist_ok=True)
    figure = plot_timeline(path=out)
    width, height = (round(x) for x in figure.get_size_inches() * figure.dpi)
    print(f"wrote {out} ({width}×{height} px)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
