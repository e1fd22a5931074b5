"""The loss curve as an SVG picture: mean E per epoch, with axes, ticks and labels.

The picture is one self-contained SVG file (no scripts, fonts or styles from
elsewhere), written with the standard library only, that any web browser opens.
The y axis is linear, or logarithmic with ``log=True``: training often goes on
improving by whole powers of ten long after a linear axis shows a flat line.
"""

import math
from html import escape

from backprop.math import validate
from backprop.pictures import arguments

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 40, 50  # margins around the plot area, in pixels


def nice_ticks(low: float, high: float, count: int = 6, min_step: float = 0.0) -> list[float]:
    """Return evenly spaced round numbers (steps of 1, 2 or 5 × 10ᵏ) from ≤ ``low`` to ≥ ``high``.

    About ``count`` intervals; the step is at least ``min_step`` (1 keeps epochs whole).

    >>> nice_ticks(0.0, 0.25)
    [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]
    >>> nice_ticks(1, 1000, min_step=1)
    [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]
    >>> nice_ticks(1, 3, min_step=1)
    [1.0, 2.0, 3.0]
    """
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    step = max(step, min_step)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    # k·step, written with 12 significant digits so that 3·0.1 is 0.3, not 0.30000000000000004
    return [float(f"{k * step:.12g}") for k in range(first, last + 1)]


def epoch_pixel(epoch: float, n_epochs: int) -> float:
    """Where on the x axis of the loss curve of ``n_epochs`` epochs ``epoch`` is drawn.

    >>> epoch_pixel(1, 1000) == LEFT, epoch_pixel(1000, 1000) == WIDTH - RIGHT
    (False, True)
    """
    x_ticks = nice_ticks(1, max(n_epochs, 2), min_step=1)
    return LEFT + (epoch - x_ticks[0]) / (x_ticks[-1] - x_ticks[0]) * (WIDTH - LEFT - RIGHT)


def loss_curve(losses, log: bool = False, title: str = "mean E per epoch") -> str:
    """Return an SVG document plotting ``losses[k]`` (the mean E of epoch k + 1) against the epoch.

    >>> svg = loss_curve([0.25, 0.125, 0.0625])
    >>> svg.startswith("<svg") and 'class="curve"' in svg
    True

    With ``log=True``, values ≤ 0 are drawn on the bottom edge of the axis.
    Raises ``ValueError`` if there are no losses or one is not finite, ``TypeError`` for an argument
    of the wrong type (:mod:`backprop.pictures.arguments`).
    """
    losses = arguments.values(losses, "losses", "nothing to plot: no epoch was completed", low=0.0)
    log, title = validate.flag(log, "log"), arguments.text(title, "title")
    x_ticks = nice_ticks(1, max(len(losses), 2), min_step=1)
    if log:
        y_ticks, y_labels, scale = _log_axis(losses)
    else:
        y_ticks = nice_ticks(min(0.0, min(losses)), max(losses))
        y_labels, scale = [f"{t:g}" for t in y_ticks], (lambda E: E)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_pixel(epoch: float) -> float:
        return epoch_pixel(epoch, len(losses))

    def y_pixel(value: float) -> float:  # value already on the axis' scale
        return TOP + plot_height - (value - y_ticks[0]) / (y_ticks[-1] - y_ticks[0]) * plot_height

    bottom, right = TOP + plot_height, LEFT + plot_width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2:g}" y="{TOP / 2 + 5:g}" text-anchor="middle" font-size="15">{escape(title)}</text>',
        '<g class="x-axis" stroke="black">',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}"/>',
    ]
    for tick in x_ticks:
        x = x_pixel(tick)
        parts.append(f'<g class="tick"><line x1="{x:.2f}" y1="{bottom}" x2="{x:.2f}" y2="{bottom + 5}"/>'
                     f'<text x="{x:.2f}" y="{bottom + 18}" text-anchor="middle" stroke="none">{tick:g}</text></g>')
    parts += ["</g>", '<g class="y-axis" stroke="black">', f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}"/>']
    for tick, label in zip(y_ticks, y_labels):
        y = y_pixel(tick)
        parts.append(f'<g class="tick"><line x1="{LEFT - 5}" y1="{y:.2f}" x2="{LEFT}" y2="{y:.2f}"/>'
                     f'<line x1="{LEFT}" y1="{y:.2f}" x2="{right}" y2="{y:.2f}" stroke="#ddd"/>'
                     f'<text x="{LEFT - 8}" y="{y + 4:.2f}" text-anchor="end" stroke="none">{label}</text></g>')
    points = " ".join(f"{x_pixel(epoch):.2f},{y_pixel(scale(E)):.2f}" for epoch, E in enumerate(losses, start=1))
    y_title = "mean E (log scale)" if log else "mean E"
    parts += [
        "</g>",
        f'<text x="{LEFT + plot_width / 2:g}" y="{HEIGHT - 10}" text-anchor="middle">epoch</text>',
        f'<text x="15" y="{TOP + plot_height / 2:g}" text-anchor="middle" '
        f'transform="rotate(-90 15 {TOP + plot_height / 2:g})">{y_title}</text>',
        f'<polyline class="curve" fill="none" stroke="#1f5fa8" stroke-width="1.5" points="{points}"/>',
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _log_axis(losses: list[float]):
    """Ticks (as powers of ten), their labels, and the log₁₀ scale for a logarithmic y axis."""
    positive = [E for E in losses if E > 0.0] or [1.0]
    floor = min(positive)
    low, high = math.floor(math.log10(floor)), math.ceil(math.log10(max(positive)))
    if high == low:
        high += 1
    step = max(1, math.ceil((high - low) / 8))  # at most about eight labelled powers of ten
    low -= (low % step)  # start on a multiple of the step, so the first tick is on the axis' end
    exponents = list(range(low, high + 1, step))
    if exponents[-1] < high:
        exponents.append(exponents[-1] + step)
    labels = [f"{10.0 ** k:g}" for k in exponents]
    return [float(k) for k in exponents], labels, lambda E: math.log10(max(E, floor))
