"""Where two of the merged features meet: the notations with cross-entropy and momentum, export with
cross-entropy and one Φ per hidden layer. Numbers worked by hand in the comments."""

import math

import pytest

from backprop import Network
from backprop.math.deep import DeepNetwork
from backprop.math.export import program
from backprop.trace.explain import explain
from backprop.trace.notations import matrix, textbook
from conftest import assert_usage_error, run_in_process


def cross_entropy_record():
    # x = (1, −1), W¹ = (1, 1)ᵀ: h′ = 1 − 1 = 0, h = 0 (Φ the identity), y′ = 0·2 = 0, y = σ(0) = ½, d = 1;
    # E = −ln y, ∂E/∂y′ = −(d − y) = −½ (Φ_out′ cancels); δ_1 = Φ′·W²_1·δ_out = 1·2·(−½) = −1
    net = Network([[1.0], [1.0]], [2.0], activation="identity", output_activation="sigmoid", loss="cross_entropy")
    return explain(net, [1.0, -1.0], [1.0], 0.1)


def test_the_textbook_step_with_cross_entropy_by_hand():
    # ∂E/∂W¹_11 = x_1·δ_1 = −1, ΔW¹_11 = −0.1·(−1) = 0.1; ∂E/∂W¹_21 = x_2·δ_1 = 1, ΔW¹_21 = −0.1;
    # the lecture: δ = ∂y′/∂W¹_11 = W²_1·Φ′·x_1 = 2, ΔW = α(d − y)·δ = 0.1·½·2 = 0.1, the same step
    lines = [line.strip() for line in textbook(cross_entropy_record()).splitlines()]
    assert "δ_out = ∂E/∂y′ = −(d − y) = −(1 − 0.5) = −0.5  (cross-entropy: Φ_out′ cancels)" in lines
    assert "δ_1 = ∂E/∂h′_1 = Φ′(h′_1)·(W²_1·δ_out) = 1·(2·(−0.5)) = −1" in lines
    assert "∂E/∂W¹_11 = x_1·δ_1 = 1·(−1) = −1;  ΔW¹_11 = −0.1·(−1) = 0.1" in lines
    table = [[cell.strip() for cell in line.split("|")] for line in lines if line.count("|") == 4]
    assert ["δ = ∂y′/∂W¹_11", "2", "∂E/∂W¹_11", "−1", "∂E/∂W = −(d − y)·δ"] in table
    assert ["ΔW¹_11 = α(d − y)·δ", "0.1", "ΔW¹_11 = −α·∂E/∂W", "0.1", "the same step"] in table
    assert ["ΔW¹_21 = α(d − y)·δ", "−0.1", "ΔW¹_21 = −α·∂E/∂W", "−0.1", "the same step"] in table


def test_the_matrix_step_with_cross_entropy_by_hand():
    # e² = d − y = ½ (no Φ_out′), e¹ = e²·W²ᵀ ⊙ Φ′ = 1; ΔW¹ = 0.1·(1, −1)ᵀ·1; E = −ln ½ = 0.6931
    lines = matrix(cross_entropy_record()).splitlines()
    assert "  e² = d − y = [ 0.5 ]" in lines and "  e¹ = (e²·W²ᵀ) ⊙ Φ′(h′) = [ 1 ]" in lines
    assert "  E = 0.6931  (cross-entropy: Φ_out′ cancels, so e = d − y)" in lines
    at = lines.index("  ΔW¹ = α·xᵀ·e¹ = [  0.1 ]")
    assert lines[at + 1].strip() == "[ −0.1 ]"


@pytest.mark.parametrize("notation", ["textbook", "matrix"])
def test_a_notation_refuses_momentum_in_one_line(notation):
    # the notations work W ← W + ΔW; momentum would have been left out without a word
    assert_usage_error(run_in_process("trace", "--notation", notation, "--momentum", "0.9"),
                       f"--notation {notation} works the step without momentum; drop --momentum")


def test_export_refuses_a_phi_per_layer():
    per_layer = DeepNetwork([[[1.0]], [[1.0]], [[1.0]]], activation=["relu", "sigmoid"])
    with pytest.raises(ValueError, match=r"one Φ per hidden layer \(relu, sigmoid\)"):
        program(per_layer, [1.0], 1.0, 0.1, "pytorch")
    assert_usage_error(run_in_process("export", "--to", "pytorch", "--layers", "1,2,2,1", "--activation", "relu,sigmoid"),
                       "one Φ per hidden layer (relu, sigmoid)")


def first_line(*options):
    result = run_in_process("train", "--dataset", "xor", "--epochs", "1", "--quiet", "--seed", "1", *options)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[0]


def test_unrolled_says_where_it_trains():
    # a mini-batch runs the lists' batch epoch; 2-60-60-1 has 2·60 + 60·60 + 60·1 = 3,780 weights, past 1,000
    assert first_line("--unrolled").endswith("batch size 1, on the unrolled code")
    assert ", on the lists (mini-batches are not unrolled)" in first_line("--unrolled", "--batch-size", "2")
    assert first_line("--unrolled", "--layers", "2,60,60,1").endswith(", on the lists (more than 1,000 weights are not unrolled)")


def test_the_failed_hint_never_asks_for_a_bias_the_network_has():
    # xor in one epoch from seed 1 is not learned; the xor set's own hint is --bias
    def hint(*options):
        result = run_in_process("train", "--dataset", "xor", "--epochs", "1", "--quiet", "--seed", "1", *options)
        return result.stdout.splitlines()[-1].split("; try ")[1]
    assert hint() == "--bias"
    assert hint("--bias") == "more hidden neurons (--hidden 8), a smaller --alpha or more --epochs"
    assert hint("--bias", "--fixed-bias").startswith("biases that learn (drop --fixed-bias), more hidden neurons")


def test_momentum_with_cross_entropy_says_the_cross_entropy_after_the_step():
    # the record of cross_entropy_record() with μ = ½ and v² = 1 before: ΔW¹ = α(d − y)·W²·Φ′·x = 0.05·2·(1, −1),
    # ΔW² = α(d − y)·h = 0; v ← μ·v + ΔW: v¹ = (0.1, −0.1), v² = ½; W¹ = (1.1, 0.9), W² = 2.5;
    # after: h′ = 1.1 − 0.9 = 0.2, y′ = 0.2·2.5 = ½, E = −ln σ(½) = ln(1 + e^(−½)) (not ½(1 − σ(½))²)
    net = Network([[1.0], [1.0]], [2.0], activation="identity", output_activation="sigmoid", loss="cross_entropy")
    record = explain(net, [1.0, -1.0], [1.0], 0.1, 0.5, [[[0.0], [0.0]], [[1.0]]])
    assert record["W_new"][0] == [[pytest.approx(1.1)], [pytest.approx(0.9)]] and record["W_new"][1] == [[2.5]]
    assert record["E_new"] == pytest.approx(math.log(1 + math.exp(-0.5)), rel=1e-12)
    assert record["E"] == pytest.approx(math.log(2), rel=1e-12)  # before: y = σ(0) = ½


def test_the_graph_of_cross_entropy_shows_its_E_not_the_squared_errors():
    # h′ = 1 − 1 = 0, y′ = 0·2 = 0, y = ½: cross-entropy's E = ln(1 + e⁰) − 1·0 = ln 2, not ½(1 − ½)² = 0.125
    from backprop.autograd import step_graph
    from backprop.pictures.graph_picture import graph_section

    net = Network([[1.0], [1.0]], [2.0], activation="identity", output_activation="sigmoid", loss="cross_entropy")
    assert step_graph(net, [1.0, -1.0], 1.0).E.data == math.log(2.0)
    section = "".join(graph_section(cross_entropy_record()))
    assert "E = −Σd·ln y" in section and "0.6931" in section and "0.125" not in section
    result = run_in_process("graph", "--loss", "cross_entropy", "--output-activation", "sigmoid")
    assert result.returncode == 0 and "E = −Σd·ln y" in result.stdout


def test_a_weights_file_of_other_inputs_without_x_is_told_x_was_not_given(tmp_path):
    # 3 inputs in the file; the lecture's example x has 2: the message must not say "--x has 2 values"
    path = tmp_path / "three.json"
    Network([[0.1], [0.2], [0.3]], [0.4]).save(str(path))
    assert_usage_error(run_in_process("trace", "--weights", str(path)),
                       '--x was not given (the example\'s has 2 values) but the network has 3 inputs; give 3, like --x "0.5,0.5,0.5"')


def test_activation_per_layer_miscounted_names_the_option():
    # the lecture's network has one hidden layer; 1,2,2,1 has two
    assert_usage_error(run_in_process("train", "--dataset", "xor", "--activation", "relu,sigmoid"),
                       "--activation has 2 names but the network has 1 hidden layer; give one per hidden layer")
    assert_usage_error(run_in_process("trace", "--layers", "1,2,2,1", "--activation", "relu,sigmoid,tanh"),
                       "--activation has 3 names but the network has 2 hidden layers")


def test_a_data_file_is_checked_row_by_row_for_cross_entropy(tmp_path):
    # the compact table of a data file checked only its first sample's d: a d of 2 in row 3 trained
    path = tmp_path / "bad.csv"
    path.write_text("x_1,x_2,d\n0,0,0\n0,1,1\n1,0,2\n1,1,0\n")
    result = run_in_process("train", "--data", str(path), "--output-activation", "sigmoid", "--loss", "cross_entropy",
                            "--seed", "0", "--epochs", "2", "--quiet")
    assert_usage_error(result, "sample 3: d = 2 is outside [0, 1]")
    path.write_text("x_1,x_2,d_1,d_2,d_3\n0,0,1,0,0\n0,1,0,1,1\n1,0,0,0,1\n")  # row 2 adds up to 2
    result = run_in_process("train", "--data", str(path), "--layers", "2,4,3", "--output-activation", "softmax",
                            "--loss", "cross_entropy", "--seed", "0", "--epochs", "2", "--quiet")
    assert_usage_error(result, "sample 2: d = [0.0, 1.0, 1.0] adds up to 2, not 1")


def test_several_d_columns_are_kept_8_bytes_a_number(tmp_path):
    from backprop.cli.data_columns import split
    from backprop.files import data_file
    from backprop.math.sample_table import SampleTable

    path = tmp_path / "three.csv"
    path.write_text("x_1,d_1,d_2,d_3\n0.5,1,0,0\n-1,0,0,1\n")
    columns, samples = split(data_file.read_table(path), n_d=3)
    assert isinstance(samples, SampleTable) and len(samples.values) == 8
    assert list(samples) == [([0.5], [1.0, 0.0, 0.0]), ([-1.0], [0.0, 0.0, 1.0])]
