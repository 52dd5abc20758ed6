"""Render the example letters through LibreOffice and print pages and fill per page.

    python benchmarks/render_letters.py [--keep DIR] [--png]

The four letters the page goals are about (issue 19): the real 2023 table
(tests/data/seed_2023.txt, goal ≤ 4 pages), our own import of it (goal ≤ 5), the example
with five findings (goal ≤ 2) and the unreadable example (goal 1); and two self-evaluation
letters (SELF_EVALUATION_LETTERS). Fill is how far down the
type area the last line of text reaches on each page (page numbers not counted); every page
of a section but its last should be at least 60 % full. The page with the signature (落款)
must also carry body text ("落款单独成页" otherwise). Exits 0 when LibreOffice is missing
(prints why), 1 when a goal is missed."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from validator.config.loader import load_config, office_settings  # noqa: E402
from validator.engine import validate_file  # noqa: E402
from validator.outputs.letter import LANDSCAPE_MARGINS, MARGINS, write_letter  # noqa: E402
from validator.published.importer import import_table  # noqa: E402

MM = 72 / 25.4
TODAY = date(2026, 12, 1)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


# Self-evaluations (绩效自评表): the 12 problems of the failing acceptance form, with its
# landscape 自评结果复核意见表 (goal ≤ 4), and the example with three (table in the body, goal ≤ 2).
SELF_EVALUATION_LETTERS = [
    ("绩效自评表（12 条问题）", ROOT / "tests/acceptance/fail/selfeval_form_problems.xlsx", 4),
    ("绩效自评表示例（司法局）", ROOT / "examples/inbox/某市司法局_2026年项目支出绩效自评表.xlsx", 2),
]


def build_letters(folder: Path) -> list[tuple[str, Path, int]]:
    """(label, letter, page goal) for the four example letters."""
    config = load_config(ROOT / "rules.yaml")
    settings = office_settings(config)
    imported = folder / "imported"
    import_table(ROOT / "tests/data/seed_2023.txt", imported, single=True, rules_checksum=config.checksum)
    inputs = [
        ("2023 年真实表", ROOT / "tests/data/seed_2023.txt", 4),
        ("导入后的 2023 年表", next(imported.glob("*.xlsx")), 5),
        ("五条问题（卫健委示例）", ROOT / "examples/inbox/某市卫健委_2027年项目支出绩效目标表.xlsx", 2),
        ("无法读取（文旅局示例）", ROOT / "examples/inbox/某市文旅局_绩效目标表.xls", 1),
    ]
    inputs += SELF_EVALUATION_LETTERS
    letters = []
    for number, (label, source, goal) in enumerate(inputs, start=1):
        report = validate_file(source, config)
        path = write_letter(report, folder / f"letter{number}.docx", settings=settings, today=TODAY)
        letters.append((label, path, goal))
    return letters


def render(docx: Path, folder: Path) -> Path:
    """PDF through LibreOffice, with a profile of its own: a LibreOffice already running on
    the machine (another user's, another check's) would otherwise take the job or refuse it."""
    profile = (folder / "lo-profile").resolve().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=120)
    return folder / (docx.stem + ".pdf")


def page_fills(pdf: Path) -> list[float]:
    """Per page: the share of the type area's height that text reaches (0–1)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    fills = []
    for width, height, body in _PAGE.findall(xml):
        landscape = float(width) > float(height)
        margins = LANDSCAPE_MARGINS if landscape else MARGINS
        top, bottom = margins["top"].mm * MM, float(height) - margins["bottom"].mm * MM
        lines = [float(y_max) for _, _, _, y_max, _ in _WORD.findall(body) if float(y_max) <= bottom + 2]
        fills.append(max(0.0, (max(lines, default=top) - top) / (bottom - top)))
    return fills


def signature_with_body(pdf: Path, signer: str) -> bool:
    """Whether the page that carries the signature (落款) also carries body text above it
    (GB/T 9704: the signature never stands alone on a page)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = [page for page in text.split("\f") if signer in page.replace(" ", "")]
    if not pages:
        return False
    lines = [line.strip() for line in pages[-1].splitlines() if line.strip()]
    at = next(i for i, line in enumerate(lines) if signer in line.replace(" ", ""))
    return any(not line.startswith("附件") for line in lines[:at])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the letters, PDFs (and PNGs) in this folder")
    parser.add_argument("--png", action="store_true", help="also write one PNG per page (pdftoppm)")
    args = parser.parse_args()
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        print("跳过：未安装 LibreOffice（soffice）或 poppler（pdftotext），无法渲染意见函。")
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="letters-"))
    folder.mkdir(parents=True, exist_ok=True)
    missed = 0
    signer = office_settings(load_config(ROOT / "rules.yaml")).signer
    for label, docx, goal in build_letters(folder):
        pdf = render(docx, folder)
        if args.png:
            subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / docx.stem)], check=True)
        fills = page_fills(pdf)
        kept = signature_with_body(pdf, signer)
        ok = len(fills) <= goal and kept
        missed += not ok
        shown = " ".join(f"{fill:.0%}" for fill in fills)
        alone = "" if kept else "；落款单独成页"
        print(f"{label}: {len(fills)} 页（目标 ≤ {goal}）{'' if ok else ' 未达标'}；各页填充 {shown}{alone}；{docx.name}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
