"""The course's quiz: ∂y/∂W¹_11 in a network with two hidden layers, as the sum of two paths.

One input, two hidden layers of two neurons, one output. W¹_11 (from x_1 to h¹_1)
reaches y along two paths, through h²_1 and through h²_2; the chain rule along
each path gives a product, and the two products add up to the library's ∂y/∂W¹_11.

Run it:  python examples/two_hidden_layers.py
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import deep, quiz_example  # noqa: E402

net = quiz_example.network()
x = quiz_example.x
W1, W2, W3 = net.W  # W1[i][j] is W¹_(i+1)(j+1), and so on
phi_prime = net.phi_prime
forward = net.feedforward(x)
h1_prime, h2_prime = forward.h_prime  # h′¹ and h′²



def number(value: float) -> str:
    """A factor of a product: negative ones in brackets."""
    return f"{value:.6g}" if value >= 0 else f"({value:.6g})"


def values(vector: list[float]) -> str:
    return "(" + ", ".join(f"{v:.6g}" for v in vector) + ")"


print(f"The quiz network {'-'.join(map(str, net.layers))}, Φ = {net.activation}, x_1 = {x[0]:g}")
print(f"  h′¹ = {values(h1_prime)}, h′² = {values(h2_prime)}, y = {forward.y[0]:.6g}")
print()
print("W¹_11 reaches y along two paths; along each, the chain rule multiplies the slopes:")
# path 1: x_1 → h¹_1 → h²_1 → y
path_1 = x[0] * phi_prime(h1_prime[0]) * W2[0][0] * phi_prime(h2_prime[0]) * W3[0][0]
# path 2: x_1 → h¹_1 → h²_2 → y
path_2 = x[0] * phi_prime(h1_prime[0]) * W2[0][1] * phi_prime(h2_prime[1]) * W3[1][0]
library = deep.gradients(net, x).dy_dW[0][0][0]
rows = [
    ("path 1, through h²_1:  x_1·Φ′(h′¹_1)·W²_11·Φ′(h′²_1)·W³_11 = "
     + "·".join(map(number, [x[0], phi_prime(h1_prime[0]), W2[0][0], phi_prime(h2_prime[0]), W3[0][0]])),
     path_1),
    ("path 2, through h²_2:  x_1·Φ′(h′¹_1)·W²_12·Φ′(h′²_2)·W³_21 = "
     + "·".join(map(number, [x[0], phi_prime(h1_prime[0]), W2[0][1], phi_prime(h2_prime[1]), W3[1][0]])),
     path_2),
    ("path 1 + path 2", path_1 + path_2),
    ("∂y/∂W¹_11 by the library's backpropagation (backprop.math.deep.gradients)", library),
]
width = max(len(text) for text, _ in rows)
for text, value in rows:
    print(f"  {text.ljust(width)} = {value:+.6f}")
