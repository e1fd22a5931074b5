"""Property-based attacks on the command line and the constructors (hypothesis, derandomized).

The promise, whatever is typed: exit status 0, 1, 2 or 130; at most one line on standard error;
never a traceback; and a weights file given to a command is never changed (only --save writes).
The library's constructors and steps raise only ``TypeError``/``ValueError``, and a refused step
leaves the weights as they were.
"""

import copy
import json
import math
import os
import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from backprop import DeepNetwork, Network, deep, sgd_step
from conftest import ROOT
from test_nothing_lost import cli

FUZZ = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))

WEIGHTS = json.dumps({"format": "backprop-weights", "version": 1, "activation": "sigmoid", "bias": False,
                      "W1": [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], "W2": [0.4, -0.5, 0.3]})
DEEP_WEIGHTS = json.dumps({"format": "backprop-weights", "version": 1, "activation": "tanh", "bias": True,
                           "layers": [2, 2, 1], "W": [[[0.5, -0.4], [0.1, 0.2], [0.0, 0.3]], [[0.7], [0.5], [0.1]]]})


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The files a fuzzed command may name: good and broken weights and data, and places to write."""
    folder = tmp_path_factory.mktemp("fuzz")
    contents = {"w.json": WEIGHTS, "deep.json": DEEP_WEIGHTS, "broken.json": "[" * 5000, "empty.json": "",
                "data.csv": "x_1,x_2,d\n0,0,0\n0,1,1\n1,0,1\n", "bad.csv": 'x_1,"a,b",d\n1,,0\n\n,\n'}
    for name, text in contents.items():
        (folder / name).write_text(text)
    return folder


VALUES = st.sampled_from([
    "0", "1", "-1", "3", "0.5", "-0.5", "1e308", "-1e308", "1.7e308", "1e-320", "nan", "inf", "-inf", "",
    "--", "-", "=", " ", "1,2", "0.5,-0.3,0.8; 0.2,0.7,-0.6", "0.4,-0.5,0.3", "1,,2", ";", "1,2,2,1",
    "2,3,1", "0,1", "1," * 50, "9" * 400, "-" + "9" * 30, "x", "é", "a\nb", "\x00", "sigmoid", "tanh",
    "relu", "identity", "xor", "sine", "json", "latex", "html", "markdown", "text", "17", "18",
    "{w}", "{deep}", "{broken}", "{empty}", "{data}", "{bad}", "{folder}", "{out}", "/dev/null", "no/such",
])
OPTIONS = st.sampled_from([
    "--x", "--d", "--alpha", "--W1", "--W2", "--seed", "--hidden", "--layers", "--activation", "--bias",
    "--weights", "--format", "--digits", "--output", "--data", "--dataset", "--epochs", "--batch-size",
    "--shuffle", "--log", "--quiet", "--save", "--plot", "--list-datasets", "--no-size-limit", "-h", "--nope",
])
SMALL_EPOCHS = st.sampled_from(["1", "2", "3", "0", "-1", "x", "1000000000000"])


@st.composite
def command_lines(draw):
    command = draw(st.sampled_from(["trace", "train", "predict", None]))
    argv = [command] if command else []
    if command == "predict":
        argv.append(draw(st.sampled_from(["{w}", "{deep}", "{broken}", "{empty}", "no/such", "--"])))
    for _ in range(draw(st.integers(0, 3))):
        option = draw(OPTIONS)
        if option == "--epochs":
            argv += [option, draw(SMALL_EPOCHS)]
        elif draw(st.booleans()):
            argv.append(f"{option}={draw(VALUES)}" if draw(st.booleans()) else option)
        else:
            argv += [option, draw(VALUES)]
    if command == "train" and not any(word.startswith("--epochs") for word in argv):
        argv += ["--epochs", "2"]  # keep each case quick
    return argv


def _fill(argv, files):
    names = {"w": "w.json", "deep": "deep.json", "broken": "broken.json", "empty": "empty.json",
             "data": "data.csv", "bad": "bad.csv", "out": "out.txt"}
    paths = {key: str(files / name) for key, name in names.items()} | {"folder": str(files)}
    return [word.format(**paths) if "{" in word else word for word in argv]


def assert_the_promise(status, stderr):
    assert status in (0, 1, 2, 130), (status, stderr)
    assert "Traceback" not in stderr, stderr
    assert len(stderr.splitlines()) <= 1, stderr
    if status == 2:
        assert stderr.strip(), "a refusal says why"


@FUZZ
@given(argv=command_lines())
def test_the_command_line_keeps_its_promise(files, argv):
    argv = _fill(argv, files)
    before = {name: (files / name).read_bytes() for name in ("w.json", "deep.json", "data.csv")}
    here = os.getcwd()
    os.chdir(files)  # a fuzzed --output or --save with a bare name ("0") lands among the test's files
    try:
        status, _, stderr = cli(*argv)
    finally:
        os.chdir(here)
    assert_the_promise(status, stderr)
    for name, content in before.items():  # only --save writes, and fuzzed commands save to out.txt at most
        if str(files / name) not in [argv[k + 1] for k, word in enumerate(argv[:-1]) if word in ("--save", "--plot", "--output")]:
            assert (files / name).read_bytes() == content, name


NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**400, 10**400),
    st.fractions(max_denominator=10), st.just(Fraction(10**400)), st.booleans(), st.none(),
    st.text(max_size=3), st.just("0.5" * 1000),
)
ROWS = st.one_of(st.lists(NUMBERS, max_size=4), NUMBERS, st.text(max_size=5), st.sets(st.integers(), max_size=2))


@FUZZ
@given(W1=st.one_of(st.lists(ROWS, max_size=4), ROWS), W2=ROWS, bias=st.one_of(st.booleans(), NUMBERS),
       activation=st.sampled_from(["sigmoid", "tanh", "relu", "identity", "swish", None, 3]))
def test_the_network_constructor_raises_only_type_or_value_errors(W1, W2, bias, activation):
    try:
        net = Network(W1, W2, activation=activation, bias=bias)
    except (TypeError, ValueError) as error:
        assert len(str(error)) < 400
        return
    assert all(math.isfinite(w) for row in net.W1 for w in row + net.W2)


@FUZZ
@given(W=st.one_of(st.lists(st.lists(ROWS, max_size=3), max_size=3), ROWS), bias=st.booleans(),
       layers=st.one_of(st.lists(st.integers(-2, 300), max_size=4), NUMBERS, st.text(max_size=3)))
def test_the_deep_network_constructors_raise_only_type_or_value_errors(W, bias, layers):
    for make in (lambda: DeepNetwork(W, bias=bias), lambda: DeepNetwork.random(layers, bias=bias)):
        try:
            make()
        except (TypeError, ValueError) as error:
            assert len(str(error)) < 400


@FUZZ
@given(x=st.one_of(st.lists(NUMBERS, max_size=3), NUMBERS), d=NUMBERS, alpha=NUMBERS,
       scale=st.sampled_from([1.0, 1e100, 1e200, 1e308]))
def test_a_refused_step_leaves_the_weights_as_they_were(x, d, alpha, scale):
    for net, step in ((Network([[0.5 * scale, -0.3], [0.2, 0.7]], [0.4, -0.5 * scale]), sgd_step),
                      (DeepNetwork([[[0.5 * scale, -0.3], [0.2, 0.7]], [[0.4], [-0.5 * scale]]]), deep.sgd_step)):
        before = copy.deepcopy(net.__dict__.get("W") or (net.W1, net.W2))
        try:
            step(net, x, d, alpha)
        except (TypeError, ValueError) as error:
            assert (net.__dict__.get("W") or (net.W1, net.W2)) == before
            assert len(str(error)) < 400


@pytest.mark.parametrize("argv", [
    ["train", "--epochs=--"], ["--W1", "1e308,1e308,1e308; 1e308,1e308,1e308", "--W2", "1e308,1e308,1e308"],
    ["predict", "/dev/null", "1", "2"], ["train", "--layers", "2,1000000,1000000,1", "--seed", "1"],
    ["trace", "--digits", "9" * 5000], ["quiz", "--seed", "1"],
])
def test_the_promise_holds_in_a_real_process(argv):
    result = subprocess.run([sys.executable, "-m", "backprop", *argv], cwd=ROOT, capture_output=True, text=True,
                            input="", timeout=60)
    assert_the_promise(result.returncode, result.stderr)
