"""Tests of the package surface: exports, version, light import."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

import sinosoviet


def test_all_is_sorted_and_complete() -> None:
    assert list(sinosoviet.__all__) == sorted(sinosoviet.__all__)
    for name in sinosoviet.__all__:
        assert getattr(sinosoviet, name) is not None


def test_version_comes_from_metadata() -> None:
    assert sinosoviet.__version__ == version("sinosoviet")


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="nonexistent"):
        sinosoviet.nonexistent  # type: ignore[attr-defined]  # noqa: B018


def test_import_is_light() -> None:
    """Importing the package reads no data and imports neither cattrs nor importlib.metadata."""
    code = (
        "import sys, sinosoviet\n"
        "names = ('cattrs', 'dateutil', 'importlib.metadata', 'pandas', 'matplotlib', 'hypothesis')\n"
        "heavy = [m for m in names if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from sinosoviet import dataset\n"
        "assert dataset._SHIPPED is None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_py_typed_is_shipped() -> None:
    from importlib.resources import files

    assert (files("sinosoviet") / "py.typed").is_file()
