"""The record of one explained step, which a notebook shows as the worked step.

:class:`Explanation` is a ``dict`` (so ``json.dumps`` takes it, and it equals
the plain dict of the same numbers) with one more thing: Jupyter and IPython
call its ``_repr_html_`` and show the worked step as HTML. In a plain Python
shell it prints as the dict it is.

:func:`explained` is the one place that asks the library for the record of a
step, for either kind of network; the notebook and the pictures go through it.

>>> from backprop.trace import lecture_example as example
>>> record = explained(example.network(), example.x, example.d, example.alpha)
>>> isinstance(record, dict), record == dict(record)
(True, True)
>>> "<iframe" in record._repr_html_()
True
"""

import functools
from html import escape


class Explanation(dict):
    """A step's record (a plain dict of numbers and lists) that shows itself as HTML in a notebook."""

    def _repr_html_(self) -> str:
        return worked_step_html(self)


def returns_explanation(explain):
    """Make a function that returns a step's record (a dict) return it as an :class:`Explanation`."""

    @functools.wraps(explain)
    def explain_as_explanation(*args, **kwargs) -> Explanation:
        return Explanation(explain(*args, **kwargs))

    return explain_as_explanation


def explained(net, x, d, alpha: float) -> Explanation:
    """Return the record of one step of ``net`` on ``(x, d)`` with learning rate ``alpha``.

    The lecture's :class:`~backprop.Network` goes through :func:`backprop.explain`,
    a :class:`~backprop.math.deep.DeepNetwork` through
    :func:`backprop.trace.deep.step_record`; ``net`` is not changed. Raises what those raise.
    """
    from backprop.math.deep import DeepNetwork

    if isinstance(net, DeepNetwork):
        from backprop.trace.deep import step_record

        return Explanation(step_record(net, x, d, alpha))
    from backprop.trace.lecture import explain

    return Explanation(explain(net, x, d, alpha))


def worked_step_html(record: dict, digits: int = 4) -> str:
    """The worked step of ``record`` as HTML to put inside a notebook's page.

    The lecture's record is the full page of ``--format html`` in an
    ``<iframe srcdoc>``, so its styles stay inside it; a deep network's record
    is its worked text in a ``<pre>``.
    """
    if "layers" in record:  # a DeepNetwork's record
        from backprop.trace.deep import render

        return f"<pre>{escape(render(record, digits))}</pre>"
    from backprop.trace.formats.html_format import render

    page = render(record, digits)
    return (f'<iframe srcdoc="{escape(page, quote=True)}" title="One backpropagation step, worked out" '
            'style="width: 100%; height: 640px; border: 1px solid #ddd;"></iframe>')
