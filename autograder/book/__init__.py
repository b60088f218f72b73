"""The course book: pages generated from the katas' own files, and the book build."""

__all__: list[str] = []
