"""The worked step as lines of math, the same for every output format and every network.

A record of :func:`backprop.trace.explain.explain` becomes a list of :class:`Section`,
in the lecture's order (feedforward, error, backpropagation, ΔW, update), each
a list of :class:`Line`. A line is a chain of equal expressions, such as

    h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6

held as parts — the symbol, its formula, the numbers put in, the value — made
of terms: a :class:`Sym` (a symbol of the lecture), a :class:`Num` (a number of
the record), a :class:`Slope` (∂y/∂W), a :class:`Written` activation (Φ written
out, such as 1/(1 + e^(−z))), :class:`Words` or an operator string from
:data:`OPERATORS`. Each format only decides how to write a term; this module
decides what is shown. Every value comes from the record: nothing here
computes the lecture's formulas.

The lecture's shape (one hidden layer, one output) is written with the
lecture's names: h_j, W²_j, δ²_j. Any other network names each layer: h¹_j,
h²_j, W³_21, and its outputs y_1, y_2, … when there are several.
"""

import itertools
from typing import Iterable, Iterator, NamedTuple, Union

from backprop.math.notation import layer

OPERATORS = ("+", "−", "·", "(", ")", ",", "½", "²", "Φ", "Φ′", "Φ_out", "Φ_out′", "←", "Σ_j",
             "minus", "/", "Σ_l")  # "minus": a sign, −(…), with no space after it
ANY_I, ANY_J = "i", "j"  # the indices of a general formula, such as δ¹_ij
BUILT_IN = ("sigmoid", "tanh", "relu", "identity")  # the activations written out


class Sym(NamedTuple):
    """A symbol of the lecture: ``Sym("W", (0, 2), layer=1)`` is W¹_13, ``Sym("h", (0,), prime=True)`` is h′_1,
    ``Sym("h", (1,), layer=2, prime=True)`` is h′²_2."""

    name: str  # x, h, y, d, E, α, W, δ, ΔW or z
    indices: tuple = ()  # zero-based ints, or letters such as "i", "j" in a general formula
    layer: int | None = None  # the 1 of W¹, δ¹, ΔW¹, h¹
    prime: bool = False  # the ′ of h′


class Num(NamedTuple):
    """A number of the record. Negative numbers put into a formula are shown in parentheses;
    the ``result`` of a line never is."""

    value: float
    result: bool = False


class Slope(NamedTuple):
    """A partial derivative ∂of/∂by."""

    of: Sym
    by: Sym


class Written(NamedTuple):
    """A built-in activation written out for the terms ``z``: sigmoid 1/(1 + e^(−z)),
    tanh (e^z − e^(−z))/(e^z + e^(−z)), relu max(0, z), identity z; and two functions of
    cross-entropy and softmax, exp e^z and ln ln(z)."""

    name: str
    z: list


class Words(NamedTuple):
    """A few plain words inside a formula, such as "if z > 0, else"."""

    text: str


Term = Union[Sym, Num, Slope, Written, Words, str]


class Line(NamedTuple):
    """``parts`` shown joined by "=", after the words of ``caption`` (either may be empty).

    A ``rule`` is a general formula of the lecture (with indices i, j), not a worked line.
    """

    parts: list
    caption: str = ""
    rule: bool = False

    @property
    def value(self) -> float:
        """The number this line works out: its last part."""
        return self.parts[-1][0].value


class Section(NamedTuple):
    """A titled list of lines."""

    title: str
    lines: list


def joined(terms_per_item: list, operator: str) -> list:
    """Join lists of terms with an operator.

    >>> joined([[Sym("x", (0,))], [Sym("x", (1,))]], "+")
    [Sym(name='x', indices=(0,), layer=None, prime=False), '+', Sym(name='x', indices=(1,), layer=None, prime=False)]
    """
    result: list = []
    for terms in terms_per_item:
        if result:
            result.append(operator)
        result.extend(terms)
    return result


# --- the names of a record's values --------------------------------------------------------------

def is_lecture(record: dict) -> bool:
    """Whether the network has the lecture's shape: one hidden layer and one output."""
    return len(record["layers"]) == 3 and record["layers"][-1] == 1


def n_layers(record: dict) -> int:
    """K, the number of weight matrices."""
    return len(record["W"])


def W(record: dict, k: int, a, b=0, name: str = "W") -> Sym:
    """Wᵏ⁺¹_ab, the name of ``W[k][a][b]`` (the lecture's W²_a for its output layer)."""
    if is_lecture(record) and k == 1:
        return Sym(name, (a,), k + 1)
    return Sym(name, (a, b), k + 1)


def delta(record: dict, k: int, a, b=0) -> Sym:
    """δᵏ⁺¹_ab = ∂y/∂Wᵏ⁺¹_ab."""
    return W(record, k, a, b, name="δ")


def change(record: dict, k: int, a, b=0) -> Sym:
    """ΔWᵏ⁺¹_ab."""
    return W(record, k, a, b, name="ΔW")


def h(record: dict, k: int, j, prime: bool = False) -> Sym:
    """h_j of hidden layer ``k`` (zero-based: 0 is h¹), or h′ with ``prime``."""
    return Sym("h", (j,), None if is_lecture(record) else k + 1, prime)


def y(record: dict, j, prime: bool = False) -> Sym:
    """Output j: y alone, as in the lecture, when it is the only one; y′ with ``prime``."""
    return Sym("y", () if record["layers"][-1] == 1 else (j,), prime=prime)


def cross_entropy(record: dict) -> bool:
    """Whether the step's loss is cross-entropy (its δ is ∂y′/∂W: Φ_out′ cancels, see :func:`loss_why`)."""
    return record.get("loss") == "cross_entropy"


def softmax_output(record: dict) -> bool:
    """Whether y = softmax(y′) (the library's: a person's own function is never named plain softmax)."""
    return record["output_activation"] == "softmax"


def of(record: dict, j=0) -> Sym:
    """What δ is the slope of: y_j in the lecture, y′_j with cross-entropy."""
    return y(record, j, prime=cross_entropy(record))


def d(record: dict, j) -> Sym:
    return Sym("d", () if record["layers"][-1] == 1 else (j,))


def into(record: dict, k: int, a: int) -> Sym:
    """What ``W[k][a][…]`` multiplies: x_a, or h_a of the layer before (the last ``a``: the bias 1)."""
    return Sym("x", (a,)) if k == 0 else h(record, k - 1, a)


def into_values(record: dict, k: int) -> list[float]:
    """The values ``W[k]`` multiplies: x or the hidden layer before, and the bias input 1 if any."""
    values = record["x"] if k == 0 else record["h"][k - 1]
    return values + [1.0] if record["bias"] else values


def sum_of(record: dict, k: int, j: int) -> Sym:
    """The sum that ``W[k][…][j]`` feeds: h′ᵏ⁺¹_j, or y′_j (y itself while the output is linear)."""
    if k < n_layers(record) - 1:
        return h(record, k, j, prime=True)
    return y(record, j, prime=not linear_output(record))


def linear_output(record: dict) -> bool:
    return record["output_activation"] == "identity"


def weight_indices(record: dict, k: int) -> list[tuple]:
    """The zero-based (a, b) of every weight of ``W[k]``, row by row.

    >>> weight_indices({"W": [[[0.5, -0.3], [0.2, 0.7]]]}, 0)
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    return [(a, b) for a, row in enumerate(record["W"][k]) for b in range(len(row))]


# --- the lines ------------------------------------------------------------------------------------

def weighted_sum_line(record: dict, k: int, j: int) -> Line:
    """h′_j = x_1·W¹_1j + x_2·W¹_2j = (numbers) = value, or the same for hᵏ or y."""
    values, W_k = into_values(record, k), record["W"][k]
    rows = range(len(values))
    if k < n_layers(record) - 1:
        value = record["h_prime"][k][j]
    else:
        value = record["y_prime"][j]
    return Line([
        [sum_of(record, k, j)],
        joined([[into(record, k, a), "·", W(record, k, a, j)] for a in rows], "+"),
        joined([[Num(values[a]), "·", Num(W_k[a][j])] for a in rows], "+"),
        [Num(value, result=True)],
    ])


def h_prime_line(record: dict, j: int, k: int = 0) -> Line:
    """h′_j = x_1·W¹_1j + x_2·W¹_2j = (numbers) = value.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> line = h_prime_line(explain(example.network(), example.x, example.d, example.alpha), 0)
    >>> line.parts[2], line.value        # 1·0.5 + 0.5·0.2 = 0.6
    ([Num(value=1.0, result=False), '·', Num(value=0.5, result=False), '+', Num(value=0.5, result=False), '·', Num(value=0.2, result=False)], 0.6)
    """
    return weighted_sum_line(record, k, j)


def _activated(name: str, phi: str, of: Sym, z: float, value: float, result: Sym) -> Line:
    """result = Φ(of) = Φ written out = with the number put in = value."""
    if name == "identity":  # Φ(z) = z: the number put in is the value
        put_in = [[of]]
    elif name in BUILT_IN:
        put_in = [[Written(name, [of])], [Written(name, [Num(z)])]]
    else:
        put_in = [[phi, "(", Num(z), ")"]]
    return Line([[result], [phi, "(", of, ")"], *put_in, [Num(value, result=True)]])


def activation_of(record: dict, k: int) -> str:
    """The name of Φ of hidden layer k + 1: the record's one name, or its k-th of one per hidden layer."""
    names = record["activation"]
    return names if isinstance(names, str) else names[k]


def h_line(record: dict, j: int, k: int = 0) -> Line:
    """h_j = Φ(h′_j) = Φ written out = with h′_j put in = value."""
    return _activated(activation_of(record, k), "Φ", h(record, k, j, prime=True), record["h_prime"][k][j],
                      record["h"][k][j], h(record, k, j))


def y_out_line(record: dict, j: int) -> Line:
    """y_j = Φ_out(y′_j) = …: the output activation (only when it is not the identity)."""
    return _activated(record["output_activation"], "Φ_out", y(record, j, prime=True), record["y_prime"][j],
                      record["y"][j], y(record, j))


def y_line(record: dict, j: int = 0) -> Line:
    """y = h_1·W²_1 + … = (numbers) = value (the output's weighted sum)."""
    return weighted_sum_line(record, n_layers(record) - 1, j)


def E_line(record: dict, after: bool = False) -> Line:
    """E = ½(d − y)² = ½(d − number)² = value; ``after`` the step, with the new y and E.
    With several outputs, E = ½((d_1 − y_1)² + (d_2 − y_2)² + …)."""
    ys, E = (record["y_new"], record["E_new"]) if after else (record["y"], record["E"])
    outputs = range(len(ys))
    if cross_entropy(record):
        return cross_entropy_line(record, ys, E)
    if len(ys) == 1:
        return Line([[Sym("E")], ["½", "(", Sym("d"), "−", Sym("y"), ")", "²"],
                     ["½", "(", Num(record["d"][0]), "−", Num(ys[0]), ")", "²"], [Num(E, result=True)]])
    return Line([
        [Sym("E")],
        ["½", "("] + joined([["(", d(record, j), "−", y(record, j), ")", "²"] for j in outputs], "+") + [")"],
        ["½", "("] + joined([["(", Num(record["d"][j]), "−", Num(ys[j]), ")", "²"] for j in outputs], "+")
        + [")"],
        [Num(E, result=True)],
    ])


# --- cross-entropy: E, softmax, and why Φ_out′ cancels ------------------------------------------

def softmax_rule() -> Line:
    """Φ_out = softmax: y_j = e^(y′_j) / Σ_l e^(y′_l), a rule of the Given block."""
    return Line([[Sym("y", (ANY_J,))], [Written("exp", [Sym("y", (ANY_J,), prime=True)]), "/", "Σ_l",
                                        Written("exp", [Sym("y", ("l",), prime=True)])]],
                caption="Φ_out = softmax, of all the outputs together:", rule=True)


def softmax_line(record: dict, j: int) -> Line:
    """y_j = e^(y′_j)/(e^(y′_1) + e^(y′_2) + …) = numbers = value."""
    outputs = range(record["layers"][-1])
    y_prime = record["y_prime"]
    return Line([
        [y(record, j)],
        [Written("exp", [y(record, j, prime=True)]), "/", "("]
        + joined([[Written("exp", [y(record, l, prime=True)])] for l in outputs], "+") + [")"],
        [Written("exp", [Num(y_prime[j])]), "/", "("] + joined([[Written("exp", [Num(y_prime[l])])] for l in outputs],
                                                              "+") + [")"],
        [Num(record["y"][j], result=True)],
    ])


def cross_entropy_formula(record: dict, ds: list, ys: list) -> list:
    """−(d·ln(y) + (1 − d)·ln(1 − y)) for one output, −(d_1·ln(y_1) + d_2·ln(y_2) + …) for several,
    of the terms ``ds`` and ``ys`` (symbols or numbers)."""
    if len(ys) == 1:
        return ["minus", "(", ds[0], "·", Written("ln", [ys[0]]), "+", "(", Num(1.0), "−", ds[0], ")", "·",
                Written("ln", [Num(1.0), "−", ys[0]]), ")"]
    return ["minus", "("] + joined([[d_j, "·", Written("ln", [y_j])] for d_j, y_j in zip(ds, ys)], "+") + [")"]


def cross_entropy_line(record: dict, ys: list, E: float) -> Line:
    """E = −(d ln y + (1 − d) ln(1 − y)) = numbers = value, or −Σ_j d_j ln y_j for softmax's outputs."""
    outputs = range(len(ys))
    return Line([
        [Sym("E")],
        cross_entropy_formula(record, [d(record, j) for j in outputs], [y(record, j) for j in outputs]),
        cross_entropy_formula(record, [Num(record["d"][j]) for j in outputs], [Num(y_j) for y_j in ys]),
        [Num(E, result=True)],
    ])


def loss_lines(record: dict) -> list[Line]:
    """For cross-entropy, how E is computed without ln 0, and why ∂E/∂y′_j = −(d_j − y_j): the slope of
    the loss times the slope of the output activation, worked with the record's numbers; nothing for
    the lecture's squared error."""
    if not cross_entropy(record):
        return []
    return _softmax_why(record) if softmax_output(record) else _sigmoid_why(record)


def _stable_line(record: dict) -> Line:
    """E from y′, as the library computes it: ln(1 + e^(y′)) − d·y′, or −Σ_j d_j·(y′_j − ln Σ_l e^(y′_l))."""
    yp, dd = record["y_prime"], record["d"]
    outputs = range(len(yp))
    if len(yp) == 1:
        parts = [[Written("ln", [Num(1.0), "+", Written("exp", [of(record)])]), "−", d(record, 0), "·", of(record)],
                 [Written("ln", [Num(1.0), "+", Written("exp", [Num(yp[0])])]), "−", Num(dd[0]), "·", Num(yp[0])]]
    else:
        # −Σ_j d_j·(y′_j − ln Σ_l e^(y′_l)) = ln Σ_l e^(y′_l) − Σ_j d_j·y′_j, since Σ_j d_j = 1
        parts = [[Written("ln", joined([[Written("exp", [y(record, l, prime=True)])] for l in outputs], "+")), "−",
                  "("] + joined([[d(record, j), "·", y(record, j, prime=True)] for j in outputs], "+") + [")"],
                 [Written("ln", joined([[Written("exp", [Num(yp[l])])] for l in outputs], "+")), "−",
                  "("] + joined([[Num(dd[j]), "·", Num(yp[j])] for j in outputs], "+") + [")"]]
    how = ("ln(1 + e^(y′)) never rounds to ln 0" if len(yp) == 1 else
           "log-sum-exp: ln y_j = y′_j − ln Σ_l e^(y′_l), and Σ_j d_j = 1")
    # a pencil's record works this E again from its rounded y′ (E_from_y_prime); the library's is the one E
    return Line([[Sym("E")], *parts, [Num(record.get("E_from_y_prime", record["E"]), result=True)]],
                caption=f"the same E, as the library computes it from y′ ({how}):")


def _slope_closing(record: dict) -> list[Line]:
    """The two closing lines: which δ the step uses, and which δ the textbooks mean."""
    one = record["layers"][-1] == 1
    y_prime, y_any = (Sym("y", prime=True), Sym("y")) if one else (Sym("y", (ANY_J,), prime=True), Sym("y", (ANY_J,)))
    d_any = Sym("d") if one else Sym("d", (ANY_J,))
    step = ([Sym("α"), "(", d_any, "−", y_any, ")", "·", Sym("δ")] if one else
            [Sym("α"), "(", "Σ_j", "(", d_any, "−", y_any, ")", "·", Slope(y_prime, Sym("W")), ")"])
    return [
        Line([[Sym("ΔW")], [Sym("α"), "·", "(", "minus", Slope(Sym("E"), Sym("W")), ")"], step],
             caption="so Φ_out′ is in no δ below: the step is the lecture's, with δ = ∂y′/∂W (y′ in place of y):",
             rule=True),
        Line([[Slope(Sym("E"), y_prime)], ["minus", "(", d_any, "−", y_any, ")"]],
             caption="the textbooks' δ of the output (Nielsen, CS231n: δ = ∂E/∂y′, the error at the output's sum) "
                     "is this slope; the lecture's δ, used here, is ∂y′/∂W:", rule=True),
    ]


def _sigmoid_why(record: dict) -> list[Line]:
    """Sigmoid with binary cross-entropy: ∂E/∂y · Φ_out′(y′) = −(d − y)."""
    dd, yy, o = record["d"][0], record["y"][0], Sym("y")
    one = Num(1.0)
    dE_dy = ["minus", "(", Sym("d"), "/", o, "−", "(", one, "−", Sym("d"), ")", "/", "(", one, "−", o, ")", ")"]
    return [
        _stable_line(record),
        Line([[Slope(Sym("E"), Sym("y", prime=True))], [Slope(Sym("E"), o), "·", "Φ_out′", "(", Sym("y", prime=True), ")"],
              dE_dy + ["·", o, "·", "(", one, "−", o, ")"],
              ["minus", "(", Sym("d"), "·", "(", one, "−", o, ")", "−", "(", one, "−", Sym("d"), ")", "·", o, ")"],
              ["minus", "(", Sym("d"), "−", o, ")"]],
             caption="why Φ_out′ cancels (sigmoid with binary cross-entropy):", rule=True),
        Line([[Slope(Sym("E"), o)], dE_dy,
              ["minus", "(", Num(dd), "/", Num(yy), "−", "(", one, "−", Num(dd), ")", "/", "(", one, "−", Num(yy), ")",
               ")"],
              [Num(record["dE_dy"][0], result=True)]]),
        phi_out_prime_line(record, 0),
        Line([[Slope(Sym("E"), Sym("y", prime=True))], [Slope(Sym("E"), o), "·", "Φ_out′", "(", Sym("y", prime=True), ")"],
              [Num(record["dE_dy"][0]), "·", Num(record["phi_out_prime"][0])],
              [Num(record["dE_dy_prime"][0], result=True)]]),
        Line([[Slope(Sym("E"), Sym("y", prime=True))], ["minus", "(", Sym("d"), "−", o, ")"],
              ["minus", "(", Num(dd), "−", Num(yy), ")"], [Num(-(dd - yy), result=True)]],
             caption="the same, as the step takes it:"),
        *_slope_closing(record),
    ]


def _softmax_why(record: dict) -> list[Line]:
    """Softmax with cross-entropy: Σ_l ∂E/∂y_l · ∂y_l/∂y′_j = −(d_j − y_j), since Σ_l d_l = 1."""
    outputs = range(record["layers"][-1])
    dd, yy, J = record["d"], record["y"], record["dy_dy_prime"]
    l_, j_ = Sym("y", ("l",)), Sym("y", (ANY_J,))
    yp_j = Sym("y", (ANY_J,), prime=True)
    lines = [
        _stable_line(record),
        Line([[Slope(l_, yp_j)], [l_, "·", "(", Words("[l = j]"), "−", j_, ")"]],
             caption="softmax's slope is a matrix, not one Φ_out′ per output ([l = j] is 1 if l = j, else 0):",
             rule=True),
        Line([[Slope(Sym("E"), yp_j)], ["Σ_l", Slope(Sym("E"), l_), "·", Slope(l_, yp_j)],
              ["Σ_l", "(", "minus", Sym("d", ("l",)), "/", l_, ")", "·", l_, "·", "(", Words("[l = j]"), "−", j_, ")"],
              ["minus", "(", Sym("d", (ANY_J,)), "−", j_, "·", "Σ_l", Sym("d", ("l",)), ")"],
              ["minus", "(", Sym("d", (ANY_J,)), "−", j_, ")"]],
             caption="why it cancels (softmax with cross-entropy; the targets add up to 1, Σ_l d_l = 1):", rule=True),
    ]
    lines += [Line([[Slope(Sym("E"), y(record, l))], ["minus", d(record, l), "/", y(record, l)],
                    ["minus", Num(dd[l]), "/", Num(yy[l])], [Num(record["dE_dy"][l], result=True)]]) for l in outputs]
    for j in outputs:
        lines.append(Line([
            [Slope(Sym("E"), y(record, j, prime=True))],
            joined([[Slope(Sym("E"), y(record, l)), "·", Slope(y(record, l), y(record, j, prime=True))]
                    for l in outputs], "+"),
            joined([[Num(record["dE_dy"][l]), "·", Num(J[l][j])] for l in outputs], "+"),
            [Num(record["dE_dy_prime"][j], result=True)],
        ]))
        lines.append(Line([[Slope(Sym("E"), y(record, j, prime=True))], ["minus", "(", d(record, j), "−", y(record, j), ")"],
                           ["minus", "(", Num(dd[j]), "−", Num(yy[j]), ")"], [Num(-(dd[j] - yy[j]), result=True)]],
                          caption="the same, as the step takes it:"))
    return lines + _slope_closing(record)


def _prime_line(name: str, phi_prime: str, of: Sym, z: float, through: Sym, value_through: float,
                value: float) -> Line:
    """Φ′(z) = Φ′ written out (through Φ(z) for the sigmoid and tanh) = numbers = value."""
    one, h_value = Num(1.0), Num(value_through)
    written = {
        "sigmoid": [[through, "·", "(", one, "−", through, ")"], [h_value, "·", "(", one, "−", h_value, ")"]],
        "tanh": [[one, "−", through, "²"], [one, "−", h_value, "²"]],
        "identity": [],
    }
    put_in = written.get(name, [[phi_prime, "(", Num(z), ")"]])
    return Line([[phi_prime, "(", of, ")"], *put_in, [Num(value, result=True)]])


def phi_prime_line(record: dict, j: int, k: int = 0) -> Line:
    """Φ′(h′_j) = Φ′(number) = value; for the sigmoid and tanh, through h_j:

    sigmoid: Φ′(h′_j) = h_j·(1 − h_j)          tanh: Φ′(h′_j) = 1 − h_j²
    """
    return _prime_line(activation_of(record, k), "Φ′", h(record, k, j, prime=True), record["h_prime"][k][j],
                       h(record, k, j), record["h"][k][j], record["phi_prime"][k][j])


def phi_out_prime_line(record: dict, j: int) -> Line:
    """Φ_out′(y′_j) = … = value, through y_j."""
    return _prime_line(record["output_activation"], "Φ_out′", y(record, j, prime=True), record["y_prime"][j],
                       y(record, j), record["y"][j], record["phi_out_prime"][j])


def _out_factor(record: dict, j: int, numbers: bool) -> list:
    """·Φ_out′(y′_j), the output activation's factor of the chain rule; nothing while it is linear,
    nor with cross-entropy (δ = ∂y′/∂W)."""
    if linear_output(record) or cross_entropy(record):
        return []
    if numbers:
        return ["·", Num(record["phi_out_prime"][j])]
    return ["·", "Φ_out′", "(", y(record, j, prime=True), ")"]


def delta_W2_line(record: dict, j: int) -> Line:
    """δ²_j = ∂y/∂W²_j = h_j = value (the lecture's output layer)."""
    factor, numbers = _out_factor(record, 0, False), _out_factor(record, 0, True)
    value = Num(record["dy_dW"][0][1][j][0], result=True)
    put_in = [[Num(into_values(record, 1)[j])] + numbers] if factor else []
    return Line([[delta(record, 1, j)], [Slope(of(record), W(record, 1, j))], [h(record, 0, j)] + factor, *put_in,
                 [value]])


def delta_W1_line(record: dict, i: int, j: int) -> Line:
    """δ¹_ij = ∂y/∂W¹_ij = W²_j·Φ′(h′_j)·x_i = (numbers) = value: the chain rule's three factors."""
    return Line([
        [delta(record, 0, i, j)],
        [Slope(of(record), W(record, 0, i, j))],
        [W(record, 1, j), "·", "Φ′", "(", h(record, 0, j, prime=True), ")", "·", Sym("x", (i,))]
        + _out_factor(record, 0, False),
        [Num(record["W"][1][j][0]), "·", Num(record["phi_prime"][0][j]), "·", Num(into_values(record, 0)[i])]
        + _out_factor(record, 0, True),
        [Num(record["dy_dW"][0][0][i][j], result=True)],
    ])


def _named_slope(record: dict, o: int, k: int, a: int, b: int) -> list:
    """δᵏ_ab = ∂y/∂Wᵏ_ab with one output; ∂y_o/∂Wᵏ_ab alone with several (δ would not say which y)."""
    slope = [[Slope(of(record, o), W(record, k, a, b))]]
    return ([[delta(record, k, a, b)]] if record["layers"][-1] == 1 else []) + slope


def output_delta_line(record: dict, o: int, a: int) -> Line:
    """δᴷ_ao = ∂y_o/∂Wᴷ_ao = hᴷ⁻¹_a (·Φ_out′(y′_o)) = value: a weight into the output."""
    K = n_layers(record)
    values = into_values(record, K - 1)
    factor = _out_factor(record, o, False)
    put_in = [[Num(values[a])] + _out_factor(record, o, True)] if factor else []
    return Line([*_named_slope(record, o, K - 1, a, o), [into(record, K - 1, a)] + factor, *put_in,
                 [Num(record["dy_dW"][o][K - 1][a][o], result=True)]])


def error_term_line(record: dict, o: int, k: int, b: int) -> Line:
    """∂y_o/∂h′ᵏ_b = Φ′(h′ᵏ_b)·(Σ_c Wᵏ⁺¹_bc·∂y_o/∂h′ᵏ⁺¹_c) = numbers = value; at the last hidden layer
    the sum has the one weight into y_o: Φ′(h′_b)·Wᴷ_bo (·Φ_out′(y′_o))."""
    K, value = n_layers(record), record["dy_dh_prime"][o][k][b]
    phi = ["Φ′", "(", h(record, k, b, prime=True), ")", "·"]
    phi_value = [Num(record["phi_prime"][k][b]), "·"]
    if k == K - 2:
        formula = phi + [W(record, k + 1, b, o)] + _out_factor(record, o, False)
        numbers = phi_value + [Num(record["W"][k + 1][b][o])] + _out_factor(record, o, True)
    else:
        after = range(record["layers"][k + 2])
        formula = phi + ["("] + joined([[W(record, k + 1, b, c), "·", Slope(of(record, o), h(record, k + 1, c, True))]
                                        for c in after], "+") + [")"]
        numbers = phi_value + ["("] + joined([[Num(record["W"][k + 1][b][c]), "·",
                                               Num(record["dy_dh_prime"][o][k + 1][c])] for c in after], "+") + [")"]
    return Line([[Slope(of(record, o), h(record, k, b, prime=True))], formula, numbers, [Num(value, result=True)]])


def hidden_delta_line(record: dict, o: int, k: int, a: int, b: int) -> Line:
    """δᵏ_ab = ∂y/∂Wᵏ_ab for a weight into hidden layer k: one term per path through the next layer.

    δ¹_11 = ∂y/∂W¹_11 = x_1·Φ′(h′¹_1)·W²_11·∂y/∂h′²_1 + x_1·Φ′(h′¹_1)·W²_12·∂y/∂h′²_2
          = 1·0.235·0.8·0.1593 + 1·0.235·(−0.6)·0.125 = 0.02995 + (−0.01762) = 0.01232
    """
    K = n_layers(record)
    start = [into(record, k, a), "·", "Φ′", "(", h(record, k, b, prime=True), ")", "·"]
    start_value = [Num(into_values(record, k)[a]), "·", Num(record["phi_prime"][k][b]), "·"]
    terms = record["dy_dW_terms"][o][k][a][b]
    value = [Num(record["dy_dW"][o][k][a][b], result=True)]
    if k == K - 2:  # the last hidden layer: one path, through the weight into y_o
        formula = start + [W(record, k + 1, b, o)] + _out_factor(record, o, False)
        numbers = start_value + [Num(record["W"][k + 1][b][o])] + _out_factor(record, o, True)
        return Line([*_named_slope(record, o, k, a, b), formula, numbers, value])
    after = range(record["layers"][k + 2])
    formula = joined([start + [W(record, k + 1, b, c), "·", Slope(of(record, o), h(record, k + 1, c, True))]
                      for c in after], "+")
    numbers = joined([start_value + [Num(record["W"][k + 1][b][c]), "·", Num(record["dy_dh_prime"][o][k + 1][c])]
                      for c in after], "+")
    path_values = [joined([[Num(term)] for term in terms], "+")] if len(terms) > 1 else []
    return Line([*_named_slope(record, o, k, a, b), formula, numbers, *path_values, value])


def change_line(record: dict, k: int, a: int, b: int = 0) -> Line:
    """ΔW = α(d − y)·δ = (numbers) = value, for one weight; with several outputs
    ΔW = α((d_1 − y_1)·∂y_1/∂W + …)."""
    outputs = range(record["layers"][-1])
    value = [Num(record["delta_W"][k][a][b], result=True)]
    if len(outputs) == 1:
        return Line([
            [change(record, k, a, b)],
            [Sym("α"), "(", Sym("d"), "−", Sym("y"), ")", "·", delta(record, k, a, b)],
            [Num(record["alpha"]), "·", "(", Num(record["d"][0]), "−", Num(record["y"][0]), ")", "·",
             Num(record["dy_dW"][0][k][a][b])],
            value,
        ])
    return Line([
        [change(record, k, a, b)],
        [Sym("α"), "("] + joined([["(", d(record, j), "−", y(record, j), ")", "·",
                                    Slope(of(record, j), W(record, k, a, b))] for j in outputs], "+") + [")"],
        [Num(record["alpha"]), "·", "("] + joined([["(", Num(record["d"][j]), "−", Num(record["y"][j]), ")", "·",
                                                    Num(record["dy_dW"][j][k][a][b])] for j in outputs], "+") + [")"],
        value,
    ])


def velocity_line(record: dict, k: int, a: int, b: int = 0) -> Line:
    """v ← μ·v + ΔW = μ·number + number = value, for one weight (a step with momentum)."""
    v = W(record, k, a, b, name="v")
    return Line([
        [v, "←", Sym("μ"), "·", v, "+", change(record, k, a, b)],
        [Num(record["momentum"]), "·", Num(record["velocity"][k][a][b]), "+", Num(record["delta_W"][k][a][b])],
        [Num(record["velocity_new"][k][a][b], result=True)],
    ])


def update_line(record: dict, k: int, a: int, b: int = 0) -> Line:
    """W ← W + ΔW = number + number = value, for one weight (W ← W + v with momentum)."""
    if "momentum" in record:
        return Line([
            [W(record, k, a, b), "←", W(record, k, a, b), "+", W(record, k, a, b, name="v")],
            [Num(record["W"][k][a][b]), "+", Num(record["velocity_new"][k][a][b])],
            [Num(record["W_new"][k][a][b], result=True)],
        ])
    return Line([
        [W(record, k, a, b), "←", W(record, k, a, b), "+", change(record, k, a, b)],
        [Num(record["W"][k][a][b]), "+", Num(record["delta_W"][k][a][b])],
        [Num(record["W_new"][k][a][b], result=True)],
    ])


def error_line(record: dict, j: int) -> Line:
    """d_j − y_j = numbers = value: the error of output j, the factor every ΔW = α(d − y)·δ shares.

    The one value here not read from the record: the same subtraction the step itself makes.
    """
    return Line([[d(record, j), "−", y(record, j)], [Num(record["d"][j]), "−", Num(record["y"][j])],
                 [Num(record["d"][j] - record["y"][j], result=True)]])


def delta_lines(record: dict, k: int, a: int, b: int = 0) -> list[Line]:
    """The lines of δ = ∂y/∂W of ``W[k][a][b]`` as the backpropagation section writes them: one, or
    one per output the weight reaches (a weight into the output layer reaches only its own output)."""
    if is_lecture(record):
        return [delta_W2_line(record, a) if k == 1 else delta_W1_line(record, a, b)]
    if k == n_layers(record) - 1:
        return [output_delta_line(record, b, a)]
    return [hidden_delta_line(record, o, k, a, b) for o in range(record["layers"][-1])]


def neuron_error_lines(record: dict, k: int, b: int) -> list[Line]:
    """The error terms ∂y_o/∂h′ᵏ_b of hidden neuron b of hidden layer k (zero-based), one per output,
    after Φ′(h′ᵏ_b) that they are made of."""
    return [phi_prime_line(record, b, k)] + [error_term_line(record, o, k, b) for o in range(record["layers"][-1])]


def weights_lines(record: dict, k: int, row: int | None = None) -> list[Line]:
    """(W¹_11, W¹_12, W¹_13) = (0.5, −0.3, 0.8): one row of a layer (all of the lecture's W²),
    :data:`PER_LINE` weights to a line."""
    indices = [ab for ab in weight_indices(record, k) if row is None or ab[0] == row]
    return [weights_line(record, k, indices[start:start + PER_LINE]) for start in range(0, len(indices), PER_LINE)]


PER_LINE = 6  # weights in one line of the Given block


def weights_line(record: dict, k: int, indices: list) -> Line:
    """(W¹_11, W¹_12, W¹_13) = (0.5, −0.3, 0.8): the weights of ``W[k]`` at ``indices``."""
    return Line([
        ["("] + joined([[W(record, k, *ab)] for ab in indices], ",") + [")"],
        ["("] + joined([[Num(record["W"][k][a][b], result=True)] for a, b in indices], ",") + [")"],
    ])


class WeightRow(NamedTuple):
    """One weight's story in a table: W, ∂y/∂W (one per output), ΔW and the new W."""

    symbol: Sym
    W: float
    slopes: tuple
    delta_W: float
    W_new: float


def weight_rows(record: dict, k: int) -> list[WeightRow]:
    """A :class:`WeightRow` for every weight of ``W[k]``."""
    return [
        WeightRow(W(record, k, a, b), record["W"][k][a][b],
                  tuple(dy_dW[k][a][b] for dy_dW in record["dy_dW"]),
                  record["delta_W"][k][a][b], record["W_new"][k][a][b])
        for a, b in weight_indices(record, k)
    ]


def activation_lines(name: str, phi: str, phi_prime: str, where: str = "") -> list[Line]:
    """Φ(z) and Φ′(z) written out, as rules of the Given block; ``where`` names the layers they are
    Φ of (" in hidden layer 2, h²"), where each hidden layer has its own."""
    z = Sym("z")
    if name not in BUILT_IN:
        return [Line([[phi, "(", z, ")"], [Words(f"{name} (a function of your own{where})")]], rule=True)]
    prime = {
        "sigmoid": [phi, "(", z, ")", "·", "(", Num(1.0), "−", phi, "(", z, ")", ")"],
        "tanh": [Num(1.0), "−", phi, "(", z, ")", "²"],
        "relu": [Words("1 if z > 0, else 0")],
        "identity": [Num(1.0)],
    }[name]
    return [Line([[phi, "(", z, ")"], [Written(name, [z])]], caption=f"{phi}{where} = {name}:", rule=True),
            Line([[phi_prime, "(", z, ")"], prime], rule=True)]


def given(record: dict) -> Section:
    """The sample, the learning rate, the activations and the weights before the step."""
    return Section("Given", list(_given_lines(record)))


def _given_lines(record: dict) -> Iterator[Line]:
    """The lines of :func:`given`, the weights' (a line for each row of a layer's W, or six of its
    weights) made as they are read."""
    x, outputs = record["x"], record["layers"][-1]
    yield from [
        Line([[Sym("x")], ["("] + joined([[Num(x_i, result=True)] for x_i in x], ",") + [")"]]),
        *[Line([[d(record, j)], [Num(record["d"][j], result=True)]]) for j in range(outputs)],
        Line([[Sym("α")], [Num(record["alpha"], result=True)]]),
    ]
    if isinstance(record["activation"], str):
        yield from activation_lines(record["activation"], "Φ", "Φ′")
    else:  # one Φ per hidden layer, each named with its layer
        yield from (line for k, name in enumerate(record["activation"])
                    for line in activation_lines(name, "Φ", "Φ′", f" of hidden layer {k + 1} ({layer('h', k)})"))
    if softmax_output(record):
        yield softmax_rule()
    elif not linear_output(record):
        yield from activation_lines(record["output_activation"], "Φ_out", "Φ_out′")
    if cross_entropy(record):
        yield Line([[Sym("E")], cross_entropy_formula(record, [d(record, j) for j in range(outputs)],
                                                      [y(record, j) for j in range(outputs)])],
                   caption="E = cross-entropy:", rule=True)
    for k in range(n_layers(record)):
        if is_lecture(record) and k == 1:
            yield from weights_lines(record, k)
        else:
            yield from (line for a in range(len(record["W"][k])) for line in weights_lines(record, k, a))
    if record["bias"]:
        n = record["layers"][0]
        yield Line([[Sym("x", (n,))], [Num(1.0, result=True)]],
                   caption="bias: a constant input; its weights (the last row of W¹) are the first layer's biases:")
        for k, m in enumerate(record["layers"][1:-1]):
            yield Line([[h(record, k, m)], [Num(1.0, result=True)]],
                       caption=f"bias: a constant {'hidden value' if is_lecture(record) else 'value'}; "
                               f"its weights (the last row of W{_sup(k + 2)}) are the next layer's biases:")


def _sup(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def feedforward(record: dict) -> Section:
    lines = []
    for k, size in enumerate(record["layers"][1:-1]):
        lines += [h_prime_line(record, j, k) for j in range(size)]
        lines += [h_line(record, j, k) for j in range(size)]
    outputs = range(record["layers"][-1])
    lines += [y_line(record, j) for j in outputs]
    if softmax_output(record):
        lines += [softmax_line(record, j) for j in outputs]
    elif not linear_output(record):
        lines += [y_out_line(record, j) for j in outputs]
    return Section("1. Feedforward", lines)


def _lecture_backpropagation(record: dict) -> Iterator[Line]:
    """The lecture's two layers: δ²_j = h_j, then δ¹_ij = W²_j·Φ′(h′_j)·x_i, a line at a time."""
    i, j = ANY_I, ANY_J
    n_in, m = len(record["W"][0]), record["layers"][1]
    out = ([[], []] if linear_output(record) or cross_entropy(record)
           else [["·", "Φ_out′", "(", Sym("y", prime=True), ")"]] * 2)
    y_or = of(record)  # y, or y′ with cross-entropy
    yield from [
        Line([[delta(record, 1, j)], [Slope(y_or, W(record, 1, j))], [h(record, 0, j)] + out[0]],
             caption="output layer:", rule=True),
        *([] if linear_output(record) or cross_entropy(record) else [phi_out_prime_line(record, 0)]),
        *[delta_W2_line(record, j) for j in range(len(record["W"][1]))],
        Line([[delta(record, 0, i, j)], [Slope(y_or, W(record, 0, i, j))],
              ["(", Slope(y_or, h(record, 0, j)), ")", "·",
               "(", Slope(h(record, 0, j), h(record, 0, j, prime=True)), ")", "·",
               "(", Slope(h(record, 0, j, prime=True), W(record, 0, i, j)), ")"],
              [W(record, 1, j), "·", "Φ′", "(", h(record, 0, j, prime=True), ")", "·", Sym("x", (i,))] + out[1]],
             caption="hidden layer, by the chain rule:", rule=True),
        *[phi_prime_line(record, j) for j in range(m)],
    ]
    yield from (delta_W1_line(record, i, j) for i in range(n_in) for j in range(m))  # n·m lines


def _deep_backpropagation(record: dict) -> Iterator[Line]:
    """Every layer from the output back: each layer's error terms from the next one's, a line at a time."""
    K, sizes = n_layers(record), record["layers"]
    i, j, k = ANY_I, ANY_J, "k"
    y_or = Sym("y", prime=cross_entropy(record))  # y, or y′ with cross-entropy
    yield from [
        Line([[Sym("δ", (i, j), k)], [Slope(y_or, Sym("W", (i, j), k))],
              [Sym("h", (i,), "k−1"), "·", Slope(y_or, Sym("h", (j,), k, prime=True))]],
             caption="every layer k, with h⁰ = x:", rule=True),
        Line([[Slope(y_or, Sym("h", (i,), k, prime=True))],
              ["Φ′", "(", Sym("h", (i,), k, prime=True), ")", "·", "Σ_j", Sym("W", (i, j), "k+1"), "·",
               Slope(y_or, Sym("h", (j,), "k+1", prime=True))]],
             caption="the error term of hidden layer k, one term per path through layer k+1:", rule=True),
    ]
    for k in range(K - 1):
        yield from (phi_prime_line(record, b, k) for b in range(sizes[k + 1]))
    outputs = range(sizes[-1])
    for o in outputs:
        caption = f"the paths to y{'′' * cross_entropy(record)}_{o + 1}:" if len(outputs) > 1 else ""
        lines = _output_paths(record, o)
        first = next(lines)
        yield first._replace(caption=caption) if caption else first
        yield from lines


def _output_paths(record: dict, o: int) -> Iterator[Line]:
    """The lines of the paths to output o: its δ of the last layer, then each hidden layer's error
    terms and δ, from the last back to the first."""
    K, sizes = n_layers(record), record["layers"]
    if not linear_output(record) and not cross_entropy(record):
        yield phi_out_prime_line(record, o)
    yield from (output_delta_line(record, o, a) for a in range(len(record["W"][K - 1])))
    for k in reversed(range(K - 1)):  # the hidden layers, from the last back to the first
        if k < K - 2:  # its weights' paths run through the error terms of layer k+1
            yield from (error_term_line(record, o, k + 1, c) for c in range(sizes[k + 2]))
        yield from (hidden_delta_line(record, o, k, a, b) for a, b in weight_indices(record, k))


BACKPROPAGATION = "3. Backpropagation: the gradient, by the chain rule"


def backpropagation(record: dict) -> Section:
    return Section(BACKPROPAGATION, list(_backpropagation_lines(record)))


def _backpropagation_lines(record: dict) -> Iterator[Line]:
    return _lecture_backpropagation(record) if is_lecture(record) else _deep_backpropagation(record)


def momentum_lines(record: dict) -> list[Line]:
    """With momentum, the velocities: v ← μ·v + ΔW for every weight (v before: the step before's)."""
    if "momentum" not in record:
        return []
    return [Line([[Sym("v"), "←", Sym("μ"), "·", Sym("v"), "+", Sym("ΔW")]], rule=True,
                 caption=f"with momentum μ = {record['momentum']:g}, the velocity of every weight (v before: "
                         "the change of the step before):"),
            *[velocity_line(record, k, *ab) for k in reversed(range(n_layers(record)))
              for ab in weight_indices(record, k)]]


def sections(record: dict) -> list[Section]:
    """The whole step, in the lecture's order.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> [section.title for section in sections(explain(example.network(), [1.0, 0.5], 1.0, 0.5))]
    ['Given', '1. Feedforward', '2. Error', '3. Backpropagation: the gradient, by the chain rule', '4. The weight changes', '5. The update']
    """
    return [Section(title, list(lines)) for title, lines in lazy_sections(record)]


def lazy_sections(record: dict) -> Iterator[tuple[str, Iterable[Line]]]:
    """The sections of :func:`sections` as ``(title, lines)``, the lines of the given weights,
    backpropagation, the weight changes and the update (a line or more per weight) each made only
    when it is read.

    A format that writes each line as it comes (text, Markdown) so holds one of them at a time:
    for a 1-99-99-1 network (9,999 weights) some 40,000 lines, which whole took 66 MB.
    """
    K, outputs = n_layers(record), record["layers"][-1]
    step = ([Sym("α"), "(", Sym("d"), "−", Sym("y"), ")", "·", Sym("δ")] if outputs == 1 else
            [Sym("α"), "(", "Σ_j", "(", Sym("d", (ANY_J,)), "−", Sym("y", (ANY_J,)), ")", "·",
             Slope(Sym("y", (ANY_J,), prime=cross_entropy(record)), Sym("W")), ")"])
    yield "Given", _given_lines(record)
    yield "1. Feedforward", feedforward(record).lines
    yield "2. Error", [E_line(record), *loss_lines(record)]
    yield BACKPROPAGATION, _backpropagation_lines(record)
    yield "4. The weight changes", itertools.chain(
        [Line([[Sym("ΔW")], step], caption="for every weight:", rule=True)],
        (change_line(record, k, *ab) for k in reversed(range(K)) for ab in weight_indices(record, k)),
        momentum_lines(record))
    yield "5. The update", itertools.chain(
        [Line([[Sym("W"), "←", Sym("W"), "+", Sym("v" if "momentum" in record else "ΔW")]],
              caption="each change was computed from the weights before the step:", rule=True)],
        (update_line(record, k, *ab) for k in range(K) for ab in weight_indices(record, k)),
        [*[Line([[y(record, j)], [Num(record["y_new"][j], result=True)]],
                caption="the same sample after the step:" if j == 0 else "") for j in range(outputs)],
         E_line(record, after=True),
         Line([[Num(record["E"]), "−", Num(record["E_new"])], [Num(record["E"] - record["E_new"], result=True)]],
              caption="how much E fell:")])


def describe(record: dict) -> str:
    """One sentence on the network and the step, in plain words (every format can show it)."""
    sizes = record["layers"]
    bias = ", with bias inputs" if record["bias"] else ""
    out = "" if linear_output(record) else f" and {record['output_activation']} on the output"
    if cross_entropy(record):
        out += (f"; the loss is {'categorical' if softmax_output(record) else 'binary'} cross-entropy, "
                "and δ = ∂y′/∂W (see 2. Error)")
    if is_lecture(record):
        return (f"One step of backpropagation on the lecture's network: {_many(sizes[0], 'input')}, "
                f"{_many(sizes[1], 'hidden neuron')} and 1 output{bias}; the activation is "
                f"{record['activation']}{out}.")
    activation = (f"the activation is {record['activation']}" if isinstance(record["activation"], str) else
                  "the activations are " + ", ".join(f"{name} in hidden layer {k + 1}"
                                                     for k, name in enumerate(record["activation"])))
    hidden = " and ".join(map(str, sizes[1:-1]))
    return (f"One step of backpropagation on a {'-'.join(map(str, sizes))} network: "
            f"{_many(sizes[0], 'input')}, hidden {'layers' if len(sizes) > 3 else 'layer'} of {hidden} neurons and {_many(sizes[-1], 'output')}"
            f"{bias}; {activation}{out}.")


def _many(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def precision_note(digits: int) -> str:
    """Say how the numbers are shown."""
    return (
        f"Numbers are shown to {digits} significant digits. They were computed at full "
        "precision, so a line redone with the rounded numbers may differ in the last digit."
    )
