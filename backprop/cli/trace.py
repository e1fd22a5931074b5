"""``python -m backprop trace``: one backpropagation step, every formula with its numbers.

With no options it works the lecture's example (:mod:`backprop.trace.lecture_example`);
``--layers 1,2,2,1`` works the course's quiz network (:mod:`backprop.trace.quiz_example`)
instead, and other sizes with ``--seed``. The options choose other weights,
another sample, another format, or a file to write it to (see
:mod:`backprop.trace.formats`); every network is explained by
:func:`backprop.trace.explain.explain` and written in any format.
"""

import argparse
import sys

from backprop.cli import UsageError, need_stdin
from backprop.cli.options import MOST_WORKED, check_work, sizes_of, whole_number
from backprop.cli.step_options import add_step_options, step_from_options
from backprop.math import validate
from backprop.math.deep import DeepNetwork
from backprop.math.training_loop import check_momentum
from backprop.trace.formats import FORMATS, lines
from backprop.trace.explain import explain
from backprop.trace.notations import NOTATIONS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_step_options(parser)
    step = parser.add_argument_group("momentum")
    step.add_argument("--momentum", type=float, metavar="μ",
                      help="work the step with momentum μ in [0, 1): v ← μ·v + ΔW, W ← W + v")
    step.add_argument("--velocity", metavar="FILE.json",
                      help="with --momentum: the velocities v before the step (the change of the step "
                           "before), a JSON list shaped like the trace's \"W\" (--format json), or a trace's "
                           "JSON, whose last change it takes; default v = 0, the first step")
    shown = parser.add_argument_group("the output")
    shown.add_argument("--format", choices=FORMATS, default="text",
                       help="text for the terminal (default), markdown or latex for a handout, "
                            "json for every number, html for a page with a diagram")
    shown.add_argument("--notation", choices=NOTATIONS, default="lecture",
                       help="lecture: δ = ∂y/∂W (default); textbook: δ = ∂E/∂h′ as in Nielsen's book and CS231n, "
                            "with a table mapping one to the other; matrix: vectors and matrices; both as text, markdown, latex or html")
    shown.add_argument("--digits", type=whole_number, default=4, metavar="N",
                       help="significant digits shown (default 4; the math keeps them all)")
    shown.add_argument("--output", metavar="FILE",
                       help="write to FILE instead of the terminal (only if the step worked)")
    shown.add_argument("--reveal", action="store_true",
                       help="one line per Enter in the terminal (q stops), each worked line's question "
                            "first and its right-hand side on the next Enter; with --format html, a page "
                            "whose right-hand sides stay folded until clicked")
    shown.add_argument("--fragment", action="store_true",
                       help="with --format latex: a fragment to \\input into your own document, not a whole "
                            "document for pdflatex (which draws the network, forward and backward)")
    shown.add_argument("--pencil", action="store_true",
                       help="compute each line from the rounded numbers shown before it (--digits of them), "
                            "as with a pencil (not with --format json)")


# what --format latex puts around the fragment: the 10 pt article the fragment's line widths are made
# for, amsmath, and Latin Modern (Type 1 fonts: the PDF copies as text)
LATEX_DOCUMENT = ("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{lmodern}\n"
                  "\\usepackage{graphicx,color}\n\\begin{document}\n")  # graphicx, color: the diagram


def run(args: argparse.Namespace) -> int:
    if args.output is not None:  # checked before any work; here, so a trace to the terminal loads no file code
        from backprop.cli import outputs

        outputs.check([("--output", args.output, "step.txt")], inputs=[("--weights", args.weights), ("--velocity", args.velocity)])
    if args.digits > 17:  # a float holds 15 to 17 significant digits; more would show noise
        raise UsageError(f"--digits {args.digits} is more than a float holds; use 1 to 17 "
                         "(or --format json for every digit)")
    net, x, d, alpha = step_from_options(args)
    momentum, velocity = _momentum(args)
    if not args.no_size_limit:
        check_work(sizes_of(net), net.bias, MOST_WORKED, "trace")
    _check_classroom(args, net.n_outputs if isinstance(net, DeepNetwork) else 1)
    if args.fragment and args.format != "latex":
        raise UsageError(f"--fragment is a LaTeX fragment to \\input; drop it, or use --format latex "
                         f"(not --format {args.format})")
    if args.notation != "lecture":
        _check_notation(args)
        from backprop.trace import notations

        record = explain(net, x, d, alpha)
        pieces = [getattr(notations, args.notation)(record, args.digits, args.format)]
    elif args.pencil:
        from backprop.classroom import pencil_trace  # here: only --pencil needs the classroom

        pieces = [pencil_trace.trace(net, x, d, alpha, args.digits, args.format)]
    else:  # text and Markdown a line at a time, written as they come: a long step is never held whole
        try:
            record = explain(net, x, d, alpha, momentum, velocity)
        except ValueError as error:
            if velocity is None:
                raise
            raise UsageError(f"--velocity {validate.shown_name(args.velocity)}: {error}") from None
        pieces = lines(record, args.format, args.digits)
    if args.format == "latex" and not args.fragment and args.notation != "lecture":  # the notation's own words only
        pieces = [LATEX_DOCUMENT, *pieces, "\\end{document}\n"]
    elif args.format == "latex" and not args.fragment:  # the whole document: the diagram's two views first
        from backprop.pictures.latex_diagram import figures

        drawn = record if not args.pencil else explain(net, x, d, alpha)
        pieces = [LATEX_DOCUMENT, "\n".join(figures(drawn, args.digits)) + "\n", *pieces, "\\end{document}\n"]
    if args.reveal:
        from backprop.classroom import reveal

        text = "".join(pieces)
        if args.format == "html":
            pieces = [reveal.folded_page(text)]
        else:
            if sys.stdin.isatty():
                print(reveal.HINT)
            asked = reveal.questions(net, x, d[0] if len(d) == 1 else d, alpha, args.digits, args.pencil)
            reveal.one_line_at_a_time(text.splitlines(), _next_line, _line, asked)
            if sys.stdin.isatty():
                print()
            return 0
    if args.output is None:  # to the terminal: no file code loaded
        sys.stdout.writelines(pieces)
    else:
        outputs.write_and_say(args.output, pieces)  # imported above, with the check
    return 0


def _momentum(args: argparse.Namespace) -> tuple:
    """(μ, v) of ``--momentum`` and ``--velocity`` (None where not given), or a UsageError in one line."""
    if args.momentum is None:
        if args.velocity is not None:
            raise UsageError("--velocity is the velocity of a step with momentum; add --momentum μ")
        return None, None
    if args.pencil or args.reveal:
        raise UsageError("--momentum is worked in the plain trace; drop --pencil/--reveal")
    try:
        momentum = check_momentum(args.momentum)
    except ValueError as error:
        raise UsageError(f"--{error}") from None
    if args.velocity is None:
        return momentum, None
    import json  # here: only --velocity reads JSON

    name = validate.shown_name(args.velocity)
    with open(args.velocity, "rb") as file:
        raw = file.read(MAX_VELOCITY_BYTES + 1)
    try:
        velocity = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_VELOCITY_BYTES else None
    except (ValueError, RecursionError):
        raise UsageError(f"--velocity {name}: not JSON") from None
    if isinstance(velocity, dict):  # a trace's JSON: the change its step applied
        velocity = velocity.get("velocity_new", velocity.get("delta_W"))
    if not isinstance(velocity, list):
        raise UsageError(f"--velocity {name}: not a list of the velocities shaped like the weights, nor a trace's JSON")
    return momentum, velocity


MAX_VELOCITY_BYTES = 64 * 2**20  # as a weights file: a million weights


def _check_classroom(args: argparse.Namespace, n_outputs: int) -> None:
    """Raise a UsageError for --reveal or --pencil where they do not apply."""
    if args.reveal and args.format != "html" and (args.format != "text" or args.output is not None):
        raise UsageError("--reveal shows the text in the terminal one line at a time, or makes a page "
                         "with --format html; drop --output, or use --format html")
    if args.reveal and args.format != "html":
        need_stdin("--reveal")
    if not args.pencil:
        return
    from backprop.classroom.pencil_trace import PENCIL_FORMATS

    if args.format not in PENCIL_FORMATS:
        raise UsageError(f"--pencil is shown as --format {', '.join(PENCIL_FORMATS)}, not {args.format}; "
                         "drop --pencil for --format json (every digit at full precision)")
    if n_outputs != 1:
        raise UsageError(f"--pencil works networks with one output; --layers ends in {n_outputs}, "
                         "make it 1 (like --layers 1,2,2,1)")


def _check_notation(args: argparse.Namespace) -> None:
    """Raise a UsageError for an option that --notation textbook or matrix does not take."""
    from backprop.trace.notation_formats import NOTATION_FORMATS

    for option, given in (("--format " + args.format, args.format not in NOTATION_FORMATS), ("--reveal", args.reveal),
                          ("--pencil", args.pencil)):
        if given:
            raise UsageError(f"--notation {args.notation} is written as {', '.join(NOTATION_FORMATS)}, without {option}; "
                             f"drop {option.split()[0]}, or drop --notation for the lecture's notation in every format")
    if args.momentum:  # the notations work the plain step W ← W + ΔW; a momentum they would leave out unsaid
        raise UsageError(f"--notation {args.notation} works the step without momentum; drop --momentum, "
                         "or drop --notation for the step with momentum in the lecture's notation")


def _next_line() -> str:
    """Wait for Enter (the reply: "q" stops); EOFError at the end of input."""
    return input()


def _line(text: str) -> None:
    """Write a line; in a terminal the Enter typed after it ends the line, so no newline is added."""
    print(text, end="" if sys.stdin.isatty() else "\n", flush=True)
