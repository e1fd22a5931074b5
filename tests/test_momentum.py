"""Issue 23, item 3: momentum, v ← μ·v + α(d − y)·δ, W ← W + v, v = 0 at the start.

A two-step run is worked by hand with fractions (the numbers are exact in binary, so the
floats must equal them exactly); deep networks and mini-batches are checked against the
classical form written out here, on the library's ΔW of each step.
"""

from fractions import Fraction as F

import pytest

from backprop import Network, train
from backprop.math import deep
from backprop.math.deep import DeepNetwork
from conftest import run_in_process


def test_two_steps_with_momentum_worked_by_hand_with_fractions():
    # one input, one hidden neuron, Φ the identity: h = x·W¹, y = h·W²; x = 1, d = 2, α = 1/4, μ = 1/2
    W1, W2, x, d, alpha, mu = F(1, 2), F(1), F(1), F(2), F(1, 4), F(1, 2)
    v1 = v2 = F(0)
    E = []
    for _ in range(2):
        h = x * W1
        y = h * W2
        E.append((d - y) ** 2 / 2)
        dW2 = alpha * (d - y) * h  # δ² = h
        dW1 = alpha * (d - y) * W2 * 1 * x  # δ¹ = W²·Φ′(h′)·x, Φ′ = 1
        v1, v2 = mu * v1 + dW1, mu * v2 + dW2
        W1, W2 = W1 + v1, W2 + v2
    # step 1: y = 1/2, v = ΔW = (3/8, 3/16); step 2: y = 133/128, v¹ = 3/16 + 1/4·(123/128)·(19/16)
    assert (W1, W2) == (F(1,2) + F(3,8) + F(3,16) + F(1,4) * F(123,128) * F(19,16),
                        F(1) + F(3,16) + F(3,32) + F(1,4) * F(123,128) * F(7,8))
    net = Network([[0.5]], [1.0], activation="identity")
    losses = train(net, [([1.0], 2.0)], alpha=0.25, epochs=2, momentum=0.5)
    assert losses == [float(E[0]), float(E[1])]
    assert net.W1 == [[float(W1)]] and net.W2 == [float(W2)]
    assert float(W1) == 1.3477783203125  # exact in binary: every step's numbers are


def test_momentum_zero_is_the_lectures_step_bit_for_bit():
    xor = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]
    a, b = Network.random(bias=True, seed=3), Network.random(bias=True, seed=3)
    assert train(a, xor, 0.5, 5, momentum=0.0) == train(b, xor, 0.5, 5, unrolled=True)
    assert (a.W1, a.W2) == (b.W1, b.W2)


def classical(net, samples, alpha, mu, epochs, batch_size=1):
    """The classical momentum written out: v ← μ·v + mean ΔW of each batch, W ← W + v."""
    v = [[[0.0] * len(row) for row in W_k] for W_k in net.W]
    for _ in range(epochs):
        for start in range(0, len(samples), batch_size):
            batch = samples[start:start + batch_size]
            steps = [deep.compute_step(net, net.check_x(x), net.check_d(d), alpha).delta_W for x, d in batch]
            for k, W_k in enumerate(net.W):
                for i, row in enumerate(W_k):
                    for j in range(len(row)):
                        total = 0.0
                        for delta_W in steps:
                            total += delta_W[k][i][j]
                        v[k][i][j] = mu * v[k][i][j] + total / len(batch)
                        row[j] += v[k][i][j]


@pytest.mark.parametrize("batch_size", [1, 2])
def test_a_deep_network_with_momentum_keeps_its_velocities_across_steps_and_epochs(batch_size):
    samples = [([0.0, 1.0], [1.0, 0.0]), ([1.0, 0.0], [0.0, 1.0]), ([1.0, 1.0], [0.5, 0.5])]
    ours, theirs = DeepNetwork.random([2, 3, 2], bias=True, seed=7), DeepNetwork.random([2, 3, 2], bias=True, seed=7)
    deep.train(ours, samples, 0.5, 3, momentum=0.9, batch_size=batch_size)
    classical(theirs, samples, 0.5, 0.9, 3, batch_size)
    for W_k, W_k_theirs in zip(ours.W, theirs.W):
        for row, row_theirs in zip(W_k, W_k_theirs):
            assert row == pytest.approx(row_theirs, rel=1e-12, abs=1e-15)


def test_momentum_with_the_biases_fixed_leaves_them_where_they_are():
    net = Network.random(bias=True, seed=2)
    biases = (list(net.W1[-1]), net.W2[-1])
    train(net, [([0.0, 1.0], 1.0), ([1.0, 1.0], 0.0)], 0.5, 4, momentum=0.5, train_bias=False)
    assert (net.W1[-1], net.W2[-1]) == biases


@pytest.mark.parametrize("momentum, error", [(1.0, ValueError), (-0.1, ValueError), (float("nan"), ValueError),
                                             ("0.5", TypeError)])
def test_momentum_outside_zero_to_one_is_refused_before_any_step(momentum, error):
    net = Network.random(seed=1)
    before = (net.W1, net.W2)
    with pytest.raises(error, match="momentum"):
        train(net, [([0.0, 1.0], 1.0)], 0.5, 1, momentum=momentum)
    assert (net.W1, net.W2) == before


def test_train_momentum_on_the_command_line():
    result = run_in_process("train", "--momentum", "0.9", "--epochs", "5", "--seed", "1")
    assert result.returncode == 0, result.stderr
    assert "momentum μ = 0.9" in result.stdout
    result = run_in_process("train", "--momentum", "1", "--epochs", "5", "--seed", "1")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().endswith("--momentum must be at least 0 and less than 1 (0 is the lecture's step), not 1.0")


def test_the_worked_step_with_momentum_is_the_second_step_of_training(tmp_path):
    from backprop.trace.explain import explain
    from backprop.trace.formats import render

    # after the first step of the hand-worked run: W¹ = 7/8, W² = 19/16, v = ΔW of that step = (3/8, 3/16)
    net = Network([[0.875]], [1.1875], activation="identity")
    record = explain(net, [1.0], 2.0, 0.25, momentum=0.5, velocity=[[[0.375]], [[0.1875]]])
    # y = 7/8 · 19/16 = 133/128; α(d − y) = 1/4 · 123/128; ΔW² = that · 7/8, ΔW¹ = that · 19/16
    alpha_error = F(1, 4) * F(123, 128)
    v2, v1 = F(1, 2) * F(3, 16) + alpha_error * F(7, 8), F(1, 2) * F(3, 8) + alpha_error * F(19, 16)
    assert record["velocity_new"] == [[[float(v1)]], [[float(v2)]]]
    assert record["W_new"] == [[[float(F(7, 8) + v1)]], [[float(F(19, 16) + v2)]]]
    trained = Network([[0.5]], [1.0], activation="identity")
    train(trained, [([1.0], 2.0)], alpha=0.25, epochs=2, momentum=0.5)
    assert record["W_new"] == [trained.W1, [[w] for w in trained.W2]]  # the trace's step is training's
    text = render(record, "text", 6)
    assert "v²_1 ← μ·v²_1 + ΔW²_1 = 0.5·0.1875 + 0.210205 = 0.303955" in text
    assert "W¹_11 ← W¹_11 + v¹_11 = 0.875 + 0.472778 = 1.34778" in text
    for format in ("markdown", "latex", "html"):
        assert "momentum" in render(record, format), format
    # the same from the command line, the velocity from a file
    velocity = tmp_path / "v.json"
    velocity.write_text("[[[0.375]], [[0.1875]]]")
    given = ["trace", "--W1", "0.875", "--W2", "1.1875", "--x", "1", "--d", "2", "--alpha", "0.25",
             "--activation", "identity", "--digits", "6", "--momentum", "0.5"]
    result = run_in_process(*given, "--velocity", str(velocity))
    assert result.returncode == 0, result.stderr
    assert "v²_1 ← μ·v²_1 + ΔW²_1 = 0.5·0.1875 + 0.210205 = 0.303955" in result.stdout
    velocity.write_text("[[[0.375, 1.0]], [[0.1875]]]")
    result = run_in_process(*given, "--velocity", str(velocity))
    assert result.returncode == 2 and "row 1 of v¹ has 2 values but the network has 1 weight" in result.stderr
    result = run_in_process(*given[:-2], "--velocity", str(velocity))
    assert result.returncode == 2 and "add --momentum" in result.stderr
