"""The step as a computational graph, drawn as SVG: every operation a node, every edge a flow of data.

:mod:`backprop.autograd` builds the step from values that remember how they were made. Drawn,
each value is a box with its name and operation, its value from the forward pass (blue) and its
gradient from the backward pass (red), and an arrow runs from each value to every value made
from it: from x and the weights, through the products x_i·W¹_ij, the sums h′_j, the activations
h_j = Φ(h′_j), to y and E. The columns are the steps of the computation, left to right; a
weight stands just before the product it enters.

The gradient shown is ∂E/∂(the value), what ``E.backward()`` gives (and PyTorch's ``.grad``);
the lecture's δ = ∂y/∂W of a weight is it divided by −(d − y). With cross-entropy E is made from
y′ (∂E/∂y′_j = −(d_j − y_j), :func:`~backprop.autograd.cross_entropy`): the outputs y stand beside
E, drawn from y′, with no gradient, for the backward pass does not go through them.

Readable for the lecture's 2-3-1 network and the course's quiz network 1-2-2-1 (with a bias
too); a graph of more than :data:`MOST_NODES` values is refused with a ``ValueError``.

>>> from backprop import lecture_example
>>> svg = step_svg(lecture_example.network(), lecture_example.x, lecture_example.d)
>>> svg.count('<g class="value'), "h′₁ = Σ" in svg, "x₁·W¹₁₁" in svg
(28, True, True)
"""

from html import escape

from backprop.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from backprop.autograd import StepGraph, Value, step_graph
from backprop.math.deep import DeepNetwork
from backprop.math.notation import number
from backprop.pictures.diagram import NEGATIVE, POSITIVE, SUBSCRIPT_DIGITS
from backprop.network import Network
from backprop.pictures.svg_picture import SvgPicture
from backprop.trace.worked import is_lecture

MOST_NODES = 60  # values drawn at most: the lecture's 2-3-1 network has 28 (37 with bias), the quiz's 27 (40)
BOX_WIDTH, BOX_HEIGHT = 100, 50
COLUMN_GAP, ROW_GAP = 30, 10
MARGIN, TOP = 16, 58  # around the drawing; the room for the title and the key above it


def refuse(n_values: int) -> None:
    """Raise the ``ValueError`` of a graph too large to draw readably (``n_values``: at least that many)."""
    raise ValueError(f"the graph has {n_values} values or more, more than the {MOST_NODES} it draws readably (the "
                     "lecture's 2-3-1 network has 28, the quiz's 1-2-2-1 27); draw a smaller network, or see "
                     "every number of the step with trace")


def shown_name(name: str) -> str:
    """W¹₁₂ for ``"W¹_12"``: the one-based subscripts as real subscript digits.

    >>> shown_name("h′²_1"), shown_name("y")
    ('h′²₁', 'y')
    """
    base, _, indices = name.partition("_")
    return base + indices.translate(SUBSCRIPT_DIGITS)


def heading(value: Value) -> str:
    """What a box says first: "h′₁ = Σ", "h₁ = sigmoid", "x₁·W¹₁₁" for an unnamed product, "W¹₁₂"."""
    if not value.name:
        parents = [shown_name(parent.name) or number(parent.data) for parent, _ in value.parents]
        return value.op.join(parents) if len(" · ".join(parents)) < 14 else value.op
    return shown_name(value.name) + (f" = {value.op}" if value.op else "")


def columns_of(values: list[Value]) -> list[list[Value]]:
    """The values in columns, the last value (``values[-1]``) in the last: each value stands as far
    right as it can, one column before the first value made from it (a value nothing is made from, last). Within a column, near what they
    connect to."""
    children = {id(value): [] for value in values}
    for value in values:
        for parent, _ in value.parents:
            children[id(parent)].append(value)
    steps_left = {}  # the most operations between a value and the last one
    for value in reversed(values):  # the values made from it come later in the list, so they have theirs
        steps_left[id(value)] = 1 + max((steps_left[id(child)] for child in children[id(value)]), default=-1)
    last = max(steps_left.values())
    columns = [[] for _ in range(last + 1)]
    for value in values:
        columns[last - steps_left[id(value)]].append(value)
    row = {id(value): i / max(1, len(c) - 1) for c in columns for i, value in enumerate(c)}
    for _ in range(4):  # a few rounds: each value moves toward the middle of its neighbours
        for c in columns:
            def middle(value):
                near = [parent for parent, _ in value.parents] + children[id(value)]
                return sum(row[id(other)] for other in near) / len(near) if near else row[id(value)]

            c.sort(key=middle)
            row.update({id(value): i / max(1, len(c) - 1) for i, value in enumerate(c)})
    return columns


def graph_svg(root: Value, digits: int = 4, title: str = "", gradient: str = "", also=()) -> SvgPicture:
    """Draw ``root`` and every value it was made from, with each value and ``grad`` to ``digits`` digits.

    ``gradient`` names the gradient in the key (default "∂y/∂value" for a root named y). ``also``: more
    values to draw with what they were made from, such as outputs y that E is not made from (cross-entropy's
    E is made from y′); one off ``root``'s path shows no gradient. Raises
    ``ValueError`` for a graph of more than :data:`MOST_NODES` values, ``TypeError`` for a ``root``
    that is not a :class:`~backprop.autograd.Value`.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a backprop.autograd.Value, not {type(root).__name__}")
    values = root.graph()
    on_path = {id(value) for value in values}
    drawn = {id(value): value for other in also for value in other.graph()} | {id(value): value for value in values}
    values = sorted(drawn.values(), key=lambda value: value.number)  # the order they were made in
    if len(values) > MOST_NODES:
        refuse(len(values))
    columns = columns_of(values)
    tallest = max(map(len, columns))
    width = 2 * MARGIN + len(columns) * BOX_WIDTH + (len(columns) - 1) * COLUMN_GAP
    height = TOP + MARGIN + tallest * BOX_HEIGHT + (tallest - 1) * ROW_GAP
    place = {}
    for k, column in enumerate(columns):
        top = TOP + (tallest - len(column)) * (BOX_HEIGHT + ROW_GAP) / 2  # each column centred
        for i, value in enumerate(column):
            place[id(value)] = (MARGIN + k * (BOX_WIDTH + COLUMN_GAP), top + i * (BOX_HEIGHT + ROW_GAP))
    gradient = gradient or f"∂{shown_name(root.name) or 'root'}/∂value"
    edges, heads, boxes = [], [], []
    for value in values:
        x, y = place[id(value)]
        for parent, slope in value.parents:  # the data flows from the parent into this value
            px, py = place[id(parent)]
            x1, y1, x2, y2 = px + BOX_WIDTH, py + BOX_HEIGHT / 2, x - 7, y + BOX_HEIGHT / 2
            bend = (x2 - x1) / 2
            edges.append(f'<path d="M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} '
                         f'{x2:.1f},{y2:.1f}"><title>local slope ∂{escape(heading(value))}'
                         f'/∂{escape(heading(parent))} = {number(slope, digits)}</title></path>')
            heads.append(f'<path d="M{x:.1f},{y2:.1f} L{x2:.1f},{y2 - 3.5:.1f} L{x2:.1f},{y2 + 3.5:.1f} z"/>')  # the arrow's head, at the box
        kind = "leaf" if not value.parents else "operation"
        if id(value) in on_path:
            tip = (f"{heading(value)}: value {number(value.data, 17)} (forward), "
                   f"{gradient.replace('value', heading(value))} = {number(value.grad, 17)} (backward)")
            below = f'<text x="{BOX_WIDTH / 2}" y="46" fill="{NEGATIVE}">∇ {escape(number(value.grad, digits))}</text>'
        else:  # drawn, but the backward pass from the root does not reach it
            tip = (f"{heading(value)}: value {number(value.data, 17)} (forward); {shown_name(root.name) or 'the root'} "
                   "is not made from it, so the backward pass does not reach it")
            below = f'<text x="{BOX_WIDTH / 2}" y="46" fill="#777">∇ not reached</text>'
        boxes.append(
            f'<g class="value {kind}" transform="translate({x:.1f},{y:.1f})"><title>{escape(tip)}</title>'
            f'<rect width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="6" fill="{"white" if value.parents else "#f4f6fa"}" '
            f'stroke="#444"/><text x="{BOX_WIDTH / 2}" y="16" font-weight="bold">{escape(heading(value))}</text>'
            f'<text x="{BOX_WIDTH / 2}" y="32" fill="{POSITIVE}">{escape(number(value.data, digits))}</text>'
            f'{below}</g>')
    title = title or f"The computational graph of {shown_name(root.name) or 'a value'}"
    key = f"blue: the value (forward pass) · red ∇: {gradient} (backward pass) · arrows: the data's flow"
    if len(on_path) < len(values):
        key += f" · ∇ not reached: {shown_name(root.name) or 'the root'} is not made from it"
    return SvgPicture("\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" class="computational-graph" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" '
        f'height="{height:.0f}" font-family="sans-serif" font-size="12" text-anchor="middle" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{MARGIN}" y="20" text-anchor="start" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="{MARGIN}" y="40" text-anchor="start">{escape(key)}</text>',
        '<g class="arrows" fill="none" stroke="#888" stroke-width="1.3">', *edges, "</g>",
        '<g fill="#666">', *heads, "</g>",
        *boxes,
        "</svg>",
    ]))


def step_svg(net, x, d, digits: int = 4) -> SvgPicture:
    """Draw one step of ``net`` (a Network or a DeepNetwork) on ``(x, d)`` as its graph, after ``E.backward()``.

    Raises ``TypeError`` or ``ValueError`` as :func:`~backprop.autograd.step_graph` does, and
    ``ValueError`` for a network whose graph has more than :data:`MOST_NODES` values.
    """
    weights = sum(len(W_k) * len(W_k[0]) for W_k in (net.W if isinstance(net, DeepNetwork) else [net.W1, [net.W2]]))
    if 2 * weights > MOST_NODES:  # each weight is a value and so is its product: refused before building
        refuse(2 * weights)
    graph = step_graph(net, x, d)
    graph.E.backward()
    return step_graph_svg(graph, digits)


def step_graph_svg(graph: StepGraph, digits: int = 4) -> SvgPicture:
    """Draw a :class:`~backprop.autograd.StepGraph` with its values and gradients as they are now."""
    sizes = [len(graph.x)] + [len(h_k) for h_k in graph.h] + [len(graph.y)]
    net = graph.net
    output = f", Φ_out = {net.output_activation}" if graph.y[0] is not graph.y_prime[0] else ""  # y = Φ_out(y′)
    output += ", cross-entropy" if net.loss == "cross_entropy" else ""
    sample = (f"x = ({', '.join(number(x_i.data, digits) for x_i in graph.x)}), "
              f"d = ({', '.join(number(d_j, digits) for d_j in graph.d)})")
    title = f"One step of the {'-'.join(map(str, sizes))} network (Φ = {net.activation}{output}), {sample}"
    return graph_svg(graph.E, digits, title, "∂E/∂value", also=graph.y)  # cross-entropy: y beside E, from y′


def graph_section(record: dict, digits: int = 4) -> list[str]:
    """The section of ``trace --format html`` that shows the step of an explanation ``record`` as its graph.

    A network too large to draw gets a sentence instead; a person's own activation, which a record
    names but does not hold, gets no section.
    """
    hidden = record["activation"] if isinstance(record["activation"], list) else [record["activation"]]
    if any(name not in ACTIVATIONS for name in hidden) or record["output_activation"] not in OUTPUT_ACTIVATIONS:
        return []
    loss = record.get("loss", "squared")
    W, activations = record["W"], {"activation": record["activation"], "loss": loss,
                                   "output_activation": record["output_activation"], "bias": record["bias"]}
    if is_lecture(record):  # the lecture's names: W²_j, h′_j
        net, d = Network(W[0], [row[0] for row in W[1]], **activations), record["d"][0]
    else:
        net, d = DeepNetwork(W, **activations), record["d"]
    out = ["<section>", "<h2>The same step as a computational graph</h2>",
           "<p>Built by autograd (<code>backprop.autograd</code>): every operation is a box with its value from "
           "the forward pass (blue) and its gradient ∂E/∂value from the backward pass (red ∇), and the arrows "
           "show how the data flows. "
           + ("A weight's ∂E/∂W is −(d − y)·δ, the lecture's δ = ∂y/∂W times ∂E/∂y; " if loss == "squared" else
              "E is computed from y′, and its slope ∂E/∂y′_j = −(d_j − y_j) has Φ_out′ cancelled, so the backward "
              "pass does not go through y; a weight's ∂E/∂W is Σ_j −(d_j − y_j)·∂y′_j/∂W; ")
           + "the step is W ← W − α·∂E/∂W.</p>"]
    try:
        picture = step_svg(net, record["x"], d, digits)
    except ValueError:  # too large: the limit, said here in the page's words
        return out + [f"<p>Not drawn: this network's graph has more than {MOST_NODES} values, too many to read in "
                      "one picture (the lecture's 2-3-1 network has 28). The worked lines above hold every number "
                      "of the step.</p>", "</section>"]
    return out + ['<div class="drawing">', picture, "</div>", "</section>"]
