"""The explore page's numbers changed by the hand: dragged sideways, or stepped with the arrow keys.

On :mod:`backprop.pictures.explorer`'s page a given number (x, d, α, a weight) can be typed into
its field or into the editor that opens on the diagram; this script adds two more ways, both of
which go through the same ``setGiven`` as typing (the same checks, the same redraw):

- **Drag.** A pointer (mouse, pen or finger) pressed on a number's name in the list of given
  numbers, or on a weight's (or x's) label on the diagram, and moved sideways changes the number
  smoothly: :data:`PIXELS_PER_STEP` pixels to the right add one step (0.1; α's step is 0.01), to
  the left take it away. A press that does not move (less than 3 px) is a click, as before:
  on the diagram it opens the editor.
- **Arrow keys.** In a number's field ↑ adds one step and ↓ takes one away; with Shift a tenth of
  a step. α stays positive: a step that would make it 0 or less is not taken.

Values are kept to 12 significant digits, so 0.5 + 0.1 is 0.6 and not 0.6000000000000001.
"""

PIXELS_PER_STEP = 10

SCRIPT = r"""
// --- a number dragged sideways, or stepped with the arrow keys in its field -----------------------
function stepOf(name) { return name === "alpha" ? 0.01 : 0.1; }
function setNumber(name, value) {  // a dragged or stepped value, through the same checks as typing
  value = Number(value.toPrecision(12));
  if (name === "alpha" && !(value > 0)) return;
  const text = String(value).replace("-", "\u2212");
  field(name).value = text;
  setGiven(name, text);
}
for (const input of $$("input[data-name]")) {
  input.addEventListener("keydown", event => {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    const name = input.dataset.name, step = stepOf(name) / (event.shiftKey ? 10 : 1);
    setNumber(name, given[name] + (event.key === "ArrowUp" ? step : -step));
    event.preventDefault();
  });
}
function draggable(element, name) {
  let start = null, dragged = false;
  element.addEventListener("pointerdown", event => {
    if (event.button !== 0) return;
    start = {x: event.clientX, value: given[name], pointer: event.pointerId};
    dragged = false;
    element.setPointerCapture(event.pointerId);
  });
  element.addEventListener("pointermove", event => {
    if (!start || event.pointerId !== start.pointer) return;
    const dx = event.clientX - start.x;
    if (!dragged && Math.abs(dx) < 3) return;  // not yet: a press that stays put is a click
    dragged = true;
    setNumber(name, start.value + dx / PIXELS_PER_STEP * stepOf(name));
    event.preventDefault();
  });
  const end = () => { start = null; };
  element.addEventListener("pointerup", end);
  element.addEventListener("pointercancel", end);
  element.addEventListener("click", event => {  // the click that ends a drag opens no editor
    if (dragged) { event.stopImmediatePropagation(); event.preventDefault(); dragged = false; }
  }, true);
}
for (const text of $$("svg [data-given]")) draggable(text, text.dataset.given);
for (const name of $$(".field .drag")) draggable(name, name.dataset.drag);
""".replace("PIXELS_PER_STEP", str(PIXELS_PER_STEP))
