"""Writing a file all at once or not at all.

A program that is interrupted (Ctrl-C, a full disk, a crash) while it writes a
file must not leave a half-written one behind. :func:`write_text` writes to a
temporary file in the same folder, flushes it to the disk, and then renames it
over the target in one step (``os.replace``): a reader sees the old file or the
new one, never a mix. The file gets the permissions an ordinary write would
give it (the old file's, or the usual ones for a new file), and an error names
the path asked for, not the temporary file.
"""

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
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backprop-", suffix=".tmp")
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _mode_for(path))  # mkstemp's file is its owner's alone (0o600)
        os.replace(temporary, path)
    except BaseException as error:
        os.unlink(temporary)
        if isinstance(error, OSError) and error.errno is not None:
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise


def _mode_for(path) -> int:
    """The permissions of the file at ``path``, or those ``open(path, "w")`` would give a new one."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)  # the only way to read the umask is to set it, and set it back
        os.umask(umask)
        return 0o666 & ~umask
