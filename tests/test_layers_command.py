"""``--layers``: ``trace`` and ``train`` with a deeper network, and its weights file, run for real."""

import argparse
import json
import math
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from backprop import deep, quiz_example
from backprop.cli.options import layer_sizes
from backprop.math.deep import DeepNetwork
from backprop.math.deep_gradcheck import numerical_dy_dW
from backprop.trace.explain import explain
from conftest import ROOT, run_in_process

XOR = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]  # the truth table
SUPERSCRIPT = {"¹": 0, "²": 1, "³": 2}


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def printed(stdout, start):
    """The first value on the printed line that starts with ``start``: the number before any gap."""
    line = next(line for line in stdout.splitlines() if line.strip().startswith(start))
    return float(line.split(" = ")[-1].replace("−", "-"))


def test_trace_layers_shows_the_quiz_worked_independently(run):
    result = run("-m", "backprop", "trace", "--layers", "1,2,2,1", "--digits", "12")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("One step of backpropagation on a 1-2-2-1 network: 1 input, hidden layers of 2 and 2 "
                          "neurons and 1 output; the activation is sigmoid.\n")
    assert "  x = (1)\n  d = 1\n  α = 0.5\n" in out
    # The quiz worked here with math.exp, apart from the library. x = 1, d = 1, α = 0.5;
    # W¹ = (0.5, −0.4), W² = ((0.8, −0.6), (0.3, 0.9)), W³ = (0.7, 0.5).
    h1 = [sigmoid(0.5 * 1.0), sigmoid(-0.4 * 1.0)]  # h¹_j = Φ(x_1·W¹_1j)
    h2_prime = [h1[0] * 0.8 + h1[1] * 0.3, h1[0] * -0.6 + h1[1] * 0.9]  # h′²_j = Σ_i h¹_i·W²_ij
    h2 = [sigmoid(z) for z in h2_prime]
    y = h2[0] * 0.7 + h2[1] * 0.5
    # Φ′ = Φ(1 − Φ). W¹_11 reaches y through h¹_1 and then two paths, through h²_1 and h²_2:
    through_h2_1 = 1.0 * h1[0] * (1 - h1[0]) * 0.8 * h2[0] * (1 - h2[0]) * 0.7
    through_h2_2 = 1.0 * h1[0] * (1 - h1[0]) * -0.6 * h2[1] * (1 - h2[1]) * 0.5
    assert through_h2_1 > 0 > through_h2_2  # the paths pull opposite ways
    dy_dW1_11 = through_h2_1 + through_h2_2
    assert printed(out, "h′²_2 = ") == pytest.approx(h2_prime[1], rel=1e-10)
    assert printed(out, "y = ") == pytest.approx(y, rel=1e-10)
    assert printed(out, "E = ") == pytest.approx(0.5 * (1.0 - y) ** 2, rel=1e-10)
    assert printed(out, "δ¹_11 = ") == pytest.approx(dy_dW1_11, rel=1e-10)
    assert printed(out, "ΔW¹_11 = ") == pytest.approx(0.5 * (1.0 - y) * dy_dW1_11, rel=1e-10)
    # every δᵏ_ij = ∂y/∂Wᵏ_ij against the measured slope (central differences), all 8 weights
    measured = numerical_dy_dW(quiz_example.network(), quiz_example.x)
    deltas = re.findall(r"δ([¹²³])_(\d)(\d) = ∂y/∂W.* = (\S+)$", out, flags=re.MULTILINE)
    assert len(deltas) == 8
    for k, i, j, value in deltas:
        assert float(value.replace("−", "-")) == pytest.approx(measured[SUPERSCRIPT[k]][int(i) - 1][int(j) - 1], rel=1e-6)


def test_trace_layers_json_is_the_explain(run):
    quiz = run("-m", "backprop", "trace", "--layers", "1,2,2,1", "--format", "json")
    assert quiz.returncode == 0, quiz.stderr
    assert json.loads(quiz.stdout) == explain(quiz_example.network(), quiz_example.x, quiz_example.d,
                                                  quiz_example.alpha)
    seeded = run("-m", "backprop", "trace", "--layers", "2,3,2", "--seed", "5", "--activation", "tanh", "--bias",
                 "--x", "0.5,1", "--d", "1,-0.5", "--alpha", "0.1", "--format", "json")
    assert seeded.returncode == 0, seeded.stderr
    net = DeepNetwork.random([2, 3, 2], activation="tanh", bias=True, seed=5)
    assert json.loads(seeded.stdout) == explain(net, [0.5, 1.0], [1.0, -0.5], 0.1)


def test_trace_of_other_sizes_works_without_x_and_d(run, tmp_path):
    # the README's "Other sizes need random weights: --layers 2,3,3,2 --seed 1": two inputs take the
    # lecture's x = (1, 0.5), and each of the two outputs the default d = 1
    result = run("-m", "backprop", "trace", "--layers", "2,3,3,2", "--seed", "1", "--format", "json")
    assert result.returncode == 0, result.stderr
    net = DeepNetwork.random([2, 3, 3, 2], seed=1)
    assert json.loads(result.stdout) == explain(net, [1.0, 0.5], [1.0, 1.0], 0.5)
    # and so does a saved deep network of two inputs, as `train --layers 2,4,4,1 … --save` writes
    path = tmp_path / "deep.json"
    DeepNetwork.random([2, 4, 1], seed=2).save(path)
    saved = run("-m", "backprop", "trace", "--weights", str(path), "--format", "json")
    assert saved.returncode == 0, saved.stderr
    assert json.loads(saved.stdout) == explain(DeepNetwork.load(path), [1.0, 0.5], [1.0], 0.5)


def test_trace_layers_with_bias_starts_the_quiz_biases_at_0(run):
    biased = json.loads(run("-m", "backprop", "trace", "--layers", "1,2,2,1", "--bias", "--format", "json").stdout)
    # each matrix gets a last row of zeros, so the feedforward pass is the quiz's own
    assert biased["W"] == [W_k + [[0.0] * len(W_k[0])] for W_k in quiz_example.W]
    assert biased["y"] == quiz_example.network().predict(quiz_example.x)


def test_train_layers_learns_xor_saves_and_predicts_the_same(run, tmp_path):
    weights, plot = tmp_path / "w.json", tmp_path / "loss.svg"
    args = ["--layers", "2,4,4,1", "--activation", "tanh", "--bias", "--seed", "0", "--epochs", "300"]
    result = run("-m", "backprop", "train", "--dataset", "xor", *args, "--save", str(weights), "--plot", str(plot))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Training a 2-4-4-1 network (tanh, with bias) on the xor data set")
    final = float(re.search(r"Mean E: \S+ in epoch 1, (\S+) in epoch 300\n", result.stdout).group(1))
    assert final < 1e-3
    assert "W¹_31 = " in result.stdout and "W³_51 = " in result.stdout  # the bias rows, named one-based
    rows = [line.split() for line in result.stdout.split("Predictions")[1].splitlines()[2:6]]
    # E = ½(d − y)², from the printed y, for each sample
    assert [[float(v) for v in row[:3]] for row in rows] == [x + [d] for x, d in XOR]
    assert all(0.5 * (float(d) - float(y)) ** 2 < 1e-3 for x_1, x_2, d, y in rows)
    assert f"Saved the weights to {weights}" in result.stdout and plot.exists()

    in_process = DeepNetwork.random([2, 4, 4, 1], activation="tanh", bias=True, seed=0)
    deep.train(in_process, XOR, alpha=0.5, epochs=300)
    loaded = DeepNetwork.load(weights)
    assert (loaded.W, loaded.activation, loaded.bias) == (in_process.W, "tanh", True)
    data = tmp_path / "xor.csv"
    data.write_text("x_1,x_2\n0,0\n0,1\n1,0\n1,1\n")
    predicted = run("-m", "backprop", "predict", str(weights), "--data", str(data))
    assert predicted.returncode == 0, predicted.stderr
    rows = [[float(value) for value in line.split(",")] for line in predicted.stdout.splitlines()[1:]]
    assert rows == [x + in_process.predict(x) for x, d in XOR]
    traced = run("-m", "backprop", "trace", "--weights", str(weights), "--x", "0,1", "--format", "json")
    assert traced.returncode == 0, traced.stderr
    assert json.loads(traced.stdout) == explain(in_process, [0.0, 1.0], 1.0, 0.5)


def test_train_layers_divergence_is_status_1_with_the_last_finite_weights(run, tmp_path):
    weights = tmp_path / "w.json"
    result = run("-m", "backprop", "train", "--layers", "2,3,1", "--bias", "--seed", "1", "--alpha", "50",
                 "--save", str(weights))
    in_process = DeepNetwork.random([2, 3, 1], bias=True, seed=1)
    with pytest.raises(deep.DivergenceError) as caught:
        deep.train(in_process, XOR, alpha=50.0, epochs=1000)
    assert result.returncode == 1
    assert f"training diverged in epoch {caught.value.epoch}:" in result.stderr and "Traceback" not in result.stderr
    saved = DeepNetwork.load(weights)
    assert saved.W == in_process.W and all(math.isfinite(w) for W_k in saved.W for row in W_k for w in row)


def test_train_layers_stops_on_ctrl_c_and_saves(tmp_path):
    weights = tmp_path / "w.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "backprop", "train", "--layers", "2,3,3,1", "--seed", "0", "--epochs", "100000000", "--no-size-limit",
         "--save", str(weights)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        assert process.stdout.readline().startswith("Training a 2-3-3-1 network")
        time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert re.fullmatch(r"Stopped by Ctrl-C after \d+ complete epochs? of 100000000\.\n", stderr)
    saved = DeepNetwork.load(weights)
    assert f"W³_31 = {saved.W[2][2][0]: .6g}" in stdout  # the printed weights are the saved ones


@pytest.fixture
def deep_weights(tmp_path):
    path = tmp_path / "deep.json"
    quiz_example.network().save(path)
    return path


# every wrong use of --layers: the command line, and what its one line on stderr must say
BAD = [
    (["trace", "--layers", "1-2-2-1"], "'1-2-2-1' is not a list of layer sizes; write the neurons of each layer, "
                                       "inputs first and outputs last, as whole numbers of at least 1 separated "
                                       "by commas, like --layers 1,2,2,1"),
    (["trace", "--layers", "1,2,2,1", "--hidden", "3"], "drop --W1/--W2/--hidden (random weights of those "
                                                       "sizes come from --seed N)"),
    (["trace", "--layers", "1,2,2,1", "--weights", "{deep}"], "a weights file already holds its layers; drop --layers"),
    (["trace", "--layers", "2,3,1"], "--layers 2,3,1 needs random weights: add --seed N"),
    (["trace", "--layers", "1,2,2,1", "--x", "1,2"], "--x has 2 values but the network has 1 input; give 1, "
                                                    "like --x 0.5"),
    (["trace", "--layers", "1,2,2,2", "--seed", "1", "--d", "1"], '--d has 1 value but the network has 2 outputs; '
                                                                 'give 2, like --d "0.5,0.5"'),
    (["trace", "--d", "1,0"], "--d has 2 values but the network has 1 output"),
    (["train", "--layers", "2,4,1", "--W1", "1,2;3,4", "--W2", "1,2"], "drop --W1/--W2/--hidden"),
    (["train", "--layers", "2,4,4,2"], "the xor data set has 2 x columns and one d, so --layers must start with "
                                      "2 and end with 1, like --layers 2,4,4,1"),
    (["train", "--layers", "3,5,1"], "like --layers 2,5,1"),
    (["train", "--layers", "1,1", "--weights", "{deep}"], "--layers must start with 2"),
]


@pytest.mark.parametrize("text", ["1,2.5,1", "1,0,1", "1,-2,1", "1,,1", "", "two,one", "3"])
def test_layer_sizes_are_whole_numbers_of_at_least_1_two_or_more(text):
    # the other spellings of BAD's first case, checked without a process each
    with pytest.raises(argparse.ArgumentTypeError, match="like --layers 1,2,2,1$"):
        layer_sizes(text)


def test_bad_layers_are_one_line_status_2_and_write_nothing(tmp_path, deep_weights):
    out = tmp_path / "out"
    out.mkdir()
    for args, message in BAD:
        where = ["--output", str(out / "step.txt")] if args[0] == "trace" else ["--save", str(out / "w.json")]
        result = run_in_process(*[arg.format(deep=deep_weights) for arg in args], *where)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, args
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, args
    assert os.listdir(out) == []


def test_predict_with_several_outputs_prints_each_y(run, tmp_path):
    weights, data = tmp_path / "w.json", tmp_path / "x.csv"
    # identity Φ: y_1 = (x_1 + 2·x_2)·1, y_2 = (x_1 + 2·x_2)·(−0.5)
    DeepNetwork([[[1.0], [2.0]], [[1.0, -0.5]]], activation="identity").save(weights)
    one = run("-m", "backprop", "predict", str(weights), "1", "2")  # x_1 + 2·x_2 = 5
    assert (one.returncode, one.stdout) == (0, "5.0 -2.5\n")
    data.write_text("a,b\n1,2\n0.5,-1\n")  # 0.5 + 2·(−1) = −1.5
    every = run("-m", "backprop", "predict", str(weights), "--data", str(data))
    assert every.returncode == 0, every.stderr
    assert every.stdout == "a,b,y_1,y_2\n1.0,2.0,5.0,-2.5\n0.5,-1.0,-1.5,0.75\n"


def test_the_docs_show_the_real_trace(run):
    readme = open(os.path.join(ROOT, "docs", "deep.md"), encoding="utf-8").read()
    shown = readme.split("`python -m backprop trace --layers 1,2,2,1` works")[1].split("```text\n")[1].split("```")[0]
    result = run("-m", "backprop", "trace", "--layers", "1,2,2,1")
    assert result.returncode == 0, result.stderr
    before, after = shown.split("  …\n")  # the README leaves out the middle of the last part
    assert result.stdout.startswith(before) and result.stdout.endswith(after)
