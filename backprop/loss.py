"""The squared error E that backpropagation makes smaller.

    E = ½ (d − y)²

d is the desired output and y the network's output. The ½ is there so that
the derivative has no factor 2:

    ∂E/∂y = −(d − y)

and, because d is a constant (∂d/∂W = 0), the chain rule gives for any weight W

    ∂E/∂W = −(d − y) · ∂y/∂W

Beyond this lecture, the course's classification lectures use cross-entropy
(``loss="cross_entropy"``): with one sigmoid output y = 1/(1 + e^(−y′)),

    E = −(d ln y + (1 − d) ln(1 − y))

and with several outputs and softmax, y_j = e^(y′_j) / Σ_l e^(y′_l),

    E = −Σ_j d_j ln y_j

For these two matched pairs the output activation's slope cancels against the
loss's: ∂E/∂y′_j = −(d_j − y_j), so ΔW = α Σ_j (d_j − y_j) · ∂y′_j/∂W, the
lecture's step with y′ in place of y. E is computed from y′, never by taking ln
of a y that rounded to 0 (see :func:`binary_cross_entropy_from_y_prime` and
:func:`cross_entropy_from_y_prime`; docs/losses.md).
"""

import math

from backprop.math.sums import add_up
from backprop.math.validate import number, shown, vector


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


# --- beyond this lecture: cross-entropy, the loss of the course's classification lectures -----------

LOSSES = ("squared", "cross_entropy")
"""The losses a network can train with: ``"squared"`` (the lecture's, the default) and
``"cross_entropy"`` (with one sigmoid output, or with softmax on several outputs)."""

MATCHED_PAIRS = ("loss='cross_entropy' works with output_activation='sigmoid' and one output (binary) "
                 "or output_activation='softmax' and several outputs (categorical)")


def get_loss(loss) -> str:
    """Return the name of a loss, checked: one of :data:`LOSSES`.

    >>> get_loss("cross_entropy")
    'cross_entropy'
    >>> get_loss("hinge")
    Traceback (most recent call last):
    ...
    ValueError: unknown loss 'hinge'; choose one of: squared, cross_entropy
    """
    if not isinstance(loss, str):
        raise TypeError(f"loss must be a name (one of: {', '.join(LOSSES)}), not {shown(loss)}")
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {shown(loss)}; choose one of: {', '.join(LOSSES)}")
    return loss


def softplus(z: float) -> float:
    """ln(1 + e^z), never overflowing: max(z, 0) + ln(1 + e^(−|z|)).

    >>> softplus(0.0) == math.log(2.0), softplus(1000.0), softplus(-1000.0)
    (True, 1000.0, 0.0)
    """
    # ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|))      (e^(…) only of a number ≤ 0)
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def binary_cross_entropy(d: float, y: float) -> float:
    """Return E = −(d ln y + (1 − d) ln(1 − y)), the binary cross-entropy of output y in (0, 1).

    >>> binary_cross_entropy(1.0, 0.5) == math.log(2.0)      # −ln ½
    True
    >>> binary_cross_entropy(1.0, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: y = 0 with d = 1 makes ln y = −∞; compute E from y′ (binary_cross_entropy_from_y_prime), which never takes ln 0

    A term whose factor d or 1 − d is 0 is left out (0 · ln 0 counts as 0). Raises ``ValueError``
    for d outside [0, 1], y outside [0, 1], or a y that would need ln 0.
    """
    d, y = target(number(d, "d")), number(y, "y")
    if not 0.0 <= y <= 1.0:
        raise ValueError(f"y must be in [0, 1] for cross-entropy, not {shown(y)}")
    if (y == 0.0 and d > 0.0) or (y == 1.0 and d < 1.0):
        raise ValueError(f"y = {y:g} with d = {d:g} makes ln {'y' if y == 0.0 else '(1 − y)'} = −∞; "
                         "compute E from y′ (binary_cross_entropy_from_y_prime), which never takes ln 0")
    # E = −(d ln y + (1 − d) ln(1 − y))       (a term with factor 0 left out: 0 · ln 0 = 0)
    return -((d * math.log(y) if d else 0.0) + ((1.0 - d) * math.log(1.0 - y) if d != 1.0 else 0.0))


def binary_cross_entropy_from_y_prime(d: float, y_prime: float) -> float:
    """E = −(d ln y + (1 − d) ln(1 − y)) with y = 1/(1 + e^(−y′)), from y′ (numbers already checked).

    With ln y = −ln(1 + e^(−y′)) and ln(1 − y) = −ln(1 + e^(y′)) the loss is
    E = ln(1 + e^(y′)) − d · y′, which never takes ln 0, even where y rounds to 0 or 1.

    >>> binary_cross_entropy_from_y_prime(1.0, 0.0) == math.log(2.0)
    True
    >>> binary_cross_entropy_from_y_prime(1.0, -800.0)       # y rounds to 0, E does not become inf
    800.0
    """
    # E = ln(1 + e^(y′)) − d · y′
    return softplus(y_prime) - d * y_prime


def cross_entropy(d, y) -> float:
    """Return E = −Σ_j d_j ln y_j, the categorical cross-entropy of the outputs y (probabilities).

    >>> cross_entropy([1.0, 0.0], [0.5, 0.5]) == math.log(2.0)
    True
    >>> cross_entropy([0.0, 1.0], [1.0, 0.0])
    Traceback (most recent call last):
    ...
    ValueError: y_2 = 0 with d_2 = 1 makes ln y_2 = −∞; compute E from y′ (cross_entropy_from_y_prime), which never takes ln 0

    A term with d_j = 0 is left out (0 · ln 0 counts as 0). Raises ``ValueError`` for d or y of
    different lengths, for d_j outside [0, 1] or not adding up to 1, and for a y_j that would need ln 0.
    """
    d, y = targets(vector(d, "d")), vector(y, "y")
    if len(d) != len(y):
        raise ValueError(f"d has {len(d)} values but y has {len(y)}; give one desired output per output")
    for j, (d_j, y_j) in enumerate(zip(d, y), 1):
        if not 0.0 <= y_j <= 1.0:
            raise ValueError(f"y_{j} must be in [0, 1] for cross-entropy, not {shown(y_j)}")
        if y_j == 0.0 and d_j > 0.0:
            raise ValueError(f"y_{j} = 0 with d_{j} = {d_j:g} makes ln y_{j} = −∞; compute E from y′ "
                             "(cross_entropy_from_y_prime), which never takes ln 0")
    # E = −Σ_j d_j ln y_j      (a term with d_j = 0 left out: 0 · ln 0 = 0)
    return -add_up(d_j * math.log(y_j) for d_j, y_j in zip(d, y) if d_j)


def log_sum_exp(y_prime: list[float]) -> float:
    """ln Σ_l e^(y′_l), never overflowing: m + ln Σ_l e^(y′_l − m) with m = max_l y′_l.

    >>> log_sum_exp([0.0, 0.0]) == math.log(2.0), log_sum_exp([1000.0, 1000.0]) == 1000.0 + math.log(2.0)
    (True, True)
    """
    m = max(y_prime)
    # ln Σ_l e^(y′_l) = m + ln Σ_l e^(y′_l − m)      (every e^(…) of a number ≤ 0, one of them e^0 = 1)
    return m + math.log(add_up(math.exp(y_prime_l - m) for y_prime_l in y_prime))


def cross_entropy_from_y_prime(d: list[float], y_prime: list[float]) -> float:
    """E = −Σ_j d_j ln y_j with y = softmax(y′), from y′ (numbers already checked), by log-sum-exp.

    ln y_j = y′_j − ln Σ_l e^(y′_l), so E = −Σ_j d_j · (y′_j − ln Σ_l e^(y′_l)): no ln 0, even
    where a y_j rounds to 0.

    >>> cross_entropy_from_y_prime([1.0, 0.0], [0.0, 0.0]) == math.log(2.0)
    True
    >>> cross_entropy_from_y_prime([1.0, 0.0], [-1000.0, 0.0])      # y_1 rounds to 0; E is 1000
    1000.0
    """
    lse = log_sum_exp(y_prime)
    # E = −Σ_j d_j · ln y_j = −Σ_j d_j · (y′_j − ln Σ_l e^(y′_l))      (a term with d_j = 0 is 0)
    return -add_up(d_j * (y_prime_j - lse) for d_j, y_prime_j in zip(d, y_prime) if d_j)


def error(loss: str, d: list[float], y: list[float], y_prime: list[float]) -> float:
    """E of the outputs y = Φ_out(y′) against d (lists, already checked) for the loss ``loss``:
    ½Σ_j (d_j − y_j)², or the cross-entropy of the network's pair (one sigmoid output: the binary
    form; several softmax outputs: the categorical form), from y′.

    >>> error("squared", [1.0], [0.5], [0.5]), error("cross_entropy", [1.0, 0.0], [0.5, 0.5], [0.0, 0.0]) == math.log(2)
    (0.125, True)
    """
    if loss == "squared":
        # E = ½ Σ_j (d_j − y_j)²
        return add_up(map(unchecked_squared_error, d, y))
    if len(y_prime) == 1:
        return binary_cross_entropy_from_y_prime(d[0], y_prime[0])
    return cross_entropy_from_y_prime(d, y_prime)


def target(d: float, name: str = "d") -> float:
    """``d``, a target of cross-entropy: it must be in [0, 1] (a probability).

    >>> target(1.5)
    Traceback (most recent call last):
    ...
    ValueError: d = 1.5 is outside [0, 1]; cross-entropy needs targets that are probabilities (such as 0 or 1)
    """
    if not 0.0 <= d <= 1.0:
        raise ValueError(f"{name} = {d:g} is outside [0, 1]; cross-entropy needs targets that are "
                         "probabilities (such as 0 or 1)")
    return d


def targets(d: list[float]) -> list[float]:
    """``d``, the targets of softmax with cross-entropy: each in [0, 1], all adding up to 1 (within
    1e-9: a one-hot vector, or probabilities).

    >>> targets([0.5, 0.25])
    Traceback (most recent call last):
    ...
    ValueError: d = [0.5, 0.25] adds up to 0.75, not 1; softmax's outputs add up to 1, so its targets must too (one-hot, like 0,1,0)
    """
    for j, d_j in enumerate(d, 1):
        target(d_j, f"d_{j}")
    total = math.fsum(d)
    if abs(total - 1.0) > 1e-9:
        raise ValueError(f"d = {shown(d)} adds up to {total:g}, not 1; softmax's outputs add up to 1, so its "
                         "targets must too (one-hot, like 0,1,0)")
    return d


def binary_cross_entropy_slope(d: float, y: float) -> float:
    """∂E/∂y = −(d/y − (1 − d)/(1 − y)), the slope of the binary cross-entropy at output y in (0, 1).

    >>> binary_cross_entropy_slope(1.0, 0.5)
    -2.0
    """
    # ∂E/∂y = −(d/y − (1 − d)/(1 − y))
    return -(d / y - (1 - d) / (1 - y))  # (1, not 1.0: the same floats, and exact for Fractions)


def cross_entropy_slopes(d: list[float], y: list[float]) -> list[float]:
    """∂E/∂y_j = −d_j/y_j for every output, the slopes of the categorical cross-entropy (0 where d_j = 0).

    >>> cross_entropy_slopes([1.0, 0.0], [0.5, 0.5])
    [-2.0, 0.0]
    """
    # ∂E/∂y_j = −d_j / y_j
    return [-(d_j / y_j) if d_j else d_j for d_j, y_j in zip(d, y)]  # d_j = 0: 0 of d_j's type (Fraction too)
