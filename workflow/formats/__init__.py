"""File formats, one module per format; all XML goes through :mod:`workflow.formats.xmlsafe`."""
