"""Command-line options shared by the commands: the network and its weights.

A network comes from, in this order: a weights file (``--weights FILE``); the
weights typed out (``--W1 "0.5,-0.3,0.8; 0.2,0.7,-0.6" --W2 "0.4,-0.5,0.3"``,
rows separated by ``;``); random weights (``--seed``, ``--hidden``); or the
command's own default.
"""

import argparse

from backprop.activations import ACTIVATIONS
from backprop.cli import UsageError
from backprop.network import Network


def numbers(text: str) -> list[float]:
    """Parse ``"0.4, -0.5, 0.3"`` into a list of floats (for argparse's ``type=``).

    >>> numbers("0.4, -0.5,0.3")
    [0.4, -0.5, 0.3]
    >>> numbers("1,,2")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '1,,2' has an empty value; write numbers separated by commas, like "0.4,-0.5,0.3"
    """
    values = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise argparse.ArgumentTypeError(
                f"{text!r} has an empty value; write numbers separated by commas, like \"0.4,-0.5,0.3\""
            )
        try:
            values.append(float(part))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{part!r} is not a number; write numbers separated by commas, like \"0.4,-0.5,0.3\""
            ) from None
    return values


def number(text: str) -> float:
    """Parse one number such as ``"0.5"`` (for argparse's ``type=``).

    >>> number("0.5")
    0.5
    >>> number("half")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 'half' is not a number; write it with a decimal point, like 0.5
    """
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number; write it with a decimal point, like 0.5"
        ) from None


def whole_number(text: str) -> int:
    """Parse a whole number of at least 1, such as ``"4"`` (for argparse's ``type=``).

    >>> whole_number("4")
    4
    >>> whole_number("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '0' is not a whole number of at least 1; write it like 4
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1; write it like 4")
    return value


def rows(text: str) -> list[list[float]]:
    """Parse ``"0.5,-0.3,0.8; 0.2,0.7,-0.6"`` into a list of rows (for argparse's ``type=``).

    >>> rows("0.5,-0.3,0.8; 0.2,0.7,-0.6")
    [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]]
    """
    try:
        return [numbers(row) for row in text.split(";")]
    except argparse.ArgumentTypeError as error:
        raise argparse.ArgumentTypeError(
            f"{error}; separate the rows of a matrix with ';', like \"0.5,-0.3,0.8; 0.2,0.7,-0.6\""
        ) from None


def add_network_options(parser: argparse.ArgumentParser, hidden: int = 3) -> None:
    """Add --weights, --W1, --W2, --seed, --hidden, --activation and --bias to ``parser``."""
    group = parser.add_argument_group("the network")
    group.add_argument("--weights", metavar="FILE", help="read the network from a weights file")
    group.add_argument("--W1", type=rows, metavar='"W11,W12,…; W21,W22,…"',
                       help="input→hidden weights, a row per input, rows separated by ';'")
    group.add_argument("--W2", type=numbers, metavar='"W1,W2,…"',
                       help="hidden→output weights, one per hidden neuron")
    group.add_argument("--seed", type=int, help="random weights from this seed")
    group.add_argument("--hidden", type=int, default=None, metavar="M",
                       help=f"hidden neurons for random weights (default {hidden})")
    parser.set_defaults(default_hidden=hidden)
    group.add_argument("--activation", choices=sorted(ACTIVATIONS), default=None,
                       help="the activation Φ (default sigmoid)")
    group.add_argument("--bias", action="store_true",
                       help="add a constant input of 1: W1 gets a last row, W2 a last entry")


def network_from_options(args: argparse.Namespace, n_inputs: int, default: Network | None = None) -> Network:
    """Return the network the options describe; ``default`` if they describe none.

    Raises :class:`~backprop.cli.UsageError` for options that contradict each other.
    """
    activation = args.activation or "sigmoid"
    typed = args.W1 is not None or args.W2 is not None
    if args.hidden is not None and (typed or args.weights is not None):
        raise UsageError("--hidden is for random weights only; the given W1 has a column per hidden neuron")
    if args.weights is not None:
        if typed or args.seed is not None:
            raise UsageError("give the weights one way: --weights FILE, or --W1 and --W2, or --seed")
        if args.activation is not None or args.bias:
            raise UsageError("a weights file already holds its activation and bias; drop --activation/--bias")
        return Network.load(args.weights)
    if typed:
        if args.W1 is None or args.W2 is None:
            raise UsageError('give both --W1 and --W2, like --W1 "0.5,-0.3,0.8; 0.2,0.7,-0.6" --W2 "0.4,-0.5,0.3"')
        if args.seed is not None:
            raise UsageError("give the weights one way: --W1 and --W2, or --seed")
        return Network(args.W1, args.W2, activation=activation, bias=args.bias)
    if args.seed is None and default is not None and args.bias == default.bias:
        if args.hidden is not None:
            raise UsageError("--hidden M makes random weights: add --seed N (any whole number) to choose them")
        return Network(default.W1, default.W2, activation=args.activation or default.activation,
                       bias=default.bias)
    n_hidden = args.hidden if args.hidden is not None else args.default_hidden
    if n_hidden < 1:
        raise UsageError(f"--hidden must be at least 1, not {n_hidden}")
    return Network.random(n_inputs, n_hidden, activation=activation, bias=args.bias, seed=args.seed)
