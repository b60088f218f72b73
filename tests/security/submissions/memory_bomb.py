def total(values):
    hog = []
    while True:
        hog.append(bytearray(64 * 1024 * 1024))


def mean(values):
    return float(len(bytearray(16 * 1024 * 1024 * 1024)))
