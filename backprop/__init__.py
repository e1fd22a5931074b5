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

from backprop.activations import ACTIVATIONS, Activation, get_activation
from backprop.loss import squared_error
from backprop.network import Forward, Network
from backprop.train import DivergenceError, Gradients, Step, gradients, sgd_step, train
from backprop import gradcheck
from backprop import deep
from backprop.deep import DeepNetwork
from backprop.trace import explain

__all__ = [
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
    "get_activation",
    "gradcheck",
    "gradients",
    "sgd_step",
    "squared_error",
    "train",
]
