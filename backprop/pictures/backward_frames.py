"""The training report's backward view: each frame's weights taking one step on the first sample.

For each frame of the report (:mod:`backprop.pictures.report`) the page can show, in place of
the weights alone, the backward pass of one step of stochastic gradient descent from that
frame's weights on the data's first sample (sample 1, in the data's own order): the diagram's
backward view (:func:`backprop.pictures.diagram.diagram` with ``view="backward"``) of the record
that :func:`backprop.trace.explain.explain` gives, with δ = ∂y/∂W and ΔW = α(d − y)·δ on the
edges and the error terms in the cards. Nothing here computes the step: explain does, and the
diagram draws it, as in the trace's page. For epoch 0 it is the first step of training (unless
the samples are shuffled).

Size. A backward diagram of the lecture's 2-3-1 network with bias is about 17 KB, and the report
of a long run has 51 frames: 0.86 MB more, for a page of 0.62 MB. The frames differ only in their
numbers, so the page holds them packed (:func:`pack`): every frame's drawing in one JSON list,
compressed with zlib, in base64 (27 KB for those 51). The page's script unpacks them with the
browser's ``DecompressionStream`` and puts in the drawing of the frame shown. The frame a page
shows without its script (the last) is written out as it is too, so that a reader without the
script, or a printed page, still has its backward view. A network of more than
:data:`MOST_WEIGHTS` weights gets no backward view (one sentence says so): drawing it 51 times
takes seconds (0.14 s a frame for 2-8-8-1 with bias) and its labels would crowd the picture.

>>> pack(["<svg/>", "<p>no step</p>"]) == pack(["<svg/>", "<p>no step</p>"])
True
>>> unpack(pack(["<svg/>", "<p>no step</p>"]))
['<svg/>', '<p>no step</p>']
"""

import base64
import json
import zlib
from html import escape

from backprop.math.training_loop import DivergenceError
from backprop.pictures.diagram import diagram
from backprop.pictures.network_picture import layers_of
from backprop.trace.explain import explain

MOST_WEIGHTS = 100  # a larger network gets no backward view in the report


def weight_count(net) -> int:
    """How many weights ``net`` has, biases included."""
    _, W = layers_of(net)
    return sum(len(W_k) * len(W_k[0]) for W_k in W)


def too_large(net) -> str:
    """Why ``net`` gets no backward view in the report ("" when it gets one)."""
    n = weight_count(net)
    if n <= MOST_WEIGHTS:
        return ""
    return (f"The backward view is drawn for networks of at most {MOST_WEIGHTS} weights; this one has {n:,}, "
            "too many to draw for every frame and to read.")


def backward_drawing(net, sample, alpha: float, digits: int = 4) -> str:
    """The backward view (SVG) of one step of ``net`` on ``sample`` = ``(x, d)`` with learning rate
    ``alpha``; a sentence instead, when that step cannot be worked out (it overflows)."""
    x, d = sample
    try:
        record = explain(net, x, d, alpha)
    except (DivergenceError, ValueError, OverflowError) as error:
        return f'<p class="no-step">This step cannot be drawn: {escape(str(error))}.</p>'
    return diagram(record, digits, "backward")


def pack(drawings: list[str]) -> str:
    """``drawings`` as one JSON list, compressed (zlib) and written in base64, for the page's script."""
    data = json.dumps(drawings, ensure_ascii=False).encode("utf-8")
    return base64.b64encode(zlib.compress(data, 9)).decode("ascii")


def unpack(packed: str) -> list[str]:
    """The drawings that :func:`pack` packed (what the page's script does, in Python)."""
    return json.loads(zlib.decompress(base64.b64decode(packed)).decode("utf-8"))


def sample_text(sample) -> str:
    """x = (0, 1), d = 1: a sample as the caption shows it, with real minus signs."""
    x, d = sample
    d = d if isinstance(d, list) else [d]

    def vector(values) -> str:
        text = ", ".join(f"{value:g}" for value in values).replace("-", "−")
        return f"({text})" if len(values) > 1 else text

    return f"x = {vector(x)}, d = {vector(d)}"


def caption(epoch: int, sample, alpha: float, net=None) -> str:
    """What a frame's backward view of ``net`` shows, in words (plain text). With cross-entropy δ is
    ∂y′/∂W (Φ_out′ cancels); with another output activation the output's card shows Φ_out′(y′) too."""
    weights = "the starting weights" if epoch == 0 else f"the weights after epoch {epoch}"
    y = "y′" if getattr(net, "loss", "squared") == "cross_entropy" else "y"
    phi_out = getattr(net, "output_activation", "identity") != "identity" and y == "y"
    return (f"The backward pass of one step from {weights} on sample 1 ({sample_text(sample)}), α = {alpha:g}: "
            f"on each edge δ = ∂{y}/∂W and the change ΔW = α(d − y)·δ, blue if positive, red and dashed if "
            f"negative, thicker for a larger |ΔW|; in each hidden neuron its error term ∂{y}/∂h′, at the output "
            f"d − y{' and Φ_out′(y′)' if phi_out else ''}.")


# Unpacks the frames' backward drawings once, then puts in the drawing of the frame shown (a
# drawing already there, such as the last frame's, is kept). Uses SHOWN, the report's frame number.
SCRIPT = """
let backwardDrawings = null;
function drawBackward(k) {
  const box = document.querySelector(`section.frame[data-frame="${k}"] .backward .drawing`);
  if (box && backwardDrawings && !box.dataset.drawn) {
    box.innerHTML = backwardDrawings[k];
    box.dataset.drawn = "yes";
  }
}
async function unpackBackward(packed) {
  const bytes = Uint8Array.from(atob(packed), c => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  backwardDrawings = JSON.parse(await new Response(stream).text());
  drawBackward(SHOWN);
  document.body.dataset.backward = "unpacked";
}
"""
