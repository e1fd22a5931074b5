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


def test_the_changelog_and_the_citation_name_this_version():
    changelog = open(os.path.join(ROOT, "CHANGELOG.md"), encoding="utf-8").read()
    newest = re.search(r"^## (?!Unreleased)(\S+)", changelog, re.MULTILINE).group(1)  # not yet released: above it
    assert newest == backprop.__version__
    citation = open(os.path.join(ROOT, "CITATION.cff"), encoding="utf-8").read()
    assert re.search(r'^version: "(.+)"$', citation, re.MULTILINE).group(1) == backprop.__version__
    assert citation.startswith("cff-version: 1.2.0\n")
    for key in ("message", "title", "authors"):  # the keys CFF 1.2.0 requires
        assert re.search(rf"^{key}:", citation, re.MULTILINE)
