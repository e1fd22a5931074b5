"""Small built-in data sets to train the lecture's network on, by name.

Each is a list of samples ``(x, d)``: an input x = (x_1, x_2) and the desired
output d. The logic gates are the classic first tests of a network: ``and`` and
``or`` can be learned by a single neuron, ``xor`` cannot (its 1s are not on one
side of a straight line), which is why the hidden layer matters. ``sine`` is a
smooth surface to fit, d = sin(x_1)·x_2 on a grid.

>>> names()
['and', 'or', 'sine', 'xor']
>>> samples("xor")
[([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]
"""

import math
from typing import Callable, NamedTuple

Sample = tuple[list[float], float]


def _gate(rule: Callable[[int, int], int]) -> list[Sample]:
    """The four inputs of a two-input logic gate, in the order 00, 01, 10, 11."""
    return [([float(a), float(b)], float(rule(a, b))) for a in (0, 1) for b in (0, 1)]


def _sine() -> list[Sample]:
    """d = sin(x_1)·x_2 on a 7×7 grid: x_1 from −3 to 3 in steps of 1, x_2 from −1 to 1 in thirds."""
    x_1_values = [float(k) for k in range(-3, 4)]
    x_2_values = [k / 3 for k in range(-3, 4)]
    # d = sin(x_1) · x_2
    return [([x_1, x_2], math.sin(x_1) * x_2) for x_1 in x_1_values for x_2 in x_2_values]


class Dataset(NamedTuple):
    """A built-in data set: its one-line description and the function that makes its samples."""

    description: str
    make: Callable[[], list[Sample]]


DATASETS = {
    "and": Dataset("logical AND of two bits: d = 1 only for x = (1, 1); 4 samples",
                   lambda: _gate(lambda a, b: a & b)),
    "or": Dataset("logical OR of two bits: d = 0 only for x = (0, 0); 4 samples",
                  lambda: _gate(lambda a, b: a | b)),
    "sine": Dataset("d = sin(x_1)·x_2 on a 7×7 grid of x_1 in [−3, 3], x_2 in [−1, 1]; 49 samples "
                    "(try --hidden 8 --bias --activation tanh --alpha 0.1)", _sine),
    "xor": Dataset("exclusive OR of two bits: d = 1 when exactly one input is 1; 4 samples "
                   "(needs the hidden layer; try --bias)", lambda: _gate(lambda a, b: a ^ b)),
}


def names() -> list[str]:
    """Return the names of the built-in data sets, sorted."""
    return sorted(DATASETS)


def samples(name: str) -> list[Sample]:
    """Return a fresh list of the ``(x, d)`` samples of the built-in data set ``name``.

    >>> samples("and")[3]
    ([1.0, 1.0], 1.0)
    >>> len(samples("sine")), samples("sine")[0]      # x = (−3, −1): d = sin(−3)·(−1)
    (49, ([-3.0, -1.0], 0.1411200080598672))
    >>> samples("nand")
    Traceback (most recent call last):
    ...
    ValueError: no built-in data set 'nand'; choose one of: and, or, sine, xor

    Raises ``ValueError`` for an unknown name.
    """
    if name not in DATASETS:
        raise ValueError(f"no built-in data set {name!r}; choose one of: {', '.join(names())}")
    return DATASETS[name].make()
