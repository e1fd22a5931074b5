"""Print quality, checked for real: the LaTeX handout compiles with pdflatex without an error or an
overfull box, and the HTML page's diagram is readable XML that a real browser draws."""

import os
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib

import pytest

from backprop.pictures.diagram import NEGATIVE, POSITIVE, ZERO, _crossing
from conftest import assert_usage_error, require_tool, run_in_process

CASES = [[], ["--bias"], ["--activation", "tanh"], ["--seed", "5", "--hidden", "6"], ["--digits", "10"],
         ["--layers", "1,2,2,1"], ["--layers", "2,4,4,2", "--seed", "1"],
         ["--output-activation", "sigmoid", "--loss", "cross_entropy"],  # the loss's lines (issue 23)
         ["--layers", "2,2,3", "--seed", "1", "--bias", "--output-activation", "softmax", "--loss", "cross_entropy"]]
DOCUMENT = "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\\input{step}\n\\end{document}\n"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """``compiled(options)``: the trace's LaTeX for those options, in a small document compiled by
    pdflatex once for every test of this file that asks (a run takes about half a second), with TeX's
    page breaks traced (``\\tracingpages=1`` writes to the log only). Returns (status, log, folder)."""
    done = {}

    def compile(options):
        if tuple(options) not in done:
            pdflatex = require_tool("pdflatex")
            folder = tmp_path_factory.mktemp("latex")
            result = run_in_process("trace", *options, "--format", "latex", "--fragment")
            assert result.returncode == 0, result.stderr
            (folder / "step.tex").write_text(result.stdout, encoding="utf-8")
            (folder / "sheet.tex").write_text(DOCUMENT.replace("\\input", "\\tracingpages=1 \\input"),
                                              encoding="utf-8")
            status = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "sheet.tex"],
                                    cwd=folder, capture_output=True, text=True, timeout=120).returncode
            done[tuple(options)] = status, (folder / "sheet.log").read_text(encoding="latin-1"), folder
        return done[tuple(options)]

    return compile


@pytest.mark.parametrize("options", CASES, ids=lambda options: " ".join(options) or "default")
def test_the_latex_compiles_without_an_error_or_an_overfull_box(compiled, options):
    status, log, folder = compiled(options)
    assert status == 0, log[-2000:]
    assert not re.search(r"^! ", log, flags=re.MULTILINE), log[-2000:]
    assert "Overfull" not in log, [line for line in log.splitlines() if "Overfull" in line]
    assert (folder / "sheet.pdf").stat().st_size > 0


def page_fills(log: str) -> list[float]:
    """How full each page is, from TeX's own \\tracingpages record: at each new page the last line
    marked '#' is the break TeX chose, t its height and g the page's goal."""
    fills, best = [], None
    for line in log.splitlines():
        if line.startswith("%% goal height") and best is not None:
            fills.append(best)
            best = None
        found = re.match(r"% t=([\d.]+).* g=([\d.]+) .*#$", line)
        if found:
            best = float(found[1]) / float(found[2])
    return fills


def test_page_fills_reads_the_chosen_breaks():
    log = "%% goal height=500.0\n% t=100.0 g=500.0 b=10000 p=0 c=100000#\n% t=450.0 g=500.0 b=5 p=0 c=5#\n" \
          "% t=600.0 g=500.0 b=* p=0 c=*\n%% goal height=500.0\n% t=20.0 g=500.0 b=10000 p=0 c=100000#\n"
    assert page_fills(log) == [0.9]


@pytest.mark.parametrize("options", [["--seed", "5", "--hidden", "6"], ["--layers", "2,4,4,2", "--seed", "1"]],
                         ids=" ".join)
def test_long_blocks_break_across_pages_so_no_page_is_left_half_empty(compiled, options):
    _, log, _ = compiled(options)  # two of CASES: the same document, compiled once
    pages = int(re.search(r"Output written on sheet\.pdf \((\d+) pages?", log)[1])
    fills = page_fills(log)[:pages - 1]  # (\end{document} traces a few more, empty, pages)
    assert len(fills) >= 3  # several pages, every one but the last nearly full (a tabular left 83 %)
    assert min(fills) >= 0.9, fills


PAGES = {}  # options → the page: the 2-12-12-1 page, drawn by two tests, takes seconds to make


def page(run, *options):
    if options not in PAGES:
        result = run("-m", "backprop", "trace", *options, "--format", "html")
        assert result.returncode == 0, result.stderr
        PAGES[options] = result.stdout
    return PAGES[options]


def diagrams(run, *options) -> dict:
    """The page's diagrams by view: the forward and the backward pass."""
    root = ET.fromstring(page(run, *options))  # raises unless the page is well-formed XML
    drawings = [svg for svg in root.iter(f"{SVG}svg") if svg.get("class") != "computational-graph"]  # issue 24's
    svgs = {svg.get("data-view"): svg for svg in drawings}
    assert len(svgs) == 2 == len(drawings)
    return svgs


def diagram(run, *options):
    return diagrams(run, *options)["forward"]


def box(rect) -> tuple:
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def overlap(a: tuple, b: tuple) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def ends(line) -> tuple:
    return (float(line.get("x1")), float(line.get("y1"))), (float(line.get("x2")), float(line.get("y2")))


# the weights' names: W¹ of 1-2-2-1 is 1×2, W² 2×2, W³ 2×1; of 2-4-4-2, 2×4, 4×4 and 4×2
SUB, SUP = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"), str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def names(layers: list[int]) -> set[str]:
    return {f"W{str(k + 1).translate(SUP)}{str(i + 1).translate(SUB)}{str(j + 1).translate(SUB)}"
            for k in range(len(layers) - 1) for i in range(layers[k]) for j in range(layers[k + 1])}


@pytest.mark.parametrize("options, layers", [(["--layers", "1,2,2,1"], [1, 2, 2, 1]),
                                             (["--layers", "2,4,4,2", "--seed", "1"], [2, 4, 4, 2])])
def test_one_labelled_edge_per_weight_each_label_on_its_own_edge(run, options, layers):
    for svg in diagrams(run, *options).values():   # the forward view and the backward view alike
        _check_labelled_edges(svg, layers)


def _check_labelled_edges(svg, layers):
    edges = [line for line in svg.iter(f"{SVG}line") if line.get("class") == "edge"]
    labels = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge-label"]
    assert sorted(e.get("data-weight") for e in edges) == sorted(names(layers))
    assert sorted(g.get("data-weight") for g in labels) == sorted(names(layers))
    edge_of = {e.get("data-weight"): e for e in edges}
    cards = [box(g.find(f"{SVG}rect")) for g in svg.iter(f"{SVG}g") if g.get("class", "").startswith("node")]
    boxes = {g.get("data-weight"): box(g.find(f"{SVG}rect")) for g in labels}
    for name, label in boxes.items():
        (x1, y1), (x2, y2) = ends(edge_of[name])
        cx, cy = (label[0] + label[2]) / 2, (label[1] + label[3]) / 2
        assert abs(y1 + (cx - x1) / (x2 - x1) * (y2 - y1) - cy) < 0.5, name  # its centre is on its edge
        assert not any(overlap(label, other) for other_name, other in boxes.items() if other_name != name)
        assert not any(overlap(label, card) for card in cards)  # no label hides a neuron's values
        for other in edges:  # nor sits where its edge crosses another, which would leave it unclear
            point = _crossing(ends(edge_of[name]), ends(other)) if other is not edge_of[name] else None
            assert point is None or not (label[0] <= point[0] <= label[2] and label[1] <= point[1] <= label[3])
    for edge in edges:  # every edge runs between two columns of cards, so it crosses no card's text
        (x1, _), (x2, _) = ends(edge)
        assert not any(card[0] < x2 - 0.5 and card[2] > x1 + 0.5 for card in cards)
        assert "=" in edge.find(f"{SVG}title").text  # hovering shows its formula with the numbers
    for node in (g for g in svg.iter(f"{SVG}g") if g.get("class", "").startswith("node")):
        assert "=" in node.find(f"{SVG}title").text


def test_edges_are_blue_red_or_grey_by_sign(run):
    svg = diagram(run, "--W1", "0.5,0; -0.3,0.2", "--W2", "0.4,-0.1")
    stroke = {e.get("data-weight"): e.get("stroke") for e in svg.iter(f"{SVG}line") if e.get("class") == "edge"}
    assert (stroke["W¹₁₁"], stroke["W¹₁₂"], stroke["W¹₂₁"], stroke["W²₂"]) == (POSITIVE, ZERO, NEGATIVE, NEGATIVE)


def test_text_is_drawn_at_its_size_up_to_12_neurons_a_layer(run):
    html = page(run, "--layers", "2,12,12,1", "--seed", "1")
    svg = ET.fromstring(html).find(f".//{SVG}svg")
    assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"  # one unit is one pixel
    assert ".drawing svg { max-width: none; }" in html  # never shrunk to the window: it scrolls
    sizes = [int(text.get("font-size")) for text in svg.iter(f"{SVG}text")]   # each text carries its size
    assert sizes and min(sizes) >= 12


def png_pixels(path) -> bytes:
    """The decompressed image data of a PNG (filter bytes and all): enough to tell blank from drawn."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            idat += data[position + 8:position + 8 + length]
        position += 12 + length
    return zlib.decompress(idat)


def test_chromium_draws_the_quiz_networks_page(run, browser, tmp_path):
    html = tmp_path / "step.html"
    html.write_text(page(run, "--layers", "1,2,2,1"), encoding="utf-8")
    shot = tmp_path / "step.png"
    browser.screenshot(html.as_uri(), shot, 1400, 1000)
    assert shot.exists() and os.path.getsize(shot) > 10_000
    pixels = png_pixels(shot)
    assert len(set(pixels)) > 50  # many shades: text, lines and colours, not a blank page
    assert pixels.count(255) < 0.97 * len(pixels)


def _meets(segment: tuple, box: tuple) -> bool:
    """Whether a straight segment passes through a box (left, top, right, bottom): clipped to the
    box's columns (Liang–Barsky in x), the part left over must reach the box's rows."""
    (x1, y1), (x2, y2) = segment
    left, top, right, bottom = box
    start, end = max(left, min(x1, x2)), min(right, max(x1, x2))
    if start >= end:
        return False
    ys = [y1 + (x - x1) * (y2 - y1) / (x2 - x1) for x in (start, end)]
    return max(ys) > top and min(ys) < bottom


def labels_under_another_edge(svg) -> int:
    edges = {e.get("data-weight"): ends(e) for e in svg.iter(f"{SVG}line") if e.get("class") == "edge"}
    count = 0
    for label in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge-label"):
        area = box(label.find(f"{SVG}rect"))
        count += any(_meets(edge, area) for name, edge in edges.items() if name != label.get("data-weight"))
    return count


def test_the_geometry_of_meets():
    assert _meets(((0, 0), (10, 10)), (4, 4, 6, 6))  # through the middle
    assert not _meets(((0, 0), (10, 0)), (4, 4, 6, 6))  # below it (y grows downwards)
    assert not _meets(((0, 10), (3, 7)), (4, 4, 6, 6))  # ends before it
    assert _meets(((0, 10), (10, 0)), (4, 4, 6, 6))  # the other diagonal


@pytest.mark.parametrize("options, most", [([], 0), (["--layers", "1,2,2,1"], 0), (["--bias"], 0),
                                           (["--layers", "2,4,4,2", "--seed", "1"], 0),
                                           # 144 edges in one gap: 96 of 180 labels (146 before)
                                           (["--layers", "2,12,12,1", "--seed", "1"], 96)],
                         ids=lambda value: " ".join(value) if isinstance(value, list) else str(value))
def test_no_other_edge_passes_under_a_weights_label(run, options, most):
    assert labels_under_another_edge(diagram(run, *options)) <= most


def test_the_latex_trace_is_a_whole_document_in_latin_modern(run, tmp_path):
    pdflatex = require_tool("pdflatex")
    result = run("-m", "backprop", "--format", "latex")
    assert result.returncode == 0 and result.stdout.startswith("\\documentclass")
    (tmp_path / "step.tex").write_text(result.stdout, encoding="utf-8")
    done = subprocess.run([pdflatex, "-interaction=nonstopmode", "-halt-on-error", "step.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    fonts = subprocess.run([require_tool("pdffonts"), str(tmp_path / "step.pdf")], capture_output=True,
                           text=True).stdout
    assert "LMRoman" in fonts and "Type 3" not in fonts, fonts
    text = subprocess.run([require_tool("pdftotext"), str(tmp_path / "step.pdf"), "-"], capture_output=True,
                          text=True).stdout
    assert "Feedforward" in text and "0.6457" in text  # it copies as text
    assert_usage_error(run("-m", "backprop", "--fragment"), "--fragment")
