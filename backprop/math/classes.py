"""Classes from several outputs: which class a network gives, how often it is right, and a confusion table.

With one output per class and one-hot desired outputs (d_j = 1 for the sample's class, 0 for the
others), the class of a sample is the j with d_j = 1 and the class the network gives is the output
with the largest y_j (the first of equal ones). This holds whatever Φ_out and loss were trained:
a linear, sigmoid or softmax output, squared error or cross-entropy.

Classes are counted from 0 here, as the digits are (class 0 is the digit 0, output y_1); a person
sees them as the digits themselves.

>>> from backprop.math.deep import DeepNetwork
>>> net = DeepNetwork([[[1.0, 0.0], [0.0, 1.0]]], activation="identity")   # y = x
>>> samples = [([0.9, 0.1], [1, 0]), ([0.2, 0.7], [0, 1]), ([0.6, 0.4], [0, 1])]
>>> accuracy(net, samples), confusion(net, samples)
((2, 3), [[1, 0], [1, 1]])
"""


def predicted_class(y) -> int:
    """The class the outputs ``y`` give: the index of the largest y_j (the first of equal ones).

    >>> predicted_class([0.1, 0.7, 0.2]), predicted_class([0.5, 0.5])
    (1, 0)
    """
    return max(range(len(y)), key=y.__getitem__)


def true_class(d) -> int:
    """The class of a one-hot ``d``: the index of its largest d_j (the 1).

    >>> true_class([0.0, 0.0, 1.0])
    2
    """
    return predicted_class(d)


def is_one_hot(d) -> bool:
    """Whether ``d`` has at least two values, one of them 1 and the others 0.

    >>> is_one_hot([0, 1, 0]), is_one_hot([1]), is_one_hot([0.5, 0.5])
    (True, False, False)
    """
    return isinstance(d, list) and len(d) >= 2 and sorted(d) == [0] * (len(d) - 1) + [1]


def accuracy(net, samples) -> tuple[int, int]:
    """``(right, n)``: how many of the ``n`` samples ``(x, d)`` the network gives the class of d."""
    right = sum(predicted_class(net.predict(x)) == true_class(d) for x, d in samples)
    return right, len(samples)


def confusion(net, samples) -> list[list[int]]:
    """The confusion table: ``table[i][j]`` counts the samples of class i that the network gives class j.

    The diagonal holds the samples it gets right; the table has a row and a column per output.
    """
    n_classes = net.n_outputs
    table = [[0] * n_classes for _ in range(n_classes)]
    for x, d in samples:
        table[true_class(d)][predicted_class(net.predict(x))] += 1
    return table


def confusion_text(table: list[list[int]], names: list[str] | None = None) -> str:
    """The confusion table as text: a row per true class, a column per class given, 0s as dots.

    >>> print(confusion_text([[3, 1], [0, 4]], ["0", "1"]))
    true \\ given   0   1
               0   3   1
               1   ·   4
    """
    names = names or [str(k) for k in range(len(table))]
    width = max(3, *(len(str(count)) + 1 for row in table for count in row), *(len(name) + 1 for name in names))
    head = "true \\ given"
    lines = [head + "".join(name.rjust(width) for name in names)]
    for name, row in zip(names, table):
        lines.append(name.rjust(len(head)) + "".join((str(count) if count else "·").rjust(width) for count in row))
    return "\n".join(lines)
