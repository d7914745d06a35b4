"""Tests for sinosoviet.export: JSON, CSV, DataFrames and the dyad-year table.

`toy_dataset` is a small, fixed dataset whose every row and answer is known, shared with the
command-line and plot tests; the shipped data is still being written, so tests on it assert
structure and facts certain to hold.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinosoviet
import sinosoviet.cameo
from sinosoviet import (
    Actor,
    ActorKind,
    Citation,
    Dataset,
    Event,
    EventKind,
    ExternalId,
    IdScheme,
    Interval,
    Name,
    PartialDate,
    Participant,
    Relation,
    RelationStatus,
    Role,
    Source,
    SourceKind,
    SourceLevel,
    Tenure,
    Treaty,
    TreatyKind,
    Variant,
    export,
    strategies,
)
from sinosoviet.export import (
    SEPARATOR,
    TABLES,
    flat_table,
    join_cell,
    record_dict,
    split_cell,
    write_csv,
    write_json,
)

CITE = (Citation(source="book", locator="p. 1 | note 2"),)


def _cow(code: str) -> tuple[ExternalId, ...]:
    return (ExternalId(scheme=IdScheme.COW_CCODE, value=code, citations=CITE),)


def _actor(actor_id: str, name: str, lifespan: str, **extra: Any) -> Actor:
    kind = extra.pop("kind", ActorKind.STATE)
    return Actor(
        id=actor_id, kind=kind, name=name, lifespan=Interval.parse(lifespan), citations=CITE, **extra
    )


def _event(event_id: str, when: str, kind: EventKind, *participants: tuple[str, Role], **extra: Any) -> Event:
    return Event(
        id=event_id,
        when=sinosoviet.parse_when(when),
        title=extra.pop("title", event_id.replace("-", " ").capitalize()),
        kind=kind,
        participants=tuple(Participant(actor=a, role=r) for a, r in participants),
        citations=CITE,
        **extra,
    )


def _relation(relation_id: str, parties: tuple[str, str], status: RelationStatus, when: str) -> Relation:
    return Relation(id=relation_id, parties=parties, status=status, when=Interval.parse(when), citations=CITE)


def toy_dataset() -> Dataset:
    """A small dataset with known answers: PRC–USSR from 1949 to 1991, then PRC–Russia."""
    belligerents = (("pla", Role.BELLIGERENT), ("ussr", Role.BELLIGERENT))
    return Dataset(
        sources=(
            Source(
                id="book",
                title='A history, with commas, "quotes" | and a pipe',
                kind=SourceKind.BOOK,
                level=SourceLevel.SECONDARY,
            ),
        ),
        actors=(
            _actor(
                "prc",
                "People's Republic of China",
                "1949-10-01/..",
                names=(Name(text="中华人民共和国", lang="zh-Hans"), Name(text="New China", lang="en")),
                external_ids=_cow("710"),
                predecessors=("roc",),
            ),
            _actor("roc", "Republic of China", "1912-01-01/..", successors=("prc",)),
            _actor(
                "ussr",
                "Union of Soviet Socialist Republics",
                "1922-12-30/1991-12-26",
                external_ids=_cow("365"),
            ),
            _actor("russia", "Russian Federation", "1991-12-26/..", external_ids=_cow("365")),
            _actor(
                "pla",
                "People's Liberation Army",
                "1927-08-01/..",
                kind=ActorKind.MILITARY,
                member_of=("prc",),
            ),
            _actor(
                "mao-zedong",
                "Mao Zedong",
                "1893-12-26/1976-09-09",
                kind=ActorKind.PERSON,
                names=(
                    Name(text="毛泽东", lang="zh-Hans"),
                    Name(text="Mao Tse-tung", lang="zh-Latn-wadegile"),
                ),
            ),
        ),
        events=(
            _event("prc-proclaimed", "1949-10-01", EventKind.FOUNDING, ("prc", Role.SUBJECT)),
            _event(
                "alliance-signed",
                "1950-02-14",
                EventKind.TREATY,
                ("prc", Role.SIGNATORY),
                ("ussr", Role.SIGNATORY),
                title="The treaty of alliance is signed in Moscow after two months of talks between leaders",
                tags=("alliance",),
            ),
            _event("zhenbao-clash", "1969-03-02", EventKind.MILITARY, *belligerents, tags=("border",)),
            _event(
                "border-war", "1969-03-02/1969-09-11", EventKind.MILITARY, *belligerents, tags=("border",)
            ),
            _event("talks", "1969-10", EventKind.DIPLOMATIC, ("prc", Role.HOST), ("ussr", Role.VISITOR)),
            _event(
                "skirmish-1978",
                "1978-05",
                EventKind.MILITARY,
                *belligerents,
                variants=(Variant(field="when", value="1978-06", citations=CITE, note="a later date"),),
            ),
            _event("mao-dies", "1976-09-09", EventKind.DEATH, ("mao-zedong", Role.SUBJECT)),
        ),
        relations=(
            _relation("prc-ussr-alliance", ("prc", "ussr"), RelationStatus.ALLIANCE, "1949-10-02/1960-07-15"),
            _relation("prc-ussr-tension", ("prc", "ussr"), RelationStatus.TENSION, "1960-07-16/1969-03-01"),
            _relation(
                "prc-ussr-war", ("prc", "ussr"), RelationStatus.ARMED_CONFLICT, "1969-03-02/1969-09-11"
            ),
            _relation(
                "prc-ussr-hostility", ("prc", "ussr"), RelationStatus.HOSTILITY, "1969-09-12/1989-05-15"
            ),
            _relation("prc-ussr-normal", ("prc", "ussr"), RelationStatus.NORMAL, "1989-05-16/1991-12-25"),
            _relation("prc-russia-normal", ("prc", "russia"), RelationStatus.NORMAL, "1991-12-26/.."),
        ),
        treaties=(
            Treaty(
                id="alliance-1950",
                name="Treaty of Friendship, Alliance and Mutual Assistance",
                kind=TreatyKind.ALLIANCE,
                parties=("prc", "ussr"),
                signed=PartialDate.parse("1950-02-14"),
                in_force=PartialDate.parse("1950-04-11"),
                ended=PartialDate.parse("1980-04-11"),
                citations=CITE,
            ),
        ),
        tenures=(
            Tenure(
                id="mao-chairman",
                holder="mao-zedong",
                office="Chairman",
                organization="prc",
                when=Interval.parse("1949-10-01/1959-04-27"),
                citations=CITE,
            ),
        ),
    )


@pytest.fixture
def toy() -> Dataset:
    return toy_dataset()


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class TestRecordDict:
    """record_dict gives exactly the converter's JSON form, without importing cattrs."""

    def test_equals_the_converter_on_the_shipped_data(self) -> None:
        from sinosoviet._convert import unstructure_record

        for record in sinosoviet.load().records():
            # Compared as JSON text: the converter keeps a fixed-length tuple a tuple.
            assert json.dumps(record_dict(record)) == json.dumps(unstructure_record(record)), record.id

    def test_equals_the_converter_on_the_toy_data(self, toy: Dataset) -> None:
        from sinosoviet._convert import unstructure_record

        for record in toy.records():
            assert json.dumps(record_dict(record)) == json.dumps(unstructure_record(record)), record.id

    def test_importing_export_imports_nothing_heavy(self) -> None:
        code = (
            "import sys, sinosoviet.export\n"
            "heavy = [m for m in ('cattrs', 'pandas', 'matplotlib') if m in sys.modules]\n"
            "assert not heavy, heavy\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True)


class TestJson:
    """The JSON export is the canonical folder that load() reads back unchanged."""

    def test_shipped_data_round_trips(self, tmp_path: Path) -> None:
        paths = write_json(None, tmp_path)
        assert sorted(p.name for p in paths) == sorted(f"{stem}.json" for stem in TABLES)
        assert sinosoviet.load(tmp_path) == sinosoviet.load()

    def test_toy_data_round_trips(self, toy: Dataset, tmp_path: Path) -> None:
        write_json(toy, tmp_path)
        assert sinosoviet.load(tmp_path) == toy

    def test_refuses_what_is_not_a_dataset(self, tmp_path: Path) -> None:
        with pytest.raises(TypeError, match="Dataset"):
            write_json([42], tmp_path)  # type: ignore[list-item]


class TestCells:
    """Multi-valued cells join with ' | ' and split back to the same values."""

    def test_join(self) -> None:
        assert join_cell(["a", "b c"]) == "a | b c"
        assert join_cell(["x | y", "back\\slash"]) == "x \\| y | back\\\\slash"
        assert SEPARATOR == " | "

    def test_empty_cell_has_no_values(self) -> None:
        assert join_cell([]) == ""
        assert split_cell("") == []

    @given(st.lists(st.text(alphabet=st.sampled_from('ab |\\,"\n'), max_size=8), min_size=1))
    def test_split_inverts_join(self, values: list[str]) -> None:
        # The one ambiguity: a single empty value and no value both give an empty cell.
        if values != [""]:
            assert split_cell(join_cell(values)) == values


class TestCsv:
    """One CSV per record type: a header of flat columns, one row per record, ids in order."""

    @pytest.mark.parametrize("source", ["shipped", "toy"])
    def test_row_counts_and_ids_match(self, source: str, tmp_path: Path) -> None:
        data = sinosoviet.load() if source == "shipped" else toy_dataset()
        paths = write_csv(data, tmp_path)
        assert [p.name for p in paths] == [*(f"{stem}.csv" for stem in TABLES), "codings.csv"]
        codings = _read_csv(tmp_path / "codings.csv")
        assert len(codings) == sum(len(e.codings) for e in data.events)
        expected = [(e.id, c.source, c.target, c.cameo) for e in data.events for c in e.codings]
        assert [(r["event"], r["source"], r["target"], r["cameo"]) for r in codings] == expected
        assert all(float(r["goldstein"]) == sinosoviet.cameo.goldstein(r["cameo"]) for r in codings)
        for stem, record_type in TABLES.items():
            records = getattr(data, stem)
            with (tmp_path / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle))
            rows = _read_csv(tmp_path / f"{stem}.csv")
            assert header == flat_table(records, record_type)[0]
            assert len(rows) == len(records)
            assert [row["id"] for row in rows] == [r.id for r in records]

    def test_parallel_columns_line_up(self, tmp_path: Path) -> None:
        write_csv(None, tmp_path)
        for row in _read_csv(tmp_path / "actors.csv"):
            assert len(split_cell(row["names"])) == len(split_cell(row["name_langs"]))
            assert len(split_cell(row["citations"])) >= 1

    def test_toy_cells(self, toy: Dataset, tmp_path: Path) -> None:
        write_csv(toy, tmp_path)
        events = {row["id"]: row for row in _read_csv(tmp_path / "events.csv")}
        war = events["border-war"]
        assert war["when"] == "1969-03-02/1969-09-11"
        assert (war["when_earliest"], war["when_latest"]) == ("1969-03-02", "1969-09-11")
        assert split_cell(war["participants"]) == ["pla:belligerent", "ussr:belligerent"]
        assert events["talks"]["when_latest"] == "1969-10-31"
        assert split_cell(events["skirmish-1978"]["variant_values"]) == ["1978-06"]
        # A locator holding " | " survives the trip through an escaped cell.
        assert split_cell(war["citation_locators"]) == ["p. 1 | note 2"]
        actors = {row["id"]: row for row in _read_csv(tmp_path / "actors.csv")}
        assert actors["prc"]["lifespan_latest"] == ""  # open end
        assert actors["prc"]["cow_ccode"] == "710"
        assert split_cell(actors["prc"]["names"]) == ["中华人民共和国", "New China"]
        relations = _read_csv(tmp_path / "relations.csv")
        assert [r["status"] for r in relations][:2] == ["normal", "alliance"]
        sources = _read_csv(tmp_path / "sources.csv")
        assert sources[0]["title"] == 'A history, with commas, "quotes" | and a pipe'
        treaties = _read_csv(tmp_path / "treaties.csv")
        assert (treaties[0]["signed"], treaties[0]["in_force_latest"]) == ("1950-02-14", "1950-04-11")


class TestDataFrames:
    """to_dataframes gives one DataFrame per record type, with the CSV's columns."""

    def test_frames(self, toy: Dataset) -> None:
        pandas = pytest.importorskip("pandas")
        frames = export.to_dataframes(toy)
        assert list(frames) == [*TABLES, "codings"]
        assert list(frames["codings"].columns) == list(export.CODING_COLUMNS)
        for stem, record_type in TABLES.items():
            frame = frames[stem]
            assert len(frame) == len(getattr(toy, stem))
            assert list(frame.columns) == flat_table((), record_type)[0]
        events = frames["events"].set_index("id")
        assert events.loc["border-war", "when_earliest"] == pandas.Timestamp("1969-03-02")
        assert events.loc["zhenbao-clash", "participants"] == ("pla:belligerent", "ussr:belligerent")
        assert pandas.isna(frames["actors"].set_index("id").loc["prc", "lifespan_latest"])

    def test_shipped_frames(self) -> None:
        pytest.importorskip("pandas")
        frames = export.to_dataframes()
        data = sinosoviet.load()
        assert {stem: len(frame) for stem, frame in frames.items()} == {
            **{s: len(getattr(data, s)) for s in TABLES},
            "codings": sum(len(e.codings) for e in data.events),
        }
        assert {"prc", "roc", "ussr"} <= set(frames["actors"]["id"])

    def test_missing_pandas_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"sinosoviet\[pandas\]"):
            export.to_dataframes()
        with pytest.raises(ImportError, match=r"sinosoviet\[pandas\]"):
            export.dyad_years_frame()


class TestPrincipalPeriods:
    """principal_periods follows the chain, clipping each period to the days its pair stands for."""

    def test_toy(self, toy: Dataset) -> None:
        periods = export.principal_periods(toy)
        assert [r.id for r, _, _ in periods] == [
            "prc-ussr-alliance",
            "prc-ussr-tension",
            "prc-ussr-war",
            "prc-ussr-hostility",
            "prc-ussr-normal",
            "prc-russia-normal",
        ]
        assert periods[0][1] == dt.date(1949, 10, 2)
        assert periods[-1][2] == dt.date.max


class TestGeneratedDatasets:
    """On any valid dataset of sinosoviet.strategies, the exports agree with the records."""

    # One test for three properties: generating a dataset costs more than checking it.
    @given(strategies.datasets())
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def test_exports_hold_the_records(self, data: Dataset) -> None:
        from sinosoviet._convert import unstructure_record

        for record in data.records():
            assert json.dumps(record_dict(record)) == json.dumps(unstructure_record(record))
        with tempfile.TemporaryDirectory() as folder:
            write_json(data, folder)
            assert sinosoviet.load(folder) == data
        with tempfile.TemporaryDirectory() as folder:
            write_csv(data, folder)
            for stem in TABLES:
                records = getattr(data, stem)
                rows = _read_csv(Path(folder) / f"{stem}.csv")
                assert [row["id"] for row in rows] == [r.id for r in records]
                for row, record in zip(rows, records, strict=True):
                    self._check_row(stem, row, record)

    @staticmethod
    def _check_row(stem: str, row: dict[str, str], record: Any) -> None:
        if stem != "sources":
            assert split_cell(row["citations"]) == [c.source for c in record.citations]
        if stem in ("events", "relations", "tenures"):
            assert row["when"] == str(record.when)
            low, high = record.when.earliest, record.when.latest
            assert row["when_earliest"] == ("" if low == dt.date.min else low.isoformat())
            assert row["when_latest"] == ("" if high == dt.date.max else high.isoformat())
        if stem == "events":
            assert split_cell(row["tags"]) == list(record.tags)
        if stem in ("relations", "treaties"):
            assert split_cell(row["parties"]) == list(record.parties)


def test_public_classes_of_the_export_package_resolve_their_type_hints() -> None:
    """The export package re-exports its classes; their annotations still resolve (cattrs needs it)."""
    import typing

    from sinosoviet import export

    hints = typing.get_type_hints(export.DyadYear)
    assert hints["status_most_hostile"] == RelationStatus
    assert hints["dispnum"] == tuple[str, ...]
    assert export.DyadYear.__module__ == "sinosoviet.export._dyads"
    assert export.dyad_years.__module__ == "sinosoviet.export"
