"""Benchmark: provision every organisation on a fresh PostgreSQL database.

    .venv/bin/python tests/bench/provision.py

Creates the database `bench_provision` (on BENCH_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/postgres), runs migrate, load_organisations
and `provision_tenants --all` in subprocesses, prints the provisioning wall
time, and drops the database. Last line: RESULT provision_s=<s> organisations=<n>.
Not collected by pytest (the name does not start with test_).
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DB_NAME = "bench_provision"


def database_url(name):
    parts = urlsplit(SERVER_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def manage(*args, env):
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def main():
    with psycopg.connect(SERVER_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(DB_NAME)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
    env = {
        **os.environ,
        "DATABASE_URL": database_url(DB_NAME),
        "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
        "DEBUG": "false",
    }
    env.pop("REDIS_URL", None)
    try:
        print(f"migrate: {manage('migrate', '--noinput', '-v0', env=env):.1f} s")
        print(f"load_organisations: {manage('load_organisations', env=env):.1f} s")
        provision_s = manage("provision_tenants", "--all", env=env)
        print(f"provision_tenants --all: {provision_s:.1f} s")
        rerun_s = manage("provision_tenants", "--all", "-v0", env=env)
        print(f"provision_tenants --all (again, nothing to do): {rerun_s:.1f} s")
        with psycopg.connect(database_url(DB_NAME)) as conn:
            (organisations,) = conn.execute(
                "SELECT count(*) FROM tenants_organisation WHERE site_id IS NOT NULL"
            ).fetchone()
    finally:
        with psycopg.connect(SERVER_URL, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
            )
    print(f"RESULT provision_s={provision_s:.1f} organisations={organisations}")


if __name__ == "__main__":
    main()
