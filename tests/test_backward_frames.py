"""The report's backward view: each frame's weights taking one step on sample 1, drawn by the
diagram from backprop.explain's record, packed in the page and unpacked by its script.

The numbers a frame shows in the browser are checked twice: against a step worked out here by
hand from that frame's weights (feedforward, σ′, the chain rule; nothing of the library's but its
weights), and against explain's record, at the 4 significant digits shown.
"""

import math
import re

import pytest

from backprop import DeepNetwork, Network, train
from backprop.files import datasets
from backprop.math import deep
from backprop.pictures import backward_frames, report
from backprop.pictures.diagram import diagram
from backprop.trace.explain import explain
from test_report import frames_of

XOR = datasets.samples("xor")
ALPHA = 0.5
SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


@pytest.fixture(scope="module")
def run():
    """A 2-3-1 network with bias trained on xor for 20 epochs (a frame each), and its report."""
    net = Network.random(bias=True, seed=4)
    recorder = report.Recorder(net, epochs=20)
    losses = train(net, XOR, ALPHA, 20, on_epoch=recorder)
    frames = recorder.frames()
    return frames, report.render(frames, losses, XOR, about="xor", alpha=ALPHA)


def by_hand(net: Network, x, d: float, alpha: float) -> dict:
    """One step of the lecture's network with bias (a constant input 1 last in each layer), worked
    out here: name → value, named as the diagram names them (δ¹₂₃, ΔW²₁, ∂y/∂h′₂, d − y)."""
    xs = list(x) + [1.0]
    n_hidden = len(net.W2) - 1
    h_prime = [sum(xs[i] * net.W1[i][j] for i in range(len(xs))) for j in range(n_hidden)]
    h = [1 / (1 + math.exp(-v)) for v in h_prime] + [1.0]
    y = sum(h[j] * net.W2[j] for j in range(len(h)))
    values = {"d − y": d - y, "E": 0.5 * (d - y) ** 2}
    for j in range(len(h)):
        values[f"δ2_{j + 1}"] = h[j]                       # ∂y/∂W²_j = h_j
        values[f"ΔW2_{j + 1}"] = alpha * (d - y) * h[j]
    for j in range(n_hidden):
        error = net.W2[j] * h[j] * (1 - h[j])              # ∂y/∂h′_j = W²_j·σ′(h′_j)
        values[f"∂y/∂h′_{j + 1}"] = error
        for i in range(len(xs)):
            values[f"δ1_{i + 1}{j + 1}"] = error * xs[i]
            values[f"ΔW1_{i + 1}{j + 1}"] = alpha * (d - y) * error * xs[i]
    return values


def from_explain(net, x, d, alpha) -> dict:
    """The same names, from backprop.explain's record."""
    record = explain(net, x, d, alpha)
    values = {"d − y": record["d"][0] - record["y"][0], "E": record["E"]}
    for k, W_k in enumerate(record["W"]):
        for i, row in enumerate(W_k):
            for j in range(len(row)):
                name = f"{i + 1}{j + 1}" if k == 0 else f"{i + 1}"
                values[f"δ{k + 1}_{name}"] = record["dy_dW"][0][k][i][j]
                values[f"ΔW{k + 1}_{name}"] = record["delta_W"][k][i][j]
    for j, value in enumerate(record["dy_dh_prime"][0][0]):
        values[f"∂y/∂h′_{j + 1}"] = value
    return values


def shown_name(text: str) -> str:
    """δ¹₂₃ → δ1_23, ΔW²₁ → ΔW2_1, ∂y/∂h′₂ → ∂y/∂h′_2 (a name as the diagram writes it, in plain digits)."""
    text = text.translate(SUB)
    match = re.fullmatch(r"(δ|ΔW)([¹²])(\d+)", text)
    if match:
        return f"{match[1]}{'¹²'.index(match[2]) + 1}_{match[3]}"
    return re.sub(r"h′(\d)", r"h′_\1", text)


def parse(lines: list[str]) -> dict:
    """``name = value`` lines as the diagram shows them → {plain name: float}."""
    values = {}
    for line in lines:
        name, value = line.rsplit(" = ", 1)
        values[shown_name(name)] = float(value.replace("−", "-"))
    return values


def at_4_digits(value: float) -> float:
    return float(f"{value:.4g}")


def test_each_frame_packs_the_diagram_of_its_weights_on_sample_1(run):
    frames, page = run
    packed = re.search(r'unpackBackward\("([A-Za-z0-9+/=]+)"\)', page).group(1)
    drawings = backward_frames.unpack(packed)
    assert len(drawings) == len(frames) == 21
    for (epoch, net), drawing in zip(frames[::5], drawings[::5]):
        assert drawing == diagram(explain(net, XOR[0][0], XOR[0][1], ALPHA), 4, "backward")
    # without a script the last frame is shown: its drawing is written out as it is
    last = page[page.index('data-frame="20" data-epoch="20"'):]
    assert drawings[-1] in last and page.count('data-view="backward"') == 1
    assert "one step from the weights after epoch 20 on sample 1 (x = (0, 0), d = 0), α = 0.5" in last
    assert "one step from the starting weights on sample 1" in page


def test_without_alpha_or_samples_there_is_no_backward_view():
    net = Network.random(seed=0)
    recorder = report.Recorder(net, epochs=2)
    losses = train(net, XOR, ALPHA, 2, on_epoch=recorder)
    for page in (report.render(recorder.frames(), losses, XOR), report.render(recorder.frames(), losses, alpha=ALPHA)):
        assert "class=\"view-choice\"" not in page and "figure class=\"view backward\"" not in page
        assert len(frames_of(page).frames) == 3


def test_a_network_of_more_than_100_weights_gets_a_sentence_instead():
    net = DeepNetwork.random([2, 30, 5, 1], seed=0)   # 60 + 150 + 5 = 215 weights
    recorder = report.Recorder(net, epochs=1)
    losses = deep.train(net, XOR, ALPHA, 1, on_epoch=recorder)
    page = report.render(recorder.frames(), losses, XOR, alpha=ALPHA)
    assert "at most 100 weights; this one has 215," in page
    assert "class=\"view-choice\"" not in page and "unpackBackward(\"" not in page


def test_a_step_that_overflows_is_said_not_drawn():
    net = Network([[1e200, 1e200], [1e200, 1e200]], [1e200, 1e200])
    drawing = backward_frames.backward_drawing(net, ([1e200, 1e200], 1.0), ALPHA)
    assert drawing.startswith('<p class="no-step">This step cannot be drawn: ') and "<svg" not in drawing


READ = """() => {
  const frame = document.querySelector("section.frame:not([hidden])");
  const svg = frame.querySelector("figure.backward svg");
  return {
    epoch: Number(frame.dataset.epoch),
    edges: [...svg.querySelectorAll("g.edge-label")].map(g => [...g.querySelectorAll("text")].map(t => t.textContent)),
    cards: [...svg.querySelectorAll("g.node .node-value")].map(t => t.textContent),
    forward: frame.querySelector("figure.forward").getClientRects().length,
    backward: frame.querySelector("figure.backward").getClientRects().length,
    scrollWidth: document.documentElement.scrollWidth,
  };
}"""


def test_in_chromium_the_backward_view_shows_the_step_of_the_frame_shown(run, playwright_chromium, tmp_path):
    frames, page = run
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    tab = playwright_chromium.new_page(viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True)
    try:
        tab.goto(path.as_uri() + "#epoch=12")
        tab.wait_for_function("document.body.dataset.backward === 'unpacked'")
        assert tab.evaluate(READ)["forward"] and not tab.evaluate(READ)["backward"]
        tab.check('input[value="backward"]')
        for epoch, move in ((12, None), (11, "ArrowLeft")):
            if move:
                tab.focus("#slider")
                tab.keyboard.press(move)
            seen = tab.evaluate(READ)
            assert seen["epoch"] == epoch and seen["backward"] and not seen["forward"]
            assert seen["scrollWidth"] <= 390
            assert len(seen["edges"]) == 13 and all(len(lines) == 2 for lines in seen["edges"])
            shown = parse([line for lines in seen["edges"] for line in lines])
            shown.update(parse([line for line in seen["cards"] if " = " in line and not line.startswith("= ")]))
            net = frames[epoch][1]
            hand, record = by_hand(net, XOR[0][0], XOR[0][1], ALPHA), from_explain(net, XOR[0][0], XOR[0][1], ALPHA)
            assert len(shown) == 13 * 2 + 3 + 2 == len(hand)
            for name, value in shown.items():   # as rounded from explain's value; within half a 4th digit of ours
                assert value == at_4_digits(record[name]), name
                assert abs(value - hand[name]) <= 5e-4 * abs(hand[name]) + 1e-15, name
            assert tab.evaluate("location.hash") == f"#epoch={epoch}&view=backward"   # the address remembers
        tab.check('input[value="forward"]')
        assert tab.evaluate(READ)["forward"] and not tab.evaluate(READ)["backward"]
        assert tab.evaluate("location.hash") == "#epoch=11&view=forward"
        tab.goto("about:blank")
        tab.goto(path.as_uri() + "#epoch=5&view=backward")   # the address opens that frame in that view
        tab.wait_for_function("document.body.dataset.backward === 'unpacked'")
        seen = tab.evaluate(READ)
        assert seen["epoch"] == 5 and seen["backward"] and not seen["forward"]
        tab.evaluate("location.hash = '#epoch=7&view=forward'")   # and a changed address, without a reload
        tab.wait_for_function("document.getElementById('epoch-shown').textContent === '7'")
        assert tab.evaluate(READ)["forward"] and not tab.evaluate(READ)["backward"]
    finally:
        tab.close()


def test_the_caption_names_the_slope_of_the_loss():
    squared = Network.random(seed=0, output_activation="sigmoid")
    cross_entropy = Network.random(seed=0, output_activation="sigmoid", loss="cross_entropy")
    assert "δ = ∂y/∂W" in backward_frames.caption(3, XOR[1], ALPHA, squared)
    assert "at the output d − y and Φ_out′(y′)." in backward_frames.caption(3, XOR[1], ALPHA, squared)
    assert "δ = ∂y′/∂W" in backward_frames.caption(0, XOR[1], ALPHA, cross_entropy)   # Φ_out′ cancels
    assert "at the output d − y." in backward_frames.caption(0, XOR[1], ALPHA, cross_entropy)
    assert "sample 1 (x = (0, 1), d = 1), α = 0.5" in backward_frames.caption(0, XOR[1], ALPHA, cross_entropy)
