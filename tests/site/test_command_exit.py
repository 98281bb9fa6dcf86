"""How manage.py ends: the command's objects are left to the end of the process."""

from tests.site.test_settings import run_manage

ATEXIT = "import atexit, gc; atexit.register(lambda: print('frozen', gc.get_freeze_count()))"


def frozen(output):
    line = next(line for line in output.splitlines() if line.startswith("frozen "))
    return int(line.split()[1])


def test_a_finished_command_s_objects_are_skipped_by_the_last_collections(tmp_path):
    written = tmp_path / "written.txt"
    code = f"{ATEXIT}; print('done'); open({str(written)!r}, 'w').write('kept')"
    result = run_manage("shell", "--no-imports", "-c", code, env={})
    assert result.returncode == 0, result.stderr
    assert "done" in result.stdout
    # Django, Wagtail and the project: far more than the few objects of a bare interpreter.
    assert frozen(result.stdout) > 100_000
    assert written.read_text() == "kept"


def test_a_failing_command_still_fails_with_its_message(tmp_path):
    result = run_manage(
        "import_news", str(tmp_path / "missing"), env={"DATABASE_URL": "sqlite://"}
    )
    assert result.returncode == 1
    assert "missing" in result.stderr
    assert "Traceback" not in result.stderr
