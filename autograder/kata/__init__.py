"""Kata metadata: the strict ``kata.toml`` model and the catalogue of katas on disk."""

from autograder.kata.catalog import Catalog
from autograder.kata.model import Kata, KataSpec, Requirement, RequirementKind

__all__ = ["Catalog", "Kata", "KataSpec", "Requirement", "RequirementKind"]
