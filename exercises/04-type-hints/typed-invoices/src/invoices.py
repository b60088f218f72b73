# invoicing helpers - used by the billing job and the "download invoice" button
# TODO: someone please add types to this, nobody knows what is in these dicts anymore
import decimal
from decimal import Decimal

HOME = "DE"

# VAT per destination country (CH = export, zero rated)
TAX = {"DE": "0.19", "AT": "0.20", "FR": "0.20", "NL": "0.21", "IE": "0.23", "CH": "0.00"}

COUPONS = {
    "WELCOME10": {"type": "pct", "value": "10"},
    "SPRING15": {"type": "pct", "value": "15"},
    "FLAT5": {"type": "flat", "value": "5.00"},
}

CENT = Decimal("0.01")

# the last summary we computed, render_invoice reads it
last = {}


def parse_line(l, defaults={"discount": 0}):
    d = {}
    d["sku"] = l["sku"]
    d["desc"] = l["description"]
    d["qty"] = l["qty"]
    if d["qty"] <= 0:
        raise ValueError("qty must be positive, got " + str(d["qty"]))
    d["price"] = Decimal(l["unit_price"])
    if d["price"] < 0:
        raise ValueError("negative unit price " + str(l["unit_price"]))
    # fill in defaults so the rest of the code can rely on the keys
    for k in defaults:
        if k not in l:
            l[k] = defaults[k]
    d["disc"] = l["discount"]
    if d["disc"] < 0 or d["disc"] > 100:
        raise ValueError("discount must be 0-100, got " + str(d["disc"]))
    return d


def line_total(line):
    l = parse_line(line)
    gross = l["price"] * l["qty"]
    if l["disc"]:
        gross = gross - gross * Decimal(l["disc"]) / 100
    return gross.quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def parse_order(order):
    o = {}
    o["no"] = order["number"]
    o["cust"] = order["customer"]
    o["country"] = order["country"]
    o["rate"] = Decimal(TAX[o["country"]])
    o["vat"] = order.get("vat_id")
    o["coupon"] = None
    if order.get("coupon"):
        o["coupon"] = order["coupon"].upper()
        COUPONS[o["coupon"]]  # blow up early on unknown codes
    if len(order["lines"]) == 0:
        raise ValueError("invoice " + str(o["no"]) + " has no lines")
    o["lines"] = []
    for l in order["lines"]:
        x = parse_line(l)
        x["total"] = line_total(l)
        o["lines"].append(x)
    return o


def invoice_summary(order):
    global last
    o = parse_order(order)
    last.clear()
    sub = Decimal("0.00")
    items = 0
    for l in o["lines"]:
        sub = sub + l["total"]
        items = items + l["qty"]
    last["sub"] = sub
    last["items"] = items
    disc = Decimal("0.00")
    if o["coupon"]:
        c = COUPONS[o["coupon"]]
        if c["type"] == "pct":
            disc = (sub * Decimal(c["value"]) / 100).quantize(CENT, rounding=decimal.ROUND_HALF_UP)
        elif c["type"] == "flat":
            disc = min(Decimal(c["value"]), sub)
    last["disc"] = disc
    if o["vat"] and o["country"] != HOME:
        # reverse charge: the customer pays the VAT in their own country
        tax = Decimal("0.00")
        last["rc"] = True
    else:
        tax = ((sub - disc) * o["rate"]).quantize(CENT, rounding=decimal.ROUND_HALF_UP)
        last["rc"] = False
    last["tax"] = tax
    last["tot"] = sub - disc + tax
    print("DEBUG invoice", o["no"], "total", last["tot"])
    return {
        "subtotal": last["sub"],
        "discount": last["disc"],
        "tax": last["tax"],
        "total": last["tot"],
        "items": last["items"],
    }


def render_invoice(order):
    o = parse_order(order)
    invoice_summary(order)
    s = last
    out = ""
    out = out + "INVOICE " + o["no"] + "\n"
    out = out + "Customer: " + o["cust"] + "\n"
    if o["vat"]:
        out = out + "VAT ID: " + o["vat"] + "\n"
    out = out + "-" * 60 + "\n"
    out = out + "SKU".ljust(11) + "Description".ljust(24) + "Qty".rjust(5) + "Price".rjust(10) + "Amount".rjust(10) + "\n"
    for l in o["lines"]:
        out = out + l["sku"].ljust(10) + " " + l["desc"][:23].ljust(24) + str(l["qty"]).rjust(5)
        out = out + ("%.2f" % l["price"]).rjust(10) + ("%.2f" % l["total"]).rjust(10) + "\n"
        if l["disc"]:
            out = out + " " * 11 + "less " + str(l["disc"]) + "% discount\n"
    out = out + "-" * 60 + "\n"
    out = out + "Subtotal".ljust(48) + ("%.2f" % s["sub"]).rjust(12) + "\n"
    if o["coupon"]:
        out = out + ("Coupon " + o["coupon"]).ljust(48) + ("-%.2f" % s["disc"]).rjust(12) + "\n"
    if s["rc"]:
        out = out + "VAT reverse charge".ljust(48) + ("%.2f" % s["tax"]).rjust(12) + "\n"
    else:
        out = out + ("VAT " + str(int(o["rate"] * 100)) + "%").ljust(48) + ("%.2f" % s["tax"]).rjust(12) + "\n"
    out = out + "TOTAL EUR".ljust(48) + ("%.2f" % s["tot"]).rjust(12) + "\n"
    print("rendered invoice", o["no"], len(out), "chars")
    return out
