"""The course's quiz network (1 input, two hidden layers of two neurons, 1 output) worked by hand.

The weights are multiples of 1/32 and the activation is ReLU with every neuron
active, so every value below is exact in binary floating point and the library
must reproduce it to the last bit. The comments show the pencil work.
"""

import math

import pytest

from backprop.math.deep import DeepNetwork, gradients, sgd_step, squared_error

# W¹: x_1 → h¹_1, h¹_2 ; W²: row i from h¹_i, column j to h²_j ; W³: h²_j → y
W = [[[0.5, 0.25]], [[1.0, 0.5], [2.0, 1.0]], [[0.75], [-0.5]]]
x = [2.0]
d = 2.0
alpha = 0.25


def quiz_net(activation="relu"):
    return DeepNetwork(W, activation=activation)


def test_feedforward_by_hand():
    forward = quiz_net().feedforward(x)
    # h′¹_1 = x_1·W¹_11 = 2·0.5 = 1 ; h′¹_2 = 2·0.25 = 0.5 ; ReLU keeps both
    assert forward.h_prime[0] == [1.0, 0.5]
    assert forward.h[0] == [1.0, 0.5]
    # h′²_1 = h¹_1·W²_11 + h¹_2·W²_21 = 1·1 + 0.5·2 = 2
    # h′²_2 = h¹_1·W²_12 + h¹_2·W²_22 = 1·0.5 + 0.5·1 = 1
    assert forward.h_prime[1] == [2.0, 1.0]
    assert forward.h[1] == [2.0, 1.0]
    # y = h²_1·W³_11 + h²_2·W³_21 = 2·0.75 + 1·(−0.5) = 1
    assert forward.y == [1.0]


def test_dy_dW1_11_is_the_sum_of_two_paths():
    # W¹_11 feeds h¹_1, and h¹_1 reaches y two ways:
    #   path 1: h¹_1 → h²_1 → y :  x_1 · Φ′(h′¹_1) · W²_11 · Φ′(h′²_1) · W³_11 = 2·1·1·1·0.75 = 1.5
    #   path 2: h¹_1 → h²_2 → y :  x_1 · Φ′(h′¹_1) · W²_12 · Φ′(h′²_2) · W³_21 = 2·1·0.5·1·(−0.5) = −0.5
    # ∂y/∂W¹_11 = path 1 + path 2 = 1.5 − 0.5 = 1
    path_1 = 2.0 * 1.0 * 1.0 * 1.0 * 0.75
    path_2 = 2.0 * 1.0 * 0.5 * 1.0 * -0.5
    assert (path_1, path_2) == (1.5, -0.5)
    assert gradients(quiz_net(), x).dy_dW[0][0][0] == path_1 + path_2 == 1.0


def test_a_path_through_an_inactive_neuron_adds_nothing():
    # W²_12 = −1.5 makes h′²_2 = 1·(−1.5) + 0.5·1 = −1 < 0: ReLU gives h²_2 = 0 and Φ′(h′²_2) = 0,
    # so path 2 is 2·1·(−1.5)·0·(−0.5) = 0 and ∂y/∂W¹_11 is path 1 alone, 2·1·1·1·0.75 = 1.5
    net = DeepNetwork([W[0], [[1.0, -1.5], [2.0, 1.0]], W[2]], activation="relu")
    assert net.feedforward(x).h[1] == [2.0, 0.0]
    assert gradients(net, x).dy_dW[0][0][0] == 1.5


def test_every_error_term_and_gradient_by_hand():
    delta = gradients(quiz_net(), x)
    # the output layer: ∂y/∂y = 1
    # layer 2: ∂y/∂h′²_j = Φ′(h′²_j) · W³_j1 · 1 = (0.75, −0.5)
    # layer 1: ∂y/∂h′¹_i = Φ′(h′¹_i) · (W²_i1 · 0.75 + W²_i2 · (−0.5))
    #          i = 1: 1·0.75 + 0.5·(−0.5) = 0.5 ;  i = 2: 2·0.75 + 1·(−0.5) = 1
    assert delta.dy_dh_prime == [[0.5, 1.0], [0.75, -0.5], [1.0]]
    # δ¹_1j = x_1 · ∂y/∂h′¹_j = 2·(0.5, 1) = (1, 2)
    # δ²_ij = h¹_i · ∂y/∂h′²_j : row 1 is 1·(0.75, −0.5), row 2 is 0.5·(0.75, −0.5)
    # δ³_j1 = h²_j · 1 = (2, 1)
    assert delta.dy_dW == [[[1.0, 2.0]], [[0.75, -0.5], [0.375, -0.25]], [[2.0], [1.0]]]


def test_one_step_by_hand():
    net = quiz_net()
    step = sgd_step(net, x, d, alpha)
    # E = ½(d − y)² = ½(2 − 1)² = 0.5 ; α(d − y) = 0.25·1 = 0.25 ; ΔW = 0.25·δ
    assert (step.y, step.E) == ([1.0], 0.5)
    assert step.delta_W == [[[0.25, 0.5]], [[0.1875, -0.125], [0.09375, -0.0625]], [[0.5], [0.25]]]
    # W ← W + ΔW, every ΔW from the weights before the step
    assert net.W == [[[0.75, 0.75]], [[1.1875, 0.375], [2.09375, 0.9375]], [[1.25], [-0.25]]]


def test_quiz_with_the_sigmoid_matches_the_two_paths_from_math_exp():
    """The same network with the sigmoid, the two paths worked straight from the formulas."""
    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731  the sigmoid, as on paper
    s_prime = lambda z: s(z) * (1 - s(z))  # noqa: E731
    h1_prime = [2 * 0.5, 2 * 0.25]
    h1 = [s(v) for v in h1_prime]
    h2_prime = [h1[0] * 1.0 + h1[1] * 2.0, h1[0] * 0.5 + h1[1] * 1.0]
    path_1 = x[0] * s_prime(h1_prime[0]) * 1.0 * s_prime(h2_prime[0]) * 0.75
    path_2 = x[0] * s_prime(h1_prime[0]) * 0.5 * s_prime(h2_prime[1]) * -0.5
    library = gradients(quiz_net("sigmoid"), x).dy_dW[0][0][0]
    assert library == pytest.approx(path_1 + path_2, rel=1e-14)
    assert abs(path_2) > 0.1 * abs(path_1)  # both paths count


def test_two_outputs_by_hand():
    # x = 1, W¹ = (1, 2), Φ = identity: h¹ = (1, 2)
    # y_1 = 1·1 + 2·0.5 = 2 ; y_2 = 1·0 + 2·1 = 2
    net = DeepNetwork([[[1.0, 2.0]], [[1.0, 0.0], [0.5, 1.0]]], activation="identity")
    assert net.predict([1.0]) == [2.0, 2.0]
    # ∂y_1/∂W²_ij = h¹_i for j = 1, else 0 ; ∂y_1/∂W¹_1j = x_1 · W²_j1 = (1, 0.5)
    assert gradients(net, [1.0], output=0).dy_dW == [[[1.0, 0.5]], [[1.0, 0.0], [2.0, 0.0]]]
    assert gradients(net, [1.0], output=1).dy_dW == [[[0.0, 1.0]], [[0.0, 1.0], [0.0, 2.0]]]
    # d = (3, 1): E = ½((3 − 2)² + (1 − 2)²) = 1 ; α = 0.5: α(d_j − y_j) = (0.5, −0.5)
    assert squared_error([3.0, 1.0], [2.0, 2.0]) == 1.0
    step = sgd_step(net, [1.0], [3.0, 1.0], alpha=0.5)
    assert step.E == 1.0
    # ΔW = 0.5·∂y_1/∂W − 0.5·∂y_2/∂W
    assert step.delta_W == [[[0.5, -0.25]], [[0.5, -0.5], [1.0, -1.0]]]


def test_bias_by_hand():
    # layers 1-1-1 with bias: W¹ = (1; 0.5) (weight, then h¹'s bias), W² = (2; −1)
    net = DeepNetwork([[[1.0], [0.5]], [[2.0], [-1.0]]], activation="relu", bias=True)
    # h′¹_1 = 3·1 + 1·0.5 = 3.5 ; y = 3.5·2 + 1·(−1) = 6
    forward = net.feedforward([3.0])
    assert (forward.h_prime, forward.y) == ([[3.5]], [6.0])
    # δ² = (h¹_1, 1) = (3.5, 1) ; ∂y/∂h′¹_1 = Φ′(3.5)·W²_11 = 2 ; δ¹ = (x_1, 1)·2 = (6, 2)
    assert gradients(net, [3.0]).dy_dW == [[[6.0], [2.0]], [[3.5], [1.0]]]


def test_the_example_shows_the_two_paths_adding_up_to_the_librarys_number(run):
    result = run("examples/two_hidden_layers.py")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    path_1, path_2, total, library = (float(line.rsplit("=", 1)[1]) for line in lines[-4:])
    assert lines[-2].strip().startswith("path 1 + path 2")
    assert path_1 > 0 > path_2  # the two paths pull opposite ways, and both count
    assert total == pytest.approx(path_1 + path_2, abs=2e-6) and total == library
