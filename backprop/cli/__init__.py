"""The command line: ``python -m backprop [COMMAND] [OPTIONS]``.

Each command lives in its own module of :mod:`backprop.cli`, with an
``add_arguments(parser)`` and a ``run(args) -> int``. With no command, the
worked example of the lecture is traced. Mistakes in what a person typed end the
program with one line on standard error and exit status 2, never a traceback.
"""

import argparse
import importlib
import os
import re
import sys

# name → (module in backprop.cli, one-line help)
COMMANDS = {
    "trace": ("trace", "show one backpropagation step with every formula and number (default)"),
    "quiz": ("quiz", "practise: work one step with a pencil, a value at a time"),
    "train": ("train", "train the network on a toy data set or a CSV file, and watch the error fall"),
    "predict": ("predict", "the trained network's output y, from a weights file"),
}
DEFAULT_COMMAND = "trace"


class UsageError(Exception):
    """A mistake on the command line; its message says what is wrong and how to write it."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error, exit status 2.

    A word that starts with a minus sign and a digit is a value, not an option: a
    list of weights (``--W2 "-0.5,0.4,0.3"``) or a number like ``-1e3`` (argparse
    by itself takes only numbers like ``-1`` and ``-0.5`` for values).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d")  # a private attribute of argparse, 3.10 to 3.13

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> Parser:
    """Return the parser for every command."""
    parser = Parser(
        prog="python -m backprop",
        description="Backpropagation, step by step, in the lecture's notation.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"backprop.cli.{module_name}")
        module.add_arguments(commands.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = [DEFAULT_COMMAND] + argv
    parser = build_parser()
    args = parser.parse_args(argv)
    module = importlib.import_module(f"backprop.cli.{COMMANDS[args.command][0]}")
    try:
        return module.run(args)
    except BrokenPipeError:  # the reader went away (``… | head``): stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:  # Ctrl-C; ``train`` stops cleanly by itself, the others end here
        print(f"{parser.prog} {args.command}: stopped by Ctrl-C", file=sys.stderr)
        return 130
    except (UsageError, ValueError, TypeError, OSError) as error:
        print(f"{parser.prog} {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return 2


def _one_line(error: Exception) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror}"
    return " ".join(str(error).split())
