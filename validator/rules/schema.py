"""Record-level field checks (required, non-empty) as cerberus schemas. Records are dicts
built from located cells, so every cerberus error maps back to the cell it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cerberus import Validator

from validator.records import Cell


@dataclass(frozen=True)
class FieldError:
    field: str
    rule: str
    cell: Cell | None


_REQUIRED = {"required": True, "nullable": False, "empty": False, "type": "string"}


def required_schema(fields: list[str]) -> dict[str, Any]:
    return {f: dict(_REQUIRED) for f in fields}


class RecordSchema:
    """A compiled schema, built once and applied to every record of a submission."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._schema = schema
        self._validators: dict[frozenset[str], Validator] = {}
        # A schema of required, non-empty strings only (what `required_schema` builds) fails a
        # record of strings only on an empty field: records without one skip cerberus.
        self._required_only = all(rule == _REQUIRED for rule in schema.values())

    def errors(self, cells: Mapping[str, Cell | None]) -> list[FieldError]:
        """Validate the record whose fields are `cells`. Only fields whose column exists are
        checked (cells maps them to None when the column is missing): a missing column is
        reported by column-missing, not once per row."""
        if self._required_only and self._all_filled(cells):
            return []  # every checked field holds text: nothing cerberus could object to
        present = frozenset(name for name in self._schema if name in cells and cells[name] is not None)
        validator = self._validators.get(present)
        if validator is None:
            validator = Validator({n: self._schema[n] for n in present}, allow_unknown=True)
            self._validators[present] = validator
        document = {name: _text(cell) for name, cell in cells.items() if cell is not None}
        if self._required_only and all(document[name] for name in present):
            return []  # every checked field holds text: nothing cerberus could object to
        if validator.validate(document, normalize=False):
            return []
        return [FieldError(str(err.field), str(err.rule), cells.get(str(err.field))) for err in validator._errors]


    def _all_filled(self, cells: Mapping[str, Cell | None]) -> bool:
        for name in self._schema:
            cell = cells.get(name)
            if cell is not None and not _text(cell):
                return False
        return True


def _text(cell: Cell) -> str:
    return cell.text if cell.formula is None else cell.formula
