"""The live explorer page in a real browser: numbers typed into the page's own fields, Φ, Φ_out and
bias chosen from its menus, "take a step" and "train" pressed, and every number the page then shows —
each formula's value, each number on both views of the diagram, the new weights, E before and
after, the loss of each epoch — is the Python library's (backprop.explain's record, sgd_step) at the
digits shown (backprop.math.notation.number).

Cheap by design: one page per depth (the lecture's 2-3-1, 1-2-2-1, 2-3-2-2-1), 3 pages, and on each
page 68 random networks typed in one after the other in one call of the page's script, each with
its own bias (on or off) and output (linear or Φ_out) switched on the page: 204 networks, every
built-in Φ and Φ_out with and without bias on each page. The library's numbers are the reference
(checked by hand and by finite differences elsewhere).
"""

import json
import random
import re

import pytest

from backprop import DeepNetwork, Network, sgd_step
from backprop.activations import ACTIVATIONS
from backprop.files import datasets
from backprop.math import deep
from backprop.math.notation import number
from backprop.pictures import explorer
from backprop.trace.explain import explain

SHAPES = {"2-3-1": (2, 3), "1-2-2-1": [1, 2, 2, 1], "2-3-2-2-1": [2, 3, 2, 2, 1]}
# each depth made with its own bias and output, then switched on the page to every other
PAGES = [("2-3-1", False, "identity"), ("1-2-2-1", True, "sigmoid"), ("2-3-2-2-1", False, "tanh")]
PER_PAGE = 68  # 3 pages × 68 = 204 networks
NAME = re.compile(r"^(dy_dh_prime|delta_W|dy_dW|h_prime|phi_prime|x|h|W)(\d*)_([\d_]+)$")

# types each network into the page's fields (input events, as typing makes), chooses Φ, Φ_out and
# bias from the menus, reads every number shown, then presses "take a step" and reads again
DRIVE = """([networks, root]) => {
  root = document.querySelector(".backprop-explorer");
  const shown = () => root.querySelector(".variant:not([hidden])");  // the formulas and views of the choice
  const views = () => {  // each view as it is drawn when shown: at the first formula, and at the last
    root.explorer.show(1);
    const forward = [...shown().querySelectorAll("figure.forward svg [data-value]")];
    const drawn = forward.map(t => ["forward", t.dataset.value, t.dataset.prefix, t.textContent]);
    root.explorer.show(shown().querySelectorAll("li.formula").length);
    return drawn.concat([...shown().querySelectorAll("figure.backward svg [data-value]")].map(
      t => ["backward", t.dataset.value, t.dataset.prefix, t.textContent]));
  };
  const texts = () => ({
    variant: shown().dataset.variant,
    formulas: [...shown().querySelectorAll("li.formula")].map(li => [li.querySelector("code").textContent.split(" ")[0],
                                                                     li.querySelector("output").textContent]),
    diagram: views(),
    fields: Object.fromEntries([...root.querySelectorAll("input[data-name]")].map(i => [i.dataset.name, i.value])),
    errors: [...root.querySelectorAll(".field .error")].map(e => e.textContent).join(""),
  });
  const choose = (select, value) => { if (select) { select.value = value; select.dispatchEvent(new Event("change")); } };
  return JSON.stringify(networks.map((net, n) => {
    let error = null;
    if (n % 11 === 0) {  // Φ, Φ_out, bias from the menus and every number typed into its field, as a person would
      choose(root.querySelector("select.phi"), net.phi);
      choose(root.querySelector("select.phi-out"), net.phi_out);
      choose(root.querySelector("select.bias"), net.bias ? "yes" : "no");
      for (const [name, text] of Object.entries(net.typed)) {
        const input = root.querySelector(`input[data-name="${name}"]`);
        input.value = text;
        input.dispatchEvent(new Event("input"));
      }
    } else {  // the same through the page's script at once: one redraw
      root.explorer.choose("phi", net.phi);
      root.explorer.choose("phi_out", net.phi_out);
      root.explorer.choose("bias", net.bias);
      error = root.explorer.set(net.typed);
    }
    const before = texts();
    root.querySelector("button.take-step").click();
    const after = texts();
    return {before, after, error, E: [root.querySelector(".E-before").textContent, root.querySelector(".E-after").textContent],
            status: root.querySelector(".status").textContent};
  }));  // one string: Playwright checks a large object slowly
}"""


def make(shape: str, activation: str, output_activation: str, bias: bool, seed: int):
    if isinstance(SHAPES[shape], tuple):
        return Network.random(*SHAPES[shape], activation=activation, output_activation=output_activation, bias=bias,
                              seed=seed)
    return DeepNetwork.random(SHAPES[shape], activation=activation, output_activation=output_activation, bias=bias,
                              seed=seed)


def typed(value: float, rng: random.Random) -> str:
    """A number as a person may type it: Python's repr (read back as the same double), a negative one
    with a hyphen or with the real minus sign the page shows."""
    text = repr(value)
    return text.replace("-", "−") if rng.random() < 0.5 else text


def value(record: dict, name: str, after: bool = False) -> float:
    """The library's value of the page's ``name``: a weight before the step, or after it (``after``)."""
    simple = {"y": record["y"][0], "y_prime": record["y_prime"][0], "E": record["E"], "d": record["d"][0],
              "alpha": record["alpha"], "alpha_error": record["alpha"] * (record["d"][0] - record["y"][0]),
              "error": record["d"][0] - record["y"][0], "dy_dy_prime": record["phi_out_prime"][0]}
    if name in simple:
        return simple[name]
    kind, layer, rest = NAME.match(name).groups()
    indices = [int(i) - 1 for i in (rest.split("_") if "_" in rest else rest)] + [0]
    k = int(layer) - 1 if layer else 0  # the lecture's h_prime_2: its one hidden layer
    a, b = indices[:2]
    return {"x": lambda: record["x"][a], "h_prime": lambda: record["h_prime"][k][a], "h": lambda: record["h"][k][a],
            "phi_prime": lambda: record["phi_prime"][k][a], "dy_dh_prime": lambda: record["dy_dh_prime"][0][k][a],
            "dy_dW": lambda: record["dy_dW"][0][k][a][b], "delta_W": lambda: record["delta_W"][k][a][b],
            "W": lambda: record["W_new" if after else "W"][k][a][b]}[kind]()


@pytest.fixture(scope="module")
def driven(playwright_chromium):
    """Every page, every network: [(record, what the page showed), …]."""
    rng = random.Random(19)
    page = playwright_chromium.new_page(viewport={"width": 1280, "height": 900})
    results = []
    try:
        for shape, bias, out in PAGES:
            base = make(shape, "sigmoid", out, bias, seed=1)
            page.set_content(explorer.render(base, [0.5] * base.n_inputs, 0.25, 0.5))
            networks, records = [], []
            for n in range(PER_PAGE):  # every Φ × Φ_out × bias twice on each page, in a shuffled order
                phi, phi_out = list(ACTIVATIONS)[n % 4], list(ACTIVATIONS)[n // 4 % 4]
                with_bias = rng.random() < 0.5 if n >= 32 else n // 16 % 2 == 1
                net = make(shape, phi, phi_out, with_bias, seed=rng.randrange(10 ** 6))
                x = [rng.uniform(-2, 2) for _ in range(net.n_inputs)]
                d, alpha = rng.uniform(-1, 1), rng.choice([0.05, 0.1, 0.5, 1.0])
                networks.append({"phi": phi, "phi_out": phi_out, "bias": with_bias,
                                 "typed": {name: typed(v, rng) for name, v in explorer.given(net, x, d, alpha).items()}})
                records.append(explain(net, x, d, alpha))
            results += zip(records, json.loads(page.evaluate(DRIVE, [networks, None])))
    finally:
        page.close()
    return results


def test_every_number_shown_is_the_librarys_for_204_networks(driven):
    assert len(driven) == 204
    kinds = set()
    for record, shown in driven:
        before = shown["before"]
        assert before["errors"] == "" and shown["error"] is None
        for name, text in before["formulas"]:   # an update's formula shows the weight after it
            assert text == number(value(record, name, after=name.startswith("W")), 4), name
        for view, name, prefix, text in before["diagram"]:   # the diagram: the weights before the step
            assert text == prefix + number(value(record, name), 4), (view, name)
        kinds.add((tuple(record["layers"]), record["bias"], record["activation"], record["output_activation"]))
        assert {view for view, *_ in before["diagram"]} == {"forward", "backward"}
        linear = record["output_activation"] == "identity"
        assert before["variant"] == f"{'bias' if record['bias'] else 'plain'}-{'linear' if linear else 'out'}"
        assert ("y_prime" in dict(before["formulas"])) is not linear
    # every depth with every built-in Φ and Φ_out (the identity: the linear output), with and without bias
    assert len(kinds) == 3 * 4 * 4 * 2


def test_take_a_step_shows_the_new_weights_and_E_before_and_after(driven):
    for record, shown in driven:
        after = shown["after"]
        assert shown["E"] == [number(record["E"], 4), number(record["E_new"], 4)]
        weights = {name for name, _ in after["formulas"] if name.startswith("W")}   # this network's: bias or not
        for name, text in after["fields"].items():
            if name in weights:
                assert text == number(value(record, name, after=True), 4), name
        # the step's own formulas now start from the new weights: their h′ is the library's y_new path
        (y_text,) = [text for name, text in after["formulas"] if name == "y"]
        assert y_text == number(record["y_new"][0], 4)


def python_epochs(net, samples, alpha: float, epochs: int) -> list[float]:
    """The mean E of each SGD epoch, one step per sample in order, by the library's own step."""
    means = []
    for _ in range(epochs):
        E = [sgd_step(net, x, d, alpha).E if isinstance(net, Network) else deep.sgd_step(net, x, [d], alpha).E
             for x, d in samples]
        means.append(sum(E) / len(E))
    return means


@pytest.fixture(scope="module")
def lecture_page(playwright_chromium):
    net = make("2-3-1", "tanh", "identity", False, seed=3)
    page = playwright_chromium.new_page(viewport={"width": 1280, "height": 900})
    page.set_content(explorer.render(net, [1.0, 0.5], 1.0, 0.5))
    yield net, page
    page.close()


def test_train_on_xor_draws_each_epochs_mean_E_and_reset_returns(lecture_page):
    net, page = lecture_page
    page.select_option("select.data", "xor")
    page.evaluate("document.querySelector('.backprop-explorer').explorer.train(3)")
    means = python_epochs(net.copy(), datasets.samples("xor"), 0.5, 3)
    trained = net.copy()
    python_epochs(trained, datasets.samples("xor"), 0.5, 3)
    assert page.inner_text(".loss-text") == f"epoch 3: mean E {number(means[2], 4)} (epoch 1: {number(means[0], 4)})"
    assert len(page.get_attribute("figure.loss polyline", "points").split()) == 3
    assert page.input_value("input[data-name=W1_12]") == number(trained.W1[0][1], 4)
    assert page.input_value("input[data-name=W2_3]") == number(trained.W2[2], 4)
    # the train button plays until paused
    page.click("button.train")
    page.wait_for_function("document.querySelector('.loss-text').textContent.startsWith('epoch 5')")
    page.click("button.train")
    assert page.inner_text("button.train") == "train"
    page.click("button.reset")
    record = explain(net, [1.0, 0.5], 1.0, 0.5)
    assert page.input_value("input[data-name=W1_12]") == number(net.W1[0][1], 4)
    assert page.inner_text(".variant:not([hidden]) li.formula output") == number(record["h_prime"][0][0], 4)
    assert page.is_hidden("figure.loss")


def test_text_that_is_not_a_number_is_an_error_beside_its_field_and_changes_nothing(lecture_page):
    net, page = lecture_page
    page.click("button.reset")
    everything = "[...document.querySelectorAll('output, svg text')].map(t => t.textContent).join('|')"
    before = page.evaluate(everything)
    for text, message in [("abc", "is not a number"), ("", "empty"), ("1e999", "not a finite number"),
                          ("NaN", "is not a number"), ("0x10", "is not a number"), ("1,5", "is not a number")]:
        page.fill("input[data-name=W1_11]", text)
        assert message in page.inner_text(".error[data-for=W1_11]"), text
        assert page.evaluate(everything) == before, text
    for text in ("0", "−1"):   # α must be positive, as backprop.math.validate.positive says
        page.fill("input[data-name=alpha]", text)
        assert "α must be a positive number" in page.inner_text(".error[data-for=alpha]")
        assert page.evaluate(everything) == before
    page.fill("input[data-name=W1_11]", "−2")   # a good number clears the error and takes effect
    assert page.inner_text(".error[data-for=W1_11]") == ""
    # h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·(−2) + 0.5·W¹_21
    assert page.inner_text(".variant:not([hidden]) li.formula output") == number(-2.0 + 0.5 * net.W1[1][0], 4)
    page.click("button.reset")


def test_a_step_or_training_that_diverges_says_so_and_stops(lecture_page):
    net, page = lecture_page
    page.click("button.reset")
    page.fill("input[data-name=W2_1]", "1e300")   # y ≈ 1e300·h_1: E = ½(d − y)² is infinite
    page.fill("input[data-name=alpha]", "1e300")
    page.click("button.take-step")
    assert page.inner_text(".status").startswith("diverged")
    assert page.input_value("input[data-name=W2_1]") == "1e300"   # the weights unchanged, as typed
    page.select_option("select.data", "sample")
    page.click("button.train")
    page.wait_for_function("document.querySelector('.status').textContent.startsWith('training diverged')")
    assert page.inner_text(".status").startswith("training diverged in epoch 1")
    assert page.inner_text("button.train") == "train"   # stopped playing
    page.click("button.reset")


def test_a_given_number_is_changed_where_it_stands_on_the_diagram(lecture_page):
    net, page = lecture_page
    page.click("button.reset")
    page.click(".variant:not([hidden]) figure.forward [data-given=W2_2]")
    assert page.is_visible(".editor")
    page.keyboard.press("Control+a")
    page.keyboard.type("1.5")
    page.keyboard.press("Enter")
    assert page.is_hidden(".editor")
    W2 = list(net.W2)
    W2[1] = 1.5
    record = explain(Network(net.W1, W2, activation="tanh"), [1.0, 0.5], 1.0, 0.5)
    assert page.text_content(".variant:not([hidden]) figure.forward [data-given=W2_2]") == "W²₂ = 1.5"
    assert page.is_hidden(".variant:not([hidden]) li.formula .worked")   # the trace's lines are for the page's own numbers
    assert page.input_value("input[data-name=W2_2]") == "1.5"
    (y,) = [t for t in page.locator(".variant:not([hidden]) li.formula").all_inner_texts() if t.startswith("y =")]
    assert y.endswith(number(record["y"][0], 4))
    page.click("button.reset")
    assert page.is_visible(".variant:not([hidden]) li.formula .worked")


def test_the_step_through_highlights_the_formula_and_its_parts(lecture_page):
    net, page = lecture_page
    codes = page.locator(".variant:not([hidden]) li.formula code").all_inner_texts()
    n = codes.index("dy_dW1_12 = x_1 * (phi_prime_2 * W2_2)") + 1
    page.evaluate(f"location.hash = '#line={n}'")
    page.wait_for_function(f"document.querySelector('.line-shown').textContent === '{n} of 30'")
    assert page.inner_text(".variant:not([hidden]) li.formula.current code") == codes[n - 1]
    assert page.is_hidden(".variant:not([hidden]) figure.forward") and page.is_visible(".variant:not([hidden]) figure.backward")
    # δ¹_12 = x_1·Φ′(h′_2)·W²_2: the card x₁, the card h₂, the edge W¹₁₂ it is of and the edge W²₂
    active = page.evaluate("[...document.querySelectorAll('.variant:not([hidden]) figure.backward .active')]"
                           ".map(p => p.dataset.neuron || p.dataset.weight)")
    assert sorted(set(active)) == sorted({"x₁", "h₂", "W¹₁₂", "W²₂"})


def test_tab_reaches_every_control(lecture_page):
    net, page = lecture_page
    page.click("button.reset")
    page.evaluate("location.hash = '#line=1'")
    page.evaluate("document.activeElement.blur()")
    controls = page.evaluate("""[...document.querySelectorAll(
        'button, select, input[data-name], summary, figure.forward [data-given]')]
        .filter(e => e.getClientRects().length).length""")   # those shown: not another variant's, not bias
    reached = set()
    for _ in range(controls + 2):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("""(e => e.tagName + (e.className.baseVal ?? e.className) + (e.dataset.name || '')
                                      + (e.dataset.given || ''))(document.activeElement)"""))
    assert len(reached) >= controls
    # 6 buttons, 4 menus (data, Φ, Φ_out, bias), the list's 13 fields, its summary, and x₁, x₂, d and the
    # 9 weights on the diagram
    assert controls == 6 + 4 + 13 + 1 + 12


def test_at_390_px_nothing_scrolls_sideways_while_editing(lecture_page):
    net, page = lecture_page
    page.set_viewport_size({"width": 390, "height": 800})
    try:
        page.click("button.reset")
        page.click("button.take-step")
        page.click(".variant:not([hidden]) figure.forward [data-given=W1_23]")
        page.keyboard.type("−123456.789")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.keyboard.press("Escape")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.click("button.reset")


def test_explore_in_a_notebook_is_inline_and_two_share_a_page(playwright_chromium):
    from backprop import explore

    # two explorers in one page, as two cells' outputs in a notebook: each computes its own step
    first = explore(Network([[1.0]], [2.0], activation="identity"), [3.0], 1.0, 0.5)._repr_html_()
    second = explore(Network([[-1.0]], [2.0], activation="identity"), [3.0], 1.0, 0.5)
    assert first.startswith('<div class="backprop-explorer"') and "<iframe" not in first
    assert "height" not in first.split(">", 1)[0]   # no fixed height: the notebook's page grows with it
    assert second._repr_markdown_().startswith("# One backpropagation step")   # for a viewer without HTML
    page = playwright_chromium.new_page(viewport={"width": 800, "height": 600})
    try:
        page.set_content(f"<!DOCTYPE html><html><body>{first}{second._repr_html_()}</body></html>")
        def first_formulas():
            # text_content: a formula off the screen is not laid out (content-visibility), its innerText empty
            return [page.locator(".backprop-explorer").nth(k).locator("li.formula output").first.text_content()
                    for k in (0, 1)]

        assert first_formulas() == ["3", "−3"]   # h′_1 = x_1·W¹_11: 3·1 and 3·(−1)
        page.locator(".backprop-explorer").nth(0).locator("input[data-name=x_1]").fill("2")
        assert first_formulas() == ["2", "−3"]   # the second explorer unchanged
    finally:
        page.close()


def test_bias_and_output_chosen_on_the_page_show_their_trace_lines_and_reset_returns(lecture_page):
    import html

    from backprop.trace.formats import html_format

    net, page = lecture_page
    page.click("button.reset")
    shown = ".variant:not([hidden])"
    page.select_option("select.bias", "yes")
    page.select_option("select.phi-out", "sigmoid")
    assert page.get_attribute(shown, "data-variant") == "bias-out"
    assert page.is_hidden("input[data-name=W1_31]") is False and page.input_value("input[data-name=W2_4]") == "0"
    # the page's own numbers with a bias of 0 and σ on the output: the lines of trace --format html of that network
    with_bias = Network([*net.W1, [0.0, 0.0, 0.0]], [*net.W2, 0.0], activation="tanh", output_activation="sigmoid",
                        bias=True)
    trace = html_format.render(explain(with_bias, [1.0, 0.5], 1.0, 0.5))
    trace_text = html.unescape(re.sub("<[^>]+>", "", trace))
    lines = page.eval_on_selector_all(f"{shown} li.formula .worked", "es => es.map(e => e.textContent)")
    assert page.is_visible(f"{shown} li.formula .worked") and len(lines) == 2 * 13 + 27 - 1   # α(d − y): none
    assert [line for line in lines if line not in trace_text] == []
    page.select_option("select.phi-out", "relu")   # not the Φ_out the lines were drawn with: they hide
    assert page.is_hidden(f"{shown} li.formula .worked")
    assert "y = relu(y_prime)" in page.locator(f"{shown} li.formula code").all_inner_texts()
    page.click("button.reset")
    assert page.get_attribute(shown, "data-variant") == "plain-linear"
    assert [page.input_value(f"select.{menu}") for menu in ("phi", "phi-out", "bias")] == ["tanh", "identity", "no"]
    assert page.is_hidden("input[data-name=W1_31]") and page.is_visible(f"{shown} li.formula .worked")
