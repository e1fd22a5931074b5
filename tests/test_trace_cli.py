"""``python -m backprop trace``: its options, its bad input, and --output."""

import os

import pytest

from conftest import assert_usage_error


@pytest.mark.parametrize(
    "args, message",
    [
        (["--W1", "0.5,-0.3,0.8; 0.2,0.7,-0.6;", "--W2", "0.4,-0.5,0.3"], "has an empty value"),
        (["--W1", "0.5 -0.3 0.8; 0.2,0.7,-0.6", "--W2", "0.4,-0.5,0.3"], "separate the rows of a matrix with ';'"),
        (["--W1", "1,2; 3,4; 5,6", "--W2", "1,2"], "--x was not given (the example's has 2 values) but the network has 3 inputs; give 3, like --x \"0.5,0.5,0.5\""),
        (["--x", "1,2,3"], "--x has 3 values but the network has 2 inputs"),
        (["--x", "1,two"], "'two' is not a number"),
        (["--d", "one"], "'one' is not a number; write it with a decimal point, like 0.5"),
        (["--alpha", "fast"], "'fast' is not a number"),
        (["--alpha", "0"], "alpha must be a positive number (for example 0.1)"),
        (["--d", "nan"], "d must be a finite number"),
        (["--W1", "0.5,-0.3,0.8; 0.2,0.7,-0.6", "--W2", "0.4,-0.5"], "W2 has 2 weights but W1 has 3 columns"),
        (["--activation", "swish"], "invalid choice: 'swish' (choose from 'identity', 'relu', 'sigmoid', 'tanh')"),
        (["--format", "pdf"], "invalid choice: 'pdf' (choose from 'text', 'markdown', 'latex', 'json', 'html')"),
        (["--digits", "0"], "'0' is not a whole number of at least 1"),
        (["--digits", "18"], "--digits 18 is more than a float holds; use 1 to 17"),
        (["--W1", "1e308,1,1; 1e308,1,1", "--W2", "1e308,1,1"], "before any step: the weights and the input are too large for a float"),
        (["--hidden", "4"], "--hidden M makes random weights: add --seed N"),
        (["--W1", "1;2", "--W2", "1", "--hidden", "3"], "--hidden is for random weights only"),
        (["--seed", "1", "--hidden", "0"], "--hidden must be at least 1, not 0"),
    ],
)
def test_bad_input_is_one_line_and_status_2(run, tmp_path, args, message):
    output = tmp_path / "trace.txt"
    result = run("-m", "backprop", "trace", *args, "--output", str(output))
    assert_usage_error(result, message)
    assert not output.exists()
    assert os.listdir(tmp_path) == []  # no temporary file left behind either


def test_output_is_written_only_when_the_trace_works(run, tmp_path):
    output = tmp_path / "step.md"
    output.write_text("an older handout\n", encoding="utf-8")
    failed = run("-m", "backprop", "--format", "markdown", "--x", "1,2,3", "--output", str(output))
    assert failed.returncode == 2
    assert output.read_text(encoding="utf-8") == "an older handout\n"
    worked = run("-m", "backprop", "--format", "markdown", "--output", str(output))
    assert worked.returncode == 0, worked.stderr
    assert worked.stdout == f"wrote {output}\n"
    assert output.read_text(encoding="utf-8") == run("-m", "backprop", "--format", "markdown").stdout
    assert os.listdir(tmp_path) == ["step.md"]


def test_output_into_a_missing_folder_is_one_line(run, tmp_path):
    result = run("-m", "backprop", "--output", str(tmp_path / "no" / "such" / "step.txt"))
    assert result.returncode == 2
    assert "there is no folder" in result.stderr and "Traceback" not in result.stderr


def test_the_weights_come_from_the_options(run, tmp_path):
    typed = run("-m", "backprop", "--W1", "0.1,0.2; 0.3,0.4", "--W2", "0.5,0.6", "--x", "1,2",
                "--d", "0", "--alpha", "0.1", "--activation", "identity")
    assert typed.returncode == 0, typed.stderr
    # h′_1 = 1·0.1 + 2·0.3 = 0.7; identity: h_1 = 0.7
    assert "h′_1 = x_1·W¹_11 + x_2·W¹_21 = 1·0.1 + 2·0.3 = 0.7" in typed.stdout
    assert "h_1 = Φ(h′_1) = h′_1 = 0.7" in typed.stdout
    weights = tmp_path / "net.json"
    weights.write_text('{"format": "backprop-weights", "version": 1, "activation": "relu", "bias": false,'
                       ' "W1": [[1.0], [-1.0]], "W2": [2.0]}', encoding="utf-8")
    from_file = run("-m", "backprop", "--weights", str(weights), "--x", "3,1")
    # h′_1 = 3·1 + 1·(−1) = 2, relu: h_1 = 2, y = 2·2 = 4
    assert "h′_1 = x_1·W¹_11 + x_2·W¹_21 = 3·1 + 1·(−1) = 2" in from_file.stdout
    assert "y = h_1·W²_1 = 2·2 = 4" in from_file.stdout
    seeded = [run("-m", "backprop", "--seed", "4", "--hidden", "2").stdout for _ in range(2)]
    assert seeded[0] == seeded[1] and "h′_2" in seeded[0] and "h′_3" not in seeded[0]
