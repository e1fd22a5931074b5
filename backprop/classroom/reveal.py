"""Revealing the worked step one line at a time: in the terminal, or on an HTML page.

:func:`one_line_at_a_time` shows a line and waits for Enter (``q`` and Enter,
or the end of input, stops): for a projector, or to work a value before looking.
A worked line of the step is shown as its question first — its left-hand side
and formula, what to work out (``h′_1 = x_1·W¹_11 + x_2·W¹_21 = ?``) — and its
right-hand side, the numbers put in and the value, on the next Enter.
:func:`folded_page` turns the trace's HTML page into one whose worked lines show
their question with the right-hand side folded until clicked (or until the
"reveal next line" button, or the space bar) — the given numbers stay in sight,
and the diagram and the table of weights are folded too — by a few lines of
inline script: no server, and with scripts off every line shows, as before.

>>> shown = []
>>> replies = iter(["", "", "q"])
>>> asked = {"h_1 = Φ(h′_1) = 0.6457": ("h_1 = Φ(h′_1) = ?", "  = 0.6457")}
>>> one_line_at_a_time(["h′_1 = 0.6", "", "h_1 = Φ(h′_1) = 0.6457", "y = 0.1888"], read=lambda: next(replies),
...                    write=shown.append, questions=asked)
2
>>> shown
['h′_1 = 0.6', '\\nh_1 = Φ(h′_1) = ?', '  = 0.6457']
"""

import re

from backprop.classroom.quantities import quantities
from backprop.trace.formats.text_format import TextStyle
from backprop.trace.worked import Line

HINT = "(Enter shows the next line; q and Enter stop)"


def question(line: Line) -> Line:
    """What a worked line asks: its left-hand side and formula (h′_1 = x_1·W¹_11 + x_2·W¹_21),
    or the update itself (W¹_11 ← W¹_11 + ΔW¹_11), as the quiz asks it."""
    return Line(line.parts[:1] if "←" in line.parts[0] else line.parts[:2])


def questions(net, x, d, alpha: float, digits: int = 4, pencil: bool = False) -> dict:
    """Each worked line of the step as the text trace writes it → ``(question, answer)``: the
    question ends in "= ?", the answer is the rest of the line ("= 1·0.5 + 0.5·0.2 = 0.6").
    Empty for a network of several outputs (the classroom's quantities have one)."""
    try:
        values = quantities(net, x, d, alpha, pencil=digits if pencil else None)
    except ValueError:
        return {}
    style, out = TextStyle(digits), {}
    for q in values:
        full, asked = "  " + style.line(q.line), "  " + style.math(question(q.line))
        if full.startswith(asked + " = "):
            out[full] = (asked + " = ?", "  " + " " * len(asked.strip()) + full[len(asked):])
    return out


def one_line_at_a_time(lines: list, read, write, questions: dict | None = None) -> int:
    """Write ``lines`` one at a time, calling ``read()`` for a reply before each next one; a line
    of ``questions`` is written as its question, and its answer after one more reply.

    A blank line is written together with the line after it. Returns how many lines were
    shown; stops at a reply of ``q`` or when ``read`` raises ``EOFError``.
    """
    shown, pending, questions = 0, "", questions or {}

    def wait() -> bool:
        try:
            reply = read()
        except EOFError:
            return False
        return reply.strip().lower() not in ("q", "quit")

    for number, line in enumerate(lines):
        if not line.strip():
            pending += "\n"
            continue
        if shown and not wait():
            return shown
        if line in questions:
            asked, answer = questions[line]
            write(pending + asked)
            if not wait():
                return shown
            write(answer)
        else:
            write(pending + line)
        pending = ""
        shown += 1
    return shown


STYLE = """
<style>
li.folded:not(.question) { cursor: pointer; color: transparent; background: #eef1f6; border-radius: 3px; }
li.folded:not(.question) * { visibility: hidden; }
li.folded:not(.question)::before { content: "click to reveal"; color: #888; font-size: 0.85rem; }
li.folded.question { cursor: pointer; }
li.folded .answer { color: transparent; background: #eef1f6; border-radius: 3px; }
li.folded .answer * { visibility: hidden; }
li.folded .answer::before { content: "?"; color: #888; }
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
    page = re.sub(r"<h1>([^<]*)</h1>", r"<h1>\1</h1>" + "\n<p>Each worked line shows what to work out; "
                  "its numbers and value are folded: click it, or press the button (or the space bar) to "
                  "reveal the next one. The diagram and the table show every value: open them when you are "
                  "done.</p>", page, count=1)
    given_end = page.find("</section>", page.find("<h2>Given</h2>"))
    if given_end > 0:  # the worked lines, after the given numbers: the question stays, the answer folds
        page = page[:given_end] + re.sub(r'<li><span class="math">(.*?)</span></li>', _split_line,
                                         page[given_end:])
    return page.replace("</body>", SCRIPT + "</body>", 1)


def _split_line(match) -> str:
    """``<li>`` of a worked line with its question in sight and its right-hand side in a span that folds."""
    parts = match.group(1).split(" = ")
    if len(parts) < 3:
        return match.group(0)
    k = 1 if "←" in parts[0] else 2
    return ('<li class="question"><span class="math">' + " = ".join(parts[:k])
            + ' = <span class="answer">' + " = ".join(parts[k:]) + "</span></span></li>")
