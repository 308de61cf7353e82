"""Start the test OpenID Connect provider (server.mjs, panva's oidc-provider).

Used by the `oidc_provider` fixture (tests/conftest.py) and by `make run`.
Needs Node.js 20.19 or later; installs the locked packages when missing.
"""

import fcntl
import os
import socket
import subprocess
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
CLIENT_SECRET = "kongsberg-hemmelighet"


def install():
    # `make install` has done this already; the lock keeps two test processes
    # from running npm in the same folder at once when it hasn't.
    with open(HERE / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (HERE / "node_modules" / "oidc-provider").is_dir():
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port=None):
    """(process, issuer URL) of a provider answering on loopback."""
    install()
    port = port or free_port()
    issuer = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        ["node", "server.mjs"],
        cwd=HERE,
        env={**os.environ, "PORT": str(port), "CLIENT_SECRET": CLIENT_SECRET},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test OIDC provider stopped: {process.stderr.read().decode()}")
        try:
            requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1)
            return process, issuer
        except requests.ConnectionError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("The test OIDC provider did not answer within 20 seconds.")
