"""The report and the boundary in a real browser: headless Chromium runs the page's script and draws them.

In CI (BACKPROP_REQUIRE_TOOLS=1) a missing Chromium fails these tests instead of skipping them.
"""

import pytest

from backprop import Network, train
from backprop.files import atomic_file, datasets
from backprop.pictures import boundary, report
from png_reader import distinct_colours
from test_report import frames_of

XOR = datasets.samples("xor")


@pytest.fixture(scope="module")
def run_of_200_epochs():
    net = Network.random(bias=True, seed=2)
    start = net.copy()
    recorder = report.Recorder(net, epochs=200)   # a frame every 4th epoch
    losses = train(net, XOR, 0.5, 200, on_epoch=recorder)
    return start, recorder.frames(), losses


@pytest.fixture(scope="module")
def report_page(run_of_200_epochs, tmp_path_factory):
    """The report of that run, written once for the tests of this file (rendering it takes seconds)."""
    start, frames, losses = run_of_200_epochs
    path = tmp_path_factory.mktemp("report") / "report.html"
    atomic_file.write_text(path, report.render(frames, losses, XOR))
    return path


@pytest.mark.parametrize("fragment, epoch", [("#epoch=120", 120), ("#epoch=122", 120)])
def test_the_address_chooses_the_epoch_shown(browser, run_of_200_epochs, report_page, fragment, epoch):
    start, frames, losses = run_of_200_epochs
    dom = browser.dom(report_page.as_uri() + fragment)
    shown = [frame for frame in frames_of(dom).frames if not frame["hidden"]]
    assert [frame["epoch"] for frame in shown] == [epoch]
    # the weights and loss of that epoch, from a fresh copy trained as long
    again = start.copy()
    again_losses = train(again, XOR, 0.5, epoch)
    assert f"Mean E in epoch {epoch}: {again_losses[-1]:.6g}" in shown[0]["text"]
    for i, row in enumerate(again.W1):
        for j, w in enumerate(row):
            assert f"W¹_{i + 1}{j + 1} = {w:.6g}" in shown[0]["text"]
    assert all(f"W²_{j + 1} = {w:.6g}" in shown[0]["text"] for j, w in enumerate(again.W2))
    assert f'<output id="epoch-shown">{epoch}</output>' in dom


def test_the_report_and_the_boundary_are_drawn(tmp_path, browser, run_of_200_epochs, report_page):
    start, frames, losses = run_of_200_epochs
    page, picture = report_page, tmp_path / "boundary.svg"
    atomic_file.write_text(picture, boundary.boundary_svg(frames[-1][1], XOR))
    for path in (page, picture):
        screenshot = tmp_path / (path.name + ".png")
        browser.screenshot(path.as_uri(), screenshot, 480, 360)
        # a blank page is one colour; text, lines and the colour field give hundreds
        assert distinct_colours(screenshot.read_bytes()) > 50
