"""Word search, places, links both ways, one set of habits, and output that fits (issue 15).

The search is checked against a linear scan that applies the ranking rule of
`sinosoviet._search` word by word, so the index and the rule cannot drift apart.
"""

from __future__ import annotations

import csv
import doctest
import io
import json
import re
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinosoviet
from sinosoviet import Event, UnknownEventError
from sinosoviet.cli import _width, main

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = {"title": 8.0, "tag": 4.0, "place": 4.0, "name": 2.0, "summary": 1.0}
SMALL = {"of", "the", "and", "for", "in", "on", "to", "de", "du", "la", "le", "al", "der", "van", "von"}


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"['’‘`.,]", "", stripped)
    return " ".join(re.sub(r"[-‐‑–—_/]", " ", stripped).split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _key(text))


@cache
def _fields(event: Event) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each field of an event as (kind, words), the way the rule reads them."""
    actors = sinosoviet.load().actors_by_id
    found: list[tuple[str, tuple[str, ...]]] = [("title", tuple(_words(event.title)))]
    found += [("tag", tuple(_words(t))) for t in event.tags]
    found += [("place", tuple(_words(p))) for p in event.places]
    if event.summary:
        found.append(("summary", tuple(_words(event.summary))))
    for participant in event.participants:
        actor = actors[participant.actor]
        found += [("name", tuple(_words(n))) for n in (actor.name, *(x.text for x in actor.names))]
    return tuple(found)


def _singulars(word: str) -> set[str]:
    if len(word) <= 3:
        return set()
    if word.endswith("ies"):
        return {word[:-3] + "y"}
    if word.endswith("es"):
        return {word[:-2], word[:-1]}
    return {word[:-1]} if word.endswith("s") and not word.endswith("ss") else set()


@cache
def _scores(event: Event) -> dict[str, float]:
    """Each word of an event with the weights of the kinds of field it occurs in."""
    kinds: dict[str, set[str]] = {}
    for kind, words in _fields(event):
        for candidate in words:
            kinds.setdefault(candidate, set()).add(kind)
    return {candidate: sum(WEIGHTS[k] for k in found) for candidate, found in kinds.items()}


def _word_score(word: str, event: Event) -> float:
    """The larger of the whole score (the best of the word and its singulars) and half the
    best part score (the best longer word it begins), each the weights of its kinds of field."""
    scores = _scores(event)
    whole = max((scores.get(f, 0.0) for f in {word, *_singulars(word)}), default=0.0)
    part = max((v for c, v in scores.items() if len(word) >= 3 and c.startswith(word)), default=0.0)
    return max(whole, part / 2)


def _reference(text: str, events: tuple[Event, ...]) -> list[str]:
    """The ranking rule applied by a linear scan: ids, best first."""
    words = list(dict.fromkeys(w for w in _words(text) if w not in SMALL))
    scored = []
    for position, event in enumerate(events):
        per_word = [_word_score(w, event) for w in words]
        if not all(per_word):
            continue
        score = sum(per_word)
        if len(_words(text)) > 1:
            phrase = " " + " ".join(w for w in _words(text) if w not in SMALL)
            score += sum(WEIGHTS[k] for k in {k for k, ws in _fields(event) if phrase in " " + " ".join(ws)})
        scored.append((-score, position, event.id))
    return [event_id for _, _, event_id in sorted(scored)]


def _ids(records: Any) -> list[str]:
    return [r.id for r in records]


@cache
def _vocabulary() -> list[str]:
    words = {w for e in sinosoviet.load().events for _, ws in _fields(e) for w in ws}
    return sorted(w for w in words if w not in SMALL)


class TestSearch:
    @pytest.mark.parametrize(
        "text",
        [
            "Chinese Eastern Railway",
            "zhenbao",
            "Mao Moscow",
            "Хрущёв",
            "毛泽东",
            "treaties",
            "Khrushch",
            "Urumqi",
        ],
    )
    def test_agrees_with_a_linear_scan(self, text: str) -> None:
        events = sinosoviet.events()
        assert _ids(sinosoviet.search(text)) == _reference(text, events)

    @settings(max_examples=40, deadline=None)
    @given(st.data())
    def test_agrees_with_a_linear_scan_on_drawn_words(self, data: st.DataObject) -> None:
        vocabulary = _vocabulary()
        words = data.draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=3))
        text = " ".join(data.draw(st.sampled_from([w, w.upper(), w[:4]])) for w in words)
        if not [w for w in _words(text) if w not in SMALL]:
            return
        assert _ids(sinosoviet.search(text)) == _reference(text, sinosoviet.events())

    def test_the_railway_is_found_by_its_name_first(self) -> None:
        found = sinosoviet.search("Chinese Eastern Railway")
        assert len(found) >= 30
        assert all("chinese eastern railway" in _key(e.title) for e in found[:5])
        with_the_actor = set(_ids(sinosoviet.events(actor="Chinese Eastern Railway")))
        assert with_the_actor <= set(_ids(found))

    def test_case_and_diacritics_are_ignored(self) -> None:
        assert _ids(sinosoviet.search("URUMQI")) == _ids(sinosoviet.search("Ürümqi"))
        assert sinosoviet.search("ürümqi")
        assert _ids(sinosoviet.search("хрущев")) == _ids(sinosoviet.search("Хрущёв"))

    def test_filters_are_those_of_events(self) -> None:
        filters: dict[str, Any] = {"start": 1969, "end": 1969, "kind": "Military", "actor": "prc"}
        allowed = set(_ids(sinosoviet.events(**filters)))
        expected = [i for i in _ids(sinosoviet.search("island")) if i in allowed]
        assert _ids(sinosoviet.search("island", **filters)) == expected
        assert "zhenbao-island-incident" in expected
        assert _ids(sinosoviet.search("island", limit=2)) == _ids(sinosoviet.search("island"))[:2]

    def test_events_text_is_the_search_in_time_order(self) -> None:
        found = sinosoviet.events(text="railway", start=1929, end=1935)
        ranked = sinosoviet.search("railway", start=1929, end=1935)
        assert set(_ids(found)) == set(_ids(ranked))
        assert list(found) == sorted(found, key=lambda e: (e.when.earliest, e.when.latest, e.id))

    def test_bad_arguments(self) -> None:
        with pytest.raises(ValueError, match="no words"):
            sinosoviet.search("the of")
        with pytest.raises(TypeError, match="text must be a str"):
            sinosoviet.search(7)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="limit"):
            sinosoviet.search("treaty", limit=0)
        with pytest.raises(ValueError, match="kind='treatie'"):
            sinosoviet.search("treaty", kind="treatie")
        assert sinosoviet.search("qqqqzzzz") == ()

    def test_on_a_dataset_of_ones_own(self) -> None:
        data = sinosoviet.Dataset(
            actors=sinosoviet.load().actors,
            events=sinosoviet.load().events[:50],
            sources=sinosoviet.load().sources,
        )
        assert _ids(data.query.search("Moscow")) == _reference("Moscow", data.query.events())

    def test_the_index_is_not_built_by_import_or_status_on(self) -> None:
        code = (
            "import sinosoviet\n"
            "sinosoviet.status_on('1969-03-02')\n"
            "sinosoviet.events(actor='prc', start=1969, end=1969)\n"
            "cache = sinosoviet.load()._cache\n"
            "assert not [k for k in cache if k.startswith('search:')], list(cache)\n"
            "sinosoviet.search('railway')\n"
            "assert 'search:words' in cache\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


class TestPlace:
    def test_place_agrees_with_a_scan(self) -> None:
        expected = [e.id for e in sinosoviet.events() if "harbin" in {_key(p) for p in e.places}]
        assert _ids(sinosoviet.events(place="Harbin")) == expected
        assert len(expected) > 10
        assert _ids(sinosoviet.events(place="urumqi")) == _ids(sinosoviet.events(place="Ürümqi"))

    def test_an_unknown_place_is_an_error_with_a_suggestion(self) -> None:
        with pytest.raises(ValueError, match=r"place='Harbinn'.*'harbin'"):
            sinosoviet.events(place="Harbinn")


class TestHabits:
    def test_enums_in_any_case(self) -> None:
        assert sinosoviet.events(kind="Military") == sinosoviet.events(kind="military")
        assert sinosoviet.relations(status="Armed Conflict") == sinosoviet.relations(status="armed_conflict")
        assert sinosoviet.treaties(kind="ALLIANCE") == sinosoviet.treaties(kind="alliance")

    def test_several_actors_means_all_took_part(self) -> None:
        with_ussr = set(_ids(sinosoviet.events(actor="ussr")))
        expected = [i for i in _ids(sinosoviet.events(actor="prc")) if i in with_ussr]
        assert _ids(sinosoviet.events(actor=["prc", "Soviet Union"])) == expected
        assert sinosoviet.events(actor=("prc",)) == sinosoviet.events(actor="prc")
        with pytest.raises(ValueError, match="actor is empty"):
            sinosoviet.events(actor=[])
        with pytest.raises(TypeError, match="actor must be"):
            sinosoviet.events(actor=["prc", 7])  # type: ignore[list-item]

    def test_external_id_by_the_schemes_string(self) -> None:
        prc = sinosoviet.actor("prc")
        assert prc.external_id("cow_ccode") == prc.external_id(sinosoviet.IdScheme.COW_CCODE) == "710"
        with pytest.raises(ValueError, match="not an id scheme"):
            prc.external_id("cow")


class TestLinks:
    def test_every_link_is_seen_from_both_ends(self) -> None:
        data = sinosoviet.load()
        outgoing = {
            "part_of": "part_of",
            "led_to": "led_to",
            "response_to": "response_to",
            "dated_from": "dated_from",
        }
        incoming = {
            "part_of": "parts",
            "led_to": "led_from",
            "response_to": "responses",
            "dated_from": "dates",
        }
        checked = 0
        for event in data.events:
            for link in event.links:
                if link.target not in data.events_by_id:
                    continue
                assert link.target in _ids(getattr(data.query.event_links(event.id), outgoing[link.kind]))
                assert event.id in _ids(getattr(data.query.event_links(link.target), incoming[link.kind]))
                checked += 1
        assert checked > 500
        # And nothing else: every incoming link is written on the event it comes from.
        for event in data.events[:200]:
            links = data.query.event_links(event)
            for part in links.parts:
                assert any(x.kind == "part_of" and x.target == event.id for x in part.links)

    def test_an_episode_lists_its_parts(self) -> None:
        links = sinosoviet.event_links("sino-soviet-border-conflict-1969")
        assert "zhenbao-island-incident" in _ids(links.parts)
        assert list(links.parts) == sorted(links.parts, key=lambda e: (e.when.earliest, e.when.latest, e.id))

    def test_an_unknown_event_suggests_events_by_their_words(self) -> None:
        with pytest.raises(UnknownEventError, match="zhenbao-island-incident"):
            sinosoviet.event_links("zhenbao")
        assert issubclass(UnknownEventError, LookupError)

    def test_an_actor_with_its_events_offices_treaties_and_relations(self) -> None:
        links = sinosoviet.actor_links("Mao")
        assert links.actor.id == "mao-zedong"
        assert links.events == sinosoviet.events(actor="mao-zedong")
        assert links.offices
        assert all(t.holder == "mao-zedong" for t in links.offices)
        ussr = sinosoviet.actor_links("ussr")
        assert ussr.treaties == sinosoviet.treaties(party="ussr")
        assert ussr.relations == sinosoviet.relations(parties="ussr")
        cpsu = sinosoviet.actor_links("cpsu")
        assert cpsu.office_holders
        assert all(t.organization == "cpsu" for t in cpsu.office_holders)
        assert "joseph-stalin" in _ids(cpsu.members)


class Run:
    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    def invoke(*argv: str, columns: int | None = 80) -> Run:
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", str(columns))
        status = main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(status, captured.out, captured.err)

    return invoke


class TestCommandLine:
    def test_search_answers_as_python_does(self, run: Any) -> None:
        result = run("search", "Chinese", "Eastern", "Railway", "--json")
        assert [e["id"] for e in json.loads(result.out)] == _ids(sinosoviet.search("Chinese Eastern Railway"))
        result = run("search", "island", "--kind", "Military", "--year", "1969", "--json")
        assert [e["id"] for e in json.loads(result.out)] == _ids(
            sinosoviet.search("island", kind="military", start=1969, end=1969)
        )

    def test_events_text_and_place(self, run: Any) -> None:
        result = run("events", "--text", "railway", "--place", "Harbin", "--format", "json")
        assert [e["id"] for e in json.loads(result.out)] == _ids(
            sinosoviet.events(text="railway", place="Harbin")
        )

    @pytest.mark.parametrize(("name", "delimiter"), [("csv", ","), ("tsv", "\t")])
    def test_listings_as_csv_and_tsv(self, run: Any, name: str, delimiter: str) -> None:
        for argv, expected in [
            (["events", "--year", "1969"], _ids(sinosoviet.events(start=1969, end=1969))),
            (["search", "treaty", "--limit", "5"], _ids(sinosoviet.search("treaty", limit=5))),
            (
                ["actors", "--kind", "state"],
                [a.id for a in sinosoviet.load().actors if a.kind.value == "state"],
            ),
            (["treaties"], _ids(sinosoviet.treaties())),
            (["leaders", "1969-03-02"], _ids(sinosoviet.office_holders("1969-03-02"))),
            (["status"], None),
            (["status", "1969-03-02"], [sinosoviet.status_on("1969-03-02").id]),  # type: ignore[union-attr]
        ]:
            result = run(*argv, "--format", name)
            assert result.status == 0, result.err
            rows = list(csv.DictReader(io.StringIO(result.out), delimiter=delimiter))
            assert rows, argv
            if expected is not None:
                assert [row["id"] for row in rows] == expected, argv

    def test_json_and_another_format_is_a_usage_error(self, run: Any) -> None:
        result = run("events", "--json", "--format", "csv")
        assert result.status == 2
        assert "two formats" in result.err

    def test_enum_options_in_any_case(self, run: Any) -> None:
        upper = run("events", "--kind", "Military", "--year", "1969", "--json")
        assert upper.status == 0
        assert upper.out == run("events", "--kind", "military", "--year", "1969", "--json").out

    def test_tables_fit_the_terminal_and_wrap(self, run: Any) -> None:
        for columns in (50, 80, 132):
            result = run("search", "Chinese", "Eastern", "Railway", columns=columns)
            assert max(_width(line) for line in result.out.splitlines()[:-1]) <= columns
        narrow = run("search", "Chinese", "Eastern", "Railway", "--limit", "1", columns=50)
        assert "…" not in narrow.out  # titles wrap rather than being cut
        assert "Railway" in narrow.out

    def test_nothing_is_cut_when_output_is_not_a_terminal(self, run: Any) -> None:
        result = run("treaties", columns=None)
        for treaty in sinosoviet.treaties():
            assert treaty.name in result.out
        assert "…" not in result.out

    def test_show_lists_what_links_to_a_record(self, run: Any) -> None:
        episode = run("show", "sino-soviet-border-conflict-1969")
        assert "parts" in episode.out
        assert "zhenbao-island-incident" in episode.out
        mao = run("show", "mao-zedong")
        assert "offices" in mao.out
        assert "Chairman" in mao.out
        assert "events" in mao.out
        as_json = json.loads(run("show", "mao-zedong", "--json").out)
        assert as_json["links"]["events"] == _ids(sinosoviet.events(actor="mao-zedong"))

    def test_show_of_a_word_suggests_the_events(self, run: Any) -> None:
        result = run("show", "zhenbao")
        assert result.status == 1
        assert "zhenbao-island-incident" in result.err


def _console_blocks(page: Path) -> list[str]:
    """The console blocks of a page that follow a ``<!-- tested -->`` line."""
    text = page.read_text(encoding="utf-8")
    return re.findall(r"<!-- tested -->\n```console\n(.*?)```", text, flags=re.S)


def test_the_tested_examples_of_the_cli_page_run(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    import shlex

    monkeypatch.setenv("COLUMNS", "80")
    checker = doctest.OutputChecker()
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    blocks = _console_blocks(ROOT / "docs" / "cli.md")
    ran = 0
    for block in blocks:
        commands = re.split(r"^\$ ", block, flags=re.M)[1:]
        for command in commands:
            line, _, expected = command.partition("\n")
            argv = shlex.split(line)
            assert argv[0] == "sinosoviet"
            main(argv[1:])
            captured = capsys.readouterr()
            got = captured.out + captured.err
            assert checker.check_output(expected, got, flags), f"$ {line}\nexpected:\n{expected}\ngot:\n{got}"
            ran += 1
    assert ran >= 6
