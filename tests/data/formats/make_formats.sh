#!/bin/sh
# Re-creates the committed format fixtures: our own acceptance tables and the 2023 seed, saved
# by a real spreadsheet program (LibreOffice headless) as .xls and .ods, the seed also as CSV
# (UTF-8 with BOM, and GB18030), plus two workbooks whose extension lies. styled.xlsx (a
# percentage and a date in 指标值 cells) is written first by make_styled.py; the .xlsb files
# come from make_xlsb.py (LibreOffice cannot write .xlsb; see that script).
# Run from the repository root:  sh tests/data/formats/make_formats.sh
set -e
out=tests/data/formats
tmp=$(mktemp -d)
python tests/data/formats/make_styled.py
cp "$out/styled.xlsx" "$tmp/"
for name in pass/clean pass/outdated fail/funds fail/values fail/text; do
  cp "tests/acceptance/$name.xlsx" "$tmp/"
done
cp tests/data/seed_2023.xlsx "$tmp/"
for f in "$tmp"/*.xlsx; do
  soffice --headless --convert-to xls --outdir "$out" "$f" >/dev/null
  soffice --headless --convert-to ods --outdir "$out" "$f" >/dev/null
done
# CSV: field separator 44 (comma), text delimiter 34 ("), character set 76 (UTF-8).
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$tmp" "$tmp/seed_2023.xlsx" >/dev/null
printf '\357\273\277' > "$out/seed_2023.csv" && cat "$tmp/seed_2023.csv" >> "$out/seed_2023.csv"
iconv -f UTF-8 -t GB18030 "$tmp/seed_2023.csv" > "$out/seed_2023_gb18030.csv"
cp "$out/funds.xls" "$out/funds_really_xls.xlsx"
cp tests/acceptance/fail/funds.xlsx "$out/funds_really_xlsx.xls"
# The row-per-indicator export as CSV (UTF-8, UTF-8 with BOM, GB18030) and as tab-separated text.
cp tests/acceptance/fail/rowwise_problems.xlsx "$tmp/"
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$tmp" "$tmp/rowwise_problems.xlsx" >/dev/null
cp "$tmp/rowwise_problems.csv" "$out/rowwise_problems.csv"
printf '\357\273\277' > "$out/rowwise_problems_bom.csv" && cat "$tmp/rowwise_problems.csv" >> "$out/rowwise_problems_bom.csv"
iconv -f UTF-8 -t GB18030 "$tmp/rowwise_problems.csv" > "$out/rowwise_problems_gb18030.csv"
soffice --headless --convert-to 'txt:Text - txt - csv (StarCalc):9,34,76' --outdir "$tmp" "$tmp/rowwise_problems.xlsx" >/dev/null
cp "$tmp/rowwise_problems.txt" "$out/rowwise_problems.txt"
# The self-evaluation export (one indicator per row) as CSV.
cp tests/acceptance/fail/selfeval_rowwise_problems.xlsx "$tmp/"
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$out" "$tmp/selfeval_rowwise_problems.xlsx" >/dev/null
rm -r "$tmp"
