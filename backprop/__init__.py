"""backprop: the backpropagation lecture's network, written as plain Python.

"Backpropagation Example A" in code: a network with inputs x, a hidden layer
h = Φ(x·W¹) and an output y = h·W², its squared error E = ½(d − y)², and the
backpropagation step ΔW = α·(d − y)·∂y/∂W found with the chain rule.

>>> from backprop import Network, sgd_step
>>> net = Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3])
>>> step = sgd_step(net, [1.0, 0.5], d=1.0, alpha=0.5)
>>> step.E > squared_error(1.0, net.predict([1.0, 0.5]))
True
"""

import sys

__version__ = "0.2.0"  # the one place the version is written (pyproject.toml reads it from here)


def _ctrl_c_in_one_line(kind, error, traceback) -> None:
    """sys.excepthook while ``python -m backprop`` loads: Ctrl-C there is one line, no traceback."""
    if issubclass(kind, KeyboardInterrupt):
        print("python -m backprop: stopped by Ctrl-C", file=sys.stderr)
    else:
        sys.__excepthook__(kind, error, traceback)


if sys.argv[:1] == ["-m"]:  # ``python -m backprop`` is loading this package (runpy's "-m" until it runs)
    sys.excepthook = _ctrl_c_in_one_line

from backprop.activations import ACTIVATIONS, Activation, get_activation
from backprop.loss import squared_error
from backprop.network import Forward, Network
from backprop.train import DivergenceError, Gradients, Step, gradients, sgd_step, train
from backprop.math import deep
from backprop.math.deep import DeepNetwork
from backprop.trace.explain import explain

__all__ = [
    "__version__",
    "ACTIVATIONS",
    "Activation",
    "DeepNetwork",
    "DivergenceError",
    "Forward",
    "Gradients",
    "Network",
    "Step",
    "deep",
    "explain",
    "explore",
    "get_activation",
    "gradcheck",
    "gradients",
    "sgd_step",
    "squared_error",
    "train",
]

# Modules imported only when first asked for: gradcheck (a trace does not need it), and modules
# that moved into the package's folders, still reachable by their old names
# (``from backprop import datasets``).
_MOVED = {
    "gradcheck": "backprop.math.gradcheck",
    "atomic_file": "backprop.files.atomic_file",
    "data_file": "backprop.files.data_file",
    "datasets": "backprop.files.datasets",
    "weights_file": "backprop.files.weights_file",
    "validate": "backprop.math.validate",
    "notation": "backprop.math.notation",
    "deep_gradcheck": "backprop.math.deep_gradcheck",
    "lecture_example": "backprop.trace.lecture_example",
    "quiz_example": "backprop.trace.quiz_example",
    "chart": "backprop.pictures.chart",
    "svg_plot": "backprop.pictures.svg_plot",
}


def __getattr__(name: str):
    if name == "explore":  # the live page of a step, for a notebook: loaded when first asked for
        from backprop.pictures.explorer import explore

        return explore
    if name in _MOVED:
        import importlib

        return importlib.import_module(_MOVED[name])
    raise AttributeError(f"module 'backprop' has no attribute {name!r}")
