"""Revealing the worked step one line at a time: in the terminal, or on an HTML page.

:func:`one_line_at_a_time` shows a line and waits for Enter (``q`` and Enter,
or the end of input, stops): for a projector, or to work a value before looking.
:func:`folded_page` turns the trace's HTML page into one whose worked lines are
folded until clicked (or until the "reveal next line" button, or the space bar) —
the given numbers stay in sight, and the diagram and the table of weights are folded too —
by a few lines of inline script: no server, and with scripts off every line
shows, as before.

>>> shown = []
>>> replies = iter(["", "q"])
>>> one_line_at_a_time(["h′_1 = 0.6", "", "h_1 = 0.6457", "y = 0.1888"], read=lambda: next(replies),
...                    write=shown.append)
2
>>> shown
['h′_1 = 0.6', '\\nh_1 = 0.6457']
"""

import re

HINT = "(Enter shows the next line; q and Enter stop)"


def one_line_at_a_time(lines: list, read, write) -> int:
    """Write ``lines`` one at a time, calling ``read()`` for a reply before each next one.

    A blank line is written together with the line after it. Returns how many lines were
    shown; stops at a reply of ``q`` or when ``read`` raises ``EOFError``.
    """
    shown, pending = 0, ""
    for number, line in enumerate(lines):
        if not line.strip():
            pending += "\n"
            continue
        if shown:
            try:
                reply = read()
            except EOFError:
                return shown
            if reply.strip().lower() in ("q", "quit"):
                return shown
        write(pending + line)
        pending = ""
        shown += 1
    return shown


STYLE = """
<style>
li.folded { cursor: pointer; color: transparent; background: #eef1f6; border-radius: 3px; }
li.folded * { visibility: hidden; }
li.folded::before { content: "click to reveal"; color: #888; font-size: 0.85rem; }
#reveal-next { position: fixed; right: 1.5rem; bottom: 1.5rem; padding: 0.6rem 1rem; font-size: 1rem;
               border: 1px solid #1f5fbf; background: #fff; color: #1f5fbf; border-radius: 6px; cursor: pointer; }
</style>
"""

SCRIPT = """
<button id="reveal-next" type="button" hidden="hidden">reveal next line</button>
<script>
//<![CDATA[
(function () {
  var lines = Array.prototype.slice.call(document.querySelectorAll("section ~ section ul.work li"));
  var button = document.getElementById("reveal-next");
  lines.forEach(function (line) {
    line.classList.add("folded");
    line.addEventListener("click", function () { line.classList.remove("folded"); });
  });
  function next() {
    var line = lines.find(function (l) { return l.classList.contains("folded"); });
    if (line) { line.classList.remove("folded"); line.scrollIntoView({block: "nearest"}); }
    if (!lines.some(function (l) { return l.classList.contains("folded"); })) { button.hidden = true; }
  }
  button.hidden = false;
  button.addEventListener("click", next);
  document.addEventListener("keydown", function (event) {
    if (event.key === " " || event.key === "ArrowDown") { event.preventDefault(); next(); }
  });
})();
//]]>
</script>
"""


def folded_page(page: str) -> str:
    """The trace's HTML ``page`` with its worked lines folded until clicked, one by one.

    >>> page = folded_page("<html><head><style></style></head><body><ul class=\\"work\\"><li>y</li></ul></body></html>")
    >>> "reveal next line" in page and page.index("</head>") > page.index("li.folded")
    True
    """
    if "</body>" not in page or "</head>" not in page:
        raise ValueError("not a page of the trace: it has no <head> or <body>")
    page = page.replace("</head>", STYLE + "</head>", 1)
    # the diagram and the table of weights show every value: folded too, until asked for
    page = re.sub(r'(<div class="views">.*?</figure>\s*</div>)',
                  r"<details><summary>the network, with every value of the step</summary>\1</details>", page,
                  count=1, flags=re.S)
    page = re.sub(r"(<h2>The weights, before and after the step</h2>)(.*?)(</section>)",
                  r"\1<details><summary>show the table</summary>\2</details>\3", page, count=1, flags=re.S)
    page = re.sub(r"<h1>([^<]*)</h1>", r"<h1>\1</h1>" + "\n<p>Each worked line is folded: click it, "
                  "or press the button (or the space bar) to reveal the next one. The diagram and the table "
                  "show every value: open them when you are done.</p>", page, count=1)
    return page.replace("</body>", SCRIPT + "</body>", 1)
