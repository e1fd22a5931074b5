"""The course's quiz network: one input, two hidden layers of two neurons, one output.

A :class:`~backprop.math.deep.DeepNetwork` with ``layers = [1, 2, 2, 1]`` and chosen
numbers. The weight W¹_11 (from x_1 to h¹_1) reaches y along two paths, through
h²_1 and through h²_2, so ∂y/∂W¹_11 is the sum of the two paths' derivatives;
the weights give the paths opposite signs, so the sum is not just either one.
"""

from backprop.math.deep import DeepNetwork

layers = [1, 2, 2, 1]
W = [
    [[0.5, -0.4]],  # W¹: x_1 → h¹_1, h¹_2
    [[0.8, -0.6], [0.3, 0.9]],  # W²: row i from h¹_i, column j to h²_j
    [[0.7], [0.5]],  # W³: h²_1, h²_2 → y
]
x = [1.0]
d = 1.0
alpha = 0.5
activation = "sigmoid"


def network() -> DeepNetwork:
    """Return a fresh copy of the quiz network.

    >>> network().layers
    [1, 2, 2, 1]
    """
    return DeepNetwork(W, activation=activation)
