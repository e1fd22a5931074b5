"""``python -m backprop unroll``: one SGD step as straight-line Python, a statement per formula.

The network options are ``trace``'s: the lecture's example by default, ``--layers
1,2,2,1`` the course's quiz network, other sizes with ``--seed``. What is printed is
a program (:func:`backprop.math.unrolled.step_source`): run it, and it prints the
weights after the step, the ones ``trace`` shows.
"""

import argparse

from backprop.cli.options import add_network_options, desired_outputs, number, numbers


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sample = parser.add_argument_group("the sample and the step")
    sample.add_argument("--x", type=numbers, metavar='"x1,x2"',
                        help="the input, numbers separated by commas (default: the example's, 1,0.5; "
                             "for one input, the quiz's, 1)")
    sample.add_argument("--d", type=desired_outputs, metavar="d",
                        help="the desired output (default: the example's)")
    sample.add_argument("--alpha", type=number, help="the learning rate α (default: the example's)")
    add_network_options(parser, layers_help="; 1,2,2,1 alone is the course's quiz network")


def run(args: argparse.Namespace) -> int:
    from backprop.cli.options import network_from_options
    from backprop.cli.trace import _check_count, _default_network, _quiz_network
    from backprop.math.deep import DeepNetwork
    from backprop.math.unrolled import step_source
    from backprop.trace import lecture_example, quiz_example

    default = _quiz_network(args.bias) if args.layers is not None else _default_network(args.bias)
    net = network_from_options(args, len(args.x or lecture_example.x), default=default)
    example = quiz_example if isinstance(net, DeepNetwork) else lecture_example
    example_x = {len(e.x): e.x for e in (lecture_example, quiz_example)}
    x = args.x if args.x is not None else example_x.get(net.n_inputs, example.x)
    _check_count("--x", x, net.n_inputs, "input")
    n_outputs = getattr(net, "n_outputs", 1)
    d = args.d if args.d is not None else [example.d] * n_outputs
    _check_count("--d", d, n_outputs, "output")
    alpha = args.alpha if args.alpha is not None else example.alpha
    print(step_source(net, x, d, alpha), end="")
    return 0
