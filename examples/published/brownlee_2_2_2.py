"""A published training run, epoch by epoch: the "from scratch" tutorial's 2-2-2 network, 20 epochs.

Jason Brownlee's "How to Code a Neural Network with Backpropagation In Python (from scratch)"
(https://machinelearningmastery.com/implement-backpropagation-algorithm-scratch-python/, the
version of October 2021) trains a network of 2 inputs, 2 sigmoid hidden neurons and 2 sigmoid
outputs, every neuron with a bias, on 10 samples of two classes (d one-hot: class 0 is (1, 0),
class 1 is (0, 1)), by stochastic gradient descent with learning rate 0.5 for 20 epochs, and
prints the error of every epoch and the weights at the end. Its starting weights are Python's
``random()`` after ``seed(1)``, drawn neuron by neuron (a hidden neuron's input weights, then its
bias; then each output neuron's). This script draws the same numbers and hands them to
``DeepNetwork(W, activation="sigmoid", output_activation="sigmoid", bias=True)``:

    neuron j's 'weights' [w_1, …, w_n, bias]    column j of Wᵏ: rows x_1 … x_n, then the bias row
    l_rate                                      α
    expected (one-hot)                          d
    sum_error of an epoch                       Σ over the samples of Σ_j (d_j − y_j)²

Conversions:
- the loss without ½: the tutorial's error of a sample is Σ_j (d_j − y_j)² = 2E, so the printed
  sum_error of an epoch is 2 · (number of samples) · (the mean E that ``train`` returns); both are
  taken before each step, from the weights that step starts with. Its δ, (y − d)·y(1 − y), has no
  factor 2: the ½ is in the gradient, so the rate needs no conversion (l_rate = α = 0.5);
- the sign of δ: the tutorial's delta is (y_j − d_j)·Φ′, the lecture's error with the other sign,
  and its update w − l_rate·delta·input is the lecture's W + α(d − y)·δ.

The 20 errors agree to the printed 3 decimals. The final weights are printed with 16 or 17
digits; the library adds each weighted sum in another order (x_1·w_1 + x_2·w_2 + 1·bias, where the
tutorial starts from the bias), so after 200 steps the last bit or two of some differ (by at most
2.3e-16), and the script compares them to 15 decimals.

Run it:  python examples/published/brownlee_2_2_2.py    (exit status 1 if a number disagrees)
"""

import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from backprop.math.deep import DeepNetwork, train  # noqa: E402

# the tutorial's data set: x_1, x_2 and the class
DATASET = [
    (2.7810836, 2.550537003, 0), (1.465489372, 2.362125076, 0), (3.396561688, 4.400293529, 0),
    (1.38807019, 1.850220317, 0), (3.06407232, 3.005305973, 0), (7.627531214, 2.759262235, 1),
    (5.332441248, 2.088626775, 1), (6.922596716, 1.77106367, 1), (8.675418651, -0.242068655, 1),
    (7.673756466, 3.508563011, 1),
]
L_RATE, N_EPOCH, N_HIDDEN, N_OUTPUTS = 0.5, 20, 2, 2

# what it prints: ">epoch=0, lrate=0.500, error=6.350" … ">epoch=19, …, error=1.132"
PUBLISHED_ERRORS = ["6.350", "5.531", "5.221", "4.951", "4.519", "4.173", "3.835", "3.506", "3.192", "2.898",
                    "2.626", "2.377", "2.153", "1.953", "1.774", "1.614", "1.472", "1.346", "1.233", "1.132"]
# and the weights after training, a list per neuron: [w from x_1 (or h_1), w from x_2 (or h_2), bias]
PUBLISHED_WEIGHTS = [
    [[-1.4688375095432327, 1.850887325439514, 1.0858178629550297],
     [0.37711098142462157, -0.0625909894552989, 0.2765123702642716]],
    [[2.515394649397849, -0.3391927502445985, -0.9671565426390275],
     [-2.5584149848484263, 1.0036422106209202, 0.42383086467582715]],
]
WEIGHT_DECIMALS = 15


def tutorial_weights(n_inputs: int, n_hidden: int, n_outputs: int, seed: int = 1) -> list:
    """The tutorial's starting weights, neuron by neuron, as its initialize_network draws them."""
    rng = random.Random(seed)  # the numbers of random.seed(1) and then random()
    hidden = [[rng.random() for _ in range(n_inputs + 1)] for _ in range(n_hidden)]
    output = [[rng.random() for _ in range(n_hidden + 1)] for _ in range(n_outputs)]
    return [hidden, output]


def as_matrices(neurons_by_layer: list) -> list:
    """Wᵏ from the tutorial's neurons: neuron j's weights (bias last) are column j, the bias the last row."""
    return [[list(row) for row in zip(*neurons)] for neurons in neurons_by_layer]


def as_neurons(W: list) -> list:
    """The tutorial's neurons from Wᵏ: column j of each matrix, bias last."""
    return [[list(column) for column in zip(*W_k)] for W_k in W]


def samples() -> list:
    """(x, d) with d one-hot: class 0 is (1, 0), class 1 is (0, 1)."""
    return [([x_1, x_2], [1.0 if j == c else 0.0 for j in range(N_OUTPUTS)]) for x_1, x_2, c in DATASET]


def results() -> tuple[list[float], list]:
    """The tutorial's sum_error of every epoch and its final weights, by the library's training."""
    net = DeepNetwork(as_matrices(tutorial_weights(2, N_HIDDEN, N_OUTPUTS)), activation="sigmoid",
                      output_activation="sigmoid", bias=True)
    data = samples()
    mean_E = train(net, data, alpha=L_RATE, epochs=N_EPOCH)
    # sum_error = Σ_samples Σ_j (d_j − y_j)² = 2 · Σ_samples E = 2 · n · mean E
    return [2 * len(data) * E for E in mean_E], as_neurons(net.W)


def agrees(value: float, published: str) -> bool:
    """Whether ``value`` rounds to ``published`` at the published number of decimals."""
    decimals = len(published.split(".")[1])
    return abs(value - float(published)) <= 0.5 * 10.0 ** -decimals


def main() -> int:
    errors, weights = results()
    print("The tutorial's 2-2-2 run: sigmoid hidden and outputs, biases, l_rate 0.5, 20 epochs")
    print(f"{'epoch':>5} {'sum_error':>18} {'published':>10}")
    all_agree = True
    for epoch, (ours, published) in enumerate(zip(errors, PUBLISHED_ERRORS)):
        ok = agrees(ours, published)
        all_agree = all_agree and ok
        print(f"{epoch:>5} {ours:18.12f} {published:>10}  {'agrees' if ok else 'DIFFERS'}")
    print(f"\nThe weights after training (to {WEIGHT_DECIMALS} decimals; the tutorial prints 16 or 17 digits)")
    for layer_name, ours_layer, published_layer in zip(("hidden", "output"), weights, PUBLISHED_WEIGHTS):
        for j, (ours_neuron, published_neuron) in enumerate(zip(ours_layer, published_layer)):
            for i, (ours_w, published_w) in enumerate(zip(ours_neuron, published_neuron)):
                ok = abs(ours_w - published_w) <= 0.5 * 10.0 ** -WEIGHT_DECIMALS
                all_agree = all_agree and ok
                name = f"{layer_name} {j + 1} {'bias' if i == len(ours_neuron) - 1 else f'w_{i + 1}'}"
                print(f"  {name:15} {ours_w!r:>22} {published_w!r:>22}  {'agrees' if ok else 'DIFFERS'}")
    print("\nEvery published digit agrees." if all_agree else "\nSome numbers differ.")
    return 0 if all_agree else 1


if __name__ == "__main__":
    sys.exit(main())
