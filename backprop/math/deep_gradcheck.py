"""The finite-difference check of a deep network: now :mod:`backprop.math.gradcheck` itself.

:mod:`backprop.math.gradcheck` takes either kind of network; these names stay so
that code written against this module keeps working. ``numerical_dy_dW`` keeps
its old order of arguments here, ``(net, x, output, epsilon)``.
"""

from backprop.math.gradcheck import max_relative_error, numerical_dE_dW, relative_difference  # noqa: F401
from backprop.math import gradcheck


def numerical_dy_dW(net, x, output: int | None = None, epsilon: float = 1e-6) -> list:
    """∂y/∂W of output ``output``, measured: :func:`backprop.math.gradcheck.numerical_dy_dW`.

    >>> from backprop.math.deep import DeepNetwork
    >>> net = DeepNetwork([[[1.0]], [[2.0]], [[3.0]]], activation="identity")
    >>> round(numerical_dy_dW(net, [1.0])[0][0][0], 6)
    6.0
    """
    return gradcheck.numerical_dy_dW(net, x, epsilon, output=output)
