"""``python -m backprop train``: train the lecture's network on a toy data set or a CSV file.

``--layers 2,4,4,1`` trains a :class:`~backprop.math.deep.DeepNetwork` of those sizes
instead, through :func:`backprop.math.deep.train`; everything else is the same.

It prints what it is about to do, trains (one line on a terminal updates in
place: epoch, mean E, steps per second), and ends with a chart of the mean E per
epoch, the final weights and the network's y beside d for each sample.
``--save`` keeps the weights, ``--plot`` draws the loss curve as an SVG file,
``--boundary`` the trained network's decision boundary, and ``--report`` writes
a page with a slider over the epochs (:mod:`backprop.pictures.report`).

Exit status: 0 when training ran all its epochs; 1 when it diverged (the last
finite weights are still saved with ``--save``); 130 when Ctrl-C stopped it
(after the current step, with the summary so far and ``--save``); 2 for bad
input.
"""

import argparse
import contextlib
import math
import signal
import sys
import threading
from array import array

from backprop.activations import activation_text
from backprop.files import atomic_file, datasets
from backprop.math import classes, deep, validate
from backprop.pictures import chart, svg_plot
from backprop.cli import UsageError, data_columns, held_out, outputs
from backprop.cli.options import MAX_EPOCHS, PAST_THE_LIMIT, add_network_options, network_from_options
from backprop.cli.progress import Progress
from backprop.math.deep import DeepNetwork
from backprop.math.notation import how_many, label, layer
from backprop.math.training_loop import check_momentum
from backprop.math.validate import shown_name
from backprop.train import DivergenceError, train

DEFAULT_DATASET = "xor"
DEFAULT_ALPHA, DEFAULT_EPOCHS = 0.5, 1000
DIGITS_ALPHA, DIGITS_EPOCHS = datasets.DATASETS["digits"].alpha, datasets.DATASETS["digits"].epochs
SHOWN_SAMPLES = 10  # predictions printed at most; the rest are counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    data = parser.add_argument_group("the data (default: --dataset xor)")
    source = data.add_mutually_exclusive_group()
    source.add_argument("--dataset", metavar="NAME", choices=datasets.names(),
                        help="a built-in data set: " + ", ".join(datasets.names()))
    source.add_argument("--data", metavar="FILE.csv",
                        help="a CSV file: a header row naming the columns, then one sample a row; "
                             "the last column is d, the others are x (for a network of n outputs, "
                             "--layers …,n, the last n columns are d)")
    data.add_argument("--list-datasets", action="store_true", help="name the built-in data sets and stop")
    training = parser.add_argument_group("training")
    training.add_argument("--alpha", type=float, default=None,
                          help=f"the learning rate α (default {DEFAULT_ALPHA}; {DIGITS_ALPHA} for the digits)")
    training.add_argument("--epochs", type=int, default=None,
                          help=f"passes over the data (default {DEFAULT_EPOCHS}; {DIGITS_EPOCHS} for the digits)")
    training.add_argument("--batch-size", type=int, default=1, metavar="B",
                          help="samples per step; each step applies their mean ΔW (default 1: the lecture's SGD)")
    training.add_argument("--shuffle", action="store_true",
                          help="shuffle the samples every epoch (repeatably with --seed)")
    training.add_argument("--unrolled", action="store_true",
                          help="run the SGD epochs as straight-line code generated from the same formulas "
                               "(see the unroll command): the same numbers, several times faster. Without "
                               "it, training runs the code of backprop/train.py that you read")
    training.add_argument("--momentum", type=float, default=0.0, metavar="μ",
                          help="momentum μ in [0, 1): v ← μ·v + ΔW, W ← W + v, v = 0 at the start "
                               "(default 0: the lecture's step)")
    training.add_argument("--fixed-bias", action="store_true",
                          help="keep the biases as they are: used, but not updated (needs --bias, or a "
                               "weights file with biases)")
    add_network_options(parser)
    output = parser.add_argument_group("output")
    output.add_argument("--save", metavar="FILE.json", help="save the trained network to a weights file")
    output.add_argument("--plot", metavar="FILE.svg", help="draw the mean E per epoch as an SVG picture")
    output.add_argument("--boundary", metavar="FILE.svg",
                        help="draw the trained network's decision boundary (a network with two inputs)")
    output.add_argument("--report", metavar="FILE.html",
                        help="write a page with a slider over the epochs: weights, loss and boundary of each")
    output.add_argument("--log", action="store_true", help="a logarithmic E axis, for the chart and the plot")
    output.add_argument("--quiet", action="store_true", help="no progress line while training")


def run(args: argparse.Namespace) -> int:
    if args.list_datasets:
        width = max(map(len, datasets.names()))
        for name in datasets.names():
            print(f"{name:{width}}  {datasets.DATASETS[name].description}")
        return 0
    outputs.check([("--save", args.save, "w.json"), ("--plot", args.plot, "loss.svg"),  # first, not after training
                   ("--boundary", args.boundary, "boundary.svg"), ("--report", args.report, "report.html")],
                  inputs=[("--data", args.data), ("--weights", args.weights)])

    source, columns, samples = _read_data(args)
    built_in = datasets.DATASETS[args.dataset or DEFAULT_DATASET] if args.data is None else None
    test_samples = None
    if built_in is not None and built_in.split is not None:  # a fixed held-out test split: train on the rest
        samples, test_samples = built_in.split()
    n_x = len(samples[0][0])  # the columns before d (one d, or a CSV file's last n for n outputs)
    n_d = _n_outputs(samples[0][1]) if args.weights is None else 1  # a weights file's own layers: checked below
    _check_layers(args.layers, source, n_x=n_x, n_d=n_d)
    drawn_seed = _draw_seed(args)
    if drawn_seed is not None:
        args.seed = drawn_seed  # the random weights and the shuffling
    net = network_from_options(args, n_inputs=n_x)
    if args.fixed_bias and not net.bias:
        raise UsageError("--fixed-bias keeps the biases fixed, but the network has none; add --bias")
    try:
        momentum = check_momentum(args.momentum)
    except ValueError as error:
        raise UsageError(f"--{error}") from None
    samples = net.check_samples(samples)
    alpha = validate.positive(_default(args.alpha, built_in, "alpha", DEFAULT_ALPHA), "--alpha")
    epochs = validate.count(_default(args.epochs, built_in, "epochs", DEFAULT_EPOCHS), "--epochs")
    if epochs > MAX_EPOCHS and not args.no_size_limit:
        raise UsageError(f"--epochs {epochs} is more than the limit of {MAX_EPOCHS:,}; {PAST_THE_LIMIT}")
    batch_size = validate.count(args.batch_size, "--batch-size")
    _check_errors_add_up(net, samples, source)
    if args.boundary is not None:
        from backprop.pictures import boundary  # the pictures of --boundary and --report: only when asked for

        try:
            boundary.check_two_inputs(net)
        except ValueError as error:
            raise UsageError(f"--boundary {shown_name(args.boundary)}: {error}") from None
    for option, path in (("--boundary", args.boundary), ("--report", args.report)):
        if path is not None and net.n_inputs == 2:  # the report draws a boundary for a network with two inputs
            from backprop.pictures import boundary

            try:
                boundary.plane(samples)  # now, not after training
            except ValueError as error:
                raise UsageError(f"{option} {shown_name(path)}: {error}") from None
    sizes = net.layers if isinstance(net, DeepNetwork) else [net.n_inputs, net.n_hidden, 1]
    output = f", {net.output_activation} output" if net.output_activation != "identity" else ""
    output += ", cross-entropy" if net.loss == "cross_entropy" else ""
    shape = f"{'-'.join(map(str, sizes))} network ({activation_text(net.activation)}{output}{', with bias' if net.bias else ''})"
    train_network = deep.train if isinstance(net, DeepNetwork) else train
    order = ", shuffled" if args.shuffle else ""
    order += ", the biases fixed" if args.fixed_bias else ""
    order += f", momentum μ = {momentum:g}" if momentum else ""
    if args.unrolled:  # one Φ per hidden layer, fixed biases or momentum are not written out
        from backprop.math.unrolled import MAX_WEIGHTS, sgd_epoch  # compiled once for its shape, kept for training

        order += (", on the lists (one Φ per layer is not unrolled)" if net.phi is None else
                  ", on the lists (fixed biases and momentum are not unrolled)" if args.fixed_bias or momentum else
                  ", on the lists (mini-batches are not unrolled)" if batch_size > 1 else
                  f", on the lists (more than {MAX_WEIGHTS:,} weights are not unrolled)" if sgd_epoch(net) is None
                  else ", on the unrolled code")
    steps_per_epoch = -(-len(samples) // batch_size)
    progress = Progress(sys.stderr, epochs, steps_per_epoch, enabled=not args.quiet and sys.stderr.isatty())
    diverged = None
    losses: list[float] = []
    recorder = None
    if args.report is not None:
        from backprop.pictures import report

        recorder = report.Recorder(net, epochs)
    tested = held_out.HeldOutAccuracy(net, test_samples) if test_samples is not None else None
    one_hot = all(classes.is_one_hot(d) for _, d in samples)  # a class each (several outputs): the largest y_j says it
    with ctrl_c_stops() as interrupted:  # from here to the end, Ctrl-C only stops the training
        try:
            drawn = f", seed {drawn_seed} (none was given: --seed {drawn_seed} repeats this run)" if drawn_seed is not None else ""
            held = f", {len(test_samples)} more held out to test" if tested is not None else ""
            print(f"Training a {shape} on {source} ({how_many(len(samples), 'sample')}{held}): "
                  f"α = {alpha:g}, {how_many(epochs, 'epoch')}, batch size {batch_size}{order}{drawn}", flush=True)
            losses = train_network(net, samples, alpha, epochs, batch_size=batch_size, shuffle=args.shuffle,
                                   seed=args.seed, on_epoch=_each_epoch(progress, recorder, tested), stop=interrupted.is_set,
                                   unrolled=args.unrolled, train_bias=not args.fixed_bias, momentum=momentum)
        except DivergenceError as error:
            losses, diverged = error.losses, error
        finally:
            progress.clear()
        found = (classes.accuracy(net, samples) if one_hot else accuracy(net, samples)) if diverged is None else None
        try:
            if tested is not None:
                held_out.print_summary(losses, tested, net, len(samples), log=args.log)
            else:
                print_summary(losses, net, samples, columns, log=args.log, right=found)
        finally:  # every file is written even when the summary cannot be shown (… | head, a second Ctrl-C)
            written = _write_files(args, net, samples, losses, diverged is not None, recorder,
                                   f"A {shape} trained on {source} with α = {alpha:g}.",
                                   _ending(diverged, interrupted.is_set(), len(losses), epochs), tested, alpha)
        _say_written(args, written, losses)  # only now: a reader gone away costs none of the files
    if found is not None and found[0] < WELL_SHORT * found[1]:
        print(_failed(found, args, one_hot, net.bias))
    if diverged is not None:
        print(f"python -m backprop train: {diverged} (for example --alpha {alpha / 10:g})", file=sys.stderr)
    if interrupted.is_set():
        print(f"Stopped by Ctrl-C after {how_many(len(losses), 'complete epoch')} of {epochs}.", file=sys.stderr)
    return 1 if diverged is not None else 130 if interrupted.is_set() else 0


def _each_epoch(progress: Progress, recorder, tested=None):
    """``on_epoch`` for training: the progress line, the report's frames when one is asked for, and
    the test accuracy when the data set holds some samples out (``tested``)."""
    if recorder is None and tested is None:
        return progress.update

    def on_epoch(epoch: int, mean_E: float) -> None:
        if tested is not None:
            tested(epoch, mean_E)
        progress.update(epoch, mean_E)
        if recorder is not None:
            recorder(epoch, mean_E)

    return on_epoch


def _ending(diverged, interrupted: bool, finished: int, epochs: int) -> str:
    """For the report: how a run that did not do all its epochs ended ("" when it did)."""
    if diverged is not None:
        return (f"Training diverged in epoch {diverged.epoch} (try a smaller --alpha); this page covers "
                f"the {how_many(finished, 'epoch')} that finished.")
    if interrupted:
        return (f"Training was stopped by Ctrl-C after {how_many(finished, 'complete epoch')} of {epochs}; "
                "this page covers those.")
    return ""


def _draw_seed(args: argparse.Namespace) -> int | None:
    """Return a seed drawn for random starting weights that --seed did not fix (else None).

    Random weights are drawn when none are given (by --weights, --W1 or --W2). The
    drawn seed is printed, so that ``--seed N`` repeats the run, shuffling included.
    """
    if args.seed is not None or args.weights is not None or args.W1 is not None or args.W2 is not None:
        return None
    import random  # here: only a run that draws its weights needs it

    return random.SystemRandom().randrange(1_000_000)


def _read_data(args: argparse.Namespace) -> tuple[str, list[str], list]:
    """Return where the samples come from (for a person), the column names, and the samples."""
    if args.data is not None:
        columns, samples = data_columns.read(args)
        return args.data, columns, samples
    name = args.dataset or DEFAULT_DATASET
    samples = datasets.samples(name)
    columns = [label("x", i) for i in range(len(samples[0][0]))] + ["d"]
    return f"the {name} data set", columns, samples


def _default(given, built_in, name: str, default):
    """The option's value: as given, else the built-in data set's own default, else the command's."""
    if given is not None:
        return given
    own = getattr(built_in, name, None) if built_in is not None else None
    return own if own is not None else default


def _n_outputs(d) -> int:
    """How many outputs a sample's d asks for: one number, or one per value of a list (the digits' one-hot d)."""
    return len(d) if isinstance(d, list) else 1


def _check_layers(layers: list[int] | None, source: str, n_x: int, n_d: int = 1) -> None:
    """Raise a UsageError unless ``--layers`` starts with the data's x columns and ends with its d's."""
    if n_d > 1 and (layers is None or layers[0] != n_x or layers[-1] != n_d):
        given = "" if layers is None else f", not --layers {','.join(map(str, layers))}"
        raise UsageError(f"{source} has {n_x} inputs and a one-hot d of {n_d} values, so it needs a network "
                         f"of {n_x} inputs and {n_d} outputs: --layers {n_x},N,{n_d}, like --layers "
                         f"{n_x},32,{n_d}{given}")
    if n_d == 1 and layers is not None and (layers[0] != n_x or layers[-1] != 1):
        hidden = ",".join(map(str, layers[1:-1] or [4]))
        raise UsageError(
            f"{source} has {n_x} x column{'s' * (n_x != 1)} and one d, so --layers must start with {n_x} "
            f"and end with 1, like --layers {n_x},{hidden},1"
        )


def _check_errors_add_up(net, samples, source: str) -> None:
    """Raise a UsageError if the samples' E = ½(d − y)² at the starting weights, summed for an epoch's
    mean E, go past the largest float (about 1.8e308): ``d = 1.8e154`` in two samples would stop
    training with an overflow in its first epoch. One feedforward pass per sample, before any step.
    """
    E_values = array("d")  # 8 bytes a sample, as the samples of a data file are kept
    for x, d in samples:
        y = net.predict(x)
        E = math.inf
        with contextlib.suppress(OverflowError):
            # E = Σ_j ½ (d_j − y_j)²       (as products: ** 2 would raise OverflowError, not give inf)
            E = math.fsum(0.5 * (d_j - y_j) * (d_j - y_j) for d_j, y_j in zip(_as_list(d), _as_list(y)))
        E_values.append(E if math.isfinite(E) else math.inf)
    try:
        total = math.fsum(E_values)
    except OverflowError:
        total = math.inf
    if math.isfinite(total):
        return
    k = max(range(len(E_values)), key=E_values.__getitem__)
    x, d = samples[k]
    shown_d = " = " + ", ".join(f"{d_j:g}" for d_j in _as_list(d))
    raise UsageError(f"{source}: the samples' errors E = ½(d − y)² add up past the largest float (about 1.8e308) "
                     f"before training starts; the largest is sample {k + 1}'s, with d{shown_d} and x = "
                     f"{', '.join(f'{x_i:g}' for x_i in x)}; scale the data down (d and x well under 1e150)")


def _write_files(args: argparse.Namespace, net, samples, losses: list[float], diverged: bool, recorder,
                 about: str, ending: str, tested=None, alpha: float | None = None) -> list[str]:
    """Save the weights (--save), draw the loss curve (--plot) and the decision boundary (--boundary),
    and write the report (--report); return the lines that say so, printed by :func:`_say_written`
    once every file is written (standard output may be gone: ``… | head -1``)."""
    written = []
    if args.save is not None:
        net.save(args.save)
        kept = "the last finite weights, from before it diverged," if diverged else "the weights"
        written.append(f"Saved {kept} to {shown_name(args.save)}")
    if args.plot is not None and losses:
        atomic_file.write_text(args.plot, svg_plot.loss_curve(losses, log=args.log))
        written.append(f"Wrote the loss curve to {shown_name(args.plot)}")
    if args.boundary is not None:
        from backprop.pictures import boundary

        atomic_file.write_text(args.boundary, boundary.boundary_svg(net, samples))
        written.append(f"Wrote the decision boundary to {shown_name(args.boundary)}")
    if recorder is not None:
        from backprop.pictures import report

        extra = held_out.report_pictures(net, tested.test_samples) if tested is not None else ""
        atomic_file.write_text(args.report, report.render(recorder.frames(), losses, samples, about, ending,
                                                          log=args.log, every=recorder.every, extra=extra,
                                                          alpha=alpha))
        written.append(f"Wrote the training report to {shown_name(args.report)}")
    return written


def _say_written(args: argparse.Namespace, written: list[str], losses: list[float]) -> None:
    """Print what :func:`_write_files` wrote (and that there was no loss curve to draw)."""
    for line in written:
        print(line)
    if args.plot is not None and not losses:
        print(f"No epoch was completed, so there is no loss curve to write to {shown_name(args.plot)}",
              file=sys.stderr)


@contextlib.contextmanager
def ctrl_c_stops():
    """While inside, Ctrl-C (SIGINT) only sets the flag yielded; training checks it after every step.

    A second Ctrl-C raises ``KeyboardInterrupt``, for someone who wants out at once.
    """
    flag = threading.Event()

    def stop(signal_number, frame):
        if flag.is_set():
            raise KeyboardInterrupt
        flag.set()

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


def print_summary(losses: list[float], net, samples, columns: list[str], log: bool, right: tuple | None = None) -> None:
    """Print the chart of mean E per epoch (and beside the last E, for two classes, the ``right``
    of :func:`accuracy`), the weights, and y beside d for each sample."""
    print()
    print(chart.losses_summary(losses, log))
    if right is not None:
        how = ("given the class of d (the largest y_j)" if all(classes.is_one_hot(d) for _, d in samples)
               else f"on the right side of y = {THRESHOLD:g}")
        print(f"Accuracy: {right[0]} of {right[1]} samples ({100 * right[0] / right[1]:.0f} %) {how}")
    print()
    print_weights(net)
    print()
    print_predictions(net, samples, columns)


WELL_SHORT = 0.9  # a share of samples on the right side below this: training did not learn the classes
THRESHOLD = 0.5  # y ≥ 0.5 is class 1, y < 0.5 class 0


def accuracy(net, samples) -> tuple | None:
    """``(right, n)``: how many of the ``n`` samples are on the right side of y = 0.5 (d = 1 with
    y ≥ 0.5, d = 0 with y < 0.5); None unless every d is 0 or 1 (two classes).

    >>> from backprop import Network
    >>> net = Network([[1.0], [1.0]], [1.0], activation="identity")   # y = x_1 + x_2
    >>> accuracy(net, [([0, 0], 0), ([0, 1], 1), ([1, 1], 0)]), accuracy(net, [([0, 0], 0.5)])
    ((2, 3), None)
    """
    if not samples or any(len(d) != 1 or d[0] not in (0, 1) for d in (_as_list(d) for _, d in samples)):
        return None  # (one sample at a time: a data file's samples are kept 8 bytes a number)
    right = sum((_as_list(net.predict(x))[0] >= THRESHOLD) == (_as_list(d)[0] == 1) for x, d in samples)
    return right, len(samples)


def _failed(found: tuple, args: argparse.Namespace, one_hot: bool = False, bias: bool = False) -> str:
    """The line that says training did not learn the classes (two, or ``one_hot`` d's), with a hint for the data set
    (never --bias to a network that has biases: then the general hint, without it)."""
    right, n = found
    where = "given their class" if one_hot else "on the right side"
    hint = datasets.DATASETS[args.dataset or DEFAULT_DATASET].hint if args.data is None else None
    hint = None if bias and hint and "--bias" in hint else hint
    neurons = "more hidden neurons (--hidden 8)" if args.layers is None else "more hidden neurons in --layers"
    hint = hint or f"{neurons}, {'' if bias else '--bias, '}a smaller --alpha or more --epochs"
    hint = f"biases that learn (drop --fixed-bias), {hint}" if args.fixed_bias else hint
    return (f"Training did not learn the classes: {100 * right / n:.0f} % of the samples {where}, "
            f"well short of 100 %; try {hint}")


def print_weights(net) -> None:
    """Print every weight with its one-based name (the bias weights marked as such).

    >>> from backprop import Network
    >>> print_weights(Network([[0.5, -0.25], [2.0, 1.0], [0.1, 0.2]], [3.0, -1.0, 0.5], bias=True))
    Weights
      W¹_11 =  0.5   W¹_12 = -0.25
      W¹_21 =  2   W¹_22 =  1
      W¹_31 =  0.1   W¹_32 =  0.2   (bias: from the constant input 1)
      W²_1 =  3   W²_2 = -1   W²_3 =  0.5   (W²_3 is the output bias)
    >>> print_weights(DeepNetwork([[[0.5, -0.25], [2.0, 1.0]], [[3.0], [-1.0], [0.5]]], bias=True))
    Weights
      W¹_11 =  0.5   W¹_12 = -0.25
      W¹_21 =  2   W¹_22 =  1   (bias: from the constant input 1)
      W²_11 =  3
      W²_21 = -1
      W²_31 =  0.5   (bias: from the constant input 1)
    """
    print("Weights")
    if isinstance(net, DeepNetwork):
        for k, W_k in enumerate(net.W):
            _print_rows(layer("W", k), W_k, net.bias)
        return
    W1, W2 = layer("W", 0), layer("W", 1)  # W¹ and W², as the trace writes them
    _print_rows(W1, net.W1, net.bias)
    note = f"   ({label(W2, net.n_hidden)} is the output bias)" if net.bias else ""
    print("  " + "   ".join(f"{label(W2, j)} = {w: .6g}" for j, w in enumerate(net.W2)) + note)


def _print_rows(name: str, rows: list[list[float]], bias: bool) -> None:
    """Print a weight matrix, a row per line; with ``bias`` its last row is the bias row."""
    for i, row in enumerate(rows):
        note = "   (bias: from the constant input 1)" if bias and i == len(rows) - 1 else ""
        print("  " + "   ".join(f"{label(name, i, j)} = {w: .6g}" for j, w in enumerate(row)) + note)


def print_predictions(net, samples, columns: list[str]) -> None:
    """Print a table of each sample's x and d beside the network's y (the first few of many).

    >>> from backprop import Network
    >>> net = Network([[1.0], [1.0]], [2.0], activation="identity")   # y = 2·(x_1 + x_2)
    >>> print_predictions(net, [([0, 1], 2), ([0.25, -0.5], -1)], ["x_1", "x_2", "d"])
    Predictions
       x_1   x_2   d     y
         0     1   2     2
      0.25  -0.5  -1  -0.5

    A DeepNetwork's samples hold d as a list, and its y is a list: one value each here.
    """
    shown = samples[:SHOWN_SAMPLES]
    print("Predictions" + (f" (the first {len(shown)} of {len(samples)} samples)" if len(samples) > len(shown) else ""))
    n_y = getattr(net, "n_outputs", 1)  # the lecture's Network has one
    cells = [columns + (["y"] if n_y == 1 else [label("y", j) for j in range(n_y)])]
    for x, d in shown:
        y = net.predict(x)
        # y to four decimals, in at most six digits (+ 0.0 shows −0.0 as 0)
        cells.append([f"{value + 0.0:g}" for value in list(x) + _as_list(d)]
                     + [f"{round(y_j, 4) + 0.0:.6g}" for y_j in _as_list(y)])
    widths = [max(len(row[k]) for row in cells) for k in range(len(cells[0]))]
    for row in cells:
        print("  " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths)))


def _as_list(value: float | list[float]) -> list[float]:
    """A DeepNetwork's d or y (a list), or the lecture's Network's (one number), as a list."""
    return value if isinstance(value, list) else [value]
