"""The textbook's and the matrix notation (:mod:`backprop.trace.notations`) written as text, Markdown,
LaTeX or HTML.

:mod:`~backprop.trace.notations` builds a step once as a list of blocks: a heading, prose, a worked line
(the text form's Unicode, δ_1 = ∂E/∂h′_1 = … = −0.07424), a matrix with its numbers, a table. Here each
block is written in a format. A worked line's Unicode is read back token by token (a number, a symbol
such as h′¹_1, an operator, a few words) and each token written by the formats' own styles
(:class:`~backprop.trace.formats.latex_format.LatexStyle`, :class:`~backprop.trace.formats.html_format.HtmlStyle`):
one-based subscripts as in the text, a real minus sign (U+2212) in HTML, ``-`` in LaTeX. A matrix is a
``pmatrix`` in LaTeX and Markdown, a bracketed table in HTML; its numbers are rounded here, from the
unrounded values of the block, by the same rounding as every other format.
"""

import re
from typing import NamedTuple

from backprop.math.notation import number as shown_number
from backprop.trace.formats import latex_format
from backprop.trace.formats.latex_format import LatexStyle
from backprop.trace.worked import Sym

class Heading(NamedTuple):
    """A numbered section's title, such as "1. Forward"."""

    text: str


class Prose(NamedTuple):
    """Sentences; ``lines`` are where the text form breaks them."""

    lines: tuple


class Worked(NamedTuple):
    """A line of math with its numbers, in the text form's Unicode (δ_1 = ∂E/∂h′_1 = … = −0.07424)."""

    text: str


class Shown(NamedTuple):
    """``name = `` a matrix (a vector is a matrix of one row), its numbers unrounded."""

    name: str
    rows: list


class Table(NamedTuple):
    """A table: its header, and rows of cells, each a piece of math (str) or a number (float)."""

    header: tuple
    rows: list


NOTATION_FORMATS = ("text", "markdown", "latex", "html")  # the formats the two other notations are written in
SUPERSCRIPTS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹ᵏ", "0123456789k"))
TOKEN = re.compile(r"""
    (?P<number>−?\d+(?:\.\d+)?(?:e[−+]?\d+)?)
  | (?P<phi>Φ(?:_out)?′?)
  | (?P<sum>Σ_[jl])
  | (?P<words>\(?[A-Za-z]{2,}(?:[-\ ][A-Za-z]{2,})*\)?)
  | (?P<symbol>(?P<name>ΔW|[δαA-Za-z])(?P<prime>′?)(?P<layer>[⁰¹²³⁴⁵⁶⁷⁸⁹ᵏ]*)(?P<after>′?)
               (?P<indices>(?:_(?:out|[0-9,]+|[a-z]+))*))
  | (?P<space>\s+)
  | (?P<other>.)""", re.VERBOSE)
LATEX_OPERATORS = {"·": r"\cdot ", "−": "-", "⊙": r"\odot", "½": r"\tfrac{1}{2}", "←": r"\leftarrow",
                   "∂": r"\partial ", ";": r";\quad ", "Δ": r"\Delta "}
# a word of prose holding math: a subscript, a superscript, a prime, a Greek letter or an operator
MATH_WORD = re.compile(r"[^\s,:;()]*[_′ᵀᵏ⁰¹²³⁴⁵⁶⁷⁸⁹∂δΦαΔΣ·⊙←½=−][^\s,:;()]*")


def math(text: str, style) -> str:
    """A worked line's Unicode ``text`` in the math of ``style`` (a LatexStyle or an HtmlStyle).

    >>> math("ΔW¹_21 = −0.5·(−3)", LatexStyle(4))
    '\\\\Delta W^{1}_{21} = -0.5\\\\cdot (-3)'
    >>> from backprop.trace.formats.html_format import HtmlStyle
    >>> math("∂E/∂h′¹_1", HtmlStyle(4))
    '∂<var>E</var>/∂<var>h</var>′<span class="scripts"><sup>1</sup><sub>1</sub></span>'
    """
    latex = isinstance(style, LatexStyle)
    out = []
    for token in TOKEN.finditer(text):
        kind, value = token.lastgroup, token.group()
        if kind == "number":
            out.append(style.number_text(value.replace("−", "-")))
        elif kind == "phi":
            out.append(style.operators[value])
        elif kind == "sum":
            out.append(style.operators[value].strip())
        elif kind == "words":  # in LaTeX a space before words is kept: ∂y/∂h′_1 (error term)
            out.append((r"\," if latex and out and out[-1] == " " else "") + style.words(value))
        elif token.group("name"):
            if latex and out[-2:-1] and out[-1] == " " and r"\text{" in out[-2]:  # words, then a symbol: so e = d − y
                out[-1] = r"\ "
            out.append(style.symbol(_sym(token, latex)))
        elif kind == "space":
            out.append(" ")
        elif value == "ᵀ":
            if not latex:
                out.append("ᵀ")
            elif out and "^" in out[-1]:  # W^{2}: braced, as TeX takes one superscript
                out[-1] = "{" + out[-1] + r"}^{\top}"
            else:
                out.append(r"^{\top}")
        else:
            out.append(LATEX_OPERATORS.get(value, value) if latex else value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(out).strip()


def _sym(token, latex: bool) -> Sym:
    """The :class:`~backprop.trace.worked.Sym` of a symbol's ``token``, its subscripts one-based as written."""
    layer = "".join(SUPERSCRIPTS[c] for c in token.group("layer"))
    indices = []
    for part in token.group("indices").split("_")[1:]:
        if part == "out":
            indices.append(r"\mathrm{out}" if latex else "out")
        else:
            indices += part.split(",") if "," in part else list(part)
    return Sym(token.group("name"), tuple(indices), int(layer) if layer.isdigit() else layer or None,
               bool(token.group("prime") or token.group("after")))


def prose(text: str, style, plain) -> str:
    """``text`` with its words of math written by :func:`math`, the rest by ``plain`` (an escape)."""
    out, at = [], 0
    for word in MATH_WORD.finditer(text):
        out += [plain(text[at:word.start()]), _inline(math(word.group(), style), style)]
        at = word.end()
    return "".join(out + [plain(text[at:])])


def _inline(written: str, style) -> str:
    return f"${written}$" if isinstance(style, LatexStyle) else f'<span class="math">{written}</span>'


def write(blocks: list, format: str, digits: int, title: str) -> str:
    """``blocks`` (from :mod:`backprop.trace.notations`) written in ``format``: text, markdown, latex or html."""
    if format not in NOTATION_FORMATS:
        raise ValueError(f"the notation is written as {', '.join(NOTATION_FORMATS)}, not {format!r}")
    return {"text": _text, "markdown": _markdown, "latex": _latex, "html": _html}[format](blocks, digits, title)


def shown_matrix(name: str, rows: list[list[float]], digits: int) -> list[str]:
    """``name = [ … ]``, a row per line, the columns lined up (a vector is a matrix of one row).

    >>> print("\\n".join(shown_matrix("W", [[0.5, -0.3], [0.2, 0.7]], 4)))
      W = [ 0.5  −0.3 ]
          [ 0.2   0.7 ]
    """
    cells = [[shown_number(value, digits) for value in row] for row in rows]
    widths = [max(len(row[c]) for row in cells) for c in range(len(cells[0]))]
    lines = ["[ " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths)) + " ]" for row in cells]
    indent = " " * (len(name) + 3)
    return [f"  {name} = {lines[0]}"] + [f"  {indent}{line}" for line in lines[1:]]


TEXT_WIDTHS = (32, 10, 29, 10)  # the columns of a text table but the last


def _text(blocks: list, digits: int, title: str) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Prose):
            out += block.lines
        elif isinstance(block, Heading):
            out += ["", block.text]
        elif isinstance(block, Worked):
            out.append("  " + block.text)
        elif isinstance(block, Shown):
            out += shown_matrix(block.name, block.rows, digits)
        else:
            for row in [block.header] + block.rows:
                cells = [cell if isinstance(cell, str) else shown_number(cell, digits) for cell in row]
                out.append("  " + " | ".join([cell.ljust(width) for cell, width in zip(cells, TEXT_WIDTHS)] + cells[4:]))
    return "\n".join(out) + "\n"


def _cell(cell, style) -> str:
    return math(cell, style) if isinstance(cell, str) else style.number(cell)


def _pmatrix(style: LatexStyle, rows: list) -> str:
    return (r"\begin{pmatrix} " + r" \\ ".join(" & ".join(style.number(value) for value in row) for row in rows)
            + r" \end{pmatrix}")


# A wide or tall matrix is set in blocks so that it fits the page (an article's 345 pt text width): the widths
# are estimated from the characters, at most 5 pt each in math at 10 pt (a digit is 5 pt, a minus sign 7.8 pt),
# 10 pt between two columns (2·\arraycolsep), 4.6 pt a character of a block's name in text
POINTS_A_CHARACTER, POINTS_A_LETTER, COLUMN_GAP, LINE_WIDTH = 5.0, 4.6, 10.0, 335.0
LEFT_COLUMN = 65.0  # the names left of "&=" in one align* (W¹ + ΔW¹, the longest, takes about 60 pt)
MOST_BLOCK_ROWS = 20  # rows of a block: a display cannot break across pages, and 20 rows fit one


def _latex_shown(style: LatexStyle, left: str, right: str, rows: list) -> list[str]:
    """The ``align*`` rows of ``left = right = `` a matrix: whole where it fits the page; else its name on a
    row of its own and the matrix in blocks of columns (and of rows, for a tall one), each block on a row of
    its own and named by the columns (and rows) it holds: h′ = x·W¹, a 1 × 12 matrix in blocks: columns 1–6 ( … )."""
    cells = [[style.number(value) for value in row] for row in rows]
    column = COLUMN_GAP + max(POINTS_A_CHARACTER * len(cell) + 2.8 * cell.count("-") for row in cells for cell in row)
    n_rows, n_columns = len(rows), len(rows[0])
    if n_rows <= MOST_BLOCK_ROWS and POINTS_A_CHARACTER * len(left + right) + 20 + column * n_columns <= LINE_WIDTH:
        return [math(left, style) + " &= " + (math(right, style) + " = " if right else "") + _pmatrix_cells(cells)]
    label = (f"rows {n_rows}–{n_rows}, " if n_rows > MOST_BLOCK_ROWS else "") + f"columns {n_columns}–{n_columns}: "
    per_block = max(1, int((LINE_WIDTH - LEFT_COLUMN - 20 - POINTS_A_LETTER * len(label)) // column))
    size = r"\text{a " + f"{n_rows}" + r" $\times$ " + f"{n_columns}" + r" matrix in blocks:}"
    out = [math(left, style) + " &= " + (math(right, style) + r",\ " if right else "") + size]
    for top in range(0, n_rows, MOST_BLOCK_ROWS):
        for first in range(0, n_columns, per_block):
            bottom, last = min(top + MOST_BLOCK_ROWS, n_rows), min(first + per_block, n_columns)
            which = (f"rows {top + 1}--{bottom}, " if n_rows > MOST_BLOCK_ROWS else "") + f"columns {first + 1}--{last}"
            out.append(r"&\quad \text{" + which + r":}\ " + _pmatrix_cells([row[first:last] for row in cells[top:bottom]]))
    return out


def _pmatrix_cells(cells: list[list[str]]) -> str:
    return r"\begin{pmatrix} " + r" \\ ".join(" & ".join(row) for row in cells) + r" \end{pmatrix}"


def _markdown(blocks: list, digits: int, title: str) -> str:
    from backprop.trace.formats.markdown_format import escape as markdown_escape

    style = LatexStyle(digits)
    out = [f"# {title}"]
    for block in blocks:
        if isinstance(block, Prose):
            out += ["", prose(" ".join(block.lines), style, markdown_escape)]
        elif isinstance(block, Heading):
            out += ["", "## " + prose(block.text, style, markdown_escape)]
        elif isinstance(block, Worked):
            if not out[-1].startswith("- "):
                out.append("")
            out.append(f"- ${math(block.text, style)}$")
        elif isinstance(block, Shown):
            out += ["", "$$", f"{math(block.name, style)} = {_pmatrix(style, block.rows)}", "$$"]
        else:
            out += ["", "| " + " | ".join(block.header) + " |", "|:--|--:|:--|--:|:--|"]
            out += ["| " + " | ".join(f"${_cell(cell, style)}$" if isinstance(cell, str)
                                      else shown_number(cell, digits) for cell in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out) + "\n"


def _latex_worked(style: LatexStyle, text: str) -> list[str]:
    """The rows of an ``align*`` for a worked line: aligned at its first "=", a new row after a ";" and
    wherever a row would grow past about 60 characters of the text form."""
    rows = []
    for clause in text.split(";  "):
        left, *parts = clause.split(" = ")
        row, used = math(left, style) + " &= ", len(left)
        for k, part in enumerate(parts):
            if k and used + len(part) > 60:
                rows.append(row)
                row, used = "&= ", len(left)
            elif k:
                row += " = "
            row += math(part, style)
            used += len(part) + 3
        rows.append(row)
    return rows


def _latex(blocks: list, digits: int, title: str) -> str:
    style = LatexStyle(digits)
    columns = max((len(row) for block in blocks if isinstance(block, Shown) for row in block.rows), default=1)
    out = [f"% {title}; written by `python -m backprop trace --notation textbook|matrix --format latex`.",
           r"% A fragment to \input into a document that loads \usepackage{amsmath}.",
           r"\allowdisplaybreaks", rf"\setcounter{{MaxMatrixCols}}{{{max(10, columns)}}}",
           rf"\subsection*{{{latex_format.escape(title)}}}"]
    rows: list[str] = []

    def flush() -> None:
        if rows:
            out.extend([r"\begin{align*}", " \\\\\n".join(rows), r"\end{align*}"])
            rows.clear()

    for block in blocks:
        if isinstance(block, Worked):
            rows.extend(_latex_worked(style, block.text))
            continue
        if isinstance(block, Shown):
            left, _, right = block.name.partition(" = ")
            rows.extend(_latex_shown(style, left, right, block.rows))
            continue
        flush()
        if isinstance(block, Prose):
            out += ["", prose(" ".join(block.lines), style, latex_format.escape)]
        elif isinstance(block, Heading):
            out += ["", latex_format.heading("").replace(r"\textbf{}", r"\textbf{" + prose(block.text, style, latex_format.escape) + "}")]
        else:
            out += ["", r"{\footnotesize\tabskip=0pt\openup 2pt", r"\halign to\linewidth{#\hfil\tabskip=3pt&\hfil#&#\hfil&\hfil#&#\hfil\tabskip=0pt plus 1fil\cr",
                    " & ".join(r"\textit{" + latex_format.escape(cell) + "}" for cell in block.header) + r"\cr",
                    r"\noalign{\nobreak\vskip 2pt\hrule\nobreak\vskip 2pt}"]
            out += [" & ".join(f"${_cell(cell, style)}$" for cell in row) + r"\cr" for row in block.rows]
            out += ["}}", r"\medskip"]
    flush()
    return "\n".join(out) + "\n"


NOTATION_CSS = """
.work li .math { overflow-wrap: anywhere; }
.shown { margin: 0.4rem 0 0.4rem 0.5rem; }
table.matrix { margin: 0.2rem 0; vertical-align: middle; border-left: 2px solid #444; border-right: 2px solid #444;
               border-radius: 0.5rem; }
table.mapping td { white-space: nowrap; }  /* a phone scrolls the table in its own box, each cell on one line */
table.matrix td { border: none; padding: 0.1rem 0.5rem; text-align: right; font-variant-numeric: tabular-nums; }
"""


def _html(blocks: list, digits: int, title: str) -> str:
    from html import escape as html_escape

    from backprop.trace.formats import html_format
    from backprop.trace.formats.html_format import HtmlStyle

    style = HtmlStyle(digits)
    out = ["<!DOCTYPE html>", '<html lang="en">', '<head><meta charset="utf-8"/>',
           '<meta name="viewport" content="width=device-width, initial-scale=1"/>', f"<title>{html_escape(title)}</title>",
           f"<style>{html_format.CSS}{html_format.PHONE_CSS}{html_format.PRINT_CSS}{NOTATION_CSS}</style></head>",
           "<body>", f"<h1>{html_escape(title)}</h1>"]
    in_list = False
    for block in blocks:
        if in_list and not isinstance(block, Worked):
            out.append("</ul>")
            in_list = False
        if isinstance(block, Prose):
            out.append(f"<p>{prose(' '.join(block.lines), style, html_escape)}</p>")
        elif isinstance(block, Heading):
            out.append(f"<h2>{prose(block.text, style, html_escape)}</h2>")
        elif isinstance(block, Worked):
            if not in_list:
                out.append('<ul class="work">')
                in_list = True
            out.append(f'<li><span class="math">{math(block.text, style)}</span></li>')
        elif isinstance(block, Shown):
            cells = "".join("<tr>" + "".join(f"<td>{style.number(value)}</td>" for value in row) + "</tr>" for row in block.rows)
            out.append(f'<div class="shown"><span class="math">{math(block.name, style)} =</span> '
                       f'<table class="matrix">{cells}</table></div>')
        else:
            out.append('<table class="mapping"><tr>' + "".join(f"<th>{html_escape(cell)}</th>" for cell in block.header) + "</tr>")
            out += ["<tr>" + "".join(f'<td class="math">{_cell(cell, style)}</td>' if isinstance(cell, str)
                                     else f'<td class="number">{_cell(cell, style)}</td>' for cell in row) + "</tr>"
                    for row in block.rows]
            out.append("</table>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out + ["</body>", "</html>"]) + "\n"
