"""The step worked from a learner's own numbers, and the common mistakes, for ``check`` and the quiz.

:func:`own_values` works every value of the step the way the library does —
:func:`backprop.math.deep.weighted_sums`, Φ, :func:`~backprop.math.deep.error_terms_before`,
:func:`~backprop.math.deep.dy_dW`, :func:`~backprop.math.deep.changes`,
:func:`~backprop.math.deep.apply_changes` (the lecture's network is worked as the
same 2-3-1 network of layers) — but each value from the *learner's* values before
it, where the learner gave them. What it gives for y is then "what y follows
from your h", and a learner whose y equals it made no new mistake in y.

With ``mistake`` it works the step with one common mistake made (:data:`MISTAKES`),
again with the library's functions: d − y turned round (the changes of
:func:`~backprop.math.deep.changes` with d and y swapped), Φ′ left out of the chain
rule or taken at h_j, α left out, E without the ½, the updated weights in the chain
rule; ``carry=n`` rounds every value to n significant digits before it is used.

With binary cross-entropy (one sigmoid output) E, ∂E/∂y and ∂E/∂y′ = ∂E/∂y · Φ_out′(y′) are
worked by :func:`backprop.loss.binary_cross_entropy` and the trace's
:func:`~backprop.trace.explain.cross_entropy_values`, and δ is ∂y′/∂W, the chain rule started
from ∂y′/∂y′ = 1 (Φ_out′ cancelled). Its own mistakes (:func:`step_mistakes`): Φ_out′ kept in δ,
and E worked as the squared error; there is no ½ to leave out.

>>> from backprop.trace import lecture_example as example
>>> mine = {"h_1": 0.6, "h_2": 0.5, "h_3": 0.6}     # a learner's rounded-off h
>>> values = own_values(example.network(), example.x, example.d, example.alpha, mine)
>>> round(values["y"], 4)                          # 0.6·0.4 + 0.5·(−0.5) + 0.6·0.3 = 0.17
0.17
>>> round(own_values(example.network(), example.x, example.d, example.alpha, {}, "no_alpha")["ΔW²_1"], 4)
0.5238
"""

import math
from functools import lru_cache

from backprop.activations import Activation
from backprop.classroom.pencil import rounded
from backprop.loss import binary_cross_entropy
from backprop.math import deep
from backprop.math.deep import DeepForward, DeepNetwork
from backprop.network import Network
from backprop.trace import worked
from backprop.trace.explain import cross_entropy_values, explain
from backprop.trace.formats.text_format import TextStyle
from backprop.trace.worked import Slope, Sym

MISTAKES = {
    "sign": "the sign flipped (d − y taken as y − d, or a lost minus)",
    "no_phi_prime": "Φ′(h′_j) left out of the chain rule",
    "phi_prime_at_h": "Φ′ taken at h_j instead of h′_j",
    "new_weights": "the updated weights used for ΔW¹ instead of the weights before the step",
    "no_half": "E without the ½",
    "no_alpha": "α left out",
    "phi_out_prime_kept": "Φ_out′(y′) kept in δ, where it cancels against cross-entropy's ∂E/∂y "
                          "(δ = ∂y′/∂W, since ∂E/∂y′ = −(d − y))",  # no ":", which ends a mistake's name in --class
    "squared_E": "E worked as the squared error ½(d − y)², not cross-entropy",
    "swapped": "weight indices swapped (Wᵏ_ji for Wᵏ_ij, as W¹_21 for W¹_12)",
    "rounded": "rounded too early",
}
_STEP_MISTAKES = ("sign", "no_phi_prime", "phi_prime_at_h", "new_weights", "no_half", "no_alpha")
_CROSS_ENTROPY_MISTAKES = ("sign", "phi_out_prime_kept", "no_phi_prime", "phi_prime_at_h", "new_weights",
                           "squared_E", "no_alpha")


def step_mistakes(net) -> tuple:
    """The common mistakes of ``net``'s step (keys of :data:`MISTAKES`), in the order they are tried:
    the squared error's, or cross-entropy's (no ½ to leave out; Φ_out′ kept where it cancels, and
    E worked as the squared error, instead)."""
    return _CROSS_ENTROPY_MISTAKES if getattr(net, "loss", "squared") == "cross_entropy" else _STEP_MISTAKES


_TEXT = TextStyle(4)


@lru_cache(maxsize=4096)
def _written(terms: tuple) -> str:
    return _TEXT.expression(list(terms))


def _name(terms: list) -> str:
    """The display name the trace writes for ``terms`` (kept: a class checks the same names often)."""
    return _written(tuple(terms))


def layered(net) -> DeepNetwork:
    """``net`` as a :class:`~backprop.math.deep.DeepNetwork`: the lecture's W² as a column."""
    if isinstance(net, DeepNetwork):
        return net
    if not isinstance(net, Network):
        raise TypeError(f"the classroom works a Network or a DeepNetwork, not {type(net).__name__}")
    phi = Activation(net.activation, net.phi, net.phi_prime, net.phi_prime_from_h)
    phi_out = Activation(net.output_activation, net.phi_out, net.phi_out_prime, net.phi_out_prime_from_h)
    return DeepNetwork([[list(row) for row in net.W1], [[w] for w in net.W2]], activation=phi,
                       output_activation=phi_out, bias=net.bias)


def own_values(net, x, d, alpha: float, mine: dict, mistake: str | None = None, carry: int | None = None,
               record: dict | None = None) -> dict:
    """Display name → the value the step gives from the learner's own values ``mine`` (display
    name → number) before it, with ``mistake`` (a key of :data:`MISTAKES`) made, and with every
    value rounded to ``carry`` digits before it is used. A value the learner gave is used as
    given in what comes after it; its own entry is what it should be from the values before.

    ``record`` is :func:`~backprop.trace.explain.explain`'s record of the step (made if not given);
    it names the values as the trace does.
    """
    mistakes = step_mistakes(net)
    if mistake is not None and mistake not in mistakes:
        raise ValueError(f"{mistake!r} is not a mistake of the step; one of {', '.join(mistakes)}")
    record = record or explain(net, x, [d], alpha)
    cross_entropy = worked.cross_entropy(record)  # binary: one sigmoid output, δ = ∂y′/∂W
    layers = layered(net)
    W, bias, K = layers.W, layers.bias, len(layers.W)
    computed = {}

    def take(terms: list, value: float) -> float:
        """The value the step computed, kept under its name; what goes on: the learner's, if given."""
        name = _name(terms)
        computed[name] = value
        if name in mine:
            return mine[name]
        return rounded(value, carry) if carry else value

    h_prime, h, into = [], [], list(x)
    for k in range(K - 1):
        sums = deep.weighted_sums(into, W[k], bias)
        h_prime.append([take([worked.h(record, k, j, True)], s) for j, s in enumerate(sums)])
        phi_k = layers.hidden_activations[k]  # Φ of this layer (one for every layer, or its own)
        into = [take([worked.h(record, k, j)], phi_k.phi(s)) for j, s in enumerate(h_prime[-1])]
        h.append(into)
    y_prime = deep.weighted_sums(into, W[-1], bias)[0]
    if layers.output_activation == "identity":
        y = take([worked.y(record, 0)], y_prime)
    else:
        y_prime = take([worked.y(record, 0, True)], y_prime)
        y = take([worked.y(record, 0)], layers.phi_out(y_prime))
    forward = DeepForward(list(x), h_prime, h, [y_prime], [y])
    out_slope = deep.output_error_terms(layers, forward, 0)
    if layers.output_activation != "identity":
        out_slope = [take(["Φ_out′", "(", worked.y(record, 0, True), ")"], out_slope[0])]
    if cross_entropy:
        if mistake == "squared_E":  # ½(d − y)², the lecture's E where cross-entropy's belongs
            take([Sym("E")], deep.unchecked_squared_error([d], [y]))
        else:  # E = −(d ln y + (1 − d) ln(1 − y)), from y, as the trace's line works it
            take([Sym("E")], _or_nan(binary_cross_entropy, d, y))
        # ∂E/∂y, and the chain rule ∂E/∂y′ = ∂E/∂y · Φ_out′(y′), by the trace's own function
        dE_dy = take([Slope(Sym("E"), worked.y(record, 0))],
                     _or_nan(lambda: cross_entropy_values(net, [d], [y], [out_slope])["dE_dy"][0]))
        take([Slope(Sym("E"), worked.y(record, 0, True))],
             _or_nan(lambda: cross_entropy_values(net, [d], [y], [out_slope], [dE_dy])["dE_dy_prime"][0]))
        if mistake != "phi_out_prime_kept":
            out_slope = [1.0]  # δ = ∂y′/∂W: Φ_out′ cancelled, ∂y′/∂y′ = 1
    else:
        E = deep.unchecked_squared_error([d], [y])
        take([Sym("E")], 2 * E if mistake == "no_half" else E)
    phi_prime = []
    for k in range(K - 1):
        row, phi_k = [], layers.hidden_activations[k]
        for j, (s, h_j) in enumerate(zip(h_prime[k], h[k])):
            if mistake == "phi_prime_at_h":
                slope = phi_k.phi_prime(h_j)  # Φ′(h_j): the slope at the wrong number
            elif phi_k.phi_prime_from_h is not None:
                slope = phi_k.phi_prime_from_h(h_j)
            else:
                slope = phi_k.phi_prime(s)
            row.append(take(["Φ′", "(", worked.h(record, k, j, True), ")"], slope))
        phi_prime.append(row)

    def deltas(chain_W: list) -> list:
        """δ of every layer by the chain rule through ``chain_W``, with the learner's error terms."""
        # error_terms_before finds Φ′ from its h through phi_prime_from_h: here it is handed Φ′ itself
        # (its Φ and Φ′ of h′ are never called)
        given = DeepNetwork(W, activation=Activation("Φ′ given", abs, abs, lambda v: v), bias=bias)
        terms = [out_slope]
        for k in range(K - 2, -1, -1):
            slopes = [1.0] * len(phi_prime[k]) if mistake == "no_phi_prime" else phi_prime[k]
            found = deep.error_terms_before(given, chain_W[k + 1], slopes, h_prime[k], terms[0])
            if not worked.is_lecture(record):  # ∂y/∂h′ᵏ: a value of the trace of a deep network
                found = [take([Slope(worked.of(record), worked.h(record, k, b, True))], term)
                         for b, term in enumerate(found)]
            terms.insert(0, found)
        return deep.dy_dW(layers, forward, terms)

    def step(dy_dW: list, names: bool = True) -> list:
        """δ, ΔW and the new weights from the learner's δ; returns the new weights."""
        if names:
            dy_dW = [[[take([worked.delta(record, k, a, b)], v) for b, v in enumerate(row)]
                      for a, row in enumerate(dy_dW[k])] for k in range(K)]
        d_, y_, a_ = ([y], [d], alpha) if mistake == "sign" else ([d], [y], alpha)
        delta_W = deep.changes([dy_dW], d_, y_, 1.0 if mistake == "no_alpha" else a_)
        delta_W = [[[take([worked.change(record, k, a, b)], v) for b, v in enumerate(row)]
                    for a, row in enumerate(delta_W[k])] for k in range(K)]
        after = layers.copy()
        deep.apply_changes(after, delta_W)
        for k in range(K):
            for a, row in enumerate(after.W[k]):
                for b, v in enumerate(row):
                    take([worked.W(record, k, a, b)], v)  # named "W¹_12 new" below
        return after.W

    W_new = step(deltas(W))
    if mistake == "new_weights":  # the chain rule of ΔW¹ taken through the weights after the step
        step(deltas(W_new))
    return {(name + " new" if name.startswith("W") else name): value for name, value in computed.items()}


def _or_nan(function, *arguments) -> float:
    """``function(*arguments)``, or NaN where the learner's numbers leave it undefined (a y of 0 or 1, or
    outside them, in ln y or in a quotient by y): then nothing follows from them."""
    try:
        return function(*arguments)
    except (ValueError, ZeroDivisionError):
        return math.nan


def swapped_names(values: list) -> dict:
    """Display name → the name with its two weight indices swapped: δ¹_12 ↔ δ¹_21, ΔW¹_12 ↔ ΔW¹_21,
    W¹_12 new ↔ W¹_21 new (where both are values of the step and the indices differ)."""
    names = {q.name for q in values}
    out = {}
    for name in names:
        head, underscore, rest = name.partition("_")
        indices, space, tail = rest.partition(" ")
        if underscore and len(indices) == 2 and indices[0] != indices[1] and head[-1] in "¹²³⁴⁵⁶⁷⁸⁹":
            other = f"{head}_{indices[::-1]}{space}{tail}"
            if other in names:
                out[name] = other
    return out
