"""``python -m backprop sheet``: a sheet of numbered problems and its answer key, for a class.

``--count 30 --seed 7`` writes problems 7-1 to 7-30 (each the same on every
machine) to ``sheet-7.EXT`` and their worked answers to ``key-7.EXT`` in the
folder of ``--output`` (made if it is not there yet), as LaTeX (a document for
pdflatex), Markdown or HTML. The sheet asks for ``--digits`` significant digits
(4 by default), the rule ``check`` then applies. Both files are written, or neither.
"""

import argparse
import os

from backprop.classroom import sheet
from backprop.classroom.problems import problem
from backprop.cli import UsageError, outputs
from backprop.cli.classroom_options import add_loss_option, check_classroom_loss
from backprop.cli.options import add_activation_option, add_output_activation_option, layer_sizes, output_activation
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
                        help="latex (a document for pdflatex, the default), markdown, html, or moodle "
                             "(Moodle XML: a numerical question per value, the sheet only)")
    parser.add_argument("--output", metavar="DIR", default=".",
                        help="the folder to write sheet-SEED.EXT and key-SEED.EXT to, made if need be (default: here)")
    parser.add_argument("--digits", type=int, default=sheet.DIGITS, metavar="N",
                        help=f"significant digits to carry, on the sheet and in the key (default {sheet.DIGITS})")
    parser.add_argument("--space", type=float, default=sheet.SPACE, metavar="CM",
                        help="room for working below each row of blanks on a LaTeX sheet, in cm "
                             f"(default {sheet.SPACE:g})")
    parser.add_argument("--layers", type=layer_sizes, metavar="N,N,…",
                        help="a deeper network instead of the lecture's 2-3-1, like 1,2,2,1 (one output)")
    add_activation_option(parser, "sigmoid")
    parser.add_argument("--bias", action="store_true", help="give every layer a bias (a constant input 1)")
    add_output_activation_option(parser)
    add_loss_option(parser)


def run(args: argparse.Namespace) -> int:
    check_classroom_loss(args, "a sheet")  # first: nothing asked or written for a step the classroom does not work
    if not 1 <= args.count <= MAX_COUNT:
        raise UsageError(f"--count {args.count} is not a number of problems from 1 to {MAX_COUNT}; "
                         "give one like --count 30")
    if args.layers is not None and args.layers[-1] != 1:
        raise UsageError(f"--layers {','.join(map(str, args.layers))} has {args.layers[-1]} outputs; "
                         "sheets work networks with one output, like --layers 1,2,2,1")
    if args.layers is not None and sum(a * b for a, b in zip(args.layers, args.layers[1:])) > 40:
        raise UsageError("--layers makes more than 40 weights, too many to work by hand; try --layers 1,2,2,1")
    if not 1 <= args.digits <= 10:
        raise UsageError(f"--digits {args.digits} is not a number of significant digits from 1 to 10; "
                         "give one like --digits 4")
    if not 0 <= args.space <= 10:
        raise UsageError(f"--space {args.space:g} is not a room for working from 0 to 10 cm; give one like --space 1.5")
    sizes = args.layers or [2, 3, 1]
    weights = sum((a + args.bias) * b for a, b in zip(sizes, sizes[1:]))
    if args.count * weights > MOST_WEIGHTS_IN_ALL:
        most = MOST_WEIGHTS_IN_ALL // weights
        raise UsageError(f"--count {args.count} problems of {weights} weights each is more than a sheet works out in "
                         f"about a minute ({MOST_WEIGHTS_IN_ALL:,} weights in all); give --count {most} or fewer, "
                         "or write several sheets (--seed 1, --seed 2, …)")
    extension = sheet.FORMATS[args.format]
    names = ("sheet",) if args.format == "moodle" else ("sheet", "key")  # Moodle's questions hold their answers
    paths = [os.path.join(args.output, f"{name}-{args.seed}.{extension}") for name in names]
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        raise UsageError(f"--output {shown_name(args.output)} is a file, not a folder; name a folder")
    instead = "write to another folder with --output DIR"
    made = _folder(args.output)
    try:
        for path in paths:
            outputs.check_one("--output", path, "", instead=f"rename it, or {instead}")
        if len(paths) == 2 and outputs.same_file(*paths):
            raise UsageError(f"{shown_name(paths[0])} and {shown_name(paths[1])} are the same file (a link), and "
                             f"the key would replace the sheet; remove the link, or {instead}")
        problems = [problem(args.seed, k, args.layers, args.activation, args.bias, output_activation(args),
                            args.loss or "squared") for k in range(1, args.count + 1)]
        texts = sheet.write(problems, args.format, str(args.seed), args.digits, args.space)
        write_all(dict(zip(paths, texts)))  # both, or (after an error or a Ctrl-C) neither
    except BaseException:
        for folder in reversed(made):  # take back the folders made for nothing
            os.rmdir(folder)
        raise
    if args.format == "moodle":
        print(f"wrote {shown_name(paths[0])} ({args.count} problems, a numerical question per value, for Moodle)")
    else:
        print(f"wrote {shown_name(paths[0])} ({args.count} problems) and {shown_name(paths[1])} (their answers)")
    return 0


def _folder(path: str) -> list:
    """Make the folder ``path`` and any missing folders above it; return the ones made, outermost first."""
    missing, at = [], os.path.abspath(path)
    while not os.path.isdir(at):
        missing.insert(0, at)
        at = os.path.dirname(at)
    for folder in missing:
        try:
            os.mkdir(folder)
        except OSError as error:
            for made in reversed(missing[:missing.index(folder)]):
                os.rmdir(made)
            raise UsageError(f"--output {shown_name(path)}: cannot make the folder ({error.strerror})") from None
    return missing
