# config loader for the checkout service
# reads checkout.ini (the ops team edits it by hand) and gives back a dict
import re

DEFAULTS = {
    "server": {"port": 8080, "debug": False, "workers": 4},
    "database": {"port": 5432, "timeout": 30.0, "pool_size": 10},
}
REQUIRED = {"server": ["host"], "database": ["host"]}
TYPES = {
    "server": {"host": "host", "port": "port", "debug": "bool", "workers": "workers"},
    "database": {"host": "host", "port": "port", "timeout": "duration", "pool_size": "pool"},
}
UNITS = {"ms": 1, "s": 1000, "m": 60000, "h": 3600000}


def parse_duration(value):
    try:
        m = re.match(r"^([0-9]+)(ms|s|m|h)?$", value.strip().lower())
        n = int(m.group(1))
        unit = m.group(2)
        if unit == None:
            unit = "s"
        ms = n * UNITS[unit]
        if ms <= 0 or ms > 86400000:
            raise Exception()
        return ms / 1000
    except:
        raise ValueError("invalid duration")


def check_host(h):
    if len(h) == 0 or len(h) > 253:
        return False
    for part in h.split("."):
        if not re.match(r"^[a-z0-9-]{1,63}$", part):
            return False
        if part[0] == "-" or part[-1] == "-":
            return False
    return True


def convert(kind, raw):
    # returns None if the value is no good (-1 for the numbers, see below)
    if kind == "host":
        h = raw.lower()
        if check_host(h):
            return h
        return None
    if kind == "port":
        try:
            p = int(raw)
        except:
            return None
        if p < 1 or p > 65535:
            return None
        return p
    if kind == "bool":
        v = raw.lower()
        if v == "true" or v == "yes" or v == "on" or v == "1":
            return True
        if v == "false" or v == "no" or v == "off" or v == "0":
            return False
        return None
    if kind == "workers" or kind == "pool":
        # -1 = error (cannot use None here, old code checks for -1)
        try:
            n = int(raw)
        except:
            return -1
        if kind == "workers":
            top = 64
        else:
            top = 100
        if n < 1 or n > top:
            return -1
        return n
    if kind == "duration":
        try:
            return parse_duration(raw)
        except Exception:
            return None
    print("unknown type " + kind)
    return None


def load_config(text):
    try:
        data = {}
        section = None
        for line in text.splitlines():
            line = line.strip()
            if line == "" or line.startswith("#") or line.startswith(";"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip().lower()
                if section not in TYPES:
                    print("WARNING: unknown section " + section + ", ignoring it")
                if section not in data:
                    data[section] = {}
                continue
            if not "=" in line:
                raise ValueError("cannot parse line: " + line)
            parts = line.split("=", 1)
            key = parts[0].strip().lower()
            raw = parts[1].strip()
            if section == None:
                raise ValueError("key outside of a section: " + key)
            if key == "":
                raise ValueError("empty key: " + line)
            if section not in TYPES:
                continue
            if key not in TYPES[section]:
                print("WARNING: unknown key " + key + " in section " + section)
                continue
            if key in data[section]:
                raise ValueError("duplicate key: " + key)
            value = convert(TYPES[section][key], raw)
            if value is None or value == -1:
                raise ValueError("invalid value for " + key)
            data[section][key] = value
        result = {}
        for name in TYPES:
            if name not in data:
                data[name] = {}
            for key in REQUIRED[name]:
                if key not in data[name]:
                    raise ValueError("missing " + key)
            result[name] = dict(DEFAULTS[name])
            for key in data[name]:
                result[name][key] = data[name][key]
        return result
    except Exception as e:
        print("ERROR: bad config: " + str(e))
        raise ValueError("bad config: " + str(e))
