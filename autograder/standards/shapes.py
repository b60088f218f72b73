"""Say what each module-level name of a submission is: a TypedDict, a frozen dataclass...

Read from the syntax tree, in every spelling mypy accepts: class and functional
TypedDicts and NamedTuples, a TypedDict deriving from another, ``@dataclass`` however it
is imported (``@dataclasses.dataclass(frozen=True)``, ``@dc.dataclass``), a class that
inherits a dataclass without redecorating it, and aliases (``X = Y``, ``type X = Y``).
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass, field

from autograder.standards.names import Imports, bound_names, module_statements
from autograder.submission import SourceFile, Submission

__all__ = ["BUILTIN_EXCEPTIONS", "Binding", "Shape", "SubmissionNames"]

BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)
"""The names of the built-in exception classes."""


def _typing(name: str) -> frozenset[str]:
    return frozenset({f"typing.{name}", f"typing_extensions.{name}"})


_TYPED_DICT = _typing("TypedDict")
_PROTOCOL = _typing("Protocol")
_NAMED_TUPLE = _typing("NamedTuple") | {"collections.namedtuple"}
_DATACLASS = frozenset({"dataclasses.dataclass", "pydantic.dataclasses.dataclass"})
_SHOWN_CHARS = 40


@dataclass(frozen=True, slots=True)
class Binding:
    """One module-level statement that binds a name.

    Attributes:
        source: The module it is in.
        statement: The statement (a class, a function, an assignment, an import...).
        imports: The module's imports, to resolve the names it uses.
    """

    source: SourceFile
    statement: ast.stmt
    imports: Imports


@dataclass(frozen=True, slots=True, kw_only=True)
class Shape:
    """What a binding makes of its name, as far as structure requirements care.

    Attributes:
        description: What it is, e.g. ``"a dataclass that is not frozen"``.
        typeddict: Whether it is a TypedDict.
        protocol: Whether it is a Protocol class.
        dataclass: Whether it is a dataclass.
        frozen: Whether it is a frozen dataclass.
        ancestry: For a class: the names of all its bases, up the submission's classes.
        problem: What keeps it from being what it looks like, if anything.
    """

    description: str
    typeddict: bool = False
    protocol: bool = False
    dataclass: bool = False
    frozen: bool = False
    ancestry: frozenset[str] = field(default_factory=frozenset)
    problem: str | None = None


class SubmissionNames:
    """The module-level names of a submission, and what each one is."""

    def __init__(self, submission: Submission) -> None:
        """Index every module of the submission, the entry module first.

        Args:
            submission: The learner's code.
        """
        self._bindings: dict[str, list[Binding]] = {}
        ordered = sorted(submission.files, key=lambda file: file.path != submission.entry_path)
        for source in ordered:
            imports = Imports.of(source.tree)
            for statement in module_statements(source.tree):
                for name in bound_names(statement):
                    binding = Binding(source, statement, imports)
                    self._bindings.setdefault(name, []).append(binding)

    def bindings(self, name: str) -> list[Binding]:
        """List the statements that bind a name at module level, entry module first.

        Args:
            name: The name.

        Returns:
            Its bindings, in source order within each module.
        """
        return list(self._bindings.get(name, ()))

    def shape(self, name: str, binding: Binding, seen: frozenset[str] = frozenset()) -> Shape:
        """Say what one binding makes of a name.

        Args:
            name: The name.
            binding: One of its bindings.
            seen: Names already being resolved (aliases and bases may loop).

        Returns:
            Its shape.
        """
        seen = seen | {name}
        statement, imports = binding.statement, binding.imports
        match statement:
            case ast.ClassDef():
                return self._class_shape(statement, imports, seen)
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                return Shape(description="a function")
            case ast.Import() | ast.ImportFrom():
                return Shape(description=f"imported from {_module(statement)}")
            case ast.TypeAlias(value=value):
                return self._value_shape(name, value, imports, seen, alias=True)
            case ast.Assign(value=value) | ast.AnnAssign(value=value) if value is not None:
                return self._value_shape(name, value, imports, seen, alias=False)
            case _:
                return Shape(description=f"bound by '{_shown(statement)}'")

    def _named_shapes(self, node: ast.expr, imports: Imports, seen: frozenset[str]) -> list[Shape]:
        """The shapes of a submission name an expression refers to (none if it is not one)."""
        name = imports.qualified(node).rpartition(".")[2]
        if not name or name in seen:
            return []
        return [self.shape(name, binding, seen) for binding in self.bindings(name)]

    def _class_shape(self, node: ast.ClassDef, imports: Imports, seen: frozenset[str]) -> Shape:
        inherited = [
            shape for base in node.bases for shape in self._named_shapes(base, imports, seen)
        ]
        ancestry = frozenset(imports.qualified(base).rpartition(".")[2] for base in node.bases)
        ancestry = ancestry.union(*(shape.ancestry for shape in inherited))
        typeddict = any(imports.refers_to(base, _TYPED_DICT) for base in node.bases) or any(
            shape.typeddict for shape in inherited
        )
        decorators = [d for d in node.decorator_list if imports.refers_to(d, _DATACLASS)]
        if decorators:
            dataclass_, frozen = True, any(_frozen(decorator) for decorator in decorators)
        else:
            base_dataclasses = [shape for shape in inherited if shape.dataclass]
            dataclass_ = bool(base_dataclasses)
            frozen = any(shape.frozen for shape in base_dataclasses)
        protocol = any(imports.refers_to(base, _PROTOCOL) for base in node.bases)
        descriptions = (
            (typeddict, "a TypedDict"),
            (protocol, "a Protocol"),
            (any(imports.refers_to(base, _NAMED_TUPLE) for base in node.bases), "a NamedTuple"),
            (frozen, "a frozen dataclass"),
            (dataclass_, "a dataclass that is not frozen"),
            (bool(ancestry & BUILTIN_EXCEPTIONS), "an exception class"),
        )
        return Shape(
            description=next((text for applies, text in descriptions if applies), "a class"),
            typeddict=typeddict,
            protocol=protocol,
            dataclass=dataclass_,
            frozen=frozen,
            ancestry=ancestry,
        )

    def _value_shape(
        self, name: str, value: ast.expr, imports: Imports, seen: frozenset[str], *, alias: bool
    ) -> Shape:
        if isinstance(value, ast.Call) and imports.refers_to(
            value.func, _TYPED_DICT | _NAMED_TUPLE
        ):
            kind = "TypedDict" if imports.refers_to(value.func, _TYPED_DICT) else "NamedTuple"
            return Shape(
                description=f"a {kind}",
                typeddict=kind == "TypedDict",
                problem=_functional_name_problem(name, value, kind),
            )
        if isinstance(value, ast.Name | ast.Attribute):
            shapes = self._named_shapes(value, imports, seen)
            if shapes:
                return shapes[0]
        what = "a type alias of" if alias else "assigned"
        return Shape(description=f"{what} '{_shown(value)}'")


def _frozen(decorator: ast.expr) -> bool:
    if not isinstance(decorator, ast.Call):
        return False
    return any(
        keyword.arg == "frozen"
        and isinstance(keyword.value, ast.Constant)
        and keyword.value.value is True
        for keyword in decorator.keywords
    )


def _functional_name_problem(name: str, call: ast.Call, kind: str) -> str | None:
    match call.args:
        case [ast.Constant(value=str() as given), *_] if given == name:
            return None
        case [ast.Constant(value=str() as given), *_]:
            return (
                f"is made by {kind}({given!r}, ...): mypy needs the first argument to be "
                f"{name!r}, the name it is assigned to"
            )
        case _:
            return (
                f"is made by {kind}(...) without its name as first argument: write "
                f"{kind}({name!r}, ...)"
            )


def _module(statement: ast.Import | ast.ImportFrom) -> str:
    if isinstance(statement, ast.ImportFrom):
        return "." * statement.level + (statement.module or "")
    return ", ".join(alias.name for alias in statement.names)


def _shown(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."
