"""--output-activation on every command that builds or loads a network, run in this process
(the command line's own main, as conftest's ``run`` does for every file)."""

import json
import math

import pytest

from backprop import DeepNetwork, Network
from conftest import assert_usage_error


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


@pytest.mark.parametrize("command", [
    ["trace"], ["train", "--epochs", "1"], ["predict", "w.json", "1", "2"], ["quiz", "--seed", "1"],
    ["trace", "--layers", "1,2,2,1"],
])
def test_an_unknown_name_is_one_line_and_status_2(run, command):
    result = run("-m", "backprop", *command, "--output-activation", "softmin")
    assert_usage_error(result, "argument --output-activation: invalid choice: 'softmin'")


def test_trace_shows_y_prime_and_y_of_the_lectures_network(run):
    result = run("-m", "backprop", "trace", "--output-activation", "sigmoid")
    assert result.returncode == 0, result.stderr
    h = [sigmoid(0.6), sigmoid(0.05), sigmoid(0.5)]  # the lecture's h′ = (0.6, 0.05, 0.5)
    y_prime = 0.4 * h[0] - 0.5 * h[1] + 0.3 * h[2]
    y = sigmoid(y_prime)
    assert f"y′ = h_1·W²_1 + h_2·W²_2 + h_3·W²_3 = 0.6457·0.4 + 0.5125·(−0.5) + 0.6225·0.3 = {y_prime:.4g}\n" \
        in result.stdout
    assert f"y = Φ_out(y′) = 1/(1 + e^(−y′)) = 1/(1 + e^(−{y_prime:.4g})) = {y:.4g}\n" in result.stdout
    assert f"Φ_out′(y′) = y·(1 − y) = {y:.4g}·(1 − {y:.4g}) = {y * (1 - y):.4g}\n" in result.stdout
    assert f"δ²_1 = ∂y/∂W²_1 = h_1·Φ_out′(y′) = {h[0]:.4g}·{y * (1 - y):.4g} = {y * (1 - y) * h[0]:.4g}\n" \
        in result.stdout


def test_trace_json_of_a_tanh_output(run):
    result = run("-m", "backprop", "trace", "--output-activation", "tanh", "--format", "json")
    record = json.loads(result.stdout)
    h = [sigmoid(0.6), sigmoid(0.05), sigmoid(0.5)]
    y_prime = 0.4 * h[0] - 0.5 * h[1] + 0.3 * h[2]
    assert record["output_activation"] == "tanh"
    assert record["schema_version"] == 2
    assert math.isclose(record["y_prime"][0], y_prime, rel_tol=1e-12)
    assert math.isclose(record["y"][0], math.tanh(y_prime), rel_tol=1e-12)
    assert math.isclose(record["phi_out_prime"][0], 1 - math.tanh(y_prime) ** 2, rel_tol=1e-12)


def test_trace_of_the_quiz_network_with_a_sigmoid_output(run):
    result = run("-m", "backprop", "trace", "--layers", "1,2,2,1", "--output-activation", "sigmoid")
    assert result.returncode == 0, result.stderr
    # the quiz network: W¹ = (0.5, −0.4), W² = ((0.8, −0.6), (0.3, 0.9)), W³ = (0.7, 0.5), x = 1
    h1 = [sigmoid(0.5), sigmoid(-0.4)]
    h2 = [sigmoid(h1[0] * 0.8 + h1[1] * 0.3), sigmoid(h1[0] * -0.6 + h1[1] * 0.9)]
    y_prime = h2[0] * 0.7 + h2[1] * 0.5
    y = sigmoid(y_prime)
    assert f"y′ = h²_1·W³_11 + h²_2·W³_21 = {h2[0]:.4g}·0.7 + {h2[1]:.4g}·0.5 = {y_prime:.4g}\n" in result.stdout
    assert f"y = Φ_out(y′) = 1/(1 + e^(−y′)) = 1/(1 + e^(−{y_prime:.4g})) = {y:.4g}\n" in result.stdout
    assert f"Φ_out′(y′) = y·(1 − y) = {y:.4g}·(1 − {y:.4g}) = {y * (1 - y):.4g}\n" in result.stdout


def test_train_saves_it_and_predict_uses_the_files_own(run, tmp_path):
    path = tmp_path / "w.json"
    trained = run("-m", "backprop", "train", "--epochs", "20", "--seed", "0", "--bias", "--quiet",
                  "--output-activation", "sigmoid", "--save", str(path))
    assert trained.returncode == 0, trained.stderr
    assert "(sigmoid, sigmoid output, with bias)" in trained.stdout
    data = json.loads(path.read_text())
    assert data["output_activation"] == "sigmoid"
    # y for x = (1, 0) by hand from the saved weights
    W1, W2 = data["W1"], data["W2"]
    h = [sigmoid(1 * W1[0][j] + 0 * W1[1][j] + W1[2][j]) for j in range(3)]
    y = sigmoid(sum(h[j] * W2[j] for j in range(3)) + W2[3])
    for extra in ([], ["--output-activation", "sigmoid"]):  # naming the file's own changes nothing
        predicted = run("-m", "backprop", "predict", str(path), "1", "0", *extra)
        assert predicted.returncode == 0, predicted.stderr
        assert math.isclose(float(predicted.stdout), y, rel_tol=1e-12)


@pytest.mark.parametrize("command", [["predict", "{path}", "1"], ["trace", "--weights", "{path}"],
                                     ["train", "--weights", "{path}", "--data", "{data}", "--epochs", "1"]])
def test_a_weights_file_keeps_its_own_and_another_name_is_refused(run, tmp_path, command):
    path, data = tmp_path / "w.json", tmp_path / "d.csv"
    DeepNetwork([[[1.0, 2.0]], [[3.0], [4.0]]], output_activation="tanh").save(path)
    data.write_text("x,d\n1,0\n")
    args = [word.format(path=path, data=data) for word in command]
    result = run("-m", "backprop", *args, "--output-activation", "sigmoid")
    assert_usage_error(result, "holds a network with the output activation tanh, not sigmoid; "
                               "drop --output-activation")


def test_an_old_weights_file_predicts_a_linear_output(run, tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "backprop-weights", "version": 1, "activation": "identity",
                                "bias": False, "W1": [[1.0], [2.0]], "W2": [3.0]}))
    assert run("-m", "backprop", "predict", str(path), "1", "1").stdout == "9.0\n"  # (1 + 2)·3
    result = run("-m", "backprop", "predict", str(path), "1", "1", "--output-activation", "tanh")
    assert_usage_error(result, "output activation identity, not tanh")


def test_typed_weights_and_random_weights_take_it(run):
    typed = run("-m", "backprop", "trace", "--W1", "1; 1", "--W2", "2", "--activation", "identity",
                "--x", "0.5,0.25", "--output-activation", "tanh", "--format", "json")
    record = json.loads(typed.stdout)
    assert record["y_prime"] == [1.5] and math.isclose(record["y"][0], math.tanh(1.5), rel_tol=1e-15)
    seeded = run("-m", "backprop", "trace", "--seed", "3", "--output-activation", "sigmoid", "--format", "json")
    assert json.loads(seeded.stdout)["output_activation"] == "sigmoid"
    assert Network.random(seed=3).W1 == json.loads(seeded.stdout)["W"][0]  # the same random weights


def test_quiz_poses_an_output_activation_problem(run):
    result = run("-m", "backprop", "quiz", "--seed", "3", "--output-activation", "sigmoid", input="")
    assert result.returncode == 0, result.stderr
    assert "Φ_out′(z) = Φ_out(z)·(1 − Φ_out(z))" in result.stdout
    answered = run("-m", "backprop", "quiz", "--seed", "3", "--output-activation", "sigmoid", input="0\n" * 5)
    asked = [line.split(" = ?")[0] for line in answered.stdout.splitlines() if " = ?" in line]
    assert [a.split(" = ")[0] for a in asked[:5]] == ["h′_1", "h_1", "y′", "y", "E"]
    plain = run("-m", "backprop", "quiz", "--seed", "3", input="")
    assert "Φ_out" not in plain.stdout
