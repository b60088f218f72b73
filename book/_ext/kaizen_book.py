"""Sphinx tweaks for the Kaizen book.

sphinx-thebe (which Jupyter Book always loads) registers its inline configuration script
once per reading pass, so an incremental build can put the same ``const`` declarations
in a page twice, which the browser reports as an error. Each page keeps one copy of
every script.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _unique_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    del app, pagename, templatename, doctree
    seen: set[tuple[str, str]] = set()
    unique = []
    for script in context.get("script_files", []):
        attributes = dict(getattr(script, "attributes", {}))
        attributes.pop("priority", None)
        filename = getattr(script, "filename", None) or ""  # inline: None or ""
        key = (str(filename), repr(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the tweaks with Sphinx."""
    app.connect("html-page-context", _unique_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
