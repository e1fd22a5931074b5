"""Issue 24, item 5: python -m backprop export --to numpy|pytorch prints a program that takes the same step
and prints the same numbers; the NumPy program is run here, the PyTorch one compiled (and run if torch is
installed)."""

import ast
import contextlib
import importlib.util
import io
import math

import pytest

from backprop import Network, lecture_example, sgd_step
from backprop.autograd import step_graph, weight_gradients
from backprop.math import deep
from backprop.math.deep import DeepNetwork
from backprop.math.export import program
from conftest import assert_usage_error, require_module


def printed(source):
    """Run a program in this process (no new interpreter: numpy is imported once) and read what it
    printed: one "name = value" per line."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "<exported step>", "exec"), {"__name__": "__main__"})
    return {name: ast.literal_eval(value) for name, value in (line.split(" = ", 1) for line in out.getvalue().splitlines())}


def flat(values):
    if isinstance(values, list):
        return [number for value in values for number in flat(value)]
    return [values]


NETWORKS = [  # the lecture's, the quiz's with a bias and Φ_out, two outputs, ReLU and tanh
    (lecture_example.network(), [1.0, 0.5], 1.0),
    (DeepNetwork.random([1, 2, 2, 1], bias=True, seed=3, output_activation="sigmoid"), [1.0], [1.0]),
    (DeepNetwork.random([2, 3, 2], activation="tanh", seed=4), [0.3, -0.7], [1.0, 0.0]),
    (Network.random(3, 4, activation="relu", bias=True, seed=5, output_activation="tanh"), [0.5, -1.0, 2.0], 0.25),
    # cross-entropy: the lecture's with one sigmoid output, the quiz's with a bias, softmax on three outputs
    (Network(lecture_example.network().W1, lecture_example.network().W2, output_activation="sigmoid",
             loss="cross_entropy"), [1.0, 0.5], 1.0),
    (DeepNetwork.random([1, 2, 2, 1], bias=True, seed=6, output_activation="sigmoid", loss="cross_entropy"), [1.0], [0.25]),
    (DeepNetwork.random([2, 3, 3], activation="tanh", bias=True, seed=7, output_activation="softmax",
                        loss="cross_entropy"), [0.3, -0.7], [0.0, 1.0, 0.0]),
]


def expected(net, x, d, alpha):
    """The library's numbers: y and E before, ∂E/∂W (autograd), the weights after sgd_step, E after."""
    graph = step_graph(net, x, d)
    graph.E.backward()
    after = net.copy()
    if isinstance(net, Network):
        sgd_step(after, x, d, alpha)
        W_after, E_after = [after.W1, [[w] for w in after.W2]], step_graph(after, x, d).E.data
    else:
        deep.sgd_step(after, x, d, alpha)
        W_after, E_after = after.W, step_graph(after, x, d).E.data
    return ([y_j.data for y_j in graph.y], graph.E.data, flat(weight_gradients(graph)), flat(W_after), E_after)


def assert_same_numbers(numbers, net, x, d, alpha):
    y, E, dE_dW, W_after, E_after = expected(net, x, d, alpha)
    K = len(net.W) if isinstance(net, DeepNetwork) else 2
    assert numbers["y"] == pytest.approx(y, rel=1e-13, abs=1e-15)
    assert numbers["E"] == pytest.approx(E, rel=1e-13, abs=1e-15)
    assert flat([numbers[f"∂E/∂W{k}"] for k in range(1, K + 1)]) == pytest.approx(dE_dW, rel=1e-12, abs=1e-15)
    assert flat([numbers[f"W{k} after"] for k in range(1, K + 1)]) == pytest.approx(W_after, rel=1e-13, abs=1e-15)
    assert numbers["E after"] == pytest.approx(E_after, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("net, x, d", NETWORKS)
def test_the_numpy_program_prints_the_librarys_numbers(net, x, d):
    require_module("numpy")
    assert_same_numbers(printed(program(net, x, d, 0.5, "numpy")), net, x, d, 0.5)


def test_the_numpy_program_by_hand():
    # Φ the identity: h′ = 1 + 2 = 3, y = 3·3 = 9, E = ½(10 − 9)² = 0.5; ∂E/∂W² = −(10 − 9)·3 = −3,
    # ∂E/∂W¹_i1 = −(10 − 9)·3·x_i = −3; after W ← W − 0.1·∂E/∂W: W¹ = (1.3, 2.3), W² = 3.3,
    # y = (1.3 + 2.3)·3.3 = 11.88, E = ½(10 − 11.88)² = 1.7672
    require_module("numpy")
    numbers = printed(program(Network([[1.0], [2.0]], [3.0], activation="identity"), [1.0, 1.0], 10.0, 0.1, "numpy"))
    assert (numbers["y"], numbers["E"], numbers["∂E/∂W1"], numbers["∂E/∂W2"]) == ([9.0], 0.5, [[-3.0], [-3.0]], [[-3.0]])
    assert flat([numbers["W1 after"], numbers["W2 after"]]) == pytest.approx([1.3, 2.3, 3.3], abs=1e-15)
    assert numbers["E after"] == pytest.approx(1.7672, abs=1e-12)


def test_the_numpy_program_with_softmax_and_cross_entropy_by_hand():
    # Φ the identity, W¹ = (1, 1), W² = ((1, 1), (−1, −1)), x = 2: h = (2, 2), y′ = (0, 0), y = (½, ½); d = (1, 0):
    # E = ln 2, δ² = −(d − y) = (−½, ½), ∂E/∂W² = h ⊗ δ² = ((−1, 1), (−1, 1)), δ¹ = δ²·W²ᵀ = (0, 0), ∂E/∂W¹ = 0;
    # after W² ← W² − ½·∂E/∂W² = ((1.5, 0.5), (−0.5, −1.5)): y′ = (2, −2), E = −(2 − ln(e² + e⁻²)) = ln(1 + e⁻⁴)
    require_module("numpy")
    net = DeepNetwork([[[1.0, 1.0]], [[1.0, 1.0], [-1.0, -1.0]]], activation="identity", output_activation="softmax",
                      loss="cross_entropy")
    numbers = printed(program(net, [2.0], [1.0, 0.0], 0.5, "numpy"))
    assert numbers["y"] == [0.5, 0.5] and numbers["E"] == pytest.approx(math.log(2.0), rel=1e-15)
    assert numbers["∂E/∂W2"] == [[-1.0, 1.0], [-1.0, 1.0]] and numbers["∂E/∂W1"] == [[0.0, 0.0]]
    assert numbers["W2 after"] == [[1.5, 0.5], [-0.5, -1.5]]
    assert numbers["E after"] == pytest.approx(math.log1p(math.exp(-4.0)), rel=1e-14)


@pytest.mark.parametrize("net, x, d", NETWORKS)
def test_the_pytorch_program_compiles_and_where_torch_is_installed_prints_the_same(net, x, d):
    source = program(net, x, d, 0.5, "pytorch")
    compile(source, "<exported step>", "exec")  # a SyntaxError fails the test
    assert "torch.nn.Sequential(" in source and ".double()" in source and "torch.optim.SGD" in source
    if net.loss == "cross_entropy":  # PyTorch's own loss, from y′ (the model ends at the last Linear)
        assert ("BCEWithLogitsLoss" if len(d if isinstance(d, list) else [d]) == 1 else "CrossEntropyLoss") in source
        assert "torch.nn.Sigmoid(),  # y = Φ_out" not in source
    assert source.count("torch.nn.Linear(") == (len(net.W) if isinstance(net, DeepNetwork) else 2)
    if importlib.util.find_spec("torch") is not None:  # torch is no test dependency: run it where it is
        assert_same_numbers(printed(source), net, x, d, 0.5)


def test_the_library_imports_neither():
    # no module of backprop/ imports numpy or torch, at its top or inside a function: the programs do
    import os

    from conftest import ROOT

    for folder, _, files in os.walk(os.path.join(ROOT, "backprop")):
        for name in (name for name in files if name.endswith(".py")):
            tree = ast.parse(open(os.path.join(folder, name), encoding="utf-8").read())
            imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                        for alias in node.names}
            imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                         if isinstance(node, ast.ImportFrom) and node.module}
            assert not {"numpy", "torch"} & imported, name


def test_the_command_with_a_weights_file(run, tmp_path):
    require_module("numpy")
    net = Network.random(2, 3, activation="tanh", bias=True, seed=7)
    net.save(tmp_path / "net.json")
    result = run("-m", "backprop", "export", "--to", "numpy", "--weights", str(tmp_path / "net.json"), "--x", "0.2,0.4",
                 "--d", "0.5", "--alpha", "0.25")
    assert result.returncode == 0, result.stderr
    assert_same_numbers(printed(result.stdout), net, [0.2, 0.4], 0.5, 0.25)


@pytest.mark.parametrize("options, message", [
    (["--to", "fortran"], "invalid choice: 'fortran'"),
    ([], "the following arguments are required: --to"),
    (["--to", "numpy", "--x", "1,2,3"], "--x has 3 values but the network has 2 inputs"),
    (["--to", "pytorch", "--layers", "1,200,200,1", "--seed", "1"], "40,400 weights, more than export works out"),
    (["--to", "numpy", "--loss", "cross_entropy", "--output-activation", "sigmoid", "--d", "2"], "d = 2 is outside [0, 1]"),
])
def test_bad_input_is_one_line(run, options, message):
    assert_usage_error(run("-m", "backprop", "export", *options), message)


def test_a_persons_own_activation_cannot_be_written():
    def sigmoid(z):  # named like the library's, but a person's own
        return z

    net = Network([[1.0], [1.0]], [1.0], activation=(sigmoid, lambda z: 1.0))
    with pytest.raises(ValueError, match="the activation 'own sigmoid' is a person's own"):
        program(net, [1.0, 1.0], 1.0, 0.5, "numpy")
    with pytest.raises(ValueError, match="unknown target 'jax'; choose one of: numpy, pytorch"):
        program(lecture_example.network(), [1.0, 0.5], 1.0, 0.5, "jax")
