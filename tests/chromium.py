"""One headless Chromium for the whole test session, driven by its DevTools protocol over a pipe.

Starting Chromium takes a second or more on a small machine, and the suite used to start it once
for each page it drew; now ``conftest.browser`` starts it once and each page opens in a new tab of
it. A tab does what ``chromium --headless --dump-dom URL`` and ``--screenshot`` did: it loads the
page, runs its scripts, and gives the document (:meth:`Chromium.dom`) or a PNG of a window of the
size asked for (:meth:`Chromium.screenshot`).

The protocol (https://chromedevtools.github.io/devtools-protocol/) runs over ``--remote-debugging-pipe``:
Chromium reads commands from its file descriptor 3 and writes answers and events to 4, each a JSON
object ended by a NUL byte. Standard library only, like the rest of the suite's helpers.
"""

import base64
import fcntl
import json
import os
import select
import subprocess
import time

TIMEOUT = 90  # seconds for any one answer, as the tests gave a whole ``chromium`` run before


class Chromium:
    """A headless Chromium, started by ``Chromium(path, profile)`` and ended by :meth:`close`."""

    def __init__(self, path: str, profile: str):
        commands_read, self._commands = os.pipe()  # what we write, Chromium reads as fd 3
        self._answers, answers_write = os.pipe()  # what Chromium writes on fd 4, we read

        def as_3_and_4():  # in the child, before exec: the two pipe ends become fds 3 and 4
            read = fcntl.fcntl(commands_read, fcntl.F_DUPFD, 10)  # above 4 first, so neither end is overwritten
            write = fcntl.fcntl(answers_write, fcntl.F_DUPFD, 10)
            os.dup2(read, 3)  # inheritable, unlike every other file this process has open
            os.dup2(write, 4)

        self.process = subprocess.Popen(
            [path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=as_3_and_4, close_fds=False,  # (closing would close 3 and 4 after preexec_fn)
        )
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._events = []
        self._last_id = 0

    def dom(self, url: str, width: int = 800, height: int = 600) -> str:
        """The page's document once it has loaded and its scripts have run, as ``--dump-dom`` prints it."""
        with self._tab(url, width, height) as session:
            answer = self._send("Runtime.evaluate", {"expression": "document.documentElement.outerHTML",
                                                     "returnByValue": True}, session)
            return answer["result"]["value"]

    def screenshot(self, url: str, path, width: int, height: int) -> None:
        """Write a PNG of the page, loaded in a window ``width`` × ``height``, to ``path`` (as ``--screenshot``)."""
        with self._tab(url, width, height) as session:
            answer = self._send("Page.captureScreenshot", {"format": "png"}, session)
        with open(path, "wb") as file:
            file.write(base64.b64decode(answer["data"]))

    def close(self) -> None:
        try:
            self._send("Browser.close", {})
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)

    # one tab

    def _tab(self, url, width, height):
        browser = self

        class Tab:
            def __enter__(self):
                self.target = browser._send("Target.createTarget", {"url": "about:blank"})["targetId"]
                session = browser._send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
                browser._send("Page.enable", {}, session)
                browser._send("Emulation.setDeviceMetricsOverride",
                              {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
                frame = browser._send("Page.navigate", {"url": url}, session)
                if frame.get("errorText"):
                    raise RuntimeError(f"Chromium could not open {url}: {frame['errorText']}")
                browser._wait_for("Page.loadEventFired", session)
                # the scripts' first frames drawn, as a page shown by ``--screenshot`` or ``--dump-dom`` has them
                browser._send("Runtime.evaluate", {
                    "expression": "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))",
                    "awaitPromise": True}, session)
                return session

            def __exit__(self, *exception):
                browser._send("Target.closeTarget", {"targetId": self.target})

        return Tab()

    # the protocol: a command, its answer, and the events that come between

    def _send(self, method, params, session=None):
        self._last_id += 1
        message = {"id": self._last_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._last_id:
                if "error" in answer:
                    raise RuntimeError(f"Chromium refused {method}: {answer['error']}")
                return answer["result"]
            if "method" in answer:
                self._events.append(answer)

    def _wait_for(self, event, session):
        while True:
            for message in self._events:
                if message["method"] == event and message.get("sessionId") == session:
                    self._events.remove(message)
                    return message
            self._events.append(self._receive())

    def _receive(self):
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise TimeoutError(f"Chromium did not answer within {TIMEOUT} s")
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise RuntimeError(f"Chromium ended (status {self.process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

