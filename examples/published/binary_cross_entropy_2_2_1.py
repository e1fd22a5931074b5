"""A published binary cross-entropy step, number for number: 2 inputs, 2 sigmoid hidden neurons, 1 sigmoid output.

Source: "Numerical walkthrough — backprop by hand on a 2-2-1 net", chapter 20 (a supplement to
"MLP & Backpropagation") of *nn-timeline* on surafelml.github.io,
https://surafelml.github.io/nn-timeline/supp/04_mlp_backprop_numerical.html
It works one forward and one backward pass of a 2-2-1 network, every neuron a sigmoid, biases
zero, with the binary cross-entropy, and prints each number to 4 decimals. Its names and the
library's, for ``Network(W1, W2, activation="sigmoid", output_activation="sigmoid",
loss="cross_entropy")``:

    x = (1, 0), y = 1               x = (1, 0), d = 1
    W⁽¹⁾ (rows = hidden units)      W¹ transposed: the library's W¹ has a row per input,
                                    W¹_ij from x_i to h_j, so W¹ = ((0.1, 0.3), (0.2, 0.4))
    W⁽²⁾ = (0.5, 0.6)               W² = (0.5, 0.6)
    z1, a1                          h′, h
    z2, yhat                        y′, y
    loss = −(y ln ŷ + (1 − y) ln(1 − ŷ))   E, the same binary cross-entropy (no ½, no mean)
    d2 = yhat − y                   ∂E/∂y′ = −(d − y): the textbook's δ of the output. The lecture's
                                    δ is ∂y′/∂W; the sign is the other way round
    dW2 = d2 · a1                   ∂E/∂W² = −ΔW²/α: the library's step gives ΔW = −α·∂E/∂W,
                                    so with α = 1 the gradient is −ΔW

The page prints no update, so the script takes one step with α = 1 and compares −ΔW² with
its dW2. The code here is this library's own; only the numbers are the page's.

Run it:  python examples/published/binary_cross_entropy_2_2_1.py    (exit status 1 if a number disagrees)
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from backprop import Network, sgd_step  # noqa: E402

# the page's numbers, as printed there (a string keeps its number of digits)
PUBLISHED = {
    "z1_1": "0.1", "z1_2": "0.3", "a1_1": "0.525", "a1_2": "0.5744",
    "z2": "0.6072", "yhat": "0.6473", "loss": "0.435",
    "d2": "-0.3527", "dW2_1": "-0.1852", "dW2_2": "-0.2026",
}


def network() -> Network:
    """The page's network in the library's layout: W¹ has a row per input (the page's W⁽¹⁾ transposed)."""
    return Network([[0.1, 0.3], [0.2, 0.4]], [0.5, 0.6], activation="sigmoid", output_activation="sigmoid",
                   loss="cross_entropy")


def ours() -> dict:
    """The library's numbers, under the page's names."""
    net = network()
    forward = net.feedforward([1.0, 0.0])
    step = sgd_step(net, [1.0, 0.0], 1.0, alpha=1.0)  # ΔW = −1 · ∂E/∂W
    return {
        "z1_1": forward.h_prime[0], "z1_2": forward.h_prime[1], "a1_1": forward.h[0], "a1_2": forward.h[1],
        "z2": forward.y_prime, "yhat": forward.y, "loss": step.E,
        "d2": -(1.0 - forward.y),  # ∂E/∂y′ = −(d − y), which the step uses as (d − y)
        "dW2_1": -step.delta_W2[0], "dW2_2": -step.delta_W2[1],
    }


def agrees(value: float, printed: str) -> bool:
    """Whether ``value`` rounds to ``printed`` at the printed number of decimals."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return round(value, decimals) == round(float(printed), decimals)


def main() -> int:
    values, wrong = ours(), []
    print("name    library              published  agrees")
    for name, printed in PUBLISHED.items():
        ok = agrees(values[name], printed)
        wrong += [] if ok else [name]
        print(f"{name:7} {values[name]!r:20} {printed:10} {'yes' if ok else 'NO'}")
    print("Every published digit agrees." if not wrong else f"Disagree: {', '.join(wrong)}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
