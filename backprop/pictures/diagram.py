"""The network as an SVG diagram: nodes x, h, y, and every weight as a labelled edge.

Each edge is drawn in blue for a positive weight and red for a negative one,
thicker for a larger |W|, and labelled with its weight before the step and
the step's change ΔW. Labels are placed along their edge where they overlap no
other label and no node. The SVG is plain text, without scripts or fonts.
"""

from html import escape

from backprop.math.notation import subscript
from backprop.trace.formats.style import shown
from backprop.trace.worked import Sym, hidden, inputs, weight_rows

POSITIVE, NEGATIVE = "#1f5fbf", "#c0392b"
SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPTS = {None: "", 1: "¹", 2: "²"}
RADIUS = 26
LEFT, GAP_W2, RIGHT = 90, 350, 100  # the x column's centre, the h-to-y gap, room right of y
ROW_HEIGHT = 120
TOP, BOTTOM = 30, 75  # room above the first node, and below the last for its values
GAP = 6  # the least space between two labels
CHAR_WIDTH, LINE_HEIGHT = 7.2, 15  # an estimate of the label font's size, for placing labels
# where along its edge a label may sit: from the middle outwards
T_CHOICES = sorted((k / 100 for k in range(16, 85, 4)), key=lambda t: abs(t - 0.5))


def symbol(sym: Sym) -> str:
    """W¹₁₃, h′₁: a symbol in plain Unicode with real subscript digits."""
    name = sym.name + ("′" if sym.prime else "") + SUPERSCRIPTS[sym.layer]
    return name + subscript(*sym.indices).translate(SUBSCRIPT_DIGITS)


def number(value: float, digits: int, sign: bool = False) -> str:
    """A rounded number with a real minus sign, and a plus sign when ``sign`` is asked for."""
    text = shown(value, digits)
    if sign and not text.startswith("-") and text != "0":
        text = "+" + text
    return text.replace("-", "−")


def _column(count: int, height: float) -> list[float]:
    """The vertical centres of ``count`` nodes spread over ``height``."""
    return [TOP + RADIUS + k * (height - TOP - BOTTOM - 2 * RADIUS) / max(count - 1, 1)
            for k in range(count)] if count > 1 else [(TOP + height - BOTTOM) / 2]


def _overlaps(a: tuple, b: tuple) -> float:
    """The area two boxes (left, top, right, bottom) share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0.0) * max(height, 0.0)


def _place(start: tuple, end: tuple, size: tuple, taken: list) -> tuple:
    """The centre of a label along the edge start→end that overlaps ``taken`` boxes the least."""
    best = None
    for t in T_CHOICES:
        cx, cy = start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])
        box = (cx - size[0] / 2 - GAP, cy - size[1] / 2 - GAP, cx + size[0] / 2 + GAP, cy + size[1] / 2 + GAP)
        overlap = sum(_overlaps(box, other) for other in taken)
        if best is None or overlap < best[0]:
            best = (overlap, (cx, cy), box)
        if overlap == 0.0:
            break
    taken.append(best[2])
    return best[1]


def _text(x: float, y: float, lines: list[str], css_class: str) -> str:
    first = y - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{first + k * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text class="{css_class}" text-anchor="middle">{spans}</text>'


def _node(x: float, y: float, name: str, values: list[str], css_class: str) -> str:
    return "\n".join([
        f'<g class="node {css_class}">',
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}"/>',
        _text(x, y, [name], "node-name"),
        _text(x, y + RADIUS + 8 + (len(values) - 1) * LINE_HEIGHT / 2, values, "node-value"),
        "</g>",
    ])


def _node_box(x: float, y: float, values: list[str]) -> tuple:
    """The box a node takes: its circle and the lines of values below it."""
    half_width = max(RADIUS, max(map(len, values)) * CHAR_WIDTH / 2)
    return (x - half_width, y - RADIUS, x + half_width, y + RADIUS + 12 + len(values) * LINE_HEIGHT)


def _columns(record: dict) -> tuple:
    """The centres of the x, h and y columns: the x-to-h gap widens as W¹ has more weights."""
    gap_W1 = max(360, 40 * len(record["W1"]) * len(record["W1"][0]))
    return LEFT, LEFT + gap_W1, LEFT + gap_W1 + GAP_W2


def _nodes(record: dict, digits: int, height: float) -> tuple:
    """Where each node sits (x, h and y), and what each shows: (name, values, class) by place."""
    x_in, h_in = inputs(record), hidden(record)
    n, m = len(record["x"]), len(record["h"])
    columns = _columns(record)
    x_at = [(columns[0], cy) for cy in _column(len(x_in), height)]
    h_at = [(columns[1], cy) for cy in _column(len(h_in), height)]
    y_at = (columns[2], height / 2)
    shown_at = {}
    for i, place in enumerate(x_at):
        name = symbol(Sym("x", (i,)))
        shown_at[place] = (name, [f"{name} = {number(x_in[i], digits)}"] + ["(bias)"] * (i >= n), "input")
    for j, place in enumerate(h_at):
        name = symbol(Sym("h", (j,)))
        if j >= m:
            shown_at[place] = (name, [f"{name} = 1 (bias)"], "hidden")
        else:
            h_prime = symbol(Sym("h", (j,), prime=True))
            shown_at[place] = (name, [f"{h_prime} = {number(record['h_prime'][j], digits)}",
                                      f"{name} = Φ({h_prime}) = {number(h_in[j], digits)}"], "hidden")
    y_values = [f"y = {number(record['y'], digits)}"]
    if "y_prime" in record:  # an output activation: y = Φ_out(y′)
        y_prime = symbol(Sym("y", prime=True))
        y_values = [f"{y_prime} = {number(record['y_prime'], digits)}",
                    f"y = Φ_out({y_prime}) = {number(record['y'], digits)}"]
    shown_at[y_at] = ("y", y_values + [f"d = {number(record['d'], digits)}",
                                       f"E = {number(record['E'], digits)}"], "output")
    return x_at, h_at, y_at, shown_at


def diagram(record: dict, digits: int = 4) -> str:
    """Return the SVG diagram of the network of ``record``, with this step's numbers.

    Each weight is one ``<line class="edge">`` and one ``<g class="edge-label">``,
    both with the weight's name in ``data-weight``; labels are drawn after all
    lines, so no line crosses a label.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.lecture import explain
    >>> svg = diagram(explain(example.network(), example.x, example.d, example.alpha))
    >>> svg.count('<line class="edge"'), svg.count('<g class="edge-label"')   # 2·3 in W¹, 3 in W²
    (9, 9)
    """
    rows = max(len(inputs(record)), len(hidden(record)))
    height = rows * ROW_HEIGHT + TOP + BOTTOM
    width = _columns(record)[2] + RIGHT
    x_at, h_at, y_at, shown_at = _nodes(record, digits, height)
    taken = [_node_box(*place, values) for place, (_, values, _) in shown_at.items()]
    largest = max(abs(row.W) for layer in (1, 2) for row in weight_rows(record, layer)) or 1.0
    ends = [(row, x_at[row.symbol.indices[0]], h_at[row.symbol.indices[1]]) for row in weight_rows(record, 1)]
    ends += [(row, h_at[row.symbol.indices[0]], y_at) for row in weight_rows(record, 2)]
    lines, labels = [], []
    for row, start, end in ends:
        name = escape(symbol(row.symbol))
        colour = POSITIVE if row.W >= 0 else NEGATIVE
        lines.append(
            f'<line class="edge" data-weight="{name}" x1="{start[0]:.1f}" y1="{start[1]:.1f}" '
            f'x2="{end[0]:.1f}" y2="{end[1]:.1f}" stroke="{colour}" '
            f'stroke-width="{1 + 5 * abs(row.W) / largest:.2f}"/>'
        )
        text = [f"{symbol(row.symbol)} = {number(row.W, digits)}",
                f"ΔW = {number(row.delta_W, digits, sign=True)}"]
        size = (max(map(len, text)) * CHAR_WIDTH + 10, len(text) * LINE_HEIGHT + 6)
        cx, cy = _place(start, end, size, taken)
        labels.append("\n".join([
            f'<g class="edge-label" data-weight="{name}">',
            f'<rect x="{cx - size[0] / 2:.1f}" y="{cy - size[1] / 2:.1f}" width="{size[0]:.1f}" '
            f'height="{size[1]:.1f}" rx="4" stroke="{colour}"/>',
            _text(cx, cy, text, "edge-text"),
            "</g>",
        ]))
    nodes = [_node(*place, name, values, css_class) for place, (name, values, css_class) in shown_at.items()]
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        'aria-label="The network: inputs x, hidden neurons h, output y; each edge is a weight">',
        *lines, *nodes, *labels,
        "</svg>",
    ])
