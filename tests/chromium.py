"""A tiny headless-Chromium driver for tests: the DevTools protocol over
``--remote-debugging-pipe`` (file descriptors 3 and 4, NUL-separated JSON), so
it needs nothing beyond the standard library and Debian's ``chromium``.

    with Chromium() as browser:
        visit = browser.visit("file:///tmp/site/kk.html")
        visit.errors, visit.requests, visit.screenshot()
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

#: The flags CI runs Chromium with (see ci/apt-packages.txt for the packages).
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--remote-debugging-pipe",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--mute-audio",
    "--force-color-profile=srgb",
]


def find_chromium() -> str | None:
    """The Chromium executable: $POLYGLOT_CHROMIUM, or chromium on PATH."""
    named = os.environ.get("POLYGLOT_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


@dataclass
class Visit:
    """What happened while one page loaded."""

    browser: Chromium
    target: str
    session: str
    url: str
    #: Console errors and warnings, uncaught exceptions, browser log errors.
    errors: list[str] = field(default_factory=list)
    #: URL of every request the page made (the page itself included).
    requests: list[str] = field(default_factory=list)

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send a command to this page."""
        return self.browser.call(method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-able values only)."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        """A PNG of the viewport (or of ``clip``: x, y, width, height in CSS pixels)."""
        params: dict[str, Any] = {"format": "png"}
        if clip is not None:
            params["clip"] = {**clip, "scale": 1}
        return base64.b64decode(self.call("Page.captureScreenshot", params)["data"])

    def close(self) -> None:
        """Close the tab."""
        self.browser.call("Target.closeTarget", {"targetId": self.target})

    def collect(self) -> None:
        """Take in the events that arrived since the last command."""
        self.browser.pump(0.2)
        for event in self.browser.take_events(self.session):
            self._record(event)

    def _record(self, event: dict[str, Any]) -> None:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in (
            "error",
            "warning",
            "assert",
        ):
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params["args"]]
            self.errors.append(f"console.{params['type']}: {' '.join(texts)}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append(
                f"exception: {details.get('exception', {}).get('description', details.get('text'))}"
            )
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            entry = params["entry"]
            self.errors.append(
                f"log {entry['level']}: {entry['text']} {entry.get('url', '')}".strip()
            )
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])


class Chromium:
    """One headless Chromium, driven over the DevTools pipe."""

    def __init__(
        self, executable: str | None = None, width: int = 1000, height: int = 1200
    ) -> None:
        found = executable or find_chromium()
        if found is None:
            raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
        self.executable = found
        self.width = width
        self.height = height
        self._events: list[dict[str, Any]] = []
        self._buffer = b""
        self._next_id = 0

    def __enter__(self) -> Chromium:
        self._profile = tempfile.mkdtemp(prefix="polyglot-chromium-")
        to_child, self._writer = os.pipe()
        self._reader, from_child = os.pipe()

        def wire_pipes() -> None:  # in the child: the pipe ends become fds 3 and 4
            read_end = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._process = subprocess.Popen(
            [
                self.executable,
                *FLAGS,
                f"--user-data-dir={self._profile}",
                f"--window-size={self.width},{self.height}",
                "about:blank",
            ],
            preexec_fn=wire_pipes,
            close_fds=False,  # Python's own descriptors are not inheritable (PEP 446)
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self.call("Browser.getVersion")
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._writer)
        os.close(self._reader)
        shutil.rmtree(self._profile, ignore_errors=True)

    # --- the protocol -----------------------------------------------------------------

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 30,
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; events are kept for later."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._writer, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply is None:
                raise BrowserError(f"no answer to {method} within {timeout} s")
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._events.append(reply)

    def pump(self, seconds: float) -> None:
        """Read events for a while."""
        deadline = time.monotonic() + seconds
        while (reply := self._receive(deadline)) is not None:
            if "method" in reply:
                self._events.append(reply)

    def wait_event(self, method: str, session: str, timeout: float = 30) -> dict[str, Any]:
        """Wait for an event of this page (already received ones count)."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self._events:
                if event["method"] == method and event.get("sessionId") == session:
                    return event
            reply = self._receive(deadline)
            if reply is None:
                raise BrowserError(f"no {method} within {timeout} s")
            if "method" in reply:
                self._events.append(reply)

    def take_events(self, session: str) -> list[dict[str, Any]]:
        """Remove and return the events received for ``session``."""
        mine = [e for e in self._events if e.get("sessionId") == session]
        self._events = [e for e in self._events if e.get("sessionId") != session]
        return mine

    def _receive(self, deadline: float) -> dict[str, Any] | None:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._reader], [], [], left)
            if not ready:
                return None
            chunk = os.read(self._reader, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the DevTools pipe (did it crash?)")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    # --- pages ------------------------------------------------------------------------

    def visit(self, url: str) -> Visit:
        """Open ``url`` in a new tab, wait for its load event, and record what it did."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        visit = Visit(self, target, session, url)
        for domain in ("Runtime", "Log", "Network", "Page"):
            visit.call(f"{domain}.enable")
        visit.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.take_events(session)  # about:blank's own events
        visit.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", session)
        visit.collect()
        return visit

    def png_stats(self, png: bytes) -> dict[str, Any]:
        """Decode a PNG in a blank tab and measure it: size, how many pixels differ
        from the most common colour (the background), distinct colours."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        scratch = Visit(self, target, session, "about:blank")
        data = base64.b64encode(png).decode()
        try:
            return scratch.evaluate(_PNG_STATS % json.dumps(data))  # type: ignore[no-any-return]
        finally:
            scratch.close()


_PNG_STATS = """(async (b64) => {
  const blob = await (await fetch("data:image/png;base64," + b64)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  context.drawImage(bitmap, 0, 0);
  const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += 4) {
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  let background = 0, most = 0;
  for (const [key, n] of counts) if (n > most) { most = n; background = key; }
  const total = bitmap.width * bitmap.height;
  return {width: bitmap.width, height: bitmap.height, colours: counts.size,
          ink: (total - most) / total, background: background};
})(%s)"""
