"""How fast is ``backprop.train``? Against the CPython ceiling and the peers a learner could pick.

``train`` runs the lists of backprop/train.py by default (the code a learner reads);
``train(..., unrolled=True)`` is the explicit fast choice. Both are measured.

Run by hand from a clone (nothing to install; the peers are measured when installed):

    python benchmarks/bench_sgd.py

It trains the lecture's 2-3-1 sigmoid network by stochastic gradient descent on
256 fixed samples for a fixed number of epochs, with ``train(..., unrolled=True)`` and, from
the same weights on the same data:

- ``train(...)``, the list implementation (the default), and a bare loop of
  ``backprop.sgd_step`` calls;
- the same SGD written here as straight-line scalar code: one local variable per
  weight, no loops over weights, no lists (the ceiling for CPython);
- NumPy, one sample at a time;
- PyTorch in float64, one sample at a time, with ``torch.optim.SGD``;
- micrograd (a scalar autograd graph; it has no sigmoid, so its ReLU network
  beside ``backprop``'s ReLU network).

Every contender's final weights are compared with ``backprop``'s (they must agree
to 1e-9, so no speed comes from doing less work). Speeds are steps per second, the
best of several rounds, the contenders in turns. Then: the unrolled code against the lists on
deep networks (2-16-16-1) and ``deep.train`` against ``train``; what generating and compiling the
unrolled code costs, by size; ``python -m backprop``'s start beside ``python -c pass``; and last,
time and peak memory (tracemalloc) of ``train`` on 1×, 4× and 16× the samples, given as a generator.
"""

import math
import os
import platform
import random
import subprocess
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from backprop import DeepNetwork, Network, sgd_step, train  # noqa: E402
from backprop.math import deep, unrolled  # noqa: E402

N_SAMPLES = 256
EPOCHS = 20
REPEATS = 7
SLOW_REPEATS = 5  # PyTorch and micrograd take a second a run
MEASURE_SECONDS = 0.25  # about how long one measurement lasts
ALPHA = 0.5  # sigmoid network
ALPHA_RELU = 0.05  # ReLU network (its output is unbounded, so a smaller step)
AGREE = 1e-9
SCALES = (1, 4, 16)
SCALING_EPOCHS = 2
SCALING_REPEATS = 15

LISTS_TARGET = 84_580 / 1_040_782  # the lists' steps/s ÷ the ceiling's before issue 18 (README's table)
TARGETS = {  # contender: train(unrolled=True)'s steps/s must be at least this many times the contender's
    "straight-line ceiling": 1 / 2,
    "NumPy, per sample": 5.0,
    "PyTorch float64, per sample": 100.0,
    "micrograd (ReLU)": 40.0,
}
DEEP_TARGET = 2.0  # deep.train (lists) within this factor of train (lists) on the same network
STARTUP_RUNS = 30


def make_samples(n, seed=0):
    """Yield n samples ([x_1, x_2], d): x uniform in [−1, 1]², d = 1 in two opposite quadrants."""
    rng = random.Random(seed)
    for _ in range(n):
        x_1, x_2 = rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)
        yield [x_1, x_2], 1.0 if x_1 * x_2 > 0 else 0.0


# --- the contenders: each takes (W1, W2, samples, alpha, epochs), returns (seconds, W1, W2) ---


def run_train(W1, W2, samples, alpha, epochs, activation="sigmoid"):
    net = Network(W1, W2, activation=activation)
    start = time.perf_counter()
    train(net, samples, alpha, epochs, unrolled=True)
    return time.perf_counter() - start, net.W1, net.W2


def run_train_relu(W1, W2, samples, alpha, epochs):
    return run_train(W1, W2, samples, alpha, epochs, activation="relu")


def run_train_lists(W1, W2, samples, alpha, epochs):
    net = Network(W1, W2)
    start = time.perf_counter()
    train(net, samples, alpha, epochs, unrolled=False)
    return time.perf_counter() - start, net.W1, net.W2


def run_sgd_step_loop(W1, W2, samples, alpha, epochs):
    net = Network(W1, W2)
    start = time.perf_counter()
    for _ in range(epochs):
        for x, d in samples:
            sgd_step(net, x, d, alpha)
    return time.perf_counter() - start, net.W1, net.W2


def run_straight_line(W1, W2, samples, alpha, epochs):
    """The same SGD with one local per weight: the fewest bytecodes CPython can run it in."""
    exp = math.exp
    (W_11, W_12, W_13), (W_21, W_22, W_23) = W1
    V_1, V_2, V_3 = W2  # W²_1, W²_2, W²_3
    start = time.perf_counter()
    for _ in range(epochs):
        total_E = 0.0
        for (x_1, x_2), d in samples:
            h_1 = 1.0 / (1.0 + exp(-(x_1 * W_11 + x_2 * W_21)))
            h_2 = 1.0 / (1.0 + exp(-(x_1 * W_12 + x_2 * W_22)))
            h_3 = 1.0 / (1.0 + exp(-(x_1 * W_13 + x_2 * W_23)))
            y = h_1 * V_1 + h_2 * V_2 + h_3 * V_3
            error = d - y
            total_E += 0.5 * error * error
            alpha_error = alpha * error
            s_1 = alpha_error * (V_1 * (h_1 * (1.0 - h_1)))
            s_2 = alpha_error * (V_2 * (h_2 * (1.0 - h_2)))
            s_3 = alpha_error * (V_3 * (h_3 * (1.0 - h_3)))
            V_1 += alpha_error * h_1
            V_2 += alpha_error * h_2
            V_3 += alpha_error * h_3
            W_11 += s_1 * x_1
            W_12 += s_2 * x_1
            W_13 += s_3 * x_1
            W_21 += s_1 * x_2
            W_22 += s_2 * x_2
            W_23 += s_3 * x_2
    seconds = time.perf_counter() - start
    return seconds, [[W_11, W_12, W_13], [W_21, W_22, W_23]], [V_1, V_2, V_3]


def run_numpy(W1, W2, samples, alpha, epochs):
    import numpy as np

    W1, W2 = np.array(W1), np.array(W2)
    data = [(np.array(x), d) for x, d in samples]
    start = time.perf_counter()
    for _ in range(epochs):
        total_E = 0.0
        for x, d in data:
            h = 1.0 / (1.0 + np.exp(-(x @ W1)))
            y = h @ W2
            error = d - y
            total_E += 0.5 * error * error
            alpha_error = alpha * error
            dy_dh_prime = W2 * (h * (1.0 - h))  # from the old W²
            W2 += alpha_error * h
            W1 += alpha_error * np.outer(x, dy_dh_prime)
    seconds = time.perf_counter() - start
    return seconds, W1.tolist(), W2.tolist()


def run_torch(W1, W2, samples, alpha, epochs):
    import torch

    W1 = torch.tensor(W1, dtype=torch.float64, requires_grad=True)
    W2 = torch.tensor(W2, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([W1, W2], lr=alpha)
    data = [(torch.tensor(x, dtype=torch.float64), d) for x, d in samples]
    start = time.perf_counter()
    for _ in range(epochs):
        total_E = 0.0
        for x, d in data:
            optimizer.zero_grad()
            y = torch.sigmoid(x @ W1) @ W2
            E = 0.5 * (d - y) ** 2
            E.backward()
            optimizer.step()
            total_E += E.item()
    seconds = time.perf_counter() - start
    return seconds, W1.tolist(), W2.tolist()


def run_micrograd(W1, W2, samples, alpha, epochs):
    from micrograd.engine import Value

    W1 = [[Value(w) for w in row] for row in W1]
    W2 = [Value(w) for w in W2]
    weights = [w for row in W1 for w in row] + W2
    start = time.perf_counter()
    for _ in range(epochs):
        total_E = 0.0
        for x, d in samples:
            h = [sum(W1[i][j] * x_i for i, x_i in enumerate(x)).relu() for j in range(len(W2))]
            y = sum(h_j * W2_j for h_j, W2_j in zip(h, W2))
            E = 0.5 * (d - y) ** 2
            for w in weights:
                w.grad = 0.0
            E.backward()
            for w in weights:
                w.data -= alpha * w.grad
            total_E += E.data
    seconds = time.perf_counter() - start
    return seconds, [[w.data for w in row] for row in W1], [w.data for w in W2]


# --- measuring ---


def max_difference(weights, reference):
    (W1, W2), (R1, R2) = weights, reference
    flat = [w for row in W1 for w in row] + list(W2)
    flat_reference = [w for row in R1 for w in row] + list(R2)
    return max(abs(a - b) for a, b in zip(flat, flat_reference))


def version(module_name):
    try:
        from importlib.metadata import version as installed_version

        return installed_version(module_name)
    except Exception:
        return None


def cpu_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def print_environment():
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), "
          f"{cpu_name()}, {os.cpu_count()} cores")
    for name in ("numpy", "torch", "micrograd"):
        print(f"  {name}: {version(name) or 'not installed'}")
    if os.environ.get("OPENBLAS_CORETYPE"):
        print(f"  note: OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} is set, which slows "
              "NumPy; see the README's Speed section")
    print()


def compare_speeds():
    samples = list(make_samples(N_SAMPLES))
    steps = N_SAMPLES * EPOCHS
    start = Network.random(seed=1)
    W1, W2 = start.W1, start.W2
    print(f"SGD, 2-3-1 network, {N_SAMPLES} samples × {EPOCHS} epochs = {steps} steps; "
          f"best of {REPEATS} (of {SLOW_REPEATS} for PyTorch and micrograd), taken in turns")
    contenders = [  # name, run, the module it needs, ReLU (else sigmoid)
        ("train unrolled", run_train, None, False),
        ("train unrolled (ReLU)", run_train_relu, None, True),
        ("train, lists (the default)", run_train_lists, None, False),
        ("bare loop of sgd_step", run_sgd_step_loop, None, False),
        ("straight-line ceiling", run_straight_line, None, False),
        ("NumPy, per sample", run_numpy, "numpy", False),
        ("PyTorch float64, per sample", run_torch, "torch", False),
        ("micrograd (ReLU)", run_micrograd, "micrograd", True),
    ]
    for name, _, module, _ in contenders:
        if module is not None and version(module) is None:
            print(f"  {name}: skipped, {module} is not installed (pip install {module})")
    contenders = [c for c in contenders if c[2] is None or version(c[2]) is not None]
    # Round by round, every contender in turn, so that a busy moment of the machine slows all
    # alike; a fast contender trains several times a round, so that every measurement is as long.
    seconds, weights, times = {}, {}, {}
    for name, run, module, relu in contenders:
        took, *weights[name] = run(W1, W2, samples, ALPHA_RELU if relu else ALPHA, EPOCHS)
        times[name] = max(1, round(MEASURE_SECONDS / took))
    for repeat in range(REPEATS):
        for name, run, module, relu in contenders:
            if module in ("torch", "micrograd") and repeat >= SLOW_REPEATS:
                continue
            alpha = ALPHA_RELU if relu else ALPHA
            took = sum(run(W1, W2, samples, alpha, EPOCHS)[0] for _ in range(times[name]))
            seconds[name] = min(took / times[name], seconds.get(name, math.inf))

    print(f"  {'':30} {'steps/s':>12} {'backprop ÷ it':>14} {'max |ΔW| vs backprop':>22}  target")
    for name, _, module, relu in contenders:
        ours = "train unrolled (ReLU)" if relu else "train unrolled"
        ratio, agree, target = "", "", ""
        if not name.startswith("train unrolled"):
            ratio = f"{seconds[name] / seconds[ours]:.2f}"
            difference = max_difference(weights[name], weights[ours])
            agree = f"{difference:.1e} {'agrees' if difference <= AGREE else 'DIFFERS'}"
        if name in TARGETS:
            ok = seconds[name] / seconds[ours] >= TARGETS[name]
            target = f"≥ {TARGETS[name]:.3g}: {'holds' if ok else 'MISSED'}"
        if name == "train, lists (the default)":
            agree = f"{difference:.1e} {'bit for bit' if difference == 0 else 'DIFFERS'}"
        print(f"  {name:30} {steps / seconds[name]:12,.0f} {ratio:>14} {agree:>22}  {target}")
    lists = seconds["straight-line ceiling"] / seconds["train, lists (the default)"]
    print(f"  the lists (the default) at {lists:.4f} of the ceiling's speed: target ≥ {LISTS_TARGET:.4f} "
          f"(before issue 18): {'holds' if lists >= LISTS_TARGET else 'MISSED'}")
    print()


def best_seconds(make, trainer, samples, epochs, repeats=REPEATS, alpha=ALPHA, **options):
    """The best of ``repeats`` runs of ``trainer`` on a fresh ``make()`` (several trainings a run)."""
    times = None
    best = math.inf
    for _ in range(repeats):
        nets = [make() for _ in range(times or 1)]
        start = time.perf_counter()
        for net in nets:
            trainer(net, samples, alpha, epochs, **options)
        took = (time.perf_counter() - start) / len(nets)
        times = times or max(1, round(MEASURE_SECONDS / took))
        best = min(best, took)
    return best


def deep_speeds():
    """The unrolled code against the lists on deep networks, and deep.train against train."""
    samples = list(make_samples(N_SAMPLES))
    epochs = EPOCHS
    steps = N_SAMPLES * epochs
    print(f"Deep networks and the lists: {N_SAMPLES} samples × {epochs} epochs, best of {REPEATS}, in turns")
    print(f"  {'network':28} {'unrolled steps/s':>17} {'lists steps/s':>14} {'unrolled ÷ lists':>17}")
    cases = [
        ("lecture 2-3-1 (train)", lambda: Network.random(seed=1), train),
        ("deep 2-3-1 (deep.train)", lambda: DeepNetwork.random([2, 3, 1], seed=1), deep.train),
        ("lecture 2-16-1 (train)", lambda: Network.random(n_hidden=16, seed=1), train),
        ("deep 2-16-1 (deep.train)", lambda: DeepNetwork.random([2, 16, 1], seed=1), deep.train),
        ("deep 2-16-16-1 (deep.train)", lambda: DeepNetwork.random([2, 16, 16, 1], seed=1), deep.train),
    ]
    best = {}
    for _ in range(REPEATS):
        for name, make, trainer in cases:
            for way in (True, False):
                took = best_seconds(make, trainer, samples, epochs, repeats=1, alpha=0.1, unrolled=way)
                best[name, way] = min(took, best.get((name, way), math.inf))
    for name, _, _ in cases:
        print(f"  {name:28} {steps / best[name, True]:17,.0f} {steps / best[name, False]:14,.0f} "
              f"{best[name, False] / best[name, True]:17.1f}")
    for lecture, deeper in [("lecture 2-3-1 (train)", "deep 2-3-1 (deep.train)"),
                            ("lecture 2-16-1 (train)", "deep 2-16-1 (deep.train)")]:
        factor = best[deeper, False] / best[lecture, False]
        print(f"  lists: {deeper} takes {factor:.2f}× the time of {lecture}: target ≤ {DEEP_TARGET:g}: "
              f"{'holds' if factor <= DEEP_TARGET else 'MISSED'}")
    print()


SCALING_TABLE_EPOCHS = 4  # train checks every sample once before its first epoch: 4 epochs make that small
SIZES = [(2, 3, 1), (2, 16, 1), (2, 16, 16, 1), (10, 32, 32, 1), (2, 64, 64, 1), (64, 64, 10), (784, 32, 10)]


def numpy_deep_epoch(W, samples, alpha):
    """One SGD epoch of a sigmoid network with a linear output in NumPy, one sample at a time,
    one backward pass carrying every output's error (W: a list of float64 arrays, updated in place)."""
    import numpy as np

    for x, d in samples:
        h = [x]
        for W_k in W[:-1]:
            h.append(1.0 / (1.0 + np.exp(-(h[-1] @ W_k))))
        y = h[-1] @ W[-1]
        term = d - y  # (d_j − y_j), the output's error terms (Φ_out′ = 1)
        for k in range(len(W) - 1, -1, -1):
            back = (W[k] @ term) * (h[k] * (1.0 - h[k])) if k > 0 else None  # from the old Wᵏ
            W[k] += alpha * np.outer(h[k], term)
            term = back


def scaling_table(samples_per_size=64):
    """Samples per second of SGD by network size: the lists, the unrolled code (one output and up
    to MAX_WEIGHTS weights), NumPy one sample at a time; best of 3 in turns, and the NumPy weights
    compared with the lists' after one epoch."""
    import numpy as np

    print("Scaling: samples per second of SGD (sigmoid hidden layers, linear output), best of 3 in turns")
    print(f"  {'network':12} {'weights':>8} {'lists':>10} {'unrolled':>10} {'NumPy':>10} {'lists ÷ NumPy':>14} "
          f"{'1,000-sample epoch, lists':>26}  max |ΔW| NumPy vs lists")
    for sizes in SIZES:
        rng = random.Random(0)
        n = samples_per_size if sizes[0] < 100 else 16
        samples = [([rng.uniform(-1, 1) for _ in range(sizes[0])], [rng.uniform(0, 1) for _ in range(sizes[-1])])
                   for _ in range(n)]
        net = DeepNetwork.random(list(sizes), seed=1)
        weights = sum(a * b for a, b in zip(sizes, sizes[1:]))
        best = {}
        for _ in range(3):
            for way in ("lists", "unrolled", "numpy"):
                if way == "unrolled" and (sizes[-1] != 1 or weights > unrolled.MAX_WEIGHTS):
                    continue
                if way == "numpy":
                    W = [np.array(W_k) for W_k in net.W]
                    data = [(np.array(x), np.array(d)) for x, d in samples]
                    start = time.perf_counter()
                    for _ in range(SCALING_TABLE_EPOCHS):
                        numpy_deep_epoch(W, data, 0.01)
                else:
                    trained = net.copy()
                    start = time.perf_counter()
                    deep.train(trained, samples, 0.01, SCALING_TABLE_EPOCHS, unrolled=way == "unrolled")
                best[way] = min(best.get(way, math.inf), time.perf_counter() - start)
        check = net.copy()
        deep.train(check, samples, 0.01, 1)
        W = [np.array(W_k) for W_k in net.W]
        numpy_deep_epoch(W, [(np.array(x), np.array(d)) for x, d in samples], 0.01)
        difference = max(float(np.max(np.abs(np.array(a) - b))) for a, b in zip(check.W, W))
        rate = {way: n * SCALING_TABLE_EPOCHS / seconds for way, seconds in best.items()}
        print(f"  {'-'.join(map(str, sizes)):12} {weights:8,} {rate['lists']:10,.0f} "
              f"{rate.get('unrolled', math.nan):10,.0f} {rate['numpy']:10,.0f} {rate['lists'] / rate['numpy']:14.2f} "
              f"{1000 / rate['lists']:24.2f} s  {difference:.1e}")
    print()


def cold_start():
    """What generating and compiling the unrolled code costs, and the command line's start."""
    print(f"Generating and compiling the unrolled code (once per shape and process; the cap is "
          f"{unrolled.MAX_WEIGHTS:,} weights)")
    for kind, sizes in [("lecture", (2, 3, 1)), ("deep", (2, 16, 16, 1)), ("lecture", (2, 100, 1)),
                        ("lecture", (2, 300, 1)), ("lecture", (2, 3000, 1))]:
        weights = sum(n * m for n, m in zip(sizes, sizes[1:]))
        took = math.inf
        for _ in range(3):
            start = time.perf_counter()
            try:
                unrolled._compiled.__wrapped__(kind, sizes, False, "sigmoid", True, "identity", True)
                outcome = "compiles"
            except RecursionError:
                outcome = "RecursionError"
            took = min(took, time.perf_counter() - start)
        print(f"  {'-'.join(map(str, sizes)):12} {weights:6,} weights: {took * 1000:8.1f} ms, {outcome}"
              + ("" if weights <= unrolled.MAX_WEIGHTS else " (past the cap: trains on lists)"))
    print(f"Starting: the minimum of {STARTUP_RUNS} runs each, in turns, bytecode cached (wall clock, and "
          "the CPU time of the process, which a busy machine inflates less)")
    import resource  # here: POSIX only, and only this part needs it

    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "python -m backprop": [sys.executable, "-m", "backprop"],
                "python -m backprop --version": [sys.executable, "-m", "backprop", "--version"]}
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached: the first run writes it
    subprocess.run(commands["python -m backprop"], cwd=root, stdout=subprocess.DEVNULL, env=env, check=True)
    wall = {name: math.inf for name in commands}
    cpu = dict(wall)
    for _ in range(STARTUP_RUNS):
        for name, command in commands.items():
            before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            subprocess.run(command, cwd=root, stdout=subprocess.DEVNULL, env=env, check=True)
            took, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
            wall[name] = min(wall[name], took)
            cpu[name] = min(cpu[name], after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for name in commands:
        print(f"  {name:30} {wall[name] * 1000:6.1f} ms wall, {cpu[name] * 1000:6.1f} ms CPU")
    print()


def seconds_of_train(n, epochs, times):
    """Seconds of one ``train`` on a fresh generator of n samples, the mean of ``times`` runs."""
    nets = [Network.random(seed=1) for _ in range(times)]
    start = time.perf_counter()
    for net in nets:
        train(net, make_samples(n), ALPHA, epochs)
    return (time.perf_counter() - start) / times


def peak_of_train(n, epochs):
    """Peak bytes traced while ``train`` runs on a fresh generator of n samples."""
    net, samples = Network.random(seed=1), make_samples(n)
    tracemalloc.start()
    train(net, samples, ALPHA, epochs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def size_of_sample_list(n):
    """Bytes of one list holding the n samples, as the generator yields them."""
    tracemalloc.start()
    samples = list(make_samples(n))
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del samples
    return size


def scaling():
    sizes = [N_SAMPLES * scale for scale in SCALES]
    # Each measurement runs train on as many samples in all (the small sizes several times),
    # so that each is as likely to meet a busy moment of the machine; in turns, as above.
    seconds = {n: math.inf for n in sizes}
    for _ in range(SCALING_REPEATS):
        for n in sizes:
            seconds[n] = min(seconds[n], seconds_of_train(n, SCALING_EPOCHS, sizes[-1] // n))
    peaks = {n: peak_of_train(n, SCALING_EPOCHS) for n in sizes}
    lists = {n: size_of_sample_list(n) for n in sizes}
    first = sizes[0]
    print(f"train on a generator of n samples, {SCALING_EPOCHS} epochs: time (best of "
          f"{SCALING_REPEATS}), and peak memory against one list of the n samples")
    print(f"  {'n':>6} {'seconds':>8} {'÷ 1×':>6} {'µs/step':>8} {'peak KiB':>9} {'÷ 1×':>6} "
          f"{'list KiB':>9} {'peak ÷ list':>12} {'growth ÷ list growth':>21}")
    for n in sizes:
        growth = ""
        if n != first:
            growth = f"{(peaks[n] - peaks[first]) / (lists[n] - lists[first]):21.2f}"
        print(f"  {n:6} {seconds[n]:8.4f} {seconds[n] / seconds[first]:6.2f} "
              f"{seconds[n] / (n * SCALING_EPOCHS) * 1e6:8.2f} {peaks[n] / 1024:9.1f} "
              f"{peaks[n] / peaks[first]:6.2f} {lists[n] / 1024:9.1f} "
              f"{peaks[n] / lists[n]:12.2f} {growth}")
    n = sizes[-1]
    peak_one, peak_many = peak_of_train(n, 1), peak_of_train(n, 4 * SCALING_EPOCHS)
    print(f"  n = {n}: peak {peak_one / 1024:.1f} KiB for 1 epoch, {peak_many / 1024:.1f} KiB "
          f"for {4 * SCALING_EPOCHS} epochs (× {peak_many / peak_one:.2f}): nothing is kept per "
          "step or per epoch")


if __name__ == "__main__":
    print_environment()
    compare_speeds()
    deep_speeds()
    scaling_table()
    cold_start()
    scaling()
