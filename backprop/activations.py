"""The activation function Φ of the hidden layer, and its derivative Φ′.

(The same functions serve as the output activation Φ_out, y = Φ_out(y′), where a
network has one; the lecture's output has none, which is Φ_out = identity.)

In the lecture each hidden neuron takes its pre-activation h′_j and applies Φ:

    h_j = Φ(h′_j)

Backpropagation needs the slope of Φ at that same point, Φ′(h′_j): it is the
middle factor of the chain rule for a hidden weight,

    ∂y/∂W¹_ij = W²_j · Φ′(h′_j) · x_i

Four are built in, by name: ``"sigmoid"``, ``"tanh"``, ``"relu"`` and
``"identity"``. A person may also bring their own as a pair ``(phi, phi_prime)``.

Beyond this lecture the output may instead apply softmax (``output_activation="softmax"``,
with cross-entropy): not one function per neuron but one of all the outputs together,

    y_j = e^(y′_j) / Σ_l e^(y′_l)

so its slope is a matrix, not one number per neuron: ∂y_l/∂y′_j = y_l · (1 − y_j) for
l = j and −y_l · y_j otherwise (:func:`softmax`, :func:`softmax_jacobian`).
"""

import math
from typing import Callable, NamedTuple, Union
from backprop.math.validate import activation_functions, activation_value, shown


class Activation(NamedTuple):
    """An activation Φ with its derivative Φ′, both functions of h′.

    ``phi_prime_from_h``, where given, is the same Φ′(h′) written with h = Φ(h′)
    instead (the sigmoid's is h·(1 − h)): backpropagation already has h, so it
    need not compute Φ again.
    """

    name: str
    phi: Callable[[float], float]
    phi_prime: Callable[[float], float]
    phi_prime_from_h: Callable[[float], float] | None = None


def sigmoid(z: float) -> float:
    """Φ(z) = 1 / (1 + e^(−z)), the logistic sigmoid; never overflows.

    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(-1000.0), sigmoid(1000.0)
    (0.0, 1.0)
    """
    # Φ(z) = 1 / (1 + e^(−z)); for z < 0 the same value is written e^z / (1 + e^z),
    # so that e^(…) is only ever taken of a number ≤ 0 and cannot overflow.
    if z >= 0.0:
        return 1.0 / (1.0 + math.exp(-z))
    e_z = math.exp(z)
    return e_z / (1.0 + e_z)


def sigmoid_prime(z: float) -> float:
    """Φ′(z) = Φ(z)·(1 − Φ(z)) for the sigmoid.

    >>> sigmoid_prime(0.0)
    0.25
    """
    return sigmoid_prime_from_h(sigmoid(z))


def sigmoid_prime_from_h(h: float) -> float:
    """Φ′(h′) of the sigmoid, from h = Φ(h′): Φ′ = Φ·(1 − Φ) = h·(1 − h).

    >>> sigmoid_prime_from_h(0.5)
    0.25
    """
    # Φ′(h′) = Φ(h′)·(1 − Φ(h′)) = h·(1 − h)
    return h * (1.0 - h)


def tanh(z: float) -> float:
    """Φ(z) = tanh(z), the hyperbolic tangent.

    >>> tanh(0.0)
    0.0
    """
    return math.tanh(z)


def tanh_prime(z: float) -> float:
    """Φ′(z) = 1 − tanh²(z).

    >>> tanh_prime(0.0)
    1.0
    """
    return tanh_prime_from_h(math.tanh(z))


def tanh_prime_from_h(h: float) -> float:
    """Φ′(h′) of tanh, from h = tanh(h′): Φ′ = 1 − tanh² = 1 − h².

    >>> tanh_prime_from_h(0.0)
    1.0
    """
    # Φ′(h′) = 1 − tanh²(h′) = 1 − h²
    return 1.0 - h * h


def relu(z: float) -> float:
    """Φ(z) = max(0, z), the rectified linear unit; NaN stays NaN, so a diverged sum shows.

    >>> relu(-2.0), relu(3.0), relu(float("nan"))
    (0.0, 3.0, nan)
    """
    return 0.0 if z <= 0.0 else z  # NaN <= 0 is false: NaN passes on


def relu_prime(z: float) -> float:
    """Φ′(z) = 1 for z > 0, 0 for z ≤ 0 (the kink at 0 is given slope 0), NaN for NaN.

    >>> relu_prime(-2.0), relu_prime(0.0), relu_prime(3.0), relu_prime(float("nan"))
    (0.0, 0.0, 1.0, nan)
    """
    if z > 0.0:
        return 1.0
    return 0.0 if z <= 0.0 else z  # NaN passes on


def identity(z: float) -> float:
    """Φ(z) = z: no activation, so the whole network is linear.

    >>> identity(-1.5)
    -1.5
    """
    return z


def identity_prime(z: float) -> float:
    """Φ′(z) = 1 (NaN for NaN, so a diverged sum shows).

    >>> identity_prime(-1.5), identity_prime(float("nan"))
    (1.0, nan)
    """
    return 1.0 if z == z else z  # z == z is false only for NaN


ACTIVATIONS = {
    "identity": Activation("identity", identity, identity_prime, identity_prime),
    "relu": Activation("relu", relu, relu_prime, relu_prime),  # h > 0 exactly when h′ > 0
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime, sigmoid_prime_from_h),
    "tanh": Activation("tanh", tanh, tanh_prime, tanh_prime_from_h),
}

IDENTITY = ACTIVATIONS["identity"]
"""The lecture's output, y = y′. Compare activations with it, never their names: a person's own
pair may carry any name."""

ActivationLike = Union[str, Activation, tuple]


def get_activation(activation: ActivationLike, what: str = "activation") -> Activation:
    """Return the :class:`Activation` for a name, or for a pair ``(phi, phi_prime)``.

    ``what`` names the argument in an error (``"output_activation"`` for Φ_out).

    >>> get_activation("tanh").name
    'tanh'
    >>> get_activation((abs, lambda z: 1.0 if z > 0 else -1.0)).name
    'abs'
    >>> get_activation("softmax")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'softmax'; choose one of: identity, relu, sigmoid, tanh
    >>> get_activation("softmax", "output_activation")
    Traceback (most recent call last):
    ...
    ValueError: unknown output_activation 'softmax'; choose one of: identity, relu, sigmoid, tanh
    """
    if isinstance(activation, Activation):
        if activation not in ACTIVATIONS.values():  # a person's own: its parts checked now, not at the first step
            activation_functions(*activation)
        return _own_name(activation)
    if isinstance(activation, str):
        if activation not in ACTIVATIONS:
            raise ValueError(
                f"unknown {what} {shown(activation)}; choose one of: {', '.join(ACTIVATIONS)}"
            )
        return ACTIVATIONS[activation]
    if isinstance(activation, tuple) and len(activation) == 2 and all(map(callable, activation)):
        phi, phi_prime = activation
        name = getattr(phi, "__name__", "custom")
        activation_functions(name, phi, phi_prime)
        own = _own_name(Activation(name, phi, phi_prime))
        if own in ACTIVATIONS.values():  # the library's own two functions
            return own
        # a person's own pair: what Φ and Φ′ give is checked to be a real number where it is given
        return own._replace(phi=_checked(phi, own.name, "Φ"), phi_prime=_checked(phi_prime, own.name, "Φ′"))
    raise TypeError(
        f"{what} must be a name (one of: " + ", ".join(ACTIVATIONS) + ") "
        f"or a pair of functions (phi, phi_prime), not {shown(activation)}"
    )


def per_layer(activation, n_hidden: int) -> list[Activation]:
    """Return Φ of each of ``n_hidden`` hidden layers: one name (or pair) for every layer, or a
    list of them, one per hidden layer, the first for h¹.

    >>> [phi.name for phi in per_layer("tanh", 2)]
    ['tanh', 'tanh']
    >>> [phi.name for phi in per_layer(["relu", "sigmoid"], 2)]
    ['relu', 'sigmoid']
    >>> per_layer(["relu", "sigmoid"], 3)
    Traceback (most recent call last):
    ...
    ValueError: activation has 2 names but the network has 3 hidden layers; give one per hidden layer (or one name for all)
    >>> per_layer(["relu", "swish"], 2)
    Traceback (most recent call last):
    ...
    ValueError: unknown activation of hidden layer 2 'swish'; choose one of: identity, relu, sigmoid, tanh

    Raises ``ValueError`` for a list of the wrong length or an unknown name, ``TypeError`` for
    what is neither a name, an :class:`Activation`, a pair of functions nor a list of them.
    """
    if not isinstance(activation, list):
        return [get_activation(activation)] * n_hidden
    if len(activation) != n_hidden:
        layers = f"{n_hidden} hidden layer{'s' * (n_hidden != 1)}"
        raise ValueError(f"activation has {len(activation)} name{'s' * (len(activation) != 1)} but the network "
                         f"has {layers}; give one per hidden layer (or one name for all)")
    return [get_activation(phi, f"activation of hidden layer {k + 1}") for k, phi in enumerate(activation)]


def activation_text(activation) -> str:
    """An activation as a person types it: ``"relu"``, or ``"relu,sigmoid"`` for one per hidden layer
    (a network's ``activation`` attribute, a name or a list of names).

    >>> activation_text("relu"), activation_text(["relu", "sigmoid"])
    ('relu', 'relu,sigmoid')
    """
    return activation if isinstance(activation, str) else ",".join(activation)


def _checked(function, name: str, what: str):
    """``function``, its every value checked to be a real number (a ``TypeError`` naming the
    activation, not a message from deep inside the step, for a str, None or a complex number)."""
    def checked(z: float) -> float:
        return activation_value(function(z), name, what, z)

    checked.__name__ = getattr(function, "__name__", "custom")
    return checked


def _own_name(activation: Activation) -> Activation:
    """``activation``, renamed ``"own sigmoid"`` if it is a person's own but named like a built-in
    one (their function ``sigmoid``): a name alone must never make it pass for the library's.

    >>> _own_name(Activation("identity", lambda z: 2 * z, lambda z: 2.0)).name
    'own identity'
    >>> _own_name(ACTIVATIONS["identity"]) is IDENTITY
    True
    >>> _own_name(Activation("sigmoid", sigmoid, sigmoid_prime)) is ACTIVATIONS["sigmoid"]
    True
    """
    library = ACTIVATIONS.get(activation.name)
    if library is None or activation == library:
        return activation
    if (activation.phi, activation.phi_prime) == (library.phi, library.phi_prime):
        return library  # the library's own functions, given without Φ′ from h: the library's activation
    return activation._replace(name=f"own {activation.name}")


# --- softmax: an output activation of all the outputs together ------------------------------------

def softmax(y_prime: list[float]) -> list[float]:
    """y_j = e^(y′_j) / Σ_l e^(y′_l) for every output j; never overflows.

    Every e^(…) is taken of y′_l − m, m = max_l y′_l (the same quotient: e^(−m) cancels), so
    it is at most e^0 = 1 and the sum is at least 1.

    >>> softmax([0.0, 0.0])
    [0.5, 0.5]
    >>> softmax([1000.0, 1000.0, 999.0])     # e^1000 alone would overflow; 1/(2 + e^(−1)), …
    [0.4223187982515182, 0.4223187982515182, 0.15536240349696362]
    """
    m = max(y_prime)
    # e^(y′_j − m)
    e = [math.exp(y_prime_j - m) for y_prime_j in y_prime]
    total = 0.0  # Σ_l e^(y′_l − m), added left to right
    for e_l in e:
        total += e_l
    # y_j = e^(y′_j − m) / Σ_l e^(y′_l − m) = e^(y′_j) / Σ_l e^(y′_l)
    return [e_j / total for e_j in e]


def softmax_jacobian(y: list[float]) -> list[list[float]]:
    """∂y_l/∂y′_j = y_l · (1 − y_j) if l = j, −y_l · y_j otherwise: row l, column j, from y = softmax(y′).

    Not diagonal: every y_l moves with every y′_j, because they share the sum Σ e^(y′).

    >>> softmax_jacobian([0.5, 0.5])
    [[0.25, -0.25], [-0.25, 0.25]]
    """
    # ∂y_l/∂y′_j = y_l · ([l = j] − y_j)
    # (ints 1 and 0: the same floats, and exact for Fractions)
    return [[y_l * ((1 if l == j else 0) - y_j) for j, y_j in enumerate(y)] for l, y_l in enumerate(y)]


def _of_all_outputs(z: float) -> float:
    raise TypeError("softmax is a function of all the outputs together, not of one number; "
                    "use backprop.activations.softmax on the list y′")


SOFTMAX = Activation("softmax", _of_all_outputs, _of_all_outputs)
"""Softmax as a network's output activation. Its Φ and Φ′ refuse one number: the networks apply
:func:`softmax` to the whole list y′."""

OUTPUT_ACTIVATIONS = (*ACTIVATIONS, "softmax")


def get_output_activation(output_activation: ActivationLike) -> Activation:
    """Return Φ_out: :data:`SOFTMAX` for ``"softmax"``, else :func:`get_activation` of it.

    >>> get_output_activation("softmax") is SOFTMAX
    True
    >>> get_output_activation("softmin")
    Traceback (most recent call last):
    ...
    ValueError: unknown output_activation 'softmin'; choose one of: identity, relu, sigmoid, tanh, softmax
    """
    if (isinstance(output_activation, str) and output_activation == "softmax") or (
            isinstance(output_activation, Activation) and output_activation == SOFTMAX):
        return SOFTMAX
    if isinstance(output_activation, str) and output_activation not in ACTIVATIONS:
        raise ValueError(f"unknown output_activation {shown(output_activation)}; choose one of: "
                         + ", ".join(OUTPUT_ACTIVATIONS))
    phi_out = get_activation(output_activation, "output_activation")
    # a person's own function called softmax is not the library's: its name must not say so
    return phi_out._replace(name="own softmax") if phi_out.name == "softmax" else phi_out
