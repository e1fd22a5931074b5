"""``python -m backprop check answers.txt``: check a learner's values for one problem, line by line.

The problem is a numbered one (``--problem 7-12``, with the sheet's ``--layers``,
``--activation``, ``--bias``, ``--output-activation``, ``--loss``; or a ``problem = 7-12`` line in the file), or
given as for ``trace`` (``--W1 … --W2 … --x … --d … --alpha …``; the lecture's
example by default). A value needs ``--digits`` significant digits (4 unless the
sheet says otherwise); a value wrong only because an earlier value of the
learner's own was "follows from" it (credit for error carried forward), and a
wrong value that matches a common mistake says which. Exit status 0 when every
value is right, 1 when any is not, 2 for a file that cannot be read as answers
to this problem.

``--class FOLDER`` checks every ``*.txt`` file of FOLDER (one learner each),
writes a gradebook CSV (``--gradebook``, all of it or nothing) and prints a
summary for the teacher: how many learners made each named mistake, and the
value most often wrong.
"""

import argparse
import csv
import io
import os
from collections import Counter

from backprop.activations import activation_text
from backprop.classroom.check import DIGITS, DIGITS_RULE, FOLLOWS, RIGHT, WRONG, check, problem_id, read_answers
from backprop.classroom.problems import Problem, parse_id, problem
from backprop.classroom.quantities import quantities
from backprop.cli import UsageError
from backprop.cli.classroom_options import check_classroom_loss
from backprop.cli.options import MOST_CHECKED, check_work, output_activation, sizes_of
from backprop.cli.step_options import add_step_options, step_from_options
from backprop.files.atomic_file import check_writable, write_text
from backprop.math.validate import shown_name
from backprop.math.deep import DeepNetwork
from backprop.trace.formats.text_format import TextStyle

MAX_CHARACTERS = 2**20  # an answers file read at most: some 30,000 lines of values


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("answers", metavar="ANSWERS", nargs="?",
                        help="a text file of values, one a line, like 'h_1 = 0.6457' (ASCII names such "
                             "as h'_1, W1_12, dW2_3 are fine)")
    parser.add_argument("--digits", type=int, default=DIGITS_RULE, metavar="N",
                        help=f"significant digits every value needs (default {DIGITS_RULE}, as on the sheets)")
    parser.add_argument("--class", dest="class_folder", metavar="FOLDER",
                        help="check every *.txt file in FOLDER, one learner each, and write a gradebook")
    parser.add_argument("--gradebook", metavar="FILE", default="gradebook.csv",
                        help="with --class: the CSV to write (default gradebook.csv, here)")
    add_problem_options(parser)


def add_problem_options(parser: argparse.ArgumentParser) -> None:
    """--problem ID, and trace's options for the sample and the network."""
    parser.add_argument("--problem", metavar="ID",
                        help="a numbered problem of a sheet, like 7-12 (with the sheet's --layers, "
                             "--activation, --bias, --output-activation and --loss)")
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
        return problem(seed, k, args.layers, args.activation or "sigmoid", args.bias, output_activation(args),
                       args.loss or "squared")
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
    return (f"{name}: a {'-'.join(map(str, sizes))} network, Φ = {activation_text(net.activation)}"
            + (f", Φ_out = {net.output_activation}" if net.output_activation != "identity" else "")
            + (", with bias" if net.bias else "")
            + (", binary cross-entropy (δ = ∂y′/∂W)" if net.loss == "cross_entropy" else ""))


def run(args: argparse.Namespace) -> int:
    if args.weights is None:  # a weights file holds its own Φ_out and loss (one output is checked with the problem)
        check_classroom_loss(args, "check")
    if not 1 <= args.digits <= 15:
        raise UsageError(f"--digits {args.digits} is not a number of significant digits from 1 to 15; "
                         "give one like --digits 4")
    if args.class_folder is not None:
        if args.answers is not None:
            raise UsageError(f"give an answers file or --class FOLDER, not both ({shown_name(args.answers)} "
                             f"and {shown_name(args.class_folder)})")
        return run_class(args)
    if args.answers is None:
        raise UsageError("give an answers file, like 'check answers.txt', or --class FOLDER")
    chosen, verdicts = grade(args.answers, args)
    style = TextStyle(4)
    print(f"{describe(chosen)}. Checking {len(verdicts)} value{'s' * (len(verdicts) != 1)} "
          f"from {shown_name(args.answers)}:")
    for verdict in verdicts:
        print("  " + said(verdict, style, args.digits))
    print(score_line(Counter(verdict.status for verdict in verdicts), len(verdicts)))
    return 0 if all(verdict.right for verdict in verdicts) else 1


def grade(path: str, args: argparse.Namespace, cache: dict | None = None) -> tuple:
    """``(problem, verdicts)`` for the answers file at ``path``; ``UsageError`` for a file that
    cannot be read as answers (one line, naming the file and the line). ``cache`` keeps each
    problem (and its values) for the next file of the same problem."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read(MAX_CHARACTERS + 1)  # no more: /dev/zero would never end
    except UnicodeDecodeError:
        raise UsageError(f"{shown_name(path)} is not a text file (UTF-8); write one value a line, "
                         "like h_1 = 0.6457") from None
    if len(text) > MAX_CHARACTERS:
        raise UsageError(f"{shown_name(path)} is longer than {MAX_CHARACTERS:,} characters, more than an "
                         "answers file holds; write one value a line, like h_1 = 0.6457")
    first_look = problem_id(text)
    if args.problem is not None and first_look is not None and _same_id(first_look) != _same_id(args.problem):
        raise UsageError(f"{shown_name(path)} says its answers are for problem {first_look.strip()}, "
                         f"but --problem is {args.problem}; check the right file against the right problem")
    cache = {} if cache is None else cache
    try:
        known = cache.get(_same_id(first_look) if first_look is not None and args.problem is None else None)
        if known is None:
            chosen = problem_from_options(args, first_look)
            known = (chosen, quantities(chosen.net, chosen.x, chosen.d, chosen.alpha), _pencil_values(chosen))
            cache[_same_id(first_look) if first_look is not None and args.problem is None else None] = known
    except ValueError as error:
        raise UsageError(f"{shown_name(path)}: {error}") from None
    chosen, values, pencil = known
    try:
        _, answers = read_answers(text, values, source=f"{shown_name(path)} line")
    except ValueError as error:
        raise UsageError(f"{error} (problem {chosen.id})" if chosen.id else str(error)) from None
    if not answers:
        raise UsageError(f"{shown_name(path)} has no values; write one a line, like h_1 = 0.6457")
    verdicts = check(values, answers, pencil, args.digits,
                     (chosen.net, chosen.x, chosen.d, chosen.alpha))
    return chosen, verdicts


def _same_id(text: str):
    try:
        return parse_id(text)
    except ValueError:
        return text.strip()


def said(verdict, style: TextStyle, digits: int) -> str:
    """One line of the check: the learner's value and what it is."""
    answer, quantity = verdict.answer, verdict.quantity
    mine = f"line {answer.line_number}: {quantity.name} = {answer.typed_value}"
    if verdict.status == RIGHT:
        return f"{mine}  right"
    if verdict.status == DIGITS:
        return f"{mine}  not enough digits: give {digits} significant digits"
    if verdict.status == FOLLOWS:
        return f"{mine}  follows from your {verdict.because}; worked: {style.line(quantity.line)}"
    named = f"wrong: {verdict.mistake}" if verdict.mistake else "wrong"
    return f"{mine}  {named}; worked: {style.line(quantity.line)}"


def score_line(counts: Counter, total: int) -> str:
    """"Score: 7 right, 2 follow from an earlier mistake, 1 wrong (of 10)." """
    parts = [f"{counts[RIGHT]} right"]
    if counts[FOLLOWS]:
        parts.append(f"{counts[FOLLOWS]} follow{'s' * (counts[FOLLOWS] == 1)} from an earlier mistake")
    if counts[DIGITS]:
        parts.append(f"{counts[DIGITS]} without enough digits")
    if counts[WRONG]:
        parts.append(f"{counts[WRONG]} wrong")
    return f"Score: {', '.join(parts)} (of {total})."


MAX_PROBLEMS_KEPT = 200  # problems whose values --class keeps for the next learner with the same one
GRADEBOOK = ("file", "problem", "right", "follows", "not enough digits", "wrong", "score")


def run_class(args: argparse.Namespace) -> int:
    """Check every answers file of the folder; write the gradebook and print the summary."""
    folder = args.class_folder
    if not os.path.isdir(folder):
        raise UsageError(f"--class {shown_name(folder)} is not a folder; name the folder of answers files")
    check_writable(args.gradebook)
    names = sorted(entry.name for entry in os.scandir(folder)
                   if entry.name.endswith(".txt") and entry.is_file())
    if not names:
        raise UsageError(f"--class {shown_name(folder)} has no answers files (*.txt); put one file per learner there")
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(GRADEBOOK)
    mistakes, wrong_values, unreadable, problems = Counter(), Counter(), 0, {}
    for name in names:
        if len(problems) > MAX_PROBLEMS_KEPT:
            problems.clear()  # memory stays bounded however many problems a class has
        try:
            chosen, verdicts = grade(os.path.join(folder, name), args, problems)
        except (UsageError, ValueError, OSError) as error:  # one line per file that cannot be read
            print(f"  {name}: {error}")
            unreadable += 1
            continue
        counts = Counter(verdict.status for verdict in verdicts)
        score = (counts[RIGHT] + counts[FOLLOWS]) / len(verdicts)
        writer.writerow([name, chosen.id, counts[RIGHT], counts[FOLLOWS], counts[DIGITS], counts[WRONG],
                         f"{100 * score:.0f}%"])
        mistakes.update({verdict.mistake.split(":")[0] for verdict in verdicts if verdict.mistake})
        wrong_values.update(verdict.quantity.name for verdict in verdicts if verdict.status in (WRONG, DIGITS))
    write_text(args.gradebook, table.getvalue())
    checked = len(names) - unreadable
    print(f"Checked {checked} of {len(names)} answers files in {shown_name(folder)}; "
          f"the gradebook is {shown_name(args.gradebook)}.")
    for mistake, learners in mistakes.most_common():
        print(f"  {learners} learner{'s' * (learners != 1)}: {mistake}")
    if wrong_values:
        name, times = wrong_values.most_common(1)[0]
        print(f"  the value most often wrong: {name} ({times} of {checked} learners)")
    return 0 if unreadable == 0 else 1


def _pencil_values(chosen: Problem):
    """The pencil value of an answer's quantity, carried to as many digits as the answer has."""
    cache = {}

    def values(answer):
        digits = answer.digits
        if digits not in cache:
            try:
                cache[digits] = {q.name: q.value for q in quantities(chosen.net, chosen.x, chosen.d, chosen.alpha,
                                                                     pencil=digits)}
            except ValueError:  # no pencil works it with so few digits (cross-entropy's y rounds to 1)
                cache[digits] = {}
        return [cache[digits][answer.quantity.name]] if cache[digits] else []

    return values
