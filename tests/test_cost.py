"""Issue 22: backpropagation's own cost. A step of a network of several outputs walks back once,
carrying every output's error; a mini-batch adds each sample's ΔW to its total as it comes."""

import random
from fractions import Fraction

import pytest

from backprop import Network, train
from backprop.math import deep
from backprop.math.deep import DeepNetwork
from backprop.math.gradcheck import numerical_dE_dW


def flat(nested):
    return [v for item in nested for v in (flat(item) if isinstance(item, list) else [item])]


@pytest.mark.parametrize("layers", [[2, 3, 2], [3, 4, 4, 5], [1, 2, 10]])
@pytest.mark.parametrize("output_activation", ["identity", "sigmoid"])
def test_one_backward_pass_for_every_output(monkeypatch, layers, output_activation):
    net = DeepNetwork.random(layers, activation="tanh", bias=True, seed=22, output_activation=output_activation)
    x, d = [0.3 * (i + 1) for i in range(layers[0])], [(-1.0) ** j * 0.5 for j in range(layers[-1])]
    # ΔW = α · Σ_j (d_j − y_j) · ∂y_j/∂W, here from every output's own δ, one pass each
    y = net.predict(x)
    per_output = [deep.gradients(net, x, j).dy_dW for j in range(len(y))]
    expected = [sum(0.5 * (d_j - y_j) * g for d_j, y_j, g in zip(d, y, column))
                for column in zip(*map(flat, per_output))]
    calls = []
    walk_back = deep.error_terms_before
    monkeypatch.setattr(deep, "error_terms_before", lambda *a: calls.append(1) or walk_back(*a))
    step = deep.compute_step(net, x, d, 0.5)
    assert len(calls) == len(layers) - 2  # one pass back through the hidden layers, not one per output
    assert flat(step.delta_W) == pytest.approx(expected, rel=1e-12, abs=1e-15)
    # and −ΔW/α is ∂E/∂W, measured by central differences
    assert [-v / 0.5 for v in flat(step.delta_W)] == pytest.approx(flat(numerical_dE_dW(net, x, d)), rel=1e-5, abs=1e-8)


def test_the_multi_output_step_by_hand():
    # Φ = identity, W¹ = (1, 2), W² = ((3, −1), (1, 4)): h = (x, 2x), y = (5x, 7x); at x = 1, d = (4, 8):
    # d − y = (−1, 1); error terms back at h: (3·(−1) + (−1)·1, 1·(−1) + 4·1) = (−4, 3); α = ½
    net = DeepNetwork([[[1.0, 2.0]], [[3.0, -1.0], [1.0, 4.0]]], activation="identity")
    step = deep.sgd_step(net, [1.0], [4.0, 8.0], 0.5)
    assert step.delta_W == [[[-2.0, 1.5]], [[-0.5, 0.5], [-1.0, 1.0]]]  # α·x·(−4, 3); α·h_i·(d_j − y_j)
    assert net.W == [[[-1.0, 3.5]], [[2.5, -0.5], [0.0, 5.0]]]


def test_a_mini_batch_applies_the_mean_of_its_changes_exactly():
    # identity network y = w·x (one weight per layer: y = W¹·W²·x); dyadic numbers, so every value is exact
    samples = [([1.0], 1.0), ([2.0], 0.0), ([0.5], 2.0)]
    net = Network([[1.0]], [0.5], activation="identity")
    train(net, samples, alpha=0.25, epochs=1, batch_size=3)
    w1, w2, alpha = Fraction(1), Fraction(1, 2), Fraction(1, 4)
    dw1 = dw2 = Fraction(0)
    for (x,), d in samples:
        error = Fraction(d) - w1 * w2 * Fraction(x)
        dw1 += alpha * error * w2 * Fraction(x)  # ∂y/∂W¹ = W²·x
        dw2 += alpha * error * w1 * Fraction(x)  # ∂y/∂W² = h = W¹·x
    assert (net.W1, net.W2) == ([[float(w1 + dw1 / 3)]], [float(w2 + dw2 / 3)])


def test_a_mini_batch_keeps_no_record_per_sample():
    # the batch's total grows as the samples come, so a batch of 1,000 needs no more memory than one of 10
    import tracemalloc

    rng = random.Random(22)
    samples = [([rng.uniform(-1, 1), rng.uniform(-1, 1)], rng.uniform(0, 1)) for _ in range(1000)]

    def peak(batch_size):
        net = Network.random(seed=0)
        tracemalloc.start()
        train(net, samples, 0.1, 1, batch_size=batch_size)
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result

    assert peak(1000) - peak(10) < 200_000  # bytes: 70,600 here; keeping the 1,000 steps took 1,005,000
