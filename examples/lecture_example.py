"""The lecture's example in a dozen lines: feedforward, error, one backpropagation step.

Run it:  python examples/lecture_example.py
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import Network, gradients, sgd_step, squared_error  # noqa: E402

# W1[i][j] is the lecture's W_(i+1)(j+1), from input x_(i+1) to hidden neuron h_(j+1)
net = Network(W1=[[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], W2=[0.4, -0.5, 0.3], activation="sigmoid")
x, d, alpha = [1.0, 0.5], 1.0, 0.5

forward = net.feedforward(x)
print("h′ =", forward.h_prime)
print("h  =", forward.h)
print("y  =", forward.y)
print("E  =", squared_error(d, forward.y))
print("δ  =", gradients(net, x))
step = sgd_step(net, x, d, alpha)
print("ΔW1 =", step.delta_W1)
print("ΔW2 =", step.delta_W2)
print("E after one step =", squared_error(d, net.predict(x)))
