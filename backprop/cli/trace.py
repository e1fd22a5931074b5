"""``python -m backprop trace``: one backpropagation step, every formula with its numbers.

With no options it works the lecture's example (:mod:`backprop.trace.lecture_example`);
``--layers 1,2,2,1`` works the course's quiz network (:mod:`backprop.trace.quiz_example`)
instead, and other sizes with ``--seed``. The options choose other weights,
another sample, another format, or a file to write it to (see
:mod:`backprop.trace.formats`); every network is explained by
:func:`backprop.trace.explain.explain` and written in any format.
"""

import argparse

from backprop.trace import lecture_example, quiz_example
from backprop.cli import UsageError
from backprop.cli.options import (
    add_network_options, desired_outputs, network_from_options, number, numbers, whole_number,
)
from backprop.math.deep import DeepNetwork
from backprop.network import Network
from backprop.trace.formats import FORMATS, render
from backprop.trace.explain import explain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sample = parser.add_argument_group("the sample and the step")
    sample.add_argument("--x", type=numbers, metavar='"x1,x2"',
                        help="the input, numbers separated by commas (default: the example's, 1,0.5; "
                             "for one input, as in --layers 1,2,2,1, the quiz's, 1)")
    sample.add_argument("--d", type=desired_outputs, metavar='"d1,…"',
                        help="the desired output, one number per output (default 1 for each)")
    sample.add_argument("--alpha", type=number,
                        help=f"the learning rate α (default {lecture_example.alpha})")
    add_network_options(parser, layers_help="; 1,2,2,1 alone is the course's quiz network")
    shown = parser.add_argument_group("the output")
    shown.add_argument("--format", choices=FORMATS, default="text",
                       help="text for the terminal (default), markdown or latex for a handout, "
                            "json for every number, html for a page with a diagram")
    shown.add_argument("--digits", type=whole_number, default=4, metavar="N",
                       help="significant digits shown (default 4; the math keeps them all)")
    shown.add_argument("--output", metavar="FILE",
                       help="write to FILE instead of the terminal (only if the step worked)")


def run(args: argparse.Namespace) -> int:
    if args.digits > 17:  # a float holds 15 to 17 significant digits; more would show noise
        raise UsageError(f"--digits {args.digits} is more than a float holds; use 1 to 17 "
                         "(or --format json for every digit)")
    default = _quiz_network(args.bias) if args.layers is not None else _default_network(args.bias)
    net = network_from_options(args, len(args.x or lecture_example.x), default=default)
    deep = isinstance(net, DeepNetwork)
    example = quiz_example if deep else lecture_example
    example_x = {len(e.x): e.x for e in (lecture_example, quiz_example)}  # 2 inputs: (1, 0.5); 1: (1)
    x = args.x if args.x is not None else example_x.get(net.n_inputs, example.x)
    d = args.d if args.d is not None else [example.d] * (net.n_outputs if deep else 1)
    alpha = args.alpha if args.alpha is not None else example.alpha
    _check_count("--x", x, net.n_inputs, "input")
    _check_count("--d", d, net.n_outputs if deep else 1, "output")
    text = render(explain(net, x, d, alpha), args.format, args.digits)
    if args.output is None:
        print(text, end="")
    else:
        from backprop.files.atomic_file import write_text

        write_text(args.output, text)
        print(f"wrote {args.output}")
    return 0


def _check_count(option: str, values: list[float], n: int, what: str) -> None:
    """Raise a UsageError unless ``option`` gave ``n`` values, one per input (or output)."""
    if len(values) != n:
        example = ",".join(["0.5"] * n)
        raise UsageError(
            f"{option} has {len(values)} value{'s' * (len(values) != 1)} but the network has {n} "
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
