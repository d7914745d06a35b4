"""Wrong arguments to the public functions raise errors of the documented types, saying what is wrong."""

from __future__ import annotations

from typing import Any

import pytest

import sinosoviet
from sinosoviet.checks import check_dataset, format_report
from sinosoviet.export import dyad_years

DATA = sinosoviet.load()


class TestClearErrors:
    """Each case once raised a bare error from deep inside; now it names the argument."""

    def test_a_list_among_the_parties_is_a_type_error(self) -> None:
        parties: Any = (["prc"], "ussr")
        with pytest.raises(TypeError, match="parties must be two actor ids"):
            sinosoviet.status_on("1950-06-01", parties=parties)

    def test_a_single_code_string_is_one_code(self) -> None:
        report = check_dataset(DATA, codes="office-overlap")
        assert {p.code for p in report.problems} <= {"office-overlap"}
        with pytest.raises(ValueError, match="unknown check code"):
            check_dataset(DATA, codes="no-such-check")

    def test_checking_something_that_is_not_a_dataset(self) -> None:
        with pytest.raises(TypeError, match=r"must be a sinosoviet\.Dataset"):
            check_dataset("x")  # type: ignore[arg-type]

    def test_formatting_something_that_is_not_a_report(self) -> None:
        with pytest.raises(TypeError, match=r"must be a sinosoviet\.Report"):
            format_report(None)  # type: ignore[arg-type]

    def test_a_year_given_as_text_to_the_dyad_table(self) -> None:
        with pytest.raises(TypeError, match="last_year must be an int"):
            dyad_years(last_year="1990")  # type: ignore[arg-type]
