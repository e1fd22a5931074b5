"""One backpropagation step, explained: every number of the lecture's formulas.

:func:`explain` runs one step of stochastic gradient descent on a copy of a
network, through the library's own feedforward, gradients and step, and
returns every intermediate number in one record (a dict):

    x, d, alpha, activation, bias       the sample, learning rate α and Φ
    W1, W2                              the weights before the step
    h_prime, h, phi_prime, y            h′_j, h_j = Φ(h′_j), Φ′(h′_j), y = Σ_j h_j W²_j
    E                                   E = ½(d − y)²
    dy_dW1, dy_dW2                      δ = ∂y/∂W, by the chain rule
    delta_W1, delta_W2                  ΔW = α(d − y)·δ
    W1_new, W2_new                      W + ΔW
    y_new, E_new                        y and E on the same sample after the step

Numbers are kept at full precision; :mod:`backprop.trace.formats` shows the record as
text, Markdown, LaTeX, JSON or an HTML page. With ``bias=True`` the constant
input 1 is not in ``x``: its weights are the last row of ``W1`` (and of
``dy_dW1``, ``delta_W1``), as in :class:`~backprop.Network`.
"""

import math

from backprop.math import validate
from backprop.loss import _squared_error
from backprop.network import Network
from backprop.train import DivergenceError, _apply, _gradients, _step, check_E_before_step
from backprop.trace.explanation import returns_explanation


@returns_explanation
def explain(net: Network, x, d: float, alpha: float) -> dict:
    """Return the record of one SGD step of ``net`` on sample ``(x, d)``; ``net`` is not changed.

    >>> from backprop.trace import lecture_example as example
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> record["h_prime"]                  # 1·0.5 + 0.5·0.2, 1·(−0.3) + 0.5·0.7, 1·0.8 + 0.5·(−0.6)
    [0.6, 0.04999999999999999, 0.5]
    >>> record["E_new"] < record["E"]
    True

    Raises ``ValueError`` or ``TypeError`` for an ``x`` that does not fit the
    network, a ``d`` that is not a finite number or an ``alpha`` that is not
    positive, and :class:`~backprop.DivergenceError` if the step would make a
    weight or the error infinite.
    """
    x = net.check_x(x)
    d = validate.number(d, "d")
    alpha = validate.positive(alpha, "alpha")
    forward = net._feedforward(x)
    delta = _gradients(net, forward)
    step = _step(net, x, d, alpha)
    check_E_before_step(step.E, step.y)
    after = net.copy()
    _apply(after, step.delta_W1, step.delta_W2)
    y_new = after._feedforward(x).y
    E_new = _squared_error(d, y_new)
    if not (math.isfinite(step.E) and math.isfinite(E_new)):
        raise DivergenceError(
            "the error E is too large to compute (it overflows to infinity); "
            "use smaller weights, inputs or alpha"
        )
    return {
        "x": x,
        "d": d,
        "alpha": alpha,
        "activation": net.activation,
        "bias": net.bias,
        "W1": [list(row) for row in net.W1],
        "W2": list(net.W2),
        "h_prime": forward.h_prime,
        "h": forward.h,
        "phi_prime": [net.phi_prime(h_prime_j) for h_prime_j in forward.h_prime],
        "y": forward.y,
        "E": step.E,
        "dy_dW1": delta.dy_dW1,
        "dy_dW2": delta.dy_dW2,
        "delta_W1": step.delta_W1,
        "delta_W2": step.delta_W2,
        "W1_new": after.W1,
        "W2_new": after.W2,
        "y_new": y_new,
        "E_new": E_new,
    }
