"""Writing a file all at once or not at all.

A program that is interrupted (Ctrl-C, a full disk, a crash) while it writes a
file must not leave a half-written one behind. :func:`write_text` writes to a
temporary file in the same folder, flushes it to the disk, and then renames it
over the target in one step (``os.replace``): a reader sees the old file or the
new one, never a mix. The file gets the permissions an ordinary write would
give it (the old file's, or the usual ones for a new file), and an error names
the path asked for and says what could not be written.

A symbolic link stays a link: the file it points to is replaced. A path that is
not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is written
through, as ``open(path, "w")`` would: a device or a pipe holds no old contents
to protect, and replacing it would put a plain file in its place.
"""

import contextlib
import errno
import os
import stat
import tempfile


def write_text(path, text: str) -> None:
    """Write ``text`` to the file at ``path`` (UTF-8), atomically: all of it or nothing.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "note.txt")
    >>> write_text(path, "E = ½(d − y)²\\n")
    >>> open(path, encoding="utf-8").read()
    'E = ½(d − y)²\\n'

    Raises ``OSError`` if the folder cannot be written; the old file, if any, is then untouched
    and no temporary file is left behind.
    """
    if _is_special(path):
        with _named_errors(path, "cannot write it"), open(path, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        return
    target = os.path.realpath(path)  # through a symbolic link to the file it names
    folder = os.path.dirname(target)
    with _named_errors(path, f"cannot create a temporary file in its folder {folder}"):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backprop-", suffix=".tmp")
    try:
        with _named_errors(path, "cannot write it"):
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, _mode_for(target))  # mkstemp's file is its owner's alone (0o600)
            os.replace(temporary, target)
    except BaseException:  # an error, Ctrl-C, or SIGTERM (backprop.cli makes it raise): no temporary file left
        os.unlink(temporary)
        raise


def check_writable(path) -> None:
    """Raise ``OSError`` now if :func:`write_text` could not write ``path`` later (before a long job).

    It makes and removes a temporary file in the folder, as the write will.
    """
    if _is_special(path):
        if not os.access(path, os.W_OK):
            raise OSError(errno.EACCES, "cannot write it: Permission denied", str(path))
        return
    folder = os.path.dirname(os.path.realpath(path))
    with _named_errors(path, f"cannot create a temporary file in its folder {folder}"):
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backprop-", suffix=".tmp")
    os.close(handle)
    os.unlink(temporary)


def _is_special(path) -> bool:
    """Whether ``path`` exists and is not a regular file (after following links): a device or a pipe."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


@contextlib.contextmanager
def _named_errors(path, what: str):
    """Turn an ``OSError`` inside into one naming ``path`` (not a temporary file), saying ``what``."""
    try:
        yield
    except OSError as error:
        if error.errno is None:
            raise
        raise OSError(error.errno, f"{what}: {error.strerror}", str(path)) from None


def _mode_for(path) -> int:
    """The permissions of the file at ``path``, or those ``open(path, "w")`` would give a new one."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)  # the only way to read the umask is to set it, and set it back
        os.umask(umask)
        return 0o666 & ~umask
