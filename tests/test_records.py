"""Tests for sinosoviet.records: single-record invariants and helpers."""

from __future__ import annotations

import pytest

from sinosoviet import (
    Actor,
    ActorKind,
    Citation,
    EndReason,
    Event,
    EventKind,
    ExternalId,
    IdScheme,
    Interval,
    IntervalEnd,
    Name,
    PartialDate,
    Participant,
    Relation,
    RelationStatus,
    Role,
    Tenure,
    Treaty,
    TreatyKind,
    Variant,
)

CITE = (Citation(source="src"),)


def actor(**changes: object) -> Actor:
    fields: dict[str, object] = {
        "id": "prc",
        "kind": ActorKind.STATE,
        "name": "People's Republic of China",
        "lifespan": Interval.parse("1949-10-01/.."),
        "citations": CITE,
    }
    fields.update(changes)
    return Actor(**fields)  # type: ignore[arg-type]


class TestIds:
    """Ids are slugs: lowercase letters, digits, single hyphens."""

    @pytest.mark.parametrize("bad", ["PRC", "prc ", "-prc", "prc-", "p--rc", "", "prc_1", "中国"])
    def test_bad_ids(self, bad: str) -> None:
        with pytest.raises(ValueError, match="is not a slug"):
            actor(id=bad)

    def test_good_id(self) -> None:
        assert actor(id="sino-soviet-treaty-1950").id == "sino-soviet-treaty-1950"


class TestCitations:
    """Every record cites at least one source."""

    def test_uncited_record_is_refused(self) -> None:
        with pytest.raises(ValueError, match="cites at least one source"):
            actor(citations=())

    def test_lists_become_tuples(self) -> None:
        made = actor(citations=[Citation(source="src")], names=[Name(text="中华人民共和国", lang="zh-Hans")])
        assert isinstance(made.citations, tuple)
        assert isinstance(made.names, tuple)
        hash(made)

    def test_a_string_is_not_a_sequence_of_ids(self) -> None:
        with pytest.raises(TypeError, match="successors must be a sequence"):
            actor(successors="roc")


class TestNamesAndIds:
    """Language tags and external identifiers are well formed."""

    def test_bad_language_tag(self) -> None:
        with pytest.raises(ValueError, match="language tag"):
            Name(text="Mao", lang="Chinese")

    def test_external_id_format(self) -> None:
        assert ExternalId(scheme=IdScheme.COW_CCODE, value="710", citations=CITE).value == "710"
        with pytest.raises(ValueError, match="well-formed wikidata"):
            ExternalId(scheme=IdScheme.WIKIDATA, value="148", citations=CITE)
        assert (
            actor(
                external_ids=[ExternalId(scheme=IdScheme.COW_CCODE, value="710", citations=CITE)]
            ).external_id(IdScheme.COW_CCODE)
            == "710"
        )
        assert actor().external_id(IdScheme.COW_CCODE) is None


class TestEvent:
    """Events: tags sorted and unique, no repeated participant."""

    def make(self, **changes: object) -> Event:
        fields: dict[str, object] = {
            "id": "e",
            "when": PartialDate.parse("1969-03-02"),
            "title": "Clash",
            "kind": EventKind.MILITARY,
            "citations": CITE,
        }
        fields.update(changes)
        return Event(**fields)  # type: ignore[arg-type]

    def test_tags(self) -> None:
        assert self.make(tags=["border", "split"]).tags == ("border", "split")
        with pytest.raises(ValueError, match="sorted and unique"):
            self.make(tags=["split", "border"])
        with pytest.raises(ValueError, match="is not a slug"):
            self.make(tags=["Border"])

    def test_participants(self) -> None:
        p = Participant(actor="prc", role=Role.BELLIGERENT)
        assert self.make(participants=[p]).actor_ids == frozenset({"prc"})
        with pytest.raises(ValueError, match="twice"):
            self.make(participants=[p, p])

    def test_title_must_be_text(self) -> None:
        with pytest.raises(ValueError, match="non-empty text"):
            self.make(title="  ")


class TestRelation:
    """Relations have two sorted, different parties."""

    def make(self, parties: tuple[str, ...]) -> Relation:
        return Relation(
            id="r",
            parties=parties,  # type: ignore[arg-type]
            status=RelationStatus.ALLIANCE,
            when=Interval.parse("1950-02-14/1960-07"),
            citations=CITE,
        )

    def test_parties(self) -> None:
        assert self.make(("prc", "ussr")).parties == ("prc", "ussr")
        for bad in [("ussr", "prc"), ("prc", "prc"), ("prc",), ("a", "b", "c")]:
            with pytest.raises(ValueError, match="part"):
                self.make(bad)

    def test_severity_scale(self) -> None:
        assert RelationStatus.ALLIANCE.severity == 0
        assert RelationStatus.ARMED_CONFLICT.severity == max(s.severity for s in RelationStatus)


class TestTreaty:
    """Treaty lifecycle: signed <= in force <= ended."""

    def make(self, **changes: object) -> Treaty:
        fields: dict[str, object] = {
            "id": "t",
            "name": "Treaty",
            "kind": TreatyKind.ALLIANCE,
            "parties": ("prc", "ussr"),
            "signed": PartialDate.parse("1950-02-14"),
            "citations": CITE,
        }
        fields.update(changes)
        return Treaty(**fields)  # type: ignore[arg-type]

    def test_lifecycle(self) -> None:
        treaty = self.make(
            in_force=PartialDate.parse("1950-04-11"),
            ended=PartialDate.parse("1980-04-11"),
            end_reason=EndReason.EXPIRED,
        )
        assert str(treaty.when) == "1950-04-11/1980-04-11"
        assert str(self.make().when) == "1950-02-14/.."
        with pytest.raises(ValueError, match="is after"):
            self.make(ended=PartialDate.parse("1949"))
        with pytest.raises(ValueError, match="end_reason"):
            self.make(end_reason=EndReason.EXPIRED)
        with pytest.raises(ValueError, match="signed or an in_force"):
            self.make(signed=None)

    def test_unknown_end(self) -> None:
        """An unknown end is blank in `when`, distinct from the open end of a treaty in force."""
        ended_sometime = self.make(end_unknown=True)
        assert str(ended_sometime.when) == "1950-02-14/"
        assert ended_sometime.when.end is IntervalEnd.UNKNOWN
        assert self.make().when.end is IntervalEnd.OPEN
        # A reason may be known without the date.
        assert self.make(end_unknown=True, end_reason=EndReason.FULFILLED).end_reason is EndReason.FULFILLED
        with pytest.raises(ValueError, match="end_unknown is true but ended is given"):
            self.make(end_unknown=True, ended=PartialDate.parse("1960"))
        with pytest.raises(ValueError, match="at least two parties"):
            self.make(parties=("prc",))


class TestTenureAndVariant:
    """Tenures and variants build from their fields."""

    def test_tenure(self) -> None:
        tenure = Tenure(
            id="t",
            holder="mao-zedong",
            office="Chairman",
            organization="ccp",
            when=Interval.parse("1945/1976-09-09"),
            citations=CITE,
        )
        assert tenure.concurrent is False

    def test_variant_needs_a_citation(self) -> None:
        with pytest.raises(ValueError, match="cites at least one source"):
            Variant(field="when", value="1931", citations=())
