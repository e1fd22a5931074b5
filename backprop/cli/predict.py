"""``python -m backprop predict WEIGHTS.json X…``: the saved network's output y.

With the inputs on the command line (``predict weights.json 0 1``) it prints y.
With ``--data FILE.csv`` it predicts every row of the file and prints the file
again as CSV with a last column y added; the file may hold the inputs only, or
the inputs and d (as for training). Every y is printed with all its digits,
exactly the number the library computes. A weights file of a deeper network
(``train --layers … --save``) works the same; with several outputs it prints
y_1 y_2 … on one line, and a column for each.

The output activation is the file's own (files saved before there was one hold
the lecture's linear output). ``--output-activation NAME`` may repeat it; naming
another one is an error (exit status 2), since the weights were trained with the file's.
"""

import argparse
import csv
import math
import sys

from backprop.files import data_file, weights_file
from backprop.cli import UsageError
from backprop.cli.options import add_output_activation_option, check_file_output_activation
from backprop.math.deep import DeepNetwork
from backprop.math.notation import label
from backprop.math.validate import shown, shown_name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("weights", metavar="WEIGHTS.json", help="a weights file saved by 'train --save'")
    parser.add_argument("x", type=float, nargs="*", metavar="X", help="the inputs x_1, x_2, …")
    parser.add_argument("--data", metavar="FILE.csv", help="predict every row of a CSV file instead")
    add_output_activation_option(parser)


def run(args: argparse.Namespace) -> int:
    net = weights_file.load(args.weights)
    check_file_output_activation(args, net, shown_name(args.weights))
    n_outputs = net.n_outputs if isinstance(net, DeepNetwork) else 1
    if args.data is None:
        if not args.x:
            raise UsageError(f"give the {net.n_inputs} inputs, like 'predict {shown_name(args.weights)} 0 1', "
                             "or --data FILE.csv")
        print(" ".join(map(repr, _outputs(net, args.x))))
        return 0
    if args.x:
        raise UsageError("give the inputs one way: on the command line, or --data FILE.csv")
    with data_file.open_table(args.data) as (columns, rows):  # a row at a time: files of any length
        if len(columns) not in (net.n_inputs, net.n_inputs + n_outputs):
            d_columns = "d" if n_outputs == 1 else f"{n_outputs} of d"
            raise ValueError(
                f"{shown_name(args.data)} has {len(columns)} columns but the network has {net.n_inputs} inputs; "
                f"give {net.n_inputs} columns of x, optionally followed by {d_columns}"
            )
        table = csv.writer(sys.stdout, lineterminator="\n")  # quotes a column name like "a,b"
        table.writerow(columns + (["y"] if n_outputs == 1 else [label("y", k) for k in range(n_outputs)]))
        for row in rows:
            table.writerow([repr(value) for value in row + _outputs(net, row[:net.n_inputs])])
    return 0


def _outputs(net, x) -> list[float]:
    """The network's y for ``x`` as a list (a DeepNetwork's list, or the lecture's one number);
    ``ValueError`` if a y is too large for a float, as the trace refuses it."""
    y = net.predict(x)
    ys = y if isinstance(y, list) else [y]
    for j, y_j in enumerate(ys):
        if not math.isfinite(y_j):
            name = "y" if len(ys) == 1 else label("y", j)
            raise ValueError(f"{name} is {y_j} for x = {shown(list(x))}: the weights and the input are too large "
                             "for a float (about 1.8e308); give smaller inputs or weights")
    return ys
