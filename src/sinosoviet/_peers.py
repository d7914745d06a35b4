"""Peer episodes: what other datasets (COW, ATOP, MID, ICB, UCDP, Thompson) code for a dyad.

A `PeerEpisode` is one coded unit of a peer dataset between two states, named by its id in that
dataset (a COW alliance ``version4id``, an ATOP ``atopid``, a MID ``dispnum``, a COW war number,
an ICB crisis number, a UCDP conflict id, a Thompson et al. strategic-rivalry number), with the
peer's own dates and types and the peer file it was read from. It is not a record of this
dataset: it says what the peer codes, not what happened. Where one of this dataset's events or
treaties stands for the same episode, ``record`` names it, and that record carries the id among
its ``external_ids`` (the ``peer-dates-unrecorded`` check holds the two together).

The episodes ship as split files ``sinosoviet/data/peers/*.json`` (``episodes-dyads.json`` has
those of the China (710) – Russia/USSR (365) dyad), read on first use by `peer_episodes`. Each
is a JSON object::

    {"dataset": "cow_mid", "id": "349", "ccodes": [365, 710],
     "when": "1969-03-02/1969-12-13", "record": "sino-soviet-border-conflict-1969",
     "citations": [{"source": "cow-mid-5-0-mida", "locator": "line ...: dispnum 349, ..."}]}

with optional ``name`` (the peer's name for it) and ``types`` (its type flags: the COW alliance
types ``defense``, ``neutrality``, ``nonaggression``, ``entente``; ATOP's ``defense``,
``offense``, ``neutrality``, ``nonaggression``, ``consultation``; Thompson's rivalry elements).
The citations name sources of the shipped dataset.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from typing import Any, Final

from attrs import frozen

from sinosoviet._enums import _ID_VALUE, IdScheme
from sinosoviet.dates import Interval
from sinosoviet.errors import DataError
from sinosoviet.records import SLUG, Citation

__all__ = ["PEER_TYPES", "PeerEpisode", "parse_peer_episodes", "peer_episodes"]

#: The type flags each peer dataset may give an episode.
PEER_TYPES: Final = {
    IdScheme.COW_ALLIANCE: frozenset({"defense", "neutrality", "nonaggression", "entente"}),
    IdScheme.ATOP: frozenset({"defense", "offense", "neutrality", "nonaggression", "consultation"}),
    IdScheme.THOMPSON_RIVALRY: frozenset({"positional", "spatial", "ideological", "interventionary"}),
}

_KEYS: Final = ("dataset", "id", "name", "ccodes", "when", "types", "record", "citations")


@frozen(kw_only=True)
class PeerEpisode:
    """One episode as a peer dataset codes it, with the peer's dates (see the module docstring)."""

    #: The peer dataset, as the id scheme of its ids.
    dataset: IdScheme
    #: The episode's id in that dataset, well-formed for the scheme.
    id: str
    #: The peer's name for the episode, where it gives one.
    name: str | None
    #: The two COW state codes, lower first (COW's non-directed order).
    ccodes: tuple[int, int]
    #: The peer's dates, at the precision the peer gives them.
    when: Interval
    #: The peer's type flags, sorted.
    types: tuple[str, ...]
    #: The id of this dataset's event or treaty that stands for the episode, or None.
    record: str | None
    #: The peer file (a source id and a locator: line or row) the episode was read from.
    citations: tuple[Citation, ...]

    def years(self) -> range:
        """The calendar years the episode overlaps (to 9999 for an open end)."""
        return range(self.when.earliest.year, self.when.latest.year + 1)


def _episode(raw: Any, where: str) -> tuple[PeerEpisode | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{where}: an episode is an object, not {type(raw).__name__}"]
    problems = [f"{where}: unknown key {key!r}" for key in raw if key not in _KEYS]
    problems += [
        f"{where}: missing {key!r}"
        for key in ("dataset", "id", "ccodes", "when", "citations")
        if key not in raw
    ]
    if problems:
        return None, problems
    try:
        scheme = IdScheme(raw["dataset"])
    except (ValueError, TypeError):
        return None, [f"{where}.dataset: {raw['dataset']!r} is not an id scheme"]
    value = raw["id"]
    if not isinstance(value, str) or _ID_VALUE[scheme].fullmatch(value) is None:
        problems.append(f"{where}.id: {value!r} is not a well-formed {scheme.value} identifier")
    ccodes = raw["ccodes"]
    if (
        not isinstance(ccodes, list)
        or len(ccodes) != 2
        or not all(type(c) is int and 0 < c < 10000 for c in ccodes)
        or ccodes[0] >= ccodes[1]
    ):
        problems.append(f"{where}.ccodes: {ccodes!r} is not two COW state codes, lower first")
    try:
        when = Interval.parse(raw["when"]) if isinstance(raw["when"], str) else None
    except ValueError as exc:
        when = None
        problems.append(f"{where}.when: {exc}")
    if when is None and not any(p.startswith(f"{where}.when") for p in problems):
        problems.append(f"{where}.when: {raw['when']!r} is not an EDTF interval")
    types = raw.get("types", [])
    allowed = PEER_TYPES.get(scheme, frozenset())
    if not isinstance(types, list) or any(t not in allowed for t in types) or len(set(types)) != len(types):
        problems.append(
            f"{where}.types: {types!r} are not {scheme.value} types ({', '.join(sorted(allowed))})"
        )
    name = raw.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        problems.append(f"{where}.name: {name!r} is not a name")
    record = raw.get("record")
    if record is not None and (not isinstance(record, str) or SLUG.fullmatch(record) is None):
        problems.append(f"{where}.record: {record!r} is not a record id")
    citations: list[Citation] = []
    cited = raw["citations"]
    if not isinstance(cited, list) or not cited:
        problems.append(f"{where}.citations: an episode cites the peer file it was read from")
    else:
        for index, item in enumerate(cited):
            try:
                citations.append(Citation(source=item["source"], locator=item.get("locator")))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                problems.append(f"{where}.citations[{index}]: {exc}")
    if problems or when is None:
        return None, problems
    return (
        PeerEpisode(
            dataset=scheme,
            id=value,
            name=name,
            ccodes=(ccodes[0], ccodes[1]),
            when=when,
            types=tuple(sorted(types)),
            record=record,
            citations=tuple(citations),
        ),
        [],
    )


def parse_peer_episodes(raw: Any, file: str) -> tuple[PeerEpisode, ...]:
    """The episodes of one parsed peer file.

    Raises:
        DataError: the file is not an array of well-formed episodes (every fault listed), or
            lists one episode (dataset, id, dyad) twice.
    """
    if not isinstance(raw, list):
        raise DataError(file, [f"{file}: the top level must be an array of episodes"])
    problems: list[str] = []
    found: list[PeerEpisode] = []
    seen: set[tuple[IdScheme, str, tuple[int, int]]] = set()
    for index, item in enumerate(raw):
        episode, faults = _episode(item, f"{file}[{index}]")
        problems += faults
        if episode is not None:
            key = (episode.dataset, episode.id, episode.ccodes)
            if key in seen:
                problems.append(f"{file}[{index}]: {episode.dataset.value} {episode.id} is listed twice")
            seen.add(key)
            found.append(episode)
    if problems:
        raise DataError(file, problems)
    return tuple(found)


_SHIPPED: tuple[PeerEpisode, ...] | None = None
_LOCK: Final = threading.Lock()


def _read(paths: Iterable[str]) -> tuple[PeerEpisode, ...]:
    from sinosoviet._files import decode_json

    episodes: list[PeerEpisode] = []
    for path in sorted(paths):
        name = os.path.basename(path)
        with open(path, "rb") as handle:
            raw, problems = decode_json(f"peers/{name}", handle.read())
        if problems:
            raise DataError(f"sinosoviet/data/peers/{name}", problems)
        episodes += parse_peer_episodes(raw, f"peers/{name}")
    return tuple(episodes)


def peer_episodes() -> tuple[PeerEpisode, ...]:
    """Every shipped peer episode, in file order (read on first use, then cached).

    Raises:
        DataError: a shipped peer file is malformed (never for the files as released).
    """
    global _SHIPPED
    if _SHIPPED is None:
        with _LOCK:
            if _SHIPPED is None:
                folder = os.path.join(os.path.dirname(__file__), "data", "peers")
                names = (
                    [n for n in os.listdir(folder) if n.endswith(".json")] if os.path.isdir(folder) else []
                )
                _SHIPPED = _read(os.path.join(folder, n) for n in names)
    return _SHIPPED
