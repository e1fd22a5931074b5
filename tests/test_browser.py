"""The report and the boundary in a real browser: headless Chromium runs the page's script and draws them.

In CI (BACKPROP_REQUIRE_TOOLS=1) a missing Chromium fails these tests instead of skipping them.
"""

import subprocess

import pytest

from backprop import Network, train
from backprop.files import atomic_file, datasets
from backprop.pictures import boundary, report
from conftest import require_tool
from png_reader import distinct_colours
from test_report import frames_of

XOR = datasets.samples("xor")


def chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [require_tool("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=90,
    )


@pytest.fixture(scope="module")
def run_of_200_epochs():
    net = Network.random(bias=True, seed=2)
    start = net.copy()
    recorder = report.Recorder(net, epochs=200)   # a frame every 4th epoch
    losses = train(net, XOR, 0.5, 200, on_epoch=recorder)
    return start, recorder.frames(), losses


@pytest.mark.parametrize("fragment, epoch", [("#epoch=120", 120), ("#epoch=122", 120)])
def test_the_address_chooses_the_epoch_shown(tmp_path, run_of_200_epochs, fragment, epoch):
    start, frames, losses = run_of_200_epochs
    path = tmp_path / "report.html"
    atomic_file.write_text(path, report.render(frames, losses, XOR))
    result = chromium(tmp_path, "--dump-dom", path.as_uri() + fragment)
    assert result.returncode == 0, result.stderr
    shown = [frame for frame in frames_of(result.stdout).frames if not frame["hidden"]]
    assert [frame["epoch"] for frame in shown] == [epoch]
    # the weights and loss of that epoch, from a fresh copy trained as long
    again = start.copy()
    again_losses = train(again, XOR, 0.5, epoch)
    assert f"Mean E in epoch {epoch}: {again_losses[-1]:.6g}" in shown[0]["text"]
    for i, row in enumerate(again.W1):
        for j, w in enumerate(row):
            assert f"W¹_{i + 1}{j + 1} = {w:.6g}" in shown[0]["text"]
    assert all(f"W²_{j + 1} = {w:.6g}" in shown[0]["text"] for j, w in enumerate(again.W2))
    assert f'<output id="epoch-shown">{epoch}</output>' in result.stdout


def test_the_report_and_the_boundary_are_drawn(tmp_path, run_of_200_epochs):
    start, frames, losses = run_of_200_epochs
    page, picture = tmp_path / "report.html", tmp_path / "boundary.svg"
    atomic_file.write_text(page, report.render(frames, losses, XOR))
    atomic_file.write_text(picture, boundary.boundary_svg(frames[-1][1], XOR))
    for path in (page, picture):
        screenshot = tmp_path / (path.name + ".png")
        result = chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=480,360", path.as_uri())
        assert result.returncode == 0, result.stderr
        # a blank page is one colour; text, lines and the colour field give hundreds
        assert distinct_colours(screenshot.read_bytes()) > 50
