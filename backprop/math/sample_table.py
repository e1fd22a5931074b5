"""Samples stored compactly: the numbers of a data file in one flat array, 8 bytes each.

A list of ``(x, d)`` pairs holds every number as its own Python object: a float is 24
bytes, a list and a tuple around them some 130 more, so a CSV file of millions of rows
took about 100 bytes of memory for each byte of the file. A :class:`SampleTable` keeps
the numbers row after row (x_1 … x_n, then d) in one ``array('d')`` and makes a sample
``(x, d)`` only when it is read: x a new list of floats, d a float (or the list [d] for a
:class:`~backprop.DeepNetwork`). So the training loop and the lecture's code read plain
lists, as they do from any list of samples, and the file's numbers take 8 bytes each.
:class:`Rows` does the same for the rows of a table (every column, d included).

Shuffling a table shuffles an array of row numbers (4 or 8 bytes a row), drawn exactly
as ``random.shuffle`` would shuffle the list of samples, so a seed gives the same order.
"""

import math
from array import array
from collections.abc import Sequence


def _finite_floats(values) -> array:
    """``values`` as an ``array('d')`` (the same one if it is), or a ``ValueError`` if one is not finite."""
    if not (isinstance(values, array) and values.typecode == "d"):
        values = array("d", values)
    if not math.isfinite(sum(values)) and not all(map(math.isfinite, values)):
        raise ValueError("every value of a sample table must be a finite number")
    return values


class Rows(Sequence):
    """The rows of a table of numbers, kept in one flat ``array('d')``; ``rows[k]`` is a new list.

    Compares and prints as the list of its rows.

    >>> rows = Rows(array("d", [0, 1, 1, 1, 1, 0]), width=3)
    >>> len(rows), rows[1], rows
    (2, [1.0, 1.0, 0.0], [[0.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
    """

    __slots__ = ("values", "width")
    __hash__ = None  # compares as a list, so no hash

    def __init__(self, values, width: int):
        self.values = _finite_floats(values)
        self.width = width
        if width < 1 or len(self.values) % width:
            raise ValueError(f"{len(self.values)} values do not make rows of {width}")

    def __len__(self) -> int:
        return len(self.values) // self.width

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        start = range(0, len(self.values), self.width)[k]  # a negative k counts from the end; too large raises
        return self.values[start:start + self.width].tolist()

    def __iter__(self):
        values, width = memoryview(self.values), self.width
        for start in range(0, len(values), width):
            yield values[start:start + width].tolist()

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (Sequence, list)) else NotImplemented

    def __repr__(self) -> str:
        return repr(list(self))


class SampleTable(Sequence):
    """Samples ``(x, d)`` kept in one flat ``array('d')``, a row of n_x inputs and then n_d values of d each.

    ``table[k]`` and iteration give each sample as a new pair: x a list of floats, d a float
    (or ``[d]`` where the table was checked by a network that takes d as a list), or the list
    of the n_d values where there are several. The values must be finite; the array itself is
    kept, not copied. Compares and prints as the list of its samples.

    >>> table = SampleTable(array("d", [0, 1, 1, 1, 1, 0]), n_x=2)
    >>> len(table), table[0], table
    (2, ([0.0, 1.0], 1.0), [([0.0, 1.0], 1.0), ([1.0, 1.0], 0.0)])
    >>> SampleTable(array("d", [0, 1, 1, 1, 1, 0]), n_x=1, n_d=2)[1]
    ([1.0], [1.0, 0.0])
    """

    __slots__ = ("values", "n_x", "n_d", "d_as_list", "order")
    __hash__ = None  # compares as a list, so no hash

    def __init__(self, values, n_x: int, d_as_list: bool = False, order: array | None = None, n_d: int = 1):
        self.values = _finite_floats(values)
        self.n_x, self.n_d, self.order = n_x, n_d, order  # order: the row of each place, or None
        self.d_as_list = d_as_list or n_d > 1
        if n_x < 1 or n_d < 1 or len(self.values) % (n_x + n_d):
            raise ValueError(f"{len(self.values)} values do not make samples of {n_x} x and {n_d} d")

    def __len__(self) -> int:
        return len(self.values) // (self.n_x + self.n_d)

    def _sample(self, row: int) -> tuple:
        return self._pair(self.values, row * (self.n_x + self.n_d))

    def _pair(self, values, start: int) -> tuple:
        """The sample whose row starts at ``start`` of ``values``: x, then d (a float, or a list)."""
        x_end = start + self.n_x
        if self.n_d > 1:
            return values[start:x_end].tolist(), values[x_end:x_end + self.n_d].tolist()
        d = values[x_end]
        return values[start:x_end].tolist(), [d] if self.d_as_list else d

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        row = range(len(self))[k]  # a negative k counts from the end; too large raises IndexError
        return self._sample(row if self.order is None else self.order[row])

    def __iter__(self):
        values, width, pair = memoryview(self.values), self.n_x + self.n_d, self._pair
        rows = range(len(self)) if self.order is None else self.order
        for row in rows:
            yield pair(values, row * width)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (Sequence, list)) else NotImplemented

    def __repr__(self) -> str:
        return repr(list(self))

    def checked(self, check_x, check_d) -> "SampleTable":
        """A new table of the same numbers for a network whose ``check_x`` takes the first sample
        (every row has as many numbers, all finite, so its x stands for all) and ``check_d`` every
        sample's d; d is a list in it where ``check_d`` gives one. Raises as they do, naming the sample.
        """
        if len(self) == 0:
            raise ValueError("no samples: give at least one (x, d) pair to train on")
        x, d = self._sample(0)
        try:
            check_x(x)
            d_as_list = isinstance(check_d(d), list)
        except (TypeError, ValueError) as error:
            raise type(error)(f"sample 1: {error}") from None
        # every d too: what a network asks of d beyond a finite number (cross-entropy: in [0, 1], adding to 1)
        values, width, n_x, n_d = self.values, self.n_x + self.n_d, self.n_x, self.n_d
        for position in range(1, len(self)):
            start = (position if self.order is None else self.order[position]) * width + n_x
            try:
                check_d(values[start] if n_d == 1 else values[start:start + n_d].tolist())
            except (TypeError, ValueError) as error:
                raise type(error)(f"sample {position + 1}: {error}") from None
        order = None if self.order is None else array(self.order.typecode, self.order)
        return SampleTable(self.values, self.n_x, d_as_list, order, self.n_d)

    def shuffle(self, rng) -> None:
        """Put the samples in a random order drawn by ``rng.shuffle``: the order in which it would
        shuffle the list of these samples (it draws by the length alone)."""
        if self.order is None:
            self.order = array("I" if len(self) < 2**32 else "Q", range(len(self)))
        rng.shuffle(self.order)
