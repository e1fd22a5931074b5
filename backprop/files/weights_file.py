"""Saving a trained network to a JSON weights file, and reading it back.

A weights file of the lecture's :class:`~backprop.Network` looks like this
(floats are written so they read back exactly)::

    {"format": "backprop-weights", "version": 1, "activation": "sigmoid",
     "output_activation": "identity", "bias": false,
     "W1": [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], "W2": [0.4, -0.5, 0.3]}

and one of a :class:`~backprop.math.deep.DeepNetwork` holds its neurons per layer and
its K weight matrices in ``W`` (``W[k][i][j]`` is Wᵏ⁺¹_(i+1)(j+1)) instead::

    {"format": "backprop-weights", "version": 1, "activation": "sigmoid",
     "output_activation": "identity", "bias": false,
     "layers": [1, 2, 1], "W": [[[0.5, -0.4]], [[0.7], [0.5]]]}

A DeepNetwork with a different Φ in each hidden layer holds their names in a list, Φ¹
first: ``"activation": ["relu", "sigmoid"]``; a file with one name (every file written
before lists existed) means that Φ in every hidden layer.

A network with an output activation (y = Φ_out(y′)) also holds
``"output_activation": "sigmoid"``; a file without that field (every file
written before it existed) is read as the lecture's linear output, ``"identity"``.
A network trained with cross-entropy holds ``"loss": "cross_entropy"`` (and its output
activation, ``"sigmoid"`` or ``"softmax"``); a file without the field holds the lecture's
squared error, which is written without it, so those files stay as they were.

:func:`load` returns whichever kind the file holds; ``Network.load`` and
``DeepNetwork.load`` ask for their own kind and refuse the other.
:func:`save` writes a temporary file in the same folder and then renames it over
the target, so an interrupted save never leaves a broken or half-written file.
:func:`load` checks everything and names the first problem it finds.
"""

import json
import sys

from backprop.activations import ACTIVATIONS, OUTPUT_ACTIVATIONS
from backprop.files.atomic_file import write_text
from backprop.math import validate
from backprop.math.deep import DeepNetwork
from backprop.math.notation import label, layer
from backprop.network import Network

FORMAT = "backprop-weights"
VERSION = 1
MAX_FLOAT = sys.float_info.max  # the largest finite float (nan is not <= it)
MAX_BYTES = 64 * 2**20  # a weights file read at most: a million weights take about 25 MB


def to_dict(net: Network | DeepNetwork) -> dict:
    """Return the weights file's contents for ``net`` as a dict.

    >>> to_dict(Network([[1.0], [2.0]], [3.0]))["W1"]
    [[1.0], [2.0]]
    >>> data = to_dict(DeepNetwork([[[1.0, 2.0]], [[3.0], [4.0]]]))
    >>> data["layers"], data["W"]
    ([1, 2, 1], [[[1.0, 2.0]], [[3.0], [4.0]]])
    """
    for name in [net.activation] if isinstance(net.activation, str) else net.activation:
        if name not in ACTIVATIONS:
            raise ValueError(
                f"cannot save a network with the custom activation {name!r}; only the "
                f"named ones ({', '.join(ACTIVATIONS)}) can be saved"
            )
    output_activation = getattr(net, "output_activation", "identity")
    if output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError(
            f"cannot save a network with the custom output activation {output_activation!r}; only the "
            f"named ones ({', '.join(OUTPUT_ACTIVATIONS)}) can be saved"
        )
    _check_finite(net)
    data = {"format": FORMAT, "version": VERSION, "activation": _copied(net.activation),
            "output_activation": output_activation, "bias": net.bias}
    if net.loss != "squared":  # the lecture's loss is left out: a file without "loss" holds it
        data["loss"] = net.loss
    if isinstance(net, DeepNetwork):
        data["layers"] = list(net.layers)
        data["W"] = [[list(row) for row in W_k] for W_k in net.W]
    else:
        data["W1"] = [list(row) for row in net.W1]
        data["W2"] = list(net.W2)
    return data


def _copied(activation):
    """A name as it is, a list of names (one per hidden layer) as a new list."""
    return activation if isinstance(activation, str) else list(activation)


def _check_finite(net: Network | DeepNetwork) -> None:
    """Raise ``ValueError`` naming the first weight that is not a finite number (one set by hand to
    nan or inf): :func:`load` would refuse the file, so it is not written.

    >>> net = Network([[1.0], [2.0]], [3.0])
    >>> net.W1[1][0] = float("nan")
    >>> _check_finite(net)
    Traceback (most recent call last):
    ...
    ValueError: cannot save the network: W¹_21 is nan, and a weights file holds finite numbers only; set it to a finite number first
    """
    if isinstance(net, DeepNetwork):
        matrices = [(layer("W", k), W_k) for k, W_k in enumerate(net.W)]
    else:
        matrices = [(layer("W", 0), net.W1), (layer("W", 1), [[w] for w in net.W2])]
    for name, rows in matrices:
        for i, row in enumerate(rows):
            for j, w in enumerate(row):
                if not (type(w) in (int, float) and abs(w) <= MAX_FLOAT):
                    where = label(name, i, j) if isinstance(net, DeepNetwork) or name != layer("W", 1) else label(name, i)
                    raise ValueError(f"cannot save the network: {where} is {validate.shown(w)}, and a weights file "
                                     "holds finite numbers only; set it to a finite number first")


def save(net: Network | DeepNetwork, path) -> None:
    """Write ``net`` to ``path`` as a weights file, atomically: all of it or nothing."""
    validate.path(path)
    write_text(path, json.dumps(to_dict(net), indent=2) + "\n")


def from_dict(data, source: str = "weights", kind: type | None = None) -> Network | DeepNetwork:
    """Return the network described by a weights file's contents, checking every field.

    A file with ``layers`` and ``W`` holds a DeepNetwork, one with ``W1`` and
    ``W2`` the lecture's Network. ``kind``, if given, is the class the caller
    needs; a file holding the other kind is refused.

    >>> from_dict({"format": "backprop-weights", "version": 1, "activation": "relu",
    ...            "bias": False, "W1": [[1.0], [2.0]], "W2": [3.0]})
    Network(W1=[[1.0], [2.0]], W2=[3.0], activation='relu', bias=False)
    >>> from_dict({"format": "backprop-weights", "version": 1, "activation": "relu",
    ...            "bias": False, "layers": [1, 1], "W": [[[2.0]]]}, kind=Network)
    Traceback (most recent call last):
    ...
    ValueError: weights: holds a 1-1 DeepNetwork, not the lecture's Network; read it with DeepNetwork.load (or backprop.files.weights_file.load, which reads either kind)
    >>> from_dict({"format": "backprop-weights", "version": 7})
    Traceback (most recent call last):
    ...
    ValueError: weights: version 7 is not supported; this backprop reads version 1
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{source}: not a backprop weights file (no \"format\": \"{FORMAT}\")")
    if type(data.get("version")) is not int or data["version"] != VERSION:  # not true, not 1.0
        raise ValueError(
            f"{source}: version {validate.shown(data.get('version'))} is not supported; this backprop reads "
            f"version {VERSION}"
        )
    deep = "layers" in data or "W" in data
    for field in ("activation", "bias") + (("layers", "W") if deep else ("W1", "W2")):
        if field not in data:
            raise ValueError(f"{source}: the field {field!r} is missing")
    output_activation = data.get("output_activation", "identity")  # older files: the lecture's linear output
    if not isinstance(output_activation, str):
        raise ValueError(f"{source}: the field 'output_activation' must be a name (one of: "
                         f"{', '.join(OUTPUT_ACTIVATIONS)}), not {validate.shown(output_activation)}")
    loss = data.get("loss", "squared")  # files without it: the lecture's squared error
    try:
        if deep:
            net = DeepNetwork(data["W"], activation=data["activation"], output_activation=output_activation,
                              bias=data["bias"], loss=loss)
        else:
            net = Network(data["W1"], data["W2"], activation=data["activation"],
                          output_activation=output_activation, bias=data["bias"], loss=loss)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{source}: {error}") from None
    if deep and net.layers != data["layers"]:
        raise ValueError(
            f"{source}: the field 'layers' is {validate.shown(data['layers'])} but the matrices in 'W' have the "
            f"sizes {net.layers!r}"
        )
    if kind is not None and not isinstance(net, kind):
        raise ValueError(f"{source}: holds {_kind(net)}, not {_kind(kind)}; read it with "
                         f"{type(net).__name__}.load (or backprop.files.weights_file.load, which reads either kind)")
    return net


def _kind(net) -> str:
    """'the lecture's Network' or 'a 1-2-2-1 DeepNetwork', for a network or a class."""
    if net is DeepNetwork:
        return "a DeepNetwork"
    if isinstance(net, DeepNetwork):
        return f"a {'-'.join(map(str, net.layers))} DeepNetwork"
    return "the lecture's Network"


def load(path, kind: type | None = None) -> Network | DeepNetwork:
    """Read the network in the weights file at ``path``: a Network or a DeepNetwork, as saved.

    ``kind`` (``Network`` or ``DeepNetwork``), if given, is the kind the caller
    needs; a file holding the other kind raises ``ValueError``.

    Raises ``ValueError`` naming the first problem in a broken, truncated or
    foreign file, or one larger than :data:`MAX_BYTES`; ``TypeError`` if ``path``
    is not a file name; and ``OSError`` if the file cannot be read.
    """
    validate.path(path)
    name = validate.shown_name(path)
    with open(path, "rb") as file:
        raw = file.read(MAX_BYTES + 1)  # no more: /dev/zero would never end
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{name}: larger than {MAX_BYTES // 2**20} MB, more than a weights file of a "
                         f"network of {validate.MAX_WEIGHTS:,} weights needs; not a weights file")
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as error:  # json.JSONDecodeError, or bytes that are not UTF-8
        raise ValueError(f"{name}: not a weights file, the JSON is broken ({error})") from None
    except RecursionError:
        raise ValueError(f"{name}: not a weights file, its JSON is nested too deeply") from None
    return from_dict(data, source=name, kind=kind)
