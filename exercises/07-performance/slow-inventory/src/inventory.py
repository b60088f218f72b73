# inventory.py - stock reconciliation for the nightly WMS sync
# stock = list of {"sku": ..., "location": ..., "qty": ...} from the shelf scan
# orders = list of (order_id, sku, qty) lines from the web shop
# TODO: it was fine with 200 SKUs, the night job now runs for hours...


def _check_quantities(stock, orders):
    for rec in stock:
        if rec["qty"] < 0:
            raise ValueError("bad stock qty for " + rec["sku"])
    for line in orders:
        if line[2] <= 0:
            raise ValueError("bad order qty for " + line[1])


def unknown_skus(stock, orders):
    _check_quantities(stock, orders)
    result = []
    for line in orders:
        sku = line[1]
        found = False
        for i in range(len(stock)):
            if stock[i]["sku"] == sku:
                found = True
        if not found:
            if sku not in result:
                result.append(sku)
    if len(result) > 0:
        print("WARNING: " + str(len(result)) + " unknown skus in orders")
    return result


def duplicate_records(stock):
    _check_quantities(stock, [])
    dups = []
    for i in range(len(stock)):
        key = (stock[i]["sku"], stock[i]["location"])
        seen = 0
        for j in range(len(stock)):
            if (stock[j]["sku"], stock[j]["location"]) == key:
                seen = seen + 1
        if seen > 1 and key not in dups:
            dups.append(key)
    if len(dups) > 0:
        print("WARNING: " + str(len(dups)) + " sku/location pairs scanned twice")
    return dups


def stock_levels(stock):
    _check_quantities(stock, [])
    skus = []
    for rec in stock:
        if rec["sku"] not in skus:
            skus.append(rec["sku"])
    levels = {}
    for sku in skus:
        total = 0
        for i in range(len(stock)):
            if stock[i]["sku"] == sku:
                total = total + stock[i]["qty"]
        levels[sku] = total
    return levels


def fulfillable_orders(stock, orders):
    _check_quantities(stock, orders)
    # what is left on the shelves, as [sku, qty] pairs
    remaining = []
    for rec in stock:
        names = []
        for r in remaining:
            names.append(r[0])
        if rec["sku"] in names:
            remaining[names.index(rec["sku"])][1] += rec["qty"]
        else:
            remaining.append([rec["sku"], rec["qty"]])
    # orders are served first come, first served
    order_ids = []
    for line in orders:
        if line[0] not in order_ids:
            order_ids.append(line[0])
    fulfilled = []
    for oid in order_ids:
        # what does this order need, per sku
        needed_skus = []
        needed_qty = []
        for line in orders:
            if line[0] == oid:
                if line[1] in needed_skus:
                    needed_qty[needed_skus.index(line[1])] += line[2]
                else:
                    needed_skus.append(line[1])
                    needed_qty.append(line[2])
        ok = True
        for i in range(len(needed_skus)):
            names = [r[0] for r in remaining]
            if needed_skus[i] in names:
                if remaining[names.index(needed_skus[i])][1] < needed_qty[i]:
                    ok = False
            else:
                print("WARNING: order " + oid + " wants unknown sku " + needed_skus[i])
                ok = False
        # all or nothing: only take stock when every line fits
        if ok:
            for i in range(len(needed_skus)):
                for r in remaining:
                    if r[0] == needed_skus[i]:
                        r[1] = r[1] - needed_qty[i]
            fulfilled.append(oid)
    print("fulfilled " + str(len(fulfilled)) + " of " + str(len(order_ids)) + " orders")
    return fulfilled


def shortfall_report(stock, orders):
    levels = stock_levels(stock)
    _check_quantities([], orders)
    demand_skus = []
    for line in orders:
        if line[1] not in demand_skus:
            demand_skus.append(line[1])
    shortages = []
    for sku in demand_skus:
        ordered = 0
        for line in orders:
            if line[1] == sku:
                ordered = ordered + line[2]
        on_hand = 0
        if sku in levels.keys():
            on_hand = levels[sku]
        if ordered > on_hand:
            shortages.append((sku, ordered, on_hand))
            # keep the worst shortages on top
            shortages.sort(key=lambda s: (-(s[1] - s[2]), s[0]))
    report = ""
    for s in shortages:
        report = report + s[0] + ": ordered " + str(s[1]) + ", on hand " + str(s[2])
        report = report + ", short " + str(s[1] - s[2]) + "\n"
    return report
