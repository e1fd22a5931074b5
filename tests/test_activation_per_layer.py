"""Issue 23, item 2: one activation per hidden layer, ``activation=["relu", "sigmoid"]``.

The numbers are worked by hand (relu and the identity keep them exact) and measured by
central differences of the network's own output; never copied from the library's output.
"""

import json
import math

import pytest

from backprop import Network
from backprop.files import weights_file
from backprop.math import deep, unrolled
from backprop.math.deep import DeepNetwork
from backprop.trace.explain import explain
from backprop.trace.formats import render
from conftest import run_in_process

# x → h¹ (2 neurons) → h² (2 neurons) → y
W = [[[1.0, -1.0]], [[0.5, 1.0], [2.0, 1.0]], [[1.0], [-1.0]]]


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def test_each_hidden_layer_applies_its_own_phi_worked_by_hand():
    # relu then identity, x = 2: h′¹ = (2, −2), h¹ = (2, 0); h′² = h² = (2·0.5 + 0·2, 2·1 + 0·1) = (1, 2);
    # y = 1·1 + 2·(−1) = −1
    net = DeepNetwork(W, activation=["relu", "identity"])
    forward = net.feedforward([2.0])
    assert forward.h == [[2.0, 0.0], [1.0, 2.0]] and forward.y == [-1.0]
    # the other order, identity then relu: h¹ = (2, −2), h′² = (1 − 4, 2 − 2) = (−3, 0), h² = (0, 0), y = 0
    assert DeepNetwork(W, activation=["identity", "relu"]).feedforward([2.0]).h[1] == [0.0, 0.0]
    # ∂y/∂h′² = Φ²′ · W³ = (1, −1); ∂y/∂h′¹_1 = relu′(2)·(0.5·1 + 1·(−1)) = −0.5; ∂y/∂h′¹_2 = relu′(−2)·… = 0
    gradients = deep.gradients(net, [2.0])
    assert gradients.dy_dh_prime[:2] == [[-0.5, 0.0], [1.0, -1.0]]
    # δ¹_1j = x_1 · ∂y/∂h′¹_j = (−1, 0); δ²_ij = h¹_i · ∂y/∂h′²_j
    assert gradients.dy_dW[0] == [[-1.0, 0.0]] and gradients.dy_dW[1] == [[2.0, -2.0], [0.0, 0.0]]


def test_a_sigmoid_layer_after_a_relu_layer_worked_by_hand():
    # relu then sigmoid, x = 2: h¹ = (2, 0), h′² = (1, 2), h² = (σ(1), σ(2))
    net = DeepNetwork(W, activation=["relu", "sigmoid"])
    s1, s2 = sigmoid(1.0), sigmoid(2.0)
    step = deep.sgd_step(net.copy(), [2.0], d=1.0, alpha=0.5)
    y = s1 - s2
    assert step.y[0] == pytest.approx(y, rel=1e-15)
    # ΔW²_11 = α(d − y)·h¹_1·Φ²′(h′²_1)·W³_11 = 0.5·(1 − y)·2·σ(1)(1 − σ(1))·1
    assert step.delta_W[1][0][0] == pytest.approx(0.5 * (1 - y) * 2 * s1 * (1 - s1), rel=1e-14)
    # ΔW¹_11 = α(d − y)·x·relu′(2)·(W²_11·σ′(1)·W³_11 + W²_12·σ′(2)·W³_21)
    term = 0.5 * s1 * (1 - s1) - 1.0 * s2 * (1 - s2)
    assert step.delta_W[0][0][0] == pytest.approx(0.5 * (1 - y) * 2 * term, rel=1e-14)


def central_differences(net, x, epsilon=1e-6):
    """∂y/∂W of every weight, measured: (y(W + ε) − y(W − ε)) / 2ε, one weight at a time."""
    measured = []
    for W_k in net.W:
        rows = []
        for row in W_k:
            values = []
            for j, w in enumerate(row):
                row[j] = w + epsilon
                up = net.predict(x)[0]
                row[j] = w - epsilon
                down = net.predict(x)[0]
                row[j] = w
                values.append((up - down) / (2 * epsilon))
            rows.append(values)
        measured.append(rows)
    return measured


@pytest.mark.parametrize("activation", [["sigmoid", "tanh"], ["tanh", "sigmoid", "relu"]])
def test_the_gradients_equal_central_differences(activation):
    net = DeepNetwork.random([2] + [3] * len(activation) + [1], activation=activation, bias=True, seed=4)
    x = [0.7, -0.3]
    found = deep.gradients(net, x).dy_dW
    for found_k, measured_k in zip(found, central_differences(net, x)):
        for found_row, measured_row in zip(found_k, measured_k):
            assert found_row == pytest.approx(measured_row, abs=1e-8)


def test_one_name_still_means_every_layer_and_a_list_of_one_name_is_that_network():
    same = DeepNetwork(W, activation=["tanh", "tanh"])
    assert same.activation == "tanh" and same.phi is not None
    assert deep.gradients(same, [0.3]) == deep.gradients(DeepNetwork(W, activation="tanh"), [0.3])
    mixed = DeepNetwork(W, activation=["relu", "tanh"])
    assert mixed.activation == ["relu", "tanh"] and mixed.phi is None
    assert [phi.name for phi in mixed.hidden_activations] == ["relu", "tanh"]
    assert eval(repr(mixed)).activation == ["relu", "tanh"]
    assert mixed.copy().activation == ["relu", "tanh"]


def test_the_lectures_network_takes_a_list_of_one():
    net = Network([[1.0], [2.0]], [3.0], activation=["relu"])
    assert net.activation == "relu"
    with pytest.raises(ValueError, match="activation has 2 names but the network has 1 hidden layer"):
        Network([[1.0], [2.0]], [3.0], activation=["relu", "tanh"])


@pytest.mark.parametrize("activation, message", [
    (["relu"], "activation has 1 name but the network has 2 hidden layers"),
    (["relu", "sigmoid", "tanh"], "activation has 3 names but the network has 2 hidden layers"),
    (["relu", "swish"], "unknown activation of hidden layer 2 'swish'"),
])
def test_a_list_of_the_wrong_length_or_an_unknown_name_is_refused(activation, message):
    with pytest.raises(ValueError, match=message):
        DeepNetwork(W, activation=activation)
    with pytest.raises(ValueError, match="no hidden layer"):
        DeepNetwork([[[1.0]]], activation=["relu"])


def test_the_weights_file_keeps_one_phi_per_layer_and_reads_old_files(tmp_path):
    net = DeepNetwork(W, activation=["relu", "sigmoid"])
    path = tmp_path / "net.json"
    net.save(path)
    assert json.loads(path.read_text())["activation"] == ["relu", "sigmoid"]
    back = DeepNetwork.load(path)
    assert back.activation == ["relu", "sigmoid"] and back.W == net.W
    old = {"format": "backprop-weights", "version": 1, "activation": "tanh", "bias": False, "layers": [1, 2, 2, 1],
           "W": W}
    assert weights_file.from_dict(old).activation == "tanh"
    with pytest.raises(ValueError, match="weights: activation has 3 names"):
        weights_file.from_dict({**old, "activation": ["relu", "relu", "relu"]})


def test_every_format_of_the_trace_names_each_layers_phi_and_has_the_librarys_numbers():
    net = DeepNetwork(W, activation=["relu", "sigmoid"])
    record = explain(net, [2.0], [1.0], 0.5)
    assert record["activation"] == ["relu", "sigmoid"]
    assert record["delta_W"] == deep.sgd_step(net.copy(), [2.0], 1.0, 0.5).delta_W
    # Φ′ of each layer: relu′(2) = 1, relu′(−2) = 0; σ′(h′²_j) = h²_j(1 − h²_j)
    s1, s2 = sigmoid(1.0), sigmoid(2.0)
    assert record["phi_prime"][0] == [1.0, 0.0]
    assert record["phi_prime"][1] == pytest.approx([s1 * (1 - s1), s2 * (1 - s2)], rel=1e-15)
    text = render(record, "text")
    assert "Φ of hidden layer 1 (h¹) = relu: Φ(z) = max(0, z)" in text
    assert "Φ of hidden layer 2 (h²) = sigmoid: Φ(z) = 1/(1 + e^(−z))" in text
    assert "h²_1 = Φ(h′²_1) = 1/(1 + e^(−h′²_1))" in text and "h¹_1 = Φ(h′¹_1) = max(0, h′¹_1)" in text
    for format in ("markdown", "latex", "html"):
        assert "hidden layer 2" in render(record, format), format
    assert json.loads(render(record, "json"))["activation"] == ["relu", "sigmoid"]


def test_the_unrolled_path_falls_back_to_the_lists_the_same_numbers():
    net = DeepNetwork.random([2, 3, 2, 1], activation=["tanh", "sigmoid"], seed=2)
    assert unrolled.sgd_epoch(net) is None
    with pytest.raises(ValueError, match="one Φ per hidden layer"):
        unrolled.step_source(net, [1.0, 0.5], 1.0, 0.5)
    samples = [([0.0, 1.0], 1.0), ([1.0, 0.0], 0.0)]
    a, b = net.copy(), net.copy()
    assert deep.train(a, samples, 0.5, 3, unrolled=True) == deep.train(b, samples, 0.5, 3)
    assert a.W == b.W


def test_the_commands_take_one_phi_per_layer(tmp_path):
    result = run_in_process("trace", "--layers", "1,2,2,1", "--activation", "relu,sigmoid")
    assert result.returncode == 0, result.stderr
    assert "Φ of hidden layer 2 (h²) = sigmoid" in result.stdout
    saved = tmp_path / "net.json"
    result = run_in_process("train", "--layers", "2,3,2,1", "--seed", "1", "--activation", "tanh,sigmoid",
                            "--epochs", "2", "--save", str(saved))
    assert result.returncode == 0, result.stderr
    assert "2-3-2-1 network (tanh,sigmoid)" in result.stdout
    assert json.loads(saved.read_text())["activation"] == ["tanh", "sigmoid"]
    for activation, message in [("relu,sigmoid,tanh", "activation has 3 names but the network has 2 hidden"),
                                ("relu,swish", "invalid choice: 'swish'")]:
        result = run_in_process("trace", "--layers", "1,2,2,1", "--activation", activation)
        assert result.returncode == 2 and result.stdout == "" and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_the_classroom_works_one_phi_per_layer():
    from backprop.classroom.own import own_values
    from backprop.classroom.pencil import pencil_record

    # relu then identity at x = 2, d = 1, α = 1/2 (every number exact, worked by hand in the first test):
    # y = −1, α(d − y) = 1, so ΔW = δ: ΔW¹ = (−1, 0), ΔW³ = h² = (1, 2)
    net = DeepNetwork(W, activation=["relu", "identity"])
    record = pencil_record(net, [2.0], [1.0], 0.5, 4)
    assert record["h"] == [[2.0, 0.0], [1.0, 2.0]] and record["phi_prime"] == [[1.0, 0.0], [1.0, 1.0]]
    assert record["delta_W"][0] == [[-1.0, 0.0]] and record["delta_W"][2] == [[1.0], [2.0]]
    values = own_values(net, [2.0], 1.0, 0.5, {})
    assert values["h²_2"] == 2.0 and values["ΔW¹_11"] == -1.0 and values["Φ′(h′¹_2)"] == 0.0
    assert values["W¹_11 new"] == 0.0  # 1 + (−1)
