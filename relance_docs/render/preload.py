"""Imported by the batch's fork server: what every worker needs, loaded once.

WeasyPrint takes about a second and a half to import; the fork server imports it once and
each worker it forks starts with it. A machine without WeasyPrint's system libraries is
told so, in one line, by the main process before any worker starts
(:func:`relance_docs.render.pdf.weasyprint`); here the failure is only skipped.
"""

from __future__ import annotations

import contextlib

with contextlib.suppress(OSError, ImportError):
    import weasyprint  # noqa: F401
