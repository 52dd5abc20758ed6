"""Workbooks become a list of `Grid`s of located cells. Merged areas read as their top-left
value at the top-left coordinate (the cell the user sees).

Two readers give the same grids: the default, python-calamine with the few parts it does not
read scanned directly (`calamine_reader`, every format), and openpyxl (`openpyxl_grids`, .xlsx
only), kept to prove the two agree. Neither library is imported until a file is read."""

from __future__ import annotations

from pathlib import Path

from validator.config.limits import Limits
from validator.reader.grid import Grid

ENGINES = ("calamine", "openpyxl")


def load_grids(path: Path, *, limits: Limits | None = None, engine: str = "calamine") -> list[Grid]:
    """Every worksheet of the workbook at `path` (any format, recognised by content)."""
    return load_book(path, limits=limits, engine=engine)[1]


def load_book(path: Path, *, limits: Limits | None = None, engine: str = "calamine") -> tuple[str, list[Grid]]:
    """(what the file really is, its grids), after the checks of `safety.check_file`."""
    from validator.reader.safety import check_file

    limits = limits or Limits()
    sniffed = check_file(path, limits)
    if engine == "openpyxl" and sniffed.format in ("xlsx", "xlsm"):
        from validator.reader.calamine_reader import scan_extras
        from validator.reader.openpyxl_grids import openpyxl_grids

        scan_extras(path, sniffed, limits)  # the same limits, before openpyxl loads anything
        return sniffed.format, openpyxl_grids(path)
    from validator.reader.calamine_reader import calamine_grids

    grids = calamine_grids(path, sniffed, limits)
    if sniffed.format in ("xls", "xlsb"):
        from validator.reader.xls_parts import add_binary_extras

        add_binary_extras(path, sniffed.format, grids)  # what calamine does not give for .xls/.xlsb
    return sniffed.format, grids
