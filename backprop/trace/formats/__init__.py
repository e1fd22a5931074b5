"""Showing the record of one step (:func:`backprop.trace.explain.explain`) in each format.

One module per format, each with ``render(record, digits) -> str``:
``text`` for the terminal, ``markdown`` for a handout (formulas in ``$…$``),
``latex`` for a fragment to ``\\input``, ``json`` for every number at full
precision, and ``html`` for one self-contained page with a diagram of the
network. ``digits`` rounds numbers on display only.

>>> from backprop.trace import lecture_example as example
>>> from backprop.trace.explain import explain
>>> record = explain(example.network(), example.x, example.d, example.alpha)
>>> render(record, "markdown").startswith("# One backpropagation step")
True
"""

import importlib
from typing import Iterator

from backprop.math import validate

FORMATS = ("text", "markdown", "latex", "json", "html")
STREAMED = ("text", "markdown", "latex", "html")  # the formats made a line at a time by their lines(record, digits)


def render(record: dict, format: str = "text", digits: int = 4) -> str:
    """Return ``record`` written in ``format`` (one of :data:`FORMATS`), numbers to ``digits``.

    Raises ``ValueError`` for an unknown format and for ``digits`` below 1.
    """
    return "".join(lines(record, format, digits))


def lines(record: dict, format: str = "text", digits: int = 4) -> Iterator[str]:
    """The text of :func:`render`, in pieces that end with a newline, for writing as they come:
    the formats of :data:`STREAMED` make one line at a time (a long step is never held whole),
    the others give their whole text as one piece.

    Raises ``ValueError`` for an unknown format and for ``digits`` below 1, at once.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    digits = validate.count(digits, "digits")
    module = importlib.import_module(f"backprop.trace.formats.{format}_format")
    return module.lines(record, digits) if format in STREAMED else iter([module.render(record, digits)])
