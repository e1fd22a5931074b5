"""The loss of the classroom's commands (``quiz``, ``sheet``): the lecture's squared error, said.

The classroom works the squared error's step with one output: the problems, the answer
keys, the checking of a learner's own numbers and the common mistakes it names (E without
the ½, say) are all the squared error's. So ``--loss squared`` (the default) is taken, and
``--loss cross_entropy`` or ``--output-activation softmax`` is refused in one line (exit
status 2) that names what works and the command that works a cross-entropy step out
(``trace``), before anything is asked or written. ``check`` says the same of ``--loss``.
"""

import argparse

from backprop.activations import ACTIVATIONS
from backprop.cli import UsageError
from backprop.loss import LOSSES

CROSS_ENTROPY_STEP = ("trace works a cross-entropy step out: trace --output-activation sigmoid --loss cross_entropy "
                      "(one output), or trace --layers 2,3,3 --seed 1 --output-activation softmax --loss "
                      "cross_entropy (several)")


def add_loss_option(parser: argparse.ArgumentParser) -> None:
    """Add --loss NAME, of which the classroom works ``squared`` (an unknown name is argparse's one line)."""
    parser.add_argument("--loss", choices=LOSSES, default=None, metavar="NAME",
                        help="the error E: squared, the lecture's ½(d − y)² (the default and the only one the "
                             "classroom works; for a cross-entropy step use trace --loss cross_entropy)")


def check_squared_error(args: argparse.Namespace, command: str) -> None:
    """Raise a UsageError unless the options ask for a step the classroom works: the squared error
    with one output (so no softmax, which needs several outputs).

    >>> check_squared_error(argparse.Namespace(loss="squared", output_activation="sigmoid"), "the quiz")
    >>> check_squared_error(argparse.Namespace(loss="cross_entropy", output_activation="sigmoid"), "the quiz")
    Traceback (most recent call last):
    ...
    backprop.cli.UsageError: the quiz works the lecture's squared error only (--loss squared, the default), not cross-entropy; trace works a cross-entropy step out: ...
    """
    if args.loss is not None and args.loss != "squared":
        raise UsageError(f"{command} works the lecture's squared error only (--loss squared, the default), not "
                         f"cross-entropy; {CROSS_ENTROPY_STEP}")
    if args.output_activation == "softmax":
        names = sorted(ACTIVATIONS)
        raise UsageError(f"{command} works networks of one output with the squared error, and softmax needs several "
                         f"outputs; give --output-activation {', '.join(names[:-1])} or {names[-1]}, or for a softmax step "
                         "trace --layers 2,3,3 --seed 1 --output-activation softmax --loss cross_entropy")
