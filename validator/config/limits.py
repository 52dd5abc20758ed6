"""What one submission may cost: the `limits:` section of rules.yaml. Every limit is checked
before the expensive work it guards (unzipping, loading a sheet, writing outputs), so one
hostile or broken file never holds the office's run. The schema is
`validator.config.sections.LIMITS_SCHEMA`. Defaults are safe for real tables:
the largest real submissions seen are a few MB with tens of thousands of cells. (The length
of one cell's text is the rule `text-too-long`, option `max_chars`.)"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the readers import Limits, and the loader imports the readers (via the rules)
    from validator.config.loader import Config


@dataclass(frozen=True)
class Limits:
    file_mb: float = 50                 # size of the file as received
    uncompressed_mb: float = 300        # declared size of all parts of an .xlsx once unzipped
    ratio: float = 200                  # uncompressed / compressed size of any part (zip bombs)
    sheet_xml_mb: float = 200           # one worksheet's XML, uncompressed
    cells_per_sheet: int = 5_000_000    # stored cells of one sheet, counted while streaming
    rows_per_sheet: int = 200_000       # rows of one sheet, counted while streaming
    merged_cells: int = 500_000         # cells covered by merged ranges of one sheet
    seconds_per_file: float = 120       # wall time to review one file; past it: 无法在限定时间内审核
    findings_listed: int = 500          # findings written to one letter / annotated copy ("另有 N 条未列出")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Limits:
        """Build from a validated `limits:` mapping; keys not given keep their defaults."""
        data = dict(data or {})
        return cls(**{f.name: data[f.name] for f in fields(cls) if data.get(f.name) is not None})


def limits_of(config: Config) -> Limits:
    return Limits.from_mapping(config.sections.get("limits"))
