"""The worked step as a LaTeX fragment to ``\\input`` into a solution sheet (``--format latex``).

The fragment needs ``\\usepackage{amsmath}`` and turns on ``\\allowdisplaybreaks``, so
a long section breaks across pages. Each section is an ``align*`` with the lines
aligned at their first "="; a line too wide for the page (10 pt article: 345 pt)
is broken at an "=", and a sum too wide for one row is broken at its "+"
signs, so nothing runs into the margin. Parentheses around a fraction grow with it
(``\\left(`` … ``\\right)``), and a weights table split across pages repeats its header on the new
page. :class:`LatexStyle` also writes the math of the Markdown handout and the LaTeX sheets.
"""

import itertools
from typing import Iterator

from backprop.math.notation import subscript
from backprop.trace.formats.style import Style, shown
from backprop.trace.worked import (Line, Num, Slope, Sym, Words, Written, describe, lazy_sections, precision_note,
                                   weight_rows)

NAMES = {"α": r"\alpha", "δ": r"\delta", "ΔW": r"\Delta W", "μ": r"\mu"}
SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
           "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
           "Φ": r"$\Phi$", "′": r"$'$", "α": r"$\alpha$", "δ": r"$\delta$", "Σ": r"$\Sigma$", "μ": r"$\mu$", "−": "-", "∂": r"$\partial$", "Δ": r"$\Delta$",
           **{sup: f"$^{{{digit}}}$" for digit, sup in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}}
ROW_WIDTH = 335  # pt a row of an align* may take (a 10 pt article's text is 345 pt wide)
# the widths in pt of the terms (a generous estimate of Computer Modern at 10 pt, display style)
OPERATOR_WIDTH = {"+": 13.5, "−": 13.5, "·": 8, "(": 4, ")": 4, ",": 5, "½": 8, "²": 4.5, "Φ": 8,
                  "Φ′": 11, "Φ_out": 20, "Φ_out′": 22, "←": 17, "Σ_j": 16, "minus": 8, "/": 5, "Σ_l": 16}
CHAR_WIDTH, SCRIPT_WIDTH, EQUALS_WIDTH, QUAD = 5.5, 4.2, 15.5, 10


class LatexStyle(Style):
    """LaTeX math: W^{1}_{13}, {h'}^{2}_{1}, \\frac{\\partial y}{\\partial W^{2}_{1}}."""

    operators = {
        "+": " + ", "−": " - ", "·": r" \cdot ", "(": "(", ")": ")", ",": ", ",
        "½": r"\tfrac{1}{2}", "²": "^2", "Φ": r"\Phi", "Φ′": r"\Phi'", "Φ_out": r"\Phi_{\mathrm{out}}",
        "Φ_out′": r"\Phi'_{\mathrm{out}}", "←": r" \leftarrow ", "Σ_j": r"\sum_j ",
        "minus": "-", "/": "/", "Σ_l": r"\sum_l ",
    }

    def symbol(self, sym: Sym) -> str:
        text = NAMES.get(sym.name, sym.name) + ("'" if sym.prime else "")
        if sym.layer is not None:
            text = ("{" + text + "}" if sym.prime else text) + "^{" + str(sym.layer).replace("−", "-") + "}"
        if sym.indices:
            text += f"_{{{subscript(*sym.indices)}}}"
        return text

    def expression(self, terms: list) -> str:
        """The terms in a row; a symbol with a superscript of its own is braced before a square:
        {h^{1}_{1}}^2, never the double superscript h^{1}_{1}^2 that TeX refuses. Parentheses around
        a tall term (a fraction) grow with it (:func:`grown`)."""
        texts = ["{" + self.term(term) + "}"
                 if isinstance(term, Sym) and (term.layer is not None or term.prime) and after == ["²"]
                 else self.term(term) for term, after in zip(terms, [[t] for t in terms[1:]] + [[]])]
        return grown(terms, texts)

    def slope(self, slope: Slope) -> str:
        return rf"\frac{{\partial {self.symbol(slope.of)}}}{{\partial {self.symbol(slope.by)}}}"

    def written(self, name: str, z: str) -> str:
        return {
            "sigmoid": rf"\frac{{1}}{{1 + e^{{-{z}}}}}",
            "tanh": rf"\frac{{e^{{{z}}} - e^{{-{z}}}}}{{e^{{{z}}} + e^{{-{z}}}}}",
            "relu": rf"\max(0, {z})",
            "identity": z,
            "exp": rf"e^{{{z}}}",
            "ln": rf"\ln({z})",
        }[name]

    def words(self, text: str) -> str:
        return rf"\text{{{escape(text)}}}"

    def number_text(self, text: str) -> str:
        if "e" in text:
            mantissa, exponent = text.split("e")
            return rf"{mantissa} \times 10^{{{int(exponent)}}}"
        return text


def tall(term) -> bool:
    """Whether ``term`` is written as a fraction: a slope ∂y/∂W, or σ or tanh written out."""
    return isinstance(term, Slope) or isinstance(term, Written) and term.name in ("sigmoid", "tanh")


def grown(terms: list, texts: list[str]) -> str:
    r"""Join ``texts``, the written ``terms``, with the parentheses around a tall term as
    ``\left(`` … ``\right)``, so that they grow with it. A row of an ``align*`` may hold one end of a
    pair only (a long sum is broken at its "+" signs): its open end is closed with the invisible
    ``\right.`` at the row's end, or opened with ``\left.`` at its start.

    >>> from backprop.trace.worked import Sym
    >>> slope = Slope(Sym("y"), Sym("h", (1,)))
    >>> grown(["(", slope, ")", "·", "(", Sym("x"), ")"], ["(", "F", ")", " * ", "(", "x", ")"])
    '\\left(F\\right) * (x)'
    >>> grown(["(", slope, "+"], ["(", "F", " + "])
    '\\left(F + \\right.'
    """
    texts, opened, before, after = list(texts), [], "", ""
    tall_before = False
    for position, term in enumerate(terms):
        if term == "(":
            opened.append(position)
        elif term == ")" and opened:
            start = opened.pop()
            if any(tall(inside) for inside in terms[start + 1:position]):
                texts[start], texts[position] = r"\left(", r"\right)"
        elif term == ")" and tall_before:  # the "(" is on an earlier row
            texts[position] = r"\right)"
            before += r"\left."
        tall_before = tall_before or tall(term)
    for start in opened:  # the ")" is on a later row
        if any(tall(inside) for inside in terms[start + 1:]):
            texts[start] = r"\left("
            after += r"\right."
    return before + "".join(texts) + after


def escape(text: str) -> str:
    """Escape the characters LaTeX treats specially in prose.

    >>> escape("W1_13 & 50%")
    'W1\\\\_13 \\\\& 50\\\\%'
    >>> print(escape("why Φ_out′ cancels"))
    why $\\Phi'_{\\mathrm{out}}$ cancels
    """
    text = "".join(SPECIAL.get(char, char) for char in text)
    # Φ_out and Φ_out′ in words as in the math, not "Φ_out" with an escaped underscore
    return text.replace(r"$\Phi$\_out$'$", r"$\Phi'_{\mathrm{out}}$").replace(r"$\Phi$\_out", r"$\Phi_{\mathrm{out}}$")


def heading(title: str) -> str:
    """A section's title in bold on its own line. Not a ``\\subsubsection``: a sectioning command
    invites a page break before it, which leaves the rest of the page empty."""
    return rf"\par\addvspace{{\medskipamount}}\noindent\textbf{{{escape(title)}}}\par\nobreak\smallskip"


def width(terms: list, digits: int) -> float:
    """An estimate, in pt, of how wide ``terms`` are set in display math."""
    total = 0.0
    for term in terms:
        if isinstance(term, Sym):
            scripts = len(subscript(*term.indices)) if term.indices else 0
            scripts += len(str(term.layer)) if term.layer is not None else 0
            total += 7 * len(term.name) + 3 * term.prime + SCRIPT_WIDTH * scripts
        elif isinstance(term, Num):
            text = shown(term.value, digits)
            total += CHAR_WIDTH * len(text) + 10 * ("e" in text) + 8 * (text.startswith("-") and not term.result)
        elif isinstance(term, Slope):
            total += 9 + max(width([term.of], digits), width([term.by], digits))
        elif isinstance(term, Written):
            z = width(term.z, digits)
            total += {"sigmoid": 30 + 0.75 * z, "tanh": 40 + 1.5 * z, "relu": 35 + z, "identity": z,
                      "exp": 6 + 0.75 * z, "ln": 22 + z}[term.name]
        elif isinstance(term, Words):
            total += CHAR_WIDTH * len(term.text)
        else:
            total += OPERATOR_WIDTH[term]
    return total


def _pieces(terms: list, budget: float, digits: int) -> list[list]:
    """``terms`` cut into rows no wider than ``budget`` (where it can be): before a "+" or "−",
    or after a ","."""
    chunks, chunk = [], []
    for term in terms:
        if term in ("+", "−") and chunk:
            chunks.append(chunk)
            chunk = []
        chunk.append(term)
        if term == ",":
            chunks.append(chunk)
            chunk = []
    if chunk:
        chunks.append(chunk)
    rows, row = [], []
    for chunk in chunks:
        if row and width(row + chunk, digits) > budget:
            rows.append(row)
            row = []
        row = row + chunk
    if row:
        rows.append(row)
    return rows


def _rows(style: LatexStyle, line: Line, left: float) -> list[str]:
    """The rows of ``line`` in an ``align*`` whose left column is ``left`` pt wide."""
    first, *rest = line.parts
    if not rest:
        return [style.expression(first) + " &"]
    budget = ROW_WIDTH - left - EQUALS_WIDTH
    rows, row, used = [], style.expression(first), 0.0
    for part in rest:
        part_width = width(part, style.digits)
        if used and used + EQUALS_WIDTH + part_width > budget:
            rows.append(row)
            row, used = "", 0.0
        if part_width <= budget or len(part) == 1:
            row += " &= " + style.expression(part) if not used else " = " + style.expression(part)
            used += EQUALS_WIDTH + part_width
            continue
        for k, piece in enumerate(_pieces(part, budget - QUAD, style.digits)):
            if k == 0:
                row += " &= " + style.expression(piece)
            else:
                rows.append(row)
                row = r" &\quad " + ("{}" if piece[0] in ("+", "−") else "") + style.expression(piece)
        used = budget  # a broken part ends its row
    rows.append(row)
    return rows


def align(style: LatexStyle, lines: list[Line]) -> list[str]:
    """One ``align*`` of ``lines``, captions as ``\\intertext``."""
    return ["".join(align_pieces(style, lines, left_width(style, lines)))[:-1]]


def left_width(style: LatexStyle, lines) -> float:
    """The widest left-hand side of ``lines`` (0 if none has one): where an ``align*`` of them aligns."""
    return max((width(line.parts[0], style.digits) for line in lines if len(line.parts) > 1), default=0.0)


def align_pieces(style: LatexStyle, lines, left: float) -> Iterator[str]:
    """The ``align*`` of ``lines`` (any iterable: each is read once) in pieces that end with a newline."""
    yield r"\begin{align*}" + "\n"
    row_before = ""
    for number, line in enumerate(lines):
        line_rows = _rows(style, line, left)
        if line.caption and number > 0:
            line_rows[0] = rf"\intertext{{{escape(line.caption)}}}" + "\n" + line_rows[0]
        for r, row in enumerate(line_rows):
            if number or r:  # every row but the very first ends the one before it
                yield row_before + " \\\\\n"
            row_before = row
    yield row_before + "\n" + r"\end{align*}" + "\n"


def _table(style: LatexStyle, record: dict, k: int) -> list[str]:
    """The table of ``W[k]`` as a plain TeX ``\\halign`` in vertical mode: unlike a ``tabular``, which
    is one box, its rows stand on the page one by one, so a page can break between any two of them
    and a long table never leaves the rest of a page empty. It is set ``to\\linewidth``, the room
    left over going to the right of the last column, so a table too wide for the page is reported as
    an overfull box instead of running into the margin unseen."""
    rows = weight_rows(record, k)
    outputs = record["layers"][-1]
    y = "y'" if record.get("loss") == "cross_entropy" else "y"  # cross-entropy's δ is ∂y′/∂W
    slopes = ([rf"$\delta = \partial {y} / \partial W$"] if outputs == 1 else
              [rf"$\partial {y}_{{{j + 1}}} / \partial W$" for j in range(outputs)])
    columns = 4 + len(slopes)
    # a table too wide for the page is set smaller, with less room between its columns
    cells = [style.cells(row) for row in rows]
    widest = sum(max(len(row[c]) for row in cells) * CHAR_WIDTH + 12 for c in range(1, columns)) + 45
    size, gap = "", 12
    for smaller, scale in ((r"\small", 0.9), (r"\footnotesize", 0.8), (r"\scriptsize", 0.7), (r"\tiny", 0.5)):
        if widest <= ROW_WIDTH:
            break
        if widest * scale <= ROW_WIDTH or smaller == r"\tiny":
            size, gap = smaller, 6
            break
    preamble = (rf"\tabskip=0pt #\hfil\tabskip={gap}pt" + r"&\hfil#" * (columns - 1)
                + r"\tabskip=0pt plus 1fil\cr")
    header = " & ".join(["weight", "$W$", *slopes, r"$\Delta W$", r"new $W$"]) + r"\cr"
    head = r"\csname bpHead\the\bpTables\endcsname"
    out = ["{" + size + r"\par\global\advance\bpTables 1 \expandafter\newbox" + head,
           r"\setbox0\vbox{\halign to\linewidth{" + preamble, header,
           r"\noalign{\nobreak\vskip 2pt\hrule\nobreak\vskip 2pt\nobreak\marks\bpTableMarks{\the\bpTables}}"]
    out += [" & ".join(f"${cell}$" for cell in row) + r"\cr" for row in cells]
    # the header once more, taken off the end and kept: the same widths as the table's columns
    out += [r"\noalign{\marks\bpTableMarks{}}", header + "}",
            r"\global\setbox" + head + r"\lastbox\unskip}",
            rf"\topskip=\dimexpr\ht{head}+\dp{head}+4.4pt+\baselineskip\relax",
            r"\unvbox0 \par}"]
    return out


# Once per document: a weights table that a page break splits repeats its header on the new page.
# Each table's rows are marked with its number (\marks\bpTableMarks), and its header row is kept in a
# box of its own (\bpHead<number>), set in the table's \halign so its columns are the table's. A page
# whose top mark is a table's number begins inside that table: as the page is shipped out, its header
# is drawn above the first row, in the room left there by the table's larger \topskip (one column).
REPEATED_HEADER = r"""% (once per document: a table that a page break splits repeats its header on the new page)
\ifdefined\bpTableMarks\else
\newmarks\bpTableMarks \newcount\bpTables
\def\bpHeadAt#1{\hbox{\kern\dimexpr 1in+\hoffset+\csname @themargin\endcsname\relax
  \lower\dimexpr 1in+\voffset+\topmargin+\headheight+\headsep+\ht\csname bpHead#1\endcsname\relax
  \vtop{\copy\csname bpHead#1\endcsname\kern 2pt\hrule}}}
\AddToHook{shipout/foreground}{\ifnum 0\topmarks\bpTableMarks>0 \put(0,0){\bpHeadAt{\topmarks\bpTableMarks}}\fi}
\fi"""


def render(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` as a LaTeX fragment.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> print([line for line in render(record).splitlines() if line.startswith("h'_{1}")][0])
    h'_{1} &= x_{1} \\cdot W^{1}_{11} + x_{2} \\cdot W^{1}_{21} = 1 \\cdot 0.5 + 0.5 \\cdot 0.2 = 0.6 \\\\
    """
    return "".join(lines(record, digits))


def lines(record: dict, digits: int = 4) -> Iterator[str]:
    """The LaTeX of :func:`render` in pieces that end with a newline, made as they are read
    (``trace --format latex`` writes a long step so). Each ``align*`` is made twice over: once
    for the width of its widest left-hand side, then row by row."""
    style = LatexStyle(digits)
    for line in ["% One backpropagation step, worked out; written by `python -m backprop --format latex`.",
                 r"% A fragment to \input into a document that loads \usepackage{amsmath} (LaTeX 2020-10 or later).",
                 r"\allowdisplaybreaks", r"\subsection*{One backpropagation step, worked out}",
                 escape(describe(record)), escape(precision_note(digits))]:
        yield line + "\n"
    lefts = [left_width(style, section_lines) for _, section_lines in lazy_sections(record)]
    for left, (title, section_lines) in zip(lefts, lazy_sections(record)):
        section_lines = iter(section_lines)
        first = next(section_lines)
        yield "\n" + heading(title) + "\n"
        if first.caption:  # \intertext belongs between lines, so a first caption comes before
            yield escape(first.caption) + "\n"
        yield from align_pieces(style, itertools.chain([first], section_lines), left)
    yield "\n" + heading("The weights, before and after the step") + "\n" + REPEATED_HEADER + "\n"
    for k in range(len(record["W"])):
        yield "\n" + rf"\noindent $W^{{{k + 1}}}$\par\nobreak\smallskip" + "\n"
        yield from (row + "\n" for row in _table(style, record, k) + [r"\medskip"])
