"""Σ added the same way on every Python: left to right, from 0.0.

Python's own ``sum()`` of floats changed in 3.12: it now compensates the rounding, so the
same numbers can add up to a different last bit on 3.11 and on 3.13. Every Σ of the lecture's
formulas is added by :func:`add_up` instead, as a pencil adds and as the unrolled code writes
it (``0.0 + a + b + c``), so a run gives the same bits on every Python.
"""

import sys


class _PlainZero(float):
    """0.0, but not an exact ``float``: from Python 3.12 ``sum()`` compensates a Σ that starts from an
    exact float (or int), and from any other start adds with plain ``+``, one value after the other."""


# Where sum() adds an exact float start plainly (before Python 3.12), it does so in C doubles,
# with no float object made per +: a third faster on a 784-term dot product; the same bits
_START = 0.0 if sys.version_info < (3, 12) else _PlainZero(0.0)


def add_up(values) -> float:
    """Σ ``values``, added left to right from 0.0 (as ``sum()`` did before Python 3.12).

    >>> add_up([0.1, 0.2, 0.3])     # (0.1 + 0.2) + 0.3; sum() gives 0.6 from Python 3.12 on
    0.6000000000000001
    >>> add_up([-0.0])              # 0.0 + (−0.0): a Σ is never −0.0
    0.0
    """
    # total = 0.0, then total = total + value for each value in turn: what sum() does in C from
    # _START (twice as fast as a Python loop); the last 0.0 + makes the Σ of no values a plain
    # float from _PlainZero too (3.12 on), and changes no other Σ
    return 0.0 + sum(values, _START)
