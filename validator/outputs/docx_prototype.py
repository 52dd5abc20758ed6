"""Word documents started from a prepared prototype instead of from scratch.

Opening python-docx's default template parses about 800 kB of style XML, and saving writes it
out again: most of a short letter's cost. A prototype is built once per process (per key:
the settings the frame depends on) and lent out; each loan starts from the prototype's
pristine body, and a save serializes only the parts a letter writes (the main document and
the core properties). Every other part is serialized once, when the prototype is built.

A part the borrower did change anyway is noticed by its element count and written afresh,
so a new style or numbering added by a letter is never lost (and that prototype is not lent
again). Prototypes are kept in a pool: two threads never share one."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from docx.document import Document as DocxDocument
from docx.opc.part import Part, XmlPart
from docx.opc.pkgwriter import PackageWriter

FAST = 1  # zlib level for the frozen parts
_MAX_KEYS = 8  # different frames kept at once; more (a long-running server whose settings change) start over


@dataclass(frozen=True)
class _Frozen:
    """A part as the package writer sees it (name, type, relationships, bytes), taken once."""

    partname: Any
    content_type: str
    rels: Any
    blob: bytes
    size: int  # child elements of the part's root when it was frozen (-1: not XML)
    links: int  # its relationships then


class Loan:
    """A borrowed document: fill `doc`, then `save` it."""

    def __init__(self, doc: DocxDocument, frozen: dict[str, _Frozen]) -> None:
        self.doc = doc
        self._frozen = frozen
        self.spoiled = False  # a frozen part was changed: the prototype is not lent again

    def save(self, path: Path | str) -> None:
        """What `Document.save` writes, in the same order; the frozen parts' bytes as taken."""
        package = self.doc.part.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        written = [self._frozen_or_live(part) for part in parts]
        with ZipFile(path, "w", compression=ZIP_DEFLATED) as archive:
            writer = _Writer(archive, {id(kept.blob) for kept in written if isinstance(kept, _Frozen)})
            PackageWriter._write_content_types_stream(writer, written)
            PackageWriter._write_pkg_rels(writer, package.rels)
            PackageWriter._write_parts(writer, written)  # type: ignore[arg-type]

    def _frozen_or_live(self, part: Part) -> Part | _Frozen:
        kept = self._frozen.get(str(part.partname))
        if kept is None:
            return part
        if kept.size != _size(part) or kept.links != len(part.rels):
            self.spoiled = True
            return part  # changed after all: serialized now
        return kept


@dataclass(frozen=True)
class _Writer:
    """python-docx's zip writer, but the frozen parts (the 800 kB of styles among them) are
    compressed at zlib's fastest level: the letter is a little larger, written 4 x faster."""

    archive: ZipFile
    frozen: set[int]

    def write(self, pack_uri: Any, blob: bytes) -> None:
        level = FAST if id(blob) in self.frozen else None
        self.archive.writestr(pack_uri.membername, blob, compresslevel=level)


@dataclass
class _Prototype:
    doc: DocxDocument
    body: list[Any]  # the pristine children of w:body
    rel_ids: frozenset[str]  # the main document part's relationships before any loan
    frozen: dict[str, _Frozen]  # partname -> its bytes, for every part but the two a letter writes

    def reset(self) -> None:
        body = self.doc.element.body
        for child in list(body):
            body.remove(child)
        body.extend(copy.deepcopy(child) for child in self.body)
        rels = self.doc.part.rels
        for r_id in [r for r in rels if r not in self.rel_ids]:
            del rels[r_id]  # a picture or link added by the last letter goes with it


_POOLS: dict[Hashable, list[_Prototype]] = {}
_LOCK = threading.Lock()


@contextmanager
def borrowed(key: Hashable, build: Callable[[], DocxDocument]) -> Iterator[Loan]:
    """A document as `build()` makes it (called once per `key` and concurrent borrower), to
    fill and save; its prototype goes back to the pool afterwards."""
    with _LOCK:
        if key not in _POOLS and len(_POOLS) >= _MAX_KEYS:
            _POOLS.clear()
        pool = _POOLS.setdefault(key, [])
        prototype = pool.pop() if pool else None
    if prototype is None:
        prototype = _prototype(build())
    else:
        prototype.reset()
    loan = Loan(prototype.doc, prototype.frozen)
    yield loan  # a letter that fails half-way leaves its prototype unreturned, to be garbage
    if not loan.spoiled:
        with _LOCK:
            pool.append(prototype)


def _size(part: Part) -> int:
    return len(part.element) if isinstance(part, XmlPart) else -1


def _prototype(doc: DocxDocument) -> _Prototype:
    package = doc.part.package
    written = {str(doc.part.partname), str(package._core_properties_part.partname)}
    frozen = {str(part.partname): _Frozen(part.partname, part.content_type, part.rels, part.blob, _size(part),
                                          len(part.rels))
              for part in package.parts if str(part.partname) not in written}
    return _Prototype(doc, [copy.deepcopy(child) for child in doc.element.body], frozen=frozen,
                      rel_ids=frozenset(doc.part.rels))
