"""The worked step as a LaTeX fragment to ``\\input`` into a solution sheet (``--format latex``).

The fragment needs ``\\usepackage{amsmath}``; each section is an ``align*``
with the lines aligned at their first "=". :class:`LatexStyle` also writes the
math of the Markdown handout.
"""

from backprop.math.notation import subscript
from backprop.trace.formats.style import Style
from backprop.trace.worked import Line, Slope, Sym, describe, precision_note, sections, weight_rows

NAMES = {"α": r"\alpha", "δ": r"\delta", "ΔW": r"\Delta W"}
LONG = 120  # characters of LaTeX beyond which a line is broken in two
SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
           "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


class LatexStyle(Style):
    """LaTeX math: W^{1}_{13}, h'_{1}, \\frac{\\partial y}{\\partial W^{2}_{1}}."""

    operators = {
        "+": " + ", "−": " - ", "·": r" \cdot ", "(": "(", ")": ")", ",": ", ",
        "½": r"\tfrac{1}{2}", "²": "^2", "Φ": r"\Phi", "Φ′": r"\Phi'",
        "Φ_out": r"\Phi_{\mathrm{out}}", "Φ_out′": r"\Phi'_{\mathrm{out}}", "←": r" \leftarrow ",
    }

    def symbol(self, sym: Sym) -> str:
        text = NAMES.get(sym.name, sym.name) + ("'" if sym.prime else "")
        if sym.layer is not None:
            text += f"^{{{sym.layer}}}"
        if sym.indices:
            text += f"_{{{subscript(*sym.indices)}}}"
        return text

    def slope(self, slope: Slope) -> str:
        return rf"\frac{{\partial {self.symbol(slope.of)}}}{{\partial {self.symbol(slope.by)}}}"

    def sigmoid(self, z: str) -> str:
        return rf"\frac{{1}}{{1 + e^{{-{z}}}}}"

    def number_text(self, text: str) -> str:
        if "e" in text:
            mantissa, exponent = text.split("e")
            return rf"{mantissa} \times 10^{{{int(exponent)}}}"
        return text


def escape(text: str) -> str:
    """Escape the characters LaTeX treats specially in prose.

    >>> escape("W1_13 & 50%")
    'W1\\\\_13 \\\\& 50\\\\%'
    """
    return "".join(SPECIAL.get(char, char) for char in text)


def _aligned(style: LatexStyle, line: Line) -> str:
    """The line for ``align*``: aligned at its first "="; a long line breaks after its formula."""
    parts = [style.expression(part) for part in line.parts]
    if len(parts) < 2:
        math = "".join(parts)
    elif len(parts) < 3 or len(" = ".join(parts)) <= LONG:
        math = parts[0] + " &= " + " = ".join(parts[1:])
    else:
        math = parts[0] + " &= " + parts[1] + " \\\\\n  &= " + " = ".join(parts[2:])
    if line.caption:
        return rf"\intertext{{{escape(line.caption)}}}" + "\n" + math
    return math


def _table(style: LatexStyle, record: dict, layer: int) -> list[str]:
    out = [r"\begin{tabular}{lrrrr}",
           r"weight & $W$ & $\delta = \partial y / \partial W$ & $\Delta W$ & new $W$ \\ \hline"]
    out += [" & ".join(f"${cell}$" for cell in style.cells(row)) + r" \\"
            for row in weight_rows(record, layer)]
    out.append(r"\end{tabular}")
    return out


def render(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` as a LaTeX fragment.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.lecture import explain
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> print(render(record).splitlines()[18])
    h'_{1} &= x_{1} \\cdot W^{1}_{11} + x_{2} \\cdot W^{1}_{21} = 1 \\cdot 0.5 + 0.5 \\cdot 0.2 = 0.6 \\\\
    """
    style = LatexStyle(digits)
    out = [
        "% One backpropagation step, worked out; written by `python -m backprop --format latex`.",
        r"% A fragment to \input into a document that loads \usepackage{amsmath}.",
        r"\subsection*{One backpropagation step, worked out}",
        escape(describe(record)),
        escape(precision_note(digits)),
    ]
    for section in sections(record):
        first, *rest = section.lines
        out += ["", rf"\paragraph{{{escape(section.title)}}}"]
        if first.caption:  # \intertext belongs between lines, so a first caption comes before
            out.append(escape(first.caption))
            first = first._replace(caption="")
        out.append(r"\begin{align*}")
        out.append(" \\\\\n".join(_aligned(style, line) for line in [first, *rest]))
        out.append(r"\end{align*}")
    out += ["", r"\paragraph{The weights, before and after the step}", ""]
    out += _table(style, record, 1) + [r"\par\medskip"] + _table(style, record, 2)
    return "\n".join(out) + "\n"
