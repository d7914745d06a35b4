"""Checks of crosswalk ids: their format, and agreement with the peer datasets' episodes."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from sinosoviet._enums import _ID_VALUE
from sinosoviet.checks._catalogue import (
    _CITE,
    _PRC,
    _USSR,
    Finding,
    _check,
    _Context,
    _end_bounds,
    _name,
    _start_bounds,
)
from sinosoviet.checks._report import Severity
from sinosoviet.records import Event, IdScheme, Treaty

if TYPE_CHECKING:
    from sinosoviet._peers import PeerEpisode


def _crosswalked(context: _Context) -> Iterator[Any]:
    for stem in ("actors", "events", "treaties"):
        yield from context.unique(stem)


@_check(
    "malformed-crosswalk-id",
    Severity.ERROR,
    {
        "events": [
            {
                "id": "border-clash",
                "when": "1969-03-02",
                "title": "Clash on Zhenbao Island",
                "kind": "political",
                "external_ids": [{"scheme": "cow_mid", "value": "MID-349", "citations": _CITE}],
                "citations": _CITE,
            }
        ]
    },
    structural=True,
)
def _malformed_crosswalk_ids(context: _Context) -> Iterator[Finding]:
    """A crosswalk id does not have its scheme's form.

    Each scheme has one form: a COW state code or war number is up to four digits, a MID
    ``dispnum`` or COW alliance ``version4id`` up to five, an ATOP ``atopid`` four, an ICB
    crisis number up to four and a UCDP conflict id up to six (no leading zero), a Wikidata id
    ``Q`` and digits. A malformed id cannot be merged on; `load` refuses one, so this guards
    records built in Python.
    """
    for record in _crosswalked(context):
        for external in record.external_ids:
            pattern = _ID_VALUE.get(external.scheme)
            if (
                pattern is None
                or not isinstance(external.value, str)
                or pattern.fullmatch(external.value) is None
            ):
                yield (
                    _name(record),
                    record.id,
                    f"{external.scheme.value} id {external.value!r} is not of that scheme's form",
                )


def _bounds_meet(ours: tuple[_dt.date, _dt.date], theirs: tuple[_dt.date, _dt.date]) -> bool:
    return ours[0] <= theirs[1] and theirs[0] <= ours[1]


def _agrees(record: Any, episode: PeerEpisode) -> bool:
    """The record's dates fit the peer's at the precision of each (their bounds meet at both ends)."""
    start, end = _start_bounds(episode.when), _end_bounds(episode.when)
    if isinstance(record, Event):
        return _bounds_meet(_start_bounds(record.when), start) and _bounds_meet(_end_bounds(record.when), end)
    treaty: Treaty = record
    starts = [(d.earliest, d.latest) for d in (treaty.signed, treaty.in_force) if d is not None]
    if not any(_bounds_meet(s, start) for s in starts):
        return False
    if treaty.ended is None:
        return treaty.end_unknown or end[1] == _dt.date.max
    return _bounds_meet((treaty.ended.earliest, treaty.ended.latest), end)


def _codes(context: _Context, record: Event | Treaty) -> set[int]:
    """The COW state codes of a record's participants or parties, and of what they belong to."""
    ids = [p.actor for p in record.participants] if isinstance(record, Event) else list(record.parties)
    codes: set[int] = set()
    seen: set[str] = set()
    while ids:
        actor = context.actors.get(ids.pop())
        if actor is None or actor.id in seen:
            continue
        seen.add(actor.id)
        codes.update(int(x.value) for x in actor.external_ids if x.scheme is IdScheme.COW_CCODE)
        ids.extend(actor.member_of)
    return codes


#: The two states of the peer crosswalk's dyad, coded as COW codes them, for the examples.
_DYAD_STATES: Final = [
    {**state, "external_ids": [{"scheme": "cow_ccode", "value": code, "citations": _CITE}]}
    for state, code in ((_PRC, "710"), (_USSR, "365"))
]


def _episodes(context: _Context) -> dict[tuple[str, str], list[PeerEpisode]]:
    """The shipped peer episodes by (scheme, id), once per run."""
    if "peer-episodes" not in context.memo:
        from sinosoviet._peers import peer_episodes

        found: dict[tuple[str, str], list[PeerEpisode]] = {}
        for episode in peer_episodes():
            found.setdefault((episode.dataset.value, episode.id), []).append(episode)
        context.memo["peer-episodes"] = found
    result: dict[tuple[str, str], list[PeerEpisode]] = context.memo["peer-episodes"]
    return result


@_check(
    "peer-dates-unrecorded",
    Severity.WARNING,
    {
        "actors": _DYAD_STATES,
        "events": [
            {
                "id": "border-clashes",
                "when": "1969-03-02/1969-09-11",
                "title": "Border clashes of 1969",
                "kind": "political",
                "participants": [
                    {"actor": "prc", "role": "belligerent"},
                    {"actor": "ussr", "role": "belligerent"},
                ],
                "external_ids": [{"scheme": "cow_mid", "value": "349", "citations": _CITE}],
                "citations": _CITE,
            }
        ],
    },
)
def _peer_dates_unrecorded(context: _Context) -> Iterator[Finding]:
    """A record carries a peer's id, the peer dates the episode otherwise, and no variant says so.

    The peer episodes shipped with the package (`sinosoviet.export.peer_episodes`: COW
    alliances, ATOP, MID, COW wars, ICB, UCDP, Thompson rivalries) give each episode the peer's
    dates. An event or treaty that carries the episode's id should either agree with them (the
    bounds of each end meet, at the precision of each; a treaty may start on its signing or its
    entry into force) or list the peer's dates as a variant citing the peer's file, so that the
    disagreement is data. Only the episodes of the shipped crosswalk are compared, and only for
    a record whose participants (or parties), or the actors they belong to, carry both of the
    episode's COW state codes.
    """
    episodes = _episodes(context)
    for stem in ("events", "treaties"):
        for record in context.unique(stem):
            cited = {c.source for v in record.variants for c in v.citations}
            for external in record.external_ids:
                for episode in episodes.get((external.scheme.value, external.value), ()):
                    if not set(episode.ccodes) <= _codes(context, record):
                        continue
                    peer_sources = {c.source for c in episode.citations}
                    if not _agrees(record, episode) and not cited & peer_sources:
                        yield (
                            _name(record),
                            record.id,
                            f"{external.scheme.value} {external.value} runs {episode.when} in"
                            f" {', '.join(sorted(peer_sources))}; the record disagrees and lists no"
                            " variant citing that file",
                        )


@_check(
    "peer-record-unlinked",
    Severity.WARNING,
    {
        "actors": _DYAD_STATES,
        "events": [
            {
                "id": "sino-soviet-border-conflict-1969",
                "when": "1969-03-02/1969-12-13",
                "title": "Border conflict of 1969",
                "kind": "political",
                "participants": [
                    {"actor": "prc", "role": "belligerent"},
                    {"actor": "ussr", "role": "belligerent"},
                ],
                "citations": _CITE,
            }
        ],
    },
)
def _peer_record_unlinked(context: _Context) -> Iterator[Finding]:
    """A peer episode names a record of this dataset that does not carry the episode's id.

    The shipped crosswalk says which event or treaty stands for each peer episode it can match;
    that record should carry the id in its ``external_ids`` (with a citation), or the dyad-year
    table and the record disagree about what the record is. A record the dataset lacks is
    skipped (a user's dataset need not hold the shipped records), and so is one whose
    participants or parties do not carry the episode's two COW state codes.
    """
    records: dict[str, Event | Treaty] = {**context.data.events_by_id, **context.data.treaties_by_id}
    for (scheme, value), found in sorted(_episodes(context).items()):
        for episode in found:
            record = records.get(episode.record) if episode.record is not None else None
            if record is None or not set(episode.ccodes) <= _codes(context, record):
                continue
            if not any(x.scheme.value == scheme and x.value == value for x in record.external_ids):
                yield (
                    _name(record),
                    record.id,
                    f"the peer crosswalk matches {scheme} {value} to this record, which does not carry"
                    " that id",
                )
