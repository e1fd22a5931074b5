"""``python -m backprop explore``: one step as a page to step through, formula by formula.

The network options are ``trace``'s: the lecture's example by default, ``--layers 1,2,2,1`` the
course's quiz network, other sizes with ``--seed``. The page (:mod:`backprop.pictures.explorer`)
goes to standard output, or to ``--output FILE``, written only if it was made.
"""

import argparse

from backprop.cli.step_options import add_step_options, step_from_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_step_options(parser)
    parser.add_argument("--output", metavar="FILE", help="write the page to FILE instead of the terminal")


def run(args: argparse.Namespace) -> int:
    from backprop.cli import outputs
    from backprop.pictures.explorer import render

    # checked before any work, as every command checks what it will write
    outputs.check([("--output", args.output, "step.html")], inputs=[("--weights", args.weights)])
    net, x, d, alpha = step_from_options(args)
    page = render(net, x, d, alpha)
    if args.output is None:
        print(page, end="")
    else:
        outputs.write_and_say(args.output, page)
    return 0
