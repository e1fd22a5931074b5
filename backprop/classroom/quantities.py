"""The values of one explained step as named quantities: what a learner is asked for and checked on.

A :class:`Quantity` is one value of the step — h′_1, h_1, y, E, ∂y/∂W¹_12, ΔW²_3,
W¹_12 new — with its one-based display name, the spellings a person may type
for it (``h'_1``, ``W1_12``, ``dW2_3``), its value, its worked line (a
:class:`~backprop.trace.worked.Line`) and the names of the quantities it is
computed from. The quantities are the trace's own worked lines: :func:`record`
is the one adapter to the step (:func:`backprop.trace.explain.explain`, or
pencil mode's record of the same shape), and :func:`quantities` reads the lines
of :func:`backprop.trace.worked.sections` from it, for any network with one
output, with or without an output activation. The classroom (sheets,
``check``, the quiz) reads the step only through here.

>>> from backprop.trace import lecture_example as example
>>> values = quantities(example.network(), example.x, example.d, example.alpha)
>>> [q.name for q in values[:8]]
['h′_1', 'h′_2', 'h′_3', 'h_1', 'h_2', 'h_3', 'y', 'E']
>>> by_name(values)[key("dW1_11")].name, round(by_name(values)[key("W1_11 new")].value, 4)
('ΔW¹_11', 0.5371)
>>> by_name(values)[key("y")].depends
('h_1', 'h_2', 'h_3')
"""

from typing import NamedTuple

from backprop.classroom.pencil import pencil_record
from backprop.trace import worked
from backprop.trace.explain import explain
from backprop.trace.formats.text_format import TextStyle
from backprop.trace.worked import Line, Slope, Sym, Written


class Quantity(NamedTuple):
    """One value of the step, as a person names it, with its worked line and what it is made from."""

    name: str  # the display name, one-based: h′_1, ∂y/∂W¹_12, ΔW²_3, W¹_12 new
    spellings: tuple  # every accepted name, as :func:`key` writes it
    value: float
    line: Line  # the worked line: formula, the numbers put in, the value
    depends: tuple  # the display names of the quantities this one is computed from


ASCII = str.maketrans({"′": "'", "∂": "d", "Δ": "d", "−": "-"})
FROM_SUPERSCRIPT = {ord(sup): str(digit) for digit, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def key(name: str) -> str:
    """The spelling-free form of a name: ASCII, no spaces, lower case; ``h′_1`` and ``h'_1`` agree.

    >>> key("ΔW¹_12"), key("dW1_12"), key("∂y/∂W²_3"), key("δ¹_12"), key("W¹_12 new"), key("Φ_out′(y′)")
    ('dw1_12', 'dw1_12', 'dy/dw2_3', 'delta1_12', 'w1_12new', "phi_out'(y')")
    """
    text = "".join(name.split()).translate(FROM_SUPERSCRIPT).translate(ASCII)
    return text.replace("δ", "delta").replace("Φ", "phi").lower()


def by_name(values: list) -> dict:
    """Every spelling of every quantity, as :func:`key` writes it, to its :class:`Quantity`."""
    return {spelling: q for q in values for spelling in q.spellings}


def record(net, x, d, alpha: float, pencil: int | None = None) -> dict:
    """The record of the step: :func:`~backprop.trace.explain.explain`'s, or with ``pencil=N``
    the step as worked with N significant digits carried
    (:mod:`backprop.classroom.pencil`). The one place the classroom gets the step from."""
    if pencil is not None:
        return pencil_record(net, x, d, alpha, pencil)
    return explain(net, x, d if isinstance(d, list) else [d], alpha)


def quantities(net, x, d, alpha: float, pencil: int | None = None) -> list:
    """The quantities of one step of ``net`` on ``(x, d)`` with rate ``alpha``, in the trace's order.

    The lecture's :class:`~backprop.Network` or a :class:`~backprop.math.deep.DeepNetwork`
    with one output, either with an output activation or without, with the squared error or
    binary cross-entropy (one sigmoid output: then E, ∂E/∂y, Φ_out′(y′) and ∂E/∂y′ are values
    too, and δ is ∂y′/∂W). Raises what the step raises, and ``ValueError`` for a network with
    several outputs.
    """
    step = record(net, x, d, alpha, pencil)
    if step["layers"][-1] != 1:
        raise ValueError(f"the classroom works networks with one output; this one has {step['layers'][-1]}")
    return from_lines(worked_lines(step))


def worked_lines(record: dict, rules: bool = False) -> list:
    """The step's worked lines as the trace shows them, from h′ to the update: no given numbers,
    nothing after the step, and no general rules, unless ``rules``: then the rules of the error
    (cross-entropy's: why Φ_out′ cancels, and which δ the step takes) stand where the trace has them,
    as an answer key shows them. The squared error's error has no rules."""
    feedforward, error, backpropagation, changes, update = worked.sections(record)[1:]
    lines = [line for section in (feedforward, error, backpropagation, changes) for line in section.lines]
    lines += [line for line in update.lines if "←" in line.parts[0]]  # W ← W + ΔW, not y and E after
    kept = {id(line) for line in error.lines} if rules else set()
    return [line for line in lines if not line.rule or id(line) in kept]


_TEXT = TextStyle(4)
NEW = " new"  # "W¹_12 new", the name of a weight after the step


def from_lines(lines: list) -> list:
    """A :class:`Quantity` for each worked line; each depends on the quantities whose names
    (their terms, such as h′_1 or Φ′(h′_1)) stand in its line before its value. A line that works
    out a value again ("the same E, as the library computes it from y′") is no quantity of its own:
    what it is computed from is added to the first one's."""
    out, names_of = [], {}  # the quantities, and their names by the first term that names one in a formula
    at_name = {}  # where each quantity is in ``out``, by its name
    for line in lines:
        names = _names(line)
        again = at_name.get(_TEXT.expression(names[0])) if "←" not in line.parts[0] else None
        if again is not None:
            depends = [source for part in line.parts[:-1] for source in _named_in(_flat(part), names_of)]
            first = out[again]
            more = [name for name in depends if name != first.name]
            out[again] = first._replace(depends=tuple(dict.fromkeys(first.depends + tuple(more))))
            continue
        spellings = tuple(dict.fromkeys(key(_TEXT.expression(terms)) for terms in names))
        if "←" in line.parts[0]:  # W ← W + ΔW: the quantity is the new W
            weight = _TEXT.expression(line.parts[0][:1])
            name = weight + NEW
            spellings = (key(name), key("new" + weight))
        else:
            name = _TEXT.expression(names[0])
        depends = [source for part in line.parts[:-1] for source in _named_in(_flat(part), names_of)]
        at_name[name] = len(out)
        out.append(Quantity(name, spellings, line.value, line, tuple(dict.fromkeys(depends))))
        for terms in names:
            names_of.setdefault(_hashable(terms[0]), []).append((terms, name))
    return out


def _names(line: Line) -> list:
    """The terms that name a line's value: its first part, and ∂y/∂W beside δ (δ¹_12 = ∂y/∂W¹_12)."""
    names = [line.parts[0]]
    if len(line.parts) > 2 and len(line.parts[1]) == 1 and isinstance(line.parts[1][0], Slope):
        names.append(line.parts[1])
    return names


def _flat(terms: list) -> list:
    """``terms`` with each written-out activation opened up: 1/(1 + e^(−h′_1)) holds h′_1."""
    out = []
    for term in terms:
        out.extend(_flat(term.z) if isinstance(term, Written) else [term])
    return out


def _hashable(term):
    """``term`` as a key of a dict: itself, or its repr where it holds a list."""
    try:
        hash(term)
        return term
    except TypeError:
        return repr(term)


def _named_in(part: list, names_of: dict) -> list:
    """The names of the quantities that stand in ``part``, left to right; one that stands inside
    another (h′_1 inside Φ′(h′_1)) is left to it. ``names_of`` holds (terms, name) by the first term."""
    found = [(at, at + len(terms), name) for at, term in enumerate(part)
             for terms, name in names_of.get(_hashable(term), ()) if part[at:at + len(terms)] == terms]
    return [name for start, end, name in sorted(found)
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in found)]


def givens(record: dict) -> list:
    """The lines of what a problem gives: x, d, α and the weights before the step, as worked lines;
    with cross-entropy its formula too, E = −(d·ln(y) + (1 − d)·ln(1 − y)) (the squared error's is
    the lecture's, and not repeated).

    >>> from backprop.trace import quiz_example as example
    >>> step = explain(example.network(), example.x, [example.d], example.alpha)
    >>> [TextStyle(4).line(line) for line in givens(step)][3:5]
    ['(W¹_11, W¹_12) = (0.5, −0.4)', '(W²_11, W²_12) = (0.8, −0.6)']
    """
    loss = worked.cross_entropy(record)
    return [line for line in worked.given(record).lines
            if (not line.caption and not line.rule) or (loss and line.rule and line.parts[0] == [Sym("E")])]
