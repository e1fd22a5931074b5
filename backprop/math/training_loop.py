"""The training loop every network shares: epochs, shuffling, mini-batches, stop and divergence.

The lecture's loop is short: for every epoch, for every sample (x, d), take the
step W ← W + ΔW. This module holds that loop and what a course adds around it,
once, for every kind of network. It knows no network: a network's module hands it
the functions of its own that its ``sgd_step`` calls,

    compute_step(net, x, d, alpha)   the step's y, E and ΔW from the weights before it
                                     (a record whose fields after y and E are ΔW)
    apply_changes(net, *ΔW)          W ← W + ΔW, refused if a weight would not be finite
    checked_forward(net, x, d)       the feedforward pass and E, refused if one is not finite
                                     (the first part of compute_step; every sample is checked
                                     with it before the first step)

so an epoch of training is ``sgd_step`` on every sample. See :func:`backprop.train.train` and
:func:`backprop.math.deep.train`.

Two choices change what a step applies, for every kind of network alike:

- Biases kept fixed (``train_bias=False``): each weight matrix's last row, the biases' (from
  the constant input 1), gets ΔW = 0 (:func:`without_bias_changes`): used, never updated.
- Momentum (``momentum=μ``, μ in [0, 1)), the classical form: every weight keeps a velocity v,
  0 at the start of training and carried from step to step and epoch to epoch, and a step applies

      v ← μ·v + ΔW          (ΔW = α(d − y)·δ, the lecture's change)
      W ← W + v

  so μ = 0 is the lecture's step. With mini-batches, v is updated once per batch, with the
  batch's mean ΔW. The velocities start at 0 at every call of ``train``.
"""

import math
from array import array
from operator import add  # add(a, b) = a + b
from typing import Callable

from backprop.math import validate
from backprop.math.sample_table import SampleTable


class DivergenceError(ValueError):
    """Training made the error or a weight infinite or NaN: α is too large.

    ``epoch`` is the epoch it happened in (``None`` for a single step) and
    ``losses`` the mean E of each epoch completed before it.
    """

    def __init__(self, message: str, epoch: int | None = None, losses: list[float] | None = None):
        super().__init__(message)
        self.epoch = epoch
        self.losses = losses if losses is not None else []


class NotFiniteError(ValueError):
    """A value of the feedforward pass, or E, is inf or NaN before a step: the floats overflowed.

    Raised before the step changes anything. Before any training it is the weights
    and the input that are too large (no α can help); during training the loop
    turns it into a :class:`DivergenceError`, since the steps before made it so.
    """


class Losses(list):
    """The mean E of each epoch (``losses[k]`` is epoch k + 1's); Jupyter shows it as the loss curve.

    A plain ``list`` in every other way: it compares, prints and serializes as one.

    >>> losses = Losses([0.25, 0.125])
    >>> losses == [0.25, 0.125], losses
    (True, [0.25, 0.125])
    """

    def _repr_svg_(self) -> str | None:
        """The loss curve as SVG (nothing to draw, so no picture, when no epoch was completed)."""
        from backprop.pictures.svg_plot import loss_curve

        return loss_curve(self) if self else None


_SYMBOLS = {"h_prime": "h′", "h": "h", "y_prime": "y′", "y": "y"}  # a feedforward record's fields, as written


def check_finite(forward, E: float) -> None:
    """Raise :class:`NotFiniteError` unless E and every value of the feedforward pass ``forward``
    (h′, h, y′ and y, of any layers) are finite.

    A step checks one sum first, ``E + Σ h′ + Σ y′`` (finite only if every term is, and a
    non-finite h or y makes the next sum, or E, non-finite too), and calls this where it is not.

    >>> from backprop.network import Forward
    >>> check_finite(Forward([1.0], [1e308, 1e308], [0.5, 0.5], 1.0, 1.0), 0.125)  # only the sum overflows
    >>> check_finite(Forward([1.0], [float("inf")], [1.0], 1.0, 1.0), 0.0)
    Traceback (most recent call last):
    ...
    backprop.math.training_loop.NotFiniteError: h′ = [inf] is not finite, before any step: the weights and the input are too large for a float (at most about 1.8e308); give smaller ones (α is not the cause)
    """
    for field, values in zip(forward._fields, forward):
        if field in _SYMBOLS and not _all_finite(values):
            what = f"{_SYMBOLS[field]} = {validate.shown(values)}"
            break
    else:
        if math.isfinite(E):
            return  # every value finite: only a sum of them overflowed
        what = f"E = ½(d − y)² is {E} with y = {validate.shown(forward.y)}, so it"
    raise NotFiniteError(f"{what} is not finite, before any step: the weights and the input are too large "
                         "for a float (at most about 1.8e308); give smaller ones (α is not the cause)")


def _all_finite(values) -> bool:
    if isinstance(values, (list, tuple)):
        return all(map(_all_finite, values))
    return math.isfinite(values)


def bias_kept_fixed(net, train_bias) -> bool:
    """Whether the biases stay fixed (``train_bias=False``); raise ``ValueError`` if the network has none.

    >>> from backprop import Network
    >>> bias_kept_fixed(Network([[1.0], [0.5]], [2.0, 1.0], bias=True), False)
    True
    >>> bias_kept_fixed(Network([[1.0]], [2.0]), False)
    Traceback (most recent call last):
    ...
    ValueError: train_bias=False keeps the biases fixed, but the network has none (bias=False)
    """
    if validate.flag(train_bias, "train_bias"):
        return False
    if not net.bias:
        raise ValueError("train_bias=False keeps the biases fixed, but the network has none (bias=False)")
    return True


def without_bias_changes(step):
    """``step`` (a record whose fields after y and E are ΔW) with every bias's ΔW set to 0.

    >>> from backprop.train import Step
    >>> step = without_bias_changes(Step(1.0, 0.5, [[0.1], [0.2]], [0.3, 0.4]))
    >>> step.delta_W1, step.delta_W2
    ([[0.1], [0.0]], [0.3, 0.0])
    """
    return step._replace(**{field: _bias_row_zeroed(step[i]) for i, field in enumerate(step._fields) if i >= 2})


def _bias_row_zeroed(delta_W):
    """ΔW with its last row 0, in a matrix, a vector (the lecture's W², one column) or a list of matrices."""
    if not isinstance(delta_W[0], list):
        return delta_W[:-1] + [0.0]  # ΔW²_(m+1) = 0: the output bias of the lecture's W²
    if not isinstance(delta_W[0][0], list):
        # ΔW_(n+1)j = 0: the last row of a weight matrix, the biases from the constant input 1
        return delta_W[:-1] + [[0.0] * len(delta_W[-1])]
    return [_bias_row_zeroed(delta_W_k) for delta_W_k in delta_W]  # every layer k of a DeepNetwork


def check_momentum(momentum) -> float:
    """Return μ as a float, or raise ``ValueError`` unless it is a number in [0, 1).

    >>> check_momentum(0.9)
    0.9
    >>> check_momentum(1)
    Traceback (most recent call last):
    ...
    ValueError: momentum must be at least 0 and less than 1 (0 is the lecture's step), not 1
    """
    mu = validate.number(momentum, "momentum")
    if not 0.0 <= mu < 1.0:
        raise ValueError(f"momentum must be at least 0 and less than 1 (0 is the lecture's step), not {momentum!r}")
    return mu


def with_momentum(velocity, delta_W, mu: float):
    """The new velocities v ← μ·v + ΔW, nested like ΔW; ``velocity`` ``None`` is v = 0.

    >>> with_momentum([[1.0, 2.0], [4.0]], [[0.5, 0.5], [1.0]], 0.5)
    [[1.0, 1.5], [3.0]]
    """
    if velocity is None:
        velocity = _scaled(delta_W, 0.0)
    if isinstance(delta_W, (list, tuple)):
        return [with_momentum(v, dW, mu) for v, dW in zip(velocity, delta_W)]
    # v ← μ·v + ΔW
    return mu * velocity + delta_W


def _scaled(a, factor: float):
    if isinstance(a, (list, tuple)):
        return [_scaled(a_k, factor) for a_k in a]
    return a * factor


def train(net, samples, alpha: float, epochs: int, *, batch_size: int, shuffle: bool, seed: int | None,
          on_epoch: Callable[[int, float], object] | None, stop: Callable[[], bool] | None,
          checked_forward: Callable, compute_step: Callable, apply_changes: Callable,
          sgd_epoch: Callable | None = None, forward_check: Callable | None = None, train_bias: bool = True,
          momentum: float = 0.0) -> Losses:
    """Train ``net`` with its own ``compute_step`` and ``apply_changes``; return the mean E of each epoch.

    The arguments are those of :func:`backprop.train`; ``checked_forward(net, x, d)`` is the
    network's feedforward pass and E, which raises :class:`NotFiniteError` where one is not finite. ``sgd_epoch``, if given, is a faster
    epoch of SGD steps, called as ``sgd_epoch(net, samples, alpha, stop)``, that gives
    the same numbers bit for bit (:mod:`backprop.math.unrolled`); it returns the list of
    each step's E, or ``None`` if ``stop()`` ended the epoch; it is not used with ``train_bias=False``
    or ``momentum`` (see the module's docstring), which the lists do. ``forward_check``, if given, is
    a faster check of every sample with ``checked_forward``, called as ``forward_check(net, samples,
    checked_forward)``, that raises where the loop of ``checked_forward`` raises.
    """
    alpha = validate.positive(alpha, "alpha")
    epochs = validate.count(epochs, "epochs")
    batch_size = validate.count(batch_size, "batch_size")
    shuffle = validate.flag(shuffle, "shuffle")
    on_epoch = validate.callback(on_epoch, "on_epoch", 2, "(epoch, mean_E)")
    stop = validate.callback(stop, "stop", 0)
    mu = check_momentum(momentum)
    fixed_bias = bias_kept_fixed(net, train_bias)
    samples = net.check_samples(samples)
    if forward_check is not None:
        forward_check(net, samples, checked_forward)
    else:
        for x, d in samples:  # every sample has a finite E at the weights given, or α is not to blame
            checked_forward(net, x, d)
    if fixed_bias or mu:  # what a step applies changes: ΔW without the biases', or the velocity v
        apply_changes = _applying(apply_changes, fixed_bias, mu)
        sgd_epoch = None
    if sgd_epoch is None:  # the lecture's SGD: sgd_step's own two functions, on one sample after the other
        sgd_epoch = lambda net, samples, alpha, stop: _sgd_epoch(net, samples, alpha, stop, compute_step, apply_changes)
    import random  # here: only training shuffles, and a trace starts sooner without it

    rng = random.Random(seed)
    losses = Losses()
    for epoch in range(1, epochs + 1):
        if shuffle:  # a SampleTable shuffles its row numbers, drawn as rng.shuffle draws for a list
            samples.shuffle(rng) if isinstance(samples, SampleTable) else rng.shuffle(samples)
        try:
            if batch_size == 1:
                E_values = sgd_epoch(net, samples, alpha, stop)
            else:
                E_values = _batch_epoch(net, samples, alpha, batch_size, stop, compute_step, apply_changes)
        except (DivergenceError, NotFiniteError):
            raise DivergenceError(
                f"training diverged in epoch {epoch}: a weight became infinite or NaN; the "
                f"network keeps the last finite weights; try an alpha smaller than {alpha:g}",
                epoch,
                Losses(losses),
            ) from None
        if E_values is None:  # stop() asked to end within this epoch
            break
        losses.append(mean(E_values))
        if on_epoch is not None:
            on_epoch(epoch, losses[-1])
    return losses


def _applying(apply_changes: Callable, fixed_bias: bool, mu: float) -> Callable:
    """``apply_changes`` of a network, applying ΔW without the biases' (``fixed_bias``) and with momentum μ:
    the velocities live here, from v = 0, for one training."""
    velocity = None

    def apply(net, *delta_W):
        nonlocal velocity
        if fixed_bias:
            delta_W = [_bias_row_zeroed(delta_W_k) for delta_W_k in delta_W]
        if not mu:
            return apply_changes(net, *delta_W)
        # v ← μ·v + ΔW
        v = with_momentum(velocity, list(delta_W), mu)
        # W ← W + v            (refused, v kept as it was, if a weight would not be finite)
        apply_changes(net, *v)
        velocity = v

    return apply


def mean(E_values: list[float]) -> float:
    """The mean of an epoch's E, Σ E / n, the Σ exact (``math.fsum``), so the same on every Python.

    >>> mean([0.25, 0.5])
    0.375
    >>> mean([1e308, 1e308])     # Σ E passes the largest float; each E / n does not
    1e+308
    """
    try:
        return math.fsum(E_values) / len(E_values)
    except OverflowError:  # fsum raises where the exact Σ passes the largest float, though every E is finite
        return math.fsum(E / len(E_values) for E in E_values)


def _sgd_epoch(net, samples: list, alpha: float, stop, compute_step, apply_changes) -> array | None:
    """One SGD step per sample, as sgd_step takes it; return each step's E, or None if ``stop()`` cut
    the epoch short."""
    E_values = array("d")  # each step's E, 8 bytes each (a list of floats takes 32)
    for x, d in samples:
        step = compute_step(net, x, d, alpha)
        apply_changes(net, *step[2:])  # a step record is (y, E, ΔW of each layer …)
        E_values.append(step.E)
        if stop is not None and stop():
            return None
    return E_values


def _batch_epoch(net, samples: list, alpha: float, batch_size: int, stop, compute_step,
                 apply_changes) -> array | None:
    """One step per mini-batch, applying the mean ΔW of its samples; return each sample's E, or None
    if ``stop()`` cut the epoch short. Each sample's ΔW is added to the batch's total as it comes."""
    E_values = array("d")  # each step's E, 8 bytes each (a list of floats takes 32)
    for start in range(0, len(samples), batch_size):
        batch = samples[start:start + batch_size]
        total = None
        for x, d in batch:
            step = compute_step(net, x, d, alpha)
            # Σ_samples ΔW(sample), added left to right
            total = step[2:] if total is None else _added(total, step[2:])
            E_values.append(step.E)
        # ΔW = (1/B) · Σ_samples ΔW(sample)
        apply_changes(net, *_divided(total, len(batch)))
        if stop is not None and stop():
            return None
    return E_values


def _added(a, b):
    """Same-shaped nested lists of numbers added element by element.

    >>> _added(([1.0, 2.0], [[3.0]]), ([3.0, 4.0], [[5.0]]))
    [[4.0, 6.0], [[8.0]]]
    """
    if isinstance(a[0], (list, tuple)):
        return [_added(a_k, b_k) for a_k, b_k in zip(a, b)]
    return list(map(add, a, b))


def _divided(a, n: int):
    """Nested lists of numbers, each divided by ``n``.

    >>> _divided([[2.0, 3.0], [[4.0]]], 2)
    [[1.0, 1.5], [[2.0]]]
    """
    if isinstance(a[0], (list, tuple)):
        return [_divided(a_k, n) for a_k in a]
    return [value / n for value in a]
