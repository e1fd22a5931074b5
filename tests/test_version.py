"""One version, written once: ``backprop.__version__``, which the package metadata and --version read."""

import os
import re

import backprop
from conftest import ROOT


def test_the_version_is_a_release_number():
    assert re.fullmatch(r"\d+\.\d+\.\d+", backprop.__version__)


def test_pyproject_reads_the_version_from_the_package():
    pyproject = open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8").read()
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "backprop.__version__" }' in pyproject
    assert not re.search(r'^version\s*=\s*"', pyproject, re.MULTILINE)  # no second copy of the number
    assert 'name = "backprop-lecture"' in pyproject


def test_the_command_line_prints_it(run):
    result = run("-m", "backprop", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"backprop-lecture {backprop.__version__}\n"
