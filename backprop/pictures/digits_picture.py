"""Pictures of 8×8 digits as SVG: a row of small images, each with a caption under it.

Each digit is drawn from its 64 inputs x_i in [0, 1] (row by row from the top left), a square
per pixel, darker for larger x_i; a caption says what it is, and a red frame marks a digit the
network got wrong. :func:`digits_svg` draws any such list; :func:`samples_and_mistakes` draws the
report's two pictures: a few test digits with the class the network gives each, and the test
digits it gets wrong.

>>> svg = digits_svg([([0.0] * 63 + [1.0], "7", False)])
>>> svg.startswith("<svg") and svg.count("<rect") == 3     # the background, one dark pixel, the frame
True
"""

from html import escape

from backprop.math.classes import predicted_class, true_class

SIDE = 8  # pixels a side
PIXEL = 5  # drawn size of one pixel
GAP = 10  # between two digits
CAPTION = 16  # the caption's height under a digit
PER_ROW = 12  # digits in a row
SHOWN = 12  # test digits drawn (and mistakes: up to SHOWN × MISTAKE_ROWS)
MISTAKE_ROWS = 3


def digits_svg(items: list, per_row: int = PER_ROW) -> str:
    """An SVG picture of ``items``, each ``(x, caption, wrong)``: 64 inputs in [0, 1], a short
    caption, and whether to frame it in red. Raises ``ValueError`` for an x that is not 64 values."""
    size = SIDE * PIXEL
    rows = max(1, -(-len(items) // per_row))
    width = min(len(items), per_row) * (size + GAP) + GAP if items else 2 * GAP
    height = rows * (size + CAPTION + GAP) + GAP
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11" role="img">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    for k, (x, caption, wrong) in enumerate(items):
        if len(x) != SIDE * SIDE:
            raise ValueError(f"a digit has {SIDE * SIDE} inputs, not {len(x)}")
        left = GAP + (k % per_row) * (size + GAP)
        top = GAP + (k // per_row) * (size + CAPTION + GAP)
        for i, x_i in enumerate(x):
            if x_i > 0:
                shade = round(255 * (1 - min(x_i, 1.0)))
                parts.append(f'<rect x="{left + (i % SIDE) * PIXEL}" y="{top + (i // SIDE) * PIXEL}" '
                             f'width="{PIXEL}" height="{PIXEL}" fill="rgb({shade},{shade},{shade})"/>')
        colour = "#c0392b" if wrong else "#999"
        parts.append(f'<rect x="{left - 0.5}" y="{top - 0.5}" width="{size + 1}" height="{size + 1}" fill="none" '
                     f'stroke="{colour}" stroke-width="{2 if wrong else 1}"/>')
        parts.append(f'<text x="{left + size / 2}" y="{top + size + 12}" text-anchor="middle" '
                     f'fill="{colour if wrong else "#222"}">{escape(caption)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def samples_and_mistakes(net, samples, shown: int = SHOWN) -> tuple[str, str, int]:
    """The report's pictures of one-hot ``samples`` (the test digits): the first ``shown`` with the
    class the network gives each ("7" or, when wrong, "7 → 1"), and the first ``shown`` ×
    :data:`MISTAKE_ROWS` it gets wrong; and how many it gets wrong in all."""
    first, wrong = [], []
    for x, d in samples:
        given, true = predicted_class(net.predict(x)), true_class(d)
        caption = f"{true}" if given == true else f"{true} → {given}"
        if len(first) < shown:
            first.append((x, caption, given != true))
        if given != true:
            wrong.append((x, caption, True))
    return digits_svg(first), digits_svg(wrong[:shown * MISTAKE_ROWS]), len(wrong)
