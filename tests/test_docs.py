"""docs/cli.md and docs/api.md are generated from the parser and the docstrings: they must be current,
and the hand-written pages must link to files that exist."""

import os
import re
import sys

from conftest import ROOT


def gen_docs_module():
    """tools/gen_docs.py, imported (run in this process: what is tested is the pages, not a process)."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    try:
        import gen_docs
    finally:
        sys.path.pop(0)
    return gen_docs


def test_the_generated_pages_are_current(capsys):
    assert gen_docs_module().main(["--check"]) == 0, capsys.readouterr()


def test_check_names_a_stale_page(tmp_path, monkeypatch):
    gen_docs = gen_docs_module()
    monkeypatch.setattr(gen_docs, "ROOT", str(tmp_path))  # an empty copy: every page is missing
    (tmp_path / "docs").mkdir()
    assert gen_docs.main(["--check"]) == 1
    assert list((tmp_path / "docs").iterdir()) == []  # --check writes nothing
    assert gen_docs.main([]) == 0
    assert gen_docs.main(["--check"]) == 0


def test_every_command_and_option_is_in_the_cli_page():
    from backprop.cli import COMMANDS, build_parser

    page = open(os.path.join(ROOT, "docs", "cli.md"), encoding="utf-8").read()
    for name in COMMANDS:
        assert f"## `python -m backprop {name}`" in page
    for subparser in build_parser()._subparsers._group_actions[0].choices.values():
        for action in subparser._actions:
            for option in action.option_strings:
                assert f"`{option}" in page, option


def test_links_between_the_pages_lead_to_files():
    pages = [os.path.join(ROOT, "README.md")] + [
        os.path.join(ROOT, "docs", name) for name in os.listdir(os.path.join(ROOT, "docs")) if name.endswith(".md")]
    for page in pages:
        text = open(page, encoding="utf-8").read()
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert os.path.exists(os.path.join(os.path.dirname(page), target)), f"{page} links to {target}"
