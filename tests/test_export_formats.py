"""Tests for the export formats of issue 18: selections, record_from_dict, CSV names and the
Excel option, TimelineJS, JSON-LD, the Data Package, Parquet and the graph.

Each format is checked with its own ecosystem's tool where there is one (rdflib, frictionless,
pyarrow, networkx). The optional libraries are in the ``test`` extra, so these tests run in CI;
`pytest.importorskip` only spares a user who installed the package without them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinosoviet
from sinosoviet import (
    DataError,
    Dataset,
    Event,
    Interval,
    PartialDate,
    export,
    strategies,
)
from sinosoviet.cli import main
from sinosoviet.dates import Precision
from sinosoviet.export import TABLES, record_dict, record_from_dict, selection, split_cell
from test_export import toy_dataset

ROOT = Path(__file__).resolve().parent.parent
FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return sinosoviet.load()


@pytest.fixture
def toy() -> Dataset:
    return toy_dataset()


def _read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def _references(data: Dataset) -> tuple[set[str], set[str]]:
    """The actor ids and source ids that the records of a dataset name."""
    actors: set[str] = set()
    for event in data.events:
        actors |= {p.actor for p in event.participants}
    for record in (*data.relations, *data.treaties):
        actors |= set(record.parties)
    for tenure in data.tenures:
        actors |= {tenure.holder, tenure.organization}
    sources = {c.source for r in data.records() if not isinstance(r, sinosoviet.Source) for c in r.citations}
    return actors, sources


# -- selections ---------------------------------------------------------------------------------


class TestSelection:
    """Every export takes any iterable of records, which comes with what it references."""

    def test_summits_come_with_their_actors_and_sources(self, shipped: Dataset) -> None:
        summits = sinosoviet.events(kind="summit")
        assert summits
        chosen = selection(summits)
        assert chosen.events == summits
        actors, sources = _references(chosen)
        assert {a.id for a in chosen.actors} == {p.actor for e in summits for p in e.participants}
        assert actors <= set(chosen.actors_by_id)
        assert sources <= set(chosen.sources_by_id)
        assert chosen.relations == chosen.treaties == chosen.tenures == ()

    def test_relations_come_with_the_events_that_open_and_close_them(self, shipped: Dataset) -> None:
        relations = sinosoviet.relations(parties=("prc", "ussr"))
        chosen = selection(relations)
        wanted = {r.opened_by for r in relations} | {r.closed_by for r in relations}
        wanted.discard(None)
        assert wanted
        assert wanted <= set(chosen.events_by_id)
        assert {"prc", "ussr"} <= set(chosen.actors_by_id)
        # The events that came along bring their own participants too.
        assert _references(chosen)[0] <= set(chosen.actors_by_id)

    def test_copies_bring_the_work_they_copy(self, shipped: Dataset) -> None:
        copy = next((s for s in shipped.sources if s.copy_of is not None), None)
        if copy is None:
            pytest.skip("the shipped data cites no copy")
        cited_by = next(r for r in shipped.events if any(c.source == copy.id for c in r.citations))
        assert copy.copy_of in selection([cited_by]).sources_by_id

    def test_a_record_given_twice_counts_once(self, toy: Dataset) -> None:
        event = toy.events[0]
        assert selection([event, event], context=toy).events == (event,)

    def test_refuses_what_is_not_a_record(self, toy: Dataset) -> None:
        with pytest.raises(TypeError, match=r"item 1 .* is str, not a record"):
            selection([toy.events[0], "prc"], context=toy)
        with pytest.raises(TypeError, match="iterable of records"):
            export.write_csv("events", "unused")  # type: ignore[arg-type]

    def test_refuses_two_records_with_one_id(self, toy: Dataset) -> None:
        event = toy.events[0]
        other = attrs.evolve(event, title="Another title")
        with pytest.raises(ValueError, match="two different events have the id"):
            selection([event, other], context=toy)

    def test_the_context_is_where_references_are_looked_up(self, toy: Dataset) -> None:
        war = toy.events_by_id["border-war"]
        chosen = selection([war], context=toy)
        assert {a.id for a in chosen.actors} == {"pla", "ussr"}
        assert [s.id for s in chosen.sources] == ["book"]
        # An empty selection is an empty dataset.
        assert selection([], context=toy) == Dataset()

    @pytest.mark.parametrize(
        "write",
        [
            "write_json",
            "write_csv",
            "write_timeline",
            "write_jsonld",
            "write_datapackage",
            "write_parquet",
            "write_graph",
            "write_dyad_years",
        ],
    )
    def test_every_writer_takes_a_query_result(self, write: str, tmp_path: Path) -> None:
        needs = {"write_parquet": "pyarrow", "write_graph": "networkx"}
        if write in needs:
            pytest.importorskip(needs[write])
        result: tuple[object, ...] = sinosoviet.events(start=1969, end=1969)
        if write == "write_dyad_years":
            # A dyad-year table is made from relation periods; the events alone give no year,
            # which is an error (CoverageError), not an empty file.
            with pytest.raises(export.CoverageError):
                export.write_dyad_years(result, tmp_path / "none")
            result = (*result, *sinosoviet.relations(parties=("prc", "ussr")))
        paths = getattr(export, write)(result, tmp_path)
        written = paths if isinstance(paths, list) else [paths]
        assert written
        assert all(path.is_file() and path.stat().st_size > 0 for path in written)

    @FEW
    @given(data=strategies.datasets(max_events=6), picks=st.data())
    def test_any_selection_is_closed_over_its_references(self, data: Dataset, picks: st.DataObject) -> None:
        records = list(data.records())
        chosen_records = picks.draw(st.lists(st.sampled_from(records), max_size=6)) if records else []
        chosen = selection(chosen_records, context=data)
        actors, sources = _references(chosen)
        assert actors <= set(chosen.actors_by_id)
        assert sources <= set(chosen.sources_by_id)
        for relation in chosen.relations:
            for event in (relation.opened_by, relation.closed_by):
                assert event is None or event in chosen.events_by_id
        # Nothing is invented: every record is the context's own.
        for record in chosen.records():
            assert getattr(data, f"{TABLES_BY_TYPE[type(record)]}_by_id")[record.id] == record


TABLES_BY_TYPE = {record_type: stem for stem, record_type in TABLES.items()}


# -- record_from_dict ---------------------------------------------------------------------------

_RECORDS = st.one_of(
    strategies.sources(),
    strategies.actors(),
    strategies.events(),
    strategies.relations(),
    strategies.treaties(),
    strategies.tenures(),
)


class TestRecordFromDict:
    """record_from_dict is the inverse of record_dict, also through JSON text."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_RECORDS)
    def test_round_trip(self, record: Any) -> None:
        data = record_dict(record)
        assert record_from_dict(type(record), data) == record
        assert record_from_dict(TABLES_BY_TYPE[type(record)], json.loads(json.dumps(data))) == record

    def test_round_trip_of_the_shipped_data(self, shipped: Dataset) -> None:
        for record in shipped.records():
            assert record_from_dict(type(record), record_dict(record)) == record

    def test_bad_dict_is_a_data_error_naming_the_field(self, toy: Dataset) -> None:
        data = record_dict(toy.events[0]) | {"when": "1949-13"}
        with pytest.raises(DataError, match=r"events record\[0\]\.when"):
            record_from_dict("events", data)
        with pytest.raises(DataError, match="must be an object"):
            record_from_dict(Event, ["not", "a", "record"])  # type: ignore[arg-type]

    def test_unknown_kind(self) -> None:
        with pytest.raises(ValueError, match="not a record kind; expected one of sources"):
            record_from_dict("event", {})
        with pytest.raises(ValueError, match="not a record type"):
            record_from_dict(dict, {})


# -- CSV ----------------------------------------------------------------------------------------


class TestCsv:
    """Names beside ids, the Excel byte-order mark, and no column empty without a reason."""

    def test_names_beside_ids(self, toy: Dataset, tmp_path: Path) -> None:
        export.write_csv(toy, tmp_path)
        events = {r["id"]: r for r in _read_csv(tmp_path / "events.csv")}
        war = events["border-war"]
        assert split_cell(war["participant_names"]) == [
            "People's Liberation Army",
            "Union of Soviet Socialist Republics",
        ]
        relations = {r["id"]: r for r in _read_csv(tmp_path / "relations.csv")}
        assert split_cell(relations["prc-ussr-war"]["party_names"]) == [
            "People's Republic of China",
            "Union of Soviet Socialist Republics",
        ]
        treaty = _read_csv(tmp_path / "treaties.csv")[0]
        assert len(split_cell(treaty["party_names"])) == len(split_cell(treaty["parties"])) == 2
        tenure = _read_csv(tmp_path / "tenures.csv")[0]
        assert (tenure["holder_name"], tenure["organization_name"]) == (
            "Mao Zedong",
            "People's Republic of China",
        )

    def test_names_line_up_with_ids_in_the_shipped_data(self, shipped: Dataset) -> None:
        columns, rows = export.flat_table(shipped.events, Event, actors=shipped.actors_by_id)
        assert columns.index("participant_names") == columns.index("participants") + 1
        for event, row in zip(shipped.events, rows, strict=True):
            names = row["participant_names"]
            assert isinstance(names, tuple)
            assert list(names) == [shipped.actors_by_id[p.actor].name for p in event.participants]

    def test_excel_writes_a_byte_order_mark(self, toy: Dataset, tmp_path: Path) -> None:
        plain, excel = tmp_path / "plain", tmp_path / "excel"
        export.write_csv(toy, plain)
        export.write_csv(toy, excel, excel=True)
        for stem in [*TABLES, "codings"]:
            raw = (excel / f"{stem}.csv").read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf")
            assert raw[3:] == (plain / f"{stem}.csv").read_bytes()
            assert not (plain / f"{stem}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        rows = _read_csv(excel / "actors.csv", encoding="utf-8-sig")
        assert "中华人民共和国" in next(r for r in rows if r["id"] == "prc")["names"]

    def test_cli_excel(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["export", "--format", "csv", "--excel", "--out", str(tmp_path)]) == 0
        assert (tmp_path / "events.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert "wrote" in capsys.readouterr().out

    def test_no_column_of_the_shipped_data_is_empty_without_a_reason(self, shipped: Dataset) -> None:
        page = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
        section = page.split("### Columns empty in the shipped data", 1)[1].split("\n### ", 1)[0]
        explained: set[tuple[str, str]] = set()
        for line in section.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) == 3 and cells[0].startswith("`") and len(cells[2]) > 20:
                for file in re.findall(r"`(\w+)\.csv`", cells[0]):
                    explained |= {(file, column) for column in re.findall(r"`(\w+)`", cells[1])}
        assert explained, "the section lists no column"
        tables = {
            stem: export.flat_table(getattr(shipped, stem), record_type, actors=shipped.actors_by_id)
            for stem, record_type in TABLES.items()
        }
        tables["codings"] = (list(export.CODING_COLUMNS), export.coding_table(shipped.events))
        empty = {
            (stem, column)
            for stem, (columns, rows) in tables.items()
            for column in columns
            if all(row[column] in (None, "", ()) for row in rows)
        }
        assert empty <= explained, (
            f"empty in every row, with no reason in docs/export.md: {sorted(empty - explained)}"
        )

    def test_key_evidence_is_two_parallel_columns_and_brings_its_sources(self, shipped: Dataset) -> None:
        key = [e for e in shipped.events if getattr(e, "key_evidence", ())]
        if not key:
            pytest.skip("no key events in this data")
        columns, rows = export.flat_table(key, Event)
        assert columns.index("key_evidence_locators") == columns.index("key_evidence") + 1
        assert rows[0]["key_evidence"] == tuple(c.source for c in key[0].key_evidence)
        assert rows[0]["key_evidence_locators"] == tuple(c.locator or "" for c in key[0].key_evidence)
        assert {c.source for c in key[0].key_evidence} <= set(selection(key[:1]).sources_by_id)
        assert {"key_evidence", "key_evidence_locators"} <= export.multi_valued(Event, columns)

    def test_other_schemes_get_a_column_only_when_held(self, toy: Dataset) -> None:
        columns, _ = export.flat_table(toy.actors, sinosoviet.Actor)
        assert [c for c in columns if c in {s.value for s in sinosoviet.IdScheme}] == [
            "cow_ccode",
            "gw_ccode",
            "wikidata",
        ]
        prc = toy.actors_by_id["prc"]
        odd = attrs.evolve(
            prc,
            external_ids=(
                *prc.external_ids,
                sinosoviet.ExternalId(scheme=sinosoviet.IdScheme.ATOP, value="1234", citations=prc.citations),
            ),
        )
        columns, rows = export.flat_table([odd], sinosoviet.Actor)
        assert "atop" in columns
        assert rows[0]["atop"] == ("1234",)


# -- TimelineJS ---------------------------------------------------------------------------------


def _as_date(parts: dict[str, str]) -> dt.date:
    return dt.date(int(parts["year"]), int(parts.get("month", 1)), int(parts.get("day", 1)))


class TestTimeline:
    """Slides at true precision, escaped text, eras that TimelineJS accepts."""

    def test_slides_of_the_toy_data(self, toy: Dataset) -> None:
        document = export.timeline(toy, title="Toy <timeline>")
        assert document["title"]["text"]["headline"] == "Toy &lt;timeline&gt;"
        slides = {s["unique_id"]: s for s in document["events"]}
        assert list(slides) == [e.id for e in toy.events]
        assert slides["talks"]["start_date"] == {"year": "1969", "month": "10"}
        assert "end_date" not in slides["talks"]
        assert slides["border-war"]["end_date"] == {"year": "1969", "month": "9", "day": "11"}
        assert slides["border-war"]["group"] == "military"

    def test_every_slide_states_only_what_the_data_states(self, shipped: Dataset) -> None:
        slides = {s["unique_id"]: s for s in export.timeline(shipped)["events"]}
        assert len(slides) == len(shipped.events)
        for event in shipped.events:
            slide = slides[event.id]
            start = event.when if isinstance(event.when, PartialDate) else event.when.start
            if isinstance(start, PartialDate):
                wanted = {"year"} | ({"month"} if start.month else set()) | ({"day"} if start.day else set())
                assert set(slide["start_date"]) == wanted, event.id
            assert all(isinstance(v, str) and v.isdigit() for v in slide["start_date"].values())

    def test_text_is_escaped(self, toy: Dataset) -> None:
        event = attrs.evolve(toy.events[0], title="A <b>bold</b> & odd title", summary="x < y & 'z'")
        slide = export.timeline([event], context=toy, eras=())["events"][0]
        assert slide["text"] == {
            "headline": "A &lt;b&gt;bold&lt;/b&gt; &amp; odd title",
            "text": "<p>x &lt; y &amp; &#x27;z&#x27;</p>",
        }

    def test_display_dates_for_what_timelinejs_cannot_say(self, toy: Dataset) -> None:
        event = toy.events[0]
        cases = {"1949~": "c. 1949", "194X": "1940s", "1969-03?": "? March 1969"}
        for text, shown in cases.items():
            slide = export.timeline([attrs.evolve(event, when=PartialDate.parse(text))], context=toy, eras=())
            assert slide["events"][0]["display_date"] == shown
        going = attrs.evolve(event, when=Interval.parse("1991-12-26/.."))
        slide = export.timeline([going], context=toy, eras=())["events"][0]
        assert slide["display_date"] == "26 December 1991 –"
        assert "end_date" not in slide

    def test_an_event_with_no_date_at_either_end_is_left_out(self, toy: Dataset) -> None:
        undated = attrs.evolve(toy.events[0], when=Interval.parse("../.."))
        dated = toy.events[1]
        slides = export.timeline([undated, dated], context=toy, eras=())["events"]
        assert [s["unique_id"] for s in slides] == [dated.id]

    def test_eras_have_an_end_after_their_start(self, shipped: Dataset) -> None:
        eras = export.timeline(shipped, eras=shipped.relations)["eras"]
        assert len(eras) == sum(1 for r in shipped.relations if r.when.earliest != dt.date.min)
        principal = export.timeline(shipped)["eras"]
        assert len(principal) == len(export.principal_periods(shipped))
        for era in [*eras, *principal]:
            assert _as_date(era["start_date"]) < _as_date(era["end_date"])
        one_day = next(r for r in shipped.relations if r.when.earliest == r.when.latest)
        era = export.timeline([one_day])["eras"][0]
        assert _as_date(era["end_date"]) - _as_date(era["start_date"]) == dt.timedelta(days=1)

    def test_default_eras_of_a_selection_follow_the_principal_chain(self) -> None:
        eras = export.timeline(sinosoviet.events(start=1969, end=1969))["eras"]
        assert [e["text"]["headline"].split(":")[0] for e in eras] == [
            "Hostility",
            "Armed conflict",
            "Hostility",
        ]
        assert export.timeline(sinosoviet.events(start=1969, end=1969), eras=()).get("eras") is None

    @FEW
    @given(strategies.datasets(max_events=6))
    def test_any_dataset_gives_valid_slides_and_eras(self, data: Dataset) -> None:
        document = export.timeline(data)
        json.dumps(document)  # plain JSON
        dated = [e.id for e in data.events if e.when.earliest != dt.date.min or e.when.latest != dt.date.max]
        assert [slide["unique_id"] for slide in document["events"]] == dated
        for slide in document["events"]:
            _as_date(slide["start_date"])  # a real calendar day
            if "end_date" in slide:
                assert _as_date(slide["start_date"]) <= _as_date(slide["end_date"])
        for era in document.get("eras", []):
            assert _as_date(era["start_date"]) < _as_date(era["end_date"])

    def test_write_and_cli(self, tmp_path: Path) -> None:
        path = export.write_timeline(sinosoviet.events(kind="summit"), tmp_path)
        assert json.loads(path.read_text(encoding="utf-8"))["events"]
        assert main(["export", "--format", "timeline", "--out", str(tmp_path / "cli")]) == 0
        assert (tmp_path / "cli" / "timeline.json").is_file()


# -- JSON-LD ------------------------------------------------------------------------------------


#: A slice of the shipped data with every kind of date and actor the JSON-LD tests look at.
_SLICE = (1949, 1950)


@pytest.fixture(scope="module")
def graph() -> Any:
    """The JSON-LD of the shipped events of 1949–1950 and what they reference, parsed by rdflib."""
    rdflib = pytest.importorskip("rdflib")
    records = [
        *sinosoviet.events(start=_SLICE[0], end=_SLICE[1]),
        sinosoviet.load().events_by_id["zhenbao-island-incident"],
    ]
    return rdflib.Graph().parse(data=json.dumps(export.jsonld(records)), format="json-ld")


class TestJsonLd:
    """The document parses with rdflib into the triples the docs promise."""

    def test_types(self, graph: Any, shipped: Dataset) -> None:
        from rdflib import RDF, URIRef

        schema = "https://schema.org/"
        assert (URIRef("urn:sinosoviet:actor/ussr"), RDF.type, URIRef(schema + "Country")) in graph
        assert (URIRef("urn:sinosoviet:actor/mao-zedong"), RDF.type, URIRef(schema + "Person")) in graph
        chosen = export.selection(sinosoviet.events(start=_SLICE[0], end=_SLICE[1]))
        organization = next(a for a in chosen.actors if a.kind is sinosoviet.ActorKind.PARTY)
        assert (
            URIRef(f"urn:sinosoviet:actor/{organization.id}"),
            RDF.type,
            URIRef(schema + "Organization"),
        ) in graph
        events = set(graph.subjects(RDF.type, URIRef(schema + "Event")))
        chosen = export.selection([*sinosoviet.events(start=_SLICE[0], end=_SLICE[1])])
        assert {URIRef(f"urn:sinosoviet:event/{e.id}") for e in chosen.events} <= events
        assert len(events) == len(chosen.events) + 1  # and the Zhenbao clash

    def test_participants_with_roles(self, graph: Any, shipped: Dataset) -> None:
        from rdflib import URIRef

        schema = "https://schema.org/"
        event = shipped.events_by_id["zhenbao-island-incident"]
        node = URIRef(f"urn:sinosoviet:event/{event.id}")
        found = set()
        for role in graph.objects(node, URIRef(schema + "attendee")):
            name = graph.value(role, URIRef(schema + "roleName"))
            actor = graph.value(role, URIRef(schema + "attendee"))
            found.add((str(actor).rsplit("/", 1)[1], str(name)))
        assert found == {(p.actor, p.role.value) for p in event.participants}
        direct = set(graph.objects(node, URIRef("urn:sinosoviet:vocab#participant")))
        assert direct == {URIRef(f"urn:sinosoviet:actor/{p.actor}") for p in event.participants}

    def test_dates_with_precision_and_bounds(self, graph: Any, shipped: Dataset) -> None:
        from rdflib import XSD, Literal, URIRef

        crm = "http://www.cidoc-crm.org/cidoc-crm/"
        checked = {Precision.YEAR: 0, Precision.MONTH: 0, Precision.DAY: 0}
        kinds = {Precision.YEAR: XSD.gYear, Precision.MONTH: XSD.gYearMonth, Precision.DAY: XSD.date}
        for event in sinosoviet.events(start=_SLICE[0], end=_SLICE[1]):
            if not isinstance(event.when, PartialDate) or event.when.precision not in checked:
                continue
            node = URIRef(f"urn:sinosoviet:event/{event.id}")
            start = graph.value(node, URIRef("https://schema.org/startDate"))
            assert start.datatype == kinds[event.when.precision], event.id
            span = graph.value(node, URIRef(crm + "P4_has_time-span"))
            assert graph.value(span, URIRef(crm + "P82a_begin_of_the_begin")) == Literal(
                event.when.earliest.isoformat(), datatype=XSD.date
            )
            assert graph.value(span, URIRef(crm + "P82b_end_of_the_end")) == Literal(
                event.when.latest.isoformat(), datatype=XSD.date
            )
            checked[event.when.precision] += 1
        assert all(checked.values()), checked

    def test_open_ends_have_no_end_bound(self, graph: Any) -> None:
        from rdflib import URIRef

        crm = "http://www.cidoc-crm.org/cidoc-crm/"
        span = graph.value(URIRef("urn:sinosoviet:actor/prc"), URIRef(crm + "P4_has_time-span"))
        assert graph.value(span, URIRef(crm + "P82a_begin_of_the_begin")) is not None
        assert graph.value(span, URIRef(crm + "P82b_end_of_the_end")) is None

    def test_own_base_and_a_selection(self, toy: Dataset, tmp_path: Path) -> None:
        rdflib = pytest.importorskip("rdflib")
        path = export.write_jsonld(
            [toy.events_by_id["talks"]], tmp_path, base="https://example.org/id/", context=toy
        )
        graph = rdflib.Graph().parse(path, format="json-ld")
        subjects = {str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
        assert subjects == {
            "https://example.org/id/event/talks",
            "https://example.org/id/actor/prc",
            "https://example.org/id/actor/ussr",
            "https://example.org/id/source/book",
        }


# -- Data Package -------------------------------------------------------------------------------


class TestDataPackage:
    """The package passes frictionless validation, and validation would catch a fault."""

    def test_shipped_data_validates(self, tmp_path: Path) -> None:
        frictionless = pytest.importorskip("frictionless")
        export.write_datapackage(None, tmp_path)
        report = frictionless.validate(str(tmp_path / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
        assert len(report.tasks) == len(TABLES) + 1

    def test_selections_validate(self, toy: Dataset, tmp_path: Path) -> None:
        frictionless = pytest.importorskip("frictionless")
        for number, chosen in enumerate(
            [
                sinosoviet.relations(parties=("prc", "ussr")),
                sinosoviet.load().tenures[:30],
                [],
                toy.relations[:2],
            ]
        ):
            folder = tmp_path / str(number)
            export.write_datapackage(chosen, folder, context=toy if number == 3 else None)
            report = frictionless.validate(str(folder / "datapackage.json"))
            assert report.valid, (number, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10])

    def test_validation_catches_a_broken_key_and_a_value_off_the_codebook(self, tmp_path: Path) -> None:
        frictionless = pytest.importorskip("frictionless")
        export.write_datapackage(sinosoviet.load().tenures[:30], tmp_path)
        for file, column, value in (("tenures", "holder", "nobody-at-all"), ("actors", "kind", "country")):
            path = tmp_path / f"{file}.csv"
            rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
            if len(rows) < 2:
                continue
            rows[1][rows[0].index(column)] = value
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows(rows)
        report = frictionless.validate(str(tmp_path / "datapackage.json"))
        assert not report.valid
        assert {"foreign-key", "constraint-error"} <= {e.type for task in report.tasks for e in task.errors}

    def test_schema(self, shipped: Dataset) -> None:
        package = export.datapackage_descriptor()
        assert package["version"] == sinosoviet.DATA_VERSION
        assert package["licenses"][0]["name"] == "CC-BY-SA-4.0"
        assert any(s["path"] == "sources.csv" for s in package["sources"])
        resources = {r["name"]: r for r in package["resources"]}
        fields = {name: {f["name"]: f for f in r["schema"]["fields"]} for name, r in resources.items()}
        assert fields["sources"]["year"]["type"] == "year"
        assert fields["events"]["when_earliest"]["type"] == "date"
        assert fields["events"]["kind"]["constraints"]["enum"] == [k.value for k in sinosoviet.EventKind]
        assert fields["relations"]["status"]["constraints"]["enum"][0] == "alliance"
        assert fields["tenures"]["concurrent"]["type"] == "boolean"
        assert resources["events"]["schema"]["primaryKey"] == ["id"]
        keys = {
            (k["fields"][0], k["reference"]["resource"])
            for k in resources["tenures"]["schema"]["foreignKeys"]
        }
        assert keys == {("holder", "actors"), ("organization", "actors")}

    def test_year_and_yearmonth_where_a_column_holds_them(self, shipped: Dataset) -> None:
        def when_type(events: list[Event]) -> str:
            package = export.datapackage_descriptor(events)
            resource = next(r for r in package["resources"] if r["name"] == "events")
            field: dict[str, Any] = next(f for f in resource["schema"]["fields"] if f["name"] == "when")
            return str(field["type"])

        def exact(precision: Precision) -> list[Event]:
            return [
                e
                for e in shipped.events
                if isinstance(e.when, PartialDate)
                and e.when.precision is precision
                and str(e.when)[-1] not in "~?%"
            ][:5]

        assert when_type(exact(Precision.YEAR)) == "year"
        assert when_type(exact(Precision.MONTH)) == "yearmonth"
        assert when_type(exact(Precision.DAY)) == "date"
        assert when_type(list(shipped.events)) == "string"

    def test_own_descriptor(self, toy: Dataset, tmp_path: Path) -> None:
        mine = {
            "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}]
        }
        paths = export.write_datapackage(toy, tmp_path, descriptor=mine)
        assert paths[-1].name == "datapackage.json"
        written = json.loads(paths[-1].read_text(encoding="utf-8"))
        assert written["licenses"] == mine["licenses"]


# -- Parquet ------------------------------------------------------------------------------------


def _plain_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: list(v) if isinstance(v, tuple) else v for k, v in row.items()} for row in rows]


class TestParquet:
    """One file per table; reading back gives the table's values; enums are dictionaries."""

    @pytest.mark.parametrize("source", ["shipped", "toy", "empty"])
    def test_read_back_gives_the_same_values(self, source: str, tmp_path: Path) -> None:
        pq = pytest.importorskip("pyarrow.parquet")
        data = {"shipped": sinosoviet.load(), "toy": toy_dataset(), "empty": Dataset()}[source]
        paths = export.write_parquet(data, tmp_path)
        assert [p.name for p in paths] == [*(f"{stem}.parquet" for stem in TABLES), "codings.parquet"]
        for stem, record_type in TABLES.items():
            columns, rows = export.flat_table(getattr(data, stem), record_type, actors=data.actors_by_id)
            table = pq.read_table(tmp_path / f"{stem}.parquet")
            assert table.column_names == columns
            assert table.to_pylist() == _plain_rows(rows)
        codings = pq.read_table(tmp_path / "codings.parquet").to_pylist()
        assert codings == export.coding_table(data.events)

    def test_types_and_metadata(self, toy: Dataset) -> None:
        pa = pytest.importorskip("pyarrow")
        tables = export.to_arrow(toy)
        events = tables["events"]
        assert pa.types.is_dictionary(events.schema.field("kind").type)
        assert events.column("kind").chunk(0).dictionary.to_pylist() == [
            k.value for k in sinosoviet.EventKind
        ]
        assert events.schema.field("when_earliest").type == pa.date32()
        assert events.schema.field("participants").type == pa.list_(pa.string())
        assert tables["tenures"].schema.field("concurrent").type == pa.bool_()
        metadata = events.schema.metadata
        assert metadata[b"sinosoviet.data_version"].decode() == sinosoviet.DATA_VERSION
        codebook = json.loads(metadata[b"sinosoviet.codebook"])
        assert codebook["kind"]["values"] == [k.value for k in sinosoviet.EventKind]
        assert codebook["kind"]["enum"] == "EventKind"
        relations = json.loads(tables["relations"].schema.metadata[b"sinosoviet.codebook"])
        assert relations["status"]["values"][-1] == "armed_conflict"

    def test_empty_tables_keep_their_types(self) -> None:
        pa = pytest.importorskip("pyarrow")
        full, empty = export.to_arrow(toy_dataset()), export.to_arrow(Dataset())
        for stem in ("actors", "events", "relations", "tenures"):
            assert empty[stem].schema.remove_metadata() == full[stem].schema.remove_metadata(), stem
        assert empty["events"].num_rows == 0
        assert pa.types.is_list(empty["events"].schema.field("cow_mid").type)


# -- graph --------------------------------------------------------------------------------------


class TestGraph:
    """Actors and events as nodes; participation, links, succession and membership as typed edges."""

    def test_toy_graph(self, toy: Dataset) -> None:
        pytest.importorskip("networkx")
        graph = export.to_graph(toy)
        assert set(graph.nodes) == {f"actor:{a.id}" for a in toy.actors} | {
            f"event:{e.id}" for e in toy.events
        }
        assert graph.nodes["actor:prc"] == {
            "type": "actor",
            "id": "prc",
            "kind": "state",
            "label": "People's Republic of China",
            "when": "1949-10-01/..",
            "earliest": "1949-10-01",
        }

        def edges(kind: str) -> set[tuple[str, str]]:
            return {(a, b) for a, b, d in graph.edges(data=True) if d["type"] == kind}

        assert ("event:border-war", "actor:pla") in edges("participant")
        roles = [d["role"] for _, _, d in graph.out_edges("event:talks", data=True)]
        assert sorted(roles) == ["host", "visitor"]
        # roc lists prc as successor and prc lists roc as predecessor: one edge.
        assert [(a, b) for a, b in edges("successor")] == [("actor:roc", "actor:prc")]
        assert edges("member_of") == {("actor:pla", "actor:prc")}
        assert len(edges("relation")) == 2  # one edge per pair, parallel edges per period
        assert sum(1 for *_, d in graph.edges(data=True) if d["type"] == "relation") == len(toy.relations)
        assert edges("holds_office") == {("actor:mao-zedong", "actor:prc")}
        assert {d["type"] for *_, d in graph.edges(data=True)} <= set(export.EDGE_TYPES)

    def test_links_between_events(self, shipped: Dataset) -> None:
        pytest.importorskip("networkx")
        graph = export.to_graph(shipped)
        links = {(a, b, d["kind"]) for a, b, d in graph.edges(data=True) if d["type"] == "link"}
        wanted = {
            (f"event:{e.id}", f"event:{link.target}", link.kind.value)
            for e in shipped.events
            for link in e.links
            if link.target in shipped.events_by_id
        }
        assert links == wanted
        assert wanted

    def test_selection_leaves_out_edges_to_what_it_lacks(self) -> None:
        pytest.importorskip("networkx")
        summit = sinosoviet.load().events_by_id["mao-stalin-first-meeting"]
        graph = export.to_graph([summit])
        assert set(graph.nodes) == {
            "event:mao-stalin-first-meeting",
            "actor:mao-zedong",
            "actor:joseph-stalin",
        }
        assert {d["type"] for *_, d in graph.edges(data=True)} == {"participant"}

    def test_graphml_round_trip(self, toy: Dataset, tmp_path: Path) -> None:
        networkx = pytest.importorskip("networkx")
        path = export.write_graph(toy, tmp_path)
        back = networkx.read_graphml(path, force_multigraph=True)
        graph = export.to_graph(toy)
        assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
        assert sorted(sorted(d.items()) for *_, d in back.edges(data=True)) == sorted(
            sorted(d.items()) for *_, d in graph.edges(data=True)
        )


# -- the command line ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format_", "files"),
    [
        ("jsonld", ["sinosoviet.jsonld"]),
        ("datapackage", ["datapackage.json", "events.csv"]),
        ("parquet", ["events.parquet"]),
        ("graph", ["sinosoviet.graphml"]),
    ],
)
def test_cli_offers_each_format(format_: str, files: list[str], tmp_path: Path, toy: Dataset) -> None:
    if format_ == "parquet":
        pytest.importorskip("pyarrow")
    if format_ == "graph":
        pytest.importorskip("networkx")
    folder = tmp_path / "data"
    toy.write(folder)
    out = tmp_path / "out"
    assert main(["export", "--format", format_, "--data", str(folder), "--out", str(out)]) == 0
    for name in files:
        assert (out / name).is_file()


def test_a_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, toy: Dataset) -> None:
    import builtins

    real = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("pyarrow", "networkx"):
            raise ImportError(f"No module named {name!r}")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    import importlib

    monkeypatch.setattr(importlib, "import_module", lambda name, *a: refuse(name))
    with pytest.raises(ImportError, match=r'pip install "sinosoviet\[parquet\]"'):
        export.to_arrow(toy)
    with pytest.raises(ImportError, match=r'pip install "sinosoviet\[graph\]"'):
        export.to_graph(toy)
