"""Speed of the unrolled code for cross-entropy and several outputs (issue 23), against the lists.

    python benchmarks/bench_outputs.py          # one run; run it three times, and note `uptime`'s load

Two networks, each trained by SGD from the same weights on the same fixed samples, once with
``unrolled=True`` (the code of backprop.math.unrolled) and once on the lists (the default):

- the lecture's 2-3-1 Network, sigmoid hidden layer, one sigmoid output, binary cross-entropy
  (``train``), on 256 samples with targets 0 and 1;
- a 4-8-3 DeepNetwork, sigmoid hidden layer, softmax output with categorical cross-entropy
  (``deep.train``), on 256 samples with one-hot targets.

Each speed is the best of 7 rounds of 20 epochs (5,120 steps), the two ways in turns; the final
weights of the two ways are checked equal to the bit, so no speed comes from doing less.
"""

import os
import random
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import DeepNetwork, Network, train  # noqa: E402
from backprop.math import deep  # noqa: E402

ROUNDS, EPOCHS, SAMPLES = 7, 20, 256


def networks():
    rng = random.Random(1)
    binary = [([rng.uniform(-2, 2) for _ in range(2)], float(rng.randrange(2))) for _ in range(SAMPLES)]
    softmax = []
    for _ in range(SAMPLES):
        k = rng.randrange(3)
        softmax.append(([rng.uniform(-2, 2) for _ in range(4)], [1.0 if j == k else 0.0 for j in range(3)]))
    return [
        ("2-3-1, sigmoid output, binary cross-entropy",
         lambda: Network.random(2, 3, seed=0, output_activation="sigmoid", loss="cross_entropy"), train, binary),
        ("4-8-3, softmax, categorical cross-entropy",
         lambda: DeepNetwork.random([4, 8, 3], seed=0, output_activation="softmax", loss="cross_entropy"),
         deep.train, softmax),
    ]


def weights(net):
    flat = [w for row in net.W1 for w in row] + net.W2 if isinstance(net, Network) else [
        w for W_k in net.W for row in W_k for w in row]
    return [struct.pack("<d", w) for w in flat]


def main():
    with open("/proc/loadavg") as load:
        print(f"Python {sys.version.split()[0]}, load average {' '.join(load.read().split()[:3])}")
    print("| network | unrolled steps/s | lists steps/s | unrolled ÷ lists |")
    print("|---|---:|---:|---:|")
    for name, make, trainer, data in networks():
        best = {True: float("inf"), False: float("inf")}
        finals = {}
        trainer(make(), data, 0.1, 1, unrolled=True)  # compiled once, before the clock
        for _ in range(ROUNDS):
            for way in (True, False):
                net = make()
                start = time.perf_counter()
                trainer(net, data, 0.1, EPOCHS, unrolled=way)
                best[way] = min(best[way], time.perf_counter() - start)
                finals[way] = weights(net)
        assert finals[True] == finals[False], "the two ways must give the same weights"
        steps = EPOCHS * SAMPLES
        fast, lists = steps / best[True], steps / best[False]
        print(f"| {name} | {fast:,.0f} | {lists:,.0f} | {fast / lists:.1f} |")


if __name__ == "__main__":
    main()
