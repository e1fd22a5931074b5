"""The command line: ``python -m backprop [COMMAND] [OPTIONS]``.

Each command lives in its own module of :mod:`backprop.cli`, with an
``add_arguments(parser)`` and a ``run(args) -> int``. With no command, the
worked example of the lecture is traced. Mistakes in what a person typed end the
program with one line on standard error and exit status 2, never a traceback.
"""

import argparse
import contextlib
import importlib
import os
import re
import signal
import sys

from backprop import __version__
from backprop.math.validate import shown_name

# name → (module in backprop.cli, one-line help)
COMMANDS = {
    "trace": ("trace", "show one backpropagation step with every formula and number (default)"),
    "quiz": ("quiz", "practise: work one step with a pencil, a value at a time"),
    "train": ("train", "train the network on a toy data set or a CSV file, and watch the error fall"),
    "predict": ("predict", "the trained network's output y, from a weights file"),
    "unroll": ("unroll", "one backpropagation step as straight-line Python, a statement per formula"),
    "explore": ("explore", "one step as a page to step through formula by formula, on the diagram"),
    "export": ("export", "one step as a program for NumPy or PyTorch: the same network, weights and numbers"),
    "graph": ("graph", "one step as its computational graph (SVG): every operation with its value and gradient"),
    "sheet": ("sheet", "write a sheet of numbered problems and its answer key, for a class"),
    "check": ("check", "check your own values for a problem, line by line (exit 1 if any is wrong)"),
}
DEFAULT_COMMAND = "trace"


class UsageError(Exception):
    """A mistake on the command line; its message says what is wrong and how to write it."""


def need_stdin(what: str) -> None:
    """Raise a UsageError if standard input is closed (``<&-``), before ``what`` needs it."""
    if sys.stdin is None:
        raise UsageError(f"standard input is closed, so {what} cannot read what you type; run it in a "
                         "terminal, or give the replies on standard input (< replies.txt)")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, told the terminal's width without importing shutil: argparse makes
    a formatter for every option it adds and asks shutil for the width, and shutil's import (with
    bz2, lzma and zlib) took about a tenth of ``python -m backprop``'s start."""

    def __init__(self, prog: str):
        super().__init__(prog, width=_terminal_width() - 2)  # two fewer than the terminal's, as argparse does


def _terminal_width() -> int:
    """The width ``shutil.get_terminal_size()`` gives: ``COLUMNS`` if it is a positive number, else
    the terminal's, else 80."""
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    with contextlib.suppress(AttributeError, ValueError, OSError):
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        if columns > 0:
            return columns
    return 80


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error, exit status 2.

    A word that starts with a minus sign and a digit is a value, not an option: a
    list of weights (``--W2 "-0.5,0.4,0.3"``) or a number like ``-1e3`` (argparse
    by itself takes only numbers like ``-1`` and ``-0.5`` for values).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d")  # a private attribute of argparse, 3.10 to 3.13

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {_one_line(ValueError(message))} (see '{self.prog} --help')\n")


def build_parser(command: str | None = None) -> Parser:
    """Return the parser for every command; with ``command``, only that command's options are
    added (and only its module imported), so that a command starts without the others' modules;
    with ``""``, no command's options (enough for ``--version``, ``--help`` and the commands' names)."""
    parser = Parser(
        prog="python -m backprop",
        description="Backpropagation, step by step, in the lecture's notation.",
        epilog="Each command has options of its own: python -m backprop COMMAND --help "
               "(for example python -m backprop trace --help). With no command, trace "
               "works the lecture's example.",
    )
    parser.add_argument("--version", action="version", version=f"backprop-lecture {__version__}",
                        help="print the version of backprop-lecture and stop")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        subparser = commands.add_parser(name, help=help_text, description=help_text)
        if command in (None, name):
            importlib.import_module(f"backprop.cli.{module_name}").add_arguments(subparser)
    return parser


class Terminated(BaseException):
    """SIGTERM arrived: the command unwinds as for Ctrl-C, so no temporary file is left behind."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Whatever happens, the end is one of: 0 (done), 1 (training diverged, or the reader of
    standard output went away), 2 (bad input, one line on standard error), 130 (Ctrl-C)
    or 143 (SIGTERM), and never a traceback.
    """
    command = ""
    previous = _raise_on_sigterm()
    closed_stdout = sys.stdout is None  # started with standard output closed (``>&-``)
    if closed_stdout:  # the command still runs, so that the files asked for are written
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    for stream in (sys.stdout, sys.stderr):
        _plain_if_needed(stream)
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
            argv = [DEFAULT_COMMAND] + argv
        command = " " + argv[0] if argv[0] in COMMANDS else ""
        _refuse_dashes_as_a_value(argv)
        # the command's own options only; for --version, --help or an unknown command, none (no module imported)
        args = build_parser(argv[0] if argv[0] in COMMANDS else "").parse_args(argv)
        module = importlib.import_module(f"backprop.cli.{COMMANDS[args.command][0]}")
        status = module.run(args)
        sys.stdout.flush()  # now, so that a full disk is reported here and not at exit
        if closed_stdout and status == 0:
            return _say(f"{PROG}{command}: error: standard output is closed, so what it printed is lost (files "
                        "asked for were written); run it with standard output open, or send it to a file (> out.txt)", 2)
        return status
    except BrokenPipeError:  # the reader went away (``… | head``): stop quietly, as other tools do
        with contextlib.suppress(OSError, ValueError):  # no more writes to it, even at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:  # Ctrl-C; ``train`` stops cleanly by itself, the others end here
        return _say(f"{PROG}{command}: stopped by Ctrl-C", 130)
    except Terminated:
        return _say(f"{PROG}{command}: stopped by SIGTERM", 143)
    except (UsageError, ValueError, TypeError, OSError, RecursionError, MemoryError) as error:
        return _say(f"{PROG}{command}: error: {_one_line(error)}", 2)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if closed_stdout:
            sys.stdout.close()
            sys.stdout = None


PROG = "python -m backprop"


def _raise_on_sigterm():
    """Make SIGTERM raise :class:`Terminated`; return the handler it had (None if it cannot be set)."""
    def terminated(signal_number, frame):
        raise Terminated

    try:
        return signal.signal(signal.SIGTERM, terminated)
    except ValueError:  # not the main thread: leave SIGTERM as it is
        return None


def _plain_if_needed(stream) -> None:
    """On a stream that cannot write "α" (``PYTHONIOENCODING=ascii``), write the symbols' ASCII
    forms instead (alpha, W1_11: :mod:`backprop.cli.plain_text`, imported only then)."""
    try:
        "α".encode(stream.encoding)
    except (AttributeError, TypeError, LookupError):  # no stream, or no encoding (a StringIO): nothing to do
        pass
    except UnicodeEncodeError:
        from backprop.cli import plain_text

        plain_text.fall_back(stream)


def _refuse_dashes_as_a_value(argv: list[str]) -> None:
    """Raise a UsageError for ``--option=--``: argparse 3.10–3.12 drops a value of ``--``
    (leaving nothing, or a list), and 3.13 keeps it; either way it is not a value."""
    for word in argv:
        option, equals, value = word.partition("=")
        if word.startswith("--") and equals and value == "--":
            raise UsageError(f"{option}=-- gives {option} the value '--', which is not one; "
                             f"write a value after {option}= (see '{PROG} --help')")


def _say(line: str, status: int) -> int:
    """Print ``line`` on standard error (if it is still there) and return ``status``."""
    if sys.stderr is None:  # started with standard error closed (``2>&-``): print would write to stdout
        return status
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass
    return status


MAX_MESSAGE = 400  # characters of an error message shown at most


def _one_line(error: BaseException) -> str:
    """The error's message on one line, long values shortened, file names printable.

    >>> _one_line(OSError(2, "No such file or directory", "two\\nlines.json"))
    "'two\\\\nlines.json': No such file or directory"
    >>> _one_line(OSError(28, "No space left on device"))
    'cannot write to standard output: No space left on device'
    >>> _one_line(RecursionError("maximum recursion depth exceeded"))
    'the input is nested too deeply to read (maximum recursion depth exceeded)'
    """
    if isinstance(error, OSError) and error.filename is not None:
        text = f"{shown_name(error.filename)}: {error.strerror}"
    elif isinstance(error, OSError):  # no file named: it was standard output, print's file
        text = f"cannot write to standard output: {error.strerror or error}"
    elif isinstance(error, RecursionError):
        text = f"the input is nested too deeply to read ({error})"
    elif isinstance(error, MemoryError):
        text = "out of memory; try smaller sizes"
    else:
        text = str(error)
    text = "".join(c if c.isprintable() else " " for c in " ".join(text.split()))
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 60] + " … " + text[-57:]
