"""Builds the speed test's large inventory where it is used: inside the learner's process.

Sending 12,000 records over the process boundary would cost more than the work itself, so
the test asks this helper to build them next to the code under test and to run every
public function on them. The results come back as plain values, and the test checks them
in the trusted process.
"""

import importlib


def large_inventory(skus, lines):
    """A big, deterministic scan and order book whose every answer is known by design."""
    stock = [
        {"sku": f"SKU-{i:06d}", "location": f"A-{i % 40:02d}", "qty": 5}
        for i in range(skus)
    ]
    stock += [
        {"sku": f"SKU-{i:06d}", "location": f"A-{i % 40:02d}", "qty": 1}
        for i in range(0, skus, 500)
    ]
    unknown = {j: f"NEW-{j:06d}" for j in range(999, lines, 1000)}
    orders = [
        (f"ORD-{j // 3:05d}", unknown.get(j, f"SKU-{(j * 7919) % skus:06d}"), 2)
        for j in range(lines)
    ]
    return stock, orders, unknown


def reconcile_large(skus, lines):
    """Run each public function of the code under test on the large inventory."""
    inventory = importlib.import_module("inventory")
    stock, orders, _ = large_inventory(skus, lines)
    return {
        "fulfillable_orders": inventory.fulfillable_orders(stock, orders),
        "shortfall_report": inventory.shortfall_report(stock, orders),
        "unknown_skus": inventory.unknown_skus(stock, orders),
        "stock_levels": inventory.stock_levels(stock),
        "duplicate_records": inventory.duplicate_records(stock),
    }
