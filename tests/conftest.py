import os
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
