"""A sheet of numbered problems for a class, and its answer key, as LaTeX, Markdown or HTML;
or as Moodle XML, one numerical question per value, for a learning platform.

The sheet gives each problem (its id, the network, x, d, α and the weights)
and a blank for every value of one step; the key works every value out, line
by line, with the numbers put in. Both come from the same
:func:`~backprop.classroom.quantities.quantities`, so the key is the library's
own step.

>>> from backprop.classroom.problems import problem
>>> sheet, key = write([problem(7, 1)], "markdown", "7")
>>> sheet.splitlines()[0], key.count("$h'_{1} = x_{1}")
('# Backpropagation by hand: problems 7-1 to 7-1', 1)
"""

import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html import escape as html_escape

from backprop.activations import activation_text
from backprop.classroom.quantities import givens, quantities, record, worked_lines
from backprop.math.deep import DeepNetwork
from backprop.trace.formats.html_format import HtmlStyle
from backprop.trace.formats.latex_format import LatexStyle, align, escape as latex_escape
from backprop.trace.formats.markdown_format import escape as markdown_escape
from backprop.trace.worked import Line

FORMATS = {"latex": "tex", "markdown": "md", "html": "html", "moodle": "xml"}  # moodle: the sheet only
DIGITS = 4


def how(digits: int = DIGITS) -> str:
    """What the top of a sheet says: the task, the digits to carry, and how to check."""
    rule = "" if digits == DIGITS else f" --digits {digits}"
    return ("Work one step of backpropagation with a pencil: fill in every blank, carrying "
            f"{digits} significant digits. Check yourself with: python -m backprop check answers.txt{rule} "
            "--problem ID")


def _network(problem) -> str:
    net = problem.net
    sizes = net.layers if isinstance(net, DeepNetwork) else [net.n_inputs, net.n_hidden, 1]
    return (f"a {'-'.join(map(str, sizes))} network, Φ = {activation_text(net.activation)}"
            + (f", Φ_out = {net.output_activation} (y = Φ_out(y′))" if net.output_activation != "identity" else "")
            + (", with bias (the last row of each weight matrix)" if net.bias else "")
            + (", E = binary cross-entropy (Φ_out′ cancels: δ = ∂y′/∂W)" if net.loss == "cross_entropy" else ""))


def _options(problem, digits: int = DIGITS) -> str:
    """The options that name this problem's network (and the digits rule) to ``check``, beside its id."""
    net = problem.net
    words = [f"--problem {problem.id}"] + ([f"--digits {digits}"] if digits != DIGITS else [])
    if isinstance(net, DeepNetwork):
        words.append("--layers " + ",".join(map(str, net.layers)))
    if net.activation != "sigmoid":
        words.append(f"--activation {activation_text(net.activation)}")
    if net.bias:
        words.append("--bias")
    if net.output_activation != "identity":
        words.append(f"--output-activation {net.output_activation}")
    if net.loss != "squared":
        words.append(f"--loss {net.loss}")
    return " ".join(words)


SPACE = 0.8  # centimetres of room for working below each row of blanks on a printed (LaTeX) sheet


def write(problems: list, format: str, seed: str, digits: int = DIGITS, space: float = SPACE) -> tuple:
    """Return ``(sheet, key)``, the texts of the two files, in ``format`` (one of :data:`FORMATS`);
    the sheet asks for ``digits`` significant digits, and the key shows that many; a LaTeX sheet
    leaves ``space`` cm for working below each row of blanks. A Moodle sheet holds its answers:
    its key is None."""
    title = f"Backpropagation by hand: problems {problems[0].id} to {problems[-1].id}"
    worked = [(p, givens(step), quantities(p.net, p.x, p.d, p.alpha), worked_lines(step, rules=True))
              for p in problems for step in [record(p.net, p.x, p.d, p.alpha)]]
    if format == "latex":
        return _latex(title, worked, digits, space)
    return {"markdown": _markdown, "html": _html, "moodle": _moodle}[format](title, worked, digits)


# LaTeX: two complete documents for pdflatex


LATEX_HEAD = r"""\documentclass[11pt]{article}
\usepackage[a4paper,margin=18mm]{geometry}
\usepackage{amsmath}
\allowdisplaybreaks
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\setlength{\parindent}{0pt}
\begin{document}
\raggedright
"""


def _latex(title: str, worked: list, digits: int, space: float = SPACE) -> tuple:
    style = LatexStyle(digits)
    sheet, key = [LATEX_HEAD, rf"\section*{{{latex_escape(title)}}}", latex_escape(how(digits)).replace("python", r"\texttt{python").replace(" ID", r" ID}").replace("--", "-{}-")], \
        [LATEX_HEAD, rf"\section*{{Answer key. {latex_escape(title)}}}"]
    for problem, given, values, lines in worked:
        head = [r"\bigskip", rf"\subsection*{{Problem {problem.id}}}",
                latex_escape(_network(problem))
                + rf"; check with \texttt{{{latex_escape(_options(problem, digits)).replace('--', '-{}-')}}}" + r"\\",
                r",\quad ".join(f"${style.math(line)}$" for line in given)]
        blanks = [r"\par\medskip\begin{tabular}{@{}llll@{}}"]
        cells = [f"${_blank_name(style, q)} = $ " + r"\rule{19mm}{0.4pt}" for q in values]
        rows = [cells[i:i + 4] for i in range(0, len(cells), 4)]
        blanks += [" & ".join(row) + rf" \\[{space:g}cm]" for row in rows]
        blanks.append(r"\end{tabular}")
        # a minipage is one box: a problem, its statement and all its blanks, never splits across pages
        sheet += [r"\par\noindent\begin{minipage}{\linewidth}"] + head + blanks + [r"\end{minipage}\par"]
        # the updates (W ← W + ΔW, a wide left side) in an align of their own, as in the trace
        # (with cross-entropy, its rules too: why Φ_out′ cancels, and which δ the step takes)
        steps = [[line for line in lines if ("←" in line.parts[0]) == update] for update in (False, True)]
        key += head + [r"{\small"] + [row for lines in steps if lines for row in align(style, lines)] + ["}"]
    end = [r"\end{document}", ""]
    return "\n".join(sheet + end), "\n".join(key + end)


# Markdown: formulas in $…$


def _markdown(title: str, worked: list, digits: int) -> tuple:
    style = LatexStyle(digits)
    sheet, key = [f"# {title}", "", how(digits)], [f"# Answer key. {title}"]
    for problem, given, values, lines in worked:
        head = ["", f"## Problem {problem.id}", "", f"{_network(problem)}; check with `{_options(problem, digits)}`", "",
                ", ".join(f"${style.math(line)}$" for line in given), ""]
        cells = [f"${_blank_name(style, q)}$ = ______" for q in values]
        rows = [cells[i:i + 4] + [""] * (4 - len(cells[i:i + 4])) for i in range(0, len(cells), 4)]
        # an empty header row, so that the first row of blanks is a row like the others, not a header
        sheet += head + ["|   |   |   |   |", "|---|---|---|---|"]
        sheet += ["| " + " | ".join(row) + " |" for row in rows]
        key += head + [_markdown_line(style, line) for line in lines]
    return "\n".join(sheet) + "\n", "\n".join(key) + "\n"


def _markdown_line(style, line: Line) -> str:
    """A line of the key, its caption (a rule's in italics, as the trace writes it) before its math."""
    math = f"${style.math(line)}$"
    if not line.caption:
        return f"- {math}"
    caption = markdown_escape(line.caption)
    return f"- *{caption}* {math}" if line.rule else f"- {caption} {math}"


def _blank_name(style, q) -> str:
    """The name of a blank: the quantity's symbol, with "new" before a weight after the step."""
    if not q.name.endswith(" new"):
        return style.expression(q.line.parts[0])
    new = r"\text{new }" if isinstance(style, LatexStyle) else "new "
    return new + style.expression(q.line.parts[0][:1])


# HTML: one page each, printable


CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
section { break-inside: avoid; border-top: 1px solid #ccc; padding: 0.5rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 0.5rem 0; }
.math { font-family: "Cambria Math", "STIX Two Math", Georgia, serif; }
.math var { font-style: italic; }
.given { margin: 0.3rem 0; }
.blanks { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.9rem 1.5rem;
          margin-top: 0.8rem; }
.blank { white-space: nowrap; display: flex; align-items: baseline; gap: 0.3em; }
.blank span.line { flex: 1; min-width: 3rem; max-width: 6rem; border-bottom: 1px solid #444; }
.scripts { display: inline-flex; flex-direction: column; vertical-align: 0.42em; font-size: 0.7em; line-height: 1.05; }
.scripts sup, .scripts sub { font-size: 1em; vertical-align: baseline; }
ul.work { list-style: none; padding-left: 0.5rem; } ul.work li { margin: 0.2rem 0; }
.caption { color: #555; }
code { background: #f4f4f4; padding: 0 0.2rem; font-size: 0.9rem; }
.sym { white-space: nowrap; }
sub, sup { white-space: nowrap; }
@media screen {  /* a phone's above all: no index under 14 px */
  sub, sup, .scripts { font-size: max(14px, 0.7em); }
  .math { font-size: 1.05rem; }
}
@media screen and (max-width: 30rem) { .blanks { gap: 0.9rem 1rem; } }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; line-height: 1.3; }
  h1 { font-size: 1.3rem; margin: 0 0 0.5rem; }
  section { break-inside: avoid; page-break-inside: avoid; padding: 0.3rem 0 0.6rem; }
  ul.work { margin: 0.3rem 0; } ul.work li { margin: 0; }
  .blanks { grid-template-columns: repeat(4, 1fr); }
}
"""

# a symbol with its indices, W²₃ or h′₁: kept on one line (a browser may otherwise break between W and ²₃)
SYMBOL = re.compile(r'(<var>[^<]*</var>′?'
                    r'(?:<sub>[^<]*</sub>|<span class="scripts"><sup>[^<]*</sup><sub>[^<]*</sub></span>))')


def _html(title: str, worked: list, digits: int) -> tuple:
    style = HtmlStyle(digits)

    def page(heading: str, body: list) -> str:
        body = [SYMBOL.sub(r'<span class="sym">\1</span>', part) for part in body]
        return "\n".join([
            "<!DOCTYPE html>", '<html lang="en">', '<head><meta charset="utf-8"/>',
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
            f"<title>{html_escape(heading)}</title>", f"<style>{CSS}</style></head>", "<body>",
            f"<h1>{html_escape(heading)}</h1>", *body, "</body>", "</html>", ""])

    sheet, key = [f"<p>{html_escape(how(digits))}</p>"], []
    for problem, given, values, lines in worked:
        head = [f"<section><h2>Problem {html_escape(problem.id)}</h2>",
                f"<p>{html_escape(_network(problem))}; check with <code>{_html_options(problem, digits)}</code></p>",
                '<p class="given math">' + ", &#160; ".join(style.math(line) for line in given) + "</p>"]
        blanks = ['<div class="blanks">'] + [
            f'<div class="blank"><span class="math">{_blank_name(style, q)}</span>'
            f' = <span class="line"></span></div>'
            for q in values] + ["</div></section>"]
        sheet += head + blanks
        key += head + ['<ul class="work">'] + [
            f'<li><span class="caption">{html_escape(line.caption)}</span> <span class="math">{style.math(line)}</span></li>'
            if line.caption else f'<li class="math">{style.math(line)}</li>' for line in lines] + ["</ul></section>"]
    return page(title, sheet), page(f"Answer key. {title}", key)


def _html_options(problem, digits: int) -> str:
    """The options of :func:`_options` in HTML, each with its value kept on one line; a phone breaks the
    line between options only (``--output-activation sigmoid --loss cross_entropy`` is wider than 390 px)."""
    options = _options(problem, digits).split(" --")  # "--problem 7-1", "output-activation sigmoid", …
    return " ".join(f'<span class="sym">{html_escape(option if n == 0 else "--" + option)}</span>'
                    for n, option in enumerate(options))


# Moodle XML: one numerical question per value, for a learning platform's question bank


def tolerance(value: float, digits: int) -> float:
    """Half a unit of the ``digits``-th significant digit of ``value``: the answers ``check`` takes.

    >>> tolerance(0.6457, 4), tolerance(-12.5, 3)
    (5e-05, 0.05)
    """
    if value == 0:
        return 0.5 * 10.0 ** -digits
    exponent = math.floor(math.log10(abs(value))) - digits + 1
    return float(Decimal(5).scaleb(exponent - 1))


def _moodle(title: str, worked: list, digits: int) -> tuple:
    """A Moodle XML question bank: a category per sheet, a numerical question per value, with the
    given numbers and the formula in its text, the tolerance of :func:`tolerance`, and the worked
    line as its feedback (https://docs.moodle.org/en/Moodle_XML_format)."""
    style = HtmlStyle(digits)
    quiz = ET.Element("quiz")
    category = ET.SubElement(ET.SubElement(quiz, "question", type="category"), "category")
    ET.SubElement(category, "text").text = f"$course$/top/{title}"
    for problem, given, values, _ in worked:
        head = (f"<p>Problem {html_escape(problem.id)}: {html_escape(_network(problem))}.</p>"
                f'<p>{", ".join(style.math(line) for line in given)}</p>')
        for q in values:
            question = ET.SubElement(quiz, "question", type="numerical")
            ET.SubElement(ET.SubElement(question, "name"), "text").text = f"{problem.id} {q.name}"
            asked = Line(q.line.parts[:1] if "←" in q.line.parts[0] else q.line.parts[:2])
            text = ET.SubElement(question, "questiontext", format="html")
            ET.SubElement(text, "text").text = (head + f"<p>{style.math(asked)} = ?</p><p>Give {digits} "
                                                "significant digits.</p>")
            feedback = ET.SubElement(question, "generalfeedback", format="html")
            ET.SubElement(feedback, "text").text = f"<p>{style.math(q.line)}</p>"
            ET.SubElement(question, "defaultgrade").text = "1"
            ET.SubElement(question, "penalty").text = "0.3333333"
            ET.SubElement(question, "hidden").text = "0"
            answer = ET.SubElement(question, "answer", fraction="100")
            ET.SubElement(answer, "text").text = f"{q.value:.15g}"
            ET.SubElement(answer, "tolerance").text = repr(tolerance(q.value, digits))
            ET.SubElement(ET.SubElement(answer, "feedback", format="html"), "text").text = ""
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n", None
