import json
import os

import pytest

from backprop import DeepNetwork, Network
from backprop import weights_file


def test_save_load_round_trips_exactly(tmp_path):
    net = Network.random(3, 4, activation="tanh", bias=True, seed=8)
    path = tmp_path / "weights.json"
    net.save(path)
    loaded = Network.load(path)
    assert (loaded.W1, loaded.W2, loaded.activation, loaded.bias) == (net.W1, net.W2, "tanh", True)
    assert loaded.predict([0.1, 0.2, 0.3]) == net.predict([0.1, 0.2, 0.3])
    assert not [p for p in os.listdir(tmp_path) if p != "weights.json"]  # no temporary left


def test_an_interrupted_save_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "weights.json"
    Network([[1.0], [2.0]], [3.0]).save(path)
    old = path.read_text()

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="disk full"):
        Network([[4.0], [5.0]], [6.0]).save(path)
    assert path.read_text() == old
    assert os.listdir(tmp_path) == ["weights.json"]


def good():
    return {"format": "backprop-weights", "version": 1, "activation": "sigmoid", "bias": False,
            "W1": [[0.5, -0.3], [0.2, 0.7]], "W2": [0.4, -0.5]}


def good_deep():
    return {"format": "backprop-weights", "version": 1, "activation": "relu", "bias": False,
            "layers": [1, 2, 1], "W": [[[0.5, -0.4]], [[0.7], [0.5]]]}


@pytest.mark.parametrize(
    "start, change, message",
    [
        (good, lambda f: f.update(format="other"), "not a backprop weights file"),
        (good, lambda f: f.update(version=2), "version 2 is not supported"),
        (good, lambda f: f.pop("W2"), "the field 'W2' is missing"),
        (good, lambda f: f.update(activation="swish"), "unknown activation 'swish'"),
        (good, lambda f: f.update(W2=[0.4]), "W2 has 1 weights"),
        (good, lambda f: f.update(W1=[[0.5, "x"], [0.2, 0.7]]), "W1_12 must be a number"),
        (good, lambda f: f.update(bias="no"), "bias must be True or False"),
        (good_deep, lambda f: f.pop("W"), "the field 'W' is missing"),
        (good_deep, lambda f: f.pop("layers"), "the field 'layers' is missing"),
        (good_deep, lambda f: f.update(layers=[1, 3, 1]),
         r"the field 'layers' is \[1, 3, 1\] but the matrices in 'W' have the sizes \[1, 2, 1\]"),
        (good_deep, lambda f: f.update(W=[[[0.5, -0.4]], [[0.7]]]), "W² has 1 rows but W¹ has 2 columns"),
        (good_deep, lambda f: f["W"][1].__setitem__(0, [None]), "must be a number"),
    ],
)
def test_load_names_the_problem(tmp_path, start, change, message):
    data = start()
    change(data)
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=message):
        weights_file.load(path)


@pytest.mark.parametrize("content", [b"", b'{"format": "backprop-weights", "vers', b"\xff\xfe\x00", b"[1, 2]", b'{"W1": NaN}'])
def test_broken_or_foreign_files(tmp_path, content):
    path = tmp_path / "w.json"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="w.json"):
        Network.load(path)


def test_nan_in_the_file_is_refused(tmp_path):
    data = good()
    data["W2"] = [float("nan"), 1.0]
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))  # json writes NaN, which is not strict JSON
    with pytest.raises(ValueError, match="W2_1 must be a finite number"):
        Network.load(path)


def test_custom_activations_cannot_be_saved(tmp_path):
    net = Network([[1.0], [2.0]], [3.0], activation=(abs, abs))
    with pytest.raises(ValueError, match="custom activation 'abs'"):
        net.save(tmp_path / "w.json")
    assert not os.listdir(tmp_path)


def test_a_deep_network_round_trips_exactly(tmp_path):
    net = DeepNetwork.random([3, 4, 2, 2], activation="tanh", bias=True, seed=8)
    path = tmp_path / "deep.json"
    net.save(path)
    data = json.loads(path.read_text())
    assert (data["format"], data["version"], data["layers"]) == ("backprop-weights", 1, [3, 4, 2, 2])
    for loaded in (DeepNetwork.load(path), weights_file.load(path)):
        assert (loaded.W, loaded.activation, loaded.bias) == (net.W, "tanh", True)
        assert loaded.predict([0.1, 0.2, 0.3]) == net.predict([0.1, 0.2, 0.3])
    Network([[1.0], [2.0]], [3.0]).save(path)
    assert isinstance(weights_file.load(path), Network)  # load reads whichever kind the file holds
    assert os.listdir(tmp_path) == ["deep.json"]


def test_each_kind_refuses_a_file_of_the_other(tmp_path):
    deep_path, lecture_path = tmp_path / "deep.json", tmp_path / "lecture.json"
    DeepNetwork.random([1, 2, 2, 1], seed=0).save(deep_path)
    Network.random(seed=0).save(lecture_path)
    with pytest.raises(ValueError, match="deep.json: holds a 1-2-2-1 DeepNetwork, not the lecture's Network; "
                                         "read it with DeepNetwork.load"):
        Network.load(deep_path)
    with pytest.raises(ValueError, match="lecture.json: holds the lecture's Network, not a DeepNetwork; "
                                         "read it with Network.load"):
        DeepNetwork.load(lecture_path)



@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_version_must_be_the_whole_number_1(tmp_path, version):
    data = good()
    data["version"] = version
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="is not supported"):
        Network.load(path)
