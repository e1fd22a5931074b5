"""Fit a smooth surface, d = sin(x_1)·x_2, and try the network between the points it learned.

A wider hidden layer (8 neurons) with tanh and a bias, α = 0.1, the samples shuffled each
epoch.  Run it:  python examples/fit_curve.py
"""

import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import Network, datasets, train  # noqa: E402
from backprop.pictures.chart import line_chart  # noqa: E402

samples = datasets.samples("sine")  # a 7×7 grid of x_1 in [−3, 3], x_2 in [−1, 1]
net = Network.random(n_inputs=2, n_hidden=8, activation="tanh", bias=True, seed=0)
losses = train(net, samples, alpha=0.1, epochs=300, shuffle=True, seed=0)

print(f"{len(samples)} samples, {len(losses)} epochs: mean E from {losses[0]:.3g} to {losses[-1]:.3g}")
print(line_chart(losses, height=8, log=True))

print("\nBetween the grid points (never seen in training):")
print("  x_1    x_2    d = sin(x_1)·x_2    y")
for x_1, x_2 in [(0.5, 0.5), (1.5, -0.5), (-2.5, 0.9), (2.5, 0.2)]:
    print(f"{x_1:5g}  {x_2:5g}   {math.sin(x_1) * x_2:9.4f}         {net.predict([x_1, x_2]):7.4f}")
