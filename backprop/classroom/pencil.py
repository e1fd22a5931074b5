"""Pencil mode: the step as a learner carrying ``digits`` significant digits works it.

Each value is computed from the rounded values shown before it, stage by stage,
by the library's own functions: for the lecture's network the feedforward pass
(and that of a pass-through network for y′ from the rounded h), the loss, the
gradients from a :class:`~backprop.Forward` of rounded values, ΔW from the
rounded δ and y, and the update; for a deep network the same steps of
:mod:`backprop.math.deep`, one layer at a time. The network's activations are wrapped so that Φ, Φ′, Φ_out and
Φ_out′ give rounded values too. With binary cross-entropy E is worked from the rounded y,
∂E/∂y′ = ∂E/∂y · Φ_out′(y′) from the rounded ∂E/∂y, and δ = ∂y′/∂W (Φ_out′ cancelled), as the
trace works them. The result is a record shaped like
:func:`backprop.trace.explain.explain`'s, so every format shows it; a learner who
rounds to ``digits`` digits as they go matches every digit.

>>> from backprop.trace import lecture_example as example
>>> record = pencil_record(example.network(), example.x, example.d, example.alpha, digits=4)
>>> record["h"], record["y"]       # 0.6457·0.4 + 0.5125·(−0.5) + 0.6225·0.3 = 0.18878
([[0.6457, 0.5125, 0.6225]], [0.1888])
"""

from backprop.activations import Activation
from backprop.loss import binary_cross_entropy, binary_cross_entropy_from_y_prime, error, unchecked_squared_error
from backprop.math import validate
from backprop.math import deep
from backprop.math.deep import DeepForward, DeepNetwork
from backprop.network import Forward, Network
from backprop.trace.explain import chain_terms, cross_entropy_values, step_record
from backprop.train import Gradients, apply_changes, backpropagate, changes, output_slope


def rounded(value: float, digits: int) -> float:
    """``value`` to ``digits`` significant digits, as the trace shows it.

    >>> rounded(0.6456563, 4), rounded(-0.050672, 3)
    (0.6457, -0.0507)
    """
    return float(f"{value:.{digits}g}")


def _cross_entropy(net, d: float, y_prime: float, y: float, phi_out_prime: float, digits: int) -> tuple:
    """Binary cross-entropy's E and the record's keys of why Φ_out′ cancels, as a pencil works them:
    E = −(d ln y + (1 − d) ln(1 − y)) from the rounded y, the same E as ln(1 + e^(y′)) − d·y′ from the
    rounded y′ (``E_from_y_prime``: it may differ in the last digit), ∂E/∂y from y, and ∂E/∂y′ = ∂E/∂y ·
    Φ_out′(y′) from the rounded ∂E/∂y. ``ValueError`` where y rounds to 0 or 1 (ln 0, and a quotient by 0)."""
    if y in (0.0, 1.0):
        raise ValueError(f"with {digits} significant digits y rounds to {y:g}, and ∂E/∂y = −(d/y − (1 − d)/(1 − y)) "
                         f"would divide by {'y' if y == 0.0 else '1 − y'} = 0; carry more digits, or work the step "
                         "at full precision")
    E = binary_cross_entropy(d, y)
    dE_dy = [rounded(cross_entropy_values(net, [d], [y], [[phi_out_prime]])["dE_dy"][0], digits)]
    values = cross_entropy_values(net, [d], [y], [[phi_out_prime]], dE_dy)
    values["dE_dy_prime"] = [rounded(values["dE_dy_prime"][0], digits)]
    values["E_from_y_prime"] = rounded(binary_cross_entropy_from_y_prime(d, y_prime), digits)
    return rounded(E, digits), values


def pencil_record(net, x, d, alpha: float, digits: int = 4) -> dict:
    """The record of one step of ``net`` on ``(x, d)``, every value from the rounded ones before it.

    ``net`` is the lecture's :class:`~backprop.Network` or a
    :class:`~backprop.math.deep.DeepNetwork` with one output. Shaped as
    :func:`backprop.trace.explain.explain`'s (``d`` a number or a list of one).
    Raises what ``explain`` raises for bad input, ``TypeError`` for another kind of
    network, and ``ValueError`` for several outputs or ``digits`` below 1.
    """
    if not isinstance(net, (Network, DeepNetwork)):
        raise TypeError(f"pencil mode works a Network or a DeepNetwork, not {type(net).__name__}")
    digits = validate.count(digits, "digits")
    alpha = validate.positive(alpha, "alpha")

    if isinstance(net, DeepNetwork):
        return _deep_record(net, x, d, alpha, digits)
    return _lecture_record(net, x, d, alpha, digits)


def _rounding_all(digits: int):
    """A function rounding a value, or every value of nested lists, to ``digits``."""
    def r(values):
        if isinstance(values, list):
            return [r(value) for value in values]
        return rounded(values, digits)

    return r


def _lecture_record(net: Network, x, d, alpha: float, digits: int) -> dict:
    """The pencil record of the lecture's network."""
    r = _rounding_all(digits)
    x = net.check_x(x)
    d = validate.number(d[0] if isinstance(d, (list, tuple)) and len(d) == 1 else d, "d")
    x = r(x)  # the given numbers too, as the trace shows them
    net = Network(r(net.W1), r(net.W2), activation=net._activation,
                  output_activation=net._output_activation, bias=net.bias, loss=net.loss)
    of_y_prime = net.loss == "cross_entropy"  # its δ is ∂y′/∂W: Φ_out′ cancels
    pencil = _rounding(net, digits)
    h_prime = r(net._feedforward(x).h_prime)
    h = [pencil.phi(h_prime_j) for h_prime_j in h_prime]
    y_prime = r(_pass_through(net, h)._feedforward(h).y)
    y = pencil.phi_out(y_prime)
    if net.phi_prime_from_h is not None:
        phi_prime = [pencil.phi_prime_from_h(h_j) for h_j in h]
    else:
        phi_prime = [pencil.phi_prime(h_prime_j) for h_prime_j in h_prime]
    phi_out_prime = output_slope(pencil, y_prime, y)
    forward = Forward(x, h_prime, h, y_prime, y)
    dy_dW1, dy_dW2 = r(list(backpropagate(pencil, forward, of_y_prime)))
    # ∂y/∂h′_j = ∂y/∂W¹_ij / x_i, read off at an input of 1, as explain does
    dy_dh_prime = r(backpropagate(pencil, forward._replace(x=[1.0] * len(x)), of_y_prime).dy_dW1[0])
    delta_W1, delta_W2 = r(list(changes(Gradients(dy_dW1, dy_dW2), d, y, alpha)))
    after = net.copy()
    apply_changes(after, delta_W1, delta_W2)
    after = Network(r(after.W1), r(after.W2), activation=net._activation,
                    output_activation=net._output_activation, bias=net.bias, loss=net.loss)
    forward_new = after._feedforward(x)
    y_new = r(forward_new.y)
    if of_y_prime:
        E, loss_values = _cross_entropy(net, d, y_prime, y, phi_out_prime, digits)
        E_new = r(error(net.loss, [d], [forward_new.y], [forward_new.y_prime]))
    else:
        E, loss_values = r(unchecked_squared_error(d, y)), {}
        E_new = r(unchecked_squared_error(d, y_new))

    def column(values):
        return [[value] for value in values]

    return step_record(
        net, x, [d], alpha,
        W=[[list(row) for row in net.W1], column(net.W2)],
        h_prime=[h_prime], h=[h], phi_prime=[phi_prime],
        y_prime=[y_prime], y=[y], phi_out_prime=[phi_out_prime],
        E=E, **loss_values,
        dy_dh_prime=[[dy_dh_prime, [1.0] if of_y_prime else [phi_out_prime]]],
        dy_dW=[[dy_dW1, column(dy_dW2)]],
        delta_W=[delta_W1, column(delta_W2)],
        W_new=[after.W1, column(after.W2)],
        y_new=[y_new], E_new=E_new,
    )


def _deep_record(net: DeepNetwork, x, d, alpha: float, digits: int) -> dict:
    """The pencil record of a deep network with one output, through :mod:`backprop.math.deep`.

    Each error term ∂y/∂h′ᵏ is worked from the rounded ones of layer k+1, one layer
    at a time (:func:`~backprop.math.deep.error_terms_before`). A δ whose line shows
    its factors (one path) is rounded from them; a δ whose line adds several paths
    is the sum of the paths as shown, each rounded.
    """
    r = _rounding_all(digits)
    x, d = net.check_x(x), net.check_d(d)
    if net.n_outputs != 1:
        raise ValueError(f"pencil mode works networks with one output; this one has {net.n_outputs}")
    x = r(x)  # the given numbers too, as the trace shows them
    phi = net._activation or list(net.hidden_activations)  # one Φ, or one per hidden layer
    net = DeepNetwork(r(net.W), activation=phi, output_activation=net._output_activation, bias=net.bias,
                      loss=net.loss)
    of_y_prime = net.loss == "cross_entropy"  # its δ is ∂y′/∂W: Φ_out′ cancels, the chain starts from 1
    pencil = DeepNetwork(net.W, activation=_rounded_activation(phi, digits) if net.phi is not None else
                         [_rounded_activation(phi_k, digits) for phi_k in phi],
                         output_activation=_rounded_activation(net._output_activation, digits), bias=net.bias)
    h_prime, h, into = [], [], x
    for W_k, phi_k in zip(net.W[:-1], pencil.hidden_activations):  # h′ᵏ from the rounded hᵏ⁻¹, hᵏ from h′ᵏ
        h_prime.append(r(deep.weighted_sums(into, W_k, net.bias)))
        into = [phi_k.phi(h_prime_j) for h_prime_j in h_prime[-1]]
        h.append(into)
    y_prime = r(deep.weighted_sums(into, net.W[-1], net.bias))
    forward = DeepForward(x, h_prime, h, y_prime, [pencil.phi_out(y_prime_j) for y_prime_j in y_prime])
    phi_prime = [[phi_k.phi_prime_from_h(h_j) for h_j in h_k] if phi_k.phi_prime_from_h is not None else
                 [phi_k.phi_prime(h_prime_j) for h_prime_j in h_prime_k]
                 for phi_k, h_k, h_prime_k in zip(pencil.hidden_activations, h, h_prime)]
    phi_out_prime = deep.output_error_terms(pencil, forward, 0)[0]
    shown = [[1.0] if of_y_prime else [phi_out_prime]]  # the error terms as the trace shows them
    worked = list(shown)  # and as worked out, before rounding: a one-path δ multiplies its factors
    for k in range(len(net.W) - 2, -1, -1):  # hidden layer k+1, from the last back to the first
        worked.insert(0, deep.error_terms_before(pencil, net.W[k + 1], h[k], h_prime[k], shown[0],
                                                 pencil.hidden_activations[k]))
        shown.insert(0, r(worked[0]))
    dy_dW = r(deep.dy_dW(pencil, forward, worked))
    shape = dict(W=net.copy().W, x=x, h=h, phi_prime=phi_prime, dy_dh_prime=[shown], bias=net.bias)
    for k, paths_k in enumerate(chain_terms(shape, 0)):  # the addends the trace shows of δᵏ⁺¹
        if net.layers[k + 2] > 1:  # several paths: δ is the sum of the rounded paths
            dy_dW[k] = [[rounded(sum(r(paths_ab)), digits) for paths_ab in row] for row in paths_k]
    delta_W = r(deep.changes([dy_dW], d, forward.y, alpha))
    after = net.copy()
    deep.apply_changes(after, delta_W)
    after = DeepNetwork(r(after.W), activation=phi, output_activation=net._output_activation, bias=net.bias,
                        loss=net.loss)
    forward_new = after._feedforward(x)
    y_new = r(forward_new.y)
    if of_y_prime:
        E, loss_values = _cross_entropy(net, d[0], y_prime[0], forward.y[0], phi_out_prime, digits)
        E_new = r(error(net.loss, d, forward_new.y, forward_new.y_prime))
    else:
        E, loss_values = r(deep.unchecked_squared_error(d, forward.y)), {}
        E_new = r(deep.unchecked_squared_error(d, y_new))
    return step_record(
        net, x, d, alpha,
        W=net.copy().W, h_prime=h_prime, h=h, phi_prime=phi_prime,
        y_prime=y_prime, y=forward.y, phi_out_prime=[phi_out_prime],
        E=E, **loss_values,
        dy_dh_prime=[shown], dy_dW=[dy_dW], delta_W=delta_W, W_new=after.W,
        y_new=y_new, E_new=E_new,
    )


def _rounded_activation(phi: Activation, digits: int) -> Activation:
    """``phi`` with Φ and Φ′ giving values rounded to ``digits``."""
    from_h = phi.phi_prime_from_h
    return Activation(
        phi.name,
        lambda z: rounded(phi.phi(z), digits),
        lambda z: rounded(phi.phi_prime(z), digits),
        (lambda h: rounded(from_h(h), digits)) if from_h is not None else None,
    )


def _rounding(net: Network, digits: int) -> Network:
    """``net`` with activations (Φ and Φ_out) whose values and slopes are rounded to ``digits``."""
    return Network(net.W1, net.W2, activation=_rounded_activation(net._activation, digits),
                   output_activation=_rounded_activation(net._output_activation, digits), bias=net.bias)


def _pass_through(net: Network, h: list) -> Network:
    """A network whose hidden layer is h itself (weights 1 and 0, Φ the identity) and whose W² is ``net``'s:
    its feedforward gives y′ = Σ_j h_j·W²_j from the given h (its own output is linear: y = y′)."""
    m = len(h)
    W1 = [[1.0 if i == j else 0.0 for j in range(m)] for i in range(m + net.bias)]
    return Network(W1, net.W2, activation="identity", bias=net.bias)
