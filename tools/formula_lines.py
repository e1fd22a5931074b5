"""Re-point the formula tables of README.md and docs/deep.md at the lines that compute each formula.

Each row names a function and a file: the line is the first comment inside that function which
holds the formula's left-hand side (``h′_j =``, ``E =``, ``W ←``, …). Run it after moving code in those
functions; tests/test_readme.py checks the result.

    python tools/formula_lines.py
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = ("README.md", os.path.join("docs", "deep.md"))
ROW = re.compile(r"^(\| (.+?) \| `([^`]+)`, (backprop/[\w/]+\.py)):(\d+) \|$", re.MULTILINE)


def formula_line(path: str, function: str, symbol: str) -> int:
    """The one-based number of the first comment line holding ``symbol`` inside ``function``."""
    lines = open(os.path.join(ROOT, path), encoding="utf-8").read().splitlines()
    name = function.split(".")[-1]
    start = next(i for i, line in enumerate(lines) if re.match(rf"\s*def {re.escape(name)}\(", line))
    for i in range(start + 1, len(lines)):
        if re.match(r"(def |class )", lines[i]):
            break
        if lines[i].strip().startswith("#") and symbol in lines[i]:
            return i + 1
    raise SystemExit(f"{path}: no comment with {symbol!r} in {function}")


def symbol(formula: str) -> str:
    """What the comment must hold: the formula's left-hand side with its ``=`` or ``←`` (``h_j =``),
    or its first word where it has none (``Φ′`` of "Φ′ of the sigmoid")."""
    words = formula.split(" ")
    return " ".join(words[:2]) if len(words) > 1 and words[1] in ("=", "←") else words[0]


def main() -> int:
    for page in PAGES:
        path = os.path.join(ROOT, page)
        text = open(path, encoding="utf-8").read()
        new = ROW.sub(lambda m: f"{m[1]}:{formula_line(m[4], m[3], symbol(m[2]))} |", text)
        if new != text:
            with open(path, "w", encoding="utf-8") as file:
                file.write(new)
            print(f"re-pointed {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
