"""Invoicing: turn raw order dicts into invoice totals and printable invoices.

Orders arrive as JSON-shaped dicts (see ``RawOrder`` and ``RawLine``). They are parsed
once, at the edge, into frozen domain values (``Invoice``, ``InvoiceLine``, ``Coupon``);
everything after parsing works on those typed values, never on loose dict keys. Money
is ``Decimal`` throughout and rounded to the cent, half up; invoices print it through
``float``, as they always have.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Final, Literal, NotRequired, TypedDict

__all__ = [
    "Coupon",
    "Invoice",
    "InvoiceLine",
    "InvoiceSummary",
    "InvoiceTotals",
    "RawLine",
    "RawOrder",
    "UnknownCodeError",
    "invoice_summary",
    "line_total",
    "render_invoice",
]

logger = logging.getLogger(__name__)

HOME_COUNTRY: Final = "DE"
CENT: Final = Decimal("0.01")
ZERO: Final = Decimal("0.00")
WIDTH: Final = 60
LABEL_WIDTH: Final = 48
AMOUNT_WIDTH: Final = 12
DESCRIPTION_CHARS: Final = 23
MAX_DISCOUNT_PERCENT: Final = 100
HEADER: Final = f"{'SKU':<11}{'Description':<24}{'Qty':>5}{'Price':>10}{'Amount':>10}\n"

TAX_RATES: Final[Mapping[str, Decimal]] = MappingProxyType(
    {
        "DE": Decimal("0.19"),
        "AT": Decimal("0.20"),
        "FR": Decimal("0.20"),
        "NL": Decimal("0.21"),
        "IE": Decimal("0.23"),
        "CH": Decimal("0.00"),  # export outside the EU: zero rated
    },
)


class RawLine(TypedDict):
    """One line item as it arrives from the order system."""

    sku: str
    description: str
    qty: int
    unit_price: str
    discount: NotRequired[int]


class RawOrder(TypedDict):
    """An order as it arrives from the order system."""

    number: str
    customer: str
    country: str
    lines: list[RawLine]
    vat_id: NotRequired[str | None]
    coupon: NotRequired[str | None]


class InvoiceSummary(TypedDict):
    """The totals of an invoice, as returned to callers."""

    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal
    items: int


class UnknownCodeError(KeyError):
    """A country or coupon code that the invoicing rules do not know."""


def _to_cents(amount: Decimal) -> Decimal:
    """Round an amount to the cent, half up (the accountants' rule)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Coupon:
    """A coupon code and the discount it grants on the subtotal.

    Attributes:
        code: The upper-case coupon code.
        kind: ``"percent"`` off the subtotal, or a ``"flat"`` amount off.
        value: The percentage or the flat amount.
    """

    code: str
    kind: Literal["percent", "flat"]
    value: Decimal

    def discount_on(self, subtotal: Decimal) -> Decimal:
        """Return the discount this coupon grants on a subtotal (never more than it)."""
        match self.kind:
            case "percent":
                return _to_cents(subtotal * self.value / 100)
            case "flat":
                return min(self.value, subtotal)


COUPONS: Final[Mapping[str, Coupon]] = MappingProxyType(
    {
        "WELCOME10": Coupon("WELCOME10", "percent", Decimal(10)),
        "SPRING15": Coupon("SPRING15", "percent", Decimal(15)),
        "FLAT5": Coupon("FLAT5", "flat", Decimal("5.00")),
    },
)


def _line_amount(unit_price: Decimal, quantity: int, discount_percent: int) -> Decimal:
    """Return a line's amount: ``quantity * unit_price`` less its discount, to the cent.

    A line without a discount is not touched by the discount arithmetic at all, so a
    price of ``-0`` keeps its sign (``Decimal("-0.00")``), as it always did.
    """
    gross = unit_price * quantity
    if discount_percent:
        gross -= gross * Decimal(discount_percent) / 100
    return _to_cents(gross)


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    """A validated line item.

    Attributes:
        sku: The stock keeping unit.
        description: What was sold.
        quantity: How many (at least one).
        unit_price: The price of one unit (not negative).
        discount_percent: The line discount, 0 to 100.
        total: The line amount after its discount, rounded to the cent.
    """

    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    discount_percent: int
    total: Decimal


@dataclass(frozen=True, slots=True)
class Invoice:
    """A validated order, ready to be totalled and rendered.

    Attributes:
        number: The invoice number.
        customer: The customer's name.
        country: The destination country code.
        tax_rate: The VAT rate of the destination country.
        vat_id: The customer's VAT ID, if it is a business.
        coupon: The coupon applied to the subtotal, if any.
        lines: The line items (at least one).
    """

    number: str
    customer: str
    country: str
    tax_rate: Decimal
    vat_id: str | None
    coupon: Coupon | None
    lines: tuple[InvoiceLine, ...]

    @property
    def reverse_charge(self) -> bool:
        """Whether a foreign business customer pays the VAT itself."""
        return self.vat_id is not None and self.country != HOME_COUNTRY


@dataclass(frozen=True, slots=True)
class InvoiceTotals:
    """The computed totals of an invoice.

    Attributes:
        subtotal: The sum of the line amounts.
        discount: The coupon discount.
        tax: The VAT on the discounted subtotal.
        items: The number of units sold.
    """

    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    items: int

    @property
    def total(self) -> Decimal:
        """The amount to pay."""
        return self.subtotal - self.discount + self.tax

    def as_dict(self) -> InvoiceSummary:
        """Return the totals as the plain summary dict callers expect."""
        return InvoiceSummary(
            subtotal=self.subtotal,
            discount=self.discount,
            tax=self.tax,
            total=self.total,
            items=self.items,
        )


def _parse_line(raw: RawLine) -> InvoiceLine:
    """Validate a raw line item and compute its amount.

    The amount is computed here, while the line is parsed, so that an order fails on the
    first faulty line in order, whether the fault is a value or an amount too large to
    compute.

    Raises:
        KeyError: If a required key is missing.
        ValueError: If the quantity, the price or the discount is out of range.
        decimal.InvalidOperation: If the price is not a number, or the amount does not
            fit the decimal context's precision.
    """
    sku, description, quantity = raw["sku"], raw["description"], raw["qty"]
    if quantity <= 0:
        msg = f"line {sku}: qty must be at least 1, got {quantity}"
        raise ValueError(msg)
    unit_price = Decimal(raw["unit_price"])
    if unit_price < 0:
        msg = f"line {sku}: unit_price must not be negative, got {raw['unit_price']}"
        raise ValueError(msg)
    discount = raw.get("discount", 0)
    if not 0 <= discount <= MAX_DISCOUNT_PERCENT:
        msg = f"line {sku}: discount must be 0 to 100 (percent), got {discount}"
        raise ValueError(msg)
    total = _line_amount(unit_price, quantity, discount)
    return InvoiceLine(sku, description, quantity, unit_price, discount, total)


def _lookup[V](table: Mapping[str, V], code: str, what: str) -> V:
    """Look a code up in a rules table.

    Raises:
        UnknownCodeError: If the table has no such code.
    """
    try:
        return table[code]
    except KeyError:
        msg = f"unknown {what} {code!r}: expected one of {', '.join(sorted(table))}"
        raise UnknownCodeError(msg) from None


def _parse_order(raw: RawOrder) -> Invoice:
    """Validate a raw order, and each of its lines in turn.

    Raises:
        KeyError: If a required key is missing, or a country or coupon code is unknown.
        ValueError: If the order has no lines or a line is out of range.
        decimal.InvalidOperation: If a price is not a number, or an amount does not fit
            the decimal context's precision.
    """
    number, customer, country = raw["number"], raw["customer"], raw["country"]
    tax_rate = _lookup(TAX_RATES, country, "country")
    code = raw.get("coupon") or None
    coupon = None if code is None else _lookup(COUPONS, code.upper(), "coupon")
    raw_lines = raw["lines"]
    if not raw_lines:
        msg = f"invoice {number} has no lines"
        raise ValueError(msg)
    lines = tuple(_parse_line(raw_line) for raw_line in raw_lines)
    vat_id = raw.get("vat_id") or None
    return Invoice(number, customer, country, tax_rate, vat_id, coupon, lines)


def _totals(invoice: Invoice) -> InvoiceTotals:
    """Compute the subtotal, coupon discount and VAT of an invoice."""
    subtotal = sum((line.total for line in invoice.lines), ZERO)
    rate = invoice.tax_rate
    discount = ZERO if invoice.coupon is None else invoice.coupon.discount_on(subtotal)
    tax = ZERO if invoice.reverse_charge else _to_cents((subtotal - discount) * rate)
    items = sum(line.quantity for line in invoice.lines)
    totals = InvoiceTotals(subtotal, discount, tax, items)
    logger.debug("invoice %s: total %s", invoice.number, totals.total)
    return totals


def line_total(line: RawLine) -> Decimal:
    """Return the amount of one line item after its discount, rounded to the cent.

    Args:
        line: The raw line item.

    Returns:
        ``qty * unit_price`` less ``discount`` percent, rounded half up to the cent.

    Raises:
        KeyError: If a required key is missing.
        ValueError: If the quantity, the price or the discount is out of range.
        decimal.InvalidOperation: If the price is not a number, or the amount does not
            fit the decimal context's precision.
    """
    return _parse_line(line).total


def invoice_summary(order: RawOrder) -> InvoiceSummary:
    """Return the totals of an order.

    Args:
        order: The raw order.

    Returns:
        The subtotal, coupon discount, VAT and total (``Decimal``) and the unit count.

    Raises:
        KeyError: If a required key is missing, or a country or coupon code is unknown.
        ValueError: If the order has no lines or a line is out of range.
        decimal.InvalidOperation: If a price is not a number, or an amount does not fit
            the decimal context's precision.
    """
    return _totals(_parse_order(order)).as_dict()


def _money(amount: Decimal) -> str:
    """Print an amount with two decimals, exactly as the invoices always showed it.

    The invoices have always been printed through ``float`` (``"%.2f" % amount``), so a
    price of ``1.015`` shows as ``1.01`` and amounts beyond about 90 trillion lose their
    cents. A refactoring keeps that; correcting it is a change for the accountants to
    decide, not a side effect of adding types.
    """
    return f"{float(amount):.2f}"


def _row(label: str, amount: Decimal, sign: str = "") -> str:
    """Format one totals row: a label on the left, an amount on the right."""
    return f"{label:<{LABEL_WIDTH}}{sign + _money(amount):>{AMOUNT_WIDTH}}\n"


def _line_rows(line: InvoiceLine) -> str:
    """Format a line item, and its discount note if it has one.

    The quantity is printed with ``str()`` (``!s``), as before: a quantity given as
    ``True`` still shows as ``True``, where a format spec alone would print ``1``.
    """
    description = line.description[:DESCRIPTION_CHARS]
    text = (
        f"{line.sku:<10} {description:<24}{line.quantity!s:>5}"
        f"{_money(line.unit_price):>10}{_money(line.total):>10}\n"
    )
    if line.discount_percent:
        text += f"{'':11}less {line.discount_percent}% discount\n"
    return text


def _tax_label(invoice: Invoice) -> str:
    """Name the VAT row: the rate, or the reverse-charge note."""
    if invoice.reverse_charge:
        return "VAT reverse charge"
    return f"VAT {int(invoice.tax_rate * 100)}%"


def render_invoice(order: RawOrder) -> str:
    """Render an order as a fixed-width, 60-column plain-text invoice.

    Args:
        order: The raw order.

    Returns:
        The invoice text, one row per line, ending with a newline.

    Raises:
        KeyError: If a required key is missing, or a country or coupon code is unknown.
        ValueError: If the order has no lines or a line is out of range.
        decimal.InvalidOperation: If a price is not a number, or an amount does not fit
            the decimal context's precision.
    """
    invoice = _parse_order(order)
    totals = _totals(invoice)
    rule = "-" * WIDTH + "\n"
    parts = [f"INVOICE {invoice.number}\n", f"Customer: {invoice.customer}\n"]
    if invoice.vat_id is not None:
        parts.append(f"VAT ID: {invoice.vat_id}\n")
    parts += [rule, HEADER]
    parts += [_line_rows(line) for line in invoice.lines]
    parts += [rule, _row("Subtotal", totals.subtotal)]
    if invoice.coupon is not None:
        parts.append(_row(f"Coupon {invoice.coupon.code}", totals.discount, sign="-"))
    parts += [_row(_tax_label(invoice), totals.tax), _row("TOTAL EUR", totals.total)]
    text = "".join(parts)
    logger.info("rendered invoice %s (%d chars)", invoice.number, len(text))
    return text
