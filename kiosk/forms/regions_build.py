"""Build `kiosk/forms/data/regions.tsv.gz`, the region picker's data, from the national
statistics codes (统计用区划代码) as published in CSV by the Administrative-divisions-of-China
project (WTFPL; `dist/provinces.csv`, `cities.csv`, `areas.csv`, `streets.csv`).

    python -m kiosk.forms.regions_build DIR [--source-note TEXT]

Writes one `code<TAB>name` line per region (2-digit provinces, 4-digit cities, 6-digit
counties, 9-digit townships), after a `#` header naming the source. Run it only to refresh the
data; the kiosk reads the generated file (see `kiosk/forms/regions.py`).
"""

from __future__ import annotations

import argparse
import csv
import gzip
from pathlib import Path

OUTPUT = Path(__file__).with_name("data") / "regions.tsv.gz"
FILES = ("provinces.csv", "cities.csv", "areas.csv", "streets.csv")
CODE_LENGTHS = (2, 4, 6, 9)


def read_regions(source: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for name, length in zip(FILES, CODE_LENGTHS, strict=True):
        with (source / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                code, region = row["code"].strip(), row["name"].strip()
                if len(code) != length or not code.isdigit() or not region:
                    raise ValueError(f"{name}: bad row {row!r}")
                rows.append((code, region))
    return sorted(rows)


def write_regions(rows: list[tuple[str, str]], output: Path, note: str) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# {note}", *(f"{code}\t{name}" for code, name in rows)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime=0: the same input gives the same bytes, so a rebuild shows no spurious diff.
    with output.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="directory with the four CSV files")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--source-note", default="Administrative-divisions-of-China dist/*.csv "
                        "(National Bureau of Statistics codes, 2023), WTFPL")
    args = parser.parse_args(argv)
    rows = read_regions(args.source)
    write_regions(rows, args.output, args.source_note)
    counts = {length: sum(1 for code, _ in rows if len(code) == length)
              for length in CODE_LENGTHS}
    print(f"{args.output}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
