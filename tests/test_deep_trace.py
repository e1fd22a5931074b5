"""One step of a deep network explained: the record checked against hand work, fractions and
finite differences, never against the code's own output; and its text in the lecture's names."""

import copy
import json
import math
from fractions import Fraction

import pytest

from backprop import Network, deep, quiz_example
from backprop.math.deep import DeepNetwork
from backprop.trace.explain import explain
from backprop.trace.formats import render

# the quiz network of tests/test_deep_by_hand.py, worked there by hand
W = [[[0.5, 0.25]], [[1.0, 0.5], [2.0, 1.0]], [[0.75], [-0.5]]]


def test_the_record_holds_the_hand_worked_step_and_keeps_the_network():
    net = DeepNetwork(W, activation="relu")
    record = explain(net, [2.0], [2.0], 0.25)
    assert net.W == W
    assert record["schema_version"] == 2
    assert record["layers"] == [1, 2, 2, 1]
    assert (record["activation"], record["output_activation"], record["bias"]) == ("relu", "identity", False)
    assert (record["x"], record["d"], record["alpha"], record["W"]) == ([2.0], [2.0], 0.25, W)
    # h¹ = relu(2·0.5, 2·0.25) = (1, 0.5); h² = (1·1 + 0.5·2, 1·0.5 + 0.5·1) = (2, 1); y = 2·0.75 − 1·0.5 = 1
    assert record["h_prime"] == record["h"] == [[1.0, 0.5], [2.0, 1.0]]
    assert record["phi_prime"] == [[1.0, 1.0], [1.0, 1.0]]
    assert (record["y_prime"], record["y"], record["phi_out_prime"], record["E"]) == ([1.0], [1.0], [1.0], 0.5)
    # ∂y/∂h′² = (0.75, −0.5); ∂y/∂h′¹_1 = 1·(1·0.75 + 0.5·(−0.5)) = 0.5, ∂y/∂h′¹_2 = 2·0.75 + 1·(−0.5) = 1
    assert record["dy_dh_prime"] == [[[0.5, 1.0], [0.75, -0.5], [1.0]]]
    assert record["dy_dW"] == [[[[1.0, 2.0]], [[0.75, -0.5], [0.375, -0.25]], [[2.0], [1.0]]]]
    # ∂y/∂W¹_11 = x_1·Φ′·(W²_11·0.75 + W²_12·(−0.5)) = 2·0.75 + 2·0.5·(−0.5): the two paths' terms
    assert record["dy_dW_terms"][0][0][0][0] == [1.5, -0.5]
    assert record["delta_W"] == [[[0.25, 0.5]], [[0.1875, -0.125], [0.09375, -0.0625]], [[0.5], [0.25]]]
    assert record["W_new"] == [[[0.75, 0.75]], [[1.1875, 0.375], [2.09375, 0.9375]], [[1.25], [-0.25]]]
    # after: h¹ = (1.5, 1.5), h² = (1.5·1.1875 + 1.5·2.09375, 1.5·0.375 + 1.5·0.9375) = (4.921875, 1.96875)
    # y = 4.921875·1.25 + 1.96875·(−0.25) = 5.66015625 ; E = ½(2 − 5.66015625)²
    assert record["y_new"] == [5.66015625]
    assert record["E_new"] == 0.5 * (2 - 5.66015625) ** 2
    assert json.loads(json.dumps(record)) == record


def test_the_lectures_network_and_its_deep_twin_give_the_same_record():
    lecture = Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6], [0.1, 0.0, -0.2]], [0.4, -0.5, 0.3, 0.25],
                      activation="tanh", bias=True)
    twin = DeepNetwork([lecture.W1, [[w] for w in lecture.W2]], activation="tanh", bias=True)
    one, other = explain(lecture, [1.0, 0.5], 1.0, 0.5), explain(twin, [1.0, 0.5], [1.0], 0.5)
    assert list(one) == list(other)  # the same keys, in the same order
    assert one == other  # the two implementations of the math agree to the last bit here
    assert render(one, "text") == render(other, "text")


def test_a_random_deep_record_is_the_librarys_step_and_the_finite_differences():
    net = DeepNetwork.random([2, 3, 2, 2], activation="tanh", bias=True, seed=4)
    x, d, alpha = [0.5, -1.0], [1.0, -0.5], 0.3
    record = explain(net, x, d, alpha)
    stepped = copy.deepcopy(net)
    step = deep.sgd_step(stepped, x, d, alpha)
    assert (record["y"], record["E"], record["delta_W"]) == (step.y, step.E, step.delta_W)
    assert record["W_new"] == stepped.W
    # every ∂y_j/∂W by central differences of the network's own output, and the chain rule's terms add up
    h = 1e-6
    for j in range(2):
        for k, W_k in enumerate(net.W):
            for a, row in enumerate(W_k):
                for b in range(len(row)):
                    up, down = copy.deepcopy(net), copy.deepcopy(net)
                    up.W[k][a][b] += h
                    down.W[k][a][b] -= h
                    slope = (up.predict(x)[j] - down.predict(x)[j]) / (2 * h)
                    assert record["dy_dW"][j][k][a][b] == pytest.approx(slope, abs=1e-8)
                    if k < len(net.W) - 1:
                        assert math.fsum(record["dy_dW_terms"][j][k][a][b]) == pytest.approx(slope, abs=1e-8)


def test_the_quiz_networks_two_paths_by_hand():
    record = explain(quiz_example.network(), quiz_example.x, [quiz_example.d], quiz_example.alpha)
    # worked here line by line with math.exp as the calculator, not with the library
    s = lambda z: 1 / (1 + math.exp(-z))  # noqa: E731
    h1 = [s(0.5), s(-0.4)]
    h2_prime = [h1[0] * 0.8 + h1[1] * 0.3, h1[0] * -0.6 + h1[1] * 0.9]
    h2 = [s(z) for z in h2_prime]
    y = h2[0] * 0.7 + h2[1] * 0.5
    assert record["h"][0] == pytest.approx(h1, abs=1e-15) and record["h"][1] == pytest.approx(h2, abs=1e-15)
    assert record["y"] == pytest.approx([y], abs=1e-15)
    through_h2_1 = 1 * h1[0] * (1 - h1[0]) * 0.8 * h2[0] * (1 - h2[0]) * 0.7
    through_h2_2 = 1 * h1[0] * (1 - h1[0]) * -0.6 * h2[1] * (1 - h2[1]) * 0.5
    assert (round(through_h2_1, 6), round(through_h2_2, 6)) == (0.029946, -0.017625)  # the numbers
    assert record["dy_dW_terms"][0][0][0][0] == pytest.approx([through_h2_1, through_h2_2], abs=1e-15)
    assert record["dy_dW"][0][0][0][0] == pytest.approx(through_h2_1 + through_h2_2, abs=1e-15)
    text = render(record, "text", 6)
    assert "= 0.0299456 + (−0.0176246) = 0.0123209" in text


def test_the_text_uses_one_based_lecture_names_and_shows_every_number():
    text = render(explain(DeepNetwork(W, activation="relu"), [2.0], [2.0], 0.25), "text", 6)
    lines = [line.strip() for line in text.splitlines()]
    assert "h′²_1 = h¹_1·W²_11 + h¹_2·W²_21 = 1·1 + 0.5·2 = 2" in lines
    assert "h²_1 = Φ(h′²_1) = max(0, h′²_1) = max(0, 2) = 2" in lines
    assert "y = h²_1·W³_11 + h²_2·W³_21 = 2·0.75 + 1·(−0.5) = 1" in lines
    assert "E = ½(d − y)² = ½(2 − 1)² = 0.5" in lines
    assert "Φ = relu: Φ(z) = max(0, z)" in lines
    assert ("δ¹_11 = ∂y/∂W¹_11 = x_1·Φ′(h′¹_1)·W²_11·∂y/∂h′²_1 + x_1·Φ′(h′¹_1)·W²_12·∂y/∂h′²_2 "
            "= 2·1·1·0.75 + 2·1·0.5·(−0.5) = 1.5 + (−0.5) = 1") in lines
    assert "ΔW²_21 = α(d − y)·δ²_21 = 0.25·(2 − 1)·0.375 = 0.09375" in lines
    assert "W²_21 ← W²_21 + ΔW²_21 = 2 + 0.09375 = 2.09375" in lines
    assert "W1" not in text and "_0" not in text and "(-" not in text  # one-based names; one minus sign


def test_several_outputs_and_a_bias():
    net = DeepNetwork([[[1.0, 2.0], [0.5, 0.0]], [[1.0, 0.0], [0.5, 1.0], [0.0, 0.25]]],
                      activation="identity", bias=True)
    record = explain(net, [1.0], [3.0, 1.0], 0.5)
    # h¹ = (1·1 + 1·0.5, 1·2 + 1·0) = (1.5, 2) ; y = (1.5 + 2·0.5, 2·1 + 0.25) = (2.5, 2.25)
    assert record["y"] == [2.5, 2.25]
    assert record["E"] == Fraction(1, 2) * (Fraction(1, 4) + Fraction(25, 16))  # ½((3 − 2.5)² + (1 − 2.25)²)
    lines = [line.strip() for line in render(record, "text", 6).splitlines()]
    assert "h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·1 + 1·0.5 = 1.5" in lines or \
        "h′¹_1 = x_1·W¹_11 + x_2·W¹_21 = 1·1 + 1·0.5 = 1.5" in lines
    assert "E = ½((d_1 − y_1)² + (d_2 − y_2)²) = ½((3 − 2.5)² + (1 − 2.25)²) = 0.90625" in lines
    # ΔW²_32 (the bias into y_2) = α((d_1 − y_1)·0 + (d_2 − y_2)·1) = 0.5·(−1.25) = −0.625
    assert "ΔW²_32 = α((d_1 − y_1)·∂y_1/∂W²_32 + (d_2 − y_2)·∂y_2/∂W²_32) = " \
           "0.5·((3 − 2.5)·0 + (1 − 2.25)·1) = −0.625" in lines


def test_the_quiz_example_steps_downhill():
    record = explain(quiz_example.network(), quiz_example.x, quiz_example.d, quiz_example.alpha)
    assert record["layers"] == quiz_example.layers
    assert record["E_new"] < record["E"]
