"""The unrolled SGD (backprop.math.unrolled) against the list implementation: every weight equal
to the last bit, on every activation, with and without bias, for the lecture's network and deep
ones, and the same divergence, stop and on_epoch behaviour. The list implementation is the
reference (its numbers are checked by hand and by finite differences in the other tests)."""

import random
import struct

import pytest

from backprop import DivergenceError, Network, sgd_step, train
from backprop.activations import Activation, sigmoid, sigmoid_prime, sigmoid_prime_from_h
from backprop.math import deep, unrolled
from backprop.math.deep import DeepNetwork
from backprop.math.sums import add_up

ACTIVATIONS = ["sigmoid", "tanh", "relu", "identity"]
SIGN = (abs, lambda z: 1.0 if z > 0 else -1.0)  # a person's own pair: Φ = |z|, Φ′ = sign
OWN_FROM_H = Activation("logistic", sigmoid, sigmoid_prime, sigmoid_prime_from_h)  # with Φ′ of h too
OWN = {"own pair": SIGN, "own with Φ′ of h": OWN_FROM_H}


def bits(net):
    """Every weight of ``net`` as its 8 bytes: equal bits, not merely equal values (−0.0 ≠ 0.0)."""
    weights = [w for row in net.W1 for w in row] + net.W2 if isinstance(net, Network) else [
        w for W_k in net.W for row in W_k for w in row]
    return [struct.pack("<d", w) for w in weights]


def samples(n_inputs, n, seed=0):
    rng = random.Random(seed)
    return [([rng.uniform(-2, 2) for _ in range(n_inputs)], rng.uniform(-1, 1)) for _ in range(n)]


def both_ways(make, trainer, data, alpha, epochs, **options):
    """Train two copies, unrolled and with lists; return (nets, losses or the DivergenceError)."""
    results = []
    for way in (True, False):
        net = make()
        try:
            outcome = trainer(net, data, alpha, epochs, unrolled=way, **options)
        except DivergenceError as error:
            outcome = ("diverged", error.epoch, error.losses, str(error))
        results.append((net, outcome))
    return results


NETWORKS = {  # name → (make(activation, bias, output activation), trainer)
    "lecture 2-3-1": (lambda a, b, o="identity": Network.random(2, 3, activation=a, bias=b, seed=4,
                                                                output_activation=o), train),
    "lecture 3-12-1": (lambda a, b, o="identity": Network.random(3, 12, activation=a, bias=b, seed=5,
                                                                 output_activation=o), train),
    "deep 2-3-1": (lambda a, b, o="identity": DeepNetwork.random([2, 3, 1], activation=a, bias=b, seed=4,
                                                                 output_activation=o), deep.train),
    "deep 2-4-3-1": (lambda a, b, o="identity": DeepNetwork.random([2, 4, 3, 1], activation=a, bias=b, seed=6,
                                                                   output_activation=o), deep.train),
    "deep 1-2-2-1": (lambda a, b, o="identity": DeepNetwork.random([1, 2, 2, 1], activation=a, bias=b, seed=7,
                                                                   output_activation=o), deep.train),
    "deep 2-1": (lambda a, b, o="identity": DeepNetwork.random([2, 1], activation=a, bias=b, seed=8,
                                                               output_activation=o), deep.train),
}


def assert_the_same_training(make, trainer):
    """400 steps (40 samples, 10 shuffled epochs) unrolled and with lists: the same bits. (Each step runs
    every formula, so a difference shows within the first steps; 1,000 steps took 2.5 times as long.)"""
    data = samples(make().n_inputs, 40)
    (fast, fast_losses), (lists, list_losses) = both_ways(make, trainer, data, 0.05, 10, shuffle=True, seed=3)
    assert fast_losses == list_losses
    assert bits(fast) == bits(lists)
    assert unrolled.sgd_epoch(make()) is not None  # the unrolled code did run


@pytest.mark.parametrize("network", sorted(NETWORKS))
@pytest.mark.parametrize("activation", ACTIVATIONS + sorted(OWN))
@pytest.mark.parametrize("bias", [False, True])
def test_every_weight_is_the_lists_to_the_last_bit(network, activation, bias):
    make, trainer = NETWORKS[network]
    activation = OWN.get(activation, activation)
    assert_the_same_training(lambda: make(activation, bias), trainer)


@pytest.mark.parametrize("network", sorted(NETWORKS))
@pytest.mark.parametrize("output_activation", ["sigmoid", "tanh", "relu"] + sorted(OWN))
@pytest.mark.parametrize("bias", [False, True])
def test_with_an_output_activation_every_weight_is_the_lists_to_the_last_bit(network, output_activation, bias):
    """y = Φ_out(y′) and the factor Φ_out′(y′) in every δ; Φ of the hidden layers taken in turn."""
    make, trainer = NETWORKS[network]
    activation = ACTIVATIONS[(len(network) + len(output_activation) + bias) % len(ACTIVATIONS)]
    output_activation = OWN.get(output_activation, output_activation)
    assert_the_same_training(lambda: make(activation, bias, output_activation), trainer)


def test_exact_zeros_keep_their_sign():
    """Weights of −0.0 and 0.0, dead ReLU neurons and inputs of 0: the signs of zero agree too."""
    W1 = [[-0.0, 0.0, -1.0], [0.0, -0.0, -2.0], [-0.0, 0.0, -0.0]]
    W2 = [-0.0, 0.0, 1.0, -0.0]
    data = [([0.0, -0.0], 0.0), ([1.0, 0.0], -0.0), ([0.5, 0.25], 0.0)]
    (fast, _), (lists, _) = both_ways(lambda: Network(W1, W2, activation="relu", bias=True),
                                      train, data, 0.1, 5)
    assert bits(fast) == bits(lists)
    deep_W = [W1, [[-0.0], [0.0], [1.0], [-0.0]]]
    (fast, _), (lists, _) = both_ways(lambda: DeepNetwork(deep_W, activation="relu", bias=True),
                                      deep.train, data, 0.1, 5)
    assert bits(fast) == bits(lists)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("alpha", [3.0, 50.0, 1e6, 1e150])
def test_divergence_is_the_same_epoch_losses_and_kept_weights(activation, alpha):
    data = samples(2, 20, seed=1)
    for make, trainer in [(lambda: Network.random(2, 3, activation=activation, bias=True, seed=2), train),
                          (lambda: DeepNetwork.random([2, 3, 2, 1], activation=activation, bias=True,
                                                      seed=2), deep.train)]:
        (fast, fast_outcome), (lists, list_outcome) = both_ways(make, trainer, data, alpha, 200)
        assert fast_outcome == list_outcome
        assert bits(fast) == bits(lists)


def test_some_divergence_cases_do_diverge():
    """The cases above are not all quiet: with the identity, a large α diverges."""
    (net, outcome), _ = both_ways(lambda: Network.random(2, 3, activation="identity", seed=2), train,
                                  samples(2, 20, seed=1), 1e6, 200)
    assert outcome[0] == "diverged"


def assert_stop_and_on_epoch_agree(make, trainer, data):
    """stop() is asked after every step and on_epoch after every epoch: each sees the weights of
    that moment, unrolled as with lists, and training ends at the same step."""
    seen = {}
    for way in (True, False):
        net, calls = make(), []

        def stop():
            calls.append(("stop", bits(net)))
            return len(calls) == 37

        def on_epoch(epoch, mean_E):
            calls.append(("epoch", epoch, mean_E, bits(net)))

        losses = trainer(net, data, 0.3, 10, stop=stop, on_epoch=on_epoch, unrolled=way)
        seen[way] = (losses, calls, bits(net))
    assert seen[True] == seen[False]
    assert len(seen[True][0]) == 3  # 37 calls: 10 steps + 1 epoch, three times, then 4 steps


def test_stop_and_on_epoch_see_the_current_weights():
    for make, trainer in [(lambda: Network.random(2, 3, bias=True, seed=9), train),
                          (lambda: DeepNetwork.random([2, 3, 3, 1], bias=True, seed=9), deep.train)]:
        assert_stop_and_on_epoch_agree(make, trainer, samples(2, 10))


def test_too_large_keeps_to_the_lists():
    side = int(unrolled.MAX_WEIGHTS ** 0.5) + 1
    assert unrolled.sgd_epoch(DeepNetwork.random([1, side, side, 1], seed=0)) is None
    assert unrolled.sgd_epoch(DeepNetwork.random([2, 3, 2], seed=0)) is not None  # several outputs: written out
    assert unrolled.sgd_epoch(Network.random(seed=0, output_activation="sigmoid")) is not None
    big = Network.random(2, unrolled.MAX_WEIGHTS, seed=0)
    (fast, _), (lists, _) = both_ways(lambda: Network.random(2, 400, seed=0), train, samples(2, 3), 0.1, 2)
    assert unrolled.sgd_epoch(big) is None and bits(fast) == bits(lists)


def test_several_outputs_train_as_before():
    data = [([0.5, -1.0], [1.0, 0.0]), ([1.0, 1.0], [0.0, 1.0])]
    (fast, a), (lists, b) = both_ways(lambda: DeepNetwork.random([2, 3, 2], seed=1), deep.train, data, 0.5, 20)
    assert a == b and bits(fast) == bits(lists)


def test_unrolled_must_be_true_or_false():
    with pytest.raises(TypeError, match="unrolled must be True or False"):
        train(Network.random(seed=0), [([0, 1], 1)], 0.1, 1, unrolled="yes")


def test_one_step_worked_by_hand():
    """The printed program's numbers, worked with a pencil: W¹ = (0.5; 0.25), W² = 2, identity,
    x = (1, 2), d = 3, α = 0.5. h′ = 1·0.5 + 2·0.25 = 1 = h, y = 2, α(d − y) = 0.5;
    δ² = h = 1, δ¹_i1 = W²·Φ′·x_i = 2·x_i; W²: 2 + 0.5 = 2.5, W¹_11: 0.5 + 1 = 1.5, W¹_21: 0.25 + 2."""
    net = Network([[0.5], [0.25]], [2.0], activation="identity")
    namespace = {}
    exec(unrolled.step_source(net, [1.0, 2.0], 3.0, 0.5), namespace)
    assert (namespace["W1_11"], namespace["W1_21"], namespace["W2_1"]) == (1.5, 2.25, 2.5)
    assert (namespace["y"], namespace["E"]) == (2.0, 0.5)


def test_one_step_with_a_sigmoid_output_worked_by_hand():
    """W¹ = (0.5; 0.25), W² = 2, Φ = identity, Φ_out = sigmoid, x = (1, −2), d = 1.5, α = 1.
    h′ = 0.5 − 0.5 = 0 = h, y′ = 0, y = σ(0) = ½, Φ_out′ = ½·½ = ¼, α(d − y) = 1, E = ½;
    δ² = ¼·h = 0, δ¹_i1 = ¼·W²·Φ′·x_i = ½·x_i: W¹_11 = 0.5 + 0.5 = 1, W¹_21 = 0.25 − 1 = −0.75."""
    for net in (Network([[0.5], [0.25]], [2.0], activation="identity", output_activation="sigmoid"),
                DeepNetwork([[[0.5], [0.25]], [[2.0]]], activation="identity", output_activation="sigmoid")):
        namespace = {}
        exec(unrolled.step_source(net, [1.0, -2.0], 1.5, 1.0), namespace)
        W2_1 = "W2_1" if isinstance(net, Network) else "W2_11"  # a deep network's W² is a matrix
        assert eval(f"(W1_11, W1_21, {W2_1}, y_prime, y, dy_dy_prime, E)", namespace) == (
            1.0, -0.75, 2.0, 0.0, 0.5, 0.25, 0.5)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("output_activation", ACTIVATIONS)
@pytest.mark.parametrize("bias", [False, True])
def test_the_printed_step_is_sgd_step(activation, output_activation, bias, capsys):
    for net in (Network.random(2, 3, activation=activation, bias=bias, seed=1, output_activation=output_activation),
                DeepNetwork.random([2, 3, 2, 1], activation=activation, bias=bias, seed=1,
                                   output_activation=output_activation),
                Network.random(2, 11, activation=activation, bias=bias, seed=1, output_activation=output_activation)):
        namespace = {}
        exec(unrolled.step_source(net, [0.7, -1.3], 0.25, 0.5), namespace)
        capsys.readouterr()
        step = (sgd_step if isinstance(net, Network) else deep.sgd_step)(net, [0.7, -1.3], 0.25, 0.5)
        names = unrolled._flat(unrolled._parts(*unrolled._shape(net)[:3],
                                               unrolled._Activation(activation, True, True), None)[0])
        assert [struct.pack("<d", namespace[name]) for name in names] == bits(net)
        assert namespace["E"] == step.E


def test_names_are_the_lectures_one_based():
    source = unrolled.step_source(Network.random(seed=0), [1.0, 0.5], 1.0, 0.5)
    for line in ("h_prime_1 = 0.0 + x_1 * W1_11 + x_2 * W1_21", "dy_dW1_11 = x_1 * (phi_prime_1 * W2_1)",
                 "W1_11 += alpha_error * dy_dW1_11", "# feedforward", "# error", "# backpropagation",
                 "# update", "never from text a user typed"):
        assert line in source
    parts = [source.index(f"# {part}\n") for part in ("feedforward", "error", "backpropagation", "update")]
    assert parts == sorted(parts)
    assert "W1_1_12" in unrolled.step_source(Network.random(2, 12, seed=0), [1.0, 0.5], 1.0, 0.5)


def test_what_cannot_be_written_out_says_so():
    with pytest.raises(ValueError, match="own activation"):
        unrolled.step_source(Network.random(activation=SIGN, seed=0), [1.0, 0.5], 1.0, 0.5)
    with pytest.raises(ValueError, match="own output activation"):
        unrolled.step_source(Network.random(output_activation=SIGN, seed=0), [1.0, 0.5], 1.0, 0.5)
    with pytest.raises(ValueError, match="2 outputs"):  # several outputs: d a list of one value each
        unrolled.step_source(DeepNetwork.random([2, 2], seed=0), [1.0, 0.5], 1.0, 0.5)


def test_sums_go_left_to_right_on_every_python():
    """(1e16 + 1) − 1e16 is 0 left to right (1e16 + 1 rounds to 1e16); sum() gives 1 from 3.12 on."""
    a, b, c = 1e16, 1.0, -1e16
    assert eval(unrolled._sum(["a", "b", "c"]), {}, {"a": a, "b": b, "c": c}) == 0.0 == add_up([a, b, c])
    assert str(eval(unrolled._sum(["a", "b"]), {}, {"a": -0.0, "b": -0.0})) == "0.0"


def test_unroll_prints_a_program_that_takes_sgd_steps_step(run):
    example = ([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3])  # the lecture's
    for options, net in [([], Network(*example)),
                         (["--output-activation", "sigmoid"], Network(*example, output_activation="sigmoid")),
                         (["--layers", "2,3,2,1", "--seed", "4", "--bias", "--activation", "tanh"],
                          DeepNetwork.random([2, 3, 2, 1], activation="tanh", bias=True, seed=4)),
                         (["--layers", "2,3,2,1", "--seed", "4", "--output-activation", "tanh"],
                          DeepNetwork.random([2, 3, 2, 1], seed=4, output_activation="tanh"))]:
        printed = run("-m", "backprop", "unroll", *options, "--x", "1,0.5", "--d", "1", "--alpha", "0.5")
        assert printed.returncode == 0, printed.stderr
        result = run("-c", printed.stdout)
        assert result.returncode == 0, result.stderr
        (sgd_step if isinstance(net, Network) else deep.sgd_step)(net, [1.0, 0.5], 1.0, 0.5)
        new = [float(line.split(" = ")[1]) for line in result.stdout.splitlines()]
        assert [struct.pack("<d", w) for w in new] == bits(net)


@pytest.mark.parametrize("options, message", [
    (["--layers", "2,3,2", "--seed", "1", "--d", "1"], "--d has 1 value but the network has 2 outputs"),
    (["--layers", "2,3,3", "--seed", "1", "--output-activation", "softmax", "--loss", "cross_entropy", "--d", "1,1,0"],
     "adds up to 2, not 1"),
    (["--x", "1,2,3"], "--x has 3 values but the network has 2 inputs"),
    (["--alpha", "0"], "alpha"),
    (["--hidden", "0", "--seed", "1"], "--hidden must be at least 1"),
    (["--hidden", "400", "--seed", "1"], "the network has 1,200 weights, and a step is written out for at most 1,000"),
])
def test_unroll_bad_input_is_one_line(run, options, message):
    from conftest import assert_usage_error

    assert_usage_error(run("-m", "backprop", "unroll", *options), message)


@pytest.mark.parametrize("activation", ACTIVATIONS + sorted(OWN))
@pytest.mark.parametrize("output_activation", ["identity", "sigmoid"])
@pytest.mark.parametrize("bias", [False, True])
def test_the_lists_train_as_a_loop_of_sgd_step(activation, output_activation, bias):
    """train's own list epoch (ΔW added as it is computed, no records) is sgd_step's, bit for bit."""
    data = samples(2, 30)
    activation = OWN.get(activation, activation)
    for make, trainer, step in [
        (lambda: Network.random(2, 3, activation=activation, bias=bias, seed=1,
                                output_activation=output_activation), train, sgd_step),
        (lambda: DeepNetwork.random([2, 4, 3, 1], activation=activation, bias=bias, seed=1,
                                    output_activation=output_activation), deep.train, deep.sgd_step),
    ]:
        trained, stepped = make(), make()
        trainer(trained, data, 0.05, 10, unrolled=False)
        for _ in range(10):
            for x, d in data:
                step(stepped, x, d, 0.05)
        assert bits(trained) == bits(stepped)


def test_what_stop_and_on_epoch_change_in_the_weights_is_kept():
    """A stop() or on_epoch that changes a weight: the next step starts from the changed weight."""
    data = samples(2, 8)
    for make, trainer, first_row in [
        (lambda: Network.random(2, 3, seed=9), train, lambda net: net.W1[0]),
        (lambda: DeepNetwork.random([2, 3, 1], seed=9), deep.train, lambda net: net.W[0][0]),
    ]:
        results = []
        for way in (True, False):
            net, calls = make(), []

            def stop():
                calls.append(1)
                if len(calls) % 5 == 0:
                    first_row(net)[0] = 0.25 * len(calls)
                return False

            def on_epoch(epoch, mean_E):
                first_row(net)[1] = -0.5

            trainer(net, data, 0.3, 4, stop=stop, on_epoch=on_epoch, unrolled=way)
            results.append(bits(net))
        assert results[0] == results[1]


def test_the_longest_sums_the_cap_allows_compile():
    # 1-500-1: y′ is a sum of 500 terms written 0.0 + a + b + …, at the cap of 1,000 weights
    net = Network.random(1, 500, seed=0)
    assert unrolled._weight_count(net) == unrolled.MAX_WEIGHTS
    assert unrolled.sgd_epoch(net) is not None


def test_a_copied_network_keeps_the_librarys_activations_written_out():
    # copy.deepcopy (and pickle) rebuild the Activation record: an equal record, not the same object
    import copy

    net = copy.deepcopy(Network([[0.5], [0.25]], [2.0], activation="sigmoid", output_activation="tanh"))
    assert net.activation == "sigmoid" and net.output_activation == "tanh"
    source = unrolled.step_source(net, [1.0, 2.0], 3.0, 0.5)
    assert "h_1 = sigmoid(h_prime_1)" in source and "y = tanh(y_prime)" in source  # by name, as for the original
    fast, lists = copy.deepcopy(net), copy.deepcopy(net)
    train(fast, samples(2, 8), 0.5, 3, unrolled=True)
    train(lists, samples(2, 8), 0.5, 3)
    assert bits(fast) == bits(lists)


@pytest.mark.parametrize("network", ["lecture 2-3-1", "deep 2-4-3-1"])
@pytest.mark.parametrize("activation", ["sigmoid", "relu", "own pair"])
@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_the_compiled_check_of_the_samples_raises_where_the_lists_do(network, activation, sign):
    make, trainer = NETWORKS[network]
    phi = OWN.get(activation, activation)
    fine = [([0.0, 0.0], 0.5), ([1e-3, -1e-3], 0.2), ([0.5, 0.25], -0.5)]
    # W_11 = W_12 = 1e308, W_21 = ±1e308: h′_1 = x_1·1e308 ± x_2·1e308 is inf, NaN (inf − inf), or finite
    # with h′_1 + h′_2 past the largest float (the lists' sum overflows, yet every value is finite)
    for x in ([1.0, 1.0], [2.0, 2.0], [1.0, 0.5], [0.5, -0.5]):
        outcomes = []
        for way in (True, False):
            net = make(phi, False)
            W_first = net.W1 if isinstance(net, Network) else net.W[0]
            W_first[0][0] = W_first[0][1] = 1e308
            W_first[1][0] = sign * 1e308
            before = bits(net)
            try:
                outcomes.append(trainer(net, fine[:2] + [(x, 0.5)] + fine[2:], 0.01, 1, unrolled=way))
            except (ValueError, DivergenceError) as error:
                outcomes.append((type(error), str(error)))
                assert bits(net) == before
        assert outcomes[0] == outcomes[1]
    assert unrolled.forward_check(make(phi, False)) is not None  # the compiled check did run


@pytest.mark.parametrize("make, d", [
    (lambda: Network.random(2, 3, seed=4, output_activation="sigmoid", loss="cross_entropy"), 1.0),
    (lambda: DeepNetwork.random([2, 3, 2], seed=4, output_activation="softmax", loss="cross_entropy"), [0.0, 1.0]),
    (lambda: DeepNetwork.random([2, 3, 2], seed=4, output_activation="tanh"), [0.5, -0.5])])
def test_the_compiled_check_of_cross_entropy_and_several_outputs_raises_where_the_lists_do(make, d):
    trainer = train if isinstance(make(), Network) else deep.train
    for x in ([1.0, 1.0], [2.0, 2.0], [1.0, 0.5]):  # h′_1 inf, NaN, or finite with an overflowing sum
        outcomes = []
        for way in (True, False):
            net = make()
            W_first = net.W1 if isinstance(net, Network) else net.W[0]
            W_first[0][0] = W_first[0][1] = 1e308
            W_first[1][0] = -1e308 if x == [2.0, 2.0] else 1e308
            before = bits(net)
            try:
                outcomes.append(trainer(net, [([0.0, 0.0], d), (x, d)], 0.01, 1, unrolled=way))
            except (ValueError, DivergenceError) as error:
                outcomes.append((type(error), str(error)))
                assert bits(net) == before
        assert outcomes[0] == outcomes[1]
    assert unrolled.forward_check(make()) is not None


@pytest.mark.parametrize("deep_network", [False, True])
def test_weights_that_overflow_together_in_one_order_only_are_checked_in_the_lists_order(deep_network):
    # the lists add the new weights row by row (W¹: 1e308 − 2, then 1e308 − 1e308 + 0), where one
    # left-to-right sum of all would pass 1.8e308 (1e308 − 2 + 1e308): finite for the lists, so here too
    samples = [([1.0, 0.0], 1.0)]  # x_2 = 0: W¹'s second row meets no input; ReLU: h = (1e308, 0, 0), y = 0
    W1, W2 = [[1e308, -1.0, -1.0], [1e308, -1e308, 0.0]], [0.0, 0.5, 0.5]
    outcomes = []
    for way in (True, False):
        net = (DeepNetwork([W1, [[w] for w in W2]], activation="relu") if deep_network
               else Network(W1, W2, activation="relu"))
        outcomes.append(((deep.train if deep_network else train)(net, samples, 0.01, 1, unrolled=way), bits(net)))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == [0.5]  # E = ½(1 − 0)², and the step taken: W²_1 = 0.01 · 1e308
