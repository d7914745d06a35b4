"""Tests for sinosoviet.dataset: loading the shipped data and users' folders, DataError, Dataset."""

from __future__ import annotations

import json
import shutil
import threading
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest

import sinosoviet
from samples import ACTOR, EVENT, SOURCE, write_folder
from sinosoviet import Citation, DataError, Dataset, Source, SourceKind, SourceLevel

DATA = Path(str(files("sinosoviet") / "data"))


class TestShippedData:
    """The shipped data loads, once, for every caller."""

    def test_loads_and_is_cached(self) -> None:
        data = sinosoviet.load()
        assert data is sinosoviet.load()
        assert data.actors
        assert data.sources
        assert "prc" in data.actors_by_id

    def test_every_file_is_canonical(self) -> None:
        from sinosoviet._convert import FILE_TYPES, dumps_records, structure_records

        for path in sorted(DATA.glob("*.json")):
            stem = path.name.removesuffix(".json").split("-", 1)[0]
            text = path.read_text(encoding="utf-8")
            records = structure_records(json.loads(text), FILE_TYPES[stem], path.name)
            canonical = dumps_records(getattr(Dataset(**{stem: records}), stem))
            assert text == canonical, f"{path.name} is not canonical: run python scripts/canonicalize.py"

    def test_writing_the_shipped_data_gives_its_files_byte_for_byte(self, tmp_path: Path) -> None:
        sinosoviet.load().write(tmp_path)
        shipped = {p.name: p.read_bytes() for p in DATA.glob("*.json")}
        written = {p.name: p.read_bytes() for p in tmp_path.glob("*.json")}
        assert written == shipped

    def test_data_version_matches_the_files_and_the_changelog(self) -> None:
        from sinosoviet._files import digest

        version = sinosoviet.DATA_VERSION
        # The peer datasets' episodes (data/peers) are data too: a change to them is a new version.
        files = [*DATA.glob("*.json"), *DATA.glob("peers/*.json")]
        expected = digest((p.relative_to(DATA).as_posix(), p.read_bytes()) for p in files)[:12]
        assert version.endswith(f"+{expected}"), (
            f"the data changed: set DATA_VERSION to '<date>+{expected}' and record it in CHANGELOG.md"
        )
        changelog = (Path(__file__).resolve().parent.parent / "CHANGELOG.md").read_text(encoding="utf-8")
        assert version in changelog

    def test_many_threads_get_one_object(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from sinosoviet import dataset as module

        monkeypatch.setattr(module, "_SHIPPED", None)
        results: list[Dataset] = []
        barrier = threading.Barrier(8)

        def worker() -> None:
            barrier.wait()
            results.append(sinosoviet.load())

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(results) == 8
        assert all(r is results[0] for r in results)


class TestUserFolder:
    """A user's folder loads, and every structural fault is a DataError naming file and path."""

    def test_valid_folder(self, tmp_path: Path) -> None:
        data = sinosoviet.load(write_folder(tmp_path))
        assert [e.id for e in data.events] == ["founding"]
        assert data.events_by_id["founding"].when == sinosoviet.PartialDate.parse("1949-10-01")

    def test_write_then_load_gives_an_equal_dataset(self, tmp_path: Path) -> None:
        data = sinosoviet.load(write_folder(tmp_path / "in"))
        data.write(tmp_path / "out")
        assert sinosoviet.load(tmp_path / "out") == data

    def test_shipped_data_round_trips(self, tmp_path: Path) -> None:
        shipped = sinosoviet.load()
        shipped.write(tmp_path)
        assert sinosoviet.load(tmp_path) == shipped

    def test_split_files_are_merged(self, tmp_path: Path) -> None:
        folder = write_folder(tmp_path, events=[])
        other = dict(EVENT, id="second", when="1950-02-14")
        (folder / "events-part.json").write_text(json.dumps([EVENT, other]), encoding="utf-8")
        assert [e.id for e in sinosoviet.load(folder).events] == ["founding", "second"]

    @pytest.mark.parametrize(
        ("files_", "expected"),
        [
            ({"events": "[{"}, r"events\.json: invalid JSON at line 1 column 3"),
            ({"events": {"a": 1}}, r"events\.json: the top level must be an array of records, not an object"),
            ({"events": [1]}, r"events\.json\[0\]: a record must be an object, not a number"),
            ({"events": [dict(EVENT, when="1949-13")]}, r"events\.json\[0\]\.when: '1949-13' is not a date"),
            ({"events": [dict(EVENT, colour="red")]}, r"events\.json\[0\]: unknown field\(s\): colour"),
            (
                {"events": [{k: v for k, v in EVENT.items() if k != "title"}]},
                r"events\.json\[0\]\.title: required field missing",
            ),
            (
                {"events": [dict(EVENT, title=7)]},
                r"events\.json\[0\]\.title: expected a string, got a number 7",
            ),
            (
                {"events": [dict(EVENT, kind="party")]},
                r"events\.json\[0\]\.kind: 'party' is not a valid EventKind; expected one of 'aid'",
            ),
            ({"events": [dict(EVENT, citations=[])]}, r"events\.json\[0\]: citations: every record cites"),
            ({"events": [dict(EVENT, id="Bad Id")]}, r"events\.json\[0\]: id 'Bad Id' is not a slug"),
            (
                {"events": [dict(EVENT, participants=[{"actor": "prc", "role": "king"}])]},
                r"events\.json\[0\]\.participants\[0\]\.role: 'king' is not a valid Role",
            ),
            (
                {"actors": [dict(ACTOR, lifespan="1950/1949")]},
                r"actors\.json\[0\]\.lifespan: '1950/1949' is not an interval",
            ),
            (
                {"sources": [dict(SOURCE, year=True)]},
                r"sources\.json\[0\]\.year: expected a number, got a boolean",
            ),
            ({"events": b"\xef\xbb\xbf[]"}, r"events\.json: starts with a byte-order mark"),
            ({"events": b'["\xff"]'}, r"events\.json: is not UTF-8"),
            ({"events": ""}, r"events\.json: is empty"),
            ({"events": "[" * 100_000 + "]" * 100_000}, r"events\.json: JSON nested too deeply"),
            ({"tenures": None}, r"tenures\.json: missing"),
        ],
    )
    def test_faults(self, tmp_path: Path, files_: dict[str, Any], expected: str) -> None:
        with pytest.raises(DataError, match=expected):
            sinosoviet.load(write_folder(tmp_path, **files_))

    def test_all_faults_of_a_file_are_reported_at_once(self, tmp_path: Path) -> None:
        bad = [dict(EVENT, when="1949-13"), dict(EVENT, id="ok"), dict(EVENT, id="x", kind="nope")]
        with pytest.raises(DataError) as info:
            sinosoviet.load(write_folder(tmp_path, events=bad))
        assert len(info.value.problems) == 2
        assert info.value.problems[0].startswith("events.json[0].when")
        assert info.value.problems[1].startswith("events.json[2].kind")
        assert info.value.file.endswith("events.json")

    def test_data_error_is_a_value_error(self, tmp_path: Path) -> None:
        with pytest.raises(ValueError, match=r"events\.json"):
            sinosoviet.load(write_folder(tmp_path, events="nope"))

    def test_unexpected_json_file_is_refused(self, tmp_path: Path) -> None:
        folder = write_folder(tmp_path)
        (folder / "evnts.json").write_text("[]", encoding="utf-8")
        (folder / "README.md").write_text("notes", encoding="utf-8")
        with pytest.raises(DataError, match=r"evnts\.json: not a data file"):
            sinosoviet.load(folder)

    def test_oversized_file_is_refused_before_parsing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sinosoviet import dataset as module

        monkeypatch.setattr(module, "MAX_FILE_BYTES", 10)
        with pytest.raises(DataError, match="larger than the 10-byte limit"):
            sinosoviet.load(write_folder(tmp_path))

    def test_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(FileNotFoundError, match="no dataset folder"):
            sinosoviet.load(tmp_path / "nowhere")

    def test_path_of_wrong_type(self) -> None:
        with pytest.raises(TypeError, match="path must be"):
            sinosoviet.load(42)  # type: ignore[arg-type]

    def test_copy_of_shipped_data_loads_equal(self, tmp_path: Path) -> None:
        shutil.copytree(DATA, tmp_path / "copy")
        assert sinosoviet.load(tmp_path / "copy") == sinosoviet.load()


class TestDatasetObject:
    """A Dataset is immutable, sorted on construction and compares by content."""

    def test_sorted_and_equal_regardless_of_input_order(self) -> None:
        a = Source(id="a", title="A", kind=SourceKind.BOOK, level=SourceLevel.SECONDARY)
        b = Source(id="b", title="B", kind=SourceKind.BOOK, level=SourceLevel.SECONDARY)
        assert Dataset(sources=[b, a]).sources == (a, b)
        assert Dataset(sources=[b, a]) == Dataset(sources=(a, b))

    def test_frozen(self) -> None:
        data = Dataset()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            data.events = ()  # type: ignore[misc]
        with pytest.raises(TypeError):
            data.sources_by_id["x"] = Source(
                id="x", title="X", kind=SourceKind.BOOK, level=SourceLevel.SECONDARY
            )  # type: ignore[index]

    def test_records_are_frozen(self) -> None:
        citation = Citation(source="src")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            citation.source = "other"  # type: ignore[misc]


class TestWritingIsWhole:
    """write() leaves the folder holding exactly the dataset, or unchanged."""

    def test_split_files_already_there_are_replaced_not_doubled(self, tmp_path: Path) -> None:
        data = sinosoviet.load()
        data.write(tmp_path)
        events = (tmp_path / "events.json").read_text(encoding="utf-8")
        (tmp_path / "events-a.json").write_text(events, encoding="utf-8")
        (tmp_path / "events.json").rename(tmp_path / "events-b.json")
        data.write(tmp_path)
        assert sorted(p.name for p in tmp_path.glob("events*.json")) == ["events.json"]
        assert sinosoviet.load(tmp_path) == data

    def test_other_files_in_the_folder_are_kept(self, tmp_path: Path) -> None:
        (tmp_path / "README.md").write_text("notes", encoding="utf-8")
        sinosoviet.load().write(tmp_path)
        assert (tmp_path / "README.md").read_text(encoding="utf-8") == "notes"

    def test_no_temporary_file_is_left_behind(self, tmp_path: Path) -> None:
        sinosoviet.load().write(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"{s}.json" for s in sinosoviet.records.FILE_TYPES
        )


class TestSharedQuery:
    """The query object of a dataset cannot be re-pointed by one caller for all others."""

    def test_the_dataset_of_a_query_cannot_be_replaced(self) -> None:
        with pytest.raises(AttributeError, match="immutable"):
            sinosoviet.load().query.dataset = Dataset()  # type: ignore[misc]
        assert sinosoviet.load().query.events(start=1969, end=1969)


class TestEveryFaultOfARecord:
    """load() reports every fault of every record, not the first fault of each."""

    def test_a_record_with_five_faults_reports_five(self, tmp_path: Path) -> None:
        bad = {**EVENT, "id": "Bad Id", "title": "", "places": [""], "tags": ["b", "a"], "citations": []}
        with pytest.raises(DataError) as caught:
            sinosoviet.load(write_folder(tmp_path, events=[bad]))
        problems = [p for p in caught.value.problems if p.startswith("events.json[0]")]
        assert [p.split(": ", 1)[1].split()[0] for p in problems] == [
            "id",
            "title",
            "places",
            "tags",
            "citations:",
        ]

    def test_a_wrongly_typed_field_does_not_hide_a_validator_fault(self, tmp_path: Path) -> None:
        bad = {**EVENT, "id": "Bad Id", "kind": "nonsense"}
        with pytest.raises(DataError) as caught:
            sinosoviet.load(write_folder(tmp_path, events=[bad]))
        problems = caught.value.problems
        assert any(p.startswith("events.json[0].kind: 'nonsense' is not a valid EventKind") for p in problems)
        assert any(p.startswith("events.json[0]: id 'Bad Id' is not a slug") for p in problems)

    def test_faults_of_several_records_are_all_reported(self, tmp_path: Path) -> None:
        events = [{**EVENT, "id": f"e{i}", "title": ""} for i in range(3)]
        with pytest.raises(DataError) as caught:
            sinosoviet.load(write_folder(tmp_path, events=events))
        assert sum("title must be" in p for p in caught.value.problems) == 3


class TestWritingFailsWhole:
    """A failure half-way through writing leaves the folder as it was, JSON and CSV alike."""

    @staticmethod
    def _fail_on_third_file(monkeypatch: pytest.MonkeyPatch) -> None:
        import tempfile

        real = tempfile.mkstemp
        calls = []

        def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            calls.append(1)
            if len(calls) == 3:
                raise OSError(28, "No space left on device")
            return real(*args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)

    def test_write_leaves_the_folder_unchanged(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        folder = write_folder(tmp_path / "d")
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        self._fail_on_third_file(monkeypatch)
        with pytest.raises(OSError, match="No space"):
            sinosoviet.load().write(folder)
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    def test_write_csv_leaves_the_folder_unchanged(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from sinosoviet import export

        export.write_csv(sinosoviet.load(write_folder(tmp_path / "d")), tmp_path / "out")
        before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
        self._fail_on_third_file(monkeypatch)
        with pytest.raises(OSError, match="No space"):
            export.write_csv(None, tmp_path / "out")
        assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before

    def test_write_csv_leaves_no_temporary_file(self, tmp_path: Path) -> None:
        from sinosoviet import export

        written = export.write_csv(None, tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
