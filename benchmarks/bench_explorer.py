"""The explorer page's speed in Chromium: how long a changed number takes to recompute and redraw.

A benchmark, not a test. For each network it writes the page (``backprop.pictures.explorer.render``),
opens it in the system's Chromium through Playwright for Python (the test extra), and then, 60
times, types a new d into its field (an ``input`` event, as typing makes): the page's script
recomputes the whole step with the generated JavaScript and rewrites every number, colour and
title. This three times (``RUNS``), the page opened afresh each time, with the load average before
each run. Reported, per run, the median and the slowest of the 60:

- script: the event's handler, start to end (the step, the formulas, both views of the diagram);
- + layout: the same, then the style and layout the browser needs before it can paint
  (forced by reading a size); painting itself is not included;
- step alone: one call of the generated ``step`` function;
- and Chromium's own counters (``Performance.getMetrics``) over the 60, per change: the time in
  layout and in style recalculation, and how many layouts (1 means no forced reflow mid-script).

Run it from a clone, with the test extra installed and ``chromium`` on the PATH::

    python benchmarks/bench_explorer.py
"""

import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from backprop import DeepNetwork, Network  # noqa: E402
from backprop.pictures import explorer  # noqa: E402
from backprop.trace import lecture_example  # noqa: E402

NETWORKS = [
    ("2-3-1 (the lecture's)", lambda: (lecture_example.network(), lecture_example.x, lecture_example.d)),
    ("1-2-2-1 (the quiz's)", lambda: (DeepNetwork.random([1, 2, 2, 1], seed=1), [0.5], 0.25)),
    ("2-8-8-1", lambda: (DeepNetwork.random([2, 8, 8, 1], seed=1), [0.5, -0.25], 0.25)),
    # the largest the page accepts: 12 neurons a layer at most, 1,000 weights at most (949 here)
    ("12-12-12-12-12-12-12-1, bias", lambda: (DeepNetwork.random([12] * 7 + [1], bias=True, seed=1),
                                             [0.1 * i for i in range(12)], 0.25)),
]

RUNS = 3

MEASURE = """async () => {
  const root = document.querySelector(".backprop-explorer"), input = root.querySelector("input[data-name=d]");
  const script = [], layout = [];
  for (let i = 0; i < 60; i++) {
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));  // a frame between
    const t0 = performance.now();
    input.value = String(0.25 + i / 100);
    input.dispatchEvent(new Event("input"));
    const t1 = performance.now();
    void document.body.offsetHeight;  // style and layout, as the next frame needs them
    const t2 = performance.now();
    script.push(t1 - t0); layout.push(t2 - t0);
  }
  const explore = root.explorer, given = explore.given, n = 2000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) explore.run(given);
  const step = (performance.now() - t0) / n;
  const median = v => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
  return {script: [median(script), Math.max(...script)], layout: [median(layout), Math.max(...layout)], step};
}"""


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    print(f"load average {os.getloadavg()[0]:.1f}; Chromium {chromium}")
    print("| network | weights | page | run | load average | opened in | script: median, slowest "
          "| + layout: median, slowest | layout, style per change (layouts) | step alone |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, make in NETWORKS:
            net, x, d = make()
            started = time.perf_counter()
            page_text = explorer.render(net, x, d, 0.5)
            made = time.perf_counter() - started
            path = os.path.join(folder, "page.html")
            with open(path, "w", encoding="utf-8") as file:
                file.write(page_text)
            weights = (sum(len(row) for row in net.W1) + len(net.W2) if isinstance(net, Network)
                       else sum(len(row) for W_k in net.W for row in W_k))
            for run in range(1, RUNS + 1):
                load = os.getloadavg()[0]
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                started = time.perf_counter()
                page.goto("file://" + path, timeout=300_000)
                loaded = time.perf_counter() - started
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                before = _metrics(cdp)
                result = page.evaluate(MEASURE)
                after = _metrics(cdp)
                page.close()
                per = {k: (after[k] - before[k]) / 60 for k in before}
                print(f"| {name} | {weights} | {len(page_text.encode()) / 1000:.0f} KB (made in {made:.1f} s) "
                      f"| {run} | {load:.1f} | {loaded:.2f} s "
                      f"| {result['script'][0]:.1f} ms, {result['script'][1]:.1f} ms "
                      f"| {result['layout'][0]:.1f} ms, {result['layout'][1]:.1f} ms "
                      f"| {per['LayoutDuration'] * 1000:.1f} ms, {per['RecalcStyleDuration'] * 1000:.1f} ms "
                      f"({per['LayoutCount']:.2f}) | {result['step'] * 1000:.1f} µs |", flush=True)
        browser.close()


def _metrics(cdp) -> dict:
    """Chromium's counters of layout and style: their time (s) and how many."""
    wanted = ("LayoutDuration", "RecalcStyleDuration", "LayoutCount")
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] in wanted}


if __name__ == "__main__":
    main()
