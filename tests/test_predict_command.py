"""``python -m backprop predict``: its output and exit status (run in this process, see conftest.run_in_process)."""

import pytest

from backprop import Network
from conftest import assert_usage_error


@pytest.fixture
def weights(tmp_path):
    # identity activation, so y is worked out by hand below: y = Σ_j (Σ_i x_i W¹_ij) W²_j
    path = tmp_path / "w.json"
    Network([[1.0, 2.0], [0.5, -1.0]], [3.0, 0.25], activation="identity").save(path)
    return path


def test_one_input_prints_y(run, weights):
    result = run("-m", "backprop", "predict", str(weights), "2", "-4")
    # h′ = (2·1 + (−4)·0.5, 2·2 + (−4)·(−1)) = (0, 8); y = 0·3 + 8·0.25 = 2
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2.0\n"


def test_a_data_file_with_d_gets_a_column_y(run, weights, tmp_path):
    data = tmp_path / "data.csv"
    data.write_text("a,b,d\n1,0,3\n0,1,0\n")
    result = run("-m", "backprop", "predict", str(weights), "--data", str(data))
    # x = (1, 0): h′ = (1, 2), y = 3 + 0.5 = 3.5;  x = (0, 1): h′ = (0.5, −1), y = 1.5 − 0.25 = 1.25
    assert result.returncode == 0, result.stderr
    assert result.stdout == "a,b,d,y\n1.0,0.0,3.0,3.5\n0.0,1.0,0.0,1.25\n"


@pytest.mark.parametrize(
    "args, message",
    [
        (["1", "2", "3"], "x has 3 values but the network has 2 inputs"),
        ([], "give the 2 inputs"),
        (["1", "nan"], "x_2 must be a finite number"),
        (["1", "2", "--data", "{data}"], "give the inputs one way"),
        (["--data", "{data}"], "has 4 columns but the network has 2 inputs"),
    ],
)
def test_bad_input_is_one_line_and_status_2(run, weights, tmp_path, args, message):
    data = tmp_path / "data.csv"
    data.write_text("a,b,c,d\n1,2,3,4\n")
    result = run("-m", "backprop", "predict", str(weights), *[arg.format(data=data) for arg in args])
    assert_usage_error(result, message)
