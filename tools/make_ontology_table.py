"""Build src/accord/data/cameo.tsv from the reference tables (developer tool, run once).

The reference tables (CAMEO codes, Goldstein scale, CAMEO->PLOVER) are facts; this script
re-encodes them into one table the package ships, applying the team's documented rules:

* signing a formal agreement (057) is AGREE, not SUPPORT;
* imposing sanctions or an embargo (163) is SANCTION, as current PLOVER has it;
* appeals (02x) are REQUEST, with the mode of the matching demand (10x);
* public statements (01x) carry no PLOVER type: they are not events for Accord.

Usage: python tools/make_ontology_table.py REFERENCE_DIR > src/accord/data/cameo.tsv
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

OVERRIDES = {"057": ("AGREE", "", "diplomatic"), "163": ("SANCTION", "restrict", "economic")}


def quad_class(code: str) -> int:
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def main(ref: Path) -> None:
    labels = dict(
        line.split("\t", 1) for line in (ref / "CAMEO.eventcodes.txt").read_text().splitlines()[1:] if "\t" in line
    )
    gold = dict(
        line.split("\t", 1)
        for line in (ref / "CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]
        if "\t" in line
    )
    plover: dict[str, tuple[str, str, str]] = {}
    for line in (ref / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?", line)
        if not m:
            continue
        code, ptype, mode, ctx = m.group(1), m.group(2), (m.group(3) or "").strip(), (m.group(4) or "").strip()
        plover.setdefault(code, (ptype, mode, ctx.replace("; ", ",").replace(";", ",")))
    print("cameo\tlabel\tgoldstein\tquad_class\tplover\tmode\tcontext")
    for code, label in labels.items():
        code = code.strip()
        if code in OVERRIDES:
            ptype, mode, ctx = OVERRIDES[code]
        elif code in plover:
            ptype, mode, ctx = plover[code]
        elif code.startswith("02"):
            demand = "10" + code[2:]
            ptype, mode, ctx = plover.get(demand, ("REQUEST", "", ""))
            ptype = "REQUEST"
        elif code[:3] in plover:
            ptype, mode, ctx = plover[code[:3]]
        elif code[:2] in plover:
            ptype, mode, ctx = plover[code[:2]][0], "", ""
        else:
            ptype, mode, ctx = "", "", ""
        g = gold.get(code, "").strip()
        print(f"{code}\t{label.strip()}\t{g}\t{quad_class(code)}\t{ptype}\t{mode}\t{ctx}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
