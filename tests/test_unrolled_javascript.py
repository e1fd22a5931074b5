"""The step printed as JavaScript (backprop.math.unrolled.step_javascript), run in a real browser:
headless Chromium takes one step of each network, and every new weight and E are the Python
library's (backprop.sgd_step, backprop.math.deep.sgd_step) to the last bit where the step is
made of + − × ÷ alone (ReLU and the identity, every sum): JavaScript's doubles are IEEE 754's, as
Python's are. Where it calls exp or tanh (the sigmoid, tanh), the browser's Math.exp (V8's own, not
correctly rounded) and the C library's exp that Python calls differ in the last bit for some
arguments (seen here: 3 steps of the 24 with a sigmoid; tanh agreed to the bit, which no standard
promises), so there the numbers must agree to 12 significant digits, far past the digits a page shows.

One page holds every network, loaded in the session's one browser. The library's numbers are the
reference (they are checked by hand and by finite differences in the other tests).
"""

import json
import math
import random
import struct
import xml.etree.ElementTree as ET

import pytest

from backprop import DeepNetwork, Network, sgd_step
from backprop.files import atomic_file
from backprop.math import deep, unrolled

ACTIVATIONS = ["sigmoid", "tanh", "relu", "identity"]
SHAPES = {  # name → make(activation, output activation, bias, seed)
    "lecture 2-3-1": lambda a, o, b, s: Network.random(2, 3, activation=a, output_activation=o, bias=b, seed=s),
    "deep 1-2-2-1": lambda a, o, b, s: DeepNetwork.random([1, 2, 2, 1], activation=a, output_activation=o, bias=b,
                                                          seed=s),
    "deep 2-4-3-1": lambda a, o, b, s: DeepNetwork.random([2, 4, 3, 1], activation=a, output_activation=o, bias=b,
                                                          seed=s),
}
CASES = [(shape, a, o, b) for shape in SHAPES for a in ACTIVATIONS for o in ["identity", "sigmoid", "tanh"]
         for b in (False, True)]
# beyond the lecture: binary cross-entropy, several outputs, softmax with cross-entropy (d a list)
SHAPES.update({
    "binary 2-3-1": lambda a, o, b, s: Network.random(2, 3, activation=a, output_activation="sigmoid", bias=b, seed=s,
                                                      loss="cross_entropy"),
    "binary 1-2-2-1": lambda a, o, b, s: DeepNetwork.random([1, 2, 2, 1], activation=a, output_activation="sigmoid",
                                                            bias=b, seed=s, loss="cross_entropy"),
    "several 2-4-3": lambda a, o, b, s: DeepNetwork.random([2, 4, 3], activation=a, output_activation=o, bias=b, seed=s),
    "softmax 2-3-2-3": lambda a, o, b, s: DeepNetwork.random([2, 3, 2, 3], activation=a, output_activation="softmax",
                                                             bias=b, seed=s, loss="cross_entropy"),
})
CASES += [("binary 2-3-1", "relu", "sigmoid", True), ("binary 1-2-2-1", "tanh", "sigmoid", False),
          ("several 2-4-3", "relu", "identity", True), ("several 2-4-3", "identity", "relu", False),
          ("several 2-4-3", "sigmoid", "tanh", True), ("softmax 2-3-2-3", "relu", "softmax", True),
          ("softmax 2-3-2-3", "identity", "softmax", False)]
EXACT = {"identity", "relu"}  # + − × ÷ alone (and max): the browser's doubles are Python's to the bit


def bits(values) -> list[bytes]:
    return [struct.pack("<d", v) for v in values]


def python_step(net, x, d, alpha) -> tuple[float, list[float]]:
    """E and the new weights, by the library's own step."""
    if isinstance(net, Network):
        E = sgd_step(net, x, d, alpha).E
        return E, [w for row in net.W1 for w in row] + list(net.W2)
    E = deep.sgd_step(net, x, d if isinstance(d, list) else [d], alpha).E
    return E, [w for W_k in net.W for row in W_k for w in row]


@pytest.fixture(scope="module")
def browser_steps(browser, tmp_path_factory):
    """Every case's step, taken by the generated JavaScript in headless Chromium: (cases, results)."""
    rng = random.Random(19)
    cases, scripts = [], []
    for n, (shape, a, o, b) in enumerate(CASES):
        net = SHAPES[shape](a, o, b, n)
        x = [rng.uniform(-2, 2) for _ in range(net.n_inputs)]
        d, alpha = rng.uniform(-1, 1), rng.choice([0.1, 0.5, 1.0])
        if net.loss == "cross_entropy":  # a probability; softmax's one-hot
            d = rng.choice([0.0, 1.0]) if getattr(net, "n_outputs", 1) == 1 else [float(j == n % 3) for j in range(net.n_outputs)]
        elif getattr(net, "n_outputs", 1) > 1:
            d = [rng.uniform(-1, 1) for _ in range(net.n_outputs)]
        weights = [w for row in net.W1 for w in row] + list(net.W2) if isinstance(net, Network) else [
            w for W_k in net.W for row in W_k for w in row]
        given = dict(zip(unrolled.weight_names(net), weights))
        given.update({f"x_{i + 1}": v for i, v in enumerate(x)}, alpha=alpha)
        given.update({f"d_{j + 1}": d_j for j, d_j in enumerate(d)} if isinstance(d, list) else {"d": d})
        cases.append((net, x, d, alpha))
        names = unrolled.weight_names(net)
        # repr() of a float is read back by JavaScript as the same double
        scripts.append("(function () {\n" + unrolled.step_javascript(net)
                       + f"const r = step({{{', '.join(f'{k}: {v!r}' for k, v in given.items())}}});\n"
                       + f"return [r.E, {', '.join(f'r.{w}' for w in names)}];\n}})()")
    page = ("<!DOCTYPE html><html><body><pre id='out'></pre><script>\n"
            "const results = [\n" + ",\n".join(scripts) + "\n];\n"
            "document.getElementById('out').textContent = JSON.stringify(results);\n</script></body></html>\n")
    tmp = tmp_path_factory.mktemp("javascript")
    path = tmp / "steps.html"
    atomic_file.write_text(path, page)
    dom = browser.dom(path.as_uri())
    out = ET.fromstring(dom[dom.index("<pre"):dom.index("</pre>") + 6]).text
    return cases, json.loads(out)


@pytest.mark.parametrize("n", range(len(CASES)), ids=[" ".join(map(str, case)) for case in CASES])
def test_the_javascript_step_is_the_librarys_to_the_last_bit(browser_steps, n):
    cases, results = browser_steps
    net, x, d, alpha = cases[n]
    E, weights = python_step(net.copy(), x, d, alpha)
    if set(CASES[n][1:3]) <= EXACT and net.loss == "squared":
        assert bits(results[n]) == bits([E] + weights)
    else:
        assert all(math.isclose(js, py, rel_tol=1e-12, abs_tol=1e-15) for js, py in zip(results[n], [E] + weights))
        assert len(results[n]) == 1 + len(weights)


def test_the_printers_share_the_formulas():
    # the same records, two languages: a Python statement and a JavaScript one per formula
    net = DeepNetwork.random([1, 2, 2, 1], activation="tanh", bias=True, seed=1)
    records = unrolled.formulas(net)
    formulas = [r for r in records if isinstance(r, unrolled.Formula)]
    assert len(unrolled.javascript_lines(records)) == len(records)
    # an update names its ΔW, then adds it: delta_W1_11 = …; W1_11 += delta_W1_11;
    assert [line.split(" ")[0] for line in unrolled.javascript_lines(formulas)] == [
        f"delta_{f.target}" if f.update else f.target for f in formulas]
    (update,) = [line for line in unrolled.javascript_lines(formulas) if line.startswith("delta_W3_11 ")]
    assert update == "delta_W3_11 = 0.0 + alpha_error * dy_dW3_11; W3_11 += delta_W3_11;"
    # with calls, Φ and Φ′ are the functions passed in; without, written out inline
    (h, phi_prime) = [r for r in formulas if r.target in ("h1_1", "phi_prime1_1")]
    assert unrolled.javascript_lines([h, phi_prime], calls=True) == ["h1_1 = phi(h_prime1_1);",
                                                                    "phi_prime1_1 = phi_prime(h1_1);"]
    assert unrolled.javascript_lines([h, phi_prime]) == ["h1_1 = Math.tanh(h_prime1_1);",
                                                        "phi_prime1_1 = 1.0 - h1_1 * h1_1;"]
    # the lecture's order: feedforward, Φ, error, chain rule, update; every rule one of RULES
    order = [unrolled.RULES.index(f.rule) for f in formulas]
    assert order[:4] == [0, 0, 1, 1] and order[-1] == 4 and set(order) == set(range(5))
    # ∂y/∂h′²_1 = Φ′(h′²_1)·W³_11·∂y/∂y (one output, linear): its operands, in order
    (dy_dh,) = [f for f in formulas if f.target == "dy_dh_prime2_1"]
    assert dy_dh.rule == "chain rule" and dy_dh.operands == ["phi_prime2_1", "W3_11"]


def test_a_persons_own_activation_has_no_javascript():
    net = Network.random(2, 2, activation=(abs, lambda z: 1.0), seed=1)
    with pytest.raises(ValueError, match="own activation cannot be written out by name"):
        unrolled.step_javascript(net)
