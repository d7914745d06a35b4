"""Tests for the sinosoviet command: every subcommand in-process, output and exit status.

Runs on the shipped data (asserting structure, and answers checked against the query API,
since curators are still adding records) and on the fixed toy dataset of test_export, whose
answers are known exactly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import attrs
import pytest

import sinosoviet
from sinosoviet.cli import WIDTH, _width, build_parser, main, table
from sinosoviet.export import record_dict
from test_export import toy_dataset

SUBCOMMANDS = ("events", "actors", "show", "status", "treaties", "leaders", "check", "export", "plot")


class Run:
    """The outcome of one in-process run: exit status, standard output and error."""

    def __init__(self, status: int, out: str, err: str) -> None:
        self.status, self.out, self.err = status, out, err

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    # An 80-column terminal: without COLUMNS, output that is not a terminal is never cut.
    monkeypatch.setenv("COLUMNS", str(WIDTH))

    def invoke(*argv: str) -> Run:
        status = main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        # Human output fits the terminal, except URLs (never cut), file paths the user chose,
        # and the check report (sinosoviet.checks formats its own messages).
        if "--json" not in argv and argv and argv[0] not in ("check", "export", "plot"):
            for line in captured.out.splitlines():
                if not line.strip().startswith("http"):
                    assert _width(line) <= WIDTH, line
        return Run(status, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="module")
def toy_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("toy")
    toy_dataset().write(folder)
    return folder


def _one_line_error(result: Run, status: int, *fragments: str) -> None:
    assert result.status == status
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    for fragment in fragments:
        assert fragment in lines[0]


def _ids(records: Any) -> list[str]:
    return [r.id for r in records]


class TestTopLevel:
    """--version, --help, no command, python -m."""

    def test_version(self, run: Any) -> None:
        result = run("--version")
        assert result.status == 0
        assert result.out.strip() == f"sinosoviet {version('sinosoviet')}"

    def test_help_lists_commands_and_examples(self, run: Any) -> None:
        result = run("--help")
        assert result.status == 0
        for name in SUBCOMMANDS:
            assert name in result.out
        assert "sinosoviet status 1955-06-01" in result.out

    @pytest.mark.parametrize("name", SUBCOMMANDS)
    def test_every_subcommand_has_help_with_an_example(self, run: Any, name: str) -> None:
        result = run(name, "--help")
        assert result.status == 0
        assert "example:" in result.out
        assert f"sinosoviet {name}" in result.out.split("example:")[1]
        assert "--json" in result.out

    def test_no_command(self, run: Any) -> None:
        _one_line_error(run(), 2, "give a command")

    def test_unknown_command(self, run: Any) -> None:
        _one_line_error(run("nonsense"), 2, "invalid choice")

    def test_unknown_option(self, run: Any) -> None:
        _one_line_error(run("events", "--colour"), 2, "unrecognized arguments", "--help")

    def test_python_dash_m(self) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "sinosoviet", "--version"], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0
        assert done.stdout.startswith("sinosoviet ")

    def test_the_command_line_stays_light(self) -> None:
        """Importing the CLI, and answering a query with --json, import no cattrs."""
        code = (
            "import sys\n"
            "from sinosoviet.cli import main\n"
            "assert 'cattrs' not in sys.modules\n"
            "assert main(['status', '1955-06-01', '--json']) == 0\n"
            "assert main(['events', '--year', '1969']) == 0\n"
            "heavy = [m for m in ('cattrs', 'pandas', 'matplotlib') if m in sys.modules]\n"
            "assert not heavy, heavy\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


class TestTable:
    """Tables align and fit the terminal."""

    def test_cuts_the_named_column_first(self) -> None:
        text = table(["A", "TITLE"], [["x" * 10, "y" * 100]], shrink=[1])
        lines = text.splitlines()
        assert all(_width(line) <= WIDTH for line in lines)
        assert lines[2].startswith("x" * 10 + "  y")
        assert lines[2].endswith("…")

    def test_cuts_other_columns_as_a_last_resort(self) -> None:
        text = table(["A", "B"], [["a" * 70, "b" * 70]], shrink=[1])
        assert all(_width(line) <= WIDTH for line in text.splitlines())

    def test_counts_wide_characters_twice(self) -> None:
        text = table(["NAME"], [["毛泽东" * 30]], shrink=[0])
        assert all(_width(line) <= WIDTH for line in text.splitlines())
        assert _width("毛泽东") == 6


class TestEvents:
    """events: the query API's events, as a table or JSON."""

    def test_prc_in_1969(self, run: Any) -> None:
        expected = sinosoviet.load().query.events(actor="prc", start="1969", end="1969")
        result = run("events", "--actor", "prc", "--start", "1969", "--end", "1969")
        assert result.status == 0
        if expected:
            assert result.out.splitlines()[0].split() == ["WHEN", "KIND", "TITLE"]
            assert f"{len(expected)} event" in result.out
        as_json = run("events", "--actor", "prc", "--start", "1969", "--end", "1969", "--json")
        assert [e["id"] for e in as_json.json()] == _ids(expected)
        assert as_json.json() == [record_dict(e) for e in expected]

    def test_several_actors_means_all_took_part(self, run: Any) -> None:
        query = sinosoviet.load().query
        with_ussr = set(_ids(query.events(actor="ussr", start="1969", end="1969")))
        expected = [e for e in _ids(query.events(actor="prc", start="1969", end="1969")) if e in with_ussr]
        result = run("events", "--actor", "prc", "--actor", "ussr", "--year", "1969", "--json")
        assert [e["id"] for e in result.json()] == expected

    def test_filters_on_toy_data(self, run: Any, toy_folder: Path) -> None:
        data = ("--data", str(toy_folder))
        result = run("events", *data, "--kind", "military", "--json")
        assert [e["id"] for e in result.json()] == ["zhenbao-clash", "border-war", "skirmish-1978"]
        result = run("events", *data, "--year", "1969", "--within", "--tag", "border", "--json")
        assert [e["id"] for e in result.json()] == ["zhenbao-clash", "border-war"]
        result = run("events", *data, "--actor", "prc", "--members", "--role", "belligerent", "--json")
        assert [e["id"] for e in result.json()] == ["zhenbao-clash", "border-war", "skirmish-1978"]
        result = run(
            "events", *data, "--actor", "Republic of China", "--successors", "--start", "1949-10", "--json"
        )
        assert [e["id"] for e in result.json()][:2] == ["prc-proclaimed", "alliance-signed"]

    def test_table_on_toy_data(self, run: Any, toy_folder: Path) -> None:
        result = run("events", "--data", str(toy_folder), "--year", "1950")
        assert result.status == 0
        lines = result.out.splitlines()
        assert lines[0].split() == ["WHEN", "KIND", "TITLE"]
        assert lines[2].startswith("1950-02-14  treaty  The treaty of alliance is signed")
        # The long title wraps to fit 80 columns: its rest goes on under the title column.
        assert not lines[2].endswith("…")
        title = toy_dataset().events_by_id["alliance-signed"].title
        column = lines[0].index("TITLE")
        assert lines[3][:column].strip() == ""
        assert " ".join(line[column:] for line in lines[2:4]).split() == title.split()
        assert lines[4].startswith("1 event ")
        with_ids = run("events", "--data", str(toy_folder), "--year", "1950", "--ids")
        assert with_ids.out.splitlines()[2].split()[:2] == ["1950-02-14", "alliance-signed"]

    def test_nothing_found(self, run: Any, toy_folder: Path) -> None:
        result = run("events", "--data", str(toy_folder), "--year", "1930")
        assert (result.status, result.out) == (0, "No events match.\n")
        assert run("events", "--data", str(toy_folder), "--year", "1930", "--json").json() == []

    def test_unknown_actor_suggests_names(self, run: Any) -> None:
        _one_line_error(
            run("events", "--actor", "Mao Zedongg"), 1, "no actor is called 'Mao Zedongg'", "did you mean"
        )

    @pytest.mark.parametrize(
        ("argv", "fragment"),
        [
            (["--start", "1969-13"], "start: '1969-13' is not a date"),
            (["--start", "1970", "--end", "1969"], "is after end"),
            (["--year", "1969", "--start", "1969"], "--year cannot be combined"),
            (["--kind", "battle"], "invalid choice"),
            (["--role", "hero"], "invalid choice"),
            (["--tag", "no-such-tag"], "not used by any event"),
            (["--successors"], "need an actor"),
        ],
    )
    def test_bad_arguments_are_usage_errors(self, run: Any, argv: list[str], fragment: str) -> None:
        _one_line_error(run("events", *argv), 2, fragment)


class TestActors:
    """actors: the actors, filtered by kind."""

    def test_states(self, run: Any) -> None:
        result = run("actors", "--kind", "state", "--json")
        assert result.status == 0
        ids = {a["id"] for a in result.json()}
        assert {"prc", "roc", "ussr"} <= ids
        assert {a["kind"] for a in result.json()} == {"state"}

    def test_table(self, run: Any) -> None:
        result = run("actors")
        assert result.status == 0
        assert result.out.splitlines()[0].split() == ["ID", "KIND", "LIFESPAN", "NAME"]
        assert any(line.startswith("prc ") for line in result.out.splitlines())
        assert f"{len(sinosoviet.load().actors)} actors." in result.out


class TestShow:
    """show: one record in full, by id of any type or by an actor's name or alias."""

    def test_actor_by_id(self, run: Any) -> None:
        result = run("show", "prc")
        assert result.status == 0
        assert result.out.startswith("actor prc\n")
        assert "People's Republic of China" in result.out
        assert "sources" in result.out

    def test_json_has_record_and_sources(self, run: Any) -> None:
        data = sinosoviet.load()
        result = run("show", "ussr", "--json").json()
        assert result["type"] == "actor"
        assert result["record"] == record_dict(data.actors_by_id["ussr"])
        cited = {c["source"] for c in result["record"]["citations"]}
        assert cited <= {s["id"] for s in result["sources"]}

    def test_by_alias_on_toy_data(self, run: Any, toy_folder: Path) -> None:
        for key in ("毛泽东", "mao tse tung", "MAO ZEDONG"):
            result = run("show", "--data", str(toy_folder), key, "--json")
            assert result.json()["record"]["id"] == "mao-zedong"

    def test_every_record_type(self, run: Any, toy_folder: Path) -> None:
        expected = {
            "book": "source",
            "prc": "actor",
            "border-war": "event",
            "prc-ussr-war": "relation",
            "alliance-1950": "treaty",
            "mao-chairman": "tenure",
        }
        for key, kind in expected.items():
            result = run("show", "--data", str(toy_folder), key)
            assert result.status == 0
            assert result.out.startswith(f"{kind} {key}\n")

    def test_event_text(self, run: Any, toy_folder: Path) -> None:
        result = run("show", "--data", str(toy_folder), "skirmish-1978")
        assert "when          1978-05 (from 1978-05-01 to 1978-05-31)" in result.out
        assert "pla (People's Liberation Army) as belligerent" in result.out
        assert "variants      when = 1978-06 (per book; a later date)" in result.out
        assert "[1] A history" in result.out

    def test_unique_prefix(self, run: Any, toy_folder: Path) -> None:
        result = run("show", "--data", str(toy_folder), "alliance-19…", "--json")
        assert result.json()["record"]["id"] == "alliance-1950"

    def test_unknown(self, run: Any, toy_folder: Path) -> None:
        result = run("show", "--data", str(toy_folder), "border-wars")
        _one_line_error(result, 1, "no record has the id 'border-wars'", "'border-war'")


class TestStatus:
    """status: the relation in force on a day, or the principal timeline."""

    def test_on_a_day(self, run: Any) -> None:
        expected = sinosoviet.load().query.status_on("1955-06-01")
        result = run("status", "1955-06-01")
        assert result.status == 0
        assert result.out.startswith("1955-06-01: ")
        as_json = run("status", "1955-06-01", "--json").json()
        assert as_json == (None if expected is None else record_dict(expected))

    def test_on_a_day_on_toy_data(self, run: Any, toy_folder: Path) -> None:
        result = run("status", "--data", str(toy_folder), "1969-03-02")
        assert result.out.splitlines()[0] == "1969-03-02: armed conflict"
        assert "period      1969-03-02/1969-09-11 (prc-ussr-war)" in result.out
        result = run("status", "--data", str(toy_folder), "1930-01-01")
        assert result.status == 0
        assert "no relation period on the principal chain" in result.out
        assert run("status", "--data", str(toy_folder), "1930-01-01", "--json").json() is None

    def test_timeline(self, run: Any, toy_folder: Path) -> None:
        result = run("status", "--data", str(toy_folder), "--json")
        assert [r["id"] for r in result.json()] == [
            "prc-ussr-alliance",
            "prc-ussr-tension",
            "prc-ussr-war",
            "prc-ussr-hostility",
            "prc-ussr-normal",
            "prc-russia-normal",
        ]
        lines = run("status", "--data", str(toy_folder)).out.splitlines()
        assert lines[0].split() == ["FROM", "TO", "PARTIES", "STATUS"]
        assert lines[-2].split() == ["1991-12-26", "open", "prc–russia", "normal"]
        ids = run("status", "--data", str(toy_folder), "--ids").out.splitlines()
        assert ids[2].split() == ["1949-10-02", "1960-07-15", "prc-ussr-alliance", "alliance"]

    def test_shipped_timeline(self, run: Any) -> None:
        result = run("status", "--json")
        assert result.status == 0
        pairs = {tuple(r["parties"]) for r in result.json()}
        assert pairs <= {("roc", "soviet-russia"), ("roc", "ussr"), ("prc", "ussr"), ("prc", "russia")}

    def test_parties(self, run: Any, toy_folder: Path) -> None:
        result = run("status", "--data", str(toy_folder), "1955-06-01", "--parties", "USSR", "prc", "--json")
        assert result.json()["id"] == "prc-ussr-alliance"
        _one_line_error(
            run("status", "--data", str(toy_folder), "--parties", "prc", "atlantis"), 1, "atlantis"
        )

    def test_a_coarse_date_that_spans_periods(self, run: Any, toy_folder: Path) -> None:
        _one_line_error(run("status", "--data", str(toy_folder), "1969"), 2, "spans")


class TestTreatiesAndLeaders:
    """treaties and leaders answer as the query API does."""

    def test_treaties_in_force(self, run: Any) -> None:
        expected = sinosoviet.load().query.treaties(in_force_on="1955-06-01")
        result = run("treaties", "--in-force-on", "1955-06-01", "--json")
        assert result.status == 0
        assert result.json() == [record_dict(t) for t in expected]
        assert run("treaties").status == 0

    def test_treaties_on_toy_data(self, run: Any, toy_folder: Path) -> None:
        data = ("--data", str(toy_folder))
        lines = run("treaties", *data, "--party", "prc", "--kind", "alliance").out.splitlines()
        assert lines[2].split()[:3] == ["1950-02-14", "1980-04-11", "alliance"]
        assert run("treaties", *data, "--in-force-on", "1981", "--json").json() == []

    def test_leaders(self, run: Any) -> None:
        expected = sinosoviet.load().query.office_holders("1969-03-02")
        result = run("leaders", "1969-03-02", "--json")
        assert result.status == 0
        assert result.json() == [record_dict(t) for t in expected]

    def test_leaders_on_toy_data(self, run: Any, toy_folder: Path) -> None:
        lines = run("leaders", "--data", str(toy_folder), "2 March 1955").out.splitlines()
        assert lines[2].split() == ["Mao", "Zedong", "Chairman", "prc", "1949-10-01/1959-04-27"]
        result = run("leaders", "--data", str(toy_folder), "1969-03-02")
        assert "No office holders" in result.out
        _one_line_error(run("leaders", "--data", str(toy_folder), "1955", "--office", "King"), 2, "King")


class TestCheck:
    """check: exit 0 when clean, 1 with errors, 2 when the folder cannot be read."""

    def test_shipped(self, run: Any) -> None:
        from sinosoviet.checks import check

        report = check()
        result = run("check")
        assert result.status == (0 if report.ok else 1)
        as_json = run("check", "--json").json()
        assert as_json == report.to_dict()

    def test_clean_toy_folder(self, run: Any, toy_folder: Path) -> None:
        from sinosoviet.checks import check

        result = run("check", str(toy_folder), "--json")
        assert result.status == (0 if check(toy_folder).ok else 1)
        assert result.json()["ok"] is check(toy_folder).ok

    def test_errors_found(self, run: Any, tmp_path: Path) -> None:
        data = toy_dataset()
        ghost = sinosoviet.Participant(actor="atlantis", role=sinosoviet.Role.SUBJECT)
        bad = attrs.evolve(data.events_by_id["talks"], id="dangling", participants=(ghost,))
        attrs.evolve(data, events=(*data.events, bad)).write(tmp_path)
        result = run("check", str(tmp_path))
        assert result.status == 1
        assert "dangling" in result.out
        assert "atlantis" in result.out
        assert run("check", str(tmp_path), "--json").json()["ok"] is False

    def test_a_folder_that_does_not_load(self, run: Any, tmp_path: Path) -> None:
        toy_dataset().write(tmp_path)
        (tmp_path / "events.json").write_text("[{]", encoding="utf-8")
        result = run("check", str(tmp_path))
        assert result.status == 1
        assert "invalid JSON" in result.out
        as_json = run("check", str(tmp_path), "--json").json()
        assert as_json["ok"] is False
        assert as_json["problems"][0]["record"] == "events.json"

    def test_missing_folder(self, run: Any, tmp_path: Path) -> None:
        _one_line_error(run("check", str(tmp_path / "nowhere")), 2, "no dataset folder")

    def test_other_commands_report_a_bad_folder_in_one_line(self, run: Any, tmp_path: Path) -> None:
        toy_dataset().write(tmp_path)
        (tmp_path / "events.json").write_text("[{]", encoding="utf-8")
        _one_line_error(run("events", "--data", str(tmp_path)), 1, "invalid JSON")


class TestExport:
    """export: the files of sinosoviet.export, written into a folder."""

    def test_json_round_trip(self, run: Any, tmp_path: Path) -> None:
        result = run("export", "--format", "json", "--out", str(tmp_path))
        assert result.status == 0
        assert result.out.count("wrote ") == 6
        assert sinosoviet.load(tmp_path) == sinosoviet.load()

    def test_csv(self, run: Any, tmp_path: Path) -> None:
        result = run("export", "--format", "csv", "--out", str(tmp_path), "--json")
        assert result.json()["format"] == "csv"
        assert sorted(Path(p).name for p in result.json()["files"]) == sorted(
            f"{s}.csv" for s in ("sources", "actors", "events", "relations", "treaties", "tenures", "codings")
        )

    def test_dyad_years(self, run: Any, toy_folder: Path, tmp_path: Path) -> None:
        result = run("export", "--data", str(toy_folder), "--format", "dyad-years", "--out", str(tmp_path))
        assert result.status == 0
        lines = (tmp_path / "dyad_years.csv").read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("ccode1,ccode2,year,actor1,actor2,status_year_end,status_most_hostile,")
        assert any(line.startswith("365,710,1969,ussr,prc,hostility,armed_conflict,") for line in lines)
        assert lines[-1].startswith("365,710,1991,russia,prc,normal,normal,")
        # The toy data covers 1949-1991: a later year is refused, not extrapolated.
        beyond = run(
            "export", "--data", str(toy_folder), "--format", "dyad-years", "--out", str(tmp_path / "x"),
            "--last-year", "1993",
        )  # fmt: skip
        _one_line_error(beyond, 2, "last_year 1993 is beyond the data")
        assert not (tmp_path / "x").exists()

    def test_needs_format_and_out(self, run: Any) -> None:
        _one_line_error(run("export", "--format", "csv"), 2, "--out")
        _one_line_error(run("export", "--format", "xml", "--out", "x"), 2, "invalid choice")

    def test_unwritable_folder(self, run: Any, tmp_path: Path) -> None:
        blocker = tmp_path / "file"
        blocker.write_text("", encoding="utf-8")
        _one_line_error(run("export", "--format", "csv", "--out", str(blocker / "sub")), 2)


class TestPlot:
    """plot: a picture file; the format follows the extension."""

    def test_png(self, run: Any, toy_folder: Path, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        out = tmp_path / "timeline.png"
        result = run("plot", "--data", str(toy_folder), "--out", str(out), "--json")
        assert result.status == 0
        assert result.json() == {"out": str(out), "width": 1280, "height": 720}
        assert out.read_bytes().startswith(b"\x89PNG")

    def test_shipped_svg_with_window_and_kinds(self, run: Any, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        out = tmp_path / "timeline.svg"
        result = run("plot", "--out", str(out), "--start", "1945", "--end", "1970", "--kind", "summit")
        assert result.status == 0
        assert result.out == f"wrote {out} (1280×720 px)\n"
        assert out.stat().st_size > 0

    def test_title_size_and_font_size(self, run: Any, toy_folder: Path, tmp_path: Path) -> None:
        pytest.importorskip("matplotlib")
        out = tmp_path / "slide.svg"
        result = run(
            "plot", "--data", str(toy_folder), "--out", str(out), "--title", "A & B",
            "--size", "1920x1080", "--font-size", "14", "--json",
        )  # fmt: skip
        assert result.status == 0
        assert result.json() == {"out": str(out), "width": 1920, "height": 1080}
        assert "A &amp; B" in out.read_text(encoding="utf-8")

    @pytest.mark.parametrize(
        ("option", "value", "message"),
        [
            ("--size", "big", "WIDTHxHEIGHT"),
            ("--size", "50x50", "from 200 to 10000"),
            ("--font-size", "1", "from 4 to 40"),
        ],
    )
    def test_bad_picture_options(
        self, run: Any, tmp_path: Path, option: str, value: str, message: str
    ) -> None:
        _one_line_error(run("plot", "--out", str(tmp_path / "t.png"), option, value), 2, message)

    def test_bad_extension(self, run: Any, tmp_path: Path) -> None:
        _one_line_error(run("plot", "--out", str(tmp_path / "t.gif")), 2, ".png, .svg or .pdf")

    def test_missing_matplotlib(self, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        _one_line_error(run("plot", "--out", str(tmp_path / "t.png")), 2, 'pip install "sinosoviet[plot]"')


def test_parser_builds_every_subcommand() -> None:
    parser = build_parser()
    for name in SUBCOMMANDS:
        argv = {
            "show": ["x"],
            "leaders": ["1969"],
            "export": ["--format", "csv", "--out", "o"],
            "plot": ["--out", "o"],
        }
        assert parser.parse_args([name, *argv.get(name, [])]).handler is not None


def _many_faults_folder(folder: Path, count: int = 3000) -> Path:
    """A folder whose check report runs far past a pipe's buffer (64 KiB)."""
    data = toy_dataset()
    ghost = sinosoviet.Participant(actor="atlantis-" + "x" * 60, role=sinosoviet.Role.SUBJECT)
    template = data.events_by_id["talks"]
    bad = [attrs.evolve(template, id=f"dangling-{n}", participants=(ghost,)) for n in range(count)]
    attrs.evolve(data, events=(*data.events, *bad)).write(folder)
    return folder


class TestOutputEdges:
    """Broken pipes, terminals that are not UTF-8, and report width."""

    def test_a_broken_pipe_keeps_the_commands_status(self, tmp_path: Path) -> None:
        folder = _many_faults_folder(tmp_path)
        process = subprocess.Popen(
            [sys.executable, "-m", "sinosoviet", "check", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()  # as `head -1` does, then stop reading
        process.stdout.close()
        status = process.wait(timeout=120)
        error = process.stderr.read().decode()
        process.stderr.close()
        assert status == 1, error
        assert "Traceback" not in error

    def test_a_broken_pipe_of_a_clean_command_is_success(self) -> None:
        process = subprocess.Popen(
            [sys.executable, "-m", "sinosoviet", "events", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        status = process.wait(timeout=120)
        error = process.stderr.read().decode()
        process.stderr.close()
        assert status == 0, error
        assert "Traceback" not in error

    @pytest.mark.parametrize(
        "argv", [["actors"], ["show", "mao-zedong"], ["show", "mao-zedong", "--json"], ["actors", "--json"]]
    )
    def test_an_ascii_terminal_gets_escapes_not_a_failure(self, argv: list[str]) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "sinosoviet", *argv],
            capture_output=True,
            # 60 columns: the table cuts an id, with an ellipsis the ASCII output must escape.
            env={**__import__("os").environ, "PYTHONIOENCODING": "ascii", "COLUMNS": "60"},
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        done.stdout.decode("ascii")  # every byte is ASCII
        if "--json" in argv:
            text = json.dumps(json.loads(done.stdout), ensure_ascii=False)
            assert "毛泽东" in text  # the escapes are JSON escapes: the names survive
        else:
            assert b"\\u" in done.stdout

    def test_check_report_lines_fit_80_columns(self, run: Any, tmp_path: Path) -> None:
        folder = _many_faults_folder(tmp_path, count=3)
        result = run("check", str(folder))
        assert result.status == 1
        assert "atlantis" in result.out
        assert max(_width(line) for line in result.out.splitlines()) <= 80

    def test_load_faults_fit_80_columns(self, run: Any, tmp_path: Path) -> None:
        toy_dataset().write(tmp_path)
        (tmp_path / "events.json").write_text(
            json.dumps([{"id": "Bad Id " + "x" * 100, "title": ""}]), encoding="utf-8"
        )
        result = run("check", str(tmp_path))
        assert result.status == 1
        assert max(_width(line) for line in result.out.splitlines()) <= 80
