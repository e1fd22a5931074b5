"""A worked example for a handout or an exam key: one backpropagation step, in Markdown and HTML.

Choose the numbers below, then run it:

    python examples/handout.py            # writes into a new temporary folder
    python examples/handout.py handouts/  # writes into handouts/ (made if missing)

It writes step.md (formulas in $…$, readable on GitHub) and step.html (one page,
with a diagram of the network, that opens in any browser without a network).
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import Network  # noqa: E402
from backprop.files.atomic_file import write_text  # noqa: E402
from backprop.trace.formats import render  # noqa: E402
from backprop.trace.explain import explain  # noqa: E402

# The numbers of the worked example; W1[i][j] is the lecture's W_(i+1)(j+1).
net = Network(W1=[[0.2, -0.4, 0.6], [0.5, 0.3, -0.1]], W2=[0.7, -0.2, 0.4], activation="sigmoid")
x, d, alpha = [0.5, 1.0], 0.0, 1.0

folder = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="backprop-handout-")
os.makedirs(folder, exist_ok=True)
record = explain(net, x, d, alpha)
for name, format in (("step.md", "markdown"), ("step.html", "html")):
    path = os.path.join(folder, name)
    write_text(path, render(record, format, digits=4))
    print("wrote", path)
