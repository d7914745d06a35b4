"""CAMEO codings, the Goldstein weights derived from them, and the Goldstein series."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinosoviet
from samples import ACTOR, EVENT, write_folder
from sinosoviet import Coding, DataError, Dataset, Event, EventKind, PartialDate, Participant, Role
from sinosoviet.cameo import CAMEO_SOURCE, cameo_code, cameo_codes, goldstein
from sinosoviet.records import INTERACTION_KINDS
from sinosoviet.strategies import datasets
from test_export import toy_dataset

# -- the code table -----------------------------------------------------------------------------


class TestCameoTable:
    def test_the_table_holds_every_code_of_the_codebook(self) -> None:
        codes = cameo_codes()
        assert len(codes) == 311
        assert {code.root for code in codes.values()} == {f"{n:02d}" for n in range(1, 21)}
        assert list(codes) == sorted(codes)

    def test_weights_of_known_codes(self) -> None:
        # GDELT's CAMEO.goldsteinscale.txt: sign formal agreement +8, fight with small arms -10.
        assert goldstein("057") == 8.0
        assert goldstein("193") == -10.0
        assert goldstein("010") == 0.0
        assert cameo_code("114").name == "Complain officially"

    def test_every_weight_lies_on_the_scale(self) -> None:
        assert all(-10.0 <= code.goldstein <= 10.0 for code in cameo_codes().values())

    def test_the_table_names_its_source(self) -> None:
        assert "1.1b3" in CAMEO_SOURCE["codebook"]
        assert "goldsteinscale" in CAMEO_SOURCE["read_in"]

    @pytest.mark.parametrize("code", ["999", "57", "0571", "", "abc", "05 7"])
    def test_an_unknown_code_is_a_value_error(self, code: str) -> None:
        with pytest.raises(ValueError, match="is not a CAMEO code"):
            goldstein(code)

    def test_a_code_must_be_text(self) -> None:
        with pytest.raises(TypeError, match="string of digits"):
            goldstein(57)  # type: ignore[arg-type]


# -- codings on records -------------------------------------------------------------------------


class TestCodings:
    def test_a_coding_derives_its_weight(self) -> None:
        assert Coding(source="ussr", target="prc", cameo="057").goldstein == 8.0

    def test_source_and_target_differ(self) -> None:
        with pytest.raises(ValueError, match="target 'prc' is the source"):
            Coding(source="prc", target="prc", cameo="057")

    def test_an_unknown_code_is_refused(self) -> None:
        with pytest.raises(ValueError, match=r"^cameo '999' is not a CAMEO code"):
            Coding(source="prc", target="ussr", cameo="999")

    def test_source_and_target_are_participants(self) -> None:
        event = toy_dataset().events_by_id["alliance-signed"]
        with pytest.raises(ValueError, match=r"codings\[0\]: target 'japan' is not a participant"):
            attrs.evolve(event, codings=(Coding(source="prc", target="japan", cameo="057"),))

    def test_the_same_coding_twice_is_refused(self) -> None:
        event = toy_dataset().events_by_id["alliance-signed"]
        coding = Coding(source="prc", target="ussr", cameo="057")
        with pytest.raises(ValueError, match="same coding twice"):
            attrs.evolve(event, codings=(coding, coding))

    @pytest.mark.parametrize(
        ("coding", "fault"),
        [
            ({"source": "prc", "target": "ussr", "cameo": "999"}, "is not a CAMEO code"),
            ({"source": "prc", "target": "ussr", "cameo": 57}, "cameo"),
            ({"source": "prc", "target": "nobody", "cameo": "057"}, "is not a participant"),
            ({"source": "prc", "target": "ussr"}, "required field missing"),
        ],
    )
    def test_a_bad_coding_in_a_file_is_a_data_error(
        self, coding: dict[str, Any], fault: str, tmp_path: Path
    ) -> None:
        ussr = {**ACTOR, "id": "ussr", "name": "Soviet Union", "lifespan": "1922-12-30/1991-12-26"}
        event = {
            **EVENT,
            "kind": "treaty",
            "participants": [{"actor": "prc", "role": "signatory"}, {"actor": "ussr", "role": "signatory"}],
            "codings": [coding],
        }
        with pytest.raises(DataError) as caught:
            sinosoviet.load(write_folder(tmp_path, actors=[ACTOR, ussr], events=[event]))
        assert any(fault in problem and "events.json[0]" in problem for problem in caught.value.problems)

    def test_codings_survive_a_round_trip(self, tmp_path: Path) -> None:
        data = sinosoviet.load()
        data.write(tmp_path)
        again = sinosoviet.load(tmp_path)
        assert [e.codings for e in again.events] == [e.codings for e in data.events]


# -- the series against a plain loop ------------------------------------------------------------


def _members(data: Dataset, party: str) -> set[str]:
    """The party and everything that is, through member_of, one of its members (a plain loop)."""
    found = {party}
    changed = True
    while changed:
        changed = False
        for actor in data.actors:
            if actor.id not in found and any(m in found for m in actor.member_of):
                found.add(actor.id)
                changed = True
    return found


def _plain_yearly(data: Dataset, a: str, b: str) -> dict[int, tuple[int, float]]:
    side_a, side_b = _members(data, a), _members(data, b)
    totals: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
    for event in data.events:
        start = event.when if isinstance(event.when, PartialDate) else event.when.start
        if not isinstance(start, PartialDate) or start.earliest.year != start.latest.year:
            continue
        for coding in event.codings:
            if (coding.source in side_a and coding.target in side_b) or (
                coding.source in side_b and coding.target in side_a
            ):
                totals[start.earliest.year][0] += 1
                totals[start.earliest.year][1] += goldstein(coding.cameo)
    return {year: (int(n), net) for year, (n, net) in totals.items()}


class TestSeriesAgreesWithALoop:
    @given(data=datasets(min_actors=2, min_events=1), pick=st.data())
    def test_yearly_series_of_a_pair(self, data: Dataset, pick: st.DataObject) -> None:
        a, b = pick.draw(
            st.lists(st.sampled_from([x.id for x in data.actors]), min_size=2, max_size=2, unique=True)
        )
        rows = data.query.goldstein_series(parties=(a, b))
        expected = _plain_yearly(data, a, b)
        found = {row.period.year: (row.events, row.net) for row in rows if row.events}
        assert found.keys() == expected.keys()
        for year, (count, net) in expected.items():
            assert found[year][0] == count
            assert found[year][1] == pytest.approx(net, abs=1e-6)
        for row in rows:
            assert row.net == pytest.approx(row.cooperation + row.conflict, abs=1e-6)
            assert row.cooperation >= 0 >= row.conflict
        # rows run without gaps from the first to the last year with a coding
        years = [row.period.year for row in rows]
        assert years == list(range(years[0], years[-1] + 1)) if years else True

    @given(data=datasets(min_actors=2, min_events=1), pick=st.data())
    def test_the_two_directions_add_up(self, data: Dataset, pick: st.DataObject) -> None:
        a, b = pick.draw(
            st.lists(st.sampled_from([x.id for x in data.actors]), min_size=2, max_size=2, unique=True)
        )
        both = {r.period: r for r in data.query.goldstein_series(parties=(a, b))}
        one = {r.period: r for r in data.query.goldstein_series(parties=(a, b), direction=a)}
        other = {r.period: r for r in data.query.goldstein_series(parties=(a, b), direction=b)}
        for period, row in both.items():
            parts = [x[period] for x in (one, other) if period in x]
            assert row.events == sum(p.events for p in parts)
            assert row.net == pytest.approx(sum(p.net for p in parts), abs=1e-6)


# -- rules of the series on known data ----------------------------------------------------------


def _coded_toy() -> Dataset:
    data = toy_dataset()
    signed = data.events_by_id["alliance-signed"]
    clash = data.events_by_id["zhenbao-clash"]
    year_only = Event(
        id="talks-1950",
        when=PartialDate.parse("1950"),
        title="Talks at some time in 1950",
        kind=EventKind.DIPLOMATIC,
        participants=(
            Participant(actor="prc", role=Role.PARTICIPANT),
            Participant(actor="ussr", role=Role.PARTICIPANT),
        ),
        codings=(Coding(source="prc", target="ussr", cameo="046"),),
        citations=signed.citations,
    )
    events = [
        attrs.evolve(
            signed,
            codings=(
                Coding(source="prc", target="ussr", cameo="057"),
                Coding(source="ussr", target="prc", cameo="057"),
            ),
        ),
        attrs.evolve(clash, codings=(Coding(source="pla", target="ussr", cameo="193"),)),
        year_only,
        *(e for e in data.events if e.id not in {signed.id, clash.id}),
    ]
    return attrs.evolve(data, events=events)


class TestSeriesRules:
    def test_yearly_net_and_gaps(self) -> None:
        rows = _coded_toy().query.goldstein_series(parties=("prc", "ussr"))
        by_year = {r.period.year: r for r in rows}
        assert [r.period for r in rows][:2] == [PartialDate(year=1950), PartialDate(year=1951)]
        assert (by_year[1950].events, by_year[1950].net) == (3, 8.0 + 8.0 + goldstein("046"))
        # the PLA is a member of the PRC: its clash counts for the PRC's side
        assert (by_year[1969].events, by_year[1969].net, by_year[1969].conflict) == (1, -10.0, -10.0)
        assert by_year[1960] == sinosoviet.SeriesRow(PartialDate(year=1960), 0, 0.0, 0.0, 0.0)
        assert rows[-1].period == PartialDate(year=1969)

    def test_a_year_only_event_is_in_no_month(self) -> None:
        data = _coded_toy()
        months = data.query.goldstein_series(freq="month", parties=("prc", "ussr"), start="1950", end="1950")
        assert [r.period for r in months] == [PartialDate(year=1950, month=m) for m in range(1, 13)]
        assert sum(r.events for r in months) == 2  # the two signatures of February; not the 1950 talks
        assert months[1].events == 2
        yearly = data.query.goldstein_series(parties=("prc", "ussr"), start=1950, end=1950)
        assert [r.events for r in yearly] == [3]

    def test_start_and_end_give_exactly_those_periods(self) -> None:
        rows = _coded_toy().query.goldstein_series(parties=("prc", "ussr"), start=1940, end=1945)
        assert [r.period.year for r in rows] == list(range(1940, 1946))
        assert all(r.events == 0 for r in rows)

    def test_direction_keeps_the_actions_of_one_side(self) -> None:
        rows = _coded_toy().query.goldstein_series(parties=("prc", "ussr"), direction="ussr")
        assert sum(r.events for r in rows) == 1
        assert (
            sum(
                r.events
                for r in _coded_toy().query.goldstein_series(parties=("prc", "ussr"), direction="prc")
            )
            == 3
        )

    def test_without_parties_the_principal_chain_is_followed(self) -> None:
        data = _coded_toy()
        assert data.query.goldstein_series() == data.query.goldstein_series(parties=("prc", "ussr"))

    def test_an_empty_series(self) -> None:
        assert toy_dataset().query.goldstein_series() == ()

    @pytest.mark.parametrize(
        ("kwargs", "error", "match"),
        [
            ({"freq": "week"}, ValueError, "freq must be 'year' or 'month'"),
            ({"direction": "mao-zedong"}, ValueError, "not one of the parties"),
            ({"direction": 7}, TypeError, "direction must be"),
            ({"start": 1970, "end": 1960}, ValueError, "is after end"),
            ({"parties": ("prc",)}, TypeError, "parties must be two actors"),
            ({"parties": ("prc", "atlantis")}, sinosoviet.UnknownActorError, "atlantis"),
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
        with pytest.raises(error, match=match):
            _coded_toy().query.goldstein_series(**kwargs)


# -- the shipped data ---------------------------------------------------------------------------

DATA = sinosoviet.load()


class TestShippedCodings:
    def test_every_interaction_between_several_actors_is_coded(self) -> None:
        wholes = {link.target for e in DATA.events for link in e.links if link.kind.value == "part_of"}
        uncoded = [
            e.id
            for e in DATA.events
            if e.kind in INTERACTION_KINDS and len(e.actor_ids) >= 2 and not e.codings and e.id not in wholes
        ]
        assert uncoded == []
        # an episode is coded through its parts, never twice
        assert [e.id for e in DATA.events if e.id in wholes and e.codings] == []

    def test_every_coding_names_a_shipped_code_and_two_participants(self) -> None:
        for event in DATA.events:
            for coding in event.codings:
                assert coding.cameo in cameo_codes()
                assert {coding.source, coding.target} <= event.actor_ids

    def test_yearly_net_is_reproducible_and_agrees_with_a_loop(self) -> None:
        rows = sinosoviet.goldstein_series(parties=("prc", "ussr"), start=1966, end=1991)
        assert rows == sinosoviet.goldstein_series(parties=("prc", "ussr"), start=1966, end=1991)
        expected = _plain_yearly(DATA, "prc", "ussr")
        for row in rows:
            count, net = expected.get(row.period.year, (0, 0.0))
            assert (row.events, row.net) == (count, pytest.approx(net, abs=1e-6))
        # the years of the border war are the most conflictual of the split
        by_year = {r.period.year: r.net for r in rows}
        assert by_year[1969] < 0
        assert by_year[1989] > 0

    def test_the_codings_table_of_the_docs_is_current(self) -> None:
        page = (Path(__file__).resolve().parent.parent / "docs" / "weis.md").read_text(encoding="utf-8")
        for row in sinosoviet.goldstein_series(parties=("prc", "ussr"), start=1966, end=1991):
            assert f"| {row.period.year} | {row.events} | {row.net:.1f} |" in page
