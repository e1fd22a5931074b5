"""The worked step as a Markdown handout, formulas in ``$…$`` (``--format markdown``).

GitHub and most Markdown editors show ``$…$`` as math; the math is the same
LaTeX as :mod:`backprop.trace.formats.latex_format` writes.
"""

from backprop.trace.formats.latex_format import LatexStyle
from backprop.trace.worked import Line, describe, precision_note, sections, weight_rows


def _item(style: LatexStyle, line: Line) -> str:
    math = f"${style.math(line)}$"
    if line.rule:
        return f"- *{line.caption}* {math}"
    return "- " + " ".join(part for part in (line.caption, math) if part)


def _table(style: LatexStyle, record: dict, layer: int) -> list[str]:
    out = ["| weight | $W$ | $\\delta = \\partial y / \\partial W$ | $\\Delta W$ | new $W$ |",
           "|---|--:|--:|--:|--:|"]
    for row in weight_rows(record, layer):
        symbol, *numbers = style.cells(row)
        out.append(f"| ${symbol}$ | " + " | ".join(numbers) + " |")
    return out


def render(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` as Markdown.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.lecture import explain
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> print(render(record).splitlines()[16])
    - $h'_{1} = x_{1} \\cdot W^{1}_{11} + x_{2} \\cdot W^{1}_{21} = 1 \\cdot 0.5 + 0.5 \\cdot 0.2 = 0.6$
    """
    style = LatexStyle(digits)
    out = ["# One backpropagation step, worked out", "", describe(record), precision_note(digits)]
    for section in sections(record):
        out += ["", f"## {section.title}", ""]
        out += [_item(style, line) for line in section.lines]
    out += ["", "## The weights, before and after the step", ""]
    out += _table(style, record, 1) + [""] + _table(style, record, 2)
    return "\n".join(out) + "\n"
