#!/usr/bin/env bash
# Checks a rendered .docx with the three oracles; exits non-zero on any failure.
#   scripts/check-docx.sh FILE.docx MIN_PAGES MAX_PAGES [TEXT …]
# Every report must show the Party heading, "BÁO CÁO" and "Nơi nhận:" on paper;
# each further TEXT must appear in the PDF too.
set -euo pipefail
cd "$(dirname "$0")/.."
file=$1 min=$2 max=$3
shift 3
out=$(dirname "$file")

echo "-- Open XML SDK validator: $file"
tools/validator/node_modules/.bin/ooxml-validator "$file" > "$out/sdk.json" || { cat "$out/sdk.json"; echo "FAIL: the Open XML SDK validator found errors"; exit 1; }
echo "ok"

echo "-- openxml-audit: $file"
.venv/bin/openxml-audit -o json "$file" > "$out/audit.json" || true
.venv/bin/python - "$out/audit.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
errors = [e for f in report for e in f.get("errors", []) if e.get("severity") == "error"]
for e in errors:
    print(f"  {e.get('type')}: {e.get('part_uri')} {e.get('path')}: {e.get('description')}")
if errors or not all(f.get("valid") for f in report):
    sys.exit("FAIL: openxml-audit found errors")
print("ok")
PY

echo "-- LibreOffice: $file"
pdf="$out/$(basename "${file%.docx}").pdf"
rm -f "$pdf"
# soffice exits 0 even when loading fails: the PDF must exist.
soffice --headless --convert-to pdf --outdir "$out" "$file" >/dev/null 2>&1 || true
[ -s "$pdf" ] || { echo "FAIL: LibreOffice did not produce $pdf"; exit 1; }
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
echo "pages: $pages (expected $min to $max)"
[ "$pages" -ge "$min" ] && [ "$pages" -le "$max" ] || { echo "FAIL: page count out of range"; exit 1; }
# A page with nothing but its number is a blank page on paper.
for ((i = 1; i <= pages; i++)); do
    words=$(pdftotext -f "$i" -l "$i" "$pdf" - | tr -d '[:space:][:digit:]')
    [ -n "$words" ] || { echo "FAIL: page $i is blank"; exit 1; }
done
text=$(pdftotext -layout "$pdf" -)
for want in "ĐẢNG CỘNG SẢN VIỆT NAM" "BÁO CÁO" "Nơi nhận:" "$@"; do
    grep -qF -- "$want" <<<"$text" || { echo "FAIL: the PDF lacks \"$want\""; exit 1; }
done
echo "ok"
