"""The explorer page (python -m backprop explore) in a real browser: headless Chromium runs the
page's script, the step that backprop.math.unrolled prints as JavaScript, and the page shows the
library's numbers (backprop.explain's record) and highlights the formula the address names.

One browser start for the module: the quiz network (1-2-2-1), opened at #line=N.
"""

import re
import xml.etree.ElementTree as ET

import pytest

from backprop.cli import main
from backprop.math.notation import number
from backprop.trace import quiz_example
from backprop.trace.explain import explain

SVG = "{http://www.w3.org/2000/svg}"
VARIANT = re.compile(r'<div class="layout variant" data-variant="([^"]+)"( hidden)?>(.*?)</ol>', re.S)


def variants(page: str) -> dict:
    """Each variant of the page (a bias and an output) by its key: (shown at the start, its HTML)."""
    return {key: (not hidden, html) for key, hidden, html in VARIANT.findall(page)}


def shown_variant(body):
    """The variant the page shows, in the DOM as the browser left it."""
    (shown,) = [div for div in body.iter("div") if "variant" in div.get("class", "").split() and div.get("hidden") is None]
    return shown


@pytest.fixture(scope="module")
def quiz_page(tmp_path_factory, playwright_chromium):
    """The page, written by the command, as the browser leaves it at the formula of ∂y/∂h′¹_1."""
    tmp = tmp_path_factory.mktemp("explore")
    path = tmp / "explore.html"
    assert main(["explore", "--layers", "1,2,2,1", "--output", str(path)]) == 0
    page = path.read_text(encoding="utf-8")
    (own,) = [html for shown, html in variants(page).values() if shown]
    steps = re.findall(r'<li class="formula" value="(\d+)"[^>]*><code>([^<]*)', own)
    (line,) = [int(n) for n, code in steps if code.startswith("dy_dh_prime1_1 =")]
    browser = playwright_chromium.new_page()
    try:
        browser.goto(path.as_uri() + f"#line={line}")
        dom = browser.evaluate("new XMLSerializer().serializeToString(document.querySelector('.backprop-explorer'))")
    finally:
        browser.close()
    body = ET.fromstring(dom)
    for element in body.iter():  # HTML's and SVG's namespaces left out: li, g, figure
        element.tag = element.tag.split("}")[-1]
    return page, line, body


def test_the_page_needs_nothing_else(quiz_page):
    page, _, _ = quiz_page
    assert not re.search(r'(src|href)="(?!#)', page)     # no script, style, font or image to fetch
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "function step(given, phi, phi_prime" in page                 # the step, as unrolled prints it in JavaScript


def test_every_formula_shows_the_librarys_number(quiz_page):
    _, _, body = quiz_page
    record = explain(quiz_example.network(), quiz_example.x, quiz_example.d, quiz_example.alpha)
    shown = {li.find("code").text.split(" ")[0]: li.find("output").text
             for li in shown_variant(body).iter("li") if li.get("class", "").startswith("formula")}
    # feedforward h′¹, h¹, h′², h², y: 9; E and α(d − y): 2; the chain rule ∂y/∂W³ 2, Φ′ 2, ∂y/∂h′² 2,
    # ∂y/∂W² 4, Φ′ 2, ∂y/∂h′¹ 2, ∂y/∂W¹ 2: 16; the update of 2 + 4 + 2 weights: 8
    assert len(shown) == 9 + 2 + 16 + 8
    expected = {"h_prime1_1": record["h_prime"][0][0], "h1_2": record["h"][0][1], "h_prime2_2": record["h_prime"][1][1],
                "y": record["y"][0], "E": record["E"], "phi_prime1_2": record["phi_prime"][0][1],
                "dy_dh_prime1_1": record["dy_dh_prime"][0][0][0], "dy_dh_prime2_2": record["dy_dh_prime"][0][1][1],
                "dy_dW1_12": record["dy_dW"][0][0][0][1], "dy_dW3_21": record["dy_dW"][0][2][1][0],
                # after the update, the weight's formula shows its new value
                "W1_11": record["W_new"][0][0][0], "W2_21": record["W_new"][1][1][0], "W3_11": record["W_new"][2][0][0]}
    for name, value in expected.items():
        assert shown[name] == number(value, 4), name


def test_the_address_opens_at_a_formula_and_its_parts_are_highlighted(quiz_page):
    _, line, body = quiz_page
    current = [li for li in body.iter("li") if "current" in li.get("class", "").split()]   # one, in the shown variant
    assert len(current) == 1 and current[0].get("value") == str(line) and current[0].get("aria-current") == "step"
    assert body.find(".//output[@class='line-shown']").text == f"{line} of 35"
    figures = {f.get("class"): f for f in shown_variant(body).iter("figure")}
    assert figures["view forward"].get("hidden") is not None   # the chain rule: the backward view
    backward = figures["view backward"]
    assert backward.get("hidden") is None
    # ∂y/∂h′¹_1 = Φ′(h′¹_1)·(W²_11·∂y/∂h′²_1 + W²_12·∂y/∂h′²_2): h¹_1, h²_1, h²_2 and W²_11, W²_12
    active = {(g.get("data-neuron") or g.get("data-weight")) for g in backward.iter()
              if "active" in (g.get("class") or "").split()}
    assert active == {"h¹₁", "h²₁", "h²₂", "W²₁₁", "W²₁₂"}


def test_a_network_the_page_cannot_show_is_one_line_and_no_file(tmp_path, capsys):
    path = tmp_path / "page.html"
    for options, message in [(["--layers", "2,13,1"], "a layer of 13 neurons"),
                             (["--layers", "2,3,13"], "a layer of 13 neurons"),  # outputs too: the same limit
                             (["--layers", "2,3,3,2", "--activation", "relu,tanh"], "one Φ per hidden layer")]:
        assert main(["explore", *options, "--seed", "1", "--output", str(path)]) == 2
        assert not path.exists()
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and message in error


def test_several_outputs_and_cross_entropy_make_a_page(tmp_path, capsys):
    # (their numbers in a browser: tests/test_explorer_outputs.py)
    path = tmp_path / "page.html"
    assert main(["explore", "--layers", "2,3,3", "--seed", "1", "--output-activation", "softmax", "--loss",
                 "cross_entropy", "--d", "0,0,1", "--output", str(path)]) == 0
    page = path.read_text(encoding="utf-8")
    assert '<code>E = -(0.0 + (d_1 * (y_prime_1 - lse) if d_1 else 0.0)' in page and 'data-name="d_3"' in page


def test_the_output_is_checked_before_any_work(run, tmp_path):
    # as every command checks what it will write (issue 21): a missing folder is one line, nothing made
    result = run("-m", "backprop", "explore", "--output", str(tmp_path / "no" / "step.html"))
    assert result.returncode == 2 and "there is no folder" in result.stderr
    result = run("-m", "backprop", "explore", "--output", str(tmp_path / "step.html"))
    assert result.returncode == 0 and result.stdout == f"wrote {tmp_path / 'step.html'}\n"
    assert (tmp_path / "step.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_at_a_phones_width_the_arrow_keys_step_and_nothing_scrolls_sideways(quiz_page, playwright_chromium):
    page_text, line, _ = quiz_page
    page = playwright_chromium.new_page(viewport={"width": 390, "height": 800})
    try:
        page.set_content(page_text)
        page.evaluate(f"location.hash = '#line={line}'")
        # the page follows the address on its hashchange event, which comes after this call returns
        page.wait_for_function(f"document.querySelector('.line-shown').textContent === '{line} of 35'")
        page.keyboard.press("ArrowRight")
        assert page.inner_text(".line-shown") == f"{line + 1} of 35"
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        assert page.inner_text(".line-shown") == f"{line - 1} of 35"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()


def test_the_lectures_page_stays_small():
    from backprop.pictures.explorer import render
    from backprop.trace import lecture_example as example

    assert len(render(example.network(), example.x, example.d, example.alpha).encode("utf-8")) < 300_000


def test_each_formula_shows_the_trace_line_of_the_page_s_own_numbers():
    import html

    from backprop.pictures.explorer import render
    from backprop.trace import lecture_example as example
    from backprop.trace.formats import html_format

    page = render(example.network(), example.x, example.d, example.alpha)
    formulas = re.findall(r'<li class="formula".*?</li>', variants(page)["plain-linear"][1])
    worked = {re.search(r"<code>(\w+)", li).group(1): re.findall(r'<div class="worked">(.*?)</div>', li)
              for li in formulas}
    # every formula but α(d − y), which the trace has no line for; an update has ΔW and W ← W + ΔW
    assert [name for name, lines in worked.items() if not lines] == ["alpha_error"]
    assert len(worked["W1_23"]) == 2
    # exactly the lines of trace --format html
    trace = html_format.render(explain(example.network(), example.x, example.d, example.alpha))
    for lines in worked.values():
        for line in lines:
            assert f'<span class="math">{line}</span>' in trace
    text = {name: [html.unescape(re.sub("<[^>]+>", "", line)) for line in lines] for name, lines in worked.items()}
    # h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.5 + 0.5·0.2 = 0.6 (the lecture's numbers, by hand)
    assert text["h_prime_1"] == ["h′1 = x1·W111 + x2·W121 = 1·0.5 + 0.5·0.2 = 0.6"]
    assert text["W1_23"][1] == "W123 ← W123 + ΔW123 = (−0.6) + 0.0143 = −0.5857"


def test_every_variant_shows_the_trace_lines_of_its_own_network():
    """Item 4 after a switch of bias or output: each variant's lines are trace --format html's for
    that network (a bias the page did not have is 0, with the lecture's other weights) and Φ_out."""
    import html

    from backprop import Network
    from backprop.pictures.explorer import render
    from backprop.trace import lecture_example as example
    from backprop.trace.formats import html_format

    lecture = example.network()
    page = variants(render(lecture, example.x, example.d, example.alpha))
    assert sorted(page) == ["bias-linear", "bias-out", "plain-linear", "plain-out"]
    assert [key for key, (shown, _) in page.items() if shown] == ["plain-linear"]
    W1_bias, W2_bias = [list(row) for row in lecture.W1] + [[0.0, 0.0, 0.0]], list(lecture.W2) + [0.0]
    networks = {"plain-out": Network(lecture.W1, lecture.W2, output_activation="sigmoid"),
                "bias-linear": Network(W1_bias, W2_bias, bias=True),
                "bias-out": Network(W1_bias, W2_bias, output_activation="sigmoid", bias=True)}
    for key, net in networks.items():
        trace = html_format.render(explain(net, example.x, example.d, example.alpha))
        formulas = re.findall(r'<li class="formula".*?</li>', page[key][1])
        lines = [re.findall(r'<div class="worked">(.*?)</div>', li) for li in formulas]
        assert sum(1 for each in lines if not each) == 1, key   # α(d − y) alone has no line of its own
        for line in (line for each in lines for line in each):
            assert f'<span class="math">{line}</span>' in trace, (key, line)
        text = [html.unescape(re.sub("<[^>]+>", "", line)) for each in lines for line in each]
        if key.startswith("bias"):   # h′_1 = x_1·W¹_11 + x_2·W¹_21 + 1·W¹_31 = 1·0.5 + 0.5·0.2 + 1·0 = 0.6
            assert text[0].replace(" ", "").endswith("=0.6") and "W131" in text[0], text[0]
        if key.endswith("out"):   # y = σ(y′), y′ the lecture's y 0.1888: 1/(1 + e^−0.1888) = 0.54705, 4 digits 0.547
            assert "y = Φout(y′) = 1/(1 + e−y′) = 1/(1 + e−0.1888) = 0.547" in text, key
