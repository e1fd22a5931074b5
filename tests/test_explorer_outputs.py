"""The explorer page for several outputs and cross-entropy, in a real browser: random networks typed into
the page (binary cross-entropy on the lecture's network and a deep one, several outputs with the squared
error and a Φ_out, softmax with cross-entropy), and every number the page shows — each formula's value,
each number it recomputes on the diagram, E before and after "take a step" and the new weights — is the
library's at the digits shown: the weights and E of backprop.sgd_step / deep.sgd_step, and the formulas'
values of the step that backprop.math.unrolled writes (bit for bit the lists', tests/test_unrolled_outputs.py).

One page per kind, 10 networks typed into each in one call of the page's script."""

import json
import random

import pytest

from backprop import DeepNetwork, Network, sgd_step
from backprop.activations import ACTIVATIONS
from backprop.math import deep, unrolled
from backprop.math.notation import number
from backprop.pictures import explorer

PAGES = {  # name → make(Φ, Φ_out, seed); the page is made with the first network
    "binary lecture 2-3-1": lambda a, o, s: Network.random(2, 3, activation=a, output_activation="sigmoid",
                                                           loss="cross_entropy", seed=s),
    "binary deep 1-2-2-1 bias": lambda a, o, s: DeepNetwork.random([1, 2, 2, 1], activation=a, bias=True, seed=s,
                                                                   output_activation="sigmoid", loss="cross_entropy"),
    "several 2-3-2 Φ_out": lambda a, o, s: DeepNetwork.random([2, 3, 2], activation=a, output_activation=o, seed=s),
    "softmax 2-2-3-3 bias": lambda a, o, s: DeepNetwork.random([2, 2, 3, 3], activation=a, bias=True, seed=s,
                                                               output_activation="softmax", loss="cross_entropy"),
}
PER_PAGE = 10

DRIVE = """([networks]) => {
  const root = document.querySelector(".backprop-explorer");
  const shown = () => root.querySelector(".variant:not([hidden])");  // the variant of the bias and output chosen
  const texts = () => ({
    formulas: [...shown().querySelectorAll("li.formula")].map(li => [li.querySelector("code").textContent.split(" ")[0],
                                                                  li.querySelector("output").textContent]),
    diagram: ["forward", "backward"].flatMap(view => {  // each view as drawn when shown
      root.explorer.show(view === "forward" ? 1 : shown().querySelectorAll("li.formula").length);
      return [...shown().querySelectorAll(`figure.${view} svg [data-value]`)].map(t => [t.dataset.value, t.dataset.prefix,
                                                                                  t.textContent]);
    }),
    hidden: [...shown().querySelectorAll("svg text.fixed")].every(t => getComputedStyle(t).visibility === "hidden"),
  });
  return JSON.stringify(networks.map(net => {
    root.explorer.choose("phi", net.phi);
    if (root.querySelector("select.phi-out")) root.explorer.choose("phi_out", net.phi_out);
    const error = root.explorer.set(net.typed);
    const before = texts();
    root.querySelector("button.take-step").click();
    return {error, before, status: root.querySelector(".status").textContent,
            fields: Object.fromEntries([...root.querySelectorAll("input[data-name]")].map(i => [i.dataset.name, i.value])),
            E: [root.querySelector(".E-before").textContent, root.querySelector(".E-after").textContent]};
  }));
}"""


def target(net, rng):
    n_out = getattr(net, "n_outputs", 1)
    if getattr(net, "softmax_output", False):
        d = [0.0] * n_out
        d[rng.randrange(n_out)] = 1.0
        return d
    if net.loss == "cross_entropy":
        return rng.choice([0.0, 1.0, 0.25])
    return [rng.uniform(-1, 1) for _ in range(n_out)]


def reference(net, x, d, alpha) -> dict:
    """Every value of the step by the page's names, from the records run as Python: the formulas' values,
    each ΔW (``delta_W…``) and the weights after it (the formula of an update shows the new weight)."""
    lines = []
    for record in unrolled.formulas(net):
        if isinstance(record, unrolled.Formula) and record.update:
            lines += [f"delta_{record.target} = {unrolled._python(record.expression)}",
                      f"{record.target} += delta_{record.target}"]
        elif isinstance(record, unrolled.Formula):
            lines += unrolled.python_lines([record])
    given = explorer.given(net, x, d, alpha)
    namespace = dict(given)
    exec("from math import exp, log, log1p, tanh\n" + "\n".join(lines), namespace)  # Φ written out, as the page
    before = {**namespace, **given}  # the diagram's extra numbers are of the weights before the step
    for name, expression in explorer.extras(net).items():
        namespace[name] = eval(unrolled._python(expression), before)
    return namespace


@pytest.fixture(scope="module")
def driven(playwright_chromium):
    """Every page, every network: ([(case, what the page showed), …], what the last page, softmax's, shows
    for a target of 2 typed into d_2)."""
    rng = random.Random(23)
    page = playwright_chromium.new_page(viewport={"width": 1280, "height": 900})
    results = []
    try:
        for name, make in PAGES.items():
            base = make("sigmoid", "tanh", 1)
            page.set_content(explorer.render(base, [0.5] * base.n_inputs, target(base, rng), 0.5))
            networks, cases = [], []
            for n in range(PER_PAGE):
                phi, phi_out = list(ACTIVATIONS)[n % 4], ["sigmoid", "tanh", "relu"][n % 3]
                net = make(phi, phi_out, rng.randrange(10 ** 6))
                x = [rng.uniform(-2, 2) for _ in range(net.n_inputs)]
                d, alpha = target(net, rng), rng.choice([0.1, 0.5, 1.0])
                networks.append({"phi": phi, "phi_out": net.output_activation,
                                 "typed": {k: repr(v) for k, v in explorer.given(net, x, d, alpha).items()}})
                cases.append((name, net, x, d, alpha))
            results += zip(cases, json.loads(page.evaluate(DRIVE, [networks])))
        # softmax's page: a target outside [0, 1] typed into d_2
        before = page.text_content(".variant:not([hidden]) ol.formulas")
        page.fill("input[data-name=d_2]", "2")
        typed = (page.inner_text(".error[data-for=d_2]"), page.text_content(".variant:not([hidden]) ol.formulas") == before)
    finally:
        page.close()
    return results, typed


def test_every_number_shown_is_the_librarys(driven):
    driven, _ = driven
    assert len(driven) == len(PAGES) * PER_PAGE
    for (name, net, x, d, alpha), shown in driven:
        assert shown["error"] is None, name
        values, given = reference(net, x, d, alpha), explorer.given(net, x, d, alpha)
        for target_name, text in shown["before"]["formulas"]:
            assert text == number(values[target_name], 4), (name, target_name)
        for value_name, prefix, text in shown["before"]["diagram"]:
            # the diagram shows the weights before the step, the formulas the ones after it
            value = given.get(value_name, values.get(value_name))
            assert text == prefix + number(value, 4), (name, value_name)
        assert shown["before"]["hidden"], name  # numbers the step does not compute are hidden once changed
        step = (sgd_step if isinstance(net, Network) else deep.sgd_step)(net, x, d, alpha)
        after = reference(net, x, d, alpha)  # from the new weights: the E shown after the step
        assert shown["E"] == [number(step.E, 4), number(after["E"], 4)], name
        for weight, value in zip(unrolled.weight_names(net), explorer._weights(net)):
            assert shown["fields"][weight] == number(value, 4), (name, weight)


def test_the_page_names_the_outputs_and_their_targets_one_based():
    net = PAGES["softmax 2-2-3-3 bias"]("sigmoid", None, 1)
    page = explorer.render(net, [0.5, 0.5], [0.0, 1.0, 0.0], 0.5)
    assert 'data-name="d_3"' in page and '<code>y_2 = e_2 / sum_e</code>' in page
    assert "d₃" in page and '<select class="phi-out">' not in page  # softmax: no Φ_out to choose
    binary = explorer.render(PAGES["binary lecture 2-3-1"]("tanh", None, 1), [0.5, 0.5], 1.0, 0.5)
    assert '<option value="sigmoid" selected>sigmoid</option></select>' in binary  # its matched pair alone
    assert "E = max(y_prime, 0.0) + log1p(exp(-abs(y_prime))) - d * y_prime" in binary


def test_a_cross_entropy_target_outside_0_1_is_an_error_beside_its_field(driven):
    message, unchanged = driven[1]
    assert "in [0, 1]" in message and unchanged


def test_a_weight_of_several_outputs_lights_its_input_itself_and_its_far_end():
    # ΔW¹_12 = x_1 · (α · the error at h′¹_2): its formula lights the card x₁, the edge W¹₁₂ and the card h¹₂
    from backprop.trace.explain import explain

    net = DeepNetwork.random([2, 3, 2], seed=1)
    by_target = {step["target"]: step for step in explorer.steps(net, explain(net, [1.0, 0.5], [0.0, 1.0], 0.5))}
    assert (by_target["W1_12"]["weights"], by_target["W1_12"]["neurons"]) == (["W¹₁₂"], ["x₁", "h¹₂"])
    assert (by_target["W2_31"]["weights"], by_target["W2_31"]["neurons"]) == (["W²₃₁"], ["h¹₃", "y₁"])
    assert by_target["alpha_error_y_prime_2"]["neurons"] == ["y₂"] and by_target["W2_31"]["view"] == "backward"
