"""How the library writes the lecture's symbols for a person: one-based indices.

Python counts from 0 but the lecture counts from 1, so ``W1[0][2]`` in code is
the weight the lecture calls W_13 (from input x_1 to hidden neuron h_3). Every
message and printout goes through :func:`label` (or :func:`subscript`), so a
person only ever reads the lecture's one-based names.
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
