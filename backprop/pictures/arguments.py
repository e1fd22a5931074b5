"""Checks on what a person hands the picture helpers, as :mod:`backprop.math.validate` does for the math.

``loss_curve``, ``line_chart``, ``network_svg`` and ``boundary_svg`` check their
arguments here first, so a notebook shows one ``TypeError`` or ``ValueError``
that says what to give, never an error from deep inside the drawing.
"""

import math

from backprop.math import validate
from backprop.math.validate import shown


def values(numbers, name: str, nothing: str, low: float | None = None) -> list[float]:
    """Return ``numbers`` (one per epoch) as a list of finite floats; ``ValueError`` saying ``nothing``
    when there are none, or when they span more than a float holds (from ``low``, if lower).

    >>> values([0.25, 1], "losses", "nothing to plot")
    [0.25, 1.0]
    >>> values([1e308, -1e308], "losses", "nothing to plot")
    Traceback (most recent call last):
    ...
    ValueError: losses run from -1e+308 to 1e+308, a span larger than a float holds (about 1.8e308)
    """
    if hasattr(numbers, "__len__") and not isinstance(numbers, (str, bytes)) and len(numbers) == 0:
        raise ValueError(nothing)
    checked = validate.vector(numbers, name)
    smallest = min(checked) if low is None else min(min(checked), low)
    if not math.isfinite(max(checked) - smallest):
        raise ValueError(f"{name} run from {smallest:g} to {max(checked):g}, a span larger than a float holds "
                         "(about 1.8e308)")
    return checked


def network(net, name: str = "net"):
    """Return ``net`` if it is a :class:`~backprop.Network` or a :class:`~backprop.math.deep.DeepNetwork`."""
    from backprop.math.deep import DeepNetwork
    from backprop.network import Network

    if not isinstance(net, (Network, DeepNetwork)):
        raise TypeError(f"{name} must be a Network or a DeepNetwork, not {shown(net)}")
    return net


def text(value, name: str) -> str | None:
    """Return ``value`` if it is a str (or None: the default)."""
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {shown(value)}")
    return value


def whole(value, name: str, most: int, least: int = 1) -> int:
    """Return ``value`` if it is a whole number from ``least`` to ``most``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, not {shown(value)}")
    if not least <= value <= most:
        raise ValueError(f"{name} must be from {least} to {most}, not {shown(value)}")
    return value
