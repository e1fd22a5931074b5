"""The worked step as one self-contained HTML page with a diagram (``--format html``).

The page has no scripts, no fonts and no links to fetch: a diagram of the
network (:mod:`backprop.pictures.diagram`) in its forward and its backward view,
switched by a pair of radio buttons and the stylesheet alone (without styles, and on
paper, the two stand one after the other), every worked line of the step, and a
table of each layer's weights before and after. It is well-formed XML, so
tools (and tests) can read it back. :func:`fragment` gives the same worked step
to place inside another page, such as a notebook's.
"""

import hashlib
import itertools
import json
import re
from html import escape
from typing import Iterator

from backprop.math.notation import subscript
from backprop.trace.formats.style import Style
from backprop.pictures.diagram import NEGATIVE, POSITIVE, VIEWS, ZERO, diagram, not_drawn
from backprop.pictures.graph_picture import graph_section
from backprop.trace.worked import Line, Slope, Sym, describe, lazy_sections, precision_note, weight_rows


CSS = f"""
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }}
h1 {{ font-size: 1.6rem; margin-bottom: 0.3rem; }}
h2 {{ font-size: 1.2rem; border-bottom: 1px solid #ddd; margin-top: 2rem; }}
figure {{ margin: 1.5rem 0; }}
.drawing {{ width: calc(100vw - 3rem); margin-left: calc(50% - 50vw + 1.5rem); overflow-x: auto;
            text-align: center; }}
.drawing svg {{ max-width: none; }}
figcaption {{ color: #555; font-size: 0.9rem; }}
ul.work {{ list-style: none; padding-left: 0.5rem; }}
ul.work li {{ margin: 0.25rem 0; }}
li.rule {{ background: #f4f6fa; padding: 0.2rem 0.5rem; border-left: 3px solid #1f5fbf; }}
.caption {{ color: #555; }}
.math {{ font-family: "Cambria Math", "STIX Two Math", Georgia, serif; font-size: 1.05rem; }}
.math var {{ font-style: italic; }}
table {{ border-collapse: collapse; margin: 0.5rem 2rem 1rem 0; display: inline-table;
        vertical-align: top; }}
th, td {{ border: 1px solid #ddd; padding: 0.2rem 0.6rem; }}
td.number {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.positive {{ color: {POSITIVE}; }}
td.negative {{ color: {NEGATIVE}; }}
td.zero {{ color: {ZERO}; }}
.scripts {{ display: inline-flex; flex-direction: column; vertical-align: 0.42em;
            font-size: 0.7em; line-height: 1.05; margin-left: 0.05em; }}
.scripts sup, .scripts sub {{ font-size: 1em; vertical-align: baseline; }}
sub, sup {{ white-space: nowrap; }}
.swatch {{ display: inline-block; width: 1.5rem; height: 0.3rem; vertical-align: middle; }}
.view-choice label {{ margin-right: 1rem; white-space: nowrap; }}
.views:has(input[value="backward"]:checked) figure.forward {{ display: none; }}
.views:has(input[value="forward"]:checked) figure.backward {{ display: none; }}
"""
# on a screen, a phone's above all: no index under 14 px, and a table wider than the page scrolls in
# its own box (the page never scrolls sideways)
PHONE_CSS = """
@media screen {
  sub, sup, .scripts { font-size: max(14px, 0.7em); }
  code { font-size: max(14px, 0.9em); }
  table { display: inline-block; max-width: 100%; overflow-x: auto; }
}
@media screen and (max-width: 30rem) {
  table { margin-right: 0; }
  th, td { padding: 0.2rem 0.25rem; font-size: 0.9rem; }
}
"""
PRINT_CSS = """
@media print {
  .view-choice { display: none; }
  .views figure.view { display: block !important; break-inside: avoid; }
}
"""


class HtmlStyle(Style):
    """HTML math: <var>W</var><sup>1</sup><sub>13</sub>, with a real minus sign."""

    operators = {
        "+": " + ", "−": " − ", "·": "·", "(": "(", ")": ")", ",": ", ",
        "½": "½", "²": "²", "Φ": "Φ", "Φ′": "Φ′", "←": " ← ",
        "Φ_out": "Φ<sub>out</sub>", "Φ_out′": "Φ′<sub>out</sub>", "Σ_j": "Σ<sub><var>j</var></sub> ",
        "minus": "−", "/": "/", "Σ_l": "Σ<sub><var>l</var></sub> ",
    }

    def symbol(self, sym: Sym) -> str:
        name = escape(sym.name)
        if sym.layer is not None:
            sym = sym._replace(layer=escape(str(sym.layer)))
        text = "Δ<var>W</var>" if sym.name == "ΔW" else f"<var>{name}</var>"
        text += "′" if sym.prime else ""
        if sym.layer is not None and sym.indices:  # W¹_13: the 1 stands above the 13
            return (f'{text}<span class="scripts"><sup>{sym.layer}</sup>'
                    f"<sub>{subscript(*sym.indices)}</sub></span>")
        if sym.layer is not None:
            return f"{text}<sup>{sym.layer}</sup>"
        if sym.indices:
            return f"{text}<sub>{subscript(*sym.indices)}</sub>"
        return text

    def slope(self, slope: Slope) -> str:
        return f"∂{self.symbol(slope.of)}/∂{self.symbol(slope.by)}"

    def written(self, name: str, z: str) -> str:
        e = "<i>e</i>"
        return {
            "sigmoid": f"1/(1 + {e}<sup>−{z}</sup>)",
            "tanh": f"({e}<sup>{z}</sup> − {e}<sup>−{z}</sup>)/({e}<sup>{z}</sup> + {e}<sup>−{z}</sup>)",
            "relu": f"max(0, {z})",
            "identity": z,
            "exp": f"{e}<sup>{z}</sup>",
            "ln": f"ln({z})",
        }[name]

    def words(self, text: str) -> str:
        return escape(text)

    def number_text(self, text: str) -> str:
        if "e" in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}·10<sup>{int(exponent)}</sup>"
        return text.replace("-", "−")


def _item(style: HtmlStyle, line: Line) -> str:
    caption = f'<span class="caption">{escape(line.caption)}</span> ' if line.caption else ""
    css = ' class="rule"' if line.rule else ""
    return f'<li{css}>{caption}<span class="math">{style.math(line)}</span></li>'


def _table(style: HtmlStyle, record: dict, k: int) -> list[str]:
    outputs = record["layers"][-1]
    y = "<var>y</var>′" if record.get("loss") == "cross_entropy" else "<var>y</var>"  # cross-entropy's δ: ∂y′/∂W
    slopes = ([f"δ = ∂{y}/∂<var>W</var>"] if outputs == 1 else
              [f"∂{y}<sub>{j + 1}</sub>/∂<var>W</var>" for j in range(outputs)])
    out = [f"<table><caption><var>W</var><sup>{k + 1}</sup></caption>",
           "<tr><th>weight</th><th><var>W</var></th>" + "".join(f"<th>{s}</th>" for s in slopes)
           + "<th>Δ<var>W</var></th><th>new <var>W</var></th></tr>"]
    for row in weight_rows(record, k):
        sign = "positive" if row.delta_W > 0 else "negative" if row.delta_W < 0 else "zero"
        out.append(
            f'<tr><td class="math">{style.symbol(row.symbol)}</td>'
            + "".join(f'<td class="number">{style.number(v)}</td>' for v in (row.W, *row.slopes))
            + f'<td class="number {sign}">{style.number(row.delta_W)}</td>'
            + f'<td class="number">{style.number(row.W_new)}</td></tr>'
        )
    out.append("</table>")
    return out


def render(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` as one HTML page.

    >>> import xml.etree.ElementTree as ET
    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> page = ET.fromstring(render(explain(example.network(), example.x, example.d, example.alpha)))
    >>> page.find("body/h1").text
    'One backpropagation step, worked out'
    """
    return "".join(lines(record, digits))


def lines(record: dict, digits: int = 4) -> Iterator[str]:
    """The page of :func:`render` a line at a time, each with its newline, made as it is read
    (``trace --format html`` writes a long step so, never holding it whole)."""
    head = ["<!DOCTYPE html>", '<html lang="en">', '<head><meta charset="utf-8"/>',
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
            "<title>One backpropagation step, worked out</title>",
            f"<style>{CSS}{PHONE_CSS}{PRINT_CSS}</style></head>", "<body>"]
    for line in itertools.chain(head, _body(record, digits), ["</body>", "</html>"]):
        yield line + "\n"


SCOPE = "backprop-step"  # the class of a notebook's element that holds the worked step
FRAGMENT_CSS = """
body { max-width: none; margin: 0; padding: 0; }
h1 { font-size: 1.3rem; margin-top: 0.5rem; }
.drawing { width: auto; margin-left: 0; overflow-x: visible; text-align: left; }
.drawing svg { max-width: 100%; height: auto; }
table { margin-right: 1rem; }
th, td { padding: 0.2rem 0.35rem; }
"""


def scoped(css: str, scope: str = SCOPE) -> str:
    """``css`` with every rule limited to the element of class ``scope`` (``body`` is that element).

    >>> print(scoped("body { margin: 0; }\\nh1, .a b { color: red; }", "s"))
    .s { margin: 0; }
    .s h1, .s .a b { color: red; }
    """
    def prefix(match) -> str:
        selectors = [selector.strip() for selector in match.group(1).split(",")]
        return ", ".join(f".{scope}" if selector == "body" else f".{scope} {selector}" for selector in selectors) + " {"

    return re.sub(r"^([^{}\n]+?)\s*\{", prefix, css, flags=re.MULTILINE)


def fragment(record: dict, digits: int = 4) -> str:
    """Return the worked step of ``record`` as HTML to place inside another page, such as a notebook's.

    No frame, no script and no fixed height: one ``<div class="backprop-step">`` that grows with its
    content, and the page's styles limited to that element, so nothing else on the page changes.
    The diagram fits the width (no scroll bar of its own). Without the styles (GitHub shows a
    notebook's HTML without them) it still reads: headings, lists, tables, and a diagram that
    carries its own colours.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> html = fragment(explain(example.network(), example.x, example.d, example.alpha))
    >>> html.startswith('<div class="backprop-step">'), "<iframe" in html, "<script" in html
    (True, False, False)
    """
    return "\n".join([f'<div class="{SCOPE}">', f"<style>{scoped(CSS + FRAGMENT_CSS)}</style>",
                      *_body(record, digits), "</div>"]) + "\n"


def _body(record: dict, digits: int) -> Iterator[str]:
    """The lines of the worked step inside a page's ``<body>``, made as they are read."""
    style = HtmlStyle(digits)
    yield "<h1>One backpropagation step, worked out</h1>"
    yield f"<p>{escape(describe(record))} {escape(precision_note(digits))}</p>"
    yield from _views(record, digits)
    for title, section_lines in lazy_sections(record):
        yield from ["<section>", f"<h2>{escape(title)}</h2>", '<ul class="work">']
        yield from (_item(style, line) for line in section_lines)
        yield from ["</ul>", "</section>"]
    yield from ["<section>", "<h2>The weights, before and after the step</h2>"]
    for k in range(len(record["W"])):
        yield from _table(style, record, k)
    yield "</section>"
    yield from graph_section(record, digits)  # the same step by autograd (issue 24)


def _views(record: dict, digits: int) -> list[str]:
    """The diagram's two views and the radio buttons that choose one, by the stylesheet alone: no
    script. Without styles both views show, the forward first. The buttons' group is named after
    the record, so two steps in one notebook do not share it."""
    reason = not_drawn(record)
    if reason is not None:
        return [f'<p class="not-drawn">The network is not drawn: {reason}. The worked lines below hold every '
                "number of the step.</p>"]
    group = "view-" + hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()[:10]
    swatches = (f'<span class="swatch" style="background:{POSITIVE}"></span> blue if positive, '
                f'<span class="swatch" style="background:repeating-linear-gradient(90deg, {NEGATIVE} 0 6px, '
                f'transparent 6px 10px)"></span> red and dashed if negative, '
                f'<span class="swatch" style="background:{ZERO}"></span> grey if zero')
    y = "y′" if record.get("loss") == "cross_entropy" else "y"  # cross-entropy's δ is ∂y′/∂W
    captions = {
        "forward": f"The forward pass. Each line is a weight: {swatches}, thicker for a larger |W|, labelled "
                   "with the weight before the step. In each neuron's box: its values in this step.",
        "backward": f"The backward pass. Each line is a weight, labelled with δ = ∂{y}/∂W and its change ΔW: "
                    f"{swatches} (the sign of ΔW), thicker for a larger |ΔW|. In each hidden neuron's box: its "
                    f"error term ∂{y}/∂h′; in each output's: d − y" + ("" if record["output_activation"] == "identity"
                                                                       or y == "y′" else " and Φ_out′(y′)") + ".",
    }
    out = ['<div class="views">',
           '<p class="view-choice" role="radiogroup" aria-label="Which pass the diagram shows">Show '
           f'<label><input type="radio" name="{group}" value="forward" checked="checked"/> the forward pass</label> '
           f'<label><input type="radio" name="{group}" value="backward"/> the backward pass</label></p>']
    for view in VIEWS:
        out += [f'<figure class="view {view}">', '<div class="drawing">', diagram(record, digits, view), "</div>",
                f"<figcaption>{captions[view]} Point at a line or a box for its formulas with the numbers put in."
                "</figcaption>", "</figure>"]
    return out + ["</div>"]

