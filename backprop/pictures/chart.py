"""A line chart drawn with text characters, to watch the error fall in a terminal.

Each column of the chart stands for one epoch, or for a run of neighbouring
epochs when there are more epochs than columns; a column marks every row from
the smallest to the largest value of its epochs, so a curve that jumps about
shows as a bar rather than being hidden. The y axis is labelled with the
largest and smallest value, the x axis with the first and last epoch.
"""

import math

from backprop.math import validate
from backprop.pictures import arguments

MARK = "•"


def line_chart(values, width: int = 60, height: int = 10, log: bool = False) -> str:
    """Return a chart of ``values`` (one per epoch) as lines of text.

    ``width`` is the most columns the curve may take and ``height`` its rows.
    With ``log=True`` the y axis is logarithmic (values ≤ 0 are drawn on the
    bottom row); a log axis shows the slow last part of training far better.

    >>> print(line_chart([0.4, 0.3, 0.2, 0.1], height=4))
    0.4 ┤•
        │ •
        │  •
    0.1 ┤   •
        └────
         1  4

    Raises ``ValueError`` if there are no values, or if a value is not finite, ``TypeError`` for
    an argument of the wrong type (:mod:`backprop.pictures.arguments`).
    """
    values = arguments.values(values, "values", "nothing to draw: the chart needs at least one value")
    log = validate.flag(log, "log")
    width, height = arguments.whole(width, "width", 10_000), arguments.whole(height, "height", 10_000)
    if width < 1 or height < 2:
        raise ValueError(f"a chart needs a width of at least 1 and a height of at least 2, not {width}×{height}")
    scale = _log_scale(values) if log else (lambda v: v)
    columns = min(len(values), width)
    # column c shows values[c·n/columns … (c+1)·n/columns − 1]
    buckets = [values[c * len(values) // columns:(c + 1) * len(values) // columns] for c in range(columns)]
    low, high = min(map(scale, values)), max(map(scale, values))

    def row(value: float) -> int:  # 0 is the bottom row
        return 0 if high == low else round((scale(value) - low) / (high - low) * (height - 1))

    grid = [[" "] * columns for _ in range(height)]
    for c, bucket in enumerate(buckets):
        for r in range(row(min(bucket)), row(max(bucket)) + 1):
            grid[r][c] = MARK
    top_label, bottom_label = f"{max(values):.3g}", f"{min(values):.3g}"
    margin = max(len(top_label), len(bottom_label))
    lines = []
    for r in reversed(range(height)):
        label = top_label if r == height - 1 else bottom_label if r == 0 else ""
        tick = "┤" if label else "│"
        lines.append(f"{label:>{margin}} {tick}{''.join(grid[r])}".rstrip())
    lines.append(" " * margin + " └" + "─" * columns)
    first, last = "1", str(len(values))
    epochs = first + last.rjust(columns - len(first)) if columns > len(first) + len(last) else first
    lines.append(" " * (margin + 2) + epochs)
    return "\n".join(lines)


def _log_scale(values: list[float]):
    """log₁₀, with values ≤ 0 moved to the smallest positive value (the bottom of the axis)."""
    positive = [v for v in values if v > 0.0]
    floor = min(positive) if positive else 1.0
    return lambda v: math.log10(max(v, floor))


def losses_summary(losses: list[float], log: bool = False, title: str = "Mean E per epoch") -> str:
    """The lines ``train`` prints for the mean E of each epoch: ``title``, the chart and the first
    and last E; or, without an epoch, a line saying so.

    >>> print(losses_summary([]))
    No epoch was completed.
    """
    if not losses:
        return "No epoch was completed."
    return "\n".join([title + (" (log scale)" if log else ""), line_chart(losses, log=log),
                       f"Mean E: {losses[0]:.6g} in epoch 1, {losses[-1]:.6g} in epoch {len(losses)}"])
