"""The network as an SVG diagram: a card per neuron, every weight as a labelled edge.

Layers stand in columns, from the inputs x on the left to the outputs y on the
right; each neuron is a card with its values of this step inside it, so an edge,
which runs from the right side of one card to the left side of the next, never
crosses a card's text. Each edge is blue for a positive weight, red for a
negative one and grey for zero, thicker for a larger |W|, and labelled with its
weight (the value alone where a gap holds many edges); its label sits on its own
edge where it covers no other label and, if it can, no other edge. Hovering an edge or a card shows its formulas with the
numbers put in (an SVG ``<title>``). The SVG is plain text, without scripts or fonts.

That is the forward view. The backward view (``view="backward"``) draws the same network with
the backward pass of the step: each hidden neuron's card shows its error term ∂y/∂h′ (one per
output), each output's card d − y (and Φ_out′(y′) when the output has an activation), and each
edge δ = ∂y/∂W and ΔW, coloured, thickened and dashed by the sign and size of ΔW. In both views a
negative edge is dashed, so the sign reads without colour. Every number is the record's
(:func:`backprop.trace.explain.explain`): the diagram computes nothing of the step.
"""

from html import escape

from backprop.math.notation import subscript
from backprop.trace.formats.style import shown
from backprop.trace.formats.text_format import TextStyle
from backprop.trace import worked
from backprop.trace.worked import Slope, Sym

POSITIVE, NEGATIVE, ZERO = "#1f5fbf", "#c0392b", "#8a8a8a"
# Colours and fonts as attributes, so the SVG reads without a stylesheet (GitHub drops a notebook's
# styles); a page's stylesheet may still set them (CSS wins over attributes).
CARD_PAINT = {
    "input": 'fill="#fff" stroke="#444" stroke-width="1.5"',
    "output": 'fill="#fff" stroke="#444" stroke-width="1.5"',
    "hidden": 'fill="#f4f6fa" stroke="#444" stroke-width="1.5"',
    "bias": 'fill="#fafafa" stroke="#444" stroke-width="1.5" stroke-dasharray="4 3"',
}
NAME_FONT = 'font-family="Georgia, serif" font-style="italic" font-size="16"'
VALUE_FONT = 'font-family="system-ui, sans-serif" font-size="13" fill="#333"'
LABEL_FONT = 'font-family="system-ui, sans-serif" font-size="12" fill="#222"'
SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
CHAR_WIDTH, LINE_HEIGHT = 7.4, 16  # an estimate of the 13 px font's size, for placing text
NAME_HEIGHT, PADDING = 22, 8  # a card's name line and the room around its text
ROW_GAP, MARGIN = 22, 20  # between two cards of a column, and around the diagram
LABEL_HEIGHT = 20
DASHED = 'stroke-dasharray="6 4"'  # a negative value's edge: the sign without colour
VIEWS = ("forward", "backward")
MOST_NEURONS = 12  # the most neurons in a layer that a diagram is drawn for (its labels are tested up to
# 12 a layer): past it the labels cannot be read, and placing them grows with the square of the edges
# in a gap (1-40-40-1 took a minute), so the worked lines alone show the step
CROWDED = 9  # more edges than this in one gap, and their labels show the weight's value alone
# where along its edge a label may sit
T_CHOICES = [k / 100 for k in range(5, 96, 2)]


def symbol(sym: Sym) -> str:
    """W¹₁₃, h′²₁: a symbol in plain Unicode with real subscript and superscript digits."""
    layer = "" if sym.layer is None else str(sym.layer).translate(SUPERSCRIPT_DIGITS)
    return sym.name + ("′" if sym.prime else "") + layer + subscript(*sym.indices).translate(SUBSCRIPT_DIGITS)


def number(value: float, digits: int) -> str:
    """A rounded number with a real minus sign."""
    return shown(value, digits).replace("-", "−")


def colour(value: float) -> str:
    return POSITIVE if value > 0 else NEGATIVE if value < 0 else ZERO


def dashes(value: float) -> str:
    """A negative value's edge is dashed, so the sign reads without colour."""
    return f" {DASHED}" if value < 0 else ""


class Card:
    """A neuron's card: its name, its values, a title, and where it stands."""

    def __init__(self, name: str, values: list[str], title: str, css_class: str):
        self.name, self.values, self.title, self.css_class = name, values, title, css_class
        self.width = max(map(len, [name, *values])) * CHAR_WIDTH + 2 * PADDING
        self.height = NAME_HEIGHT + len(values) * LINE_HEIGHT + PADDING
        self.x = self.y = 0.0  # the top left corner

    @property
    def left(self) -> tuple:
        return self.x, self.y + self.height / 2

    def right(self, column_width: float) -> tuple:
        return self.x + column_width, self.y + self.height / 2

    def svg(self, column_width: float) -> str:
        cx = self.x + column_width / 2
        lines = [f'<text class="node-name" x="{cx:.1f}" y="{self.y + 17:.1f}" text-anchor="middle" '
                 f'{NAME_FONT}>{escape(self.name)}</text>']
        lines += [f'<text class="node-value" x="{cx:.1f}" y="{self.y + NAME_HEIGHT + 12 + k * LINE_HEIGHT:.1f}" '
                  f'text-anchor="middle" {VALUE_FONT}>{escape(value)}</text>' for k, value in enumerate(self.values)]
        return "\n".join([
            f'<g class="node {self.css_class}" data-neuron="{escape(self.name)}"><title>{escape(self.title)}</title>',
            f'<rect x="{self.x:.1f}" y="{self.y:.1f}" width="{column_width:.1f}" height="{self.height:.1f}" rx="8" '
            f'{CARD_PAINT[self.css_class]}/>',
            *lines, "</g>",
        ])


def _cards(record: dict, digits: int, view: str = "forward") -> list[list[Card]]:
    """The cards of each layer, the bias input 1 last in every layer but the output."""
    style, sizes = TextStyle(digits), record["layers"]
    text = style.line
    if view == "backward":
        return _backward_cards(record, digits)
    columns = []
    for k in range(len(sizes)):
        cards = []
        for j in range(sizes[k]):
            if k == 0:
                name = symbol(Sym("x", (j,)))
                cards.append(Card(name, [f"= {number(record['x'][j], digits)}"], f"{name} = {number(record['x'][j], digits)}",
                                  "input"))
            elif k < len(sizes) - 1:
                h_prime, h = worked.h(record, k - 1, j, prime=True), worked.h(record, k - 1, j)
                cards.append(Card(symbol(h), [f"{symbol(h_prime)} = {number(record['h_prime'][k - 1][j], digits)}",
                                              f"{symbol(h)} = {number(record['h'][k - 1][j], digits)}"],
                                  text(worked.h_prime_line(record, j, k - 1)) + "\n"
                                  + text(worked.h_line(record, j, k - 1)), "hidden"))
            else:
                y, d = worked.y(record, j), worked.d(record, j)
                title = [text(worked.y_line(record, j))]
                values = [f"{symbol(y)} = {number(record['y'][j], digits)}", f"{symbol(d)} = {number(record['d'][j], digits)}"]
                if j == sizes[k] - 1:
                    values.append(f"E = {number(record['E'], digits)}")
                    title.append(text(worked.E_line(record)))
                cards.append(Card(symbol(y), values, "\n".join(title), "output"))
        if record["bias"] and k < len(sizes) - 1:
            name = symbol(worked.into(record, k, sizes[k]))
            cards.append(Card(name, ["= 1 (bias)"], f"{name} = 1, the bias input", "bias"))
        columns.append(cards)
    return columns


def _backward_cards(record: dict, digits: int) -> list[list[Card]]:
    """The backward view's cards: error terms ∂y/∂h′ in the hidden layers, d − y at the outputs."""
    style, sizes, columns = TextStyle(digits), record["layers"], _cards(record, digits)
    text, outputs = style.line, range(sizes[-1])
    for k in range(1, len(sizes) - 1):
        for j in range(sizes[k]):
            h = worked.h(record, k - 1, j)
            values = [f"{written(line.parts[0][0])} = {number(line.value, digits)}"
                      for line in worked.neuron_error_lines(record, k - 1, j)[1:]]
            title = "\n".join(text(line) for line in worked.neuron_error_lines(record, k - 1, j))
            columns[k][j] = Card(symbol(h), values, title, "hidden")
    for j in outputs:
        lines = [worked.error_line(record, j)]
        if not worked.linear_output(record) and not worked.cross_entropy(record):  # cross-entropy: Φ_out′ cancels
            lines.append(worked.phi_out_prime_line(record, j))
        values = [f"{''.join(map(written, line.parts[0]))} = {number(line.value, digits)}" for line in lines]
        title = [text(line) for line in lines]
        if j == sizes[-1] - 1:
            values.append(f"E = {number(record['E'], digits)}")
            title.append(text(worked.E_line(record)))
        columns[-1][j] = Card(symbol(worked.y(record, j)), values, "\n".join(title), "output")
    return columns


def written(term) -> str:
    """A term of a worked line as a card shows it: symbols and slopes with real subscripts."""
    if isinstance(term, Sym):
        return symbol(term)
    if isinstance(term, Slope):
        return f"∂{symbol(term.of)}/∂{symbol(term.by)}"
    return TextStyle(4).term(term)


def _edges_through(box: tuple, edges: list) -> int:
    """How many of the straight ``edges`` (start, end, slope) pass through ``box`` (left, top, right, bottom)."""
    left, top, right, bottom = box
    count = 0
    for (x1, y1), (x2, _), slope in edges:  # every edge runs left to right, from one column to the next
        if x2 <= left or x1 >= right:
            continue
        y_left = y1 + slope * ((left if left > x1 else x1) - x1)    # where it enters the box's columns
        y_right = y1 + slope * ((right if right < x2 else x2) - x1)  # and where it leaves them
        if y_left < y_right:
            y_left, y_right = y_right, y_left  # the higher of the two first (a larger y is lower down)
        if y_left >= top - 2 and y_right <= bottom + 2:
            count += 1
    return count


def _covered(box: tuple, boxes: list) -> float:
    """The area of ``box`` that the other ``boxes`` cover, added up."""
    left, top, right, bottom = box
    areas = []
    for b in boxes:
        width = (right if right < b[2] else b[2]) - (left if left > b[0] else b[0])
        height = (bottom if bottom < b[3] else b[3]) - (top if top > b[1] else b[1])
        areas.append(width * height if width > 0.0 and height > 0.0 else 0.0)
    return sum(areas)


def _crossing(edge: tuple, other: tuple) -> tuple | None:
    """The point where two edges of one gap cross, if they do."""
    (x1, y1), (x2, y2) = edge
    (u1, v1), (u2, v2) = other
    if (x1, x2) != (u1, u2):  # edges of one gap share the columns they start and end at
        return None
    below_start, below_end = y1 - v1, y2 - v2
    if below_start * below_end >= 0:
        return None
    t = below_start / (below_start - below_end)
    return x1 + t * (x2 - x1), y1 + t * (y2 - y1)


def _points_near(box: tuple, points: list, margin: float = 6) -> int:
    """How many of ``points`` lie in ``box`` or within ``margin`` of it."""
    left, top, right, bottom = box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin
    return sum([left <= x <= right and top <= y <= bottom for x, y in points])


def place_label(edge: tuple, label_width: float, edges: list, taken: list, label_height: float = LABEL_HEIGHT) -> tuple:
    """The centre of a label on ``edge`` that covers the fewest other labels, then the fewest points
    where its edge crosses another (where it would be unclear which edge it labels), then the fewest
    other edges."""
    start, end = edge
    # what lies near the edge: only that can touch a label on it (the same result, far fewer tests)
    left, right = min(start[0], end[0]) - label_width / 2, max(start[0], end[0]) + label_width / 2
    top, bottom = min(start[1], end[1]) - label_height / 2, max(start[1], end[1]) + label_height / 2
    taken_near = [b for b in taken if b[0] < right and b[2] > left and b[1] < bottom and b[3] > top]
    edges_near = [other for other in edges if other is edge or (
        min(other[0][0], other[1][0]) < right and max(other[0][0], other[1][0]) > left
        and min(other[0][1], other[1][1]) <= bottom + 2 and max(other[0][1], other[1][1]) >= top - 2)]
    crossings = [point for other in edges_near if other is not edge for point in [_crossing(edge, other)] if point]
    candidates = []
    for t in T_CHOICES:
        cx, cy = start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])
        box = (cx - label_width / 2, cy - label_height / 2, cx + label_width / 2, cy + label_height / 2)
        covered = _covered(box, taken_near)
        at_crossing = _points_near(box, crossings)
        candidates.append(((covered, at_crossing), t, (cx, cy), box))
    least = min(candidates)[0]  # the other edges are counted only where it can matter: it is slow
    others = [(a, b, (b[1] - a[1]) / (b[0] - a[0])) for other in edges_near if other is not edge for a, b in [other]]
    best = min(((first, _edges_through(box, others), abs(t - 0.5)), centre, box)
               for first, t, centre, box in candidates if first == least)
    taken.append(best[2])
    return best[1]


def not_drawn(record: dict) -> str | None:
    """Why the step of ``record`` gets no diagram, in words that end a sentence, or ``None`` if it gets one.

    >>> not_drawn({"layers": [1, 40, 40, 1]})
    'it has a layer of 40 neurons, and a diagram is drawn for at most 12 a layer, where its labels can still be read'
    """
    largest = max(record["layers"])
    if largest <= MOST_NEURONS:
        return None
    return (f"it has a layer of {largest} neurons, and a diagram is drawn for at most {MOST_NEURONS} a layer, "
            "where its labels can still be read")


def diagram(record: dict, digits: int = 4, view: str = "forward") -> str:
    """Return the SVG diagram of the network of ``record``, with this step's numbers.

    Each weight is one ``<line class="edge">`` and one ``<g class="edge-label">``,
    both with the weight's name in ``data-weight``; labels are drawn after all
    lines, so no line crosses a label. ``view`` is ``"forward"`` (the weights, h′ and h)
    or ``"backward"`` (δ and ΔW on the edges, the error terms in the cards); the SVG
    says which in ``data-view``.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> svg = diagram(explain(example.network(), example.x, example.d, example.alpha))
    >>> svg.count('<line class="edge"'), svg.count('<g class="edge-label"')   # 2·3 in W¹, 3 in W²
    (9, 9)

    Raises ``ValueError`` for a ``view`` that is neither.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    backward = view == "backward"
    columns = _cards(record, digits, view)
    style = TextStyle(digits)
    K = len(record["W"])
    widths = [max(card.width for card in cards) for cards in columns]
    most = max(map(len, columns))  # the most cards in one column: more edges need more room
    row_gap = max(ROW_GAP, (40 if backward else 24) * most)  # the backward view's labels: two lines
    heights = [sum(card.height for card in cards) + row_gap * (len(cards) - 1) for cards in columns]
    height = max(heights) + 2 * MARGIN
    room = 1.2 if backward else 1.0  # the backward view's labels are two lines and wider
    gaps = [room * min(1040, max(240, 80 + 80 * max(len(columns[k]), len(columns[k + 1])))) for k in range(K)]
    x = MARGIN
    for k, cards in enumerate(columns):
        y = MARGIN + (height - 2 * MARGIN - heights[k]) / 2
        for card in cards:
            card.x, card.y = x, y
            y += card.height + row_gap
        x += widths[k] + (gaps[k] if k < K else 0)
    width = x + MARGIN
    lines, labels = [], []
    shown_values = record["delta_W"] if backward else record["W"]  # what colours and thickens an edge
    largest = max(abs(w) for W_k in shown_values for row in W_k for w in row) or 1.0
    one_output = record["layers"][-1] == 1
    for k in range(K):
        edges = {(a, b): (columns[k][a].right(widths[k]), columns[k + 1][b].left)
                 for a, b in worked.weight_indices(record, k)}
        all_edges = list(edges.values())
        crowded = len(all_edges) > CROWDED
        taken = [(c.x, c.y, c.x + widths[k + side], c.y + c.height) for side in (0, 1) for c in columns[k + side]]
        for (a, b), edge in edges.items():
            value = shown_values[k][a][b]
            name = escape(symbol(worked.W(record, k, a, b)))
            worked_lines = (worked.delta_lines(record, k, a, b) if backward else []) + [
                worked.change_line(record, k, a, b), worked.update_line(record, k, a, b)]
            title = escape("\n".join(style.line(line) for line in worked_lines))
            (x1, y1), (x2, y2) = edge
            lines.append(
                f'<line class="edge" data-weight="{name}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke="{colour(value)}" stroke-width="{1 + 4 * abs(value) / largest:.2f}"{dashes(value)}>'
                f"<title>{title}</title></line>"
            )
            texts = _label_texts(record, k, a, b, digits, backward, crowded, one_output)
            label_width = max(map(len, texts)) * CHAR_WIDTH * 0.9 + 10
            label_height = LABEL_HEIGHT + (len(texts) - 1) * LINE_HEIGHT
            cx, cy = place_label(edge, label_width, all_edges, taken, label_height)
            top = cy - label_height / 2
            labels.append("\n".join([
                f'<g class="edge-label" data-weight="{name}"><title>{title}</title>',
                f'<rect x="{cx - label_width / 2:.1f}" y="{top:.1f}" width="{label_width:.1f}" '
                f'height="{label_height:g}" rx="4" fill="#fff" stroke="{colour(value)}" stroke-width="1"{dashes(value)}/>',
                *[f'<text class="edge-text" x="{cx:.1f}" y="{top + 14.5 + n * LINE_HEIGHT:.1f}" text-anchor="middle" '
                  f"{LABEL_FONT}>{escape(text)}</text>" for n, text in enumerate(texts)],
                "</g>",
            ]))
    cards = [card.svg(widths[k]) for k, column in enumerate(columns) for card in column]
    what = ("the backward pass: in each neuron its error term, on each edge δ = ∂y/∂W and the change ΔW"
            if backward else "inputs x, hidden neurons h, outputs y; each edge is a weight")
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" data-view="{view}" '
        f'aria-label="The network, {what}">',
        *lines, *cards, *labels,
        "</svg>",
    ])


def _label_texts(record: dict, k: int, a: int, b: int, digits: int, backward: bool, crowded: bool,
                 one_output: bool) -> list[str]:
    """An edge label's lines: W = value forward; δ = value and ΔW = value backward (ΔW alone with
    several outputs, whose δ are one per output, in the title). Where a gap holds many edges, the
    values alone (the names are in the title)."""
    if not backward:
        shown_pairs = [(worked.W(record, k, a, b), record["W"][k][a][b])]
    else:
        shown_pairs = ([(worked.delta(record, k, a, b), record["dy_dW"][0][k][a][b])] if one_output else [])
        shown_pairs.append((worked.change(record, k, a, b), record["delta_W"][k][a][b]))
    if crowded:
        return [number(shown_pairs[-1][1], digits)]
    return [f"{symbol(sym)} = {number(value, digits)}" for sym, value in shown_pairs]
