import sys

for _ in range(200):
    sys.stdout.write("x" * 1_000_000)
    sys.stderr.write("y" * 100_000)


def total(values):
    print("z" * 1_000_000)
    return 0


def mean(values):
    return 0.0
