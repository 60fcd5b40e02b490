"""`recruit serve` applies the migrations and serves the site with gunicorn on the port it is given."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"recruit serve exited with {process.returncode}: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read().decode()
        except OSError:
            time.sleep(0.3)
    pytest.fail("recruit serve did not answer in time")


def test_serve_migrates_and_answers_in_chinese(tmp_path):
    port = _free_port()
    env = {**os.environ, "RECRUIT_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
           "RECRUIT_SECRET_KEY": "serve-test", "RECRUIT_PORT": str(port), "RECRUIT_SCHEDULER": "off"}
    process = subprocess.Popen([sys.executable, "-m", "recruit", "serve", "--workers", "1"], env=env,
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        status, body = _wait_for(f"http://127.0.0.1:{port}/", process)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert status == 200
    assert "招聘会" in body
    assert (tmp_path / "fresh.sqlite3").stat().st_size > 0
