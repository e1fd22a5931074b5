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
"""

import csv
import math
from typing import NamedTuple


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
    with open(path, newline="", encoding="utf-8-sig") as file:
        try:
            lines = list(_numbered_rows(file))
        except (csv.Error, UnicodeDecodeError) as error:
            raise ValueError(f"{path}: not a readable CSV file ({error})") from None
    if not lines:
        raise ValueError(f"{path}: the file is empty; it needs a header row naming the columns, like x_1,x_2,d")
    (header_line, columns), body = lines[0], lines[1:]
    columns = [name.strip() for name in columns]
    for number, name in enumerate(columns, start=1):
        if not name:
            raise ValueError(f"{path}, line {header_line}, column {number}: the header has no name here; "
                             "the first row names every column, like x_1,x_2,d")
    if not body:
        raise ValueError(f"{path}: no rows of numbers below the header (line {header_line})")
    rows = []
    for line, row in body:
        if len(row) != len(columns):
            raise ValueError(f"{path}, line {line}: the row has {len(row)} values but the header names "
                             f"{len(columns)} columns ({','.join(columns)})")
        rows.append([_number(text, path, line, column, columns[column - 1])
                     for column, text in enumerate(row, start=1)])
    return Table(columns, rows)


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
        raise ValueError(f"{path}: the file has {len(table.columns)} column but needs at least two: "
                         "the inputs x, then the desired output d last")
    return table.columns, [(row[:-1], row[-1]) for row in table.rows]


def _numbered_rows(file):
    """Yield ``(line number, row)`` for each non-blank row of a CSV file."""
    reader = csv.reader(file)
    line = 1
    for row in reader:
        # reader.line_num is the last physical line read, so a row that began earlier ends there
        if any(value.strip() for value in row):
            yield line, row
        line = reader.line_num + 1


def _number(text: str, path, line: int, column: int, name: str) -> float:
    """One CSV value as a float, or a ``ValueError`` that says where it is and what is wrong."""
    where = f"{path}, line {line}, column {column} ({name})"
    text = text.strip()
    if not text:
        raise ValueError(f"{where}: the value is missing; write a number")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{where}: {text!r} is not a finite number")
    return value
