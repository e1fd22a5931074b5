"""A published worked example with no activation at all: 2 inputs, 2 linear hidden neurons, 1 output.

hmkcode's "Backpropagation Step by Step" (https://hmkcode.com/ai/backpropagation-step-by-step/)
takes one step of a 2-2-1 network whose neurons only add up their weighted inputs: no Φ, no
bias, the input (2, 3), the desired output 1 and the learning rate a = 0.05. That is the
lecture's network with Φ the identity, ``Network(W1, W2, activation="identity")``. Its names
and the library's:

    inputs i1, i2                 x_1, x_2
    w1, w2 (into h1)              W¹_11, W¹_21
    w3, w4 (into h2)              W¹_12, W¹_22
    w5, w6 (h1, h2 into out)      W²_1, W²_2
    prediction, actual            y, d
    Error = ½(prediction − actual)²    E = ½(d − y)²

Conversions:
- the sign of δ: the example's Delta = prediction − actual = −(d − y), the lecture's error with
  the other sign, so its w* = w − a·(h·Delta) is the lecture's W + α(d − y)·h, and its printed
  a·h·Delta (−0.034 for w5) is −ΔW;
- the learning rate: a is the lecture's α, as it is (0.05); the loss has the lecture's ½.

The example rounds to two or three decimals as it goes; the library keeps every digit, and every
printed number agrees at the example's own number of decimals (.17 stands for 0.1743825).

Run it:  python examples/published/hmkcode_2_2_1_linear.py    (exit status 1 if a number disagrees)
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from backprop import Network, sgd_step  # noqa: E402

# the example's numbers: inputs, weights, desired output, learning rate
i1, i2 = 2.0, 3.0
w1, w2, w3, w4, w5, w6 = 0.11, 0.21, 0.12, 0.08, 0.14, 0.15
actual = 1.0
a = 0.05

# what it prints, as printed (a string keeps its number of decimals)
PUBLISHED = {
    "h1": ".85", "h2": ".48", "prediction": ".191", "Error": "0.327", "Delta": "-0.809",
    "a*h1*Delta": "-0.034", "a*h2*Delta": "-0.019",
    "a*i1*Delta*w5": "-0.011", "a*i1*Delta*w6": "-0.012", "a*i2*Delta*w5": "-0.017", "a*i2*Delta*w6": "-0.018",
    "w5": ".17", "w6": ".17", "w1": ".12", "w2": ".23", "w3": ".13", "w4": ".10",
    "new h1": ".92", "new h2": ".56", "new prediction": ".26",
}


def results() -> dict:
    """Every published number, by the library: the feedforward pass, one step, and the pass after it."""
    net = Network([[w1, w3], [w2, w4]], [w5, w6], activation="identity")  # W¹: a row per input, a column per h
    x = [i1, i2]
    before = net.feedforward(x)
    step = sgd_step(net, x, actual, alpha=a)
    after = net.feedforward(x)
    (W1_11, W1_12), (W1_21, W1_22) = net.W1
    ours = {
        "h1": before.h[0], "h2": before.h[1], "prediction": step.y, "Error": step.E,
        # Delta = prediction − actual = −(d − y)
        "Delta": -(actual - step.y),
        # a·h·Delta = −ΔW², and a·i·Delta·w = −ΔW¹ (the example's sign of δ)
        "a*h1*Delta": -step.delta_W2[0], "a*h2*Delta": -step.delta_W2[1],
        "a*i1*Delta*w5": -step.delta_W1[0][0], "a*i1*Delta*w6": -step.delta_W1[0][1],
        "a*i2*Delta*w5": -step.delta_W1[1][0], "a*i2*Delta*w6": -step.delta_W1[1][1],
        "w5": net.W2[0], "w6": net.W2[1], "w1": W1_11, "w2": W1_21, "w3": W1_12, "w4": W1_22,
        "new h1": after.h[0], "new h2": after.h[1], "new prediction": after.y,
    }
    return ours


def agrees(value: float, published: str) -> bool:
    """Whether ``value`` rounds to ``published`` at the published number of decimals."""
    decimals = len(published.split(".")[1])
    return abs(value - float(published)) <= 0.5 * 10.0 ** -decimals


def main() -> int:
    ours = results()
    print("One step of the published 2-2-1 linear example (no activation, no bias, a = 0.05)")
    print(f"{'':15} {'backprop':>20} {'published':>10}")
    all_agree = True
    for name, published in PUBLISHED.items():
        ok = agrees(ours[name], published)
        all_agree = all_agree and ok
        print(f"{name:15} {ours[name]:20.12f} {published:>10}  {'agrees' if ok else 'DIFFERS'}")
    print("\nEvery published digit agrees." if all_agree else "\nSome numbers differ.")
    return 0 if all_agree else 1


if __name__ == "__main__":
    sys.exit(main())
