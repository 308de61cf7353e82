"""`python -m tests.oidc_provider [port]`: run the test provider in the foreground."""

import os
import shutil
import sys

from . import CLIENT_SECRET, HERE, install

if shutil.which("node") is None:
    print("No Node.js: the local sign-in for Kongsberg needs Node 20.19+ (tests/oidc_provider).")
    sys.exit(0)
install()
os.chdir(HERE)
os.environ.update(PORT=sys.argv[1] if len(sys.argv) > 1 else "9000", CLIENT_SECRET=CLIENT_SECRET)
os.execvp("node", ["node", "server.mjs"])  # noqa: S606 (fixed arguments)
