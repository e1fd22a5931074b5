"""The loss of the classroom's commands (``quiz``, ``sheet``, ``check``): which steps they work, said.

The classroom works the step of a network with one output, as the lecture's: each problem's
blanks, its answer key and the checking of a learner's own numbers are one output's y, E and δ.
Its loss is the lecture's squared error (``--loss squared``, the default) or binary cross-entropy
(``--loss cross_entropy`` with ``--output-activation sigmoid``: then E = −(d ln y + (1 − d) ln(1 − y)),
∂E/∂y, Φ_out′(y′) and ∂E/∂y′ are values of the step too, and δ = ∂y′/∂W, Φ_out′ cancelled).
Softmax, which needs several outputs, and cross-entropy with another output activation are
refused in one line (exit status 2) that names what works, before anything is asked or written.
"""

import argparse

from backprop.cli import UsageError
from backprop.loss import LOSSES

SOFTMAX_STEP = "trace --layers 2,3,3 --seed 1 --output-activation softmax --loss cross_entropy"


def add_loss_option(parser: argparse.ArgumentParser) -> None:
    """Add --loss NAME: ``squared`` or ``cross_entropy`` (an unknown name is argparse's one line)."""
    parser.add_argument("--loss", choices=LOSSES, default=None, metavar="NAME",
                        help="the error E: squared, the lecture's ½(d − y)² (the default), or cross_entropy, "
                             "binary cross-entropy −(d ln y + (1 − d) ln(1 − y)) with --output-activation "
                             "sigmoid (δ = ∂y′/∂W: Φ_out′ cancels)")


def check_classroom_loss(args: argparse.Namespace, command: str) -> None:
    """Raise a UsageError unless the options ask for a step the classroom works: one output, with
    the squared error or with binary cross-entropy on a sigmoid output (so no softmax, which needs
    several outputs).

    >>> check_classroom_loss(argparse.Namespace(loss="cross_entropy", output_activation="sigmoid"), "the quiz")
    >>> check_classroom_loss(argparse.Namespace(loss="cross_entropy", output_activation=None), "the quiz")
    Traceback (most recent call last):
    ...
    backprop.cli.UsageError: the quiz works cross-entropy with one sigmoid output (binary cross-entropy, where Φ_out′ cancels), not with the output activation identity; add --output-activation sigmoid
    """
    if args.output_activation == "softmax":
        raise UsageError(f"{command} works networks of one output (a problem's blanks, key and check are one "
                         "output's y, E and δ, as in the lecture), and softmax needs several outputs; for "
                         "cross-entropy with one output give --output-activation sigmoid --loss cross_entropy, "
                         f"or for a softmax step {SOFTMAX_STEP}")
    if args.loss == "cross_entropy" and args.output_activation != "sigmoid":
        raise UsageError(f"{command} works cross-entropy with one sigmoid output (binary cross-entropy, where "
                         "Φ_out′ cancels), not with the output activation "
                         f"{args.output_activation or 'identity'}; add --output-activation sigmoid")
