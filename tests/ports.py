"""Ports for the servers that tests and benchmarks start on 127.0.0.1."""

import os
import socket


def free_port(variable="TEST_PORTS"):
    """A free port: the first one free in the range the environment `variable` gives
    ("18400-18499") when set, so that runs on a shared machine stay inside the ports they
    were given; any otherwise."""
    wanted = os.environ.get(variable)
    candidates = [0]
    if wanted:
        low, high = (int(part) for part in wanted.split("-"))
        candidates = range(low, high + 1)
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {wanted}")
