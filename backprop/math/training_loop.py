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


def train(net, samples, alpha: float, epochs: int, *, batch_size: int, shuffle: bool, seed: int | None,
          on_epoch: Callable[[int, float], object] | None, stop: Callable[[], bool] | None,
          checked_forward: Callable, compute_step: Callable, apply_changes: Callable,
          sgd_epoch: Callable | None = None) -> Losses:
    """Train ``net`` with its own ``compute_step`` and ``apply_changes``; return the mean E of each epoch.

    The arguments are those of :func:`backprop.train`; ``checked_forward(net, x, d)`` is the
    network's feedforward pass and E, which raises :class:`NotFiniteError` where one is not finite. ``sgd_epoch``, if given, is a faster
    epoch of SGD steps, called as ``sgd_epoch(net, samples, alpha, stop)``, that gives
    the same numbers bit for bit (:mod:`backprop.math.unrolled`); it returns the list of
    each step's E, or ``None`` if ``stop()`` ended the epoch.
    """
    alpha = validate.positive(alpha, "alpha")
    epochs = validate.count(epochs, "epochs")
    batch_size = validate.count(batch_size, "batch_size")
    shuffle = validate.flag(shuffle, "shuffle")
    on_epoch = validate.callback(on_epoch, "on_epoch", 2, "(epoch, mean_E)")
    stop = validate.callback(stop, "stop", 0)
    samples = net.check_samples(samples)
    for x, d in samples:  # every sample has a finite E at the weights given, or α is not to blame
        checked_forward(net, x, d)
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
