"""How the library writes the lecture's symbols and numbers for a person: one-based indices,
numbers rounded to a few significant digits.

Python counts from 0 but the lecture counts from 1, so ``W1[0][2]`` in code is
the weight the lecture calls W_13 (from input x_1 to hidden neuron h_3). Every
message and printout goes through :func:`label` (or :func:`subscript`), so a
person only ever reads the lecture's one-based names.

A number is shown rounded (:func:`rounded`, :func:`number`) and never computed
with rounded: the records of a feedforward pass, its gradients and a step show
themselves with :func:`record` (the REPL) and :func:`record_markdown` (a
notebook), and keep every digit in their attributes.
"""


def subscript(*indices: int | str) -> str:
    """Write zero-based Python ``indices`` as the lecture's one-based subscript.

    Indices are run together as in the lecture (13) while each is a single
    digit, and separated by commas otherwise (10,2). A letter, such as the
    ``"i"`` and ``"j"`` of a general formula, is written as it is.

    >>> subscript(0, 2)
    '13'
    >>> subscript("i", "j"), subscript(9, 1)
    ('ij', '10,2')
    """
    one_based = [index if isinstance(index, str) else str(index + 1) for index in indices]
    joiner = "" if all(len(s) == 1 for s in one_based) else ","
    return joiner.join(one_based)


def label(name: str, *indices: int | str) -> str:
    """Write ``name`` with the zero-based Python ``indices`` as one-based subscripts.

    >>> label("h", 0)
    'h_1'
    >>> label("W1", 0, 2)
    'W1_13'
    >>> label("W1", 9, 1)
    'W1_10,2'
    """
    return f"{name}_{subscript(*indices)}"


SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def layer(name: str, k: int) -> str:
    """Write ``name`` with the zero-based Python layer index ``k`` as a one-based superscript.

    A deep network's ``W[0]`` is the lecture's W¹ and its first hidden layer h¹;
    combine with :func:`label` for the subscripts.

    >>> layer("W", 0)
    'W¹'
    >>> label(layer("W", 2), 1, 0)
    'W³_21'
    >>> label(layer("h′", 11), 0)
    'h′¹²_1'
    """
    return name + str(k + 1).translate(SUPERSCRIPT_DIGITS)


def how_many(n: int, word: str) -> str:
    """``n`` and ``word``, in the plural unless ``n`` is 1.

    >>> how_many(1, "epoch"), how_many(4, "sample")
    ('1 epoch', '4 samples')
    """
    return f"{n} {word}{'s' * (n != 1)}"


# Showing a record of numbers (a feedforward pass, its gradients, a step) to a person: the
# lecture's symbols, numbers rounded to a few significant digits. The records keep every digit.

DIGITS = 4  # significant digits a record shows; its attributes keep full precision
WIDTH = 100  # a record whose one-line form is longer, or holds a matrix, shows a field per line


def rounded(value: float, digits: int = DIGITS) -> str:
    """Round ``value`` to ``digits`` significant digits for display (never for computing).

    >>> rounded(0.6456563062257954, 4), rounded(-0.3, 4), rounded(1.0, 4), rounded(-1e-20, 4)
    ('0.6457', '-0.3', '1', '-1e-20')
    >>> rounded(-0.00001, 2)
    '-1e-05'
    """
    text = f"{value:.{digits}g}"
    return "0" if float(text) == 0.0 else text


def number(value: float, digits: int = DIGITS) -> str:
    """A rounded number as a person reads it, with a real minus sign (−).

    >>> number(-0.06246095377027911), number(0.04999999999999999), number(2.0)
    ('−0.06246', '0.05', '2')
    """
    return rounded(value, digits).replace("-", "−")


def vector(values, digits: int = DIGITS) -> str:
    """A vector as a tuple of rounded numbers; one value is written (v), not Python's (v,).

    >>> vector([0.6, 0.04999999999999999, 0.5]), vector([1.0])
    ('(0.6, 0.05, 0.5)', '(1)')
    """
    return "(" + ", ".join(number(value, digits) for value in values) + ")"


def _is_matrix(value) -> bool:
    return isinstance(value, (list, tuple)) and any(isinstance(row, (list, tuple)) for row in value)


def _value(value, digits: int) -> str:
    """A number, a vector, or a matrix written on one line as a tuple of rows."""
    if _is_matrix(value):
        return "(" + ", ".join(vector(row, digits) for row in value) + ")"
    if isinstance(value, (list, tuple)):
        return vector(value, digits)
    return number(value, digits)


def matrix_rows(rows, digits: int = DIGITS) -> list[str]:
    """A matrix as lines, one row per line (row i, column j, as W¹_ij), each column aligned.

    >>> print("\\n".join(matrix_rows([[0.0915, -0.1249, 0.0705], [0.04576, -0.06246, 0.03525]])))
    (( 0.0915,  −0.1249,  0.0705),
     (0.04576, −0.06246, 0.03525))
    """
    cells = [[number(value, digits) for value in row] for row in rows]
    widths = [max(len(row[j]) for row in cells if j < len(row)) for j in range(max(map(len, cells), default=0))]
    lines = ["(" + ", ".join(cell.rjust(widths[j]) for j, cell in enumerate(row)) + ")" for row in cells]
    lines = [(" " if k else "(") + line + ("," if k < len(lines) - 1 else ")") for k, line in enumerate(lines)]
    return lines or ["()"]


def record(name: str, fields: list, digits: int = DIGITS) -> str:
    """A record as ``name(symbol = value, …)`` with rounded numbers: ``fields`` is a list of
    (symbol, value) pairs, each value a number, a vector or a matrix (a list of rows).

    On one line while it is short and holds no matrix of several rows; else one field per
    line, each matrix a row per line with its columns aligned.

    >>> record("Forward", [("x", [1.0, 0.5]), ("h′", [0.6, 0.04999999999999999]), ("y", 0.33154)])
    'Forward(x = (1, 0.5), h′ = (0.6, 0.05), y = 0.3315)'
    >>> print(record("Gradients", [("∂y/∂W¹", [[2.0, -2.0], [1.0, -0.5]]), ("∂y/∂W²", [2.0, 5.0])]))
    Gradients(
      ∂y/∂W¹ = ((2,   −2),
                (1, −0.5))
      ∂y/∂W² = (2, 5))
    """
    one_line = f"{name}(" + ", ".join(f"{symbol} = {_value(value, digits)}" for symbol, value in fields) + ")"
    if len(one_line) <= WIDTH and not any(_is_matrix(value) and len(value) > 1 for _, value in fields):
        return one_line
    width = max(len(symbol) for symbol, _ in fields)
    lines = [f"{name}("]
    for symbol, value in fields:
        first = f"  {symbol.ljust(width)} = "
        shown = matrix_rows(value, digits) if _is_matrix(value) else [_value(value, digits)]
        lines += [first + shown[0]] + [" " * len(first) + line for line in shown[1:]]
    return "\n".join(lines) + ")"


def record_markdown(name: str, fields: list, digits: int = DIGITS) -> str:
    """The same record in Markdown, for a notebook: a list of the numbers and vectors, and a
    table for each matrix, its rows i and columns j numbered from 1 as in the lecture.

    >>> print(record_markdown("Gradients", [("∂y/∂W¹", [[2.0, -2.0], [1.0, -0.5]]), ("∂y/∂W²", [2.0, 5.0])]))
    **Gradients** (4 significant digits; the attributes hold every digit)
    <BLANKLINE>
    | ∂y/∂W¹ | j = 1 | j = 2 |
    |:--|--:|--:|
    | i = 1 | 2 | −2 |
    | i = 2 | 1 | −0.5 |
    <BLANKLINE>
    - ∂y/∂W² = (2, 5)
    """
    lines = [f"**{name}** ({digits} significant digits; the attributes hold every digit)", ""]
    for symbol, value in fields:
        if _is_matrix(value):
            columns = max(map(len, value), default=0)
            if lines[-1]:
                lines.append("")
            lines += ["| " + " | ".join([symbol] + [f"j = {j + 1}" for j in range(columns)]) + " |",
                      "|:--|" + "--:|" * columns]
            lines += ["| " + " | ".join([f"i = {i + 1}"] + [number(v, digits) for v in row]) + " |"
                      for i, row in enumerate(value)]
            lines.append("")
        else:
            lines.append(f"- {symbol} = {_value(value, digits)}")
    return "\n".join(lines).rstrip("\n")


def shown_record(self) -> str:
    """``__repr__`` of the library's records (``Forward``, ``Step``, …): the class's name and the
    fields its ``_symbols()`` lists, as :func:`record` shows them."""
    return record(type(self).__name__, self._symbols())


def shown_record_markdown(self) -> str:
    """``_repr_markdown_`` of the library's records, which a notebook shows (:func:`record_markdown`)."""
    return record_markdown(type(self).__name__, self._symbols())
