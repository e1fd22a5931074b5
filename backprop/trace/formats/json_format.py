"""The record of one step as JSON, every number at full precision (``--format json``)."""

import json


def render(record: dict, digits: int = 4) -> str:
    """Return ``record`` as JSON; ``digits`` is ignored: JSON keeps every digit.

    Floats are written so that they read back exactly.

    >>> from backprop.trace import lecture_example as example
    >>> from backprop.trace.explain import explain
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> json.loads(render(record)) == record
    True
    """
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"
