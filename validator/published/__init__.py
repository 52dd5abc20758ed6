"""The published flat layout (公开表) as a product: `importer` turns a published table into
standard templates, `publish` builds the disclosure table from accepted submissions and
`disclosure` writes it (.xlsx or text). Reading the layout lives in `validator.reader`."""
