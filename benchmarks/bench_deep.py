"""Backpropagation's own cost (issue 22): deep networks of several outputs, by SGD and by mini-batch.

    python benchmarks/bench_deep.py                          # this checkout
    python benchmarks/bench_deep.py --before /tmp/before     # and an earlier checkout, in turns

(``git worktree add /tmp/before f9d00ab~1`` makes the checkout before issue 22.) Every network
has sigmoid hidden layers and a linear output and trains with ``deep.train`` on the lists (the
default) from the same weights on the same fixed samples; each figure is the best of 5 rounds,
the contenders in turns, in CPU time, as samples per second and as ratios (which hold across machines):

- 64-64-10 and 784-32-10, now, and with ``--before`` the earlier checkout and now ÷ before;
- each beside a network of one output and about as many weights (64-73-1, 784-32-1): one backward
  pass carries all the outputs' errors, so ten outputs should cost about what one does;
- a mini-batch of 32 against SGD, per sample: the batch's mean ΔW is added up as it comes.
"""

import argparse
import importlib
import math
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS, EPOCHS = 5, 2
SEVERAL_OUTPUTS = {(64, 64, 10): (64, 73, 1), (784, 32, 10): (784, 32, 1)}  # about as many weights, one output
TARGETS = {"now ÷ before": ("≥", 15.0), "several outputs ÷ one, in time": ("≤", 2.0),
           "mini-batch ÷ SGD, per sample": ("≤", 1.2)}


def load_deep(root: str):
    """backprop.math.deep of the checkout at ``root`` (each checkout's modules kept apart)."""
    for name in [name for name in sys.modules if name == "backprop" or name.startswith("backprop.")]:
        del sys.modules[name]
    sys.path.insert(0, root)
    try:
        return importlib.import_module("backprop.math.deep")
    finally:
        sys.path.pop(0)


def make_samples(sizes, n):
    rng = random.Random(0)
    return [([rng.uniform(-1, 1) for _ in range(sizes[0])], [rng.uniform(0, 1) for _ in range(sizes[-1])])
            for _ in range(n)]


def seconds(deep, sizes, samples, batch_size=1):
    """Seconds of one ``deep.train`` of EPOCHS epochs, and the weights it ends with."""
    net = deep.DeepNetwork.random(list(sizes), seed=1)
    start = time.process_time()  # CPU seconds: another process on the machine inflates them less than the clock
    deep.train(net, samples, 0.01, EPOCHS, batch_size=batch_size)
    return time.process_time() - start, net.W


def weights(sizes):
    return sum(n * m for n, m in zip(sizes, sizes[1:]))


def verdict(name, value):
    sign, bound = TARGETS[name]
    holds = value >= bound if sign == "≥" else value <= bound
    return f"{value:.2f} (target {sign} {bound:g}: {'holds' if holds else 'MISSED'})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a checkout of an earlier commit, timed in turns with this one")
    options = parser.parse_args()
    with open("/proc/loadavg") as load:
        print(f"Python {sys.version.split()[0]}, load average {' '.join(load.read().split()[:3])}, "
              f"best of {ROUNDS} rounds of {EPOCHS} epochs, in turns")
    checkouts = {"now": load_deep(HERE)}
    if options.before:
        checkouts["before"] = load_deep(os.path.abspath(options.before))
    for sizes, one_output in SEVERAL_OUTPUTS.items():
        n = 32 if sizes[0] > 100 else 64  # whole mini-batches of 32: one an epoch for 784-32-10, two for 64-64-10
        samples, samples_one = make_samples(sizes, n), make_samples(one_output, n)
        best, final = {}, {}
        for _ in range(ROUNDS):
            runs = [(way, deep, sizes, samples, 1) for way, deep in checkouts.items()]
            runs += [("one output", checkouts["now"], one_output, samples_one, 1),
                     ("mini-batch of 32", checkouts["now"], sizes, samples, 32)]
            for way, deep, shape, data, batch_size in runs:
                took, final[way] = seconds(deep, shape, data, batch_size)
                best[way] = min(best.get(way, math.inf), took)
        rate = {way: n * EPOCHS / took for way, took in best.items()}
        print(f"\n{'-'.join(map(str, sizes))} ({weights(sizes):,} weights), {n} samples:")
        for way in rate:
            shape = one_output if way == "one output" else sizes
            print(f"  {way:18} {'-'.join(map(str, shape)):10} {rate[way]:9,.1f} samples/s")
        if "before" in rate:
            difference = max(abs(a - b) for W_now, W_before in zip(final["now"], final["before"])
                             for row_now, row_before in zip(W_now, W_before) for a, b in zip(row_now, row_before))
            print(f"  now ÷ before: {verdict('now ÷ before', rate['now'] / rate['before'])}; "
                  f"the weights differ by at most {difference:.1e} (the outputs' errors added before going back)")
        print(f"  several outputs ÷ one, in time ({weights(one_output):,} weights against {weights(sizes):,}): "
              f"{verdict('several outputs ÷ one, in time', best['now'] / best['one output'])}")
        ratio = best["mini-batch of 32"] / best["now"]
        print(f"  mini-batch ÷ SGD, per sample: {verdict('mini-batch ÷ SGD, per sample', ratio)}")


if __name__ == "__main__":
    main()
