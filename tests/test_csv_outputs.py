"""Issue 23, item 1: ``train --data FILE.csv`` and ``predict --data`` for a network of several outputs.
The last n columns of the file are d, as many as the network has outputs (``--layers …,n`` or a
weights file's); a file that does not fit the network is refused in one line. Cheap: a 2-4-3
network trained on 9 samples for 100 epochs, in this process."""

import json
import math
import os
import re

import pytest

from backprop.cli import data_columns
from backprop.files import data_file
from conftest import assert_usage_error, run_in_process

# three classes in the plane: near (0, 0), near (1, 0), near (0, 1); d is one-hot, a column per class
THREE_CLASSES = """x_1,x_2,d_1,d_2,d_3
0,0,1,0,0
0.1,0.1,1,0,0
0.2,0,1,0,0
1,0,0,1,0
0.9,0.1,0,1,0
1,0.2,0,1,0
0,1,0,0,1
0.1,0.9,0,0,1
0.2,1,0,0,1
"""
ROWS = [[float(v) for v in line.split(",")] for line in THREE_CLASSES.splitlines()[1:]]
SOFTMAX_CE = ["--output-activation", "softmax", "--loss", "cross_entropy"]


def y_by_hand(weights: dict, x: list) -> list:
    """The saved 2-4-3 network's y, worked out here: h = σ(Σ_i x_i W¹_ij + W¹_bias,j), then
    y_j = e^(y′_j) / Σ_k e^(y′_k) with y′_j = Σ_i h_i W²_ij + W²_bias,j."""
    W1, W2 = weights["W"]
    h = [1 / (1 + math.exp(-(sum(x_i * row[j] for x_i, row in zip(x, W1)) + W1[-1][j]))) for j in range(4)]
    y_prime = [sum(h_i * row[j] for h_i, row in zip(h, W2)) + W2[-1][j] for j in range(3)]
    e = [math.exp(v) for v in y_prime]
    return [e_j / sum(e) for e_j in e]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    folder = tmp_path_factory.mktemp("three")
    (folder / "three.csv").write_text(THREE_CLASSES, encoding="utf-8")
    result = run_in_process("train", "--data", "three.csv", "--layers", "2,4,3", "--bias", "--seed", "1",
                            "--epochs", "100", *SOFTMAX_CE, "--save", "w.json", cwd=str(folder))
    assert result.returncode == 0, result.stderr
    return folder, result.stdout, json.loads((folder / "w.json").read_text(encoding="utf-8"))


def test_softmax_with_cross_entropy_learns_three_classes_from_a_csv_file(trained):
    folder, out, weights = trained
    assert "Training a 2-4-3 network (sigmoid, softmax output, cross-entropy, with bias) on three.csv (9 samples)" in out
    assert weights["layers"] == [2, 4, 3] and weights["output_activation"] == "softmax"
    assert weights["loss"] == "cross_entropy"
    # every sample given its class by the saved weights, worked out here; E = −ln y of the class, small
    ys = [y_by_hand(weights, row[:2]) for row in ROWS]
    assert [y.index(max(y)) for y in ys] == [row[2:].index(1) for row in ROWS] == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert sum(-math.log(y[row[2:].index(1)]) for y, row in zip(ys, ROWS)) / 9 < 0.05
    assert "\nAccuracy: 9 of 9 samples (100 %) given the class of d (the largest y_j)\n" in out
    # the predictions table: x, the three d and the three y (to 4 decimals) of each sample
    table = out.split("Predictions\n")[1].splitlines()
    assert table[0].split() == ["x_1", "x_2", "d_1", "d_2", "d_3", "y_1", "y_2", "y_3"]
    for line, row, y in zip(table[1:], ROWS, ys):
        cells = [float(cell) for cell in line.split()]
        assert cells[:5] == row and cells[5:] == pytest.approx(y, abs=6e-5)
    # the mean E of epoch 1 starts near ln 3 (three outputs about equal) and falls well below it
    first, last = map(float, re.search(r"Mean E: (\S+) in epoch 1, (\S+) in epoch 100\n", out).groups())
    assert 0.5 < first < 2 and last < first / 10


def test_predict_reads_the_csv_file_with_the_three_d_and_gives_three_y(trained):
    folder, _, weights = trained
    result = run_in_process("predict", "w.json", "--data", "three.csv", cwd=str(folder))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "x_1,x_2,d_1,d_2,d_3,y_1,y_2,y_3"
    for line, row in zip(lines[1:], ROWS):
        values = [float(v) for v in line.split(",")]
        assert values[:5] == row and values[5:] == pytest.approx(y_by_hand(weights, row[:2]), rel=1e-12)
    # the inputs alone, and the weights file's loss kept: --loss is not predict's to change
    (folder / "x.csv").write_text("a,b\n1,0\n", encoding="utf-8")
    result = run_in_process("predict", "w.json", "--data", "x.csv", cwd=str(folder))
    assert result.stdout.splitlines()[0] == "a,b,y_1,y_2,y_3"
    assert [float(v) for v in result.stdout.splitlines()[1].split(",")[2:]] == pytest.approx(
        y_by_hand(weights, [1.0, 0.0]), rel=1e-12)
    (folder / "wrong.csv").write_text("a,b,c\n1,0,1\n", encoding="utf-8")
    assert_usage_error(run_in_process("predict", "w.json", "--data", "wrong.csv", cwd=str(folder)),
                       "wrong.csv has 3 columns but the network has 2 inputs; give 2 columns of x, "
                       "optionally followed by 3 of d")


def test_training_on_from_the_weights_file_splits_the_file_by_its_outputs(trained):
    folder, _, _ = trained
    result = run_in_process("train", "--data", "three.csv", "--weights", "w.json", "--epochs", "1", "--quiet",
                            cwd=str(folder))
    assert result.returncode == 0, result.stderr
    assert "Training a 2-4-3 network" in result.stdout and "Accuracy: 9 of 9 samples" in result.stdout


@pytest.mark.parametrize("text, options, message", [
    # d_1 … d_3 named, but the lecture's network (one output) would read d_1 and d_2 as x
    (THREE_CLASSES, [], "data.csv names 3 columns d_1 … d_3, but the lecture's network has 1 output, so only "
                        "the last column would be d; give --layers 2,N,3 (the last 3 columns are d)"),
    (THREE_CLASSES, ["--layers", "3,4,2"], "data.csv names 3 columns d_1 … d_3, but --layers 3,4,2 has 2 outputs"),
    (THREE_CLASSES, ["--layers", "3,4,3"], "data.csv has 5 columns, but --layers 3,4,3 takes 3 x and 3 d, 6 columns"),
    ("x_1,d\n0,1\n", ["--layers", "1,4,3"], "data.csv has 2 columns, but --layers 1,4,3 takes 1 x and 3 d, 4 columns"),
    # softmax's targets must add up to 1, as every sample's d
    ("x_1,x_2,d_1,d_2,d_3\n0,0,1,0,0\n1,0,1,1,0\n", ["--layers", "2,4,3", *SOFTMAX_CE],
     "sample 2: d = [1.0, 1.0, 0.0] adds up to 2, not 1"),
])
def test_a_file_that_does_not_fit_the_network_is_refused_in_one_line(tmp_path, text, options, message):
    (tmp_path / "data.csv").write_text(text, encoding="utf-8")
    result = run_in_process("train", "--data", "data.csv", "--seed", "1", "--save", "w.json", *options,
                            cwd=str(tmp_path))
    assert_usage_error(result, message)
    assert result.stdout == "" and os.listdir(tmp_path) == ["data.csv"]  # nothing trained, nothing written


def test_the_last_n_columns_are_d(tmp_path):
    table = data_file.Table(["a", "b", "c"], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert data_columns.split(table, n_d=2) == (["a", "b", "c"], [([1.0], [2.0, 3.0]), ([4.0], [5.0, 6.0])])
