"""The 8×8 handwritten digits: a real data set of 1,797 samples, 64 inputs and 10 classes.

Each sample is a handwritten digit 0 … 9, scanned and shrunk to 8×8 pixels, each pixel the
number of dark dots (0 … 16) in a 4×4 block of the 32×32 scan. The network sees

    x_i = pixel_i / 16          64 inputs in [0, 1], row by row from the top left
    d_j = 1 if the digit is j − 1, else 0      10 outputs, one-hot: d_1 is the digit 0

so the class the network gives is the output with the largest y_j (:mod:`backprop.math.classes`).

The data are the UCI "Optical Recognition of Handwritten Digits" test set (E. Alpaydin and
C. Kaynak, 1998), as scikit-learn ships it (``sklearn/datasets/data/digits.csv.gz``: 64 pixels
and the digit on each line), licensed CC BY 4.0; ``data/DIGITS-LICENSE.txt`` beside this module
says where they come from. They are in the package, gzipped (57 kB): nothing is downloaded.

The held-out test split is fixed: the last :data:`TEST_SIZE` samples (360, a fifth) are the test
set, the first 1,437 the training set, in the file's order. A block at the end rather than
every fifth sample: the 1,797 digits were written by 13 people, and neighbours in the file may
share a hand, so a block keeps more of the test digits' writing away from training (as
scikit-learn's own digits example does with ``shuffle=False``). The block holds 33 to 37 of
each digit.

>>> train_samples, test_samples = split()
>>> len(train_samples), len(test_samples), len(train_samples[0][0]), train_samples[0][1]
(1437, 360, 64, [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
"""

import csv
import functools
import gzip
import io
from importlib import resources

N_PIXELS = 64  # 8 × 8
SIDE = 8
N_CLASSES = 10
DARKEST = 16  # a pixel counts the dark dots of a 4 × 4 block: 0 … 16
TEST_SIZE = 360  # the last 360 samples are the held-out test set
FILE = "digits.csv.gz"
SOURCE = ('UCI Machine Learning Repository, "Optical Recognition of Handwritten Digits" '
          "(E. Alpaydin, C. Kaynak, 1998), CC BY 4.0, as shipped by scikit-learn")


@functools.lru_cache(maxsize=1)
def _rows() -> tuple:
    """The file's rows: (64 pixels 0 … 16, the digit), read once."""
    raw = resources.files("backprop.files").joinpath("data").joinpath(FILE).read_bytes()
    rows = []
    for line in csv.reader(io.StringIO(gzip.decompress(raw).decode("ascii"))):
        values = [int(value) for value in line]
        rows.append((tuple(values[:N_PIXELS]), values[N_PIXELS]))
    return tuple(rows)


def pixels_and_digits() -> list[tuple[list[int], int]]:
    """Every sample as the file holds it: 64 pixels (0 … 16, row by row) and the digit 0 … 9.

    >>> rows = pixels_and_digits()
    >>> len(rows), rows[0][1], max(max(pixels) for pixels, _ in rows)
    (1797, 0, 16)
    """
    return [(list(pixels), digit) for pixels, digit in _rows()]


def one_hot(digit: int) -> list[float]:
    """d for ``digit``: 10 values, d_j = 1 for j = digit + 1 and 0 for the others.

    >>> one_hot(2)
    [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
    return [1.0 if j == digit else 0.0 for j in range(N_CLASSES)]


def samples() -> list[tuple[list[float], list[float]]]:
    """All 1,797 samples ``(x, d)``: x_i = pixel_i / 16 in [0, 1], d one-hot (:func:`one_hot`).

    >>> x, d = samples()[0]
    >>> x[:8]          # the top row of a 0: pixels 0, 0, 5, 13, 9, 1, 0, 0 over 16
    [0.0, 0.0, 0.3125, 0.8125, 0.5625, 0.0625, 0.0, 0.0]
    """
    # x_i = pixel_i / 16 ; d_j = 1 for the digit's output, 0 for the others
    return [([pixel / DARKEST for pixel in pixels], one_hot(digit)) for pixels, digit in _rows()]


def split() -> tuple[list, list]:
    """The fixed split: (the first 1,437 samples to train on, the last 360 to test on)."""
    every = samples()
    return every[:-TEST_SIZE], every[-TEST_SIZE:]
