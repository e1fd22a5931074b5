"""examples/published/: a published binary cross-entropy step and a published softmax-with-cross-entropy
step, each reproduced to its printed digits (the scripts run in this process)."""

import importlib.util
import math
import os

from conftest import ROOT


def script(name: str):
    """The example script ``name`` as a module (its ``main`` is not run on import)."""
    path = os.path.join(ROOT, "examples", "published", name)
    spec = importlib.util.spec_from_file_location(name[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_binary_cross_entropy_walkthrough(capsys):
    example = script("binary_cross_entropy_2_2_1.py")
    assert example.main() == 0
    assert "Every published digit agrees." in capsys.readouterr().out
    # the page's numbers, copied from it (not from the script): yhat, loss, d2 = yhat − y, dW2 = d2·a1
    values = example.ours()
    for name, printed in {"yhat": 0.6473, "loss": 0.435, "d2": -0.3527, "dW2_1": -0.1852, "dW2_2": -0.2026}.items():
        assert abs(values[name] - printed) <= 0.00005, name
    # by hand: a1 = σ(0.1), σ(0.3); z2 = 0.5·a1_1 + 0.6·a1_2; E = ln(1 + e^(−z2)) for y = 1
    a1 = [1 / (1 + math.exp(-0.1)), 1 / (1 + math.exp(-0.3))]
    z2 = 0.5 * a1[0] + 0.6 * a1[1]
    assert math.isclose(values["loss"], math.log(1 + math.exp(-z2)), rel_tol=1e-12)


def test_the_softmax_cross_entropy_notebook(capsys):
    example = script("softmax_cross_entropy_2_4_2.py")
    assert example.main() == 0
    assert "Every published digit agrees." in capsys.readouterr().out
    values, E = example.ours()
    # by hand: h′ = (3 − 1, 14 − 1, −3 − 1, −14 − 1), h = (2, 13, 0, 0); y′ = (2 + 13, −2 − 13 + 2) = (15, −13)
    # y_2 = e^(−13)/(e^15 + e^(−13)) = 1/(1 + e^28); E = −ln y_2 = ln(1 + e^28) = 28 + ln(1 + e^(−28))
    assert values["a1"] == [2.0, 13.0, 0.0, 0.0]
    assert math.isclose(values["a2"][1], 1 / (1 + math.exp(28)), rel_tol=1e-12)
    assert math.isclose(E, 28 + math.log1p(math.exp(-28)), rel_tol=1e-15)
    # the notebook's new weights, copied from it: W1n row 2 = (−2.8, −1.8, 0, −1), w20n = (−0.1, 2.1)
    assert [round(v, 4) for v in values["W1n row 2"]] == [-2.8, -1.8, 0.0, -1.0]
    assert [round(v, 4) for v in values["w20n"]] == [-0.1, 2.1]
