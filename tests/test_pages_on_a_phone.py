"""Every HTML page the library writes, in Chromium (driven by Playwright) at a phone's 390 px and a
desktop's 1280 px: the page never scrolls sideways, every blank and value can be reached, text is at
least 14 px, and a diagram either fits or scrolls inside its own box.

Text drawn inside a diagram (SVG) is the diagram's: it scales with it, and is not counted here.
"""

import pytest

from conftest import run_in_process

PAGES = ("trace", "reveal", "sheet", "key", "report", "explore")
WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Each page as its command writes it, made in this process."""
    folder = tmp_path_factory.mktemp("pages")

    def output(*argv) -> str:
        result = run_in_process(*argv)
        assert result.returncode == 0, result.stderr
        return result.stdout

    made = {"trace": output("trace", "--format", "html"),
            "reveal": output("trace", "--format", "html", "--reveal"),
            "explore": output("explore")}
    output("sheet", "--format", "html", "--count", "2", "--output", str(folder))
    output("train", "--epochs", "20", "--seed", "1", "--quiet", "--report", str(folder / "report.html"))
    for name, file in (("sheet", "sheet-1.html"), ("key", "key-1.html"), ("report", "report.html")):
        made[name] = (folder / file).read_text(encoding="utf-8")
    return made


@pytest.fixture(scope="module")
def tabs(playwright_chromium):
    """One tab per width: a phone's (a mobile viewport, so a page without <meta name="viewport"> is
    laid out 980 px wide, as a phone does) and a desktop's."""
    opened = {390: playwright_chromium.new_page(viewport={"width": 390, "height": 800}, is_mobile=True,
                                                has_touch=True),
              1280: playwright_chromium.new_page(viewport={"width": 1280, "height": 800})}
    yield opened
    for tab in opened.values():
        tab.close()


MEASURE = """() => {
  const width = window.innerWidth;
  const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  // the box that scrolls sideways around an element, if any
  const scroller = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return box;
    }
    return null;
  };
  const outside = (element) => element.getBoundingClientRect().right > width + 0.5
                               || element.getBoundingClientRect().left < -0.5;
  const small = [], unreachable = [], diagrams = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || element.closest("svg, script, style") || !shown(element)) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < 14) small.push([element.tagName, size, node.textContent.trim().slice(0, 20)]);
  }
  // what a learner must reach: blanks, worked lines, table cells, controls
  const wanted = document.querySelectorAll(".blank, li, td, th, input, button, select");
  for (const element of wanted) {
    if (!shown(element) || element.closest("svg")) continue;
    if (outside(element)) {
      const box = scroller(element);
      if (!box || outside(box)) unreachable.push(element.textContent.trim().slice(0, 30));
    }
  }
  for (const svg of document.querySelectorAll("svg")) {
    if (!shown(svg) || svg.parentElement.closest("svg") || svg.getBoundingClientRect().width < 100) continue;
    const box = scroller(svg);
    diagrams.push(!outside(svg) || (box !== null && !outside(box)));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, small: small.slice(0, 5), unreachable:
          unreachable.slice(0, 5), reached: wanted.length, diagrams};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_the_page_fits_the_screen(pages, tabs, name, width):
    tab = tabs[width]
    tab.set_content(pages[name])
    seen = tab.evaluate(MEASURE)
    assert seen["width"] == width
    assert seen["scrollWidth"] <= width, f"{name} scrolls sideways: {seen['scrollWidth']} px wide"
    assert seen["small"] == [], seen["small"]
    assert seen["reached"] > 5 and seen["unreachable"] == [], seen["unreachable"]
    assert all(seen["diagrams"]), seen["diagrams"]
    assert seen["diagrams"] or name in ("sheet", "key")  # the others draw the network or the curve
