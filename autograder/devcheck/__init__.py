"""Checks for course authors (``kaizen dev check``): is every kata sound and every promise kept?

``audit`` checks a kata's files, legacy code and reference solution; ``promises`` breaks
each promise of the brief in the reference solution and asks the grader to notice;
``mutation`` runs cosmic-ray on the reference solution against the behaviour suite, with
``mutant_probe`` as its test command; ``console`` prints it all for the CLI.
"""

from autograder.devcheck.audit import KataAudit, audit_kata

__all__ = ["KataAudit", "audit_kata"]
