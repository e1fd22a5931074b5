"""Issue 24, item 1: backprop.autograd, the chain rule done by the values, gives the library's gradients."""

import math
import random
import struct
from fractions import Fraction

import pytest

from backprop import Network, gradients, lecture_example
from backprop.autograd import Value, activate, step_graph, total, weight_gradients
from backprop.activations import ACTIVATIONS
from backprop.math import deep
from backprop.math.deep import DeepNetwork
from backprop.train import backpropagate, checked_forward, compute_step

U = 2.0 ** -53  # the unit roundoff of a float64: one rounding moves a number by at most U times itself


def bits(value):
    return struct.pack("<d", value + 0.0)  # + 0.0: a Σ from 0.0 never gives −0.0, a lone product may


def flat(matrices):
    return [value for matrix in matrices for row in matrix for value in row]


def lecture_W(net_gradients):
    return [net_gradients.dy_dW1, [[dy_dW2_j] for dy_dW2_j in net_gradients.dy_dW2]]


def random_lecture_network(rng, bias, output_activation):
    n_inputs, n_hidden = rng.randint(1, 4), rng.randint(1, 5)
    net = Network.random(n_inputs, n_hidden, activation=rng.choice(list(ACTIVATIONS)), bias=bias,
                         seed=rng.randrange(10**6), output_activation=output_activation)
    return net, [rng.uniform(-2, 2) for _ in range(n_inputs)], rng.uniform(-1, 1)


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("output_activation", list(ACTIVATIONS))
def test_the_lecture_network_by_autograd_is_the_library_to_the_bit(bias, output_activation):
    rng = random.Random(24)
    for _ in range(25):
        net, x, d = random_lecture_network(rng, bias, output_activation)
        graph = step_graph(net, x, d)
        forward, E = checked_forward(net, x, d)
        assert bits(graph.y[0].data) == bits(forward.y) and bits(graph.E.data) == bits(E)
        assert [bits(h_j.data) for h_j in graph.h[0]] == [bits(h_j) for h_j in forward.h]
        graph.y[0].backward()  # from y: the lecture's δ = ∂y/∂W, in the same order of products
        assert list(map(bits, flat(weight_gradients(graph)))) == list(map(bits, flat(lecture_W(gradients(net, x)))))


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("output_activation", list(ACTIVATIONS))
def test_from_E_autograd_gives_minus_d_minus_y_times_delta_within_8_roundings(bias, output_activation):
    # ∂E/∂W = −(d − y) · δ. The library multiplies by −(d − y) last; autograd starts with it at E and
    # carries it back through every factor, so the products are the same numbers taken in another order:
    # at most 4 factors (x_i, Φ′, W²_j, Φ_out′) and −(d − y), each order rounded at most 4 times, so the
    # two differ by at most 8 roundings, 8·U relative (measured over these networks: at most 3.9·U).
    rng = random.Random(2424)
    for _ in range(25):
        net, x, d = random_lecture_network(rng, bias, output_activation)
        graph = step_graph(net, x, d)
        graph.E.backward()
        slope = -(d - graph.y[0].data)  # ∂E/∂y
        for dE_dW, delta in zip(flat(weight_gradients(graph)), flat(lecture_W(gradients(net, x)))):
            assert abs(dE_dW - slope * delta) <= 8 * U * abs(slope * delta)


def random_deep_network(rng, bias, output_activation):
    layers = [rng.randint(1, 3) for _ in range(rng.randint(2, 5))]
    net = DeepNetwork.random(layers, activation=rng.choice(list(ACTIVATIONS)), bias=bias, seed=rng.randrange(10**6),
                             output_activation=output_activation)
    x = [rng.uniform(-2, 2) for _ in range(layers[0])]
    return net, x, [rng.uniform(-1, 1) for _ in range(layers[-1])]


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("output_activation", list(ACTIVATIONS))
def test_every_output_of_a_deep_network_by_autograd_is_the_library_to_the_bit(bias, output_activation):
    rng = random.Random(240)
    for _ in range(20):
        net, x, d = random_deep_network(rng, bias, output_activation)
        graph = step_graph(net, x, d)
        forward, E = deep.checked_forward(net, x, d)
        assert list(map(bits, (y_j.data for y_j in graph.y))) == list(map(bits, forward.y))
        assert bits(graph.E.data) == bits(E)
        for j, y_j in enumerate(graph.y):
            for value in graph.E.graph():  # a weight y_j is not made from (Wᴷ_i2 for y_1) keeps its grad: 0
                value.grad = 0.0
            y_j.backward()  # the paths through a neuron add up in the library's order: j = 1, 2, …
            assert list(map(bits, flat(weight_gradients(graph)))) == list(map(bits, flat(deep.gradients(net, x, j).dy_dW)))


@pytest.mark.parametrize("output_activation", list(ACTIVATIONS))
def test_from_E_a_deep_network_gives_the_librarys_step_divided_by_minus_alpha(output_activation):
    # ΔW = α · Σ_j (d_j − y_j) · ∂y_j/∂W = −α · ∂E/∂W. The library adds the outputs' errors first and goes
    # back once (deep.changes_of_all_outputs), as E.backward() does, but multiplies by α at the end: the
    # same products in another order, with sums that may cancel, so the bound is relative to the largest
    # gradient of the network (measured over these networks: below 2⁻⁵² of it; asserted: 2⁻⁴⁴).
    rng = random.Random(24024)
    for _ in range(30):
        net, x, d = random_deep_network(rng, rng.random() < 0.5, output_activation)
        graph = step_graph(net, x, d)
        graph.E.backward()
        alpha = 0.5
        step = deep.compute_step(net, x, d, alpha)
        dE_dW = flat(weight_gradients(graph))
        scale = max(map(abs, dE_dW)) or 1.0
        for ours, delta_W in zip(dE_dW, flat(step.delta_W)):
            assert abs(ours - (-delta_W / alpha)) <= 2 ** -44 * scale


def test_the_quiz_network_by_hand_two_paths_add_up():
    # Φ the identity: y = x·(W¹_11·(W²_11·W³_11 + W²_12·W³_21) + W¹_12·(W²_21·W³_11 + W²_22·W³_21))
    # ∂y/∂W¹_11 = x·(W²_11·W³_11 + W²_12·W³_21) = 2·(1·3 + 2·4) = 22; y = 2·(1·11 + 1·7) = 36
    net = DeepNetwork([[[1.0, 1.0]], [[1.0, 2.0], [1.0, 1.0]], [[3.0], [4.0]]], activation="identity")
    graph = step_graph(net, [2.0], 40.0)
    assert graph.y[0].data == 36.0 and graph.E.data == 8.0  # ½(40 − 36)²
    graph.y[0].backward()
    assert graph.W[0][0][0].grad == 22.0
    assert graph.x[0].grad == 36.0 / 2.0  # y is linear in x
    graph.E.backward()
    assert graph.W[0][0][0].grad == -(40.0 - 36.0) * 22.0


def test_the_lecture_example_against_finite_differences():
    # the lecture's gradients, worked out again by a centred difference quotient of E in every weight
    net, x, d = lecture_example.network(), lecture_example.x, lecture_example.d
    graph = step_graph(net, x, d)
    graph.E.backward()

    def E(W1, W2):
        return step_graph(Network(W1, W2), x, d).E.data

    h = 1e-6
    for i, row in enumerate(net.W1):
        for j in range(len(row)):
            up, down = [r[:] for r in net.W1], [r[:] for r in net.W1]
            up[i][j] += h
            down[i][j] -= h
            assert graph.W[0][i][j].grad == pytest.approx((E(up, net.W2) - E(down, net.W2)) / (2 * h), abs=1e-8)
    assert graph.E.name == "E" and [value.name for value in graph.h[0]] == ["h_1", "h_2", "h_3"]
    assert graph.W[1][2][0].name == "W²_3" and graph.W[0][1][2].name == "W¹_23" and graph.y[0].name == "y"


def test_a_value_made_twice_from_the_same_number_adds_both_paths():
    a = Value(3.0, "a")
    square = a * a  # ∂(a·a)/∂a = a + a = 6
    square.backward()
    assert a.grad == 6.0
    b = Value(Fraction(1, 4), "b")  # a Fraction is a number; it is kept as the float 0.25
    result = total([a, b, 2 * a])  # 3 + 0.25 + 6
    result.backward()
    assert (result.data, a.grad, b.grad) == (9.25, 3.0, 1.0)
    relu = ACTIVATIONS["relu"]
    out = activate(Value(-1.0), "relu", relu.phi, relu.phi_prime)
    out.backward()
    assert out.data == 0.0 and out.parents[0][0].grad == 0.0


@pytest.mark.parametrize("make, message", [
    (lambda: Value("0.5"), "data must be a number, not '0.5'"),
    (lambda: Value(True), "data must be a number, not True"),
    (lambda: Value(None), "data must be a number, not None"),
    (lambda: Value(1.0) + "2", "the other term of + must be a number, not '2'"),
    (lambda: [1.0] * Value(2.0), "the other factor of · must be a number, not [1.0]"),
    (lambda: total([Value(1.0), "x"]), "a term of Σ must be a number, not 'x'"),
    (lambda: Value(1.0, name=3), "name must be a str, not 3"),
    (lambda: step_graph("2-3-1", [1.0, 0.5], 1.0), "net must be a Network or a DeepNetwork, not str"),
    (lambda: step_graph(lecture_example.network(), [1.0, "a"], 1.0), "must be a number"),
    (lambda: step_graph(lecture_example.network(), [1.0, 0.5], "1"), "d must be a number, not '1'"),
])
def test_non_numbers_are_refused_naming_the_argument(make, message):
    with pytest.raises(TypeError) as error:
        make()
    assert message in str(error.value)


def test_an_infinite_weight_is_refused_before_a_graph_is_made():
    with pytest.raises(ValueError, match="data must be a finite number"):
        Value(float("nan"))


def test_the_example_of_docs_pytorch_md_runs_as_shown():
    import doctest
    import os

    from conftest import ROOT

    result = doctest.testfile(os.path.join(ROOT, "docs", "pytorch.md"), module_relative=False)
    assert result.attempted == 7 and result.failed == 0


def test_a_loss_or_an_activation_of_a_learners_own_values_is_checked():
    from backprop.autograd import squared_error

    E = squared_error([Value(9.0, "y")], [10.0])  # ½(10 − 9)², ∂E/∂y = −1
    E.backward()
    assert (E.data, E.parents[0][0].grad) == (0.5, -1.0)
    with pytest.raises(TypeError, match="d_1 must be a number, not .1."):
        squared_error([Value(1.0)], ["1"])
    with pytest.raises(ValueError, match="d has 2 values but the network has 1 output"):
        squared_error([Value(1.0)], [1.0, 2.0])
    with pytest.raises(TypeError, match="the value Φ is applied to must be a number, not 'a'"):
        activate("a", "Φ", abs, abs)


def test_a_network_with_a_phi_per_layer_by_autograd_is_the_library_to_the_bit():
    rng = random.Random(23)
    for activation in (["relu", "tanh"], ["sigmoid", "identity", "relu"]):
        net = DeepNetwork.random([2] + [3] * len(activation) + [1], activation=activation, seed=rng.randrange(10**6))
        x = [rng.uniform(-2, 2) for _ in range(2)]
        graph = step_graph(net, x, [0.5])
        graph.y[0].backward()
        assert list(map(bits, flat(weight_gradients(graph)))) == list(map(bits, flat(deep.gradients(net, x, 0).dy_dW)))


# --- cross-entropy: E made from y′, as the library computes it -------------------------------------------

def random_targets(rng, n_outputs):
    """d for cross-entropy: one probability for one output; for softmax, one-hot or probabilities adding up to 1."""
    if n_outputs == 1:
        return [rng.random()]
    if rng.random() < 0.5:
        return [1.0 if j == 0 else 0.0 for j in range(n_outputs)][::rng.choice([1, -1])]
    p = [rng.random() for _ in range(n_outputs)]
    d = [p_j / sum(p) for p_j in p]
    d[-1] = 1.0 - sum(d[:-1])  # within 1e-9 of 1 either way; the library checks that
    return d


@pytest.mark.parametrize("bias", [False, True])
def test_the_lecture_network_with_cross_entropy_by_autograd_is_the_librarys_step(bias):
    # y, E and, from y′, δ = ∂y′/∂W (the δ of cross-entropy's step, Φ_out′ cancelled) are the library's to the bit.
    # From E: ∂E/∂W = −ΔW/α. The library multiplies α(d − y) (exact with α = ½) into δ = x_i·(Φ′·W²_j) last;
    # autograd carries −(d − y) back and takes x_i·(Φ′·(W²_j·(−(d − y)))): the same four factors, three roundings
    # in each order, so at most 6 roundings apart, 6·U relative (measured over 500 networks: at most 3.5·U).
    rng = random.Random(2400 + bias)
    for _ in range(25):
        n_inputs, n_hidden = rng.randint(1, 4), rng.randint(1, 5)
        net = Network.random(n_inputs, n_hidden, activation=rng.choice(list(ACTIVATIONS)), bias=bias,
                             seed=rng.randrange(10**6), output_activation="sigmoid", loss="cross_entropy")
        x, d = [rng.uniform(-2, 2) for _ in range(n_inputs)], rng.random()
        graph = step_graph(net, x, d)
        forward, E = checked_forward(net, x, d)
        assert (bits(graph.y[0].data), bits(graph.E.data)) == (bits(forward.y), bits(E))
        graph.y_prime[0].backward()
        assert list(map(bits, flat(weight_gradients(graph)))) == list(map(bits, flat(lecture_W(backpropagate(net, forward, True)))))
        graph.E.backward()
        step = compute_step(net, x, d, 0.5)
        for dE_dW, delta_W in zip(flat(weight_gradients(graph)), flat([step.delta_W1, [[w] for w in step.delta_W2]])):
            assert abs(dE_dW - (-delta_W / 0.5)) <= 6 * U * (1 + 1e-9) * abs(delta_W / 0.5)


@pytest.mark.parametrize("output_activation", ["sigmoid", "softmax"])
def test_a_deep_network_with_cross_entropy_by_autograd_is_the_library_to_the_bit(output_activation):
    # E, every y_j and every ∂y_j/∂W (softmax: each y_j made from every y′_l, the Jacobian's row) are the library's
    # to the bit; and from E, ∂E/∂W = −ΔW/α to the bit: the library starts its one backward pass from d_j − y_j,
    # the same numbers in the same order as autograd's −(d_j − y_j) (and α = ½ scales exactly).
    rng = random.Random(24 if output_activation == "sigmoid" else 42)
    for _ in range(25):
        n_outputs = 1 if output_activation == "sigmoid" else rng.randint(2, 4)
        layers = [rng.randint(1, 3) for _ in range(rng.randint(1, 4))] + [n_outputs]
        net = DeepNetwork.random(layers, activation=rng.choice(list(ACTIVATIONS)), bias=rng.random() < 0.5,
                                 seed=rng.randrange(10**6), output_activation=output_activation, loss="cross_entropy")
        x, d = [rng.uniform(-2, 2) for _ in range(layers[0])], random_targets(rng, n_outputs)
        graph = step_graph(net, x, d)
        forward, E = deep.checked_forward(net, x, d)
        assert list(map(bits, (y_j.data for y_j in graph.y))) == list(map(bits, forward.y))
        assert bits(graph.E.data) == bits(E)
        for j, y_j in enumerate(graph.y):
            for value in y_j.graph():
                value.grad = 0.0
            y_j.backward()
            assert list(map(bits, flat(weight_gradients(graph)))) == list(map(bits, flat(deep.gradients(net, x, j).dy_dW)))
        graph.E.backward()
        step = deep.compute_step(net, x, d, 0.5)
        assert list(map(bits, flat(weight_gradients(graph)))) == [bits(-delta_W / 0.5) for delta_W in flat(step.delta_W)]


def test_cross_entropy_by_hand():
    # Φ the identity, W = 0: y′ = 0. One sigmoid output: y = ½, E = ln(1 + e⁰) − 1·0 = ln 2, ∂E/∂y′ = −(1 − ½) = −½,
    # ∂E/∂W²_1 = h_1·(−½) = 0 (h = 0), ∂E/∂h_1 = W²_1·(−½) = 0.
    net = Network([[0.0], [0.0]], [0.0], activation="identity", output_activation="sigmoid", loss="cross_entropy")
    graph = step_graph(net, [1.0, 2.0], 1.0)
    graph.E.backward()
    assert (graph.y[0].data, graph.E.data, graph.y_prime[0].grad) == (0.5, math.log(2.0), -0.5)
    assert graph.y[0] not in graph.E.graph()  # E is made from y′; y gives the slope
    # softmax, W¹ = (1, 1), W² = ((1, 1), (−1, −1)): h = (2, 2) for x = 2, y′ = (2 − 2, 2 − 2) = (0, 0), y = (½, ½);
    # d = (1, 0): E = −(0 − ln 2) = ln 2, ∂E/∂y′ = −(d − y) = (−½, ½), ∂E/∂W²_11 = h_1·(−½) = −1, ∂E/∂W²_12 = h_1·½ = 1
    net = DeepNetwork([[[1.0, 1.0]], [[1.0, 1.0], [-1.0, -1.0]]], activation="identity", output_activation="softmax",
                      loss="cross_entropy")
    graph = step_graph(net, [2.0], [1.0, 0.0])
    graph.E.backward()
    assert [y_j.data for y_j in graph.y] == [0.5, 0.5] and graph.E.data == math.log(2.0)
    assert [v.grad for v in graph.y_prime] == [-0.5, 0.5] and graph.W[1][0][0].grad == -1.0 and graph.W[1][0][1].grad == 1.0
    graph.y[0].backward()  # ∂y_1/∂y′ = (y_1(1 − y_1), −y_1·y_2) = (¼, −¼)
    assert [v.grad for v in graph.y_prime] == [0.25, -0.25]


def test_cross_entropy_against_finite_differences():
    # a 2-3-3 softmax network: ∂E/∂W of autograd against a centred difference quotient of the library's E
    net = DeepNetwork.random([2, 3, 3], activation="tanh", bias=True, seed=5, output_activation="softmax",
                             loss="cross_entropy")
    x, d = [0.4, -0.3], [0.0, 1.0, 0.0]
    graph = step_graph(net, x, d)
    graph.E.backward()
    h = 1e-6
    for k, W_k in enumerate(net.W):
        for i, row in enumerate(W_k):
            for j in range(len(row)):
                up, down = net.copy(), net.copy()
                up.W[k][i][j] += h
                down.W[k][i][j] -= h
                slope = (deep.checked_forward(up, x, d)[1] - deep.checked_forward(down, x, d)[1]) / (2 * h)
                assert graph.W[k][i][j].grad == pytest.approx(slope, abs=1e-8)


def test_the_cross_entropy_value_refuses_what_is_not_a_number():
    from backprop.autograd import cross_entropy

    with pytest.raises(TypeError, match="y′ must be a number, not 'a'"):
        cross_entropy(["a"], [Value(0.5)], [1.0])
    with pytest.raises(TypeError, match="d_1 must be a number, not '1'"):
        cross_entropy([Value(0.0)], [Value(0.5)], ["1"])
