"""Writing a file all or nothing, so that an interrupted write never leaves half a file.

The text goes to a temporary file in the same folder, which is then renamed
over the target in one step (``os.replace``).
"""

import os
import tempfile


def write_text(path, text: str, prefix: str = ".backprop-") -> None:
    """Write ``text`` to ``path`` in UTF-8, atomically: all of it or, on any error, nothing.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "step.txt")
    >>> write_text(path, "E = 0.329\\n")
    >>> open(path, encoding="utf-8").read()
    'E = 0.329\\n'

    Raises ``OSError`` if the folder does not exist or cannot be written.
    """
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
