"""The decision boundary: the field's colours, the contour y = level, the samples, and bad networks."""

import base64
import re
import xml.etree.ElementTree as ET

import pytest

from backprop import DeepNetwork, Network
from backprop.pictures import boundary
from png_reader import read_png

SVG = "{http://www.w3.org/2000/svg}"
# y = 4·(x_1 + x_2): linear, so the line y = 0.5 is x_1 + x_2 = 0.125 exactly
LINEAR = Network([[4.0], [4.0]], [1.0], activation="identity")
TWO = [([-1.0, -1.0], 0.0), ([1.0, 1.0], 1.0)]


def _plot_to_plane(svg: str):
    """The plane's x_1, x_2 at a pixel, from the tick labels' range and the plot's square."""
    root = ET.fromstring(svg)
    image = next(root.iter(f"{SVG}image"))
    left, top, size = float(image.get("x")), float(image.get("y")), float(image.get("width"))
    # the samples frame the plane: −1 … 1 padded by 10 % on each side, then widened to round ticks
    low, high = -1.5, 1.5
    return lambda px, py: (low + (px - left) / size * (high - low), high - (py - top) / size * (high - low))


def test_the_contour_is_where_y_is_one_half():
    svg = boundary.boundary_svg(LINEAR, TWO)
    to_plane = _plot_to_plane(svg)
    path = next(p for p in ET.fromstring(svg).iter(f"{SVG}path") if p.get("class") == "contour").get("d")
    points = [tuple(map(float, pair)) for pair in re.findall(r"[ML]([-\d.]+) ([-\d.]+)", path)]
    assert len(points) > 40
    for px, py in points:
        x_1, x_2 = to_plane(px, py)
        assert x_1 + x_2 == pytest.approx(0.125, abs=0.02)   # pixels are written to 0.1


def test_the_field_is_blue_where_y_is_large_orange_where_small_and_white_halfway():
    svg = boundary.boundary_svg(LINEAR, TWO, grid=4)
    data = re.search(r'href="data:image/png;base64,([^"]+)"', svg).group(1)
    width, height, rows = read_png(base64.b64decode(data))
    assert (width, height) == (4, 4)
    # grid centres at ±0.375·3 = ±1.125 and ±0.375: the top right has y = 4·2.25 = 9 (≥ 1: full blue)
    assert rows[0][3] == boundary.HIGH_TINT and rows[3][0] == boundary.LOW_TINT
    # (−0.375, 0.375) has y = 0, the class d = 0: full orange; (0.375, −0.375) too
    assert rows[1][1] == boundary.LOW_TINT
    # a network giving y = 0.5 everywhere is white everywhere
    flat = Network([[0.0], [0.0], [0.0]], [0.0, 0.5], activation="identity", bias=True)   # y = 0.5
    flat_svg = boundary.boundary_svg(flat, TWO, grid=3)
    flat_rows = read_png(base64.b64decode(re.search(r"base64,([^\"]+)", flat_svg).group(1)))[2]
    assert {pixel for row in flat_rows for pixel in row} == {(255, 255, 255)}


def test_the_samples_are_drawn_by_class_and_the_level_fits_the_data():
    samples = [([0.0, 0.0], -1.0), ([1.0, 0.0], 1.0), ([0.0, 1.0], 1.0)]
    svg = boundary.boundary_svg(LINEAR, samples)
    groups = [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "samples"]
    assert [len(list(g)) for g in groups] == [2, 1]   # d = 1 first, then d = −1
    assert groups[0].get("fill") == "rgb(31, 95, 191)"
    assert "y = 0" in svg and "d = -1" in svg   # halfway between −1 and 1


def test_a_deep_network_with_two_inputs_has_a_boundary():
    net = DeepNetwork([[[4.0], [4.0]], [[1.0]]], activation="identity")
    assert 'class="contour"' in boundary.boundary_svg(net, [([-1, -1], [0]), ([1, 1], [1])])


@pytest.mark.parametrize("net, has", [
    (Network.random(n_inputs=3, seed=0), "has 3 inputs"),
    (Network.random(n_inputs=1, seed=0), "has 1 input;"),
    (DeepNetwork.random([2, 2, 2], seed=0), "has 2 inputs and 2 outputs"),
])
def test_only_two_inputs_and_one_output_have_a_boundary(net, has):
    with pytest.raises(ValueError, match=has):
        boundary.boundary_svg(net)


def test_a_sigmoid_output_is_drawn_at_y_one_half():
    # y = Φ_out(x_1 + x_2) = 1/(1 + e^−(x_1 + x_2)) is ½ exactly where x_1 + x_2 = 0
    net = Network([[1.0], [1.0]], [1.0], activation="identity", output_activation="sigmoid")
    svg = boundary.boundary_svg(net, TWO)
    to_plane = _plot_to_plane(svg)
    path = next(p for p in ET.fromstring(svg).iter(f"{SVG}path") if p.get("class") == "contour").get("d")
    points = [tuple(map(float, pair)) for pair in re.findall(r"[ML]([-\d.]+) ([-\d.]+)", path)]
    assert len(points) > 40 and "y = 0.5" in svg
    for px, py in points:
        x_1, x_2 = to_plane(px, py)
        assert x_1 + x_2 == pytest.approx(0.0, abs=0.02)
