"""examples/published/mazur_2_2_2.py reproduces the published 2-2-2 worked example (sigmoid output) digit for digit."""

import contextlib
import importlib.util
import io
import os
from types import SimpleNamespace

from conftest import ROOT


def run_script():
    """The script's main(), run in this process: its exit status and what it prints."""
    path = os.path.join(ROOT, "examples", "published", "mazur_2_2_2.py")
    spec = importlib.util.spec_from_file_location("published_mazur_2_2_2", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = module.main()
    return SimpleNamespace(returncode=status, stdout=out.getvalue(), stderr="")

# Matt Mazur, "A Step by Step Backpropagation Example": E_total before the step, the weights after it
PUBLISHED = {
    "E_total": "0.298371109",
    "w5": "0.35891648", "w6": "0.408666186", "w7": "0.511301270", "w8": "0.561370121",
    "w1": "0.149780716", "w2": "0.19956143", "w3": "0.24975114", "w4": "0.29950229",
}


def test_every_published_number_agrees_to_its_last_digit():
    result = run_script()
    assert result.returncode == 0, result.stdout + result.stderr
    printed = {}
    for line in result.stdout.splitlines():
        words = line.split()
        if len(words) == 4 and words[0] in PUBLISHED:
            printed[words[0]] = (float(words[1]), words[2])
    assert printed.keys() == PUBLISHED.keys()
    for name, published in PUBLISHED.items():
        ours, shown_beside = printed[name]
        assert shown_beside == published
        decimals = len(published.split(".")[1])
        assert round(ours, decimals) == round(float(published), decimals), (name, ours, published)
    assert "Every published digit agrees." in result.stdout


def test_the_biases_the_published_step_keeps_are_kept():
    result = run_script()
    assert "keeps b1 = 0.35 and b2 = 0.60; so does the library's, with train_bias=False" in result.stdout
    kept = {line.split()[0] + " " + line.split()[2]: float(line.split()[-1])
            for line in result.stdout.splitlines() if line.strip().startswith(("b1 into", "b2 into"))}
    assert kept == {"b1 h1": 0.35, "b1 h2": 0.35, "b2 o1": 0.6, "b2 o2": 0.6}


def test_with_the_biases_trained_b1_moves_as_worked_by_hand():
    import runpy

    from backprop.math.deep import sgd_step

    net = runpy.run_path(os.path.join(ROOT, "examples", "published", "mazur_2_2_2.py"))["network"]()
    sgd_step(net, [0.05, 0.10], [0.01, 0.99], alpha=0.5)  # train_bias=True: the bias rows move too
    # b1 into h1 by ΔW = α·Σ_j (d_j − y_j)·∂y_j/∂W¹_31, worked apart below
    assert abs(net.W[0][2][0] - new_b1_into_h1()) < 1e-12


def new_b1_into_h1() -> float:
    """The new b1 into h1, by hand from the example's formulas (independent of the library)."""
    import math

    sigmoid = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    i1, i2, w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 = 0.05, 0.1, .15, .2, .25, .3, .4, .45, .5, .55, .35, .6
    h1, h2 = sigmoid(w1 * i1 + w2 * i2 + b1), sigmoid(w3 * i1 + w4 * i2 + b1)
    o1, o2 = sigmoid(w5 * h1 + w6 * h2 + b2), sigmoid(w7 * h1 + w8 * h2 + b2)
    # ∂E/∂b1(into h1) = Σ_o −(target − out)·out(1 − out)·w(h1→o) · h1(1 − h1) · 1
    dE = (-(0.01 - o1) * o1 * (1 - o1) * w5 - (0.99 - o2) * o2 * (1 - o2) * w7) * h1 * (1 - h1)
    return b1 - 0.5 * dE


def test_e_after_the_step_is_what_the_published_weights_give():
    import math

    # E_total = ½Σ(target − out)² on (0.05, 0.10) from the article's printed w1 … w8 and the kept biases,
    # worked here with math.exp alone
    w1, w2, w3, w4 = 0.149780716, 0.19956143, 0.24975114, 0.29950229
    w5, w6, w7, w8 = 0.35891648, 0.408666186, 0.511301270, 0.561370121

    def sigmoid(z):
        return 1 / (1 + math.exp(-z))

    h1, h2 = sigmoid(0.05 * w1 + 0.10 * w2 + 0.35), sigmoid(0.05 * w3 + 0.10 * w4 + 0.35)
    o1, o2 = sigmoid(h1 * w5 + h2 * w6 + 0.60), sigmoid(h1 * w7 + h2 * w8 + 0.60)
    E_after = 0.5 * (0.01 - o1) ** 2 + 0.5 * (0.99 - o2) ** 2
    assert f"{E_after:.9f}" == "0.291027774"  # not the article's 0.291027924
    assert f"E_total after the step: {E_after:.9f}" in run_script().stdout
