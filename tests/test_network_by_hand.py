"""The lecture's 2-3-1 example worked by hand, every number checked against the library.

The weights are multiples of 1/64, so every value below is exact in binary
floating point and the library must reproduce it to the last bit. The comments
show the pencil work; a second check redoes it with ``fractions.Fraction``.
"""

import math
from fractions import Fraction as F

import pytest

from backprop import Network, gradients, sgd_step, squared_error

W1 = [[0.5, -0.25, 1.0], [0.25, 0.5, -0.5]]
W2 = [0.5, -1.0, 0.25]
x = [1.0, 2.0]
d = 1.0
alpha = 0.25


def identity_net():
    return Network(W1, W2, activation="identity")


def test_feedforward_by_hand():
    forward = identity_net().feedforward(x)
    # h′_1 = x_1·W_11 + x_2·W_21 = 1·0.5 + 2·0.25 = 1
    # h′_2 = 1·(−0.25) + 2·0.5 = 0.75
    # h′_3 = 1·1 + 2·(−0.5) = 0
    assert forward.h_prime == [1.0, 0.75, 0.0]
    assert forward.h == [1.0, 0.75, 0.0]  # Φ(z) = z
    # y = 1·0.5 + 0.75·(−1) + 0·0.25 = −0.25
    assert forward.y == -0.25


def test_error_by_hand():
    # E = ½(1 − (−0.25))² = ½ · 1.5625 = 0.78125
    assert squared_error(d, -0.25) == 0.78125


def test_gradients_by_hand():
    delta = gradients(identity_net(), x)
    # δ²_j = h_j
    assert delta.dy_dW2 == [1.0, 0.75, 0.0]
    # δ¹_ij = W²_j · Φ′(h′_j) · x_i, with Φ′ = 1: row i is x_i · W²
    assert delta.dy_dW1 == [[0.5, -1.0, 0.25], [1.0, -2.0, 0.5]]


def test_sgd_step_by_hand():
    net = identity_net()
    step = sgd_step(net, x, d, alpha)
    assert (step.y, step.E) == (-0.25, 0.78125)
    # α(d − y) = 0.25 · 1.25 = 0.3125; ΔW = 0.3125 · δ
    assert step.delta_W2 == [0.3125, 0.234375, 0.0]
    # ΔW¹ uses the old W² = (0.5, −1, 0.25), not the updated one
    assert step.delta_W1 == [[0.15625, -0.3125, 0.078125], [0.3125, -0.625, 0.15625]]
    assert net.W2 == [0.8125, -0.765625, 0.25]
    assert net.W1 == [[0.65625, -0.5625, 1.078125], [0.5625, -0.125, -0.34375]]


def test_step_agrees_with_exact_fractions():
    """The same step done exactly with fractions, for weights that are not exact in binary."""
    W1_q = [[F(1, 3), F(-2, 5), F(7, 10)], [F(3, 7), F(1, 9), F(-5, 6)]]
    W2_q = [F(2, 3), F(-1, 4), F(5, 7)]
    x_q, d_q, alpha_q = [F(3, 10), F(-6, 5)], F(1, 2), F(1, 10)
    h = [sum(x_q[i] * W1_q[i][j] for i in range(2)) for j in range(3)]
    y = sum(h[j] * W2_q[j] for j in range(3))
    E = F(1, 2) * (d_q - y) ** 2
    dW2 = [alpha_q * (d_q - y) * h[j] for j in range(3)]
    dW1 = [[alpha_q * (d_q - y) * W2_q[j] * x_q[i] for j in range(3)] for i in range(2)]

    net = Network(W1_q, W2_q, activation="identity")
    step = sgd_step(net, x_q, d_q, alpha_q)
    assert step.y == pytest.approx(float(y), rel=1e-15)
    assert step.E == pytest.approx(float(E), rel=1e-14)
    assert step.delta_W2 == pytest.approx([float(v) for v in dW2], rel=1e-14)
    for row, row_q in zip(step.delta_W1, dW1):
        assert row == pytest.approx([float(v) for v in row_q], rel=1e-14)


def test_sigmoid_step_by_hand():
    """The built-in lecture example, worked straight from the formulas with math.exp."""
    net = Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3])
    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731  the sigmoid, as on paper
    h_prime = [1 * 0.5 + 0.5 * 0.2, 1 * -0.3 + 0.5 * 0.7, 1 * 0.8 + 0.5 * -0.6]  # 0.6, 0.05, 0.5
    h = [s(v) for v in h_prime]
    y = h[0] * 0.4 + h[1] * -0.5 + h[2] * 0.3
    step = sgd_step(net, [1.0, 0.5], d=1.0, alpha=0.5)
    assert step.y == pytest.approx(y, abs=1e-15)
    assert step.y == pytest.approx(0.18875162, abs=1e-8)  # read off a calculator
    assert step.E == pytest.approx(0.5 * (1 - y) ** 2, abs=1e-15)
    # ΔW¹_12 = α(d − y) · W²_2 · Φ′(h′_2) · x_1, with Φ′ = s(1 − s)
    expected = 0.5 * (1 - y) * -0.5 * h[1] * (1 - h[1]) * 1.0
    assert step.delta_W1[0][1] == pytest.approx(expected, abs=1e-15)
    assert step.delta_W2 == pytest.approx([0.5 * (1 - y) * h_j for h_j in h], abs=1e-15)


def test_bias_by_hand():
    # W1's last row is the hidden biases, W2's last entry the output bias
    net = Network([[1.0, -1.0], [0.5, 0.25]], [2.0, 1.0, -0.5], activation="relu", bias=True)
    forward = net.feedforward([2.0])
    # h′_1 = 2·1 + 1·0.5 = 2.5 ; h′_2 = 2·(−1) + 1·0.25 = −1.75 → ReLU gives 0
    assert forward.h_prime == [2.5, -1.75]
    assert forward.h == [2.5, 0.0]
    # y = 2.5·2 + 0·1 + 1·(−0.5) = 4.5
    assert forward.y == 4.5
    delta = gradients(net, [2.0])
    assert delta.dy_dW2 == [2.5, 0.0, 1.0]  # the output bias's input is 1
    # δ¹_ij = W²_j · Φ′(h′_j) · x_i with x = (2, 1): Φ′ = (1, 0)
    assert delta.dy_dW1 == [[4.0, 0.0], [2.0, 0.0]]
