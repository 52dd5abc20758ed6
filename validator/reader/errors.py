"""The one exception readers raise: the file cannot be read at all."""

from __future__ import annotations


class UnreadableFile(Exception):
    """A submission that cannot be opened. Carries the Chinese message and suggestion the
    user reads; the engine turns it into a `file-unreadable` finding."""

    def __init__(self, message: str, suggestion: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion
        self.detail = detail
