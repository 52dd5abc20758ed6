"""Everything written from a `Report`: terminal text and JSON (`reporters`), the Word feedback
letter (`letter`, the only module that imports python-docx), the annotated copy (`annotate`),
the office's summary (`summary`), with their shared pieces: literal-text cell writing
(`sheetout`), output file names (`naming`), what changed since a unit's last submission
(`changes`) and the progress bar (`progress`). Outputs read only the report."""
