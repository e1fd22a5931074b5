"""The record of one explained step, which a notebook and the REPL show as the worked step.

:class:`Explanation` is a ``dict`` (so ``json.dumps`` takes it, and it equals
the plain dict of the same numbers) that shows itself as the worked step: in
the REPL and as ``print`` as the text of ``--format text``, and in Jupyter as
the HTML of ``--format html`` placed in the notebook's page (no frame, so no
scroll bar of its own), with the Markdown of ``--format markdown`` beside it
for viewers that drop HTML styles. Numbers are shown to 4 significant digits;
``dict(record)`` and ``record["y"]`` hold every digit.
:func:`backprop.explain` returns one, for every kind of network.

>>> from backprop import explain
>>> from backprop.trace import lecture_example as example
>>> record = explain(example.network(), example.x, example.d, example.alpha)
>>> type(record).__name__, record == dict(record)
('Explanation', True)
>>> print(repr(record).splitlines()[14])
  h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6
>>> "<iframe" in record._repr_html_(), record._repr_markdown_().startswith("# One backpropagation step")
(False, True)
"""

DIGITS = 4  # significant digits of what a person sees; the record keeps every digit


class Explanation(dict):
    """A step's record (a plain dict of numbers and lists) that shows itself as the worked step."""

    def __repr__(self) -> str:
        """The worked step as text, as ``python -m backprop trace`` prints it."""
        from backprop.trace.formats.text_format import render  # here: only showing it needs a format

        return render(self, DIGITS).rstrip("\n")

    def _repr_html_(self) -> str:
        return worked_step_html(self)

    def _repr_markdown_(self) -> str:
        """The worked step in Markdown, for a notebook viewer that shows no HTML styles."""
        from backprop.trace.formats.markdown_format import render

        return render(self, DIGITS)


def worked_step_html(record: dict, digits: int = DIGITS) -> str:
    """The worked step of ``record`` as HTML to put inside a notebook's page
    (:func:`backprop.trace.formats.html_format.fragment`): no frame and no fixed height, its styles
    limited to its own element."""
    from backprop.trace.formats.html_format import fragment

    return fragment(record, digits)
