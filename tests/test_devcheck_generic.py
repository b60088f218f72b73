"""The generic promise mutants make the slip they name, and nothing else."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest
from ruff import find_ruff_bin

from autograder.devcheck.generic import GENERIC_PROMISES, generic_mutant
from autograder.devcheck.mutants import enclosing_lines
from autograder.kata.authoring import PromiseMutant
from tests.conftest import REPO, TEST_COURSE

STATS = TEST_COURSE / "solutions" / "01-basics" / "stats" / "src" / "stats.py"
SOLUTIONS = sorted((REPO / "solutions").glob("*/*/src/*.py"))


def _mutate(mutant: PromiseMutant, path: Path = STATS) -> tuple[str, str]:
    original = path.read_text(encoding="utf-8")
    made = generic_mutant(mutant, {path.name: original})
    assert made is not None, f"{mutant} does not apply to {path}"
    assert made.id == str(mutant)
    assert made.path == path.name
    return original, made.text


def _function(tree: ast.Module, name: str) -> ast.FunctionDef:
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert found, f"{name} is gone"
    return found[0]


def _formatted(text: str) -> bool:
    done = subprocess.run(
        [find_ruff_bin(), "format", "--isolated", "--check", "--stdin-filename", "m.py", "-"],
        input=text,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0


def test_every_generic_id_has_a_mutant() -> None:
    assert set(GENERIC_PROMISES) == set(PromiseMutant)


def test_print_call_prints_the_first_argument_of_a_public_function() -> None:
    _, text = _mutate(PromiseMutant.PRINT_CALL)
    first = _function(ast.parse(text), "total").body[1]
    assert ast.unparse(first) == "print(values)"


def test_no_all_deletes_all_and_keeps_the_rest() -> None:
    original, text = _mutate(PromiseMutant.NO_ALL)
    assert "__all__" not in text
    kept = [line for line in original.splitlines() if "__all__" not in line and line]
    assert kept == [line for line in text.splitlines() if line]


def test_shared_state_adds_a_global_list_a_public_function_writes() -> None:
    _, text = _mutate(PromiseMutant.SHARED_STATE)
    tree = ast.parse(text)
    declared = [n for n in tree.body if isinstance(n, ast.AnnAssign)]
    assert [ast.unparse(n) for n in declared] == ["_seen_calls: list[object] = []"]
    assert ast.unparse(_function(tree, "total").body[1]) == "_seen_calls.append(values)"


def test_fmt_off_prepends_the_directive_only() -> None:
    original, text = _mutate(PromiseMutant.FMT_OFF)
    assert text == "# fmt: off\n" + original


def test_no_docstring_drops_one_public_docstring() -> None:
    _, text = _mutate(PromiseMutant.NO_DOCSTRING)
    tree = ast.parse(text)
    assert ast.get_docstring(_function(tree, "total")) is None
    assert ast.get_docstring(_function(tree, "mean")) is not None
    assert ast.get_docstring(tree) is not None


@pytest.mark.parametrize(
    ("mutant", "caught"),
    [(PromiseMutant.BARE_EXCEPT, None), (PromiseMutant.BLIND_EXCEPT, "Exception")],
)
def test_without_a_handler_to_widen_an_except_is_inserted(
    mutant: PromiseMutant, caught: str | None
) -> None:
    _, text = _mutate(mutant)
    handlers = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ExceptHandler)]
    assert len(handlers) == 1
    assert (handlers[0].type and ast.unparse(handlers[0].type)) == caught


@pytest.mark.parametrize(
    ("mutant", "expected"),
    [(PromiseMutant.BARE_EXCEPT, "except:"), (PromiseMutant.BLIND_EXCEPT, "except Exception:")],
)
def test_an_existing_typed_handler_is_widened(mutant: PromiseMutant, expected: str) -> None:
    source = 'def get(table: dict[str, int], key: str) -> int:\n    """Look up."""\n'
    source += "    try:\n        return table[key]\n    except KeyError:\n        return 0\n"
    made = generic_mutant(mutant, {"m.py": source})
    assert made is not None
    assert made.text == source.replace("except KeyError:", expected)
    assert made.lines == {5}


def test_no_annotation_drops_the_return_annotation_only() -> None:
    _, text = _mutate(PromiseMutant.NO_ANNOTATION)
    total = _function(ast.parse(text), "total")
    assert total.returns is None
    assert total.args.args[0].annotation is not None


def test_type_ignore_adds_a_bare_ignore_to_one_statement() -> None:
    original, text = _mutate(PromiseMutant.TYPE_IGNORE)
    changed = [line for line in text.splitlines() if line not in original.splitlines()]
    assert changed == ["    return sum(values)  # type: ignore"]


def test_eval_is_added_where_it_never_runs() -> None:
    _, text = _mutate(PromiseMutant.EVAL)
    guard = _function(ast.parse(text), "total").body[1]
    assert isinstance(guard, ast.If)
    assert ast.unparse(guard) == "if __name__ == '__main__':\n    eval('0')"


@pytest.mark.parametrize("mutant", list(PromiseMutant), ids=str)
def test_the_mutant_touches_the_lines_it_says(mutant: PromiseMutant) -> None:
    original, text = _mutate(mutant)
    made = generic_mutant(mutant, {"stats.py": original})
    assert made is not None
    before = set(original.splitlines())
    new_lines = [n for n, line in enumerate(text.splitlines(), 1) if line not in before]
    assert set(new_lines) <= enclosing_lines(text, made.lines - {0}) | {1}


@pytest.mark.parametrize("path", [*SOLUTIONS, STATS], ids=lambda p: p.name)
@pytest.mark.parametrize("mutant", list(PromiseMutant), ids=str)
def test_every_mutant_of_every_solution_parses_and_stays_formatted(
    mutant: PromiseMutant, path: Path
) -> None:
    original = path.read_text(encoding="utf-8")
    made = generic_mutant(mutant, {path.name: original})
    if made is None:
        pytest.skip(f"{mutant} has nothing to edit in {path.name}")
    ast.parse(made.text)
    assert made.text != original
    if mutant is not PromiseMutant.FMT_OFF:
        assert _formatted(made.text), f"{mutant} left {path.name} unformatted"


@pytest.mark.parametrize("mutant", [PromiseMutant.BARE_EXCEPT, PromiseMutant.BLIND_EXCEPT], ids=str)
def test_a_handler_whose_type_is_imported_for_it_alone_is_left_alone(
    mutant: PromiseMutant,
) -> None:
    source = "from decimal import Decimal, InvalidOperation\n\n\n"
    source += 'def parse(text: str) -> Decimal:\n    """Parse."""\n    try:\n'
    source += "        return Decimal(text)\n    except InvalidOperation:\n"
    source += "        return Decimal(0)\n"
    made = generic_mutant(mutant, {"m.py": source})
    assert made is not None
    assert "    except InvalidOperation:\n" in made.text  # still used: no unused import
    handlers = [n for n in ast.walk(ast.parse(made.text)) if isinstance(n, ast.ExceptHandler)]
    assert len(handlers) == 2  # a swallowing handler was inserted instead
    assert _formatted(made.text)
