"""Every example in README.md and docs/*.md runs, so documentation cannot rot silently."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_examples_run(page: Path) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(page.read_text(encoding="utf-8"), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) failed in {page.name}"


def test_module_docstrings_run() -> None:
    import sinosoviet
    from sinosoviet import dates

    for module in (sinosoviet, dates):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0


def _load_script(name: str) -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pages_made_from_the_data_are_up_to_date() -> None:
    """docs/sources.md and docs/corrections.md state the data's numbers; they must match it."""
    import sinosoviet

    script = _load_script("make_data_docs")
    data = sinosoviet.load()
    for name, make in script.PAGES.items():  # type: ignore[attr-defined]
        page = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert page == make(data), f"docs/{name} is stale: run python scripts/make_data_docs.py"


def test_codebook_examples_exist_and_use_their_code() -> None:
    """Every example the codebook gives is a real record that uses the code it illustrates."""
    import re

    import sinosoviet

    data = sinosoviet.load()
    section = ""
    checked = 0
    for line in (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:]
            continue
        row = re.fullmatch(r"\| `(\w+)` \|.*\| `([a-z0-9-]+)` \|", line)
        if row is None:
            continue
        code, example = row.groups()
        if section == "Relation status":
            assert data.relations_by_id[example].status.value == code
        elif section == "Event kinds":
            assert data.events_by_id[example].kind.value == code
        elif section == "Actor kinds":
            assert data.actors_by_id[example].kind.value == code
        elif section == "Participant roles":
            assert code in {p.role.value for p in data.events_by_id[example].participants}
        else:
            raise AssertionError(f"example in unexpected section {section!r}")
        checked += 1
    enums = (sinosoviet.RelationStatus, sinosoviet.EventKind, sinosoviet.ActorKind, sinosoviet.Role)
    assert checked == sum(len(e) for e in enums)
