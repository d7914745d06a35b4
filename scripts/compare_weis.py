"""Compare the yearly Goldstein series of the shipped codings with WEIS, 1966-1991.

    python scripts/compare_weis.py PATH/TO/weis.fromlai.1966-93.dta

WEIS (World Event/Interaction Survey) 1966-1992 is read from the Stata file
``weis.fromlai.1966-93.dta`` in the repository ``github:thynec/CoupCats``, branch ``data``
(fetched at curation time; it is not shipped and not a dependency). Its rows are directed
events with COW codes of source and target (``srccc``, ``targcc``), a year, the WEIS code and a
Goldstein weight (``gscale``). The PRC is COW 710 and the USSR 365.

The script rewrites the part of docs/weis.md between the ``generated`` markers (the table, the
correlation) and docs/weis.png; the prose around them is kept. It needs pandas and matplotlib.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import sinosoviet

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "weis.md"
PICTURE = ROOT / "docs" / "weis.png"
START, END = "<!-- generated:start -->", "<!-- generated:end -->"
FIRST, LAST = 1966, 1991


def pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def main(path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    weis = pd.read_stata(path)
    pair = weis[((weis.srccc == 710) & (weis.targcc == 365)) | ((weis.srccc == 365) & (weis.targcc == 710))]
    by_year = pair.groupby("year").agg(events=("gscale", "size"), net=("gscale", "sum"))
    ours = {
        row.period.year: row
        for row in sinosoviet.goldstein_series(parties=("prc", "ussr"), start=FIRST, end=LAST)
    }
    years = list(range(FIRST, LAST + 1))
    our_net = [ours[y].net for y in years]
    weis_net = [float(by_year.loc[y, "net"]) if y in by_year.index else 0.0 for y in years]
    weis_n = [int(by_year.loc[y, "events"]) if y in by_year.index else 0 for y in years]
    r = pearson(our_net, weis_net)
    r_counts = pearson([float(ours[y].events) for y in years], [float(n) for n in weis_n])

    lines = [
        START,
        "",
        f"Pearson correlation of the yearly net, {FIRST}–{LAST} ({len(years)} years): "
        f"**r = {r:.2f}**. Of the yearly number of events: r = {r_counts:.2f}.",
        f"Codings counted here: {sum(ours[y].events for y in years)}; WEIS events: {sum(weis_n)}.",
        "",
        "| year | events | net | WEIS events | WEIS net |",
        "| --- | --- | --- | --- | --- |",
    ]
    for y, n_w, net_w in zip(years, weis_n, weis_net, strict=True):
        lines.append(f"| {y} | {ours[y].events} | {ours[y].net:.1f} | {n_w} | {net_w:.1f} |")
    lines += ["", "![The yearly net of sinosoviet and of WEIS](weis.png)", "", END]

    text = PAGE.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    PAGE.write_text(head + "\n".join(lines) + tail, encoding="utf-8")

    figure, axis = plt.subplots(figsize=(9, 4.5), dpi=110)
    axis.axhline(0, color="#999999", linewidth=0.8)
    axis.plot(years, our_net, marker="o", label="sinosoviet (PRC–USSR codings)", color="#b2182b")
    axis.set_ylabel("sinosoviet net (sum of Goldstein weights)")
    other = axis.twinx()
    other.plot(years, weis_net, marker="s", label="WEIS (PRC–USSR, both directions)", color="#2166ac")
    other.set_ylabel("WEIS net")
    axis.set_title(f"Yearly Goldstein net, PRC–USSR, {FIRST}–{LAST} (r = {r:.2f})")
    handles = axis.get_legend_handles_labels()[0] + other.get_legend_handles_labels()[0]
    labels = axis.get_legend_handles_labels()[1] + other.get_legend_handles_labels()[1]
    axis.legend(handles, labels, loc="lower right", fontsize=8)
    figure.tight_layout()
    figure.savefig(PICTURE)
    print(f"r = {r:.3f} (counts r = {r_counts:.3f}); wrote {PAGE} and {PICTURE}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
