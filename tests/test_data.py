"""DATA TESTS: statements about the shipped data that must stay true as curators extend it.

Each reads as a sentence about the dataset (after pycountry's data tests). When one fails, fix
the data, not the test.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

import sinosoviet
from sinosoviet import IdScheme

DATA = sinosoviet.load()
ARTICLE = "wikipedia-sino-soviet-relations"

#: The fifteen post-Soviet states the source article lists, grouped here by region.
POST_SOVIET = [
    "Estonia", "Latvia", "Lithuania",
    "Belarus", "Moldova", "Ukraine", "Russia",
    "Armenia", "Azerbaijan", "Georgia",
    "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
]  # fmt: skip

#: Bodies the source article names that the dataset must hold as actors.
NAMED_IN_ARTICLE = [
    "Beiyang government", "Comintern", "Whampoa Military Academy", "Moscow Sun Yat-sen University",
    "Kwantung Army", "Manchukuo", "Second East Turkestan Republic", "Mongolian People's Republic",
    "Tuva", "Gang of Four", "Afghan mujahideen", "Kuomintang", "Chinese Communist Party",
    "Communist Party of the Soviet Union", "Mao Zedong", "Joseph Stalin", "Nikita Khrushchev",
    "Chiang Kai-shek", "Deng Xiaoping", "Mikhail Gorbachev", "Hua Guofeng", "Li Peng", "Wan Li",
    "Huang Hua", "Andrei Gromyko", "Gao Gang", "Wang Jiaxiang", "Kim Il Sung", "Richard Nixon",
    "Grigori Voitinsky", "Mikhail Borodin", "Xu Shuzheng", "Roman von Ungern-Sternberg",
    "Damdin Sükhbaatar", "Sheng Shicai", "Sun Yat-sen", "Leonid Brezhnev", "Yuri Andropov",
    "Konstantin Chernenko", "Lüshun", "Chinese Eastern Railway",
]  # fmt: skip


@pytest.mark.parametrize("name", POST_SOVIET)
def test_every_post_soviet_state_of_the_article_is_a_state_actor(name: str) -> None:
    actor = sinosoviet.actor(name)
    assert actor.kind is sinosoviet.ActorKind.STATE
    assert "ussr" in actor.predecessors or actor.id == "russia" or actor.id in CONTINUITY_STATES


@pytest.mark.parametrize("name", NAMED_IN_ARTICLE)
def test_bodies_and_people_named_in_the_article_are_actors(name: str) -> None:
    assert sinosoviet.get_actor(name) is not None, name


def test_at_least_300_events() -> None:
    assert len(DATA.events) >= 300


@pytest.mark.parametrize("decade", range(1910, 2000, 10))
def test_every_decade_holds_at_least_15_events(decade: int) -> None:
    per_decade = Counter((e.when.earliest.year // 10) * 10 for e in DATA.events)
    assert per_decade[decade] >= 15


def _post_soviet_relations_event(event: sinosoviet.Event) -> bool:
    """China establishing relations with a post-Soviet state: the one thread that runs into 1992."""
    ids = {sinosoviet.actor(name).id for name in POST_SOVIET}
    return (
        event.kind is sinosoviet.EventKind.DIPLOMATIC
        and "prc" in event.actor_ids
        and bool(event.actor_ids & ids)
    )


def test_every_event_lies_within_1917_to_1991() -> None:
    """The coverage is 1917-1991; only China's relations with the post-Soviet states reach 1992."""
    outside = [
        e.id
        for e in DATA.events
        if e.when.latest.year < 1917
        or e.when.earliest.year > 1992
        or (e.when.earliest.year == 1992 and not _post_soviet_relations_event(e))
    ]
    assert outside == []


#: The Baltic states hold that they restored the states of 1918-1940 rather than succeeding the
#: USSR (state continuity); none of the three is listed as its successor.
CONTINUITY_STATES = {"estonia", "latvia", "lithuania"}

#: The rule of the codebook ("When a post-Soviet state begins"): a lifespan starts on the day of
#: the declaration of independence (restored independence for the Baltic states). The
#: declaration is read in the CIA World Factbook's field "Government: Independence"; where the
#: Factbook names another day, that day is kept as a variant citing the same field.
RULE_SOURCE = "factbook-json-2026"
RULE_FIELD = "Government: Independence"


def _cites_rule_field(citations: tuple[sinosoviet.Citation, ...]) -> bool:
    return any(c.source == RULE_SOURCE and (c.locator or "").endswith(RULE_FIELD) for c in citations)


@pytest.mark.parametrize("name", POST_SOVIET)
def test_every_post_soviet_lifespan_follows_the_declaration_rule(name: str) -> None:
    state = sinosoviet.actor(name)
    start = state.lifespan.start
    ussr_end = DATA.actors_by_id["ussr"].lifespan.end
    assert isinstance(start, sinosoviet.PartialDate), name
    assert isinstance(ussr_end, sinosoviet.PartialDate)
    # a day, within the USSR's last two years, open-ended
    assert start.precision is sinosoviet.Precision.DAY, name
    assert start.qualifier is sinosoviet.Qualifier.EXACT, name
    assert date(1990, 3, 11) <= start.earliest <= ussr_end.latest, name
    assert state.lifespan.end is sinosoviet.IntervalEnd.OPEN, name
    lifespan_variants = [v for v in state.variants if v.field == "lifespan"]
    # the Factbook's independence field is cited for the preferred day or for a variant
    assert _cites_rule_field(state.citations) or any(
        _cites_rule_field(v.citations) for v in lifespan_variants
    ), name
    # the other readings are variants, each different from the preferred value
    assert lifespan_variants, name
    assert all(v.value != str(state.lifespan) for v in lifespan_variants), name
    # the Alma-Ata signatories that began earlier keep 21 December 1991 as a variant
    if state.id not in CONTINUITY_STATES and start.earliest < date(1991, 12, 21):
        assert any(v.value.startswith("1991-12-21") for v in lifespan_variants), name
    # the continuing state and the restored states are no successors; the others are
    if state.id in CONTINUITY_STATES:
        assert "ussr" not in state.predecessors, name
        assert any(v.value.startswith("1991-09-06") for v in lifespan_variants), name
    else:
        assert state.predecessors == ("ussr",), name


@pytest.mark.parametrize("name", POST_SOVIET)
def test_china_has_relation_periods_with_every_post_soviet_state(name: str) -> None:
    state = sinosoviet.actor(name)
    pair = tuple(sorted(("prc", state.id)))
    periods = [r for r in DATA.relations if r.parties == pair]
    assert periods, name
    assert sinosoviet.status_on("1992-12-31", parties=pair) is not None


def test_the_article_is_cited() -> None:
    cited = {c.source for r in DATA.records() for c in getattr(r, "citations", ())}
    assert ARTICLE in cited


def test_every_crosswalk_id_is_cited_to_an_existing_source() -> None:
    sources = DATA.sources_by_id
    uncited = [
        (record.id, external.scheme.value)
        for record in (*DATA.actors, *DATA.events, *DATA.treaties)
        for external in record.external_ids
        if not external.citations or any(c.source not in sources for c in external.citations)
    ]
    assert uncited == []


def test_states_with_a_cow_code_include_the_principal_parties() -> None:
    for actor_id, code in [("prc", "710"), ("ussr", "365"), ("russia", "365")]:
        assert DATA.actors_by_id[actor_id].external_id(IdScheme.COW_CCODE) == code


def test_the_alliance_treaties_carry_atop_ids() -> None:
    for treaty_id in ("sino-soviet-treaty-of-friendship-alliance-and-mutual-assistance-1950",):
        assert DATA.treaties_by_id[treaty_id].external_id(IdScheme.ATOP) is not None


def test_the_preferred_value_of_every_variant_has_a_source_the_variant_lacks() -> None:
    """A variant's own sources never stand alone behind the record: the record cites another."""
    unsupported = [
        (record.id, variant.field)
        for record in DATA.records()
        for variant in getattr(record, "variants", ())
        if not {c.source for c in record.citations} - {c.source for c in variant.citations}
    ]
    assert unsupported == []


def test_every_correction_of_the_article_is_a_variant_citing_it() -> None:
    tagged = [e for e in DATA.events if "correction" in e.tags]
    assert tagged
    for event in tagged:
        assert any(c.source == ARTICLE for v in event.variants for c in v.citations), event.id


def test_hua_guofeng_not_deng_succeeded_mao() -> None:
    tenure = DATA.tenures_by_id["hua-guofeng-ccp-chairman"]
    assert tenure.holder == "hua-guofeng"
    assert ("holder", "deng-xiaoping") in {(v.field, v.value) for v in tenure.variants}


#: State, party and person actors whose Chinese or Russian name no source has confirmed yet.
#: Shrink this list as names are confirmed; an actor added later must come with both names.
NAMES_NOT_YET_CONFIRMED = {
    "alexander-panyushkin": {"zh-Hans"},
    "an-zhiyuan": {"ru"},
    "apollon-petrov": {"zh-Hans"},
    "dmitri-bogomolov": {"zh-Hans"},
    "heinz-neumann": {"ru"},
    "ilya-shcherbakov": {"ru"},
    "ivan-luganets-orelsky": {"zh-Hans"},
    "ji-pengfei": {"ru"},
    "jiang-tingfu": {"ru"},
    "li-jiaao": {"ru"},
    "li-zewang": {"ru"},
    "liu-xiao": {"ru"},
    "liu-xinquan": {"ru"},
    "manabendra-nath-roy": {"ru"},
    "oleg-troyanovsky": {"zh-Hans"},
    "pavel-yudin": {"zh-Hans"},
    "sergey-lapin": {"zh-Hans"},
    "shao-lizi": {"ru"},
    "stepan-chervonenko": {"zh-Hans"},
    "valentin-pavlov": {"zh-Hans"},
    "vasily-tolstikov": {"zh-Hans"},
    "wang-youping": {"ru"},
    "yan-huiqing": {"ru"},
    "yang-jie": {"ru"},
    "yu-hongliang": {"ru"},
}


def test_states_parties_and_people_have_chinese_and_russian_names() -> None:
    missing = {}
    for actor in DATA.actors:
        if actor.kind.value in {"state", "party", "person"}:
            lacking = {"zh-Hans", "ru"} - {name.lang for name in actor.names}
            if lacking:
                missing[actor.id] = lacking
    assert missing == NAMES_NOT_YET_CONFIRMED


def test_treaties_without_an_end_date_say_whether_they_are_in_force() -> None:
    """A treaty with no end date is either still in force or marked end_unknown, never silently open."""
    in_force = {t.id for t in DATA.treaties if t.ended is None and not t.end_unknown}
    # Continued by the Russian Federation (the 2004 supplementary agreement builds on the 1991
    # one; the 1996 Shanghai agreement on the 1990 one).
    assert in_force == {
        "border-force-reduction-guiding-principles-1990",
        "sino-soviet-eastern-border-agreement-1991",
    }
    in_1985 = {t.id for t in sinosoviet.treaties(in_force_on=1985, certain=True)}
    assert "sino-soviet-agreement-1924" not in in_1985
    assert "sino-soviet-agreement-1924" in {t.id for t in sinosoviet.treaties(in_force_on=1985)}


@pytest.mark.parametrize("year", range(1917, 1992))
def test_every_year_holds_at_least_ten_events(year: int) -> None:
    """Counted by the year each event starts in."""
    assert sum(e.when.earliest.year == year for e in DATA.events) >= 10


def test_at_least_1000_events() -> None:
    assert len(DATA.events) >= 1000


#: Armies that are a party's own: the PLA is the armed force of the CCP as well as of the PRC.
PARTY_ARMIES = {"pla": {"ccp"}}
#: Insurgent forces that served no state: they belong to nothing.
INSURGENT_FORCES = {"mongolian-partisans", "white-movement"}


def test_every_military_actor_is_a_member_of_a_state_or_another_military_actor() -> None:
    kinds = {sinosoviet.ActorKind.STATE, sinosoviet.ActorKind.MILITARY}
    wrong = {
        actor.id: [
            m
            for m in actor.member_of
            if DATA.actors_by_id[m].kind not in kinds and m not in PARTY_ARMIES.get(actor.id, set())
        ]
        for actor in DATA.actors
        if actor.kind is sinosoviet.ActorKind.MILITARY
    }
    assert {k: v for k, v in wrong.items() if v} == {}
    unattached = {a.id for a in DATA.actors if a.kind is sinosoviet.ActorKind.MILITARY and not a.member_of}
    assert unattached == INSURGENT_FORCES
    # so that a query by state finds the clashes its units fought
    found = sinosoviet.events(actor="ussr", include_members=True)
    assert any("soviet-army" in e.actor_ids and "ussr" not in e.actor_ids for e in found)


def test_every_government_is_a_member_of_its_state() -> None:
    """A government (Beijing, Nanjing, a regional one) is an organ of a state, so that a query
    by the state with ``include_members`` finds what the government did."""
    kinds = {sinosoviet.ActorKind.STATE}
    governments = [a for a in DATA.actors if a.kind is sinosoviet.ActorKind.GOVERNMENT]
    assert governments
    for government in governments:
        assert government.member_of, government.id
        assert {DATA.actors_by_id[m].kind for m in government.member_of} <= kinds, government.id
    found = {e.id for e in sinosoviet.events(actor="roc", include_members=True)}
    by_government = {
        e.id for e in DATA.events if "nationalist-government" in e.actor_ids and "roc" not in e.actor_ids
    }
    assert by_government
    assert by_government <= found


#: The offices in which the USSR's titular head of state served, 1922-1991.
_SOVIET_HEAD_OF_STATE = (
    "Chairman of the Central Executive Committee",
    "Chairman of the Presidium of the Supreme Soviet",
    "Chairman of the Supreme Soviet",
    "President of the Soviet Union",
)


def test_a_soviet_head_of_state_is_named_on_every_first_of_june() -> None:
    """Acting chairmen included (Kuznetsov 1982-85); the only gap is the 1938 changeover."""
    missing = []
    for year in range(1923, 1992):
        found = [
            t
            for t in sinosoviet.office_holders(f"{year}-06-01", actor="ussr")
            if t.office in _SOVIET_HEAD_OF_STATE
        ]
        if not found:
            missing.append(year)
    assert missing == []
    assert not [
        t for t in sinosoviet.office_holders("1938-01-14", actor="ussr") if t.office in _SOVIET_HEAD_OF_STATE
    ]
    holders = {
        t.holder
        for t in sinosoviet.office_holders("1983-06-01", actor="ussr")
        if t.office in _SOVIET_HEAD_OF_STATE
    }
    assert holders == {"vasily-kuznetsov"}


#: The principal pairs, each with its two sending states.
_ENVOY_PAIRS = {("roc", "soviet-russia"): ("roc", "soviet-russia"), ("roc", "ussr"): ("roc", "ussr"),
                ("prc", "ussr"): ("prc", "ussr")}  # fmt: skip

#: 1 June of the years when the two sides had relations but the data names no envoy of a side.
#: Each gap is a span for which the sources read name no ambassador (the ROC 1924-26, where
#: Li Jia'ao was a "Diplomatic representative" of minister's rank; the PRC after Liu Xinquan's
#: last attestation in January 1974 until 1976, 1980-84 and 1986; the USSR in 1991, Solovyov
#: not yet confirmed in a source read), ambassadors withdrawn
#: to charge level (1967-70; the chargés are their own office, see the next test), or the
#: years 1919-20 and 1927, for which the sources read name no envoy accredited in the other's
#: capital.
#: Filling a gap shrinks this set; a new gap fails.
ENVOY_GAPS_NOT_YET_FILLED = {
    1919: ["roc", "soviet-russia"], 1920: ["roc", "soviet-russia"],
    1924: ["roc"], 1925: ["roc"], 1926: ["roc"], 1927: ["roc", "ussr"],
    1967: ["prc", "ussr"], 1968: ["prc", "ussr"], 1969: ["prc", "ussr"],
    1970: ["prc"], 1974: ["prc"], 1975: ["prc"], 1976: ["prc"],
    1980: ["prc"], 1981: ["prc"], 1982: ["prc"], 1983: ["prc"], 1984: ["prc"],
    1986: ["prc"], 1991: ["ussr"],
}  # fmt: skip


def test_office_holders_names_an_envoy_of_each_side_while_relations_last() -> None:
    gaps = {}
    for year in range(1917, 1992):
        day = f"{year}-06-01"
        envoys = {t.organization for t in sinosoviet.office_holders(day, office="ambassador")}
        for pair, sides in _ENVOY_PAIRS.items():
            period = sinosoviet.status_on(day, parties=pair)
            if period is None or period.status is sinosoviet.RelationStatus.NO_RELATIONS:
                continue
            lacking = sorted(set(sides) - envoys)
            if lacking:
                gaps[year] = lacking
    assert gaps == ENVOY_GAPS_NOT_YET_FILLED
    # Both sides are named on most such days: 1950 has the PRC's first ambassador.
    assert "prc" in {t.organization for t in sinosoviet.office_holders("1950-06-01", office="ambassador")}
    # and the USSR's: Roshchin, accredited first to the Nationalists and then to the PRC.
    in_1950 = {t.organization: t.holder for t in sinosoviet.office_holders("1950-06-01", office="ambassador")}
    assert in_1950 == {"prc": "wang-jiaxiang", "ussr": "nikolai-roshchin"}
    assert {t.id for t in sinosoviet.office_holders("1949-06-01", office="ambassador")} >= {
        "nikolai-roshchin-ambassador-roc",
        "fu-bingchang-ambassador",
    }


def test_charges_d_affaires_head_the_embassy_while_ambassadors_are_withdrawn() -> None:
    """Chargés are their own office: they stand in the years when no ambassador was kept."""
    day = "1969-09-11"  # the Kosygin-Zhou airport meeting
    assert not {t.organization for t in sinosoviet.office_holders(day, office="ambassador")} & {"ussr"}
    charges = {t.organization: t.holder for t in sinosoviet.office_holders(day, office="chargé d'affaires")}
    assert charges.get("ussr") == "alexei-yelizavetin"
    # one office name finds them however it is typed
    assert sinosoviet.office_holders(day, office="Charge d'Affaires") == sinosoviet.office_holders(
        day, office="chargé d'affaires"
    )
