"""How a format writes the terms of a worked line: the common part of every format.

A :class:`Style` turns the terms of :mod:`backprop.trace.worked` into one
format's text. Subclasses say how a symbol, a number, a slope ∂y/∂W and each
operator are written; this class strings them together.
"""

from backprop.math.notation import rounded as shown  # the one rounding for display (never for computing)
from backprop.trace.worked import Line, Num, Slope, Sym, WeightRow, Words, Written


class Style:
    """Writes terms; subclasses fill in :attr:`operators` and the methods that raise."""

    operators: dict = {}
    equals = " = "

    def __init__(self, digits: int):
        self.digits = digits

    def symbol(self, sym: Sym) -> str:
        raise NotImplementedError

    def slope(self, slope: Slope) -> str:
        raise NotImplementedError

    def number_text(self, text: str) -> str:
        """Write a number given as Python writes it ("-1.5e-05") in this format."""
        raise NotImplementedError

    def written(self, name: str, z: str) -> str:
        """Write the activation ``name`` out (:class:`~backprop.trace.worked.Written`) for the
        already written ``z``."""
        raise NotImplementedError

    def words(self, text: str) -> str:
        """Write a few plain words inside a formula."""
        raise NotImplementedError

    def number(self, value: float) -> str:
        """A value, rounded for display."""
        return self.number_text(shown(value, self.digits))

    def term(self, term) -> str:
        if isinstance(term, Sym):
            return self.symbol(term)
        if isinstance(term, Slope):
            return self.slope(term)
        if isinstance(term, Written):
            return self.written(term.name, self.expression(term.z))
        if isinstance(term, Words):
            return self.words(term.text)
        if isinstance(term, Num):
            text = shown(term.value, self.digits)
            written = self.number_text(text)
            return written if term.result or not text.startswith("-") else f"({written})"
        return self.operators[term]

    def expression(self, terms: list) -> str:
        return "".join(self.term(term) for term in terms)

    def math(self, line: Line) -> str:
        """The parts of ``line`` joined by "="."""
        return self.equals.join(self.expression(part) for part in line.parts)

    def cells(self, row: WeightRow) -> list[str]:
        """A weight's row of a table: its symbol, then W, δ (one per output), ΔW and the new W, rounded."""
        values = [row.W, *row.slopes, row.delta_W, row.W_new]
        return [self.symbol(row.symbol)] + [self.number(value) for value in values]
