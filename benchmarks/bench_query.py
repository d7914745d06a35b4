"""Benchmark of the query layer, run by hand (not part of the test suite).

    python benchmarks/bench_query.py                 # 1,000, 100,000 and 1,000,000 events
    python benchmarks/bench_query.py --sizes 1000    # a quick run

Prints Markdown tables for docs/performance.md: per-query median latency of sinosoviet's
indexes against a brute-force scan, sqlite3 in memory (B-tree indexes, and an R*Tree), and a
pandas boolean mask; index build time; load time of the shipped data against json.loads;
cold start against ``import attrs, json``. Synthetic datasets are built through the public
record types. pandas is optional (``pip install sinosoviet[pandas]``); without it that column
is left out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sinosoviet
from sinosoviet import (
    Actor,
    ActorKind,
    Citation,
    Dataset,
    Event,
    EventKind,
    Interval,
    IntervalEnd,
    PartialDate,
    Participant,
    Relation,
    RelationStatus,
    Role,
)
from sinosoviet.query import PRINCIPAL_CHAIN

try:
    import numpy as np
    import pandas as pd
except ImportError:  # the pandas column is optional
    pd = None
    np = None

CITE = (Citation(source="synthetic"),)
FIRST_YEAR, LAST_YEAR = 1917, 1991
FIRST_DAY = dt.date(FIRST_YEAR, 1, 1).toordinal()
LAST_DAY = dt.date(LAST_YEAR, 12, 31).toordinal()


# -- synthetic data --------------------------------------------------------------------------------


def _day(ordinal: int, cache: dict[int, PartialDate]) -> PartialDate:
    found = cache.get(ordinal)
    if found is None:
        day = dt.date.fromordinal(ordinal)
        found = cache[ordinal] = PartialDate(year=day.year, month=day.month, day=day.day)
    return found


def synthetic(n_events: int, seed: int = 5) -> Dataset:
    """Events with realistic spans and Zipf-distributed actors, and relation periods for the chain.

    Spans, after the shipped data's mix: 55% one day, 15% a month, 10% a run of 1-60 days, 15% a
    year, 4% 1-5 years, 0.8% 5-30 years, 0.2% open-ended. Actors: n/500 of them (at least 50),
    drawn with weight 1/rank, 1-3 per event.
    """
    rng = random.Random(seed)
    days: dict[int, PartialDate] = {}
    n_actors = max(50, n_events // 500)
    actor_ids = [f"actor-{i}" for i in range(n_actors)]
    chain_ids = sorted({p for link in PRINCIPAL_CHAIN for p in link.parties})
    everyone = Interval(start=IntervalEnd.OPEN, end=IntervalEnd.OPEN)
    actors = [
        Actor(id=a, kind=ActorKind.STATE, name=a.replace("-", " ").title(), lifespan=everyone, citations=CITE)
        for a in actor_ids + chain_ids
    ]
    weights = [1 / (rank + 1) for rank in range(n_actors)]
    participants = {a: [Participant(actor=a, role=r) for r in Role] for a in actor_ids}
    kinds = list(EventKind)
    events = []
    for number in range(n_events):
        first = rng.randint(FIRST_DAY, LAST_DAY)
        shape = rng.random()
        when: PartialDate | Interval
        if shape < 0.55:
            when = _day(first, days)
        elif shape < 0.70:
            day = dt.date.fromordinal(first)
            when = PartialDate(year=day.year, month=day.month)
        elif shape < 0.80:
            when = Interval(start=_day(first, days), end=_day(first + rng.randint(1, 60), days))
        elif shape < 0.95:
            when = PartialDate(year=dt.date.fromordinal(first).year)
        elif shape < 0.99:
            when = Interval(start=_day(first, days), end=_day(first + rng.randint(365, 5 * 365), days))
        elif shape < 0.998:
            when = Interval(start=_day(first, days), end=_day(first + rng.randint(5 * 365, 30 * 365), days))
        else:
            when = Interval(start=_day(first, days), end=IntervalEnd.OPEN)
        chosen = set(rng.choices(actor_ids, weights, k=rng.randint(1, 3)))
        events.append(
            Event(
                id=f"e{number}",
                when=when,
                title="A synthetic event",
                kind=rng.choice(kinds),
                participants=tuple(rng.choice(participants[a]) for a in sorted(chosen)),
                citations=CITE,
            )
        )
    relations = []
    n_periods = max(10, n_events // 1000)
    for link in PRINCIPAL_CHAIN:
        cuts = sorted(rng.sample(range(FIRST_DAY, LAST_DAY), n_periods))
        for number, (start, after) in enumerate(itertools.pairwise(cuts)):
            relations.append(
                Relation(
                    id=f"{'-'.join(link.parties)}-{number}",
                    parties=link.parties,
                    status=rng.choice(list(RelationStatus)),
                    when=Interval(start=_day(start, days), end=_day(after - 1, days)),
                    citations=CITE,
                )
            )
    return Dataset(actors=actors, events=events, relations=relations)


# -- the competitors -------------------------------------------------------------------------------


class Brute:
    """A plain scan over precomputed day ordinals, as a user would write it."""

    def __init__(self, data: Dataset) -> None:
        self.rows = [(e.when.earliest.toordinal(), e.when.latest.toordinal(), e) for e in data.events]
        self.relations = [(r.when.earliest.toordinal(), r.when.latest.toordinal(), r) for r in data.relations]

    def window(self, lo: int, hi: int) -> list[Event]:
        found = [(f, la, e.id, e) for f, la, e in self.rows if f <= hi and la >= lo]
        return [row[3] for row in sorted(found, key=lambda r: r[:3])]

    def actor(self, actor_id: str, lo: int = FIRST_DAY - 10**6, hi: int = LAST_DAY + 10**7) -> list[Event]:
        found = [
            (f, la, e.id, e)
            for f, la, e in self.rows
            if f <= hi and la >= lo and any(p.actor == actor_id for p in e.participants)
        ]
        return [row[3] for row in sorted(found, key=lambda r: r[:3])]

    def status_on(self, day: int, pair: tuple[str, str]) -> Relation | None:
        return next((r for f, la, r in self.relations if r.parties == pair and f <= day <= la), None)


class Sqlite:
    """sqlite3 in memory: B-tree indexes on the bounds and on (actor, rank), and an R*Tree."""

    def __init__(self, data: Dataset, events: tuple[Event, ...]) -> None:
        self.events = events
        db = self.db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE ev (rank INTEGER PRIMARY KEY, first INTEGER, last INTEGER)")
        db.execute("CREATE TABLE part (actor TEXT, rank INTEGER, first INTEGER, last INTEGER)")
        db.execute("CREATE VIRTUAL TABLE ev_rtree USING rtree_i32(rank, first, last)")
        db.execute("CREATE TABLE rel (pair TEXT, first INTEGER, last INTEGER, position INTEGER)")
        rows = [
            (rank, e.when.earliest.toordinal(), e.when.latest.toordinal()) for rank, e in enumerate(events)
        ]
        db.executemany("INSERT INTO ev VALUES (?, ?, ?)", rows)
        db.executemany("INSERT INTO ev_rtree VALUES (?, ?, ?)", rows)
        db.executemany(
            "INSERT INTO part VALUES (?, ?, ?, ?)",
            (
                (p.actor, rank, f, la)
                for (rank, f, la), e in zip(rows, events, strict=True)
                for p in e.participants
            ),
        )
        self.relations = data.relations
        db.executemany(
            "INSERT INTO rel VALUES (?, ?, ?, ?)",
            (
                ("/".join(r.parties), r.when.earliest.toordinal(), r.when.latest.toordinal(), i)
                for i, r in enumerate(data.relations)
            ),
        )
        db.execute("CREATE INDEX ev_first ON ev (first, last)")
        db.execute("CREATE INDEX ev_last ON ev (last, first)")
        db.execute("CREATE INDEX part_actor ON part (actor, first, last)")
        db.execute("CREATE INDEX rel_pair ON rel (pair, first)")
        db.execute("ANALYZE")

    def window(self, lo: int, hi: int) -> list[Event]:
        cursor = self.db.execute(
            "SELECT rank FROM ev WHERE first <= ? AND last >= ? ORDER BY first, last, rank", (hi, lo)
        )
        return [self.events[r] for (r,) in cursor]

    def window_rtree(self, lo: int, hi: int) -> list[Event]:
        cursor = self.db.execute(
            "SELECT rank FROM ev_rtree WHERE first <= ? AND last >= ? ORDER BY rank", (hi, lo)
        )
        return [self.events[r] for (r,) in cursor]

    def actor(self, actor_id: str, lo: int = -(10**9), hi: int = 10**9) -> list[Event]:
        cursor = self.db.execute(
            "SELECT DISTINCT rank FROM part WHERE actor = ? AND first <= ? AND last >= ? ORDER BY rank",
            (actor_id, hi, lo),
        )
        return [self.events[r] for (r,) in cursor]

    def status_on(self, day: int, pair: tuple[str, str]) -> Relation | None:
        row = self.db.execute(
            "SELECT last, position FROM rel WHERE pair = ? AND first <= ? ORDER BY first DESC LIMIT 1",
            ("/".join(pair), day),
        ).fetchone()
        return self.relations[row[1]] if row and row[0] >= day else None


class Pandas:
    """A pandas boolean mask over columns of day ordinals."""

    def __init__(self, data: Dataset, events: tuple[Event, ...]) -> None:
        assert pd is not None
        self.events = events
        self.frame = pd.DataFrame(
            {
                "first": np.fromiter((e.when.earliest.toordinal() for e in events), dtype=np.int64),
                "last": np.fromiter((e.when.latest.toordinal() for e in events), dtype=np.int64),
            }
        )
        pairs = [(p.actor, rank) for rank, e in enumerate(events) for p in e.participants]
        part = pd.DataFrame(pairs, columns=["actor", "rank"])
        part["actor"] = part["actor"].astype("category")
        part["first"] = self.frame["first"].to_numpy()[part["rank"].to_numpy()]
        part["last"] = self.frame["last"].to_numpy()[part["rank"].to_numpy()]
        self.part = part
        self.relations = data.relations
        self.rel = pd.DataFrame(
            {
                "pair": ["/".join(r.parties) for r in data.relations],
                "first": [r.when.earliest.toordinal() for r in data.relations],
                "last": [r.when.latest.toordinal() for r in data.relations],
            }
        )

    def window(self, lo: int, hi: int) -> list[Event]:
        frame = self.frame
        mask = (frame["first"].to_numpy() <= hi) & (frame["last"].to_numpy() >= lo)
        return [self.events[i] for i in np.flatnonzero(mask)]

    def actor(self, actor_id: str, lo: int = -(10**9), hi: int = 10**9) -> list[Event]:
        part = self.part
        mask = (part["actor"] == actor_id).to_numpy().copy()
        mask &= (part["first"].to_numpy() <= hi) & (part["last"].to_numpy() >= lo)
        return [self.events[i] for i in np.unique(part["rank"].to_numpy()[mask])]

    def status_on(self, day: int, pair: tuple[str, str]) -> Relation | None:
        rel = self.rel
        mask = (rel["pair"].to_numpy() == "/".join(pair)) & (rel["first"].to_numpy() <= day)
        mask &= rel["last"].to_numpy() >= day
        hits = np.flatnonzero(mask)
        return self.relations[hits[0]] if len(hits) else None


# -- timing ----------------------------------------------------------------------------------------


def median_seconds(run: Callable[[Any], Any], inputs: list[Any], budget: float = 0.4) -> float:
    """Median time of one call, over the inputs cycled, with a loop per sample for short calls."""
    run(inputs[0])
    start = time.perf_counter()
    run(inputs[0])
    once = max(time.perf_counter() - start, 1e-7)
    loops = max(1, min(1000, int(0.002 / once)))
    samples = max(3, min(len(inputs), int(budget / (once * loops)) or 3))
    times = []
    gc.disable()
    try:
        for k in range(samples):
            value = inputs[k % len(inputs)]
            start = time.perf_counter()
            for _ in range(loops):
                run(value)
            times.append((time.perf_counter() - start) / loops)
    finally:
        gc.enable()
    return statistics.median(times)


def timed(build: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = build()
    return value, time.perf_counter() - start


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def bench_size(n_events: int, rng: random.Random, slow_budget: float) -> list[str]:
    data, made = timed(lambda: synthetic(n_events))
    query = data.query
    _, built = timed(lambda: query.events(start=dt.date(1950, 1, 1), end=dt.date(1950, 1, 1)))
    _, built_actors = timed(lambda: query.actor("actor-0"))
    _, built_relations = timed(lambda: query.status_on(dt.date(1950, 1, 1)))
    from sinosoviet.query import _event_index

    ranked = _event_index(data).records
    brute, brute_built = timed(lambda: Brute(data))
    sql, sql_built = timed(lambda: Sqlite(data, ranked))
    frame, frame_built = timed(lambda: Pandas(data, ranked)) if pd is not None else (None, None)

    counts: dict[str, int] = {}
    for e in data.events:
        for p in e.participants:
            counts[p.actor] = counts.get(p.actor, 0) + 1
    frequent = max(counts, key=lambda a: counts[a])
    rare = min((a for a in counts if counts[a] >= 5), key=lambda a: counts[a], default=frequent)
    middling = min(counts, key=lambda a: abs(counts[a] - len(data.events) // 100))

    def weeks() -> list[tuple[dt.date, dt.date]]:
        out = []
        for _ in range(200):
            start = dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY - 7))
            out.append((start, start + dt.timedelta(days=6)))
        return out

    def years() -> list[tuple[dt.date, dt.date]]:
        return [
            (dt.date(y, 1, 1), dt.date(y, 12, 31))
            for y in (rng.randint(FIRST_YEAR, LAST_YEAR) for _ in range(50))
        ]

    def days() -> list[dt.date]:
        return [dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY)) for _ in range(500)]

    week_windows, year_windows = weeks(), years()
    pair = ("prc", "ussr")
    cases: list[tuple[str, list[Any], Callable[[Any], Any], dict[str, Callable[[Any], Any] | None]]] = [
        (
            "one-week window",
            week_windows,
            lambda w: query.events(start=w[0], end=w[1]),
            {
                "brute": lambda w: brute.window(w[0].toordinal(), w[1].toordinal()),
                "sqlite": lambda w: sql.window(w[0].toordinal(), w[1].toordinal()),
                "sqlite R*Tree": lambda w: sql.window_rtree(w[0].toordinal(), w[1].toordinal()),
                "pandas": (lambda w: frame.window(w[0].toordinal(), w[1].toordinal())) if frame else None,
            },
        ),
        (
            "one-year window",
            year_windows,
            lambda w: query.events(start=w[0], end=w[1]),
            {
                "brute": lambda w: brute.window(w[0].toordinal(), w[1].toordinal()),
                "sqlite": lambda w: sql.window(w[0].toordinal(), w[1].toordinal()),
                "sqlite R*Tree": lambda w: sql.window_rtree(w[0].toordinal(), w[1].toordinal()),
                "pandas": (lambda w: frame.window(w[0].toordinal(), w[1].toordinal())) if frame else None,
            },
        ),
        (
            f"rare actor ({counts[rare]} events)",
            [rare],
            lambda a: query.events(actor=a),
            {
                "brute": brute.actor,
                "sqlite": sql.actor,
                "sqlite R*Tree": None,
                "pandas": frame.actor if frame else None,
            },
        ),
        (
            f"middling actor ({counts[middling]:,} events), one-year window",
            [(middling, w) for w in year_windows],
            lambda x: query.events(actor=x[0], start=x[1][0], end=x[1][1]),
            {
                "brute": lambda x: brute.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()),
                "sqlite": lambda x: sql.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()),
                "sqlite R*Tree": None,
                "pandas": (lambda x: frame.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()))
                if frame
                else None,
            },
        ),
        (
            "frequent actor, one-year window",
            [(frequent, w) for w in year_windows],
            lambda x: query.events(actor=x[0], start=x[1][0], end=x[1][1]),
            {
                "brute": lambda x: brute.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()),
                "sqlite": lambda x: sql.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()),
                "sqlite R*Tree": None,
                "pandas": (lambda x: frame.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()))
                if frame
                else None,
            },
        ),
        (
            "frequent actor, one-week window",
            [(frequent, w) for w in week_windows],
            lambda x: query.events(actor=x[0], start=x[1][0], end=x[1][1]),
            {
                "brute": lambda x: brute.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()),
                "sqlite": lambda x: sql.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()),
                "sqlite R*Tree": None,
                "pandas": (lambda x: frame.actor(x[0], x[1][0].toordinal(), x[1][1].toordinal()))
                if frame
                else None,
            },
        ),
        (
            "status_on(date, pair)",
            days(),
            lambda d: query.status_on(d, pair),
            {
                "brute": lambda d: brute.status_on(d.toordinal(), pair),
                "sqlite": lambda d: sql.status_on(d.toordinal(), pair),
                "sqlite R*Tree": None,
                "pandas": (lambda d: frame.status_on(d.toordinal(), pair)) if frame else None,
            },
        ),
        ("status_on(date), principal chain", days(), query.status_on, {}),
        ("status_on('1969-03-02')", ["1969-03-02"], query.status_on, {}),
    ]
    lines = [
        f"\n### {n_events:,} events ({len(data.actors):,} actors, "
        f"{len(data.relations):,} relation periods)\n",
        f"Built in {made:.1f} s through the public records. Index build on first query: events "
        f"{fmt(built)}, actors {fmt(built_actors)}, relations {fmt(built_relations)}. "
        f"Competitors' setup: brute-force rows {fmt(brute_built)}, sqlite3 {fmt(sql_built)}, "
        f"pandas {fmt(frame_built)}.\n",
        "| query | results (median) | sinosoviet | brute force | sqlite3 B-tree | sqlite3 R*Tree | pandas | "
        "speed-up vs best of sqlite3/pandas |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, inputs, ours, others in cases:
        sizes = [len(r) if isinstance(r, tuple) else int(r is not None) for r in map(ours, inputs[:50])]
        for label, other in others.items():
            if other is not None:  # the answers agree before anything is timed
                for value in inputs[:20]:
                    theirs = other(value)
                    mine = ours(value)
                    if isinstance(mine, tuple):
                        assert sorted(e.id for e in theirs) == sorted(e.id for e in mine), (name, label)
                    else:
                        assert theirs == mine, (name, label)
        mine_time = median_seconds(ours, inputs)
        budget = slow_budget if n_events >= 100_000 else 0.4
        times = {
            label: median_seconds(other, inputs, budget) if other else None for label, other in others.items()
        }
        best = [
            t
            for label, t in times.items()
            if t is not None and label in ("sqlite", "sqlite R*Tree", "pandas")
        ]
        speedup = f"{min(best) / mine_time:,.0f}×" if best else "–"
        lines.append(
            f"| {name} | {statistics.median(sizes):,.0f} | {fmt(mine_time)} | {fmt(times.get('brute'))} | "
            f"{fmt(times.get('sqlite'))} | {fmt(times.get('sqlite R*Tree'))} | {fmt(times.get('pandas'))} | "
            f"{speedup} |"
        )
    return lines


# -- the shipped data and cold start ---------------------------------------------------------------


def bench_shipped() -> list[str]:
    from sinosoviet import dataset as dataset_module
    from sinosoviet._convert import FILE_TYPES, structure_records

    folder = Path(sinosoviet.__file__).parent / "data"
    texts = {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}
    size = sum(map(len, texts.values()))
    data = sinosoviet.load()

    def read_all(trusted: bool) -> None:
        shipped = dataset_module._load_shipped() if trusted else sinosoviet.load(folder)
        for stem in dataset_module._FILE_STEMS:
            getattr(shipped, stem)

    load_time = median_seconds(lambda _: read_all(True), [None], 1.0)
    checked_time = median_seconds(lambda _: read_all(False), [None], 1.0)
    relations_time = median_seconds(lambda _: dataset_module._load_shipped().relations, [None], 1.0)
    json_time = median_seconds(lambda _: [json.loads(t) for t in texts.values()], [None], 1.0)
    parsed = {name: json.loads(text) for name, text in texts.items()}
    cattrs_time = median_seconds(
        lambda _: [
            structure_records(raw, FILE_TYPES[name.removesuffix(".json").split("-", 1)[0]], name)
            for name, raw in parsed.items()
        ],
        [None],
        1.0,
    )
    query = data.query
    first_actor = data.actors[0].name if data.actors else "prc"
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("events(start=1969, end=1969)", lambda: query.events(start=1969, end=1969)),
        ("events(start='1949-10', end='1950-02')", lambda: query.events(start="1949-10", end="1950-02")),
        (
            "events(actor='prc', include_successors=True)",
            lambda: query.events(actor="prc", include_successors=True),
        ),
        ("events(kind='treaty')", lambda: query.events(kind="treaty")),
        (f"actor({first_actor!r})", lambda: query.actor(first_actor)),
        ("actor('prc')", lambda: query.actor("prc")),
        ("status_on('1969-03-02')", lambda: query.status_on("1969-03-02")),
        ("status_on(date(1969, 3, 2))", lambda: query.status_on(dt.date(1969, 3, 2))),
        ("relations(parties=('prc', 'ussr'))", lambda: query.relations(parties=("prc", "ussr"))),
        ("treaties(in_force_on='1950-02-14')", lambda: query.treaties(in_force_on="1950-02-14")),
        ("office_holders('1969-03-02')", lambda: query.office_holders("1969-03-02")),
        (
            "sinosoviet.status_on('1969-03-02') (module function)",
            lambda: sinosoviet.query.status_on("1969-03-02"),
        ),
    ]
    lines = [
        f"\n### The shipped data ({len(data.events)} events, {len(data.actors)} actors, "
        f"{len(data.relations)} relation periods, {size / 1024:.0f} KiB of JSON)\n",
        f"Reading every shipped file (parse, trusted build, sort): {fmt(load_time)}; only the "
        f"relation periods, as a first `status_on` does: {fmt(relations_time)}; every file "
        f"validated, as `load(folder)` reads a user's data: {fmt(checked_time)}; `json.loads` of "
        f"the same files: {fmt(json_time)}; the cattrs converter on the parsed JSON alone: "
        f"{fmt(cattrs_time)}.\n",
        "| query | results | median |",
        "|---|---:|---:|",
    ]
    for name, run in cases:
        result = run()
        count = len(result) if isinstance(result, tuple) else int(result is not None)
        lines.append(f"| `{name}` | {count} | {fmt(median_seconds(lambda _, run=run: run(), [None]))} |")
    return lines


def cold_start(repeat: int) -> list[str]:
    programs = {
        "python -c pass": "pass",
        "import attrs, json": "import attrs, json",
        "import sinosoviet": "import sinosoviet",
        "import sinosoviet; sinosoviet.status_on('1969-03-02')": (
            "import sinosoviet; from sinosoviet import query; query.status_on('1969-03-02')"
            if not hasattr(sinosoviet, "status_on")
            else "import sinosoviet; sinosoviet.status_on('1969-03-02')"
        ),
        "import cattrs (for scale)": "import cattrs",
    }
    # As an installed package runs: with bytecode caches (this machine's environment sets
    # PYTHONDONTWRITEBYTECODE, which would add compiling every module to every start).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "sinosoviet-bench-pycache")
    times: dict[str, list[float]] = {label: [] for label in programs}
    cpu: dict[str, list[float]] = {label: [] for label in programs}
    for code in programs.values():
        subprocess.run([sys.executable, "-c", code], check=True, env=env)  # warm the caches
    # Rounds interleave the programs, so that a burst of load on the machine hits all alike.
    # CPU time (user + system, of the child) is reported beside wall time: on a shared machine
    # it moves less, since time spent waiting for a core is not counted.
    for _ in range(repeat):
        for label, code in programs.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            times[label].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[label].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    results = {label: statistics.median(values) for label, values in times.items()}
    cpu_results = {label: statistics.median(values) for label, values in cpu.items()}
    floor = results["import attrs, json"]
    cpu_floor = cpu_results["import attrs, json"]

    def spread(label: str) -> str:
        # The ratio in each round, against that round's floor: its quartiles.
        ratios = sorted(t / f for t, f in zip(times[label], times["import attrs, json"], strict=True))
        q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else [ratios[0]] * 3
        return f"{q[0]:.2f}–{q[2]:.2f}×"

    lines = [
        f"\n### Cold start (median of {repeat} fresh processes)\n",
        "| program | wall time | ratio to `import attrs, json` | middle half of the per-round ratios"
        " | CPU time | CPU ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| `{label}` | {fmt(t)} | {t / floor:.2f}× | {spread(label)} | {fmt(cpu_results[label])}"
        f" | {cpu_results[label] / cpu_floor:.2f}× |"
        for label, t in results.items()
    ]
    report = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            programs["import sinosoviet; sinosoviet.status_on('1969-03-02')"],
        ],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stderr
    stages = ("attrs and json", "sinosoviet.dates and .records", "rest of the package", "load()", "status_on")
    probe = (
        "import time; t = [time.perf_counter()]; import attrs, json; t.append(time.perf_counter()); "
        "import sinosoviet.records; t.append(time.perf_counter()); import sinosoviet; "
        "from sinosoviet import query; t.append(time.perf_counter()); sinosoviet.load(); "
        "t.append(time.perf_counter()); query.status_on('1969-03-02'); t.append(time.perf_counter()); "
        "print(*(b - a for a, b in zip(t, t[1:])))"
    )
    split: list[list[float]] = [[] for _ in stages]
    for _ in range(max(5, repeat // 3)):
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
        )
        for column, value in zip(split, out.stdout.split(), strict=True):
            column.append(float(value))
    lines.append(
        "\nWhere the time goes, in one process (medians): "
        + ", ".join(
            f"{name} {fmt(statistics.median(column))}" for name, column in zip(stages, split, strict=True)
        )
        + "."
    )
    rows = []
    for line in report.splitlines():
        if line.startswith("import time:") and "|" in line:
            parts = line.removeprefix("import time:").split("|")
            if parts[0].strip().isdigit():
                rows.append((int(parts[0]), parts[2].strip()))
    top = sorted(rows, reverse=True)[:12]
    lines.append(
        "\nLargest self import times (`python -X importtime`), µs: "
        + ", ".join(f"{n} {s:,}" for s, n in top)
        + "."
    )
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = [f"Python {platform.python_version()}", f"sqlite {sqlite3.sqlite_version}"]
    if pd is not None:
        versions.append(f"pandas {pd.__version__}")
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; " + ", ".join(versions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000])
    parser.add_argument("--cold-repeat", type=int, default=30)
    parser.add_argument(
        "--cold-only", action="store_true", help="measure the cold start and the shipped data only"
    )
    parser.add_argument(
        "--slow-budget", type=float, default=1.5, help="seconds per slow competitor and query"
    )
    args = parser.parse_args()
    rng = random.Random(1969)
    print(f"Machine: {machine()}; run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.")
    for line in cold_start(args.cold_repeat) + bench_shipped():
        print(line, flush=True)
    for size in [] if args.cold_only else args.sizes:
        for line in bench_size(size, rng, args.slow_budget):
            print(line, flush=True)
        gc.collect()


if __name__ == "__main__":
    main()
