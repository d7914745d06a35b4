"""Tests for the COW-style dyad-year table and the peer crosswalk behind it.

The conventions (COW non-directed and directed dyads, years bounded by the data), the peer
columns against the peer episodes, a merge with a peacesciencer-layout fixture, bad arguments,
the CSV, the frame and the command line.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import sinosoviet
from sinosoviet import DataError, Dataset, EventKind, IdScheme, RelationStatus
from sinosoviet._peers import parse_peer_episodes
from sinosoviet.cli import main
from sinosoviet.export import (
    DYAD_YEAR_COLUMNS,
    CoverageError,
    DyadYear,
    coverage,
    dyad_years,
    peer_episodes,
    write_dyad_years,
)
from test_export import toy_dataset

FIXTURE = Path(__file__).parent / "data" / "peacesciencer_dyad_years.csv"

#: Every dispute of MID 5.0 (MIDB participant file, read at curation) begun 1917-1991 in which
#: 365 and 710 stood on opposite sides at overlapping times.
MIDS_BETWEEN = {
    "1142", "2700", "3257", "3259", "1668", "2208", "1674", "41", "3655", "3656", "3263", "3264",
    "2704", "3265", "2707", "2708", "343", "2710", "2711", "349", "364", "2713", "2714", "2715",
    "3007", "2716", "2717", "2718",
}  # fmt: skip
#: Disputes with both states on the same side only: not between them.
MIDS_SAME_SIDE = {"258", "50", "173", "1363", "3361", "1353", "611"}

ROWS = dyad_years()


def _days(row: DyadYear) -> int:
    return sum(getattr(row, f"days_{s.value}") for s in RelationStatus)


class TestConventions:
    """COW's conventions: keys first, lower code first, one row per year, directed has both."""

    def test_key_columns_come_first_and_every_code_has_its_column(self) -> None:
        assert DYAD_YEAR_COLUMNS[:3] == ("ccode1", "ccode2", "year")
        assert {f"days_{s.value}" for s in RelationStatus} <= set(DYAD_YEAR_COLUMNS)
        assert {f"events_{k.value}" for k in EventKind} <= set(DYAD_YEAR_COLUMNS)
        assert {
            "status_year_end",
            "status_most_hostile",
            "alliance_defense",
            "alliance_neutrality",
            "alliance_nonaggression",
            "alliance_entente",
            "version4id",
            "atop_alliance",
            "atopid",
            "mid_ongoing",
            "mid_onset",
            "dispnum",
            "war_ongoing",
            "warnum",
            "icb_crisis",
            "crisno",
            "ucdp_conflict",
            "conflict_id",
        } <= set(DYAD_YEAR_COLUMNS)

    def test_non_directed_rows_put_the_lower_code_first_one_per_year(self) -> None:
        assert coverage() == (1917, 1991)
        assert {(r.ccode1, r.ccode2) for r in ROWS} == {(365, 710)}
        assert [r.year for r in ROWS] == list(range(1917, 1992))
        assert ROWS[0].actor1 == "soviet-russia"
        assert ROWS[0].actor2 == "roc"
        assert ROWS[-1].actor1 == "russia"
        assert ROWS[-1].actor2 == "prc"

    def test_directed_has_both_directions_with_the_same_values(self) -> None:
        directed = dyad_years(directed=True)
        assert len(directed) == 2 * len(ROWS)
        assert [(r.ccode1, r.ccode2) for r in directed] == [(365, 710)] * len(ROWS) + [(710, 365)] * len(ROWS)
        keys = [(r.ccode1, r.ccode2, r.year) for r in directed]
        assert len(keys) == len(set(keys))
        assert keys == sorted(keys)
        forward = {r.year: r for r in directed if r.ccode1 == 365}
        for row in (r for r in directed if r.ccode1 == 710):
            mirror = attrs.evolve(row, ccode1=365, ccode2=710, actor1=row.actor2, actor2=row.actor1)
            assert mirror == forward[row.year]

    def test_status_and_days_agree_with_the_relation_periods(self) -> None:
        data = sinosoviet.load()
        for row in ROWS:
            expected = data.query.status_on(dt.date(row.year, 12, 31))
            assert expected is not None
            assert row.status_year_end is expected.status, row.year
            assert row.status_most_hostile.severity >= row.status_year_end.severity
            assert getattr(row, f"days_{row.status_most_hostile.value}") > 0
            length = 366 if row.year % 4 == 0 and row.year != 1900 else 365
            assert _days(row) == (55 if row.year == 1917 else length), row.year
        by_year = {r.year: r for r in ROWS}
        assert by_year[1969].status_most_hostile is RelationStatus.ARMED_CONFLICT
        assert by_year[1969].days_armed_conflict == (dt.date(1969, 9, 11) - dt.date(1969, 3, 2)).days + 1
        assert by_year[1929].status_most_hostile is RelationStatus.ARMED_CONFLICT
        assert by_year[1952].days_alliance == 366

    def test_event_counts_are_events_of_both_sides_begun_that_year(self) -> None:
        data = sinosoviet.load()
        by_year = {r.year: r for r in ROWS}
        border = data.events_by_id["sino-soviet-border-conflict-1969"]
        assert by_year[1969].events_military >= 1
        assert border.kind is EventKind.MILITARY
        total = sum(getattr(r, f"events_{k.value}") for r in ROWS for k in EventKind)
        assert 0 < total <= len(data.events)


class TestPeerColumns:
    """The peer columns hold exactly the shipped peer episodes of the dyad, year by year."""

    def test_every_mid_between_the_pair_appears_in_its_years(self) -> None:
        mids = [e for e in peer_episodes() if e.dataset is IdScheme.COW_MID]
        assert {e.id for e in mids} == MIDS_BETWEEN
        assert not MIDS_SAME_SIDE & {e.id for e in mids}
        by_year = {r.year: r for r in ROWS}
        for episode in mids:
            for year in episode.years():
                assert by_year[year].mid_ongoing, (episode.id, year)
                assert episode.id in by_year[year].dispnum, (episode.id, year)
            onset = by_year[episode.when.earliest.year]
            assert onset.mid_onset
            assert episode.id in onset.dispnum_onset
        for row in ROWS:
            assert row.mid_ongoing == bool(row.dispnum)
            assert set(row.dispnum_onset) <= set(row.dispnum)

    def test_known_years(self) -> None:
        by_year = {r.year: r for r in ROWS}
        assert by_year[1929].warnum == ("118",)
        assert by_year[1929].crisno == ("38",)
        assert by_year[1969].crisno == ("231",)
        assert by_year[1969].conflict_id == ("305",)
        assert by_year[1937].version4id == ("168",)
        assert by_year[1937].alliance_nonaggression
        assert not by_year[1937].alliance_defense
        assert by_year[1955].alliance_defense
        assert by_year[1955].version4id == ("229",)
        # COW ends alliance 229 on 14 February 1980, ATOP 3200 on 11 April 1980: both in 1980.
        assert by_year[1980].atopid == ("3200",)
        assert by_year[1980].version4id == ("229",)
        assert not by_year[1981].alliance_defense
        assert not by_year[1981].atop_alliance
        assert by_year[1949].version4id == ("202",)
        assert by_year[1960].tssr_id == ("128",)
        assert by_year[1950].tssr_id == ()
        assert not any(r.war_ongoing for r in ROWS if r.year != 1929)

    def test_peer_episodes_cite_shipped_sources_and_records_carry_their_ids(self) -> None:
        data = sinosoviet.load()
        records = {**data.events_by_id, **data.treaties_by_id}
        for episode in peer_episodes():
            assert episode.ccodes == (365, 710)
            assert all(c.source in data.sources_by_id and c.locator for c in episode.citations)
            if episode.record is not None:
                record = records[episode.record]
                assert record.external_id(episode.dataset) is not None, episode
                assert any(x.value == episode.id for x in record.external_ids if x.scheme is episode.dataset)

    def test_a_peer_disagreement_is_a_variant_citing_the_peer_file(self) -> None:
        data = sinosoviet.load()
        conflict = data.events_by_id["sino-soviet-border-conflict-1969"]
        cited = {(v.value, c.source) for v in conflict.variants for c in v.citations}
        assert ("1969-03-02/1969-12-13", "cow-mid-5-0-mida") in cited
        assert ("1969-03-02/1969-10-20", "icb-v14-actor-level") in cited
        assert ("1969-03-02/1969-12-31", "peacesciencer-ucdp-acd") in cited
        treaty = data.treaties_by_id["sino-soviet-treaty-of-friendship-alliance-and-mutual-assistance-1950"]
        assert ("ended", "1980-02-14") in {(v.field, v.value) for v in treaty.variants}
        assert str(treaty.ended) == "1980-04-11"


class TestPeacesciencerMerge:
    """A hand-written fixture in peacesciencer's column layout merges on every row."""

    def fixture(self) -> list[dict[str, str]]:
        with FIXTURE.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def test_merge_on_ccode1_ccode2_year_matches_every_row(self) -> None:
        ours = {(r.ccode1, r.ccode2, r.year): r for r in ROWS}
        fixture = self.fixture()
        merged = [
            (row, ours.get((int(row["ccode1"]), int(row["ccode2"]), int(row["year"])))) for row in fixture
        ]
        assert all(match is not None for _, match in merged)
        for row, match in merged:
            assert match is not None
            assert int(row["cowmidongoing"]) == match.mid_ongoing, row["year"]
            assert int(row["cowmidonset"]) == match.mid_onset, row["year"]
            assert int(row["cowinterongoing"]) == match.war_ongoing, row["year"]
            atop = any(
                int(row[c])
                for c in ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
            )
            assert atop == match.atop_alliance, row["year"]

    def test_pandas_merge(self) -> None:
        pandas = pytest.importorskip("pandas")
        from sinosoviet.export import dyad_years_frame

        frame = dyad_years_frame()
        fixture = pandas.read_csv(FIXTURE)
        merged = fixture.merge(frame, on=["ccode1", "ccode2", "year"], how="inner")
        assert len(merged) == len(fixture)
        assert (merged["cowmidongoing"] == merged["mid_ongoing"].astype(int)).all()
        assert merged.loc[merged["year"] == 1969, "dispnum"].iloc[0] == ("349",)


class TestBadArguments:
    """Years beyond the data, empty results and wrong types raise with a clear message."""

    def test_an_end_beyond_the_data_is_an_error_not_an_extrapolation(self) -> None:
        with pytest.raises(
            CoverageError, match=r"last_year 2004 is beyond the data \(the data covers 1917-1991\)"
        ):
            dyad_years(last_year=2004)
        with pytest.raises(CoverageError, match="first_year 1992 is beyond"):
            dyad_years(first_year=1992)

    def test_years_before_the_data_or_reversed_are_errors(self) -> None:
        with pytest.raises(CoverageError, match="last_year 1800 is before the data") as caught:
            dyad_years(last_year=1800)
        assert (caught.value.first, caught.value.last) == (1917, 1991)
        with pytest.raises(CoverageError, match="first year is after the last"):
            dyad_years(first_year=1970, last_year=1960)

    def test_a_narrowed_range(self) -> None:
        rows = dyad_years(first_year=1949, last_year=1950)
        assert [r.year for r in rows] == [1949, 1950]
        assert rows[0].actor2 == "prc"

    def test_an_empty_result_is_an_error(self) -> None:
        with pytest.raises(CoverageError, match="no relation period of the principal chain"):
            dyad_years(Dataset())
        assert isinstance(CoverageError("x"), ValueError)

    @pytest.mark.parametrize(
        "arguments", [{"last_year": "1990"}, {"first_year": 1949.0}, {"directed": "yes"}, {"last_year": True}]
    )
    def test_wrong_types(self, arguments: dict[str, Any]) -> None:
        with pytest.raises(TypeError):
            dyad_years(**arguments)


class TestToyDataset:
    """A dataset without codes for the ROC covers only the PRC years; its peers still match."""

    def test_toy(self) -> None:
        toy = toy_dataset()
        assert coverage(toy) == (1949, 1991)
        rows = {r.year: r for r in dyad_years(toy)}
        assert sorted(rows) == list(range(1949, 1992))
        assert rows[1969].status_most_hostile is RelationStatus.ARMED_CONFLICT
        assert rows[1969].status_year_end is RelationStatus.HOSTILITY
        assert rows[1969].events_military == 2
        assert rows[1969].events_diplomatic == 1
        assert rows[1978].events_military == 1
        assert rows[1991].actor1 == "russia"
        assert rows[1969].dispnum == ("349",)  # peer columns come from the shipped crosswalk
        with pytest.raises(CoverageError, match="1993 is beyond"):
            dyad_years(toy, last_year=1993)


class TestFiles:
    """The CSV and the command line."""

    def test_csv(self, tmp_path: Path) -> None:
        path = write_dyad_years(None, tmp_path, first_year=1969, last_year=1970)
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert tuple(rows[0]) == DYAD_YEAR_COLUMNS
        assert [(r["ccode1"], r["ccode2"], r["year"]) for r in rows] == [
            ("365", "710", "1969"),
            ("365", "710", "1970"),
        ]
        assert rows[0]["mid_ongoing"] == "1"
        assert rows[0]["dispnum"] == "349"
        assert rows[0]["status_most_hostile"] == "armed_conflict"
        assert rows[1]["crisno"] == ""
        assert rows[1]["alliance_defense"] == "1"

    def test_bad_years_write_nothing(self, tmp_path: Path) -> None:
        with pytest.raises(CoverageError):
            write_dyad_years(None, tmp_path / "out", last_year=2004)
        assert not (tmp_path / "out").exists()

    def test_cli(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "out"
        assert main(["export", "--format", "dyad-years", "--out", str(out), "--directed", "--json"]) == 0
        written = json.loads(capsys.readouterr().out)["files"]
        lines = Path(written[0]).read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("ccode1,ccode2,year,actor1,actor2,status_year_end,status_most_hostile,")
        assert len(lines) == 1 + 2 * 75
        assert lines[1].startswith("365,710,1917,soviet-russia,roc,")
        assert lines[-1].startswith("710,365,1991,prc,russia,normal,")

    def test_cli_refuses_years_beyond_the_data(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "none"
        assert main(["export", "--format", "dyad-years", "--out", str(out), "--last-year", "1800"]) == 2
        error = capsys.readouterr().err
        assert "last_year 1800 is before the data (the data covers 1917-1991)" in error
        assert not out.exists()


class TestPeerFile:
    """A malformed peer file is refused with every fault named."""

    def test_faults_are_listed(self) -> None:
        good = {"dataset": "cow_mid", "id": "349", "ccodes": [365, 710], "when": "1969-03-02/1969-12-13"}
        cite = [{"source": "s", "locator": "line 1"}]
        bad = [
            {**good, "id": "MID-349", "citations": cite},
            {**good, "id": "1", "ccodes": [710, 365], "citations": cite},
            {**good, "id": "2", "types": ["defense"], "citations": cite},
            {**good, "id": "3", "when": "1969-13", "citations": cite},
            {**good, "id": "4", "citations": []},
            {**good, "id": "5", "colour": "red", "citations": cite},
            {**good, "citations": cite},
            {**good, "citations": cite},
        ]
        with pytest.raises(DataError) as caught:
            parse_peer_episodes(bad, "peers/bad.json")
        problems = "\n".join(caught.value.problems)
        for fault in (
            "[0].id: 'MID-349' is not a well-formed cow_mid identifier",
            "[1].ccodes",
            "[2].types",
            "[3].when",
            "[4].citations",
            "[5]: unknown key 'colour'",
            "[7]: cow_mid 349 is listed twice",
        ):
            assert fault in problems, fault
        assert parse_peer_episodes([{**good, "citations": cite}], "ok.json")[0].years() == range(1969, 1970)
