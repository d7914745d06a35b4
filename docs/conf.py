"""Sphinx configuration: MyST markdown pages, autodoc for the API reference, the furo theme."""

from __future__ import annotations

project = "sinosoviet"
author = "The sinosoviet developers"
copyright = "2026, The sinosoviet developers; data CC BY-SA 4.0"

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.viewcode"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "sinosoviet"
default_role = "py:obj"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
suppress_warnings = ["myst.xref_missing"]
