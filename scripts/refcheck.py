"""Interim reference check for curators: every id a record names must exist.

Run: python scripts/refcheck.py [FOLDER]   (default: the shipped data)
Superseded by `sinosoviet check` once the checks issue lands.
"""

from __future__ import annotations

import sys
from collections import Counter
from itertools import pairwise

import sinosoviet


def main() -> int:
    data = sinosoviet.load(sys.argv[1] if len(sys.argv) > 1 else None)
    actors, events, sources = data.actors_by_id, data.events_by_id, data.sources_by_id
    problems: list[str] = []
    for stem in ("sources", "actors", "events", "relations", "treaties", "tenures"):
        for rid, n in Counter(r.id for r in getattr(data, stem)).items():
            if n > 1:
                problems.append(f"{stem}: id {rid!r} appears {n} times")
    for record in data.records():
        for cite in getattr(record, "citations", ()):
            if cite.source not in sources:
                problems.append(f"{record.id}: cites unknown source {cite.source!r}")
        for variant in getattr(record, "variants", ()):
            for cite in variant.citations:
                if cite.source not in sources:
                    problems.append(f"{record.id}: variant cites unknown source {cite.source!r}")
    for actor in data.actors:
        for ref in actor.predecessors + actor.successors + actor.member_of:
            if ref not in actors:
                problems.append(f"actor {actor.id}: unknown actor {ref!r}")
    for event in data.events:
        for p in event.participants:
            if p.actor not in actors:
                problems.append(f"event {event.id}: unknown participant {p.actor!r}")
            elif (
                not (
                    actors[p.actor].lifespan.earliest <= event.when.latest
                    and event.when.earliest <= actors[p.actor].lifespan.latest
                )
                and p.role != "subject"
            ):
                life = actors[p.actor].lifespan
                problems.append(f"event {event.id} ({event.when}): {p.actor} not alive/existing ({life})")
        for link in event.links:
            if link.target not in events:
                problems.append(f"event {event.id}: link to unknown event {link.target!r}")
    for rel in data.relations:
        for party in rel.parties:
            if party not in actors:
                problems.append(f"relation {rel.id}: unknown party {party!r}")
        for ref in (rel.opened_by, rel.closed_by):
            if ref is not None and ref not in events:
                problems.append(f"relation {rel.id}: unknown event {ref!r}")
    for treaty in data.treaties:
        for party in treaty.parties:
            if party not in actors:
                problems.append(f"treaty {treaty.id}: unknown party {party!r}")
    for tenure in data.tenures:
        for ref in (tenure.holder, tenure.organization):
            if ref not in actors:
                problems.append(f"tenure {tenure.id}: unknown actor {ref!r}")
    by_pair: dict[tuple[str, str], list[sinosoviet.Relation]] = {}
    for rel in data.relations:
        by_pair.setdefault(rel.parties, []).append(rel)
    for pair, periods in by_pair.items():
        for a, b in pairwise(periods):
            if not (
                isinstance(a.when.end, sinosoviet.PartialDate)
                and isinstance(b.when.start, sinosoviet.PartialDate)
            ):
                problems.append(f"relations {pair}: {a.id} -> {b.id} has an open/unknown inner end")
                continue
            from datetime import timedelta

            if a.when.end.latest + timedelta(days=1) != b.when.start.earliest:
                problems.append(
                    f"relations {pair}: gap or overlap between {a.id} ({a.when}) and {b.id} ({b.when})"
                )
    print("\n".join(problems) or f"ok: {data}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
