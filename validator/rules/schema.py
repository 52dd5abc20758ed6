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


def required_schema(fields: list[str]) -> dict[str, Any]:
    return {f: {"required": True, "nullable": False, "empty": False, "type": "string"} for f in fields}


class RecordSchema:
    """A compiled schema, built once and applied to every record of a submission."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._schema = schema
        self._validators: dict[frozenset[str], Validator] = {}

    def errors(self, cells: Mapping[str, Cell | None]) -> list[FieldError]:
        """Validate the record whose fields are `cells`. Only fields whose column exists are
        checked (cells maps them to None when the column is missing): a missing column is
        reported by column-missing, not once per row."""
        present = frozenset(name for name in self._schema if name in cells and cells[name] is not None)
        validator = self._validators.get(present)
        if validator is None:
            validator = Validator({n: self._schema[n] for n in present}, allow_unknown=True)
            self._validators[present] = validator
        document = {name: _text(cell) for name, cell in cells.items() if cell is not None}
        if validator.validate(document, normalize=False):
            return []
        return [FieldError(str(err.field), str(err.rule), cells.get(str(err.field))) for err in validator._errors]


def _text(cell: Cell) -> str:
    return cell.text if cell.formula is None else cell.formula
