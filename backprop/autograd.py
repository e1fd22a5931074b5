"""Autograd: the lecture's chain rule, done by the numbers themselves.

The lecture finds δ = ∂y/∂W by hand, one factor of the chain rule after the other. Autograd (as
in micrograd and PyTorch) lets every number remember how it was made: from which numbers, by
which operation, and the operation's local slope, ∂(result)/∂(each number it was made from):

    a + b       ∂/∂a = 1,   ∂/∂b = 1
    a · b       ∂/∂a = b,   ∂/∂b = a
    Σ_i a_i     ∂/∂a_i = 1                 (h′_j = Σ_i x_i · W¹_ij, as the library adds it)
    Φ(h′)       ∂/∂h′ = Φ′(h′)             (the hidden activation; Φ_out on the output)
    y_j = e^(y′_j) / Σ_l e^(y′_l)   ∂y_j/∂y′_l = y_j · ([j = l] − y_l)     (softmax: all outputs together)
    E = ½ Σ_j (d_j − y_j)²   ∂E/∂y_j = −(d_j − y_j)
    E = cross-entropy of y = Φ_out(y′), computed from y′    ∂E/∂y′_j = −(d_j − y_j)

The numbers then form a graph, from x and the weights to y and E. ``backward()`` walks it from
the end back to the start and applies the chain rule at every node: the gradient of a value v is,
over every value c made from v, the local slope ∂c/∂v times c's own gradient, added up,

    ∂E/∂v = Σ_c (∂c/∂v) · (∂E/∂c)

the course's rule that the derivatives of several paths add up. Started from y, it gives the
lecture's δ = ∂y/∂W in every weight's ``grad``; started from E, it gives ∂E/∂W = −(d − y) · δ,
the gradient PyTorch's ``E.backward()`` gives.

>>> x, W = Value(2.0, "x"), Value(3.0, "W")
>>> y = x * W + x            # y = x·W + x
>>> y.backward()
>>> W.grad, x.grad           # ∂y/∂W = x;  ∂y/∂x = W + 1, two paths added
(2.0, 4.0)

:func:`step_graph` builds one step of the lecture's :class:`~backprop.Network` or of a
:class:`~backprop.math.deep.DeepNetwork` from values, in the library's order, so that its
gradients are the library's :func:`~backprop.gradients` to the bit (tests/test_autograd.py).
Another loss or output activation is one more function like :func:`squared_error`,
:func:`cross_entropy` or :func:`activate`: a value and the local slopes.
"""

import itertools
from typing import NamedTuple

from backprop import activations
from backprop.activations import identity, softmax_jacobian
from backprop.loss import error as loss_error
from backprop.math import validate
from backprop.math.deep import DeepNetwork, unchecked_squared_error
from backprop.math.notation import label, layer
from backprop.math.sums import add_up
from backprop.network import Network

made = itertools.count()  # numbers the values in the order they are made: a value's parents come first


class Value:
    """A number that remembers how it was made; after :meth:`backward`, its gradient ``grad``.

    ``name`` is what a person reads (h′_1, W¹_12); ``op`` the operation that made it ("" for an
    input or a weight); ``parents`` the (value it was made from, local slope) pairs.

    >>> Value("0.5")
    Traceback (most recent call last):
    ...
    TypeError: data must be a number, not '0.5'
    """

    def __init__(self, data, name: str = "", op: str = "", parents=()):
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {validate.shown(name)}")
        # an input or a weight is checked; a result keeps what its operation gave (inf if it overflowed)
        self.data = data if parents else validate.number(data, "data")
        self.name, self.op, self.parents = name, op, tuple(parents)
        self.grad = 0.0
        self.number = next(made)

    def __repr__(self) -> str:
        return f"Value({self.name or self.op} = {self.data!r}, grad = {self.grad!r})"

    def __add__(self, other) -> "Value":
        other = as_value(other, "the other term of +")
        # a + b:   ∂/∂a = 1, ∂/∂b = 1
        return Value(self.data + other.data, op="+", parents=[(self, 1.0), (other, 1.0)])

    def __mul__(self, other) -> "Value":
        other = as_value(other, "the other factor of ·")
        # a · b:   ∂/∂a = b, ∂/∂b = a
        return Value(self.data * other.data, op="·", parents=[(self, other.data), (other, self.data)])

    __radd__, __rmul__ = __add__, __mul__

    def _repr_svg_(self) -> str:
        """This value's graph, drawn with each value and grad (:mod:`backprop.pictures.graph_picture`)."""
        from backprop.pictures.graph_picture import graph_svg

        return graph_svg(self)

    def graph(self) -> list["Value"]:
        """This value and every value it was made from, in the order they were made."""
        found, waiting = {}, [self]
        while waiting:
            value = waiting.pop()
            if id(value) not in found:
                found[id(value)] = value
                waiting.extend(parent for parent, _ in value.parents)
        return sorted(found.values(), key=lambda value: value.number)

    def backward(self) -> None:
        """Set ``grad`` = ∂self/∂v on every value v this one was made from, by the chain rule
        (each ``grad`` set anew; a value this one was not made from keeps the ``grad`` it had)."""
        order = self.graph()
        made_from = {id(value): [] for value in order}  # for each value: (value made from it, local slope)
        for value in order:
            for parent, slope in value.parents:
                made_from[id(parent)].append((value, slope))
        self.grad = 1.0  # ∂self/∂self
        for value in reversed(order[:-1]):  # from the end back: every value made from v is done before v
            # ∂self/∂v = Σ_c (∂c/∂v) · (∂self/∂c)       (one term per path out of v; the paths add up)
            value.grad = add_up(slope * c.grad for c, slope in made_from[id(value)])


def as_value(value, name: str) -> Value:
    """``value`` if it is a :class:`Value`, else a new one made of the number (``TypeError`` naming ``name``)."""
    return value if isinstance(value, Value) else Value(validate.number(value, name), "")


def total(values, name: str = "") -> Value:
    """Σ ``values``, added left to right as the library adds (:mod:`backprop.math.sums`).

    >>> total([Value(1.0), Value(2.0)], "h′_1").data
    3.0
    """
    values = [as_value(value, "a term of Σ") for value in values]
    # Σ_i a_i:   ∂/∂a_i = 1
    return Value(add_up(value.data for value in values), name, "Σ", [(value, 1.0) for value in values])


def activate(value: Value, op: str, phi, phi_prime, phi_prime_from_h=None, name: str = "") -> Value:
    """Φ(value), with the local slope Φ′ found as the library finds it (from h = Φ(h′) where it can)."""
    value = as_value(value, "the value Φ is applied to")
    h = phi(value.data)
    # Φ(h′):   ∂/∂h′ = Φ′(h′)
    slope = phi_prime_from_h(h) if phi_prime_from_h is not None else phi_prime(value.data)
    return Value(h, name, op, [(value, slope)])


def squared_error(y: list[Value], d: list[float], name: str = "E") -> Value:
    """E = ½ Σ_j (d_j − y_j)², with ∂E/∂y_j = −(d_j − y_j); d is a constant, so not a value."""
    y = [as_value(y_j, "y") for y_j in y]
    d = validate.vector(d, "d", length=len(y), what="outputs")
    y_data = [y_j.data for y_j in y]
    # E = ½ Σ_j (d_j − y_j)²:   ∂E/∂y_j = −(d_j − y_j)
    return Value(unchecked_squared_error(d, y_data), name, "½Σ(d−y)²",
                 [(y_j, -(d_j - y_data_j)) for y_j, d_j, y_data_j in zip(y, d, y_data)])


def softmax(y_prime: list[Value], names: list[str]) -> list[Value]:
    """y_j = e^(y′_j) / Σ_l e^(y′_l) for every output: each y_j made from every y′_l, as the library computes it."""
    y_prime = [as_value(y_prime_l, "y′") for y_prime_l in y_prime]
    y = activations.softmax([y_prime_l.data for y_prime_l in y_prime])
    # y_j = e^(y′_j) / Σ_l e^(y′_l):   ∂y_j/∂y′_l = y_j · ([j = l] − y_l)     (every y′_l moves y_j)
    return [Value(y_j, name, "softmax", list(zip(y_prime, slopes)))
            for y_j, name, slopes in zip(y, names, softmax_jacobian(y))]


def cross_entropy(y_prime: list[Value], y: list[Value], d: list[float], name: str = "E") -> Value:
    """E, the cross-entropy of the outputs y = Φ_out(y′) (one sigmoid output, or softmax on several),
    computed from y′ as the library computes it, so never ln 0 (:func:`backprop.loss.error`):

        one output:  E = −(d ln y + (1 − d) ln(1 − y)) = ln(1 + e^(y′)) − d · y′
        softmax:     E = −Σ_j d_j ln y_j = −Σ_j d_j · (y′_j − ln Σ_l e^(y′_l))

    Either way ∂E/∂y′_j = −(d_j − y_j): Φ_out′ cancels against the loss's slope, so E is made from
    y′ directly; y is not on E's path (its values give the slopes). d is a constant, so not a value.
    The operation is named −Σd·ln y: one output is the sum over its two classes, y and 1 − y.

    >>> E = cross_entropy([Value(0.0, "y′")], [Value(0.5, "y")], [1.0])   # y′ = 0: y = ½, E = ln 2
    >>> E.backward(); E.parents[0][0].grad                               # −(1 − ½)
    -0.5
    """
    y_prime, y = [as_value(v, "y′") for v in y_prime], [as_value(v, "y") for v in y]
    d = validate.vector(d, "d", length=len(y), what="outputs")
    y_prime_data, y_data = [v.data for v in y_prime], [v.data for v in y]
    # ∂E/∂y′_j = −(d_j − y_j)
    return Value(loss_error("cross_entropy", d, y_data, y_prime_data), name, "−Σd·ln y",
                 [(y_prime_j, -(d_j - y_j)) for y_prime_j, d_j, y_j in zip(y_prime, d, y_data)])


class StepGraph(NamedTuple):
    """One step as values: ``W[k][i][j]`` is Wᵏ⁺¹_(i+1)(j+1) as in a DeepNetwork (the lecture's
    W²_j is ``W[1][j][0]``); ``h_prime[k]``, ``h[k]`` the hidden layers; ``y`` the outputs
    (``y_prime`` the same values for the lecture's linear output); ``E``; the desired outputs
    ``d``; and ``net``, the network it was built from. A notebook shows it as its graph."""

    x: list[Value]
    W: list[list[list[Value]]]
    h_prime: list[list[Value]]
    h: list[list[Value]]
    y_prime: list[Value]
    y: list[Value]
    E: Value
    d: list[float]
    net: object

    def __repr__(self) -> str:
        sizes = "-".join(str(len(values)) for values in [self.x, *self.h, self.y])
        return f"StepGraph(a {sizes} network as {len(self.E.graph())} values, E = {self.E.data!r})"

    def _repr_svg_(self) -> str:
        """The graph as it is now, drawn (:mod:`backprop.pictures.graph_picture`)."""
        from backprop.pictures.graph_picture import step_graph_svg

        return step_graph_svg(self)


def step_graph(net, x, d) -> StepGraph:
    """Build the feedforward pass and E of ``net`` (a Network or a DeepNetwork) on ``(x, d)`` from values:
    the squared error, or the cross-entropy made from y′ (:func:`cross_entropy`), as the network's loss.

    >>> from backprop import lecture_example
    >>> graph = step_graph(lecture_example.network(), [1.0, 0.5], 1.0)
    >>> graph.E.backward()                 # ∂E/∂W²_1 = −(d − y) · h_1
    >>> round(graph.W[1][0][0].grad, 4)
    -0.5238
    """
    if isinstance(net, Network):
        W, d, lecture = [net.W1, [[W2_j] for W2_j in net.W2]], [net.check_d(d)], True
    elif isinstance(net, DeepNetwork):
        W, d, lecture = net.W, net.check_d(d), False
    else:
        raise TypeError(f"net must be a Network or a DeepNetwork, not {type(net).__name__}")
    x_values = [Value(x_i, label("x", i)) for i, x_i in enumerate(net.check_x(x))]
    K, n_outputs = len(W), len(W[-1][0])

    def name(symbol: str, k: int, *indices: int) -> str:  # W¹_12, h′_1 (the lecture), h′¹_1 (deep), y or y_1
        if symbol in ("y", "y′"):
            return symbol if n_outputs == 1 else label(symbol, *indices)
        if lecture:  # W²_j has one index: the lecture's W² is a vector
            return label(layer(symbol, k), *indices[:1 + (k == 0)]) if symbol == "W" else label(symbol, *indices)
        return label(layer(symbol, k), *indices)

    W_values = [[[Value(W_ij, name("W", k, i, j)) for j, W_ij in enumerate(row)] for i, row in enumerate(W_k)]
                for k, W_k in enumerate(W)]
    h, h_prime_layers, h_layers = x_values, [], []
    y_prime = "y" if net.phi_out is identity else "y′"  # the lecture's output: y = y′, one value
    # Φ of each hidden layer: a DeepNetwork may have one per layer, the lecture's Network has one
    if isinstance(net, DeepNetwork):
        phis = [(phi_k.phi, phi_k.phi_prime, phi_k.phi_prime_from_h) for phi_k in net.hidden_activations]
    else:
        phis = [(net.phi, net.phi_prime, net.phi_prime_from_h)]
    for k, W_k in enumerate(W_values):
        h_in = h + [Value(1.0, "1")] if net.bias else h  # the bias input, the constant 1
        # h′ᵏ_j = Σ_i hᵏ⁻¹_i · Wᵏ_ij          (for the output layer, y′_j)
        h_prime = [total([h_i * W_ij for h_i, W_ij in zip(h_in, column)], name("h′" if k < K - 1 else y_prime, k, j))
                   for j, column in enumerate(zip(*W_k))]
        if k < K - 1:
            # hᵏ_j = Φ(h′ᵏ_j)
            phi, phi_prime, phi_prime_from_h = phis[k]
            h = [activate(h_prime_j, "Φ", phi, phi_prime, phi_prime_from_h, name("h", k, j))
                 for j, h_prime_j in enumerate(h_prime)]
            h_prime_layers.append(h_prime)
            h_layers.append(h)
    if net.phi_out is identity:  # the lecture's output: y = y′, one value named y
        y = h_prime
    elif getattr(net, "softmax_output", False):  # y_j = e^(y′_j) / Σ_l e^(y′_l)
        y = softmax(h_prime, [name("y", K - 1, j) for j in range(n_outputs)])
    else:  # y_j = Φ_out(y′_j)
        y = [activate(y_prime_j, "Φ_out", net.phi_out, net.phi_out_prime,
                      net.phi_out_prime_from_h, name("y", K - 1, j)) for j, y_prime_j in enumerate(h_prime)]
    E = squared_error(y, d) if net.loss == "squared" else cross_entropy(h_prime, y, d)
    return StepGraph(x_values, W_values, h_prime_layers, h_layers, h_prime, y, E, d, net)


def weight_gradients(graph: StepGraph) -> list[list[list[float]]]:
    """Every weight's ``grad``, shaped like a DeepNetwork's ``W`` (after a ``backward()``)."""
    return [[[W_ij.grad for W_ij in row] for row in W_k] for W_k in graph.W]
