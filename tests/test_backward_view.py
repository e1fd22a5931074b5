"""The backward view of the step's diagram: error terms in the cards, δ and ΔW on the edges.

The numbers are worked out by hand for networks small enough to do so.
"""

import xml.etree.ElementTree as ET

import pytest

from backprop import DeepNetwork, Network
from backprop.pictures.diagram import NEGATIVE, POSITIVE, diagram
from backprop.trace.explain import explain
from backprop.trace.formats import html_format

SVG = "{http://www.w3.org/2000/svg}"


def parts(svg: str) -> tuple[dict, dict, dict]:
    """The cards' texts by name, the edges and the labels' texts by weight."""
    root = ET.fromstring(svg)
    cards = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class", "").startswith("node"):
            texts = [t.text for t in g.iter(f"{SVG}text")]
            cards[texts[0]] = texts[1:]
    edges = {e.get("data-weight"): e for e in root.iter(f"{SVG}line") if e.get("class") == "edge"}
    labels = {g.get("data-weight"): [t.text for t in g.iter(f"{SVG}text")]
              for g in root.iter(f"{SVG}g") if g.get("class") == "edge-label"}
    return cards, edges, labels


def test_a_one_by_one_network_backward_by_hand():
    # x = 1, W¹ = 1, W² = 2, Φ the identity: h′ = h = 1, y = 2; d = 1, so d − y = −1.
    # ∂y/∂h′ = Φ′(h′)·W² = 1·2 = 2; δ² = h = 1, δ¹ = x·∂y/∂h′ = 2;
    # ΔW² = α(d − y)·δ² = 0.25·(−1)·1 = −0.25, ΔW¹ = 0.25·(−1)·2 = −0.5
    record = explain(DeepNetwork([[[1.0]], [[2.0]]], activation="identity"), [1.0], [1.0], 0.25)
    svg = diagram(record, view="backward")
    cards, edges, labels = parts(svg)
    assert cards["h₁"] == ["∂y/∂h′₁ = 2"]
    assert cards["y"] == ["d − y = −1", "E = 0.5"]   # E = ½(1 − 2)²; no Φ_out′ on a linear output
    assert labels["W¹₁₁"] == ["δ¹₁₁ = 2", "ΔW¹₁₁ = −0.5"]
    assert labels["W²₁"] == ["δ²₁ = 1", "ΔW²₁ = −0.25"]
    for edge in edges.values():   # ΔW negative: red, and dashed for a reader without colour
        assert edge.get("stroke") == NEGATIVE and edge.get("stroke-dasharray")
    title = edges["W¹₁₁"].find(f"{SVG}title").text.splitlines()
    assert title[0] == "δ¹_11 = ∂y/∂W¹_11 = W²_1·Φ′(h′_1)·x_1 = 2·1·1 = 2"
    assert title[1] == "ΔW¹_11 = α(d − y)·δ¹_11 = 0.25·(1 − 2)·2 = −0.5"
    assert ET.fromstring(svg).get("data-view") == "backward"
    # the forward view of the same step: the weights, positive, solid
    cards, edges, labels = parts(diagram(record))
    assert labels["W²₁"] == ["W²₁ = 2"] and edges["W²₁"].get("stroke") == POSITIVE
    assert edges["W²₁"].get("stroke-dasharray") is None


def test_an_output_activation_shows_its_slope():
    # y′ = 0·0 = 0, y = sigmoid(0) = ½, Φ_out′ = y(1 − y) = ¼; d = 1: d − y = ½
    record = explain(Network([[0.0]], [0.0], output_activation="sigmoid"), [1.0], 1.0, 0.5)
    cards, _, _ = parts(diagram(record, view="backward"))
    assert cards["y"][:2] == ["d − y = 0.5", "Φ_out′(y′) = 0.25"]


def test_several_outputs_show_each_error_term_and_delta_W_alone_on_an_edge():
    # 1-1-2, identity: h = x·W¹ = 2; y = (h·3, h·(−1)) = (6, −2); d = (5, 0): d − y = (−1, 2)
    # ∂y_1/∂h′ = 3, ∂y_2/∂h′ = −1; ΔW¹ = α Σ_j (d_j − y_j)·x·∂y_j/∂h′ = 0.1·((−1)·2·3 + 2·2·(−1)) = −1
    record = explain(DeepNetwork([[[1.0]], [[3.0, -1.0]]], activation="identity"), [2.0], [5.0, 0.0], 0.1)
    cards, edges, labels = parts(diagram(record, view="backward"))
    assert cards["h¹₁"] == ["∂y₁/∂h′¹₁ = 3", "∂y₂/∂h′¹₁ = −1"]
    assert cards["y₁"] == ["d₁ − y₁ = −1"] and cards["y₂"] == ["d₂ − y₂ = 2", "E = 2.5"]
    assert labels["W¹₁₁"] == ["ΔW¹₁₁ = −1"]
    title = edges["W¹₁₁"].find(f"{SVG}title").text
    assert "∂y_1/∂W¹_11" in title and "∂y_2/∂W¹_11" in title   # a δ line for each output


def test_the_page_switches_the_views_without_a_script():
    record = explain(DeepNetwork([[[1.0]], [[2.0]]], activation="identity"), [1.0], [1.0], 0.25)
    for page in (html_format.render(record), html_format.fragment(record)):
        assert "<script" not in page
        root = ET.fromstring(page if page.startswith("<div") else page.split("\n", 1)[1])
        radios = [i for i in root.iter("input") if i.get("type") == "radio"]
        assert [(r.get("value"), r.get("checked")) for r in radios] == [("forward", "checked"), ("backward", None)]
        assert len({r.get("name") for r in radios}) == 1
        figures = [f.get("class") for f in root.iter("figure")]
        assert figures == ["view forward", "view backward"]   # without styles: one after the other
        assert 'input[value="backward"]:checked) figure.forward' in page


def test_a_view_that_is_neither_is_refused():
    record = explain(DeepNetwork([[[1.0]], [[2.0]]], activation="identity"), [1.0], [1.0], 0.25)
    with pytest.raises(ValueError, match="view must be one of forward, backward"):
        diagram(record, view="sideways")
