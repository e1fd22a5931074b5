"""``python -m backprop sheet``: a sheet of numbered problems and its answer key, for a class.

``--count 30 --seed 7`` writes problems 7-1 to 7-30 (each the same on every
machine) to ``sheet-7.EXT`` and their worked answers to ``key-7.EXT`` in the
folder of ``--output``, as LaTeX (a document for pdflatex), Markdown or HTML.
Both files are written, or neither.
"""

import argparse
import os

from backprop.activations import ACTIVATIONS
from backprop.classroom import sheet
from backprop.classroom.problems import problem
from backprop.cli import UsageError, outputs
from backprop.cli.options import add_output_activation_option, layer_sizes, output_activation
from backprop.files.atomic_file import write_all
from backprop.math.validate import shown_name

MAX_COUNT = 1000  # problems on one sheet at most
MOST_WEIGHTS_IN_ALL = 10_000  # the problems' weights (with bias) on one sheet at most: a minute's work, measured
# at 34 s for 1000 problems of the lecture's 2-3-1 (9 weights) and 49 s for 200 of 1-4-4-4-1 with bias (53)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=int, default=10, metavar="N",
                        help=f"how many problems (default 10, at most {MAX_COUNT}, and at most "
                             f"{MOST_WEIGHTS_IN_ALL:,} weights in all)")
    parser.add_argument("--seed", type=int, default=1,
                        help="the sheet's number: problem k of seed s is problem s-k, the same everywhere (default 1)")
    parser.add_argument("--format", choices=sorted(sheet.FORMATS), default="latex",
                        help="latex (a document for pdflatex, the default), markdown or html")
    parser.add_argument("--output", metavar="DIR", default=".",
                        help="the folder to write sheet-SEED.EXT and key-SEED.EXT to (default: here)")
    parser.add_argument("--layers", type=layer_sizes, metavar="N,N,…",
                        help="a deeper network instead of the lecture's 2-3-1, like 1,2,2,1 (one output)")
    parser.add_argument("--activation", choices=sorted(ACTIVATIONS), default="sigmoid",
                        help="the activation Φ (default sigmoid)")
    parser.add_argument("--bias", action="store_true", help="give every layer a bias (a constant input 1)")
    add_output_activation_option(parser)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.count <= MAX_COUNT:
        raise UsageError(f"--count {args.count} is not a number of problems from 1 to {MAX_COUNT}; "
                         "give one like --count 30")
    if args.layers is not None and args.layers[-1] != 1:
        raise UsageError(f"--layers {','.join(map(str, args.layers))} has {args.layers[-1]} outputs; "
                         "sheets work networks with one output, like --layers 1,2,2,1")
    if args.layers is not None and sum(a * b for a, b in zip(args.layers, args.layers[1:])) > 40:
        raise UsageError("--layers makes more than 40 weights, too many to work by hand; try --layers 1,2,2,1")
    sizes = args.layers or [2, 3, 1]
    weights = sum((a + args.bias) * b for a, b in zip(sizes, sizes[1:]))
    if args.count * weights > MOST_WEIGHTS_IN_ALL:
        most = MOST_WEIGHTS_IN_ALL // weights
        raise UsageError(f"--count {args.count} problems of {weights} weights each is more than a sheet works out in "
                         f"about a minute ({MOST_WEIGHTS_IN_ALL:,} weights in all); give --count {most} or fewer, "
                         "or write several sheets (--seed 1, --seed 2, …)")
    extension = sheet.FORMATS[args.format]
    paths = [os.path.join(args.output, f"{name}-{args.seed}.{extension}") for name in ("sheet", "key")]
    if not os.path.isdir(args.output):
        raise UsageError(f"--output {shown_name(args.output)} is not a folder; make it first, or name one that exists")
    instead = "write to another folder with --output DIR"
    for path in paths:
        outputs.check_one("--output", path, "", instead=f"rename it, or {instead}")
    if outputs.same_file(*paths):
        raise UsageError(f"{shown_name(paths[0])} and {shown_name(paths[1])} are the same file (a link), and the key "
                         f"would replace the sheet; remove the link, or {instead}")
    problems = [problem(args.seed, k, args.layers, args.activation, args.bias, output_activation(args))
                for k in range(1, args.count + 1)]
    texts = sheet.write(problems, args.format, str(args.seed))
    write_all(dict(zip(paths, texts)))  # both, or (after an error or a Ctrl-C) neither
    print(f"wrote {shown_name(paths[0])} ({args.count} problems) and {shown_name(paths[1])} (their answers)")
    return 0

