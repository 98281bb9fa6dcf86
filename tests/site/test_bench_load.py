"""The load test counts every request wrk reports as failed (bench/load.py)."""

import pytest

from tests.bench_scripts import bench_module


@pytest.fixture
def errors(monkeypatch):
    return bench_module(monkeypatch, "load").errors


def test_every_kind_of_failed_request_is_counted(errors):
    output = (
        "  10500 requests in 10.00s, 290.35MB read\n"
        "  Socket errors: connect 0, read 2, write 1, timeout 3\n"
        "  Non-2xx or 3xx responses: 4\n"
        "Requests/sec:   1049.91\n"
    )
    # Reads and writes cut off by the server count as much as timeouts and 5xx.
    assert errors(output) == {
        "errors": 10,
        "error_kinds": {"read": 2, "write": 1, "timeout": 3, "status": 4},
    }


def test_a_clean_run_has_no_errors(errors):
    assert errors("  10500 requests in 10.00s\nRequests/sec:   1049.91\n") == {
        "errors": 0,
        "error_kinds": {},
    }
