"""Reading training data from a CSV file.

The first row names the columns; every other row is one sample. The last column
is the desired output d, the others are the inputs x_1, x_2, …::

    x_1,x_2,d
    0,0,0
    0,1,1

The whole file is read and checked before anything uses it: a missing value, a
value that is not a finite number, a row with too few or too many values, or a
file with no rows raises ``ValueError`` naming the file, the line and the
column, so nothing is ever trained on part of a file. Blank lines are skipped.
:func:`open_table` gives the rows one at a time instead, for files of any length
(``predict --data``). A line longer than a million characters, or a file longer
than a billion (``/dev/zero``), is refused rather than read into memory.
"""

import contextlib
import csv
import itertools
import math
from typing import Iterator, NamedTuple

from backprop.math.validate import path as check_path, shown, shown_name

MAX_LINE = 2**20  # characters in one line at most: a row of numbers is far shorter
MAX_CHARACTERS = 2**30  # characters in a file at most (1 GiB), so that /dev/zero ends


class Table(NamedTuple):
    """A CSV file's column names (from its header row) and its rows, as floats."""

    columns: list[str]
    rows: list[list[float]]


def read_table(path) -> Table:
    """Read the CSV file at ``path``: a header row, then rows of numbers.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "gate.csv")
    >>> _ = open(path, "w").write("x_1,x_2,d\\n0,1,1\\n1,1,0\\n")
    >>> read_table(path)
    Table(columns=['x_1', 'x_2', 'd'], rows=[[0.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
    >>> _ = open(path, "w").write("x_1,x_2,d\\n0,1,1\\n1,,0\\n")
    >>> read_table(path)
    Traceback (most recent call last):
    ...
    ValueError: ...gate.csv, line 3, column 2 (x_2): the value is missing; write a number

    Raises ``ValueError`` naming the line and column of the first problem, and
    ``OSError`` if the file cannot be read.
    """
    with open_table(path) as (columns, rows):
        return Table(columns, list(rows))


@contextlib.contextmanager
def open_table(path) -> Iterator[tuple[list[str], Iterator[list[float]]]]:
    """Open the CSV file at ``path`` and give its column names and its rows, one at a time.

    Each row is checked as it is read (as :func:`read_table` checks them all), so a
    file of any length is read in little memory; a file with no rows raises at its end.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "gate.csv")
    >>> _ = open(path, "w").write("x_1,d\\n0,1\\n1,0\\n")
    >>> with open_table(path) as (columns, rows):
    ...     columns, next(rows)
    (['x_1', 'd'], [0.0, 1.0])
    """
    check_path(path)
    name = shown_name(path)
    with open(path, newline="", encoding="utf-8-sig") as file:
        lines = _numbered_rows(_bounded_lines(file, name), name)
        header = next(lines, None)
        if header is None:
            raise ValueError(f"{name}: the file is empty; it needs a header row naming the columns, like x_1,x_2,d")
        header_line, columns = header
        columns = [column.strip() for column in columns]
        for number, column in enumerate(columns, start=1):
            if not column:
                raise ValueError(f"{name}, line {header_line}, column {number}: the header has no name here; "
                                 "the first row names every column, like x_1,x_2,d")
        yield columns, _checked_rows(lines, name, header_line, columns)


def _checked_rows(lines, name: str, header_line: int, columns: list[str]) -> Iterator[list[float]]:
    """Each row below the header as floats, or a ``ValueError`` naming the first problem."""
    count = 0
    for line, row in lines:
        if len(row) != len(columns):
            raise ValueError(f"{name}, line {line}: the row has {len(row)} values but the header names "
                             f"{len(columns)} columns ({shown(','.join(columns))})")
        yield [_number(text, name, line, column, columns[column - 1]) for column, text in enumerate(row, start=1)]
        count += 1
    if count == 0:
        raise ValueError(f"{name}: no rows of numbers below the header (line {header_line})")


def read_samples(path) -> tuple[list[str], list[tuple[list[float], float]]]:
    """Read training samples from the CSV file at ``path``: the last column is d, the others x.

    Returns the column names and the samples ``(x, d)``.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "gate.csv")
    >>> _ = open(path, "w").write("a,b,and\\n0,1,0\\n1,1,1\\n")
    >>> read_samples(path)
    (['a', 'b', 'and'], [([0.0, 1.0], 0.0), ([1.0, 1.0], 1.0)])

    Raises ``ValueError`` as :func:`read_table` does, and if there are fewer than
    two columns (at least one input and d).
    """
    table = read_table(path)
    if len(table.columns) < 2:
        raise ValueError(f"{shown_name(path)}: the file has {len(table.columns)} column but needs at least two: "
                         "the inputs x, then the desired output d last")
    return table.columns, [(row[:-1], row[-1]) for row in table.rows]


def _bounded_lines(file, name: str) -> Iterator[str]:
    """The lines of ``file``, refusing one longer than MAX_LINE or a file past MAX_CHARACTERS."""
    total = 0
    for number in itertools.count(1):
        line = file.readline(MAX_LINE + 1)
        if not line:
            return
        total += len(line)
        if len(line) > MAX_LINE:
            raise ValueError(f"{name}, line {number}: longer than {MAX_LINE:,} characters; not a CSV file of numbers")
        if total > MAX_CHARACTERS:
            raise ValueError(f"{name}: longer than {MAX_CHARACTERS:,} characters, the most a data file may hold")
        yield line


def _numbered_rows(lines, name: str):
    """Yield ``(line number, row)`` for each non-blank row of CSV ``lines``."""
    reader = csv.reader(lines)
    line = 1
    try:
        for row in reader:
            # reader.line_num is the last physical line read, so a row that began earlier ends there
            if row and not (len(row) == 1 and not row[0].strip()):  # a blank line; ",," is three missing values
                yield line, row
            line = reader.line_num + 1
    except (csv.Error, UnicodeDecodeError) as error:
        raise ValueError(f"{name}: not a readable CSV file ({error})") from None


def _number(text: str, path, line: int, column: int, name: str) -> float:
    """One CSV value as a float, or a ``ValueError`` that says where it is and what is wrong."""
    where = f"{path}, line {line}, column {column} ({name})"
    text = text.strip()
    if not text:
        raise ValueError(f"{where}: the value is missing; write a number")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: {shown(text)} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{where}: {shown(text)} is not a finite number")
    return value
