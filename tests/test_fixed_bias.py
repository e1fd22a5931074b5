"""Issue 23, item 4: biases kept fixed, ``train_bias=False`` and ``train --fixed-bias``.

The step is worked by hand with numbers exact in binary, so every assertion is exact.
"""

import json

import pytest

from backprop import Network, sgd_step, train
from backprop.math import deep
from backprop.math.deep import DeepNetwork
from conftest import run_in_process


def lecture():
    # one input, one hidden neuron, Φ the identity; W¹ = (W¹_11 = 0.5, bias 1), W² = (W²_1 = 2, output bias 1)
    return Network([[0.5], [1.0]], [2.0, 1.0], activation="identity", bias=True)


# x = 1, d = 5, α = 0.25: h′ = 1·0.5 + 1·1 = 1.5 = h, y = 1.5·2 + 1·1 = 4, α(d − y) = 0.25
#   ΔW²_1 = 0.25·h = 0.375         ΔW²_2 (output bias) = 0.25·1 = 0.25   → kept: 0
#   ΔW¹_11 = 0.25·W²_1·Φ′·x = 0.5  ΔW¹_21 (hidden bias) = 0.25·2·1·1 = 0.5 → kept: 0
def test_a_step_with_the_biases_fixed_worked_by_hand():
    net = lecture()
    step = sgd_step(net, [1.0], 5.0, 0.25, train_bias=False)
    assert step.y == 4.0 and step.delta_W1 == [[0.5], [0.0]] and step.delta_W2 == [0.375, 0.0]
    assert net.W1 == [[1.0], [1.0]] and net.W2 == [2.375, 1.0]
    moved = lecture()
    sgd_step(moved, [1.0], 5.0, 0.25)  # the biases trained: they move by their own ΔW
    assert moved.W1 == [[1.0], [1.5]] and moved.W2 == [2.375, 1.25]


def test_the_deep_step_and_training_keep_every_bias_row():
    net = DeepNetwork([[[0.5], [1.0]], [[2.0], [1.0]]], activation="identity", bias=True)
    step = deep.sgd_step(net, [1.0], 5.0, 0.25, train_bias=False)
    assert step.delta_W == [[[0.5], [0.0]], [[0.375], [0.0]]]
    assert net.W == [[[1.0], [1.0]], [[2.375], [1.0]]]
    wide = DeepNetwork.random([2, 3, 2, 1], bias=True, seed=5)
    biases = [list(W_k[-1]) for W_k in wide.W]
    samples = [([0.0, 1.0], 1.0), ([1.0, 0.0], 0.0), ([1.0, 1.0], 0.5)]
    deep.train(wide, samples, 0.5, 3, train_bias=False, batch_size=2, unrolled=True)
    assert [W_k[-1] for W_k in wide.W] == biases
    assert wide.W[0][0] != DeepNetwork.random([2, 3, 2, 1], bias=True, seed=5).W[0][0]  # the rest trained


def test_training_one_sample_for_one_epoch_is_the_worked_step():
    net = lecture()
    losses = train(net, [([1.0], 5.0)], 0.25, 1, train_bias=False)
    assert losses == [0.5] and net.W1 == [[1.0], [1.0]] and net.W2 == [2.375, 1.0]  # E = ½(5 − 4)²


def test_fixed_biases_need_biases():
    net = Network([[0.5]], [2.0])
    with pytest.raises(ValueError, match="train_bias=False keeps the biases fixed, but the network has none"):
        train(net, [([1.0], 5.0)], 0.25, 1, train_bias=False)
    with pytest.raises(TypeError):
        sgd_step(lecture(), [1.0], 5.0, 0.25, train_bias="no")
    assert net.W1 == [[0.5]] and net.W2 == [2.0]


def test_train_fixed_bias_on_the_command_line(tmp_path):
    saved = tmp_path / "net.json"
    result = run_in_process("train", "--bias", "--fixed-bias", "--seed", "1", "--epochs", "3", "--save", str(saved))
    assert result.returncode == 0, result.stderr
    assert "the biases fixed" in result.stdout
    start = Network.random(2, 3, bias=True, seed=1)
    data = json.loads(saved.read_text())
    assert data["W1"][-1] == start.W1[-1] and data["W2"][-1] == start.W2[-1]
    assert data["W1"][0] != start.W1[0]
    result = run_in_process("train", "--fixed-bias", "--seed", "1", "--epochs", "3", "--save", str(saved) + "2")
    assert result.returncode == 2 and "--fixed-bias keeps the biases fixed, but the network has none" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "net.json2").exists()
