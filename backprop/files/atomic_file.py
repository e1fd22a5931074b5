"""Writing a file all at once or not at all.

A program that is interrupted (Ctrl-C, a full disk, a crash) while it writes a
file must not leave a half-written one behind. :func:`write_text` writes to a
temporary file in the same folder, flushes it to the disk, and then renames it
over the target in one step (``os.replace``): a reader sees the old file or the
new one, never a mix. The file gets the permissions an ordinary write would
give it (the old file's, or the usual ones for a new file), and an error names
the path asked for and says what could not be written.

A file this user may not write (read-only) is refused, as ``cp`` refuses it.
:func:`write_all` writes several files all at once or not at all.

A symbolic link stays a link: the file it points to is replaced. A path that is
not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is written
through, as ``open(path, "w")`` would: a device or a pipe holds no old contents
to protect, and replacing it would put a plain file in its place.
"""

import contextlib
import errno
import os
import signal
import stat
import tempfile


def write_text(path, text) -> None:
    """Write ``text`` to the file at ``path`` (UTF-8), atomically: all of it or nothing.

    ``text`` is a ``str``, or an iterable of the pieces of one, each written as it comes (a
    long trace is never held whole); if making a piece raises, nothing is written.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "note.txt")
    >>> write_text(path, "E = ½(d − y)²\\n")
    >>> open(path, encoding="utf-8").read()
    'E = ½(d − y)²\\n'

    Raises ``OSError`` if the folder cannot be written, or if the file is read-only for this
    user (as ``cp`` refuses it); the old file, if any, is then untouched and no temporary file
    is left behind.
    """
    write_all({path: text})


def write_all(files: dict) -> None:
    """Write each ``{path: text}`` of ``files`` as :func:`write_text` does, all of them or none.

    Every text goes to a temporary file first; only when all are complete are they renamed
    over their targets, with Ctrl-C and SIGTERM held back until the last rename is done (and
    an old file put back if a rename fails). So an interrupt or an error leaves every file
    old or every file new, never a mix (a sheet and its key always match).

    >>> import os, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> write_all({os.path.join(folder, "sheet.md"): "h_1 = ___\\n", os.path.join(folder, "key.md"): "h_1 = 0.6457\\n"})
    >>> sorted(os.listdir(folder))
    ['key.md', 'sheet.md']
    """
    regular = []
    for path, text in files.items():
        if _is_special(path):  # a device or a pipe: no old contents to keep, and nothing to rename
            with _named_errors(path, "cannot write it"), open(path, "w", encoding="utf-8", newline="\n") as file:
                _write(file, text)
        else:
            _refuse_read_only(path)
            regular.append((path, os.path.realpath(path), text))  # through a symbolic link to its file
    temporaries = []  # (path, target, temporary), each recorded as soon as it exists
    try:
        for path, target, text in regular:
            folder = os.path.dirname(target)
            with _named_errors(path, f"cannot create a temporary file in its folder {folder}"), held_signals():
                handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backprop-", suffix=".tmp")
                temporaries.append((path, target, temporary))  # no Ctrl-C between making it and noting it
            with _named_errors(path, "cannot write it"):
                with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                    _write(file, text)
                    file.flush()
                    os.fsync(file.fileno())
                os.chmod(temporary, _mode_for(target))  # mkstemp's file is its owner's alone (0o600)
        with held_signals():  # every rename, or (if one fails) none: no Ctrl-C between two of them
            _replace_all(temporaries)
    except BaseException:  # an error, Ctrl-C, or SIGTERM (backprop.cli makes it raise): no temporary file left
        for _, _, temporary in temporaries:
            with contextlib.suppress(FileNotFoundError):  # already renamed into place
                os.unlink(temporary)
        raise


def _write(file, text) -> None:
    """Write ``text``, a ``str`` or the pieces of one as they come."""
    if isinstance(text, str):
        file.write(text)
    else:
        file.writelines(text)


def _replace_all(temporaries: list) -> None:
    """Rename each temporary file over its target; if one rename fails, put the old files back."""
    if len(temporaries) == 1:  # one rename is all or nothing by itself
        path, target, temporary = temporaries[0]
        with _named_errors(path, "cannot write it"):
            os.replace(temporary, target)
        return
    done, backups = [], []  # (target, the old file's second name or None) of each file in place; those names
    try:
        for path, target, temporary in temporaries:
            with _named_errors(path, "cannot write it"):
                backup = None
                if os.path.isfile(target):  # the old file keeps a second name until all are in place
                    backup = os.path.join(os.path.dirname(target), f".backprop-{os.urandom(6).hex()}.old")
                    os.link(target, backup)
                    backups.append(backup)
                os.replace(temporary, target)
                done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)  # the old file back
                else:
                    os.unlink(target)  # it was new
        raise
    finally:
        for backup in backups:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(backup)


@contextlib.contextmanager
def held_signals():
    """Hold back Ctrl-C (SIGINT) and SIGTERM while inside: one that arrives is delivered on the way
    out, to the handler there was before. Outside the main thread (where no handler can be set)
    nothing is held."""
    arrived = []

    def hold(signal_number, frame):
        arrived.append(signal_number)

    previous = {}
    try:
        for number in (signal.SIGINT, signal.SIGTERM):
            handler = signal.getsignal(number)
            if handler is not None:  # None: a handler not set from Python, which cannot be put back
                previous[number] = signal.signal(number, hold)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(arrived):
            signal.raise_signal(number)


def check_writable(path) -> None:
    """Raise ``OSError`` now if :func:`write_text` could not write ``path`` later (before a long job).

    It makes and removes a temporary file in the folder, as the write will.
    """
    if _is_special(path):
        if not os.access(path, os.W_OK):
            raise OSError(errno.EACCES, "cannot write it: Permission denied", str(path))
        return
    _refuse_read_only(path)
    folder = os.path.dirname(os.path.realpath(path))
    with _named_errors(path, f"cannot create a temporary file in its folder {folder}"), held_signals():
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".backprop-", suffix=".tmp")
        os.close(handle)  # no Ctrl-C before it is gone again
        os.unlink(temporary)


def _refuse_read_only(path) -> None:
    """Raise ``OSError`` if ``path`` is a file this user may not write (``chmod 444``), as ``cp``
    refuses it: a rename would replace it anyway, since only the folder's permission counts."""
    target = os.path.realpath(path)
    if os.path.isfile(target) and not os.access(target, os.W_OK):
        raise OSError(errno.EACCES, "cannot write it: the file is read-only (make it writable with "
                                    "chmod u+w, or write to another name)", str(path))


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
