"""The HTML sheet and key printed from the browser (Chromium, driven by Playwright): each problem on one
page, and no symbol such as W²₃ broken across lines."""

import subprocess

import pytest

from conftest import require_tool, run_in_process

PROBLEMS = 3  # the key of a 2-3-1 problem takes most of an A4 page: three make three pages at least


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The sheet's and the key's HTML, as ``sheet --format html`` writes them."""
    folder = tmp_path_factory.mktemp("sheets")
    result = run_in_process("sheet", "--format", "html", "--count", str(PROBLEMS), "--seed", "7",
                            "--output", str(folder))
    assert result.returncode == 0, result.stderr
    return {name: (folder / f"{name}-7.html").read_text(encoding="utf-8") for name in ("sheet", "key")}


def printed_pages(pdf) -> list[str]:
    text = subprocess.run([require_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


# every <var> followed by its indices (W²₃: <var>W</var><span class="scripts">…</span>; h′₁: a prime,
# then <sub>): where the indices start left of the letter's end, or below it, the line broke between them
BROKEN_SYMBOLS = """() => {
  const broken = [];
  let symbols = 0;
  for (const letter of document.querySelectorAll("var")) {
    const scripts = letter.nextElementSibling;
    if (!scripts || !(scripts.tagName === "SUB" || scripts.classList.contains("scripts"))) continue;
    symbols += 1;
    const a = letter.getBoundingClientRect(), b = scripts.getBoundingClientRect();
    if (b.left < a.right - 1 || b.top >= a.bottom) broken.push(letter.parentElement.textContent);
  }
  return [symbols, broken];
}"""


def test_printed_each_problem_is_on_one_page_and_no_symbol_is_broken(pages, playwright_chromium, tmp_path):
    page = playwright_chromium.new_page(viewport={"width": 390, "height": 800})
    try:
        for name in ("sheet", "key"):
            page.set_content(pages[name])
            page.emulate_media(media="print")
            page.pdf(path=str(tmp_path / f"{name}.pdf"), prefer_css_page_size=True)  # A4, the page's @page
            # squeezed to a pixel's width every line wraps wherever it may: never inside a symbol
            page.add_style_tag(content="body, body * { width: 1px !important; max-width: 1px !important; }")
            symbols, broken = page.evaluate(BROKEN_SYMBOLS)
            assert symbols > 40 * PROBLEMS and broken == [], (name, broken[:3])
    finally:
        page.close()
    for name in ("sheet", "key"):
        printed = printed_pages(tmp_path / f"{name}.pdf")
        assert len(printed) >= (2 if name == "sheet" else PROBLEMS)
        headings = [[line for line in lines if line.startswith("Problem 7-")] for lines in printed]
        assert sorted(sum(headings, [])) == [f"Problem 7-{k}" for k in range(1, PROBLEMS + 1)]
        for number, lines in enumerate(printed):
            # a problem split across pages would start a page with the rest of itself, not a heading
            assert lines[0].startswith("Problem 7-") or number == 0, (name, number + 1, lines[:2])
            # and the page holds its problems whole: a sheet's up to the last blank, a key's up to
            # the last weight updated (W²₃ ← W²₃ + ΔW²₃ of a 2-3-1 network)
            last = "new W" if name == "sheet" else "←"
            ends = [n for n, line in enumerate(lines) if last in line]
            assert ends and ends[-1] >= len(lines) - (2 if name == "sheet" else 1), (name, number + 1, lines[-3:])
