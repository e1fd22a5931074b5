"""Every `python -m backprop …` command that README.md and docs/ show runs as written, and prints
what the page shows.

The commands of a page run in order, in a folder of their own (a page's `predict xor.json` reads
the `xor.json` its `train` wrote; a `$ cat FILE` block writes FILE, and the files of every page's
`$ cat` blocks are there from the start: the README's `check answers.txt` reads the one
docs/classroom.md shows). A command exits 0, or 1
for `check` (some value not right, as the pages say), or not 0 where the page shows its error. The
lines a page shows under a `$ python -m backprop …` command (or as `# …` under one without `$`)
must each be a line of what it prints, "…" standing for any text. Commands run in this process
(quicker than a new one each). To keep the suite fast, the commands that train on the circle data
set (whose report draws a frame per epoch) run with `--epochs 2` added, and `sheet` with
`--count 2`, where the page shows no output: the options are what is tested there.
"""

import os
import re
import shlex

import pytest

from conftest import ROOT

PAGES = ["README.md"] + sorted(f"docs/{name}" for name in os.listdir(os.path.join(ROOT, "docs"))
                               if name.endswith(".md"))
PROG = "python -m backprop"
SHORTER = {"--dataset circle": ["--epochs", "2"], "sheet": ["--count", "2"]}  # (see above)


def commands(text: str) -> list:
    """``(kind, words or file name, shown lines)`` of a page, in order: kind "run" or "file"."""
    out, lines = [], text.splitlines()
    fenced, output_until = False, -1
    for at, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        if fenced or not line.startswith("    ") or at <= output_until:
            continue
        content = line[4:]
        transcript = content.startswith("$ ")
        command = content[2:] if transcript else content
        if not (command.startswith(PROG) or command.startswith("cat ") and transcript):
            continue
        shown = []
        for number, following in enumerate(lines[at + 1:], start=at + 1):
            inside = following.startswith("    ") or not following.strip() and number + 1 < len(lines) \
                and lines[number + 1].startswith("    ")  # a blank line within the block
            if not inside or following[4:].startswith("$ ") or (not transcript and following[4:].startswith(PROG)):
                break
            shown.append(following[4:])
        if transcript:
            output_until = at + len(shown)
        else:  # a command without "$": only its "# …" lines are output
            shown = [line[2:] for line in shown if line.startswith("# ")]
        if command.startswith("cat "):
            out.append(("file", command[4:].strip(), shown))
        else:
            out.append(("run", shlex.split(command[len(PROG):], comments=True), shown))
    return out


def matches(shown: str, printed: list) -> bool:
    """Whether the shown line is a printed line, "…" standing for any text."""
    pattern = ".*".join(re.escape(part) for part in shown.strip().split("…"))
    return any(re.fullmatch(pattern, line.strip()) for line in printed)


@pytest.mark.parametrize("page", PAGES)
def test_every_command_on_the_page_runs_and_prints_what_it_shows(page, tmp_path, monkeypatch, capsys):
    from backprop.cli import main

    text = open(os.path.join(ROOT, page), encoding="utf-8").read()
    monkeypatch.chdir(tmp_path)
    for other in PAGES:
        for kind, name, shown in commands(open(os.path.join(ROOT, other), encoding="utf-8").read()):
            if kind == "file":
                (tmp_path / name).write_text("\n".join(shown) + "\n", encoding="utf-8")
    for kind, words, shown in commands(text):
        if kind == "file":
            (tmp_path / words).write_text("\n".join(shown) + "\n", encoding="utf-8")
            continue
        for mark, more in SHORTER.items():
            if mark in " ".join(words) and not shown:
                words = words + more
        capsys.readouterr()
        status = main(list(words))
        out, err = capsys.readouterr()
        printed = (out + err).splitlines()
        says_error = any(line.startswith(PROG) for line in shown)
        allowed = (0, 1) if words[:1] == ["check"] else (1, 2) if says_error else (0,)
        assert status in allowed, (page, words, err)
        for line in shown:
            if line.strip() not in ("…", ""):
                assert matches(line, printed), (page, " ".join(words), line)


def test_the_pages_show_commands():
    found = {page: commands(open(os.path.join(ROOT, page), encoding="utf-8").read()) for page in PAGES}
    assert len(found["README.md"]) >= 8 and len(found["docs/classroom.md"]) >= 3
    assert sum(len(shown) for page in found.values() for _, _, shown in page) >= 40
