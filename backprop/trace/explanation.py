"""The record of one explained step, which a notebook shows as the worked step.

:class:`Explanation` is a ``dict`` (so ``json.dumps`` takes it, and it equals
the plain dict of the same numbers) with one more thing: Jupyter and IPython
call its ``_repr_html_`` and show the worked step as the HTML page of
``--format html``. In a plain Python shell it prints as the dict it is.
:func:`backprop.explain` returns one, for every kind of network.

>>> from backprop import explain
>>> from backprop.trace import lecture_example as example
>>> record = explain(example.network(), example.x, example.d, example.alpha)
>>> type(record).__name__, record == dict(record)
('Explanation', True)
>>> "<iframe" in record._repr_html_()
True
"""

class Explanation(dict):
    """A step's record (a plain dict of numbers and lists) that shows itself as HTML in a notebook."""

    def _repr_html_(self) -> str:
        return worked_step_html(self)


def worked_step_html(record: dict, digits: int = 4) -> str:
    """The worked step of ``record`` as HTML to put inside a notebook's page: the full page of
    ``--format html`` (:mod:`backprop.trace.formats.html_format`) in an ``<iframe srcdoc>``, so
    its styles stay inside it."""
    from html import escape  # here: only a notebook's display needs it

    from backprop.trace.formats.html_format import render

    page = render(record, digits)
    return (f'<iframe srcdoc="{escape(page, quote=True)}" title="One backpropagation step, worked out" '
            'style="width: 100%; height: 640px; border: 1px solid #ddd;"></iframe>')
