"""The unrolled step (backprop.math.unrolled) for cross-entropy and several outputs, against the lists:
binary cross-entropy with one sigmoid output (the lecture's Network and DeepNetworks), several outputs
with the squared error and any Φ_out, and softmax with categorical cross-entropy. Every weight and every
epoch's E equal the list implementation's to the last bit over 1,000 steps, divergence included; the
printed program takes sgd_step's step; two steps are worked by hand. The lists are the reference (checked
by hand, by fractions and by finite differences in tests/test_losses.py and tests/test_deep*.py)."""

import contextlib
import io
import math
import random
import struct

import pytest

from backprop import DivergenceError, Network, sgd_step, train
from backprop.math import deep, unrolled
from backprop.math.deep import DeepNetwork
from conftest import run_in_process
from test_unrolled import ACTIVATIONS, OWN_FROM_H, SIGN, assert_stop_and_on_epoch_agree, bits

def samples(net, n, seed=0):
    """``n`` samples that fit ``net``'s loss: d in {0, 1} or a probability (binary cross-entropy), one-hot or
    spread targets adding up to 1 exactly (softmax; a 0 in d leaves a term out), any d (squared error)."""
    rng = random.Random(seed)
    n_out = getattr(net, "n_outputs", 1)
    out = []
    for _ in range(n):
        x = [rng.uniform(-2, 2) for _ in range(net.n_inputs)]
        if getattr(net, "softmax_output", False):
            d = [0.0] * n_out
            if rng.random() < 0.7:
                d[rng.randrange(n_out)] = 1.0
            else:  # 0.25 and 0.75: add up to 1 exactly
                d[0], d[-1] = 0.25, 0.75
        elif net.loss == "cross_entropy":
            d = rng.choice([0.0, 1.0, 1.0, 0.0, 0.3])
        else:
            d = [rng.uniform(-1, 1) for _ in range(n_out)]
        out.append((x, d if n_out > 1 or not isinstance(d, list) else d[0]))
    return out


def trainer(net):
    return train if isinstance(net, Network) else deep.train


def both_ways(make, data, alpha, epochs, **options):
    """Train two copies, unrolled and with lists; return [(net, losses or the DivergenceError's numbers)] × 2."""
    results = []
    for way in (True, False):
        net = make()
        try:
            outcome = trainer(net)(net, data, alpha, epochs, unrolled=way, **options)
        except DivergenceError as error:
            outcome = ("diverged", error.epoch, error.losses, str(error))
        results.append((net, outcome))
    return results


def binary(shape, activation, bias, seed=4):
    if shape == "lecture 2-3-1":
        return lambda: Network.random(2, 3, activation=activation, bias=bias, seed=seed, output_activation="sigmoid",
                                      loss="cross_entropy")
    layers = [int(n) for n in shape.split()[1].split("-")]
    return lambda: DeepNetwork.random(layers, activation=activation, bias=bias, seed=seed, output_activation="sigmoid",
                                      loss="cross_entropy")


def several(layers, activation, bias, output_activation="identity", seed=5):
    loss = "cross_entropy" if output_activation == "softmax" else "squared"
    return lambda: DeepNetwork.random(layers, activation=activation, bias=bias, seed=seed,
                                      output_activation=output_activation, loss=loss)


CASES = {}  # name → make(); every Φ and Φ_out, with and without bias, each kind a few times
for a, bias in zip(ACTIVATIONS, [False, True, False, True]):
    CASES[f"binary lecture 2-3-1 {a} bias={bias}"] = binary("lecture 2-3-1", a, bias)
for shape, a, bias in [("deep 2-3-1", "identity", True), ("deep 2-3-1", "sigmoid", False),
                       ("deep 2-4-3-1", "relu", True), ("deep 2-4-3-1", "tanh", False)]:
    CASES[f"binary {shape} {a} bias={bias}"] = binary(shape, a, bias)
CASES["binary deep 1-2-2-1 own pair"] = binary("deep 1-2-2-1", SIGN, False, seed=7)
for k, o in enumerate(["identity", "sigmoid", "tanh", "relu", "own"]):
    a = ACTIVATIONS[(k + 1) % 4]
    CASES[f"several [2, 3, 2] Φ={a} Φ_out={o}"] = several([2, 3, 2], a, k % 2 == 0, SIGN if o == "own" else o)
CASES["several [3, 2, 4, 3] Φ=tanh Φ_out=identity"] = several([3, 2, 4, 3], "tanh", False)
CASES["several [3, 2, 4, 3] Φ=relu Φ_out=sigmoid"] = several([3, 2, 4, 3], "relu", True, "sigmoid")
for layers, a, bias in [([2, 3, 2], "tanh", True), ([2, 3, 2], "relu", False), ([3, 2, 4, 3], "identity", False),
                        ([3, 2, 4, 3], "sigmoid", True)]:
    CASES[f"softmax {layers} {a} bias={bias}"] = several(layers, a, bias, "softmax")
CASES["softmax [4, 8, 3] own Φ′ of h"] = several([4, 8, 3], OWN_FROM_H, True, "softmax")


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_weight_and_E_is_the_lists_to_the_last_bit_over_1000_steps(case):
    make = CASES[case]
    data = samples(make(), 50)
    (fast, fast_losses), (lists, list_losses) = both_ways(make, data, 0.1, 20, shuffle=True, seed=3)
    assert fast_losses == list_losses and len(fast_losses) == 20  # 50 samples × 20 epochs: 1,000 steps
    assert bits(fast) == bits(lists)
    assert unrolled.sgd_epoch(make()) is not None  # the unrolled code did run


@pytest.mark.parametrize("case", ["binary lecture 2-3-1 identity bias=True", "binary lecture 2-3-1 relu bias=False",
                                  "binary deep 2-3-1 identity bias=True", "several [2, 3, 2] Φ=tanh Φ_out=identity",
                                  "several [3, 2, 4, 3] Φ=tanh Φ_out=identity", "softmax [2, 3, 2] relu bias=False",
                                  "softmax [3, 2, 4, 3] identity bias=False"])
@pytest.mark.parametrize("alpha", [50.0, 1e6, 1e150])
def test_divergence_is_the_same_epoch_losses_and_kept_weights(case, alpha):
    make = CASES[case]
    (fast, fast_outcome), (lists, list_outcome) = both_ways(make, samples(make(), 20, seed=1), alpha, 20)
    assert fast_outcome == list_outcome
    assert fast_outcome[0] == "diverged"  # these do diverge, each within 20 epochs
    assert bits(fast) == bits(lists)


def test_stop_and_on_epoch_see_the_current_weights():
    for make in (CASES["softmax [2, 3, 2] relu bias=False"], CASES["binary lecture 2-3-1 tanh bias=True"]):
        assert_stop_and_on_epoch_agree(make, trainer(make()), samples(make(), 10))


def test_exact_zeros_keep_their_sign():
    """Weights of −0.0 and 0.0, dead ReLU neurons, inputs and targets of 0: the signs of zero agree too."""
    W = [[[-0.0, 0.0, -1.0], [0.0, -0.0, -2.0], [-0.0, 0.0, -0.0]], [[-0.0, 0.0], [0.0, -0.0], [1.0, -0.0], [-0.0, 0.0]]]
    for loss, output, data in [("squared", "identity", [([0.0, -0.0], [0.0, -0.0]), ([1.0, 0.0], [-0.0, 0.0])]),
                               ("cross_entropy", "softmax", [([0.0, -0.0], [1.0, 0.0]), ([1.0, 0.0], [0.0, 1.0])])]:
        (fast, _), (lists, _) = both_ways(lambda: DeepNetwork(W, activation="relu", bias=True, loss=loss,
                                                              output_activation=output), data, 0.1, 5)
        assert bits(fast) == bits(lists)


def run_program(source: str) -> dict:
    namespace = {}
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec(source, namespace)
    namespace["printed"] = printed.getvalue()
    return namespace


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_printed_step_is_sgd_step(case):
    net = CASES[case]()
    if isinstance(net.activation, tuple) or unrolled._shape(net)[3] is None:
        with pytest.raises(ValueError, match="own activation cannot be written out by name"):
            unrolled.step_source(net, [0.5] * net.n_inputs, samples(net, 1)[0][1], 0.5)
        return
    if unrolled._shape(net)[4] is None:
        with pytest.raises(ValueError, match="own output activation cannot be written out by name"):
            unrolled.step_source(net, [0.5] * net.n_inputs, samples(net, 1)[0][1], 0.5)
        return
    for x, d in samples(net, 3, seed=11):
        namespace = run_program(unrolled.step_source(net, x, d, 0.5))
        step = (sgd_step if isinstance(net, Network) else deep.sgd_step)(net, x, d, 0.5)
        assert [struct.pack("<d", namespace[name]) for name in unrolled.weight_names(net)] == bits(net)
        assert struct.pack("<d", namespace["E"]) == struct.pack("<d", step.E)


def test_the_names_are_the_lectures_one_based():
    net = DeepNetwork.random([2, 3, 3], seed=1, output_activation="softmax", loss="cross_entropy")
    source = unrolled.step_source(net, [1.0, 0.5], [0.0, 1.0, 0.0], 0.5)
    for line in ("d_1 = 0.0", "d_2 = 1.0", "y_3 = e_3 / sum_e", "m = max(y_prime_1, y_prime_2, y_prime_3)",
                 "error_y_prime_2 = d_2 - y_2", "alpha_error_h_prime1_1 = alpha * error_h_prime1_1",
                 "W1_11 += x_1 * alpha_error_h_prime1_1", "W2_32 += h1_3 * alpha_error_y_prime_2",
                 "error_h_prime1_1 = phi_prime1_1 * (0.0 + W2_11 * error_y_prime_1 + W2_12 * error_y_prime_2 "
                 "+ W2_13 * error_y_prime_3)", "# E = −Σ_j d_j ln y_j"):
        assert line in source
    # one backward pass: one error term per neuron, whatever the number of outputs (not one per output)
    assert source.count("\nerror_h_prime1_1 =") == 1 and "dy_dW" not in source
    several = unrolled.step_source(DeepNetwork.random([2, 3, 2], seed=1, output_activation="tanh"),
                                   [1.0, 0.5], [0.5, -0.5], 0.5)
    for line in ("dy_dy_prime_1 = 1.0 - y_1 * y_1", "error_y_prime_2 = (d_2 - y_2) * dy_dy_prime_2",
                 "E = 0.0 + 0.5 * (d_1 - y_1) * (d_1 - y_1) + 0.5 * (d_2 - y_2) * (d_2 - y_2)"):
        assert line in several


def test_a_softmax_step_worked_by_hand():
    """1-1-2, Φ the identity, W¹ = 2, W² = (½ ½), x = 1, d = (1, 0), α = ½. h = 2, y′ = (1, 1), so
    y = (½, ½) and E = −ln ½ = ln 2. The errors at y′: d − y = (½, −½), times α: (¼, −¼); at h′:
    Φ′·(½·½ + ½·(−½)) = 0, so W¹ keeps 2 and W² becomes (½ + h·¼, ½ − h·¼) = (1, 0)."""
    net = DeepNetwork([[[2.0]], [[0.5, 0.5]]], activation="identity", output_activation="softmax",
                      loss="cross_entropy")
    namespace = run_program(unrolled.step_source(net, [1.0], [1.0, 0.0], 0.5))
    assert eval("(y_1, y_2, error_y_prime_1, error_y_prime_2, alpha_error_y_prime_1, alpha_error_y_prime_2, "
                "error_h_prime1_1)", namespace) == (0.5, 0.5, 0.5, -0.5, 0.25, -0.25, 0.0)
    assert math.isclose(namespace["E"], math.log(2.0), rel_tol=1e-15)
    assert (namespace["W1_11"], namespace["W2_11"], namespace["W2_12"]) == (2.0, 1.0, 0.0)


def test_a_binary_cross_entropy_step_worked_by_hand():
    """W¹ = (0.5; 0.25), W² = 2, Φ the identity, sigmoid output, x = (1, −2), d = 1, α = 1. h′ = 0 = h,
    y′ = 0, y = ½, E = ln(1 + e⁰) − 1·0 = ln 2, α(d − y) = ½; δ² = ∂y′/∂W² = h = 0, δ¹_i1 = x_i·Φ′·W² = 2·x_i
    (no Φ_out′: it cancels): W¹ = (0.5 + 1, 0.25 − 2), W² stays 2."""
    for net in (Network([[0.5], [0.25]], [2.0], activation="identity", output_activation="sigmoid",
                        loss="cross_entropy"),
                DeepNetwork([[[0.5], [0.25]], [[2.0]]], activation="identity", output_activation="sigmoid",
                            loss="cross_entropy")):
        namespace = run_program(unrolled.step_source(net, [1.0, -2.0], 1.0, 1.0))
        W2 = "W2_1" if isinstance(net, Network) else "W2_11"
        assert eval(f"(W1_11, W1_21, {W2}, y_prime, y)", namespace) == (1.5, -1.75, 2.0, 0.0, 0.5)
        assert namespace["E"] == math.log(2.0)


def test_unroll_prints_a_program_that_takes_sgd_steps_step():
    for options, net, d in [
        (["--output-activation", "sigmoid", "--loss", "cross_entropy", "--d", "1"],
         Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3], output_activation="sigmoid",
                 loss="cross_entropy"), 1.0),
        (["--layers", "2,3,3", "--seed", "4", "--bias", "--output-activation", "softmax", "--loss", "cross_entropy",
          "--d", "0,1,0"], DeepNetwork.random([2, 3, 3], seed=4, bias=True, output_activation="softmax",
                                              loss="cross_entropy"), [0.0, 1.0, 0.0]),
        (["--layers", "2,3,2,2", "--seed", "4", "--activation", "relu", "--d", "0.5,-1"],
         DeepNetwork.random([2, 3, 2, 2], seed=4, activation="relu"), [0.5, -1.0]),
    ]:
        printed = run_in_process("unroll", *options, "--x", "1,0.5", "--alpha", "0.5")
        assert printed.returncode == 0, printed.stderr
        lines = run_program(printed.stdout)["printed"].splitlines()
        (sgd_step if isinstance(net, Network) else deep.sgd_step)(net, [1.0, 0.5], d, 0.5)
        assert [struct.pack("<d", float(line.split(" = ")[1])) for line in lines] == bits(net)


def test_what_still_falls_back_says_why():
    """One Φ per hidden layer is not written out: the lists train it, the same numbers; unroll refuses it."""
    net = DeepNetwork.random([2, 3, 3, 3], activation=["relu", "tanh"], seed=1, output_activation="softmax",
                             loss="cross_entropy")
    assert unrolled.sgd_epoch(net) is None
    with pytest.raises(ValueError, match=r"one Φ per hidden layer \(relu, tanh\), which is not written out yet"):
        unrolled.step_source(net, [1.0, 0.5], [1.0, 0.0, 0.0], 0.5)
    side = int(unrolled.MAX_WEIGHTS ** 0.5)
    assert unrolled.sgd_epoch(DeepNetwork.random([1, side, side, 3], seed=0)) is None  # past MAX_WEIGHTS
