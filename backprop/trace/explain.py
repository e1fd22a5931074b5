"""One backpropagation step, explained: every number of the lecture's formulas, for any network.

:func:`explain` runs one step of stochastic gradient descent on a copy of a
:class:`~backprop.Network` (the lecture's) or a :class:`~backprop.DeepNetwork`
(any depth, any number of outputs), through the library's own feedforward,
gradients and step, and returns every number of it in one record, a dict with
the same keys for both kinds of network. Layers are counted as in the lecture:
``W[0]`` is W¹, ``h[0]`` is the first hidden layer h¹; indices inside a layer
are Python's (zero-based): ``W[0][1][2]`` is W¹_23. The lecture's network is a
network of two layers: its W² is ``W[1]``, a matrix of one column.

    schema_version   2, the version of this list of keys
    layers           the layer sizes: inputs, each hidden layer, outputs (the lecture's: [n, m, 1])
    activation       the name of Φ, the hidden layers' activation; a list of names, one per
                     hidden layer (Φ¹ first), where they differ
    output_activation  the name of Φ_out, the output's activation ("identity": y = y′)
    bias             whether every layer has a constant input 1 (the last row of each W)
    x, d, alpha      the sample's input, its desired outputs (a list, one per output) and α
    W                the weight matrices before the step, one per layer
    h_prime, h       per hidden layer: h′ᵏ_j = Σ_i hᵏ⁻¹_i·Wᵏ_ij and hᵏ_j = Φ(h′ᵏ_j)
    phi_prime        per hidden layer: Φ′(h′ᵏ_j)
    y_prime, y       per output: y′_j = Σ_i hᴷ⁻¹_i·Wᴷ_ij and y_j = Φ_out(y′_j)
    phi_out_prime    per output: Φ_out′(y′_j)
    E                E = ½ Σ_j (d_j − y_j)², the lecture's ½(d − y)² for one output; with
                     cross-entropy E = −(d ln y + (1 − d) ln(1 − y)) or −Σ_j d_j ln y_j
    dy_dh_prime      per output j, per layer (hidden layers, then the output layer): ∂y_j/∂h′ᵏ,
                     the error terms; the output layer's is ∂y_j/∂y′
    dy_dW            per output j, per layer: δ = ∂y_j/∂W, shaped like W
    dy_dW_terms      per output j, per layer before the last: for each weight, the chain rule's
                     addends, one per neuron of the next layer (each a path to y_j through it);
                     they add up to dy_dW, for showing the sum term by term
    delta_W          per layer: ΔW = α Σ_j (d_j − y_j)·∂y_j/∂W, the lecture's α(d − y)·δ
    W_new            the weights after the step, W + ΔW (with momentum, W + v)
    y_new, E_new     y and E on the same sample after the step

With momentum (``explain(..., momentum=μ, velocity=v)``, see
:mod:`backprop.math.training_loop`) the record has three keys more, and W_new is W + v:

    momentum         μ
    velocity         v of every weight before the step, shaped like W (the change of the step before)
    velocity_new     v ← μ·v + ΔW, shaped like W

A network trained with cross-entropy (only then) has four keys more, and its δ is ∂y′/∂W:

    loss             "cross_entropy" (after output_activation)
    dE_dy            per output: ∂E/∂y_j, −(d/y − (1 − d)/(1 − y)) or −d_j/y_j (after E)
    dy_dy_prime      ∂y_l/∂y′_j, row l, column j: [[Φ_out′(y′)]] for the sigmoid, softmax's matrix
    dE_dy_prime      per output: ∂E/∂y′_j = Σ_l ∂E/∂y_l·∂y_l/∂y′_j, which is −(d_j − y_j)
    dy_dh_prime, dy_dW  as above, of y′_j instead of y_j: the step is ΔW = α Σ_j (d_j − y_j)·∂y′_j/∂W

Every value is a float, or a list of them, at full precision, so ``json.dumps``
takes the record as it is; :mod:`backprop.trace.formats` writes it as text,
Markdown, LaTeX, JSON or an HTML page.
"""

import math

from backprop.activations import softmax_jacobian
from backprop.loss import binary_cross_entropy_slope, cross_entropy_slopes, error, unchecked_squared_error
from backprop.math.sums import add_up
from backprop.math import deep, validate
from backprop.math.deep import DeepNetwork
from backprop.network import Network
from backprop.trace.explanation import Explanation
from backprop.math.notation import layer
from backprop.math.training_loop import DivergenceError, check_momentum, with_momentum
from backprop.train import apply_changes, backpropagate, compute_step, output_slope

SCHEMA_VERSION = 2


def explain(net, x, d, alpha: float, momentum: float | None = None, velocity=None) -> Explanation:
    """Return the record of one SGD step of ``net`` on sample ``(x, d)``; ``net`` is not changed.

    The record is a dict (an :class:`~backprop.trace.explanation.Explanation`, which the REPL
    and a notebook show as the worked step, to 4 significant digits; its values keep every digit).

    ``d`` is a number for the lecture's network (or a list of one), a list with
    one number per output for a deep network.

    >>> from backprop.trace import lecture_example as example
    >>> record = explain(example.network(), example.x, example.d, example.alpha)
    >>> record["h_prime"]                  # 1·0.5 + 0.5·0.2, 1·(−0.3) + 0.5·0.7, 1·0.8 + 0.5·(−0.6)
    [[0.6, 0.04999999999999999, 0.5]]
    >>> record["layers"], record["E_new"] < record["E"]
    ([2, 3, 1], True)

    ``momentum=μ`` works the step with momentum: v ← μ·v + ΔW, W ← W + v, from the velocities
    ``velocity`` (shaped like the record's ``W``: one matrix per layer, the lecture's W² a column;
    ``None`` is v = 0, the first step of training).

    Raises ``ValueError`` or ``TypeError`` for a ``net`` that is neither kind of
    network, an ``x`` or ``d`` that does not fit it, an ``alpha`` that is not
    positive, a momentum outside [0, 1) or a velocity not shaped like the weights, and
    :class:`~backprop.DivergenceError` if the step would make a weight or the error infinite.
    """
    if momentum is None and velocity is not None:
        raise ValueError("a velocity is for a step with momentum; give momentum=μ too")
    mu = None if momentum is None else check_momentum(momentum)
    if isinstance(net, Network):
        record = _lecture_step(net, x, d, alpha)
    elif isinstance(net, DeepNetwork):
        record = _deep_step(net, x, d, alpha)
    else:
        raise TypeError(f"net must be a Network or a DeepNetwork, not {type(net).__name__}")
    if mu is not None:
        record = _with_momentum(net, record, mu, velocity)
    if not (math.isfinite(record["E"]) and math.isfinite(record["E_new"])):
        raise DivergenceError(
            "the error E is too large to compute (it overflows to infinity); "
            "use smaller weights, inputs or alpha"
        )
    return Explanation(record)


def _with_momentum(net, record: dict, mu: float, velocity) -> dict:
    """The record of the step with momentum: v ← μ·v + ΔW, and W_new, y_new and E_new from W ← W + v."""
    W = record["W"]
    if velocity is None:
        velocity = [[[0.0] * len(row) for row in W_k] for W_k in W]  # v = 0: the first step of training
    velocity = [[validate.vector(row, f"row {i + 1} of {layer('v', k)}", length=len(W_row), what="weights")
                 for i, (row, W_row) in enumerate(zip(_rows(v_k, W_k, layer("v", k), "row", layer("W", k)), W_k))]
                for k, (v_k, W_k) in enumerate(zip(_rows(velocity, W, "the velocity v", "matrix", "W"), W))]
    v_new = with_momentum(velocity, record["delta_W"], mu)
    after = net.copy()
    if isinstance(net, Network):  # W ← W + v
        apply_changes(after, v_new[0], [row[0] for row in v_new[1]])
        forward = after._feedforward(record["x"])
        W_new, y_new, y_prime_new = [after.W1, [[w] for w in after.W2]], [forward.y], [forward.y_prime]
    else:
        deep.apply_changes(after, v_new)
        forward = after._feedforward(record["x"])
        W_new, y_new, y_prime_new = after.W, forward.y, forward.y_prime
    # E after the step, by the network's loss (½Σ(d − y)², or cross-entropy from y′)
    record.update(W_new=W_new, y_new=y_new, E_new=error(net.loss, record["d"], y_new, y_prime_new),
                  momentum=mu, velocity=velocity, velocity_new=v_new)
    return record


def _rows(values, like: list, name: str, part: str, like_name: str) -> list:
    """``values`` as a list as long as ``like``, or raise: ``name`` must have a ``part`` per one of ``like_name``."""
    if not isinstance(values, (list, tuple)) or len(values) != len(like):
        raise ValueError(f"{name} must be shaped like {like_name}: a list of {len(like)}, one {part} each, not "
                         f"{validate.shown(values)}")
    return list(values)


def _phi_out_prime(net, y_prime: list, y: list) -> list:
    """Φ_out′(y′_j) for every output, as the gradients take it (:func:`backprop.train.output_slope`)."""
    return [output_slope(net, y_prime_j, y_j) for y_prime_j, y_j in zip(y_prime, y)]


def _lecture_step(net: Network, x, d, alpha) -> dict:
    """The record of a step of the lecture's network, through :mod:`backprop.train`."""
    x = net.check_x(x)
    if isinstance(d, (list, tuple)) and len(d) == 1:
        d = d[0]
    d = net.check_d(d)
    alpha = validate.positive(alpha, "alpha")
    forward = net._feedforward(x)
    step = compute_step(net, x, d, alpha)  # raises first if a value is not finite
    of_y_prime = net.loss != "squared"  # cross-entropy's δ is ∂y′/∂W, as its step takes it
    delta = backpropagate(net, forward, of_y_prime) if of_y_prime else backpropagate(net, forward)
    # ∂y/∂h′_j = ∂y/∂W¹_ij / x_i: the same chain rule read off at an input x_i = 1
    dy_dh_prime = backpropagate(net, forward._replace(x=[1.0] * len(x)), of_y_prime).dy_dW1[0]
    after = net.copy()
    apply_changes(after, step.delta_W1, step.delta_W2)
    forward_new = after._feedforward(x)
    y_new = forward_new.y
    y_prime = [forward.y_prime]
    phi_out_prime = _phi_out_prime(net, y_prime, [forward.y])
    dy_dW = [[list(row) for row in delta.dy_dW1], [[v] for v in delta.dy_dW2]]
    return step_record(
        net, x, [d], alpha,
        W=[[list(row) for row in net.W1], [[w] for w in net.W2]],
        h_prime=[forward.h_prime], h=[forward.h],
        phi_prime=[[net.phi_prime(h_prime_j) for h_prime_j in forward.h_prime]],
        y_prime=y_prime, y=[forward.y], phi_out_prime=phi_out_prime,
        E=step.E, **cross_entropy_values(net, [d], [forward.y], [phi_out_prime]),
        dy_dh_prime=[[list(dy_dh_prime), [1.0] if of_y_prime else phi_out_prime]],
        dy_dW=[dy_dW],
        delta_W=[[list(row) for row in step.delta_W1], [[v] for v in step.delta_W2]],
        W_new=[[list(row) for row in after.W1], [[w] for w in after.W2]],
        y_new=[y_new],
        E_new=unchecked_squared_error(d, y_new) if not of_y_prime else error(net.loss, [d], [y_new],
                                                                              [forward_new.y_prime]),
    )


def cross_entropy_values(net, d: list, y: list, dy_dy_prime: list, dE_dy: list | None = None) -> dict:
    """The record's keys that show why Φ_out′ cancels (none for the squared error): ∂E/∂y_j, the
    output activation's ∂y_l/∂y′_j and their chain rule ∂E/∂y′_j = Σ_l ∂E/∂y_l · ∂y_l/∂y′_j.

    ``dE_dy``, if given, is taken as ∂E/∂y_j (the classroom's: rounded, or a learner's own) instead
    of being worked from d and y. Raises ``ValueError`` where y rounds to 0 or 1 (∂E/∂y is a quotient by y).

    >>> from backprop import Network
    >>> net = Network([[0.0], [0.0]], [0.0], output_activation="sigmoid", loss="cross_entropy")
    >>> cross_entropy_values(net, [1.0], [0.5], [[0.25]])     # ∂E/∂y = −1/y = −2; −2 · ¼ = −(1 − ½)
    {'dE_dy': [-2.0], 'dy_dy_prime': [[0.25]], 'dE_dy_prime': [-0.5]}
    """
    if net.loss == "squared":
        return {}
    try:
        if dE_dy is None:
            dE_dy = [binary_cross_entropy_slope(d[0], y[0])] if len(y) == 1 else cross_entropy_slopes(d, y)
    except ZeroDivisionError:
        raise ValueError(f"y = {validate.shown(y)} rounds to 0 or 1, so ∂E/∂y (a quotient by y) cannot be shown; "
                         "the step itself needs only d − y: train takes it, use smaller weights to trace it") from None
    # ∂E/∂y′_j = Σ_l ∂E/∂y_l · ∂y_l/∂y′_j       (the chain rule through every output; it is −(d_j − y_j))
    dE_dy_prime = [add_up(dE_dy_l * row[j] for dE_dy_l, row in zip(dE_dy, dy_dy_prime)) for j in range(len(y))]
    return {"dE_dy": dE_dy, "dy_dy_prime": dy_dy_prime, "dE_dy_prime": dE_dy_prime}


def _of_y_prime(net: DeepNetwork, forward, j: int) -> deep.DeepGradients:
    """∂y′_j/∂W, by the same chain rule started from ∂y′_j/∂y′ = (0, …, 1, …, 0): cross-entropy's δ."""
    terms = deep.error_terms(net, forward, [1.0 if l == j else 0.0 for l in range(net.n_outputs)])
    return deep.DeepGradients(terms, deep.dy_dW(net, forward, terms))


def _deep_step(net: DeepNetwork, x, d, alpha) -> dict:
    """The record of a step of a deep network, through :mod:`backprop.math.deep`."""
    x, d = net.check_x(x), net.check_d(d)
    alpha = validate.positive(alpha, "alpha")
    forward = net._feedforward(x)
    step = deep.compute_step(net, x, d, alpha)  # raises first if a value is not finite
    if net.loss == "squared":
        gradients = [deep.backpropagate(net, forward, j) for j in range(net.n_outputs)]
    else:  # cross-entropy's δ: ∂y′_j/∂W
        gradients = [_of_y_prime(net, forward, j) for j in range(net.n_outputs)]
    after = net.copy()
    deep.apply_changes(after, step.delta_W)
    forward_new = after._feedforward(x)
    y_new = forward_new.y
    if net.softmax_output:
        dy_dy_prime = softmax_jacobian(forward.y)
        phi_out_prime = [dy_dy_prime[j][j] for j in range(net.n_outputs)]
    else:
        phi_out_prime = _phi_out_prime(net, forward.y_prime, forward.y)
        dy_dy_prime = [phi_out_prime]  # one output
    return step_record(
        net, x, d, alpha,
        W=net.copy().W, h_prime=forward.h_prime, h=forward.h,
        phi_prime=[list(map(phi_k.phi_prime, layer)) for phi_k, layer in zip(net.hidden_activations, forward.h_prime)],
        y_prime=forward.y_prime, y=forward.y, phi_out_prime=phi_out_prime,
        E=step.E, **cross_entropy_values(net, d, forward.y, dy_dy_prime),
        dy_dh_prime=[g.dy_dh_prime for g in gradients],
        dy_dW=[g.dy_dW for g in gradients],
        delta_W=step.delta_W, W_new=after.W,
        y_new=y_new, E_new=error(net.loss, d, y_new, forward_new.y_prime),
    )


def step_record(net, x, d, alpha, **values) -> dict:
    """The record, its keys in the documented order, with the chain rule's terms added."""
    layers = [len(x)] + [len(W_k[0]) for W_k in values["W"]]
    record = {
        "schema_version": SCHEMA_VERSION,
        "layers": layers,
        "activation": net.activation,
        "output_activation": net.output_activation,
        **({} if net.loss == "squared" else {"loss": net.loss}),  # the lecture's loss: no key, as before
        "bias": net.bias,
        "x": x,
        "d": d,
        "alpha": alpha,
    }
    record.update(values)
    terms = [chain_terms(record, j) for j in range(layers[-1])]
    keys = list(record)
    at = keys.index("dy_dW") + 1
    return {**{k: record[k] for k in keys[:at]}, "dy_dW_terms": terms, **{k: record[k] for k in keys[at:]}}


def chain_terms(record: dict, j: int) -> list:
    """The addends of ∂y_j/∂Wᵏ_ab for every layer k before the last, one per neuron c of layer k+1:

        ∂y_j/∂Wᵏ_ab = Σ_c hᵏ⁻¹_a · Φ′(h′ᵏ_b) · Wᵏ⁺¹_bc · ∂y_j/∂h′ᵏ⁺¹_c

    made of the record's own values (the sum itself is ``dy_dW``, from the library's gradients).
    """
    W, terms = record["W"], []
    for k in range(len(W) - 1):
        into = record["x"] if k == 0 else record["h"][k - 1]
        into = into + [1.0] if record["bias"] else into
        after = record["dy_dh_prime"][j][k + 1]
        terms.append([
            [[into_a * record["phi_prime"][k][b] * W_bc * after_c for W_bc, after_c in zip(W[k + 1][b], after)]
             for b in range(len(W[k][0]))]
            for into_a in into
        ])
    return terms
