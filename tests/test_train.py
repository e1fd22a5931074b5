import copy
import math
import random

import pytest

from backprop import DivergenceError, Network, sgd_step, squared_error, train

XOR = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity"])
def test_one_small_step_lowers_the_error(activation):
    net = Network.random(activation=activation, bias=True, seed=4)
    x, d = [0.3, -0.8], 0.9
    E_before = squared_error(d, net.predict(x))
    step = sgd_step(net, x, d, alpha=0.01)
    assert step.E == E_before
    assert squared_error(d, net.predict(x)) < E_before


def test_xor_converges_with_bias():
    net = Network.random(bias=True, seed=0)
    losses = train(net, XOR, alpha=0.5, epochs=3000)
    assert len(losses) == 3000
    assert losses[-1] < 0.01
    for x, d in XOR:
        assert net.predict(x) == pytest.approx(d, abs=0.2)


def test_small_regression_converges():
    # d = 0.5·x_1 − 0.25·x_2 + 0.1·x_1·x_2 on a grid, fitted by a tanh network
    grid = [i / 2 for i in range(-2, 3)]
    samples = [([a, b], 0.5 * a - 0.25 * b + 0.1 * a * b) for a in grid for b in grid]
    net = Network.random(n_hidden=4, activation="tanh", bias=True, seed=1)
    losses = train(net, samples, alpha=0.05, epochs=500, shuffle=True, seed=2)
    assert losses[-1] < 1e-3 < losses[0]


def test_train_is_the_same_as_steps_in_order():
    samples = [([random.Random(k).uniform(-1, 1), k / 5], k % 2) for k in range(5)]
    by_train, by_steps = Network.random(seed=7), Network.random(seed=7)
    losses = train(by_train, samples, alpha=0.3, epochs=2)
    expected = []
    for _ in range(2):
        expected.append(math.fsum(sgd_step(by_steps, x, d, 0.3).E for x, d in samples) / len(samples))  # fsum: exact on every Python
    assert losses == expected
    assert (by_train.W1, by_train.W2) == (by_steps.W1, by_steps.W2)


def test_mini_batch_applies_the_mean_delta_w():
    samples = [([0.5, -1.0], 1.0), ([1.5, 0.25], 0.0), ([-0.5, 2.0], 0.5)]
    net = Network.random(activation="tanh", seed=3)
    # by hand: each sample's ΔW from the same weights, then the mean, applied once
    steps = [sgd_step(copy.deepcopy(net), x, d, 0.2) for x, d in samples[:2]]
    W2_expected = [w + (a + b) / 2 for w, a, b in zip(net.W2, steps[0].delta_W2, steps[1].delta_W2)]
    train(net, samples[:2], alpha=0.2, epochs=1, batch_size=2)
    assert net.W2 == pytest.approx(W2_expected, rel=1e-15)


def test_last_mini_batch_may_be_smaller():
    net = Network.random(seed=3)
    losses = train(net, XOR[:3], alpha=0.2, epochs=2, batch_size=2)
    assert len(losses) == 2 and all(math.isfinite(E) for E in losses)


def test_shuffle_is_repeatable_with_a_seed():
    curves = []
    for _ in range(2):
        net = Network.random(bias=True, seed=5)
        curves.append(train(net, XOR, alpha=0.5, epochs=20, shuffle=True, seed=11))
    assert curves[0] == curves[1]
    unshuffled = train(Network.random(bias=True, seed=5), XOR, alpha=0.5, epochs=20)
    assert unshuffled != curves[0]


def test_train_accepts_a_generator_and_leaves_the_samples_alone():
    samples = [([0.0, 1.0], 1.0), ([1.0, 1.0], 0.0)]
    original = copy.deepcopy(samples)
    train(Network.random(seed=1), (s for s in samples), alpha=0.1, epochs=3, shuffle=True, seed=0)
    assert samples == original


def test_divergence_names_the_epoch_and_keeps_finite_weights():
    net = Network.random(activation="identity", bias=True, seed=2)
    samples = [([3.0, -4.0], 10.0), ([5.0, 2.0], -8.0)]
    with pytest.raises(DivergenceError, match=r"diverged in epoch \d+.*smaller than 50") as caught:
        train(net, samples, alpha=50.0, epochs=1000)
    assert caught.value.epoch >= 1
    assert len(caught.value.losses) == caught.value.epoch - 1
    assert all(math.isfinite(w) for row in net.W1 for w in row)
    assert all(math.isfinite(w) for w in net.W2)


def test_a_step_that_would_overflow_is_refused():
    net = Network([[1e70], [1e70]], [1e70], activation="identity")  # y = 2e140, E = ½(d − y)² = 2e280
    before = copy.deepcopy((net.W1, net.W2))
    with pytest.raises(DivergenceError, match="smaller alpha"):  # ΔW²_1 = α(d − y)·h_1 = 1e100·(−2e140)·2e70
        sgd_step(net, [1.0, 1.0], -1.0, 1e100)
    assert (net.W1, net.W2) == before


def test_weights_too_large_for_any_alpha_are_not_blamed_on_alpha():
    # issue 9, case 16: y = 2e300·1e300 is inf before any step, whatever α is
    net = Network([[1e300], [1e300]], [1e300], activation="identity")
    before = copy.deepcopy((net.W1, net.W2))
    for alpha in (1.0, 1e-300):
        with pytest.raises(ValueError, match=r"before any step: the weights and the input are too large.*α is not the cause"):
            sgd_step(net, [1.0, 1.0], -1.0, alpha)
        with pytest.raises(ValueError, match="α is not the cause"):
            train(net, [([1.0, 1.0], -1.0)], alpha, epochs=1)
    assert (net.W1, net.W2) == before


def test_on_epoch_sees_every_epoch_mean():
    seen = []
    losses = train(Network.random(seed=1), XOR, alpha=0.1, epochs=4, on_epoch=lambda e, E: seen.append((e, E)))
    assert seen == list(zip([1, 2, 3, 4], losses))


@pytest.mark.parametrize("batch_size", [1, 3])
def test_stop_ends_after_the_current_step(batch_size):
    asked = []

    def stop():
        asked.append(1)
        return len(asked) == 6  # stop after the sixth step: inside the second epoch of 4 samples

    net, reference = Network.random(seed=1), Network.random(seed=1)
    losses = train(net, XOR, alpha=0.1, epochs=10, batch_size=batch_size, stop=stop)
    steps_per_epoch = -(-len(XOR) // batch_size)
    assert len(losses) == (6 - 1) // steps_per_epoch
    # the network holds exactly the weights after six steps
    for k in range(6):
        batch = XOR[(k % steps_per_epoch) * batch_size:][:batch_size]
        train(reference, batch, alpha=0.1, epochs=1, batch_size=batch_size)
    assert (net.W1, net.W2) == (reference.W1, reference.W2)


@pytest.mark.parametrize("unrolled", [False, True])
@pytest.mark.parametrize("batch_size", [1, 2])
def test_an_epoch_whose_errors_add_past_the_largest_float_has_their_mean(unrolled, batch_size):
    # y = 2²⁵⁶ · 2²⁵⁶ · 1 = 2⁵¹², E = ½(0 − y)² = 2¹⁰²³ (finite, computed as (½·y)·y); ΔW is tiny
    # (α = 2⁻¹⁰⁷⁴), so W stays; two samples: Σ E = 2¹⁰²⁴ passes the largest float (≈ 1.8e308)
    net = Network([[2.0 ** 256]], [2.0 ** 256], activation="identity")
    samples = [([1.0], 0.0), ([1.0], 0.0)]
    losses = train(net, samples, alpha=2.0 ** -1074, epochs=1, batch_size=batch_size, unrolled=unrolled)
    assert losses == [2.0 ** 1023]  # the mean of two E = 2¹⁰²³, though their sum is past the largest float
