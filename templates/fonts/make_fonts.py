"""Write the pre-subsetted fonts the PDF letters embed (run once; output committed).

The PDFs use Liberation Sans, metric-compatible with Arial: the DOCX twins ask for Arial,
present on office machines, so a letter edited in Word keeps the PDF's line and page
breaks. The letters embed small Latin subsets through @font-face: WeasyPrint then has far
less to subset at each PDF (perf_baseline.md: the write drops from about 267 ms to 75 ms),
and every machine prints with the same font, whatever it has installed.

    python templates/fonts/make_fonts.py [/usr/share/fonts/truetype/liberation2]

Liberation fonts are under the SIL Open Font License 1.1 with the Reserved Font Name
"Liberation" (LICENSE-Liberation.txt): a subset is a modified version, so it is renamed
"Relance Sans" inside the font (name table), as the licence requires.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
HERE = Path(__file__).resolve().parent
FAMILY = "Relance Sans"
# Basic Latin, Latin-1, Latin Extended-A (œ, Œ, ŵ...), general punctuation (dashes, quotes,
# ellipsis, narrow no-break space), the euro, the pound, the trademark sign, minus.
UNICODES = "U+0020-007E,U+00A0-017F,U+2010-2027,U+202F,U+2030-203A,U+20AC,U+2122,U+2212"
STYLES = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}


def rename(path: Path, style: str) -> None:
    font = TTFont(path)
    names = font["name"]
    full = f"{FAMILY} {style}" if style != "Regular" else FAMILY
    ps = f"{FAMILY.replace(' ', '')}-{style.replace(' ', '')}"
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(
                FAMILY, record.nameID, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID in (2, 17):
            names.setName(style, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 4):
            names.setName(full, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(ps, record.nameID, record.platformID, record.platEncID, record.langID)
    font.save(path)


for source, style in STYLES.items():
    out = HERE / f"RelanceSans-{source}.ttf"
    subset.main(
        [
            str(SOURCE / f"LiberationSans-{source}.ttf"),
            f"--unicodes={UNICODES}",
            "--layout-features=kern,liga",
            "--no-hinting",
            "--desubroutinize",
            "--name-IDs=*",
            f"--output-file={out}",
        ]
    )
    rename(out, style)
    print(f"{out.name}: {out.stat().st_size} bytes")
