"""Checking a deep network's backpropagation against finite differences.

The same check as :mod:`backprop.math.gradcheck`, for a :class:`~backprop.math.deep.DeepNetwork`:
nudge one weight by ±ε and measure how y_k and E move,

    ∂f/∂W ≈ (f(W + ε) − f(W − ε)) / 2ε        (a central difference)

then compare with the chain rule's ∂y_k/∂W (:func:`backprop.math.deep.gradients`) and
∂E/∂W = −Σ_k (d_k − y_k)·∂y_k/∂W (the step of :func:`backprop.math.deep.sgd_step`).
"""

from typing import Callable

from backprop.math import validate
from backprop.math.deep import DeepNetwork, _check_network, _squared_error, _step, gradients
from backprop.math.gradcheck import _slope, relative_difference


def _central_differences(net: DeepNetwork, f: Callable[[], float], epsilon: float) -> list:
    """(f(W + ε) − f(W − ε)) / 2ε for each weight W of ``net``, shaped like ``net.W``."""
    return [[[_slope(row, j, f, epsilon) for j in range(len(row))] for row in W_k] for W_k in net.W]


def numerical_dy_dW(net: DeepNetwork, x, output: int | None = None, epsilon: float = 1e-6) -> list:
    """Return ∂y/∂W for every weight, measured by central differences, shaped like ``net.W``.

    ``output`` says which y_k when there are several, as in :func:`backprop.math.deep.gradients`.

    >>> net = DeepNetwork([[[1.0]], [[2.0]], [[3.0]]], activation="identity")
    >>> [round(v, 6) for v in (numerical_dy_dW(net, [1.0])[0][0][0], 2.0 * 3.0)]
    [6.0, 6.0]
    """
    _check_network(net)
    x = net.check_x(x)
    epsilon = validate.positive(epsilon, "epsilon")
    output = net.check_output(output)
    return _central_differences(net, lambda: net._feedforward(x).y[output], epsilon)


def numerical_dE_dW(net: DeepNetwork, x, d, epsilon: float = 1e-6) -> list:
    """Return ∂E/∂W for every weight, measured by central differences, shaped like ``net.W``.

    >>> net = DeepNetwork([[[1.0]], [[2.0, 1.0]]], activation="identity")
    >>> round(numerical_dE_dW(net, [1.0], d=[0.0, 0.0])[0][0][0], 6)   # E = ½(4 + 1)W¹²
    5.0
    """
    _check_network(net)
    x = net.check_x(x)
    d = net.check_d(d)
    epsilon = validate.positive(epsilon, "epsilon")
    return _central_differences(net, lambda: _squared_error(d, net._feedforward(x).y), epsilon)


def max_relative_error(net: DeepNetwork, x, d, epsilon: float = 1e-6) -> float:
    """Return the largest relative difference between analytic and measured gradients.

    Compares, for every weight and every output y_k, the chain rule's ∂y_k/∂W
    with its central difference, and ∂E/∂W = −ΔW/α from one step's ΔW with the
    central difference of E. A correct backpropagation gives about 1e-6 or
    less (away from ReLU's kink at 0); more only where a gradient is so small,
    1e-5 or less, that the measurement's own rounding (about 1e-10) shows.

    >>> net = DeepNetwork.random([2, 3, 3, 2], activation="tanh", bias=True, seed=3)
    >>> max_relative_error(net, [0.5, -1.0], d=[1.0, 0.0]) < 1e-5
    True
    """
    _check_network(net)
    x = net.check_x(x)
    d = net.check_d(d)
    analytic, measured = [], []
    for k in range(net.n_outputs):
        analytic += _flatten(gradients(net, x, k).dy_dW)
        measured += _flatten(numerical_dy_dW(net, x, k, epsilon))
    # ∂E/∂W = −ΔW / α, the step's own ΔW = α · Σ_k (d_k − y_k) · ∂y_k/∂W, here with α = 1
    analytic += [-value for value in _flatten(_step(net, x, d, 1.0).delta_W)]
    measured += _flatten(numerical_dE_dW(net, x, d, epsilon))
    return max(relative_difference(a, m) for a, m in zip(analytic, measured))


def _flatten(W: list) -> list[float]:
    return [value for W_k in W for row in W_k for value in row]
