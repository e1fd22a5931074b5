"""The command line: its output and exit status (``run`` calls its ``main`` in this process, see
conftest.run_in_process); a reader going away and the start-up, in a real process."""

import pytest

from conftest import assert_usage_error


def test_the_main_command_runs_with_no_arguments(run):
    result = run("-m", "backprop")
    assert result.returncode == 0, result.stderr
    assert "h′_1" in result.stdout and "E" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["--x", "1,2,3"], "x has 3 values but the network has 2 inputs"),
        (["--W1", "0.5,oops; 0.2,0.7", "--W2", "1,2"], "'oops' is not a number"),
        (["--W1", "0.5,-0.3,0.8; 0.2,0.7,-0.6"], "give both --W1 and --W2"),
        (["--W1", "0.5,-0.3,0.8; 0.2,0.7", "--W2", "1,2,3"], "W1 is ragged"),
        (["--activation", "swish"], "invalid choice: 'swish'"),
        (["--weights", "no/such/file.json"], "no/such/file.json: No such file or directory"),
        (["nonsense"], "invalid choice: 'nonsense'"),
    ],
)
def test_bad_input_is_one_line_and_status_2(run, args, message):
    assert_usage_error(run("-m", "backprop", *args), message)


def test_a_reader_that_goes_away_gets_no_error():
    """``python -m backprop train … | true``: no traceback, no error line."""
    import subprocess
    import sys

    from conftest import ROOT

    process = subprocess.Popen(
        [sys.executable, "-m", "backprop", "train", "--dataset", "sine", "--epochs", "20"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    process.stdout.close()  # before the command (still starting up) prints its first line
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert stderr == ""


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs a named pipe (POSIX)")
def test_ctrl_c_outside_training_is_one_line_and_status_130(tmp_path):
    """Ctrl-C while ``predict`` waits for its data file: one line on stderr, no traceback."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT, ctrl_c_as_usual

    weights, data = tmp_path / "w.json", tmp_path / "data.csv"
    weights.write_text('{"format": "backprop-weights", "version": 1, "activation": "identity", "bias": false, '
                       '"W1": [[1.0]], "W2": [1.0]}')
    os.mkfifo(data)
    process = subprocess.Popen([sys.executable, "-m", "backprop", "predict", str(weights), "--data", str(data)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=ctrl_c_as_usual)
    deadline = time.monotonic() + 60
    while True:  # a pipe opens for writing only once its reader has opened it: the command is reading now
        try:
            writer = os.open(data, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    os.close(writer)
    assert process.returncode == 130
    assert stderr == "python -m backprop predict: stopped by Ctrl-C\n"
    assert stdout == ""


def test_a_value_that_starts_with_a_minus_sign_is_a_value_not_an_option(run, tmp_path):
    # the lecture's weights are often negative: --W2 "-0.5,0.4,0.3" must not read as an unknown option
    import json

    result = run("-m", "backprop", "--W1", "-0.3,0.5,0.8; 0.2,0.7,-0.6", "--W2", "-0.5,0.4,0.3",
                 "--x", "-1,0.5", "--alpha", ".5", "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["W"][0][0], record["W"][1], record["x"]) == ([-0.3, 0.5, 0.8], [[-0.5], [0.4], [0.3]], [-1.0, 0.5])
    weights = tmp_path / "w.json"
    weights.write_text('{"format": "backprop-weights", "version": 1, "activation": "identity", "bias": false, '
                       '"W1": [[1.0], [1.0]], "W2": [2.0]}')
    predicted = run("-m", "backprop", "predict", str(weights), "-1e3", "-.5")
    assert predicted.returncode == 0, predicted.stderr
    assert predicted.stdout == "-2001.0\n"  # (−1000 − 0.5)·2


@pytest.mark.parametrize("columns", ["60", "200", "", "0", "-5", "wide", None])
def test_help_is_as_wide_as_argparse_makes_it(columns, monkeypatch):
    """The parser's help formatter finds the width without shutil, as shutil finds it."""
    import argparse
    import shutil

    from backprop.cli import build_parser

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ours = build_parser().format_help()
    parser = build_parser()
    parser.formatter_class = argparse.HelpFormatter
    assert ours == parser.format_help()
    assert max(map(len, ours.splitlines())) <= shutil.get_terminal_size().columns


def test_the_main_command_imports_only_what_the_trace_needs():
    """What ``python -m backprop`` does not need is not imported at start (-S: without the site
    packages, which may import anything)."""
    stdout, loaded = _modules_loaded_by()
    assert stdout.startswith("One step of backpropagation"), loaded
    assert "backprop.trace.explain" in loaded  # the step was traced
    unneeded = {"shutil", "random", "json", "tempfile", "threading", "csv", "html", "backprop.math.gradcheck",
                "backprop.classroom.quiz", "backprop.math.unrolled", "backprop.files.atomic_file"}
    assert loaded & unneeded == set()


def test_the_top_level_help_points_at_each_commands_help(run):
    from backprop.cli import COMMANDS

    result = run("-m", "backprop", "--help")
    assert result.returncode == 0, result.stderr
    assert "python -m backprop COMMAND --help" in result.stdout
    for name in COMMANDS:
        assert f"\n    {name} " in result.stdout or f"\n    {name}\n" in result.stdout  # its help beside or below
        own = run("-m", "backprop", name, "--help")
        assert own.returncode == 0 and own.stdout.startswith(f"usage: python -m backprop {name} "), own.stderr


def test_the_version_imports_no_command():
    """``--version`` is answered before any command's module is imported (issue 22: no slower than the main command)."""
    stdout, loaded = _modules_loaded_by("--version")
    assert stdout.startswith("backprop-lecture "), loaded
    assert {name for name in loaded if name.startswith("backprop.cli.")} == set()


def _modules_loaded_by(*argv):
    """What ``python -S -m backprop ARGV`` prints, and the modules it has imported when it ends."""
    import os
    import subprocess
    import sys

    code = ("import runpy, sys\n"
            f"sys.argv = ['backprop', *{list(argv)!r}]\n"
            "try:\n"
            "    runpy.run_module('backprop', run_name='__main__', alter_sys=True)\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    result = subprocess.run([sys.executable, "-S", "-c", code], cwd=root, capture_output=True, text=True)
    return result.stdout, set(result.stderr.split())
