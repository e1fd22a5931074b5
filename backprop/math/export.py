"""The step as a program for the next tool: NumPy, or PyTorch.

:func:`program` writes one SGD step of a network as a Python program that a learner runs
with NumPy or with PyTorch installed (the library itself imports neither): the same network,
the same weights, the same sample, the same step W ← W − α·∂E/∂W = W + α(d − y)·δ, and
printed, the same numbers as ``python -m backprop trace`` gives: y, E, every ∂E/∂W, every
weight after the step, and E after it.

NumPy writes the step in the matrix form of the course's later lectures, with the textbook's
error terms δᵏ = ∂E/∂h′ᵏ (row vectors, ⊙ the elementwise product, ⊗ the outer product):

    h′ᵏ = hᵏ⁻¹·Wᵏ,  hᵏ = Φ(h′ᵏ)                  (the forward pass, layer by layer)
    δᴷ = −(d − y) ⊙ Φ_out′(y′)                    (the output's error terms; cross-entropy: −(d − y))
    ∂E/∂Wᵏ = hᵏ⁻¹ ⊗ δᵏ,  δᵏ⁻¹ = (δᵏ·Wᵏᵀ) ⊙ Φ′(h′ᵏ⁻¹)    (back, layer by layer)

PyTorch builds a ``torch.nn.Sequential`` of ``Linear`` layers in float64 and lets autograd
(``E.backward()``) find ∂E/∂W, then takes the step with ``torch.optim.SGD``. ``Linear`` keeps
Wᵀ in its ``weight`` and the bias row as a separate ``bias``; the program prints both in the
lecture's layout (a row per input, the bias row last). With cross-entropy the model ends at y′
and the loss is PyTorch's own from y′, as the library computes E: ``BCEWithLogitsLoss`` (one
sigmoid output) or ``CrossEntropyLoss`` with the targets as probabilities (softmax).

The numbers agree with the library's to the last few bits: NumPy's and PyTorch's exp, tanh and
sums may round differently, and they subtract α·∂E/∂W where the library adds α(d − y)·δ.
"""

from backprop.activations import ACTIVATIONS
from backprop.math import validate
from backprop.math.deep import DeepNetwork
from backprop.network import Network

TARGETS = ("numpy", "pytorch")

NUMPY_PHI = {  # Φ as NumPy writes it, and Φ′(h′) from h = Φ(h′) as the library finds it
    "identity": ("z", "np.ones_like(h)"),
    "relu": ("np.maximum(z, 0.0)", "(h > 0.0) * 1.0"),
    "sigmoid": ("1.0 / (1.0 + np.exp(-z))", "h * (1.0 - h)"),
    "tanh": ("np.tanh(z)", "1.0 - h * h"),
}
TORCH_LAYER = {"identity": "torch.nn.Identity()", "relu": "torch.nn.ReLU()", "sigmoid": "torch.nn.Sigmoid()",
               "tanh": "torch.nn.Tanh()"}


def library_activation(net, phi, name: str, what: str) -> str:
    """The name of the library's activation that ``phi`` is (decided by the function, not the name)."""
    if name in ACTIVATIONS and ACTIVATIONS[name].phi is phi:
        return name
    raise ValueError(f"the {what} {name!r} is a person's own; a program can only be written for the library's "
                     f"activations ({', '.join(ACTIVATIONS)})")


def program(net, x, d, alpha: float, to: str) -> str:
    """Return a runnable Python program that takes one SGD step of ``net`` on ``(x, d)`` in ``to``
    (``"numpy"`` or ``"pytorch"``) and prints the numbers the library gives.

    >>> from backprop import lecture_example
    >>> source = program(lecture_example.network(), [1.0, 0.5], 1.0, 0.5, "numpy")
    >>> "import numpy as np" in source, "torch" in program(lecture_example.network(), [1.0, 0.5], 1.0, 0.5, "pytorch")
    (True, True)

    The loss is the network's: the squared error, or cross-entropy (one sigmoid output, or softmax).
    Raises ``ValueError`` for another ``to``, a person's own activation or one Φ per hidden layer, and
    ``TypeError`` or ``ValueError`` for a bad ``x``, ``d`` or ``alpha``.
    """
    if to not in TARGETS:
        raise ValueError(f"unknown target {validate.shown(to)}; choose one of: {', '.join(TARGETS)}")
    if isinstance(net, Network):
        W, d = [net.W1, [[W2_j] for W2_j in net.W2]], [net.check_d(d[0] if isinstance(d, list) else d)]
    elif isinstance(net, DeepNetwork):
        W, d = net.W, net.check_d(d)
    else:
        raise TypeError(f"net must be a Network or a DeepNetwork, not {type(net).__name__}")
    x, alpha = net.check_x(x), validate.positive(alpha, "alpha")
    if isinstance(net.activation, list):  # one Φ per hidden layer: the programs have one phi
        raise ValueError(f"the network has one Φ per hidden layer ({', '.join(net.activation)}); a program is written "
                         "for one Φ in every hidden layer")
    phi = library_activation(net, net.phi, net.activation, "activation")
    softmax = getattr(net, "softmax_output", False)
    phi_out = "softmax" if softmax else library_activation(net, net.phi_out, net.output_activation, "output activation")
    loss = net.loss if net.loss == "squared" else "softmax cross-entropy" if softmax else "binary cross-entropy"
    sizes = [len(W[0]) - net.bias] + [len(W_k[0]) for W_k in W]
    about = (f"One SGD step of the {'-'.join(map(str, sizes))} network (Φ = {phi}"
             + ("" if phi_out == "identity" else f", Φ_out = {phi_out}") + (", with bias" if net.bias else "")
             + ("" if loss == "squared" else ", cross-entropy") + ")")
    write = numpy_program if to == "numpy" else pytorch_program
    return write(about, W, x, d, alpha, phi, phi_out, net.bias, loss)


def matrix(rows) -> str:
    return "[" + ", ".join("[" + ", ".join(map(repr, row)) + "]" for row in rows) + "]"


NUMPY_LOSS = {  # E from y′ and y, and δᴷ = ∂E/∂y′, as the library computes them
    "squared": ("""def loss(y_prime, y):  # E = ½ Σ_j (d_j − y_j)²
    return 0.5 * np.sum((d - y) ** 2)""", "-(d - y) * phi_out_prime(y)  # δᴷ = ∂E/∂y′ = −(d − y) ⊙ Φ_out′(y′)"),
    "binary cross-entropy": ("""def loss(y_prime, y):  # E = −(d ln y + (1 − d) ln(1 − y)) = ln(1 + e^(y′)) − d·y′: from y′, never ln 0
    return np.sum(np.maximum(y_prime, 0.0) + np.log1p(np.exp(-np.abs(y_prime))) - d * y_prime)""",
                             "-(d - y)  # δᴷ = ∂E/∂y′ = −(d − y): Φ_out′ cancels against the loss's slope"),
    "softmax cross-entropy": ("""def loss(y_prime, y):  # E = −Σ_j d_j ln y_j = −Σ_j d_j·(y′_j − ln Σ_l e^(y′_l)), by log-sum-exp
    m = np.max(y_prime)
    return -np.sum(d * (y_prime - (m + np.log(np.sum(np.exp(y_prime - m))))))""",
                              "-(d - y)  # δᴷ = ∂E/∂y′ = −(d − y): Φ_out′ cancels against the loss's slope"),
}


def numpy_program(about, W, x, d, alpha, phi, phi_out, bias, loss="squared") -> str:
    layers = "\n".join(f"    np.array({matrix(W_k)}),  # W{k + 1}" for k, W_k in enumerate(W))
    with_bias = "np.append(h, 1.0)" if bias else "h"
    if phi_out == "softmax":
        output = """def phi_out(z):  # Φ_out = softmax: y_j = e^(y′_j − m) / Σ_l e^(y′_l − m), m = max y′
    e = np.exp(z - np.max(z))
    return e / np.sum(e)"""
    else:
        output = f"""def phi_out(z):  # Φ_out = {phi_out}{" (the lecture's linear output)" if phi_out == "identity" else ""}
    return {NUMPY_PHI[phi_out][0]}"""
    if loss == "squared":
        output += f"""


def phi_out_prime(h):  # Φ_out′(y′), from y = Φ_out(y′)
    return {NUMPY_PHI[phi_out][1]}"""
    loss_function, output_delta = NUMPY_LOSS[loss]
    return f'''"""{about}, in NumPy: the step in matrix form.
Written by python -m backprop export --to numpy; it prints the numbers python -m backprop trace shows."""
import numpy as np

x = np.array({list(x)!r})  # the input x, a row vector
d = np.array({list(d)!r})  # the desired output d
alpha = {alpha!r}  # the learning rate α
# Wᵏ: a row per neuron of layer k−1{" (and the bias row last)" if bias else ""}, a column per neuron of layer k
W = [
{layers}
]


def phi(z):  # Φ = {phi}
    return {NUMPY_PHI[phi][0]}


def phi_prime(h):  # Φ′(h′), from h = Φ(h′)
    return {NUMPY_PHI[phi][1]}


{output}


{loss_function}


def inputs(h):  # what meets the next weights{": h and the bias input 1" if bias else ""}
    return {with_bias}


def forward(W):
    """h⁰ = x, h′ᵏ = hᵏ⁻¹·Wᵏ, hᵏ = Φ(h′ᵏ); y′ = hᴷ⁻¹·Wᴷ, y = Φ_out(y′)"""
    h = [x]
    for W_k in W[:-1]:
        h.append(phi(inputs(h[-1]) @ W_k))
    y_prime = inputs(h[-1]) @ W[-1]
    return h, y_prime, phi_out(y_prime)


h, y_prime, y = forward(W)
E = loss(y_prime, y)
delta = {output_delta}
dE_dW = [None] * len(W)
for k in reversed(range(len(W))):
    dE_dW[k] = np.outer(inputs(h[k]), delta)  # ∂E/∂Wᵏ = hᵏ⁻¹ ⊗ δᵏ
    if k > 0:  # δᵏ⁻¹ = (δᵏ·Wᵏᵀ) ⊙ Φ′(h′ᵏ⁻¹){", the bias row left out" if bias else ""}
        delta = (W[k][:len(h[k])] @ delta) * phi_prime(h[k])
W_after = [W_k - alpha * dE_dW_k for W_k, dE_dW_k in zip(W, dE_dW)]  # W ← W − α·∂E/∂W

print("y =", y.tolist())
print("E =", E.item())
for k in range(len(W)):
    print(f"∂E/∂W{{k + 1}} =", dE_dW[k].tolist())
for k in range(len(W)):
    print(f"W{{k + 1}} after =", W_after[k].tolist())
print("E after =", loss(*forward(W_after)[1:]).item())
'''


TORCH_LOSS = {  # y and E from the model's output, and the comment on E
    "squared": ("y = model(x)", "0.5 * ((d - y) ** 2).sum()", "E = ½ Σ_j (d_j − y_j)²"),
    "binary cross-entropy": (
        "y_prime = model(x)  # the model ends at y′: the loss takes y′ and applies the sigmoid itself\n"
        "y = torch.sigmoid(y_prime)  # y = Φ_out(y′)",
        "torch.nn.BCEWithLogitsLoss(reduction=\"sum\")(y_prime, d)",
        "E = −(d ln y + (1 − d) ln(1 − y)), from y′: never ln 0"),
    "softmax cross-entropy": (
        "y_prime = model(x)  # the model ends at y′: the loss takes y′ and applies softmax itself\n"
        "y = torch.softmax(y_prime, dim=0)  # y_j = e^(y′_j) / Σ_l e^(y′_l)",
        "torch.nn.CrossEntropyLoss(reduction=\"sum\")(y_prime, d)",
        "E = −Σ_j d_j ln y_j, from y′ by log-sum-exp (d as probabilities)"),
}


def pytorch_program(about, W, x, d, alpha, phi, phi_out, bias, loss="squared") -> str:
    layers = []
    for k, W_k in enumerate(W):
        n_in, n_out = len(W_k) - bias, len(W_k[0])
        result = f"h′{k + 1}" if k < len(W) - 1 else "y" if phi_out == "identity" else "y′"
        layers.append(f"    torch.nn.Linear({n_in}, {n_out}, bias={bias}),  # {result} = h{k}·W{k + 1}"
                      + (" + the bias row" if bias else "") + (" (h0 is x)" if k == 0 else ""))
        if k < len(W) - 1:
            layers.append(f"    {TORCH_LAYER[phi]},  # h{k + 1} = Φ(h′{k + 1})")
        elif phi_out != "identity" and loss == "squared":
            layers.append(f"    {TORCH_LAYER[phi_out]},  # y = Φ_out(y′)")
    outputs, E_of, E_says = TORCH_LOSS[loss]
    E_after = E_of.replace("y_prime", "model(x)") if loss != "squared" else E_of.replace("y)", "model(x))")
    copies = []
    for k, W_k in enumerate(W):
        copies.append(f"    linear[{k}].weight.copy_(torch.tensor({matrix(W_k[:len(W_k) - bias])}, dtype=torch.float64).T)"
                      f"  # W{k + 1}ᵀ")
        if bias:
            copies.append(f"    linear[{k}].bias.copy_(torch.tensor({list(W_k[-1])!r}, dtype=torch.float64))  # W{k + 1}'s bias row")
    layout = "torch.cat([layer.weight.T, layer.bias[None]])" if bias else "layer.weight.T"
    grad_layout = "torch.cat([layer.weight.grad.T, layer.bias.grad[None]])" if bias else "layer.weight.grad.T"
    return f'''"""{about}, in PyTorch (float64): autograd finds ∂E/∂W.
Written by python -m backprop export --to pytorch; it prints the numbers python -m backprop trace shows."""
import torch

x = torch.tensor({list(x)!r}, dtype=torch.float64)  # the input x
d = torch.tensor({list(d)!r}, dtype=torch.float64)  # the desired output d
alpha = {alpha!r}  # the learning rate α
model = torch.nn.Sequential(
{chr(10).join(layers)}
).double()
linear = [layer for layer in model if isinstance(layer, torch.nn.Linear)]
with torch.no_grad():  # Linear keeps Wᵀ in .weight{" and the bias row in .bias" if bias else ""}
{chr(10).join(copies)}
optimizer = torch.optim.SGD(model.parameters(), lr=alpha)

{outputs}
E = {E_of}  # {E_says}
optimizer.zero_grad()
E.backward()  # ∂E/∂W of every weight, by autograd
print("y =", y.tolist())
print("E =", E.item())
for k, layer in enumerate(linear):  # in the lecture's layout: a row per input{", the bias row last" if bias else ""}
    print(f"∂E/∂W{{k + 1}} =", {grad_layout}.tolist())
optimizer.step()  # W ← W − α·∂E/∂W
with torch.no_grad():
    for k, layer in enumerate(linear):
        print(f"W{{k + 1}} after =", {layout}.tolist())
    print("E after =", ({E_after}).item())
'''
