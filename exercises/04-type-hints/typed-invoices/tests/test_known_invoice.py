"""The invoice of a known order, as the legacy prints it: the format at a glance."""

from invoice_domain import known_order

from autograder.testing import CodeProxy, Returned, assert_same_behaviour, outcome

RULE = "-" * 60


def test_render_a_known_invoice(learner: CodeProxy) -> None:
    """A known order renders to exactly the expected 60-column text (descriptions cut to 23)."""
    got = outcome(learner.render_invoice, known_order(coupon="WELCOME10"))
    expected = (
        "INVOICE 2024-0042\n"
        "Customer: Acme GmbH\n"
        f"{RULE}\n"
        "SKU        Description               Qty     Price    Amount\n"
        "WID-1      Widget, large, blue, th     3     12.50     33.75\n"
        "           less 10% discount\n"
        "GAD-7      Gadget                      1      0.10      0.10\n"
        f"{RULE}\n"
        "Subtotal                                               33.85\n"
        "Coupon WELCOME10                                       -3.39\n"
        "VAT 19%                                                 5.79\n"
        "TOTAL EUR                                              36.25\n"
    )
    assert_same_behaviour(got, Returned(expected), arguments="ignore")
