"""Where the ledger's paths point. A path inside one of the office's folders is stored
relative to it, tagged with the folder (`inbox:`, `outbox:`, `archive:` and the rest with
forward slashes), so an office copied to another machine or drive letter keeps every link.
A path outside the three folders is stored as it is. Non-UTF-8 names keep their bytes
(`hex:`, as `validator.bot.inbox.path_to_text` writes them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePath

from validator.bot.inbox import path_from_text, path_to_text

TAGS = ("inbox", "outbox", "archive")


@dataclass(frozen=True)
class Roots:
    """The office's folders, absolute."""

    inbox: Path
    outbox: Path
    archive: Path

    @classmethod
    def beside(cls, ledger: Path) -> Roots:
        """The default layout: the ledger in the outbox, inbox and archive next to it."""
        outbox = ledger.absolute().parent
        return cls(outbox.parent / "inbox", outbox, outbox.parent / "archive")

    def folders(self) -> list[tuple[str, Path]]:
        """Deepest first, so a folder inside another (an archive in the outbox) wins."""
        pairs = [(tag, Path(getattr(self, tag))) for tag in TAGS]
        return sorted(pairs, key=lambda pair: len(pair[1].parts), reverse=True)

    @cached_property
    def _prefixes(self) -> list[tuple[str, str]]:
        return [(tag, str(root).rstrip(os.sep) + os.sep) for tag, root in self.folders()]

    def store(self, text: str | None) -> str | None:
        """An absolute path (ledger text) as the ledger keeps it."""
        if text is None or is_stored(text):
            return text
        if text.startswith("hex:"):
            path = path_from_text(text)
            for tag, root in self.folders():
                if path.is_relative_to(root):
                    return f"{tag}:{relative_text(path.relative_to(root))}"
            return text
        for tag, prefix in self._prefixes:  # paths written by the bot are normalised: compare text
            if text.startswith(prefix) or text == prefix[:-1]:
                return f"{tag}:{text[len(prefix):].replace(os.sep, '/')}"
        return text

    def load(self, text: str | None) -> str | None:
        """What the ledger keeps, as an absolute path (ledger text)."""
        if text is None or not is_stored(text):
            return text
        tag, _, rest = text.partition(":")
        root = str(getattr(self, tag))
        if rest.startswith("hex:"):
            return path_to_text(Path(root) / path_from_text(rest))
        return root.rstrip(os.sep) + os.sep + rest.replace("/", os.sep) if rest else root


def is_stored(text: str) -> bool:
    return any(text.startswith(f"{tag}:") for tag in TAGS)


def relative_text(path: PurePath) -> str:
    """Forward slashes on every system; `hex:` bytes when the name is not UTF-8."""
    text = path.as_posix()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "hex:" + os.fsencode(text).hex()
    return "" if text == "." else text
