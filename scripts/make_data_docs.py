"""Write the documentation pages made from the data and the code.

docs/sources.md (sources and coverage), docs/corrections.md and docs/crosswalk.md (the peer
episodes beside the records) are made whole from the shipped data; in docs/checks.md, the
catalogue (from its table to "## Warnings on the shipped data") is made from
`sinosoviet.checks.CATALOGUE`, and the prose around it is kept as written.

Run: python scripts/make_data_docs.py          (rewrites the pages that are out of date)
     python scripts/make_data_docs.py --check  (exit 1 when a page is out of date; the tests do this)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import sinosoviet
from sinosoviet import Dataset, Event, PartialDate, Record, Variant

DOCS = Path(__file__).resolve().parent.parent / "docs"
ARTICLE = "wikipedia-sino-soviet-relations"
STEMS = ("actors", "events", "relations", "treaties", "tenures")


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _citations(record: Record) -> Iterator[str]:
    """Every source id a record cites, in its citations, variants and external ids."""
    for citation in getattr(record, "citations", ()):
        yield citation.source
    for variant in getattr(record, "variants", ()):
        for citation in variant.citations:
            yield citation.source
    for external in getattr(record, "external_ids", ()):
        for citation in external.citations:
            yield citation.source


def _is_day(event: Event) -> bool:
    when = event.when
    start = when if isinstance(when, PartialDate) else when.start
    return isinstance(start, PartialDate) and start.day is not None


def figures(data: Dataset) -> dict[str, int]:
    """The headline numbers the docs state; tests compare them with the data."""
    crosswalks = sum(len(r.external_ids) for r in (*data.actors, *data.events, *data.treaties))
    variants = sum(len(getattr(r, "variants", ())) for r in data.records())
    return {
        "sources": len(data.sources),
        "actors": len(data.actors),
        "events": len(data.events),
        "relations": len(data.relations),
        "treaties": len(data.treaties),
        "tenures": len(data.tenures),
        "events_day_precision": sum(_is_day(e) for e in data.events),
        "crosswalk_ids": crosswalks,
        "variants": variants,
    }


def sources_page(data: Dataset) -> str:
    numbers = figures(data)
    cited_by: Counter[str] = Counter()
    for record in data.records():
        for source in set(_citations(record)):
            cited_by[source] += 1
    decades = Counter((e.when.earliest.year // 10) * 10 for e in data.events)
    share = 100 * numbers["events_day_precision"] / max(1, numbers["events"])
    lines = [
        "# Sources and coverage",
        "",
        "This page is generated from the data by `scripts/make_data_docs.py`; a test fails when it",
        "is out of date.",
        "",
        "## The dataset in numbers",
        "",
        "| records | count |",
        "| --- | --- |",
        *(f"| {stem} | {numbers[stem]} |" for stem in ("sources", *STEMS)),
        f"| crosswalk ids (COW, G–W, ATOP, MID, war) | {numbers['crosswalk_ids']} |",
        f"| variants (disagreements kept as data) | {numbers['variants']} |",
        "",
        f"{numbers['events_day_precision']} of {numbers['events']} events ({share:.0f}%)"
        " are dated to the day;",
        "the others keep the month or year their sources give.",
        "",
        "## Events per decade",
        "",
        "An event counts in the decade its earliest possible day falls in.",
        "",
        "| decade | events |",
        "| --- | --- |",
        *(f"| {decade}s | {decades[decade]} |" for decade in sorted(decades)),
        "",
        "## Every source",
        "",
        "Records citing each source, counting a record once however many times it cites it.",
        "",
        "| source | kind | title | records |",
        "| --- | --- | --- | --- |",
    ]
    for source in sorted(data.sources, key=lambda s: (-cited_by[s.id], s.id)):
        title = f"[{_cell(source.title)}]({source.url})" if source.url else _cell(source.title)
        lines.append(f"| `{source.id}` | {source.kind.value} | {title} | {cited_by[source.id]} |")
    return "\n".join(lines) + "\n"


def _preferred(record: Record, variant: Variant) -> str:
    value = getattr(record, variant.field, None)
    if value is None:
        return "(none)"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(getattr(value, "value", value))


def corrections_page(data: Dataset) -> str:
    corrections: list[str] = []
    disagreements: list[str] = []
    for stem in STEMS:
        for record in getattr(data, stem):
            for variant in getattr(record, "variants", ()):
                sources = ", ".join(sorted({f"`{c.source}`" for c in variant.citations}))
                row = (
                    f"| `{record.id}` | {variant.field} | {_cell(_preferred(record, variant))} | "
                    f"{_cell(variant.value)} | {sources} | {_cell(variant.note or '')} |"
                )
                cites_article = any(c.source == ARTICLE for c in variant.citations)
                (corrections if cites_article else disagreements).append(row)
    header = [
        "| record | field | kept | other reading | its sources | note |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines = [
        "# Corrections and variants",
        "",
        "Where sources disagree, a record keeps the value the project prefers and lists the other",
        "readings as variants, each with its sources and a note. This page lists them all; it is",
        "generated from the data by `scripts/make_data_docs.py`.",
        "",
        "## Corrections of the source article",
        "",
        'Readings of the Wikipedia article "Sino-Soviet relations" that the dataset does not keep,',
        "because the article contradicts itself or better sources. The article's reading is the",
        "variant; the kept value is in the record with its own sources.",
        "",
        *header,
        *corrections,
        "",
        "## Disagreements between other sources",
        "",
        *header,
        *disagreements,
    ]
    return "\n".join(lines) + "\n"


CATALOGUE_START = "| code | severity | catches |"
CATALOGUE_END = "## Warnings on the shipped data"


def catalogue_section() -> str:
    """The table of checks and a section per check, with its severity, description and example."""
    from sinosoviet.checks import CATALOGUE, Severity

    lines = [CATALOGUE_START, "| --- | --- | --- |"]
    for entry in CATALOGUE:
        catches = entry.description.split("\n\n", 1)[0].replace("\n", " ")
        lines.append(f"| [`{entry.code}`](#{entry.code}) | {entry.severity.value} | {catches} |")
    errors = sum(entry.severity is Severity.ERROR for entry in CATALOGUE)
    lines += ["", f"{len(CATALOGUE)} checks: {errors} errors and {len(CATALOGUE) - errors} warnings.", ""]
    for entry in CATALOGUE:
        description = entry.description.replace(
            "`SUCCESSION_OVERLAP_DAYS`", "`sinosoviet.checks.SUCCESSION_OVERLAP_DAYS`"
        )
        severity = f"**{entry.severity.value}**" + (" (structural)" if entry.structural else "")
        example = json.dumps(json.loads(entry.example), ensure_ascii=False, indent=2)
        lines += [f"### `{entry.code}`", "", f"Severity: {severity}.", "", description, ""]
        lines += ["```json", example, "```", ""]
    return "\n".join(lines)


def checks_page(_data: Dataset) -> str:
    """docs/checks.md with its catalogue made anew; the text before and after is kept."""
    text = (DOCS / "checks.md").read_text(encoding="utf-8")
    start, end = text.index(CATALOGUE_START), text.index(CATALOGUE_END)
    return text[:start] + catalogue_section() + text[end:]


_PEER_NAMES = {
    "cow_alliance": "COW Formal Alliances v4.1 (`version4id`)",
    "atop": "ATOP v4 (`atopid`)",
    "cow_mid": "COW Militarized Interstate Disputes 5.0 (`dispnum`)",
    "cow_war": "COW Inter-State War 4.0 (war number)",
    "icb_crisis": "International Crisis Behavior v14 (crisis number)",
    "ucdp_conflict": "UCDP/PRIO Armed Conflict Dataset v25.1 (`conflict_id`)",
    "thompson_rivalry": "Thompson, Sakuwa and Suhas (2021) strategic rivalries (`tssr_id`)",
}


def _record_dates(record: Record | None) -> str:
    if record is None:
        return ""
    if isinstance(record, sinosoviet.Treaty):
        return (
            f"signed {record.signed or '?'}, in force {record.in_force or '?'}, ended {record.ended or '..'}"
        )
    return str(getattr(record, "when", ""))


def crosswalk_page(data: Dataset) -> str:
    """docs/crosswalk.md: each peer episode of the dyad beside the record that stands for it."""
    from sinosoviet.export import peer_episodes

    episodes = peer_episodes()
    records: dict[str, Record] = {**data.events_by_id, **data.treaties_by_id}
    lines = [
        "# Crosswalk to the peer datasets",
        "",
        "This page is generated from the shipped peer episodes (`sinosoviet/data/peers/*.json`, read",
        "by `sinosoviet.export.peer_episodes()`) and the data by `scripts/make_data_docs.py`; a test",
        "fails when it is out of date. Each row is one episode as a peer dataset codes it for the",
        "China (COW 710) – Russia/USSR (365) dyad, with the peer's own dates, the line of the peer file",
        "it was read from, and the record of this dataset that stands for it, with that record's",
        "dates and the peer dates it lists as variants. The dyad-year table",
        "(`sinosoviet.export.dyad_years`, docs/codebook.md) takes its peer columns from these rows;",
        "the `peer-dates-unrecorded` and `peer-record-unlinked` checks hold the records to them.",
        "",
        "MIDs are those in which the two states stood on opposite sides at overlapping times (MID 5.0",
        "participant file); the dates given are those of the two states' overlapping participation.",
        "",
        "| dataset | episodes |",
        "|---|---|",
    ]
    for scheme, title in _PEER_NAMES.items():
        count = sum(e.dataset.value == scheme for e in episodes)
        lines.append(f"| {title} | {count} |")
    for scheme, title in _PEER_NAMES.items():
        lines += [
            "",
            f"## {title}",
            "",
            "| id | peer dates | types | read from | record | record's dates | variants |",
        ]
        lines.append("|---|---|---|---|---|---|---|")
        for episode in (e for e in episodes if e.dataset.value == scheme):
            record = records.get(episode.record) if episode.record else None
            read = "; ".join(f"`{c.source}` {c.locator or ''}".strip() for c in episode.citations)
            peer_sources = {c.source for c in episode.citations}
            variants = (
                "; ".join(
                    f"{v.field} {v.value}"
                    for v in getattr(record, "variants", ())
                    if peer_sources & {c.source for c in v.citations}
                )
                if record is not None
                else ""
            )
            name = f"{episode.id} ({episode.name})" if episode.name else episode.id
            lines.append(
                f"| {_cell(name)} | {episode.when} | {_cell(', '.join(episode.types))} | {_cell(read)}"
                f" | {f'`{record.id}`' if record is not None else ''} | {_cell(_record_dates(record))}"
                f" | {_cell(variants)} |"
            )
    return "\n".join(lines) + "\n"


PAGES = {
    "sources.md": sources_page,
    "corrections.md": corrections_page,
    "checks.md": checks_page,
    "crosswalk.md": crosswalk_page,
}


def main() -> int:
    data = sinosoviet.load()
    stale = []
    for name, make in PAGES.items():
        text = make(data)
        path = DOCS / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if "--check" not in sys.argv:
                path.write_text(text, encoding="utf-8")
    if stale and "--check" in sys.argv:
        print(f"out of date: {', '.join(stale)}; run python scripts/make_data_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
