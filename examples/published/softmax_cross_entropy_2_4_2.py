"""A published softmax-with-cross-entropy step, number for number: 2 inputs, 4 ReLU hidden neurons, 2 softmax outputs.

Source: the notebook HWs/HW1_play.ipynb of the repository xinchengo/USTC-AI3002-25fall on GitHub
(https://github.com/xinchengo/USTC-AI3002-25fall, homework of USTC's AI3002, fall 2025), which
works one step of a small classifier by hand and checks it with PyTorch's gradients, printing
every value. Its names and the library's, for ``DeepNetwork(W, activation="relu",
output_activation="softmax", bias=True, loss="cross_entropy")``:

    x = (3, 14)                       x_1, x_2
    W1 (2 × 4: row per input)         W¹_ij, i = 1, 2: from x_i to h_j (the same layout)
    w10 = (−1, −1, −1, −1)            W¹_3j, the bias row (the constant input 1)
    a1 = max(0, W1ᵀx + w10)           h = relu(h′)
    W2 (4 × 2), w20 = (0, 2)          W²_ij, i = 1 … 4, and the bias row W²_5j
    z2, a2 = softmax(z2)              y′, y = softmax(y′)
    loss = −ln a2[1]                  E = −Σ_j d_j ln y_j with d = (0, 1): the second class
    z2.grad = ∂loss/∂z2               ∂E/∂y′_j = −(d_j − y_j): the textbook's δ of the outputs; the
                                      lecture's δ is ∂y′/∂W and its error (d − y), the other sign
    a1.grad = ∂loss/∂a1               Σ_j W²_ij · ∂E/∂y′_j (before relu′)
    W − 0.1 · W.grad                  W + ΔW with α = 0.1: ΔW = −α·∂E/∂W

y_2 = 6.9e−13 here: the output is all but certain and wrong, and ln y_2 would be near the end
of a float's range. The library computes E from y′ (log-sum-exp), so E = 28.0000000000007
comes out finite and right (see docs/losses.md). The code here is this library's own; only
the numbers are the notebook's.

Run it:  python examples/published/softmax_cross_entropy_2_4_2.py    (exit status 1 if a number disagrees)
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from backprop.math.deep import DeepNetwork, sgd_step  # noqa: E402

x = [3.0, 14.0]
d = [0.0, 1.0]  # loss = −ln a2[1]: the second class
alpha = 0.1

# the notebook's printed values, as printed (a string keeps its digits): a1, a2, the two gradients, the new weights
PUBLISHED = {
    "a1": ["2.", "13.", "0.", "0."],
    "a2": ["1.00000000e+00", "6.91440011e-13"],
    "z2.grad": ["1.0000", "-1.0000"],
    "a1.grad": ["2.0000", "2.0000", "2.0000", "2.0000"],
    "W1n row 1": ["0.4000", "-0.6000", "-1.0000", "0.0000"],
    "W1n row 2": ["-2.8000", "-1.8000", "0.0000", "-1.0000"],
    "W2n row 1": ["0.8000", "-0.8000"],
    "W2n row 2": ["-0.3000", "0.3000"],
    "W2n row 3": ["1.0000", "-1.0000"],
    "W2n row 4": ["1.0000", "-1.0000"],
    "w10n": ["-1.2000", "-1.2000", "-1.0000", "-1.0000"],
    "w20n": ["-0.1000", "2.1000"],
}


def network() -> DeepNetwork:
    """The notebook's network: W[k][i][j] is from neuron i of layer k to neuron j of layer k+1, bias row last."""
    return DeepNetwork(
        [
            [[1.0, 0.0, -1.0, 0.0], [0.0, 1.0, 0.0, -1.0], [-1.0, -1.0, -1.0, -1.0]],  # W1, then w10
            [[1.0, -1.0], [1.0, -1.0], [1.0, -1.0], [1.0, -1.0], [0.0, 2.0]],          # W2, then w20
        ],
        activation="relu", output_activation="softmax", bias=True, loss="cross_entropy",
    )


def ours() -> tuple[dict, float]:
    """The library's values under the notebook's names, and E."""
    net = network()
    forward = net.feedforward(x)
    dE_dy_prime = [-(d_j - y_j) for d_j, y_j in zip(d, forward.y)]  # the step's (d − y), with the textbook's sign
    step = sgd_step(net, x, d, alpha)
    W1, W2 = net.W
    return {
        "a1": forward.h[0],
        "a2": forward.y,
        "z2.grad": dE_dy_prime,
        # ∂E/∂h_i = Σ_j W²_ij · ∂E/∂y′_j, with the weights before the step
        "a1.grad": [sum(W2_ij * g for W2_ij, g in zip(row, dE_dy_prime)) for row in network().W[1][:4]],
        "W1n row 1": W1[0], "W1n row 2": W1[1],
        "W2n row 1": W2[0], "W2n row 2": W2[1], "W2n row 3": W2[2], "W2n row 4": W2[3],
        "w10n": W1[2], "w20n": W2[4],
    }, step.E


def agrees(value: float, printed: str) -> bool:
    """Whether ``value`` shows as ``printed``: to its significant digits (1.00000000e+00), or to its decimals."""
    if "e" in printed:
        digits = len(printed.split("e")[0].replace("-", "").replace(".", "")) - 1
        return f"{value:.{digits}e}" == printed
    decimals = len(printed.split(".")[1])
    return round(value, decimals) == round(float(printed), decimals)


def main() -> int:
    values, E = ours()
    wrong = []
    for name, printed in PUBLISHED.items():
        ok = len(values[name]) == len(printed) and all(map(agrees, values[name], printed))
        wrong += [] if ok else [name]
        shown = ", ".join(repr(v) for v in values[name])
        print(f"{name:10} ({shown})\n{'':10} published ({', '.join(printed)}) {'agrees' if ok else 'DISAGREES'}")
    print(f"E = −ln y_2 = {E!r} (not printed by the notebook; finite, from y′)")
    print("Every published digit agrees." if not wrong else f"Disagree: {', '.join(wrong)}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
