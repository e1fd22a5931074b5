"""The SVG loss curve: valid XML whose curve, read back through its own axes, gives the losses."""

import math
import xml.etree.ElementTree as ET

import pytest

from backprop.pictures.svg_plot import loss_curve, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def axis(root, name, log=False):
    """The axis' ticks as (pixel, value) pairs, read from the tick marks and their labels."""
    group = root.find(f"{SVG}g[@class='{name}']")
    ticks = []
    for tick in group.findall(f"{SVG}g[@class='tick']"):
        mark, text = tick.find(f"{SVG}line"), tick.find(f"{SVG}text")
        pixel = float(mark.get("x1" if name == "x-axis" else "y1"))
        value = float(text.text)
        ticks.append((pixel, math.log10(value) if log else value))
    return ticks


def read_curve(svg_text, log=False):
    """Map every point of the polyline back to (epoch, E) through two ticks of each axis."""
    root = ET.fromstring(svg_text)
    assert root.tag == f"{SVG}svg"
    x_ticks, y_ticks = axis(root, "x-axis"), axis(root, "y-axis", log)
    (px0, x0), (px1, x1) = x_ticks[0], x_ticks[-1]
    (py0, y0), (py1, y1) = y_ticks[0], y_ticks[-1]
    curve = root.find(f"{SVG}polyline[@class='curve']")
    points = []
    for pair in curve.get("points").split():
        px, py = map(float, pair.split(","))
        y = y0 + (py - py0) * (y1 - y0) / (py1 - py0)
        points.append((x0 + (px - px0) * (x1 - x0) / (px1 - px0), 10 ** y if log else y))
    return points, root


def test_the_curve_holds_the_losses_on_a_linear_axis():
    losses = [0.25 / 2 ** k for k in range(12)]  # 0.25, 0.125, …
    points, root = read_curve(loss_curve(losses))
    assert [epoch for epoch, E in points] == pytest.approx(range(1, 13), abs=0.01)
    # the pixels carry 2 decimals: over a 310-pixel axis of 0.25 that is about 4e-6
    assert [E for epoch, E in points] == pytest.approx(losses, abs=1e-5)
    assert root.find(f"{SVG}title").text == "mean E per epoch"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "epoch" in texts and "mean E" in texts


def test_the_curve_holds_the_losses_on_a_log_axis():
    losses = [0.3 * 10 ** (-k / 4) for k in range(40)]  # ten powers of ten
    points, root = read_curve(loss_curve(losses, log=True), log=True)
    assert [E for epoch, E in points] == pytest.approx(losses, rel=2e-3)
    labels = [float(t.text) for t in root.find(f"{SVG}g[@class='y-axis']").iter(f"{SVG}text")]
    assert labels[0] <= min(losses) and labels[-1] >= max(losses)
    assert all(math.log10(v) == round(math.log10(v)) for v in labels)  # powers of ten
    assert "mean E (log scale)" in [t.text for t in root.iter(f"{SVG}text")]


def test_a_title_is_escaped():
    root = ET.fromstring(loss_curve([1.0, 0.5], title="E < 1 & falling"))
    assert root.find(f"{SVG}title").text == "E < 1 & falling"


@pytest.mark.parametrize("losses", [[], [0.1, math.inf]])
def test_what_cannot_be_plotted(losses):
    with pytest.raises(ValueError):
        loss_curve(losses)


@pytest.mark.parametrize(
    "low, high, min_step, expected",
    [
        (0.0, 0.25, 0.0, [0.0, 0.05, 0.1, 0.15, 0.2, 0.25]),  # (0.25 − 0)/6 ≈ 0.042 → a step of 0.05
        (0.0, 7.0, 0.0, [0.0, 2.0, 4.0, 6.0, 8.0]),          # 7/6 ≈ 1.17 → 2, and 8 ≥ 7 ends it
        (1.0, 5.0, 1.0, [1.0, 2.0, 3.0, 4.0, 5.0]),          # 4/6 ≈ 0.67 → 1 (also the minimum)
        (0.0, 0.0, 0.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),     # an empty range is widened to [0, 1]
    ],
)
def test_nice_ticks(low, high, min_step, expected):
    assert nice_ticks(low, high, min_step=min_step) == expected


def test_on_a_log_axis_a_zero_loss_sits_on_the_bottom_edge():
    root = ET.fromstring(loss_curve([0.1, 0.01, 0.0], log=True))
    points = root.find(f"{SVG}polyline[@class='curve']").get("points").split()
    y_axis = root.find(f"{SVG}g[@class='y-axis']/{SVG}line")
    bottom = float(y_axis.get("y2"))
    # 0.01 is the smallest positive loss and the axis starts at its power of ten, 10⁻²
    assert float(points[1].split(",")[1]) == bottom == float(points[2].split(",")[1])
