"""The decision boundary: what a network with two inputs answers over the whole input plane.

For every point x = (x_1, x_2) of a grid over the plane the network's y is
computed (its own feedforward pass) and shown as a colour: blue toward the
larger class value of d, orange toward the smaller, white halfway. The line
where y is exactly halfway (y = 0.5 for d in {0, 1}, y = 0 for d in {−1, 1}) is
drawn through the grid by marching squares, and the training samples are drawn
on top, coloured by their class. The SVG is one self-contained file; the colour
field is a small PNG inside it.

>>> from backprop import Network
>>> net = Network([[4.0], [4.0]], [1.0], activation="identity")   # y = 4·(x_1 + x_2)
>>> svg = boundary_svg(net, [([-1, -1], 0), ([1, 1], 1)])
>>> svg.count('class="sample"'), 'class="contour"' in svg
(2, True)
"""

import base64
import math
from html import escape

from backprop.pictures import arguments
from backprop.pictures.png import png
from backprop.pictures.svg_picture import SvgPicture
from backprop.pictures.svg_plot import nice_ticks

SIZE, MARGIN, TOP = 360, 50, 36  # the square plot's side, the room left of and below it, above it
HIGH, LOW = (31, 95, 191), (217, 130, 43)  # the class colours: blue for the larger d, orange for the smaller
HIGH_TINT, LOW_TINT, WHITE = (150, 185, 235), (245, 200, 150), (255, 255, 255)


def check_two_inputs(net) -> None:
    """Raise ``ValueError`` unless ``net`` has two inputs and one output, so its y can be pictured over a plane."""
    n_outputs = getattr(net, "n_outputs", 1)
    if net.n_inputs != 2 or n_outputs != 1:
        has = f"{net.n_inputs} input{'s' * (net.n_inputs != 1)}"
        if n_outputs != 1:
            has += f" and {n_outputs} outputs"
        raise ValueError(f"a decision boundary pictures a network with two inputs (x_1, x_2) and one "
                         f"output over the plane, and this one has {has}; train on data with two x columns")


def _y(net, x: list[float]) -> float:
    y = net._feedforward(x).y
    return y[0] if isinstance(y, list) else y


def _d(d) -> float:
    return d[0] if isinstance(d, list) else d


MOST_GRID = 1000  # points per side of the grid at most: a million feedforward passes
LARGEST_PICTURED = 1e300  # the samples' x pictured at most (a grid over ±1.8e308 overflows a float)


def plane(samples) -> tuple[list[float], list[float]]:
    """The round tick values of x_1 and x_2 that frame the samples (from −1 to 1 without samples).

    Raises ``ValueError`` for an x larger than :data:`LARGEST_PICTURED` (in size), whose plane
    cannot be drawn in floats.

    >>> plane([([1e308, 0], 1)])
    Traceback (most recent call last):
    ...
    ValueError: sample 1 has x_1 = 1e+308, too large to picture (the plane's grid would pass the largest float); give inputs of at most 1e+300 in size
    """
    if not samples:
        return nice_ticks(-1.0, 1.0, 4), nice_ticks(-1.0, 1.0, 4)
    for k, (x, _) in enumerate(samples, start=1):
        for i in (0, 1):
            if not abs(x[i]) <= LARGEST_PICTURED:
                raise ValueError(f"sample {k} has x_{i + 1} = {x[i]:g}, too large to picture (the plane's grid "
                                 f"would pass the largest float); give inputs of at most {LARGEST_PICTURED:g} in size")
    axes = []
    for i in (0, 1):
        low, high = min(x[i] for x, _ in samples), max(x[i] for x, _ in samples)
        pad = 0.1 * (high - low) or 0.5
        axes.append(nice_ticks(low - pad, high + pad, 6))
    return axes[0], axes[1]


def classes(samples) -> tuple[float, float]:
    """The smaller and the larger class value of d (0 and 1 without samples)."""
    if not samples:
        return 0.0, 1.0
    values = [_d(d) for _, d in samples]
    low, high = min(values), max(values)
    return (low, high) if high > low else (low - 0.5, low + 0.5)


def _mix(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(round(p + (q - p) * t) for p, q in zip(a, b))


def _colour(y: float, low: float, high: float) -> tuple:
    """Orange at the smaller class value (and below), white halfway, blue at the larger (and above)."""
    t = min(max((y - low) / (high - low), 0.0), 1.0) if math.isfinite(y) else 0.5
    return _mix(LOW_TINT, WHITE, 2 * t) if t < 0.5 else _mix(WHITE, HIGH_TINT, 2 * t - 1)


def _contour(values: list[list[float]], level: float, to_pixel) -> str:
    """The path where the grid's values cross ``level`` (marching squares, linear along each edge)."""
    segments = []
    for r in range(len(values) - 1):
        for c in range(len(values[0]) - 1):
            corners = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c)]
            crossings = []
            for (r1, c1), (r2, c2) in zip(corners, corners[1:] + corners[:1]):
                v1, v2 = values[r1][c1], values[r2][c2]
                if (v1 >= level) != (v2 >= level) and math.isfinite(v2 - v1):
                    t = (level - v1) / (v2 - v1)
                    crossings.append(to_pixel(r1 + t * (r2 - r1), c1 + t * (c2 - c1)))
            for a, b in zip(crossings[::2], crossings[1::2]):
                segments.append(f"M{a[0]:.1f} {a[1]:.1f}L{b[0]:.1f} {b[1]:.1f}")
    return "".join(segments)


def boundary_svg(net, samples=None, grid: int = 48, title: str | None = None) -> SvgPicture:
    """Return the SVG of ``net``'s output y over the plane of its two inputs, with ``samples`` on top.

    ``samples`` are ``(x, d)`` pairs (they also set the part of the plane shown and the class
    values); ``grid`` is the number of points per side at which y is computed. The SVG is a
    ``str`` that a notebook shows as the picture. Raises ``ValueError`` for a network without
    two inputs and one output, ``TypeError`` or ``ValueError`` for arguments that do not fit
    (:mod:`backprop.pictures.arguments`; ``grid`` from 1 to :data:`MOST_GRID`).
    """
    arguments.network(net)
    check_two_inputs(net)
    grid, title = arguments.whole(grid, "grid", MOST_GRID), arguments.text(title, "title")
    empty = samples is None or hasattr(samples, "__len__") and not isinstance(samples, (str, bytes)) and not samples
    samples = [] if empty else net.check_samples(samples)
    x_1_ticks, x_2_ticks = plane(samples)
    low, high = classes(samples)
    level = (low + high) / 2
    (x_1_min, x_1_max), (x_2_min, x_2_max) = (x_1_ticks[0], x_1_ticks[-1]), (x_2_ticks[0], x_2_ticks[-1])

    def x_pixel(x_1: float) -> float:
        return MARGIN + (x_1 - x_1_min) / (x_1_max - x_1_min) * SIZE

    def y_pixel(x_2: float) -> float:
        return TOP + (x_2_max - x_2) / (x_2_max - x_2_min) * SIZE

    # grid point (r, c) is at the centre of pixel (r, c) of the field; row 0 is the top (the largest x_2)
    x_1_at = [x_1_min + (c + 0.5) / grid * (x_1_max - x_1_min) for c in range(grid)]
    x_2_at = [x_2_max - (r + 0.5) / grid * (x_2_max - x_2_min) for r in range(grid)]
    values = [[_y(net, [x_1, x_2]) for x_1 in x_1_at] for x_2 in x_2_at]
    field = base64.b64encode(png([[_colour(y, low, high) for y in row] for row in values])).decode("ascii")
    contour = _contour(values, level, lambda r, c: (MARGIN + (c + 0.5) / grid * SIZE, TOP + (r + 0.5) / grid * SIZE))
    width, height = MARGIN + SIZE + 130, TOP + SIZE + MARGIN
    title = title or f"the network's y over the plane; the line is y = {level:g}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{MARGIN + SIZE / 2:g}" y="{TOP / 2 + 4:g}" text-anchor="middle" font-size="14">'
        f"{escape(title)}</text>",
        f'<image class="field" x="{MARGIN}" y="{TOP}" width="{SIZE}" height="{SIZE}" preserveAspectRatio="none" '
        f'href="data:image/png;base64,{field}"/>',
        f'<path class="contour" d="{contour}" fill="none" stroke="#222" stroke-width="2"/>',
        f'<rect x="{MARGIN}" y="{TOP}" width="{SIZE}" height="{SIZE}" fill="none" stroke="black"/>',
    ]
    for tick in x_1_ticks:
        parts.append(f'<text x="{x_pixel(tick):.1f}" y="{TOP + SIZE + 16}" text-anchor="middle">{tick:g}</text>')
    for tick in x_2_ticks:
        parts.append(f'<text x="{MARGIN - 6}" y="{y_pixel(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
    parts += [
        f'<text x="{MARGIN + SIZE / 2:g}" y="{TOP + SIZE + 36}" text-anchor="middle" font-style="italic">x₁</text>',
        f'<text x="14" y="{TOP + SIZE / 2:g}" text-anchor="middle" font-style="italic">x₂</text>',
    ]
    for above, colour in ((True, HIGH), (False, LOW)):  # one group per class, the dots inside it short
        parts.append(f'<g class="samples" fill="rgb{colour}" stroke="white" stroke-width="1.2">')
        parts += [f'<circle class="sample" cx="{x_pixel(x[0]):.1f}" cy="{y_pixel(x[1]):.1f}" r="4"/>'
                  for x, d in samples if (_d(d) >= level) == above]
        parts.append("</g>")
    legend_x = MARGIN + SIZE + 18
    for k, (value, colour) in enumerate(((high, HIGH), (low, LOW))):
        y = TOP + 20 + 22 * k
        parts.append(f'<circle cx="{legend_x + 5}" cy="{y - 4}" r="5" fill="rgb{colour}"/>'
                     f'<text x="{legend_x + 16}" y="{y}">d = {value:g}</text>')
    parts += [
        f'<line x1="{legend_x}" y1="{TOP + 60}" x2="{legend_x + 12}" y2="{TOP + 60}" stroke="#222" stroke-width="2"/>',
        f'<text x="{legend_x + 16}" y="{TOP + 64}">y = {level:g}</text>',
        "</svg>",
    ]
    return SvgPicture("\n".join(parts) + "\n")
