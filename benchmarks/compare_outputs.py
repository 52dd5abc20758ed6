"""The parts of benchmarks/compare.py about one small file and the outputs, alone:

    python benchmarks/compare_outputs.py [--files 50] [--no-libreoffice] [--only small,outputs]

Builds the same share as compare.py (FILES filled templates of 20 projects x 8 indicators,
every third one with injected mistakes, re-saved through LibreOffice when it is installed),
then prints one small file's `validate` wall time (whole process, start-up included, median
of 5) and letters/s and annotated copies/s over the share. Quicker to rerun than the whole
comparison while working on start-up or the outputs."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import build, convert, inject_mistakes, outputs, process, soffice, validate_args

PARTS = ("small", "outputs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--no-libreoffice", action="store_true", help="keep the files as openpyxl wrote them")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated, of {','.join(PARTS)}")
    args = parser.parse_args()
    only = {part.strip() for part in args.only.split(",")}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        written = build(work / "openpyxl", args.files, 20, 8)
        inject_mistakes(written)
        resaved = not args.no_libreoffice and soffice() is not None
        share = convert(written, "xlsx", work / "share") if resaved else written
        print(f"share: {len(share)} files, {'re-saved by LibreOffice' if resaved else 'as openpyxl wrote them'}")
        if "small" in only:
            small, small_mem = process(validate_args(share[0], 1), repeat=5)
            print(f"one small file (20 projects × 8 indicators): {small:.3f} s, peak {small_mem:.0f} MiB")
        if "outputs" in only:
            letters, annotated = outputs(share[:50], work)
            print(f"letters: {letters:.0f} per second; annotated copies: {annotated:.0f} per second "
                  f"({min(len(share), 50)} files)")


if __name__ == "__main__":
    main()
