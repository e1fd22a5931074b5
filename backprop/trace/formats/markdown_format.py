"""The worked step as a Markdown handout, formulas in ``$…$`` (``--format markdown``).

GitHub and most Markdown editors show ``$…$`` as math; the math is the same
LaTeX as :mod:`backprop.trace.formats.latex_format` writes.
"""

from typing import Iterator

from backprop.trace.formats.latex_format import LatexStyle
from backprop.trace.worked import Line, describe, lazy_sections, precision_note, weight_rows


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


def _table(style: LatexStyle, record: dict, k: int) -> Iterator[str]:
    outputs = record["layers"][-1]
    y = "y'" if record.get("loss") == "cross_entropy" else "y"  # cross-entropy's δ is ∂y′/∂W
    slopes = ([f"$\\delta = \\partial {y} / \\partial W$"] if outputs == 1 else
              [f"$\\partial {y}_{{{j + 1}}} / \\partial W$" for j in range(outputs)])
    yield from [f"$W^{{{k + 1}}}$", "", "| " + " | ".join(["weight", "$W$", *slopes, "$\\Delta W$", "new $W$"]) + " |",
                "|---|" + "--:|" * (3 + len(slopes))]
    for row in weight_rows(record, k):
        symbol, *numbers = style.cells(row)
        yield f"| ${symbol}$ | " + " | ".join(number.replace("-", "−") for number in numbers) + " |"


def render(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` as Markdown.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> print(render(record).splitlines()[18])
    - $h'_{1} = x_{1} \\cdot W^{1}_{11} + x_{2} \\cdot W^{1}_{21} = 1 \\cdot 0.5 + 0.5 \\cdot 0.2 = 0.6$
    """
    return "".join(lines(record, digits))


def lines(record: dict, digits: int = 4) -> Iterator[str]:
    """The Markdown of :func:`render` a line at a time, each with its newline, made as it is read
    (``trace --format markdown`` writes a long step so, never holding it whole)."""
    style = LatexStyle(digits)
    for line in ("# One backpropagation step, worked out", "", escape(describe(record)), precision_note(digits)):
        yield line + "\n"
    for title, section_lines in lazy_sections(record):
        yield from ("\n", f"## {title}\n", "\n")
        for line in section_lines:
            yield _item(style, line) + "\n"
    yield from ("\n", "## The weights, before and after the step\n", "\n")
    for k in range(len(record["W"])):
        if k:
            yield "\n"
        for line in _table(style, record, k):
            yield line + "\n"
