"""The options that choose one step to work: the network, the sample (x, d) and α.

``trace``, ``unroll`` and ``check`` take the same ones: the lecture's example by
default, ``--layers 1,2,2,1`` the course's quiz network, other sizes with ``--seed``,
weights typed in or read from a file, and ``--x``, ``--d``, ``--alpha`` for the sample
and the step (each the example's when not given).
"""

import argparse

from backprop.cli import UsageError
from backprop.cli.options import add_network_options, desired_outputs, network_from_options, number, numbers
from backprop.math.deep import DeepNetwork
from backprop.network import Network
from backprop.trace import lecture_example, quiz_example


def add_step_options(parser: argparse.ArgumentParser, title: str = "the sample and the step") -> None:
    """--x, --d, --alpha and the network options."""
    sample = parser.add_argument_group(title)
    sample.add_argument("--x", type=numbers, metavar='"x1,x2"',
                        help="the input, numbers separated by commas (default: the example's, 1,0.5; "
                             "for one input, as in --layers 1,2,2,1, the quiz's, 1)")
    sample.add_argument("--d", type=desired_outputs, metavar='"d1,…"',
                        help="the desired output, one number per output (default 1 for each; with "
                             "softmax 1,0,…,0)")
    sample.add_argument("--alpha", type=number,
                        help=f"the learning rate α (default {lecture_example.alpha})")
    add_network_options(parser, layers_help="; 1,2,2,1 alone is the course's quiz network")


def step_from_options(args: argparse.Namespace) -> tuple:
    """(net, x, d, alpha) that the options describe; ``d`` is a list, one value per output.

    Raises a UsageError for an ``x`` or ``d`` whose length does not fit the network.
    """
    default = _quiz_network(args.bias) if args.layers is not None else _default_network(args.bias)
    net = network_from_options(args, len(args.x or lecture_example.x), default=default)
    deep = isinstance(net, DeepNetwork)
    example = quiz_example if deep else lecture_example
    example_x = {len(e.x): e.x for e in (lecture_example, quiz_example)}  # 2 inputs: (1, 0.5); 1: (1)
    x = args.x if args.x is not None else example_x.get(net.n_inputs, example.x)
    n_outputs = net.n_outputs if deep else 1
    d = args.d if args.d is not None else [example.d] * n_outputs
    if args.d is None and getattr(net, "softmax_output", False):  # softmax's targets add up to 1: one-hot
        d = [1.0] + [0.0] * (n_outputs - 1)
    alpha = args.alpha if args.alpha is not None else example.alpha
    _check_count("--x", x, net.n_inputs, "input", given=args.x is not None)
    _check_count("--d", d, n_outputs, "output", given=args.d is not None)
    return net, x, d, alpha


def _check_count(option: str, values: list[float], n: int, what: str, given: bool = True) -> None:
    """Raise a UsageError unless ``option`` gave ``n`` values, one per input (or output); not
    ``given``, the example's own values did not fit (a weights file of another shape)."""
    if len(values) != n:
        example = ",".join(["0.5"] * n)
        had = (f"{option} has {len(values)} value{'s' * (len(values) != 1)}" if given else
               f"{option} was not given (the example's has {len(values)} value{'s' * (len(values) != 1)})")
        raise UsageError(
            f"{had} but the network has {n} "
            f"{what}{'s' * (n != 1)}; give {n}, like {option} " + (f'"{example}"' if n > 1 else example)
        )


def _default_network(bias: bool) -> Network:
    """The lecture's example; with ``--bias``, its weights plus biases that start at 0."""
    net = lecture_example.network()
    if not bias:
        return net
    return Network(net.W1 + [[0.0] * net.n_hidden], net.W2 + [0.0], activation=net.activation, bias=True)


def _quiz_network(bias: bool) -> DeepNetwork:
    """The course's quiz network; with ``--bias``, its weights plus biases that start at 0."""
    net = quiz_example.network()
    if not bias:
        return net
    return DeepNetwork([W_k + [[0.0] * len(W_k[0])] for W_k in net.W], activation=net.activation, bias=True)
