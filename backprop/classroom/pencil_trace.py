"""The pencil trace: the step as a learner carrying ``digits`` digits works it
(:mod:`backprop.classroom.pencil`), shown in a format, with a note on top and, at the end, the
values that differ from full precision.
"""

from backprop.classroom.pencil import pencil_record, rounded
from backprop.classroom.quantities import quantities
from backprop.trace.formats import render


def note(digits: int) -> str:
    """What the top of a pencil trace says."""
    return (f"Pencil mode: every value is computed from the values shown before it, rounded to {digits} "
            f"significant digits, as you would with a pencil; carry {digits} digits and you match every digit.")


def differences(full: list, pencil: list, digits: int) -> list[str]:
    """Lines comparing the pencil values with full precision (quantities of both, in the same order)."""
    out = [f"Against full precision (each shown to {digits + 3} digits):"]
    changed = [(f, p) for f, p in zip(full, pencil) if rounded(f.value, digits) != p.value]
    for f, p in changed:  # with the trace's minus sign
        out.append(f"  {f.name}: pencil {p.value:.{digits}g}, full precision {f.value:.{digits + 3}g} "
                   f"(differs by {p.value - f.value:.2g})".replace("-", "−"))
    if not changed:
        out.append(f"  every value matches full precision to {digits} digits")
    else:
        largest = max(changed, key=lambda pair: abs(pair[1].value - pair[0].value))
        out.append(f"  {len(changed)} of {len(full)} values differ in the last digits; the largest "
                   f"difference is in {largest[0].name}")
    return out


PENCIL_FORMATS = ("text", "markdown", "latex", "html")


def trace(net, x, d, alpha: float, digits: int, format: str = "text") -> str:
    """The trace of the pencil record in ``format`` (one of :data:`PENCIL_FORMATS`), with the
    pencil note on top in place of the usual precision note, and the differences from full
    precision at the end.

    >>> from backprop.trace import lecture_example as example
    >>> text = trace(example.network(), example.x, example.d, example.alpha, 4)
    >>> note(4) in text, "Against full precision" in text
    (True, True)
    """

    if format not in PENCIL_FORMATS:
        raise ValueError(f"pencil mode is shown as {', '.join(PENCIL_FORMATS)}, not {format}")
    text = render(pencil_record(net, x, d, alpha, digits), format, digits)
    lines = differences(quantities(net, x, d, alpha), quantities(net, x, d, alpha, pencil=digits), digits)
    return _FINISH[format](text, digits, lines[0].rstrip(":"), [line.strip() for line in lines[1:]])


def _text(text: str, digits: int, title: str, items: list) -> str:
    from backprop.trace.worked import precision_note

    text = text.replace(precision_note(digits), note(digits), 1)
    return text + "\n" + title + ":\n" + "".join(f"  {item}\n" for item in items)


def _markdown(text: str, digits: int, title: str, items: list) -> str:
    from backprop.trace.worked import precision_note

    text = text.replace(precision_note(digits), note(digits), 1)
    return text + "\n## " + title + "\n\n" + "".join(f"- {item}\n" for item in items)


def _latex(text: str, digits: int, title: str, items: list) -> str:
    from backprop.trace.formats.latex_format import escape, heading
    from backprop.trace.worked import precision_note

    def prose(words):  # ∂ and Δ of the names, which escape leaves to the math
        return escape(words).replace("∂", r"$\partial$").replace("Δ", r"$\Delta$")

    text = text.replace(escape(precision_note(digits)), prose(note(digits)), 1)
    return (text + "\n" + heading(title) + "\n\\begin{itemize}\n"
            + "".join(f"\\item {prose(item)}\n" for item in items) + "\\end{itemize}\n")


def _html(text: str, digits: int, title: str, items: list) -> str:
    from html import escape

    from backprop.trace.worked import precision_note

    text = text.replace(escape(precision_note(digits)), escape(note(digits)), 1)
    section = (f"<section>\n<h2>{escape(title)}</h2>\n<ul>\n"
               + "".join(f"<li>{escape(item)}</li>\n" for item in items) + "</ul>\n</section>\n")
    at = text.rindex("</body>")
    return text[:at] + section + text[at:]


_FINISH = {"text": _text, "markdown": _markdown, "latex": _latex, "html": _html}
