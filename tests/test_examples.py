"""Every example runs from the command line."""

import os

import pytest

from conftest import ROOT

EXAMPLES = sorted(f for f in os.listdir(os.path.join(ROOT, "examples")) if f.endswith(".py"))


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs(run, example):
    result = run(os.path.join("examples", example))
    assert result.returncode == 0, result.stderr
    assert result.stdout
