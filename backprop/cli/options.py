"""Command-line options shared by the commands: the network and its weights.

A network comes from, in this order: a weights file (``--weights FILE``, either
kind of network); the weights typed out (``--W1 "0.5,-0.3,0.8; 0.2,0.7,-0.6"
--W2 "0.4,-0.5,0.3"``, rows separated by ``;``); random weights (``--seed``,
``--hidden``); or the command's own default. ``--layers 1,2,2,1`` asks for a
:class:`~backprop.math.deep.DeepNetwork` of those sizes instead of the lecture's
network: random weights from ``--seed``, or the command's default of those sizes.
``--output-activation NAME`` puts Φ_out on the output, y = Φ_out(y′) (default:
none, the lecture's linear output, or what a weights file holds); ``softmax`` is one
of all the outputs together. ``--loss cross_entropy`` trains on cross-entropy instead of
the lecture's squared error (with ``--output-activation sigmoid`` and one output, or
``softmax`` and several).
"""

import argparse

from backprop.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from backprop.loss import LOSSES
from backprop.cli import UsageError
from backprop.math import validate
from backprop.math.validate import shown
from backprop.math.deep import DeepNetwork
from backprop.network import Network

LAYERS_EXAMPLE = "--layers 1,2,2,1"
MAX_EPOCHS = 1_000_000  # epochs trained at most without --no-size-limit
PAST_THE_LIMIT = "add --no-size-limit to go past it"


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
                f"{shown(text)} has an empty value; write numbers separated by commas, like \"0.4,-0.5,0.3\""
            )
        try:
            values.append(float(part))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{shown(part)} is not a number; write numbers separated by commas, like \"0.4,-0.5,0.3\""
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
            f"{shown(text)} is not a number; write it with a decimal point, like 0.5"
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
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a whole number of at least 1; write it like 4")
    return value


def desired_outputs(text: str) -> list[float]:
    """Parse ``--d``: one number, or one per output separated by commas (for argparse's ``type=``).

    >>> desired_outputs("1"), desired_outputs("0, 1")
    ([1.0], [0.0, 1.0])
    """
    return [number(part.strip()) for part in text.split(",")]


def layer_sizes(text: str) -> list[int]:
    """Parse ``"1,2,2,1"``, the neurons of each layer from the inputs to the outputs (for argparse's ``type=``).

    >>> layer_sizes("1, 2,2,1")
    [1, 2, 2, 1]
    >>> layer_sizes("1-2-2-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '1-2-2-1' is not a list of layer sizes; write the neurons of each layer, inputs first and outputs last, as whole numbers of at least 1 separated by commas, like --layers 1,2,2,1
    """
    how = ("write the neurons of each layer, inputs first and outputs last, as whole numbers of "
           f"at least 1 separated by commas, like {LAYERS_EXAMPLE}")
    sizes = []
    for part in text.split(","):
        try:
            sizes.append(int(part))
        except ValueError:
            sizes.append(0)
    if min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a list of layer sizes; {how}")
    if len(sizes) < 2:
        raise argparse.ArgumentTypeError(
            f"{shown(text)} is one layer, but a network needs at least two, the inputs and the outputs; {how}"
        )
    return sizes


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


# trace works out at most MOST_WORKED weights: at the limit (1-99-99-1, 9,999 weights) 2.0 s of CPU and 10 MB
# as text, 3.2 s and 10 MB as Markdown, 3.4 s and 33 MB (RSS) as HTML, 8.2 s and 42 MB as LaTeX, written a line
# at a time (whole, text took 74 MB, HTML 141, LaTeX 89); of the 8 MB traced at the peak the record of the step
# is 2.7 MB; JSON 0.2 s and 12 MB
MOST_WORKED = 10_000
# check and quiz work at most MOST_CHECKED weights: at the limit (1-53-53-1, 2,915 weights) check takes 3.4 s
# of CPU and 48 MB (4.3 s and 53 MB with all 9,118 values answered wrong), the quiz 4.0 s and 27 MB to its
# first question and about 1 s more for each wrong answer it works through
MOST_CHECKED = 3_000


def sizes_of(net) -> list[int]:
    """The neurons of each layer of either kind of network."""
    return list(net.layers) if isinstance(net, DeepNetwork) else [net.n_inputs, net.n_hidden, 1]


def check_work(sizes: list[int], bias: bool, most: int, what: str, past_it: str = PAST_THE_LIMIT) -> None:
    """Raise a UsageError if a network of ``sizes`` has more than ``most`` weights, the most that
    ``what`` works out in seconds, before any of that work; ``past_it`` says how to go past it.

    >>> check_work([1, 200, 200, 1], False, MOST_WORKED, "trace")
    Traceback (most recent call last):
    ...
    backprop.cli.UsageError: a 1-200-200-1 network has 40,400 weights, more than trace works out in seconds (10,000); add --no-size-limit to go past it
    """
    n = sum((n_k + bias) * n_next for n_k, n_next in zip(sizes, sizes[1:]))
    if n > most:
        name = "-".join(map(str, sizes)) if len(sizes) <= 10 else f"{len(sizes)}-layer"
        raise UsageError(f"a {name} network has {n:,} weights, more than {what} works out in seconds ({most:,}); "
                         f"{past_it}")


def activation_names(text: str) -> str | list[str]:
    """Parse ``--activation``: one name for every hidden layer, or names separated by commas, one per
    hidden layer, Φ¹ first (for argparse's ``type=``).

    >>> activation_names("relu"), activation_names("relu, sigmoid")
    ('relu', ['relu', 'sigmoid'])
    >>> activation_names("relu,swish")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: invalid choice: 'swish' (choose from 'identity', 'relu', 'sigmoid', 'tanh'; several, one per hidden layer, separated by commas: relu,sigmoid)
    """
    names = [name.strip() for name in text.split(",")]
    for name in names:
        if name not in ACTIVATIONS:
            choices = ", ".join(map(repr, sorted(ACTIVATIONS)))
            several = "; several, one per hidden layer, separated by commas: relu,sigmoid" if "," in text else ""
            raise argparse.ArgumentTypeError(f"invalid choice: {name!r} (choose from {choices}{several})")
    return names[0] if len(names) == 1 else names


def add_activation_option(parser, default: str | None = None) -> None:
    """Add --activation NAME[,NAME…] to ``parser`` (or to an argument group)."""
    parser.add_argument("--activation", type=activation_names, default=default, metavar="NAME[,NAME…]",
                        help="the activation Φ: one of " + ", ".join(sorted(ACTIVATIONS)) + " (default sigmoid); "
                             "or one per hidden layer, separated by commas, like relu,sigmoid")


def add_output_activation_option(parser) -> None:
    """Add --output-activation NAME to ``parser`` (or to an argument group); an unknown name is
    argparse's one-line error, exit status 2."""
    parser.add_argument("--output-activation", choices=sorted(OUTPUT_ACTIVATIONS), default=None, metavar="NAME",
                        help="the output activation Φ_out, y = Φ_out(y′): one of "
                             f"{', '.join(sorted(ACTIVATIONS))} (default identity, the lecture's linear "
                             "output; a weights file's own otherwise), or softmax (several outputs, with "
                             "--loss cross_entropy)")


def output_activation(args: argparse.Namespace, default: str = "identity") -> str:
    """The Φ_out the options ask for: ``--output-activation``, else ``default``."""
    return args.output_activation if args.output_activation is not None else default


def add_loss_option(parser) -> None:
    """Add --loss NAME to ``parser`` (or to an argument group); an unknown name is argparse's
    one-line error, exit status 2."""
    parser.add_argument("--loss", choices=LOSSES, default=None, metavar="NAME",
                        help="the error E the step makes smaller: squared (the lecture's ½(d − y)², the "
                             "default) or cross_entropy (with --output-activation sigmoid and one output, "
                             "or softmax and several; a weights file's own otherwise)")


def loss(args: argparse.Namespace, default: str = "squared") -> str:
    """The loss the options ask for: ``--loss``, else ``default``."""
    return args.loss if getattr(args, "loss", None) is not None else default


def check_file_output_activation(args: argparse.Namespace, net, source: str) -> None:
    """A weights file keeps its own Φ_out: raise a UsageError if ``--output-activation`` names
    another one (naming the same one is allowed, and changes nothing)."""
    held = getattr(net, "output_activation", "identity")
    if args.output_activation is not None and args.output_activation != held:
        raise UsageError(f"{source} holds a network with the output activation {held}, not "
                         f"{args.output_activation}; drop --output-activation (a weights file keeps its own)")
    if getattr(args, "loss", None) is not None and args.loss != net.loss:
        raise UsageError(f"{source} holds a network trained with the loss {net.loss}, not {args.loss}; "
                         "drop --loss (a weights file keeps its own)")


def add_network_options(parser: argparse.ArgumentParser, hidden: int = 3, layers_help: str = "") -> None:
    """Add --weights, --W1, --W2, --seed, --hidden, --layers, --activation, --output-activation,
    --loss and --bias to ``parser``.

    ``layers_help`` ends the help of --layers (what the command does without --seed).
    """
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
    group.add_argument("--layers", type=layer_sizes, metavar="N,N,…",
                       help="a network of any depth instead: the neurons of each layer, inputs first "
                            "and outputs last, like 1,2,2,1; random weights from --seed" + layers_help)
    add_activation_option(group)
    add_output_activation_option(group)
    add_loss_option(group)
    group.add_argument("--bias", action="store_true",
                       help="add a constant input of 1: W1 gets a last row, W2 a last entry")
    group.add_argument("--no-size-limit", action="store_true",
                       help=f"allow random weights past {validate.MAX_WEIGHTS:,} (and train past "
                            f"{MAX_EPOCHS:,} epochs; trace past {MOST_WORKED:,} weights, check past "
                            f"{MOST_CHECKED:,})")


def network_from_options(args: argparse.Namespace, n_inputs: int,
                         default: Network | DeepNetwork | None = None) -> Network | DeepNetwork:
    """Return the network the options describe; ``default`` if they describe none.

    A weights file gives the kind of network it holds, ``--layers`` a DeepNetwork
    (``default`` when it has those layers and there is no ``--seed``), and the
    rest the lecture's Network (with ``n_inputs`` inputs, for random weights).

    Raises :class:`~backprop.cli.UsageError` for options that contradict each other.
    """
    n_hidden_layers = len(args.layers) - 2 if args.layers is not None else 1  # the lecture's network: one
    if isinstance(args.activation, list) and args.weights is None and len(args.activation) != n_hidden_layers:
        raise UsageError(f"--activation has {len(args.activation)} names but the network has "
                         f"{n_hidden_layers} hidden layer{'s' * (n_hidden_layers != 1)}; give one per hidden layer "
                         "(or one name for all)")
    if args.layers is not None:
        return _deep_network(args, default)
    activation = args.activation or "sigmoid"
    typed = args.W1 is not None or args.W2 is not None
    if args.hidden is not None and (typed or args.weights is not None):
        raise UsageError("--hidden is for random weights only; the given W1 has a column per hidden neuron")
    if args.weights is not None:
        if typed or args.seed is not None:
            raise UsageError("give the weights one way: --weights FILE, or --W1 and --W2, or --seed")
        if args.activation is not None or args.bias:
            raise UsageError("a weights file already holds its activation and bias; drop --activation/--bias")
        from backprop.files import weights_file  # here: only a command given --weights reads JSON

        net = weights_file.load(args.weights)
        check_file_output_activation(args, net, validate.shown_name(args.weights))
        return net
    if typed:
        if args.W1 is None or args.W2 is None:
            raise UsageError('give both --W1 and --W2, like --W1 "0.5,-0.3,0.8; 0.2,0.7,-0.6" --W2 "0.4,-0.5,0.3"')
        if args.seed is not None:
            raise UsageError("give the weights one way: --W1 and --W2, or --seed")
        return Network(args.W1, args.W2, activation=activation, output_activation=output_activation(args),
                       bias=args.bias, loss=loss(args))
    if args.seed is None and default is not None and args.bias == default.bias:
        if args.hidden is not None:
            raise UsageError("--hidden M makes random weights: add --seed N (any whole number) to choose them")
        return Network(default.W1, default.W2, activation=args.activation or default.activation,
                       output_activation=output_activation(args, default.output_activation), bias=default.bias,
                       loss=loss(args, default.loss))
    n_hidden = args.hidden if args.hidden is not None else args.default_hidden
    if n_hidden < 1:
        raise UsageError(f"--hidden must be at least 1, not {n_hidden}")
    if not args.no_size_limit:
        validate.weight_count([n_inputs, n_hidden, 1], args.bias, validate.MAX_WEIGHTS, PAST_THE_LIMIT)
    return Network.random(n_inputs, n_hidden, activation=activation, bias=args.bias, seed=args.seed,
                          max_weights=None, output_activation=output_activation(args), loss=loss(args))


def _deep_network(args: argparse.Namespace, default) -> DeepNetwork:
    """The DeepNetwork of ``--layers``: ``default`` if it has those layers and no --seed is given."""
    layers = ",".join(map(str, args.layers))
    if args.W1 is not None or args.W2 is not None or args.hidden is not None:
        raise UsageError(f"--layers {layers} already gives the size of every layer; drop --W1/--W2/--hidden "
                         f"(random weights of those sizes come from --seed N)")
    if args.weights is not None:
        raise UsageError("a weights file already holds its layers; drop --layers")
    if args.seed is None and default is not None:
        if isinstance(default, DeepNetwork) and default.layers == args.layers:
            return DeepNetwork(default.W, activation=args.activation or default.activation,
                               output_activation=output_activation(args, default.output_activation),
                               bias=default.bias, loss=loss(args, default.loss))
        own = (f"; without --seed only --layers {','.join(map(str, default.layers))} has weights of its own"
               if isinstance(default, DeepNetwork) else "")
        raise UsageError(f"--layers {layers} needs random weights: add --seed N (any whole number){own}")
    if not args.no_size_limit:
        validate.weight_count(args.layers, args.bias, validate.MAX_WEIGHTS, PAST_THE_LIMIT)
    return DeepNetwork.random(args.layers, activation=args.activation or "sigmoid", bias=args.bias,
                              seed=args.seed, max_weights=None, output_activation=output_activation(args),
                              loss=loss(args))
