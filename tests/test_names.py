"""Names as people type them: surnames, words of names, any script; ambiguity said, not guessed."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

import sinosoviet
from sinosoviet import AmbiguousActorError, Dataset, IdScheme, UnknownActorError
from sinosoviet.strategies import datasets

DATA = sinosoviet.load()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Stalin", "joseph-stalin"),
        ("Khrushchev", "nikita-khrushchev"),
        ("Mao", "mao-zedong"),
        ("Сталин", "joseph-stalin"),
        ("Хрущёв", "nikita-khrushchev"),
        ("хрущев", "nikita-khrushchev"),
        ("Gorbachev", "mikhail-gorbachev"),
        ("GORBACHEV", "mikhail-gorbachev"),
        ("Zhou", "zhou-enlai"),
        ("Deng", "deng-xiaoping"),
        ("Kai-shek", "chiang-kai-shek"),
        ("Joseph Stalin", "joseph-stalin"),
        ("joseph-stalin", "joseph-stalin"),
    ],
)
def test_a_surname_or_a_word_of_a_name_resolves(typed: str, expected: str) -> None:
    assert sinosoviet.actor(typed).id == expected


@pytest.mark.parametrize(
    ("typed", "among"),
    [("Chiang", {"chiang-kai-shek", "chiang-ching-kuo"}), ("China", {"prc", "roc"}), ("Wang", {"wang-ming"})],
)
def test_a_name_that_fits_several_actors_lists_them(typed: str, among: set[str]) -> None:
    with pytest.raises(AmbiguousActorError) as caught:
        sinosoviet.actor(typed)
    ids = {a.id for a in caught.value.candidates}
    assert among <= ids
    assert len(ids) >= 2
    message = str(caught.value)
    for actor in caught.value.candidates:
        assert f"{actor.id} ({actor.kind.value}, {actor.lifespan})" in message
    assert isinstance(caught.value, UnknownActorError)
    assert caught.value.suggestions == tuple(a.id for a in caught.value.candidates)


def test_a_misspelt_name_suggests_the_closest_first() -> None:
    with pytest.raises(UnknownActorError) as caught:
        sinosoviet.actor("Stallin")
    assert not isinstance(caught.value, AmbiguousActorError)
    assert caught.value.suggestions[0] == "Joseph Stalin"
    assert "Taiwan" not in caught.value.suggestions


def test_a_name_nobody_has_suggests_nothing_far_off() -> None:
    with pytest.raises(UnknownActorError) as caught:
        sinosoviet.actor("Xqzwv")
    assert caught.value.suggestions == ()


def _resolved(data: Dataset, text: str) -> set[str]:
    """The actor a name resolves to, or every candidate when it is ambiguous."""
    try:
        return {data.query.actor(text).id}
    except AmbiguousActorError as exc:
        return {a.id for a in exc.candidates}


def test_every_name_and_alias_of_every_shipped_actor_resolves_to_it_or_names_it() -> None:
    for actor in DATA.actors:
        for text in (actor.id, actor.name, *(n.text for n in actor.names)):
            assert actor.id in _resolved(DATA, text), text


@given(data=datasets(min_actors=1, max_actors=6))
def test_every_name_and_alias_of_a_generated_actor_resolves_to_it_or_names_it(data: Dataset) -> None:
    for actor in data.actors:
        for text in (actor.id, actor.name, *(n.text for n in actor.names)):
            assert actor.id in _resolved(data, text), text


class TestSearchActors:
    def test_ranked_best_first(self) -> None:
        found = [a.id for a in sinosoviet.search_actors("Chiang")]
        assert found[:2] == ["chiang-ching-kuo", "chiang-kai-shek"]
        assert sinosoviet.search_actors("Stallin")[0].id == "joseph-stalin"
        assert sinosoviet.search_actors("Joseph Stalin")[0].id == "joseph-stalin"

    def test_limit_and_nothing_close(self) -> None:
        assert len(sinosoviet.search_actors("Wang", limit=2)) == 2
        assert sinosoviet.search_actors("Xqzwv") == []

    @pytest.mark.parametrize(("args", "error"), [((7,), TypeError), (("Mao", 0), ValueError)])
    def test_bad_arguments(self, args: tuple[Any, ...], error: type[Exception]) -> None:
        text, *rest = args
        with pytest.raises(error):
            sinosoviet.search_actors(text, limit=rest[0] if rest else 10)


class TestCrosswalkIds:
    def test_lookup_by_a_crosswalk_id(self) -> None:
        assert sinosoviet.actor_by_external_id("gw_ccode", "713").id == "roc"
        assert sinosoviet.actor_by_external_id(IdScheme.GW_CCODE, "713").id == "roc"

    def test_an_id_two_actors_hold_is_ambiguous(self) -> None:
        with pytest.raises(AmbiguousActorError) as caught:
            sinosoviet.actor_by_external_id("cow_ccode", "365")
        assert {"ussr", "russia"} <= {a.id for a in caught.value.candidates}

    def test_an_id_nobody_holds(self) -> None:
        with pytest.raises(UnknownActorError):
            sinosoviet.actor_by_external_id("cow_ccode", "999")

    def test_external_id_takes_the_schemes_value(self) -> None:
        prc = sinosoviet.actor("prc")
        assert prc.external_id("cow_ccode") == prc.external_id(IdScheme.COW_CCODE) == "710"
        assert prc.external_id("COW_CCODE") == "710"

    def test_an_unknown_scheme_raises(self) -> None:
        with pytest.raises(ValueError, match="is not an id scheme"):
            sinosoviet.actor("prc").external_id("cow")
        with pytest.raises(ValueError, match="is not an id scheme"):
            sinosoviet.actor_by_external_id("cow", "710")


def test_the_command_line_lists_the_candidates_of_an_ambiguous_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sinosoviet.cli import main

    assert main(["events", "--actor", "Chiang"]) == 1
    error = capsys.readouterr().err
    assert "chiang-kai-shek (person," in error
    assert "chiang-ching-kuo (person," in error
    assert main(["events", "--actor", "Khrushchev", "--start", "1959", "--end", "1959"]) == 0
