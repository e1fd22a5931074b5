"""A worked example for a handout or an exam key: one backpropagation step, in Markdown and HTML.

Give your numbers as options (each has the lecture's example as its default), and a folder:

    python examples/handout.py                       # the lecture's numbers, into a new temporary folder
    python examples/handout.py handouts/             # into handouts/ (made if missing)
    python examples/handout.py --W1 "0.2,-0.4,0.6; 0.5,0.3,-0.1" --W2 "0.7,-0.2,0.4" \\
        --x 0.5,1 --d 0 --alpha 1 handouts/
    python examples/handout.py --help                # every option

It writes step.md (formulas in $…$, readable on GitHub) and step.html (one page,
with a diagram of the network, that opens in any browser without a network).
"""

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import ACTIVATIONS, Network  # noqa: E402
from backprop.cli import Parser  # noqa: E402  (one-line errors; "-0.5,0.4" is a value)
from backprop.cli.options import number, numbers, rows  # noqa: E402
from backprop.files.atomic_file import write_text  # noqa: E402
from backprop.trace.explain import explain  # noqa: E402
from backprop.trace.formats import render  # noqa: E402


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = Parser(
        prog="python examples/handout.py",
        description="Write one backpropagation step, with your numbers, as step.md and step.html.",
    )
    parser.add_argument("folder", nargs="?", help="where to write (made if missing; default: a new temporary folder)")
    parser.add_argument("--W1", type=rows, default=[[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], metavar='"W11,W12,…; W21,…"',
                        help="input→hidden weights, a row per input, rows separated by ';' (default: the lecture's)")
    parser.add_argument("--W2", type=numbers, default=[0.4, -0.5, 0.3], metavar='"W1,W2,…"',
                        help="hidden→output weights, one per hidden neuron (default: the lecture's)")
    parser.add_argument("--x", type=numbers, default=[1.0, 0.5], metavar='"x1,x2,…"',
                        help="the input, one number per row of W1 (default 1,0.5)")
    parser.add_argument("--d", type=number, default=1.0, help="the desired output (default 1)")
    parser.add_argument("--alpha", type=number, default=0.5, help="the learning rate α (default 0.5)")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="sigmoid", help="Φ (default sigmoid)")
    parser.add_argument("--digits", type=int, default=4, help="significant digits shown (default 4)")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_arguments(argv)
    try:  # bad numbers (a ragged W1, an x of the wrong length): one line, as the command line does
        net = Network(W1=args.W1, W2=args.W2, activation=args.activation)
        record = explain(net, args.x, args.d, args.alpha)
    except (ValueError, TypeError) as error:
        sys.exit(f"python examples/handout.py: error: {error}")
    folder = args.folder if args.folder is not None else tempfile.mkdtemp(prefix="backprop-handout-")
    os.makedirs(folder, exist_ok=True)
    for name, format in (("step.md", "markdown"), ("step.html", "html")):
        path = os.path.join(folder, name)
        write_text(path, render(record, format, digits=args.digits))
        print("wrote", path)


if __name__ == "__main__":
    main()
