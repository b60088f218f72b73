"""Turn a Jupyter notebook submission into the Python module it stands for."""

from __future__ import annotations

import json
import re

__all__ = ["NotebookError", "notebook_to_module"]

_MAGIC = re.compile(r"^\s*[%!]")


class NotebookError(ValueError):
    """A notebook that cannot be read, with a message that says what to fix."""


def notebook_to_module(text: str) -> str:
    """Join a notebook's code cells into one module, in order.

    IPython magics and shell escapes (lines starting with ``%`` or ``!``) are kept as
    comments, so that line numbers stay meaningful and nothing but Python runs.

    Args:
        text: The ``.ipynb`` file's content.

    Returns:
        The module's source.

    Raises:
        NotebookError: If the file is not a valid notebook.
    """
    import nbformat  # noqa: PLC0415 - only notebook submissions need it (slow to import)

    try:
        notebook = nbformat.reads(text, as_version=4)
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as error:
        raise NotebookError(
            f"it is not valid notebook JSON ({error}): save it again from Jupyter"
        ) from error
    except (nbformat.ValidationError, KeyError, TypeError, AttributeError) as error:
        raise NotebookError(
            f"it is not a valid notebook ({error}): save it again from Jupyter"
        ) from error
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    lines = [
        f"# {line}" if _MAGIC.match(line) else line
        for source in cells
        for line in (source.splitlines() or [""])
    ]
    return "\n".join(lines) + "\n"
