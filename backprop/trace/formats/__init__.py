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

from backprop.math import validate

FORMATS = ("text", "markdown", "latex", "json", "html")


def render(record: dict, format: str = "text", digits: int = 4) -> str:
    """Return ``record`` written in ``format`` (one of :data:`FORMATS`), numbers to ``digits``.

    Raises ``ValueError`` for an unknown format and for ``digits`` below 1.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    digits = validate.count(digits, "digits")
    return importlib.import_module(f"backprop.trace.formats.{format}_format").render(record, digits)
