"""``python -m backprop explore``: one step as a page to step through, formula by formula.

The network options are ``trace``'s: the lecture's example by default, ``--layers 1,2,2,1`` the
course's quiz network, other sizes with ``--seed``. The page (:mod:`backprop.pictures.explorer`)
goes to standard output, or to ``--output FILE``, written only if it was made.
"""

import argparse

from backprop.cli.step_options import add_step_options, step_from_options
from backprop.math.validate import shown_name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_step_options(parser)
    parser.add_argument("--output", metavar="FILE", help="write the page to FILE instead of the terminal")


def run(args: argparse.Namespace) -> int:
    from backprop.pictures.explorer import render

    net, x, d, alpha = step_from_options(args)
    page = render(net, x, d, alpha)
    if args.output is None:
        print(page, end="")
    else:
        from backprop.files.atomic_file import write_text

        write_text(args.output, page)
        print(f"wrote {shown_name(args.output)}")
    return 0
