"""How long the book takes to build: cold (every lesson executed), and after one edit.

Targets on the 2-core machine: cold build under 3 minutes; rebuild after changing one
page under 20 seconds. The edit is a line appended to one chapter, then taken back.

Usage: python benchmarks/book_build.py
"""

from __future__ import annotations

from pathlib import Path

from autograder.book.build import build_book
from autograder.kata import Catalog

ROOT = Path(__file__).resolve().parents[1]
COLD_TARGET_SECONDS = 180.0
REBUILD_TARGET_SECONDS = 20.0


def main() -> None:
    """Build cold, edit one page, rebuild, and print both times against their targets."""
    book = ROOT / "book"
    katas = Catalog(ROOT).katas
    cold = build_book(book, katas, fresh=True)
    if not cold.ok:
        raise SystemExit("the cold build failed:\n" + cold.output[-3000:])
    page = book / "chapters" / "03-clean-code.md"
    original = page.read_text(encoding="utf-8")
    try:
        page.write_text(original + "\nAn edited line, to time a rebuild.\n", encoding="utf-8")
        warm = build_book(book, katas)
    finally:
        page.write_text(original, encoding="utf-8")
    if not warm.ok:
        raise SystemExit("the rebuild failed:\n" + warm.output[-3000:])
    build_book(book, katas)  # put the built page back as it was
    for name, result, target in (
        ("cold build", cold, COLD_TARGET_SECONDS),
        ("rebuild after one edit", warm, REBUILD_TARGET_SECONDS),
    ):
        verdict = "ok" if result.seconds < target else "SLOW"
        ratio = result.seconds / target
        print(
            f"{name:<24} {result.seconds:6.1f} s  target < {target:.0f} s ({ratio:.2f}x) {verdict}"
        )


if __name__ == "__main__":
    main()
