"""Write the pre-subsetted DejaVu Sans fonts the letters use (run once; output committed).

The letters embed these small Latin subsets through @font-face: WeasyPrint then has far
less to subset at each PDF (perf_baseline.md: the write drops from about 267 ms to 75 ms),
and every machine prints with the same font, whatever it has installed.

    python templates/fonts/make_fonts.py [/usr/share/fonts/truetype/dejavu]

DejaVu fonts are free to redistribute (Bitstream Vera licence, see LICENSE-DejaVu.txt).
"""

import sys
from pathlib import Path

from fontTools import subset

SOURCE = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/dejavu")
HERE = Path(__file__).resolve().parent
# Basic Latin, Latin-1, Latin Extended-A (œ, Œ, ŵ...), general punctuation (dashes, quotes,
# ellipsis, narrow no-break space), the euro, the pound, the trademark sign, minus.
UNICODES = "U+0020-007E,U+00A0-017F,U+2010-2027,U+202F,U+2030-203A,U+20AC,U+2122,U+2212"

for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
    subset.main(
        [
            str(SOURCE / f"{name}.ttf"),
            f"--unicodes={UNICODES}",
            "--layout-features=kern,liga",
            "--no-hinting",
            "--desubroutinize",
            f"--output-file={HERE / (name + '-Latin.ttf')}",
        ]
    )
    print(f"{name}-Latin.ttf: {(HERE / (name + '-Latin.ttf')).stat().st_size} bytes")
