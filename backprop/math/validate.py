"""Checks on what a person hands the library, with messages that say how to fix it.

Every public function of ``backprop`` checks its input here *before* it changes
anything, so a rejected call leaves the weights exactly as they were. Each check
returns the value converted to plain floats, which is what the math then uses.
"""

import math
import os
from numbers import Real

from backprop.math.notation import label
from backprop.math.sample_table import SampleTable


def number(value, name: str) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number.

    >>> number(1, "d")
    1.0
    >>> number("0.5", "d")
    Traceback (most recent call last):
    ...
    TypeError: d must be a number, not '0.5'
    """
    if type(value) is float and math.isfinite(value):
        return value  # the common case, checked first
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, not {shown(value)}")
    try:
        checked = float(value)
    except OverflowError:  # an int or Fraction beyond the largest float, about 1.8e308
        checked = math.inf
    if not math.isfinite(checked):
        raise ValueError(f"{name} must be a finite number, not {shown(value)}")
    return checked


SHOWN_LENGTH = 60  # characters of a value an error message shows at most


def shown(value) -> str:
    """``repr(value)`` for an error message, shortened in the middle when it is long.

    >>> shown(0.5)
    '0.5'
    >>> shown(10**400)
    '1000000000000000000000000…0000000000 (an integer of 401 digits)'
    >>> shown("0.5," * 100)
    "'0.5,0.5,0.5,0.5,0.5,0.5,0.5,0…,0.5,0.5,' (402 characters)"
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**SHOWN_LENGTH:
        digits = str(abs(value))  # exact, however long (no repr, which 3.11+ refuses past 4300 digits)
        return f"{'-' * (value < 0)}{digits[:25]}…{digits[-10:]} (an integer of {len(digits)} digits)"
    text = repr(value)
    if len(text) <= SHOWN_LENGTH:
        return text
    return f"{text[:30]}…{text[-10:]} ({len(text)} characters)"


def shown_name(path) -> str:
    """A file name as a person can read it on one line: as it is, or quoted with escapes when it
    holds a line break or another control character (and shortened when it is very long).

    >>> shown_name("w.json"), shown_name("two\\nlines.json")
    ('w.json', "'two\\\\nlines.json'")
    """
    text = str(path)
    if text.isprintable() and len(text) <= 4 * SHOWN_LENGTH:
        return text
    return shown(text)


def path(value, name: str = "path"):
    """Return ``value`` if it is a file name (a ``str`` or an ``os.PathLike``), else raise ``TypeError``.

    An int would be taken by ``open`` as a file descriptor (0 is standard input), and a bool is an int.

    >>> path(0, "path")
    Traceback (most recent call last):
    ...
    TypeError: path must be a file name (a str or os.PathLike), not 0
    """
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a file name (a str or os.PathLike), not {shown(value)}")
    return value


MAX_WEIGHTS = 1_000_000  # random weights made at most, unless the caller lifts the limit


def weight_count(sizes: list[int], bias: bool, max_weights: int | None,
                 past_it: str = "pass max_weights=None to make it anyway") -> int:
    """Return how many weights a network of the layer ``sizes`` has; raise ``ValueError`` past
    ``max_weights`` (``None``: no limit), before anything is allocated; ``past_it`` ends the
    message, saying how to go past the limit.

    >>> weight_count([2, 3, 1], bias=True, max_weights=100)
    13
    >>> weight_count([2, 10**6, 1], bias=False, max_weights=MAX_WEIGHTS)
    Traceback (most recent call last):
    ...
    ValueError: a 2-1000000-1 network has 3,000,000 weights, more than the limit of 1,000,000 (about 32 MB of floats each million); pass max_weights=None to make it anyway
    """
    n = sum((n_k + bias) * n_next for n_k, n_next in zip(sizes, sizes[1:]))
    if max_weights is not None and n > max_weights:
        name = "-".join(map(str, sizes)) if len(sizes) <= 10 else f"{len(sizes)}-layer"
        raise ValueError(f"a {shown_name(name)} network has {n:,} weights, more than the limit of {max_weights:,} "
                         f"(about 32 MB of floats each million); {past_it}")
    return n


def vector(values, name: str, length: int | None = None, what: str = "values") -> list[float]:
    """Return ``values`` as a new list of floats, checking it is a non-empty sequence.

    ``length``, when given, is the number of values it must have; ``what`` says
    what they are in the message. Elements are named one-based, as in the lecture.

    >>> vector([1, 0.5], "x")
    [1.0, 0.5]
    >>> vector([1, 0.5, 2], "x", length=2, what="inputs")
    Traceback (most recent call last):
    ...
    ValueError: x has 3 values but the network has 2 inputs
    """
    if not _in_order(values):
        raise TypeError(f"{name} must be a list of numbers, not {shown(values)}")
    if length is not None and len(values) != length:
        values_, what = ("value" if len(values) == 1 else "values"), (what[:-1] if length == 1 else what)
        raise ValueError(f"{name} has {len(values)} {values_} but the network has {length} {what}")
    if len(values) == 0:
        raise ValueError(f"{name} is empty; it needs at least one number")
    if all(type(v) is float for v in values) and math.isfinite(sum(values)):
        return list(values)  # already finite floats (one sum is finite only if each number is)
    return [number(v, label(name, i)) for i, v in enumerate(values)]


def _in_order(values) -> bool:
    """Whether ``values`` is a sized collection with an order, so that its first is x_1: not a
    string, a set (no order) or a dict (its keys would be taken)."""
    return hasattr(values, "__len__") and not isinstance(values, (str, bytes, set, frozenset, dict))


def matrix(rows, name: str) -> list[list[float]]:
    """Return ``rows`` as a new list of lists of floats, checking it is rectangular.

    >>> matrix([[1, 2], [3, 4]], "W1")
    [[1.0, 2.0], [3.0, 4.0]]
    >>> matrix([[1, 2], [3]], "W1")
    Traceback (most recent call last):
    ...
    ValueError: W1 is ragged: row 1 has 2 values but row 2 has 1; every row needs the same number
    """
    if not _in_order(rows):
        raise TypeError(f"{name} must be a list of rows (lists of numbers), not {shown(rows)}")
    if len(rows) == 0:
        raise ValueError(f"{name} is empty; it needs at least one row")
    checked = []
    for i, row in enumerate(rows):
        if not _in_order(row):
            raise TypeError(f"row {i + 1} of {name} must be a list of numbers, not {shown(row)}")
        if len(row) != len(rows[0]):
            raise ValueError(
                f"{name} is ragged: row 1 has {len(rows[0])} values but row {i + 1} has "
                f"{len(row)}; every row needs the same number"
            )
        if len(row) == 0:
            raise ValueError(f"{name} has an empty row; each row needs at least one number")
        # a finite float passes as it is; only another value is checked with its name (W1_13), which
        # costs more than the check itself: a million weights are checked in a quarter of the time
        checked.append([v if type(v) is float and math.isfinite(v) else number(v, label(name, i, j))
                        for j, v in enumerate(row)])
    return checked


def positive(value, name: str) -> float:
    """Return ``value`` as a float if it is a positive finite number (a learning rate α).

    >>> positive(0.5, "alpha")
    0.5
    >>> positive(0, "alpha")
    Traceback (most recent call last):
    ...
    ValueError: alpha must be a positive number (for example 0.1), not 0
    """
    checked = number(value, name)
    if checked <= 0.0:
        raise ValueError(f"{name} must be a positive number (for example 0.1), not {shown(value)}")
    return checked


def count(value, name: str) -> int:
    """Return ``value`` if it is a whole number of at least 1 (epochs, batch size, sizes).

    >>> count(3, "epochs")
    3
    >>> count(0, "epochs")
    Traceback (most recent call last):
    ...
    ValueError: epochs must be at least 1, not 0
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number, not {shown(value)}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, not {shown(value)}")
    return value


def flag(value, name: str) -> bool:
    """Return ``value`` if it is True or False.

    >>> flag("yes", "bias")
    Traceback (most recent call last):
    ...
    TypeError: bias must be True or False, not 'yes'
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, not {shown(value)}")
    return value


def samples(pairs, check_x, check_d) -> list[tuple] | SampleTable:
    """Return ``pairs`` as a list of checked ``(x, d)`` samples, or raise naming the bad one.

    ``check_x`` and ``check_d`` check one input and one desired output; a network
    passes its own (``Network.check_x``, …), so the sizes are the network's. A
    :class:`~backprop.math.sample_table.SampleTable` (a data file's samples) stays one,
    8 bytes a number: a new table of the same numbers, checked by its first sample.

    >>> samples([([0, 1], 1)], lambda x: vector(x, "x"), lambda d: number(d, "d"))
    [([0.0, 1.0], 1.0)]
    >>> samples([([0, 1], 1), ([0], None)], lambda x: vector(x, "x"), lambda d: number(d, "d"))
    Traceback (most recent call last):
    ...
    TypeError: sample 2: d must be a number, not None
    """
    if isinstance(pairs, SampleTable):
        return pairs.checked(check_x, check_d)
    if isinstance(pairs, (str, bytes)) or not hasattr(pairs, "__iter__"):
        raise TypeError(f"samples must be an iterable of (x, d) pairs, not {shown(pairs)}")
    checked = []
    for position, sample in enumerate(pairs, start=1):
        try:
            x, d = sample
        except (TypeError, ValueError):
            raise TypeError(f"sample {position} must be a pair (x, d), not {shown(sample)}") from None
        try:
            checked.append((check_x(x), check_d(d)))
        except (TypeError, ValueError) as error:
            raise type(error)(f"sample {position}: {error}") from None
    if not checked:
        raise ValueError("no samples: give at least one (x, d) pair to train on")
    return checked


def callback(value, name: str, arity: int, arguments: str = ""):
    """Return ``value`` if it is None or a function that can be called with ``arity`` arguments
    (``on_epoch(epoch, mean_E)``, ``stop()``); raise ``TypeError`` otherwise, before any step.

    ``arguments`` names them in the message, like ``"(epoch, mean_E)"``.

    >>> callback(None, "on_epoch", 2) is None
    True
    >>> callback(1, "on_epoch", 2, "(epoch, mean_E)")
    Traceback (most recent call last):
    ...
    TypeError: on_epoch must be a function of 2 arguments (epoch, mean_E), or None, not 1
    >>> callback(lambda: False, "on_epoch", 2, "(epoch, mean_E)")
    Traceback (most recent call last):
    ...
    TypeError: on_epoch must be a function of 2 arguments (epoch, mean_E), but <lambda> takes () (too many positional arguments)
    """
    if value is None:
        return None
    count = f"{arity} argument{'s' * (arity != 1)}" + (f" {arguments}" if arguments else "")
    if not callable(value):
        raise TypeError(f"{name} must be a function of {count}, or None, not {shown(value)}")
    import inspect  # here: only a call with a function needs it

    try:
        signature = inspect.signature(value)
    except (TypeError, ValueError):  # a builtin without a signature: it is taken on trust
        return value
    try:
        signature.bind(*range(arity))
    except TypeError as error:
        called = getattr(value, "__name__", type(value).__name__)
        raise TypeError(f"{name} must be a function of {count}, but {shown_name(called)} takes {signature} "
                        f"({error})") from None
    return value


def activation_functions(name, phi, phi_prime, phi_prime_from_h=None) -> None:
    """Raise ``TypeError`` unless ``name`` is a str and Φ, Φ′ (and Φ′ from h, if given) are functions
    of one number: the check for ``Activation(name, phi, phi_prime)`` when it is made, not later.

    >>> activation_functions("x", None, None)
    Traceback (most recent call last):
    ...
    TypeError: the activation 'x' needs phi (Φ) to be a function of one number, not None
    """
    if not isinstance(name, str):
        raise TypeError(f"an activation's name must be a str, not {shown(name)}")
    for what, function in (("phi (Φ)", phi), ("phi_prime (Φ′)", phi_prime), ("phi_prime_from_h", phi_prime_from_h)):
        if function is None and what == "phi_prime_from_h":  # optional
            continue
        try:
            fits = function is not None and callback(function, what, 1) is not None
        except TypeError:  # not a function, or not one of one argument
            fits = False
        if not fits:
            raise TypeError(f"the activation {shown(name)} needs {what} to be a function of one number, "
                            f"not {shown(function)}")


def activation_value(value, name: str, what: str, z: float) -> float:
    """Return what a custom activation's Φ or Φ′ gave for ``z`` as a float; ``TypeError`` naming the
    activation if it is not a real number (a str, None, a complex number).

    >>> activation_value(0.5, "half", "Φ", 1.0)
    0.5
    >>> activation_value(1j, "root", "Φ", -1.0)
    Traceback (most recent call last):
    ...
    TypeError: the activation 'root' gave Φ(-1.0) = 1j; Φ and Φ′ must give a real number (a float)
    """
    if type(value) is float:
        return value
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"the activation {shown(name)} gave {what}({z!r}) = {shown(value)}; "
                        "Φ and Φ′ must give a real number (a float)")
    try:
        return float(value)
    except OverflowError:
        return math.inf
