"""Issue 18: what runs is what you read. The lecture's files are the foundation of the package (no
import circles, no private names across modules), training runs the lecture's functions by default,
one step serves sgd_step, the SGD epoch and the mini-batch, and two bugs of those seams stay fixed."""

import ast
import functools
import importlib
import math
import os
import random
import struct

import pytest

from backprop import DivergenceError, Network, deep, gradients, sgd_step, train
from backprop.activations import ACTIVATIONS, relu, relu_prime
from backprop.math import gradcheck
from backprop.math.deep import DeepNetwork

from conftest import ROOT

lecture_train = importlib.import_module("backprop.train")  # the module: backprop.train is also the function

PACKAGE = os.path.join(ROOT, "backprop")
LECTURE_FILES = {"backprop.network", "backprop.activations", "backprop.loss", "backprop.train"}
LEAVES = {"backprop.math.validate", "backprop.math.notation", "backprop.math.sums", "backprop.math.training_loop",
          "backprop.math.sample_table", "backprop.math"}
HAND_OVERS = {"save", "load"}  # methods that only pass the work up to files/ or pictures/, with a local import


def modules():
    found = {}
    for folder, _, files in os.walk(PACKAGE):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                module = os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".").removesuffix(".__init__")
                found[module] = path
    return found


MODULES = modules()


@functools.cache
def parsed(path):
    """The syntax tree of one file, parsed once for all the tests here (they only read it)."""
    return ast.parse(open(path, encoding="utf-8").read())


@functools.cache
def imports(path):
    """(module imported, the function it is imported in, or None at the top) for every import of backprop."""
    tree = parsed(path)
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("backprop"):
                for alias in child.names:  # `from backprop.math import deep` imports the module deep
                    name = f"{child.module}.{alias.name}"
                    found.append((name if name in MODULES else child.module, function, alias.name))
            elif isinstance(child, ast.Import):
                found.extend((alias.name, function, None) for alias in child.names if alias.name.startswith("backprop"))
            visit(child, inner)

    visit(tree, None)
    return found


def is_hand_over(function):
    return function in HAND_OVERS or (function or "").startswith("_repr_")


def graph():
    return {module: {name for name, function, _ in imports(path) if not is_hand_over(function) and name != module}
            for module, path in MODULES.items()}


def test_no_import_circles():
    edges = graph()
    state = {}

    def walk(module, path):  # depth first; a module met again on the current path closes a circle
        state[module] = "open"
        for name in sorted(edges.get(module, ())):
            if name == "backprop" or name not in MODULES:
                continue
            assert state.get(name) != "open", "import circle: " + " → ".join(path + [name])
            if name not in state:
                walk(name, path + [name])
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            walk(module, [module])


def test_the_lecture_files_import_only_each_other_and_the_leaves():
    for module in LECTURE_FILES:
        for name, function, _ in imports(MODULES[module]):
            if is_hand_over(function):
                continue
            if (module, function, name) == ("backprop.train", "train", "backprop.math.unrolled"):
                continue  # train(unrolled=True): the explicit choice of the generated code
            assert name in LECTURE_FILES | LEAVES, f"{module} ({function or 'top'}) imports {name}"


def test_no_private_name_crosses_a_module():
    for module, path in MODULES.items():
        tree = parsed(path)
        imported = {}
        for name, _, alias in imports(path):
            assert not (alias or "").startswith("_") or alias.startswith("__"), f"{module} imports {name}.{alias}"
            if alias and f"{name}.{alias}" in MODULES:
                imported[alias] = name
            elif alias is None:
                imported[name.split(".")[0]] = name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported
                    and node.attr.startswith("_") and not node.attr.startswith("__")):
                raise AssertionError(f"{module} uses {node.value.id}.{node.attr}")


def test_train_py_reads_as_the_lecture_in_under_250_lines():
    source = open(MODULES["backprop.train"], encoding="utf-8").read()
    assert len(source.splitlines()) < 250
    order = ["def backpropagate", "# δ²_j", "# ∂y/∂h′_j", "# δ¹_ij", "# ΔW = α", "# W ← W + ΔW", "def sgd_step",
             "def train"]
    assert [source.index(mark) for mark in order] == sorted(source.index(mark) for mark in order)


XOR = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]


@pytest.mark.parametrize("batch_size", [1, 3])
def test_training_runs_the_code_of_train_py(monkeypatch, batch_size):
    # as a print placed in backprop/train.py's backpropagate would be: reached once per sample and epoch
    calls = []
    original = lecture_train.backpropagate
    monkeypatch.setattr(lecture_train, "backpropagate", lambda net, forward: calls.append(1) or original(net, forward))
    train(Network.random(bias=True, seed=0), XOR, alpha=0.5, epochs=5, batch_size=batch_size)
    assert len(calls) == 5 * len(XOR)  # every sample in each of the 5 epochs


def test_the_unrolled_code_is_a_choice(monkeypatch):
    calls = []
    original = lecture_train.backpropagate
    monkeypatch.setattr(lecture_train, "backpropagate", lambda net, forward: calls.append(1) or original(net, forward))
    net, lists = Network.random(bias=True, seed=0), Network.random(bias=True, seed=0)
    assert train(net, XOR, alpha=0.5, epochs=5, unrolled=True) == train(lists, XOR, alpha=0.5, epochs=5)
    assert len(calls) == 5 * len(XOR)  # the lists' run; the unrolled run called none
    assert (net.W1, net.W2) == (lists.W1, lists.W2)


def test_an_sgd_epoch_is_sgd_step_on_every_sample():
    net, by_hand = Network.random(seed=4, activation="tanh"), Network.random(seed=4, activation="tanh")
    train(net, XOR, alpha=0.3, epochs=3)
    for _ in range(3):
        for x, d in XOR:
            sgd_step(by_hand, x, d, 0.3)
    assert bits(net) == bits(by_hand)


def bits(net):
    weights = net.W if isinstance(net, DeepNetwork) else net.W1 + [net.W2]
    return [struct.pack("<d", w) for matrix in weights for row in matrix for w in (row if isinstance(row, list) else [row])]


def as_deep(net):
    return DeepNetwork([net.W1, [[w] for w in net.W2]], activation=net._activation,
                       output_activation=net._output_activation, bias=net.bias)


@pytest.mark.parametrize("bias", [False, True])
@pytest.mark.parametrize("output_activation", ["identity", "sigmoid", "tanh", "relu"])
def test_a_deep_network_of_one_hidden_layer_is_the_lecture_network_to_the_bit(bias, output_activation):
    rng = random.Random(18)
    for _ in range(60):
        n_inputs, n_hidden = rng.randint(1, 4), rng.randint(1, 6)
        activation = rng.choice(["sigmoid", "tanh", "relu", "identity"])
        net = Network.random(n_inputs, n_hidden, activation=activation, bias=bias, seed=rng.randrange(10**6),
                             output_activation=output_activation)
        twin = as_deep(net)
        x = [rng.uniform(-2, 2) for _ in range(n_inputs)]
        d = rng.uniform(-1, 1)
        forward, deep_forward = net.feedforward(x), twin.feedforward(x)
        assert struct.pack("<d", forward.y) == struct.pack("<d", deep_forward.y[0])
        delta, deep_delta = gradients(net, x), deep.gradients(twin, x)
        # equal as numbers; a zero may be 0.0 in one and −0.0 in the other (the deep Σ over outputs starts at 0)
        assert delta.dy_dW1 == deep_delta.dy_dW[0]
        assert delta.dy_dW2 == [row[0] for row in deep_delta.dy_dW[1]]
        step, deep_step = sgd_step(net, x, d, 0.5), deep.sgd_step(twin, x, d, 0.5)
        assert struct.pack("<d", step.E) == struct.pack("<d", deep_step.E)
        assert bits(net) == bits(twin)
        samples = [([rng.uniform(-1, 1) for _ in range(n_inputs)], rng.uniform(-1, 1)) for _ in range(3)]
        assert train(net, samples, 0.1, 4, batch_size=2) == deep.train(twin, samples, 0.1, 4, batch_size=2)
        assert bits(net) == bits(twin)


def test_an_own_output_activation_named_identity_keeps_its_slope():
    def identity(z):  # not the identity: y = 2y′
        return 2.0 * z

    def identity_prime(z):
        return 2.0

    net = Network([[0.5, -0.25], [0.75, 1.0]], [1.5, -0.5], activation="tanh",
                  output_activation=(identity, identity_prime))
    plain = Network(net.W1, net.W2, activation="tanh")
    assert net.output_activation == "own identity"
    x = [0.5, -1.0]
    doubled, single = gradients(net, x), gradients(plain, x)
    assert doubled.dy_dW2 == [2.0 * value for value in single.dy_dW2]  # ×2 is exact in floats
    assert doubled.dy_dW1 == [[2.0 * value for value in row] for row in single.dy_dW1]
    assert gradcheck.max_relative_error(net, x, 1.0) < 1e-6
    assert "output_activation='own identity'" in repr(net)
    lists, unrolled = Network(net.W1, net.W2, activation="tanh", output_activation=(identity, identity_prime)), net
    samples = [([0.5, -1.0], 1.0), ([1.0, 0.25], -1.0)]
    assert train(unrolled, samples, 0.05, 3, unrolled=True) == train(lists, samples, 0.05, 3)
    assert bits(unrolled) == bits(lists)


def test_the_built_in_activations_pass_nan_on():
    nan = float("nan")
    for name, activation in ACTIVATIONS.items():
        for function in (activation.phi, activation.phi_prime, activation.phi_prime_from_h):
            assert math.isnan(function(nan)), (name, function.__name__)
    assert relu(-0.5) == 0.0 and relu(2.5) == 2.5 and relu_prime(0.0) == 0.0 and relu_prime(2.5) == 1.0


def nan_weights(net):
    # x_1·W¹_11 + x_2·W¹_21 = 2·1e308 + 2·(−1e308) = inf + (−inf) = NaN: ReLU once turned it into 0
    net.W1[0][0], net.W1[1][0] = 1e308, -1e308


@pytest.mark.parametrize("unrolled", [False, True])
def test_a_nan_in_the_feedforward_pass_stops_training(unrolled):
    samples = [([2.0, 2.0], 1.0)]
    net = Network([[0.5, 0.25], [0.5, -0.25]], [0.5, 0.5], activation="relu")
    with pytest.raises(DivergenceError) as error:
        train(net, samples, 0.01, 5, on_epoch=lambda epoch, E: nan_weights(net), unrolled=unrolled)
    assert error.value.epoch == 2 and len(error.value.losses) == 1
    assert net.W1 == [[1e308, 0.25], [-1e308, -0.25]]  # what it had: the step was not taken


def test_a_nan_before_any_step_is_not_blamed_on_alpha():
    net = Network([[1e308, 0.25], [-1e308, -0.25]], [0.5, 0.5], activation="relu")
    with pytest.raises(ValueError, match=r"h′ = \[nan, .*before any step.*α is not the cause"):
        sgd_step(net, [2.0, 2.0], 1.0, 0.1)
    with pytest.raises(ValueError, match="α is not the cause"):
        train(net, [([2.0, 2.0], 1.0)], 0.1, 1)
    assert net.W1 == [[1e308, 0.25], [-1e308, -0.25]]
