"""The worked step as plain text, for the terminal (``--format text``).

    h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6
"""

from backprop.math.notation import label
from backprop.trace.formats.style import Style
from typing import Iterator

from backprop.trace.worked import Line, Slope, Sym, describe, lazy_sections, precision_note

SUPERSCRIPT = str.maketrans("0123456789k+−", "⁰¹²³⁴⁵⁶⁷⁸⁹ᵏ⁺⁻")


def superscript(layer) -> str:
    """The layer of a symbol as a superscript: 1 → ¹, "k−1" → ᵏ⁻¹."""
    return "" if layer is None else str(layer).translate(SUPERSCRIPT)


class TextStyle(Style):
    """Unicode symbols with one-based subscripts (W¹_13, h′²_1); a real minus sign (−) in numbers."""

    operators = {
        "+": " + ", "−": " − ", "·": "·", "(": "(", ")": ")", ",": ", ",
        "½": "½", "²": "²", "Φ": "Φ", "Φ′": "Φ′", "Φ_out": "Φ_out", "Φ_out′": "Φ_out′", "←": " ← ", "Σ_j": "Σ_j ",
        "minus": "−", "/": "/", "Σ_l": "Σ_l ",
    }

    def symbol(self, sym: Sym) -> str:
        name = sym.name + ("′" if sym.prime else "") + superscript(sym.layer)
        return label(name, *sym.indices) if sym.indices else name

    def slope(self, slope: Slope) -> str:
        return f"∂{self.symbol(slope.of)}/∂{self.symbol(slope.by)}"

    def number_text(self, text: str) -> str:
        return text.replace("-", "−")

    def written(self, name: str, z: str) -> str:
        return {
            "sigmoid": f"1/(1 + e^(−{z}))",
            "tanh": f"(e^{z} − e^(−{z}))/(e^{z} + e^(−{z}))",
            "relu": f"max(0, {z})",
            "identity": z,
            "exp": f"e^{z}" if z.startswith("(") and z.endswith(")") and z.count("(") == 1 else f"e^({z})",
            "ln": f"ln({z})",
        }[name]

    def words(self, text: str) -> str:
        return text

    def line(self, line: Line) -> str:
        """The caption, then the math."""
        return " ".join(part for part in (line.caption, self.math(line)) if part)


def render(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` (from :func:`backprop.trace.explain.explain`) as text.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> print(render(record).splitlines()[14])
      h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6
    """
    return "".join(lines(record, digits))


def lines(record: dict, digits: int = 4) -> Iterator[str]:
    """The text of :func:`render` a line at a time, each with its newline, made as it is read: a
    long step is written as it comes, never held whole (``trace`` writes it so).

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> next(lines(explain(example.network(), example.x, example.d, example.alpha)))
    "One step of backpropagation on the lecture's network: 2 inputs, 3 hidden neurons and 1 output; the activation is sigmoid.\\n"
    """
    style = TextStyle(digits)
    yield describe(record) + "\n"
    yield precision_note(digits) + "\n"
    for title, section_lines in lazy_sections(record):
        yield "\n"
        yield title + "\n"
        for line in section_lines:
            yield "  " + style.line(line) + "\n"
