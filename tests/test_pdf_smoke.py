"""Smoke test: LibreOffice can render a letter and an annotated copy to PDF. Needs
`soffice` or `libreoffice` on PATH; skipped otherwise."""

import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from builders import TEMPLATE_ROWS, failed_file

from validator.config.office import OfficeSettings
from validator.outputs.annotate import annotate_workbook
from validator.outputs.letter import write_letter

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    OFFICE is None, reason="LibreOffice (soffice/libreoffice) is not on PATH: PDF conversion smoke test skipped"
)


def to_pdf(document: Path, folder: Path) -> Path:
    profile = (folder / "lo-profile").as_uri()  # a private profile: no clash with a running office
    subprocess.run(
        [str(OFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(document)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = folder / f"{document.stem}.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    return pdf


def test_letter_and_annotated_copy_convert_to_pdf(make_workbook: Callable[..., Path], tmp_path: Path) -> None:
    letter = write_letter(failed_file(), tmp_path / "letter.docx", settings=OfficeSettings(), today=date(2026, 11, 28))
    copy = annotate_workbook(failed_file(), make_workbook(TEMPLATE_ROWS), tmp_path / "annotated.xlsx")
    assert copy is not None
    assert to_pdf(letter, tmp_path / "pdf").stat().st_size > 1000
    assert to_pdf(copy, tmp_path / "pdf").stat().st_size > 1000
