"""The chain rule's gradients against central differences, over activations, shapes and bias."""

import random

import pytest

from backprop import Network, gradcheck, gradients


def sample(n_inputs, seed):
    rng = random.Random(seed)
    return [rng.uniform(-2, 2) for _ in range(n_inputs)], rng.uniform(-1, 1)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "identity"])
@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("n_inputs, n_hidden", [(2, 3), (1, 1), (3, 5), (4, 2)])
def test_backpropagation_matches_finite_differences(activation, bias, n_inputs, n_hidden):
    for seed in range(3):
        net = Network.random(n_inputs, n_hidden, activation=activation, bias=bias, seed=seed)
        x, d = sample(n_inputs, seed + 100)
        h_prime = net.feedforward(x).h_prime
        if activation == "relu" and min(abs(v) for v in h_prime) < 1e-3:
            continue  # a central difference across ReLU's kink measures no slope
        assert gradcheck.max_relative_error(net, x, d) < 1e-6


def test_numerical_gradients_are_shaped_like_the_weights():
    net = Network.random(3, 4, bias=True, seed=0)
    measured = gradcheck.numerical_dy_dW(net, [0.1, 0.2, 0.3])
    assert [len(row) for row in measured.dy_dW1] == [4, 4, 4, 4]
    assert len(measured.dy_dW2) == 5


def test_de_dw_is_minus_error_times_dy_dw():
    net = Network.random(seed=9)
    x, d = [0.4, -0.7], 0.25
    y = net.predict(x)
    dE = gradcheck.numerical_dE_dW(net, x, d)
    dy = gradients(net, x)
    assert dE.dy_dW2 == pytest.approx([-(d - y) * v for v in dy.dy_dW2], rel=1e-6)


def test_the_weights_are_put_back_exactly():
    net = Network.random(seed=1)
    before = [list(row) for row in net.W1], list(net.W2)
    gradcheck.max_relative_error(net, [0.3, 0.9], 1.0)
    assert (net.W1, net.W2) == before


def test_a_wrong_gradient_is_caught():
    """The checker must be able to fail: a backward pass that forgets Φ′ is far off."""
    net = Network.random(seed=2)
    x = [0.5, -1.5]
    wrong = [W2_j * x_i for x_i in x for W2_j in net.W2]  # δ¹ without Φ′(h′_j)
    measured = gradcheck.numerical_dy_dW(net, x).dy_dW1
    flat = [v for row in measured for v in row]
    assert max(gradcheck.relative_difference(a, m) for a, m in zip(wrong, flat)) > 0.5


def test_relative_difference():
    assert gradcheck.relative_difference(1.0, 1.0) == 0.0
    assert gradcheck.relative_difference(0.0, 1e-12) < 1e-3
    assert gradcheck.relative_difference(1.0, -1.0) == 2.0
