"""The squared error E that backpropagation makes smaller.

    E = ½ (d − y)²

d is the desired output and y the network's output. The ½ is there so that
the derivative has no factor 2:

    ∂E/∂y = −(d − y)

and, because d is a constant (∂d/∂W = 0), the chain rule gives for any weight W

    ∂E/∂W = −(d − y) · ∂y/∂W
"""

from backprop.math.validate import number


def squared_error(d: float, y: float) -> float:
    """Return E = ½(d − y)², the squared error of output y against target d.

    >>> squared_error(1.0, 0.5)
    0.125
    >>> squared_error(1.0, None)
    Traceback (most recent call last):
    ...
    TypeError: y must be a number, not None

    Raises ``TypeError`` or ``ValueError`` if d or y is not a finite number.
    """
    return unchecked_squared_error(number(d, "d"), number(y, "y"))


def unchecked_squared_error(d: float, y: float) -> float:
    """E = ½(d − y)² of numbers already checked, as the training step computes it.

    >>> unchecked_squared_error(1.0, float("inf"))
    inf
    """
    # E = ½ (d − y)²        (written as a product: ** 2 would raise OverflowError, not give inf)
    error = d - y
    return 0.5 * error * error


def error_slope(d: float, y: float) -> float:
    """Return ∂E/∂y = −(d − y), the slope of the squared error at output y.

    >>> error_slope(1.0, 0.25)
    -0.75
    """
    # ∂E/∂y = −(d − y)
    return -(number(d, "d") - number(y, "y"))
