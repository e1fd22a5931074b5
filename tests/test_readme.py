"""The README's promises: its formula table points at the lines that compute each formula."""

import os
import re

from conftest import ROOT

README = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()


def test_formula_table_points_at_the_formula_comments():
    rows = re.findall(r"^\| (.+?) \| `[^`]+`, (backprop/[\w/]+\.py):(\d+) \|$", README, re.MULTILINE)
    assert len(rows) >= 10
    for formula, path, line in rows:
        with open(os.path.join(ROOT, path), encoding="utf-8") as file:
            source_line = file.read().splitlines()[int(line) - 1]
        assert source_line.strip().startswith("#"), f"{path}:{line} is not a formula comment"
        # the first symbol of the formula (h′_j, E, δ¹_ij, ΔW, …) is on that line
        symbol = formula.split(" ")[0]
        assert symbol in source_line, f"{path}:{line} does not hold {formula!r}: {source_line!r}"


def test_the_two_commands_are_there():
    assert "\n    python -m backprop\n" in README
    assert '\n    python -m pip install -e ".[test]" && python -m pytest\n' in README


def test_the_python_examples_run(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out
