"""The worked step as a Markdown handout, formulas in ``$…$`` (``--format markdown``).

GitHub and most Markdown editors show ``$…$`` as math; the math is the same
LaTeX as :mod:`backprop.trace.formats.latex_format` writes.
"""

from backprop.trace.formats.latex_format import LatexStyle
from backprop.trace.worked import Line, describe, precision_note, sections, weight_rows


MARKDOWN_SPECIAL = "\\`*_{}[]<>#|$&~^!"  # what could start emphasis, a link, HTML, math or a table cell


def escape(text: str) -> str:
    r"""``text`` as plain words in Markdown: a backslash before each character that Markdown (or its
    ``$…$`` math, or the HTML it may hold) would read as markup, as CommonMark allows for any ASCII
    punctuation. A custom activation's name is shown as typed, never run.

    >>> print(escape(r"<script>alert(1)</script> *b* $m$ \input{a}"))
    \<script\>alert(1)\</script\> \*b\* \$m\$ \\input\{a\}
    """
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in text)


def _item(style: LatexStyle, line: Line) -> str:
    math = f"${style.math(line)}$"
    if line.rule and line.caption:
        return f"- *{line.caption}* {math}"
    return "- " + " ".join(part for part in (line.caption, math) if part)


def _table(style: LatexStyle, record: dict, k: int) -> list[str]:
    outputs = record["layers"][-1]
    y = "y'" if record.get("loss") == "cross_entropy" else "y"  # cross-entropy's δ is ∂y′/∂W
    slopes = ([f"$\\delta = \\partial {y} / \\partial W$"] if outputs == 1 else
              [f"$\\partial {y}_{{{j + 1}}} / \\partial W$" for j in range(outputs)])
    out = [f"$W^{{{k + 1}}}$", "", "| " + " | ".join(["weight", "$W$", *slopes, "$\\Delta W$", "new $W$"]) + " |",
           "|---|" + "--:|" * (3 + len(slopes))]
    for row in weight_rows(record, k):
        symbol, *numbers = style.cells(row)
        out.append(f"| ${symbol}$ | " + " | ".join(number.replace("-", "−") for number in numbers) + " |")
    return out


def render(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` as Markdown.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> print(render(record).splitlines()[18])
    - $h'_{1} = x_{1} \\cdot W^{1}_{11} + x_{2} \\cdot W^{1}_{21} = 1 \\cdot 0.5 + 0.5 \\cdot 0.2 = 0.6$
    """
    style = LatexStyle(digits)
    out = ["# One backpropagation step, worked out", "", escape(describe(record)), precision_note(digits)]
    for section in sections(record):
        out += ["", f"## {section.title}", ""]
        out += [_item(style, line) for line in section.lines]
    out += ["", "## The weights, before and after the step", ""]
    for k in range(len(record["W"])):
        out += _table(style, record, k) + [""]
    out.pop()
    return "\n".join(out) + "\n"
