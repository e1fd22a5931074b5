"""The step, formula by formula, in one page: ``python -m backprop explore``, and live.

The page lists every formula of one SGD step in the lecture's order (feedforward, error, the
chain rule from the output back, the update), as :func:`backprop.math.unrolled.formulas` builds
them, and shows the network's diagram (:mod:`backprop.pictures.diagram`) beside them. Its script
is the step that :func:`backprop.math.unrolled.step_javascript` prints from the same formula
records as ``unroll``'s Python: it computes every number of the page in the browser. Stepping
(the buttons, ← → and the space bar to play, or ``#line=N`` in the address) highlights one
formula, and on the diagram the neurons and weights it uses: in the forward view during the
feedforward pass and the error, in the backward view from the chain rule on.

Live: every given number — x, d, α and each weight — can be changed where it stands on the
diagram (click or tap it, or Tab to it and press Enter, and type; or drag it sideways) or in the list of
given numbers (type, drag the name sideways, or ↑ ↓ in the field: :mod:`~backprop.pictures.explorer_drag`),
and the activation Φ (and Φ_out, on a page made with one) chosen from a menu; every formula, number and
the diagram follow at once, recomputed by the same generated step (it takes Φ and Φ′ as functions,
written from :data:`backprop.math.unrolled.JAVASCRIPT_PHI`). The few numbers the diagram shows that
are not a formula's own — d − y, and the lecture's ∂y/∂h′_j — are printed from the records too
(the factor of α(d − y) and of δ¹_1j). "Take a step" applies ΔW and shows E before and after;
"Train" plays SGD epochs on the sample, or on xor, and or or (for two inputs), drawing the mean E
of each epoch, until paused, or "diverged" where a weight or E is no longer finite; "Reset"
returns to the page's own numbers. Text that is not a finite number (letters, nothing, 1e999, NaN)
or an α that is not positive is shown as an error beside its field and changes nothing else.
With the page's own numbers each formula also shows its line of ``trace --format html``
(:func:`worked_lines`); once a number is changed those lines are hidden, as they hold the old numbers.
Numbers are shown as :func:`backprop.math.notation.number` shows them (%g to 4 significant digits,
halves to even, a real minus sign). Bias and the output (the lecture's linear one, or Φ_out) come
from menus too. They change which formulas exist, so the page holds one *variant* per bias and
output (:func:`variant`: a bias the network did not have starts at 0), each printed whole from the
records — its formulas, its two views, its step — and a menu shows another; Φ_out's name within a
variant is a function, as Φ is. Each variant's worked lines are those of ``trace --format html`` for
its network, shown while the numbers and Φ are the page's own and Φ_out the variant's.
Past :data:`MENU_WEIGHTS` weights the page has its own bias and output alone (``--bias``,
``--output-activation``).
Several outputs (d_1 … d_m) and cross-entropy (binary, or softmax) are the same step as ``unroll``
prints: the error of all outputs carried back together, so the backward view's ∂y_j/∂h′ of each
single output (and a deep network's δ with cross-entropy) are not the step's own numbers: they show
the page's own numbers, hidden once a number is changed, as the worked lines are. A page of
cross-entropy or softmax keeps its output (the loss's matched pair); its bias comes from the menu.

The page needs nothing else: no network, no external script, font or style; it opens from
``file://``. Without its script it still lists every formula and draws both views.
:func:`explore` shows the same in a notebook, inline: every id and style of it is its own.
"""

import hashlib
import json
import re
from html import escape, unescape

from backprop.activations import ACTIVATIONS
from backprop.files import datasets
from backprop.math import unrolled
from backprop.math.deep import DeepNetwork
from backprop.network import Network
from backprop.pictures import explorer_drag
from backprop.pictures.diagram import CHAR_WIDTH, NEGATIVE, POSITIVE, ZERO, diagram, symbol, written
from backprop.trace import worked
from backprop.trace.explain import explain

__all__ = ["explore", "Explorer", "render"]  # what the API documents; the rest serves them

MAX_NEURONS = 12
"""The most neurons in one layer a page shows: past it the diagram's labels no longer fit readably
(the layout is tested up to 12 a layer), and the page of 2-12-12-1 is already about 1.2 MB."""
FORWARD_RULES = ("feedforward", "Φ", "error")  # shown on the forward view; the rest on the backward
NAME = re.compile(r"^(dy_dh_prime|delta_W|dy_dW|alpha_error_h_prime|error_h_prime|h_prime|phi_prime|x|h|W)(\d*)_([\d_]+)$")
OUTPUT_NAMES = ("y", "y_prime", "dy_dy_prime", "E", "alpha_error", "d", "error", "error_y_prime", "alpha_error_y_prime")
OF_ALL_OUTPUTS = ("E", "m", "sum_e", "lse")  # softmax's and the loss's: every output's card
OUTPUT = re.compile(r"^(y|y_prime|d|error|dy_dy_prime|error_y_prime|alpha_error_y_prime|e)_(\d+)$")  # of output j, one-based
MENU_WEIGHTS = 200
"""The bias and output menus are on the page of a network of at most this many weights (with bias): each
choice is one more copy of the formulas and both diagrams (the page of 2-8-8-1 grows from about 0.57 to
2.2 MB), so a larger network's page has its own bias and output, chosen by ``--bias`` and
``--output-activation``."""
DATA_SETS = ("xor", "and", "or")  # the two-input gates a page can train on
DIGITS = 4

CSS = """
.backprop-explorer { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; line-height: 1.45;
                     position: relative; }
.backprop-explorer h1 { font-size: 1.4rem; margin: 0.3rem 0; }
.backprop-explorer [hidden] { display: none !important; }  /* a variant, a field of bias, a view not shown */
.backprop-explorer .controls { position: sticky; top: 0; background: #fff; padding: 0.4rem 0; z-index: 2;
                               display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.backprop-explorer button, .backprop-explorer select { font-size: 1rem; padding: 0.3rem 0.7rem; }
.backprop-explorer figure { margin: 0.3rem 0; }
.backprop-explorer figcaption { color: #555; font-size: 0.9rem; }
.backprop-explorer .drawing { max-width: 100%; border: 1px solid #eee; overflow: auto; }
.backprop-explorer .drawing svg { display: block; max-width: 100%; height: auto; }
.backprop-explorer .pictures { position: sticky; top: 2.9rem; background: #fff; z-index: 1; }
@media (min-width: 900px) {
  .backprop-explorer .layout { display: grid; grid-template-columns: minmax(20rem, 2fr) 3fr; gap: 1rem;
                               align-items: start; }
  .backprop-explorer .pictures { order: 2; }
}
@media (max-width: 899px) {
  .backprop-explorer .pictures figure .drawing { max-height: 38vh; }
  .backprop-explorer .pictures figure .drawing svg { max-height: 38vh; margin: 0 auto; }
}
.backprop-explorer ol.formulas { padding-left: 2.6rem; }
.backprop-explorer ol.formulas li { margin: 0.1rem 0; padding: 0.1rem 0.3rem; overflow-wrap: anywhere;
                                    content-visibility: auto; contain-intrinsic-size: auto 3rem; }
/* content-visibility: a formula off the screen is not laid out when its number changes (2-8-8-1: a
   changed number's layout from about 7 ms to 2; benchmarks/README.md) */
@media print { .backprop-explorer ol.formulas li { content-visibility: visible; } }
.backprop-explorer ol.formulas li.rule { list-style: none; margin-left: -2.2rem; color: #555; font-style: italic;
                                         margin-top: 0.6rem; }
.backprop-explorer ol.formulas li.current { background: #fff3cd; outline: 2px solid #f5a400; }
.backprop-explorer code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9rem;
                          white-space: pre-wrap; }
.backprop-explorer output { font-weight: bold; }
.backprop-explorer .worked { color: #444; font-size: 0.9rem; font-family: Georgia, serif; }
.backprop-explorer .worked sub, .backprop-explorer .worked sup { font-size: 0.7em; }
@media screen { .backprop-explorer .worked sub, .backprop-explorer .worked sup { font-size: max(14px, 0.7em); } }
.backprop-explorer.changed .worked { display: none; }  /* the worked lines are for the page's own numbers */
.backprop-explorer.changed text.fixed { visibility: hidden; }  /* so are the diagram's numbers the step has not */
.backprop-explorer .positive { color: POSITIVE; } .backprop-explorer .negative { color: NEGATIVE; }
.backprop-explorer g.node.active rect { stroke: #f5a400; stroke-width: 4px; }
.backprop-explorer g.edge-label.active rect { stroke: #f5a400; stroke-width: 3px; }
.backprop-explorer line.edge.active { stroke: #f5a400; }
.backprop-explorer [data-given] { cursor: pointer; text-decoration: underline dotted; }
.backprop-explorer [data-given]:focus { outline: 2px solid #1f5fbf; }
.backprop-explorer [data-given], .backprop-explorer .drag { touch-action: none; user-select: none; }
.backprop-explorer .drag { cursor: ew-resize; border-bottom: 1px dotted #888; }
.backprop-explorer .live { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.4rem 0; }
.backprop-explorer .status { font-weight: normal; }
.backprop-explorer .status.diverged { color: NEGATIVE; font-weight: bold; }
.backprop-explorer details.given { margin: 0.4rem 0; }
.backprop-explorer .fields { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; }
.backprop-explorer .field { display: inline-flex; gap: 0.3rem; align-items: baseline; flex-wrap: wrap; }
.backprop-explorer .field input { width: 6.5rem; font-size: 1rem; }
.backprop-explorer .error { color: NEGATIVE; font-size: 0.9rem; }
.backprop-explorer .editor { position: absolute; z-index: 3; background: #fff; border: 1px solid #1f5fbf;
                             padding: 0.2rem; box-shadow: 0 2px 6px rgba(0,0,0,0.25); }
.backprop-explorer .editor input { width: 7rem; font-size: 1rem; }
.backprop-explorer .loss svg { width: 100%; max-width: 30rem; height: auto; border: 1px solid #eee; }
@media print { .backprop-explorer .controls, .backprop-explorer .live, .backprop-explorer details.given { display: none; } }
""".replace("POSITIVE", POSITIVE).replace("NEGATIVE", NEGATIVE)
PAGE_CSS = """
body { margin: 1rem auto; max-width: 80rem; padding: 0 0.75rem; }
"""

SCRIPT = r"""
// its own element: the one this script stands in (several may share a notebook), else by its id
const root = (document.currentScript && document.currentScript.closest(".backprop-explorer"))
             || document.getElementById(PAGE.id);
const $ = selector => root.querySelector(selector), $$ = selector => [...root.querySelectorAll(selector)];
const DIGITS = PAGE.digits;
let given = Object.assign({}, PAGE.given), chosen = Object.assign({}, PAGE.chosen);

function halfEven(v, digits) {  // Python's %g rounds an exact half to even; toExponential rounds it up
  if (v === 0 || !v.toExponential(digits).split("e")[0].endsWith("5")) return v;  // no half: the common case
  const [mantissa, exponent] = Math.abs(v).toExponential(99).split("e");
  const all = mantissa.replace(".", "");
  if (all[digits] !== "5" || /[^0]/.test(all.slice(digits + 1)) || Number(all[digits - 1]) % 2 === 1) return v;
  return Math.sign(v) * Number(all[0] + "." + all.slice(1, digits) + "e" + exponent);
}
function shown(v, digits = DIGITS) {  // as backprop.math.notation.number: %g to `digits` digits, a real minus
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "\u2212inf";
  v = halfEven(v, digits);
  const [mantissa, exponent] = v.toExponential(digits - 1).split("e");
  const e = Number(exponent);
  let text;
  if (e < -4 || e >= digits) {
    text = mantissa.replace(/\.?0+$/, "") + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0");
  } else {
    text = v.toFixed(Math.max(0, digits - 1 - e));
    if (text.includes(".")) text = text.replace(/\.?0+$/, "");
    if (Number(text) === 0) text = "0";
  }
  return text.replace(/-/g, "\u2212");
}

function run(g) {  // the generated step of the variant shown, with the chosen Φ and Φ_out
  const [phi, phi_prime] = PHI[chosen.phi];
  const [phi_out, phi_out_prime] = chosen.phi_out ? PHI[chosen.phi_out] : [null, null];
  return V.step(g, phi, phi_prime, phi_out, phi_out_prime);
}
function finite(result) { return Number.isFinite(result.E) && V.weights.every(w => Number.isFinite(result[w])); }

// --- the variants: one a bias and an output (linear or Φ_out), each its own formulas, views and step ---
const titles = new Map($$("svg title").map(t => [t, t.textContent]));
const drawing = (svg, parts) => ({
  backward: svg.dataset.view === "backward", figure: svg.closest("figure"), dirty: true,
  numbers: [...svg.querySelectorAll("[data-value]")],
  lines: [...svg.querySelectorAll("line.edge")].map(line => [line, parts[line.dataset.weight]]),
  labels: [...svg.querySelectorAll("g.edge-label")].map(label => ({
    rect: label.querySelector("rect"), texts: [...label.querySelectorAll("text")], weight: parts[label.dataset.weight],
    centre: Number(label.querySelector("text").getAttribute("x"))})),
  titled: [...svg.querySelectorAll("g.node, g.edge-label, line.edge")].map(part => ({  // a part, and the texts it names
    title: part.querySelector("title"), node: part.classList.contains("node"),
    texts: [...(part.tagName === "line" ? svg.querySelector(`g.edge-label[data-weight="${part.dataset.weight}"]`)
                : part).querySelectorAll("text")]})),
});
const variants = Object.fromEntries(Object.entries(PAGE.variants).map(([key, data]) => {
  const element = $(`.variant[data-variant="${key}"]`), items = [...element.querySelectorAll("li.formula")];
  return [key, Object.assign({key, element, items, outputs: items.map(item => item.querySelector("output")),
    about: $(`.about[data-variant="${key}"]`), steps: data.steps, weights: data.weights, out: data.out,
    names: data.weights.concat(PAGE.x, ["d", "alpha"]),
    views: {forward: element.querySelector("figure.forward"), backward: element.querySelector("figure.backward")},
    drawings: [...element.querySelectorAll("figure.view svg")].map(svg => drawing(svg, data.parts))}, FUNCTIONS[key])];
}));
const variantOf = c => (c.bias ? "bias" : "plain") + "-" + (c.phi_out ? "out" : "linear");
let V = variants[variantOf(chosen)];
function switchVariant() {  // show the variant of the bias and output chosen
  const next = variants[variantOf(chosen)];
  for (const field of $$(".field[data-bias]")) field.hidden = !chosen.bias;
  if (next === V) return;
  V.element.hidden = V.about.hidden = true;
  V = next;
  V.element.hidden = V.about.hidden = false;
  redraw();
  show(current, true);
}
const names = {phi: $$(".phi-name"), phi_out: $$(".phi-out-name")};
function attribute(element, name, text) {
  if (text === null) element.removeAttribute(name);
  else if (element.getAttribute(name) !== text) element.setAttribute(name, text);
}
function paint(element, value, largest) {
  attribute(element, "stroke", value > 0 ? PAGE.colours[0] : value < 0 ? PAGE.colours[1] : PAGE.colours[2]);
  attribute(element, "stroke-dasharray", value < 0 ? "6 4" : null);  // the sign without colour, as the diagram draws it
  if (largest !== undefined) attribute(element, "stroke-width", (1 + 4 * Math.abs(value) / largest).toFixed(2));
}
function redraw() {
  const result = run(given);
  const all = Object.assign({}, result, V.extras(Object.assign({}, result, given)), given);  // W: before the step
  V.outputs.forEach((out, n) => {
    const value = result[V.steps[n].target];
    put(out, shown(value));
    const sign = value > 0 ? "positive" : value < 0 ? "negative" : "";
    if (out.className !== sign) out.className = sign;
  });
  last = {result, all, changed: isChanged()};
  root.classList.toggle("changed", last.changed);
  for (const drawing of V.drawings) {
    if (drawing.figure.hidden) drawing.dirty = true;  // drawn when it is shown: half the work, and no layout
    else draw(drawing);
  }
  for (const span of names.phi) put(span, chosen.phi);
  if (chosen.phi_out) for (const span of names.phi_out) put(span, chosen.phi_out);
  return result;
}
let last = null;
function draw(drawing) {  // one view of the diagram with the last numbers
  const {result, all, changed} = last;
  drawing.dirty = false;
  for (const text of drawing.numbers) put(text, text.dataset.prefix + shown(all[text.dataset.value]));
  {
    const value = name => drawing.backward ? result["delta_" + name] : given[name];
    const largest = Math.max(...V.weights.map(w => Math.abs(value(w)))) || 1.0;
    for (const [line, weight] of drawing.lines) paint(line, value(weight), largest);
    for (const label of drawing.labels) {
      paint(label.rect, value(label.weight));
      // wide enough for its text, as the diagram sizes it (an estimate of the font, no layout needed)
      const width = Math.max(...label.texts.map(t => t.textContent.length)) * PAGE.char + 10;
      attribute(label.rect, "x", (label.centre - width / 2).toFixed(1));
      attribute(label.rect, "width", width.toFixed(1));
    }
    for (const {title, node, texts} of drawing.titled) {  // the worked lines while the numbers are the page's own
      const words = texts.map(t => t.textContent);
      put(title, !changed ? titles.get(title) : node ? words[0] + ": " + words.slice(1).join(", ") : words.join(", "));
    }
  }
}
function put(element, text) { if (element.textContent !== text) element.textContent = text; }  // a write only where it changes
function isChanged() {  // the trace's lines are those of the page's numbers and Φ, each variant's Φ_out, either bias
  return V.names.some(k => given[k] !== PAGE.given[k]) || chosen.phi !== PAGE.chosen.phi || chosen.phi_out !== V.out;
}
function alternative(which, name) {  // every variant's formulas: code and words for another Φ or Φ_out
  for (const v of Object.values(variants)) {
    const data = PAGE.variants[v.key];
    for (const [n, code, words] of (data.alternatives[which] || {})[name] || []) {
      v.items[n - 1].querySelector("code").textContent = code;
      const rule = v.element.querySelector(`li.rule[data-first="${n}"]`);
      if (rule) rule.textContent = words;
    }
  }
}
function choose(which, name) {  // Φ, Φ_out (null or "identity": the lecture's linear output) or bias, as the menus do
  if (which === "phi_out" && name === "identity") name = null;
  const menu = $(`select.${which.replace("_", "-")}`);
  if (menu) menu.value = which === "bias" ? (name ? "yes" : "no") : name || "identity";
  chosen[which] = name;
  if (which !== "bias" && name) alternative(which, name);
  switchVariant();
}

// --- changing a given number ---------------------------------------------------------------------
const NUMBER = /^[+\-\u2212]?(\d+\.?\d*|\.\d+)([eE][+\-\u2212]?\d+)?$/;
function parse(text, name) {
  const t = text.trim();
  if (t === "") return [null, "empty: type a number"];
  if (!NUMBER.test(t)) return [null, `\u201c${t}\u201d is not a number`];
  const v = Number(t.replace(/\u2212/g, "-"));
  if (!Number.isFinite(v)) return [null, `${t} is not a finite number`];
  if (name === "alpha" && !(v > 0)) return [null, "\u03b1 must be a positive number (for example 0.1)"];
  if (PAGE.probability && PAGE.d.includes(name) && !(v >= 0 && v <= 1))  // as backprop.loss.target says
    return [null, "cross-entropy needs targets that are probabilities, in [0, 1]"];
  return [v, null];
}
function field(name) { return root.querySelector(`input[data-name="${name}"]`); }
function setGiven(name, text) {  // the number typed for `name`, or an error beside its field and no change
  const [value, error] = parse(text, name);
  const message = root.querySelector(`.error[data-for="${name}"]`);
  message.textContent = error ? error : "";
  field(name).setAttribute("aria-invalid", error ? "true" : "false");
  if (error) return error;
  stopTraining();
  given[name] = value;
  redraw();
  return null;
}
function set(values) {  // several given numbers at once (text, as typed), each checked as a field checks it
  for (const [name, text] of Object.entries(values)) {
    const [value, error] = parse(text, name);
    if (error) return `${name}: ${error}`;
    values[name] = value;
  }
  stopTraining();
  Object.assign(given, values);
  syncFields();
  redraw();
  return null;
}
function syncFields() {
  for (const name of Object.keys(given)) {
    field(name).value = shown(given[name]);
    root.querySelector(`.error[data-for="${name}"]`).textContent = "";
    field(name).setAttribute("aria-invalid", "false");
  }
}
for (const input of $$("input[data-name]")) input.addEventListener("input", () => setGiven(input.dataset.name, input.value));

const editor = $(".editor"), editorInput = editor.querySelector("input"), editorError = editor.querySelector(".error");
let editing = null;
function openEditor(text) {
  editing = text;
  const box = text.getBoundingClientRect(), origin = root.getBoundingClientRect();
  editor.hidden = false;
  const left = Math.max(0, Math.min(box.left - origin.left, root.clientWidth - editor.offsetWidth));
  editor.style.left = left + "px";
  editor.style.top = (box.bottom - origin.top + 2) + "px";
  editor.querySelector("label span").textContent = text.dataset.symbol;
  editorInput.value = shown(given[text.dataset.given]);
  editorError.textContent = "";
  editorInput.focus();
  editorInput.select();
}
function closeEditor(refocus) {
  if (!editing) return;
  const text = editing;
  editing = null;
  editor.hidden = true;
  if (refocus) text.focus();
}
editorInput.addEventListener("input", () => {
  const name = editing.dataset.given;
  field(name).value = editorInput.value;
  editorError.textContent = setGiven(name, editorInput.value) || "";
});
editorInput.addEventListener("keydown", event => {
  if (event.key === "Enter" || event.key === "Escape") {
    if (event.key === "Enter" && editorError.textContent) return;  // the error stays beside the field
    closeEditor(true);
    event.preventDefault();
  }
});
editorInput.addEventListener("blur", () => closeEditor(false));
for (const text of $$("svg [data-given]")) {
  text.addEventListener("click", () => openEditor(text));
  text.addEventListener("keydown", event => {
    if (event.key === "Enter" || event.key === " ") { openEditor(text); event.preventDefault(); event.stopPropagation(); }
  });
}

// --- a step, training, reset ---------------------------------------------------------------------
const status = $(".status");
function say(text, diverged) { status.textContent = text; status.classList.toggle("diverged", !!diverged); }
function takeStep() {
  stopTraining();
  const before = run(given);
  if (!finite(before)) { say("diverged: a weight or E is not finite; the weights are unchanged", true); return; }
  for (const w of V.weights) given[w] = before[w];
  syncFields();
  const after = redraw();
  say(`E before the step ${shown(before.E)}, after it ${shown(after.E)}`);
  $(".E-before").textContent = shown(before.E);
  $(".E-after").textContent = shown(after.E);
}
let training = null, losses = [], epoch = 0;
function samples() {
  const name = $("select.data").value;
  if (name === "sample") return [[PAGE.x.map(x => given[x]), PAGE.d.map(d => given[d])]];
  return PAGE.data[name];
}
function trainEpoch() {  // one SGD step per sample, in order, as backprop.train takes them (shuffle off)
  const g = Object.assign({}, given), E = [];
  for (const [x, d] of samples()) {
    PAGE.x.forEach((name, i) => g[name] = x[i]);
    PAGE.d.forEach((name, j) => g[name] = Array.isArray(d) ? d[j] : d);  // d_1 … d_m, or the data set's one d
    const result = run(g);
    if (!finite(result)) {
      for (const w of V.weights) given[w] = g[w];  // the last finite weights
      stopTraining();
      syncFields();
      redraw();
      say(`training diverged in epoch ${epoch + 1}: a weight became infinite or NaN; the network keeps the last `
          + `finite weights; try an alpha smaller than ${shown(given.alpha)}`, true);
      return false;
    }
    for (const w of V.weights) g[w] = result[w];
    E.push(result.E);
  }
  for (const w of V.weights) given[w] = g[w];
  epoch += 1;
  losses.push(E.reduce((a, b) => a + b, 0) / E.length);
  return true;
}
function drawLoss() {
  const figure = $("figure.loss"), line = figure.querySelector("polyline");
  figure.hidden = false;
  const top = Math.max(...losses.filter(Number.isFinite)) || 1;
  const n = Math.max(losses.length - 1, 1);
  line.setAttribute("points", losses.map((E, i) => `${(300 * i / n).toFixed(1)},${(115 - 110 * E / top).toFixed(1)}`).join(" "));
  figure.querySelector(".loss-text").textContent =
    `epoch ${epoch}: mean E ${shown(losses[losses.length - 1])} (epoch 1: ${shown(losses[0])})`;
}
function train(epochs) {  // `epochs` at once (for a test), else play until paused
  if (training) { stopTraining(); return; }
  if (epochs !== undefined) {
    for (let k = 0; k < epochs; k++) if (!trainEpoch()) { drawLoss(); return; }
    syncFields(); redraw(); drawLoss(); say(`trained ${epochs} epochs`);
    return;
  }
  $("button.train").textContent = "pause";
  training = setInterval(() => {
    const each = Math.max(1, Math.round(8 / samples().length));
    for (let k = 0; k < each; k++) if (!trainEpoch()) { drawLoss(); return; }
    syncFields(); redraw(); drawLoss();
    say(`training: epoch ${epoch}`);
  }, 40);
}
function stopTraining() {
  if (!training) return;
  clearInterval(training);
  training = null;
  $("button.train").textContent = "train";
}
function reset() {
  stopTraining();
  given = Object.assign({}, PAGE.given);
  if (PAGE.default_out && !PAGE.chosen.phi_out) alternative("phi_out", PAGE.default_out);  // as drawn
  for (const which of ["phi", "phi_out", "bias"]) choose(which, PAGE.chosen[which]);
  losses = []; epoch = 0;
  $("figure.loss").hidden = true;
  $(".E-before").textContent = $(".E-after").textContent = "";
  syncFields();
  redraw();
  say("the page's own numbers again");
}
$("button.take-step").addEventListener("click", takeStep);
$("button.train").addEventListener("click", () => train());
$("button.reset").addEventListener("click", reset);
for (const which of ["phi", "phi_out", "bias"]) {
  const select = $(`select.${which.replace("_", "-")}`);
  if (select) select.addEventListener("change", () => {
    stopTraining();
    choose(which, which === "bias" ? select.value === "yes" : select.value);
    redraw();
  });
}

// --- stepping through the formulas ----------------------------------------------------------------
const counter = $(".line-shown");
let current = 0, playing = null;
function show(n, quiet) {  // quiet: not scrolled to, the address unchanged
  n = Math.max(1, Math.min(V.steps.length, n));
  current = n;
  const at = V.steps[n - 1];
  V.items.forEach((item, k) => { item.classList.toggle("current", k === n - 1);
                               if (k === n - 1) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current"); });
  for (const [view, figure] of Object.entries(V.views)) figure.hidden = view !== at.view;
  for (const drawing of V.drawings) if (drawing.dirty && !drawing.figure.hidden) draw(drawing);
  $$(".active").forEach(part => part.classList.remove("active"));
  const figure = V.views[at.view];
  for (const name of at.weights) figure.querySelectorAll(`[data-weight="${name}"]`).forEach(p => p.classList.add("active"));
  for (const name of at.neurons) figure.querySelectorAll(`[data-neuron="${name}"]`).forEach(p => p.classList.add("active"));
  counter.textContent = `${n} of ${V.steps.length}`;
  if (PAGE.page && !quiet) {
    V.items[n - 1].scrollIntoView({block: "nearest"});
    history.replaceState(null, "", "#line=" + n);
  }
}
function play() {
  const button = $("button.play");
  if (playing) { clearInterval(playing); playing = null; button.textContent = "play"; return; }
  button.textContent = "pause";
  playing = setInterval(() => { if (current >= V.steps.length) play(); else show(current + 1); }, 900);
}
$("button.back").addEventListener("click", () => show(current - 1));
$("button.next").addEventListener("click", () => show(current + 1));
$("button.play").addEventListener("click", play);
(PAGE.page ? document : root).addEventListener("keydown", event => {
  const target = event.target;
  if (target.closest && target.closest("input, select, textarea, [data-given]")) return;  // they take their keys
  if (target.closest && target.closest("button") && (event.key === " " || event.key === "Enter")) return;
  if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
  else if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
  else if (event.key === " ") { play(); event.preventDefault(); }
});
function fromAddress() {
  const match = /^#line=(\d+)$/.exec(location.hash);
  show(match ? Number(match[1]) : 1);
}
if (window.ResizeObserver) {  // the sticky diagram stands right below the sticky buttons, however they wrap
  new ResizeObserver(() => { $(".pictures").style.top = $(".controls").offsetHeight + "px"; }).observe($(".controls"));
}
if (root.clientWidth < 600) $("details.given").open = false;  // a phone: the diagram first; the list one tap away
redraw();
if (PAGE.page) { window.addEventListener("hashchange", fromAddress); fromAddress(); } else show(1);
root.explorer = {shown, parse, set, setGiven, takeStep, train, reset, choose, redraw, run, show: n => show(n, true),
                 get given() { return given; }, get losses() { return losses; }};
"""


def parts(record: dict, name: str) -> tuple[list[str], list[str]]:
    """The diagram's weights (``data-weight``) and neurons (``data-neuron``) that the unrolled
    step's ``name`` belongs to: ``W1_12`` and ``dy_dW1_12`` to the edge W¹₁₂, ``h_prime_2`` and
    ``phi_prime_2`` to the card h₂, ``y`` and ``E`` to the output's card."""
    if name in OF_ALL_OUTPUTS:
        return [], [symbol(worked.y(record, j)) for j in range(record["layers"][-1])]
    if name in OUTPUT_NAMES:
        return [], [symbol(worked.y(record, 0))]
    if OUTPUT.match(name):
        return [], [symbol(worked.y(record, int(OUTPUT.match(name).group(2)) - 1))]
    match = NAME.match(name)
    if match is None:  # alpha: no part of the diagram
        return [], []
    kind, layer, indices, k = _indices(name)
    if kind == "x":
        return [], [symbol(worked.Sym("x", (indices[0],)))]
    if kind in ("W", "dy_dW", "delta_W"):
        return [symbol(worked.W(record, k, *indices))], []
    return [], [symbol(worked.h(record, k, indices[0]))]


def _indices(name: str) -> tuple:
    """(kind, layer, zero-based indices, zero-based k) of a name like ``dy_dW2_13`` or ``h_prime1_2``."""
    kind, layer, rest = NAME.match(name).groups()
    indices = [int(i) - 1 for i in (rest.split("_") if "_" in rest else rest)]
    k = int(layer) - 1 if layer else 0  # the lecture's h_prime_2 has no layer: its one hidden layer
    return kind, layer, indices, k


def label(record: dict, name: str) -> str | None:
    """What the diagram writes before `` = value`` for the value ``name``, or None where it shows none:
    ``W¹₁₂`` (forward), ``δ¹₁₂`` and ``ΔW¹₁₂`` (backward), ``h′₂``, ``∂y/∂h′₂``, ``d − y``, ``E``."""
    j = int(OUTPUT.match(name).group(2)) - 1 if OUTPUT.match(name) else 0  # y_2: output 2; y: the only one
    name = OUTPUT.match(name).group(1) if OUTPUT.match(name) else name
    if name in ("y", "d", "E"):
        return {"y": symbol(worked.y(record, j)), "d": symbol(worked.d(record, j)), "E": "E"}[name]
    if name == "error":
        return "".join(map(written, worked.error_line(record, j).parts[0]))
    if name == "dy_dy_prime":
        return "".join(map(written, worked.phi_out_prime_line(record, j).parts[0]))
    if NAME.match(name) is None:
        return None
    kind, _, indices, k = _indices(name)
    if kind.startswith(("error_", "alpha_error_")):  # (α ·) Σ_j (d_j − y_j)·∂y_j/∂…: in the formulas, not on the diagram
        return None
    if kind == "x":
        return symbol(worked.Sym("x", (indices[0],)))
    if kind in ("W", "dy_dW", "delta_W"):
        return symbol({"W": worked.W, "dy_dW": worked.delta, "delta_W": worked.change}[kind](record, k, *indices))
    if kind in ("h", "h_prime"):
        return symbol(worked.h(record, k, indices[0], prime=kind == "h_prime"))
    if kind == "dy_dh_prime":
        return written(worked.error_term_line(record, 0, k, indices[0]).parts[0][0])
    return None  # Φ′: in the formulas, not on the diagram


def worked_lines(record: dict, digits: int = DIGITS) -> dict:
    """The lines of ``trace --format html`` by what they compute, as HTML: ``{"h′₁": "<var>h</var>′…", …}``
    (the key is the line's left side, as the diagram writes it); the first line of each."""
    from backprop.trace.formats.html_format import HtmlStyle

    style, out = HtmlStyle(digits), {}
    for section in worked.sections(record)[1:]:  # not the given numbers
        for line in section.lines:
            if not line.rule and not line.caption:
                key = "".join(term if isinstance(term, str) else written(term) for term in line.parts[0])
                out.setdefault(key, style.math(line))
    return out


def _worked_keys(record: dict, target: str, update: bool) -> list[str]:
    """The keys of :func:`worked_lines` of the formula that computes ``target``: a weight's update
    has two lines, ΔW and W ← W + ΔW."""
    if update:
        W, change = label(record, target), label(record, "delta_" + target)
        return [change, f"{W}←{W}+{change}"]
    if target == "y_prime" or target.startswith("y_prime_"):
        return [symbol(worked.y(record, int(target[8:] or 1) - 1, prime=True))]
    if target.startswith("phi_prime"):
        return ["Φ′(" + label(record, target.replace("phi_prime", "h_prime")) + ")"]
    return [label(record, target)]


def steps(net, record: dict) -> list[dict]:
    """Every formula of the step as the page shows it: its number, rule, the lecture's words
    above it, its code, its target, the view and the diagram's parts it uses."""
    out, words, known = [], "", {}
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
            if name not in known:
                known[name] = parts(record, name)
            more_weights, more_neurons = known[name]
            weights += [w for w in more_weights if w not in weights]
            neurons += [n for n in more_neurons if n not in neurons]
        out.append({"n": len(out) + 1, "rule": formula.rule, "words": words, "code": code,
                    "target": formula.target, "view": "forward" if formula.rule in FORWARD_RULES else "backward",
                    "weights": weights, "neurons": neurons})
    return out


def given(net, x, d: float, alpha: float) -> dict:
    """The step's given numbers by the unrolled code's names."""
    values = dict(zip(unrolled.weight_names(net), _weights(net)))
    values.update({f"x_{i + 1}": value for i, value in enumerate(x)})
    if isinstance(d, list) and len(d) > 1:  # d_1 … d_m of several outputs
        values.update({f"d_{j + 1}": d_j for j, d_j in enumerate(d)})
    else:
        values["d"] = d[0] if isinstance(d, list) else d
    values["alpha"] = alpha
    return values


def _weights(net) -> list[float]:
    return ([w for row in net.W1 for w in row] + list(net.W2) if isinstance(net, Network)
            else [w for W_k in net.W for row in W_k for w in row])


def _with(net, activation: str, output_activation: str):
    """``net`` with another of the library's activations (its weights shared, not copied)."""
    if isinstance(net, Network):
        return Network(net.W1, net.W2, activation=activation, output_activation=output_activation, bias=net.bias,
                       loss=net.loss)
    return DeepNetwork(net.W, activation=activation, output_activation=output_activation, bias=net.bias, loss=net.loss)


def _output_choices(net) -> list[str]:
    """The Φ_out a page may switch to: any but the identity; cross-entropy's sigmoid alone (its matched pair)."""
    return ["sigmoid"] if net.loss == "cross_entropy" else [n for n in ACTIVATIONS if n != "identity"]


def alternatives(net, record: dict, the_steps: list[dict]) -> dict:
    """For each built-in Φ (and Φ_out, where the output has one), the formulas whose code or words
    differ from another's: ``{"phi": {"tanh": [[n, code, words], …]}, "phi_out": {…}}``."""
    phi, phi_out = record["activation"], record["output_activation"]
    choices = {"phi": {name: steps(_with(net, name, phi_out), record) for name in ACTIVATIONS},
               "phi_out": {} if phi_out in ("identity", "softmax") else {
                   name: steps(_with(net, phi, name), record) for name in _output_choices(net)}}
    out = {}
    for which, by_name in choices.items():
        differ = [n for n in range(len(the_steps))
                  if len({(s[n]["code"], s[n]["words"]) for s in by_name.values()}) > 1]
        out[which] = {name: [[n + 1, s[n]["code"], s[n]["words"]] for n in differ] for name, s in by_name.items()}
    return out


def extras(net) -> dict:
    """The diagram's numbers that are not a formula's own, by name, as expressions of the records:
    d − y (the factor of α(d − y); d_j − y_j of each output where the step carries the outputs' errors
    together) and, in the lecture's network, ∂y/∂h′_j (the factor of δ¹_1j)."""
    records = [r for r in unrolled.formulas(net) if isinstance(r, unrolled.Formula)]
    alpha_error = [r for r in records if r.target == "alpha_error"]
    if not alpha_error:  # the step of all outputs (deep.changes_of_all_outputs): d_j − y_j of each
        n_out = net.n_outputs
        return {"error" if n_out == 1 else f"error_{j + 1}": unrolled.Group(unrolled.Difference(
            "d" if n_out == 1 else f"d_{j + 1}", "y" if n_out == 1 else f"y_{j + 1}")) for j in range(n_out)}
    shown = {"error": alpha_error[0].expression.factors[1]}
    if isinstance(net, Network):
        weights = unrolled.weight_names(net)
        for j in range(net.n_hidden):
            (first,) = [r for r in records if r.target == weights[j].replace("W", "dy_dW", 1)]
            factors = first.expression.factors if isinstance(first.expression, unrolled.Product) else [first.expression]
            shown[f"dy_dh_prime_{j + 1}"] = factors[-1]
    return shown


def extras_javascript(net) -> str:
    """``extras(v)``: the numbers of :func:`extras`, printed from the records as JavaScript."""
    shown = extras(net)
    names = list(dict.fromkeys(n for e in shown.values() for n in unrolled.Formula("", e, "").operands))
    return "\n".join(["function extras(v) {", f"  const {{{', '.join(names)}}} = v;",
                      "  return {" + ", ".join(f"{k}: {unrolled.javascript_expression(e, calls=True)}"
                                               for k, e in shown.items()) + "};", "}"])


def phi_javascript() -> str:
    """``const PHI``: Φ(z) and Φ′(h) of every built-in activation as functions, as unrolled writes them."""
    entries = [f'  "{name}": [z => {unrolled.JAVASCRIPT_PHI[name].format(z="z")}, '
               f'h => {unrolled.JAVASCRIPT_PHI_PRIME[name].format(h="h")}]' for name in ACTIVATIONS]
    return "const PHI = {\n" + ",\n".join(entries) + "\n};"


TEXT = re.compile(r'<g class="(?:node[^"]*|edge-label)" data-(neuron|weight)="([^"]*)">'
                  r'|<text class="(node-value|edge-text)"([^>]*)>([^<]*)</text>')


def annotate(svg: str, view: str, names: dict, givens: set) -> str:
    """The diagram with each number's value name on its ``<text>`` (``data-value``, and the text
    before the number in ``data-prefix``), for the page's script to rewrite; the forward view's
    given numbers (x, d, the weights) focusable, to change them where they stand."""
    part = [None]

    def one(match) -> str:
        if match.group(1):
            part[0] = unescape(match.group(2))
            return match.group(0)
        text = unescape(match.group(5))
        if "(bias)" in text:
            return match.group(0)
        if " = " in text:
            prefix = text[:text.index(" = ") + 3]
            name = names.get(text[:text.index(" = ")])
        elif text.startswith("= "):  # an input's card: x₁ = in the name line above
            prefix, name = "= ", names.get(part[0])
        else:  # a crowded gap's label: the value alone, the weight's (forward) or its ΔW (backward)
            prefix, name = "", names.get(part[0])
            if name is not None and view == "backward":
                name = "delta_" + name
        if name is None:  # a number the step does not compute (a single output's ∂y_j/∂h′): the page's own
            return f'<text class="{match.group(3)} fixed"{match.group(4)}>{match.group(5)}</text>'
        more = f' data-value="{name}" data-prefix="{escape(prefix)}"'
        if view == "forward" and name in givens:
            what = (prefix[:-3] if prefix.endswith(" = ") else part[0])
            more += (f' data-given="{name}" data-symbol="{escape(what)}" tabindex="0" role="button" '
                     f'aria-label="{escape(what)}: change it"')
        return f'<text class="{match.group(3)}"{match.group(4)}{more}>{match.group(5)}</text>'

    return TEXT.sub(one, svg)


def _names_by_label(net, record: dict, the_steps: list[dict], extras: list[str]) -> dict:
    names = list(given(net, record["x"], record["d"], 1.0)) + [s["target"] for s in the_steps] + extras
    names += ["delta_" + w for w in unrolled.weight_names(net)]
    out = {}
    for name in names:
        written_as = label(record, name)
        if written_as is not None:
            out.setdefault(written_as, name)
    return out


def _output_fixed(net) -> bool:
    """Whether the page keeps the network's output: cross-entropy's matched pair, or softmax."""
    return net.loss == "cross_entropy" or net.output_activation == "softmax"


def _check(record: dict) -> None:
    if max(record["layers"]) > MAX_NEURONS:
        raise ValueError(f"a layer of {max(record['layers'])} neurons is more than the page can draw readably "
                         f"(at most {MAX_NEURONS} a layer); choose smaller layers")


def _menu(which: str, label: str, options, chosen: str) -> str:
    """A menu; ``options`` are names, or (value, text) pairs."""
    pairs = [(o, o) if isinstance(o, str) else o for o in options]
    items = "".join(f'<option value="{v}"{" selected" if v == chosen else ""}>{escape(t)}</option>' for v, t in pairs)
    return f'<label>{label} <select class="{which}">{items}</select></label>'


def _key(bias: bool, linear: bool) -> str:
    """The name of one of the page's variants: with or without bias, a linear output or Φ_out."""
    return f"{'bias' if bias else 'plain'}-{'linear' if linear else 'out'}"


def variant(net, bias: bool, output_activation: str):
    """``net`` with or without bias (a bias it did not have starts at 0: the same y) and the output
    activation ``output_activation`` ("identity" for the lecture's linear output); its other weights
    are ``net``'s, copied.

    >>> from backprop import Network
    >>> net = variant(Network([[0.5], [0.25]], [2.0]), True, "tanh")
    >>> net.W1, net.W2, net.bias, net.output_activation
    ([[0.5], [0.25], [0.0]], [2.0, 0.0], True, 'tanh')
    """
    def rows(W_k: list, zero) -> list:  # the rows of the inputs, then the bias's: its own, or 0 (a row or a number)
        kept, bias_row = [_copy(row) for row in W_k[:len(W_k) - net.bias]], [_copy(W_k[-1]) if net.bias else zero]
        return kept + bias_row if bias else kept

    if isinstance(net, Network):
        return Network(rows(net.W1, [0.0] * net.n_hidden), rows(net.W2, 0.0), activation=net.activation,
                       output_activation=output_activation, bias=bias, loss=net.loss)
    return DeepNetwork([rows(W_k, [0.0] * len(W_k[0])) for W_k in net.W], activation=net.activation,
                       output_activation=output_activation, bias=bias, loss=net.loss)


def _copy(row):
    return list(row) if isinstance(row, list) else row


def _variants(net, record: dict) -> list[tuple[str, bool, str]]:
    """The page's variants, (key, bias, Φ_out), its own first: every bias and output on a page of
    at most :data:`MENU_WEIGHTS` weights, else its own alone."""
    own_bias, own_out = record["bias"], record["output_activation"]
    own_linear = own_out in ("identity", "softmax")  # softmax: no Φ_out to choose, as the lecture's linear output
    own = (_key(own_bias, own_linear), own_bias, own_out)
    with_bias = sum((n + 1) * m for n, m in zip(record["layers"], record["layers"][1:]))
    if with_bias > MENU_WEIGHTS or max(record["layers"]) == 9:  # 9 and a bias: the names gain a _ (W1_1_1)
        return [own]
    if _output_fixed(net):  # cross-entropy's matched pair, or softmax: the output stays, bias is chosen
        return [own, (_key(not own_bias, own_linear), not own_bias, own_out)]
    out = own_out if own_out != "identity" else "sigmoid"  # drawn with this Φ_out; the menu chooses another
    every = [(_key(b, linear), b, "identity" if linear else out) for b in (False, True) for linear in (True, False)]
    return [own] + [v for v in every if v[0] != own[0]]


def _variant_part(net, x, d, alpha: float, digits: int, key: str, shown: bool) -> tuple:
    """One variant of the page (a bias and an output): its description, its formulas and views as
    HTML, its data for the script and its JavaScript (the step and the extras, printed from the records)."""
    record = explain(net, x, d, alpha)
    _check(record)
    the_steps = steps(net, record)
    updates = {f.target for f in unrolled.formulas(net) if isinstance(f, unrolled.Formula) and f.update}
    names = _names_by_label(net, record, the_steps, list(extras(net)))
    phi, phi_out = record["activation"], record["output_activation"]
    linear = phi_out in ("identity", "softmax")  # no Φ_out to choose: none, or softmax (all together)
    description = escape(worked.describe(record)).replace(
        f"the activation is {phi}", f'the activation is <span class="phi-name">{phi}</span>', 1)
    if not linear:
        description = description.replace(f"and {phi_out} on the output",
                                          f'and <span class="phi-out-name">{phi_out}</span> on the output', 1)
    hidden = "" if shown else " hidden"
    about = f'<span class="about" data-variant="{key}"{hidden}>{description}</span>'
    lines = [f'<div class="layout variant" data-variant="{key}"{hidden}>', '<div class="pictures">']
    givens = set(given(net, record["x"], d, alpha)) - {"alpha"}
    for view in ("forward", "backward"):
        lines += [f'<figure class="view {view}">', '<div class="drawing">',
                  annotate(diagram(record, digits, view), view, names, givens), "</div>",
                  f"<figcaption>The {view} pass.</figcaption>", "</figure>"]
    lines += ["</div>", '<ol class="formulas">']
    work = _worked_html(record, the_steps, updates, digits)
    words = None
    for step, lines_of_step in zip(the_steps, work):
        if step["words"] != words:
            words = step["words"]
            lines.append(f'<li class="rule" aria-hidden="true" data-first="{step["n"]}">{escape(words)}</li>')
        lines.append(f'<li class="formula" value="{step["n"]}" data-rule="{escape(step["rule"])}">'
                     f'<code>{escape(step["code"])}</code> → <output></output>'
                     f'{lines_of_step}</li>')
    lines += ["</ol>", "</div>"]
    weights = unrolled.weight_names(net)
    data = {"steps": [{k: s[k] for k in ("target", "view", "weights", "neurons")} for s in the_steps],
            "alternatives": alternatives(net, record, the_steps), "weights": weights,
            "out": None if linear else phi_out,  # the Φ_out of its trace's lines
            "parts": {symbol(worked.W(record, *_indices(w)[3:], *_indices(w)[2])): w for w in weights}}
    script = "\n".join([f"FUNCTIONS[{json.dumps(key)}] = (function () {{",
                        unrolled.step_javascript(net, calls=True), extras_javascript(net),
                        "return {step, extras};", "})();"])
    return about, "\n".join(lines), data, script, record


def _worked_html(record: dict, the_steps: list[dict], updates: set, digits: int) -> list[str]:
    """Each formula's lines of ``trace --format html`` (:func:`worked_lines`), as the page shows them."""
    lines_by_key = worked_lines(record, digits)
    return ["".join(f'<div class="worked">{lines_by_key[key]}</div>'
                    for key in _worked_keys(record, step["target"], step["target"] in updates) if key in lines_by_key)
            for step in the_steps]


def body(net, x, d, alpha: float, digits: int = DIGITS, page: bool = False, uid: str = "explorer") -> str:
    """The explorer as one ``<div>`` with its style and script, its id ``uid``: the body of
    :func:`render`'s page, or a notebook's output (:func:`explore`)."""
    record = explain(net, x, d, alpha)
    _check(record)
    n_out = record["layers"][-1]
    d = record["d"][0] if n_out == 1 else record["d"]
    phi, phi_out = record["activation"], record["output_activation"]
    linear = phi_out == "identity" or phi_out == "softmax"  # no Φ_out to choose: none, or softmax (all together)
    kinds = _variants(net, record)
    parts, start = [], {}
    for n, (key, bias, out) in enumerate(kinds):
        one = variant(net, bias, out)
        parts.append(_variant_part(one, record["x"], d, record["alpha"], digits, key, n == 0))
        for name, value in given(one, record["x"], d, record["alpha"]).items():
            start.setdefault(name, value)
    menus = len(kinds) > 1
    outputs = menus and not _output_fixed(net)  # the Φ_out menu with the lecture's linear output too
    two_inputs = record["layers"][0] == 2 and n_out == 1  # xor, and, or: two inputs, one output
    lines = [f'<div class="backprop-explorer" id="{uid}">',
             f"<style>{CSS}</style>",
             "<h1>Backpropagation, formula by formula</h1>" if page else "",
             "<p>" + "".join(about for about, *_ in parts)
             + " Step through the formulas with the buttons, the arrow keys ← → and the space bar "
             "(play)" + ("; the address <code>#line=N</code> opens at formula N" if page else "")
             + ". The formula shown is highlighted, and on the diagram the neurons and weights it uses. Click or tap "
             "a given number on the diagram (x, d, a weight) and type, or drag it sideways; or change it below "
             "(type, drag its name, or ↑ ↓ in its field); everything follows."
             + (" A bias a network did not have starts at 0." if menus and not record["bias"] else "") + "</p>",
             '<div class="controls" role="toolbar" aria-label="Step through the formulas">',
             '<button class="back" type="button">← back</button><button class="next" type="button">next →</button>',
             '<button class="play" type="button">play</button> formula <output class="line-shown">all</output></div>',
             '<div class="live" role="group" aria-label="Change the numbers, take a step, train">',
             '<button class="take-step" type="button">take a step</button>',
             '<label>train on <select class="data"><option value="sample">this sample</option>'
             + ("".join(f'<option value="{n}">{n}</option>' for n in DATA_SETS) if two_inputs else "")
             + "</select></label>",
             '<button class="train" type="button">train</button>',
             '<button class="reset" type="button">reset</button>',
             _menu("phi", "Φ", ACTIVATIONS, phi),
             _menu("phi-out", "Φ_out", [("identity", "identity (linear)")] + _output_choices(net), phi_out)
             if outputs else ("" if linear else _menu("phi-out", "Φ_out", _output_choices(net), phi_out)),
             _menu("bias", "bias", [("no", "none"), ("yes", "on (an input of 1)")], "yes" if record["bias"] else "no")
             if menus else "",
             '<output class="status" aria-live="polite"></output>',
             '<span hidden>E before <output class="E-before"></output>, after <output class="E-after"></output></span>',
             "</div>",
             '<figure class="loss" hidden><svg viewBox="0 0 300 120" role="img" aria-label="mean E of each epoch">'
             f'<polyline fill="none" stroke="{POSITIVE}" stroke-width="1.5" points=""/></svg>'
             '<figcaption>The mean E of each epoch (SGD, the samples in order): <span class="loss-text"></span>'
             "</figcaption></figure>",
             '<details class="given" open><summary>The given numbers</summary><div class="fields">']
    plain = set(next((p[2]["weights"] for p, k in zip(parts, kinds) if not k[1]), []))
    order = next((p[2]["weights"] for p, k in zip(parts, kinds) if k[1]), parts[0][2]["weights"])  # bias last
    fields = [n for n in start if not n.startswith("W")] + sorted((n for n in start if n.startswith("W")), key=order.index)
    for name in fields:
        drawn_in = next((p[4] for p in parts if name in p[2]["weights"]), record)
        shown_as = {"d": "d", "alpha": "α"}.get(name) or label(drawn_in, name)
        bias_only = name.startswith("W") and name not in plain
        lines.append(f'<span class="field"{" data-bias" if bias_only else ""}'
                     f'{" hidden" if bias_only and not record["bias"] else ""}><label>'
                     f'<span class="drag" data-drag="{name}">{escape(shown_as)}</span> '
                     f'<input data-name="{name}" type="text" inputmode="decimal" '
                     f'autocomplete="off" spellcheck="false" value="{escape(_number(start[name], digits))}"/></label>'
                     f'<span class="error" data-for="{name}" role="alert"></span></span>')
    lines += ["</div></details>",
              "<noscript><p>Without its script the page lists the formulas and draws both views; "
              "their numbers are in <code>python -m backprop trace</code>.</p></noscript>",
              '<div class="editor" hidden><label><span></span> = <input type="text" inputmode="decimal" '
              'autocomplete="off" spellcheck="false"/></label> <span class="error" role="alert"></span></div>']
    lines += [part[1] for part in parts]
    data = {name: [[x_s, d_s] for x_s, d_s in datasets.samples(name)] for name in DATA_SETS} if two_inputs else {}
    constants = {"id": uid, "page": page, "digits": digits, "given": start,
                 "chosen": {"phi": phi, "phi_out": None if linear else phi_out, "bias": record["bias"]},
                 "default_out": kinds[-1][2] if outputs else None,
                 "variants": {key: part[2] for (key, _, _), part in zip(kinds, parts)},
                 "x": [f"x_{i + 1}" for i in range(record["layers"][0])], "data": data,
                 "d": ["d"] if n_out == 1 else [f"d_{j + 1}" for j in range(n_out)],
                 "probability": net.loss == "cross_entropy",
                 "colours": [POSITIVE, NEGATIVE, ZERO], "char": round(CHAR_WIDTH * 0.9, 3)}
    lines += ["<script>", "//<![CDATA[", "(function () {", "'use strict';",
              f"const PAGE = {json.dumps(constants, ensure_ascii=False)};", phi_javascript(), "const FUNCTIONS = {};"]
    lines += [part[3] for part in parts]
    lines += [SCRIPT, explorer_drag.SCRIPT, "})();", "//]]>", "</script>", "</div>"]
    return "\n".join(line for line in lines if line)


def _number(value: float, digits: int) -> str:
    from backprop.math.notation import number

    return number(value, digits)


def render(net, x, d, alpha: float, digits: int = DIGITS) -> str:
    """Return the explorer page of one SGD step of ``net`` on sample ``(x, d)``.

    >>> from backprop.trace import lecture_example as example
    >>> page = render(example.network(), example.x, example.d, example.alpha)
    >>> page.count('<li class="formula"')   # h′ 3, h 3, y, E, α(d − y), δ² 3, Φ′ 3, δ¹ 6, the update 9: 30;
    ...                                      # + y′, Φ_out′ with Φ_out: 32; with bias 38 and 40
    140
    >>> "function step(given" in page, "http" in page.replace("http://www.w3.org/2000/svg", "")
    (True, False)

    Several outputs (``d`` a list, named d_1 … d_m on the page) and cross-entropy are stepped through as
    :mod:`backprop.math.unrolled` writes them. Raises ``ValueError`` for a network the step cannot be
    written out for (one Φ per hidden layer, a person's own activation, more than
    :data:`backprop.math.unrolled.MAX_WEIGHTS` weights), a layer of more than :data:`MAX_NEURONS`
    neurons, and for a bad ``x``, ``d`` or ``alpha``.
    """
    return "\n".join(["<!DOCTYPE html>", '<html lang="en">', '<head><meta charset="utf-8"/>',
                      '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
                      "<title>Backpropagation, formula by formula</title>", f"<style>{PAGE_CSS}</style></head>",
                      "<body>", body(net, x, d, alpha, digits, page=True), "</body>", "</html>"]) + "\n"


class Explorer:
    """The explorer of one step, which a notebook shows inline (``_repr_html_``): no frame, so no
    fixed height and no scroll bar of its own; its ids and styles are its own, so several can share
    a notebook. ``html`` is that HTML; :func:`render` writes the same as a page of its own. A viewer
    that runs no script and shows no HTML (GitHub's) shows the worked step in Markdown instead."""

    def __init__(self, html: str, markdown: str):
        self.html, self.markdown = html, markdown

    def _repr_html_(self) -> str:
        return self.html

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return "<backprop explorer: show it in a notebook, or write it with python -m backprop explore>"


def explore(net, x, d, alpha: float) -> Explorer:
    """Return the live explorer of one SGD step of ``net`` on sample ``(x, d)``, for a notebook.

    In Jupyter the last expression of a cell shows it inline: the formulas to step through, the
    diagram forward and backward, every given number to change, "take a step" and "train".
    ``net`` is not changed.

    >>> from backprop import Network
    >>> shown = explore(Network([[0.5], [0.25]], [2.0]), [1.0, 2.0], 3.0, 0.5)
    >>> shown._repr_html_().startswith('<div class="backprop-explorer"'), "<iframe" in shown._repr_html_()
    (True, False)

    Raises ``ValueError`` as :func:`render` does.
    """
    from backprop.trace.formats.markdown_format import render as markdown

    html = body(net, x, d, alpha, uid="backprop-explorer-{id}")
    html = html.replace("backprop-explorer-{id}", "backprop-explorer-" + hashlib.sha1(html.encode()).hexdigest()[:10])
    return Explorer(html, markdown(explain(net, x, d, alpha), DIGITS))
