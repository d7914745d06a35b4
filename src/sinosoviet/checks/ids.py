"""Checks of record ids: duplicates and malformed ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sinosoviet.checks._catalogue import _CITE, _PRC, Finding, _check, _Context, _name
from sinosoviet.checks._report import RECORD_TYPES, Severity
from sinosoviet.records import (
    SLUG,
)

# -- ids ----------------------------------------------------------------------------------------


@_check(
    "duplicate-id",
    Severity.ERROR,
    {
        "events": [
            {
                "id": "moscow-visit",
                "when": "1949-12-16",
                "title": "Mao arrives in Moscow",
                "kind": "visit",
                "participants": [{"actor": "prc", "role": "visitor"}],
                "citations": _CITE,
            },
            {
                "id": "moscow-visit",
                "when": "1957-11-02",
                "title": "Mao's second visit",
                "kind": "visit",
                "participants": [{"actor": "prc", "role": "visitor"}],
                "citations": _CITE,
            },
        ],
        "actors": [_PRC],
    },
)
def _duplicate_ids(context: _Context) -> Iterator[Finding]:
    """Two records of the same type share an id.

    Ids are unique within each record type, across all the files of that type. The problem is
    reported once per repeated id; the other checks look at the first record with that id.
    """
    for stem, record_type in zip(
        ("sources", "actors", "events", "relations", "treaties", "tenures"), RECORD_TYPES, strict=True
    ):
        counts: dict[str, int] = defaultdict(int)
        for record in getattr(context.data, stem):
            counts[record.id] += 1
        for record_id, count in sorted(counts.items()):
            if count > 1:
                yield (
                    record_type,
                    record_id,
                    f"{count} {stem} have the id {record_id!r}; ids are unique per record type",
                )


@_check(
    "malformed-id",
    Severity.ERROR,
    {
        "sources": [
            {
                "id": "Wikipedia_Article",
                "title": "Sino-Soviet relations",
                "kind": "encyclopedia",
                "level": "tertiary",
            }
        ]
    },
    structural=True,
)
def _malformed_ids(context: _Context) -> Iterator[Finding]:
    """An id is not a slug: lowercase ASCII letters and digits in words joined by single hyphens.

    `load` refuses such an id already; the check guards datasets built in Python with attrs
    validators switched off.
    """
    for record in context.data.records():
        if not isinstance(record.id, str) or SLUG.fullmatch(record.id) is None:
            yield (
                _name(record),
                str(record.id),
                (
                    f"id {record.id!r} is not a slug (lowercase letters and digits,"
                    " words joined by single hyphens)"
                ),
            )
