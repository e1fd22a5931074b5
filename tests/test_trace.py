"""The worked step of the built-in example, checked against the same step worked by hand.

The example (backprop/trace/lecture_example.py): W1 = [[0.5, −0.3, 0.8], [0.2, 0.7, −0.6]],
W2 = [0.4, −0.5, 0.3], x = (1, 0.5), d = 1, α = 0.5, Φ the sigmoid.

Pencil work (a calculator for e^z; 7 decimals kept, 4 significant digits shown):

    h′_1 = 1·0.5 + 0.5·0.2    = 0.6
    h′_2 = 1·(−0.3) + 0.5·0.7 = 0.05
    h′_3 = 1·0.8 + 0.5·(−0.6) = 0.5
    h_1 = 1/(1 + e^−0.6)  = 1/(1 + 0.5488116) = 0.6456563
    h_2 = 1/(1 + e^−0.05) = 1/(1 + 0.9512294) = 0.5124974
    h_3 = 1/(1 + e^−0.5)  = 1/(1 + 0.6065307) = 0.6224593
    y = 0.6456563·0.4 + 0.5124974·(−0.5) + 0.6224593·0.3
      = 0.2582625 − 0.2562487 + 0.1867378 = 0.1887516
    E = ½(1 − 0.1887516)² = ½·0.8112484² = ½·0.6581240 = 0.3290620
    Φ′(h′_j) = h_j(1 − h_j): 0.6456563·0.3543437 = 0.2287842
                             0.5124974·0.4875026 = 0.2498438
                             0.6224593·0.3775407 = 0.2350037
    δ¹_1j = W²_j·Φ′(h′_j)·x_1: 0.4·0.2287842·1 = 0.0915137, (−0.5)·0.2498438·1 = −0.1249219,
                               0.3·0.2350037·1 = 0.0705011
    δ¹_2j = W²_j·Φ′(h′_j)·x_2: 0.0457568, −0.0624610, 0.0352506        (half of the row above)
    α(d − y) = 0.5·0.8112484 = 0.4056242
    ΔW²_j = 0.4056242·h_j: 0.2618938, 0.2078813, 0.2524846
    ΔW¹_1j = 0.4056242·δ¹_1j: 0.0371202, −0.0506713, 0.0285970
    ΔW¹_2j = 0.4056242·δ¹_2j: 0.0185601, −0.0253357, 0.0142985
    new W¹ = [[0.5371202, −0.3506713, 0.8285970], [0.2185601, 0.6746643, −0.5857015]]
    new W² = [0.6618938, −0.2921187, 0.5524846]
    after: h′ = (0.5371202 + 0.5·0.2185601, −0.3506713 + 0.5·0.6746643, 0.8285970 + 0.5·(−0.5857015))
              = (0.6464003, −0.0133392, 0.5357463)
           h = (0.656190, 0.496665, 0.630823)
           y = 0.656190·0.6618938 + 0.496665·(−0.2921187) + 0.630823·0.5524846
             = 0.434330 − 0.145085 + 0.348520 = 0.637765
           E = ½(1 − 0.637765)² = ½·0.131214 = 0.065607; it fell by 0.3290620 − 0.065607 = 0.263455
"""

import json
import re
import os
import xml.etree.ElementTree as ET

import pytest

from backprop import Network, lecture_example
from backprop.trace.formats import render
from backprop.trace.explain import explain
from conftest import ROOT

KEYS = ["schema_version", "layers", "activation", "output_activation", "bias", "x", "d", "alpha", "W",
        "h_prime", "h", "phi_prime", "y_prime", "y", "phi_out_prime", "E", "dy_dh_prime", "dy_dW",
        "dy_dW_terms", "delta_W", "W_new", "y_new", "E_new"]


def example_record():
    return explain(lecture_example.network(), lecture_example.x, lecture_example.d, lecture_example.alpha)


def test_explain_gives_the_numbers_worked_by_hand():
    record = example_record()
    approx = lambda values: pytest.approx(values, abs=2e-7)  # noqa: E731  (7 decimals by hand)
    column = lambda matrix: [row[0] for row in matrix]  # noqa: E731  (W² is a matrix of one column)
    assert (record["schema_version"], record["layers"], record["d"]) == (2, [2, 3, 1], [1.0])
    assert record["h_prime"][0] == approx([0.6, 0.05, 0.5])
    assert record["h"][0] == approx([0.6456563, 0.5124974, 0.6224593])
    assert record["phi_prime"][0] == approx([0.2287842, 0.2498438, 0.2350037])
    assert record["y"] == approx([0.1887516]) and record["y_prime"] == record["y"]
    assert record["E"] == approx(0.3290620)
    W1, W2 = record["dy_dW"][0]
    assert W1[0] == approx([0.0915137, -0.1249219, 0.0705011])
    assert W1[1] == approx([0.0457568, -0.0624610, 0.0352506])
    assert column(W2) == approx([0.6456563, 0.5124974, 0.6224593])
    assert record["delta_W"][0][0] == approx([0.0371202, -0.0506713, 0.0285970])
    assert record["delta_W"][0][1] == approx([0.0185601, -0.0253357, 0.0142985])
    assert column(record["delta_W"][1]) == approx([0.2618938, 0.2078813, 0.2524846])
    assert record["W_new"][0][0] == approx([0.5371202, -0.3506713, 0.8285970])
    assert record["W_new"][0][1] == approx([0.2185601, 0.6746643, -0.5857015])
    assert column(record["W_new"][1]) == approx([0.6618938, -0.2921187, 0.5524846])
    assert record["y_new"] == pytest.approx([0.637765], abs=5e-6)  # by hand from h rounded to 6 decimals
    assert record["E_new"] == pytest.approx(0.065607, abs=2e-6)  # 6 decimals by hand


def test_explain_leaves_the_network_alone_and_rejects_bad_input_first():
    net = lecture_example.network()
    explain(net, [1.0, 0.5], 1.0, 0.5)
    assert net.W1 == lecture_example.W1 and net.W2 == lecture_example.W2
    with pytest.raises(ValueError, match="x has 3 values but the network has 2 inputs"):
        explain(net, [1.0, 0.5, 2.0], 1.0, 0.5)
    with pytest.raises(ValueError, match="alpha must be a positive number"):
        explain(net, [1.0, 0.5], 1.0, -0.5)
    with pytest.raises(TypeError, match="d must be a number"):
        explain(net, [1.0, 0.5], "1", 0.5)


def test_json_output_equals_the_api_numbers(run):
    result = run("-m", "backprop", "--format", "json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == example_record()
    assert list(printed) == KEYS


def test_text_shows_every_formula_with_its_numbers(run):
    result = run("-m", "backprop")
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    for expected in [
        "h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6",
        "h′_2 = x_1·W¹_12 + x_2·W¹_22 = 1·(−0.3) + 0.5·0.7 = 0.05",
        "h′_3 = x_1·W¹_13 + x_2·W¹_23 = 1·0.8 + 0.5·(−0.6) = 0.5",
        "h_1 = Φ(h′_1) = 1/(1 + e^(−h′_1)) = 1/(1 + e^(−0.6)) = 0.6457",
        "h_2 = Φ(h′_2) = 1/(1 + e^(−h′_2)) = 1/(1 + e^(−0.05)) = 0.5125",
        "h_3 = Φ(h′_3) = 1/(1 + e^(−h′_3)) = 1/(1 + e^(−0.5)) = 0.6225",
        "y = h_1·W²_1 + h_2·W²_2 + h_3·W²_3 = 0.6457·0.4 + 0.5125·(−0.5) + 0.6225·0.3 = 0.1888",
        "E = ½(d − y)² = ½(1 − 0.1888)² = 0.3291",
        "δ²_1 = ∂y/∂W²_1 = h_1 = 0.6457",
        "δ²_3 = ∂y/∂W²_3 = h_3 = 0.6225",
        "Φ′(h′_1) = h_1·(1 − h_1) = 0.6457·(1 − 0.6457) = 0.2288",
        "Φ′(h′_3) = h_3·(1 − h_3) = 0.6225·(1 − 0.6225) = 0.235",
        "δ¹_11 = ∂y/∂W¹_11 = W²_1·Φ′(h′_1)·x_1 = 0.4·0.2288·1 = 0.09151",
        "δ¹_12 = ∂y/∂W¹_12 = W²_2·Φ′(h′_2)·x_1 = (−0.5)·0.2498·1 = −0.1249",
        "δ¹_23 = ∂y/∂W¹_23 = W²_3·Φ′(h′_3)·x_2 = 0.3·0.235·0.5 = 0.03525",
        "ΔW²_1 = α(d − y)·δ²_1 = 0.5·(1 − 0.1888)·0.6457 = 0.2619",
        "ΔW²_2 = α(d − y)·δ²_2 = 0.5·(1 − 0.1888)·0.5125 = 0.2079",
        "ΔW¹_11 = α(d − y)·δ¹_11 = 0.5·(1 − 0.1888)·0.09151 = 0.03712",
        "ΔW¹_22 = α(d − y)·δ¹_22 = 0.5·(1 − 0.1888)·(−0.06246) = −0.02534",
        "W¹_11 ← W¹_11 + ΔW¹_11 = 0.5 + 0.03712 = 0.5371",
        "W¹_23 ← W¹_23 + ΔW¹_23 = (−0.6) + 0.0143 = −0.5857",
        "W²_2 ← W²_2 + ΔW²_2 = (−0.5) + 0.2079 = −0.2921",
        "the same sample after the step: y = 0.6378",
        "E = ½(d − y)² = ½(1 − 0.6378)² = 0.06561",
        "how much E fell: 0.3291 − 0.06561 = 0.2635",
    ]:
        assert expected in lines
    # the lecture's order: feedforward, error, backpropagation, changes, update
    order = [lines.index(title) for title in ("1. Feedforward", "2. Error",
             "3. Backpropagation: the gradient, by the chain rule", "4. The weight changes", "5. The update")]
    assert order == sorted(order)


def test_digits_round_only_what_is_shown(run):
    result = run("-m", "backprop", "--digits", "7")
    assert "h_1 = Φ(h′_1) = 1/(1 + e^(−h′_1)) = 1/(1 + e^(−0.6)) = 0.6456563" in result.stdout
    assert "E = ½(d − y)² = ½(1 − 0.1887516)² = 0.329062" in result.stdout  # 0.3290620
    assert json.loads(run("-m", "backprop", "--format", "json", "--digits", "2").stdout) == example_record()


@pytest.mark.parametrize("options, format, expected", [
    ([], "markdown", "trace.md"), ([], "latex", "trace.tex"),
    (["trace", "--layers", "1,2,2,1"], "text", "quiz.txt"),  # the course's quiz network
    (["trace", "--layers", "1,2,2,1"], "markdown", "quiz.md"),
    (["trace", "--layers", "1,2,2,1"], "latex", "quiz.tex"),
])
def test_the_formats_match_the_reviewed_files(run, options, format, expected):
    fragment = ["--fragment"] if format == "latex" else []  # the reviewed file is the fragment to \input
    result = run("-m", "backprop", *options, "--format", format, *fragment)
    assert result.returncode == 0, result.stderr
    with open(os.path.join(ROOT, "tests", "expected", expected), encoding="utf-8") as file:
        assert result.stdout == file.read()


SVG = "{http://www.w3.org/2000/svg}"


def svg_of(page: str, view: str = "forward"):
    """The page's diagram in one view: it has two, the forward pass first, then the backward pass
    (and after them the computational graph, tests/test_graph_picture.py)."""
    root = ET.fromstring(page)  # raises if the page is not well-formed XML
    svgs = [svg for svg in root.iter(f"{SVG}svg") if svg.get("class") != "computational-graph"]
    assert [svg.get("data-view") for svg in svgs] == ["forward", "backward"]
    return svgs[0] if view == "forward" else svgs[1]


def test_html_is_xml_with_one_labelled_edge_per_weight(run):
    result = run("-m", "backprop", "--format", "html")
    assert result.returncode == 0, result.stderr
    svg = svg_of(result.stdout)
    edges = {e.get("data-weight"): e for e in svg.iter(f"{SVG}line") if e.get("class") == "edge"}
    labels = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge-label"]
    weights = {"W¹₁₁", "W¹₁₂", "W¹₁₃", "W¹₂₁", "W¹₂₂", "W¹₂₃", "W²₁", "W²₂", "W²₃"}
    assert set(edges) == weights and len(labels) == len(weights)
    text = {g.get("data-weight"): g.find(f"{SVG}text").text for g in labels}
    assert set(text) == weights
    assert text["W¹₁₂"] == "W¹₁₂ = −0.3" and text["W²₁"] == "W²₁ = 0.4"
    # hovering shows the formulas with the numbers (worked by hand above): ΔW¹_12 = −0.05067
    title = edges["W¹₁₂"].find(f"{SVG}title").text
    assert "ΔW¹_12 = α(d − y)·δ¹_12 = 0.5·(1 − 0.1888)·(−0.1249) = −0.05067" in title
    assert "W¹_12 ← W¹_12 + ΔW¹_12 = (−0.3) + (−0.05067) = −0.3507" in title
    # coloured by sign; thicker for a larger |W| (|W¹_13| = 0.8 is the largest, |W¹_21| = 0.2 the least)
    assert edges["W¹₁₂"].get("stroke") != edges["W¹₁₁"].get("stroke") == edges["W²₁"].get("stroke")
    width = {name: float(edge.get("stroke-width")) for name, edge in edges.items()}
    assert width["W¹₁₃"] == max(width.values()) and width["W¹₂₁"] == min(width.values())
    assert width["W¹₂₂"] > width["W¹₁₁"] > width["W²₃"]  # 0.7 > 0.5 > 0.3


def test_html_is_self_contained(run):
    page = run("-m", "backprop", "--format", "html").stdout
    for outside in ("<script", "<link", "src=", "url(", "@import", "@font-face", "http://", "https://"):
        assert outside not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_bias_is_the_constant_input_1(run):
    net = Network([[0.5, -0.3], [0.2, 0.7], [0.1, -0.1]], [0.4, -0.5, 0.2], bias=True)
    record = explain(net, [1.0, 0.5], 1.0, 0.5)
    text = render(record, "text")
    # h′_1 = 1·0.5 + 0.5·0.2 + 1·0.1 = 0.7
    assert "h′_1 = x_1·W¹_11 + x_2·W¹_21 + x_3·W¹_31 = 1·0.5 + 0.5·0.2 + 1·0.1 = 0.7" in text
    assert "x_3 = 1" in text and "h_3 = 1" in text and "bias" in text
    # δ¹_3j has x_3 = 1 as its last factor; δ²_3 = h_3 = 1
    assert "δ²_3 = ∂y/∂W²_3 = h_3 = 1" in text
    svg = svg_of(render(record, "html"))
    assert len([e for e in svg.iter(f"{SVG}line") if e.get("class") == "edge"]) == 3 * 2 + 3
    # the command line's --bias starts the example's biases at 0
    result = run("-m", "backprop", "--bias")
    assert "(W¹_31, W¹_32, W¹_33) = (0, 0, 0)" in result.stdout


def test_every_format_renders_another_activation_and_shape():
    net = Network.random(n_inputs=3, n_hidden=2, activation="tanh", seed=5)
    record = explain(net, [0.1, -0.2, 0.3], 0.0, 0.1)
    for format in ("text", "markdown", "latex", "json", "html"):
        assert render(record, format)
    assert "W¹_32" in render(record, "text")


def test_the_readme_shows_the_real_trace(run):
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as file:
        readme = file.read()
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]
    assert shown == run("-m", "backprop").stdout


@pytest.mark.parametrize("activation, h_1, phi_prime_1", [
    # h′_1 = 0.6 (worked above); tanh 0.6 = 0.5370496, 1 − 0.5370496² = 0.7115777
    ("tanh", "h_1 = Φ(h′_1) = (e^h′_1 − e^(−h′_1))/(e^h′_1 + e^(−h′_1)) = (e^0.6 − e^(−0.6))/(e^0.6 + e^(−0.6)) = 0.537",
     "Φ′(h′_1) = 1 − h_1² = 1 − 0.537² = 0.7116"),
    ("relu", "h_1 = Φ(h′_1) = max(0, h′_1) = max(0, 0.6) = 0.6", "Φ′(h′_1) = Φ′(0.6) = 1"),
    ("identity", "h_1 = Φ(h′_1) = h′_1 = 0.6", "Φ′(h′_1) = 1"),
])
def test_every_built_in_activation_is_written_out(activation, h_1, phi_prime_1):
    net = Network(lecture_example.W1, lecture_example.W2, activation=activation)
    lines = [line.strip() for line in render(explain(net, [1.0, 0.5], 1.0, 0.5), "text").splitlines()]
    assert h_1 in lines and phi_prime_1 in lines
    assert any(line.startswith(f"Φ = {activation}: Φ(z) = ") for line in lines)


@pytest.mark.parametrize("options", [[], ["--layers", "1,2,2,1"], ["--layers", "2,4,4,2", "--seed", "1"]])
def test_one_minus_sign_in_every_shown_number(run, options):
    for format in ("text", "html", "markdown"):
        shown = run("-m", "backprop", "trace", *options, "--format", format).stdout
        if format == "markdown":  # the math between $…$ is LaTeX, whose "-" is a minus sign
            shown = re.sub(r"\$[^$]*\$", "", shown)
        assert not re.search(r"(?<![\w-])-\d", shown), format  # U+2212 (−), never a hyphen, before a digit
        assert "−" in shown
