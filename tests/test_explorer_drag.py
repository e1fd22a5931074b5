"""The explore page's numbers changed by the hand, in Chromium: a weight's name in the list and its
label on the diagram dragged sideways, and the arrow keys in its field (backprop.pictures.explorer_drag).

The lecture's network, x = (1, 0.5): h′_1 = x_1·W¹_11 + x_2·W¹_21 = W¹_11 + 0.5·0.2, worked out by hand
for each new W¹_11; 10 px of drag is one step of 0.1 (α's step 0.01).
"""

import pytest

from backprop.pictures import explorer
from backprop.trace import lecture_example as example


@pytest.fixture(scope="module")
def page(playwright_chromium):
    tab = playwright_chromium.new_page(viewport={"width": 1280, "height": 900})
    tab.set_content(explorer.render(example.network(), example.x, example.d, example.alpha))
    yield tab
    tab.close()


def drag(tab, selector: str, dx: float, steps: int = 2) -> None:
    box = tab.locator(selector).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tab.mouse.move(x, y)
    tab.mouse.down()
    tab.mouse.move(x + dx, y, steps=steps)
    tab.mouse.up()


def test_a_weight_changes_by_drag_and_by_the_arrow_keys(page):
    W11 = "input[data-name=W1_11]"
    h_prime_1 = lambda: page.inner_text('.variant:not([hidden]) li.formula[value="1"] output')  # noqa: E731
    assert (page.input_value(W11), h_prime_1()) == ("0.5", "0.6")       # 0.5 + 0.5·0.2
    page.focus(W11)
    page.keyboard.press("ArrowUp")                                       # + 0.1
    assert (page.input_value(W11), h_prime_1()) == ("0.6", "0.7")
    page.keyboard.press("Shift+ArrowDown")                               # − 0.01
    assert (page.input_value(W11), h_prime_1()) == ("0.59", "0.69")
    # its name in the list of given numbers, dragged 50 px to the right: + 0.5, passing through the values between
    box = page.locator(".field .drag[data-drag=W1_11]").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 20, y, steps=2)
    assert (page.input_value(W11), h_prime_1()) == ("0.79", "0.89")
    page.mouse.move(x + 50, y, steps=2)
    page.mouse.up()
    assert (page.input_value(W11), h_prime_1()) == ("1.09", "1.19")
    # its label on the diagram, dragged 30 px to the left: − 0.3, and no editor opens
    drag(page, ".variant:not([hidden]) figure.forward svg [data-given=W1_11]", -30)
    assert (page.input_value(W11), h_prime_1()) == ("0.79", "0.89")
    assert page.locator(".editor").is_hidden()
    page.click(".variant:not([hidden]) figure.forward svg [data-given=W1_11]")   # a click that does not move: the editor
    assert page.locator(".editor").is_visible()
    page.keyboard.press("Escape")


def test_alpha_steps_by_a_hundredth_and_stays_positive(page):
    ALPHA = "input[data-name=alpha]"
    page.fill(ALPHA, "0.02")
    page.focus(ALPHA)
    page.keyboard.press("ArrowDown")
    assert page.input_value(ALPHA) == "0.01"
    page.keyboard.press("ArrowDown")                                     # 0 is no learning rate: not taken
    page.keyboard.press("Shift+ArrowDown")                               # 0.01 − 0.001
    assert page.input_value(ALPHA) == "0.009"
    assert page.inner_text('.error[data-for="alpha"]') == ""
    drag(page, ".field .drag[data-drag=alpha]", -200)                    # far to the left: α stays where it was
    assert page.input_value(ALPHA) == "0.009"
    drag(page, ".field .drag[data-drag=alpha]", 41)                      # 0.009 + 4.1·0.01
    assert page.input_value(ALPHA) == "0.05"
