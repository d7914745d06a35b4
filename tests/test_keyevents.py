"""Key events: the documented rule holds on the shipped data, and the queries and CLI use it."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import sinosoviet
from sinosoviet import Citation, Dataset
from sinosoviet.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _surveys() -> dict[str, str]:
    """The surveys the rule admits: the source ids in the table of docs/data-model.md."""
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    section = text.split("## Key events", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \| (.+?) \|$", section, flags=re.MULTILINE)
    return {source: what for source, what, _span in rows}


def test_the_documented_surveys_are_sources_of_the_dataset() -> None:
    surveys = _surveys()
    assert len(surveys) >= 5
    sources = sinosoviet.load().sources_by_id
    assert sorted(set(surveys) - set(sources)) == []


def test_every_key_event_rests_on_two_distinct_documented_surveys() -> None:
    surveys = set(_surveys())
    key = [e for e in sinosoviet.load().events if e.key]
    assert key, "no key events"
    for event in key:
        cited = {c.source for c in event.key_evidence}
        assert len(cited) >= 2, event.id
        assert cited <= surveys, (event.id, sorted(cited - surveys))
        assert all(c.locator for c in event.key_evidence), event.id
        # Evidence is one citation per survey: a survey's mention counts once.
        assert len(cited) == len(event.key_evidence), event.id


def test_there_are_twenty_to_forty_key_events_across_the_whole_period() -> None:
    key = sinosoviet.events(key=True)
    assert 20 <= len(key) <= 40
    years = [e.when.earliest.year for e in key]
    # The picture of the whole relationship needs key events in each of its eras.
    assert min(years) <= 1921
    assert max(years) >= 1991
    assert any(1930 <= y < 1950 for y in years)
    assert any(1960 <= y < 1980 for y in years)


def test_events_key_true_and_false_are_the_filter_and_its_complement() -> None:
    data = sinosoviet.load()
    every = sinosoviet.events()
    assert sinosoviet.events(key=True) == tuple(e for e in every if e.key)
    assert sinosoviet.events(key=False) == tuple(e for e in every if not e.key)
    assert data.query.events(key=True) == sinosoviet.events(key=True)
    assert sinosoviet.events(key=None) == every
    # Combined with another filter, both must hold.
    window = sinosoviet.events(start=1969, end=1969, key=True)
    assert window == tuple(e for e in sinosoviet.events(start=1969, end=1969) if e.key)
    assert {e.id for e in window} >= {"zhenbao-island-incident", "sino-soviet-border-conflict-1969"}


def test_key_must_be_a_flag() -> None:
    with pytest.raises(TypeError, match="key must be True or False"):
        sinosoviet.events(key="yes")  # type: ignore[arg-type]


def test_an_event_refuses_key_evidence_from_one_survey_or_without_a_locator() -> None:
    event = sinosoviet.load().events_by_id["mao-dies"]
    one = (Citation(source="ap-1989-05-16-sino-soviet-chronology", locator="entry 1976"),) * 2
    with pytest.raises(ValueError, match="at least two distinct surveys"):
        attrs.evolve(event, key_evidence=one)
    bare = (Citation(source="a-survey"), Citation(source="another", locator="lead"))
    with pytest.raises(ValueError, match="locator"):
        attrs.evolve(event, key_evidence=bare)
    with pytest.raises(TypeError, match="key_evidence"):
        attrs.evolve(event, key_evidence=("a-survey", "another"))
    assert not attrs.evolve(event, key_evidence=()).key


def test_a_key_evidence_source_that_does_not_exist_is_a_dangling_citation() -> None:
    data = sinosoviet.load()
    event = data.events_by_id["mao-dies"]
    bad = attrs.evolve(
        event,
        key_evidence=(*event.key_evidence[:1], Citation(source="no-such-survey", locator="lead")),
    )
    small = Dataset(sources=data.sources, events=(bad,))
    found = [p for p in small.check().problems if p.code == "dangling-citation" and p.record == "mao-dies"]
    assert [p.message for p in found] == ["key_evidence cites source 'no-such-survey', which does not exist"]


def test_key_evidence_round_trips_through_the_canonical_writer(tmp_path: Path) -> None:
    data = sinosoviet.load()
    key = tuple(e for e in data.events if e.key)
    Dataset(sources=data.sources, events=key).write(tmp_path)
    again = sinosoviet.load(tmp_path)
    assert again.events == key
    written = (tmp_path / "events.json").read_text(encoding="utf-8")
    assert written.count('"key_evidence"') == len(key)


def test_cli_events_key(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    key = sinosoviet.events(key=True)
    assert main(["events", "--key"]) == 0
    assert f"{len(key)} events" in capsys.readouterr().out
    assert main(["events", "--key", "--year", "1969", "--json"]) == 0
    shown = [item["id"] for item in json.loads(capsys.readouterr().out)]
    assert shown == [e.id for e in key if e.when.earliest.year <= 1969 <= e.when.latest.year]
