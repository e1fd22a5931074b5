"""Issue 21, "Nothing lost, second pass": a test per numbered item, named after it.

The promise: bad input gets one line on standard error and exit status 2 before any work
(130 for Ctrl-C, 143 for SIGTERM), no traceback, and nothing a person had is lost. Most cases
run ``backprop.cli.main`` in this process (fast), as tests/test_nothing_lost.py does.
"""

import io
import json
import math
import os
import signal
import sys

import pytest

import backprop.cli
import backprop.cli.sheet
from backprop import Network
from backprop.files import atomic_file

WEIGHTS = {"format": "backprop-weights", "version": 1, "activation": "identity", "bias": False,
           "W1": [[1.0], [1.0]], "W2": [2.0]}  # y = 2·(x_1 + x_2)
DATA = "x_1,x_2,d\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"


KEEP = object()


def cli(*argv, stdout=KEEP, stdin=KEEP):
    """Run the command line in this process; return (status, stdout, stderr). ``stdout`` or
    ``stdin`` None is a stream closed before Python started (``>&-``, ``<&-``)."""
    out, err = stdout if stdout is not KEEP else io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr = out, err
    if stdin is not KEEP:
        sys.stdin = stdin
    try:
        status = backprop.cli.main(list(argv))
    except SystemExit as exit:  # argparse's own errors
        status = exit.code
    finally:
        sys.stdout, sys.stderr, sys.stdin = saved
    if isinstance(out, io.TextIOWrapper):
        out.flush()
        return status, out.buffer.getvalue().decode("ascii"), err.getvalue()
    return status, out.getvalue() if out is not None else "", err.getvalue()


def assert_one_line(status, stderr, expected_status=2, message=""):
    assert status == expected_status, stderr
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert message in stderr, stderr


def files_in(folder) -> dict:
    return {name: (folder / name).read_bytes() for name in sorted(os.listdir(folder))}


# 1. An output over an input is refused before any work.

@pytest.mark.parametrize("argv, option, read_by", [
    (["train", "--data", "{x}", "--save", "{x}"], "--save", "--data"),
    (["trace", "--weights", "{w}", "--output", "{w}"], "--output", "--weights"),
    (["train", "--weights", "{w}", "--plot", "{w}", "--dataset", "and"], "--plot", "--weights"),
    (["train", "--weights", "{w}", "--report", "{hard link of w}", "--dataset", "and"], "--report", "--weights"),
])
def test_21_01_output_over_input(tmp_path, argv, option, read_by):
    (tmp_path / "x.csv").write_text(DATA)
    (tmp_path / "w.json").write_text(json.dumps(WEIGHTS))
    os.link(tmp_path / "w.json", tmp_path / "same.json")  # one file, two names
    paths = {"x": tmp_path / "x.csv", "w": tmp_path / "w.json", "hard link of w": tmp_path / "same.json"}
    before = files_in(tmp_path)
    status, stdout, stderr = cli(*[word.format(**paths) if word.startswith("{") else word for word in argv])
    assert_one_line(status, stderr, 2, f"is the file {read_by} reads; writing it would replace it, so give "
                                       f"{option} another file name")
    assert stdout == "" and files_in(tmp_path) == before


# 2. Two outputs on one path are refused before any work.

@pytest.mark.parametrize("first, second", [("--save", "--plot"), ("--report", "--boundary"), ("--plot", "--save")])
def test_21_02_two_outputs_on_one_path(tmp_path, monkeypatch, first, second):
    monkeypatch.chdir(tmp_path)
    status, stdout, stderr = cli("train", "--epochs", "2", "--seed", "0", first, "o", second, "o")
    assert_one_line(status, stderr, 2, " o are the same file, and one would replace the other; give --")
    assert f"{first} o" in stderr and f"{second} o" in stderr
    assert stdout == "" and os.listdir(tmp_path) == []


def test_21_02_two_outputs_on_one_path_by_a_link(tmp_path):
    (tmp_path / "loss.svg").write_text("old")
    (tmp_path / "link.svg").symlink_to(tmp_path / "loss.svg")
    status, _, stderr = cli("train", "--epochs", "2", "--seed", "0", "--plot", str(tmp_path / "loss.svg"),
                            "--report", str(tmp_path / "link.svg"))
    assert_one_line(status, stderr, 2, "are the same file")
    assert (tmp_path / "loss.svg").read_text() == "old"


def test_21_02_a_sheet_linked_to_its_key(tmp_path):
    (tmp_path / "key-1.md").write_text("old key")
    (tmp_path / "sheet-1.md").symlink_to(tmp_path / "key-1.md")
    status, stdout, stderr = cli("sheet", "--format", "markdown", "--count", "1", "--output", str(tmp_path))
    assert_one_line(status, stderr, 2, "are the same file (a link), and the key would replace the sheet")
    assert stdout == "" and (tmp_path / "key-1.md").read_text() == "old key"


def test_21_02_devices_may_be_named_twice():
    status, _, stderr = cli("train", "--epochs", "2", "--seed", "0", "--save", os.devnull, "--plot", os.devnull)
    assert (status, stderr) == (0, "")


# 3. The sheet and its key: both written, or neither.

def _old_sheet(tmp_path):
    (tmp_path / "sheet-1.md").write_text("old sheet")
    (tmp_path / "key-1.md").write_text("old key")


def test_21_03_sheet_both_or_neither_with_a_folder_for_a_key(tmp_path):
    (tmp_path / "sheet-1.md").write_text("old sheet")
    (tmp_path / "key-1.md").mkdir()
    status, stdout, stderr = cli("sheet", "--format", "markdown", "--count", "1", "--output", str(tmp_path))
    assert_one_line(status, stderr, 2, "key-1.md: is a folder; rename it, or write to another folder with --output")
    assert (tmp_path / "sheet-1.md").read_text() == "old sheet"
    assert sorted(os.listdir(tmp_path)) == ["key-1.md", "sheet-1.md"] and stdout == ""


def test_21_03_sheet_both_or_neither_when_the_second_rename_fails(tmp_path, monkeypatch):
    _old_sheet(tmp_path)
    real_replace, calls = os.replace, []

    def second_fails(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", second_fails)
    status, _, stderr = cli("sheet", "--format", "markdown", "--count", "1", "--output", str(tmp_path))
    monkeypatch.undo()
    assert_one_line(status, stderr, 2, "No space left on device")
    assert files_in(tmp_path) == {"key-1.md": b"old key", "sheet-1.md": b"old sheet"}  # the sheet put back


def test_21_03_sheet_both_or_neither_with_ctrl_c_between_the_renames(tmp_path, monkeypatch, ctrl_c_raises):
    _old_sheet(tmp_path)
    real_replace = os.replace

    def ctrl_c_after(source, target):
        real_replace(source, target)
        os.kill(os.getpid(), signal.SIGINT)  # between the sheet's rename and the key's

    monkeypatch.setattr(os, "replace", ctrl_c_after)
    status, _, stderr = cli("sheet", "--format", "markdown", "--count", "1", "--output", str(tmp_path))
    monkeypatch.undo()
    assert (status, stderr) == (130, "python -m backprop sheet: stopped by Ctrl-C\n")
    files = files_in(tmp_path)
    assert sorted(files) == ["key-1.md", "sheet-1.md"]  # no temporary file left
    assert files["sheet-1.md"].startswith(b"# Backpropagation by hand") and files["key-1.md"].startswith(b"# Answer key")


# 4. A closed pipe drops no file.

class ClosedAfterOneLine(io.StringIO):
    """Standard output read by ``head -1``: the first line goes through, then the reader is gone."""

    def write(self, text):
        if "\n" in self.getvalue():
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def test_21_04_closed_pipe_drops_no_file(tmp_path):
    names = {"--save": "s.json", "--plot": "p.svg", "--report": "r.html", "--boundary": "b.svg"}
    argv = [word for option, name in names.items() for word in (option, str(tmp_path / name))]
    status, stdout, stderr = cli("train", "--epochs", "3", "--seed", "0", *argv, stdout=ClosedAfterOneLine())
    assert (status, stderr) == (1, "")
    assert stdout.startswith("Training a 2-3-1 network") and stdout.count("\n") == 1
    assert sorted(os.listdir(tmp_path)) == sorted(names.values())
    assert Network.load(tmp_path / "s.json").n_hidden == 3
    assert (tmp_path / "r.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    for picture in ("p.svg", "b.svg"):
        assert (tmp_path / picture).read_text(encoding="utf-8").rstrip().endswith("</svg>")


# 7. Read-only files, trailing slashes and empty names are refused before training.

def test_21_07_read_only_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "w.json"
    path.write_text(json.dumps(WEIGHTS))
    os.chmod(path, 0o444)
    if os.geteuid() == 0:  # root may write anything; answer os.access as for the file's owner who is not root
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **k: real_access(p, mode, **k) and (
            not mode & os.W_OK or bool(os.stat(p).st_mode & 0o200)))
    status, stdout, stderr = cli("train", "--epochs", "2", "--seed", "0", "--save", str(path))
    assert_one_line(status, stderr, 2, f"--save {path} is read-only; make it writable first (chmod u+w {path})")
    assert stdout == "" and json.loads(path.read_text()) == WEIGHTS
    with pytest.raises(OSError, match="the file is read-only"):
        Network([[1.0], [2.0]], [3.0]).save(path)
    assert json.loads(path.read_text()) == WEIGHTS


def test_21_07_trailing_slash_is_refused(tmp_path):
    status, stdout, stderr = cli("train", "--epochs", "2", "--seed", "0", "--save", str(tmp_path / "out.x") + "/")
    assert_one_line(status, stderr, 2, "out.x/ ends with '/', which names a folder, and there is no such folder")
    assert stdout == "" and os.listdir(tmp_path) == []


@pytest.mark.parametrize("option", ["--save", "--plot", "--report", "--boundary"])
def test_21_07_empty_name_is_refused_before_training(option):
    status, stdout, stderr = cli("train", "--epochs", "2", "--seed", "0", option, "")
    assert_one_line(status, stderr, 2, f"{option} '' is an empty file name; give a file name, like {option} ")
    assert stdout == ""  # no "Training a …": refused first


# 13. The atomic writer's interrupt windows.

@pytest.fixture
def ctrl_c_raises():
    """Python's own SIGINT handler (KeyboardInterrupt) for the test, whatever the process was started
    with: under ``nohup``, ``trap '' INT`` or a job without job control SIGINT is ignored, and then
    Python installs no handler and os.kill(…, SIGINT) does nothing."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _ctrl_c_after(function):
    def interrupted(*args, **kwargs):
        result = function(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # Python raises KeyboardInterrupt before the next line
        return result
    return interrupted


def test_21_13_atomic_writer_ctrl_c_just_after_mkstemp(tmp_path, monkeypatch, ctrl_c_raises):
    (tmp_path / "w.txt").write_text("old")
    monkeypatch.setattr(atomic_file.tempfile, "mkstemp", _ctrl_c_after(atomic_file.tempfile.mkstemp))
    with pytest.raises(KeyboardInterrupt):
        atomic_file.write_text(tmp_path / "w.txt", "new")
    assert files_in(tmp_path) == {"w.txt": b"old"}
    with pytest.raises(KeyboardInterrupt):
        atomic_file.check_writable(tmp_path / "w.txt")
    assert files_in(tmp_path) == {"w.txt": b"old"}


def test_21_13_atomic_writer_ctrl_c_just_after_the_rename(tmp_path, monkeypatch, ctrl_c_raises):
    monkeypatch.setattr(os, "replace", _ctrl_c_after(os.replace))
    with pytest.raises(KeyboardInterrupt):
        atomic_file.write_text(tmp_path / "w.txt", "new")  # not FileNotFoundError for the temporary file
    assert files_in(tmp_path) == {"w.txt": b"new"}
    status, _, stderr = cli("trace", "--output", str(tmp_path / "step.txt"))
    assert (status, stderr) == (130, "python -m backprop trace: stopped by Ctrl-C\n")
    assert sorted(os.listdir(tmp_path)) == ["step.txt", "w.txt"]


# 8. A weight set to NaN by hand is not saved; the message names the weight.

@pytest.mark.parametrize("where, value, name", [("W1", float("nan"), "W¹_21"), ("W2", float("inf"), "W²_1"),
                                                ("deep", float("-inf"), "W²_21")])
def test_21_08_nan_weight_is_not_saved(tmp_path, where, value, name):
    from backprop import DeepNetwork

    if where == "deep":
        net = DeepNetwork([[[1.0, 2.0]], [[3.0], [4.0]]])
        net.W[1][1][0] = value
    else:
        net = Network([[1.0], [2.0]], [3.0])
        (net.W1[1] if where == "W1" else net.W2)[0] = value
    path = tmp_path / "w.json"
    path.write_text("old")
    with pytest.raises(ValueError, match=f"cannot save the network: {name} is {value!r}, and a weights file holds "
                                         "finite numbers only"):
        net.save(path)
    assert files_in(tmp_path) == {"w.json": b"old"}


# 9. check and quiz: an exponent out of any float's range is a verdict or one line, never a traceback.

HUGE_EXPONENTS = ["0E+1000000", "0e9999999", "1e-99999999999", "1E+999999", "-0E-1000000"]


@pytest.mark.parametrize("typed", HUGE_EXPONENTS)
def test_21_09_check_huge_exponent(tmp_path, typed):
    answers = tmp_path / "answers.txt"
    answers.write_text(f"h_1 = {typed}\n")
    status, stdout, stderr = cli("check", str(answers))
    assert_one_line(status, stderr, 2, f"line 1: '{typed}' ")
    assert "write it like 0.6457" in stderr and stdout == ""


def test_21_09_quiz_huge_exponent():
    replies = "\n".join(HUGE_EXPONENTS) + "\n"
    status, stdout, stderr = cli("quiz", "--seed", "1", stdin=io.StringIO(replies))
    assert (status, stderr) == (0, "")
    assert stdout.count("please type a number") == len(HUGE_EXPONENTS)  # asked again each time, then Ctrl-D
    assert "Stopped. Score so far: 0 of 0." in stdout


# 10. Closed standard input and output: one line, exit 2, files still written.

@pytest.mark.parametrize("argv, what", [(["quiz", "--seed", "1"], "the quiz"), (["trace", "--reveal"], "--reveal")])
def test_21_10_closed_stdin(argv, what):
    status, stdout, stderr = cli(*argv, stdin=None)
    assert_one_line(status, stderr, 2, f"standard input is closed, so {what} cannot read what you type")
    assert stdout == ""


def test_21_10_closed_stdout_still_writes_the_files(tmp_path):
    status, _, stderr = cli("train", "--epochs", "2", "--seed", "0", "--save", str(tmp_path / "w.json"), stdout=None)
    assert_one_line(status, stderr, 2, "standard output is closed, so what it printed is lost (files asked for were "
                                       "written)")
    assert Network.load(tmp_path / "w.json").n_hidden == 3
    assert sys.stdout is not None


def test_21_10_closed_stdout_for_real():
    import subprocess

    from conftest import ROOT

    result = subprocess.run([sys.executable, "-m", "backprop", "trace"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert_one_line(result.returncode, result.stderr, 2, "python -m backprop trace: error: standard output is closed")


# 11. Values that are finite but overflow inside an epoch: refused before training, naming the value.

@pytest.mark.parametrize("layers", [[], ["--layers", "2,2,1"]])
def test_21_11_overflow_inside_a_step(tmp_path, layers):
    data = tmp_path / "big.csv"
    data.write_text("x_1,x_2,d\n1,0,1.8e154\n0,1,1.8e154\n")  # each E ≈ ½(1.8e154)² = 1.62e308; two: past 1.8e308
    save = tmp_path / "w.json"
    status, stdout, stderr = cli("train", "--data", str(data), "--epochs", "2", "--seed", "0", "--save", str(save),
                                 *layers)
    assert_one_line(status, stderr, 2, "the samples' errors E = ½(d − y)² add up past the largest float")
    assert "d = 1.8e+154" in stderr
    assert stdout == "" and not save.exists()


# 12. A boundary or a report of inputs near ±1.5e308: refused before training.

@pytest.mark.parametrize("option", ["--boundary", "--report"])
def test_21_12_boundary_of_huge_inputs(tmp_path, option):
    data = tmp_path / "wide.csv"
    data.write_text("x_1,x_2,d\n1.5e308,0,1\n-1.5e308,1,0\n")
    status, stdout, stderr = cli("train", "--data", str(data), "--epochs", "2", "--seed", "0", "--activation", "tanh",
                                 option, str(tmp_path / "picture"))
    assert_one_line(status, stderr, 2, f"{option} {tmp_path / 'picture'}: sample 1 has x_1 = 1.5e+308, too large "
                                       "to picture")
    assert stdout == "" and not (tmp_path / "picture").exists()


def test_21_12_the_largest_inputs_pictured_are_drawn():
    from backprop.pictures import boundary

    net = Network([[1.0], [1.0]], [1.0], activation="tanh")
    svg = boundary.boundary_svg(net, [([1e300, -1e300], 1), ([-1e300, 1e300], 0)])
    assert svg.count('class="sample"') == 2
    with pytest.raises(ValueError, match="sample 2 has x_2 = -1.1e\\+300, too large to picture"):
        boundary.boundary_svg(net, [([0, 0], 1), ([0, -1.1e300], 0)])


# 14. A stream that cannot write "α" gets the symbols' ASCII forms.

def ascii_stream():
    return io.TextIOWrapper(io.BytesIO(), encoding="ascii", newline="\n")


def test_21_14_ascii_stream_trace():
    status, stdout, stderr = cli("trace", stdout=ascii_stream())
    assert (status, stderr) == (0, "")
    assert "  alpha = 0.5\n" in stdout
    assert "  h'_1 = x_1*W1_11 + x_2*W1_21 = 1*0.5 + 0.5*0.2 = 0.6\n" in stdout  # 1·0.5 + 0.5·0.2, by hand
    assert "  E = 1/2(d - y)^2 = 1/2(1 - 0.1888)^2 = 0.3291\n" in stdout


def test_21_14_ascii_stream_train():
    status, stdout, stderr = cli("train", "--epochs", "2", "--seed", "0", stdout=ascii_stream())
    assert (status, stderr) == (0, "")
    assert "): alpha = 0.5, 2 epochs, batch size 1" in stdout and "  W1_11 = " in stdout and "  W2_3 = " in stdout


# 15. check reads an answers file up to a limit.

def test_21_15_check_dev_zero_is_capped():
    # in a child with a memory limit (1 GiB) and a time limit: a read without a cap must fail, not fill the machine
    import resource
    import subprocess

    from conftest import ROOT

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    result = subprocess.run([sys.executable, "-m", "backprop", "check", "/dev/zero"], cwd=ROOT, capture_output=True,
                            text=True, timeout=30, preexec_fn=limited)
    assert_one_line(result.returncode, result.stderr, 2,
                    "/dev/zero is longer than 1,048,576 characters, more than an answers file holds")


def test_21_15_check_a_file_past_the_cap(tmp_path):
    answers = tmp_path / "answers.txt"
    answers.write_text("h_1 = 0.6457\n" + "#" * 2**20)
    status, stdout, stderr = cli("check", str(answers))
    assert_one_line(status, stderr, 2, "answers.txt is longer than 1,048,576 characters, more than an answers file holds")
    assert stdout == ""


def test_21_15_check_a_huge_answers_file_is_capped(tmp_path, monkeypatch):
    from backprop.cli import check as check_command

    monkeypatch.setattr(check_command, "MAX_CHARACTERS", 20)
    answers = tmp_path / "answers.txt"
    answers.write_text("h_1 = 0.6457\n")  # 13 characters: read
    assert cli("check", str(answers))[0] == 0
    answers.write_text("h_1 = 0.6457\nh_2 = 0.5125\n")  # 26: refused
    assert_one_line(*cli("check", str(answers))[::2], 2, "is longer than 20 characters")


# 5. quiz --output: refused before the first question, and the session is never lost.

@pytest.mark.parametrize("kind, message", [("folder", "is a folder"), ("link to a folder", "is a folder"),
                                           ("link loop", "is a symbolic link that leads back to itself"),
                                           ("empty", "--output '' is an empty file name")])
def test_21_05_quiz_output_refused_before_the_first_question(tmp_path, kind, message):
    (tmp_path / "folder").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "folder")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    path = {"folder": tmp_path / "folder", "link to a folder": tmp_path / "link", "link loop": tmp_path / "loop",
            "empty": ""}[kind]
    status, stdout, stderr = cli("quiz", "--seed", "1", "--output", str(path), stdin=io.StringIO("0.6\n"))
    assert_one_line(status, stderr, 2, message)
    assert stdout == ""  # no question was asked


def test_21_05_quiz_output_on_a_full_disk_keeps_the_session():
    status, stdout, stderr = cli("quiz", "--seed", "1", "--output", "/dev/full", stdin=io.StringIO("0.25\n"))
    assert status == 2
    lines = stderr.splitlines()
    assert lines[0] == "Practice problem 1: work one backpropagation step with a pencil."
    assert any(line.endswith("= ? 0.25") for line in lines)  # the learner's answer
    assert lines[-1] == ("python -m backprop quiz: error: /dev/full: cannot write it: No space left on device; "
                         "the session is printed above, on standard error")


def test_21_05_quiz_a_byte_that_is_not_utf8(tmp_path):
    reply = b"0.6\xff\n".decode("utf-8", "surrogateescape")  # what Python reads from such a terminal
    status, stdout, stderr = cli("quiz", "--seed", "1", "--output", str(tmp_path / "s.txt"), stdin=io.StringIO(reply))
    assert (status, stderr) == (0, "")
    assert "= ? 0.6\ufffd\n  please type a number" in (tmp_path / "s.txt").read_text(encoding="utf-8")


# 19. The training loop's callables and a custom activation's functions are checked before any step.

def _on_epoch(epoch, mean_E):
    pass


@pytest.mark.parametrize("value, arity, message", [
    (1, 2, "on_epoch must be a function of 2 arguments (epoch, mean_E), or None, not 1"),
    (lambda epoch: None, 2, "on_epoch must be a function of 2 arguments (epoch, mean_E), but <lambda> takes (epoch)"),
    (_on_epoch, 0, "on_epoch must be a function of 0 arguments (epoch, mean_E), but _on_epoch takes (epoch, mean_E)"),
    ("stop", 0, "on_epoch must be a function of 0 arguments (epoch, mean_E), or None, not 'stop'"),
])
def test_21_19_callbacks_checked_before_the_first_step(value, arity, message):
    from backprop.math import validate

    with pytest.raises(TypeError) as raised:
        validate.callback(value, "on_epoch", arity, "(epoch, mean_E)")
    assert str(raised.value).startswith(message)
    assert validate.callback(_on_epoch, "on_epoch", 2) is _on_epoch
    assert validate.callback(print, "on_epoch", 2) is print  # a builtin: taken on trust
    assert validate.callback(None, "stop", 0) is None


def test_21_19_activation_functions_checked_when_made():
    from backprop.math import validate

    with pytest.raises(TypeError, match=r"the activation 'x' needs phi \(Φ\) to be a function of one number, not None"):
        validate.activation_functions("x", None, None)
    with pytest.raises(TypeError, match=r"needs phi_prime \(Φ′\) to be a function of one number, not <function"):
        validate.activation_functions("x", abs, lambda a, b: 0.0)
    with pytest.raises(TypeError, match="an activation's name must be a str, not 3"):
        validate.activation_functions(3, abs, abs)
    validate.activation_functions("abs", abs, lambda z: 1.0, None)  # a fitting pair: no error
    for value in ("0.5", None, 1j):
        with pytest.raises(TypeError, match=f"the activation 'mine' gave Φ′\\(2.0\\) = {re_escape(repr(value))}; "
                                            "Φ and Φ′ must give a real number"):
            validate.activation_value(value, "mine", "Φ′", 2.0)
    assert validate.activation_value(3, "mine", "Φ", 2.0) == 3.0


def re_escape(text):
    import re

    return re.escape(text)


# 20. The picture helpers check their arguments like the rest of the library.

def _pictures():
    from backprop.pictures.boundary import boundary_svg
    from backprop.pictures.chart import line_chart
    from backprop.pictures.network_picture import network_svg
    from backprop.pictures.svg_plot import loss_curve

    return loss_curve, line_chart, network_svg, boundary_svg


@pytest.mark.parametrize("call, error, message", [
    (lambda p: p[0](None), TypeError, "losses must be a list of numbers, not None"),
    (lambda p: p[0]([1.0], title=3), TypeError, "title must be a str, not 3"),
    (lambda p: p[0]([1.0], log="yes"), TypeError, "log must be True or False, not 'yes'"),
    (lambda p: p[0]([1e308, -1e308]), ValueError, "losses run from -1e+308 to 1e+308, a span larger than a float"),
    (lambda p: p[1]([1.0], width="a"), TypeError, "width must be a whole number, not 'a'"),
    (lambda p: p[1]([1e308, -1e308]), ValueError, "values run from -1e+308 to 1e+308"),
    (lambda p: p[2](None), TypeError, "net must be a Network or a DeepNetwork, not None"),
    (lambda p: p[2](Network([[1.0]], [1.0]), digits=0), ValueError, "digits must be from 1 to 17, not 0"),
    (lambda p: p[3](None), TypeError, "net must be a Network or a DeepNetwork, not None"),
    (lambda p: p[3](Network([[1.0], [1.0]], [1.0]), [([1.0], 1.0)]), ValueError,
     "sample 1: x has 1 value but the network has 2 inputs"),
    (lambda p: p[3](Network([[1.0], [1.0]], [1.0]), title=3), TypeError, "title must be a str, not 3"),
    (lambda p: p[3](Network([[1.0], [1.0]], [1.0]), grid=0), ValueError, "grid must be from 1 to 1000, not 0"),
])
def test_21_20_picture_helpers_validate(call, error, message):
    with pytest.raises(error) as raised:
        call(_pictures())
    assert str(raised.value).startswith(message)


def test_21_20_losses_that_cannot_be_drawn_show_as_a_list():
    from backprop.pictures.losses import Losses

    assert Losses([0.5, "a"])._repr_svg_() is None and Losses([float("nan")])._repr_svg_() is None
    assert Losses([0.5, 0.25])._repr_svg_().startswith("<svg")


# 21. Markdown: a custom activation's name is escaped, as the HTML, SVG and LaTeX formats do.

def test_21_21_markdown_escapes_a_custom_activation_name():
    from backprop.trace.explain import explain
    from backprop.trace.formats import render

    def phi(z):
        return z

    phi.__name__ = "<script>alert(1)</script> \\input{secret} *b* [l](u)"
    net = Network([[1.0], [1.0]], [1.0], activation=(phi, lambda z: 1.0))
    first = render(explain(net, [1.0, 0.5], 1.0, 0.5), "markdown", 4).splitlines()[2]
    assert first == ("One step of backpropagation on the lecture's network: 2 inputs, 1 hidden neuron and 1 output; "
                     "the activation is \\<script\\>alert(1)\\</script\\> \\\\input\\{secret\\} \\*b\\* \\[l\\](u).")


# 18. sheet: the problems are drawn with a quick look first (the same problems, sooner), and a sheet
# is at most what is worked out in about a minute.

def test_21_18_sheet_quick_look_rejects_only_what_the_full_test_rejects():
    import random

    from backprop import DeepNetwork
    from backprop.classroom import problems
    from backprop.classroom.quantities import quantities

    rng, rejected = random.Random(21), 0
    for sizes, activation, bias in (([1, 2, 2, 1], "relu", True), ([2, 3, 1], "sigmoid", False)):
        for _ in range(40):
            W = [[[rng.choice(problems.ONE_DECIMAL) for _ in range(n_out)] for _ in range(n_in + bias)]
                 for n_in, n_out in zip(sizes, sizes[1:])]
            net, x = DeepNetwork(W, activation=activation, bias=bias), [rng.choice(problems.ONE_DECIMAL)] * sizes[0]
            full = all(abs(q.value) >= problems.SMALLEST for q in quantities(net, x, 1.0, 0.5))
            quick = problems._quick_look(net, x, 1.0, 0.5)
            assert quick or not full  # the quick look never rejects a problem the full test keeps
            rejected += not quick
    assert rejected > 0


def test_21_18_sheet_at_most_a_minutes_work(tmp_path, monkeypatch):
    from backprop.classroom import problems

    def no_work(*args):
        raise AssertionError("a problem was drawn before the refusal")

    monkeypatch.setattr(problems, "problem", no_work)
    monkeypatch.setattr(backprop.cli.sheet, "problem", no_work)
    status, stdout, stderr = cli("sheet", "--count", "200", "--layers", "1,4,4,4,1", "--bias", "--output", str(tmp_path))
    assert_one_line(status, stderr, 2, "--count 200 problems of 53 weights each is more than a sheet works out in about "
                                       "a minute (10,000 weights in all); give --count 188 or fewer")  # 10000 // 53
    assert stdout == "" and os.listdir(tmp_path) == []


# 16. A data file's samples are kept compactly, all the way into training, and the file is capped.

def test_21_16_data_file_memory_is_a_few_times_its_size(tmp_path):
    import tracemalloc

    from backprop.files import data_file

    path = tmp_path / "short.csv"
    path.write_text("x_1,d\n" + "0,1\n" * 25_000)  # the shortest rows: 2 numbers (16 bytes as floats) in 4 characters
    size = path.stat().st_size
    tracemalloc.start()
    try:
        columns, samples = data_file.read_samples(path)
        checked = Network.random(n_inputs=1, seed=0).check_samples(samples)  # what training reads
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # 16 bytes of floats per 4-character row is 4 times the file; a list of pairs took some 80 times
    assert peak < 10 * size, f"{peak:,} bytes at the peak for a file of {size:,}"
    assert len(checked) == 25_000 and checked[-1] == ([0.0], 1.0) and list(checked[:2]) == [([0.0], 1.0)] * 2


def test_21_16_training_on_a_sample_table_is_training_on_its_list():
    from array import array

    from backprop import train
    from backprop.math.sample_table import SampleTable

    numbers = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.5, 0.25, 1.0]  # x_1, x_2, d a row
    table = SampleTable(array("d", numbers), n_x=2)
    pairs = [(numbers[k:k + 2], numbers[k + 2]) for k in range(0, len(numbers), 3)]
    assert table == pairs and table[-1] == ([0.5, 0.25], 1.0)
    for unrolled in (False, True):  # shuffled by one seed, mini-batches, the lecture's code and the unrolled
        for batch_size in (1, 2):
            a, b = Network.random(bias=True, seed=3), Network.random(bias=True, seed=3)
            losses = train(a, table, alpha=0.5, epochs=4, seed=7, batch_size=batch_size, unrolled=unrolled)
            assert losses == train(b, pairs, alpha=0.5, epochs=4, seed=7, batch_size=batch_size, unrolled=unrolled)
            assert (a.W1, a.W2) == (b.W1, b.W2)
    assert table == pairs  # training shuffled a checked copy's order, not the table's
    with pytest.raises(ValueError, match="sample 1: x has 2 values but the network has 3 inputs"):
        Network.random(n_inputs=3, seed=0).check_samples(table)
    with pytest.raises(ValueError, match="finite"):
        SampleTable(array("d", [0.0, math.inf]), n_x=1)


def test_21_16_data_file_cap_is_stated_on_the_refusal(tmp_path, monkeypatch):
    from backprop.files import data_file

    assert data_file.MAX_CHARACTERS == 2**26  # 64 MiB, as docs/training.md says
    monkeypatch.setattr(data_file, "MAX_CHARACTERS", 100)
    path = tmp_path / "data.csv"
    path.write_text("x_1,d\n" + "0.5,1\n" * 20)  # 126 characters
    status, stdout, stderr = cli("train", "--data", str(path), "--epochs", "1")
    assert_one_line(status, stderr, 2, "longer than 100 characters, the most a data file may hold (its numbers take "
                                       "up to 4 times its size in memory, training on them up to 10 times)")


# 17. trace, check and quiz have limits they meet in seconds, said on the refusal, before any work.

def _no_work(*args, **kwargs):
    raise AssertionError("the step was worked before the refusal")


@pytest.mark.parametrize("argv, patched, message", [
    (["trace", "--layers", "1,200,200,1", "--seed", "1"], ("backprop.cli.trace", "explain"),
     "a 1-200-200-1 network has 40,400 weights, more than trace works out in seconds (10,000); add --no-size-limit"),
    (["check", "{answers}", "--layers", "1,100,100,1", "--seed", "1"], ("backprop.cli.check", "quantities"),
     "a 1-100-100-1 network has 10,200 weights, more than check works out in seconds (3,000); add --no-size-limit"),
    (["check", "{answers}", "--problem", "1-1", "--layers", "1,100,100,1"], ("backprop.cli.check", "problem"),
     "more than check works out in seconds (3,000); give the sheet's --layers"),
    (["quiz", "--layers", "1,100,100,1"], ("backprop.classroom.problems", "problem"),
     "a 1-100-100-1 network has 10,200 weights, more than the quiz works out in seconds (3,000); give smaller --layers"),
])
def test_21_17_trace_check_quiz_limits(tmp_path, monkeypatch, argv, patched, message):
    import importlib

    answers = tmp_path / "answers.txt"
    answers.write_text("h¹_1 = 0.5\n")
    monkeypatch.setattr(importlib.import_module(patched[0]), patched[1], _no_work)
    status, stdout, stderr = cli(*[word.format(answers=answers) for word in argv], stdin=io.StringIO(""))
    assert_one_line(status, stderr, 2, message)
    assert stdout == ""


class _Pieces(io.StringIO):
    """A standard output that keeps only the length of each piece written to it and their digest."""

    def __init__(self):
        super().__init__()
        import hashlib

        self.lengths, self.digest = [], hashlib.sha256()

    def write(self, text):
        self.lengths.append(len(text))
        self.digest.update(text.encode("utf-8"))
        return len(text)


@pytest.mark.parametrize("format", ["text", "markdown", "html", "latex"])
def test_21_17_trace_streams_every_format_but_json(tmp_path, format):
    import hashlib
    import tracemalloc

    from backprop import DeepNetwork, explain
    from backprop.trace import formats

    argv = ["trace", "--layers", "1,15,15,1", "--seed", "1", "--format", format]  # 255 weights
    assert cli("trace", "--format", format)[0] == 0  # the modules loaded before the measure
    out = _Pieces()
    tracemalloc.start()
    try:
        status, _, stderr = cli(*argv, stdout=out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (status, stderr) == (0, "")
    assert cli(*argv, "--output", str(tmp_path / "step.txt"))[0] == 0
    text = (tmp_path / "step.txt").read_text(encoding="utf-8")
    assert hashlib.sha256(text.encode("utf-8")).digest() == out.digest.digest()  # the same, to a file
    # a line at a time: every piece one line, none the whole text; the whole text held as lines took
    # 19 to 22 times its length in bytes, a line at a time takes 4 to 5 (mostly the record of the step)
    # (a piece of the HTML's style sheet or of LaTeX's \intertext holds a few lines)
    assert len(out.lengths) > 500 and max(out.lengths) < len(text) / 50
    if format in ("text", "markdown"):
        assert len(out.lengths) == text.count("\n")
    assert peak < 8 * len(text), f"{peak:,} bytes at the peak for {len(text):,} characters"
    record = explain(DeepNetwork.random([1, 15, 15, 1], seed=1), [1.0], [1.0], 0.5)
    assert "".join(formats.lines(record, format)) == formats.render(record, format)


def test_21_17_trace_lines_are_made_as_they_are_read(monkeypatch):
    from backprop.trace import formats, worked
    from backprop.trace import lecture_example as example
    from backprop.trace.explain import explain

    record = explain(example.network(), example.x, example.d, example.alpha)
    monkeypatch.setattr(worked, "update_line", _no_work)  # the update's lines come last
    for format in formats.STREAMED:
        lines = formats.lines(record, format)
        assert next(lines).startswith(("One step", "# One backpropagation step", "% One backpropagation step",
                                       "<!DOCTYPE html>"))  # before the update's lines
        with pytest.raises(AssertionError, match="worked before"):
            list(lines)
    with pytest.raises(ValueError, match="unknown format"):
        formats.lines(record, "pdf")  # at once, not when the first line is read


def test_21_17_a_failed_stream_writes_no_file(tmp_path):
    path = tmp_path / "step.txt"
    path.write_text("the old step\n")

    def pieces():
        yield "h_1 = 0.6\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_file.write_text(path, pieces())
    assert files_in(tmp_path) == {"step.txt": b"the old step\n"}


def test_21_19_train_checks_its_callbacks_before_the_first_step():
    from backprop import Network, train

    net = Network.random(seed=0)
    before = (repr(net.W1), repr(net.W2))
    for options in ({"on_epoch": 1}, {"on_epoch": lambda epoch: None}, {"stop": lambda now: True}):
        with pytest.raises(TypeError, match="must be a function of"):
            train(net, [([0.0, 1.0], 1.0)], 0.5, 3, **options)
        assert (repr(net.W1), repr(net.W2)) == before


def test_21_19_an_activation_with_a_part_missing_is_refused_when_a_network_is_made():
    from backprop import Activation, Network

    with pytest.raises(TypeError, match=r"needs phi \(Φ\) to be a function of one number, not None"):
        Network.random(activation=Activation("x", None, None))


def test_21_06_an_own_activation_named_like_a_built_in_is_not_saved_as_it(tmp_path):
    # the library's own sigmoid is never claimed for a person's function that is merely named sigmoid
    from backprop import Network

    def sigmoid(z):
        return 2.0 * z

    def sigmoid_prime(z):
        return 2.0

    net = Network.random(activation=(sigmoid, sigmoid_prime), seed=0)
    assert net.activation == "own sigmoid"
    with pytest.raises(ValueError, match="custom activation 'own sigmoid'"):
        net.save(tmp_path / "w.json")
    assert not (tmp_path / "w.json").exists()


@pytest.mark.parametrize("unrolled", [False, True])
def test_21_11_errors_that_add_up_past_a_float_are_no_traceback(unrolled):
    # each E = ½(1.8e154 − y)² is about 1.6e308, finite, and two of them add up past the largest float:
    # epoch 1's mean E is still a float (½(E_1 + E_2) ≈ 1.47e308), and epoch 2 diverges as α makes it
    from backprop import DivergenceError, Network, train

    net = Network([[1.0], [1.0]], [1.0], activation="identity")
    with pytest.raises(DivergenceError) as raised:
        train(net, [([1.0, 0.0], 1.8e154), ([0.0, 1.0], 1.8e154)], 0.1, 2, unrolled=unrolled)
    assert raised.value.epoch == 2
    assert len(raised.value.losses) == 1 and 1.4e308 < raised.value.losses[0] < 1.5e308
    assert all(map(math.isfinite, net.W1[0] + net.W1[1] + net.W2))


def test_21_19_an_own_activation_that_gives_no_number_is_named():
    from backprop import Network, sgd_step

    def half(z):
        return "0.5"  # a str, not a number

    net = Network([[0.5], [0.25]], [1.0], activation=(half, lambda z: 0.0))
    before = (repr(net.W1), repr(net.W2))
    with pytest.raises(TypeError, match=r"the activation 'half' gave Φ\(.*\) = '0.5'; Φ and Φ′ must give a real number"):
        sgd_step(net, [1.0, 2.0], 1.0, 0.1)
    assert (repr(net.W1), repr(net.W2)) == before


@pytest.mark.parametrize("format", ["html", "latex"])
def test_21_17_a_network_too_wide_to_draw_is_worked_without_its_diagram(tmp_path, format):
    # 13 neurons a layer, one past what a diagram is drawn for: the page says so and holds every worked line
    path = tmp_path / f"step.{format}"
    status, _, stderr = cli("trace", "--layers", "1,13,1", "--seed", "1", "--format", format, "--output", str(path))
    assert status == 0, stderr
    page = path.read_text(encoding="utf-8")
    assert "The network is not drawn: it has a layer of 13 neurons" in page
    assert "<svg" not in page and "\\begin{picture}" not in page
    # 12 a layer is still drawn
    status, _, stderr = cli("trace", "--layers", "1,12,1", "--seed", "1", "--format", format, "--output", str(path))
    assert status == 0, stderr
    assert "not drawn" not in path.read_text(encoding="utf-8")
