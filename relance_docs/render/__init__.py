"""Documents: a pure context builder, one Jinja environment, PDF (WeasyPrint) and DOCX
(docxtpl) output, and the print-ready batch."""
