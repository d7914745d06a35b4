"""Hostile input: whatever a data file holds, load() raises DataError naming the file, or loads.

No other exception type may escape (KeyError, TypeError, RecursionError, ...), and a failed load
leaves nothing behind. The generated inputs are counted by hypothesis; run pytest with
``--hypothesis-show-statistics`` to see how many each test tried.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinosoviet
from samples import ACTOR, EVENT, SOURCE, write_folder
from sinosoviet import DataError, Dataset

STEMS = ("sources", "actors", "events", "relations", "treaties", "tenures")
RELATION = {
    "id": "rel",
    "parties": ["prc", "ussr"],
    "status": "alliance",
    "when": "1950-02-14/1960-07",
    "citations": [{"source": "src"}],
}
TREATY = {
    "id": "treaty",
    "name": "Treaty",
    "kind": "alliance",
    "parties": ["prc", "ussr"],
    "signed": "1950-02-14",
    "citations": [{"source": "src"}],
}
TENURE = {
    "id": "ten",
    "holder": "mao",
    "office": "Chairman",
    "organization": "ccp",
    "when": "1945/1976-09-09",
    "citations": [{"source": "src"}],
}
VALID = {
    "sources": SOURCE,
    "actors": ACTOR,
    "events": EVENT,
    "relations": RELATION,
    "treaties": TREATY,
    "tenures": TENURE,
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["1949", "1949-13", "1949/..", "prc", "src", "state", "alliance", ""]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def load_or_data_error(folder: Path, file: str) -> Dataset | None:
    """Load the folder; a DataError must name the file at fault. Anything else propagates."""
    try:
        return sinosoviet.load(folder)
    except DataError as exc:
        message = str(exc)
    assert file in message, message
    return None


# Five times the profile's examples: each one is cheap, and these tests are the evidence that
# nothing but DataError escapes the loader (2,000 inputs per test under the "ci" profile).
FUZZ = settings(max_examples=settings().max_examples * 5, suppress_health_check=[HealthCheck.too_slow])


class TestFuzz:
    """Generated hostile files only ever produce DataError."""

    @FUZZ
    @given(stem=st.sampled_from(STEMS), value=json_values)
    def test_any_json_value_as_a_file(self, stem: str, value: Any) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            load_or_data_error(write_folder(Path(tmp), **{stem: value}), f"{stem}.json")

    @FUZZ
    @given(stem=st.sampled_from(STEMS), value=json_values)
    def test_any_json_value_as_a_record(self, stem: str, value: Any) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            load_or_data_error(write_folder(Path(tmp), **{stem: [value]}), f"{stem}.json")

    @FUZZ
    @given(data=st.data(), stem=st.sampled_from(STEMS))
    def test_valid_record_mutated_field_by_field(self, data: st.DataObject, stem: str) -> None:
        record = dict(VALID[stem])
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "add":
            record[data.draw(st.text(min_size=1, max_size=10))] = data.draw(json_values)
        else:
            key = data.draw(st.sampled_from(sorted(record)))
            if action == "delete":
                del record[key]
            else:
                record[key] = data.draw(json_values)
        with tempfile.TemporaryDirectory() as tmp:
            load_or_data_error(write_folder(Path(tmp), **{stem: [record]}), f"{stem}.json")

    @FUZZ
    @given(stem=st.sampled_from(STEMS), raw=st.binary(max_size=200))
    def test_any_bytes_as_a_file(self, stem: str, raw: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            load_or_data_error(write_folder(Path(tmp), **{stem: raw}), f"{stem}.json")

    @FUZZ
    @given(stem=st.sampled_from(STEMS), text=st.text(max_size=200))
    def test_any_text_as_a_file(self, stem: str, text: str) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            load_or_data_error(write_folder(Path(tmp), **{stem: text}), f"{stem}.json")


class TestHostileCases:
    """One test per hostile case named in the reliability issue."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[NaN]", "not a number"),
            ("[Infinity]", "not a number"),
            ("[" + "9" * 5000 + "]", "number too large"),
            ('[{"id": "src", "title": "A", "kind": "book", "year": 1e400}]', "not a number"),
            ('[{"id": "src", "title": "A", "kind": "book", "year": 1.5}]', "expected a number"),
            ('[{"id": "src", "id": "src", "title": "A", "kind": "book"}]', "duplicate key"),
        ],
    )
    def test_numbers_and_keys(self, tmp_path: Path, text: str, expected: str) -> None:
        with pytest.raises(DataError, match=expected):
            sinosoviet.load(write_folder(tmp_path, sources=text))

    def test_year_out_of_range_in_a_date(self, tmp_path: Path) -> None:
        with pytest.raises(DataError, match=r"events\.json\[0\]\.when: '99999' is not a date"):
            sinosoviet.load(write_folder(tmp_path, events=[dict(EVENT, when="99999")]))

    def test_a_directory_named_like_a_data_file(self, tmp_path: Path) -> None:
        folder = write_folder(tmp_path)
        (folder / "events-extra.json").mkdir()
        with pytest.raises(DataError, match=r"events-extra\.json: is a folder"):
            sinosoviet.load(folder)

    def test_a_file_instead_of_a_folder(self, tmp_path: Path) -> None:
        path = tmp_path / "events.json"
        path.write_text("[]", encoding="utf-8")
        with pytest.raises(FileNotFoundError, match="no dataset folder"):
            sinosoviet.load(path)

    def test_failed_load_does_not_touch_the_shipped_cache(self, tmp_path: Path) -> None:
        before = sinosoviet.load()
        with pytest.raises(DataError):
            sinosoviet.load(write_folder(tmp_path, events="{"))
        assert sinosoviet.load() is before

    def test_loader_evaluates_nothing(self) -> None:
        from importlib.util import find_spec

        for name in ("dataset", "_convert"):
            spec = find_spec(f"sinosoviet.{name}")
            assert spec is not None
            assert spec.origin is not None
            source = Path(spec.origin).read_text(encoding="utf-8")
            for banned in ("eval(", "exec(", "pickle", "yaml", "marshal"):
                assert banned not in source, f"{name}.py mentions {banned}"


class TestImmutability:
    """What a caller receives cannot change what the next caller gets."""

    def test_records_and_collections(self) -> None:
        data = sinosoviet.load()
        actor = data.actors[0]
        with pytest.raises(AttributeError):
            actor.name = "changed"  # type: ignore[misc]
        assert isinstance(actor.names, tuple)
        assert isinstance(data.actors, tuple)
        copy = list(data.actors)
        copy.clear()
        assert sinosoviet.load().actors

    def test_lookup_tables_are_read_only(self) -> None:
        data = sinosoviet.load()
        with pytest.raises(TypeError):
            data.actors_by_id["x"] = data.actors[0]  # type: ignore[index]


def test_json_text_with_every_record_type_round_trips(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", relations=[RELATION], treaties=[TREATY], tenures=[TENURE])
    data = sinosoviet.load(folder)
    data.write(tmp_path / "b")
    assert sinosoviet.load(tmp_path / "b") == data
    for stem in STEMS:
        original = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        written = json.loads((tmp_path / "b" / f"{stem}.json").read_text(encoding="utf-8"))
        assert written == original, stem


class TestFilesThatAreNotPlainFiles:
    """What is not a regular file, or is over the limit, is refused before it is read."""

    def _folder(self, tmp_path: Path) -> Path:
        sinosoviet.load().write(tmp_path)
        (tmp_path / "events.json").unlink()
        return tmp_path

    def test_a_link_to_a_device_is_refused_without_reading(self, tmp_path: Path) -> None:
        folder = self._folder(tmp_path)
        (folder / "events.json").symlink_to("/dev/zero")
        with pytest.raises(DataError, match="not a regular file"):
            sinosoviet.load(folder)

    def test_a_fifo_is_refused_without_blocking(self, tmp_path: Path) -> None:
        import os

        folder = self._folder(tmp_path)
        os.mkfifo(folder / "events.json")
        with pytest.raises(DataError, match="not a regular file"):
            sinosoviet.load(folder)

    def test_a_sparse_file_over_the_limit_is_refused_by_its_size(self, tmp_path: Path) -> None:
        folder = self._folder(tmp_path)
        with (folder / "events.json").open("wb") as handle:
            handle.truncate(3 * 1024**3)  # sparse: takes no disk, and must not be read
        with pytest.raises(DataError, match="larger than the"):
            sinosoviet.load(folder)

    @pytest.mark.parametrize("name", ["events-more.JSON", "events-more.json "])
    def test_a_name_that_only_looks_like_a_data_file_is_refused(self, tmp_path: Path, name: str) -> None:
        sinosoviet.load().write(tmp_path)
        (tmp_path / name).write_text("[]", encoding="utf-8")
        with pytest.raises(DataError, match="not a data file of this format"):
            sinosoviet.load(tmp_path)

    def test_an_empty_path_is_not_the_current_folder(self) -> None:
        with pytest.raises(FileNotFoundError, match="empty path"):
            sinosoviet.load("")
