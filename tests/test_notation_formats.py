"""Issue 24, items 3 and 4 in every format: trace --notation textbook and matrix as Markdown, LaTeX
(pmatrix, compiled by pdflatex) and HTML (no sideways scroll on a phone), with the text form's numbers."""

import html
import re
import subprocess

import pytest

from backprop import lecture_example
from backprop.cli.trace import LATEX_DOCUMENT
from backprop.math.deep import DeepNetwork
from backprop.network import Network
from backprop.trace import quiz_example
from backprop.trace.explain import explain
from backprop.trace.notations import matrix, textbook
from conftest import assert_usage_error, require_tool, run_in_process

NUMBER = r"(?<![\w.,{=\-])-?\d+(?:\.\d+)?(?![\w.])"  # not a subscript (_13, _{13}), a superscript or a size


def numbers(text: str, format: str) -> list[float]:
    """The numbers a person reads in ``text``, in order: no index, no layer, no size of the page."""
    if format == "html":
        text = text[text.index("<body>"):]
        text = re.sub(r"<(sub|sup)>.*?</\1>", "", text)  # W¹_13's 1 and 13
        text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    return [float(n) for n in re.findall(NUMBER, text.replace("−", "-"))]


def records():
    deep = DeepNetwork.random([2, 3, 3, 2], bias=True, seed=1, output_activation="sigmoid")
    return {"lecture": explain(lecture_example.network(), lecture_example.x, [lecture_example.d], 0.5),
            "quiz": explain(quiz_example.network(), quiz_example.x, [quiz_example.d], quiz_example.alpha),
            "deep": explain(deep, [1.0, 0.5], [1.0, 0.0], 0.5)}


@pytest.mark.parametrize("name", ["lecture", "quiz", "deep"])
def test_every_format_shows_the_text_forms_numbers(name):
    record = records()[name]
    for notation in (textbook, matrix):
        text = notation(record)
        expected = numbers(text, "text")
        assert len(expected) > 30 and "e-" not in text.replace("−", "-")  # no 10⁻⁵ to be read two ways
        for format in ("markdown", "latex", "html"):
            assert numbers(notation(record, 4, format), format) == expected, (notation.__name__, format)


def hand_record():
    # Φ the identity: h′ = 1·1 + 1·2 = 3, y = 3·3 = 9, d = 10, α = 0.1: e¹ = 1·3 = 3, ΔW¹ = 0.1·(1, 1)ᵀ·3
    return explain(Network([[1.0], [2.0]], [3.0], activation="identity"), [1.0, 1.0], [10.0], 0.1)


def test_the_step_by_hand_in_each_format():
    record = hand_record()
    latex = matrix(record, 4, "latex")
    assert r"\Delta W^{1} &= \alpha\cdot x^{\top}\cdot e^{1} = \begin{pmatrix} 0.3 \\ 0.3 \end{pmatrix}" in latex
    assert r"e^{1} &= (e^{2}\cdot {W^{2}}^{\top}) \odot \Phi'(h') = \begin{pmatrix} 3 \end{pmatrix}" in latex
    assert latex.isascii()  # pdflatex reads no Unicode it was not told of
    page = matrix(record, 4, "html")
    assert "<table class=\"matrix\"><tr><td>3.3</td></tr></table>" in page  # W² + ΔW² = 3 + 0.3
    # δ_1 = Φ′(h′_1)·W²_1·δ_out = 1·3·(−1) = −3, with a real minus sign and one-based subscripts
    markdown = textbook(record, 4, "markdown")
    assert (r"- $\delta_{1} = \partial E/\partial h'_{1} = \Phi'(h'_{1})\cdot (W^{2}_{1}\cdot \delta_{\mathrm{out}})"
            r" = 1\cdot (3\cdot (-1)) = -3$") in markdown
    assert "| 3 | $\\delta_{1} = \\partial E/\\partial h'_{1}$ | −3 |" in markdown  # ∂y/∂h′_1 = 3, δ_1 = −3
    page = textbook(record, 4, "html")
    assert '<td class="number">−3</td>' in page and "-3" not in page[page.index("<body>"):]


WIDE = (["--layers", "2,12,1"], ["--layers", "2,12,12,1"],
        ["--layers", "4,12,10", "--x", "0.5,0.2,-0.3,0.9", "--output-activation", "softmax", "--loss", "cross_entropy"])


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """One pdflatex run: the command's whole LaTeX document of the lecture's step in the textbook's
    notation, with the quiz network's and the matrix forms added as fragments; (status, log)."""
    folder = tmp_path_factory.mktemp("notations")
    result = run_in_process("trace", "--notation", "textbook", "--format", "latex", "--output", str(folder / "step.tex"))
    assert result.returncode == 0, result.stderr
    document = (folder / "step.tex").read_text(encoding="utf-8")
    assert document.startswith(LATEX_DOCUMENT) and document.endswith("\\end{document}\n")
    quiz = run_in_process("trace", "--notation", "textbook", "--layers", "1,2,2,1", "--format", "latex", "--fragment")
    more = [quiz.stdout] + [run_in_process("trace", "--notation", "matrix", *layers, "--format", "latex", "--fragment").stdout
                            for layers in ([], ["--layers", "1,2,2,1"])]
    # wide networks, whose matrices are set in blocks: 12 neurons a layer, and ten softmax outputs
    more += [run_in_process("trace", "--notation", "matrix", *options, "--seed", "1", "--format", "latex", "--fragment").stdout
             for options in WIDE]
    document = document.replace("\\end{document}\n", "\n".join(more) + "\\end{document}\n")
    (folder / "step.tex").write_text(document, encoding="utf-8")
    done = subprocess.run([require_tool("pdflatex"), "-interaction=nonstopmode", "-halt-on-error", "step.tex"],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    return done.returncode, (folder / "step.log").read_text(encoding="latin-1"), document


def test_pdflatex_compiles_the_lecture_and_the_quiz_in_both_notations(compiled):
    status, log, document = compiled
    assert status == 0, log[-2000:]
    # the lecture: x, W¹, h′, h, W², y, d − y, e², e¹, ΔW¹, W¹ + ΔW¹, ΔW², W² + ΔW² (13); the quiz 1-2-2-1: 19
    assert document[:document.index("12 matrix in blocks")].count(r"\begin{pmatrix}") == 13 + 19 + 1  # + 2-12-1's x
    assert "Overfull" not in log  # nothing runs into the margin, not even 2-12-12-1's or 4-12-10's matrices
    assert document.count(r"&\quad \text{columns 1--") >= 3 * 6  # every wide matrix was set in blocks


def test_a_wide_matrix_is_set_in_blocks_of_columns_holding_every_number_once():
    # 2-12-1: W¹ is 2 × 12; its blocks, read left to right, are W¹'s rows, every number rounded as the text form's
    net = DeepNetwork.random([2, 12, 1], seed=1)
    latex = matrix(explain(net, [1.0, 0.5], [1.0], 0.5), 4, "latex")
    rows = latex.splitlines()
    at = rows.index(r"W^{1} &= \text{a 2 $\times$ 12 matrix in blocks:} \\")
    blocks = []
    for row in rows[at + 1:]:
        found = re.fullmatch(r"&\\quad \\text\{columns (\d+)--(\d+):\}\\ \\begin\{pmatrix\} (.*) \\end\{pmatrix\}(?: \\\\)?", row)
        if not found:
            break
        blocks.append((int(found[1]), int(found[2]), [line.split(" & ") for line in found[3].split(r" \\ ")]))
    assert [(first, last) for first, last, _ in blocks][0][0] == 1 and blocks[-1][1] == 12
    assert all(blocks[k][1] + 1 == blocks[k + 1][0] for k in range(len(blocks) - 1))  # no column left out or twice
    for i in range(2):
        shown = [cell for first, last, cells in blocks for cell in cells[i]]
        assert [float(cell) for cell in shown] == [float(f"{W_ij:.4g}") for W_ij in net.W[0][i]]
    # a row vector as narrow as the lecture's stays whole: x = (1  0.5)
    assert r"x &= \begin{pmatrix} 1 & 0.5 \end{pmatrix} \\" in rows


def test_the_page_never_scrolls_sideways_on_a_phone(playwright_chromium):
    record = records()["deep"]  # the widest: 2-3-3-2 with a bias, its table of five columns
    page = playwright_chromium.new_page(viewport={"width": 390, "height": 800})
    try:
        for notation in (textbook, matrix):
            page.set_content(notation(record, 4, "html"))
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, notation.__name__
        # 4-12-10 with softmax: a matrix of 12 columns scrolls in its own box, the page never sideways
        wide = DeepNetwork.random([4, 12, 10], seed=1, output_activation="softmax", loss="cross_entropy")
        page.set_content(matrix(explain(wide, [0.5, 0.2, -0.3, 0.9], [1.0] + [0.0] * 9, 0.5), 4, "html"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("[...document.querySelectorAll('table.matrix')].some(t => t.scrollWidth > t.clientWidth)")
    finally:
        page.close()


def test_json_stays_the_lectures_own(tmp_path):
    path = tmp_path / "step.json"
    assert_usage_error(run_in_process("trace", "--notation", "matrix", "--format", "json", "--output", str(path)),
                       "--notation matrix is written as text, markdown, latex, html, without --format json")
    assert not path.exists()


def test_words_in_latex_keep_their_hyphen_and_the_space_before_a_symbol():
    # it read "(cross − entropy: …, soe = d − y)": the hyphen set as a minus, the space lost in math
    from backprop.trace.formats.latex_format import LatexStyle
    from backprop.trace.notation_formats import math

    latex = math("E = 0.6932  (cross-entropy: Φ_out′ cancels, so e = d − y)", LatexStyle(4))
    assert r"\text{(cross-entropy}" in latex and r"\text{so}\ e = d - y" in latex
    assert math("∂y/∂h′_1 (error term) = 3", LatexStyle(4)).endswith(r"\text{(error term)} = 3")
