"""The "from scratch" tutorial's first network, 2-1-2: its starting weights, one feedforward pass, its δ.

Jason Brownlee's "How to Code a Neural Network with Backpropagation In Python (from scratch)"
(https://machinelearningmastery.com/implement-backpropagation-algorithm-scratch-python/, the
version of October 2021) builds its pieces on a network of 2 inputs, 1 sigmoid hidden neuron and
2 sigmoid outputs, each neuron with a bias, and prints, to every digit Python shows:

1. the starting weights, ``random()`` after ``seed(1)`` drawn neuron by neuron (input weights,
   then the bias);
2. the outputs for the input (1, 0);
3. the δ ("delta") of every neuron for the desired outputs (0, 1), worked from outputs that the
   tutorial writes into the network by hand: the hidden neuron's 0.7105668883115941 (the one the
   input (1, 0) gives) and the outputs 0.6213859615555266 and 0.6573693455986976 (which are not the
   outputs of step 2: they come from an earlier version of the tutorial). The script hands those
   same values to the library's backward pass, :func:`backprop.math.deep.error_terms`, as a
   feedforward record, rather than the values of its own pass.

The tutorial prints no epoch errors for this network; its training run, 20 printed epoch errors,
is the 2-2-2 network of ``brownlee_2_2_2.py``.

The library's network is ``DeepNetwork(W, activation="sigmoid", output_activation="sigmoid",
bias=True)``: neuron j's 'weights' [w_1, …, w_n, bias] are column j of Wᵏ, the bias in the last row.

Conversions:
- the sign of δ: the tutorial's delta of an output is (y_j − d_j)·y_j(1 − y_j) and of a hidden
  neuron h(1 − h)·Σ_j w_j·delta_j; the library's error terms, started from (d_j − y_j)·Φ_out′(y′_j)
  (:func:`backprop.math.deep.changes_of_all_outputs`), are the same numbers with the other sign:
  delta = −(the library's error term);
- no loss conversion here: no error is printed, and δ carries no factor 2 (the tutorial's loss
  Σ_j (d_j − y_j)², without ½, enters only its printed epoch errors).

Every number agrees to every printed digit: the sums here are of one or two terms, which the
library adds in the same order as the tutorial (a sum of two does not depend on the order).

Run it:  python examples/published/brownlee_2_1_2.py    (exit status 1 if a number disagrees)
"""

import math
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from backprop.math.deep import DeepForward, DeepNetwork, error_terms  # noqa: E402
from backprop.train import output_slope  # noqa: E402

# what it prints, as printed: the starting weights (a list per neuron, bias last) …
PUBLISHED_WEIGHTS = {
    "hidden 1": ["0.13436424411240122", "0.8474337369372327", "0.763774618976614"],
    "output 1": ["0.2550690257394217", "0.49543508709194095"],
    "output 2": ["0.4494910647887381", "0.651592972722763"],
}
# … the outputs for the input (1, 0) …
PUBLISHED_OUTPUTS = ["0.6629970129852887", "0.7253160725279748"]
# … and the deltas for d = (0, 1), from the outputs it writes into the network
GIVEN_HIDDEN, GIVEN_OUTPUTS, EXPECTED = 0.7105668883115941, [0.6213859615555266, 0.6573693455986976], [0.0, 1.0]
PUBLISHED_DELTAS = {"hidden 1": "0.0005348048046610517", "output 1": "0.14619064683582808",
                    "output 2": "-0.0771723774346327"}


def tutorial_weights(n_inputs: int, n_hidden: int, n_outputs: int, seed: int = 1) -> list:
    """The tutorial's starting weights, neuron by neuron, as its initialize_network draws them."""
    rng = random.Random(seed)  # the numbers of random.seed(1) and then random()
    hidden = [[rng.random() for _ in range(n_inputs + 1)] for _ in range(n_hidden)]
    output = [[rng.random() for _ in range(n_hidden + 1)] for _ in range(n_outputs)]
    return [hidden, output]


def network() -> DeepNetwork:
    """The 2-1-2 network: Wᵏ's column j is neuron j's weights, the bias row last."""
    W = [[list(row) for row in zip(*neurons)] for neurons in tutorial_weights(2, 1, 2)]
    return DeepNetwork(W, activation="sigmoid", output_activation="sigmoid", bias=True)


def logit(value: float) -> float:
    """The sum that the sigmoid turns into ``value``: Φ⁻¹(v) = ln(v / (1 − v))."""
    return math.log(value / (1 - value))


def results() -> dict:
    """The starting weights, the outputs for x = (1, 0), and the tutorial's deltas, by the library."""
    net = network()
    ours = {f"{name} {'bias' if i == len(column) - 1 else f'w_{i + 1}'}": value
            for W_k, layer_name in zip(net.W, ("hidden", "output"))
            for j, column in enumerate(zip(*W_k)) for i, value in enumerate(column)
            for name in [f"{layer_name} {j + 1}"]}
    y = net.predict([1.0, 0.0])
    ours.update({"y_1 for x = (1, 0)": y[0], "y_2 for x = (1, 0)": y[1]})
    # the values the tutorial writes into the network, as the record of a feedforward pass
    given = DeepForward([1.0, 0.0], [[logit(GIVEN_HIDDEN)]], [[GIVEN_HIDDEN]],
                        [logit(y_j) for y_j in GIVEN_OUTPUTS], GIVEN_OUTPUTS)
    # the output layer's error terms (d_j − y_j)·Φ_out′(y′_j), walked back by the chain rule
    output_terms = [(d_j - y_j) * output_slope(net, y_prime_j, y_j)
                    for d_j, y_j, y_prime_j in zip(EXPECTED, given.y, given.y_prime)]
    (hidden_terms, output_terms) = error_terms(net, given, output_terms)
    # the tutorial's delta = −(the library's error term)
    ours.update({"delta hidden 1": -hidden_terms[0], "delta output 1": -output_terms[0],
                 "delta output 2": -output_terms[1]})
    return ours


def published() -> dict:
    """The printed numbers under the names of :func:`results`."""
    numbers = {f"{neuron} {'bias' if i == len(values) - 1 else f'w_{i + 1}'}": value
               for neuron, values in PUBLISHED_WEIGHTS.items() for i, value in enumerate(values)}
    numbers.update({"y_1 for x = (1, 0)": PUBLISHED_OUTPUTS[0], "y_2 for x = (1, 0)": PUBLISHED_OUTPUTS[1]})
    numbers.update({f"delta {neuron}": value for neuron, value in PUBLISHED_DELTAS.items()})
    return numbers


def agrees(value: float, printed: str) -> bool:
    """Whether ``value`` rounds to ``printed`` at the printed number of decimals."""
    decimals = len(printed.split(".")[1])
    return abs(value - float(printed)) <= 0.5 * 10.0 ** -decimals


def main() -> int:
    ours = results()
    print("The tutorial's 2-1-2 network: starting weights (seed 1), outputs for x = (1, 0), deltas for d = (0, 1)")
    all_agree = True
    for name, printed in published().items():
        ok = agrees(ours[name], printed)
        all_agree = all_agree and ok
        print(f"  {name:20} {ours[name]!r:>24} {printed:>24}  {'agrees' if ok else 'DIFFERS'}")
    print("\nEvery published digit agrees." if all_agree else "\nSome numbers differ.")
    return 0 if all_agree else 1


if __name__ == "__main__":
    sys.exit(main())
