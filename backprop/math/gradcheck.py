"""Checking backpropagation against finite differences, for either kind of network.

The chain rule gives ∂y/∂W exactly (:func:`backprop.gradients`,
:func:`backprop.math.deep.gradients`). A slope can also be *measured*: nudge one
weight by ±ε and watch the output move,

    ∂f/∂W ≈ (f(W + ε) − f(W − ε)) / 2ε        (a central difference)

If the two agree for every weight, the backpropagation is right. This module
measures ∂y/∂W and ∂E/∂W that way, and compares them with the analytic ones. It
takes the lecture's :class:`~backprop.Network` or a
:class:`~backprop.math.deep.DeepNetwork`, with any activation and output
activation: the measurement runs the network's own feedforward pass, y = Φ_out(y′)
included, so it checks the Φ_out′(y′) factor of the chain rule too.
"""

from typing import Callable

from backprop.math import validate
from backprop.loss import error
from backprop.math import deep
from backprop.math.deep import DeepNetwork
from backprop.network import Network
from backprop.train import Gradients, compute_step, gradients


def _check_network(net) -> None:
    if not isinstance(net, (Network, DeepNetwork)):
        raise TypeError(f"net must be a backprop.Network or a DeepNetwork, not {type(net).__name__}")


def _central_differences(net, f: Callable[[], float], epsilon: float):
    """(f(W + ε) − f(W − ε)) / 2ε for each weight W of ``net``, each put back exactly after:
    a :class:`~backprop.Gradients` for a Network, a list shaped like ``net.W`` for a DeepNetwork."""
    if isinstance(net, DeepNetwork):
        return [[[_slope(row, j, f, epsilon) for j in range(len(row))] for row in W_k] for W_k in net.W]
    grad_W1 = [[_slope(row, j, f, epsilon) for j in range(len(row))] for row in net.W1]
    grad_W2 = [_slope(net.W2, j, f, epsilon) for j in range(len(net.W2))]
    return Gradients(grad_W1, grad_W2)


def _slope(weights: list[float], j: int, f: Callable[[], float], epsilon: float) -> float:
    """(f(W + ε) − f(W − ε)) / 2ε for the weight W = ``weights[j]``, put back exactly after."""
    W = weights[j]
    try:
        weights[j] = W + epsilon
        f_plus = f()
        weights[j] = W - epsilon
        f_minus = f()
    finally:
        weights[j] = W
    # ∂f/∂W ≈ (f(W + ε) − f(W − ε)) / 2ε
    return (f_plus - f_minus) / (2.0 * epsilon)


def numerical_dy_dW(net, x, epsilon: float = 1e-6, *, output: int | None = None):
    """Return ∂y/∂W for every weight, measured by central differences.

    For a Network, a :class:`~backprop.Gradients`; for a DeepNetwork, a list shaped
    like ``net.W``, of the output ``output`` (zero-based; may be left out when there
    is only one), as in :func:`backprop.math.deep.gradients`.

    >>> net = Network([[1.0], [2.0]], [3.0], activation="identity")
    >>> [round(v, 6) for v in numerical_dy_dW(net, [1.0, 1.0]).dy_dW2]
    [3.0]
    >>> deep_net = DeepNetwork([[[1.0]], [[2.0]], [[3.0]]], activation="identity")
    >>> round(numerical_dy_dW(deep_net, [1.0])[0][0][0], 6)        # ∂y/∂W¹_11 = W²_11 · W³_11
    6.0
    """
    _check_network(net)
    x = net.check_x(x)
    epsilon = validate.positive(epsilon, "epsilon")
    if isinstance(net, DeepNetwork):
        output = net.check_output(output)
        return _central_differences(net, lambda: net._feedforward(x).y[output], epsilon)
    if output not in (None, 0):
        raise ValueError(f"the lecture's Network has one output y; leave out output, not {validate.shown(output)}")
    return _central_differences(net, lambda: net._feedforward(x).y, epsilon)


def numerical_dE_dW(net, x, d, epsilon: float = 1e-6):
    """Return ∂E/∂W for every weight, measured by central differences.

    For a Network the result is a :class:`~backprop.Gradients` whose fields hold
    ∂E/∂W¹ and ∂E/∂W²; for a DeepNetwork a list shaped like ``net.W``, and ``d``
    has one value per output. E is the network's own loss (``net.loss``): the squared
    error, or cross-entropy.

    >>> net = Network([[1.0], [2.0]], [3.0], activation="identity")
    >>> [round(v, 6) for v in numerical_dE_dW(net, [1.0, 1.0], d=10.0).dy_dW2]
    [-3.0]
    >>> deep_net = DeepNetwork([[[1.0]], [[2.0, 1.0]]], activation="identity")
    >>> round(numerical_dE_dW(deep_net, [1.0], d=[0.0, 0.0])[0][0][0], 6)   # E = ½(4 + 1)W¹²
    5.0
    """
    _check_network(net)
    x = net.check_x(x)
    epsilon = validate.positive(epsilon, "epsilon")
    d = net.check_d(d)
    if isinstance(net, DeepNetwork):
        return _central_differences(net, lambda: _E(net, d, net._feedforward(x)), epsilon)
    return _central_differences(net, lambda: _E(net, [d], net._feedforward(x)), epsilon)


def _E(net, d: list[float], forward) -> float:
    """E of the network's own loss (:func:`backprop.loss.error`) at the values of a feedforward pass."""
    y, y_prime = (forward.y, forward.y_prime) if isinstance(net, DeepNetwork) else ([forward.y], [forward.y_prime])
    return error(net.loss, d, y, y_prime)


def relative_difference(a: float, b: float, floor: float = 1e-8) -> float:
    """Return |a − b| / max(|a|, |b|, floor): 0 when equal, near 1 when unrelated.

    The floor keeps two slopes that are both (nearly) zero from counting as different.

    >>> relative_difference(2.0, 2.002)
    0.000999...
    """
    return abs(a - b) / max(abs(a), abs(b), floor)


def max_relative_error(net, x, d, epsilon: float = 1e-6) -> float:
    """Return the largest relative difference between analytic and measured gradients.

    Compares, for every weight (and every output y_j of a DeepNetwork), the chain
    rule's ∂y/∂W with its central difference, and ∂E/∂W = −ΔW/α from one step's
    own ΔW = α·Σ_j (d_j − y_j)·∂y_j/∂W with the central difference of E. A correct
    backpropagation gives about 1e-6 or less (away from ReLU's kink at 0); more
    only where a gradient is so small, 1e-5 or less, that the measurement's own
    rounding (about 1e-10) shows.

    >>> max_relative_error(Network.random(seed=3), [0.5, -1.0], d=1.0) < 1e-6
    True
    >>> net = DeepNetwork.random([2, 3, 3, 2], activation="tanh", bias=True, seed=3,
    ...                          output_activation="sigmoid")
    >>> max_relative_error(net, [0.5, -1.0], d=[1.0, 0.0]) < 1e-5
    True
    """
    _check_network(net)
    x = net.check_x(x)
    analytic, measured = [], []
    if isinstance(net, DeepNetwork):
        d = net.check_d(d)
        for j in range(net.n_outputs):
            analytic += _flatten_deep(deep.gradients(net, x, j).dy_dW)
            measured += _flatten_deep(numerical_dy_dW(net, x, epsilon, output=j))
        # ∂E/∂W = −ΔW / α, the step's own ΔW = α · Σ_j (d_j − y_j) · ∂y_j/∂W, here with α = 1
        analytic += [-value for value in _flatten_deep(deep.compute_step(net, x, d, 1.0).delta_W)]
        measured += _flatten_deep(numerical_dE_dW(net, x, d, epsilon))
    else:
        d = net.check_d(d)
        analytic += _flatten(gradients(net, x))
        measured += _flatten(numerical_dy_dW(net, x, epsilon))
        # ∂E/∂W = −ΔW / α, the step's own ΔW = α · (d − y) · δ, here with α = 1
        step = compute_step(net, x, d, 1.0)
        analytic += [-value for value in _flatten(Gradients(step.delta_W1, step.delta_W2))]
        measured += _flatten(numerical_dE_dW(net, x, d, epsilon))
    return max(relative_difference(a, m) for a, m in zip(analytic, measured))


def _flatten(grads: Gradients) -> list[float]:
    return [value for row in grads.dy_dW1 for value in row] + list(grads.dy_dW2)


def _flatten_deep(W: list) -> list[float]:
    return [value for W_k in W for row in W_k for value in row]
