"""``python -m backprop trace``: one backpropagation step, every formula with its numbers.

With no options it works the lecture's example (:mod:`backprop.lecture_example`);
the options choose other weights, another sample, another format, or a file to
write it to (see :mod:`backprop.render`).
"""

import argparse

from backprop import lecture_example
from backprop.atomic_file import write_text
from backprop.cli import UsageError
from backprop.commands.options import add_network_options, network_from_options, number, numbers, whole_number
from backprop.network import Network
from backprop.render import FORMATS, render
from backprop.trace import explain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sample = parser.add_argument_group("the sample and the step")
    sample.add_argument("--x", type=numbers, default=lecture_example.x, metavar='"x1,x2"',
                        help="the input, numbers separated by commas (default: 1,0.5)")
    sample.add_argument("--d", type=number, default=lecture_example.d,
                        help="the desired output (default %(default)s)")
    sample.add_argument("--alpha", type=number, default=lecture_example.alpha,
                        help="the learning rate α (default %(default)s)")
    add_network_options(parser)
    shown = parser.add_argument_group("the output")
    shown.add_argument("--format", choices=FORMATS, default="text",
                       help="text for the terminal (default), markdown or latex for a handout, "
                            "json for every number, html for a page with a diagram")
    shown.add_argument("--digits", type=whole_number, default=4, metavar="N",
                       help="significant digits shown (default 4; the math keeps them all)")
    shown.add_argument("--output", metavar="FILE",
                       help="write to FILE instead of the terminal (only if the step worked)")


def run(args: argparse.Namespace) -> int:
    net = network_from_options(args, len(args.x), default=_default_network(args.bias))
    if len(args.x) != net.n_inputs:
        example = ",".join(["0.5"] * net.n_inputs)
        raise UsageError(
            f"--x has {len(args.x)} values but the network has {net.n_inputs} inputs; "
            f'give {net.n_inputs}, like --x "{example}"'
        )
    text = render(explain(net, args.x, args.d, args.alpha), args.format, args.digits)
    if args.output is None:
        print(text, end="")
    else:
        write_text(args.output, text)
        print(f"wrote {args.output}")
    return 0


def _default_network(bias: bool) -> Network:
    """The lecture's example; with ``--bias``, its weights plus biases that start at 0."""
    net = lecture_example.network()
    if not bias:
        return net
    return Network(net.W1 + [[0.0] * net.n_hidden], net.W2 + [0.0], activation=net.activation, bias=True)
