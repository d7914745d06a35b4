"""The cold start (issue #20): what a first query reads, defines and imports, and that the
shortcuts taking it there change no answer.

Timings are not tested here (the benchmark measures them, side by side); what is tested is the
work a fresh process does, which is what the timings follow from.
"""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import sinosoviet
from sinosoviet import dataset as dataset_module
from sinosoviet import records
from sinosoviet._builders import structure_fast, structure_trusted
from sinosoviet._convert import structure_records
from sinosoviet._files import decode_json

SHIPPED = Path(sinosoviet.__file__).parent / "data"
STEMS = tuple(records.FILE_TYPES)


def _fresh(code: str) -> Any:
    """Run code in a fresh interpreter; it prints one JSON value, which is returned."""
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


_READ_STEMS = (
    "from sinosoviet import dataset as _d\n"
    "_s = _d._SHIPPED\n"
    "def read_stems():\n"
    "    if _d._SHIPPED is None: return None\n"
    "    out = []\n"
    "    for stem in _d._FILE_STEMS:\n"
    "        try: object.__getattribute__(_d._SHIPPED, stem)\n"
    "        except AttributeError: continue\n"
    "        out.append(stem)\n"
    "    return out\n"
)

#: Modules a program pays for only when it uses what they serve; none is on the first query's path.
NOT_ON_THE_FIRST_QUERY = (
    "cattrs",
    "dateutil",
    "hashlib",
    "calendar",
    "locale",
    "pathlib",
    "importlib.metadata",
    "importlib.resources",
    "sinosoviet._records_deferred",
    "sinosoviet._enums",
    "sinosoviet._convert",
    "sinosoviet.checks",
    "sinosoviet.export",
    "sinosoviet.cameo",
    "sinosoviet.series",
)


def test_import_reads_nothing_and_defines_only_the_common_classes() -> None:
    found = _fresh(
        "import sys, json, sinosoviet\n"
        + _READ_STEMS
        + "print(json.dumps({'modules': sorted(sys.modules), 'read': read_stems(),"
        " 'defined': sorted(n for n in sinosoviet.records._DEFERRED if n in vars(sinosoviet.records))}))"
    )
    assert found["read"] is None  # load() has not even listed the folder
    assert found["defined"] == []
    loaded = set(found["modules"])
    assert not loaded & set(NOT_ON_THE_FIRST_QUERY)
    assert "sinosoviet._builders" not in loaded
    assert "sinosoviet._files" not in loaded


def test_the_first_status_on_reads_only_the_relation_periods() -> None:
    found = _fresh(
        "import sys, json, sinosoviet\n"
        "status = sinosoviet.status_on('1969-03-02').status.value\n"
        + _READ_STEMS
        + "print(json.dumps({'status': status, 'modules': sorted(sys.modules), 'read': read_stems(),"
        " 'defined': sorted(n for n in sinosoviet.records._DEFERRED if n in vars(sinosoviet.records))}))"
    )
    assert found["status"] == "armed_conflict"
    assert found["read"] == ["relations"]
    assert found["defined"] == []
    ours = sorted(m for m in found["modules"] if m.startswith("sinosoviet"))
    # The whole of the package a first status_on loads; a new module here must be a choice.
    assert ours == [
        "sinosoviet",
        "sinosoviet._builders",
        "sinosoviet._index",
        "sinosoviet.dataset",
        "sinosoviet.dates",
        "sinosoviet.errors",
        "sinosoviet.query",
        "sinosoviet.records",
    ]
    assert not set(found["modules"]) & set(NOT_ON_THE_FIRST_QUERY)


def test_events_by_actor_id_needs_neither_the_actor_graph_nor_the_name_index() -> None:
    found = _fresh(
        "import json, sinosoviet\n"
        "n = len(sinosoviet.events(actor='prc'))\n"
        "cache = sinosoviet.load()._cache\n"
        "index = cache.get('query:actors')\n"
        "print(json.dumps({'n': n, 'graph': index is not None,"
        " 'names': index is not None and index._names is not None}))"
    )
    assert found["n"] == len([e for e in sinosoviet.load().events if "prc" in e.actor_ids])
    assert found == {"n": found["n"], "graph": False, "names": False}


def test_a_lineage_query_builds_the_graph_but_not_the_name_index() -> None:
    found = _fresh(
        "import json, sinosoviet\n"
        "sinosoviet.events(actor='ussr', include_successors=True)\n"
        "index = sinosoviet.load()._cache['query:actors']\n"
        "print(json.dumps(index._names is None))"
    )
    assert found is True


def test_every_public_class_resolves_its_type_hints_in_a_fresh_process() -> None:
    # Each class in a process of its own: a class asked for first must not depend on another
    # having been defined before (cattrs reads these hints to structure records).
    modules = {
        "sinosoviet": sinosoviet.__all__,
        "sinosoviet.records": records.__all__,
    }
    names = [
        (module, name)
        for module, public in modules.items()
        for name in public
        if isinstance(getattr(sys.modules[module], name), type)
    ]
    assert len(names) > 30
    for module, name in names:
        result = _fresh(
            "import importlib, json, typing\n"
            f"cls = getattr(importlib.import_module({module!r}), {name!r})\n"
            "hints = typing.get_type_hints(cls)\n"
            "print(json.dumps([cls.__module__, sorted(hints)]))"
        )
        assert result[0].startswith("sinosoviet"), (module, name)


def test_deferred_classes_belong_to_the_records_module() -> None:
    for name in sorted(
        n for n in records._DEFERRED if isinstance(getattr(records, n), type) and not n.startswith("_")
    ):
        cls = getattr(records, name)
        assert cls.__module__ == "sinosoviet.records"
        assert cls.__qualname__ == name
        assert getattr(sinosoviet, name, cls) is cls


def test_a_pickle_made_elsewhere_is_read_by_a_fresh_process() -> None:
    event = sinosoviet.load().events[0]
    blob = pickle.dumps((event, sinosoviet.Role.SUBJECT, sinosoviet.EventKind))
    found = _fresh(
        "import pickle, json, sys\n"
        f"event, role, kind = pickle.loads({blob!r})\n"
        "print(json.dumps([type(event).__module__, type(event).__name__, event.id, role.value,"
        " type(role).__module__, kind.__name__]))"
    )
    assert found == ["sinosoviet.records", "Event", event.id, "subject", "sinosoviet.records", "EventKind"]


@pytest.mark.parametrize("name", sorted(p.name for p in SHIPPED.glob("*.json")))
def test_the_trusted_build_equals_the_validated_build(name: str) -> None:
    """Every shipped file: records made without validators equal the validated ones."""
    data = (SHIPPED / name).read_bytes()
    raw, problems = decode_json(name, data)
    assert not problems
    assert json.loads(data) == raw  # the plain parse the trusted path uses
    record_type = records.FILE_TYPES[name.removesuffix(".json").split("-", 1)[0]]
    trusted = structure_trusted(raw, record_type)  # raises Decline if it would not trust it
    validated = structure_fast(raw, record_type)
    assert trusted == validated == structure_records(raw, record_type, name)
    assert len(trusted) == len(raw)
    # Equality could hide a list where a tuple belongs, or a str where an enum does.
    for made, checked in zip(trusted, validated, strict=True):
        assert type(made) is type(checked)
        for attribute in made.__attrs_attrs__:
            assert type(getattr(made, attribute.name)) is type(getattr(checked, attribute.name))


def test_the_lazy_shipped_dataset_equals_a_validated_load_of_its_folder() -> None:
    assert sinosoviet.load() == sinosoviet.load(SHIPPED)


@pytest.fixture
def shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped folder that `_load_shipped` reads instead of the package's."""
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED, folder)

    def entries() -> list[Any]:
        return sorted(folder.iterdir())

    monkeypatch.setattr(dataset_module, "_shipped_entries", entries)
    return folder


def test_a_damaged_shipped_file_raises_on_first_use_of_its_type(shipped_copy: Path) -> None:
    (shipped_copy / "events.json").write_text('[{"id": "x", "when": 1969}]', encoding="utf-8")
    data = dataset_module._load_shipped()
    assert data.relations  # another type reads as usual
    for _ in range(2):  # and the fault is not forgotten after the first time
        with pytest.raises(sinosoviet.DataError, match=r"events\.json\[0\]") as info:
            data.events  # noqa: B018
        assert "sinosoviet/data/events.json" in str(info.value)


def test_a_stray_file_in_the_shipped_folder_is_refused_at_once(shipped_copy: Path) -> None:
    (shipped_copy / "evnts.json").write_text("[]", encoding="utf-8")
    with pytest.raises(sinosoviet.DataError, match=r"evnts\.json: not a data file"):
        dataset_module._load_shipped()


def test_each_shipped_file_is_read_once_whichever_threads_ask(shipped_copy: Path) -> None:
    data = dataset_module._load_shipped()
    reads: list[str] = []
    real = dataset_module._read_file

    def counting(entry: Any, stem: str, *, trusted: bool) -> Any:
        reads.append(entry.name)
        return real(entry, stem, trusted=trusted)

    barrier = threading.Barrier(8)
    seen: list[object] = []

    def ask() -> None:
        barrier.wait()
        seen.append(data.events)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dataset_module, "_read_file", counting)
        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert reads == ["events.json"]
    assert len(seen) == 8
    assert all(s is seen[0] for s in seen)


def test_user_folders_are_still_read_whole_and_validated(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(SHIPPED, folder)
    text = (folder / "relations.json").read_text(encoding="utf-8")
    (folder / "relations.json").write_text(text.replace('"prc-ussr', '"PRC USSR', 1), encoding="utf-8")
    with pytest.raises(sinosoviet.DataError, match=r"relations\.json"):
        sinosoviet.load(folder)


def test_the_builders_read_the_same_field_types_as_get_type_hints() -> None:
    import typing

    import attrs

    from sinosoviet._builders import _field_types

    classes = [getattr(records, n) for n in records.__all__ if attrs.has(getattr(records, n))]
    classes += [sinosoviet.PartialDate, sinosoviet.Interval]
    assert len(classes) >= 13
    for cls in classes:
        hints = typing.get_type_hints(cls)
        assert _field_types(cls) == {a.name: hints[a.name] for a in attrs.fields(cls)}, cls


def test_the_deferred_names_are_those_the_deferred_modules_define() -> None:
    """records._DEFERRED is the one list of names defined on first use; it matches the modules."""
    from sinosoviet import _enums, _records_deferred

    for module in (_enums, _records_deferred):
        named = {n for n, m in records._DEFERRED.items() if m == module.__name__.rsplit(".", 1)[1]}
        assert set(module.__all__) <= named
        assert all(hasattr(module, n) for n in named)
    # Every public deferred name that the package re-exports resolves through it.
    for name in records._DEFERRED:
        if name in sinosoviet.__all__:
            assert getattr(sinosoviet, name) is getattr(records, name)
