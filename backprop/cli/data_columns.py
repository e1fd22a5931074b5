"""``train --data FILE.csv``: which columns of the file are x and which are d.

The network says it: the last n columns of the file are d, one for each of the network's
n outputs, and the columns before them are x. A network of several outputs comes from
``--layers`` (its last size; the first is the number of x columns) or from a weights file
(``--weights``, its own inputs and outputs); any other network has one output, so the last
column is d, as for the lecture's network::

    x_1,x_2,x_3,x_4,d_1,d_2,d_3      train --data iris.csv --layers 4,8,3 --seed 1
    5.1,3.5,1.4,0.2,1,0,0            (4 x and 3 d: 7 columns)

Nothing is guessed from the file: a file whose number of columns is not the network's
inputs and outputs is refused, and so is a header naming columns d_1, d_2, … (as above)
when there are not as many of them as the network has outputs, since then a column of d
would be read as an x, or the other way round. Either is one line, exit status 2, before
the file's rows are read.
"""

import argparse
import re

from backprop.cli import UsageError
from backprop.files import data_file
from backprop.math.notation import how_many
from backprop.math.sample_table import Rows, SampleTable
from backprop.math.validate import shown_name

D_NAME = re.compile(r"d_[1-9][0-9]*")  # d_1, d_2, …: how the header names the columns of a d of several values


def network_sizes(args: argparse.Namespace) -> tuple[int | None, int]:
    """``(n_x, n_d)``: the inputs and outputs of the network the options describe (n_x None where the
    file says it: the lecture's network takes as many inputs as the file has columns before d)."""
    if args.weights is not None and args.layers is None:  # both: network_from_options refuses them
        from backprop.files import weights_file  # here: only --weights reads JSON

        net = weights_file.load(args.weights)
        return net.n_inputs, getattr(net, "n_outputs", 1)
    if args.layers is not None:
        return args.layers[0], args.layers[-1]
    return None, 1


def check_columns(columns: list[str], n_x: int | None, n_d: int, source: str, given: str) -> None:
    """Raise a UsageError unless the header ``columns`` hold ``n_x`` x and then ``n_d`` d (``given``
    says where those numbers come from, for the message).

    >>> check_columns(["a", "b", "d_1", "d_2"], 2, 2, "f.csv", "--layers 2,4,2")
    >>> check_columns(["a", "b", "d_1", "d_2"], None, 1, "f.csv", "the lecture's network")
    Traceback (most recent call last):
    ...
    backprop.cli.UsageError: f.csv names 2 columns d_1 … d_2, but the lecture's network has 1 output, so only the last column would be d; give --layers 2,N,2 (the last 2 columns are d), or name the columns otherwise
    """
    n_columns = len(columns)
    if n_x is not None and n_x + n_d != n_columns:
        raise UsageError(f"{source} has {how_many(n_columns, 'column')}, but {given} takes {n_x} x and {n_d} d, "
                         f"{n_x + n_d} columns; the last columns are d, one for each output of the network")
    named = [column for column in columns if D_NAME.fullmatch(column)]
    if named and len(named) != n_d:
        last = "only the last column" if n_d == 1 else f"the last {n_d} columns"
        layers = f"{max(n_columns - len(named), 1)},N,{len(named)}"
        names = named[0] if len(named) == 1 else f"{named[0]} … {named[-1]}"
        raise UsageError(f"{source} names {how_many(len(named), 'column')} {names}, but {given} "
                         f"has {how_many(n_d, 'output')}, so {last} would be d; give --layers {layers} (the last "
                         f"{len(named)} columns are d), or name the columns otherwise")


def read(args: argparse.Namespace) -> tuple[list[str], list]:
    """The column names and the samples ``(x, d)`` of ``--data``, split as the network says (d a list for
    several outputs); a UsageError for a file that does not fit the network, ValueError for a bad file."""
    n_x, n_d = network_sizes(args)
    given = (f"--layers {','.join(map(str, args.layers))}" if args.layers is not None else
             f"the network of {shown_name(args.weights)}" if args.weights is not None else "the lecture's network")
    with data_file.open_table(args.data) as (columns, _rows):  # the header only: checked before the rows are read
        check_columns(columns, n_x, n_d, shown_name(args.data), given)
    if n_d == 1:
        return data_file.read_samples(args.data)
    return split(data_file.read_table(args.data), n_d)


def split(table, n_d: int) -> tuple[list[str], list]:
    """The column names of ``table`` (a :class:`~backprop.files.data_file.Table`) and its samples
    ``(x, d)`` with d the list of each row's last ``n_d`` values, x the ones before them, kept
    as compactly as the file's rows (8 bytes a number, :class:`~backprop.math.sample_table.SampleTable`).

    >>> split(data_file.Table(["a", "b", "c"], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), n_d=2)
    (['a', 'b', 'c'], [([1.0], [2.0, 3.0]), ([4.0], [5.0, 6.0])])
    """
    if isinstance(table.rows, Rows):
        return table.columns, SampleTable(table.rows.values, n_x=table.rows.width - n_d, n_d=n_d)
    return table.columns, [(row[:-n_d], row[-n_d:]) for row in table.rows]
