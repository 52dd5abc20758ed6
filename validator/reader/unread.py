"""What a workbook's format did not tell the reader, by kind, for the `format-unchecked` hint:
an .xlsb carries no formula flags or number formats that python-calamine reads, nor merged
areas or hidden rows; an .xls holding formulas does not say which cells they are."""

from __future__ import annotations

from validator.reader.grid import Grid

FORMULAS = "formulas"
NUMBER_FORMATS = "number-formats"
MERGED = "merged"
HIDDEN_ROWS = "hidden-rows"


def unread_of(grids: list[Grid]) -> frozenset[str]:
    """Every kind some sheet of the workbook could not tell."""
    found: set[str] = set()
    for grid in grids:
        found |= grid.unknown
        if grid.merged is None:
            found.add(MERGED)
        if grid.hidden_rows is None:
            found.add(HIDDEN_ROWS)
    return frozenset(found)
