"""Small built-in data sets to train the lecture's network on, by name.

Each is a list of samples ``(x, d)``: an input x = (x_1, x_2) and the desired
output d. The logic gates are the classic first tests of a network: ``and`` and
``or`` can be learned by a single neuron, ``xor`` cannot (its 1s are not on one
side of a straight line), which is why the hidden layer matters. ``sine`` is a
smooth surface to fit, d = sin(x_1)·x_2 on a grid.

``circle``, ``gaussians`` and ``spiral`` are the two-class sets of TF Playground:
points x in the plane, d = 1 for one class and 0 for the other, to draw as a
decision boundary (``train --boundary``). Each is made by ``random.Random(seed)``
with a fixed seed, so every machine gets the same points; the recipe of each is
in its function's docstring, and :func:`circle`, :func:`gaussians` and
:func:`spiral` take another ``n`` and ``seed``.

``digits`` is a real data set: 1,797 handwritten digits of 8×8 pixels, 64 inputs and a one-hot d
of 10 outputs, with a fixed held-out test split (:mod:`backprop.files.digits`).

>>> names()
['and', 'circle', 'digits', 'gaussians', 'or', 'sine', 'spiral', 'xor']
>>> samples("xor")
[([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]
"""

import math
import random
from typing import Callable, NamedTuple

from backprop.files import digits

Sample = tuple[list[float], float]  # the digits: tuple[list[float], list[float]], d one-hot


def _gate(rule: Callable[[int, int], int]) -> list[Sample]:
    """The four inputs of a two-input logic gate, in the order 00, 01, 10, 11."""
    return [([float(a), float(b)], float(rule(a, b))) for a in (0, 1) for b in (0, 1)]


def _sine() -> list[Sample]:
    """d = sin(x_1)·x_2 on a 7×7 grid: x_1 from −3 to 3 in steps of 1, x_2 from −1 to 1 in thirds."""
    x_1_values = [float(k) for k in range(-3, 4)]
    x_2_values = [k / 3 for k in range(-3, 4)]
    # d = sin(x_1) · x_2
    return [([x_1, x_2], math.sin(x_1) * x_2) for x_1 in x_1_values for x_2 in x_2_values]


def circle(n: int = 100, seed: int = 0) -> list[Sample]:
    """A disc inside a ring: ``n`` points, half with d = 1 inside radius 0.5, half with d = 0 in the
    ring from radius 0.7 to 1, alternately.

    Point k has angle θ uniform in [0, 2π) and radius r uniform in its band (θ first, then r,
    from ``random.Random(seed)``); x = (r·cos θ, r·sin θ).

    >>> [round(x_1 ** 2 + x_2 ** 2, 1) <= 0.25 for (x_1, x_2), d in circle(4)]
    [True, False, True, False]
    """
    rng = random.Random(seed)
    result = []
    for k in range(n):
        inside = k % 2 == 0
        theta = rng.uniform(0.0, 2 * math.pi)
        r = rng.uniform(0.0, 0.5) if inside else rng.uniform(0.7, 1.0)
        result.append(([r * math.cos(theta), r * math.sin(theta)], 1.0 if inside else 0.0))
    return result


def gaussians(n: int = 100, seed: int = 0) -> list[Sample]:
    """Two round clouds: ``n`` points, alternately d = 1 around (0.5, 0.5) and d = 0 around (−0.5, −0.5),
    each coordinate normally distributed with standard deviation 0.3 (``random.Random(seed).gauss``,
    x_1 then x_2). The clouds overlap a little, so a few points sit on the other side.

    >>> [d for x, d in gaussians(4)]
    [1.0, 0.0, 1.0, 0.0]
    """
    rng = random.Random(seed)
    result = []
    for k in range(n):
        centre, d = (0.5, 1.0) if k % 2 == 0 else (-0.5, 0.0)
        result.append(([rng.gauss(centre, 0.3), rng.gauss(centre, 0.3)], d))
    return result


def spiral(n: int = 100, seed: int = 0) -> list[Sample]:
    """Two interleaved spiral arms: ``n`` points, alternately on the arm of d = 1 and the arm of
    d = 0, which is the first arm turned by half a turn.

    Point k of an arm (m points an arm) is at t = k/m along it: radius r = t, angle
    θ = 1.75·2π·t (plus π on the second arm), and each coordinate moved by noise uniform in
    [−0.03, 0.03] from ``random.Random(seed)``; x = (r·cos θ, r·sin θ). The hardest of the sets.

    >>> [d for x, d in spiral(4)]
    [1.0, 0.0, 1.0, 0.0]
    """
    rng = random.Random(seed)
    per_arm = (n + 1) // 2
    result = []
    for k in range(n):
        arm, t = k % 2, (k // 2) / per_arm
        # r = t, θ = 1.75 · 2π · t (+ π on the second arm)
        theta = 1.75 * 2 * math.pi * t + math.pi * arm
        x = [t * math.cos(theta) + rng.uniform(-0.03, 0.03), t * math.sin(theta) + rng.uniform(-0.03, 0.03)]
        result.append((x, 1.0 - arm))
    return result


class Dataset(NamedTuple):
    """A built-in data set: its one-line description, the function that makes its samples, and for
    a set of two classes (d = 0 or 1) the options that train it to nearly every sample right."""

    description: str
    make: Callable[[], list[Sample]]
    hint: str | None = None  # None: not two classes (the sine)
    split: Callable[[], tuple[list, list]] | None = None  # a fixed held-out test split: (train, test)
    epochs: int | None = None  # train's default --epochs for this set (None: the command's own)
    alpha: float | None = None  # train's default --alpha for this set (None: the command's own)


DATASETS = {
    "and": Dataset("logical AND of two bits: d = 1 only for x = (1, 1); 4 samples",
                   lambda: _gate(lambda a, b: a & b), "--bias"),
    "circle": Dataset("a disc (d = 1) inside a ring (d = 0); 100 points in the plane "
                      "(try --hidden 8 --bias --alpha 0.1)", circle, "--hidden 8 --bias --alpha 0.1"),
    "digits": Dataset("8×8 handwritten digits (UCI, Alpaydin & Kaynak, CC BY 4.0): 64 inputs, d one-hot "
                      "of 10; 1,797 samples, the last 360 held out to test (needs --layers 64,N,10; "
                      "try --layers 64,32,10 --output-activation sigmoid --alpha 0.5)", digits.samples,
                      split=digits.split, epochs=20, alpha=0.1),
    "gaussians": Dataset("two overlapping round clouds, d = 1 and d = 0; 100 points in the plane "
                         "(try --bias --alpha 0.1)", gaussians, "--bias --alpha 0.1"),
    "or": Dataset("logical OR of two bits: d = 0 only for x = (0, 0); 4 samples",
                  lambda: _gate(lambda a, b: a | b), "--bias"),
    "sine": Dataset("d = sin(x_1)·x_2 on a 7×7 grid of x_1 in [−3, 3], x_2 in [−1, 1]; 49 samples "
                    "(try --hidden 8 --bias --activation tanh --alpha 0.1)", _sine),
    "spiral": Dataset("two interleaved spiral arms, d = 1 and d = 0; 100 points in the plane "
                      "(hard: try --layers 2,8,8,1 --bias --activation tanh --alpha 0.02 --epochs 1500)", spiral,
                      "a second hidden layer: --layers 2,8,8,1 --bias --activation tanh --alpha 0.02 --epochs 1500"),
    "xor": Dataset("exclusive OR of two bits: d = 1 when exactly one input is 1; 4 samples "
                   "(needs the hidden layer; try --bias)", lambda: _gate(lambda a, b: a ^ b), "--bias"),
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
    ValueError: no built-in data set 'nand'; choose one of: and, circle, digits, gaussians, or, sine, spiral, xor

    Raises ``ValueError`` for an unknown name.
    """
    if name not in DATASETS:
        raise ValueError(f"no built-in data set {name!r}; choose one of: {', '.join(names())}")
    return DATASETS[name].make()
