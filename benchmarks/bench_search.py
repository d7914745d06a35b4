"""Benchmark of names and word search on the shipped data, run by hand (not part of the tests).

    python benchmarks/bench_search.py            # median of 2,000 calls each
    python benchmarks/bench_search.py --calls 200

Prints a Markdown table: for each query, its warm median latency, and two ratios that do not
depend on the machine: against a linear scan that answers the same question by brute force
(for a search, a substring test of every event's normalised text; for a name, `normalise` of
every name and alias), and against one `status_on(day)` call, the library's cheapest query.
It also prints the one-off cost of building the search index. The issue's bar: a name lookup
and a search each well under a millisecond warm.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import sinosoviet
from sinosoviet._index import normalise
from sinosoviet._search import SearchIndex
from sinosoviet.query import _event_index


def _median(call: Callable[[], object], calls: int) -> float:
    """Median seconds per call, over batches of ten."""
    call()  # warm: indexes built, caches filled
    samples = []
    for _ in range(max(calls // 10, 5)):
        start = time.perf_counter()
        for _ in range(10):
            call()
        samples.append((time.perf_counter() - start) / 10)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per query (default 2000)")
    args = parser.parse_args()

    data = sinosoviet.load()
    events = data.events
    texts = [
        normalise(
            " ".join([e.title, e.summary or "", *e.places, *e.tags, *(p.actor for p in e.participants)])
        )
        for e in events
    ]
    names = [(a.id, normalise(n)) for a in data.actors for n in (a.name, *(x.text for x in a.names))]

    def scan_text(text: str) -> Callable[[], object]:
        words = normalise(text).split()
        return lambda: [e for e, t in zip(events, texts, strict=True) if all(w in t for w in words)]

    def scan_name(text: str) -> Callable[[], object]:
        return lambda: [i for i, n in names if normalise(text) in n.split() or normalise(text) == n]

    base = _median(lambda: sinosoviet.status_on("1969-03-02"), args.calls)
    rows: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        ('actor("Stalin")', lambda: sinosoviet.actor("Stalin"), scan_name("Stalin")),
        ('actor("Хрущёв")', lambda: sinosoviet.actor("Хрущёв"), scan_name("Хрущёв")),
        ('actor("Mao Zedong")', lambda: sinosoviet.actor("Mao Zedong"), scan_name("Mao Zedong")),
        ('search("zhenbao")', lambda: sinosoviet.search("zhenbao"), scan_text("zhenbao")),
        ('search("treaty")', lambda: sinosoviet.search("treaty"), scan_text("treaty")),
        (
            'search("Chinese Eastern Railway")',
            lambda: sinosoviet.search("Chinese Eastern Railway"),
            scan_text("Chinese Eastern Railway"),
        ),
        (
            'search("railway", start=1929, end=1929)',
            lambda: sinosoviet.search("railway", start=1929, end=1929),
            scan_text("railway"),
        ),
        ('events(place="Harbin")', lambda: sinosoviet.events(place="Harbin"), scan_text("harbin")),
        (
            'event_links("sino-soviet-border-conflict-1969")',
            lambda: sinosoviet.event_links("sino-soviet-border-conflict-1969"),
            lambda: [
                e for e in events if any(x.target == "sino-soviet-border-conflict-1969" for x in e.links)
            ],
        ),
    ]
    print(f"{len(events)} events, {len(data.actors)} actors; status_on(day) takes {base * 1e6:.1f} µs\n")
    print("| query | median µs | scan / query | query / status_on |")
    print("| --- | ---: | ---: | ---: |")
    for label, query, scan in rows:
        took = _median(query, args.calls)
        scanned = _median(scan, max(args.calls // 10, 50))
        print(f"| `{label}` | {took * 1e6:.1f} | {scanned / took:.1f} | {took / base:.1f} |")

    records, actors = _event_index(data).records, dict(data.actors_by_id)
    build = _median(lambda: SearchIndex(records, actors), 50)
    print(f"\nBuilding the search index (once per dataset): {build * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
