"""Page furniture of the packet PDF: its confidentiality footer (the canvas that draws
it with "page N of M" and the version stamp's line is ``core.pdf_pages``)."""

FOOTER = "Confidential personnel record"
