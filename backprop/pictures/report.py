"""The training report: one HTML page with a slider over the epochs of a run.

For each shown epoch (a *frame*) Python draws everything beforehand: the
network's weights at the end of that epoch (:mod:`backprop.pictures.network_picture`),
a marker on the loss curve, and, for a network with two inputs, its decision
boundary (:mod:`backprop.pictures.boundary`). The page's few lines of script only
choose which frame is visible; they compute nothing. ``report.html#epoch=120``
opens at epoch 120 (at the last frame at or before it, when 120 is not a frame), and
``#epoch=120&view=backward`` in its backward view; the address follows the slider and the view.
The page loads nothing from elsewhere: no script, style, font or image files.

Frames: epoch 0 (the weights before training) and every epoch after it when
there are at most ``MOST_FRAMES − 1`` epochs; otherwise every s-th epoch, with
s = ⌈epochs / (MOST_FRAMES − 1)⌉ (every 20th of 1000), and always the last one
that finished.

>>> sampled_epochs(4), sampled_epochs(1000)[:3], len(sampled_epochs(1000)), sampled_epochs(1001)[-2:]
([0, 1, 2, 3, 4], [0, 20, 40], 51, [987, 1001])
"""

import json
import math
from html import escape

from backprop.math.notation import label, layer
from backprop.pictures import backward_frames, svg_plot
from backprop.pictures.boundary import boundary_svg
from backprop.pictures.network_picture import layers_of, network_svg

MOST_FRAMES = 51
BOUNDARY_GRID = 32  # points per side of each frame's decision boundary (48 for a single picture)


def every(epochs: int, most: int = MOST_FRAMES) -> int:
    """How many epochs apart the frames of a run of ``epochs`` epochs are: ⌈epochs / (most − 1)⌉, at least 1."""
    return max(1, math.ceil(epochs / (most - 1)))


def sampled_epochs(epochs: int, most: int = MOST_FRAMES) -> list[int]:
    """The epochs that get a frame, for a run of ``epochs`` epochs (0 is before training)."""
    step = every(epochs, most)
    chosen = list(range(0, epochs + 1, step))
    return chosen if chosen[-1] == epochs else chosen + [epochs]


class Recorder:
    """Keeps a copy of the network's weights at the epochs that get a frame.

    Pass it (or call it from) ``on_epoch`` of :func:`backprop.train`; it copies the
    weights at the start and after every epoch in :func:`sampled_epochs`, and keeps
    the latest epoch too, so a run that ends early (diverged, Ctrl-C) still has its
    last finished epoch.

    >>> from backprop import Network, train
    >>> net = Network.random(seed=0)
    >>> recorder = Recorder(net, epochs=300)
    >>> losses = train(net, [([0, 1], 1)], 0.1, 300, on_epoch=recorder)
    >>> [epoch for epoch, _ in recorder.frames()][:3], recorder.frames()[-1][1].W2 == net.W2
    ([0, 6, 12], True)
    """

    def __init__(self, net, epochs: int, most: int = MOST_FRAMES):
        self.net = net
        self.wanted = set(sampled_epochs(epochs, most))
        self.every = every(epochs, most)
        self.kept = [(0, net.copy())]
        self.latest = self.kept[0]

    def __call__(self, epoch: int, mean_E: float) -> None:
        self.latest = (epoch, self.net.copy())
        if epoch in self.wanted:
            self.kept.append(self.latest)

    def frames(self) -> list:
        """``(epoch, network)`` of every frame, the last finished epoch last."""
        return self.kept if self.kept[-1][0] == self.latest[0] else self.kept + [self.latest]


def _weights_table(net) -> str:
    """Every weight with its one-based name (W¹_13; the lecture's W²_j), a table row per matrix row."""
    _, W = layers_of(net)
    lecture = not hasattr(net, "layers")
    rows = []
    for k, W_k in enumerate(W):
        for i, row in enumerate(W_k):
            names = [label(layer("W", k), i) if lecture and k == 1 else label(layer("W", k), i, j)
                     for j in range(len(row))]
            rows.append("<tr>" + "".join(f'<td>{escape(name)} = <span class="weight">{w:.6g}</span></td>'
                                         for name, w in zip(names, row)) + "</tr>")
    return '<table class="weights">' + "".join(rows) + "</table>"


def _marker(epoch: int, n_epochs: int) -> str:
    """An overlay for the loss curve: the epoch's line, and the epochs after it faded."""
    if epoch == 0:
        return ""
    x = svg_plot.epoch_pixel(epoch, n_epochs)
    right = svg_plot.WIDTH - svg_plot.RIGHT
    bottom = svg_plot.HEIGHT - svg_plot.BOTTOM
    return (f'<rect x="{x:.2f}" y="{svg_plot.TOP}" width="{max(right - x, 0):.2f}" '
            f'height="{bottom - svg_plot.TOP}" fill="white" fill-opacity="0.7"/>'
            f'<line x1="{x:.2f}" y1="{svg_plot.TOP}" x2="{x:.2f}" y2="{bottom}" stroke="#c0392b" stroke-width="1.5"/>')


def render(frames: list, losses: list[float], samples=None, about: str = "", ending: str = "",
           log: bool = False, every: int = 1, extra: str = "", alpha: float | None = None) -> str:
    """Return the report page for ``frames`` (``(epoch, network)`` pairs, from :class:`Recorder`)
    and ``losses`` (the mean E of each finished epoch).

    ``about`` says what was trained (one line); ``ending`` says how a run that did not finish
    ended (shown at the top of the page); ``every`` is how many epochs apart the frames are
    (:attr:`Recorder.every`). ``samples`` are drawn on the decision boundary,
    which is shown when the network has two inputs and one output. ``extra`` is more HTML,
    shown under the loss curve (the digits and the mistakes of a run on the digits).

    Given ``samples`` and the learning rate ``alpha``, each frame has a backward view too, which a
    pair of radio buttons at the top chooses for every frame: one step from the frame's weights on
    the first sample, drawn by :mod:`backprop.pictures.backward_frames` (up to
    :data:`~backprop.pictures.backward_frames.MOST_WEIGHTS` weights).
    """
    first = frames[0][1]
    two_inputs = first.n_inputs == 2 and getattr(first, "n_outputs", 1) == 1
    epochs = [epoch for epoch, _ in frames]
    n = len(losses)
    curve = svg_plot.loss_curve(losses, log=log) if losses else "<p>No epoch was completed: no loss curve.</p>"
    shown = len(frames) - 1
    sections, overlays = [], []
    backward = bool(samples) and alpha is not None
    too_large = backward_frames.too_large(first) if backward else ""
    drawings = ([backward_frames.backward_drawing(net, samples[0], alpha) for _, net in frames]
                if backward and not too_large else [])
    for k, (epoch, net) in enumerate(frames):
        hidden = "" if k == shown else " hidden"
        loss = (f'Mean E in epoch {epoch}: <span class="E">{losses[epoch - 1]:.6g}</span>' if epoch
                else "Before training: the starting weights")
        pictures = [f'<figure class="view forward">{network_svg(net)}'
                    f"<figcaption>The weights after epoch {epoch}</figcaption></figure>"]
        if drawings:  # the shown frame's drawing as it is (for a page without its script); the others packed
            drawing = drawings[k] if k == shown else '<p class="waiting">Drawn by the page\'s script.</p>'
            pictures.append(f'<figure class="view backward"><div class="drawing">{drawing}</div><figcaption>'
                            f"{escape(backward_frames.caption(epoch, samples[0], alpha, net))}</figcaption></figure>")
        if two_inputs:  # first: it keeps its place beside the loss curve's width, however large the network
            pictures.insert(0, f"<figure>{boundary_svg(net, samples, grid=BOUNDARY_GRID)}"
                               f"<figcaption>The decision boundary after epoch {epoch}</figcaption></figure>")
        sections.append(
            f'<section class="frame" data-frame="{k}" data-epoch="{epoch}"{hidden}>'
            f'<h2>Epoch {epoch}</h2><p class="loss">{loss}</p>'
            f'<div class="pictures">{"".join(pictures)}</div>{_weights_table(net)}</section>'
        )
        if losses:
            overlays.append(f'<div class="marker" data-frame="{k}"{hidden}><svg width="{svg_plot.WIDTH}" '
                            f'height="{svg_plot.HEIGHT}" viewBox="0 0 {svg_plot.WIDTH} {svg_plot.HEIGHT}">{_marker(epoch, n)}</svg></div>')
    frames_note = ("Every epoch has a frame." if every == 1 else
                   f"To keep the page small, there is a frame every {every} epochs ({len(frames)} frames), "
                   "and one for the last epoch that finished; a link to another epoch shows the frame before it.")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        "<title>Training report</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Training report</h1>",
        f"<p>{escape(about)}</p>" if about else "",
        f'<p class="ending">{escape(ending)}</p>' if ending else "",
        f"<p>{frames_note} Add <code>#epoch=N</code> to the page's address to open it at epoch N"
        + (" (and <code>&amp;view=backward</code> in the backward view)" if backward and not too_large else "")
        + ".</p>",
        '<p class="slider"><label for="slider">Epoch <output id="epoch-shown">'
        f'{epochs[-1]}</output></label> <input type="range" id="slider" min="0" max="{shown}" value="{shown}"/></p>',
        _view_choice(too_large) if backward else "",
        f'<div class="curve">{curve}{"".join(overlays)}</div>',
        extra,
        *sections,
        f"<script>const EPOCHS = {json.dumps(epochs)};\n{backward_frames.SCRIPT}{SCRIPT}"
        + (f'unpackBackward("{backward_frames.pack(drawings)}").catch(() => {{}});\n' if drawings else "")
        + "</script>",
        "</body></html>",
    ]) + "\n"


def _view_choice(too_large: str) -> str:
    """The radio buttons that choose the forward or the backward view of every frame (by the
    stylesheet alone), or why there is no backward view."""
    if too_large:
        return f'<p class="no-backward">{escape(too_large)}</p>'
    return ('<p class="view-choice" role="radiogroup" aria-label="Which pass the frames show">Show '
            '<label><input type="radio" name="view" value="forward" checked="checked"/> the weights</label> '
            '<label><input type="radio" name="view" value="backward"/> the backward pass of a step</label></p>')


CSS = """
body { font-family: system-ui, sans-serif; color: #222; max-width: 80rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin: 0.5rem 0; }
.ending { background: #fdecea; border-left: 4px solid #c0392b; padding: 0.4rem 0.8rem; }
.slider input { width: 30rem; max-width: 90%; vertical-align: middle; }
.curve { position: relative; width: 640px; max-width: 100%; }
.curve svg { display: block; width: 100%; height: auto; }  /* scaled to fit a phone, marker and all */
.curve .marker { position: absolute; left: 0; top: 0; width: 100%; }
code { font-size: 0.9rem; }
.pictures { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9rem; }
table.weights { border-collapse: collapse; margin-top: 0.5rem; font-variant-numeric: tabular-nums;
                display: block; max-width: 100%; overflow-x: auto; }
table.weights td { border: 1px solid #ddd; padding: 0.15rem 0.5rem; white-space: nowrap; font-size: 0.9rem; }
[hidden] { display: none !important; }
.view-choice label { margin-right: 1rem; white-space: nowrap; }
body:has(input[value="backward"]:checked) figure.forward { display: none; }
body:has(input[value="forward"]:checked) figure.backward { display: none; }
figure.backward { flex: 1 1 100%; min-width: 0; }  /* its own row; a wide drawing scrolls in its box */
figure.backward .drawing { overflow-x: auto; }
figure.backward .drawing svg { max-width: none; }
@media (min-width: 48rem) { figure.backward .drawing svg { max-width: 100%; } }
@media print { .view-choice { display: none; } figure.view { display: block !important; } }
"""

# Only picks the precomputed frame to show, and the view: from the slider and the radio buttons, or from
# #epoch=N&view=backward in the address, which they keep up to date.
SCRIPT = """
const slider = document.getElementById("slider");
let SHOWN = EPOCHS.length - 1;
function show(k) {
  SHOWN = k;
  drawBackward(k);
  slider.value = k;
  document.getElementById("epoch-shown").textContent = EPOCHS[k];
  for (const element of document.querySelectorAll("[data-frame]")) {
    element.hidden = element.dataset.frame !== String(k);
  }
}
function frameAtOrBefore(epoch) {
  let k = 0;
  EPOCHS.forEach((e, i) => { if (e <= epoch) k = i; });
  return k;
}
const views = [...document.querySelectorAll('input[name="view"]')];
function remember() {  // the frame and the view shown, in the address
  const view = views.find(input => input.checked);
  history.replaceState(null, "", "#epoch=" + EPOCHS[SHOWN] + (view ? "&view=" + view.value : ""));
}
function fromAddress() {
  const asked = /epoch=(\\d+)/.exec(location.hash), view = /view=(forward|backward)/.exec(location.hash);
  if (view) for (const input of views) input.checked = input.value === view[1];
  show(asked ? frameAtOrBefore(Number(asked[1])) : EPOCHS.length - 1);
}
slider.addEventListener("input", () => {
  show(Number(slider.value));
  remember();
});
for (const input of views) input.addEventListener("change", remember);
window.addEventListener("hashchange", fromAddress);
fromAddress();
"""
