"""Numbered practice problems with pencil-friendly numbers: problem "7-12" is the same everywhere.

Problem ``k`` of seed ``s`` (its id is ``"s-k"``) comes from
``random.Random("s-k")``: Python seeds a string through SHA-512, the same on
every machine and every Python 3, so a student and an instructor who say
"problem 7-12" (with the same network options) mean the same numbers. Weights
and inputs have one decimal place and are never 0; d is 0 or 1 and α is 0.5 or
1. A problem in which a value of the step would round to 0 (under 0.001) is
drawn again, so that no blank on a sheet is "about zero".

>>> first = problem(7, 12)
>>> first.id, first.x == problem(7, 12).x
('7-12', True)
>>> all(round(w, 1) == w != 0 for row in first.net.W1 for w in row)
True
"""

import random
from typing import NamedTuple

from backprop.classroom.quantities import quantities
from backprop.math.deep import DeepNetwork
from backprop.network import Network
from backprop.trace.explain import explain

ONE_DECIMAL = [k / 10 for k in range(-9, 10) if k != 0]
SMALLEST = 0.001  # every value to work out is at least this far from 0
TRIES = 1000  # draws of one problem before giving up (only a network that is nearly always 0 needs them)


class Problem(NamedTuple):
    """One numbered problem: its id ("7-12"), the network and the sample."""

    id: str
    net: object  # a Network or a DeepNetwork
    x: list
    d: float
    alpha: float


def problem(seed: int, k: int, layers=None, activation: str = "sigmoid", bias: bool = False,
            output_activation: str = "identity", loss: str = "squared") -> Problem:
    """Problem ``k`` of ``seed``: the lecture's 2-3-1 network, or a DeepNetwork of ``layers`` (one output),
    with the activation Φ, bias or not, the output activation Φ_out (y = Φ_out(y′)) and the loss
    (``"cross_entropy"`` with a sigmoid output: binary cross-entropy). A problem's id holds with its
    options: a draw with a value near 0 is drawn again, and which values those are depends on the
    loss, so ``check`` needs the sheet's ``--loss`` as it needs its ``--layers``.

    Raises ``ValueError`` if no pleasant problem of that kind turns up (a ReLU network
    whose values keep being 0, say).
    """
    rng = random.Random(f"{seed}-{k}")
    sizes = list(layers) if layers is not None else [2, 3, 1]
    for _ in range(TRIES):
        W = [[[rng.choice(ONE_DECIMAL) for _ in range(n_out)] for _ in range(n_in + bias)]
             for n_in, n_out in zip(sizes, sizes[1:])]
        x = [rng.choice(ONE_DECIMAL) for _ in range(sizes[0])]
        d, alpha = rng.choice([0.0, 1.0]), rng.choice([0.5, 1.0])
        if layers is None:
            net = Network(W[0], [row[0] for row in W[1]], activation=activation,
                          output_activation=output_activation, bias=bias, loss=loss)
        else:
            net = DeepNetwork(W, activation=activation, output_activation=output_activation, bias=bias, loss=loss)
        if _quick_look(net, x, d, alpha) and all(abs(q.value) >= SMALLEST for q in quantities(net, x, d, alpha)):
            return Problem(f"{seed}-{k}", net, x, d, alpha)
    raise ValueError(f"no problem {seed}-{k} of this network has every value away from 0; "
                     "try another activation (sigmoid or tanh)")


QUICK_LOOK = ("h_prime", "h", "y_prime", "y", "E", "dy_dW", "delta_W", "W_new")  # values that are quantities too


def _quick_look(net, x, d, alpha) -> bool:
    """Whether the step's h′, h, y′, y, E, ∂y/∂W, ΔW and new W are all away from 0: a draw failing this fails
    the full test (each is one of the :func:`~backprop.classroom.quantities.quantities`), which is
    about 100 times slower (0.7 ms against 72 ms for a 2-3-3-3-1 network), so the problems drawn
    are the same, sooner."""
    record = explain(net, x, d, alpha)
    values = [record[name] for name in QUICK_LOOK]
    while values:
        value = values.pop()
        if isinstance(value, list):
            values.extend(value)
        elif abs(value) < SMALLEST:
            return False
    return True


def parse_id(text: str) -> tuple:
    """Read a problem id such as ``"7-12"`` into ``(seed, k)``.

    >>> parse_id(" 7-12 ")
    (7, 12)
    >>> parse_id("7.12")
    Traceback (most recent call last):
    ...
    ValueError: '7.12' is not a problem id; write the seed and the problem's number, like 7-12
    """
    seed, dash, k = text.strip().rpartition("-")
    try:
        if dash and seed and int(k) >= 1:
            return int(seed), int(k)
    except ValueError:
        pass
    raise ValueError(f"{text.strip()!r} is not a problem id; write the seed and the problem's number, like 7-12")
