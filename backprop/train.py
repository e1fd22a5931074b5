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
per training sample; :func:`train` does that for every sample, epoch after epoch.

This file is what runs: :func:`gradients`, :func:`sgd_step` and :func:`train`
(by default) all go through the functions below, in this order.
"""

import math
from operator import add  # add(a, b) = a + b
from typing import Callable, Iterable, NamedTuple

from backprop.loss import binary_cross_entropy_from_y_prime, unchecked_squared_error
from backprop.math import notation, training_loop, validate
from backprop.math.training_loop import DivergenceError, Losses, check_finite
from backprop.network import Forward, Network


class Gradients(NamedTuple):
    """The lecture's δ = ∂y/∂W, shaped like the weights: ``dy_dW1[i][j]``, ``dy_dW2[j]``."""

    dy_dW1: list[list[float]]
    dy_dW2: list[float]

    __repr__ = notation.shown_record  # the lecture's symbols to 4 digits; the attributes keep every digit
    _repr_markdown_ = notation.shown_record_markdown  # the same, as a notebook shows it

    def _symbols(self) -> list:
        return [("∂y/∂W¹", self.dy_dW1), ("∂y/∂W²", self.dy_dW2)]


class Step(NamedTuple):
    """One SGD step: the output y and error E before it, and the changes ΔW¹, ΔW²."""

    y: float
    E: float
    delta_W1: list[list[float]]
    delta_W2: list[float]

    __repr__ = notation.shown_record  # the lecture's symbols to 4 digits; the attributes keep every digit
    _repr_markdown_ = notation.shown_record_markdown  # the same, as a notebook shows it

    def _symbols(self) -> list:
        return [("y", self.y), ("E", self.E), ("ΔW¹", self.delta_W1), ("ΔW²", self.delta_W2)]


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
    return backpropagate(net, net.feedforward(x))


def backpropagate(net: Network, forward: Forward, of_y_prime: bool = False) -> Gradients:
    """δ = ∂y/∂W of every weight, by the chain rule, from the values of a feedforward pass; with
    ``of_y_prime`` δ = ∂y′/∂W, as cross-entropy's step takes it (its ∂E/∂y′ = −(d − y) has no Φ_out′)."""
    x, h_prime, h, y_prime, y = forward
    # ∂y/∂y′ = Φ_out′(y′)            (the lecture's output has no activation: y = y′, so ∂y/∂y′ = 1)
    dy_dy_prime = 1.0 if of_y_prime else output_slope(net, y_prime, y)
    h_in = h + [1.0] if net.bias else h  # the output bias's input, the constant 1, as h_(n+1)
    # δ²_j = ∂y/∂W²_j = h_j · ∂y/∂y′   (the lecture: h_j · 1)
    dy_dW2 = [h_j * dy_dy_prime for h_j in h_in]
    if net.phi_prime_from_h is not None:  # the same Φ′(h′_j), from h_j = Φ(h′_j): no Φ again
        phi_prime = map(net.phi_prime_from_h, h)
    else:
        phi_prime = map(net.phi_prime, h_prime)
    # ∂y/∂h′_j = (∂h_j/∂h′_j) · (∂y/∂h_j) = Φ′(h′_j) · W²_j · ∂y/∂y′
    dy_dh_prime = [phi_prime_j * (W2_j * dy_dy_prime) for phi_prime_j, W2_j in zip(phi_prime, net.W2)]
    x_in = x + [1.0] if net.bias else x  # the bias input, the constant 1, as x_(n+1)
    # δ¹_ij = ∂y/∂W¹_ij = W²_j · Φ′(h′_j) · x_i      (times ∂y/∂y′, which is 1 in the lecture)
    dy_dW1 = [[x_i * dy_dh_prime_j for dy_dh_prime_j in dy_dh_prime] for x_i in x_in]
    return Gradients(dy_dW1, dy_dW2)


def output_slope(net, y_prime: float, y: float) -> float:
    """Φ_out′(y′), the slope of the output activation; from y = Φ_out(y′) where it can be
    (the sigmoid's is y·(1 − y)), as Φ′(h′_j) is found from h_j. The lecture's output: 1.

    >>> net = Network([[0.0], [0.0]], [0.0], output_activation="sigmoid")
    >>> output_slope(net, 0.0, 0.5)       # Φ_out′(0) = ½ · (1 − ½)
    0.25
    """
    if net.phi_out_prime_from_h is not None:
        return net.phi_out_prime_from_h(y)
    return net.phi_out_prime(y_prime)


def changes(delta: Gradients, d: float, y: float, alpha: float) -> tuple[list[list[float]], list[float]]:
    """ΔW¹ and ΔW² from the gradients δ, the output y and the desired d."""
    dy_dW1, dy_dW2 = delta
    # ΔW = α · (d − y) · δ
    alpha_error = alpha * (d - y)
    delta_W1 = [[alpha_error * dy_dW1_ij for dy_dW1_ij in dy_dW1_i] for dy_dW1_i in dy_dW1]
    delta_W2 = [alpha_error * dy_dW2_j for dy_dW2_j in dy_dW2]
    return delta_W1, delta_W2


def checked_forward(net: Network, x: list[float], d: float) -> tuple[Forward, float]:
    """The feedforward pass and E of a checked sample. Raises :class:`~backprop.math.training_loop.NotFiniteError`
    (a ``ValueError``) if E or a value of the pass is not finite: the floats overflowed."""
    forward = net._feedforward(x)
    # E = ½(d − y)²; with cross-entropy E = −(d ln y + (1 − d) ln(1 − y)) = ln(1 + e^(y′)) − d·y′ (no ln 0)
    E = (unchecked_squared_error(d, forward.y) if net.loss == "squared"
         else binary_cross_entropy_from_y_prime(d, forward.y_prime))
    if not math.isfinite(E + sum(forward.h_prime) + forward.y_prime):  # one is inf or NaN, or the sum overflowed
        check_finite(forward, E)
    return forward, E


def compute_step(net: Network, x: list[float], d: float, alpha: float) -> Step:
    """One step's y, E and ΔW on a checked sample, all from the weights before it; nothing applied."""
    forward, E = checked_forward(net, x, d)
    # cross-entropy with the sigmoid: ∂E/∂y′ = −(d − y), Φ_out′ cancelled, so δ = ∂y′/∂W (backprop.loss)
    delta = backpropagate(net, forward) if net.loss == "squared" else backpropagate(net, forward, True)
    delta_W1, delta_W2 = changes(delta, d, forward.y, alpha)
    return Step(forward.y, E, delta_W1, delta_W2)


def apply_changes(net: Network, delta_W1: list[list[float]], delta_W2: list[float]) -> None:
    """W ← W + ΔW on both layers, in place, unless that makes a weight non-finite."""
    # W ← W + ΔW
    W1_new = [list(map(add, W1_i, delta_W1_i)) for W1_i, delta_W1_i in zip(net.W1, delta_W1)]
    W2_new = list(map(add, net.W2, delta_W2))
    # one sum is NaN or ±inf exactly when some weight is (or the weights overflow together)
    if not math.isfinite(sum(W2_new) + sum(map(sum, W1_new))):
        raise DivergenceError("the step made a weight infinite or NaN, so it was not applied; try a smaller alpha")
    for W1_i, W1_i_new in zip(net.W1, W1_new):
        W1_i[:] = W1_i_new
    net.W2[:] = W2_new


def sgd_step(net: Network, x, d: float, alpha: float, *, train_bias: bool = True) -> Step:
    """Take one backpropagation step on sample ``(x, d)``: W ← W + α(d − y)·∂y/∂W.

    Every ΔW is computed from the weights before the step; then all are applied,
    in place. Returns the :class:`Step` with y and E from before the step.

    >>> net = Network([[1.0], [1.0]], [1.0], activation="identity")
    >>> step = sgd_step(net, [1.0, 1.0], d=3.0, alpha=0.1)
    >>> step.y, step.E, step.delta_W2
    (2.0, 0.5, [0.2])
    >>> net.W1, net.W2
    ([[1.1], [1.1]], [1.2])

    ``train_bias=False`` keeps the biases fixed (used; their ΔW is 0). Raises ``ValueError`` or
    ``TypeError`` for a bad ``x``, ``d`` or ``alpha``, or for weights and input so large that E is not
    finite, and :class:`DivergenceError` if the step would make a weight infinite; in every case the
    weights are left unchanged.
    """
    _check_lecture_network(net, "backprop.sgd_step", "backprop.math.deep.sgd_step")
    x = net.check_x(x)
    d = net.check_d(d)
    alpha = validate.positive(alpha, "alpha")
    step = compute_step(net, x, d, alpha)
    step = training_loop.without_bias_changes(step) if training_loop.bias_kept_fixed(net, train_bias) else step
    apply_changes(net, step.delta_W1, step.delta_W2)
    return step


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
    unrolled: bool = False, train_bias: bool = True, momentum: float = 0.0,
) -> Losses:
    """Train ``net`` on ``(x, d)`` samples by gradient descent; return the mean E of each epoch
    (a list, :class:`~backprop.math.training_loop.Losses`, that a notebook shows as the loss curve).

    With ``batch_size=1`` (the default) this is the lecture's stochastic gradient
    descent: :func:`sgd_step` on one sample after the other, in order (or shuffled each
    epoch with ``shuffle=True``, from ``random.Random(seed)``). With ``batch_size > 1`` the
    ΔW of each mini-batch are computed from the same weights and their mean is
    applied. An epoch's mean E is the mean of each sample's E just before the
    step that uses it.

    ``on_epoch(epoch, mean_E)`` is called after each epoch (to show progress); ``stop()`` is
    asked after every step, and when true, training ends there, the cut epoch left out (Ctrl-C).

    By default every step runs the functions of this file, so a ``print`` or a breakpoint placed
    in them is reached. ``unrolled=True`` is the faster choice: SGD epochs (up to
    :data:`backprop.math.unrolled.MAX_WEIGHTS` weights, either loss) run as straight-line code
    written from the same formulas (:mod:`backprop.math.unrolled`), the same numbers bit for bit.
    ``train_bias=False`` keeps the biases as given (used, not updated); ``momentum=μ``: v ← μ·v + ΔW,
    W ← W + v (:mod:`~backprop.math.training_loop`); both on the lists.

    >>> xor = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
    >>> net = Network.random(bias=True, seed=0)
    >>> losses = train(net, xor, alpha=0.5, epochs=2000)
    >>> losses[-1] < 0.01 < losses[0]
    True

    All samples are checked before the first step. Raises ``ValueError`` or ``TypeError`` for bad
    samples, ``alpha``, ``epochs`` or ``batch_size``, and :class:`DivergenceError` naming the epoch
    if E or a weight stops being finite; the network keeps the weights of the last finite step.
    """
    _check_lecture_network(net, "backprop.train", "backprop.math.deep.train")
    fast_epoch = fast_check = None
    if validate.flag(unrolled, "unrolled") and train_bias and not momentum:  # the generated code (docs/unroll.md)
        from backprop.math.unrolled import forward_check, sgd_epoch  # here: only this choice compiles code
        fast_epoch, fast_check = sgd_epoch(net), forward_check(net)
    return training_loop.train(net, samples, alpha, epochs, batch_size=batch_size, shuffle=shuffle, seed=seed,
                               on_epoch=on_epoch, stop=stop, checked_forward=checked_forward, compute_step=compute_step,
                               apply_changes=apply_changes, sgd_epoch=fast_epoch, forward_check=fast_check,
                               train_bias=train_bias, momentum=momentum)


def _check_lecture_network(net, function: str, deep_function: str) -> None:
    """Raise ``TypeError`` unless ``net`` is the lecture's Network, naming ``deep_function``, the
    counterpart of ``function`` for a DeepNetwork (tests/test_deep_validation.py)."""
    if not isinstance(net, Network):
        raise TypeError(f"{function} is for the lecture's Network, not {type(net).__name__}; "
                        f"for a DeepNetwork use {deep_function}")
