"""``python -m backprop graph``: one step as its computational graph, an SVG picture.

The network options are ``trace``'s: the lecture's example by default, ``--layers 1,2,2,1`` the
course's quiz network, other sizes with ``--seed``. The step is built by :mod:`backprop.autograd`
and drawn by :mod:`backprop.pictures.graph_picture`: every operation a box with its value (forward)
and its gradient ∂E/∂value (backward), the arrows as the data flows. A network whose graph has more
values than it draws readably is refused, and nothing is written.
"""

import argparse

from backprop.cli.options import whole_number
from backprop.cli.step_options import add_step_options, step_from_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_step_options(parser)
    shown = parser.add_argument_group("the output")
    shown.add_argument("--digits", type=whole_number, default=4, metavar="N",
                       help="significant digits shown (default 4)")
    shown.add_argument("--output", metavar="FILE",
                       help="write the SVG to FILE (like graph.svg) instead of the terminal")


def run(args: argparse.Namespace) -> int:
    from backprop.cli import UsageError, outputs
    from backprop.pictures.graph_picture import step_svg

    outputs.check([("--output", args.output, "graph.svg")], inputs=[("--weights", args.weights)])
    if args.digits > 17:
        raise UsageError(f"--digits {args.digits} is more than a float holds; use 1 to 17")
    net, x, d, alpha = step_from_options(args)
    svg = step_svg(net, x, d[0] if len(d) == 1 else d, args.digits)  # a ValueError if too large: nothing written
    if args.output is None:
        print(svg)
    else:
        outputs.write_and_say(args.output, svg + "\n")
    return 0
