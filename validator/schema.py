"""Record-level field checks (required, non-empty) as cerberus schemas. Records are dicts
built from located cells, so every cerberus error maps back to the cell it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from cerberus import Validator

from .records import Cell


@dataclass(frozen=True)
class FieldError:
    field: str
    rule: str
    cell: Cell | None


def required_schema(fields: list[str]) -> dict[str, Any]:
    return {f: {"required": True, "nullable": False, "empty": False, "type": "string"} for f in fields}


def record_errors(cells: Mapping[str, Cell | None], schema: dict[str, Any]) -> list[FieldError]:
    """Validate the record whose fields are `cells` (only fields whose column exists are
    passed; a missing column is reported by column-missing, not here)."""
    document = {name: (cell.text if cell.formula is None else cell.formula) for name, cell in cells.items() if cell}
    relevant = {name: rule for name, rule in schema.items() if cells.get(name) is not None}
    validator = Validator(relevant, allow_unknown=True)
    if validator.validate(document):
        return []
    return [FieldError(str(err.field), str(err.rule), cells.get(str(err.field))) for err in validator._errors]
