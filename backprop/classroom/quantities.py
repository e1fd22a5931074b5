"""The values of one explained step as named quantities: what a learner is asked for and checked on.

A :class:`Quantity` is one value of the step — h′_1, h_1, y, E, ∂y/∂W¹_12, ΔW²_3,
W¹_12 new — with its one-based display name, the spellings a person may type
for it (``h'_1``, ``W1_12``, ``dW2_3``), its value, its worked line (a
:class:`~backprop.trace.worked.Line`) and the names of the quantities it is
computed from. Every value comes from the library's own explained step:
:func:`quantities` is the one adapter from that record (``backprop.explain`` for
the lecture's network, :mod:`backprop.trace.deep` for a deeper one) to this list,
so the classroom (sheets, ``check``, the quiz) reads the step only through here.

>>> from backprop.trace import lecture_example as example
>>> values = quantities(example.network(), example.x, example.d, example.alpha)
>>> [q.name for q in values[:8]]
['h′_1', 'h′_2', 'h′_3', 'h_1', 'h_2', 'h_3', 'y', 'E']
>>> by_name(values)[key("dW1_11")].name, round(by_name(values)[key("W1_11 new")].value, 4)
('ΔW¹_11', 0.5371)
"""

from typing import NamedTuple

from backprop.classroom.pencil import pencil_record
from backprop.math.deep import DeepNetwork
from backprop.math.notation import label, layer
from backprop.trace import deep as deep_trace
from backprop.trace import worked
from backprop.trace.formats.text_format import TextStyle
from backprop.trace.lecture import explain
from backprop.trace.worked import Line, Num, Sigmoid, Slope, Sym, joined


class Quantity(NamedTuple):
    """One value of the step, as a person names it, with its worked line and what it is made from."""

    name: str  # the display name, one-based: h′_1, ∂y/∂W¹_12, ΔW²_3, W¹_12 new
    spellings: tuple  # every accepted name, as :func:`key` writes it
    value: float
    line: Line  # the worked line: formula, the numbers put in, the value
    depends: tuple  # the display names of the quantities this one is computed from


def output_activation(net) -> str:
    """The name of the output's activation: the one place that reads it until every network has one.

    >>> from backprop.trace import lecture_example as example
    >>> output_activation(example.network())
    'identity'
    """
    return getattr(net, "output_activation", "identity")


ASCII = str.maketrans({"′": "'", "∂": "d", "Δ": "d", "−": "-"})
FROM_SUPERSCRIPT = {ord(sup): str(digit) for digit, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def key(name: str) -> str:
    """The spelling-free form of a name: ASCII, no spaces, lower case; ``h′_1`` and ``h'_1`` agree.

    >>> key("ΔW¹_12"), key("dW1_12"), key("∂y/∂W²_3"), key("δ¹_12"), key("W¹_12 new")
    ('dw1_12', 'dw1_12', 'dy/dw2_3', 'delta1_12', 'w1_12new')
    """
    text = "".join(name.split()).translate(FROM_SUPERSCRIPT).translate(ASCII)
    return text.replace("δ", "delta").replace("Φ", "phi").lower()


def by_name(values: list) -> dict:
    """Every spelling of every quantity, as :func:`key` writes it, to its :class:`Quantity`."""
    return {spelling: q for q in values for spelling in q.spellings}


def quantities(net, x, d, alpha: float, pencil: int | None = None) -> list:
    """The quantities of one step of ``net`` on ``(x, d)`` with rate ``alpha``, in the lecture's order.

    The lecture's :class:`~backprop.Network` or a :class:`~backprop.math.deep.DeepNetwork`
    with one output. With ``pencil=N``, the lecture's network's step as worked
    with N significant digits carried (:mod:`backprop.classroom.pencil`). Raises
    what the step raises, and ``ValueError`` for a network with several outputs
    or an output activation (not asked in class yet), or pencil mode for a deep one.
    """
    if output_activation(net) != "identity":
        raise ValueError("the classroom works networks with a linear output (no output activation) for now")
    if isinstance(net, DeepNetwork):
        if net.n_outputs != 1:
            raise ValueError(f"the classroom works networks with one output; this one has {net.n_outputs}")
        if pencil is not None:
            raise ValueError("pencil mode works the lecture's network (no --layers) for now")
        return _deep(deep_trace.step_record(net, x, d if isinstance(d, list) else [d], alpha))
    d = d[0] if isinstance(d, list) else d
    if pencil is not None:
        return _lecture(pencil_record(net, x, d, alpha, pencil))
    return _lecture(explain(net, x, d, alpha))


def explained(net, x, d, alpha: float) -> dict:
    """The lecture's network's record of the step, as the trace's formats take it (the adapter's other half)."""
    return explain(net, x, d[0] if isinstance(d, list) else d, alpha)


class ClassroomText(TextStyle):
    """The trace's text, with any layer's superscript (W³_11, h′²_1), not only W¹ and W²."""

    def symbol(self, sym: Sym) -> str:
        name = sym.name + ("′" if sym.prime else "")
        name = layer(name, sym.layer - 1) if sym.layer is not None else name
        return label(name, *sym.indices) if sym.indices else name


_TEXT = ClassroomText(4)


def _named(sym_terms: list, suffix: str = "") -> str:
    return _TEXT.expression(sym_terms) + suffix


def _quantity(line: Line, depends, *alias_terms, suffix: str = "", extra=()) -> Quantity:
    """A quantity named by the first part of ``line`` (and by ``alias_terms``, other names of it)."""
    names = [_named(line.parts[0], suffix)] + [_named(terms, suffix) for terms in alias_terms]
    spellings = tuple(dict.fromkeys(key(n) for n in [*names, *extra]))
    return Quantity(names[0], spellings, line.value, line, tuple(depends))


def _lecture(record: dict) -> list:
    """The quantities of a record of :func:`backprop.explain`, from its worked lines."""
    n_in, m = len(record["W1"]), len(record["h"])
    h_prime = [f"h′_{j + 1}" for j in range(m)]
    h = [f"h_{j + 1}" for j in range(m)]
    inputs = range(n_in)
    out = [_quantity(worked.h_prime_line(record, j), []) for j in range(m)]
    out += [_quantity(worked.h_line(record, j), [h_prime[j]]) for j in range(m)]
    out.append(_quantity(worked.y_line(record), h))
    out.append(_quantity(worked.E_line(record), ["y"]))
    phi_prime = [_quantity(worked.phi_prime_line(record, j), [h[j]]) for j in range(m)]
    out += phi_prime
    for j in range(len(record["W2"])):
        line = worked.delta_W2_line(record, j)
        out.append(_quantity(line, h[j:j + 1], line.parts[1]))
    for i in inputs:
        for j in range(m):
            line = worked.delta_W1_line(record, i, j)
            out.append(_quantity(line, [phi_prime[j].name], line.parts[1]))
    for layer_number, delta in ((2, "δ²_"), (1, "δ¹_")):
        for ij in worked.weight_indices(record, layer_number):
            line = worked.change_line(record, layer_number, *ij)
            out.append(_quantity(line, ["y", delta + "".join(str(i + 1) for i in ij)]))
    for layer_number in (1, 2):
        for ij in worked.weight_indices(record, layer_number):
            line = worked.update_line(record, layer_number, *ij)
            w = worked.W(layer_number, *ij)
            q = _quantity(line._replace(parts=[[w], *line.parts[1:]]), [_named([Sym("ΔW", ij, layer_number)])],
                          suffix=" new", extra=["new" + _named([w])])
            out.append(q._replace(line=line))
    return out


def givens(net, x, d, alpha: float) -> list:
    """The lines of what a problem gives: x, d, α and the weights before the step, as worked lines.

    >>> from backprop.trace import quiz_example as example
    >>> [ClassroomText(4).line(line) for line in givens(example.network(), example.x, example.d, example.alpha)][3:5]
    ['(W¹_11, W¹_12) = (0.5, -0.4)', '(W²_11, W²_12) = (0.8, -0.6)']
    """
    if not isinstance(net, DeepNetwork):
        return [line for line in worked.given(explained(net, x, d, alpha)).lines if not line.caption]
    d = d[0] if isinstance(d, list) else d
    lines = [
        Line([[Sym("x")], ["("] + joined([[Num(x_i, result=True)] for x_i in x], ",") + [")"]]),
        Line([[Sym("d")], [Num(d, result=True)]]),
        Line([[Sym("α")], [Num(alpha, result=True)]]),
    ]
    for k, W_k in enumerate(net.W):
        for i, row in enumerate(W_k):
            lines.append(Line([["("] + joined([[Sym("W", (i, j), k + 1)] for j in range(len(row))], ",") + [")"],
                               ["("] + joined([[Num(w, result=True)] for w in row], ",") + [")"]]))
    return lines


class _Deep:
    """Names and numbers of a :func:`backprop.trace.deep.step_record`, for its worked lines."""

    def __init__(self, record: dict):
        self.record = record
        self.K = len(record["W"])
        self.sizes = record["layers"]

    def rows(self, k: int) -> int:
        return self.sizes[k] + self.record["bias"]

    def W(self, k: int, i: int, j: int) -> Sym:
        return Sym("W", (i, j), k + 1)

    def into(self, k: int, i: int):
        """What ``W[k][i][…]`` multiplies: (its symbol or "1", its value)."""
        if i == self.sizes[k]:
            return Num(1.0), 1.0
        if k == 0:
            return Sym("x", (i,)), self.record["x"][i]
        return Sym("h", (i,), k), self.record["h"][k - 1][i]

    def pre(self, k: int, j: int) -> Sym:
        """The sum that ``W[k][…][j]`` feeds: h′ᵏ⁺¹_j, or y."""
        return Sym("y") if k == self.K - 1 else Sym("h", (j,), k + 1, prime=True)


def _deep(record: dict) -> list:
    """The quantities of a record of :func:`backprop.trace.deep.step_record` (one output)."""
    net = _Deep(record)
    K, sizes = net.K, net.sizes
    out = []

    def add(line, depends, *alias_terms, suffix="", extra=()):
        out.append(_quantity(line, depends, *alias_terms, suffix=suffix, extra=extra))
        return out[-1].name

    names_h = {}
    for k in range(K):
        for j in range(sizes[k + 1]):
            rows = range(net.rows(k))
            into = [net.into(k, i) for i in rows]
            formula = joined([[into[i][0], "·", net.W(k, i, j)] for i in rows], "+")
            numbers = joined([[Num(into[i][1]), "·", Num(record["W"][k][i][j])] for i in rows], "+")
            depends = [names_h[(k - 1, i)] for i in range(sizes[k])] if k else []
            if k == K - 1:
                add(Line([[Sym("y")], formula, numbers, [Num(record["y"][0], result=True)]]), depends)
                continue
            h_prime = add(Line([[net.pre(k, j)], formula, numbers,
                                [Num(record["h_prime"][k][j], result=True)]]), depends)
            put_in = Num(record["h_prime"][k][j])
            put_in = [Sigmoid([put_in])] if record["activation"] == "sigmoid" else ["Φ", "(", put_in, ")"]
            names_h[(k, j)] = add(Line([[Sym("h", (j,), k + 1)], ["Φ", "(", net.pre(k, j), ")"], put_in,
                                        [Num(record["h"][k][j], result=True)]]), [h_prime])
    add(Line([[Sym("E")], ["½", "(", Sym("d"), "−", Sym("y"), ")", "²"],
              ["½", "(", Num(record["d"][0]), "−", Num(record["y"][0]), ")", "²"],
              [Num(record["E"], result=True)]]), ["y"])
    terms = record["gradients"][0]["dy_dh_prime"]
    term_names = {}
    for k in reversed(range(K - 1)):  # the hidden layers' error terms, from the last back
        for i in range(sizes[k + 1]):
            later = [(j, net.pre(k + 1, j)) for j in range(sizes[k + 2])]
            slope = Slope(Sym("y"), net.pre(k, i))
            if k + 1 == K - 1:
                paths = joined([[net.W(k + 1, i, j)] for j, _ in later], "+")
                numbers = joined([[Num(record["W"][k + 1][i][j])] for j, _ in later], "+")
                depends = [names_h[(k, i)]]
            else:
                paths = joined([[net.W(k + 1, i, j), "·", Slope(Sym("y"), s)] for j, s in later], "+")
                numbers = joined([[Num(record["W"][k + 1][i][j]), "·", Num(terms[k + 1][j])]
                                  for j, _ in later], "+")
                depends = [names_h[(k, i)]] + [term_names[(k + 1, j)] for j, _ in later]
            term_names[(k, i)] = add(Line([[slope], ["Φ′", "(", net.pre(k, i), ")", "·", "(", *paths, ")"],
                                           ["Φ′", "(", Num(record["h_prime"][k][i]), ")", "·", "(", *numbers, ")"],
                                           [Num(terms[k][i], result=True)]]), depends)
    delta_names = {}
    for k in reversed(range(K)):
        for i in range(net.rows(k)):
            symbol, value = net.into(k, i)
            for j in range(sizes[k + 1]):
                last = k == K - 1
                by = [symbol] if last else [symbol, "·", Slope(Sym("y"), net.pre(k, j))]
                numbers = [Num(value)] if last else [Num(value), "·", Num(terms[k][j])]
                depends = ([] if k == 0 or i == sizes[k] else [names_h[(k - 1, i)]]) + (
                    [] if last else [term_names[(k, j)]])
                worked_out = [by] if last else [by, numbers]  # ∂y/∂y = 1: the output layer's δ is its input
                line = Line([[Sym("δ", (i, j), k + 1)], [Slope(Sym("y"), net.W(k, i, j))], *worked_out,
                             [Num(record["gradients"][0]["dy_dW"][k][i][j], result=True)]])
                delta_names[(k, i, j)] = add(line, depends, line.parts[1])
    weights = [(k, i, j) for k in reversed(range(K)) for i in range(net.rows(k)) for j in range(sizes[k + 1])]
    change_names = {}
    for k, i, j in weights:
        delta = Sym("δ", (i, j), k + 1)
        change_names[(k, i, j)] = add(Line([
            [Sym("ΔW", (i, j), k + 1)], [Sym("α"), "(", Sym("d"), "−", Sym("y"), ")", "·", delta],
            [Num(record["alpha"]), "·", "(", Num(record["d"][0]), "−", Num(record["y"][0]), ")", "·",
             Num(record["gradients"][0]["dy_dW"][k][i][j])],
            [Num(record["delta_W"][k][i][j], result=True)]]), ["y", delta_names[(k, i, j)]])
    for k, i, j in sorted(weights):
        w = net.W(k, i, j)
        line = Line([[w, "←", w, "+", Sym("ΔW", (i, j), k + 1)],
                     [Num(record["W"][k][i][j]), "+", Num(record["delta_W"][k][i][j])],
                     [Num(record["W_after"][k][i][j], result=True)]])
        q = _quantity(line._replace(parts=[[w], *line.parts[1:]]), [change_names[(k, i, j)]],
                      suffix=" new", extra=["new" + _named([w])])
        out.append(q._replace(line=line))
    return out

