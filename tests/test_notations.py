"""Issue 24, items 3 and 4: trace --notation textbook (δ = ∂E/∂h′) and --notation matrix, checked against
the lecture's notation of the same step and against numbers worked by hand."""

import random

import pytest

from backprop import Network, lecture_example
from backprop.activations import ACTIVATIONS
from backprop.math.deep import DeepNetwork
from backprop.trace.explain import explain
from backprop.trace.notations import error_terms, inputs, matrix, textbook
from conftest import assert_usage_error


def hand_record():
    # Φ the identity: h′ = 1·1 + 1·2 = 3, h = 3, y = 3·3 = 9, d = 10, α = 0.1
    return explain(Network([[1.0], [2.0]], [3.0], activation="identity"), [1.0, 1.0], [10.0], 0.1)


def test_the_textbook_step_by_hand():
    # δ_out = −(10 − 9)·1 = −1; δ_1 = Φ′(h′_1)·W²_1·δ_out = 1·3·(−1) = −3; ∂E/∂W²_1 = h_1·δ_out = −3,
    # ∂E/∂W¹_21 = x_2·δ_1 = −3, ΔW = −0.1·(−3) = 0.3; the lecture: ∂y/∂h′_1 = 3, δ = ∂y/∂W¹_21 = 3
    lines = [line.strip() for line in textbook(hand_record()).splitlines()]
    assert "δ_out = ∂E/∂y′ = −(d − y)·Φ_out′(y′) = −(10 − 9)·1 = −1" in lines
    assert "δ_1 = ∂E/∂h′_1 = Φ′(h′_1)·(W²_1·δ_out) = 1·(3·(−1)) = −3" in lines
    assert "∂E/∂W¹_21 = x_2·δ_1 = 1·(−3) = −3;  ΔW¹_21 = −0.1·(−3) = 0.3" in lines
    assert "∂E/∂W²_1 = h_1·δ_out = 3·(−1) = −3;  ΔW²_1 = −0.1·(−3) = 0.3" in lines
    table = [[cell.strip() for cell in line.split("|")] for line in lines if line.count("|") == 4]
    assert ["∂y/∂h′_1 (error term)", "3", "δ_1 = ∂E/∂h′_1", "−3", "δ_1 = −(d − y)·∂y/∂h′_1"] in table
    assert ["δ = ∂y/∂W¹_21", "3", "∂E/∂W¹_21", "−3", "∂E/∂W = −(d − y)·δ"] in table
    assert ["ΔW¹_21 = α(d − y)·δ", "0.3", "ΔW¹_21 = −α·∂E/∂W", "0.3", "the same step"] in table


def test_the_matrix_step_by_hand():
    # h′ = (1 1)·(1 2)ᵀ = 3; e² = d − y = 1; e¹ = e²·W²ᵀ ⊙ Φ′ = 3; ΔW² = 0.1·3·1 = 0.3, ΔW¹ = 0.1·(1 1)ᵀ·3
    lines = matrix(hand_record()).splitlines()
    assert "  h′ = x·W¹ = [ 3 ]" in lines and "  y = h·W² = [ 9 ]" in lines and "  d − y = [ 1 ]" in lines
    assert "  e¹ = (e²·W²ᵀ) ⊙ Φ′(h′) = [ 3 ]" in lines
    at = lines.index("  ΔW¹ = α·xᵀ·e¹ = [ 0.3 ]")
    assert lines[at + 1] == "                  [ 0.3 ]"
    assert "  ΔW² = α·hᵀ·e² = [ 0.3 ]" in lines and "  W² + ΔW² = [ 3.3 ]" in lines


def random_records():
    rng = random.Random(3)
    for _ in range(30):
        layers = [rng.randint(1, 3) for _ in range(rng.randint(2, 4))]
        net = DeepNetwork.random(layers, activation=rng.choice(list(ACTIVATIONS)), bias=rng.random() < 0.5,
                                 seed=rng.randrange(10**6), output_activation=rng.choice(list(ACTIVATIONS)))
        x = [rng.uniform(-2, 2) for _ in range(layers[0])]
        yield explain(net, x, [rng.uniform(-1, 1) for _ in range(layers[-1])], 0.5)


def test_the_textbook_delta_is_minus_d_minus_y_times_the_lectures_error_term():
    for record in random_records():
        deltas = error_terms(record)
        if len(record["y"]) == 1:  # the lecture's error terms are of one output
            minus_error = -(record["d"][0] - record["y"][0])
            for ours, lecture in zip(deltas, record["dy_dh_prime"][0]):
                assert ours == pytest.approx([minus_error * term for term in lecture], rel=1e-12, abs=1e-15)
        # with any number of outputs: ΔW = −α·∂E/∂W = −α·(input)·δ is the library's ΔW
        for k, (ins, deltas_k) in enumerate(zip(inputs(record), deltas)):
            ours = [[-record["alpha"] * input_i * delta_j for delta_j in deltas_k] for input_i in ins]
            for row, library in zip(ours, record["delta_W"][k]):
                assert row == pytest.approx(library, rel=1e-12, abs=1e-15)


def test_every_depth_and_several_outputs_are_written():
    record = explain(DeepNetwork.random([2, 3, 3, 2], bias=True, seed=1), [1.0, 0.5], [1.0, 0.0], 0.5)
    text = matrix(record)
    assert "  e³ = (d − y) ⊙ Φ_out′(y′) = [" in text and "  e¹ = (e²·W²ᵀ) ⊙ Φ′(h′¹) = [" in text
    assert "  ΔW³ = α·(h², 1)ᵀ·e³ = [" in text
    lines = textbook(record).splitlines()
    assert any(line.startswith("  δ_out_2 = ∂E/∂y′_2 = −(d_2 − y_2)") for line in lines)
    assert any(line.startswith("  δ¹_1 = ∂E/∂h′¹_1 = Φ′(h′¹_1)·(W²_11·δ²_1 + W²_12·δ²_2 + W²_13·δ²_3)") for line in lines)


def test_the_command(run):
    textbook_text = run("-m", "backprop", "trace", "--notation", "textbook").stdout
    assert textbook_text == textbook(explain(lecture_example.network(), lecture_example.x, [lecture_example.d], 0.5))
    assert "δ_out = ∂E/∂y′ = −(d − y)·Φ_out′(y′) = −(1 − 0.1888)·1 = −0.8112" in textbook_text  # E = ½·0.8112² = 0.3291
    matrix_text = run("-m", "backprop", "trace", "--notation", "matrix", "--layers", "1,2,2,1").stdout
    assert "  h′¹ = x·W¹ = [ 0.5  −0.4 ]" in matrix_text  # the quiz's x = 1 times W¹ = (0.5, −0.4)


@pytest.mark.parametrize("options, message", [
    (["--notation", "fancy"], "invalid choice: 'fancy'"),
    (["--notation", "matrix", "--format", "json"], "--notation matrix is written as text, markdown, latex, html, without --format json"),
    (["--notation", "textbook", "--pencil"], "--notation textbook is written as text, markdown, latex, html, without --pencil"),
])
def test_bad_notations_are_one_line(run, tmp_path, options, message):
    path = tmp_path / "step.txt"
    assert_usage_error(run("-m", "backprop", "trace", *options, "--output", str(path)), message)
    assert not path.exists()
