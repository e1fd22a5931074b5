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
digits the learner wrote (at least 4 significant digits, or the sheet's rule);
"not enough digits" with fewer; "follows" when it is wrong only because an
earlier value of the learner's own was (it is what the step gives from the
learner's numbers: error carried forward), naming the first wrong value it
follows from; else wrong, naming the common mistake it matches, if any.

>>> from backprop.trace import lecture_example as example
>>> from backprop.classroom.quantities import quantities
>>> net = example.network()
>>> values = quantities(net, example.x, example.d, example.alpha)
>>> text = "h_1 = 0.6457\\nh_2 = 0.6225\\ny = 0,1338\\nE = 0.3\\nΔW²_1 = −0.2797"
>>> _, answers = read_answers(text, values)
>>> step = (net, example.x, example.d, example.alpha)
>>> [(v.quantity.name, v.status, v.because, v.mistake) for v in check(values, answers, step=step)]
... # doctest: +NORMALIZE_WHITESPACE
[('h_1', 'right', None, None), ('h_2', 'wrong', None, None), ('y', 'follows', 'h_2', None),
 ('E', 'not enough digits', None, None),
 ('ΔW²_1', 'wrong', None, 'the sign flipped (d − y taken as y − d, or a lost minus)')]
"""

import difflib
import math
import unicodedata
from decimal import Decimal
from typing import NamedTuple

from backprop.classroom.own import MISTAKES, own_values, step_mistakes, swapped_names
from backprop.classroom.pencil import rounded
from backprop.classroom.quantities import Quantity, by_name, key
from backprop.trace.explain import explain

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
    """The verdict on one answer: its ``status`` (one of :data:`STATUSES`); for a value that follows
    from an earlier mistake, ``because`` names the learner's first wrong value it follows from;
    ``mistake`` says which common mistake a wrong value matches, in words (or None)."""

    answer: Answer
    quantity: Quantity
    status: str
    because: str | None = None
    mistake: str | None = None

    @property
    def right(self) -> bool:
        return self.status == RIGHT


RIGHT, FOLLOWS, DIGITS, WRONG = "right", "follows", "not enough digits", "wrong"
STATUSES = (RIGHT, FOLLOWS, DIGITS, WRONG)
DIGITS_RULE = 4  # significant digits a learner carries, unless a sheet says otherwise


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
        # the place of the last digit written; decimal.Overflow past 1e999999 (NaN and inf have none)
        unit = float(Decimal(1).scaleb(exact.as_tuple().exponent)) if exact.is_finite() else math.nan
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
    for number_of_line, raw in enumerate(plain(text).splitlines(), start=1):
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


def plain(text: str) -> str:
    """``text`` with the characters that only look like others read as those: fullwidth digits and
    letters, no-break spaces (NFKC), and no invisible marks (direction marks, zero-width spaces).
    The lecture's symbols (′, ¹, Δ, ∂, −) are kept.

    >>> plain("h_1\u00a0=\u200f ０.６４５７")
    'h_1 = 0.6457'
    """
    kept = []
    for character in text:
        if unicodedata.category(character) == "Cf":
            continue  # a direction mark, a zero-width space, a byte order mark
        if character in "′¹²³⁴⁵⁶⁷⁸⁹⁰":
            kept.append(character)
        else:
            kept.append(unicodedata.normalize("NFKC", character))
    return "".join(kept)


def answer_of(quantity: Quantity, typed: str, line_number: int = 0) -> Answer:
    """The :class:`Answer` ``typed`` for ``quantity`` (as the quiz reads a reply); ``ValueError``
    for a reply that is not a number."""
    value, unit, digits = number(typed)
    return Answer(line_number, quantity.name, typed.strip(), value, unit, digits, quantity)


def problem_id(text: str) -> str | None:
    """What the ``problem = …`` line of an answers file says, or None.

    >>> problem_id("# week 3\\nProblem = 7-12\\nh_1 = 0.6")
    '7-12'
    """
    for line in plain(text).splitlines():
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


def check(values: list, answers: list, also_right=None, digits: int = DIGITS_RULE, step: tuple | None = None) -> list:
    """A :class:`Verdict` for each answer, in the file's order.

    An answer is right when it matches the full-precision value to its digits;
    ``also_right(answer)``, if given, returns more values that count (the pencil value,
    from rounded numbers). One that matches with fewer than ``digits`` significant digits
    is "not enough digits", unless only zeros are left off (0.52 for 0.52004).

    With ``step = (net, x, d, alpha)`` a value that is not right is worked again from the
    learner's own values before it (:func:`backprop.classroom.own.own_values`): if it matches
    that to its last digit it *follows* from the learner's first wrong value among those it
    is computed from (named in ``because``); else it is wrong, and ``mistake`` names the
    common mistake (:data:`backprop.classroom.own.MISTAKES`) it matches, if any.
    """
    status = {}
    for answer in answers:
        q = answer.quantity
        exact = [q.value] + (list(also_right(answer)) if also_right else [])
        status[q.name] = RIGHT if is_right(answer, exact) else WRONG
        if status[q.name] == RIGHT and answer.digits < digits and not _exact(answer.value, q.value, digits):
            status[q.name] = DIGITS  # y = 0.3 for 0.3315: right as far as it goes, but not far enough
    if step is None:
        return [Verdict(a, a.quantity, status[a.quantity.name]) for a in answers]
    net, x, d, alpha = step
    mine = {a.quantity.name: a.value for a in answers}
    record = explain(net, x, [d], alpha)
    own = _worked(net, x, d, alpha, mine, record=record)
    order = {q.name: position for position, q in enumerate(values)}
    quantity = {q.name: q for q in values}
    for answer in sorted(answers, key=lambda a: order[a.quantity.name]):
        name = answer.quantity.name
        if status[name] == WRONG and name in own and _near(answer, own[name], digits):
            status[name] = FOLLOWS
    wrong = any(status[a.quantity.name] == WRONG for a in answers)
    variants = _variants(values, net, x, d, alpha, mine, digits, record, own) if wrong else []
    verdicts = []
    for answer in answers:
        name = answer.quantity.name
        because = mistake = None
        if status[name] == FOLLOWS:
            wrong = [n for n in _sources(name, quantity) if status.get(n) in (WRONG, DIGITS)]
            both = [n for n in _sources(name, quantity) if status.get(n) in (WRONG, DIGITS, FOLLOWS)]
            because = min(wrong or both, key=order.__getitem__) if wrong or both else None
        elif status[name] == WRONG:
            mistake = next((words for words, found in variants
                            if name in found and _near(answer, found[name], digits)), None)
        verdicts.append(Verdict(answer, answer.quantity, status[name], because, mistake))
    return verdicts


def _worked(*step, **options) -> dict:
    """:func:`~backprop.classroom.own.own_values`, or nothing where the learner's numbers make the
    step overflow (a weight of 1e308 and more): then nothing follows from them."""
    try:
        return own_values(*step, **options)
    except (ValueError, ArithmeticError):
        return {}


def _exact(value: float, exact: float, digits: int) -> bool:
    """Whether ``value`` is ``exact`` to ``digits`` digits with its last zeros left off (0.52 for 0.5200…)."""
    return value == rounded(exact, digits)


def _near(answer: Answer, value: float, digits: int) -> bool:
    """Whether ``answer`` is ``value`` to its last digit, give or take the rounding of the learner's
    numbers it is worked from (one unit of its last digit, and half a unit of the ``digits``-th
    significant digit: 0.0111 may stand for 0.01110 or for 0.011104)."""
    if not math.isfinite(value):
        return False
    if answer.digits < digits:  # too few digits to tell, unless only zeros are left off: 0.4 for 0.4000
        return _exact(answer.value, value, digits)
    slack = answer.unit + abs(value) * 5 * 10.0 ** -digits
    return abs(answer.value - value) <= slack * (1 + 1e-9) + 1e-15


def _variants(values, net, x, d, alpha, mine, digits, record, own) -> list:
    """(the mistake in words, display name → value with that mistake made), in the order they are tried."""
    out = []
    for mistake in step_mistakes(net):
        found = _worked(net, x, d, alpha, mine, mistake, record=record)
        if mistake == "sign":  # or a lost minus: the value itself with its sign turned
            out.append((MISTAKES[mistake], {name: -value for name, value in own.items()}))
        out.append((MISTAKES[mistake], found))
    for name, other in swapped_names(values).items():  # ΔW¹_12 given ΔW¹_21's value
        if other in own:
            out.append((f"{MISTAKES['swapped']}: this is {other}", {name: own[other]}))
    for carry in range(digits - 1, 0, -1):
        words = f"{MISTAKES['rounded']}: it is what carrying {carry} significant digit{'s' * (carry != 1)} gives"
        out.append((words, _worked(net, x, d, alpha, mine, carry=carry, record=record)))
    return out


def _sources(name: str, quantity: dict) -> set:
    """Every quantity ``name`` is computed from, directly or through others."""
    found, todo = set(), list(quantity[name].depends)
    while todo:
        source = todo.pop()
        if source not in found:
            found.add(source)
            todo.extend(quantity[source].depends)
    return found
