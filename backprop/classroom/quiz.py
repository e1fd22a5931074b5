"""Practice: a small problem with pencil-friendly numbers, and the values to work out.

A learner is given a random 2-3-1 network with the sigmoid — weights and inputs
with one decimal place — and works one backpropagation step by hand. The
questions are the lecture's values in its order: h′_1, h_1, y, E, the chain
rule's δ¹_11 and the change ΔW¹_11 (with an output activation, y′ and then
y = Φ_out(y′)). Each is a worked line of
:mod:`backprop.trace.worked`, so the right answer and its working come from
the library's own step (:func:`backprop.trace.explain.explain`).
"""

import random

from backprop.network import Network
from backprop.trace.worked import (
    E_line, Line, change_line, delta_W1_line, h_line, h_prime_line, linear_output, y_line, y_out_line,
)
from backprop.trace.explain import explain

TOLERANCE = 0.01  # an answer within 1 % counts as right (the learner rounds as they go)
SMALLEST = 0.0005  # … or within this much, for values near 0
ONE_DECIMAL = [k / 10 for k in range(-9, 10) if k != 0]


def problem(seed: int | None = None, output_activation: str = "identity",
            loss: str = "squared") -> tuple[Network, list[float], float, float]:
    """Return ``(net, x, d, alpha)``: a problem from ``random.Random(seed)``.

    ``output_activation`` puts Φ_out on the output (y = Φ_out(y′)); the default is
    the lecture's linear output, and then the problems are the same as ever.
    ``loss="cross_entropy"`` (with ``output_activation="sigmoid"``) makes the step binary
    cross-entropy's.

    Weights and inputs have one decimal place, d is 0 or 1 and α is 0.5 or 1.
    Problems in which a value to work out is tiny (under 0.02) are drawn again,
    so that no answer is "about zero".

    >>> net, x, d, alpha = problem(seed=1)
    >>> all(round(w, 1) == w for w in net.W1[0] + net.W1[1] + net.W2 + x)
    True
    >>> problem(seed=1)[0].W2 == net.W2
    True
    """
    rng = random.Random(seed)
    while True:
        W1 = [[rng.choice(ONE_DECIMAL) for _ in range(3)] for _ in range(2)]
        W2 = [rng.choice(ONE_DECIMAL) for _ in range(3)]
        x = [rng.choice(ONE_DECIMAL) for _ in range(2)]
        d, alpha = rng.choice([0.0, 1.0]), rng.choice([0.5, 1.0])
        net = Network(W1, W2, activation="sigmoid", output_activation=output_activation, loss=loss)
        if all(abs(line.value) >= 0.02 for line in questions(explain(net, x, d, alpha))):
            return net, x, d, alpha


def questions(record: dict) -> list[Line]:
    """The worked lines a learner is asked for, in the lecture's order.

    >>> from backprop.trace import lecture_example as example
    >>> lines = questions(explain(example.network(), example.x, example.d, example.alpha))
    >>> [round(line.value, 4) for line in lines]
    [0.6, 0.6457, 0.1888, 0.3291, 0.0915, 0.0371]
    """
    return [
        h_prime_line(record, 0),
        h_line(record, 0),
        y_line(record),
        *([] if linear_output(record) else [y_out_line(record, 0)]),  # y = Φ_out(y′)
        E_line(record),
        delta_W1_line(record, 0, 0),
        change_line(record, 0, 0, 0),
    ]


def is_close(answer: float, value: float) -> bool:
    """Whether ``answer`` is near enough to ``value``: within 1 %, or within 0.0005.

    >>> is_close(0.646, 0.6456563), is_close(0.66, 0.6456563), is_close(0.0, 0.0003)
    (True, False, True)
    """
    return abs(answer - value) <= max(TOLERANCE * abs(value), SMALLEST)
