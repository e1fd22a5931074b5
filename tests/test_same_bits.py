"""Issue 22: the same numbers on every Python. Every Σ of the formulas is added left to right
(backprop.math.sums.add_up), not by sum(), whose rounding changed in Python 3.12; so 1,000 steps of
six networks give the same weights, bit for bit, on every CPython 3.10–3.13 on the machine. (The
unrolled code gives the lists' bits on each Python: tests/test_unrolled.py.)"""

import os
import subprocess
import sys

from conftest import ROOT, missing

FINGERPRINT = r'''
import hashlib, random, struct, sys
sys.path.insert(0, sys.argv[1])
from backprop import Network, train
from backprop.math import deep
from backprop.math.deep import DeepNetwork

def weights(net):
    layers = net.W if isinstance(net, DeepNetwork) else [net.W1, [net.W2]]
    return [w for layer in layers for row in layer for w in row]

rng = random.Random(22)
data = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(4)]
digest = hashlib.sha256()
cases = [(Network.random(2, 3, seed=1), 1), (Network.random(2, 5, "tanh", True, seed=2, output_activation="sigmoid"), 1),
         (Network.random(3, 4, "relu", True, seed=3), 1), (DeepNetwork.random([2, 4, 4, 1], "tanh", True, seed=4), 1),
         (DeepNetwork.random([3, 3, 3, 2], "sigmoid", seed=5), 2), (DeepNetwork.random([1, 2, 2, 1], "identity", True, seed=6), 1)]
for net, outputs in cases:
    samples = [(x[:net.n_inputs], x[-1] if outputs == 1 else [x[-1], -x[-1]]) for x in data]
    (deep.train if isinstance(net, DeepNetwork) else train)(net, samples, 0.05, 250)  # 1,000 steps
    digest.update(b"".join(struct.pack("<d", w) for w in weights(net)))
print(digest.hexdigest())
'''


def other_pythons():
    """The newest interpreter of each other CPython minor version 3.10–3.13 that pyenv has, else
    ``pythonX.Y`` on PATH (as .ci/run finds them)."""
    import re
    import shutil

    mine = "%d.%d" % sys.version_info[:2]
    found = {}
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    versions = os.listdir(os.path.join(root, "versions")) if os.path.isdir(os.path.join(root, "versions")) else []
    for version in sorted(versions, key=lambda v: [int(part) for part in re.findall(r"\d+", v)]):
        minor = re.fullmatch(r"(3\.1[0-3])\.\d+", version)
        python = os.path.join(root, "versions", version, "bin", "python")
        if minor and minor[1] != mine and os.access(python, os.X_OK):
            found[minor[1]] = python  # the newest wins
    for minor in ("3.10", "3.11", "3.12", "3.13"):
        if minor != mine and minor not in found and shutil.which(f"python{minor}"):
            found[minor] = shutil.which(f"python{minor}")
    return found


def test_a_run_gives_the_same_bits_on_every_python():
    pythons = other_pythons()
    if not pythons:
        missing("another CPython of 3.10–3.13 to compare with", "; .ci/run finds them with pyenv or on PATH")
    runs = {version: subprocess.Popen([python, "-c", FINGERPRINT, ROOT], stdout=subprocess.PIPE, text=True)
            for version, python in [("this", sys.executable)] + sorted(pythons.items())}  # side by side
    printed = {version: run.communicate(timeout=120)[0] for version, run in runs.items()}
    assert all(run.returncode == 0 for run in runs.values())
    for version in pythons:
        assert printed[version] == printed["this"], f"Python {version} gives other weights than this Python"


def test_add_up_is_a_left_to_right_loop_on_this_python():
    """add_up hands the loop to sum(), from an exact 0.0 before Python 3.12 and from a start that is not
    an exact float after; on every Python that must stay the plain loop, to the bit, where sum()'s own
    compensated Σ (3.12 on) differs."""
    import math
    import random
    import struct

    from backprop.math.sums import add_up

    def loop(values):  # Σ as a pencil adds: 0.0, then + each value in turn
        total = 0.0
        for value in values:
            total += value
        return total

    def bits(value):
        return struct.pack("<d", value)

    rng = random.Random(22)
    cases = [[], [-0.0], [1e16, 1.0, -1e16], [0.1, 0.2, 0.3], [5e-324, -5e-324, 1e-310], [1e308, 1e308, -1e308],
             [math.inf, 1.0], [math.inf, -math.inf], [math.nan, 1.0], [3, 0.5]]
    cases += [[rng.choice((1.0, 1e-8, 1e8, 1e16)) * rng.uniform(-1, 1) for _ in range(rng.randrange(1, 40))]
              for _ in range(2000)]
    for values in cases:
        assert type(add_up(values)) is float and bits(add_up(iter(values))) == bits(loop(values)), values
    assert add_up([1e16, 1.0, -1e16]) == 0.0 and add_up([0.1, 0.2, 0.3]) == 0.6000000000000001  # not sum()'s 1.0 and 0.6


def test_changes_adds_the_outputs_left_to_right_from_zero():
    """deep.changes adds Σ_j α(d_j − y_j)·∂y_j/∂W a row at a time; to the bit it must be each weight's
    Σ as a pencil adds it: 0.0, then + α(d_j − y_j)·∂y_j/∂W of output 1, 2, … in turn."""
    import random
    import struct

    from backprop.math import deep

    rng = random.Random(2222)
    for outputs in (1, 2, 3, 7):
        shape = [(3, 4), (4, 2)]
        delta = [[[[rng.choice((1.0, 1e-8, 1e8, 1e16)) * rng.uniform(-1, 1) for _ in range(m)] for _ in range(n)]
                  for n, m in shape] for _ in range(outputs)]
        d, y = [rng.uniform(-1, 1) for _ in range(outputs)], [rng.uniform(-1, 1) for _ in range(outputs)]
        delta[0][0][0][0] = -0.0  # one output: 0.0 + α(d − y)·(−0.0) is 0.0, not −0.0
        delta_W = deep.changes(delta, d, y, 0.5)
        for k, (n, m) in enumerate(shape):
            for i in range(n):
                for j in range(m):
                    total = 0.0
                    for output in range(outputs):
                        total += (0.5 * (d[output] - y[output])) * delta[output][k][i][j]
                    assert struct.pack("<d", delta_W[k][i][j]) == struct.pack("<d", total), (outputs, k, i, j)
