"""The generic promise mutants: each makes one slip the house baseline forbids.

Every kata promises these, whatever its focus: no ``print`` in library code, an explicit
``__all__``, no shared mutable state, formatted code with no suppression, public
docstrings, no bare or blind ``except``, an annotated public API, no ``# type: ignore``
without a code and a reason, no ``eval``. Each mutant edits as little as it can (a line
inserted, replaced or deleted, in the first public function where it applies) and keeps
the rest of the file formatted, so that it breaks that one promise only.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from autograder.devcheck.mutants import (
    WHOLE_FILE,
    Mutant,
    indentation,
    public_functions,
)
from autograder.kata.authoring import PromiseMutant

__all__ = ["GENERIC_PROMISES", "generic_mutant"]

_LINE_LENGTH = 88
_TYPE_IGNORE = "  # type: ignore"
_GLOBAL = "_seen_calls"


@dataclass(frozen=True, slots=True)
class _Edit:
    lines: list[str]
    touched: frozenset[int]


type _Transform = Callable[[list[str], ast.Module], _Edit | None]


def _print_call(lines: list[str], tree: ast.Module) -> _Edit | None:
    for function in public_functions(tree):
        first = function.body[0]
        argument = function.first_argument or '"called"'
        return _insert(lines, first.lineno, [f"{indentation(lines, first)}print({argument})"])
    return None


def _no_all(lines: list[str], tree: ast.Module) -> _Edit | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
            edit = _delete(lines, node.lineno, node.end_lineno or node.lineno)
            return _Edit(edit.lines, edit.touched | WHOLE_FILE)
    return None


def _shared_state(lines: list[str], tree: ast.Module) -> _Edit | None:
    if any(_GLOBAL in line for line in lines):
        return None
    for function in public_functions(tree):
        first = function.body[0]
        argument = function.first_argument or "None"
        write = _insert(
            lines, first.lineno, [f"{indentation(lines, first)}{_GLOBAL}.append({argument})"]
        )
        top = _top_of(function.node, lines)
        declared = _insert(write.lines, top, [f"{_GLOBAL}: list[object] = []", "", ""])
        return _Edit(declared.lines, frozenset({top, first.lineno + 3}))
    return None


def _fmt_off(lines: list[str], tree: ast.Module) -> _Edit | None:
    del tree  # the directive goes first, whatever the module holds
    return _Edit(["# fmt: off", *lines], WHOLE_FILE)


def _no_docstring(lines: list[str], tree: ast.Module) -> _Edit | None:
    for function in public_functions(tree):
        docstring = function.node.body[0]
        if ast.get_docstring(function.node, clean=False) is None:
            continue
        edit = _delete(lines, docstring.lineno, docstring.end_lineno or docstring.lineno)
        return _Edit(edit.lines, edit.touched | {function.node.lineno})
    return None


def _bare_except(lines: list[str], tree: ast.Module) -> _Edit | None:
    for handler in _handlers(tree):
        if handler.type is not None and handler.name is None and _widenable(handler, tree):
            start = handler.col_offset + len("except")
            return _replace(lines, handler.lineno, start, handler.type.end_col_offset or 0, "")
    return _insert_try(lines, tree, "except:")


def _blind_except(lines: list[str], tree: ast.Module) -> _Edit | None:
    for handler in _handlers(tree):
        kind = handler.type
        if kind is None or not _widenable(handler, tree):
            continue
        if handler.name is None or _only_chained(handler):
            end = kind.end_col_offset or 0
            return _replace(lines, kind.lineno, kind.col_offset, end, "Exception")
    return _insert_try(lines, tree, "except Exception:")


def _widenable(handler: ast.ExceptHandler, tree: ast.Module) -> bool:
    """Whether widening the handler's type changes nothing else.

    Its type must be on one line and not already ``Exception``, and every name it uses
    must be a built-in or used elsewhere too: else an import would become unused.
    """
    kind = handler.type
    if kind is None or kind.lineno != kind.end_lineno:
        return False
    if ast.unparse(kind) in {"Exception", "BaseException"}:
        return False
    inside = {id(node) for node in ast.walk(kind)}
    elsewhere = {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and id(node) not in inside
    }
    names = {node.id for node in ast.walk(kind) if isinstance(node, ast.Name)}
    return all(name in elsewhere or hasattr(builtins, name) for name in names)


def _no_annotation(lines: list[str], tree: ast.Module) -> _Edit | None:
    candidates = [f for f in public_functions(tree) if f.node.returns is not None]
    # A signature on one line stays on one line: dropping part of a wrapped one could
    # make the formatter want to join it, and the format check would fail as well.
    candidates.sort(key=lambda f: f.node.returns is None or f.node.returns.lineno != f.node.lineno)
    for function in candidates:
        returns = function.node.returns
        if returns is None or not _one_line(returns):
            continue
        line = lines[returns.lineno - 1]
        start = _char_offset(line, returns.col_offset)
        arrow = line.rfind("->", 0, start)
        if arrow < 0:
            continue
        end = _char_offset(line, returns.end_col_offset or 0)
        changed = [*lines]
        changed[returns.lineno - 1] = line[:arrow].rstrip() + line[end:]
        return _Edit(changed, frozenset({function.node.lineno, returns.lineno}))
    return None


def _type_ignore(lines: list[str], tree: ast.Module) -> _Edit | None:
    for function in public_functions(tree):
        for statement in function.body:
            simple = not hasattr(statement, "body") and statement.lineno == statement.end_lineno
            line = lines[statement.lineno - 1]
            if simple and "#" not in line and len(line) + len(_TYPE_IGNORE) <= _LINE_LENGTH:
                changed = [*lines]
                changed[statement.lineno - 1] = line + _TYPE_IGNORE
                return _Edit(changed, frozenset({statement.lineno}))
    return None


def _eval(lines: list[str], tree: ast.Module) -> _Edit | None:
    # Never true in an imported module, and no checker can prove it, so the only thing
    # wrong with the mutant is the eval itself (code after a return would be unreachable
    # code, which mypy reports for its own reason).
    for function in public_functions(tree):
        first = function.body[0]
        pad = indentation(lines, first)
        return _insert(
            lines, first.lineno, [f'{pad}if __name__ == "__main__":', f'{pad}    eval("0")']
        )
    return None


GENERIC_PROMISES: dict[PromiseMutant, tuple[str, _Transform]] = {
    PromiseMutant.PRINT_CALL: ("library code logs; it never prints", _print_call),
    PromiseMutant.NO_ALL: ("the module declares its public API in __all__", _no_all),
    PromiseMutant.SHARED_STATE: ("no module-level state that calls write to", _shared_state),
    PromiseMutant.FMT_OFF: ("the code is formatted; no suppression hides it", _fmt_off),
    PromiseMutant.NO_DOCSTRING: ("every public function has a docstring", _no_docstring),
    PromiseMutant.BARE_EXCEPT: ("no bare except", _bare_except),
    PromiseMutant.BLIND_EXCEPT: ("no blind except Exception", _blind_except),
    PromiseMutant.NO_ANNOTATION: ("the public API is fully annotated", _no_annotation),
    PromiseMutant.TYPE_IGNORE: ("no '# type: ignore' without a code and a reason", _type_ignore),
    PromiseMutant.EVAL: ("no eval, even where it never runs", _eval),
}
"""Each generic mutant: the promise it breaks and how it edits a module."""


def generic_mutant(mutant: PromiseMutant, files: dict[str, str]) -> Mutant | None:
    """Make one generic mutant of a solution, in the first file where it applies.

    Args:
        mutant: Which slip to make.
        files: The solution's files, path to text, entry module first.

    Returns:
        The mutant, or ``None`` when no file has what it edits (no ``__all__`` to
        delete, no public function).
    """
    promise, transform = GENERIC_PROMISES[mutant]
    for path, text in files.items():
        edit = transform(text.splitlines(), ast.parse(text))
        if edit is not None:
            ending = "\n" if text.endswith("\n") else ""
            return Mutant(
                id=str(mutant),
                promise=promise,
                path=path,
                text="\n".join(edit.lines) + ending,
                lines=edit.touched,
            )
    return None


def _insert(lines: list[str], before: int, new: list[str]) -> _Edit:
    """Insert lines before 1-based line ``before``."""
    changed = [*lines[: before - 1], *new, *lines[before - 1 :]]
    return _Edit(changed, frozenset(range(before, before + len(new))))


def _delete(lines: list[str], first: int, last: int) -> _Edit:
    """Delete lines ``first`` to ``last``, keeping as many blank lines as the widest gap."""
    before = _blank_run(reversed(lines[: first - 1]))
    after = _blank_run(iter(lines[last:]))
    keep = max(before, after) - before
    changed = [*lines[: first - 1], *([""] * keep), *lines[last + after :]]
    # touched: the blank lines where the deleted ones were, and the line after them
    return _Edit(changed, frozenset(range(first - before, first + keep + 1)))


def _replace(lines: list[str], number: int, start: int, end: int, text: str) -> _Edit:
    """Replace the byte columns ``start:end`` of line ``number`` (1-based) with ``text``."""
    line = lines[number - 1]
    changed = [*lines]
    changed[number - 1] = line[: _char_offset(line, start)] + text + line[_char_offset(line, end) :]
    return _Edit(changed, frozenset({number}))


def _insert_try(lines: list[str], tree: ast.Module, clause: str) -> _Edit | None:
    """Where there is no handler to widen, swallow errors of a no-op in a public function."""
    for function in public_functions(tree):
        first = function.body[0]
        pad = indentation(lines, first)
        block = [f"{pad}try:", f"{pad}    pass", f"{pad}{clause}", f"{pad}    pass"]
        return _insert(lines, first.lineno, block)
    return None


def _handlers(tree: ast.Module) -> list[ast.ExceptHandler]:
    found = [node for node in ast.walk(tree) if isinstance(node, ast.ExceptHandler)]
    return sorted(found, key=lambda handler: (handler.lineno, handler.col_offset))


def _only_chained(handler: ast.ExceptHandler) -> bool:
    """Whether the handler's name is used only as the cause in ``raise ... from name``."""
    causes = {
        id(node.cause)
        for statement in handler.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Raise) and isinstance(node.cause, ast.Name)
    }
    uses = [
        node
        for statement in handler.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and node.id == handler.name
    ]
    return all(id(node) in causes for node in uses)


def _top_of(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> int:
    """The first line of a definition: its first decorator, or the comments just above."""
    top = min((d.lineno for d in node.decorator_list), default=node.lineno)
    while top > 1 and lines[top - 2].lstrip().startswith("#"):
        top -= 1
    return top


def _blank_run(lines: Iterator[str]) -> int:
    count = 0
    for line in lines:
        if line.strip():
            break
        count += 1
    return count


def _one_line(node: ast.expr) -> bool:
    return node.lineno == node.end_lineno


def _char_offset(line: str, byte_offset: int) -> int:
    """Turn the UTF-8 byte offset ``ast`` reports into an index into the ``str``."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))
