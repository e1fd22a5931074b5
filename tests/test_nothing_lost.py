"""Issue 9, "Nothing lost": each numbered case of the attack on the command line and the library.

The promise: a clear one-line message, exit status 2 (130 for Ctrl-C), no traceback, nothing lost.
Most cases run ``backprop.cli.main`` in this process (fast); signals sent to this process go to the
handlers the command installs while it runs.
"""

import io
import json
import os
import signal
import stat
import subprocess
import sys
from fractions import Fraction

import pytest

import backprop.cli
from backprop import DeepNetwork, Network, deep, sgd_step, train
from backprop.cli import train as train_command
from backprop.files import atomic_file, data_file, weights_file
from conftest import ROOT, ctrl_c_as_usual, run_process

WEIGHTS = {"format": "backprop-weights", "version": 1, "activation": "identity", "bias": False,
           "W1": [[1.0], [1.0]], "W2": [2.0]}  # y = 2·(x_1 + x_2)


def cli(*argv):
    """Run the command line in this process; return (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        status = backprop.cli.main(list(argv))
    except SystemExit as exit:  # argparse's own errors and --help
        status = exit.code
    finally:
        sys.stdout, sys.stderr = saved
    return status, out.getvalue(), err.getvalue()


def assert_one_line(status, stderr, expected_status=2, message=""):
    assert status == expected_status, stderr
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert message in stderr


def weights_file_at(tmp_path, data=WEIGHTS, name="w.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


# 1. Ctrl-C while the summary prints or --save writes: the weights are still saved.

def _sigint_then(function):
    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # the handler runs before the next line
        return function(*args, **kwargs)
    return interrupted


def test_ctrl_c_during_the_summary_still_saves(tmp_path, monkeypatch):
    monkeypatch.setattr(train_command, "print_summary", _sigint_then(train_command.print_summary))
    status, stdout, stderr = cli("train", "--seed", "0", "--epochs", "5", "--save", str(tmp_path / "w.json"))
    assert status == 130
    assert Network.load(tmp_path / "w.json").n_hidden == 3
    assert "Saved the weights to" in stdout
    assert stderr == "Stopped by Ctrl-C after 5 complete epochs of 5.\n"


def test_ctrl_c_during_the_save_still_saves_all_of_it(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic_file.os, "fsync", _sigint_then(os.fsync))
    status, stdout, stderr = cli("train", "--seed", "0", "--epochs", "5", "--save", str(tmp_path / "w.json"))
    assert status == 130
    assert Network.load(tmp_path / "w.json").n_hidden == 3
    assert os.listdir(tmp_path) == ["w.json"]


# 2. A reader that goes away (… | head -1) does not cost the saved weights.

def test_a_closed_stdout_during_the_summary_still_saves(tmp_path, monkeypatch):
    def closed(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(train_command, "print_summary", closed)
    status, stdout, stderr = cli("train", "--seed", "0", "--epochs", "5", "--save", str(tmp_path / "w.json"))
    assert (status, stderr) == (1, "")
    assert Network.load(tmp_path / "w.json").n_hidden == 3


def test_head_of_the_training_output_still_saves(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "backprop", "train", "--epochs", "300", "--save", "w.json"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": ROOT})
    process.stdout.readline()  # head -1: the first line, then the reader is gone
    process.stdout.close()
    stderr = process.stderr.read()
    process.wait(timeout=60)
    assert stderr == b""
    assert Network.load(tmp_path / "w.json").n_hidden == 3


# 3. A device or a link is written through, never replaced.

def test_a_symbolic_link_stays_a_link(tmp_path):
    target, link = tmp_path / "real.json", tmp_path / "link.json"
    target.write_text("old")
    link.symlink_to(target)
    Network([[1.0], [2.0]], [3.0]).save(link)
    assert link.is_symlink() and Network.load(target).W2 == [3.0]
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "made.txt")
    atomic_file.write_text(dangling, "E\n")
    assert dangling.is_symlink() and (tmp_path / "made.txt").read_text() == "E\n"


def test_dev_null_stays_a_device():
    status, stdout, stderr = cli("trace", "--output", "/dev/null")
    assert (status, stderr) == (0, "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    Network([[1.0], [2.0]], [3.0]).save("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_stdout_is_written_through(tmp_path):
    result = run_process("-m", "backprop", "trace", "--format", "json", "--output", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.rsplit("wrote", 1)[0])["E"] > 0
    assert os.path.islink("/dev/stdout")


# 4. A folder that cannot be written is found before training, not after.

def _unwritable_folder(tmp_path):
    if os.geteuid() == 0:  # root writes anywhere a permission would stop others; /sys refuses even root
        return "/sys"
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    return str(folder)


def test_an_unwritable_save_folder_is_refused_before_training(tmp_path):
    folder = _unwritable_folder(tmp_path)
    status, stdout, stderr = cli("train", "--epochs", "1000000", "--save", os.path.join(folder, "w.json"))
    assert_one_line(status, stderr, 2, f"cannot create a temporary file in its folder {folder}")
    assert stdout == ""  # no "Training a …" line: nothing was trained


# 5. SIGTERM leaves no temporary file.

def test_sigterm_during_a_save_leaves_no_temporary_file(tmp_path):
    child = (
        "import os, signal, sys\n"
        "real_fsync = os.fsync\n"
        "def fsync(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real_fsync(fd)\n"
        "os.fsync = fsync\n"
        "from backprop.cli import main\n"
        f"sys.exit(main(['train', '--epochs', '2', '--save', {str(tmp_path / 'w.json')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 143
    assert result.stderr == "python -m backprop train: stopped by SIGTERM\n"
    assert os.listdir(tmp_path) == []


# 6. Deeply nested JSON is a broken weights file, not a RecursionError.

@pytest.mark.parametrize("argv", [["predict", "{w}", "0", "1"], ["trace", "--weights", "{w}"],
                                  ["train", "--weights", "{w}", "--epochs", "1"]])
def test_deeply_nested_json_is_one_line(tmp_path, argv):
    path = tmp_path / "w.json"
    path.write_text("[" * 100000)
    status, _, stderr = cli(*[word.format(w=path) for word in argv])
    assert_one_line(status, stderr, 2, "not a weights file, its JSON is nested too deeply")
    with pytest.raises(ValueError, match="nested too deeply"):
        Network.load(path)


# 7. Integers too large for a float are a ValueError naming the value.

BIG = 10**400
BIG_SHOWN = "(an integer of 401 digits)"


@pytest.mark.parametrize("make", [
    lambda: Network([[BIG, 0, 0], [0, 0, 0]], [1, 1, 1]),
    lambda: Network([[1], [1]], [1]).predict([BIG, 1]),
    lambda: sgd_step(Network([[1], [1]], [1]), [1, 1], d=Fraction(BIG), alpha=0.1),
    lambda: train(Network([[1], [1]], [1]), [([1, 1], 1)], alpha=BIG, epochs=1),
    lambda: DeepNetwork([[[BIG]], [[1]]]),
    lambda: DeepNetwork([[[1]], [[1]]]).predict([BIG]),
    lambda: deep.sgd_step(DeepNetwork([[[1]], [[1]]]), [1], d=Fraction(BIG), alpha=0.1),
    lambda: deep.train(DeepNetwork([[[1]], [[1]]]), [([1], 1)], alpha=BIG, epochs=1),
])
def test_an_integer_too_large_for_a_float_is_a_value_error(make):
    with pytest.raises(ValueError, match=r"must be a finite number, not (Fraction\()?1000000000000000000\d*…0+"
                                         r"(, 1\) \(414 characters\)| \(an integer of 401 digits\))"):
        make()


def test_a_huge_integer_in_a_weights_file_is_one_line(tmp_path):
    path = weights_file_at(tmp_path, {**WEIGHTS, "W2": [BIG]})
    status, _, stderr = cli("predict", str(path), "0", "1")
    assert_one_line(status, stderr, 2, BIG_SHOWN)


# 8. --option=-- is refused the same way on every Python.

@pytest.mark.parametrize("argv", [
    ["train", "--seed", "1", "--layers=--"], ["trace", "--digits=--"], ["trace", "--hidden=--"],
    ["trace", "--seed=--"], ["trace", "--activation=--"], ["train", "--dataset=--"],
    ["predict", "w.json", "--data=--"],
])
def test_a_double_dash_as_a_value_is_one_line(argv):
    status, _, stderr = cli(*argv)
    option = next(word for word in argv if word.endswith("=--"))[:-3]
    assert_one_line(status, stderr, 2, f"{option}=-- gives {option} the value '--', which is not one")


# 9. Ctrl-C before main's try block: one line, no traceback.

def test_ctrl_c_while_the_parser_is_built_is_one_line(monkeypatch):
    def interrupted(command=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(backprop.cli, "build_parser", interrupted)
    status, _, stderr = cli("trace")
    assert (status, stderr) == (130, "python -m backprop trace: stopped by Ctrl-C\n")


@pytest.mark.parametrize("module", ["backprop.activations", "backprop.cli"])
def test_ctrl_c_while_python_m_backprop_loads_is_one_line(module):
    # a Ctrl-C that arrives while `python -m backprop` imports `module`, as runpy runs it
    child = (
        "import runpy, sys\n"
        "class CtrlC:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name == {module!r}:\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "sys.argv = ['-m']\n"
        "runpy._run_module_as_main('backprop')\n"
    )
    result = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            preexec_fn=ctrl_c_as_usual)
    assert result.returncode in (130, -signal.SIGINT)  # -2: Python ends itself by SIGINT; a shell shows 130
    assert result.stderr == "python -m backprop: stopped by Ctrl-C\n"


# 10. A path is a file name: no reading standard input, no closing stdout.

@pytest.mark.parametrize("load", [Network.load, DeepNetwork.load, weights_file.load, data_file.read_table])
@pytest.mark.parametrize("path", [0, 1, True])
def test_a_number_is_not_a_path(load, path):
    with pytest.raises(TypeError, match=r"must be a file name \(a str or os.PathLike\)"):
        load(path)
    assert not sys.stdout.closed


# 11. Sizes past a documented limit are refused before anything is allocated, unless asked for.

def test_random_networks_are_limited_to_a_million_weights():
    with pytest.raises(ValueError, match=r"2,000,002 weights, more than the limit of 1,000,000.*max_weights=None"):
        Network.random(1, 1_000_001)  # W1: 1 × 1,000,001, W2: 1,000,001
    with pytest.raises(ValueError, match=r"1,003,001 weights, more than the limit of 1,000,000"):
        DeepNetwork.random([1, 1001, 1000, 1])  # 1·1001 + 1001·1000 + 1000·1
    assert Network.random(1, 3, max_weights=6).n_hidden == 3
    assert DeepNetwork.random([1, 1001, 1000, 1], max_weights=None).layers == [1, 1001, 1000, 1]


@pytest.mark.parametrize("argv, message", [
    (["trace", "--seed", "1", "--hidden", "100000000"], "300,000,000 weights, more than the limit of 1,000,000"),
    (["trace", "--seed", "1", "--layers", "1,100000,100000,1"], "more than the limit of 1,000,000"),
    (["train", "--epochs", "1000000000000"], "--epochs 1000000000000 is more than the limit of 1,000,000"),
])
def test_the_command_line_names_the_limit_and_the_way_past_it(argv, message):
    status, stdout, stderr = cli(*argv)
    assert_one_line(status, stderr, 2, message)
    assert "add --no-size-limit to go past it" in stderr and stdout == ""


def test_no_size_limit_goes_past_it():
    status, stdout, _ = cli("trace", "--seed", "1", "--hidden", "2", "--no-size-limit")
    assert status == 0 and "h′_2" in stdout


# 12. /dev/zero as a file: a capped read, one line.

@pytest.mark.parametrize("argv, message", [
    (["predict", "/dev/zero", "0", "1"], "/dev/zero: larger than 64 MB"),
    (["train", "--data", "/dev/zero"], "/dev/zero, line 1: longer than 1,048,576 characters"),
])
def test_an_endless_file_is_refused(argv, message):
    status, _, stderr = cli(*argv)
    assert_one_line(status, stderr, 2, message)


def test_a_data_file_is_capped_in_characters(tmp_path, monkeypatch):
    monkeypatch.setattr(data_file, "MAX_CHARACTERS", 100)
    path = tmp_path / "data.csv"
    path.write_text("x_1,d\n" + "0.5,1\n" * 20)  # 126 characters
    with pytest.raises(ValueError, match="longer than 100 characters, the most a data file may hold"):
        data_file.read_table(path)


# 13. predict --data streams: a row's y is out before the next row is read.

def test_predict_writes_each_row_as_it_reads_it(tmp_path, capsys):
    weights = weights_file_at(tmp_path)
    data = tmp_path / "points.csv"
    data.write_text("x_1,x_2\n1,2\n0.5,0.25\n1,oops\n")
    with data_file.open_table(data) as (columns, rows):
        assert (columns, next(rows)) == (["x_1", "x_2"], [1.0, 2.0])  # before line 4 is read
    status, stdout, stderr = cli("predict", str(weights), "--data", str(data))
    assert stdout == "x_1,x_2,y\n1.0,2.0,6.0\n0.5,0.25,1.5\n"  # y = 2·(x_1 + x_2), before the bad row
    assert_one_line(status, stderr, 2, "line 4, column 2 (x_2): 'oops' is not a number")


# 14. Long values are shortened; file names are printed on one line.

def test_a_long_value_is_shortened(tmp_path):
    status, _, stderr = cli("trace", "--W1", "0.5," * 100000 + "oops", "--W2", "1")
    assert_one_line(status, stderr, 2, "'oops' is not a number")
    status, _, stderr = cli("trace", "--activation", "x" * 100000)
    assert_one_line(status, stderr, 2, "invalid choice")
    assert len(stderr) < 500
    with pytest.raises(TypeError) as caught:
        Network([["0.5" * 1000000]], [1.0])
    assert len(str(caught.value)) < 200


def test_a_file_name_with_a_line_break_is_one_line(tmp_path):
    for argv in (["trace", "--weights", "no\nsuch.json"], ["predict", "no\nsuch.json", "1", "2"],
                 ["train", "--data", "no\nsuch.csv"]):
        status, _, stderr = cli(*argv)
        assert_one_line(status, stderr, 2, "no\\nsuch.")


# 15. What could not be written, and why.

def test_a_folder_without_room_for_the_temporary_file_says_so(tmp_path):
    folder = _unwritable_folder(tmp_path)
    status, _, stderr = cli("trace", "--output", os.path.join(folder, "step.txt"))
    assert_one_line(status, stderr, 2, f"cannot create a temporary file in its folder {folder}: ")


def test_a_full_device_says_what_could_not_be_written(run):
    status, _, stderr = cli("trace", "--output", "/dev/full")
    assert_one_line(status, stderr, 2, "/dev/full: cannot write it: No space left on device")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "backprop"], cwd=ROOT, stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    assert_one_line(result.returncode, result.stderr, 2, "cannot write to standard output: No space left on device")


# 16. Weights too large for a float are not blamed on α.

def test_typed_weights_too_large_are_not_blamed_on_alpha():
    status, _, stderr = cli("trace", "--W1", "1.7e308,1.7e308,1.7e308; 1.7e308,1.7e308,1.7e308",
                            "--W2", "1.7e308,1,1")
    assert_one_line(status, stderr, 2, "the weights and the input are too large for a float")
    assert "smaller alpha" not in stderr


# 17. predict: no inf or nan, a quoted header, no row skipped in silence.

def test_predict_refuses_an_infinite_y(tmp_path):
    weights = weights_file_at(tmp_path, {**WEIGHTS, "W2": [1e308]})
    status, stdout, stderr = cli("predict", str(weights), "1", "1")  # y = 1e308·2 overflows
    assert_one_line(status, stderr, 2, "y is inf for x = [1.0, 1.0]")
    assert stdout == ""


def test_predict_quotes_a_column_name_with_a_comma(tmp_path):
    weights = weights_file_at(tmp_path)
    data = tmp_path / "points.csv"
    data.write_text('"a,b",c\n1,2\n')
    status, stdout, stderr = cli("predict", str(weights), "--data", str(data))
    assert (status, stderr) == (0, "")
    assert stdout == '"a,b",c,y\n1.0,2.0,6.0\n'


def test_a_row_of_empty_values_is_a_missing_value(tmp_path):
    weights = weights_file_at(tmp_path)
    data = tmp_path / "points.csv"
    data.write_text("x_1,x_2\n1,2\n,\n\n")  # line 3 has two empty values; line 4 is blank (skipped)
    status, _, stderr = cli("predict", str(weights), "--data", str(data))
    assert_one_line(status, stderr, 2, "line 3, column 1 (x_1): the value is missing")


# 18. Words in the singular for one.

def test_one_sample_and_one_epoch_are_singular(tmp_path):
    data = tmp_path / "one.csv"
    data.write_text("x_1,d\n1,0\n")
    status, stdout, _ = cli("train", "--data", str(data), "--epochs", "1", "--seed", "0")
    assert status == 0
    assert "(1 sample): α = 0.5, 1 epoch, batch size 1" in stdout
