"""Issue 24, item 2: the step as a computational graph, drawn as SVG (python -m backprop graph, the
notebook, and a section of trace --format html)."""

import os
import re
import xml.etree.ElementTree as ET

import pytest

from backprop import Network, lecture_example
from backprop.autograd import Value, step_graph
from backprop.math.deep import DeepNetwork
from backprop.pictures.graph_picture import MOST_NODES, graph_svg, step_svg
from backprop.trace import quiz_example
from conftest import assert_usage_error

SVG = "{http://www.w3.org/2000/svg}"


def boxes(svg):
    """(heading, the full tip, x, y) of every value's box."""
    found = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if "value" in group.get("class", "").split():
            x, y = map(float, re.match(r"translate\(([\d.]+),([\d.]+)\)", group.get("transform")).groups())
            texts = [text.text for text in group.iter(f"{SVG}text")]
            found.append((texts[0], group.find(f"{SVG}title").text, x, y))
    return found


def test_the_lecture_network_is_28_values_and_31_arrows():
    # counted by hand: x 2, W¹ 6, x_i·W¹_ij 6, h′ 3, h 3, W² 3, h_j·W²_j 3, y 1, E 1 = 28 values;
    # arrows: 2 into each of the 9 products, 2 into each h′_j, 3 into y, 1 into each h_j, 1 into E = 31
    svg = step_svg(lecture_example.network(), lecture_example.x, lecture_example.d)
    assert len(boxes(svg)) == 28
    assert len(ET.fromstring(svg).findall(f".//{SVG}g[@class='arrows']/{SVG}path")) == 31
    headings = [heading for heading, *_ in boxes(svg)]
    assert {"x₁", "W¹₂₃", "x₂·W¹₂₃", "h′₃ = Σ", "h₃ = Φ", "W²₃", "h₃·W²₃", "y = Σ", "E = ½Σ(d−y)²"} <= set(headings)
    columns = {heading: x for heading, _, x, _ in boxes(svg)}
    assert columns["x₁"] == columns["W¹₁₁"] == min(columns.values())  # the data flows left to right
    assert columns["x₁·W¹₁₁"] < columns["h′₁ = Σ"] < columns["h₁ = Φ"] < columns["y = Σ"] < columns["E = ½Σ(d−y)²"]
    assert columns["W²₁"] == columns["h₁ = Φ"]  # a weight stands just before the product it enters
    assert "Φ = sigmoid" in svg and "d = (1)" in svg


def test_the_quiz_network_is_27_values_and_40_with_bias():
    # x 1, W¹ 2, products 2, h′¹ 2, h¹ 2, W² 4, products 4, h′² 2, h² 2, W³ 2, products 2, y 1, E 1 = 27;
    # a bias adds per layer the constant 1, a weight per neuron and its product: 1 + 2·2, 1 + 2·2, 1 + 2·1 = 13
    quiz = quiz_example.network()
    assert len(boxes(step_svg(quiz, quiz_example.x, quiz_example.d))) == 27
    with_bias = DeepNetwork([W_k + [[0.0] * len(W_k[0])] for W_k in quiz.W], bias=True)
    assert len(boxes(step_svg(with_bias, quiz_example.x, quiz_example.d))) == 40


def test_each_box_holds_its_value_and_its_gradient_by_hand():
    # Φ the identity: h′ = 1·1 + 1·2 = 3, h = 3, y = 3·3 = 9, E = ½(10 − 9)² = 0.5; backward from E:
    # ∂E/∂y = −(10 − 9) = −1, ∂E/∂W² = h·(−1) = −3, ∂E/∂h = W²·(−1) = −3, ∂E/∂W¹_21 = x_2·(−3) = −3
    net = Network([[1.0], [2.0]], [3.0], activation="identity")
    tips = {heading: tip for heading, tip, *_ in boxes(step_svg(net, [1.0, 1.0], 10.0))}
    assert tips["y = Σ"] == "y = Σ: value 9 (forward), ∂E/∂y = Σ = −1 (backward)"
    assert tips["E = ½Σ(d−y)²"].endswith("value 0.5 (forward), ∂E/∂E = ½Σ(d−y)² = 1 (backward)")
    assert tips["W²₁"] == "W²₁: value 3 (forward), ∂E/∂W²₁ = −3 (backward)"
    assert tips["h₁ = Φ"].endswith("value 3 (forward), ∂E/∂h₁ = Φ = −3 (backward)")
    assert tips["W¹₂₁"] == "W¹₂₁: value 2 (forward), ∂E/∂W¹₂₁ = −3 (backward)"


def test_a_learners_own_value_and_a_step_show_in_a_notebook():
    x, W = Value(2.0, "x"), Value(3.0, "W")
    y = x * W + x
    y.name = "y"
    y.backward()
    svg = y._repr_svg_()
    assert sorted(heading for heading, *_ in boxes(svg)) == ["W", "x", "x·W", "y = +"]
    assert "∂y/∂x = 4" in svg  # two paths: W + 1
    graph = step_graph(lecture_example.network(), lecture_example.x, lecture_example.d)
    graph.E.backward()
    assert len(boxes(graph._repr_svg_())) == 28


def test_a_graph_too_large_is_refused():
    net = DeepNetwork.random([2, 5, 5, 1], seed=0)  # 45 weights: 45 values and 45 products alone
    with pytest.raises(ValueError, match=f"more than the {MOST_NODES} it draws readably"):
        step_svg(net, [1.0, 0.5], 1.0)
    with pytest.raises(TypeError, match="root must be a backprop.autograd.Value, not float"):
        graph_svg(1.0)


def test_the_graph_command_writes_the_svg(run, tmp_path):
    path = tmp_path / "graph.svg"
    result = run("-m", "backprop", "graph", "--layers", "1,2,2,1", "--output", str(path))
    assert result.returncode == 0, result.stderr
    assert len(boxes(path.read_text(encoding="utf-8"))) == 27
    to_the_terminal = run("-m", "backprop", "graph", "--digits", "2")
    assert len(boxes(to_the_terminal.stdout)) == 28 and "0.33" in to_the_terminal.stdout  # E = 0.3291


@pytest.mark.parametrize("options, message", [
    (["--layers", "2,5,5,1", "--seed", "1"], "more than the 60 it draws readably"),
    (["--digits", "18"], "--digits 18 is more than a float holds"),
    (["--hidden", "9", "--seed", "1"], "more than the 60 it draws readably"),
    (["--layers", "2,5,5,2", "--seed", "1", "--output-activation", "softmax", "--loss", "cross_entropy"], "more than the 60"),
    (["--output-activation", "sigmoid", "--loss", "cross_entropy", "--d", "2"], "d = 2 is outside [0, 1]"),
])
def test_the_graph_command_refuses_in_one_line_and_writes_nothing(run, tmp_path, options, message):
    path = tmp_path / "graph.svg"
    assert_usage_error(run("-m", "backprop", "graph", *options, "--output", str(path)), message)
    assert not os.path.exists(path)


def test_trace_html_has_the_graph_as_a_section(run):
    page = run("-m", "backprop", "trace", "--format", "html").stdout
    section = page[page.index("<h2>The same step as a computational graph</h2>"):]
    assert len(boxes(section[section.index("<svg"):section.index("</svg>") + 6])) == 28
    large = run("-m", "backprop", "trace", "--format", "html", "--layers", "2,5,5,1", "--seed", "1").stdout
    assert "Not drawn: this network's graph has more than 60 values" in large


def test_the_graph_reads_at_390_px_and_on_a_laptop(playwright_chromium, tmp_path, run):
    # in trace's page the graph scrolls inside its own frame; no two boxes overlap, each keeps its size
    path = tmp_path / "step.html"
    assert run("-m", "backprop", "trace", "--format", "html", "--output", str(path)).returncode == 0
    for width in (390, 1366):
        page = playwright_chromium.new_page(viewport={"width": width, "height": 800})
        page.goto(path.as_uri())
        rects = page.evaluate("""[...document.querySelectorAll('g.value rect')].map(r => {
            const b = r.getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; })""")
        frame = page.evaluate("""(() => { const d = [...document.querySelectorAll('section')].pop()
            .querySelector('.drawing'); return [d.clientWidth, d.scrollWidth]; })()""")
        page.close()
        assert len(rects) == 28
        assert all(round(w) == 100 and round(h) == 50 for _, _, w, h in rects)  # drawn at full size, not shrunk
        for i, (x1, y1, w1, h1) in enumerate(rects):
            for x2, y2, w2, h2 in rects[i + 1:]:
                assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1
        assert frame[1] <= frame[0] or width == 390  # a laptop shows it whole; at 390 px the frame scrolls


def test_cross_entropy_draws_E_from_y_prime_and_y_beside_it():
    # the lecture's 2-3-1 with a sigmoid output and cross-entropy: the 28 values, with y′ = Σ and y = Φ_out(y′)
    # in place of y = Σ: 29; arrows: the 31, with E's now from y′, and one more from y′ into y: 32
    net = Network(lecture_example.network().W1, lecture_example.network().W2, output_activation="sigmoid",
                  loss="cross_entropy")
    svg = step_svg(net, lecture_example.x, lecture_example.d)
    tips = {heading: tip for heading, tip, *_ in boxes(svg)}
    assert len(tips) == 29 and len(ET.fromstring(svg).findall(f".//{SVG}g[@class='arrows']/{SVG}path")) == 32
    assert "E = −Σd·ln y" in tips and "y = Φ_out" in tips and "cross-entropy" in svg
    # h′ = (0.6, 0.05, 0.5), y′ = 0.4·σ(0.6) − 0.5·σ(0.05) + 0.3·σ(0.5) = 0.18875, y = σ(y′) = 0.54705: ∂E/∂y′ = −(1 − y)
    assert "∂E/∂y′ = Σ = −0.452951694" in tips["y′ = Σ"]
    assert "the backward pass does not reach it" in tips["y = Φ_out"] and "∇ not reached" in svg
    # the quiz network with softmax on two outputs: x 1, W¹ 2, products 2, h′¹ 2, h¹ 2, W² 4, products 4, h′² 2,
    # h² 2, W³ 4, products 4, y′ 2, two y_j = softmax and E: 34 values
    quiz = DeepNetwork.random([1, 2, 2, 2], seed=1, output_activation="softmax", loss="cross_entropy")
    svg = step_svg(quiz, [1.0], [1.0, 0.0])
    headings = [heading for heading, *_ in boxes(svg)]
    assert len(headings) == 34 and {"y₁ = softmax", "y₂ = softmax", "E = −Σd·ln y"} <= set(headings)


def test_a_cross_entropy_step_has_its_graph_in_trace_html(run):
    page = run("-m", "backprop", "trace", "--format", "html", "--layers", "1,2,2,1", "--loss", "cross_entropy",
               "--output-activation", "sigmoid").stdout
    section = page[page.index("<h2>The same step as a computational graph</h2>"):]
    assert len(boxes(section[section.index("<svg"):section.index("</svg>") + 6])) == 28  # the quiz's 27, y′ and y
    assert "∂E/∂y′_j = −(d_j − y_j)" in section
