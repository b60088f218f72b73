from pathlib import Path

MARKER = "kaizen-escape-write-outside"
for _folder in ("/tmp", str(Path.home()), "/root", "/var/tmp"):
    try:
        (Path(_folder) / MARKER).write_text("escaped")
    except OSError:
        pass


def total(values):
    return 0


def mean(values):
    return 0.0
