"""What a notebook shows: a network as its weights, an explained step as the worked step, a run as its loss curve."""

import json
import xml.etree.ElementTree as ET

from backprop import DeepNetwork, Network, explain, train
from backprop.math import deep
from backprop.math.training_loop import Losses
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


def test_an_explained_step_is_still_the_plain_dict():
    record = explain(lecture_example.network(), lecture_example.x, lecture_example.d, lecture_example.alpha)
    assert isinstance(record, Explanation) and isinstance(record, dict)
    plain = dict(record)
    assert record == plain and repr(record) == repr(plain)
    assert json.loads(json.dumps(record)) == json.loads(json.dumps(plain))


def test_an_explained_step_shows_the_worked_step_page():
    record = explain(lecture_example.network(), lecture_example.x, lecture_example.d, lecture_example.alpha)
    html = record._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "<script" not in html
    # the page inside, unescaped, is the worked step: h′_1 = 1·0.5 + 0.5·0.2 = 0.6
    root = ET.fromstring(html)
    page = root.get("srcdoc")
    assert "One backpropagation step, worked out" in page and "0.6" in page


def _worked_page(record) -> str:
    """The page inside the iframe a notebook shows, unescaped."""
    return ET.fromstring(record._repr_html_()).get("srcdoc")


def test_a_deep_step_is_an_explanation_shown_as_its_worked_page():
    net = DeepNetwork([[[1.0]], [[2.0]]], activation="identity")
    record = explain(net, [1.0], [3.0], 0.25)   # y = 2, E = ½(3 − 2)² = ½, ΔW² = 0.25·(3 − 2)·h = 0.25·1·1
    assert isinstance(record, Explanation) and record == dict(record)
    assert record["E"] == 0.5 and record["delta_W"][1] == [[0.25]]
    page = _worked_page(record)
    assert "One backpropagation step, worked out" in page and "<svg" in page   # the diagram of any depth


def test_the_quiz_network_and_a_sigmoid_output_are_shown_too():
    quiz = explain(quiz_example.network(), quiz_example.x, quiz_example.d, quiz_example.alpha)
    assert _worked_page(quiz).count('<line class="edge"') == 2 + 4 + 2   # every weight of 1-2-2-1 drawn
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
