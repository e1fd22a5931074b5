"""The README's promises: its formula table points at the lines that compute each formula (and so
does the table of docs/deep.md), its two commands are there, and its Python examples run."""

import os
import re

import pytest

from conftest import ROOT

README = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
DOCS = os.path.join(ROOT, "docs")


def formula_rows(text):
    return re.findall(r"^\| (.+?) \| `[^`]+`, (backprop/[\w/]+\.py):(\d+) \|$", text, re.MULTILINE)


@pytest.mark.parametrize("page, at_least", [("README.md", 10), ("docs/deep.md", 8)])
def test_formula_tables_point_at_the_formula_comments(page, at_least):
    rows = formula_rows(open(os.path.join(ROOT, page), encoding="utf-8").read())
    assert len(rows) >= at_least
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


def test_the_readme_stays_short_and_warns_about_the_other_backprop():
    # about 12 KB of text: counted in characters, as the lecture's symbols (h′, W¹, Φ, −) take
    # two or three bytes each in UTF-8
    assert len(README) < 12_500
    assert "backprop-lecture" in README and "pip install backprop`" in README


@pytest.mark.parametrize("page", ["README.md"] + sorted(f"docs/{name}" for name in os.listdir(DOCS)
                                                          if name.endswith(".md")))
def test_the_python_examples_run(page, capsys, tmp_path, monkeypatch):
    text = open(os.path.join(ROOT, page), encoding="utf-8").read()
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    blocks = [block for block in blocks if not block.lstrip().startswith(">>>")]  # doctests run as doctests
    if page == "README.md":
        assert blocks
    monkeypatch.chdir(tmp_path)  # an example may write a file
    for block in blocks:
        if "import torch" in block:
            pytest.importorskip("torch")
        exec(compile(block, page, "exec"), {})
    assert capsys.readouterr().out or not blocks


def test_the_trace_lines_quoted_in_the_readme_are_what_the_commands_print(run):
    quoted = re.findall(r"^    \$ python -m backprop (trace[^\n]*)\n((?:      [^\n]+\n)+)", README, re.MULTILINE)
    assert len(quoted) >= 2
    for command, lines in quoted:
        result = run("-m", "backprop", *command.split())
        assert result.returncode == 0, result.stderr
        for line in lines.splitlines():
            assert line[4:] + "\n" in result.stdout, (command, line)


def test_the_worked_step_shown_is_what_python_m_backprop_prints(run):
    shown = re.search(r"^```text\n(.*?)^```$", README, re.MULTILINE | re.DOTALL).group(1)
    result = run("-m", "backprop")
    assert result.returncode == 0, result.stderr
    assert shown == result.stdout
