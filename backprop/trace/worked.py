"""The worked step as lines of math, the same for every output format.

A record of :func:`backprop.trace.lecture.explain` becomes a list of :class:`Section`,
in the lecture's order (feedforward, error, backpropagation, ΔW, update), each
a list of :class:`Line`. A line is a chain of equal expressions, such as

    h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6

held as parts — the symbol, its formula, the numbers put in, the value — made
of terms: a :class:`Sym` (a symbol of the lecture), a :class:`Num` (a number of
the record), a :class:`Slope` (∂y/∂W) or an operator string from
:data:`OPERATORS`. Each format only decides how to write a term; this module
decides what is shown. Every value comes from the record: nothing here
computes the lecture's formulas.
"""

from typing import NamedTuple, Union

OPERATORS = ("+", "−", "·", "(", ")", ",", "½", "²", "Φ", "Φ′", "Φ_out", "Φ_out′", "←")
ANY_I, ANY_J = "i", "j"  # the indices of a general formula, such as δ¹_ij


class Sym(NamedTuple):
    """A symbol of the lecture: ``Sym("W", (0, 2), layer=1)`` is W¹_13, ``Sym("h", (0,), prime=True)`` is h′_1."""

    name: str  # x, h, y, d, E, α, W, δ or ΔW
    indices: tuple = ()  # zero-based ints, or letters such as "i", "j" in a general formula
    layer: int | None = None  # the 1 of W¹, δ¹, ΔW¹
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


class Sigmoid(NamedTuple):
    """The sigmoid written out, 1/(1 + e^(−z)), of a list of terms z."""

    z: list


Term = Union[Sym, Num, Slope, Sigmoid, str]


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


def inputs(record: dict) -> list[float]:
    """x, with the bias input, the constant 1, at the end when the network has a bias."""
    return record["x"] + [1.0] if record["bias"] else record["x"]


def hidden(record: dict) -> list[float]:
    """h, with the bias input, the constant 1, that feeds the output's bias at the end when there is one."""
    return record["h"] + [1.0] if record["bias"] else record["h"]


def W(layer: int, *indices) -> Sym:
    return Sym("W", indices, layer)


def h_prime_line(record: dict, j: int) -> Line:
    """h′_j = x_1·W¹_1j + x_2·W¹_2j = (numbers) = value.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.lecture import explain
    >>> line = h_prime_line(explain(example.network(), example.x, example.d, example.alpha), 0)
    >>> line.parts[2], line.value        # 1·0.5 + 0.5·0.2 = 0.6
    ([Num(value=1.0, result=False), '·', Num(value=0.5, result=False), '+', Num(value=0.5, result=False), '·', Num(value=0.2, result=False)], 0.6)
    """
    x, W1 = inputs(record), record["W1"]
    return Line([
        [Sym("h", (j,), prime=True)],
        joined([[Sym("x", (i,)), "·", W(1, i, j)] for i in range(len(x))], "+"),
        joined([[Num(x[i]), "·", Num(W1[i][j])] for i in range(len(x))], "+"),
        [Num(record["h_prime"][j], result=True)],
    ])


def h_line(record: dict, j: int) -> Line:
    """h_j = Φ(h′_j) = Φ(number) = value; for the sigmoid, 1/(1 + e^(−number)) is written out."""
    h_prime_j = Num(record["h_prime"][j])
    if record["activation"] == "sigmoid":
        put_in = [[Sigmoid([Sym("h", (j,), prime=True)])], [Sigmoid([h_prime_j])]]
    else:
        put_in = [["Φ", "(", h_prime_j, ")"]]
    return Line([
        [Sym("h", (j,))],
        ["Φ", "(", Sym("h", (j,), prime=True), ")"],
        *put_in,
        [Num(record["h"][j], result=True)],
    ])


def has_output_activation(record: dict) -> bool:
    """Whether the record's network puts Φ_out on its output (the lecture's does not)."""
    return record.get("output_activation", "identity") != "identity"


def y_line(record: dict) -> Line:
    """y = h_1·W²_1 + … = (numbers) = value; with an output activation this sum is y′."""
    h, W2 = hidden(record), record["W2"]
    out = has_output_activation(record)
    return Line([
        [Sym("y", prime=out)],
        joined([[Sym("h", (j,)), "·", W(2, j)] for j in range(len(h))], "+"),
        joined([[Num(h[j]), "·", Num(W2[j])] for j in range(len(h))], "+"),
        [Num(record["y_prime"] if out else record["y"], result=True)],
    ])


def output_line(record: dict) -> Line:
    """y = Φ_out(y′) = Φ_out(number) = value; for the sigmoid, 1/(1 + e^(−number)) is written out."""
    y_prime = Num(record["y_prime"])
    if record["output_activation"] == "sigmoid":
        put_in = [[Sigmoid([Sym("y", prime=True)])], [Sigmoid([y_prime])]]
    else:
        put_in = [["Φ_out", "(", y_prime, ")"]]
    return Line([[Sym("y")], ["Φ_out", "(", Sym("y", prime=True), ")"], *put_in,
                 [Num(record["y"], result=True)]])


def phi_out_prime_line(record: dict) -> Line:
    """Φ_out′(y′) = value; for the sigmoid and tanh, through y as Φ′ is through h_j."""
    y, one = Num(record["y"]), Num(1.0)
    through_y = {
        "sigmoid": [[Sym("y"), "·", "(", one, "−", Sym("y"), ")"], [y, "·", "(", one, "−", y, ")"]],
        "tanh": [[one, "−", Sym("y"), "²"], [one, "−", y, "²"]],
    }
    put_in = through_y.get(record["output_activation"], [["Φ_out′", "(", Num(record["y_prime"]), ")"]])
    return Line([["Φ_out′", "(", Sym("y", prime=True), ")"], *put_in,
                 [Num(record["phi_out_prime"], result=True)]])


def E_line(record: dict, after: bool = False) -> Line:
    """E = ½(d − y)² = ½(d − number)² = value; ``after`` the step, with the new y and E."""
    y, E = (record["y_new"], record["E_new"]) if after else (record["y"], record["E"])
    return Line([
        [Sym("E")],
        ["½", "(", Sym("d"), "−", Sym("y"), ")", "²"],
        ["½", "(", Num(record["d"]), "−", Num(y), ")", "²"],
        [Num(E, result=True)],
    ])


def phi_prime_line(record: dict, j: int) -> Line:
    """Φ′(h′_j) = Φ′(number) = value; for the sigmoid and tanh, through h_j:

    sigmoid: Φ′(h′_j) = h_j·(1 − h_j)          tanh: Φ′(h′_j) = 1 − h_j²
    """
    h_j, one = Num(record["h"][j]), Num(1.0)
    through_h = {
        "sigmoid": [[Sym("h", (j,)), "·", "(", one, "−", Sym("h", (j,)), ")"],
                    [h_j, "·", "(", one, "−", h_j, ")"]],
        "tanh": [[one, "−", Sym("h", (j,)), "²"], [one, "−", h_j, "²"]],
    }
    put_in = through_h.get(record["activation"], [["Φ′", "(", Num(record["h_prime"][j]), ")"]])
    return Line([
        ["Φ′", "(", Sym("h", (j,), prime=True), ")"],
        *put_in,
        [Num(record["phi_prime"][j], result=True)],
    ])


def delta_W2_line(record: dict, j: int) -> Line:
    """δ²_j = ∂y/∂W²_j = h_j = value (with an output activation, Φ_out′(y′)·h_j)."""
    if has_output_activation(record):
        return Line([
            [Sym("δ", (j,), 2)],
            [Slope(Sym("y"), W(2, j))],
            ["Φ_out′", "(", Sym("y", prime=True), ")", "·", Sym("h", (j,))],
            [Num(record["phi_out_prime"]), "·", Num(hidden(record)[j])],
            [Num(record["dy_dW2"][j], result=True)],
        ])
    return Line([
        [Sym("δ", (j,), 2)],
        [Slope(Sym("y"), W(2, j))],
        [Sym("h", (j,))],
        [Num(record["dy_dW2"][j], result=True)],
    ])


def delta_W1_line(record: dict, i: int, j: int) -> Line:
    """δ¹_ij = ∂y/∂W¹_ij = W²_j·Φ′(h′_j)·x_i = (numbers) = value: the chain rule's three factors
    (with an output activation, Φ_out′(y′) is a fourth, in front)."""
    if has_output_activation(record):
        return Line([
            [Sym("δ", (i, j), 1)],
            [Slope(Sym("y"), W(1, i, j))],
            ["Φ_out′", "(", Sym("y", prime=True), ")", "·", W(2, j), "·", "Φ′", "(", Sym("h", (j,), prime=True),
             ")", "·", Sym("x", (i,))],
            [Num(record["phi_out_prime"]), "·", Num(record["W2"][j]), "·", Num(record["phi_prime"][j]), "·",
             Num(inputs(record)[i])],
            [Num(record["dy_dW1"][i][j], result=True)],
        ])
    return Line([
        [Sym("δ", (i, j), 1)],
        [Slope(Sym("y"), W(1, i, j))],
        [W(2, j), "·", "Φ′", "(", Sym("h", (j,), prime=True), ")", "·", Sym("x", (i,))],
        [Num(record["W2"][j]), "·", Num(record["phi_prime"][j]), "·", Num(inputs(record)[i])],
        [Num(record["dy_dW1"][i][j], result=True)],
    ])


def _entry(record: dict, key: str, indices: tuple) -> float:
    """The record's ``key`` (a matrix or vector) at zero-based ``indices``."""
    values = record[key]
    for index in indices:
        values = values[index]
    return values


def change_line(record: dict, layer: int, *indices: int) -> Line:
    """ΔW = α(d − y)·δ = (numbers) = value, for one weight of W¹ or W²."""
    return Line([
        [Sym("ΔW", indices, layer)],
        [Sym("α"), "(", Sym("d"), "−", Sym("y"), ")", "·", Sym("δ", indices, layer)],
        [Num(record["alpha"]), "·", "(", Num(record["d"]), "−", Num(record["y"]), ")", "·",
         Num(_entry(record, f"dy_dW{layer}", indices))],
        [Num(_entry(record, f"delta_W{layer}", indices), result=True)],
    ])


def update_line(record: dict, layer: int, *indices: int) -> Line:
    """W ← W + ΔW = number + number = value, for one weight of W¹ or W²."""
    return Line([
        [W(layer, *indices), "←", W(layer, *indices), "+", Sym("ΔW", indices, layer)],
        [Num(_entry(record, f"W{layer}", indices)), "+", Num(_entry(record, f"delta_W{layer}", indices))],
        [Num(_entry(record, f"W{layer}_new", indices), result=True)],
    ])


def weight_indices(record: dict, layer: int) -> list[tuple]:
    """The zero-based indices of every weight of a layer: (i, j) for W¹, (j,) for W².

    >>> weight_indices({"W1": [[0.5, -0.3], [0.2, 0.7]], "W2": [0.4, -0.5]}, 1)
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    if layer == 1:
        return [(i, j) for i, row in enumerate(record["W1"]) for j in range(len(row))]
    return [(j,) for j in range(len(record["W2"]))]


def weights_line(record: dict, layer: int, row: int | None = None) -> Line:
    """(W¹_11, W¹_12, W¹_13) = (0.5, −0.3, 0.8): one row of W¹, or all of W², before the step."""
    key = f"W{layer}"
    indices = [ij for ij in weight_indices(record, layer) if row is None or ij[0] == row]
    return Line([
        ["("] + joined([[W(layer, *ij)] for ij in indices], ",") + [")"],
        ["("] + joined([[Num(_entry(record, key, ij), result=True)] for ij in indices], ",") + [")"],
    ])


class WeightRow(NamedTuple):
    """One weight's story in a table: W, δ = ∂y/∂W, ΔW and the new W."""

    symbol: Sym
    W: float
    delta: float
    delta_W: float
    W_new: float


def weight_rows(record: dict, layer: int) -> list[WeightRow]:
    """A :class:`WeightRow` for every weight of W¹ or W²."""
    return [
        WeightRow(
            W(layer, *ij),
            _entry(record, f"W{layer}", ij),
            _entry(record, f"dy_dW{layer}", ij),
            _entry(record, f"delta_W{layer}", ij),
            _entry(record, f"W{layer}_new", ij),
        )
        for ij in weight_indices(record, layer)
    ]


def given(record: dict) -> Section:
    """The sample, the learning rate and the weights before the step."""
    x = record["x"]
    lines = [
        Line([[Sym("x")], ["("] + joined([[Num(x_i, result=True)] for x_i in x], ",") + [")"]]),
        Line([[Sym("d")], [Num(record["d"], result=True)]]),
        Line([[Sym("α")], [Num(record["alpha"], result=True)]]),
    ]
    lines += [weights_line(record, 1, i) for i in range(len(record["W1"]))]
    lines.append(weights_line(record, 2))
    if record["bias"]:
        n, m = len(x), len(record["h"])
        lines += [
            Line([[Sym("x", (n,))], [Num(1.0, result=True)]],
                 caption="bias: a constant input; its weights (the last row of W1) are the "
                         "hidden neurons' biases:"),
            Line([[Sym("h", (m,))], [Num(1.0, result=True)]],
                 caption="bias: a constant hidden value; its weight (the last of W2) is the "
                         "output's bias:"),
        ]
    return Section("Given", lines)


def sections(record: dict) -> list[Section]:
    """The whole step, in the lecture's order.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.lecture import explain
    >>> [section.title for section in sections(explain(example.network(), [1.0, 0.5], 1.0, 0.5))]
    ['Given', '1. Feedforward', '2. Error', '3. Backpropagation: the gradient, by the chain rule', '4. The weight changes', '5. The update']
    """
    n_in, m = len(record["W1"]), len(record["h"])
    m_out = len(record["W2"])
    i, j = ANY_I, ANY_J
    # with an output activation every path to y ends in y = Φ_out(y′): one more factor, Φ_out′(y′)
    out_factor = ["Φ_out′", "(", Sym("y", prime=True), ")", "·"] if has_output_activation(record) else []
    return [
        given(record),
        Section("1. Feedforward",
                [h_prime_line(record, j) for j in range(m)]
                + [h_line(record, j) for j in range(m)]
                + [y_line(record)] + ([output_line(record)] if has_output_activation(record) else [])),
        Section("2. Error", [E_line(record)]),
        Section("3. Backpropagation: the gradient, by the chain rule", [
            Line([[Sym("δ", (j,), 2)], [Slope(Sym("y"), W(2, j))], out_factor + [Sym("h", (j,))]],
                 caption="output layer:", rule=True),
            *([phi_out_prime_line(record)] if has_output_activation(record) else []),
            *[delta_W2_line(record, j) for j in range(m_out)],
            Line([[Sym("δ", (i, j), 1)], [Slope(Sym("y"), W(1, i, j))],
                  ["(", Slope(Sym("y"), Sym("h", (j,))), ")", "·",
                   "(", Slope(Sym("h", (j,)), Sym("h", (j,), prime=True)), ")", "·",
                   "(", Slope(Sym("h", (j,), prime=True), W(1, i, j)), ")"],
                  out_factor + [W(2, j), "·", "Φ′", "(", Sym("h", (j,), prime=True), ")", "·", Sym("x", (i,))]],
                 caption="hidden layer, by the chain rule:", rule=True),
            *[phi_prime_line(record, j) for j in range(m)],
            *[delta_W1_line(record, i, j) for i in range(n_in) for j in range(m)],
        ]),
        Section("4. The weight changes", [
            Line([[Sym("ΔW")], [Sym("α"), "(", Sym("d"), "−", Sym("y"), ")", "·", Sym("δ")]],
                 caption="for every weight:", rule=True),
            *[change_line(record, 2, *ij) for ij in weight_indices(record, 2)],
            *[change_line(record, 1, *ij) for ij in weight_indices(record, 1)],
        ]),
        Section("5. The update", [
            Line([[Sym("W"), "←", Sym("W"), "+", Sym("ΔW")]],
                 caption="each change was computed from the weights before the step:", rule=True),
            *[update_line(record, 1, *ij) for ij in weight_indices(record, 1)],
            *[update_line(record, 2, *ij) for ij in weight_indices(record, 2)],
            Line([[Sym("y")], [Num(record["y_new"], result=True)]],
                 caption="the same sample after the step:"),
            E_line(record, after=True),
            Line([[Num(record["E"]), "−", Num(record["E_new"])],
                  [Num(record["E"] - record["E_new"], result=True)]],
                 caption="how much E fell:"),
        ]),
    ]


def describe(record: dict) -> str:
    """One sentence on the network and the step, in plain words (every format can show it)."""
    n, m = len(record["x"]), len(record["h"])
    bias = ", with bias inputs" if record["bias"] else ""
    return (
        f"One step of backpropagation on the lecture's network: {n} inputs, {m} hidden "
        f"neurons and 1 output{bias}; the activation is {record['activation']}"
        + (f", the output activation {record['output_activation']}." if has_output_activation(record) else ".")
    )


def precision_note(digits: int) -> str:
    """Say how the numbers are shown."""
    return (
        f"Numbers are shown to {digits} significant digits. They were computed at full "
        "precision, so a line redone with the rounded numbers may differ in the last digit."
    )
