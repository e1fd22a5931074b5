"""What a notebook shows: a network as its weights, an explained step as the worked step, a run as its loss curve."""

import json
import re
import xml.etree.ElementTree as ET

from backprop import DeepNetwork, Network, explain, train
from backprop.math import deep
from backprop.math.training_loop import Losses
from backprop.pictures.diagram import diagram
from backprop.trace import lecture_example, quiz_example
from backprop.trace.explanation import Explanation

SVG = "{http://www.w3.org/2000/svg}"


def _labels(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(g.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "edge-label"]


def test_a_network_shows_every_weight_with_its_one_based_name():
    net = Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3])
    labels = _labels(net._repr_svg_())
    assert sorted(labels) == sorted([
        "W¹₁₁ = 0.5", "W¹₁₂ = −0.3", "W¹₁₃ = 0.8", "W¹₂₁ = 0.2", "W¹₂₂ = 0.7", "W¹₂₃ = −0.6",
        "W²₁ = 0.4", "W²₂ = −0.5", "W²₃ = 0.3",
    ])
    assert net._repr_svg_() in net._repr_html_()


def test_a_bias_weight_leaves_the_node_1():
    net = Network([[1.0], [2.0], [-3.0]], [4.0, 5.0], bias=True)   # 2 inputs, 1 hidden, biases last
    root = ET.fromstring(net._repr_svg_())
    names = ["".join(g.itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert sorted(names) == ["1", "1", "h₁", "x₁", "x₂", "y"]
    assert "W¹₃₁ = −3" in _labels(net._repr_svg_()) and "W²₂ = 5" in _labels(net._repr_svg_())


def test_the_quiz_network_shows_its_three_layers_of_weights():
    net = quiz_example.network()
    labels = _labels(net._repr_svg_())
    assert len(labels) == 2 + 4 + 2   # 1-2-2-1: W¹ is 1×2, W² 2×2, W³ 2×1
    assert {label.split(" = ")[0] for label in labels} == {
        "W¹₁₁", "W¹₁₂", "W²₁₁", "W²₁₂", "W²₂₁", "W²₂₂", "W³₁₁", "W³₂₁"}
    assert net._repr_svg_() == DeepNetwork(net.W)._repr_svg_()


def test_the_plain_repr_is_unchanged():
    net = Network([[1.0], [2.0]], [3.0])
    assert repr(net) == "Network(W1=[[1.0], [2.0]], W2=[3.0], activation='sigmoid', bias=False)"


def test_an_explained_step_is_still_the_plain_dict_of_every_digit():
    record = explain(lecture_example.network(), lecture_example.x, lecture_example.d, lecture_example.alpha)
    assert isinstance(record, Explanation) and isinstance(record, dict)
    plain = dict(record)
    assert record == plain and type(plain) is dict
    assert json.loads(json.dumps(record)) == json.loads(json.dumps(plain))
    assert record["h_prime"][0][1] == -0.3 + 0.5 * 0.7 != 0.05   # full precision, shown as 0.05


def test_in_the_repl_an_explained_step_is_the_worked_step_to_four_digits():
    record = explain(lecture_example.network(), lecture_example.x, lecture_example.d, lecture_example.alpha)
    lines = repr(record).splitlines()
    assert str(record) == repr(record) and not repr(record).endswith("\n")
    # h′_2 = 1·(−0.3) + 0.5·0.7 = 0.05; h_1 = 1/(1 + e^−0.6) = 0.645656…; E = ½(1 − 0.188752…)² = 0.329062…
    assert "  h′_2 = x_1·W¹_12 + x_2·W¹_22 = 1·(−0.3) + 0.5·0.7 = 0.05" in lines
    assert "  h_1 = Φ(h′_1) = 1/(1 + e^(−h′_1)) = 1/(1 + e^(−0.6)) = 0.6457" in lines
    assert "  E = ½(d − y)² = ½(1 − 0.1888)² = 0.3291" in lines


def test_an_explained_step_shows_inline_in_the_notebook_without_a_frame():
    record = explain(lecture_example.network(), lecture_example.x, lecture_example.d, lecture_example.alpha)
    html = record._repr_html_()
    root = ET.fromstring(html)   # one element, well-formed
    assert root.tag == "div" and root.get("class") == "backprop-step"
    assert not any(tag in html for tag in ("<iframe", "<script", "srcdoc", "height: 640px"))
    # every style rule is limited to the worked step's own element
    css = root.find("style").text
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    selectors = [s.strip() for selector_list, _ in rules for s in selector_list.split(",")]
    assert selectors and all(s.startswith(".backprop-step") for s in selectors)
    # as the browser reads them (a later declaration wins): no scroll bar of its own anywhere, no
    # fixed height on the element or the diagram, and the diagram no wider than the notebook
    final = {}
    for selectors, declarations in rules:
        for selector in selectors.split(","):
            for declaration in filter(str.strip, declarations.split(";")):
                name, value = declaration.split(":", 1)
                final.setdefault(selector.strip(), {})[name.strip()] = value.strip()
    assert not [(s, d) for s, props in final.items() for d, v in props.items()
                if d.startswith("overflow") and v in ("auto", "scroll")]
    assert "height" not in final[".backprop-step"] and "max-height" not in final[".backprop-step"]
    assert final[".backprop-step .drawing svg"]["max-width"] == "100%"
    assert final[".backprop-step .drawing svg"]["height"] == "auto"
    # the worked step, in the notebook's page: h′_1 = 1·0.5 + 0.5·0.2 = 0.6
    assert root.find("h1").text == "One backpropagation step, worked out"
    assert "= 1·0.5 + 0.5·0.2 = 0.6</span>" in html


def test_an_explained_step_has_a_static_markdown_form_beside_the_html():
    record = explain(lecture_example.network(), lecture_example.x, lecture_example.d, lecture_example.alpha)
    markdown = record._repr_markdown_().splitlines()
    assert markdown[0] == "# One backpropagation step, worked out"
    assert "- $h'_{1} = x_{1} \\cdot W^{1}_{11} + x_{2} \\cdot W^{1}_{21} = 1 \\cdot 0.5 + 0.5 \\cdot 0.2 = 0.6$" in markdown


def test_the_diagram_carries_its_own_colours_and_fonts():
    # a viewer that drops a page's styles (GitHub does) still shows white cards and labels, not black ones
    svg = ET.fromstring(diagram(explain(lecture_example.network(), lecture_example.x, lecture_example.d,
                                        lecture_example.alpha)))
    rects = list(svg.iter(f"{SVG}rect"))
    assert len(rects) == 2 + 3 + 1 + 9 and all(rect.get("fill", "").startswith("#f") for rect in rects)
    assert all(text.get("font-size") for text in svg.iter(f"{SVG}text"))


def _worked_page(record) -> str:
    """The worked step a notebook shows."""
    return record._repr_html_()


def test_a_deep_step_is_an_explanation_shown_as_its_worked_page():
    net = DeepNetwork([[[1.0]], [[2.0]]], activation="identity")
    record = explain(net, [1.0], [3.0], 0.25)   # y = 2, E = ½(3 − 2)² = ½, ΔW² = 0.25·(3 − 2)·h = 0.25·1·1
    assert isinstance(record, Explanation) and record == dict(record)
    assert record["E"] == 0.5 and record["delta_W"][1] == [[0.25]]
    page = _worked_page(record)
    assert "One backpropagation step, worked out" in page and "<svg" in page   # the diagram of any depth


def test_the_quiz_network_and_a_sigmoid_output_are_shown_too():
    quiz = explain(quiz_example.network(), quiz_example.x, quiz_example.d, quiz_example.alpha)
    assert _worked_page(quiz).count('<line class="edge"') == 2 * (2 + 4 + 2)   # every weight of 1-2-2-1 drawn,
    # in the forward view and in the backward view
    net = Network([[0.0]], [0.0], output_activation="sigmoid")   # y′ = 0, y = Φ_out(0) = ½
    record = explain(net, [1.0], 1.0, 0.5)
    assert record["y_prime"] == [0.0] and record["y"] == [0.5] and record["E"] == 0.125   # ½(1 − ½)²
    page = _worked_page(record)
    assert "Φ<sub>out</sub>" in page and "y′" in page


def test_a_training_run_is_a_list_shown_as_its_loss_curve():
    xor = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
    losses = train(Network.random(bias=True, seed=0), xor, 0.5, 20)
    assert isinstance(losses, Losses) and isinstance(losses, list) and len(losses) == 20
    assert repr(losses) == repr(list(losses)) and json.dumps(losses) == json.dumps(list(losses))
    root = ET.fromstring(losses._repr_svg_())
    curve = next(p for p in root.iter(f"{SVG}polyline") if p.get("class") == "curve")
    assert len(curve.get("points").split()) == 20
    deep_losses = deep.train(DeepNetwork.random([2, 2, 1], seed=0), [([0, 1], [1])], 0.5, 3)
    assert isinstance(deep_losses, Losses)
    assert Losses()._repr_svg_() is None


def test_a_large_network_is_drawn_without_labels():
    net = DeepNetwork.random([2, 15, 15, 1], seed=0)   # 30 + 225 + 15 = 270 weights
    svg = net._repr_svg_()
    assert svg.count('<line class="edge"') == 270 and _labels(svg) == []
    assert "more than 200 weights" in svg
