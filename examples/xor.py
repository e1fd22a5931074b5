"""Teach the lecture's network XOR, which no network without a hidden layer can learn.

Run it:  python examples/xor.py
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import Network, train  # noqa: E402

xor = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]

net = Network.random(n_inputs=2, n_hidden=3, activation="sigmoid", bias=True, seed=0)
losses = train(net, xor, alpha=0.5, epochs=3000)

for epoch in (1, 10, 100, 1000, 3000):
    print(f"epoch {epoch:5d}: mean E = {losses[epoch - 1]:.6f}")
for x, d in xor:
    print(f"x = {x}  d = {d}  y = {net.predict(x):.3f}")
