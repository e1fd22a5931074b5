"""The lecture's symbols in ASCII, for a terminal or a stream that cannot show them.

The commands print α, Φ, W¹_11, h′_1 and E = ½(d − y)². On a stream whose
encoding has no such characters (``PYTHONIOENCODING=ascii``, an old terminal) each
is written in the ASCII form that ``check`` also reads: alpha, Phi, W1_11, h'_1,
E = 1/2(d - y)^2. :func:`fall_back` makes a stream do this, through an error
handler of :mod:`codecs`, so nothing that prints has to know.

>>> "α = 0.1, W¹_12, h′_1, E = ½(d − y)²".encode("ascii", ERRORS)
b"alpha = 0.1, W1_12, h'_1, E = 1/2(d - y)^2"
"""

import codecs
import unicodedata

ERRORS = "backprop-ascii"  # the name of the codecs error handler

SYMBOLS = {
    "α": "alpha", "Φ": "Phi", "φ": "phi", "δ": "delta", "Δ": "d", "Σ": "sum", "∂": "d", "η": "eta", "μ": "mu",
    "′": "'", "″": "''", "−": "-", "–": "-", "—": "--", "·": "*", "×": "x", "⊙": "(.)", "←": "<-", "→": "->",
    "½": "1/2", "…": "...", "•": "*", "≈": "~", "≤": "<=", "≥": ">=", "∞": "inf", "─": "-", "│": "|",
    "┤": "|", "├": "|", "└": "+", "┌": "+", "┘": "+", "┐": "+", "┼": "+", "‘": "'", "’": "'", "“": '"', "”": '"',
    "\u00a0": " ",
}
SCRIPTS = {**dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ᵏ", "0123456789+-k")), **dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789"))}


def _ascii(character: str, before: str) -> str:
    """The ASCII form of one character, ``before`` being the one printed just before it."""
    if character in SYMBOLS:
        return SYMBOLS[character]
    if character in SCRIPTS:  # W¹_11 is W1_11; but (d − y)² is (d - y)^2, a power
        return ("^" if character in "²³" and before in ")]" else "") + SCRIPTS[character]
    plain = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode("ascii")
    return plain or "?"


def _handler(error: UnicodeEncodeError):
    text = error.object
    pieces = [_ascii(text[k], text[k - 1] if k else "") for k in range(error.start, error.end)]
    return "".join(pieces), error.end


codecs.register_error(ERRORS, _handler)


def fall_back(stream) -> None:
    """Make a text stream (standard output, standard error) write ASCII forms for the characters its
    encoding lacks; a stream that can write "α" (UTF-8), or that cannot be reconfigured, is left as it is."""
    encoding = getattr(stream, "encoding", None)
    if encoding is None or not hasattr(stream, "reconfigure"):
        return
    try:
        "αΦ′·−¹".encode(encoding)
    except UnicodeEncodeError:
        stream.reconfigure(errors=ERRORS)
    except LookupError:
        pass
