"""The files a command is asked to write, checked before it does any work.

:func:`check` refuses, with one line that says what to do instead, an output
that could not be written or would destroy something: an empty name, a name
ending in ``/`` (a folder), a folder, a link that leads to itself, a file in a
folder that does not exist, a read-only file, an output that is the same file
as one of the command's inputs (``train --data x.csv --save x.csv``), and two
outputs that are one file (``--save o --plot o``, or a link to the other). A
device or a pipe (``/dev/null``) holds nothing to lose and may be named more
than once.
"""

import errno
import os
import stat

from backprop.cli import UsageError
from backprop.files import atomic_file
from backprop.math.validate import shown, shown_name


def check(outputs, inputs=()) -> None:
    """Raise a :class:`~backprop.cli.UsageError` for the first output that cannot or must not be written.

    ``outputs`` holds ``(option, path, example)`` triples (``path`` None when not asked for;
    ``example`` a file name to suggest), ``inputs`` ``(option, path)`` pairs of the files read.
    """
    seen = []
    for option, path, example in outputs:
        if path is None:
            continue
        check_one(option, path, example)
        for other_option, other in inputs:
            if other is not None and same_file(path, other):
                raise UsageError(f"{option} {shown_name(path)} is the file {other_option} reads; writing it would "
                                 f"replace it, so give {option} another file name, like {option} {example}")
        for other_option, other in seen:
            if same_file(path, other):
                raise UsageError(f"{other_option} {shown_name(other)} and {option} {shown_name(path)} are the same "
                                 f"file, and one would replace the other; give {option} a name of its own, "
                                 f"like {option} {example}")
        seen.append((option, path))


def check_one(option: str, path, example: str, instead: str | None = None) -> None:
    """Raise a UsageError unless ``path`` names a file that can be written (see :func:`check`).

    ``instead`` says what to do instead when the name is fixed (a sheet's files); by default,
    give ``option`` another file name, like ``example``.
    """
    name = shown_name(path)
    text = os.fspath(path)
    instead = instead or f"give another file name, like {option} {example}"
    if text == "":
        raise UsageError(f"{option} '' is an empty file name; give a file name, like {option} {example}")
    if os.path.isdir(text):
        if instead.startswith("give another file name"):
            instead = f"give a file name, like {shown_name(os.path.join(text, example))}"
        raise UsageError(f"{name}: is a folder; {instead}")
    if text.endswith(("/", os.sep)):
        raise UsageError(f"{option} {name} ends with '/', which names a folder, and there is no such folder; "
                         f"give a file name without the '/', like {option} {shown_name(text.rstrip('/' + os.sep))}")
    try:
        os.stat(text)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UsageError(f"{option} {name} is a symbolic link that leads back to itself; remove it, "
                             f"or {instead}") from None
    folder = os.path.dirname(os.path.abspath(os.path.realpath(text)))
    if not os.path.isdir(folder):
        raise UsageError(f"{name}: there is no folder {shown(os.path.dirname(text) or folder)} to write it in")
    if os.path.isfile(text) and not os.access(text, os.W_OK):
        raise UsageError(f"{option} {name} is read-only; make it writable first (chmod u+w {name}), "
                         f"or {instead}")
    atomic_file.check_writable(text)


def same_file(a, b) -> bool:
    """Whether the paths ``a`` and ``b`` name one regular file (or would: the same path after links),
    counting hard links; a device or a pipe is never "the same file" here, it keeps nothing."""
    for path in (a, b):
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return False
        except OSError:
            pass
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): only the same path is the same file
        return False


def write_and_say(path, text) -> None:
    """Write ``text`` (a ``str``, or its pieces as they come) whole to ``path`` (atomically: never
    half a file), and say so."""
    atomic_file.write_text(path, text)
    print(f"wrote {shown_name(path)}")
