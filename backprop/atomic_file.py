"""Writing a file all at once or not at all.

A program that is interrupted (Ctrl-C, a full disk, a crash) while it writes a
file must not leave a half-written one behind. :func:`write_text` writes to a
temporary file in the same folder, flushes it to the disk, and then renames it
over the target in one step (``os.replace``): a reader sees the old file or the
new one, never a mix.
"""

import os
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
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backprop-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
