"""``python -m backprop train``: its output, files and exit status (run in this process, see
conftest.run_in_process); Ctrl-C and a terminal, in a real process."""

import math
import os
import re
import subprocess
import sys

import pytest

from backprop import DivergenceError, Network, train
from conftest import ROOT, assert_usage_error, train_then_ctrl_c
from test_svg_plot import read_curve

XOR = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]  # the truth table


def predictions(stdout):
    """The rows of the printed predictions table, as lists of numbers."""
    table = stdout.split("Predictions")[1].strip().splitlines()[1:]
    return [[float(cell) for cell in line.split()] for line in table if line.strip()[:1] in "-0123456789"]


def test_the_xor_command_learns_xor(run):
    result = run("-m", "backprop", "train", "--dataset", "xor", "--bias", "--seed", "0")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # not a terminal: no progress line
    final = float(re.search(r"Mean E: \S+ in epoch 1, (\S+) in epoch 1000\n", result.stdout).group(1))
    assert final < 0.01
    rows = predictions(result.stdout)
    assert [row[:3] for row in rows] == [x + [d] for x, d in XOR]
    # E = ½(d − y)², from the printed y (4 decimals), averaged over the four samples
    assert sum(0.5 * (d - y) ** 2 for x_1, x_2, d, y in rows) / 4 < 0.01
    assert "Mean E per epoch" in result.stdout and "┤" in result.stdout
    assert "W¹_11 = " in result.stdout and "W¹_33 = " in result.stdout and "W²_4 = " in result.stdout


def test_the_same_seed_gives_the_same_curve(run, tmp_path):
    args = ["-m", "backprop", "train", "--bias", "--shuffle", "--epochs", "60", "--seed"]
    first = run(*args, "3", "--plot", str(tmp_path / "a.svg"))
    second = run(*args, "3", "--plot", str(tmp_path / "b.svg"))
    other = run(*args, "4", "--plot", str(tmp_path / "c.svg"))
    assert first.returncode == second.returncode == other.returncode == 0
    assert (tmp_path / "a.svg").read_text() == (tmp_path / "b.svg").read_text()
    assert first.stdout.replace("a.svg", "b.svg") == second.stdout
    assert (tmp_path / "a.svg").read_text() != (tmp_path / "c.svg").read_text()


@pytest.mark.parametrize("log", [False, True])
def test_the_plot_holds_the_curve_of_the_training(run, tmp_path, log):
    plot = tmp_path / "loss.svg"
    result = run("-m", "backprop", "train", "--bias", "--seed", "0", "--epochs", "200", "--plot", str(plot),
                 *(["--log"] if log else []))
    assert result.returncode == 0, result.stderr
    assert f"Wrote the loss curve to {plot}" in result.stdout
    expected = train(Network.random(bias=True, seed=0), XOR, alpha=0.5, epochs=200)  # the library's own run
    points, _ = read_curve(plot.read_text(), log=log)
    assert [epoch for epoch, E in points] == pytest.approx(range(1, 201), abs=0.01)
    if log:
        assert [E for epoch, E in points] == pytest.approx(expected, rel=1e-2)
    else:
        assert [E for epoch, E in points] == pytest.approx(expected, abs=1e-4)
    assert [name for name in os.listdir(tmp_path)] == ["loss.svg"]  # no temporary file left


def test_save_load_predict_gives_identical_numbers(run, tmp_path):
    weights, data = tmp_path / "w.json", tmp_path / "inputs.csv"
    result = run("-m", "backprop", "train", "--bias", "--seed", "0", "--epochs", "300", "--save", str(weights))
    assert result.returncode == 0, result.stderr
    assert f"Saved the weights to {weights}" in result.stdout
    in_process = Network.random(bias=True, seed=0)
    train(in_process, XOR, alpha=0.5, epochs=300)
    loaded = Network.load(weights)
    assert (loaded.W1, loaded.W2, loaded.activation, loaded.bias) == (in_process.W1, in_process.W2, "sigmoid", True)

    one = run("-m", "backprop", "predict", str(weights), "0", "1")
    assert one.returncode == 0, one.stderr
    assert float(one.stdout) == in_process.predict([0.0, 1.0])

    data.write_text("x_1,x_2\n0,0\n1,0\n-0.5,2.25\n")
    every = run("-m", "backprop", "predict", str(weights), "--data", str(data))
    assert every.returncode == 0, every.stderr
    lines = every.stdout.splitlines()
    assert lines[0] == "x_1,x_2,y"
    rows = [[float(v) for v in line.split(",")] for line in lines[1:]]
    assert rows == [x + [in_process.predict(x)] for x in ([0.0, 0.0], [1.0, 0.0], [-0.5, 2.25])]


def test_training_on_a_csv_file(run, tmp_path):
    data = tmp_path / "and.csv"
    data.write_text("a,b,a_and_b\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n")
    result = run("-m", "backprop", "train", "--data", str(data), "--bias", "--seed", "1", "--epochs", "2000")
    assert result.returncode == 0, result.stderr
    assert f"on {data} (4 samples)" in result.stdout
    assert "  a  b  a_and_b" in result.stdout
    for a, b, d, y in predictions(result.stdout):
        assert d == (a == b == 1) and abs(y - d) < 0.1


def test_a_large_data_set_shows_the_first_ten_predictions(run):
    result = run("-m", "backprop", "train", "--dataset", "sine", "--epochs", "2", "--seed", "0")
    assert result.returncode == 0, result.stderr
    assert "Predictions (the first 10 of 49 samples)" in result.stdout
    rows = predictions(result.stdout)
    assert len(rows) == 10
    assert rows[0][:3] == [-3.0, -1.0, pytest.approx(0.14112, abs=1e-5)]  # sin(3) = 0.14112…


def test_list_datasets_names_one_a_line(run):
    result = run("-m", "backprop", "train", "--list-datasets")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["and", "circle", "digits", "gaussians", "or", "sine", "spiral", "xor"]


def test_divergence_stops_with_status_1_and_saves_the_last_finite_weights(run, tmp_path):
    weights = tmp_path / "w.json"
    result = run("-m", "backprop", "train", "--bias", "--seed", "0", "--alpha", "10", "--save", str(weights))
    in_process = Network.random(bias=True, seed=0)
    with pytest.raises(DivergenceError) as caught:
        train(in_process, XOR, alpha=10.0, epochs=1000)
    assert result.returncode == 1
    assert f"training diverged in epoch {caught.value.epoch}:" in result.stderr
    assert "try an alpha smaller than 10 (for example --alpha 1)" in result.stderr
    assert "Traceback" not in result.stderr
    assert f"Saved the last finite weights, from before it diverged, to {weights}" in result.stdout
    saved = Network.load(weights)
    assert all(math.isfinite(w) for w in saved.W2 + [w for row in saved.W1 for w in row])
    assert (saved.W1, saved.W2) == (in_process.W1, in_process.W2)
    assert f"in epoch {caught.value.epoch - 1}\n" in result.stdout  # the summary of the epochs before


def test_ctrl_c_stops_after_the_current_step_and_saves(tmp_path):
    weights = tmp_path / "w.json"
    status, stdout, stderr = train_then_ctrl_c("--save", str(weights))
    assert status == 130, stderr
    epochs = int(re.fullmatch(r"Stopped by Ctrl-C after (\d+) complete epochs? of 100000000\.\n", stderr).group(1))
    assert 1 <= epochs < 100000000
    assert f"in epoch {epochs}\n" in stdout and "Predictions" in stdout
    saved = Network.load(weights)
    # the printed weights are the saved ones
    assert f"W¹_11 = {saved.W1[0][0]: .6g}" in stdout and f"W²_4 = {saved.W2[3]: .6g}" in stdout
    assert f"Saved the weights to {weights}" in stdout


def test_the_progress_line_is_drawn_only_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty")  # a pseudo-terminal stands in for a person's terminal
    for quiet in (False, True):
        leader, follower = pty.openpty()
        process = subprocess.Popen(
            [sys.executable, "-m", "backprop", "train", "--epochs", "3000", *(["--quiet"] if quiet else [])],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, text=True,
        )
        os.close(follower)
        terminal = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            terminal += chunk
        stdout, _ = process.communicate(timeout=60)
        os.close(leader)
        assert process.returncode == 0
        assert "\r" not in stdout and "steps/s" not in stdout
        if quiet:
            assert terminal == b""
        else:
            assert re.search(rb"\repoch \d+/3000   mean E \S+   [\d,]+ steps/s", terminal)
            assert b"epoch 3000/3000" in terminal  # the last epoch is always shown
            assert terminal.endswith(b"\r")  # and the line is wiped at the end


@pytest.mark.parametrize(
    "args, message",
    [
        (["--alpha", "0"], "--alpha must be a positive number"),
        (["--alpha", "nan"], "--alpha must be a finite number"),
        (["--epochs", "0"], "--epochs must be at least 1, not 0"),
        (["--batch-size", "0"], "--batch-size must be at least 1"),
        (["--hidden", "0", "--seed", "1"], "--hidden must be at least 1"),
        (["--dataset", "nand"], "invalid choice: 'nand'"),
        (["--dataset", "xor", "--data", "x.csv"], "not allowed with argument"),
        (["--data", "no/such.csv"], "no/such.csv: No such file or directory"),
        (["--save", "no/such/folder/w.json"], "there is no folder 'no/such/folder'"),
        (["--plot", "no/such/folder/loss.svg"], "there is no folder 'no/such/folder'"),
        (["--save", "tests"], "tests: is a folder; give a file name, like tests/w.json"),  # not found after training
        (["--plot", "tests"], "tests: is a folder; give a file name, like tests/loss.svg"),
    ],
)
def test_bad_options_are_one_line_and_status_2(run, args, message):
    result = run("-m", "backprop", "train", *args)
    assert_usage_error(result, message)
    assert result.stdout == ""  # refused before any training


@pytest.mark.parametrize(
    "text, message",
    [
        ("x_1,x_2,d\n0,1,1\n1,,0\n", "line 3, column 2 (x_2): the value is missing"),
        ("x_1,x_2,d\n0,1,1\n1,one,0\n", "line 3, column 2 (x_2): 'one' is not a number"),
        ("x_1,x_2,d\n0,1,1\n1,0\n0,0,0\n", "line 3: the row has 2 values but the header names 3 columns"),
        ("x_1,x_2,d\n", "no rows of numbers below the header"),
    ],
)
def test_a_bad_csv_file_trains_nothing(run, tmp_path, text, message):
    data = tmp_path / "data.csv"
    data.write_text(text)
    result = run("-m", "backprop", "train", "--data", str(data), "--save", str(tmp_path / "w.json"))
    assert result.returncode == 2
    assert f"{data}, {message}" in result.stderr or f"{data}: {message}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == "" and not (tmp_path / "w.json").exists()


BROKEN_WEIGHTS = {
    "truncated": '{"format": "backprop-weights", "version": 1, "activation": "sigm',
    "empty": "",
    "foreign": '{"name": "resnet50", "layers": 50}',
    "wrong shape": '{"format": "backprop-weights", "version": 1, "activation": "sigmoid", "bias": false, '
                   '"W1": [[1.0, 2.0], [3.0, 4.0]], "W2": [1.0]}',
}


@pytest.mark.parametrize(
    "kind, command",
    [(kind, ["predict", "{w}", "0", "1"]) for kind in sorted(BROKEN_WEIGHTS)]
    + [("truncated", ["train", "--weights", "{w}"]), ("truncated", ["predict", "{w}", "--data", "x.csv"])],
)
def test_a_broken_weights_file_is_one_line_and_status_2(run, tmp_path, kind, command):
    weights = tmp_path / "w.json"
    weights.write_text(BROKEN_WEIGHTS[kind])
    result = run("-m", "backprop", *[arg.format(w=weights) for arg in command])
    assert_usage_error(result, str(weights))
    assert weights.read_text() == BROKEN_WEIGHTS[kind]  # left as it was


def test_the_docs_show_a_real_session(run, tmp_path):
    readme = open(os.path.join(ROOT, "docs", "training.md"), encoding="utf-8").read()
    command = "python -m backprop train --dataset xor --bias --seed 0 --save xor.json --plot loss.svg"
    session = readme.split(f"    $ {command}\n")[1].split("\nFor a data set of two classes")[0]  # the indented output
    result = run(*command.split()[1:], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = "\n".join(line[4:] for line in session.rstrip("\n").splitlines())
    assert shown == result.stdout.rstrip("\n")  # the same on every Python


def test_trace_reads_the_saved_weights(run, tmp_path):
    weights = tmp_path / "w.json"
    assert run("-m", "backprop", "train", "--bias", "--seed", "0", "--epochs", "50", "--save", str(weights)).returncode == 0
    W1 = Network.load(weights).W1
    result = run("-m", "backprop", "trace", "--weights", str(weights), "--x", "0,1", "--d", "1", "--digits", "6")
    assert result.returncode == 0, result.stderr
    # h′_j = Σ_i x_i W¹_ij with x = (0, 1) and the bias input 1: h′_j = W¹_2j + W¹_3j
    lines = result.stdout.splitlines()
    for j in range(3):
        line = next(line for line in lines if line.startswith(f"  h′_{j + 1} = "))
        assert line.endswith(f" = {W1[1][j] + W1[2][j]:.6g}".replace("-", "−"))


def test_without_seed_the_drawn_seed_is_printed_and_repeats_the_run(run, tmp_path):
    args = ["-m", "backprop", "train", "--bias", "--shuffle", "--epochs", "20"]
    first = run(*args, "--plot", str(tmp_path / "a.svg"))
    assert first.returncode == 0, first.stderr
    seed = re.search(r"^Training a .*, seed (\d+) \(none was given: --seed \1 repeats this run\)$",
                     first.stdout, re.MULTILINE).group(1)
    again = run(*args, "--seed", seed, "--plot", str(tmp_path / "b.svg"))
    assert again.returncode == 0, again.stderr
    assert "none was given" not in again.stdout
    assert (tmp_path / "a.svg").read_text() == (tmp_path / "b.svg").read_text()
    without_seed = first.stdout.replace(re.search(r", seed \d+ \(.*\)", first.stdout).group(0), "")
    assert without_seed.replace("a.svg", "b.svg") == again.stdout


def test_given_weights_draw_no_seed(run, tmp_path):
    weights = tmp_path / "w.json"
    Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3]).save(str(weights))
    for args in (["--weights", str(weights)], ["--W1", "0.5,-0.3,0.8; 0.2,0.7,-0.6", "--W2", "0.4,-0.5,0.3"]):
        result = run("-m", "backprop", "train", *args, "--epochs", "2")
        assert result.returncode == 0, result.stderr
        assert "seed" not in result.stdout  # no random weights: no seed to repeat them


def test_training_gives_the_accuracy_and_says_when_it_failed(tmp_path, capsys):
    from backprop.cli import main

    def train_command(*args):
        capsys.readouterr()
        status = main(["train", "--quiet", *args])
        return status, capsys.readouterr().out

    status, out = train_command("--dataset", "xor", "--bias", "--seed", "0")
    assert status == 0 and "\nAccuracy: 4 of 4 samples (100 %) on the right side of y = 0.5\n" in out
    assert "did not learn" not in out
    weights = tmp_path / "spiral.json"
    status, out = train_command("--dataset", "spiral", "--seed", "0", "--epochs", "5", "--save", str(weights))
    from backprop.files import datasets

    right = right_by_hand(weights, datasets.samples("spiral"))
    assert f"\nAccuracy: {right} of 100 samples ({right} %) on the right side of y = 0.5\n" in out and right < 90
    assert out.splitlines()[-1] == (f"Training did not learn the classes: {right} % of the samples on the right "
                                    "side, well short of 100 %; try a second hidden layer: --layers 2,8,8,1 --bias "
                                    "--activation tanh --alpha 0.02 --epochs 1500")
    status, out = train_command("--dataset", "sine", "--seed", "0", "--epochs", "2")
    assert "Accuracy" not in out and "did not learn" not in out  # not two classes
    data = tmp_path / "points.csv"
    data.write_text("a,b,d\n0,0,1\n1,1,1\n0,1,0\n1,0,0\n0.5,0.5,1\n", encoding="utf-8")  # not learned in 1 epoch
    status, out = train_command("--data", str(data), "--seed", "0", "--epochs", "1", "--save", str(weights))
    right = right_by_hand(weights, [([0, 0], 1), ([1, 1], 1), ([0, 1], 0), ([1, 0], 0), ([0.5, 0.5], 1)])
    assert right < 5 and f"Accuracy: {right} of 5 samples ({20 * right} %)" in out
    assert out.splitlines()[-1].endswith("; try more hidden neurons (--hidden 8), --bias, a smaller --alpha or "
                                         "more --epochs")


def right_by_hand(weights, samples):
    """How many samples a saved 2-3-1 network (sigmoid, no bias) puts on the right side of y = 0.5,
    worked out here: h_j = σ(Σ_i x_i W¹_ij), y = Σ_j h_j W²_j, class 1 where y ≥ 0.5."""
    import json

    saved = json.loads(weights.read_text(encoding="utf-8"))
    right = 0
    for x, d in samples:
        h = [1 / (1 + math.exp(-sum(x_i * row[j] for x_i, row in zip(x, saved["W1"])))) for j in range(3)]
        right += (sum(h_j * w for h_j, w in zip(h, saved["W2"])) >= 0.5) == (d == 1)
    return right
