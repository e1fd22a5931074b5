"""Make examples/lecture.ipynb: the lecture, cell by cell, with its outputs saved.

    python examples/make_lecture_notebook.py --write     # (re)write the notebook
    python examples/make_lecture_notebook.py             # check that the saved one is up to date

The cells below are run here, in order, with the standard library only (no
Jupyter needed): what a cell prints becomes a stream output, and the value of
its last line becomes the result, with the HTML, Markdown and SVG that the
library's display hooks give (so the notebook reads on GitHub without running:
every HTML result has a Markdown or SVG form beside it, for a viewer that drops
HTML's styles, scripts and frames).
tests/test_lecture_notebook.py runs the saved notebook's cells the same way and
checks that they give the saved outputs, numbers compared to 9 significant digits.
"""

import argparse
import ast
import contextlib
import io
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOK = os.path.join(HERE, "lecture.ipynb")
sys.path.insert(0, os.path.dirname(HERE))  # the backprop of this checkout

CELLS = [
    ("markdown", """# Backpropagation Example A, cell by cell

The lecture's network in `backprop`: two inputs x₁, x₂, three hidden neurons h₁, h₂, h₃ and one output y.
Each cell is one step of the lecture. Run them in order; every number is computed by the library."""),
    ("code", """from backprop import Network, explain, gradients, squared_error, train
from backprop.trace import lecture_example as example

net = example.network()   # the lecture's weights W¹ and W²
net"""),
    ("markdown", """## Feedforward

h′_j = Σ_i x_i · W¹_ij, then h_j = Φ(h′_j) with the sigmoid Φ,
then y = Σ_j h_j · W²_j (no activation on y)."""),
    ("code", """forward = net.feedforward(example.x)
forward"""),
    ("markdown", """## The error

E = ½(d − y)²: how far the output y is from the desired output d."""),
    ("code", """print("x =", example.x, " d =", example.d)
squared_error(example.d, forward.y)"""),
    ("markdown", """## The chain rule

The gradient δ = ∂y/∂W. For the output weights δ²_j = h_j; for the hidden weights
δ¹_ij = W²_j · Φ′(h′_j) · x_i: the path from W¹_ij to y goes through h′_j and h_j."""),
    ("code", """gradients(net, example.x)"""),
    ("markdown", """## One step

ΔW = α(d − y)·δ and W ← W + ΔW. `explain` takes the step on a copy and keeps every number;
a notebook shows it as the worked step."""),
    ("code", """step = explain(net, example.x, example.d, example.alpha)
step"""),
    ("code", """print(f"E before the step: {step['E']:.6f}")
print(f"E after the step:  {step['E_new']:.6f}")"""),
    ("markdown", """## Training on XOR

One step per sample, 2000 passes over the four samples of XOR. `train` returns the mean E of each epoch,
which a notebook shows as the loss curve. XOR needs the hidden layer, and a bias helps."""),
    ("code", """from backprop.files import datasets

xor = datasets.samples("xor")
xor_net = Network.random(bias=True, seed=0)
losses = train(xor_net, xor, alpha=0.5, epochs=2000)
losses"""),
    ("code", """for x, d in xor:
    print(f"x = {x}   d = {d:g}   y = {round(xor_net.predict(x), 3) + 0.0:g}")
xor_net"""),
    ("markdown", """The decision boundary: the trained network's y over the whole plane of (x₁, x₂),
with the line y = 0.5 and the four samples on top."""),
    ("code", """from backprop.pictures.boundary import boundary_svg

boundary_svg(xor_net, xor)"""),
    ("markdown", """## The quiz network: 1-2-2-1

Two hidden layers: `DeepNetwork` runs the same backpropagation through every layer K.
W¹₁₁ reaches y along two paths, so ∂y/∂W¹₁₁ is the sum of both."""),
    ("code", """from backprop.trace import quiz_example as quiz

quiz_net = quiz.network()
quiz_net"""),
    ("code", """explain(quiz_net, quiz.x, quiz.d, quiz.alpha)"""),
    ("markdown", """## See it happen: the step, live

`explore` shows the lecture's step formula by formula (← → and the space bar, or the buttons), the
formula's neurons and weights lit on the diagram, forward and backward. Click any given number —
x, d, α, a weight — and type: every number follows. "take a step" applies ΔW; "train" plays SGD
on the sample or on xor. (Jupyter runs its script; a viewer that shows no scripts shows the formulas.)"""),
    ("code", """from backprop import explore

explore(example.network(), example.x, example.d, example.alpha)"""),
    ("markdown", """## The same step by autograd

Autograd builds the step from values that remember how they were made (+, ·, Σ, Φ, E) and
`backward()` walks them back, applying the chain rule at every value: the paths add up.
From y it finds the lecture's δ = ∂y/∂W; from E it finds ∂E/∂W = −(d − y)·δ, as PyTorch does."""),
    ("code", """from backprop.autograd import step_graph

graph = step_graph(net, example.x, example.d)
graph.y[0].backward()                    # from y: δ = ∂y/∂W
print("δ²_1 = ∂y/∂W²_1 by autograd:", graph.W[1][0][0].grad, "  by gradients:", gradients(net, example.x).dy_dW2[0])
graph.E.backward()                       # from E: ∂E/∂W = −(d − y)·δ
print("∂E/∂W²_1 by autograd:", graph.W[1][0][0].grad, "  −(d − y)·δ²_1:", -(example.d - graph.y[0].data) * graph.h[0][0].data)"""),
    ("markdown", """Drawn: every value a box with its value from the forward pass (blue) and ∂E/∂value from the
backward pass (red ∇), the arrows as the data flows. `python -m backprop graph --output graph.svg`
draws the same picture; `python -m backprop export --to pytorch` writes the step for PyTorch."""),
    ("code", """graph"""),
    ("markdown", """## Watching training

`python -m backprop train --dataset circle --hidden 8 --bias --alpha 0.1 --report report.html`
writes a page with a slider over the epochs: the weights, the loss curve and the decision boundary of each."""),
]


def _lines(text: str) -> list[str]:
    """nbformat keeps multi-line text as a list of lines, each with its line break."""
    return text.splitlines(keepends=True)


def _result(value, count: int) -> dict:
    """The ``execute_result`` of a cell's last value: its repr, and the HTML, Markdown and SVG of its
    display hooks (a static Markdown or SVG form beside every HTML, for viewers that drop HTML styles)."""
    data = {"text/plain": _lines(repr(value))}
    for mime, hook in (("text/html", "_repr_html_"), ("text/markdown", "_repr_markdown_"),
                       ("image/svg+xml", "_repr_svg_")):
        shown = getattr(value, hook, lambda: None)()
        if shown is not None:
            data[mime] = _lines(shown)
    return {"output_type": "execute_result", "execution_count": count, "data": data, "metadata": {}}


def run_cell(source: str, namespace: dict, count: int) -> list[dict]:
    """Run one code cell in ``namespace`` as Jupyter would; return its outputs in nbformat 4."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(tree, f"<cell {count}>", "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), f"<cell {count}>", "eval"), namespace) if last else None
    outputs = []
    if printed.getvalue():
        outputs.append({"output_type": "stream", "name": "stdout", "text": _lines(printed.getvalue())})
    if value is not None:
        outputs.append(_result(value, count))
    return outputs


def run_notebook(cells: list[dict]) -> list[list[dict]]:
    """Run the code cells of nbformat ``cells`` in order, in one namespace; return each one's outputs."""
    namespace = {"__name__": "__main__"}
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    return [run_cell("".join(cell["source"]), namespace, count) for count, cell in enumerate(code, start=1)]


def notebook() -> dict:
    """The notebook of :data:`CELLS`, run, in nbformat 4."""
    cells = []
    for number, (kind, source) in enumerate(CELLS, start=1):
        cell = {"cell_type": kind, "id": f"cell-{number}", "metadata": {}, "source": _lines(source)}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    for count, (cell, outputs) in enumerate(zip(code, run_notebook(cells)), start=1):
        cell.update(execution_count=count, outputs=outputs)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


NUMBER = re.compile(r"-?\d+\.\d+(?:e[-+]?\d+)?")


def same_outputs(saved, fresh) -> bool:
    """Whether two outputs are equal, numbers with a decimal point compared to 9 significant digits."""
    if isinstance(saved, dict) and isinstance(fresh, dict):
        return saved.keys() == fresh.keys() and all(same_outputs(saved[key], fresh[key]) for key in saved)
    if isinstance(saved, list) and isinstance(fresh, list):
        return len(saved) == len(fresh) and all(map(same_outputs, saved, fresh))
    if isinstance(saved, str) and isinstance(fresh, str):
        if NUMBER.split(saved) != NUMBER.split(fresh):
            return False
        return all(math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
                   for a, b in zip(NUMBER.findall(saved), NUMBER.findall(fresh)))
    return saved == fresh


def up_to_date(saved: dict, made: dict) -> bool:
    """Whether the saved notebook has the cells of :data:`CELLS` and the outputs they give now."""
    return same_outputs(saved, made)


def as_text(book: dict) -> str:
    return json.dumps(book, indent=1, ensure_ascii=False) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {os.path.relpath(NOTEBOOK)}")
    args = parser.parse_args(argv)
    text = as_text(notebook())
    if args.write:
        from backprop.files import atomic_file

        atomic_file.write_text(NOTEBOOK, text)
        print(f"Wrote {os.path.relpath(NOTEBOOK)} ({len(text):,} characters)")
        return 0
    with open(NOTEBOOK, encoding="utf-8") as file:
        current = up_to_date(json.load(file), json.loads(text))
    print("lecture.ipynb is up to date" if current else
          "lecture.ipynb is out of date: run python examples/make_lecture_notebook.py --write")
    return 0 if current else 1


if __name__ == "__main__":
    sys.exit(main())
