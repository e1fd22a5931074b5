"""Checking backpropagation against finite differences.

The chain rule gives ∂y/∂W exactly (:func:`backprop.gradients`). A slope can also
be *measured*: nudge one weight by ±ε and watch the output move,

    ∂f/∂W ≈ (f(W + ε) − f(W − ε)) / 2ε        (a central difference)

If the two agree for every weight, the backpropagation is right. This module
measures ∂y/∂W and ∂E/∂W that way, and compares them with the analytic ones.
"""

from typing import Callable

from backprop.math import validate
from backprop.loss import _squared_error, error_slope
from backprop.network import Network
from backprop.train import Gradients, _check_lecture_network, gradients


def _central_differences(net: Network, f: Callable[[], float], epsilon: float) -> Gradients:
    """(f(W + ε) − f(W − ε)) / 2ε for each weight W of ``net``, each put back exactly after."""
    grad_W1 = [[_slope(row, j, f, epsilon) for j in range(len(row))] for row in net.W1]
    grad_W2 = [_slope(net.W2, j, f, epsilon) for j in range(len(net.W2))]
    return Gradients(grad_W1, grad_W2)


def _slope(weights: list[float], k: int, f: Callable[[], float], epsilon: float) -> float:
    """(f(W + ε) − f(W − ε)) / 2ε for the weight W = ``weights[k]``, put back exactly after."""
    W = weights[k]
    try:
        weights[k] = W + epsilon
        f_plus = f()
        weights[k] = W - epsilon
        f_minus = f()
    finally:
        weights[k] = W
    # ∂f/∂W ≈ (f(W + ε) − f(W − ε)) / 2ε
    return (f_plus - f_minus) / (2.0 * epsilon)


def numerical_dy_dW(net: Network, x, epsilon: float = 1e-6) -> Gradients:
    """Return ∂y/∂W for every weight, measured by central differences.

    >>> net = Network([[1.0], [2.0]], [3.0], activation="identity")
    >>> [round(v, 6) for v in numerical_dy_dW(net, [1.0, 1.0]).dy_dW2]
    [3.0]
    """
    _check_lecture_network(net, "backprop.math.gradcheck.numerical_dy_dW", "backprop.math.deep_gradcheck.numerical_dy_dW")
    x = net.check_x(x)
    epsilon = validate.positive(epsilon, "epsilon")
    return _central_differences(net, lambda: net._feedforward(x).y, epsilon)


def numerical_dE_dW(net: Network, x, d: float, epsilon: float = 1e-6) -> Gradients:
    """Return ∂E/∂W for every weight, measured by central differences.

    The result is a :class:`~backprop.Gradients` whose fields hold ∂E/∂W¹ and ∂E/∂W².

    >>> net = Network([[1.0], [2.0]], [3.0], activation="identity")
    >>> [round(v, 6) for v in numerical_dE_dW(net, [1.0, 1.0], d=10.0).dy_dW2]
    [-3.0]
    """
    _check_lecture_network(net, "backprop.math.gradcheck.numerical_dE_dW", "backprop.math.deep_gradcheck.numerical_dE_dW")
    x = net.check_x(x)
    d = validate.number(d, "d")
    epsilon = validate.positive(epsilon, "epsilon")
    return _central_differences(net, lambda: _squared_error(d, net._feedforward(x).y), epsilon)


def relative_difference(a: float, b: float, floor: float = 1e-8) -> float:
    """Return |a − b| / max(|a|, |b|, floor): 0 when equal, near 1 when unrelated.

    The floor keeps two slopes that are both (nearly) zero from counting as different.

    >>> relative_difference(2.0, 2.002)
    0.000999...
    """
    return abs(a - b) / max(abs(a), abs(b), floor)


def max_relative_error(net: Network, x, d: float, epsilon: float = 1e-6) -> float:
    """Return the largest relative difference between analytic and measured gradients.

    Compares, for every weight, the chain rule's ∂y/∂W with the central difference,
    and ∂E/∂W = −(d − y)·∂y/∂W with the central difference of E. A correct
    backpropagation gives about 1e-7 or less (away from ReLU's kink at 0).

    >>> net = Network.random(seed=3)
    >>> max_relative_error(net, [0.5, -1.0], d=1.0) < 1e-6
    True
    """
    _check_lecture_network(net, "backprop.math.gradcheck.max_relative_error", "backprop.math.deep_gradcheck.max_relative_error")
    x = net.check_x(x)
    d = validate.number(d, "d")
    delta = gradients(net, x)
    # ∂E/∂W = ∂E/∂y · ∂y/∂W = −(d − y) · δ
    dE_dy = error_slope(d, net.predict(x))
    analytic_dy = _flatten(delta)
    analytic_dE = [dE_dy * value for value in analytic_dy]
    measured_dy = _flatten(numerical_dy_dW(net, x, epsilon))
    measured_dE = _flatten(numerical_dE_dW(net, x, d, epsilon))
    return max(
        relative_difference(a, m)
        for a, m in zip(analytic_dy + analytic_dE, measured_dy + measured_dE)
    )


def _flatten(grads: Gradients) -> list[float]:
    return [value for row in grads.dy_dW1 for value in row] + list(grads.dy_dW2)
