"""Tests for sinosoviet._builders: the cattrs-free load path agrees with the cattrs converter.

The law: whenever the fast builders answer, their records equal the converter's; whenever the
converter refuses an input (DataError), the builders decline it, so the converter's message with
its file and JSON path is what the user sees.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sinosoviet
from sinosoviet import (
    Actor,
    ActorKind,
    Citation,
    DataError,
    Event,
    EventKind,
    ExternalId,
    IdScheme,
    Link,
    LinkKind,
    Name,
    Participant,
    Relation,
    Role,
    Source,
    SourceKind,
    SourceLevel,
    Tenure,
    Treaty,
    Variant,
)
from sinosoviet._builders import Decline, structure_fast
from sinosoviet._convert import FILE_TYPES, structure_records, unstructure_record
from test_query import datasets, intervals, whens

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
texts = st.text(min_size=1, max_size=12).map(str.strip).filter(bool)
citations = st.lists(st.builds(Citation, source=slugs, locator=st.none() | texts), min_size=1, max_size=2)
external_ids = st.lists(
    st.sampled_from(
        [
            (IdScheme.COW_CCODE, "710"),
            (IdScheme.WIKIDATA, "Q148"),
            (IdScheme.ATOP, "3215"),
            (IdScheme.COW_MID, "3656"),
        ]
    ).flatmap(
        lambda pair: st.builds(
            ExternalId, scheme=st.just(pair[0]), value=st.just(pair[1]), citations=citations
        )
    ),
    max_size=2,
)
variants = st.lists(
    st.builds(Variant, field=texts, value=st.text(max_size=8), citations=citations, note=st.none() | texts),
    max_size=2,
)
names = st.lists(
    st.builds(
        Name, text=texts, lang=st.sampled_from(["en", "ru", "zh-Hans", "zh-Hant"]), shared=st.booleans()
    ),
    max_size=3,
)

sources = st.builds(
    Source,
    id=slugs,
    title=texts,
    kind=st.sampled_from(SourceKind),
    level=st.sampled_from(SourceLevel),
    author=st.none() | texts,
    year=st.none() | st.integers(1900, 2030),
    url=st.none() | texts,
    copy_of=st.none() | slugs,
)
actors = st.builds(
    Actor,
    id=slugs,
    kind=st.sampled_from(ActorKind),
    name=texts,
    lifespan=intervals(),
    names=names,
    predecessors=st.lists(slugs, unique=True, max_size=2),
    external_ids=external_ids,
    summary=st.none() | texts,
    citations=citations,
    variants=variants,
)
events = st.builds(
    Event,
    id=slugs,
    when=whens(),
    title=texts,
    kind=st.sampled_from(EventKind),
    participants=st.lists(
        st.builds(Participant, actor=slugs, role=st.sampled_from(Role)), unique=True, max_size=3
    ),
    places=st.lists(texts, max_size=2),
    links=st.lists(st.builds(Link, kind=st.sampled_from(LinkKind), target=slugs), max_size=2),
    tags=st.lists(slugs, unique=True, max_size=3).map(sorted),
    external_ids=external_ids,
    citations=citations,
    variants=variants,
)
tenures = st.builds(
    Tenure,
    id=slugs,
    holder=slugs,
    office=texts,
    organization=slugs,
    when=intervals(),
    concurrent=st.booleans(),
    citations=citations,
)


def records() -> st.SearchStrategy[Any]:
    from_datasets = datasets().flatmap(
        lambda d: st.sampled_from(list(d.records())) if list(d.records()) else st.nothing()
    )
    return st.one_of(sources, actors, events, tenures, from_datasets)


def raw_of(record: Any) -> dict[str, Any]:
    """The record as JSON would give it back."""
    result: dict[str, Any] = json.loads(json.dumps(unstructure_record(record)))
    return result


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn, raw: Any) -> Any:
    """The raw record with one change somewhere inside: a key dropped or added, a value replaced."""
    containers = []

    def walk(value: Any) -> None:
        if isinstance(value, dict | list):
            containers.append(value)
            for child in value.values() if isinstance(value, dict) else value:
                walk(child)

    walk(raw)
    target = draw(st.sampled_from(containers))
    action = draw(st.sampled_from(["drop", "add", "replace"]))
    if isinstance(target, dict):
        if action == "add" or not target:
            target[draw(st.sampled_from(["extra", "id", "name", "when", "kind"]))] = draw(json_values)
        elif action == "drop":
            del target[draw(st.sampled_from(sorted(target)))]
        else:
            target[draw(st.sampled_from(sorted(target)))] = draw(json_values)
    elif target and action != "add":
        position = draw(st.integers(0, len(target) - 1))
        if action == "drop":
            del target[position]
        else:
            target[position] = draw(json_values)
    else:
        target.append(draw(json_values))
    return raw


class TestAgreement:
    """The builders and the converter give the same records, or the builders decline."""

    @given(record=records())
    def test_valid_records(self, record: Any) -> None:
        raw = [raw_of(record)]
        fast = structure_fast(raw, type(record))
        assert fast == structure_records(raw, type(record), "f.json") == (record,)

    @given(data=st.data(), record=records())
    def test_damaged_records(self, data: st.DataObject, record: Any) -> None:
        raw = [data.draw(mutated(raw_of(record)))]
        try:
            expected: tuple[Any, ...] | None = structure_records(raw, type(record), "f.json")
        except DataError:
            expected = None
        try:
            fast = structure_fast(raw, type(record))
        except Decline:
            return
        assert expected is not None, "the builders accepted what the converter refuses"
        assert fast == expected

    @given(value=json_values)
    def test_any_json_at_the_top(self, value: Any) -> None:
        for record_type in FILE_TYPES.values():
            try:
                expected: Any = structure_records(value, record_type, "f.json")
            except DataError:
                expected = None
            try:
                fast = structure_fast(value, record_type)
            except Decline:
                continue
            assert fast == expected

    @pytest.mark.parametrize("stem", sorted(FILE_TYPES))
    def test_shipped_data(self, stem: str) -> None:
        folder = Path(sinosoviet.__file__).parent / "data"
        for path in sorted(folder.glob(f"{stem}*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            assert structure_fast(raw, FILE_TYPES[stem]) == structure_records(
                raw, FILE_TYPES[stem], path.name
            )

    def test_builders_cover_every_record_type(self) -> None:
        # A field type the builders do not know makes every load take the cattrs path; say so.
        for record_type in (*FILE_TYPES.values(), Relation, Treaty):
            structure_fast([], record_type)
            for field in attrs.fields(record_type):
                assert field.init


class TestErrorsStillNameFileAndPath:
    """A damaged file reaches the user as the converter's DataError."""

    def test_a_bad_date(self, tmp_path: Path) -> None:
        from samples import EVENT, write_folder

        with pytest.raises(DataError, match=r"events\.json\[0\]\.when: '1949-13'"):
            sinosoviet.load(write_folder(tmp_path, events=[dict(EVENT, when="1949-13")]))


def test_import_and_first_query_need_no_cattrs() -> None:
    code = (
        "import sys, sinosoviet; sinosoviet.load(); "
        "from sinosoviet import query; query.status_on('1969-03-02'); query.events(start=1969); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'cattrs', 'pandas', 'pathlib'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
