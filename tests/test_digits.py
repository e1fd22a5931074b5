"""Issue 23, item 5: the 8×8 handwritten digits, shipped in the package, as ``train --dataset digits``
with a fixed held-out test split, the test accuracy of every epoch, a confusion table, and the
report's pictures of the digits. Cheap: the command trains a 64-3-10 network for one epoch."""

import collections
import csv
import gzip
import json
import math
import os
import re

import pytest

from backprop.files import datasets, digits
from backprop.math import classes
from backprop.math.deep import DeepNetwork
from backprop.pictures.digits_picture import digits_svg

from conftest import ROOT

FILE = os.path.join(ROOT, "backprop", "files", "data", "digits.csv.gz")


def rows_read_here():
    """The shipped file read with gzip and csv alone: 64 pixels and the digit per line."""
    with gzip.open(FILE, "rt", encoding="ascii") as file:
        return [([int(v) for v in line[:64]], int(line[64])) for line in csv.reader(file)]


def test_the_shipped_file_is_the_1797_digits_with_their_attribution():
    rows = rows_read_here()
    assert len(rows) == 1797
    assert all(len(pixels) == 64 and 0 <= min(pixels) and max(pixels) <= 16 for pixels, _ in rows)
    assert collections.Counter(digit for _, digit in rows) == {0: 178, 1: 182, 2: 177, 3: 183, 4: 181, 5: 182,
                                                                6: 181, 7: 179, 8: 174, 9: 180}
    attribution = open(os.path.join(ROOT, "backprop", "files", "data", "DIGITS-LICENSE.txt"), encoding="utf-8").read()
    for needed in ("Alpaydin", "Kaynak", "UCI", "CC BY 4.0", "creativecommons.org/licenses/by/4.0"):
        assert needed in attribution


def test_x_is_the_pixels_over_16_and_d_is_one_hot():
    rows = rows_read_here()
    samples = datasets.samples("digits")
    assert len(samples) == 1797
    assert samples == [([pixel / 16 for pixel in pixels], [1.0 if j == digit else 0.0 for j in range(10)])
                       for pixels, digit in rows]
    # the first digit is a 0: its top row 0, 0, 5, 13, 9, 1, 0, 0 (as the file's first line starts)
    assert samples[0][0][:8] == [0, 0, 5 / 16, 13 / 16, 9 / 16, 1 / 16, 0, 0] and samples[0][1][0] == 1


def test_the_test_split_is_the_last_360_samples_in_the_files_order():
    train_samples, test_samples = digits.split()
    every = datasets.samples("digits")
    assert train_samples == every[:1437] and test_samples == every[1437:]
    counts = collections.Counter(classes.true_class(d) for _, d in test_samples)
    assert sorted(counts) == list(range(10)) and min(counts.values()) >= 33


def test_the_class_given_is_the_largest_output_and_the_confusion_table_counts_by_hand():
    # y = x: the class given is the larger input (the first of equal ones)
    net = DeepNetwork([[[1.0, 0.0], [0.0, 1.0]]], activation="identity")
    samples = [([0.9, 0.1], [1, 0]), ([0.2, 0.7], [0, 1]), ([0.6, 0.4], [0, 1]), ([0.5, 0.5], [0, 1])]
    assert classes.accuracy(net, samples) == (2, 4)
    assert classes.confusion(net, samples) == [[1, 0], [2, 1]]
    assert classes.is_one_hot([0.0, 1.0]) and not classes.is_one_hot([0.5, 0.5]) and not classes.is_one_hot([1.0])


def test_a_digit_is_drawn_a_square_per_dark_pixel_and_a_mistake_in_red():
    x = [0.0] * 64
    x[0], x[9], x[63] = 1.0, 0.5, 0.25
    svg = digits_svg([(x, "3", False), (x, "3 → 8", True)])
    # per digit: its 3 dark pixels and its frame; and the white background once
    assert svg.count("<rect") == 1 + 2 * (3 + 1)
    assert 'fill="rgb(0,0,0)"' in svg and 'fill="rgb(128,128,128)"' in svg and 'fill="rgb(191,191,191)"' in svg
    assert svg.count('stroke="#c0392b"') == 1 and "3 → 8" in svg
    with pytest.raises(ValueError, match="64 inputs, not 63"):
        digits_svg([([0.0] * 63, "?", False)])


TRAINED_ON = 40  # of the 1,437 training samples: a whole epoch takes seconds, this test a tenth of one


@pytest.fixture(scope="module")
def one_epoch(tmp_path_factory):
    """``train --dataset digits`` for one epoch of a 64-3-10 network on the first 40 training samples
    (the split cut short here, for time), tested on all 360 held-out ones, with a report."""
    from conftest import run_in_process

    folder = tmp_path_factory.mktemp("digits")
    train_samples, test_samples = digits.split()
    short = datasets.DATASETS["digits"]._replace(split=lambda: (train_samples[:TRAINED_ON], test_samples))
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(datasets.DATASETS, "digits", short)
        result = run_in_process("train", "--dataset", "digits", "--layers", "64,3,10", "--bias", "--epochs", "1",
                                "--seed", "0", "--output-activation", "sigmoid", "--report", "digits.html",
                                cwd=str(folder))
    return result, (folder / "digits.html").read_text(encoding="utf-8")


def test_train_on_the_digits_prints_the_test_accuracy_and_the_confusion_table(one_epoch):
    result, _ = one_epoch
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "on the digits data set (40 samples, 360 more held out to test): α = 0.1, 1 epoch" in out  # the set's own α
    accuracy = re.search(r"epoch 1: +(\d+) of 360 \(([\d.]+) %\)", out)
    right = int(accuracy.group(1))
    assert float(accuracy.group(2)) == round(100 * right / 360, 1)
    table = out[out.index("true \\ given"):].splitlines()[1:11]
    counts = [[0 if cell == "·" else int(cell) for cell in line.split()[1:]] for line in table]
    assert [int(line.split()[0]) for line in table] == list(range(10))
    # each row holds every test digit of its class; the diagonal is the epoch's right answers
    test_classes = collections.Counter(digit for _, digit in rows_read_here()[1437:])
    assert [sum(row) for row in counts] == [test_classes[k] for k in range(10)]
    assert sum(counts[k][k] for k in range(10)) == right
    assert f"Confusion table of the test samples: {right} of 360 right" in out
    assert "Weights" not in out and "Predictions" not in out  # 235 weights and 64 columns: not listed


def test_the_report_shows_test_digits_and_the_mistakes(one_epoch):
    result, page = one_epoch
    section = page[page.index("<h2>Test digits</h2>"):page.index("</section>")]
    right = int(re.search(r"epoch 1: +(\d+) of 360", result.stdout).group(1))
    assert f"{360 - right} of the 360 test digits are given the wrong digit" in section
    first, mistakes = section.split("</svg>")[:2]
    assert first.count("<text") == 12 and mistakes.count("<text") == min(36, 360 - right)
    assert mistakes.count('stroke="#c0392b"') == mistakes.count("<text")  # every mistake framed in red


@pytest.mark.parametrize("options, message", [
    ([], "needs a network of 64 inputs and 10 outputs: --layers 64,N,10, like --layers 64,32,10"),
    (["--layers", "64,8,1"], "like --layers 64,32,10, not --layers 64,8,1"),
    (["--layers", "64,8,10", "--boundary", "b.svg"], "--boundary b.svg: "),
])
def test_the_digits_need_ten_outputs_said_in_one_line_before_training(run, tmp_path, options, message):
    result = run("-m", "backprop", "train", "--dataset", "digits", "--seed", "0", *options, cwd=str(tmp_path))
    assert result.returncode == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1
    assert result.stdout == "" and os.listdir(tmp_path) == []


@pytest.fixture(scope="module")
def softmax_epoch(tmp_path_factory):
    """The issue's command, ``train --dataset digits --layers 64,N,10 --output-activation softmax --loss
    cross_entropy``, for one epoch of 64-3-10 on the first 40 training samples, tested on the first 60
    held-out ones (the split cut short here, for time), with the weights saved."""
    from conftest import run_in_process

    folder = tmp_path_factory.mktemp("digits_softmax")
    train_samples, test_samples = digits.split()
    short = datasets.DATASETS["digits"]._replace(split=lambda: (train_samples[:TRAINED_ON], test_samples[:60]))
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(datasets.DATASETS, "digits", short)
        result = run_in_process("train", "--dataset", "digits", "--layers", "64,3,10", "--output-activation",
                                "softmax", "--loss", "cross_entropy", "--epochs", "1", "--seed", "0",
                                "--save", "w.json", cwd=str(folder))
    return result, json.loads((folder / "w.json").read_text(encoding="utf-8")), test_samples[:60]


def test_the_digits_train_with_softmax_and_cross_entropy_from_the_command_line(softmax_epoch):
    result, weights, test_samples = softmax_epoch
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Training a 64-3-10 network (sigmoid, softmax output, cross-entropy) on the digits "
                          "data set (40 samples, 60 more held out to test): α = 0.1, 1 epoch")
    assert weights["output_activation"] == "softmax" and weights["loss"] == "cross_entropy"
    # E = −ln y of the digit: about ln 10 = 2.3 while the ten outputs are about equal, as in epoch 1
    mean_E = float(re.search(r"Mean E: (\S+) in epoch 1, \S+ in epoch 1\n", out).group(1))
    assert 1 < mean_E < 4
    # the test accuracy printed is the count of test digits whose largest y_j, worked out here from the
    # saved weights (h = σ(x W¹), y = softmax(h W²)), is the digit
    W1, W2 = weights["W"]

    def digit_given(x):
        h = [1 / (1 + math.exp(-sum(x_i * row[j] for x_i, row in zip(x, W1)))) for j in range(3)]
        y_prime = [sum(h_i * row[k] for h_i, row in zip(h, W2)) for k in range(10)]
        e = [math.exp(v - max(y_prime)) for v in y_prime]
        y = [e_k / sum(e) for e_k in e]
        return y.index(max(y))

    right = sum(digit_given(x) == d.index(1) for x, d in test_samples)
    assert re.search(r"epoch 1: +(\d+) of 60 \(", out).group(1) == str(right)
    assert f"Confusion table of the test samples: {right} of 60 right" in out
