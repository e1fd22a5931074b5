"""The training report: which epochs get a frame, what each frame holds, and the page being self-contained."""

import os
import re
import signal
from html.parser import HTMLParser

import pytest

from backprop import Network, train
from backprop.files import datasets
from backprop.pictures import report
from conftest import train_then_ctrl_c
from test_nothing_lost import _unwritable_folder, assert_one_line, cli

XOR = datasets.samples("xor")


class Frames(HTMLParser):
    """The frames of a page: for each, its data-epoch, whether it is hidden, and its text."""

    def __init__(self):
        super().__init__()
        self.frames, self.depth, self.current, self.links = [], 0, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if name in attrs:
                self.links.append(attrs[name])
        if self.current is not None:
            self.depth += tag == "section"
        elif tag == "section" and attrs.get("class") == "frame":
            self.current = {"epoch": int(attrs["data-epoch"]), "hidden": "hidden" in attrs, "text": ""}
            self.depth = 1

    def handle_endtag(self, tag):
        if self.current is not None and tag == "section":
            self.depth -= 1
            if self.depth == 0:
                self.frames.append(self.current)
                self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current["text"] += data


def frames_of(page: str) -> Frames:
    parser = Frames()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("epochs, expected", [
    (1, [0, 1]), (50, list(range(51))), (51, list(range(0, 51, 2)) + [51]), (1000, list(range(0, 1001, 20))),
])
def test_the_sampled_epochs(epochs, expected):
    assert report.sampled_epochs(epochs) == expected
    assert len(report.sampled_epochs(epochs)) <= report.MOST_FRAMES + 1


def test_each_frame_holds_the_weights_and_loss_of_its_epoch():
    net = Network.random(bias=True, seed=2)
    start = net.copy()
    recorder = report.Recorder(net, epochs=200)
    losses = train(net, XOR, 0.5, 200, on_epoch=recorder)
    frames = recorder.frames()
    assert [epoch for epoch, _ in frames] == list(range(0, 201, 4))
    # the weights at epoch 120 are those of a fresh copy trained for 120 epochs
    again = start.copy()
    again_losses = train(again, XOR, 0.5, 120)
    epoch, kept = frames[30]
    assert epoch == 120 and kept.W1 == again.W1 and kept.W2 == again.W2
    page = report.render(frames, losses, XOR, about="xor", every=recorder.every)
    shown = frames_of(page).frames
    assert [frame["epoch"] for frame in shown] == list(range(0, 201, 4))
    assert [frame["hidden"] for frame in shown] == [True] * 50 + [False]   # without a script: the last
    text = shown[30]["text"]
    assert f"Mean E in epoch 120: {again_losses[-1]:.6g}" in text
    for name, w in (("W¹_11", again.W1[0][0]), ("W¹_32", again.W1[2][1]), ("W²_4", again.W2[3])):
        assert f"{name} = {w:.6g}" in text
    assert "Before training" in shown[0]["text"] and f"{start.W2[0]:.6g}" in shown[0]["text"]


def test_the_frames_of_unrolled_training_are_the_weights_of_the_lists():
    """train runs unrolled code by default; on_epoch still sees each epoch's weights in the network."""
    net = Network.random(bias=True, seed=3)
    start = net.copy()
    recorder = report.Recorder(net, epochs=50)
    train(net, XOR, 0.5, 50, on_epoch=recorder)   # unrolled
    for epoch, kept in recorder.frames()[1::7]:
        lists = start.copy()
        train(lists, XOR, 0.5, epoch, unrolled=False)
        assert (kept.W1, kept.W2) == (lists.W1, lists.W2)


def test_the_page_fetches_nothing():
    net = Network.random(bias=True, seed=2)
    recorder = report.Recorder(net, epochs=10)
    page = report.render(recorder.frames(), train(net, XOR, 0.5, 10, on_epoch=recorder), XOR)
    links = frames_of(page).links
    assert links and all(link.startswith("data:image/png;base64,") for link in links)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)
    assert "@import" not in page and "url(" not in page


def test_a_frame_for_a_network_without_two_inputs_has_no_boundary():
    net = Network.random(n_inputs=3, seed=0)
    recorder = report.Recorder(net, epochs=2)
    losses = train(net, [([0, 1, 2], 1)], 0.1, 2, on_epoch=recorder)
    page = report.render(recorder.frames(), losses)
    assert "decision boundary" not in page and len(frames_of(page).frames) == 3


def test_the_report_of_a_1000_epoch_run_stays_small(tmp_path):
    """51 frames of the lecture's 2-3-1 network with bias on xor: measured 0.69 MB (0.62 MB before the
    backward view, whose 51 drawings are packed in 27 KB; see backprop.pictures.backward_frames)."""
    path = tmp_path / "r.html"
    status, stdout, stderr = cli("train", "--seed", "1", "--bias", "--quiet", "--report", str(path))
    assert status == 0, stderr
    assert os.path.getsize(path) < 1_000_000
    assert len(frames_of(path.read_text(encoding="utf-8")).frames) == 51


# The command line.

def test_train_writes_the_boundary_and_the_report(tmp_path):
    status, stdout, stderr = cli("train", "--dataset", "gaussians", "--epochs", "5", "--seed", "0", "--quiet",
                                 "--boundary", str(tmp_path / "b.svg"), "--report", str(tmp_path / "r.html"))
    assert status == 0, stderr
    assert f"Wrote the decision boundary to {tmp_path / 'b.svg'}" in stdout
    assert f"Wrote the training report to {tmp_path / 'r.html'}" in stdout
    assert (tmp_path / "b.svg").read_text(encoding="utf-8").count('class="sample"') == 100
    assert [f["epoch"] for f in frames_of((tmp_path / "r.html").read_text(encoding="utf-8")).frames] == list(range(6))


def test_a_sigmoid_output_gets_its_boundary_and_report(tmp_path):
    status, stdout, stderr = cli("train", "--output-activation", "sigmoid", "--bias", "--epochs", "30", "--seed", "0",
                                 "--quiet", "--boundary", str(tmp_path / "b.svg"), "--report", str(tmp_path / "r.html"))
    assert status == 0, stderr
    assert "y = 0.5" in (tmp_path / "b.svg").read_text(encoding="utf-8")   # xor's d are 0 and 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "sigmoid output" in page and len(frames_of(page).frames) == 31


def test_a_boundary_needs_two_inputs(tmp_path):
    data = tmp_path / "three.csv"
    data.write_text("a,b,c,d\n1,2,3,4\n")
    status, stdout, stderr = cli("train", "--data", str(data), "--boundary", str(tmp_path / "b.svg"))
    assert_one_line(status, stderr, message="this one has 3 inputs")
    assert stdout == "" and os.listdir(tmp_path) == ["three.csv"]


@pytest.mark.parametrize("option, name", [("--boundary", "b.svg"), ("--report", "r.html")])
def test_an_unwritable_path_is_refused_before_training(tmp_path, option, name):
    folder = _unwritable_folder(tmp_path)
    path = os.path.join(folder, name)
    status, stdout, stderr = cli("train", "--epochs", "1000000", option, path)
    assert_one_line(status, stderr, message=f"{path}: cannot create a temporary file in its folder {folder}")
    assert stdout == "" and not os.path.exists(path)   # no "Training a …" line: nothing was trained


def test_a_missing_folder_is_refused_before_training(tmp_path):
    status, stdout, stderr = cli("train", "--report", str(tmp_path / "no" / "r.html"))
    assert_one_line(status, stderr, message="there is no folder")
    assert stdout == ""


def test_the_report_of_a_diverged_run_covers_the_finished_epochs(tmp_path):
    path = tmp_path / "r.html"
    status, stdout, stderr = cli("train", "--activation", "identity", "--alpha", "5", "--seed", "0", "--quiet",
                                 "--epochs", "50", "--report", str(path))
    assert status == 1
    epoch = int(re.search(r"diverged in epoch (\d+)", stderr).group(1))
    page = path.read_text(encoding="utf-8")
    assert f"Training diverged in epoch {epoch}" in page
    assert f"covers the {epoch - 1} epoch" in page
    assert [f["epoch"] for f in frames_of(page).frames] == list(range(epoch))


def test_the_report_of_a_run_stopped_by_ctrl_c_covers_the_finished_epochs(tmp_path, monkeypatch):
    recorded = report.Recorder.__call__

    def ctrl_c_in_epoch_8(self, epoch, mean_E):
        recorded(self, epoch, mean_E)
        if epoch == 7:
            os.kill(os.getpid(), signal.SIGINT)   # the command's handler: training stops after the next step

    monkeypatch.setattr(report.Recorder, "__call__", ctrl_c_in_epoch_8)
    path = tmp_path / "r.html"
    status, stdout, stderr = cli("train", "--seed", "0", "--epochs", "500", "--quiet", "--report", str(path))
    assert status == 130
    page = path.read_text(encoding="utf-8")
    assert "stopped by Ctrl-C after 7 complete epochs of 500; this page covers those" in page
    assert [f["epoch"] for f in frames_of(page).frames] == [0, 7]   # every 10th of 500, and the last, 7
    assert "a frame every 10 epochs (2 frames), and one for the last epoch that finished" in page


def test_ctrl_c_in_a_real_process_still_writes_the_report(tmp_path):
    path = tmp_path / "r.html"
    status, stdout, stderr = train_then_ctrl_c("--report", str(path))
    assert status == 130, stderr
    epochs = int(re.search(r"Stopped by Ctrl-C after (\d+) complete epochs? of 100000000", stderr).group(1))
    page = path.read_text(encoding="utf-8")
    assert f"stopped by Ctrl-C after {epochs} complete epoch" in page
    # a frame every 2,000,000 epochs: the start, and the last epoch that finished (if one did)
    assert [f["epoch"] for f in frames_of(page).frames] == sorted({0, epochs})
    assert f"Wrote the training report to {path}" in stdout
