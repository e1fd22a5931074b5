"""examples/lecture.ipynb: every code cell runs, in order, and gives the outputs saved in the notebook."""

import importlib.util
import json
import os

import pytest

from conftest import ROOT

PATH = os.path.join(ROOT, "examples", "lecture.ipynb")


def _maker():
    spec = importlib.util.spec_from_file_location("make_lecture_notebook",
                                                  os.path.join(ROOT, "examples", "make_lecture_notebook.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def saved():
    with open(PATH, encoding="utf-8") as file:
        return json.load(file)


def test_the_notebook_is_nbformat_4_with_outputs(saved):
    assert saved["nbformat"] == 4
    code = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    assert len(code) >= 10 and all(cell["outputs"] for cell in code)
    assert [cell["execution_count"] for cell in code] == list(range(1, len(code) + 1))
    titles = [cell["source"][0] for cell in saved["cells"] if cell["cell_type"] == "markdown"]
    for part in ("## Feedforward", "## The error", "## The chain rule", "## One step", "## Training on XOR",
                 "## The quiz network", "## The same step by autograd"):
        assert any(title.startswith(part) for title in titles), part


def test_every_code_cell_runs_in_order_and_gives_its_saved_outputs(saved):
    maker = _maker()
    fresh = maker.run_notebook(saved["cells"])   # any error in a cell fails here
    code = [cell for cell in saved["cells"] if cell["cell_type"] == "code"]
    for count, (cell, outputs) in enumerate(zip(code, fresh), start=1):
        assert maker.same_outputs(cell["outputs"], outputs), f"code cell {count} gives other outputs than those saved"


def test_the_notebook_shows_the_pictures_of_the_lecture(saved):
    results = [output["data"] for cell in saved["cells"] if cell["cell_type"] == "code"
               for output in cell["outputs"] if output["output_type"] == "execute_result"]
    svgs = ["".join(data["image/svg+xml"]) for data in results if "image/svg+xml" in data]
    assert any("W¹₁₃ = 0.8" in svg for svg in svgs)   # the lecture's network, W¹_13 = 0.8
    assert any('class="curve"' in svg for svg in svgs) and any('class="contour"' in svg for svg in svgs)
    assert any('<div class="backprop-step">' in "".join(data.get("text/html", [])) for data in results)


def test_every_html_output_has_a_static_form_beside_it(saved):
    # GitHub's notebook view drops HTML's styles, scripts and frames: a Markdown or SVG form stands beside
    rich = [output["data"] for cell in saved["cells"] if cell["cell_type"] == "code"
            for output in cell["outputs"] if output["output_type"] in ("execute_result", "display_data")]
    html = [data for data in rich if "text/html" in data]
    assert len(html) >= 5   # two networks, the trained one, two explained steps
    assert all("text/markdown" in data or "image/svg+xml" in data for data in html)
    # no frame anywhere; a script only in the live explorer, which works without it as a list of formulas
    assert not any("<iframe" in "".join(data["text/html"]) for data in html)
    scripted = ["".join(data["text/html"]) for data in html if "<script" in "".join(data["text/html"])]
    assert len(scripted) == 1 and scripted[0].startswith('<div class="backprop-explorer"')
    # the feedforward pass and the gradients show the lecture's symbols to 4 digits
    markdown = ["".join(data["text/markdown"]) for data in rich if "text/markdown" in data]
    assert any("- h′ = (0.6, 0.05, 0.5)" in text for text in markdown)
    assert any("| i = 1 | 0.09151 | −0.1249 | 0.0705 |" in text for text in markdown)


def test_the_script_makes_the_saved_notebook(saved):
    maker = _maker()
    assert maker.up_to_date(saved, maker.notebook()), "run examples/make_lecture_notebook.py --write"


def test_outputs_are_compared_to_nine_digits():
    same = _maker().same_outputs
    assert same(["E = 0.24825266525032968"], ["E = 0.24825266525032966"])   # the last of 17 digits
    assert not same(["E = 0.2482526652"], ["E = 0.2482527652"])             # the 7th digit
    assert not same(["E = 0.25"], ["y = 0.25"]) and not same({"a": "1.5"}, {"b": "1.5"})
    assert not same(["x = 1.0"], ["x = 1.0", "y"]) and same(3, 3)
