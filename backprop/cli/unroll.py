"""``python -m backprop unroll``: one SGD step as straight-line Python, a statement per formula.

The network options are ``trace``'s: the lecture's example by default, ``--layers
1,2,2,1`` the course's quiz network, other sizes with ``--seed``. What is printed is
a program (:func:`backprop.math.unrolled.step_source`): run it, and it prints the
weights after the step, the ones ``trace`` shows.
"""

import argparse

from backprop.cli.step_options import add_step_options, step_from_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_step_options(parser)


def run(args: argparse.Namespace) -> int:
    from backprop.math.unrolled import step_source

    net, x, d, alpha = step_from_options(args)
    print(step_source(net, x, d, alpha), end="")
    return 0
