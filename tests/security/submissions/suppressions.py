# ruff: noqa
"""Small statistics over lists of integers."""

__all__ = ["mean", "total"]


def total(values: list[int]) -> int:
    """Add up the values.

    Args:
        values: The numbers to add.

    Returns:
        Their sum (0 for no values).
    """
    result: int = "0"  # type: ignore
    result = 0
    for value in values:
        result += value
    print(result)  # noqa
    return result


def mean(values: list[int]) -> float:
    """Return the arithmetic mean.

    Args:
        values: The numbers; at least one.

    Returns:
        Their mean.

    Raises:
        ValueError: If there are no values.
    """
    if not values:
        msg = "mean of nothing"
        raise ValueError(msg)
    return total(values) / len(values)
