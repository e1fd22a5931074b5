"""``python -m backprop quiz``: work one backpropagation step yourself, a value at a time.

The problem comes from :func:`backprop.classroom.quiz.problem` (or, with
``--layers``, ``--activation`` or ``--bias``, from :mod:`backprop.classroom.problems`);
``--output-activation`` puts Φ_out on the output, and y′ and y = Φ_out(y′) are
asked; ``--loss cross_entropy`` (with ``--output-activation sigmoid``) makes it binary
cross-entropy's step, and ∂E/∂y′ = −(d − y) is asked too. Each question shows the formula, waits for a number (a Unicode minus and
a decimal comma are fine), and on a wrong answer shows the worked line. ``--ask
all`` asks every value of the step. End of input (Ctrl-D, exit status 0) or
Ctrl-C (exit status 130) stops with the score so far; ``--output FILE`` keeps
a record of the session.
"""

import argparse
import random
import sys

from backprop.classroom import problems
from backprop.classroom.check import FOLLOWS, answer_of, check
from backprop.classroom.quantities import quantities, record as step_record
from backprop.classroom.quiz import is_close, problem
from backprop.cli import UsageError, need_stdin, outputs
from backprop.cli.classroom_options import add_loss_option, check_classroom_loss
from backprop.cli.options import MOST_CHECKED, add_activation_option, add_output_activation_option, check_work, layer_sizes, output_activation
from backprop.files.atomic_file import write_text
from backprop.math.validate import shown_name
from backprop.trace.formats.text_format import TextStyle
from backprop.trace.worked import Line, given


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int,
                        help="the problem's number: the same seed gives the same problem (default: a new one)")
    parser.add_argument("--ask", choices=("some", "all"), default="some",
                        help="some: six values through the step (default); all: every value of the step")
    parser.add_argument("--layers", type=layer_sizes, metavar="N,N,…",
                        help="a deeper network, like the course's quiz network 1,2,2,1 (one output)")
    add_activation_option(parser)
    parser.add_argument("--bias", action="store_true", help="give every layer a bias (a constant input 1)")
    add_output_activation_option(parser)
    add_loss_option(parser)
    parser.add_argument("--output", metavar="FILE",
                        help="keep a record of the session (questions, answers, score) in FILE")


def run(args: argparse.Namespace) -> int:
    check_classroom_loss(args, "the quiz")  # first: nothing asked or written for a step the classroom does not work
    if args.layers is not None and args.layers[-1] != 1:
        raise UsageError("the quiz works networks with one output; end --layers with 1, like --layers 1,2,2,1")
    outputs.check([("--output", args.output, "session.txt")])  # before the first question
    need_stdin("the quiz")
    check_work(args.layers or [2, 3, 1], args.bias, MOST_CHECKED, "the quiz",
               "give smaller --layers, like --layers 1,2,2,1")
    seed = args.seed if args.seed is not None else random.randrange(1000)
    if args.layers is None and args.activation is None and not args.bias:
        net, x, d, alpha = problem(seed, output_activation(args), args.loss or "squared")
    else:
        net, x, d, alpha = problems.problem(seed, 1, args.layers, args.activation or "sigmoid", args.bias,
                                            output_activation(args), args.loss or "squared")[1:]
    values = quantities(net, x, d, alpha)
    asked_for = values if args.ask == "all" else _some(values)
    record = []

    def say(text: str = "") -> None:
        print(text)
        record.append(text)

    style = TextStyle(4)
    say(f"Practice problem {seed}: work one backpropagation step with a pencil.")
    for line in given(step_record(net, x, d, alpha)).lines:  # the sample, α, Φ and Φ′ written out, the weights
        say("  " + style.line(line))
    say("Answer each with a number; within 1 % counts. Ctrl-D stops.\n")
    asked = right = 0
    status = 0
    so_far = []  # the learner's answers so far: a later value may follow from an earlier mistake
    try:
        for q in asked_for:
            answer = _ask(style, q, record)
            so_far.append(answer)
            asked += 1
            if is_close(answer.value, q.value):
                right += 1
                say(f"  right: {style.number(q.value)}")
            else:
                say(f"  not quite{_diagnosis(values, so_far, (net, x, d, alpha))}: {style.line(q.line)}")
    except (EOFError, KeyboardInterrupt) as stop:
        say(f"\nStopped. Score so far: {right} of {asked}.")
        status = 130 if isinstance(stop, KeyboardInterrupt) else 0  # 130: Ctrl-C, as for every command
    else:
        say(f"\nScore: {right} of {asked}.")
    if args.output is not None:
        text = "\n".join(record) + "\n"
        try:
            write_text(args.output, text)
        except OSError as error:  # a full disk at the end: the learner's answers go to standard error instead
            print(text, end="", file=sys.stderr)
            raise OSError(error.errno, f"{error.strerror}; the session is printed above, on standard error",
                          error.filename) from None
        print(f"(the session is in {shown_name(args.output)})")
    return status


def _some(values: list) -> list:
    """The values the quiz asks by default (:func:`backprop.classroom.quiz.questions`): h′ and h of
    the first neuron, y (y′ first, with an output activation), E (and, with cross-entropy, ∂E/∂y′,
    where Φ_out′ cancels), δ¹_11 and ΔW¹_11."""
    by = {q.name: q for q in values}
    first_h = next(q.name for q in values if q.depends == (values[0].name,))
    wanted = [values[0].name, first_h, *[name for name in ("y′",) if name in by], "y", "E",
              *[name for name in ("∂E/∂y′",) if name in by], "δ¹_11", "ΔW¹_11"]
    return [by[name] for name in wanted]


def _diagnosis(values: list, given: list, step: tuple) -> str:
    """What ``check`` says of the last answer: " (follows from your h_1)", " (α left out)", or ""."""
    verdict = check(values, given, step=step)[-1]
    if verdict.status == FOLLOWS:
        return f" (follows from your {verdict.because})"
    return f" ({verdict.mistake})" if verdict.mistake else ""


def _ask(style: TextStyle, q, record: list):
    """Ask for the value of quantity ``q`` until the reply is a number; EOFError at end of input."""
    line = q.line
    formula = line.parts[:1] if "←" in line.parts[0] else line.parts[:2]  # W ← W + ΔW is its own formula
    prompt = style.math(Line(formula)) + " = ? "
    while True:
        reply = input(prompt).strip()
        # a byte that is not UTF-8 arrives as a lone surrogate, which no file can hold: the record shows �
        record.append(prompt + "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in reply))
        try:
            return answer_of(q, reply, len(record))
        except ValueError:
            print("  please type a number, like 0.25")
            record.append("  please type a number, like 0.25")
