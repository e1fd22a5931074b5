"""``python -m backprop check answers.txt``: check a learner's values for one problem, line by line.

The problem is a numbered one (``--problem 7-12``, with the sheet's ``--layers``,
``--activation``, ``--bias``, ``--output-activation``; or a ``problem = 7-12`` line in the file), or
given as for ``trace`` (``--W1 … --W2 … --x … --d … --alpha …``; the lecture's
example by default). Exit status 0 when every value is right, 1 when any is
wrong, 2 for a file that cannot be read as answers to this problem.
"""

import argparse

from backprop.classroom.check import check, problem_id, read_answers
from backprop.classroom.problems import Problem, parse_id, problem
from backprop.classroom.quantities import quantities
from backprop.cli import UsageError
from backprop.cli.options import MOST_CHECKED, check_work, output_activation, sizes_of
from backprop.cli.step_options import add_step_options, step_from_options
from backprop.math.validate import shown_name
from backprop.math.deep import DeepNetwork
from backprop.trace.formats.text_format import TextStyle

MAX_CHARACTERS = 2**20  # an answers file read at most: some 30,000 lines of values


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS",
                        help="a text file of values, one a line, like 'h_1 = 0.6457' (ASCII names such "
                             "as h'_1, W1_12, dW2_3 are fine)")
    add_problem_options(parser)


def add_problem_options(parser: argparse.ArgumentParser) -> None:
    """--problem ID, and trace's options for the sample and the network."""
    parser.add_argument("--problem", metavar="ID",
                        help="a numbered problem of a sheet, like 7-12 (with the sheet's --layers, "
                             "--activation, --bias and --output-activation)")
    add_step_options(parser, "the sample and the step (instead of --problem)")


def problem_from_options(args: argparse.Namespace, problem_id: str | None = None) -> Problem:
    """The problem the options (or ``problem_id``, from the answers file) describe."""
    chosen = args.problem if args.problem is not None else problem_id
    if chosen is not None:
        given = [option for option, value in (("--x", args.x), ("--d", args.d), ("--alpha", args.alpha),
                                              ("--W1", args.W1), ("--W2", args.W2), ("--weights", args.weights),
                                              ("--seed", args.seed), ("--hidden", args.hidden))
                 if value is not None]
        if given:
            raise UsageError(f"--problem {chosen} already gives the network and the sample; drop {', '.join(given)}")
        seed, k = parse_id(chosen)
        check_work(args.layers or [2, 3, 1], args.bias, MOST_CHECKED, "check",
                   "give the sheet's --layers (a sheet's networks have at most 40 weights)")
        return problem(seed, k, args.layers, args.activation or "sigmoid", args.bias, output_activation(args))
    net, x, d, alpha = step_from_options(args)
    if not args.no_size_limit:
        check_work(sizes_of(net), net.bias, MOST_CHECKED, "check")
    if len(d) != 1:
        raise UsageError(f"the network has {len(d)} outputs, and the classroom works networks with one output; "
                         "choose a network of one output")
    return Problem("", net, x, d[0], alpha)


def describe(chosen: Problem) -> str:
    """"problem 7-12" or "the given problem", with its network in a few words."""
    net = chosen.net
    sizes = net.layers if isinstance(net, DeepNetwork) else [net.n_inputs, net.n_hidden, 1]
    name = f"Problem {chosen.id}" if chosen.id else "The problem"
    return (f"{name}: a {'-'.join(map(str, sizes))} network, Φ = {net.activation}"
            + (f", Φ_out = {net.output_activation}" if net.output_activation != "identity" else "")
            + (", with bias" if net.bias else ""))


def run(args: argparse.Namespace) -> int:
    try:
        with open(args.answers, encoding="utf-8") as file:
            text = file.read(MAX_CHARACTERS + 1)  # no more: /dev/zero would never end
    except UnicodeDecodeError:
        raise UsageError(f"{shown_name(args.answers)} is not a text file (UTF-8); write one value a line, "
                         "like h_1 = 0.6457") from None
    if len(text) > MAX_CHARACTERS:
        raise UsageError(f"{shown_name(args.answers)} is longer than {MAX_CHARACTERS:,} characters, more than an "
                         "answers file holds; write one value a line, like h_1 = 0.6457")
    first_look = problem_id(text)
    if args.problem is not None and first_look is not None and parse_id(first_look) != parse_id(args.problem):
        raise UsageError(f"{shown_name(args.answers)} says its answers are for problem {first_look.strip()}, "
                         f"but --problem is {args.problem}; check the right file against the right problem")
    chosen = problem_from_options(args, first_look)
    values = quantities(chosen.net, chosen.x, chosen.d, chosen.alpha)
    try:
        _, answers = read_answers(text, values, source=f"{shown_name(args.answers)} line")
    except ValueError as error:
        raise UsageError(f"{error} (problem {chosen.id})" if chosen.id else str(error)) from None
    if not answers:
        raise UsageError(f"{shown_name(args.answers)} has no values; write one a line, like h_1 = 0.6457")
    also_right = _pencil_values(chosen)
    verdicts = check(values, answers, also_right)
    style = TextStyle(4)
    print(f"{describe(chosen)}. Checking {len(answers)} value{'s' * (len(answers) != 1)} "
          f"from {shown_name(args.answers)}:")
    for verdict in verdicts:
        answer, quantity = verdict.answer, verdict.quantity
        mine = f"{quantity.name} = {answer.typed_value}"
        if verdict.right:
            print(f"  line {answer.line_number}: {mine}  right")
            continue
        reason = (f"your {quantity.name} is wrong because {verdict.because} is" if verdict.because
                  else f"your {quantity.name} is wrong")
        print(f"  line {answer.line_number}: {mine}  wrong: {reason}; worked: {style.line(quantity.line)}")
    right = sum(verdict.right for verdict in verdicts)
    print(f"Score: {right} of {len(verdicts)} right.")
    return 0 if right == len(verdicts) else 1


def _pencil_values(chosen: Problem):
    """The pencil value of an answer's quantity, carried to as many digits as the answer has."""
    cache = {}

    def values(answer):
        digits = answer.digits
        if digits not in cache:
            cache[digits] = {q.name: q.value for q in quantities(chosen.net, chosen.x, chosen.d, chosen.alpha,
                                                                 pencil=digits)}
        return [cache[digits][answer.quantity.name]]

    return values
