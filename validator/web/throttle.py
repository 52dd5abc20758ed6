"""Wrong office tokens, counted per client address: after `max_failures` wrong tries within
`window` seconds, that address is refused (429) until the oldest of them is a window old.
Right tokens are never slowed down and clear the count.

An in-process counter, not Flask-Limiter: `validator serve` is one waitress process, so memory
is the exact store; the limit is on failed log-ins only, not on requests, which a request
limiter would need a custom cost function for; and it adds no dependency or storage setting."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

MAX_FAILURES = 5
WINDOW_SECONDS = 60.0
_MAX_ADDRESSES = 10_000  # bounded memory: a flood of addresses forgets the oldest


class LoginThrottle:
    """Thread-safe: request threads call it at once."""

    def __init__(self, *, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures, self.window, self.clock = max_failures, window, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, address: str) -> int | None:
        """Whole seconds until `address` may try again, or None when it may try now."""
        with self._lock:
            times = self._recent(address)
            if len(times) < self.max_failures:
                return None
            return max(1, math.ceil(times[0] + self.window - self.clock()))

    def failed(self, address: str) -> None:
        with self._lock:
            times = self._recent(address)
            times.append(self.clock())
            self._failures[address] = times
            while len(self._failures) > _MAX_ADDRESSES:
                del self._failures[next(iter(self._failures))]

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)

    def _recent(self, address: str) -> deque[float]:
        times = self._failures.pop(address, deque())
        now = self.clock()
        while times and times[0] <= now - self.window:
            times.popleft()
        if times:
            self._failures[address] = times  # re-inserted: the dict stays in order of last use
        return times
