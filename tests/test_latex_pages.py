"""The printed LaTeX trace, compiled by pdflatex: parentheses around a fraction grow with it, a
weights table that a page break splits repeats its header at the top of the new page, and the whole
document draws the network, forward and backward.

The network is the lecture's with 10 hidden neurons: W¹ then has 2 × 10 = 20 rows, more than a page
of 200 pt holds, so W¹ splits for sure.
"""

import re
import subprocess

import pytest

from conftest import require_tool, run_in_process

# the fragment in a document of its own (the whole document's diagram would only make this slower), on
# pages as wide as an article's (345 pt of text) and 200 pt high: W¹'s 20 rows, at about 12 pt a row,
# cannot stand on one
DOCUMENT = ("\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{lmodern}\n"
            "\\usepackage[paperwidth=425pt,paperheight=280pt,hmargin=40pt,vmargin=40pt]{geometry}\n"
            "\\begin{document}\n\\input{fragment}\n\\end{document}\n")


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """(the LaTeX source, the text of each page of its PDF, the PDF's fonts), from one pdflatex run."""
    pdflatex = require_tool("pdflatex")
    folder = tmp_path_factory.mktemp("latex")
    result = run_in_process("trace", "--hidden", "10", "--seed", "1", "--format", "latex", "--fragment")
    assert result.returncode == 0, result.stderr
    (folder / "fragment.tex").write_text(result.stdout, encoding="utf-8")
    (folder / "step.tex").write_text(DOCUMENT, encoding="utf-8")
    done = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "step.tex"],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(folder / "step.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run([require_tool("pdffonts"), str(folder / "step.pdf")], capture_output=True,
                           text=True, check=True).stdout
    return result.stdout, text.split("\f")[:-1], fonts


def test_parentheses_around_a_fraction_grow_with_it(compiled):
    source, pages, fonts = compiled
    # δ¹_ij = (∂y/∂h_j)·(∂h_j/∂h′_j)·(∂h′_j/∂W¹_ij): three pairs, each \left( … \right) in the source
    chain = next(line for line in source.splitlines() if line.startswith(r"\delta^{1}_{ij}"))
    assert chain.count(r"\left(\frac") == 3 and chain.count(r"}\right)") == 3
    assert not re.search(r"(?<!\\left)\(\\frac", source)  # no fraction anywhere in a plain "("
    # in the PDF, grown parentheses come from the math extension font (a plain "(" is a text glyph);
    # pdftotext gives them as that font's codes: 0x12/0x13 (\biggl( \biggr)), 0x20/0x21 (\Biggl( \Biggr))
    assert "LMMathExtension10" in fonts
    text = "".join(pages)
    worked = text[text.index("hidden layer, by the chain rule:"):]
    worked = worked[:worked.index("Φ′")]
    assert sum(worked.count(c) for c in "\x12\x20") >= 3 and sum(worked.count(c) for c in "\x13!") >= 3


def test_a_weights_table_split_across_pages_repeats_its_header(compiled):
    _, pages, _ = compiled
    start = next(n for n, page in enumerate(pages) if "The weights, before and after the step" in page)
    tables = pages[start:]
    assert len(tables) >= 3  # W¹'s 20 rows need two pages at least, and W² follows
    for number, page in enumerate(tables):
        lines = [line.split() for line in page.splitlines() if line.strip()]
        headers = [n for n, words in enumerate(lines) if words[:2] == ["weight", "W"] and words[-2:] == ["new", "W"]]
        assert headers, f"page {start + number + 1} has table rows but no header"
        if number > 0:  # the header is the page's first line, or the line after a new table's name
            starts = len(lines[0]) == 1 and re.fullmatch(r"W\d", lines[0][0])
            assert headers[0] == (1 if starts else 0), lines[:3]
    # each weight's row is printed once (2 × 10 of W¹, 10 of W²): the header is drawn above them, not
    # in their place
    rows = re.findall(r"^\s*W[\d,]+(?:\s+−?\d[\d.]*(?: × 10−?\d+)?){4}\s*$", "\n".join(tables), flags=re.MULTILINE)
    assert len(rows) == 30


def ppm_pixels(path) -> list[tuple]:
    """The pixels of a binary PPM (P6, 8 bits a channel), as pdftoppm writes it."""
    data = open(path, "rb").read()
    magic, width, height, top, pixels = data.split(maxsplit=4)
    assert magic == b"P6" and top == b"255"
    return [tuple(pixels[k:k + 3]) for k in range(0, int(width) * int(height) * 3, 3)]


def test_the_whole_document_draws_the_network_forward_then_backward(tmp_path):
    """The lecture's network: a page for each view, with the weights' values on it in text, blue
    edges for positive weights and red ones for negative (W¹₁₂ = −0.3 among them)."""
    pdflatex = require_tool("pdflatex")
    result = run_in_process("trace", "--format", "latex")
    assert result.returncode == 0, result.stderr
    (tmp_path / "step.tex").write_text(result.stdout, encoding="utf-8")
    done = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "step.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = (tmp_path / "step.log").read_text(encoding="latin-1")
    assert done.returncode == 0, log[-2000:]
    assert "Overfull" not in log and "Float too large" not in log
    pdf = str(tmp_path / "step.pdf")
    text = subprocess.run([require_tool("pdftotext"), pdf, "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")
    forward, backward = (next(n for n, page in enumerate(text) if page.startswith(caption))
                         for caption in ("The network in this step, the forward pass", "The backward pass"))
    assert backward == forward + 1
    for value in ("= 0.5", "= −0.3", "= 0.8", "= 0.6457", "0.1888"):  # W¹₁₁, W¹₁₂, W¹₁₃, h₁, y
        assert value in text[forward], value
    for value in ("0.03712", "0.09151", "0.8112"):  # ΔW¹₁₁, δ¹₁₁ = ∂y/∂h′₁ · x₁, d − y
        assert value in text[backward], value
    subprocess.run([require_tool("pdftoppm"), "-r", "30", "-f", str(forward + 1), "-l", str(forward + 1),
                    pdf, str(tmp_path / "page")], check=True)
    pixels = ppm_pixels(next(tmp_path.glob("page*.ppm")))
    blue = sum(1 for r, g, b in pixels if b > 150 and r < 110 and g < 150)  # #1f5fbf
    red = sum(1 for r, g, b in pixels if r > 150 and g < 110 and b < 110)  # #c0392b
    assert blue > 100 and red > 30, (blue, red)
