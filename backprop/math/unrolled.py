"""The SGD step unrolled: the lecture's formulas written out as straight-line Python.

The board shows one formula per neuron and per weight, not loops:

    h′_1 = x_1 · W¹_11 + x_2 · W¹_21,   ∂y/∂W¹_11 = W²_1 · Φ′(h′_1) · x_1,   …

The step is built once, for one network's shape, as a list of formula records
(:func:`formulas`): one :class:`Formula` per formula instance — what it computes
(``h_prime_2``), its expression over named operands, and the lecture's rule it is
(:data:`RULES`) — with a :class:`Comment` of the lecture's words before each group, in
the lecture's order (feedforward, error, backpropagation, update). Printers write
the records as a language: Python (:func:`python_lines`), one statement per
formula instance and one local variable per weight, and JavaScript
(:func:`javascript_lines`, :func:`step_javascript`), a function that takes one step on
plain numbers, for a page in a browser. A change to a formula changes both.
:func:`step_source` is one step for a person to read and run (``python -m backprop unroll``);
:func:`sgd_epoch` compiles the same statements into an epoch loop, once per shape
(cached), which :func:`backprop.train` uses for its SGD epochs when asked (``unrolled=True``).

Every number is the list implementation's (:func:`backprop.sgd_step`,
:func:`backprop.math.deep.sgd_step`), bit for bit: the same operations in the
same order. Every Σ is written ``0.0 + a + b + …``, left to right from 0.0, as
:func:`backprop.math.sums.add_up` adds it on every Python (so a Σ is never −0.0), and the
JavaScript the same way. How a sum is written is decided in one place, :func:`_sum`.

Beyond the lecture the same is written out for the rest of the course's step: an output activation
y = Φ_out(y′), written out like Φ, with its slope ∂y/∂y′ = Φ_out′(y′) as
:func:`backprop.train.output_slope` finds it; cross-entropy with one sigmoid output, E = ln(1 + e^(y′)) − d·y′
as :func:`backprop.loss.binary_cross_entropy_from_y_prime` computes it, and δ = ∂y′/∂W (Φ_out′ cancelled);
and a DeepNetwork of several outputs (y_1 … y_m, d_1 … d_m), with the squared error and any Φ_out or with
softmax and cross-entropy (softmax and log-sum-exp as :func:`backprop.activations.softmax` and
:func:`backprop.loss.log_sum_exp` compute them), by the one backward pass of
:func:`backprop.math.deep.changes_of_all_outputs`: the error (d_j − y_j)·Φ_out′(y′_j) of every output
carried back together, so the code grows with the weights, not with outputs × weights.

Networks of more than :data:`MAX_WEIGHTS` weights and a DeepNetwork with a different Φ in each hidden
layer (``activation=["relu", "sigmoid"]``): :func:`sgd_epoch` returns ``None`` and training keeps to the
lists, the same numbers (``train --unrolled`` says so in its first line); :func:`step_source` and
:func:`formulas` refuse them with a ``ValueError``. Momentum, fixed biases and mini-batches are not
written out either: :func:`backprop.train` runs them on the lists. The source holds only names,
indices and operators that this module makes (and the repr of floats): never
text a user typed.
"""

import collections
import functools
import math
from array import array
from typing import NamedTuple

from backprop.activations import ACTIVATIONS, SOFTMAX

MAX_WEIGHTS = 1000
"""Networks up to this many weights can train on unrolled code (``unrolled=True``). Past it the source grows long (a
statement per weight, and sums as long as a layer is wide) and compiling it costs more than it
saves over a short training; a very long sum also exhausts the compiler's recursion."""

NOTICE = ("# Written by backprop from the lecture's formulas: every name, index and operator here\n"
          "# comes from the library, never from text a user typed.\n")


def _sum(terms: list[str]) -> str:
    """Source that adds the written ``terms`` exactly as :func:`backprop.math.sums.add_up` adds their
    values, in Python and in JavaScript alike: the one place where a sum is written."""
    return " + ".join(["0.0"] + terms)  # add_up starts from 0.0: 0.0 + a is a, but never −0.0




# --- the step as formula records ----------------------------------------------------------------

RULES = ("feedforward", "Φ", "error", "chain rule", "update")
"""The lecture's rules, in its order: the weighted sums h′ and y′ (feedforward), h = Φ(h′) and
y = Φ_out(y′) (Φ), E and α(d − y) (error), Φ′ and every ∂y/∂… (chain rule), and
W ← W + ΔW with ΔW = α(d − y)·δ (update)."""


class Sum(NamedTuple):
    """Σ of the ``terms``, added left to right from 0.0 as :func:`backprop.math.sums.add_up` adds (written by :func:`_sum`)."""

    terms: tuple


class Product(NamedTuple):
    """``factors`` multiplied left to right: a * b * c."""

    factors: tuple


class Group(NamedTuple):
    """An expression in parentheses: the order the list implementation multiplies in."""

    inner: object


class Difference(NamedTuple):
    left: object
    right: object


class Activated(NamedTuple):
    """Φ(h′) (or Φ_out(y′)), of the name ``h_prime``."""

    activation: "_Activation"
    h_prime: str


class Slope(NamedTuple):
    """Φ′(h′), from h = Φ(h′) where the activation can (as the library's do)."""

    activation: "_Activation"
    h: str
    h_prime: str


class Added(NamedTuple):
    """``terms`` added left to right with no 0.0 before them: a + b (softplus's two parts)."""

    terms: tuple


class Quotient(NamedTuple):
    left: object
    right: object


class Negative(NamedTuple):
    """−(inner): the sign turned, as Python's unary minus (−0.0 of 0.0)."""

    inner: object


class Call(NamedTuple):
    """One of the few functions of the loss and of softmax, by its Python name (:data:`FUNCTIONS`):
    ``exp``, ``log``, ``log1p``, ``abs``, and ``max``, Python's: the first of the largest, compared by >."""

    function: str
    arguments: tuple


class Conditional(NamedTuple):
    """``then`` if ``condition`` is not 0, else ``otherwise``: a term left out where its factor d_j is 0."""

    condition: str
    then: object
    otherwise: object


FUNCTIONS = {"exp": "Math.exp", "log": "Math.log", "log1p": "Math.log1p", "abs": "Math.abs", "max": None}
"""The functions a :class:`Call` may name, with their JavaScript (``max`` is written as Python's max compares)."""


class Comment(NamedTuple):
    """The lecture's words before a group of formulas: ``h′_j = Σ_i x_i · W¹_ij``."""

    text: str


class Formula(NamedTuple):
    """One formula instance: ``target`` is ``expression``, by the lecture's ``rule`` (one of
    :data:`RULES`); with ``update``, W ← W + ``expression`` (the ΔW of the weight ``target``)."""

    target: str
    expression: object
    rule: str
    update: bool = False

    @property
    def operands(self) -> list[str]:
        """The names the formula reads, in order, once each (the weight itself for an update)."""
        names = [self.target] if self.update else []
        for name in _names(self.expression):
            if name not in names:
                names.append(name)
        return names


def _names(expression) -> list[str]:
    if isinstance(expression, str):
        return [] if expression[0].isdigit() else [expression]
    if isinstance(expression, (Sum, Product, Added)):
        return [name for part in expression[0] for name in _names(part)]
    if isinstance(expression, (Group, Negative)):
        return _names(expression.inner)
    if isinstance(expression, (Difference, Quotient)):
        return _names(expression.left) + _names(expression.right)
    if isinstance(expression, Call):
        return [name for part in expression.arguments for name in _names(part)]
    if isinstance(expression, Conditional):
        return [expression.condition] + _names(expression.then) + _names(expression.otherwise)
    if isinstance(expression, Activated):
        return [expression.h_prime]
    activation = expression.activation  # Φ′: the library's from h (the identity's is 1), a person's as they give it
    if activation.name is not None:
        return [] if activation.name == "identity" else [expression.h]
    return [expression.h if activation.from_h else expression.h_prime]


def _python(expression) -> str:
    """An expression as Python source."""
    if isinstance(expression, str):
        return expression
    if isinstance(expression, Sum):
        return _sum([_python(term) for term in expression.terms])
    if isinstance(expression, Product):
        return " * ".join(_python(factor) for factor in expression.factors)
    if isinstance(expression, Group):
        return f"({_python(expression.inner)})"
    if isinstance(expression, Difference):
        return f"{_python(expression.left)} - {_python(expression.right)}"
    if isinstance(expression, Added):
        return " + ".join(_python(term) for term in expression.terms)
    if isinstance(expression, Quotient):
        return f"{_python(expression.left)} / {_python(expression.right)}"
    if isinstance(expression, Negative):
        return f"-{_python(expression.inner)}"
    if isinstance(expression, Call):
        return f"{expression.function}({', '.join(_python(a) for a in expression.arguments)})"
    if isinstance(expression, Conditional):
        return f"({_python(expression.then)} if {expression.condition} else {_python(expression.otherwise)})"
    return expression.activation.phi_prime(expression.h, expression.h_prime)


def python_lines(records: list) -> list[str]:
    """The records as Python statements (sigmoid's Φ as the if/else that
    :func:`backprop.activations.sigmoid` is), comments as ``#`` lines."""
    lines = []
    for record in records:
        if isinstance(record, Comment):
            lines.append(f"# {record.text}")
        elif isinstance(record.expression, Activated):
            lines += record.expression.activation.phi(record.target, record.expression.h_prime)
        else:
            lines.append(f"{record.target} {'+=' if record.update else '='} {_python(record.expression)}")
    return lines


JAVASCRIPT_PHI = {  # Φ(z) as JavaScript, as backprop.activations computes it
    "sigmoid": "({z} >= 0.0 ? 1.0 / (1.0 + Math.exp(-{z})) : Math.exp({z}) / (1.0 + Math.exp({z})))",
    "tanh": "Math.tanh({z})", "relu": "({z} <= 0.0 ? 0.0 : {z})", "identity": "{z}",
}
JAVASCRIPT_PHI_PRIME = {  # Φ′ from h = Φ(h′), as backprop.activations computes it
    "sigmoid": "{h} * (1.0 - {h})", "tanh": "1.0 - {h} * {h}", "relu": "({h} > 0.0 ? 1.0 : 0.0)", "identity": "1.0",
}


def javascript_expression(expression, calls: bool = False) -> str:
    """An expression of the records as JavaScript; with ``calls``, Φ and Φ′ are calls of the functions
    ``phi(h′)`` and ``phi_prime(h)`` (``phi_out``, ``phi_out_prime`` for Φ_out), which the caller
    passes in (a page that lets a person choose the activation), else written out inline.

    >>> javascript_expression(Group(Difference("d", "y")))
    '(d - y)'
    """
    if isinstance(expression, str):
        return expression
    if isinstance(expression, Sum):
        return _sum([javascript_expression(term, calls) for term in expression.terms])
    if isinstance(expression, Product):
        return " * ".join(javascript_expression(factor, calls) for factor in expression.factors)
    if isinstance(expression, Group):
        return f"({javascript_expression(expression.inner, calls)})"
    if isinstance(expression, Difference):
        return f"{javascript_expression(expression.left, calls)} - {javascript_expression(expression.right, calls)}"
    if isinstance(expression, Added):
        return " + ".join(javascript_expression(term, calls) for term in expression.terms)
    if isinstance(expression, Quotient):
        return f"{javascript_expression(expression.left, calls)} / {javascript_expression(expression.right, calls)}"
    if isinstance(expression, Negative):
        return f"-{javascript_expression(expression.inner, calls)}"
    if isinstance(expression, Call):
        arguments = [javascript_expression(a, calls) for a in expression.arguments]
        if expression.function != "max":
            return f"{FUNCTIONS[expression.function]}({', '.join(arguments)})"
        # Python's max(a, b, …): a, then each later one that is > the largest so far (NaN as Python has it)
        return f"[{', '.join(arguments[1:])}].reduce((a, b) => b > a ? b : a, {arguments[0]})"
    if isinstance(expression, Conditional):
        return (f"({expression.condition} ? {javascript_expression(expression.then, calls)} : "
                f"{javascript_expression(expression.otherwise, calls)})")
    if isinstance(expression, Activated):
        if calls:
            return f"{expression.activation.function}({expression.h_prime})"
        return JAVASCRIPT_PHI[_written_name(expression.activation)].format(z=expression.h_prime)
    if calls:  # Φ′ from h, as the library's activations compute it
        return f"{expression.activation.function_prime}({expression.h})"
    return JAVASCRIPT_PHI_PRIME[_written_name(expression.activation)].format(h=expression.h)


def _written_name(activation: "_Activation") -> str:
    if activation.name is None:
        raise ValueError("a person's own activation cannot be written out in JavaScript; use one of: "
                         + ", ".join(JAVASCRIPT_PHI))
    return activation.name


def javascript_lines(records: list, calls: bool = False) -> list[str]:
    """The records as JavaScript statements; comments as ``//`` lines. The names must be declared.
    An update W ← W + ΔW names its ΔW (``delta_W1_12``), for a page to show; ``calls`` as in
    :func:`javascript_expression`."""
    lines = []
    for record in records:
        if isinstance(record, Comment):
            lines.append(f"// {record.text}")
        elif record.update:
            lines.append(f"delta_{record.target} = {javascript_expression(record.expression, calls)}; "
                         f"{record.target} += delta_{record.target};")
        else:
            lines.append(f"{record.target} = {javascript_expression(record.expression, calls)};")
    return lines


class _Names:
    """One-based names like the lecture's: ``W1_12``; ``W1_1_12`` once a layer has ten or more."""

    def __init__(self, sizes: list[int]):
        self.separator = "_" if max(sizes) >= 10 else ""

    def __call__(self, symbol: str, *indices: int) -> str:
        return f"{symbol}_{self.separator.join(str(i + 1) for i in indices)}"


class _Activation:
    """How Φ and Φ′ are written: inline for the library's own, calls of ``phi``/``phi_prime`` for
    a person's pair (``from_h``: their Φ′ takes h = Φ(h′), as the library's do). ``functions``
    names those two calls: ``("phi_out", "phi_out_prime")`` for the output activation Φ_out."""

    def __init__(self, name: str | None, from_h: bool, calls: bool, functions=("phi", "phi_prime")):
        self.name, self.from_h, self.calls = name, from_h, calls
        self.function, self.function_prime = functions

    def phi(self, h: str, h_prime: str) -> list[str]:
        if self.name is None:
            return [f"{h} = {self.function}({h_prime})"]
        if self.calls:
            return [f"{h} = {self.name}({h_prime})"]
        if self.name == "sigmoid":  # written as backprop.activations.sigmoid computes it
            return [f"if {h_prime} >= 0.0:",
                    f"    {h} = 1.0 / (1.0 + exp(-{h_prime}))",
                    "else:",
                    f"    e_z = exp({h_prime})",
                    f"    {h} = e_z / (1.0 + e_z)"]
        return [f"{h} = " + {"tanh": f"tanh({h_prime})", "relu": f"0.0 if {h_prime} <= 0.0 else {h_prime}",
                             "identity": h_prime}[self.name]]

    def phi_prime(self, h: str, h_prime: str) -> str:
        if self.name is None:
            return f"{self.function_prime}({h if self.from_h else h_prime})"
        return {"sigmoid": f"{h} * (1.0 - {h})", "tanh": f"1.0 - {h} * {h}",
                "relu": f"1.0 if {h} > 0.0 else 0.0", "identity": "1.0"}[self.name]

    def phi_prime_comment(self, phi: str = "Φ", h: str = "h") -> str:
        return {"sigmoid": f"{phi}′ = {h}·(1 − {h})", "tanh": f"{phi}′ = 1 − {h}²",
                "relu": f"{phi}′ = 1 if {h} > 0, else 0", "identity": f"{phi}′ = 1"}.get(self.name, f"{phi}′")


def _output(y_sum: Sum, phi_out: "_Activation | None") -> list:
    """The output's records: ``y = Σ…`` for the lecture's linear output (``phi_out`` None), else
    ``y_prime = Σ…`` and y = Φ_out(y′)."""
    if phi_out is None:
        return [Formula("y", y_sum, "feedforward")]
    return [Formula("y_prime", y_sum, "feedforward"), Comment("y = Φ_out(y′)"),
            Formula("y", Activated(phi_out, "y_prime"), "Φ")]


def _output_slope(phi_out: "_Activation") -> list:
    """∂y/∂y′ = Φ_out′(y′), from y where it can be, as :func:`backprop.train.output_slope` finds it."""
    return [Comment(f"∂y/∂y′ = Φ_out′(y′)   ({phi_out.phi_prime_comment('Φ_out', 'y')})"),
            Formula("dy_dy_prime", Slope(phi_out, "y", "y_prime"), "chain rule")]


# --- the step: lists of lines, one list per part of the lecture --------------------------------


def _lecture_step(n_inputs: int, n_hidden: int, bias: bool, phi: _Activation, phi_out: _Activation | None,
                  loss: str = "squared"):
    """The lecture's Network: (weight names W1[i][j] and W2[j], x names, the names of the
    feedforward pass's sums h′ and y′, the four parts, each a list of records);
    ``phi_out`` None for the lecture's linear output. With cross-entropy (its sigmoid output) δ = ∂y′/∂W,
    as :func:`backprop.train.backpropagate` takes it (``of_y_prime``): ∂y/∂y′ is not a factor."""
    name = _Names([n_inputs + bias, n_hidden + bias])
    x = [name("x", i) for i in range(n_inputs)]
    W1 = [[name("W1", i, j) for j in range(n_hidden)] for i in range(n_inputs + bias)]
    W2 = [name("W2", j) for j in range(n_hidden + bias)]
    h_prime = [name("h_prime", j) for j in range(n_hidden)]
    h = [name("h", j) for j in range(n_hidden)]
    x_in = x + ["1.0"] * bias
    feedforward = [Comment("h′_j = Σ_i x_i · W¹_ij" + ("   (x_%d = 1, the bias input)" % (n_inputs + 1) if bias else ""))]
    for j in range(n_hidden):
        feedforward.append(Formula(h_prime[j], Sum(tuple(_times(x_in[i], W1[i][j]) for i in range(n_inputs + bias))),
                                   "feedforward"))
    feedforward.append(Comment("h_j = Φ(h′_j)"))
    for j in range(n_hidden):
        feedforward.append(Formula(h[j], Activated(phi, h_prime[j]), "Φ"))
    feedforward.append(Comment(f"{'y′' if phi_out else 'y'} = Σ_j h_j · W²_j" + ("   (+ the output bias)" if bias else "")))
    h_in = h + ["1.0"] * bias
    feedforward += _output(Sum(tuple(_times(h_in[j], W2[j]) for j in range(n_hidden + bias))), phi_out)
    feedforward_out = phi_out
    if loss == "cross_entropy":  # ∂E/∂y′ = −(d − y): Φ_out′ cancelled, δ = ∂y′/∂W (times ∂y′/∂y′ = 1 exactly)
        phi_out = None
    # with Φ_out, every δ has the factor ∂y/∂y′ = Φ_out′(y′)
    slope = "" if phi_out is None else " · Φ_out′(y′)"
    backpropagation = [] if phi_out is None else _output_slope(phi_out)
    backpropagation.append(Comment(f"δ²_j = ∂y/∂W²_j = h_j{slope}" if loss == "squared" else
                                   "δ²_j = ∂y′/∂W²_j = h_j   (cross-entropy: ∂E/∂y′ = −(d − y), Φ_out′ cancelled)"))
    dy_dW2 = [name("dy_dW2", j) for j in range(n_hidden + bias)]
    for j in range(n_hidden):
        backpropagation.append(Formula(dy_dW2[j], h[j] if phi_out is None else Product((h[j], "dy_dy_prime")),
                                       "chain rule"))
    if bias:
        backpropagation.append(Formula(dy_dW2[-1], "1.0" if phi_out is None else "dy_dy_prime", "chain rule"))
    phi_prime = [name("phi_prime", j) for j in range(n_hidden)]
    backpropagation.append(Comment(f"Φ′(h′_j)   ({phi.phi_prime_comment()})"))
    for j in range(n_hidden):
        backpropagation.append(Formula(phi_prime[j], Slope(phi, h[j], h_prime[j]), "chain rule"))
    backpropagation.append(Comment(f"δ¹_ij = ∂{'y' if loss == 'squared' else 'y′'}/∂W¹_ij = x_i · Φ′(h′_j) · W²_j{slope}"))
    dy_dW1 = [[name("dy_dW1", i, j) for j in range(n_hidden)] for i in range(n_inputs + bias)]
    for i in range(n_inputs + bias):
        for j in range(n_hidden):
            # x_i · (Φ′(h′_j) · (W²_j · ∂y/∂y′)), as backprop.train.backpropagate multiplies
            dy_dh_prime = Group(Product((phi_prime[j], W2[j] if phi_out is None
                                         else Group(Product((W2[j], "dy_dy_prime"))))))
            backpropagation.append(Formula(dy_dW1[i][j], _times(x_in[i], dy_dh_prime), "chain rule"))
    update = [Comment("W ← W + α(d − y) · δ")]
    for weight, gradient in zip(W2 + _flat(W1), dy_dW2 + _flat(dy_dW1)):
        update.append(Formula(weight, Product(("alpha_error", gradient)), "update", update=True))
    parts = {"feedforward": feedforward, "error": _error_formulas(loss), "backpropagation": backpropagation,
             "update": update}
    values = h_prime + (["y_prime"] if feedforward_out else ["y"])  # the sums of the feedforward pass (see _epoch_source)
    return [W1, W2], x, values, parts


def _deep_hidden(layers: list[int], bias: bool, phi: _Activation):
    """The names of a DeepNetwork's step (name, x, W, h, h′, h with the bias input) and the feedforward
    pass's records up to the last hidden layer."""
    K = len(layers) - 1
    name = _Names([n + bias for n in layers])
    x = [name("x", i) for i in range(layers[0])]
    W = [[[name(f"W{k + 1}", i, j) for j in range(layers[k + 1])] for i in range(layers[k] + bias)]
         for k in range(K)]
    # h[k]: the names of layer k's values (h[0] = x), with the bias input 1.0 at the end
    h = [x] + [[name(f"h{k}", j) for j in range(layers[k])] for k in range(1, K)]
    h_prime = [None] + [[name(f"h_prime{k}", j) for j in range(layers[k])] for k in range(1, K)]
    h_in = [h_k + ["1.0"] * bias for h_k in h]
    feedforward = []
    for k in range(1, K):
        feedforward.append(Comment(f"h′{_sup(k)}_j = Σ_i h{_sup(k - 1)}_i · W{_sup(k)}_ij"
                                   + ("   (h⁰ = x)" if k == 1 else "")))
        for j in range(layers[k]):
            terms = tuple(_times(h_in[k - 1][i], W[k - 1][i][j]) for i in range(layers[k - 1] + bias))
            feedforward.append(Formula(h_prime[k][j], Sum(terms), "feedforward"))
        feedforward.append(Comment(f"h{_sup(k)}_j = Φ(h′{_sup(k)}_j)"))
        for j in range(layers[k]):
            feedforward.append(Formula(h[k][j], Activated(phi, h_prime[k][j]), "Φ"))
    return name, x, W, h, h_prime, h_in, feedforward


def _deep_step(layers: list[int], bias: bool, phi: _Activation, phi_out: _Activation | None, loss: str = "squared"):
    """A DeepNetwork: (weight names W[k][i][j], x names, the names of the
    feedforward pass's sums h′ and y′, the four parts, each a list of records);
    ``phi_out`` None for the lecture's linear output. One output and the squared error: the lecture's
    δ = ∂y/∂W, then ΔW = α(d − y)·δ, as :func:`backprop.math.deep.changes` takes it; else
    :func:`_deep_step_of_all_outputs`."""
    if layers[-1] != 1 or loss != "squared":
        return _deep_step_of_all_outputs(layers, bias, phi, phi_out, loss)
    K = len(layers) - 1
    name, x, W, h, h_prime, h_in, feedforward = _deep_hidden(layers, bias, phi)
    feedforward.append(Comment(f"{'y′' if phi_out else 'y'} = Σ_i h{_sup(K - 1)}_i · W{_sup(K)}_i1"))
    feedforward += _output(Sum(tuple(_times(h_in[K - 1][i], W[K - 1][i][0]) for i in range(layers[K - 1] + bias))),
                           phi_out)
    if phi_out is None:
        backpropagation = [Comment(f"δ{_sup(K)}_i1 = ∂y/∂W{_sup(K)}_i1 = h{_sup(K - 1)}_i · ∂y/∂y = h{_sup(K - 1)}_i · 1")]
    else:
        backpropagation = _output_slope(phi_out) + [
            Comment(f"δ{_sup(K)}_i1 = ∂y/∂W{_sup(K)}_i1 = h{_sup(K - 1)}_i · ∂y/∂y′")]
    dy_dW = [[[name(f"dy_dW{k + 1}", i, j) for j in range(layers[k + 1])] for i in range(layers[k] + bias)]
             for k in range(K)]
    terms = ["1.0" if phi_out is None else "dy_dy_prime"]  # ∂y/∂y′, the output's error term
    for i in range(layers[K - 1] + bias):
        backpropagation.append(Formula(dy_dW[K - 1][i][0], _times(h_in[K - 1][i], terms[0]), "chain rule"))
    for k in range(K - 1, 0, -1):  # the error terms of layer k from those of layer k+1
        phi_prime = [name(f"phi_prime{k}", i) for i in range(layers[k])]
        backpropagation.append(Comment(f"Φ′(h′{_sup(k)}_i)   ({phi.phi_prime_comment()})"))
        for i in range(layers[k]):
            backpropagation.append(Formula(phi_prime[i], Slope(phi, h[k][i], h_prime[k][i]), "chain rule"))
        backpropagation.append(Comment(
            f"∂y/∂h′{_sup(k)}_i = Φ′(h′{_sup(k)}_i) · Σ_j W{_sup(k + 1)}_ij · ∂y/∂h′{_sup(k + 1)}_j"
            + ("   (∂y/∂y = 1)" if k == K - 1 and phi_out is None else "")))
        new_terms = [name(f"dy_dh_prime{k}", i) for i in range(layers[k])]
        for i in range(layers[k]):
            total = Sum(tuple(_times(W[k][i][j], terms[j]) for j in range(layers[k + 1])))
            backpropagation.append(Formula(new_terms[i], Product((phi_prime[i], Group(total))), "chain rule"))
        terms = new_terms
        backpropagation.append(Comment(f"δ{_sup(k)}_ij = ∂y/∂W{_sup(k)}_ij = h{_sup(k - 1)}_i · ∂y/∂h′{_sup(k)}_j"))
        for i in range(layers[k - 1] + bias):
            for j in range(layers[k]):
                backpropagation.append(Formula(dy_dW[k - 1][i][j], _times(h_in[k - 1][i], terms[j]), "chain rule"))
    update = [Comment("Wᵏ ← Wᵏ + α(d − y) · δᵏ   (0.0 + …: the Σ over the outputs, here one, as add_up adds)")]
    for weight, gradient in zip(_flat(W), _flat(dy_dW)):
        update.append(Formula(weight, Sum((Product(("alpha_error", gradient)),)), "update", update=True))
    parts = {"feedforward": feedforward, "error": _error_formulas(), "backpropagation": backpropagation,
             "update": update}
    values = _flat(h_prime[1:]) + (["y_prime"] if phi_out else ["y"])  # the sums of the feedforward pass
    return W, x, values, parts


def _deep_step_of_all_outputs(layers: list[int], bias: bool, phi: _Activation, phi_out: _Activation | None,
                              loss: str):
    """A DeepNetwork of several outputs, or with cross-entropy, as :func:`backprop.math.deep.changes_of_all_outputs`
    takes the step: the error of every output, (d_j − y_j)·Φ_out′(y′_j) (d_j − y_j with cross-entropy, Φ_out′
    cancelled), carried back in one pass, so a step costs about one feedforward pass, not one per output;
    ΔWᵏ_il = hᵏ⁻¹_i · (α · the error at h′ᵏ_l), α times each error once. Names are one-based: y_1 … y_m,
    d_1 … d_m (y, d for one output)."""
    K, n_out = len(layers) - 1, layers[-1]
    name, x, W, h, h_prime, h_in, feedforward = _deep_hidden(layers, bias, phi)
    out = (lambda symbol, j: symbol) if n_out == 1 else name
    y_prime, y, d = ([out(symbol, j) for j in range(n_out)] for symbol in ("y_prime", "y", "d"))
    softmax = phi_out is not None and phi_out.name == "softmax"
    sums = y_prime if phi_out else y
    feedforward.append(Comment(f"{'y′' if phi_out else 'y'}_j = Σ_i h{_sup(K - 1)}_i · W{_sup(K)}_ij"
                               + ("   (+ the output bias)" if bias else "")))
    for j in range(n_out):
        terms = tuple(_times(h_in[K - 1][i], W[K - 1][i][j]) for i in range(layers[K - 1] + bias))
        feedforward.append(Formula(sums[j], Sum(terms), "feedforward"))
    if softmax:  # as backprop.activations.softmax computes it
        e = [name("e", j) for j in range(n_out)]
        feedforward += [Comment("y_j = e^(y′_j) / Σ_l e^(y′_l) = e^(y′_j − m) / Σ_l e^(y′_l − m), m = max_l y′_l   "
                                "(softmax; every e^(…) at most 1, so it never overflows)"),
                        Formula("m", Call("max", tuple(y_prime)), "Φ")]
        feedforward += [Formula(e[j], Call("exp", (Difference(y_prime[j], "m"),)), "Φ") for j in range(n_out)]
        feedforward.append(Formula("sum_e", Sum(tuple(e)), "Φ"))
        feedforward += [Formula(y[j], Quotient(e[j], "sum_e"), "Φ") for j in range(n_out)]
    elif phi_out is not None:
        feedforward.append(Comment("y_j = Φ_out(y′_j)"))
        feedforward += [Formula(y[j], Activated(phi_out, y_prime[j]), "Φ") for j in range(n_out)]
    if loss == "squared":
        error = [Comment("E = ½ Σ_j (d_j − y_j)²"), Formula("E", Sum(tuple(
            Product(("0.5", Group(Difference(d_j, y_j)), Group(Difference(d_j, y_j)))) for d_j, y_j in zip(d, y))),
            "error")]
    elif not softmax:
        error = _binary_cross_entropy(d[0], y_prime[0])
    else:  # as backprop.loss.cross_entropy_from_y_prime computes it, by log-sum-exp
        error = [Comment("ln Σ_l e^(y′_l) = m + ln Σ_l e^(y′_l − m)   (log-sum-exp: never overflows)"),
                 Formula("lse", Added(("m", Call("log", ("sum_e",)))), "error"),
                 Comment("E = −Σ_j d_j ln y_j = −Σ_j d_j · (y′_j − ln Σ_l e^(y′_l))   (from y′: never ln 0; "
                         "a term with d_j = 0 is left out)"),
                 Formula("E", Negative(Group(Sum(tuple(
                     Conditional(d_j, Product((d_j, Group(Difference(y_prime_j, "lse")))), "0.0")
                     for d_j, y_prime_j in zip(d, y_prime))))), "error")]
    backpropagation = []
    terms = [out("error_y_prime", j) for j in range(n_out)]
    if loss == "cross_entropy":
        backpropagation.append(Comment("the error at y′_j: −∂E/∂y′_j = d_j − y_j   (cross-entropy with its "
                                       f"{'softmax' if softmax else 'sigmoid'}: Φ_out′ cancelled)"))
        backpropagation += [Formula(terms[j], Difference(d[j], y[j]), "chain rule") for j in range(n_out)]
    elif phi_out is None:
        backpropagation.append(Comment("the error at y_j: (d_j − y_j) · ∂y_j/∂y_j = d_j − y_j   (the linear output)"))
        backpropagation += [Formula(terms[j], Difference(d[j], y[j]), "chain rule") for j in range(n_out)]
    else:
        slopes = [out("dy_dy_prime", j) for j in range(n_out)]
        backpropagation.append(Comment(f"∂y_j/∂y′_j = Φ_out′(y′_j)   ({phi_out.phi_prime_comment('Φ_out', 'y_j')})"))
        backpropagation += [Formula(slopes[j], Slope(phi_out, y[j], y_prime[j]), "chain rule") for j in range(n_out)]
        backpropagation.append(Comment("the error at y′_j: (d_j − y_j) · ∂y_j/∂y′_j = −∂E/∂y′_j"))
        backpropagation += [Formula(terms[j], Product((Group(Difference(d[j], y[j])), slopes[j])), "chain rule")
                            for j in range(n_out)]
    updates = {}  # layer k → W ← W + ΔW of its weights, applied after the whole backward pass
    for k in range(K, 0, -1):  # α · layer k's errors, then the errors of layer k − 1 from layer k's
        at = f"h′{_sup(k)}" if k < K else ("y′" if phi_out else "y")  # where layer k's errors are
        alpha_terms = [f"alpha_{term}" for term in terms]
        backpropagation.append(Comment(f"α · (the error at {at}_l), the factor of every ΔW{_sup(k)}_il"))
        backpropagation += [Formula(alpha_term, Product(("alpha", term)), "update")
                            for alpha_term, term in zip(alpha_terms, terms)]
        updates[k] = [Formula(W[k - 1][i][l], _times(h_in[k - 1][i], alpha_terms[l]), "update", update=True)
                      for i in range(layers[k - 1] + bias) for l in range(layers[k])]
        if k == 1:
            break
        phi_prime = [name(f"phi_prime{k - 1}", i) for i in range(layers[k - 1])]
        backpropagation.append(Comment(f"Φ′(h′{_sup(k - 1)}_i)   ({phi.phi_prime_comment()})"))
        for i in range(layers[k - 1]):
            backpropagation.append(Formula(phi_prime[i], Slope(phi, h[k - 1][i], h_prime[k - 1][i]), "chain rule"))
        backpropagation.append(Comment(
            f"the error at h′{_sup(k - 1)}_i: Σ_j (d_j − y_j) · ∂y_j/∂h′{_sup(k - 1)}_i = Φ′(h′{_sup(k - 1)}_i) · "
            f"Σ_l W{_sup(k)}_il · (the error at {at}_l)   (all outputs in one pass)"))
        new_terms = [name(f"error_h_prime{k - 1}", i) for i in range(layers[k - 1])]
        for i in range(layers[k - 1]):
            total = Sum(tuple(_times(W[k - 1][i][l], terms[l])
                              for l in range(layers[k])))
            backpropagation.append(Formula(new_terms[i], Product((phi_prime[i], Group(total))), "chain rule"))
        terms = new_terms
    update = [Comment("Wᵏ ← Wᵏ + ΔWᵏ,  ΔWᵏ_il = hᵏ⁻¹_i · (α · Σ_j (d_j − y_j) · ∂y_j/∂h′ᵏ_l)   "
                      "(the input times α · the error at the weight's far end)")]
    update += [formula for k in range(1, K + 1) for formula in updates[k]]  # W¹ first, as the lists
    parts = {"feedforward": feedforward, "error": error, "backpropagation": backpropagation, "update": update}
    values = _flat(h_prime[1:]) + sums  # the sums of the feedforward pass
    return W, x, values, parts


def _error_formulas(loss: str = "squared") -> list:
    error = Group(Difference("d", "y"))
    return _binary_cross_entropy("d", "y_prime") + [
        Comment("α(d − y), the factor every ΔW = α(d − y) · δ shares"),
        Formula("alpha_error", Product(("alpha", error)), "error")] if loss != "squared" else [
        Comment("E = ½(d − y)²"), Formula("E", Product(("0.5", error, error)), "error"),
        Comment("α(d − y), the factor every ΔW = α(d − y) · δ shares"),
        Formula("alpha_error", Product(("alpha", error)), "error")]


def _binary_cross_entropy(d: str, y_prime: str) -> list:
    """E of one sigmoid output from y′, as :func:`backprop.loss.binary_cross_entropy_from_y_prime`
    computes it: ln(1 + e^(y′)) = max(y′, 0) + ln(1 + e^(−|y′|)) (:func:`backprop.loss.softplus`), then − d·y′."""
    softplus = Added((Call("max", (y_prime, "0.0")), Call("log1p", (Call("exp", (Negative(Call("abs", (y_prime,))),)),))))
    return [Comment("E = −(d ln y + (1 − d) ln(1 − y)) = ln(1 + e^(y′)) − d · y′   (from y′: never ln 0; "
                    "ln(1 + e^(y′)) = max(y′, 0) + ln(1 + e^(−|y′|)))"),
            Formula("E", Difference(softplus, Product((d, y_prime))), "error")]


def _times(a, b):
    """``a * b``, where a factor 1.0 (the bias input, ∂y/∂y) is left out: x · 1.0 is x exactly."""
    if a == "1.0":
        return b
    return a if b == "1.0" else Product((a, b))


def _flat(nested) -> list[str]:
    """The names in a nested list of names, in order (layer by layer, row by row)."""
    return [name for item in nested for name in (_flat(item) if isinstance(item, list) else [item])]


def _sup(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


# --- the shape of a network, and the two forms of the step ------------------------------------


def _shape(net):
    """(kind, sizes, bias, Φ's name, Φ_out's name, loss) of ``net``: the key of its code. A name is
    ``None`` for a person's own activation, which the code calls instead of writing it out."""
    from backprop.network import Network  # here: backprop.network need not load this module

    if net.phi is None:  # one Φ per hidden layer: not written out (the lists train it)
        return _shape_of_layers(net)
    name, out_name = _library_name(net._activation), _library_name(net._output_activation)
    if isinstance(net, Network):
        return "lecture", (net.n_inputs, net.n_hidden, 1), net.bias, name, out_name, net.loss
    return "deep", tuple(net.layers), net.bias, name, out_name, net.loss


def _shape_of_layers(net):
    """The shape of a DeepNetwork with one Φ per hidden layer, its Φ's name a list (never compiled)."""
    return "deep", tuple(net.layers), net.bias, list(net.activation), _library_name(net._output_activation), net.loss


def _library_name(activation) -> str | None:
    """The name of one of the library's activations; None for a person's own. Equal, not the same
    object: a copied or unpickled network holds an equal record of the library's functions."""
    if activation == SOFTMAX:  # of all the outputs together: written out, never called
        return "softmax"
    return activation.name if ACTIVATIONS.get(activation.name) == activation else None


def _parts(kind: str, sizes: tuple, bias: bool, phi: _Activation, phi_out: _Activation | None,
           loss: str = "squared"):
    """The step of one shape; ``phi_out`` None for the lecture's linear output (Φ_out the identity)."""
    if kind == "lecture":
        return _lecture_step(sizes[0], sizes[1], bias, phi, phi_out, loss)
    return _deep_step(list(sizes), bias, phi, phi_out, loss)


def _output_activation(out_name: str | None, from_h: bool, calls: bool) -> _Activation | None:
    """How Φ_out is written; None for the lecture's linear output, which is written as before."""
    if out_name == "identity":
        return None
    return _Activation(out_name, from_h, calls, functions=("phi_out", "phi_out_prime"))


def step_source(net, x, d: float, alpha: float) -> str:
    """Return one SGD step of ``net`` on sample ``(x, d)`` as a Python program a person can run.

    The program sets the sample and the weights, computes the step statement by
    statement in the lecture's order, and prints the new weights: the ones
    :func:`backprop.sgd_step` (or :func:`backprop.math.deep.sgd_step`) gives.

    >>> from backprop import Network
    >>> net = Network([[0.5], [0.25]], [2.0], activation="identity")
    >>> print(step_source(net, [1.0, 2.0], 3.0, 0.5))   # doctest: +ELLIPSIS
    # One SGD step of the lecture's 2-1-1 network, Φ = identity, ...
    ...
    # feedforward
    # h′_j = Σ_i x_i · W¹_ij
    h_prime_1 = 0.0 + x_1 * W1_11 + x_2 * W1_21
    ...

    Several outputs are named y_1 … y_m and d_1 … d_m (give ``d`` as a list). Raises ``ValueError`` for a
    network of one Φ per hidden layer, a person's own activation or output activation (it cannot be
    written out by name) or more than :data:`MAX_WEIGHTS` weights, and for a bad ``x``, ``d`` or ``alpha``.
    """
    from backprop.math import validate

    kind, sizes, bias, name, out_name, loss = _shape(net)
    _check_unrollable(net, name, out_name)
    x = net.check_x(x)
    d = net.check_d(d[0] if kind == "lecture" and isinstance(d, list) and len(d) == 1 else d)  # one output: d or [d]
    alpha = validate.positive(alpha, "alpha")
    weights, x_names, _, parts = _parts(kind, sizes, bias, _Activation(name, True, calls=True),
                                        _output_activation(out_name, True, calls=True), loss)
    d_names = ["d"] if sizes[-1] == 1 else [f"d_{j + 1}" for j in range(sizes[-1])]
    values = [net.W1, net.W2] if kind == "lecture" else net.W
    what = "lecture's" if kind == "lecture" else "deep"
    lines = [f"# One SGD step of the {what} {'-'.join(map(str, sizes))} network, Φ = {name}"
             + (f", Φ_out = {out_name}" if out_name != "identity" else "")
             + (", cross-entropy" if loss == "cross_entropy" else "")
             + (", with bias" if bias else "") + ", written out formula by formula.",
             NOTICE.rstrip("\n"),
             "# Sums go left to right from 0.0, as backprop's own step adds them on every Python,",
             "# so every number is the one backprop's own step computes, to the last bit.",
             f"from backprop.activations import {name}" + (f", {out_name}" if out_name not in ("identity", "softmax", name)
                                                           else ""),
             *(["from math import exp, log, log1p"] if loss == "cross_entropy" else []),
             "", "# the sample and the learning rate α"]
    lines += [f"{x_name} = {value!r}" for x_name, value in zip(x_names, x)]
    lines += [f"{d_name} = {d_j!r}" for d_name, d_j in zip(d_names, d if isinstance(d, list) else [d])]
    lines += [f"alpha = {alpha!r}", "", "# the weights before the step"]
    lines += [f"{weight} = {value!r}" for weight, value in zip(_flat(weights), _flat(values))]
    for part, records in parts.items():
        lines += ["", f"# {part}"] + python_lines(records)
    lines += ["", "# the weights after the step"]
    lines += [f"print({weight!r}, '=', {weight})" for weight in _flat(weights)]
    return "\n".join(lines) + "\n"


def formulas(net) -> list:
    """Return one SGD step of ``net``'s shape as formula records, in the lecture's order.

    The list holds a :class:`Comment` before each group and a :class:`Formula` per formula
    instance: feedforward, error, backpropagation (the chain rule), update. Names are the
    unrolled code's (``x_1``, ``W1_12``, ``h_prime_2``, ``dy_dW1_12``; with several outputs or
    cross-entropy on a DeepNetwork, ``y_1``, ``d_1``, ``error_y_prime_1``, ``error_h_prime1_2``,
    ``alpha_error_h_prime1_2``); the built-in activations are written out.

    >>> from backprop import Network
    >>> step = formulas(Network([[0.5], [0.25]], [2.0], activation="identity"))
    >>> step[1].target, step[1].rule, step[1].operands
    ('h_prime_1', 'feedforward', ['x_1', 'W1_11', 'x_2', 'W1_21'])
    >>> [f.rule for f in step if isinstance(f, Formula)][-3:]
    ['update', 'update', 'update']

    Raises ``ValueError`` as :func:`step_source` does for a network it cannot write out.
    """
    kind, sizes, bias, name, out_name, loss = _shape(net)
    _check_unrollable(net, name, out_name)
    parts = _parts(kind, sizes, bias, _Activation(name, True, calls=False),
                   _output_activation(out_name, True, calls=False), loss)[3]
    return [record for records in parts.values() for record in records]


def weight_names(net) -> list[str]:
    """The names the unrolled step gives ``net``'s weights, in the order of its lists: W¹ row by row,
    then W² (the lecture's), or every Wᵏ row by row (a DeepNetwork).

    >>> from backprop import Network
    >>> weight_names(Network([[0.5], [0.25]], [2.0]))
    ['W1_11', 'W1_21', 'W2_1']
    """
    kind, sizes, bias = _shape(net)[:3]
    return _flat(_parts(kind, sizes, bias, _Activation("identity", True, False), None)[0])


def step_javascript(net, calls: bool = False) -> str:
    """Return one SGD step of ``net``'s shape as a JavaScript function, ``step(given)``.

    ``given`` is an object of plain numbers by the unrolled code's names: the inputs ``x_1``, …,
    ``d``, ``alpha`` and every weight (``W1_11``, …, ``W2_1``, …). ``step`` returns an object of
    every value of the step by name — h′, h, y, E, every Φ′ and ∂y/∂…, each ΔW (``delta_W2_1``)
    and the weights after the update (W ← W + ΔW) — the numbers :func:`backprop.sgd_step`
    computes: the same formulas (:func:`formulas`) in the same order, sums added left to right
    from 0.0 (see :func:`_sum`). With ``calls``, the function is
    ``step(given, phi, phi_prime, phi_out, phi_out_prime)``: Φ and Φ′ (of h) are the functions
    passed in (:data:`JAVASCRIPT_PHI` and :data:`JAVASCRIPT_PHI_PRIME` written as functions give
    the library's), so one function serves every activation of the shape.

    >>> from backprop import Network
    >>> print(step_javascript(Network([[0.5], [0.25]], [2.0], activation="identity")))  # doctest: +ELLIPSIS
    // Written by backprop ...
    function step(given) {
      const {x_1, x_2, d, alpha} = given;
      let {W1_11, W1_21, W2_1} = given;
      let h_prime_1, h_1, y, E, alpha_error, dy_dW2_1, phi_prime_1, dy_dW1_11, dy_dW1_21, delta_W2_1, ...
      // h′_j = Σ_i x_i · W¹_ij
      h_prime_1 = 0.0 + x_1 * W1_11 + x_2 * W1_21;
    ...

    Raises ``ValueError`` as :func:`step_source` does.
    """
    records = formulas(net)
    sizes = _shape(net)[1]
    weights, x = weight_names(net), [f"x_{i + 1}" for i in range(sizes[0])]
    d = ["d"] if sizes[-1] == 1 else [f"d_{j + 1}" for j in range(sizes[-1])]
    targets = [r.target for r in records if isinstance(r, Formula) and not r.update]
    targets += [f"delta_{r.target}" for r in records if isinstance(r, Formula) and r.update]
    lines = [NOTICE.rstrip("\n").replace("# ", "// ")]
    lines += [f"function step(given{', phi, phi_prime, phi_out, phi_out_prime' if calls else ''}) {{",
              f"  const {{{', '.join(x + d + ['alpha'])}}} = given;",
              f"  let {{{', '.join(weights)}}} = given;",
              f"  let {', '.join(dict.fromkeys(targets))};"]
    lines += ["  " + line for line in javascript_lines(records, calls)]
    lines += [f"  return {{{', '.join(list(dict.fromkeys(targets)) + weights)}}};", "}"]
    return "\n".join(lines) + "\n"


def _check_unrollable(net, name, out_name) -> None:
    if isinstance(name, list):
        raise ValueError(f"the network has one Φ per hidden layer ({', '.join(name)}), which is not written "
                         "out yet; unroll a network of one Φ in every hidden layer")
    if name is None or out_name is None:
        raise ValueError(f"a person's own {'activation' if name is None else 'output activation'} cannot be "
                         "written out by name; use one of: " + ", ".join(ACTIVATIONS))
    if _weight_count(net) > MAX_WEIGHTS:
        raise ValueError(f"the network has {_weight_count(net):,} weights, and a step is written out for "
                         f"at most {MAX_WEIGHTS:,} (a statement each); choose a smaller network")


def _weight_count(net) -> int:
    sizes, bias = _shape(net)[1:3]
    return sum((n + bias) * m for n, m in zip(sizes, sizes[1:]))


# --- the epoch: the same step in a loop, compiled once per shape ------------------------------


def sgd_epoch(net):
    """Return the compiled SGD epoch for ``net``'s shape, or ``None`` where the lists must do.

    The function returned is called as ``epoch(net, samples, alpha, stop)`` and
    does what the list implementation's epoch does (one step per sample; the list
    of each step's E, or ``None`` when ``stop()`` cut the epoch short;
    :class:`~backprop.DivergenceError` with the last finite weights kept), with the
    weights in local variables: they are written back to the network's lists
    before every call of ``stop()`` (and read again after it), before raising, and
    at the end of the epoch.

    >>> from backprop import Network
    >>> sgd_epoch(Network.random(seed=0)) is not None
    True
    >>> sgd_epoch(Network.random(n_hidden=1000)) is None      # more than MAX_WEIGHTS
    True
    """
    code = _code(net)
    return code and code.epoch


def forward_check(net):
    """Return the compiled check that each sample's feedforward pass and E are finite at ``net``'s
    weights, or ``None`` where the lists must do (as for :func:`sgd_epoch`).

    The function returned is called as ``check(net, samples, checked_forward)`` before training. It
    computes what the list implementation's ``checked_forward`` does for every sample, and calls
    ``checked_forward`` itself on a sample whose values are not all finite, to raise its error.

    >>> from backprop import Network
    >>> from backprop.train import checked_forward
    >>> net = Network([[1e308, 0.0, 0.0], [0.0, 0.0, 0.0]], [1.0, 1.0, 1.0])
    >>> forward_check(net)(net, [([10.0, 0.0], 1.0)], checked_forward)
    Traceback (most recent call last):
    ...
    backprop.math.training_loop.NotFiniteError: h′ = [inf, 0.0, 0.0] is not finite, before any step: the weights and the input are too large for a float (at most about 1.8e308); give smaller ones (α is not the cause)
    """
    code = _code(net)
    return code and code.check


class _Code(NamedTuple):
    """The compiled functions of one network: its SGD epoch and its check of the samples."""

    epoch: object
    check: object


def _code(net) -> _Code | None:
    """The compiled code for ``net``, with a person's own Φ and Φ_out passed in; ``None`` where the lists
    must do."""
    if _weight_count(net) > MAX_WEIGHTS or net.phi is None:
        return None  # too many weights, or one Φ per hidden layer: the lists train it (fallback_reason says why)
    kind, sizes, bias, name, out_name, loss = _shape(net)
    phi, phi_out = net._activation, net._output_activation
    code = _compiled(kind, sizes, bias, name, phi.phi_prime_from_h is not None,
                     out_name, phi_out.phi_prime_from_h is not None, loss)
    functions = []  # a person's own Φ, Φ′ and Φ_out, Φ_out′ (Φ′ of h where they give it), to call
    if name is None:
        functions += [phi.phi, phi.phi_prime_from_h or phi.phi_prime]
    if out_name is None:
        functions += [phi_out.phi, phi_out.phi_prime_from_h or phi_out.phi_prime]
    if not functions:
        return code
    epoch, check = code
    return _Code(lambda net, samples, alpha, stop: epoch(net, samples, alpha, stop, *functions),
                 lambda net, samples, checked_forward: check(net, samples, checked_forward, *functions))


@functools.lru_cache(maxsize=32)
def _compiled(kind: str, sizes: tuple, bias: bool, name: str | None, from_h: bool,
              out_name: str | None, out_from_h: bool, loss: str = "squared"):
    """Compile the epoch and the check of one shape (kind, layer sizes, bias, Φ and Φ′'s argument, the
    same of Φ_out, the loss)."""
    from backprop.math.training_loop import DivergenceError

    source = _epoch_source(kind, sizes, bias, _Activation(name, from_h, calls=False),
                           _output_activation(out_name, out_from_h, calls=False), loss)
    namespace = {"exp": math.exp, "tanh": math.tanh, "log": math.log, "log1p": math.log1p,
                 "isfinite": math.isfinite, "array": array,
                 "DivergenceError": DivergenceError}
    exec(compile(source, f"<backprop unrolled {kind} {'-'.join(map(str, sizes))}>", "exec"), namespace)
    return _Code(namespace["epoch"], namespace["check"])


def _epoch_source(kind: str, sizes: tuple, bias: bool, phi: _Activation, phi_out: _Activation | None,
                  loss: str = "squared") -> str:
    weights, x, values, records = _parts(kind, sizes, bias, phi, phi_out, loss)
    if kind == "lecture":  # W¹ first: a δ¹ written into its update reads W² before the step
        records["update"] = records["update"][:1] + sorted(records["update"][1:], key=lambda r: r.target[:2] == "W2")
    backpropagation, update = _inlined(records["backpropagation"], records["update"], keep=["E"] + values)
    parts = {"feedforward": python_lines(records["feedforward"]), "error": python_lines(records["error"]),
             "backpropagation": python_lines(backpropagation), "update": python_lines(update)}
    flat = _flat(weights)
    # W ← W + ΔW is not applied if the sum of the new weights is not finite (train.apply_changes), added in
    # the lists' groups (row by row, layer by layer: weights that overflow together in one order may not
    # in another); without add_up's 0.0, which changes no sum's finiteness, only the sign of a zero
    if kind == "lecture":
        W1, W2 = weights
        total = f"{_bracket(' + '.join(W2))} + {_bracket(' + '.join(_bracket(' + '.join(row)) for row in W1))}"
        lists = [(f"W1[{i}]", row) for i, row in enumerate(W1)] + [("W2", W2)]
        read = ["W1, W2 = net.W1, net.W2"]
        d = "d"
    else:
        total = " + ".join(_bracket(" + ".join(_bracket(" + ".join(row)) for row in W_k)) for W_k in weights)
        lists = [(f"W[{k}][{i}]", row) for k, W_k in enumerate(weights) for i, row in enumerate(W_k)]
        read = ["W = net.W"]
        d = "(d,)" if sizes[-1] == 1 else _unpacked([f"d_{j + 1}" for j in range(sizes[-1])])
    read += [f"{_unpacked(row)} = {where}" for where, row in lists]
    write = [f"{where}[:] = {_unpacked(row)}" for where, row in lists]
    arguments = ("net, samples, alpha, stop" + (", phi, phi_prime" if phi.name is None else "")
                 + (", phi_out, phi_out_prime" if phi_out is not None and phi_out.name is None else ""))
    # E and every value of the feedforward pass finite, as the lists' compute_step checks them: E and the
    # sums h′ and y′ (a non-finite h makes the next sum non-finite, a non-finite y makes E so); their
    # sum is finite only if every one is (x − x is 0.0 exactly when x is finite), else each is looked at
    forward_total = " + ".join(["E"] + values)
    body = (parts["feedforward"] + parts["error"]
            + [f"forward_total = {forward_total}",
               f"if forward_total - forward_total != 0.0 and not all(map(isfinite, {_unpacked(['E'] + values)})):"]
            + _indent(write) + ["    raise DivergenceError('E or a value of the feedforward pass is not finite')"]
            + parts["backpropagation"] + [f"last = {_unpacked(flat)}"]
            + parts["update"]
            + [f"total = {total}", "if total - total != 0.0:  # a weight is inf or NaN, or they overflow together",
               f"    {_unpacked(flat)} = last"] + _indent(write)
            + ["    raise DivergenceError('a weight is not finite')",
               "append_E(E)", "if stop is not None:"] + _indent(write)
            + ["    if stop():", "        return None"] + _indent(read[1:]))  # what stop() did to them, kept
    lines = [NOTICE.rstrip("\n"), f"def epoch({arguments}):"] + _indent(
        read + ["E_values = array('d')  # each step's E, as the list implementation keeps them (8 bytes each)",
                "append_E = E_values.append",
                f"for ({', '.join(x)},), {d} in samples:"] + _indent(body) + write + ["return E_values"])
    # the check before training: each sample's feedforward pass and E, at the weights given
    E = [record for record in records["error"] if not isinstance(record, Comment) and record.target != "alpha_error"]
    check = (parts["feedforward"] + python_lines(E)
             + [f"forward_total = {forward_total}", "if forward_total - forward_total != 0.0:",
                "    checked_forward(net, *sample)  # raises if one is not finite, naming it"])
    lines += ["", "", f"def check({arguments.replace('alpha, stop', 'checked_forward')}):"] + _indent(
        read + ["for sample in samples:", f"    ({', '.join(x)},), {d} = sample"] + _indent(check))
    return "\n".join(lines) + "\n"


def _inlined(backpropagation: list, update: list, keep: list[str]) -> tuple[list, list]:
    """The compiled epoch's records with each δ that is read once written where it is read, in
    parentheses (the same operations in the same order, so the same bits, one name fewer to
    store and load): ``W1_11 += alpha_error * (x_1 * (phi_prime_1 * W2_1))``. A formula stays as
    it is where Φ is written out, or where a weight it reads changes before its one use."""
    formulas = [record for record in backpropagation + update if not isinstance(record, Comment)]
    reads = collections.Counter(name for record in formulas for name in record.operands
                                if not (record.update and name == record.target))
    movable = {record.target for record in formulas if not record.update and reads[record.target] == 1
               and record.target not in keep and isinstance(record.expression, (str, Product, Group, Sum))}
    while True:
        result, too_late = _moved(backpropagation + update, movable)
        if not too_late:
            first_update = len(result) - len(update)  # the updates all stay, each where it was
            return _without_empty_comments(result[:first_update]), _without_empty_comments(result[first_update:])
        movable -= too_late


def _without_empty_comments(records: list) -> list:
    """The records without a comment whose formulas all moved into the ones that read them."""
    return [record for record, after in zip(records, records[1:] + [None])
            if not (isinstance(record, Comment) and (after is None or isinstance(after, Comment)))]


def _moved(records: list, movable: set) -> tuple[list, set]:
    """(the records with the ``movable`` written where they are read, the movable that would read a
    weight after it changed)."""
    written, too_late, result = {}, set(), []
    readers = collections.defaultdict(list)  # a name → the movable formulas waiting that read it
    for record in records:
        if isinstance(record, Comment):
            result.append(record)
            continue
        expression = _substituted(record.expression, written)
        if record.update:
            too_late.update(target for target in readers.pop(record.target, ()) if target in written)
        if record.target in movable:
            written[record.target] = expression if isinstance(expression, str) else Group(expression)
            for name in _names(expression):
                readers[name].append(record.target)
        else:
            result.append(record._replace(expression=expression))
    return result, too_late | set(written)  # (what no formula read where it could be written: left)


def _substituted(expression, written: dict):
    """``expression`` with each name in ``written`` replaced by what it stands for (and taken from it)."""
    if isinstance(expression, str):
        return written.pop(expression, expression)
    if isinstance(expression, tuple):  # an expression record, or a tuple of its parts
        parts = [_substituted(part, written) for part in expression]
        return type(expression)(*parts) if hasattr(expression, "_fields") else tuple(parts)
    return expression  # how Φ is written


def _unpacked(names: list[str]) -> str:
    return f"({', '.join(names)},)"


def _bracket(expression: str) -> str:
    return f"({expression})"


def _indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]
