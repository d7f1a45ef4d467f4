"""The public report as CSV, XLSX and PDF, rendered from the same ``PublicReport`` in the
active language (the view activates the reader's)."""
