"""The network's diagram for the printed LaTeX trace: the SVG diagram redrawn with LaTeX's own
``picture`` environment.

The drawing is :func:`backprop.pictures.diagram.diagram`'s, in both views (forward, then backward),
read back from its SVG: the same cards, edges, labels, colours, thickness and dashes, so the page and
the paper show one diagram. It needs only the LaTeX kernel, ``graphicx`` (to turn and scale it) and
``color``: an edge of any slope is a rule turned to its slope by ``\\rotatebox`` (the kernel's
``\\line`` has a few slopes only, and ``pict2e`` is not in every TeX), a dashed one a row of short
rules, a card a filled rectangle and its four sides. One pixel of the SVG is one point of the picture; the picture is then turned a
quarter and scaled to fit a page of its own (a float, so the text around it still fills its pages).
"""

import math
import re
import xml.etree.ElementTree as ET

from backprop.pictures.diagram import VIEWS, diagram, not_drawn

SVG = "{http://www.w3.org/2000/svg}"
GREEK = {"δ": r"\delta ", "Δ": r"\Delta ", "∂": r"\partial ", "Φ": r"\Phi ", "α": r"\alpha ", "−": "-",
         "′": "'", "·": r"\cdot "}
SUPERSCRIPTS, SUBSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹", "₀₁₂₃₄₅₆₇₈₉"
CAPTIONS = {"forward": "The network in this step, the forward pass: each edge is a weight (blue if "
                       "positive, red and dashed if negative, thicker for a larger $|W|$).",
            "backward": "The backward pass: in each neuron its error term, on each edge "
                        "$\\delta = \\partial y/\\partial W$ and the change $\\Delta W$."}


def tex_text(text: str) -> str:
    """A diagram's text (plain Unicode: W¹₁₃ = −0.3) as LaTeX math; words as text.

    >>> tex_text("W¹₁₃ = −0.3")
    '$W^{1}_{13} = -0.3$'
    >>> tex_text("∂y/∂h′₁ = 1.5e−05"), tex_text("= 1 (bias)")
    ("$\\\\partial y/\\\\partial h'_{1} = 1.5\\\\times 10^{-05}$", '$= 1 \\\\text{ (bias)}$')
    """
    words = re.search(r" \(([a-z ]+)\)$", text)
    if words:
        text = text[:words.start()]
    text = re.sub(r"(\d)e([−-]?\d+)", lambda m: m[1] + r"\times 10^{" + m[2].replace("−", "-") + "}", text)
    out = ""
    for run in re.findall(f"[{SUPERSCRIPTS}]+|[{SUBSCRIPTS}]+|.", text):
        if run[0] in SUPERSCRIPTS:
            out += "^{" + "".join(str(SUPERSCRIPTS.index(c)) for c in run) + "}"
        elif run[0] in SUBSCRIPTS:
            out += "_{" + "".join(str(SUBSCRIPTS.index(c)) for c in run) + "}"
        else:
            out += GREEK.get(run, run)
    return f"${out.strip()}" + (rf" \text{{ ({words[1]})}}" if words else "") + "$"


def _rgb(colour: str) -> str:
    """'#1f5fbf' (or '#fff') as the ``color`` package's rgb: '0.122,0.373,0.749'."""
    if len(colour) == 4:
        colour = "#" + "".join(2 * c for c in colour[1:])
    return ",".join(f"{int(colour[k:k + 2], 16) / 255:.3f}" for k in (1, 3, 5))


def picture(record: dict, digits: int = 4, view: str = "forward") -> str:
    """The diagram of ``record`` in ``view`` as a LaTeX ``picture`` (one point per SVG pixel), coloured
    where the ``color`` package is loaded.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> drawn = picture(explain(example.network(), example.x, example.d, example.alpha))
    >>> drawn.splitlines()[0], drawn.count(r"\\rotatebox") >= 9   # 2·3 weights in W¹, 3 in W²
    ('\\\\begin{picture}(920,370)%', True)

    Raises ``ValueError`` for a ``view`` that is neither forward nor backward.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    svg = ET.fromstring(diagram(record, digits, view))
    width, height = float(svg.get("width")), float(svg.get("height"))
    # a pixel is a point, or less where the picture would pass TeX's largest size (16383 pt)
    scale = min(1.0, 8000 / max(width, height))
    out = [rf"\begin{{picture}}({width:.0f},{height:.0f})"]
    if scale < 1:
        out[0] = rf"\setlength\unitlength{{{scale:.4f}pt}}" + out[0]

    def colour(value: str | None) -> str:
        return rf"\bpColour{{{_rgb(value)}}}" if value and value.startswith("#") else ""

    def box(rect, fill: str | None, stroke: str | None) -> None:
        x, y = float(rect.get("x")), float(rect.get("y"))
        w, h = float(rect.get("width")), float(rect.get("height"))
        if fill:  # a white fill too: it hides the edges under a label
            out.append(rf"\put({x:.1f},{height - y - h:.1f}){{{colour(fill)}\rule{{{w:.1f}\unitlength}}"
                       rf"{{{h:.1f}\unitlength}}}}")
        dashes, thickness = rect.get("stroke-dasharray"), rect.get("stroke-width", "1")
        for start, end in (((x, y), (x + w, y)), ((x, y + h), (x + w, y + h)), ((x, y), (x, y + h)),
                           ((x + w, y), (x + w, y + h))):
            line(*start, *end, stroke, thickness, dashes)

    def line(x1, y1, x2, y2, stroke, stroke_width, dashes) -> None:
        """A rule of the line's length and thickness, turned to its slope (graphicx) about its left
        end; dashed, a row of short rules (leaders)."""
        if x2 < x1:
            x1, y1, x2, y2 = x2, y2, x1, y1
        angle = math.degrees(math.atan2(y1 - y2, x2 - x1))  # SVG's y grows downwards, TeX's upwards
        length, thick = math.hypot(x2 - x1, y2 - y1), float(stroke_width)
        def rule(long: float) -> str:
            return rf"\rule[{-thick / 2:.2f}\unitlength]{{{long:.1f}\unitlength}}{{{thick:.2f}\unitlength}}"

        if dashes:
            on, off = map(float, dashes.split())
            drawn = (rf"\hbox to {length:.1f}\unitlength{{\leaders\hbox to {on + off:g}\unitlength"
                     rf"{{{rule(on)}\hss}}\hfill}}")
        else:
            drawn = rule(length)
        # a turned box starts at its leftmost point: half the thickness left of the line's start
        shift = thick / 2 * abs(math.sin(math.radians(angle)))
        out.append(rf"\put({x1 - shift:.1f},{height - y1:.1f}){{{colour(stroke)}\rotatebox{{{angle:.2f}}}"
                   rf"{{{drawn}}}}}")

    def text(element) -> None:
        size = float(element.get("font-size", "12")) * scale
        out.append(rf"\put({float(element.get('x')):.1f},{height - float(element.get('y')):.1f}){{"
                   rf"\makebox(0,0)[b]{{\fontsize{{{size:g}}}{{{size * 1.2:g}}}\selectfont "
                   rf"{tex_text(element.text or '')}}}}}")

    for element in svg.iter(f"{SVG}line"):  # the edges first, the cards and labels over them
        line(float(element.get("x1")), float(element.get("y1")), float(element.get("x2")),
             float(element.get("y2")), element.get("stroke"), element.get("stroke-width"),
             element.get("stroke-dasharray"))
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        box(rect, rect.get("fill"), rect.get("stroke"))
        for element in group.iter(f"{SVG}text"):
            text(element)
    out.append(r"\end{picture}")
    return "%\n".join(out)  # "%": a line's end would be a space, and a space moves what follows


def figures(record: dict, digits: int = 4) -> list[str]:
    """Both views, forward then backward, each a float of its own (``figure``, ``[p]``): the picture
    turned a quarter and scaled to fit the page (its height but for the caption, all of its width).
    A network past :data:`~backprop.pictures.diagram.MOST_NEURONS` neurons a layer gets a sentence instead."""
    reason = not_drawn(record)
    if reason is not None:
        return [rf"\noindent The network is not drawn: {reason}. The worked lines hold every number of the step.\par"]
    out = [r"\providecommand\bpColour[1]{\ifdefined\color\color[rgb]{#1}\fi}",
           r"\ifdefined\bpWidth\else\newdimen\bpWidth\fi"]
    for view in VIEWS:
        drawn = picture(record, digits, view)
        width, height = map(int, re.search(r"\\begin\{picture\}\((\d+),(\d+)\)", drawn).groups())
        out += [r"\begin{figure}[p]\centering",
                # the turned picture's height is its width: at most the page's but for the caption, and its width
                # (the picture's height) at most the line's
                rf"\bpWidth=\dimexpr\linewidth*{width}/{height}\relax"
                r"\ifdim\bpWidth>\dimexpr\textheight-4\baselineskip\relax "
                r"\bpWidth=\dimexpr\textheight-4\baselineskip\relax\fi",
                r"\rotatebox{90}{\resizebox{\bpWidth}{!}{%", drawn, "}}",
                rf"\par\medskip\small {CAPTIONS[view]}",
                r"\end{figure}"]
    return out
