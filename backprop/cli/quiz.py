"""``python -m backprop quiz``: work one backpropagation step yourself, a value at a time.

The problem comes from :func:`backprop.classroom.quiz.problem`; each question shows the
formula, waits for a number, and on a wrong answer shows the worked line. End
of input (Ctrl-D, exit status 0) or Ctrl-C (exit status 130) stops with the score so far.
"""

import argparse
import random

from backprop.classroom.quiz import is_close, problem, questions
from backprop.cli.options import add_output_activation_option, output_activation
from backprop.trace.formats.text_format import TextStyle
from backprop.trace.worked import Line, given
from backprop.trace.explain import explain


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int,
                        help="the problem's number: the same seed gives the same problem (default: a new one)")
    add_output_activation_option(parser)


def run(args: argparse.Namespace) -> int:
    seed = args.seed if args.seed is not None else random.randrange(1000)
    net, x, d, alpha = problem(seed, output_activation(args))
    record = explain(net, x, d, alpha)
    style = TextStyle(digits=4)
    print(f"Practice problem {seed}: work one backpropagation step with a pencil.")
    for line in given(record).lines:  # the sample, α, Φ and Φ′ written out, and the weights
        print("  " + style.line(line))
    print("Answer each with a number; within 1 % counts. Ctrl-D stops.\n")
    asked = right = 0
    try:
        for line in questions(record):
            answer = _ask(style, line)
            asked += 1
            if is_close(answer, line.value):
                right += 1
                print(f"  right: {style.number(line.value)}")
            else:
                print(f"  not quite: {style.line(line)}")
    except (EOFError, KeyboardInterrupt) as stop:
        print(f"\nStopped. Score so far: {right} of {asked}.")
        return 130 if isinstance(stop, KeyboardInterrupt) else 0  # 130: Ctrl-C, as for every command
    print(f"\nScore: {right} of {asked}.")
    return 0


def _ask(style: TextStyle, line: Line) -> float:
    """Ask for the value of ``line`` until the reply is a number; EOFError at end of input."""
    prompt = style.math(Line(line.parts[:2])) + " = ? "
    while True:
        reply = input(prompt).strip()
        try:
            return float(reply)
        except ValueError:
            print("  please type a number, like 0.25")
