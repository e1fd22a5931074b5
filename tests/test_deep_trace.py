"""One step of a deep network as a JSON-able record and as text in the lecture's notation."""

import copy
import json

from backprop import deep, quiz_example
from backprop.math.deep import DeepNetwork
from backprop.trace.deep import render, step_record

# the quiz network of tests/test_deep_by_hand.py, worked there by hand
W = [[[0.5, 0.25]], [[1.0, 0.5], [2.0, 1.0]], [[0.75], [-0.5]]]


def test_the_record_holds_the_hand_worked_step_and_keeps_the_network():
    net = DeepNetwork(W, activation="relu")
    record = step_record(net, [2.0], 2.0, 0.25)
    assert net.W == W
    assert record["layers"] == [1, 2, 2, 1]
    assert (record["activation"], record["bias"]) == ("relu", False)
    assert (record["x"], record["d"], record["alpha"], record["W"]) == ([2.0], [2.0], 0.25, W)
    assert record["h_prime"] == record["h"] == [[1.0, 0.5], [2.0, 1.0]]
    assert (record["y"], record["E"]) == ([1.0], 0.5)
    assert record["gradients"] == [{
        "dy_dh_prime": [[0.5, 1.0], [0.75, -0.5], [1.0]],
        "dy_dW": [[[1.0, 2.0]], [[0.75, -0.5], [0.375, -0.25]], [[2.0], [1.0]]],
    }]
    assert record["delta_W"] == [[[0.25, 0.5]], [[0.1875, -0.125], [0.09375, -0.0625]], [[0.5], [0.25]]]
    assert record["W_after"] == [[[0.75, 0.75]], [[1.1875, 0.375], [2.09375, 0.9375]], [[1.25], [-0.25]]]
    # after: h¹ = (1.5, 1.5), h² = (1.5·1.1875 + 1.5·2.09375, 1.5·0.375 + 1.5·0.9375) = (4.921875, 1.96875)
    # y = 4.921875·1.25 + 1.96875·(−0.25) = 5.66015625 ; E = ½(2 − 5.66015625)²
    assert record["E_after"] == 0.5 * (2 - 5.66015625) ** 2
    assert json.loads(json.dumps(record)) == record


def test_the_record_is_the_librarys_step():
    net = DeepNetwork.random([2, 3, 2, 2], activation="tanh", bias=True, seed=4)
    x, d, alpha = [0.5, -1.0], [1.0, -0.5], 0.3
    record = step_record(net, x, d, alpha)
    stepped = copy.deepcopy(net)
    step = deep.sgd_step(stepped, x, d, alpha)
    assert (record["y"], record["E"], record["delta_W"]) == (step.y, step.E, step.delta_W)
    assert record["W_after"] == stepped.W
    assert record["gradients"][1]["dy_dW"] == deep.gradients(net, x, output=1).dy_dW
    assert record["E_after"] == deep.squared_error(d, stepped.predict(x))


def test_the_text_uses_one_based_lecture_names_and_shows_the_two_paths():
    text = render(step_record(DeepNetwork(W, activation="relu"), [2.0], 2.0, 0.25))
    lines = text.splitlines()
    assert lines[0] == "A 1-2-2-1 network: x, hidden layers h¹ (2 neurons) and h² (2 neurons), y; Φ = relu, no bias"
    assert "  h′²_1 = h¹_1·W²_11 + h¹_2·W²_21 = 2     h²_1 = Φ(h′²_1) = 2" in lines
    assert "  y = h²_1·W³_11 + h²_2·W³_21 = 1" in lines
    assert "  E = ½(d − y)² = 0.5" in lines
    # W¹_11's two paths, through h²_1 and h²_2, are the two terms of ∂y/∂h′¹_1
    assert "  ∂y/∂h′¹_1 = Φ′(h′¹_1)·(W²_11·∂y/∂h′²_1 + W²_12·∂y/∂h′²_2) = 0.5" in lines
    assert "  δ¹_11 = ∂y/∂W¹_11 = x_1·∂y/∂h′¹_1 = 1" in lines
    assert "  ΔW²_21 = 0.09375     W²_21 = 2 → 2.09375" in lines
    assert lines[-1] == f"After the step: E = {0.5 * (2 - 5.66015625) ** 2:.6g}"
    assert "W1" not in text and "_0" not in text  # no zero-based or Python names


def test_the_text_of_several_outputs_and_a_bias():
    net = DeepNetwork([[[1.0, 2.0], [0.5, 0.0]], [[1.0, 0.0], [0.5, 1.0], [0.0, 0.25]]],
                      activation="identity", bias=True)
    lines = render(step_record(net, [1.0], [3.0, 1.0], 0.5)).splitlines()
    assert lines[1] == "x = (1), d = (3, 1), α = 0.5"
    assert "  h′¹_1 = x_1·W¹_11 + 1·W¹_21 = 1.5     h¹_1 = Φ(h′¹_1) = 1.5" in lines
    # h¹ = (1·1 + 1·0.5, 1·2 + 1·0) = (1.5, 2) ; y = (1.5 + 2·0.5, 2·1 + 0.25) = (2.5, 2.25)
    assert "  E = ½ Σ_j (d_j − y_j)² = 0.90625" in lines  # ½((3 − 2.5)² + (1 − 2.25)²) = ½(0.25 + 1.5625)
    assert "Backpropagation of y_2: each layer's error term from the one after it" in lines
    assert "  ∂y_2/∂W²_32 = 1·∂y_2/∂y_2 = 1" in lines
    assert "The step: ΔW = α Σ_j (d_j − y_j)·∂y_j/∂W, W ← W + ΔW" in lines


def test_the_quiz_example_steps_downhill():
    record = step_record(quiz_example.network(), quiz_example.x, quiz_example.d, quiz_example.alpha)
    assert record["layers"] == quiz_example.layers
    assert record["E_after"] < record["E"]
