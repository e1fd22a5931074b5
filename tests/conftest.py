import os
import signal
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(*args, input=None, cwd=ROOT):
    """Run ``python ARGS`` from the project's folder, as a person would; return the result."""
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, input=input, capture_output=True, text=True,
        timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


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
