"""A graph of actors and events (networkx), with typed edges."""

from __future__ import annotations

import datetime as _dt
from os import PathLike
from typing import TYPE_CHECKING, Any, Final

from sinosoviet.export._tables import _dataset, _optional

if TYPE_CHECKING:
    from pathlib import Path

    from sinosoviet.dataset import Dataset
    from sinosoviet.export._tables import Data

#: The ``type`` of each kind of edge, in the order they are added.
EDGE_TYPES: Final = (
    "participant",  # event -> actor, with ``role``
    "link",  # event -> event, with ``kind`` (led_to, response_to, part_of, dated_from)
    "successor",  # actor -> the actor that succeeded it
    "member_of",  # actor -> the body it belongs to
    "relation",  # party -> party, one per relation period, with ``status`` and the dates
    "holds_office",  # person -> organisation, one per tenure, with ``office`` and the dates
)


def node_id(kind: str, record_id: str) -> str:
    """The key of a record's node: ``"actor:prc"``, ``"event:zhenbao-island-clash-1969"``.

    Ids are unique within a record type only, so the type is part of the key.
    """
    return f"{kind}:{record_id}"


def _dates(when: Any) -> dict[str, str]:
    out = {"when": str(when)}
    if when.earliest != _dt.date.min:
        out["earliest"] = when.earliest.isoformat()
    if when.latest != _dt.date.max:
        out["latest"] = when.latest.isoformat()
    return out


def to_graph(data: Data = None, *, context: Dataset | None = None) -> Any:
    """The actors and events as a `networkx.MultiDiGraph`.

    Nodes are keyed by `node_id`; each has ``type`` (``"actor"`` or ``"event"``), ``id``,
    ``kind``, ``label`` (the name or title) and the dates as text: ``when`` (EDTF),
    ``earliest`` and ``latest`` (ISO days, left out where an end is open or unknown). Edges
    have a ``type`` from `EDGE_TYPES`: participation (event → actor, with ``role``), links
    between events (with ``kind``), succession (predecessor → successor), membership (member →
    body), relation periods (first party → second, with ``status``, ``id`` and dates) and
    tenures (holder → organisation, with ``office``, ``id`` and dates). Every attribute is text,
    so the graph writes to GraphML or GEXF as it is. An edge is added only when both its ends
    are nodes: a selection comes with the actors it names (`selection`), and its links to
    events outside it are left out.

    Raises:
        ImportError: networkx is not installed (``pip install "sinosoviet[graph]"``).
    """
    networkx = _optional("networkx", "graph", "Graphs")
    dataset = _dataset(data, context)
    # networkx ships no type hints, so the graph is typed Any.
    graph = networkx.MultiDiGraph(name="sinosoviet")
    for actor in dataset.actors:
        graph.add_node(
            node_id("actor", actor.id),
            type="actor",
            id=actor.id,
            kind=actor.kind.value,
            label=actor.name,
            **_dates(actor.lifespan),
        )
    for event in dataset.events:
        graph.add_node(
            node_id("event", event.id),
            type="event",
            id=event.id,
            kind=event.kind.value,
            label=event.title,
            **_dates(event.when),
        )

    def edge(first: str, second: str, **attributes: str) -> None:
        if first in graph and second in graph:
            graph.add_edge(first, second, **attributes)

    for event in dataset.events:
        for participant in event.participants:
            edge(
                node_id("event", event.id),
                node_id("actor", participant.actor),
                type="participant",
                role=participant.role.value,
            )
    for event in dataset.events:
        for link in event.links:
            edge(node_id("event", event.id), node_id("event", link.target), type="link", kind=link.kind.value)
    # Succession is one edge, from the earlier actor, whichever of the two records it.
    succession: dict[tuple[str, str], None] = {}
    for actor in dataset.actors:
        succession.update(dict.fromkeys((actor.id, successor) for successor in actor.successors))
        succession.update(dict.fromkeys((predecessor, actor.id) for predecessor in actor.predecessors))
    for earlier, later in succession:
        edge(node_id("actor", earlier), node_id("actor", later), type="successor")
    for actor in dataset.actors:
        for body in actor.member_of:
            edge(node_id("actor", actor.id), node_id("actor", body), type="member_of")
    for relation in dataset.relations:
        first, second = relation.parties
        edge(
            node_id("actor", first),
            node_id("actor", second),
            type="relation",
            id=relation.id,
            status=relation.status.value,
            **_dates(relation.when),
        )
    for tenure in dataset.tenures:
        edge(
            node_id("actor", tenure.holder),
            node_id("actor", tenure.organization),
            type="holds_office",
            id=tenure.id,
            office=tenure.office,
            **_dates(tenure.when),
        )
    return graph


def write_graph(data: Data, out: str | PathLike[str], *, context: Dataset | None = None) -> Path:
    """Write `to_graph` as GraphML (``sinosoviet.graphml``) into a folder; return its path.

    Raises:
        ImportError: networkx is not installed (``pip install "sinosoviet[graph]"``).
    """
    import io
    from pathlib import Path

    from sinosoviet._files import write_atomically

    networkx = _optional("networkx", "graph", "Graphs")
    buffer = io.BytesIO()
    networkx.write_graphml(to_graph(data, context=context), buffer, encoding="utf-8")
    write_atomically(out, {"sinosoviet.graphml": buffer.getvalue()})
    return Path(out) / "sinosoviet.graphml"
