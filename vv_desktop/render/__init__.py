"""PDF output (ReportLab): posters, worksheets, the stellingen sheet and the whole plan. No Qt here."""

