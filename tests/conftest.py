import os
import signal
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _import_hypothesis_unrewritten():
    """Import Hypothesis before a test file does, past pytest's assertion rewriting.

    Hypothesis is a pytest plugin (its entry point), so pytest rewrites the asserts of every module
    of the ``hypothesis`` package when it is imported, and, where bytecode is not written
    (PYTHONDONTWRITEBYTECODE), anew in every worker of every run: 3 s of collecting in each worker,
    where importing it plainly takes 0.2 s. The rewriting only words the failures of Hypothesis's
    own internal asserts; the tests' asserts are rewritten as before.
    """
    rewriters = [finder for finder in sys.meta_path if type(finder).__name__ == "AssertionRewritingHook"]
    for finder in rewriters:
        sys.meta_path.remove(finder)
    try:
        import hypothesis  # noqa: F401
    except ImportError:  # not installed: tests/test_fuzz.py says so when it imports it
        pass
    finally:
        sys.meta_path[:0] = rewriters


_import_hypothesis_unrewritten()


# The files that take longest, longest first (CPU and browser time of a serial run on 3.11, see
# CONTRIBUTING.md). pyproject's addopts hand whole files to the two workers (--dist loadfile) in
# the order collected (--no-loadscope-reorder), so these go first and the run ends with short files
# on both cores, not with one long file on one core while the other waits. A new file that takes
# more than two seconds belongs here, in its place.
SLOWEST_FIRST = [
    "tests/test_explorer_live.py", "tests/test_fuzz.py", "tests/test_unrolled.py", "tests/test_packaging.py",
    "tests/test_nothing_lost2.py", "tests/test_report.py", "tests/test_classroom.py", "tests/test_browser.py",
    "tests/test_print_quality.py", "tests/test_backward_frames.py", "tests/test_explorer_outputs.py",
    "tests/test_examples.py", "tests/test_train_command.py", "tests/test_pages_on_a_phone.py",
    "tests/test_doc_commands.py", "tests/test_unrolled_outputs.py", "tests/test_nothing_lost.py", "tests/test_same_bits.py", "tests/test_foundation.py", "tests/test_docs.py",
    "tests/test_explorer.py", "tests/test_html_print.py", "tests/test_graph_picture.py", "tests/test_export.py",
    "tests/test_explorer_drag.py", "tests/test_notation_formats.py",
]


def pytest_collection_modifyitems(config, items):
    """The files of SLOWEST_FIRST first, in its order, then every other file as collected."""
    rank = {path: k for k, path in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


def _run(*args, input=None, cwd=ROOT):
    """Run ``python ARGS`` from the project's folder, as a person would; return the result.

    ``python -m backprop …`` runs in this process (:func:`run_in_process`, a tenth of a second
    quicker each time): what these tests check is the command's output and status, which are the
    same there. Everything else, and every test about the process itself, runs for real
    (:func:`run_process`).
    """
    if args[:2] == ("-m", "backprop"):
        return run_in_process(*args[2:], input=input, cwd=cwd)
    return run_process(*args, input=input, cwd=cwd)


def run_process(*args, input=None, cwd=ROOT):
    """Run ``python ARGS`` in a new process from the project's folder; return the result."""
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, input=input, capture_output=True, text=True,
        timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def run_in_process(*argv, input=None, cwd=ROOT):
    """``python -m backprop ARGV`` run by its own ``main`` in this process, with what a new process
    would have: standard input ``input`` (none: empty), standard output and error captured (not
    terminals), the working folder ``cwd``. Returns what :func:`run_process` returns: the status
    ``sys.exit(main())`` would end with, and the output as text with its line ends made ``\n``.

    Nothing outlives the call: the streams, the working folder, the environment and the handlers
    of SIGINT and SIGTERM are put back as they were.
    """
    import io
    import traceback

    from backprop.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = (sys.stdin, sys.stdout, sys.stderr, sys.__stdout__, sys.excepthook, os.getcwd(),
             dict(os.environ), signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    # sys.__stdout__ too: the help's width comes from it, and a pipe, like this, has none (80 columns)
    sys.stdin, sys.stdout, sys.stderr, sys.__stdout__ = io.StringIO(input or ""), out, err, out
    try:
        os.chdir(cwd)
        status = main(list(argv))
    except SystemExit as exit:  # argparse's: --help and --version (0), a mistake (2)
        status = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        if isinstance(exit.code, str):
            print(exit.code, file=err)
    except Exception:  # uncaught, as Python ends a process with it: a traceback and status 1
        traceback.print_exc(file=err)
        status = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr, sys.__stdout__, sys.excepthook = saved[:5]
        os.chdir(saved[5])
        os.environ.clear()
        os.environ.update(saved[6])
        signal.signal(signal.SIGINT, saved[7])
        signal.signal(signal.SIGTERM, saved[8])

    def text(stream):  # what ``text=True`` makes of a pipe: universal newlines
        return stream.getvalue().replace("\r\n", "\n").replace("\r", "\n")

    return subprocess.CompletedProcess(["python", "-m", "backprop", *argv], status, text(out), text(err))


@pytest.fixture
def run():
    return _run


def ctrl_c_as_usual():
    """``preexec_fn`` for a child that Ctrl-C is sent to: SIGINT back to its default, so the test does
    not depend on how pytest was started (under ``nohup`` or ``trap '' INT`` a child inherits an
    ignored SIGINT, and Python then never raises KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def train_then_ctrl_c(*options):
    """Start ``python -m backprop train OPTIONS`` for 10⁸ epochs, press Ctrl-C once training has
    begun (half a second after its first line), and return (status, stdout, stderr)."""
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "backprop", "train", "--bias", "--seed", "0", "--epochs", "100000000",
         "--no-size-limit", *options],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_as_usual,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("Training a 2-3-1 network"), first
        time.sleep(0.5)  # let it train a few hundred epochs
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    return process.returncode, first + stdout, stderr


class Browser:
    """A page loaded in a new tab of the session's one Chromium (:func:`playwright_chromium`), as
    ``chromium --headless --dump-dom URL`` and ``--screenshot`` showed it: loaded, its scripts run
    and their first frames drawn."""

    def __init__(self, chromium):
        self._chromium = chromium

    def _open(self, url, width, height):
        page = self._chromium.new_page(viewport={"width": width, "height": height})
        page.goto(url, wait_until="load")
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return page

    def dom(self, url: str, width: int = 800, height: int = 600) -> str:
        """The page's document once it has loaded and its scripts have run, as ``--dump-dom`` prints it."""
        page = self._open(url, width, height)
        try:
            return page.evaluate("document.documentElement.outerHTML")
        finally:
            page.close()

    def screenshot(self, url: str, path, width: int, height: int) -> None:
        """Write a PNG of the page, loaded in a window ``width`` × ``height``, to ``path`` (as ``--screenshot``)."""
        page = self._open(url, width, height)
        try:
            page.screenshot(path=str(path))
        finally:
            page.close()


@pytest.fixture(scope="session")
def browser(playwright_chromium):
    """The pages a test only loads and reads or photographs (``browser.dom(url)``,
    ``browser.screenshot(url, path, width, height)``), in the same Chromium as the pages a test
    clicks in: starting a Chromium takes a second or more, a new tab a few tenths."""
    return Browser(playwright_chromium)


@pytest.fixture(scope="session")
def playwright_chromium():
    """One Chromium driven by Playwright for Python, for the tests that click and type in a page.

    It is the system's Chromium (``executable_path``), so Playwright downloads nothing; open a page
    with ``playwright_chromium.new_page(viewport={"width": 390, "height": 800})`` and close it after.
    """
    sync_api = require_module("playwright.sync_api")
    path = require_tool("chromium")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def assert_usage_error(result, message):
    """The command line's promise for bad input: exit status 2, one line naming it, no traceback."""
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def require_tool(name):
    """Return the path of the program ``name`` (``pdflatex``, ``chromium``) that a test runs for real.

    Where it is missing the test is skipped on a developer's machine, but fails where
    ``BACKPROP_REQUIRE_TOOLS`` is set (``.ci/run`` sets it, after installing both): in CI a
    handout that was never compiled or a page that was never rendered is not a pass.
    """
    import shutil

    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed", "; .ci/run installs it with apt-get")
    return path


def require_module(name, minimum=None):
    """Import and return the Python module ``name`` (``build``, ``twine``), a tool only CI installs.

    As :func:`require_tool`: where it is missing, or older than ``minimum`` (a version tuple
    such as ``(77,)``), the test is skipped on a developer's machine but fails where
    ``BACKPROP_REQUIRE_TOOLS`` is set (``.ci/run`` installs these with pip before the tests).
    """
    import importlib
    from importlib import metadata

    try:
        module = importlib.import_module(name)
    except ImportError:
        missing(f"the Python module {name} is not installed", "; .ci/run installs it with pip")
    if minimum is not None:
        version = metadata.version(name)
        if tuple(int(part) for part in version.split(".")[:len(minimum)]) < minimum:
            wanted = ".".join(map(str, minimum))
            missing(f"{name} {version} is older than {wanted}", f'; .ci/run installs "{name}>={wanted}"')
    return module


def missing(what, how_ci_gets_it):
    """Skip the test because ``what`` is missing; in CI (``BACKPROP_REQUIRE_TOOLS`` set) fail it."""
    if os.environ.get("BACKPROP_REQUIRE_TOOLS"):
        pytest.fail(what + how_ci_gets_it)
    pytest.skip(what)
