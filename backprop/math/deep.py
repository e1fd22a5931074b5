"""Every layer K: the lecture's backpropagation through a network of several layers.

The lecture's network has two weight layers, W¹ and W², and says of the update
"we need to do so for every single layer K". Here there are K weight matrices
W¹ … Wᴷ and any number of neurons in each layer; layer 0 is the input x, layers
1 … K−1 are hidden, and layer K is the output y (one or several values)::

    x ──W¹──► h¹ ──W²──► h² ── … ──Wᴷ──► y

Wᵏ_ij connects neuron i of layer k−1 to neuron j of layer k. The feedforward
pass is the lecture's, one layer after the other, starting from h⁰ = x:

    h′ᵏ_j = Σ_i hᵏ⁻¹_i · Wᵏ_ij        for the hidden layers k = 1 … K−1
    hᵏ_j  = Φ(h′ᵏ_j)
    y_j   = Σ_i hᴷ⁻¹_i · Wᴷ_ij         the output stays linear, as in the lecture

or, with an output activation Φ_out (``output_activation="sigmoid"``, beyond the
lecture), y′_j = Σ_i hᴷ⁻¹_i · Wᴷ_ij and y_j = Φ_out(y′_j) on every output.

Backpropagation. The lecture's two gradients are

    δ²_j  = ∂y/∂W²_j  = h_j · 1
    δ¹_ij = ∂y/∂W¹_ij = x_i · W²_j · Φ′(h′_j)

Both have the same form: the value the weight multiplies (h_j, x_i) times how
much y moves with the sum at the weight's far end (∂y/∂y = 1 for the linear
output, ∂y/∂h′_j = W²_j · Φ′(h′_j) for a hidden neuron). Call that second factor
the error term of the neuron. For every layer k, then,

    δᵏ_ij = ∂y/∂Wᵏ_ij = hᵏ⁻¹_i · ∂y/∂h′ᵏ_j

and the chain rule through hᵏ_i gives each layer's error terms from the next
layer's. hᵏ_i feeds every neuron j of layer k+1, so y depends on it along one
path per j, and the paths' derivatives add up:

    ∂y/∂h′ᵏ_i = Φ′(h′ᵏ_i) · Σ_j Wᵏ⁺¹_ij · ∂y/∂h′ᵏ⁺¹_j

For K = 2 with one output, Σ_j has the single term W²_i · 1: the lecture's
formula. Backpropagation starts at the output, where ∂y/∂y = 1, and walks back
to the first layer, each layer's error terms reusing the ones after it. With an
output activation the output's error term is ∂y/∂y′ = Φ_out′(y′) instead of 1.

Several outputs: E = ½ Σ_j (d_j − y_j)², so every weight changes by

    ΔW = −α · ∂E/∂W = α · Σ_j (d_j − y_j) · ∂y_j/∂W

each ∂y_j/∂W found by the same recursion, started from ∂y_j/∂y′_j = Φ_out′(y′_j)
(1 for the linear output) and 0 for the other outputs. With one output this is
exactly the lecture's ΔW = α(d − y) · ∂y/∂W.

Cross-entropy (``loss="cross_entropy"``, beyond the lecture): with one sigmoid output, or
with softmax on several (y_j = e^(y′_j) / Σ_l e^(y′_l)), ∂E/∂y′_j = −(d_j − y_j): the output
activation's slope cancels, and

    ΔW = α · Σ_j (d_j − y_j) · ∂y′_j/∂W

the same backward pass started from (d_j − y_j) on every output (:mod:`backprop.loss`).
Softmax's own slope is a matrix, ∂y_l/∂y′_j = y_l · ([l = j] − y_j), which :func:`gradients`
uses for ∂y_l/∂W.

Indices: ``W[k][i][j]`` is the lecture's Wᵏ⁺¹_(i+1)(j+1), the weight from
neuron i+1 of layer k to neuron j+1 of layer k+1; ``W[0][0][1]`` is W¹_12.
Everything shown to a person is one-based (see :mod:`backprop.math.notation`).
Bias, as in :class:`backprop.Network`: with ``bias=True`` every layer's input
gets one more neuron that is always 1, so each matrix has one more, last, row.

With one hidden layer and one output a ``DeepNetwork`` is the lecture's
``Network`` and gives the same numbers.
"""

import math
from numbers import Real
from operator import add, mul  # add(a, b) = a + b; mul(a, b) = a · b
from typing import Callable, Iterable, NamedTuple

from backprop.math import notation, validate
from backprop.activations import (IDENTITY, SOFTMAX, ActivationLike, get_activation, get_output_activation, per_layer,
                                  softmax, softmax_jacobian)
from backprop.loss import error as loss_error, get_loss, target, targets
from backprop.loss import unchecked_squared_error as squared_error_of_one
from backprop.math import training_loop
from backprop.math.notation import layer
from backprop.math.sums import add_up
from backprop.math.training_loop import DivergenceError, Losses, check_finite
from backprop.network import check_loss_pair
from backprop.train import output_slope


class DeepForward(NamedTuple):
    """Every value of one feedforward pass: x, h′ and h of each hidden layer, y′ and y.

    ``h_prime[k]`` and ``h[k]`` are the lecture's h′ᵏ⁺¹ and hᵏ⁺¹: ``h[0]`` is
    the first hidden layer h¹. ``y_prime`` and ``y`` are lists, one value per
    output: the sums y′_j and the outputs y_j = Φ_out(y′_j) (equal for the
    lecture's linear output).
    """

    x: list[float]
    h_prime: list[list[float]]
    h: list[list[float]]
    y_prime: list[float]
    y: list[float]

    __repr__ = notation.shown_record  # the lecture's symbols to 4 digits; the attributes keep every digit
    _repr_markdown_ = notation.shown_record_markdown  # the same, as a notebook shows it

    def _symbols(self) -> list:
        hidden = [(layer(name, k), values[k]) for k in range(len(self.h))
                  for name, values in (("h′", self.h_prime), ("h", self.h))]
        return [("x", self.x), *hidden, ("y′", self.y_prime), ("y", self.y)]


class DeepGradients(NamedTuple):
    """The lecture's δ = ∂y/∂W for one output y, with the error terms it is made of.

    ``dy_dW[k][i][j]`` is ∂y/∂Wᵏ⁺¹_(i+1)(j+1), shaped like the weights.
    ``dy_dh_prime[k][j]`` is the error term ∂y/∂h′ᵏ⁺¹_(j+1); the last list is the
    output layer's, ∂y/∂y′_j (Φ_out′(y′_j) for this output — 1 for the lecture's linear
    output — and 0 for the others).
    """

    dy_dh_prime: list[list[float]]
    dy_dW: list[list[list[float]]]

    __repr__ = notation.shown_record  # the lecture's symbols to 4 digits; the attributes keep every digit
    _repr_markdown_ = notation.shown_record_markdown  # the same, as a notebook shows it

    def _symbols(self) -> list:
        return ([(f"∂y/∂{layer('h′', k)}", terms) for k, terms in enumerate(self.dy_dh_prime[:-1])]
                + [("∂y/∂y′", self.dy_dh_prime[-1])]
                + [(f"∂y/∂{layer('W', k)}", dy_dW_k) for k, dy_dW_k in enumerate(self.dy_dW)])


class DeepStep(NamedTuple):
    """One SGD step: the outputs y and the error E before it, and ΔW of every layer."""

    y: list[float]
    E: float
    delta_W: list[list[list[float]]]

    __repr__ = notation.shown_record  # the lecture's symbols to 4 digits; the attributes keep every digit
    _repr_markdown_ = notation.shown_record_markdown  # the same, as a notebook shows it

    def _symbols(self) -> list:
        changes = [(layer("ΔW", k), delta_W_k) for k, delta_W_k in enumerate(self.delta_W)]
        return [("y", self.y), ("E", self.E), *changes]


class DeepNetwork:
    """A network of K weight matrices: x → h¹ → … → hᴷ⁻¹ → y, any sizes.

    ``W`` is a list of K matrices; ``W[k]`` has a row per neuron of layer k (plus
    a last bias row if ``bias``) and a column per neuron of layer k+1. The hidden
    layers apply Φ (``activation``: one name for every hidden layer, or a list of one per
    hidden layer, ``["relu", "sigmoid"]``: Φ¹ for h¹, Φ² for h²); the output applies Φ_out
    (``output_activation``, default ``"identity"``: linear, as in the lecture). The weights are copied into plain
    floats, which :func:`sgd_step` and :func:`train` update in place.

    >>> net = DeepNetwork([[[1.0, -1.0]], [[0.5, 0.25], [1.0, 0.5]], [[2.0], [-1.0]]],
    ...                   activation="relu")
    >>> net.layers
    [1, 2, 2, 1]
    >>> net.predict([2.0])      # h¹ = (2, 0), h² = (1, 0.5), y = 1·2 + 0.5·(−1)
    [1.5]

    ``loss`` is ``"squared"`` (the lecture's E = ½ Σ_j (d_j − y_j)², the default) or
    ``"cross_entropy"``: with one output and ``output_activation="sigmoid"`` the binary
    E = −(d ln y + (1 − d) ln(1 − y)), with several outputs and ``output_activation="softmax"``
    the categorical E = −Σ_j d_j ln y_j.

    Raises ``TypeError`` or ``ValueError`` for weights that are not finite
    numbers, ragged or empty matrices, matrices whose sizes do not chain, an unknown
    activation, output activation or loss, a list of activations not one per hidden layer,
    or a loss that does not fit the output activation (softmax: cross-entropy and several outputs).

    ``hidden_activations[k]`` is the :class:`~backprop.activations.Activation` of hidden layer
    k + 1. With one Φ for every layer, ``activation`` is its name and ``phi``, ``phi_prime``
    are its functions; with several, ``activation`` is the list of their names and ``phi``,
    ``phi_prime`` and ``phi_prime_from_h`` are ``None`` (use ``hidden_activations``).
    """

    def __init__(self, W, activation: ActivationLike = "sigmoid",
                 output_activation: ActivationLike = "identity", bias: bool = False, loss: str = "squared"):
        bias = validate.flag(bias, "bias")
        phi = None if isinstance(activation, list) else get_activation(activation)  # a list: once W says how long
        phi_out = get_output_activation(output_activation)
        loss = get_loss(loss)
        if isinstance(W, (str, bytes)) or not hasattr(W, "__len__"):
            raise TypeError(f"W must be a list of weight matrices W¹ … Wᴷ, not {validate.shown(W)}")
        if len(W) == 0:
            raise ValueError("W is empty; it needs at least one weight matrix")
        W = [validate.matrix(W_k, layer("W", k)) for k, W_k in enumerate(W)]
        if len(W[0]) < 1 + bias:
            raise ValueError(
                f"W¹ has {len(W[0])} row but bias=True needs a row per input and then a last "
                "row of biases"
            )
        for k in range(1, len(W)):
            n_neurons = len(W[k - 1][0])  # the columns of the matrix before: layer k's neurons
            if len(W[k]) != n_neurons + bias:
                expected = f"{n_neurons} + 1 (the bias row)" if bias else f"{n_neurons}"
                raise ValueError(
                    f"{layer('W', k)} has {len(W[k])} rows but {layer('W', k - 1)} has {n_neurons} "
                    f"columns (the neurons of layer {k}), so {layer('W', k)} needs {expected} rows"
                )
        if phi is None and len(W) == 1:
            raise ValueError("activation is a list, but the network has no hidden layer (one weight matrix); "
                             "give one name")
        hidden_activations = per_layer(phi or activation, len(W) - 1)
        if phi is None and len(set(hidden_activations)) == 1:
            phi = hidden_activations[0]  # the same Φ in every layer: the network of that one Φ
        check_loss_pair(loss, phi_out, len(W[-1][0]))
        self.W: list[list[list[float]]] = W
        self.hidden_activations = hidden_activations
        self.layers: list[int] = [len(W[0]) - bias] + [len(W_k[0]) for W_k in W]
        self.n_inputs: int = self.layers[0]
        self.n_outputs: int = self.layers[-1]
        self.bias: bool = bias
        self.activation: str | list[str] = phi.name if phi else [phi_k.name for phi_k in hidden_activations]
        self.phi = phi and phi.phi
        self.phi_prime = phi and phi.phi_prime
        self.phi_prime_from_h = phi and phi.phi_prime_from_h
        self._activation = phi
        self.output_activation: str = phi_out.name
        self.phi_out = phi_out.phi
        self.phi_out_prime = phi_out.phi_prime
        self.phi_out_prime_from_h = phi_out.phi_prime_from_h
        self._output_activation = phi_out
        self.softmax_output: bool = phi_out == SOFTMAX  # y = softmax(y′), of all outputs together
        self.loss: str = loss

    @classmethod
    def random(
        cls,
        layers,
        activation: ActivationLike = "sigmoid",
        bias: bool = False,
        seed: int | None = None,
        *,
        max_weights: int | None = validate.MAX_WEIGHTS,
        output_activation: ActivationLike = "identity",
        loss: str = "squared",
    ) -> "DeepNetwork":
        """Return a network with the neurons per layer ``layers`` and random weights in [−1, 1].

        More than ``max_weights`` weights (a million) raise ``ValueError`` before any
        is made; ``max_weights=None`` lifts the limit. ``output_activation`` (keyword
        only) is Φ_out, as for the constructor; it does not change the weights a seed gives.

        ``layers`` lists the sizes from the inputs to the outputs: ``[1, 2, 2, 1]``
        is the course's quiz network. The weights come from ``random.Random(seed)``
        in the same order as :meth:`backprop.Network.random`, so ``[n, m, 1]`` with
        a seed gives that seed's lecture network.

        >>> DeepNetwork.random([1, 2, 2, 1], seed=1).layers
        [1, 2, 2, 1]
        >>> DeepNetwork.random([2, 0, 1])
        Traceback (most recent call last):
        ...
        ValueError: layer 1 must be at least 1, not 0
        """
        if isinstance(layers, (str, bytes)) or not hasattr(layers, "__len__"):
            raise TypeError(f"layers must be a list of sizes like [1, 2, 2, 1], not {validate.shown(layers)}")
        if len(layers) < 2:
            raise ValueError(
                f"layers needs at least two sizes, the inputs and the outputs (like [1, 2, 2, 1]), "
                f"not {validate.shown(layers)}"
            )
        layers = [validate.count(n, f"layer {k}") for k, n in enumerate(layers)]
        bias = validate.flag(bias, "bias")
        check_loss_pair(get_loss(loss), get_output_activation(output_activation), layers[-1])  # before any weight
        validate.weight_count(layers, bias, max_weights)
        import random  # here: only random networks need it, and a trace starts sooner without it

        rng = random.Random(seed)
        W = [
            [[rng.uniform(-1.0, 1.0) for _ in range(n_next)] for _ in range(n + bias)]
            for n, n_next in zip(layers, layers[1:])
        ]
        return cls(W, activation=activation, output_activation=output_activation, bias=bias, loss=loss)

    def copy(self) -> "DeepNetwork":
        """Return a network with the same activations, bias and loss and copies of the weights."""
        return DeepNetwork(self.W, activation=self._activation or list(self.hidden_activations),
                           output_activation=self._output_activation, bias=self.bias, loss=self.loss)

    def __repr__(self) -> str:
        output = (f"output_activation={self.output_activation!r}, "
                  if self._output_activation != IDENTITY else "")  # the lecture's default is left out
        loss = f", loss={self.loss!r}" if self.loss != "squared" else ""  # so is the lecture's loss
        return f"DeepNetwork(W={self.W!r}, activation={self.activation!r}, {output}bias={self.bias!r}{loss})"

    def feedforward(self, x) -> DeepForward:
        """Run the feedforward pass on input ``x`` and return every value of it.

        >>> net = DeepNetwork([[[1.0, -1.0]], [[1.0], [1.0]]], activation="relu")
        >>> net.feedforward([3.0])
        DeepForward(x = (3), h′¹ = (3, −3), h¹ = (3, 0), y′ = (3), y = (3))

        Raises ``ValueError`` or ``TypeError`` if ``x`` is not ``n_inputs`` finite numbers.
        """
        return self._feedforward(self.check_x(x))

    def predict(self, x) -> list[float]:
        """Return the network's outputs y for input ``x``, a list of ``n_outputs`` values.

        >>> DeepNetwork([[[1.0], [1.0]], [[2.0, -1.0]]], activation="identity").predict([1, 2])
        [6.0, -3.0]
        """
        return self.feedforward(x).y

    def _feedforward(self, x: list[float]) -> DeepForward:
        """The feedforward pass on an ``x`` already checked by :meth:`check_x`."""
        h = x  # h⁰ = x, the input layer
        h_prime_layers, h_layers = [], []
        for W_k, phi_k in zip(self.W[:-1], self.hidden_activations):
            # h′ᵏ_j = Σ_i hᵏ⁻¹_i · Wᵏ_ij
            h_prime = weighted_sums(h, W_k, self.bias)
            # hᵏ_j = Φᵏ(h′ᵏ_j)            (Φᵏ the activation of layer k; the same Φ in every layer unless given one each)
            h = list(map(phi_k.phi, h_prime))
            h_prime_layers.append(h_prime)
            h_layers.append(h)
        # y′_j = Σ_i hᴷ⁻¹_i · Wᴷ_ij
        y_prime = weighted_sums(h, self.W[-1], self.bias)
        if self.softmax_output:
            # y_j = e^(y′_j) / Σ_l e^(y′_l)   (softmax: all the outputs together)
            y = softmax(y_prime)
        else:
            # y_j = Φ_out(y′_j)                (the lecture's output, Φ_out the identity: y_j = y′_j)
            y = list(map(self.phi_out, y_prime))
        return DeepForward(x, h_prime_layers, h_layers, y_prime, y)

    def check_x(self, x) -> list[float]:
        """Return ``x`` as a list of floats, or raise if it does not fit this network."""
        return validate.vector(x, "x", length=self.n_inputs, what="inputs")

    def check_d(self, d) -> list[float]:
        """Return the desired outputs ``d`` as a list of floats, or raise if they do not fit.

        With one output, a plain number is taken as that output's d. With cross-entropy every d_j
        must be in [0, 1], and with softmax they must add up to 1.

        >>> DeepNetwork.random([2, 3, 1], seed=0).check_d(1)
        [1.0]
        >>> DeepNetwork.random([2, 3, 2], seed=0).check_d(1)
        Traceback (most recent call last):
        ...
        ValueError: d is one number but the network has 2 outputs; give a list of 2 desired outputs
        """
        if isinstance(d, Real) and not isinstance(d, bool):
            if self.n_outputs != 1:
                raise ValueError(
                    f"d is one number but the network has {self.n_outputs} outputs; give a list "
                    f"of {self.n_outputs} desired outputs"
                )
            d = [validate.number(d, "d")]
        else:
            d = validate.vector(d, "d", length=self.n_outputs, what="outputs")
        if self.loss != "squared":
            if self.softmax_output:
                targets(d)
            else:
                target(d[0])
        return d

    def check_output(self, output) -> int:
        """Return the zero-based index of one output y_j, or raise; ``None`` means the only one.

        >>> DeepNetwork.random([2, 3, 2], seed=0).check_output(None)
        Traceback (most recent call last):
        ...
        ValueError: the network has 2 outputs; say which y_j with output=0 … 1 (output=0 is y_1)
        """
        if output is None:
            if self.n_outputs != 1:
                raise ValueError(
                    f"the network has {self.n_outputs} outputs; say which y_j with "
                    f"output=0 … {self.n_outputs - 1} (output=0 is y_1)"
                )
            return 0
        if isinstance(output, bool) or not isinstance(output, int) or not 0 <= output < self.n_outputs:
            raise ValueError(
                f"output must be one of 0 … {self.n_outputs - 1} (output=0 is y_1), not {validate.shown(output)}"
            )
        return output

    def check_samples(self, samples) -> list[tuple[list[float], list[float]]]:
        """Return ``samples`` as a list of checked ``(x, d)`` pairs, or raise naming the bad one.

        >>> DeepNetwork.random([2, 2, 2], seed=0).check_samples([([0, 1], [1, 0])])
        [([0.0, 1.0], [1.0, 0.0])]
        """
        return validate.samples(samples, self.check_x, self.check_d)

    def save(self, path) -> None:
        """Write the network to a JSON weights file at ``path``, atomically.

        See :mod:`backprop.files.weights_file`.
        """
        from backprop.files.weights_file import save  # here: backprop.files.weights_file imports this module

        save(self, path)

    @classmethod
    def load(cls, path) -> "DeepNetwork":
        """Read a network from a weights file written by :meth:`save`.

        Raises ``ValueError`` naming the first problem in a broken or foreign file, or
        one that holds the lecture's :class:`~backprop.Network`.
        """
        from backprop.files.weights_file import load

        return load(path, kind=DeepNetwork)

    def _repr_svg_(self) -> str:
        """The picture of the weights, which Jupyter shows (:mod:`backprop.pictures.network_picture`)."""
        from backprop.pictures.network_picture import network_svg

        return network_svg(self)

    def _repr_html_(self) -> str:
        """The same picture, inside a notebook's HTML."""
        return f'<div class="backprop-network">{self._repr_svg_()}</div>'


def weighted_sums(h: list[float], W_k: list[list[float]], bias: bool) -> list[float]:
    """Σ_i h_i · W_ij for every column j of ``W_k``: the sums of the next layer."""
    h_in = h + [1.0] if bias else h  # the bias input, the constant 1, meets the last row
    # Σ_i h_i · W_ij          (zip(*W_k) gives the columns: column j feeds neuron j)
    return [add_up(map(mul, h_in, W_j)) for W_j in zip(*W_k)]


def squared_error(d, y) -> float:
    """Return E = ½ Σ_j (d_j − y_j)², the squared error of the outputs y against d.

    >>> squared_error([1.0, 0.0], [0.5, 0.5])     # ½(0.25 + 0.25)
    0.25
    >>> squared_error([1.0, 0.0], [0.5])
    Traceback (most recent call last):
    ...
    ValueError: d has 2 values but y has 1; give one desired output per output

    Raises ``TypeError`` or ``ValueError`` if d or y is not a list of finite numbers.
    """
    d, y = validate.vector(d, "d"), validate.vector(y, "y")
    if len(d) != len(y):
        raise ValueError(
            f"d has {len(d)} values but y has {len(y)}; give one desired output per output"
        )
    return unchecked_squared_error(d, y)


def unchecked_squared_error(d: list[float], y: list[float]) -> float:
    """E = ½ Σ_j (d_j − y_j)² of lists already checked, as the training step computes it."""
    # E = ½ Σ_j (d_j − y_j)²
    return add_up(map(squared_error_of_one, d, y))


def gradients(net: DeepNetwork, x, output: int | None = None) -> DeepGradients:
    """Return δ = ∂y/∂W for every weight of ``net`` at input ``x``, by the chain rule.

    ``output`` says which y_j (zero-based: ``output=0`` is y_1) when the network
    has several; with one output it may be left out.

    The course's quiz network, with Φ the identity so the pencil work is short:
    W¹_11 reaches y along two paths, through h²_1 and through h²_2, and
    ∂y/∂W¹_11 = x_1·(W²_11·W³_11 + W²_12·W³_21) = 2·(1·3 + 2·4) = 22.

    >>> net = DeepNetwork([[[1.0, 1.0]], [[1.0, 2.0], [1.0, 1.0]], [[3.0], [4.0]]],
    ...                   activation="identity")
    >>> gradients(net, [2.0]).dy_dW[0][0][0]
    22.0

    Raises ``ValueError`` or ``TypeError`` if ``x`` does not fit the network or
    ``output`` is missing or not one of its outputs.
    """
    _check_network(net)
    x = net.check_x(x)
    output = net.check_output(output)
    return backpropagate(net, net._feedforward(x), output)


def backpropagate(net: DeepNetwork, forward: DeepForward, output: int) -> DeepGradients:
    """δ = ∂y/∂W of output number ``output``, by the chain rule, from the values of a feedforward pass."""
    terms = error_terms(net, forward, output_error_terms(net, forward, output))
    return DeepGradients(terms, dy_dW(net, forward, terms))


def dy_dW(net: DeepNetwork, forward: DeepForward, terms: list[list[float]]) -> list[list[list[float]]]:
    """δ = ∂y/∂W of every layer, from a feedforward pass and the error terms of one output."""
    # δᵏ_ij = ∂y/∂Wᵏ_ij = hᵏ⁻¹_i · ∂y/∂h′ᵏ_j
    return [[[h_i * term_j for term_j in terms_k] for h_i in h_k] for h_k, terms_k in zip(layer_inputs(net, forward), terms)]


def error_terms(net: DeepNetwork, forward: DeepForward, output_terms: list[float]) -> list[list[float]]:
    """The error terms of the layers k = 1 … K, walked back from the output layer's ``output_terms``
    (the last list of the result), from the values of a feedforward pass: ∂y/∂h′ᵏ_j of one output
    when ``output_terms`` are its ∂y/∂y′_j (:func:`output_error_terms`)."""
    # the layers numbered as in the lecture: h[k] is hᵏ, h_prime[k] is h′ᵏ, W[k] is Wᵏ (index 0 unused)
    h, h_prime, W = [None] + forward.h, [None] + forward.h_prime, [None] + net.W
    terms = [output_terms]
    for k in range(len(net.W), 1, -1):  # the error terms of layer k−1 from those of layer k, back to layer 1
        terms.insert(0, error_terms_before(net, W[k], h[k - 1], h_prime[k - 1], terms[0],
                                           net.hidden_activations[k - 2]))
    return terms


def output_error_terms(net: DeepNetwork, forward: DeepForward, output: int) -> list[float]:
    """The output layer's error terms ∂y/∂y′_j of output number ``output``."""
    if net.softmax_output:
        # ∂y_o/∂y′_j = y_o · ([o = j] − y_j)     (softmax: every y′_j moves y_o)
        return softmax_jacobian(forward.y)[output]
    # ∂y/∂y′_j = Φ_out′(y′_j) for this output, 0 for the others   (the error term of the output layer;
    # the lecture's linear output has Φ_out′ = 1)
    dy_dh_prime = [0.0] * net.n_outputs
    dy_dh_prime[output] = output_slope(net, forward.y_prime[output], forward.y[output])
    return dy_dh_prime


def error_terms_before(net: DeepNetwork, W_k: list[list[float]], h: list[float], h_prime: list[float],
                       dy_dh_prime: list[float], phi=None) -> list[float]:
    """The error terms of layer k−1 from those of layer k: ``W_k`` is Wᵏ, ``h`` and ``h_prime``
    are hᵏ⁻¹ and h′ᵏ⁻¹, ``dy_dh_prime`` is ∂y/∂h′ᵏ (one pencil step of :func:`error_terms`).
    ``phi`` is the :class:`~backprop.activations.Activation` of layer k−1 (default: the network's one Φ)."""
    phi = phi or net._activation
    if phi.phi_prime_from_h is not None:  # the same Φ′(h′ᵏ⁻¹_i), from hᵏ⁻¹_i = Φ(h′ᵏ⁻¹_i): no Φ again
        phi_prime = map(phi.phi_prime_from_h, h)
    else:
        phi_prime = map(phi.phi_prime, h_prime)
    # ∂y/∂h′ᵏ⁻¹_i = Φ′(h′ᵏ⁻¹_i) · Σ_j Wᵏ_ij · ∂y/∂h′ᵏ_j     (one path per j, added up; zip leaves out Wᵏ's bias row)
    return [phi_prime_i * add_up(map(mul, W_i, dy_dh_prime)) for W_i, phi_prime_i in zip(W_k, phi_prime)]


def layer_inputs(net: DeepNetwork, forward: DeepForward) -> list[list[float]]:
    """The values that meet W¹ … Wᴷ: h⁰ = x, h¹, …, hᴷ⁻¹, each with the bias input 1 at its end if bias."""
    h = [forward.x] + forward.h
    return [h_k + [1.0] for h_k in h] if net.bias else h


def changes(delta: list, d: list[float], y: list[float], alpha: float) -> list[list[list[float]]]:
    """ΔW of every layer from δ = ∂y_j/∂W of every output y_j (``delta[j]``), d, y and α."""
    alpha_errors = [alpha * (d_j - y_j) for d_j, y_j in zip(d, y)]
    # ΔW = α · Σ_j (d_j − y_j) · ∂y_j/∂W        (one output: the lecture's α(d − y) · δ)
    # Σ_j as add_up adds it: from 0.0, then + α(d_j − y_j) · ∂y_j/∂W of each output in turn, a row at a time
    delta_W = [[[0.0] * len(row) for row in matrix] for matrix in delta[0]]
    for alpha_error, dy_dW in zip(alpha_errors, delta):
        delta_W = [[[total_il + alpha_error * dy_dW_il for total_il, dy_dW_il in zip(totals_i, dy_dW_i)]
                    for totals_i, dy_dW_i in zip(totals_k, dy_dW_k)] for totals_k, dy_dW_k in zip(delta_W, dy_dW)]
    return delta_W


def checked_forward(net: DeepNetwork, x: list[float], d: list[float]) -> tuple[DeepForward, float]:
    """The feedforward pass and E of a checked sample. Raises :class:`~backprop.math.training_loop.NotFiniteError`
    (a ``ValueError``) if E or a value of the pass is not finite: the floats overflowed."""
    forward = net._feedforward(x)
    if net.loss == "squared":
        E = unchecked_squared_error(d, forward.y)
    else:  # cross-entropy, from y′ (log-sum-exp): never ln 0 (backprop.loss.error)
        E = loss_error(net.loss, d, forward.y, forward.y_prime)
    if not math.isfinite(E + sum(map(sum, forward.h_prime)) + sum(forward.y_prime)):  # inf or NaN, or overflow
        check_finite(forward, E)
    return forward, E


def compute_step(net: DeepNetwork, x: list[float], d: list[float], alpha: float) -> DeepStep:
    """One step's y, E and ΔW on a checked sample, all from the weights before it; nothing applied."""
    forward, E = checked_forward(net, x, d)
    y = forward.y
    if net.n_outputs == 1 and net.loss == "squared":  # the lecture's way: δ = ∂y/∂W, then ΔW = α(d − y) · δ
        return DeepStep(y, E, changes([backpropagate(net, forward, 0).dy_dW], d, y, alpha))
    return DeepStep(y, E, changes_of_all_outputs(net, forward, d, alpha))


def changes_of_all_outputs(net: DeepNetwork, forward: DeepForward, d: list[float], alpha: float) -> list:
    """ΔW = α · Σ_j (d_j − y_j) · ∂y_j/∂W of every layer in one backward pass, whatever the number of outputs.

    The chain rule is linear in the output's error terms, so the outputs' errors can be added
    *before* going back: start from (d_j − y_j) · Φ_out′(y′_j) on every output at once, and the
    error terms that come back are Σ_j (d_j − y_j) · ∂y_j/∂h′ᵏ. That is what makes backpropagation
    cheap: one pass costs about one feedforward pass, not one per output. The numbers equal
    :func:`changes` of every output's δ up to the rounding of the last bits (the products are
    taken in another order).
    """
    if net.loss == "cross_entropy":
        # −∂E/∂y′_j = d_j − y_j: with its matched output activation (sigmoid, softmax) cross-entropy's
        # slope has Φ_out′ cancelled (backprop.loss), so the error terms are ∂y′_j/∂h′ᵏ summed with d_j − y_j
        output_terms = [d_j - y_j for d_j, y_j in zip(d, forward.y)]
    else:
        # (d_j − y_j) · ∂y_j/∂y′_j = (d_j − y_j) · Φ_out′(y′_j), the error terms of the output layer
        output_terms = [(d_j - y_j) * output_slope(net, y_prime_j, y_j)
                        for d_j, y_j, y_prime_j in zip(d, forward.y, forward.y_prime)]
    terms = error_terms(net, forward, output_terms)
    # α · Σ_j (d_j − y_j) · ∂y_j/∂h′ᵏ_l, once per neuron l of every layer k
    alpha_terms = [[alpha * term_l for term_l in terms_k] for terms_k in terms]
    # ΔWᵏ_il = hᵏ⁻¹_i · (α · Σ_j (d_j − y_j) · ∂y_j/∂h′ᵏ_l)        (one product per weight: δ's form, hᵏ⁻¹_i · term)
    return dy_dW(net, forward, alpha_terms)


def apply_changes(net: DeepNetwork, delta_W: list[list[list[float]]]) -> None:
    """W ← W + ΔW on every layer, in place, unless that makes a weight non-finite."""
    # Wᵏ ← Wᵏ + ΔWᵏ
    W_new = [[list(map(add, row, d_row)) for row, d_row in zip(W_k, dW_k)] for W_k, dW_k in zip(net.W, delta_W)]
    # one sum is NaN or ±inf exactly when some weight is (or the weights overflow together)
    if not math.isfinite(sum(sum(map(sum, W_k)) for W_k in W_new)):
        raise DivergenceError("the step made a weight infinite or NaN, so it was not applied; try a smaller alpha")
    for W_k, W_k_new in zip(net.W, W_new):
        for row, row_new in zip(W_k, W_k_new):
            row[:] = row_new


def sgd_step(net: DeepNetwork, x, d, alpha: float, *, train_bias: bool = True) -> DeepStep:
    """Take one backpropagation step on sample ``(x, d)``: W ← W + α Σ_j (d_j − y_j)·∂y_j/∂W.

    Every ΔW is computed from the weights before the step; then all are applied,
    in place. Returns the :class:`DeepStep` with y and E from before the step.

    >>> net = DeepNetwork([[[1.0]], [[1.0]]], activation="identity")
    >>> step = sgd_step(net, [1.0], d=3.0, alpha=0.1)       # y = 1, α(d − y) = 0.2
    >>> step.y, step.E, step.delta_W
    ([1.0], 2.0, [[[0.2]], [[0.2]]])
    >>> net.W
    [[[1.2]], [[1.2]]]

    ``train_bias=False`` keeps the biases fixed: used, but their ΔW is 0 (the network needs them).

    Raises ``ValueError`` or ``TypeError`` for a bad ``x``, ``d`` or ``alpha``, or for weights
    and input so large that E is not finite, and :class:`~backprop.DivergenceError` if the step
    would make a weight infinite; in every case the weights are left unchanged.
    """
    _check_network(net)
    x = net.check_x(x)
    d = net.check_d(d)
    alpha = validate.positive(alpha, "alpha")
    step = compute_step(net, x, d, alpha)
    if training_loop.bias_kept_fixed(net, train_bias):  # ΔWᵏ of the biases = 0
        step = training_loop.without_bias_changes(step)
    apply_changes(net, step.delta_W)
    return step


def train(
    net: DeepNetwork,
    samples: Iterable,
    alpha: float,
    epochs: int,
    *,
    batch_size: int = 1,
    shuffle: bool = False,
    seed: int | None = None,
    on_epoch: Callable[[int, float], object] | None = None,
    stop: Callable[[], bool] | None = None,
    unrolled: bool = False,
    train_bias: bool = True,
    momentum: float = 0.0,
) -> Losses:
    """Train ``net`` on ``(x, d)`` samples by gradient descent; return the mean E of each epoch.

    The same as :func:`backprop.train`, with the same loop
    (:mod:`backprop.math.training_loop`): :func:`sgd_step` on one sample after the other
    (``shuffle=True`` shuffles each epoch from ``random.Random(seed)``), or with
    ``batch_size > 1`` the mean ΔW of each mini-batch, computed from the same weights;
    ``on_epoch(epoch, mean_E)`` after each epoch; ``stop()`` asked after every step.
    ``unrolled=True`` is the faster choice: the SGD epochs (one Φ in every hidden layer) run
    as straight-line code, the same numbers bit for bit (:mod:`backprop.math.unrolled`).
    ``d`` is a list with one value per output (a plain number for a single output).
    ``train_bias=False`` keeps the biases as given (used, but not updated), and ``momentum=μ`` adds μ
    times the last change to each step (v ← μ·v + ΔW, W ← W + v; see
    :mod:`~backprop.math.training_loop`); both run on the lists, even with ``unrolled=True``.

    XOR needs a hidden layer; two of them learn it too:

    >>> xor = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
    >>> net = DeepNetwork.random([2, 3, 3, 1], bias=True, seed=3)
    >>> losses = train(net, xor, alpha=1.0, epochs=300)
    >>> losses[-1] < 0.01 < losses[0]
    True

    All samples are checked before the first step. Raises ``ValueError`` or
    ``TypeError`` for bad samples, ``alpha``, ``epochs`` or ``batch_size``, and
    :class:`~backprop.DivergenceError` naming the epoch if the error or a weight
    stops being finite; the network then keeps the weights of the last finite step.
    """
    _check_network(net)
    fast_epoch = fast_check = None
    if validate.flag(unrolled, "unrolled") and train_bias and not momentum:  # the generated code (docs/unroll.md)
        from backprop.math.unrolled import forward_check, sgd_epoch  # here: only this choice compiles code
        fast_epoch, fast_check = sgd_epoch(net), forward_check(net)
    return training_loop.train(net, samples, alpha, epochs, batch_size=batch_size, shuffle=shuffle, seed=seed,
                               on_epoch=on_epoch, stop=stop, checked_forward=checked_forward, compute_step=compute_step,
                               apply_changes=apply_changes, sgd_epoch=fast_epoch, forward_check=fast_check,
                               train_bias=train_bias, momentum=momentum)


def _check_network(net) -> None:
    if not isinstance(net, DeepNetwork):
        raise TypeError(
            f"net must be a DeepNetwork, not {type(net).__name__}; for the lecture's Network "
            "use backprop.gradients, backprop.sgd_step and backprop.train"
        )

