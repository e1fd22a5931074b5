"""The step, formula by formula, in one page: ``python -m backprop explore``.

The page lists every formula of one SGD step in the lecture's order (feedforward, error, the
chain rule from the output back, the update), as :func:`backprop.math.unrolled.formulas` builds
them, and shows the network's diagram (:mod:`backprop.pictures.diagram`) beside them. Its script
is the step that :func:`backprop.math.unrolled.step_javascript` prints from the same formula
records as ``unroll``'s Python: it computes every number of the page in the browser. Stepping
(the buttons, ← → and the space bar to play, or ``#line=N`` in the address) highlights one
formula, and on the diagram the neurons and weights it reads and writes: in the forward view
during the feedforward pass and the error, in the backward view from the chain rule on.

The page needs nothing else: no network, no external script, font or style; it opens from
``file://``. Without its script it still lists every formula and draws both views.
"""

import json
import re
from html import escape

from backprop.math import unrolled
from backprop.pictures.diagram import NEGATIVE, POSITIVE, diagram, symbol
from backprop.trace import worked
from backprop.trace.explain import explain

MAX_NEURONS = 12
"""The most neurons in one layer a page shows: past it the diagram's labels no longer fit readably
(the layout is tested up to 12 a layer), and the page of 2-12-12-1 is already about 0.6 MB."""
FORWARD_RULES = ("feedforward", "Φ", "error")  # shown on the forward view; the rest on the backward
NAME = re.compile(r"^(dy_dh_prime|dy_dW|h_prime|phi_prime|x|h|W)(\d*)_([\d_]+)$")
OUTPUT_NAMES = ("y", "y_prime", "dy_dy_prime", "E", "alpha_error", "d")

CSS = f"""
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 1rem auto;
       max-width: 80rem; padding: 0 0.75rem; line-height: 1.45; }}
h1 {{ font-size: 1.4rem; margin: 0.3rem 0; }}
.controls {{ position: sticky; top: 0; background: #fff; padding: 0.4rem 0; z-index: 1;
             display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }}
.controls button {{ font-size: 1rem; padding: 0.3rem 0.8rem; }}
figure {{ margin: 0.3rem 0; }}
figcaption {{ color: #555; font-size: 0.9rem; }}
.drawing {{ max-width: 100%; border: 1px solid #eee; }}
.drawing svg {{ display: block; max-width: 100%; height: auto; }}
.pictures {{ position: sticky; top: 2.9rem; background: #fff; z-index: 1; }}
@media (min-width: 900px) {{
  .layout {{ display: grid; grid-template-columns: minmax(20rem, 2fr) 3fr; gap: 1rem; align-items: start; }}
  .pictures {{ order: 2; }}
}}
@media (max-width: 899px) {{
  .pictures figure .drawing {{ max-height: 38vh; }}
  .pictures figure .drawing svg {{ max-height: 38vh; margin: 0 auto; }}
}}
ol.formulas {{ padding-left: 2.6rem; }}
ol.formulas li {{ margin: 0.1rem 0; padding: 0.1rem 0.3rem; overflow-wrap: anywhere; }}
ol.formulas li.rule {{ list-style: none; margin-left: -2.2rem; color: #555; font-style: italic; margin-top: 0.6rem; }}
ol.formulas li.current {{ background: #fff3cd; outline: 2px solid #f5a400; }}
code {{ font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9rem; white-space: pre-wrap; }}
output {{ font-weight: bold; }}
.positive {{ color: {POSITIVE}; }} .negative {{ color: {NEGATIVE}; }}
g.node.active rect {{ stroke: #f5a400; stroke-width: 4px; }}
g.edge-label.active rect {{ stroke: #f5a400; stroke-width: 3px; }}
line.edge.active {{ stroke: #f5a400; }}
@media print {{ .controls {{ display: none; }} }}
"""

SCRIPT = """
const values = step(GIVEN);
const items = [...document.querySelectorAll("ol.formulas li.formula")];
function shown(v, digits) {  // as backprop.math.notation.number: %g to `digits` significant digits, a real minus
  if (!Number.isFinite(v)) return String(v);
  const [mantissa, exponent] = v.toExponential(digits - 1).split("e");
  const e = Number(exponent);
  let text;
  if (e < -4 || e >= digits) {
    text = mantissa.replace(/\\.?0+$/, "") + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0");
  } else {
    text = v.toFixed(Math.max(0, digits - 1 - e));
    if (text.includes(".")) text = text.replace(/\\.?0+$/, "");
    if (Number(text) === 0) text = "0";
  }
  return text.replace("-", "\\u2212");
}
items.forEach((item, n) => {
  const value = values[STEPS[n].target];
  const out = item.querySelector("output");
  out.textContent = shown(value, DIGITS);
  out.className = value > 0 ? "positive" : value < 0 ? "negative" : "";
});
const views = {forward: document.querySelector("figure.forward"), backward: document.querySelector("figure.backward")};
const counter = document.getElementById("line-shown");
let current = 0, playing = null;
function show(n) {
  n = Math.max(1, Math.min(STEPS.length, n));
  current = n;
  const at = STEPS[n - 1];
  items.forEach((item, k) => { item.classList.toggle("current", k === n - 1);
                               if (k === n - 1) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current"); });
  for (const [view, figure] of Object.entries(views)) figure.hidden = view !== at.view;
  document.querySelectorAll(".active").forEach(part => part.classList.remove("active"));
  const figure = views[at.view];
  for (const name of at.weights) figure.querySelectorAll(`[data-weight="${name}"]`).forEach(p => p.classList.add("active"));
  for (const name of at.neurons) figure.querySelectorAll(`[data-neuron="${name}"]`).forEach(p => p.classList.add("active"));
  counter.textContent = `${n} of ${STEPS.length}`;
  items[n - 1].scrollIntoView({block: "nearest"});
  history.replaceState(null, "", "#line=" + n);
}
function play() {
  if (playing) { clearInterval(playing); playing = null; document.getElementById("play").textContent = "play"; return; }
  document.getElementById("play").textContent = "pause";
  playing = setInterval(() => { if (current >= STEPS.length) play(); else show(current + 1); }, 900);
}
document.getElementById("back").addEventListener("click", () => show(current - 1));
document.getElementById("next").addEventListener("click", () => show(current + 1));
document.getElementById("play").addEventListener("click", play);
document.addEventListener("keydown", event => {
  if (event.target.closest && event.target.closest("button, input, select, textarea")) {
    if (event.key === " ") return;  // a focused button takes the space bar itself
  }
  if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
  else if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
  else if (event.key === " ") { play(); event.preventDefault(); }
});
function fromAddress() {
  const match = /^#line=(\\d+)$/.exec(location.hash);
  show(match ? Number(match[1]) : 1);
}
window.addEventListener("hashchange", fromAddress);
fromAddress();
"""


def parts(record: dict, name: str) -> tuple[list[str], list[str]]:
    """The diagram's weights (``data-weight``) and neurons (``data-neuron``) that the unrolled
    step's ``name`` belongs to: ``W1_12`` and ``dy_dW1_12`` to the edge W¹₁₂, ``h_prime_2`` and
    ``phi_prime_2`` to the card h₂, ``y`` and ``E`` to the output's card."""
    if name in OUTPUT_NAMES:
        return [], [symbol(worked.y(record, 0))]
    match = NAME.match(name)
    if match is None:  # alpha: no part of the diagram
        return [], []
    kind, layer, rest = match.groups()
    indices = [int(i) - 1 for i in (rest.split("_") if "_" in rest else rest)]
    if kind == "x":
        return [], [symbol(worked.Sym("x", (indices[0],)))]
    k = int(layer) - 1 if layer else 0  # the lecture's h_prime_2 has no layer: its one hidden layer
    if kind in ("W", "dy_dW"):
        return [symbol(worked.W(record, k, *indices))], []
    return [], [symbol(worked.h(record, k, indices[0]))]


def steps(net, record: dict) -> list[dict]:
    """Every formula of the step as the page shows it: its number, rule, the lecture's words
    above it, its code, its target, the view and the diagram's parts it uses."""
    out, words = [], ""
    for formula in unrolled.formulas(net):
        if isinstance(formula, unrolled.Comment):
            words = formula.text
            continue
        if isinstance(formula.expression, unrolled.Activated):
            function = formula.expression.activation.name
            code = f"{formula.target} = {function}({formula.expression.h_prime})"
        else:
            code = unrolled.python_lines([formula])[0]
        weights, neurons = [], []
        for name in dict.fromkeys([formula.target, *formula.operands]):
            more_weights, more_neurons = parts(record, name)
            weights += [w for w in more_weights if w not in weights]
            neurons += [n for n in more_neurons if n not in neurons]
        out.append({"n": len(out) + 1, "rule": formula.rule, "words": words, "code": code,
                    "target": formula.target, "view": "forward" if formula.rule in FORWARD_RULES else "backward",
                    "weights": weights, "neurons": neurons})
    return out


def given(net, x, d: float, alpha: float) -> dict:
    """The step's given numbers by the unrolled code's names."""
    weights = ([w for row in net.W1 for w in row] + list(net.W2) if hasattr(net, "W1")
               else [w for W_k in net.W for row in W_k for w in row])
    values = dict(zip(unrolled.weight_names(net), weights))
    values.update({f"x_{i + 1}": value for i, value in enumerate(x)}, d=d, alpha=alpha)
    return values


def render(net, x, d, alpha: float, digits: int = 4) -> str:
    """Return the explorer page of one SGD step of ``net`` on sample ``(x, d)``.

    >>> from backprop.trace import lecture_example as example
    >>> page = render(example.network(), example.x, example.d, example.alpha)
    >>> page.count('<li class="formula"')   # h′ 3, h 3, y, E, α(d − y), δ² 3, Φ′ 3, δ¹ 6, the update 9
    30
    >>> "function step(given)" in page, "http" in page.replace("http://www.w3.org/2000/svg", "")
    (True, False)

    Raises ``ValueError`` for a network the step cannot be written out for (several outputs, a
    person's own activation, more than :data:`backprop.math.unrolled.MAX_WEIGHTS` weights), a layer of
    more than :data:`MAX_NEURONS` neurons, and for a bad ``x``, ``d`` or ``alpha``.
    """
    record = explain(net, x, d, alpha)
    if record["layers"][-1] != 1:
        raise ValueError(f"the network has {record['layers'][-1]} outputs; the page steps through a network "
                         "of one output (--layers …,1)")
    if max(record["layers"]) > MAX_NEURONS:
        raise ValueError(f"a layer of {max(record['layers'])} neurons is more than the page can draw readably "
                         f"(at most {MAX_NEURONS} a layer); choose smaller layers")
    d = record["d"][0]
    the_steps = steps(net, record)
    lines = ["<!DOCTYPE html>", '<html lang="en">', '<head><meta charset="utf-8"/>',
             '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
             "<title>Backpropagation, formula by formula</title>", f"<style>{CSS}</style></head>", "<body>",
             "<h1>Backpropagation, formula by formula</h1>",
             f"<p>{escape(worked.describe(record))} Step through the formulas with the buttons, the arrow keys "
             "← → and the space bar (play); the address <code>#line=N</code> opens at formula N. The formula "
             "shown is highlighted, and on the diagram the neurons and weights it uses.</p>",
             '<div class="controls" role="toolbar" aria-label="Step through the formulas">',
             '<button id="back" type="button">← back</button><button id="next" type="button">next →</button>',
             '<button id="play" type="button">play</button> formula <output id="line-shown">all</output></div>',
             "<noscript><p>Without its script the page lists the formulas and draws both views; "
             "their numbers are in <code>python -m backprop trace</code>.</p></noscript>"]
    lines += ['<div class="layout">', '<div class="pictures">']
    for view in ("forward", "backward"):
        lines += [f'<figure class="view {view}">', '<div class="drawing">', diagram(record, digits, view), "</div>",
                  f"<figcaption>The {view} pass.</figcaption>", "</figure>"]
    lines += ["</div>", '<ol class="formulas">']
    words = None
    for step in the_steps:
        if step["words"] != words:
            words = step["words"]
            lines.append(f'<li class="rule" aria-hidden="true">{escape(words)}</li>')
        lines.append(f'<li class="formula" value="{step["n"]}" data-rule="{escape(step["rule"])}">'
                     f'<code>{escape(step["code"])}</code> → <output></output></li>')
    lines += ["</ol>", "</div>", "<script>", "//<![CDATA[",
              f"const DIGITS = {digits};",
              f"const GIVEN = {json.dumps(given(net, record['x'], d, record['alpha']))};",
              f"const STEPS = {json.dumps(the_steps, ensure_ascii=False)};",
              unrolled.step_javascript(net), SCRIPT, "//]]>", "</script>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
