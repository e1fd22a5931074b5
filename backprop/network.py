"""The lecture's network, and its feedforward pass.

"Backpropagation Example A" takes two inputs x_1, x_2, three hidden neurons and
one output y. A weight matrix W¹ leads from the inputs to the hidden layer and a
weight vector W² from the hidden layer to the output:

    x_1 ──┐   W¹    h_1 ──┐
          ├──────►  h_2 ──┼── W² ──► y
    x_2 ──┘         h_3 ──┘

The feedforward pass, in the lecture's order:

    h′_j = Σ_i x_i · W¹_ij        (a linear combination of the inputs)
    h_j  = Φ(h′_j)                (the activation function)
    y    = Σ_j h_j · W²_j         (a dot product; no activation on the output)

Beyond this lecture, as in the course's next exercise, the output may have an
activation too (``output_activation="sigmoid"``): then the dot product is y′
and the output is Φ_out of it,

    y′ = Σ_j h_j · W²_j
    y  = Φ_out(y′)

The default, ``"identity"``, is the lecture's network: y = y′.

The loss is the lecture's squared error E = ½(d − y)² by default; with a sigmoid
output, ``loss="cross_entropy"`` trains on E = −(d ln y + (1 − d) ln(1 − y)) instead
(:mod:`backprop.loss`).

Indices: the lecture counts from 1, Python from 0. ``W1[i][j]`` is the lecture's
W¹_(i+1)(j+1), the weight from input x_(i+1) to hidden neuron h_(j+1): so
``W1[0][2]`` is W_13, from x_1 to h_3, and ``W2[j]`` is W²_(j+1). ``W1`` has a
row per input and a column per hidden neuron. Everything the library shows a
person is written one-based (see :mod:`backprop.math.notation`).

Bias (beyond this lecture, as the course treats it) is one more input that is
always 1: with ``bias=True`` the last row of ``W1`` holds the hidden neurons'
biases and the last entry of ``W2`` the output's bias.
"""

from operator import mul  # mul(a, b) = a · b, so add_up(map(mul, a, b)) = Σ_i a_i · b_i
from typing import NamedTuple

from backprop.math import notation, validate
from backprop.activations import (ACTIVATIONS, IDENTITY, SOFTMAX, Activation, ActivationLike, get_output_activation,
                                  per_layer)
from backprop.loss import MATCHED_PAIRS, get_loss, target
from backprop.math.sums import add_up


class Forward(NamedTuple):
    """Every value of one feedforward pass: the input x, h′, h, y′ and the output y = Φ_out(y′).

    With the lecture's linear output (``output_activation="identity"``) y′ and y are equal.
    """

    x: list[float]
    h_prime: list[float]
    h: list[float]
    y_prime: float
    y: float

    __repr__ = notation.shown_record  # the lecture's symbols to 4 digits; the attributes keep every digit
    _repr_markdown_ = notation.shown_record_markdown  # the same, as a notebook shows it

    def _symbols(self) -> list:
        return [("x", self.x), ("h′", self.h_prime), ("h", self.h), ("y′", self.y_prime), ("y", self.y)]


class Network:
    """The lecture's network: inputs x, one hidden layer h = Φ(x·W¹), output y = Φ_out(h·W²).

    ``activation`` is Φ of the hidden layer (or a list of that one), ``output_activation`` Φ_out
    of the output (default ``"identity"``: the lecture's linear output y = h·W²).

    ``W1`` is a list of rows, one per input (plus a bias row if ``bias``), each
    with one weight per hidden neuron; ``W2`` has one weight per hidden neuron
    (plus the output bias). Both are copied into plain lists of floats, which
    :func:`backprop.sgd_step` and :func:`backprop.train` then update in place.

    >>> net = Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3],
    ...               activation="identity")
    >>> net.n_inputs, net.n_hidden
    (2, 3)
    >>> net.predict([1.0, 0.5])    # 0.6·0.4 + 0.05·(−0.5) + 0.5·0.3
    0.365
    >>> net.output_activation
    'identity'

    ``loss`` is ``"squared"`` (the lecture's E = ½(d − y)², the default) or ``"cross_entropy"``
    (E = −(d ln y + (1 − d) ln(1 − y)), with ``output_activation="sigmoid"`` only).

    Raises ``TypeError`` or ``ValueError`` for weights that are not finite
    numbers, ragged or empty rows, a ``W2`` whose length does not match ``W1``,
    an unknown activation, output activation or loss, or a loss that does not
    fit the output activation.
    """

    def __init__(self, W1, W2, activation: ActivationLike = "sigmoid",
                 output_activation: ActivationLike = "identity", bias: bool = False, loss: str = "squared"):
        bias = validate.flag(bias, "bias")
        W1 = validate.matrix(W1, "W1")
        W2 = validate.vector(W2, "W2")
        phi = per_layer(activation, 1)[0]  # a name; or a list of one, as a DeepNetwork takes one per hidden layer
        phi_out = get_output_activation(output_activation)
        loss = get_loss(loss)
        check_loss_pair(loss, phi_out, 1)
        if len(W1) < 1 + bias:
            raise ValueError(
                f"W1 has {len(W1)} row but bias=True needs a row per input and then a last row "
                "of hidden biases"
            )
        n_hidden = len(W1[0])
        if len(W2) != n_hidden + bias:
            expected = f"{n_hidden} + 1 (the output bias)" if bias else f"{n_hidden}"
            raise ValueError(
                f"W2 has {len(W2)} weights but W1 has {n_hidden} columns (hidden neurons), "
                f"so W2 needs {expected}"
            )
        self.W1: list[list[float]] = W1
        self.W2: list[float] = W2
        self.n_inputs: int = len(W1) - bias
        self.n_hidden: int = n_hidden
        self.bias: bool = bias
        self.activation: str = phi.name
        self.phi = phi.phi
        self.phi_prime = phi.phi_prime
        self.phi_prime_from_h = phi.phi_prime_from_h
        self._activation = phi
        self.output_activation: str = phi_out.name
        self.phi_out = phi_out.phi
        self.phi_out_prime = phi_out.phi_prime
        self.phi_out_prime_from_h = phi_out.phi_prime_from_h
        self._output_activation = phi_out
        self.loss: str = loss

    @classmethod
    def random(
        cls,
        n_inputs: int = 2,
        n_hidden: int = 3,
        activation: ActivationLike = "sigmoid",
        bias: bool = False,
        seed: int | None = None,
        *,
        max_weights: int | None = validate.MAX_WEIGHTS,
        output_activation: ActivationLike = "identity",
        loss: str = "squared",
    ) -> "Network":
        """Return a network with small random weights, uniform in [−1, 1].

        The weights come from ``random.Random(seed)``, so the same seed gives the
        same network on every machine. More than ``max_weights`` weights (a
        million) raise ``ValueError`` before any is made; ``max_weights=None``
        lifts the limit. ``output_activation`` and ``loss`` (keyword only) are Φ_out and the loss,
        as for the constructor; they do not change the weights a seed gives.

        >>> Network.random(seed=1).W2 == Network.random(seed=1).W2
        True
        >>> Network.random(n_inputs=3, n_hidden=4, bias=True).W1.__len__()
        4
        """
        n_inputs = validate.count(n_inputs, "n_inputs")
        n_hidden = validate.count(n_hidden, "n_hidden")
        bias = validate.flag(bias, "bias")
        check_loss_pair(get_loss(loss), get_output_activation(output_activation), 1)  # before any weight is made
        validate.weight_count([n_inputs, n_hidden, 1], bias, max_weights)
        import random  # here: only random networks need it, and a trace starts sooner without it

        rng = random.Random(seed)
        W1 = [[rng.uniform(-1.0, 1.0) for _ in range(n_hidden)] for _ in range(n_inputs + bias)]
        W2 = [rng.uniform(-1.0, 1.0) for _ in range(n_hidden + bias)]
        return cls(W1, W2, activation=activation, output_activation=output_activation, bias=bias, loss=loss)

    def copy(self) -> "Network":
        """Return a network with the same activations, bias and loss and copies of the weights."""
        return Network(self.W1, self.W2, activation=self._activation,
                       output_activation=self._output_activation, bias=self.bias, loss=self.loss)

    def __repr__(self) -> str:
        output = (f"output_activation={self.output_activation!r}, "
                  if self._output_activation != IDENTITY else "")  # the lecture's default is left out
        loss = f", loss={self.loss!r}" if self.loss != "squared" else ""  # so is the lecture's loss
        return (
            f"Network(W1={self.W1!r}, W2={self.W2!r}, "
            f"activation={self.activation!r}, {output}bias={self.bias!r}{loss})"
        )

    def feedforward(self, x) -> Forward:
        """Run the feedforward pass on input ``x`` and return every value of it.

        >>> net = Network([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]], [1.0, 1.0, 1.0],
        ...               activation="relu")
        >>> net.feedforward([1.0, 0.5])
        Forward(x = (1, 0.5), h′ = (2, 0.5, −1), h = (2, 0.5, 0), y′ = 2.5, y = 2.5)

        Raises ``ValueError`` or ``TypeError`` if ``x`` is not ``n_inputs`` finite numbers.
        """
        return self._feedforward(self.check_x(x))

    def predict(self, x) -> float:
        """Return the network's output y for input ``x``.

        >>> Network([[1.0], [1.0]], [2.0], activation="identity").predict([1, 2])
        6.0
        """
        return self.feedforward(x).y

    def _feedforward(self, x: list[float]) -> Forward:
        """The feedforward pass on an ``x`` already checked by :meth:`check_x`."""
        W1, W2 = self.W1, self.W2
        x_in = x + [1.0] if self.bias else x  # the bias input, the constant 1, as x_(n+1)
        # h′_j = Σ_i x_i · W¹_ij          (zip(*W1) gives the columns: column j feeds h_j)
        h_prime = [add_up(map(mul, x_in, W1_j)) for W1_j in zip(*W1)]
        # h_j = Φ(h′_j)
        h = list(map(self.phi, h_prime))
        h_in = h + [1.0] if self.bias else h  # the output bias's input, the constant 1, as h_(n+1)
        # y′ = Σ_j h_j · W²_j
        y_prime = add_up(map(mul, h_in, W2))
        # y = Φ_out(y′)                   (the lecture's output, Φ_out the identity: y = y′)
        y = self.phi_out(y_prime)
        return Forward(x, h_prime, h, y_prime, y)

    def check_x(self, x) -> list[float]:
        """Return ``x`` as a list of floats, or raise if it does not fit this network."""
        return validate.vector(x, "x", length=self.n_inputs, what="inputs")

    def check_d(self, d) -> float:
        """Return the desired output ``d`` as a float, or raise; with cross-entropy it must be in [0, 1].

        >>> Network.random(seed=0, output_activation="sigmoid", loss="cross_entropy").check_d(2)
        Traceback (most recent call last):
        ...
        ValueError: d = 2 is outside [0, 1]; cross-entropy needs targets that are probabilities (such as 0 or 1)
        """
        d = validate.number(d, "d")
        return d if self.loss == "squared" else target(d)

    def check_samples(self, samples) -> list[tuple[list[float], float]]:
        """Return ``samples`` as a list of checked ``(x, d)`` pairs, or raise naming the bad one.

        >>> Network.random(seed=0).check_samples([([0, 1], 1)])
        [([0.0, 1.0], 1.0)]
        """
        return validate.samples(samples, self.check_x, self.check_d)

    def save(self, path) -> None:
        """Write the network to a JSON weights file at ``path``, atomically.

        See :mod:`backprop.files.weights_file`.
        """
        from backprop.files.weights_file import save

        save(self, path)

    @classmethod
    def load(cls, path) -> "Network":
        """Read a network from a weights file written by :meth:`save`.

        Raises ``ValueError`` naming the first problem in a broken or foreign file, or
        one that holds a :class:`~backprop.math.deep.DeepNetwork`.
        """
        from backprop.files.weights_file import load

        return load(path, kind=Network)

    def _repr_svg_(self) -> str:
        """The picture of the weights, which Jupyter shows (:mod:`backprop.pictures.network_picture`)."""
        from backprop.pictures.network_picture import network_svg

        return network_svg(self)

    def _repr_html_(self) -> str:
        """The same picture, inside a notebook's HTML."""
        return f'<div class="backprop-network">{self._repr_svg_()}</div>'


def check_loss_pair(loss: str, phi_out: Activation, n_outputs: int) -> None:
    """Raise ``ValueError`` unless the loss fits the output activation Φ_out and the number of outputs.

    Cross-entropy is built for its two matched pairs only, where ∂E/∂y′_j = −(d_j − y_j): one
    output with the library's sigmoid, or several with softmax. Softmax comes only with
    cross-entropy, and needs several outputs. The squared error takes any other Φ_out.

    >>> check_loss_pair("cross_entropy", ACTIVATIONS["tanh"], 1)
    Traceback (most recent call last):
    ...
    ValueError: loss='cross_entropy' works with output_activation='sigmoid' and one output (binary) or output_activation='softmax' and several outputs (categorical), not output_activation='tanh' with 1 output
    """
    softmax = phi_out == SOFTMAX
    if softmax and n_outputs < 2:
        raise ValueError("output_activation='softmax' needs several outputs (with one, y = e^(y′)/e^(y′) is "
                         "always 1); for one output use output_activation='sigmoid' with loss='cross_entropy'")
    if loss == "cross_entropy" and not (softmax or (phi_out == ACTIVATIONS["sigmoid"] and n_outputs == 1)):
        raise ValueError(f"{MATCHED_PAIRS}, not output_activation={phi_out.name!r} with {n_outputs} "
                         f"output{'s' * (n_outputs != 1)}")
    if loss != "cross_entropy" and softmax:
        raise ValueError("output_activation='softmax' is for loss='cross_entropy' (the matched pair, where "
                         "∂E/∂y′_j = −(d_j − y_j)); add loss='cross_entropy'")
