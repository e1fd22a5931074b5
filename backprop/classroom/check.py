"""Checking a learner's own pencil work: their values for a problem, line by line.

An answers file holds one value a line, named as the trace names it (or in
ASCII)::

    problem = 7-12          (optional: the problem these answers are for)
    h_1 = 0.6457
    ΔW¹_12 = −0,05067       (a Unicode minus and a decimal comma are fine)
    # a comment

:func:`read_answers` reads it (raising ``ValueError`` naming the line for an
unknown or repeated name or a value that is not a number), and :func:`check`
gives each answer its :class:`Verdict`: right when it matches the value to the
digits the learner wrote, else wrong, with the worked line and the first wrong
answer it was computed from ("your y is wrong because h_2 is").

>>> from backprop.trace import lecture_example as example
>>> from backprop.classroom.quantities import quantities
>>> values = quantities(example.network(), example.x, example.d, example.alpha)
>>> _, answers = read_answers("h_2 = 0.6\\ny = 0,3\\nh_1 = 0.6457", values)
>>> [(v.quantity.name, v.right, v.because) for v in check(values, answers)]
[('h_2', False, None), ('y', False, 'h_2'), ('h_1', True, None)]
"""

import difflib
import math
from decimal import Decimal
from typing import NamedTuple

from backprop.classroom.quantities import Quantity, by_name, key

PROBLEM_KEYS = ("problem", "problemid", "id")


class Answer(NamedTuple):
    """One line of an answers file: where it is, the name as typed, the number and its last digit's place."""

    line_number: int
    typed_name: str
    typed_value: str
    value: float
    unit: float  # the place of the last digit written: 0.0001 for 0.6457
    digits: int  # significant digits written: 4 for 0.6457
    quantity: Quantity


class Verdict(NamedTuple):
    """The verdict on one answer: ``because`` names the first wrong answer this value was computed from."""

    answer: Answer
    quantity: Quantity
    right: bool
    because: str | None


class Typed(NamedTuple):
    """A number as a learner wrote it: its value, the place of its last digit, its significant digits."""

    value: float
    unit: float
    digits: int


def number(text: str) -> Typed:
    """Read a learner's number, with a Unicode minus or a decimal comma if they like.

    >>> number("0.6457"), number("−0,05067")
    (Typed(value=0.6457, unit=0.0001, digits=4), Typed(value=-0.05067, unit=1e-05, digits=4))
    >>> number("e")
    Traceback (most recent call last):
    ...
    ValueError: 'e' is not a number; write it like 0.6457 or -0.05067
    """
    cleaned = text.strip().replace("−", "-").replace("–", "-")
    if "," in cleaned and "." not in cleaned and cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    try:
        exact = Decimal(cleaned)
        value = float(exact)
        unit = float(Decimal(1).scaleb(exact.as_tuple().exponent))  # decimal.Overflow past 1e999999
    except (ArithmeticError, ValueError):  # decimal's InvalidOperation and Overflow are ArithmeticErrors
        value = unit = math.nan
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is not a number; write it like 0.6457 or -0.05067")
    if not math.isfinite(unit) or unit == 0.0:  # 0E+1000000, 1e-99999999999: no float holds its last digit's place
        raise ValueError(f"{text.strip()!r} has an exponent too large for a float; write it like 0.6457 or 6.457e-1")
    return Typed(value, unit, len(exact.as_tuple().digits))


def read_answers(text: str, values: list, source: str = "line") -> tuple:
    """Read an answers file's ``text`` for the problem whose quantities are ``values``.

    Returns ``(problem_id, answers)``; ``problem_id`` is what a ``problem = …`` line
    says (None without one). Raises ``ValueError`` naming the line (``source`` line
    N) for a line without "=", a name that is not a value of the problem (with
    the nearest name that is), a name given twice, or a value that is not a number.
    """
    names = by_name(values)
    answers, seen, problem_id = [], {}, None
    for number_of_line, raw in enumerate(text.splitlines(), start=1):
        where = f"{source} {number_of_line}"
        content = raw.split("#", 1)[0].strip()
        if not content:
            continue
        name, equals, typed = content.partition("=")
        if not equals:
            name, equals, typed = content.partition(":")
        name, typed = name.strip(), typed.strip()
        if not equals or not name or not typed:
            raise ValueError(f"{where}: {content!r} is not 'name = value'; write one value a line, like h_1 = 0.6457")
        if key(name) in PROBLEM_KEYS:
            problem_id = typed
            continue
        quantity = names.get(key(name))
        if quantity is None:
            raise ValueError(f"{where}: {name!r} is not a value of this problem{_suggestion(name, values)}")
        if quantity.name in seen:
            raise ValueError(f"{where}: {quantity.name} was already given on line {seen[quantity.name]}; "
                             "give each value once")
        seen[quantity.name] = number_of_line
        try:
            value, unit, digits = number(typed)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
        answers.append(Answer(number_of_line, name, typed, value, unit, digits, quantity))
    return problem_id, answers


def problem_id(text: str) -> str | None:
    """What the ``problem = …`` line of an answers file says, or None.

    >>> problem_id("# week 3\\nProblem = 7-12\\nh_1 = 0.6")
    '7-12'
    """
    for line in text.splitlines():
        name, equals, value = line.split("#", 1)[0].partition("=")
        if equals and key(name) in PROBLEM_KEYS:
            return value.strip()
    return None


def _suggestion(name: str, values: list) -> str:
    """"; did you mean h_3?" for the nearest name, or a hint at the names there are."""
    spellings = {spelling: q.name for q in values for spelling in q.spellings}
    near = difflib.get_close_matches(key(name), list(spellings), n=1, cutoff=0.5)
    if near:
        return f"; did you mean {spellings[near[0]]}?"
    return f"; its values are named like {values[0].name}, y, E, ΔW¹_11 (see the trace)"


def is_right(answer: Answer, exact_values) -> bool:
    """Whether ``answer`` is one of ``exact_values`` to the digits it has (half a unit of its last digit).

    >>> from types import SimpleNamespace as A
    >>> is_right(A(value=0.6457, unit=0.0001), [0.645656]), is_right(A(value=0.6456, unit=0.0001), [0.645656])
    (True, False)
    """
    return any(abs(answer.value - exact) <= answer.unit / 2 * (1 + 1e-9) + 1e-15 for exact in exact_values)


def check(values: list, answers: list, also_right=None) -> list:
    """A :class:`Verdict` for each answer, in the file's order.

    An answer is right when it matches the full-precision value to its digits;
    ``also_right(answer)``, if given, returns more values that count (the pencil
    value, from rounded numbers). A wrong answer's ``because`` is the first
    quantity, in the step's order, that it was computed from (directly or
    through others) and that the learner also got wrong.
    """
    rights = {}
    for answer in answers:
        exact = [answer.quantity.value] + (list(also_right(answer)) if also_right else [])
        rights[answer.quantity.name] = is_right(answer, exact)
    order = {q.name: position for position, q in enumerate(values)}
    quantity = {q.name: q for q in values}
    verdicts = []
    for answer in answers:
        name = answer.quantity.name
        because = None
        if not rights[name]:
            wrong_sources = [n for n in _sources(name, quantity) if rights.get(n) is False]
            because = min(wrong_sources, key=order.__getitem__) if wrong_sources else None
        verdicts.append(Verdict(answer, answer.quantity, rights[name], because))
    return verdicts


def _sources(name: str, quantity: dict) -> set:
    """Every quantity ``name`` is computed from, directly or through others."""
    found, todo = set(), list(quantity[name].depends)
    while todo:
        source = todo.pop()
        if source not in found:
            found.add(source)
            todo.extend(quantity[source].depends)
    return found
