"""A network as an SVG picture of its weights: every neuron a node, every weight a labelled edge.

Unlike :func:`backprop.pictures.diagram.diagram`, which pictures one step with
its numbers, this picture needs no sample: it shows the weights a network holds
now, so a notebook can show a :class:`~backprop.Network` or a
:class:`~backprop.math.deep.DeepNetwork` as it is, and a training report can
show the weights of each epoch (small: round nodes, no values, no formulas in
titles). Names, colours and label placement are the diagram's own (its
``symbol``, ``colour``, ``place_label`` and :mod:`backprop.trace.worked`'s names): blue
for a positive weight, red for a negative one, grey for zero, thicker for a larger
|W|. The SVG carries its own colours and font (no stylesheet needed).

>>> from backprop import Network
>>> svg = network_svg(Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3]))
>>> svg.count('<line class="edge"'), "W¹₁₃ = 0.8" in svg, "W²₂ = −0.5" in svg
(9, True, True)
"""

from html import escape

from backprop.activations import activation_text
from backprop.pictures import arguments
from backprop.pictures.diagram import CHAR_WIDTH, LABEL_HEIGHT, place_label, colour, number, symbol
from backprop.trace import worked

RADIUS = 22  # of a neuron's circle
LEFT, RIGHT, TOP, BOTTOM = 60, 60, 30, 30
ROW_HEIGHT = 100
MOST_LABELS = 200  # a network with more weights is drawn without their labels, which would hide it
LEAST_GAP, GAP_PER_WEIGHT = 240, 36  # the width between two columns, wider for more weights


def layers_of(net) -> tuple[list[int], list[list[list[float]]]]:
    """The neurons per layer and the weight matrices (a row per input, bias row last) of either network.

    The lecture's W² becomes a matrix of one column.
    """
    if hasattr(net, "layers"):  # a DeepNetwork
        return list(net.layers), net.W
    return [net.n_inputs, net.n_hidden, 1], [net.W1, [[w] for w in net.W2]]


def shape_of(net) -> dict:
    """The part of an explanation record that names a network's neurons and weights
    (:mod:`backprop.trace.worked`), so this picture names them as the worked step does."""
    sizes, W = layers_of(net)
    return {"layers": sizes, "W": W, "bias": net.bias,
            "output_activation": getattr(net, "output_activation", "identity")}


def _neuron(shape: dict, k: int, j: int) -> str:
    """x₁, h₂ (h¹₂ in a deep network), y: neuron j of layer k."""
    if k == 0:
        return symbol(worked.into(shape, 0, j))
    if k == len(shape["layers"]) - 1:
        return symbol(worked.y(shape, j))
    return symbol(worked.h(shape, k - 1, j))


def network_svg(net, digits: int = 3) -> str:
    """Return the SVG picture of ``net``'s weights, each rounded to ``digits`` significant digits.

    A network of more than :data:`MOST_LABELS` weights is drawn with its edges only. Raises
    ``TypeError`` for a ``net`` that is not a network, ``ValueError`` for ``digits`` outside 1 to 17.
    """
    arguments.network(net)
    digits = arguments.whole(digits, "digits", 17)
    shape = shape_of(net)
    sizes, W = shape["layers"], shape["W"]
    K = len(W)
    shown_sizes = [n + net.bias for n in sizes[:-1]] + [sizes[-1]]  # the bias "neuron" 1 in each layer but the last
    height = max(shown_sizes) * ROW_HEIGHT + TOP + BOTTOM
    labelled = sum(len(W_k) * len(W_k[0]) for W_k in W) <= MOST_LABELS
    gaps = [max(LEAST_GAP, GAP_PER_WEIGHT * len(W_k) * len(W_k[0]) * labelled) for W_k in W]
    columns = [LEFT + RADIUS + sum(gaps[:k]) for k in range(K + 1)]
    width = int(columns[-1] + RADIUS + RIGHT)
    places = [[(columns[k], TOP + (j + 0.5) * (height - TOP - BOTTOM) / n) for j in range(n)]
              for k, n in enumerate(shown_sizes)]
    taken = [(cx - RADIUS, cy - RADIUS, cx + RADIUS, cy + RADIUS) for column in places for cx, cy in column]
    largest = max(abs(w) for W_k in W for row in W_k for w in row) or 1.0
    lines, labels = [], []
    for k, W_k in enumerate(W):
        # an edge runs between the circles' rims, so a label placed on it stays off them
        edges = {(i, j): ((places[k][i][0] + RADIUS, places[k][i][1]), (places[k + 1][j][0] - RADIUS, places[k + 1][j][1]))
                 for i, row in enumerate(W_k) for j in range(len(row))}
        gap_edges = list(edges.values())
        for (i, j), edge in edges.items():
            w = W_k[i][j]
            (x1, y1), (x2, y2) = edge
            lines.append(
                f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                f'y2="{y2:.1f}" stroke="{colour(w)}" stroke-width="{1 + 5 * abs(w) / largest:.2f}"/>'
            )
            if not labelled:
                continue
            text = f"{symbol(worked.W(shape, k, i, j))} = {number(w, digits)}"
            label_width = len(text) * CHAR_WIDTH * 0.9 + 10
            cx, cy = place_label(edge, label_width, gap_edges, taken)
            labels.append(  # white boxes and dark text: the fills of the group and of the text
                f'<g class="edge-label"><rect x="{cx - label_width / 2:.1f}" y="{cy - LABEL_HEIGHT / 2:.1f}" '
                f'width="{label_width:.1f}" height="{LABEL_HEIGHT}" rx="4" stroke="{colour(w)}"/>'
                f'<text x="{cx:.1f}" y="{cy + 4:.1f}" fill="#222">{escape(text)}</text></g>'
            )
    nodes = []
    for k, column in enumerate(places):
        for j, (cx, cy) in enumerate(column):
            is_bias = j >= sizes[k]
            fill = "#f4f6fa" if 0 < k < K else "white"
            nodes.append(f'<g class="node"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS}" fill="{fill}" '
                         f'stroke="#444" stroke-width="2"/><text x="{cx:.1f}" y="{cy + 4:.1f}">'
                         f'{"1" if is_bias else _neuron(shape, k, j)}</text></g>')
    functions = activation_text(net.activation) if shape["output_activation"] == "identity" else \
        f"{activation_text(net.activation)}, output {shape['output_activation']}"
    title = f"A {'-'.join(map(str, sizes))} network ({functions}{', with bias' if net.bias else ''})"
    if not labelled:
        title += f"; more than {MOST_LABELS} weights, so their values are not written"
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="sans-serif" font-size="12" text-anchor="middle" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        *lines, *nodes,
        '<g fill="white" fill-opacity="0.92">', *labels, "</g>",
        "</svg>",
    ])
