"""``train`` on a data set with a held-out test split (``--dataset digits``): the test accuracy of
every epoch, the summary with its confusion table, and the report's pictures of the digits.

The network trains on the training samples only; after every epoch it classifies the test samples
(the output with the largest y_j is its class, :mod:`backprop.math.classes`), and the share it gets
right is that epoch's test accuracy. Nothing here depends on the output activation or the loss.
"""

from html import escape

from backprop.math import classes
from backprop.pictures import chart

SHOWN_EPOCHS = 20  # test accuracies listed at most; more epochs are listed every k-th, and the last


class HeldOutAccuracy:
    """``on_epoch`` for training: after each epoch, how many test samples the network classifies right.

    >>> from backprop.math.deep import DeepNetwork
    >>> net = DeepNetwork([[[1.0, 0.0], [0.0, 1.0]]], activation="identity")
    >>> tested = HeldOutAccuracy(net, [([1, 0], [1, 0]), ([1, 0], [0, 1])])
    >>> tested(1, 0.25); tested.right, tested.n
    ([1], 2)
    """

    def __init__(self, net, test_samples):
        self.net, self.test_samples = net, test_samples
        self.n = len(test_samples)
        self.right: list[int] = []  # of each finished epoch

    def __call__(self, epoch: int, mean_E: float) -> None:
        self.right.append(classes.accuracy(self.net, self.test_samples)[0])


def shown_epochs(epochs: int, most: int = SHOWN_EPOCHS) -> list[int]:
    """The epochs (one-based) whose test accuracy is listed: all of up to ``most``, else every k-th and the last.

    >>> shown_epochs(3), shown_epochs(100)[:3], shown_epochs(100)[-1]
    ([1, 2, 3], [5, 10, 15], 100)
    """
    if epochs <= most:
        return list(range(1, epochs + 1))
    step = -(-epochs // most)
    chosen = list(range(step, epochs + 1, step))
    return chosen if chosen[-1] == epochs else chosen + [epochs]


def print_summary(losses: list[float], tested: HeldOutAccuracy, net, n_train: int, log: bool) -> None:
    """Print the mean E per epoch, the test accuracy of the epochs, and the confusion table of the test split."""
    print()
    print(chart.losses_summary(losses, log, "Mean E per epoch on the training samples"))
    n = tested.n
    if tested.right:
        print()
        print(f"Test accuracy per epoch (the {n} held-out samples; trained on the other {n_train})")
        for epoch in shown_epochs(len(tested.right)):
            right = tested.right[epoch - 1]
            print(f"  epoch {epoch:>{len(str(len(tested.right)))}}: {right:>{len(str(n))}} of {n} "
                  f"({100 * right / n:.1f} %)")
    table = classes.confusion(net, tested.test_samples)
    right = sum(table[k][k] for k in range(len(table)))
    print()
    print(f"Confusion table of the test samples: {right} of {n} right ({100 * right / n:.1f} %); a row per "
          "true digit, a column per digit the network gives (the largest y_j)")
    print(classes.confusion_text(table))


def report_pictures(net, test_samples) -> str:
    """The report's section for the digits: a few test digits with the class given, and the mistakes."""
    from backprop.pictures.digits_picture import samples_and_mistakes  # only --report draws them

    first, wrong, n_wrong = samples_and_mistakes(net, test_samples)
    shown = "all of them" if n_wrong <= wrong.count("<text") else f"the first {wrong.count('<text')}"
    return (f"<section><h2>Test digits</h2><p>The first test digits, each captioned with its digit (and, "
            f"in red, the digit the trained network gives when that is another):</p>{first}"
            f"<p>{escape(str(n_wrong))} of the {len(test_samples)} test digits are given the wrong digit; "
            f"{shown}:</p>{wrong}</section>")
