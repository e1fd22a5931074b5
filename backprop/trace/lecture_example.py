"""The built-in worked example: the lecture's 2-3-1 network with chosen numbers.

Two inputs, three hidden neurons with the sigmoid, one output; small weights of
both signs, so that every step of a trace is easy to follow with a pencil.
``python -m backprop`` traces one backpropagation step of this example.
"""

from backprop.network import Network

W1 = [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]]  # W1[i][j] is W_(i+1)(j+1), from x_(i+1) to h_(j+1)
W2 = [0.4, -0.5, 0.3]
x = [1.0, 0.5]
d = 1.0
alpha = 0.5
activation = "sigmoid"


def network() -> Network:
    """Return a fresh copy of the example's network.

    >>> network().feedforward(x).h_prime    # 1·0.5 + 0.5·0.2, 1·(−0.3) + 0.5·0.7, …
    [0.6, 0.04999999999999999, 0.5]
    """
    return Network(W1, W2, activation=activation)
