"""Backpropagation: the gradient δ = ∂y/∂W by the chain rule, and the SGD step.

Gradient descent changes every weight against the slope of the error:

    ΔW = −α · ∂E/∂W = α · (d − y) · ∂y/∂W

(E = ½(d − y)² and d is a constant, see :mod:`backprop.loss`). The lecture calls
the gradient δ = ∂y/∂W, and finds it layer by layer with the chain rule. (Many
other texts use δ for something else, ∂E/∂h′, the error at a neuron's input
sum; in this library δ is always the lecture's ∂y/∂W.)

Output layer: y = Σ_j h_j · W²_j, so

    δ²_j = ∂y/∂W²_j = h_j

Hidden layer: W¹_ij reaches y only through h′_j and then h_j, so

    δ¹_ij = ∂y/∂W¹_ij = (∂y/∂h_j) · (∂h_j/∂h′_j) · (∂h′_j/∂W¹_ij) = W²_j · Φ′(h′_j) · x_i

One step computes every ΔW from the weights *before* the step (ΔW¹ uses the old
W²), then updates W ← W + ΔW. Stochastic gradient descent takes one such step
per training sample.
"""

import math
from operator import add, mul  # add(a, b) = a + b, mul(a, b) = a · b
from typing import Callable, Iterable, NamedTuple

from backprop.math import notation, validate
from backprop.loss import _squared_error
from backprop.network import Forward, Network


class Gradients(NamedTuple):
    """The lecture's δ = ∂y/∂W, shaped like the weights: ``dy_dW1[i][j]``, ``dy_dW2[j]``."""

    dy_dW1: list[list[float]]
    dy_dW2: list[float]

    def __repr__(self) -> str:
        """The lecture's symbols, numbers to 4 significant digits (the attributes keep every digit)."""
        return notation.record("Gradients", self._symbols())

    def _repr_markdown_(self) -> str:
        """The same in Markdown, which a notebook shows."""
        return notation.record_markdown("Gradients", self._symbols())

    def _symbols(self) -> list:
        return [("∂y/∂W¹", self.dy_dW1), ("∂y/∂W²", self.dy_dW2)]


class Step(NamedTuple):
    """One SGD step: the output y and error E before it, and the changes ΔW¹, ΔW²."""

    y: float
    E: float
    delta_W1: list[list[float]]
    delta_W2: list[float]

    def __repr__(self) -> str:
        """The lecture's symbols, numbers to 4 significant digits (the attributes keep every digit)."""
        return notation.record("Step", self._symbols())

    def _repr_markdown_(self) -> str:
        """The same in Markdown, which a notebook shows."""
        return notation.record_markdown("Step", self._symbols())

    def _symbols(self) -> list:
        return [("y", self.y), ("E", self.E), ("ΔW¹", self.delta_W1), ("ΔW²", self.delta_W2)]


class DivergenceError(ValueError):
    """Training made the error or a weight infinite or NaN: α is too large.

    ``epoch`` is the epoch it happened in (``None`` for a single step) and
    ``losses`` the mean E of each epoch completed before it.
    """

    def __init__(self, message: str, epoch: int | None = None, losses: list[float] | None = None):
        super().__init__(message)
        self.epoch = epoch
        self.losses = losses if losses is not None else []


def gradients(net: Network, x) -> Gradients:
    """Return δ = ∂y/∂W for every weight of ``net`` at input ``x``, by the chain rule.

    >>> net = Network([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]], [1.0, -1.0, 0.5],
    ...               activation="identity")
    >>> gradients(net, [2.0, 1.0])
    Gradients(
      ∂y/∂W¹ = ((2, −2,   1),
                (1, −1, 0.5))
      ∂y/∂W² = (2, 5, 6))

    Raises ``ValueError`` or ``TypeError`` if ``x`` does not fit the network.
    """
    _check_lecture_network(net, "backprop.gradients", "backprop.math.deep.gradients")
    return _gradients(net, net.feedforward(x))


def _gradients(net: Network, forward: Forward) -> Gradients:
    """δ = ∂y/∂W from the values of a feedforward pass."""
    x, h_prime, h, y_prime, y = forward
    # δ²_j = ∂y/∂W²_j = h_j             (the output bias's input is the bias input, the constant 1)
    dy_dW2 = h + [1.0] if net.bias else h[:]
    if net.phi_prime_from_h is not None:  # the same Φ′(h′_j), from h_j = Φ(h′_j): no Φ again
        phi_prime = map(net.phi_prime_from_h, h)
    else:
        phi_prime = map(net.phi_prime, h_prime)
    # ∂y/∂h′_j = (∂y/∂h_j) · (∂h_j/∂h′_j) = W²_j · Φ′(h′_j)
    dy_dh_prime = list(map(mul, net.W2, phi_prime))
    if net.output_activation != "identity":  # beyond the lecture: y = Φ_out(y′), and y′ is the sum above
        # ∂y/∂y′ = Φ_out′(y′)
        dy_dy_prime = output_slope(net, y_prime, y)
        # δ²_j = ∂y/∂W²_j = Φ_out′(y′) · h_j
        dy_dW2 = [dy_dy_prime * h_j for h_j in dy_dW2]
        # ∂y/∂h′_j = Φ_out′(y′) · W²_j · Φ′(h′_j)
        dy_dh_prime = [dy_dy_prime * dy_dh_prime_j for dy_dh_prime_j in dy_dh_prime]
    x_in = x + [1.0] if net.bias else x  # the bias input, the constant 1, as x_(n+1)
    # δ¹_ij = ∂y/∂W¹_ij = W²_j · Φ′(h′_j) · x_i      (with Φ_out: Φ_out′(y′) · W²_j · Φ′(h′_j) · x_i)
    dy_dW1 = [[dy_dh_prime_j * x_i for dy_dh_prime_j in dy_dh_prime] for x_i in x_in]
    return Gradients(dy_dW1, dy_dW2)


def output_slope(net, y_prime: float, y: float) -> float:
    """Φ_out′(y′), the slope of the output activation; from y = Φ_out(y′) where it can be
    (the sigmoid's is y·(1 − y)), as Φ′(h′_j) is found from h_j.

    >>> net = Network([[0.0], [0.0]], [0.0], output_activation="sigmoid")
    >>> output_slope(net, 0.0, 0.5)       # Φ_out′(0) = ½ · (1 − ½)
    0.25
    """
    phi_out = net._output_activation
    if phi_out.phi_prime_from_h is not None:
        return phi_out.phi_prime_from_h(y)
    return phi_out.phi_prime(y_prime)


def sgd_step(net: Network, x, d: float, alpha: float) -> Step:
    """Take one backpropagation step on sample ``(x, d)``: W ← W + α(d − y)·∂y/∂W.

    Every ΔW is computed from the weights before the step; then all are applied,
    in place. Returns the :class:`Step` with y and E from before the step.

    >>> net = Network([[1.0], [1.0]], [1.0], activation="identity")
    >>> step = sgd_step(net, [1.0, 1.0], d=3.0, alpha=0.1)
    >>> step.y, step.E, step.delta_W2
    (2.0, 0.5, [0.2])
    >>> net.W1, net.W2
    ([[1.1], [1.1]], [1.2])

    Raises ``ValueError`` or ``TypeError`` for a bad ``x``, ``d`` or ``alpha``, and
    :class:`DivergenceError` if the step would make a weight infinite; in every
    case the weights are left unchanged.
    """
    _check_lecture_network(net, "backprop.sgd_step", "backprop.math.deep.sgd_step")
    x = net.check_x(x)
    d = validate.number(d, "d")
    alpha = validate.positive(alpha, "alpha")
    step = _step(net, x, d, alpha)
    check_E_before_step(step.E, step.y)
    _apply(net, step.delta_W1, step.delta_W2)
    return step


def check_E_before_step(E: float, y) -> None:
    """Raise ``ValueError`` if E is not finite before a step: the weights and the input are too
    large for a float, and no α can help (unlike a divergence, which α causes).

    >>> check_E_before_step(float("inf"), 1.7e308)
    Traceback (most recent call last):
    ...
    ValueError: E = ½(d − y)² is inf with y = 1.7e+308, before any step: the weights and the input are too large for a float (at most about 1.8e308); give smaller ones (α is not the cause)
    """
    if not math.isfinite(E):
        y_shown = validate.shown(y) if isinstance(y, list) else f"{y:g}"
        raise ValueError(f"E = ½(d − y)² is {E} with y = {y_shown}, before any step: the weights and the input "
                         "are too large for a float (at most about 1.8e308); give smaller ones (α is not the cause)")


def _step(net: Network, x: list[float], d: float, alpha: float) -> Step:
    """The ΔW of one step on checked input, without applying it."""
    forward = net._feedforward(x)
    y = forward.y
    E = _squared_error(d, y)
    delta_W1, delta_W2 = _changes(_gradients(net, forward), d, y, alpha)
    return Step(y, E, delta_W1, delta_W2)


def _changes(delta: Gradients, d: float, y: float, alpha: float) -> tuple[list[list[float]], list[float]]:
    """ΔW¹ and ΔW² from the gradients δ, the output y and the desired d."""
    dy_dW1, dy_dW2 = delta
    # ΔW = α · (d − y) · δ
    alpha_error = alpha * (d - y)
    delta_W2 = [alpha_error * dy_dW2_j for dy_dW2_j in dy_dW2]
    delta_W1 = [[alpha_error * dy_dW1_ij for dy_dW1_ij in dy_dW1_i] for dy_dW1_i in dy_dW1]
    return delta_W1, delta_W2


def _apply(net: Network, delta_W1: list[list[float]], delta_W2: list[float]) -> None:
    """W ← W + ΔW on both layers, in place, unless that makes a weight non-finite."""
    # W ← W + ΔW
    W1_new = [list(map(add, W1_i, delta_W1_i)) for W1_i, delta_W1_i in zip(net.W1, delta_W1)]
    W2_new = list(map(add, net.W2, delta_W2))
    _replace(net, W1_new, W2_new)


def _replace(net: Network, W1_new: list[list[float]], W2_new: list[float]) -> None:
    """Put the new weights in place of the old, unless one of them is not finite."""
    # one sum is NaN or ±inf exactly when some weight is (or the weights overflow together)
    if not math.isfinite(sum(W2_new) + sum(map(sum, W1_new))):
        raise DivergenceError(
            "the step made a weight infinite or NaN, so it was not applied; try a smaller alpha"
        )
    for row, row_new in zip(net.W1, W1_new):
        row[:] = row_new
    net.W2[:] = W2_new


def train(
    net: Network,
    samples: Iterable,
    alpha: float,
    epochs: int,
    *,
    batch_size: int = 1,
    shuffle: bool = False,
    seed: int | None = None,
    on_epoch: Callable[[int, float], object] | None = None,
    stop: Callable[[], bool] | None = None,
    unrolled: bool = True,
) -> list[float]:
    """Train ``net`` on ``(x, d)`` samples by gradient descent; return the mean E of each epoch
    (a list, :class:`~backprop.pictures.losses.Losses`, that a notebook shows as the loss curve).

    With ``batch_size=1`` (the default) this is the lecture's stochastic gradient
    descent: one step per sample, in order (or shuffled each epoch with
    ``shuffle=True``, from ``random.Random(seed)``). With ``batch_size > 1`` the
    ΔW of each mini-batch are computed from the same weights and their mean is
    applied. An epoch's mean E is the mean of each sample's E just before the
    step that uses it.

    ``on_epoch(epoch, mean_E)``, if given, is called after each epoch (to show
    progress). ``stop()``, if given, is asked after every step; when it returns
    true, training ends right after that step and the epoch it cut short is
    left out of the result (a command line uses this to stop cleanly on Ctrl-C).

    ``unrolled=True`` (the default) runs the SGD epochs of a network of up to
    :data:`backprop.math.unrolled.MAX_WEIGHTS` weights as straight-line code written
    from the same formulas (:mod:`backprop.math.unrolled`): the same numbers, bit
    for bit, several times faster. ``unrolled=False`` keeps to the lists of
    :func:`sgd_step`.

    >>> xor = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
    >>> net = Network.random(bias=True, seed=0)
    >>> losses = train(net, xor, alpha=0.5, epochs=2000)
    >>> losses[-1] < 0.01 < losses[0]
    True

    All samples are checked before the first step. Raises ``ValueError`` or
    ``TypeError`` for bad samples, ``alpha``, ``epochs`` or ``batch_size``, and
    :class:`DivergenceError` naming the epoch if the error or a weight stops being
    finite; the network then keeps the weights of the last finite step.
    """
    _check_lecture_network(net, "backprop.train", "backprop.math.deep.train")
    return _train(net, samples, alpha, epochs, batch_size, shuffle, seed, on_epoch, stop,
                  _unrolled_or(net, unrolled, _sgd_epoch), _batch_epoch)


def _unrolled_or(net, unrolled, sgd_epoch):
    """The unrolled SGD epoch of ``net`` if ``unrolled`` asks for it and the network has one,
    else the list implementation's ``sgd_epoch``."""
    if not validate.flag(unrolled, "unrolled"):
        return sgd_epoch
    from backprop.math import unrolled as unrolled_code  # here: it compiles code, only train needs it

    return unrolled_code.sgd_epoch(net) or sgd_epoch


def _train(net, samples, alpha, epochs, batch_size, shuffle, seed, on_epoch, stop,
           sgd_epoch, batch_epoch) -> list[float]:
    """The checks and epoch loop of :func:`train`, for any network with its own one-epoch
    functions ``sgd_epoch(net, samples, alpha, stop)`` and ``batch_epoch(net, samples, alpha,
    batch_size, stop)`` (:func:`backprop.math.deep.train` passes those of a deep network)."""
    from backprop.pictures.losses import Losses  # a list that a notebook shows as the loss curve

    alpha = validate.positive(alpha, "alpha")
    epochs = validate.count(epochs, "epochs")
    batch_size = validate.count(batch_size, "batch_size")
    shuffle = validate.flag(shuffle, "shuffle")
    samples = net.check_samples(samples)
    for x, d in samples:  # the weights to start from give every sample a finite E, or α is not to blame
        y = net._feedforward(x).y
        check_E_before_step(math.fsum(map(_squared_error, _as_list(d), _as_list(y))), y)
    import random  # here: only training shuffles, and a trace starts sooner without it

    rng = random.Random(seed)
    losses: list[float] = []
    for epoch in range(1, epochs + 1):
        if shuffle:
            rng.shuffle(samples)
        try:
            if batch_size == 1:
                total_E = sgd_epoch(net, samples, alpha, stop)
            else:
                total_E = batch_epoch(net, samples, alpha, batch_size, stop)
        except DivergenceError:
            raise DivergenceError(
                f"training diverged in epoch {epoch}: a weight became infinite or NaN; the "
                f"network keeps the last finite weights; try an alpha smaller than {alpha:g}",
                epoch,
                Losses(losses),
            ) from None
        if total_E is None:  # stop() asked to end within this epoch
            break
        losses.append(total_E / len(samples))
        if on_epoch is not None:
            on_epoch(epoch, losses[-1])
    return Losses(losses)


def _sgd_epoch(net: Network, samples: list, alpha: float, stop) -> float | None:
    """One step per sample; return the sum of E, or None if ``stop()`` cut the epoch short.

    The step of :func:`sgd_step`, with ΔW = α(d − y)·δ added to W as it is computed
    (no ΔW lists, no records): the same operations, so the same numbers."""
    E_values = []  # summed by math.fsum: exact, so the same on every Python
    for x, d in samples:
        forward = net._feedforward(x)
        y = forward.y
        E = _squared_error(d, y)
        dy_dW1, dy_dW2 = _gradients(net, forward)
        if not math.isfinite(E):
            raise DivergenceError("E is not finite")
        alpha_error = alpha * (d - y)
        # W ← W + α(d − y) · δ
        W1_new = [[W1_ij + alpha_error * dy_dW1_ij for W1_ij, dy_dW1_ij in zip(W1_i, dy_dW1_i)]
                  for W1_i, dy_dW1_i in zip(net.W1, dy_dW1)]
        W2_new = [W2_j + alpha_error * dy_dW2_j for W2_j, dy_dW2_j in zip(net.W2, dy_dW2)]
        _replace(net, W1_new, W2_new)
        E_values.append(E)
        if stop is not None and stop():
            return None
    return math.fsum(E_values)


def _batch_epoch(net: Network, samples: list, alpha: float, batch_size: int, stop) -> float | None:
    """One step per mini-batch, applying the mean ΔW of its samples; return the sum of E
    (None if ``stop()`` cut the epoch short)."""
    E_values = []  # summed by math.fsum: exact, so the same on every Python
    for start in range(0, len(samples), batch_size):
        steps = [_step(net, x, d, alpha) for x, d in samples[start : start + batch_size]]
        # ΔW = (1/B) · Σ_samples ΔW(sample)
        delta_W1 = [
            [sum(values) / len(steps) for values in zip(*rows)]
            for rows in zip(*(step.delta_W1 for step in steps))
        ]
        delta_W2 = [sum(values) / len(steps) for values in zip(*(step.delta_W2 for step in steps))]
        if not math.isfinite(sum(step.E for step in steps)):
            raise DivergenceError("E is not finite")
        E_values += [step.E for step in steps]
        _apply(net, delta_W1, delta_W2)
        if stop is not None and stop():
            return None
    return math.fsum(E_values)


def _as_list(value) -> list[float]:
    """The lecture's one number, or a DeepNetwork's list of outputs, as a list."""
    return value if isinstance(value, list) else [value]


def _check_lecture_network(net, function: str, deep_function: str) -> None:
    """Raise ``TypeError`` unless ``net`` is the lecture's Network; for a DeepNetwork, name
    ``deep_function``, its counterpart of ``function``.

    >>> from backprop.math.deep import DeepNetwork
    >>> _check_lecture_network(DeepNetwork.random([1, 1]), "backprop.train", "backprop.math.deep.train")
    Traceback (most recent call last):
    ...
    TypeError: backprop.train is for the lecture's Network; for a DeepNetwork use backprop.math.deep.train
    """
    if isinstance(net, Network):
        return
    from backprop.math.deep import DeepNetwork  # here, not at the top: backprop.math.deep imports this module

    if isinstance(net, DeepNetwork):
        raise TypeError(f"{function} is for the lecture's Network; for a DeepNetwork use {deep_function}")
    raise TypeError(f"net must be a backprop.Network, not {type(net).__name__}")
