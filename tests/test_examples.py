"""Every example runs from the command line."""

import os

import pytest

from conftest import ROOT

EXAMPLES = sorted(f for f in os.listdir(os.path.join(ROOT, "examples")) if f.endswith(".py"))


def files_in_the_repository():
    found = set()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [s for s in subfolders if not s.startswith(".") and s != "__pycache__"]
        found.update(os.path.join(folder, f) for f in files)
    return found


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs(run, example):
    before = files_in_the_repository()
    result = run(os.path.join("examples", example))
    assert result.returncode == 0, result.stderr
    assert result.stdout
    assert files_in_the_repository() == before, "an example run with no arguments wrote into the repository"
