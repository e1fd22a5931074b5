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


def test_handout_help_describes_the_options_and_writes_nothing(run, tmp_path):
    result = run(os.path.join(ROOT, "examples", "handout.py"), "--help", cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr
    for option in ("--W1", "--W2", "--x", "--d", "--alpha", "--activation", "--digits"):
        assert option in result.stdout
    assert list(tmp_path.iterdir()) == []  # no folder named --help


def test_handout_takes_its_numbers_as_options(run, tmp_path):
    # all of W1 zero: h′_j = 0, h_j = Φ(0) = ½; y = ½·(1 + 1 + 1) = 1.5; E = ½(0 − 1.5)² = 1.125
    result = run(os.path.join("examples", "handout.py"), str(tmp_path / "out"), "--W1", "0,0,0; 0,0,0",
                 "--W2", "1,1,1", "--x", "-0.5,2", "--d", "0", "--alpha", "1")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "out" / "step.md").read_text(encoding="utf-8")
    assert "(0 - 1.5)^2 = 1.125$" in markdown
    assert (tmp_path / "out" / "step.html").exists()


def test_handout_refuses_bad_numbers_in_one_line(run, tmp_path):
    result = run(os.path.join("examples", "handout.py"), str(tmp_path / "out"), "--x", "1,2,3")
    assert result.returncode != 0
    assert "x has 3 values but the network has 2 inputs" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
