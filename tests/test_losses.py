"""Cross-entropy and softmax (issue 23, item 1): every new quantity against central differences and,
where exact, fractions.Fraction; a cross-entropy step worked out by hand; the worked step's numbers
against the library's step; bad input refused before anything changes."""

import json
import math
import warnings
from fractions import Fraction

import pytest

from backprop import DeepNetwork, Network, deep, explain, gradcheck, sgd_step, train
from backprop.activations import SOFTMAX, get_output_activation, sigmoid, softmax, softmax_jacobian
from backprop.loss import (binary_cross_entropy, binary_cross_entropy_from_y_prime, binary_cross_entropy_slope,
                           cross_entropy, cross_entropy_from_y_prime, cross_entropy_slopes, get_loss, log_sum_exp,
                           softplus)
from backprop.math.unrolled import step_source
from backprop.trace.formats import FORMATS, render
from backprop.train import compute_step
from conftest import assert_usage_error

EPSILON = 1e-6


def central(f, z: float, epsilon: float = EPSILON) -> float:
    """(f(z + ε) − f(z − ε)) / 2ε, written here, not taken from the library."""
    return (f(z + epsilon) - f(z - epsilon)) / (2 * epsilon)


def naive_softmax(z: list) -> list:
    """e^(z_j) / Σ_l e^(z_l), the textbook's way (fine for small z)."""
    e = [math.exp(v) for v in z]
    return [v / sum(e) for v in e]


# --- the slopes, exactly (Fraction) ------------------------------------------------------------

@pytest.mark.parametrize("d, y", [(Fraction(1), Fraction(1, 3)), (Fraction(0), Fraction(5, 7)),
                                  (Fraction(3, 10), Fraction(9, 10))])
def test_sigmoid_with_binary_cross_entropy_cancels_exactly(d, y):
    # ∂E/∂y · Φ_out′ = −(d/y − (1 − d)/(1 − y)) · y(1 − y) = −(d(1 − y) − (1 − d)y) = −(d − y)
    dE_dy = binary_cross_entropy_slope(d, y)
    assert isinstance(dE_dy, Fraction)
    assert dE_dy * y * (1 - y) == -(d - y)


@pytest.mark.parametrize("d, y", [
    ([Fraction(1), Fraction(0), Fraction(0)], [Fraction(1, 2), Fraction(1, 3), Fraction(1, 6)]),
    ([Fraction(1, 4), Fraction(3, 4)], [Fraction(2, 5), Fraction(3, 5)]),
])
def test_softmax_with_cross_entropy_cancels_exactly(d, y):
    # Σ_l (−d_l/y_l) · y_l([l = j] − y_j) = −d_j + y_j Σ_l d_l = −(d_j − y_j), as Σ_l d_l = 1
    dE_dy, J = cross_entropy_slopes(d, y), softmax_jacobian(y)
    for j in range(len(y)):
        assert sum(dE_dy[l] * J[l][j] for l in range(len(y))) == -(d[j] - y[j])


def test_the_softmax_jacobian_exactly():
    # y = (½, ⅓, ⅙): ∂y_1/∂y′_1 = ½·(1 − ½) = ¼, ∂y_1/∂y′_2 = −½·⅓ = −⅙, ∂y_3/∂y′_2 = −⅙·⅓ = −1/18
    J = softmax_jacobian([Fraction(1, 2), Fraction(1, 3), Fraction(1, 6)])
    assert J[0][0] == Fraction(1, 4) and J[0][1] == Fraction(-1, 6) and J[2][1] == Fraction(-1, 18)
    assert all(sum(column) == 0 for column in zip(*J))  # Σ_l y_l = 1 always: its slope is 0


# --- the new quantities against central differences ---------------------------------------------

@pytest.mark.parametrize("z", [-3.0, -0.4, 0.0, 0.7, 2.5])
def test_softmax_jacobian_by_central_differences(z):
    y_prime = [z, 0.3, -1.1]
    J = softmax_jacobian(softmax(y_prime))
    for j in range(3):
        for l in range(3):
            measured = central(lambda v: softmax(y_prime[:j] + [v] + y_prime[j + 1:])[l], y_prime[j])
            assert J[l][j] == pytest.approx(measured, abs=1e-9)


@pytest.mark.parametrize("d", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("y_prime", [-4.0, -0.5, 0.0, 1.2, 6.0])
def test_binary_cross_entropy_slope_in_y_prime_is_minus_d_minus_y(d, y_prime):
    measured = central(lambda v: binary_cross_entropy_from_y_prime(d, v), y_prime)
    assert measured == pytest.approx(-(d - sigmoid(y_prime)), abs=1e-8)
    y = sigmoid(y_prime)
    assert central(lambda v: binary_cross_entropy(d, v), y, 1e-7) == pytest.approx(
        binary_cross_entropy_slope(d, y), rel=1e-6)


def test_cross_entropy_slopes_by_central_differences():
    d, y_prime = [0.2, 0.5, 0.3], [0.4, -1.0, 2.0]
    y = softmax(y_prime)
    for j in range(3):
        measured = central(lambda v: cross_entropy_from_y_prime(d, y_prime[:j] + [v] + y_prime[j + 1:]), y_prime[j])
        assert measured == pytest.approx(-(d[j] - y[j]), abs=1e-8)
        slope = central(lambda v: cross_entropy(d, y[:j] + [v] + y[j + 1:]), y[j], 1e-7)
        assert slope == pytest.approx(cross_entropy_slopes(d, y)[j], rel=1e-6)


def test_the_stable_forms_equal_the_textbook_forms_where_those_work():
    for d, z in [(1.0, 0.3), (0.0, -2.0), (0.25, 4.0)]:
        y = 1 / (1 + math.exp(-z))
        textbook = -(d * math.log(y) + (1 - d) * math.log(1 - y))
        assert binary_cross_entropy_from_y_prime(d, z) == pytest.approx(textbook, rel=1e-13)
        assert softplus(z) == pytest.approx(math.log(1 + math.exp(z)), rel=1e-13)
    z = [0.5, -1.0, 2.0]
    assert softmax(z) == pytest.approx(naive_softmax(z), rel=1e-13)
    assert log_sum_exp(z) == pytest.approx(math.log(sum(map(math.exp, z))), rel=1e-13)
    textbook = -sum(d_j * math.log(y_j) for d_j, y_j in zip([0, 1, 0], naive_softmax(z)))
    assert cross_entropy_from_y_prime([0.0, 1.0, 0.0], z) == pytest.approx(textbook, rel=1e-13)


def test_ln_0_never_happens_silently():
    # y rounds to 0 (y′ = −800: e^(−800) underflows), but E from y′ is ln(1 + e^(−800)) + 800 = 800
    assert sigmoid(-800.0) == 0.0
    assert binary_cross_entropy_from_y_prime(1.0, -800.0) == 800.0
    assert cross_entropy_from_y_prime([1.0, 0.0], [-1000.0, 0.0]) == 1000.0  # y_1 rounds to 0
    assert softmax([1000.0, 1000.0]) == [0.5, 0.5]  # e^1000 would overflow
    with pytest.raises(ValueError, match="makes ln y = −∞"):
        binary_cross_entropy(1.0, 0.0)
    with pytest.raises(ValueError, match=r"makes ln \(1 − y\) = −∞"):
        binary_cross_entropy(0.0, 1.0)
    with pytest.raises(ValueError, match="makes ln y_1 = −∞"):
        cross_entropy([1.0, 0.0], [0.0, 1.0])
    # a network whose output saturates still has a finite E, and trains
    net = Network([[30.0], [30.0]], [-40.0], activation="identity", output_activation="sigmoid",
                  loss="cross_entropy")
    step = sgd_step(net, [1.0, 1.0], 1.0, alpha=0.001)  # y′ = −2400: y is 0 to a float
    assert step.y == 0.0 and step.E == 2400.0


@pytest.mark.parametrize("make, d", [
    (lambda: Network.random(seed=3, bias=True, output_activation="sigmoid", loss="cross_entropy"), 0.3),
    (lambda: DeepNetwork.random([2, 3, 1], seed=4, output_activation="sigmoid", loss="cross_entropy"), [1.0]),
    (lambda: DeepNetwork.random([2, 3, 3], activation="tanh", bias=True, seed=5, output_activation="softmax",
                                loss="cross_entropy"), [0.2, 0.5, 0.3]),
    (lambda: DeepNetwork.random([2, 4, 3, 4], seed=6, output_activation="softmax", loss="cross_entropy"),
     [0.0, 0.0, 1.0, 0.0]),
])
def test_gradcheck_agrees_for_cross_entropy(make, d):
    # ∂y_j/∂W (softmax through its matrix) and the step's ∂E/∂W against central differences
    assert gradcheck.max_relative_error(make(), [0.5, -1.0], d) < 1e-6


def test_the_softmax_step_against_an_independent_measurement():
    # E written here the textbook way, −Σ_j d_j ln(softmax_j), measured weight by weight
    net = DeepNetwork.random([2, 3, 3], activation="tanh", bias=True, seed=8, output_activation="softmax",
                             loss="cross_entropy")
    x, d = [0.4, -0.9], [0.0, 1.0, 0.0]

    def E():
        y = naive_softmax(net._feedforward(x).y_prime)
        return -sum(d_j * math.log(y_j) for d_j, y_j in zip(d, y))

    delta_W = deep.compute_step(net, x, d, 1.0).delta_W  # ΔW = −α ∂E/∂W, α = 1
    for k, W_k in enumerate(net.W):
        for i, row in enumerate(W_k):
            for j, w in enumerate(row):
                def E_at(v, row=row, j=j, w=w):
                    row[j] = v
                    try:
                        return E()
                    finally:
                        row[j] = w
                assert -delta_W[k][i][j] == pytest.approx(central(E_at, w), abs=1e-8)


def test_one_backward_pass_carries_every_output():
    # real backpropagation: the error terms come back once, not once per output
    net = DeepNetwork.random([3, 4, 5], seed=2, output_activation="softmax", loss="cross_entropy")
    calls = []
    original = deep.error_terms
    try:
        deep.error_terms = lambda *args: calls.append(1) or original(*args)
        deep.compute_step(net, [0.1, 0.2, 0.3], [0.0, 0.0, 1.0, 0.0, 0.0], 0.5)
    finally:
        deep.error_terms = original
    assert len(calls) == 1


# --- a cross-entropy step worked by hand -------------------------------------------------------

def test_a_binary_cross_entropy_step_by_hand():
    # x = (1, 2), Φ the identity: h′ = h = (1·1 + 2·0, 1·(−1) + 2·1) = (1, 1)
    # y′ = 1·1 + 1·(−1) = 0, so y = σ(0) = ½ and E = −(1·ln ½ + 0·ln ½) = ln 2
    # ∂E/∂y′ = −(d − y) = −½ (Φ_out′ = ¼ cancels), α = ½, so α(d − y) = ¼:
    # ΔW²_j = ¼·h_j = (¼, ¼);  ΔW¹_ij = ¼·W²_j·Φ′(h′_j)·x_i = ¼·(1, −1)·1·x_i
    #   = ((¼, −¼), (½, −½)) for x = (1, 2)
    # after: W¹ = ((1.25, −1.25), (0.5, 0.5)), h′ = (1.25 + 2·0.5, −1.25 + 2·0.5) = (2.25, −0.25),
    #   W² = (1.25, −0.75), y′ = 2.25·1.25 + (−0.25)·(−0.75) = 2.8125 + 0.1875 = 3
    net = Network([[1.0, -1.0], [0.0, 1.0]], [1.0, -1.0], activation="identity", output_activation="sigmoid",
                  loss="cross_entropy")
    step = sgd_step(net, [1.0, 2.0], 1.0, alpha=0.5)
    assert step.y == 0.5
    assert step.E == pytest.approx(math.log(2), rel=1e-15)
    assert step.delta_W2 == [0.25, 0.25]
    assert step.delta_W1 == [[0.25, -0.25], [0.5, -0.5]]
    assert net.W1 == [[1.25, -1.25], [0.5, 0.5]] and net.W2 == [1.25, -0.75]
    assert net.feedforward([1.0, 2.0]).y_prime == 3.0
    # the squared error's step would keep Φ_out′ = ¼: ΔW²_j = ½·½·¼·1 = 1/16
    squared = Network([[1.0, -1.0], [0.0, 1.0]], [1.0, -1.0], activation="identity", output_activation="sigmoid")
    assert sgd_step(squared, [1.0, 2.0], 1.0, alpha=0.5).delta_W2 == [0.0625, 0.0625]


def test_a_softmax_cross_entropy_step_by_hand():
    # x = (1, 2), Φ the identity: h = (1, 1) as above; W² = ((1, −1), (−1, 1)): y′ = (1 − 1, −1 + 1) = (0, 0)
    # y = softmax(0, 0) = (½, ½); d = (1, 0): E = −ln ½ = ln 2; d − y = (½, −½)
    # ΔW²_ab = α·h_a·(d_b − y_b) = ½·1·(½, −½) = (¼, −¼) in each row
    # hidden error terms Σ_b W²_ab (d_b − y_b): a = 1: ½ + ½ = 1; a = 2: −½ − ½ = −1
    # ΔW¹_ia = α·x_i·term_a = ½·(1, 2)ᵀ·(1, −1) = ((½, −½), (1, −1))
    net = DeepNetwork([[[1.0, -1.0], [0.0, 1.0]], [[1.0, -1.0], [-1.0, 1.0]]], activation="identity",
                      output_activation="softmax", loss="cross_entropy")
    step = deep.sgd_step(net, [1.0, 2.0], [1.0, 0.0], alpha=0.5)
    assert step.y == [0.5, 0.5]
    assert step.E == pytest.approx(math.log(2), rel=1e-15)
    assert step.delta_W == [[[0.5, -0.5], [1.0, -1.0]], [[0.25, -0.25], [0.25, -0.25]]]


# --- the worked step equals the library's step ---------------------------------------------------

CE_NETWORKS = [
    (lambda: Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3], output_activation="sigmoid",
                     loss="cross_entropy"), [1.0, 0.5], 1.0),
    (lambda: DeepNetwork.random([2, 2, 3], seed=1, bias=True, output_activation="softmax", loss="cross_entropy"),
     [1.0, 0.5], [0.0, 1.0, 0.0]),
    (lambda: DeepNetwork.random([1, 2, 2, 1], seed=1, output_activation="sigmoid", loss="cross_entropy"), [1.0], 0.0),
]


@pytest.mark.parametrize("make, x, d", CE_NETWORKS)
def test_the_trace_is_the_librarys_step(make, x, d):
    net = make()
    record = explain(net, x, d, 0.5)
    assert record["loss"] == "cross_entropy"
    if isinstance(net, Network):
        step = compute_step(net, x, d, 0.5)
        assert record["delta_W"] == [step.delta_W1, [[v] for v in step.delta_W2]]
    else:
        step = deep.compute_step(net, x, net.check_d(d), 0.5)
        assert record["delta_W"] == step.delta_W
    assert record["E"] == step.E
    after = net.copy()
    (sgd_step if isinstance(net, Network) else deep.sgd_step)(after, x, d, 0.5)
    assert record["W_new"] == ([after.W1, [[v] for v in after.W2]] if isinstance(net, Network) else after.W)
    # the chain rule's ∂E/∂y′_j = Σ_l ∂E/∂y_l·∂y_l/∂y′_j is the step's −(d_j − y_j)
    ds = record["d"]
    assert record["dE_dy_prime"] == pytest.approx([-(d_j - y_j) for d_j, y_j in zip(ds, record["y"])], abs=1e-15)
    # δ = ∂y′_j/∂W: the step's ΔW = α Σ_j (d_j − y_j)·∂y′_j/∂W
    for k, W_k in enumerate(record["delta_W"]):
        for a, row in enumerate(W_k):
            for b, value in enumerate(row):
                expected = 0.5 * sum((d_j - y_j) * dy_dW[k][a][b]
                                     for d_j, y_j, dy_dW in zip(ds, record["y"], record["dy_dW"]))
                assert value == pytest.approx(expected, abs=1e-15)


def test_every_format_shows_the_loss_and_which_delta():
    record = explain(*[f() if callable(f) else f for f in CE_NETWORKS[1]], 0.5)
    text = render(record, "text")
    assert "E = −(d_1·ln(y_1) + d_2·ln(y_2) + d_3·ln(y_3)) = −(0·ln(" in text
    assert "∂E/∂y′_j = Σ_l ∂E/∂y_l·∂y_l/∂y′_j" in text and "= −(d_j − y_j)" in text
    assert "δ = ∂y′/∂W" in text and "the textbooks' δ of the output" in text
    assert "∂y′_1/∂W²_11 = h¹_1" in text  # no Φ_out′ factor in δ
    for fmt in FORMATS:
        out = render(record, fmt)
        assert ("cross-entropy" in out or '"cross_entropy"' in out), fmt
    assert r"\ln(" in render(record, "latex") and "ln(" in render(record, "html")
    assert json.loads(render(record, "json"))["dE_dy_prime"] == record["dE_dy_prime"]


def test_the_lectures_record_has_no_loss_key():
    from backprop.trace import lecture_example as example

    record = explain(example.network(), example.x, example.d, example.alpha)
    assert "loss" not in record and "dE_dy" not in record


# --- networks, files and the unrolled path ------------------------------------------------------

def test_repr_copy_and_weights_file_keep_the_loss(tmp_path):
    net = DeepNetwork.random([2, 3, 2], seed=1, output_activation="softmax", loss="cross_entropy")
    assert net.copy().loss == "cross_entropy" and "loss='cross_entropy'" in repr(net)
    assert eval(repr(net), {"DeepNetwork": DeepNetwork}).predict([0.5, 0.5]) == net.predict([0.5, 0.5])
    path = tmp_path / "w.json"
    net.save(path)
    data = json.loads(path.read_text())
    assert data["loss"] == "cross_entropy" and data["output_activation"] == "softmax"
    loaded = DeepNetwork.load(path)
    assert loaded.loss == "cross_entropy" and loaded.predict([0.5, 0.5]) == net.predict([0.5, 0.5])
    Network.random(seed=1).save(path)
    assert "loss" not in json.loads(path.read_text())  # the lecture's files stay as they were
    data["loss"] = "hinge"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="w.json: unknown loss 'hinge'; choose one of: squared, cross_entropy"):
        DeepNetwork.load(path)


def test_unrolled_trains_cross_entropy_with_the_lists_bits():
    """The unrolled code is written for cross-entropy too (backprop.math.unrolled): no fallback, no warning,
    the same losses and weights as the list code (tests/test_unrolled.py compares many more)."""
    samples = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
    a = Network.random(seed=1, bias=True, output_activation="sigmoid", loss="cross_entropy")
    b = a.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert train(a, samples, 0.5, 3, unrolled=True) == train(b, samples, 0.5, 3)
    assert a.W1 == b.W1 and a.W2 == b.W2
    assert "E = max(y_prime, 0.0) + log1p(exp(-abs(y_prime))) - d * y_prime" in step_source(a, [0.0, 1.0], 1.0, 0.5)


def test_an_own_function_called_softmax_is_not_softmax():
    def softmax(z):
        return z

    phi_out = get_output_activation((softmax, lambda z: 1.0))
    assert phi_out != SOFTMAX and phi_out.name == "own softmax"


# --- bad input: refused before anything changes ---------------------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda: Network([[1.0], [1.0]], [1.0], output_activation="softmax"), "'softmax' needs several outputs"),
    (lambda: DeepNetwork([[[1.0]]], output_activation="softmax", loss="cross_entropy"), "needs several outputs"),
    (lambda: DeepNetwork([[[1.0, 1.0]]], output_activation="softmax"), "is for loss='cross_entropy'"),
    (lambda: Network([[1.0], [1.0]], [1.0], loss="cross_entropy"),
     "works with output_activation='sigmoid' and one output .* not output_activation='identity'"),
    (lambda: DeepNetwork([[[1.0, 1.0]]], output_activation="sigmoid", loss="cross_entropy"),
     "not output_activation='sigmoid' with 2 outputs"),
    (lambda: Network([[1.0], [1.0]], [1.0], loss="hinge"), "unknown loss 'hinge'"),
    (lambda: DeepNetwork.random([2, 2, 1], output_activation="softmax", loss="cross_entropy"), "several outputs"),
])
def test_bad_pairs_are_one_clear_error(make, message):
    with pytest.raises(ValueError, match=message):
        make()
    with pytest.raises(TypeError, match="loss must be a name"):
        get_loss(None)


def test_bad_targets_change_nothing():
    net = Network.random(seed=1, output_activation="sigmoid", loss="cross_entropy")
    before = net.copy()
    with pytest.raises(ValueError, match=r"d = 1.5 is outside \[0, 1\]"):
        sgd_step(net, [0.0, 1.0], 1.5, 0.5)
    with pytest.raises(ValueError, match=r"outside \[0, 1\]"):
        train(net, [([0, 1], 1.0), ([1, 1], -0.5)], 0.5, 3)
    assert (net.W1, net.W2) == (before.W1, before.W2)
    soft = DeepNetwork.random([2, 2, 3], seed=1, output_activation="softmax", loss="cross_entropy")
    W = soft.copy().W
    with pytest.raises(ValueError, match="adds up to 0.5, not 1"):
        deep.sgd_step(soft, [0.0, 1.0], [0.5, 0.0, 0.0], 0.5)
    with pytest.raises(ValueError, match=r"sample 2: d_1 = -1 is outside \[0, 1\]"):
        deep.train(soft, [([0, 1], [0.0, 1.0, 0.0]), ([1, 1], [-1.0, 2.0, 0.0])], 0.5, 3)
    assert soft.W == W


def test_the_commands_take_the_loss(run, tmp_path):
    result = run("-m", "backprop", "trace", "--output-activation", "sigmoid", "--loss", "cross_entropy",
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    net = Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3], output_activation="sigmoid",
                  loss="cross_entropy")
    step = sgd_step(net, [1.0, 0.5], 1.0, 0.5)  # the lecture's example: x = (1, 0.5), d = 1, α = 0.5
    assert record["delta_W"] == [step.delta_W1, [[v] for v in step.delta_W2]]
    result = run("-m", "backprop", "trace", "--layers", "2,2,3", "--seed", "1", "--output-activation", "softmax",
                 "--loss", "cross_entropy", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["d"] == [1.0, 0.0, 0.0]  # softmax's default target: one-hot


@pytest.mark.parametrize("options, message", [
    (["trace", "--loss", "cross_entropy"], "not output_activation='identity'"),
    (["trace", "--loss", "hinge"], "argument --loss: invalid choice: 'hinge'"),
    (["trace", "--output-activation", "sigmoid", "--loss", "cross_entropy", "--d", "2"], "outside [0, 1]"),
    (["trace", "--layers", "2,2,2", "--seed", "1", "--output-activation", "softmax", "--loss", "cross_entropy",
      "--d", "0.5,0.6"], "adds up to 1.1, not 1"),
    (["trace", "--layers", "2,2,1", "--seed", "1", "--output-activation", "softmax", "--loss", "cross_entropy"],
     "needs several outputs"),
    (["unroll", "--output-activation", "sigmoid", "--loss", "cross_entropy", "--d", "2"], "outside [0, 1]"),
    (["check", "ANSWERS", "--output-activation", "sigmoid", "--loss", "cross_entropy"], "drop --loss"),
])
def test_bad_command_lines_are_one_line_and_status_2(run, tmp_path, options, message):
    answers = tmp_path / "answers.txt"
    answers.write_text("y = 0.5\n")
    assert_usage_error(run("-m", "backprop", *[str(answers) if o == "ANSWERS" else o for o in options]), message)


def test_a_bad_loss_writes_no_file(run, tmp_path):
    data = tmp_path / "xor.csv"
    data.write_text("x1,x2,d\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    saved = tmp_path / "w.json"
    result = run("-m", "backprop", "train", "--data", str(data), "--loss", "cross_entropy", "--epochs", "1",
                 "--save", str(saved))
    assert_usage_error(result, "loss='cross_entropy' works with")
    assert not saved.exists()
    result = run("-m", "backprop", "train", "--data", str(data), "--loss", "cross_entropy", "--epochs", "1",
                 "--output-activation", "sigmoid", "--seed", "1", "--save", str(saved), "--unrolled")
    assert result.returncode == 0, result.stderr
    assert "cross-entropy" in result.stdout and "on the unrolled code" in result.stdout
    assert Network.load(saved).loss == "cross_entropy"
