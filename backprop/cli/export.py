"""``python -m backprop export --to numpy|pytorch``: one step as a program for the next tool.

The network options are ``trace``'s (the lecture's example by default, ``--layers 1,2,2,1`` the
course's quiz network, ``--weights FILE`` a saved network). What is printed is a Python program
(:func:`backprop.math.export.program`) that builds the same network with the same weights in NumPy
or PyTorch, takes the same SGD step, and prints the numbers ``trace`` shows, to the last few bits.
"""

import argparse

from backprop.cli.options import MOST_WORKED, check_work, sizes_of
from backprop.cli.step_options import add_step_options, step_from_options
from backprop.math.export import TARGETS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", choices=TARGETS, required=True,
                        help="numpy: the step in matrix form; pytorch: a torch.nn.Sequential in float64, "
                             "its gradients by autograd")
    add_step_options(parser)
    parser.add_argument("--output", metavar="FILE",
                        help="write the program to FILE (like step.py) instead of the terminal")


def run(args: argparse.Namespace) -> int:
    from backprop.cli import outputs
    from backprop.math.export import program

    outputs.check([("--output", args.output, "step.py")], inputs=[("--weights", args.weights)])
    net, x, d, alpha = step_from_options(args)
    if not args.no_size_limit:  # a weight is a number in the program's text: a page of them at most
        check_work(sizes_of(net), net.bias, MOST_WORKED, "export")
    source = program(net, x, d, alpha, args.to)
    if args.output is None:
        print(source, end="")
    else:
        outputs.write_and_say(args.output, source)
    return 0
