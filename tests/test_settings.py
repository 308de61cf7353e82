"""Settings are read once per process, so each case runs in a fresh one."""

import os
import secrets
import subprocess
import sys

import pytest

from django.conf import settings

REQUIRED = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "kurs.ks.no,.kurs.ks.no",
    "DATABASE_URL": "sqlite:////tmp/kompetanse-settings-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def django_process(args, settings_module="learning.settings.production", **env):
    """Run `args` with only the environment variables given here."""
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests set it for this process only.
    unset = [*REQUIRED, "DEBUG", "CELERY_TASK_ALWAYS_EAGER", "DJANGO_ALLOW_ASYNC_UNSAFE"]
    clean = {
        name: value for name, value in os.environ.items() if name.removesuffix("_FILE") not in unset
    }
    return subprocess.run(
        [sys.executable, *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def print_setting(expression, settings_module="learning.settings.production", **env):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return django_process(["-c", code], settings_module, **env)


def test_it_refuses_to_start_production_without_its_required_settings():
    result = print_setting("settings.DEBUG")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL" in result.stderr


def test_it_names_only_the_settings_that_are_missing():
    result = print_setting(
        "settings.DEBUG", SECRET_KEY=PRODUCTION["SECRET_KEY"], DATABASE_URL="sqlite:///x"
    )
    assert result.returncode != 0
    assert "need these environment variables (or NAME_FILE secrets): ALLOWED_HOSTS, REDIS_URL" in (
        result.stderr
    )


def test_it_passes_the_deploy_checks_with_production_settings():
    result = django_process(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_reads_the_secret_key_from_a_file(tmp_path):
    key = secrets.token_urlsafe(60)
    (tmp_path / "secret_key").write_text(key + "\n")
    env = {**PRODUCTION, "SECRET_KEY_FILE": str(tmp_path / "secret_key")}
    del env["SECRET_KEY"]
    result = print_setting("settings.SECRET_KEY", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == key


def test_it_caches_in_redis_and_serves_hashed_compressed_static_files_in_production():
    result = print_setting(
        "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'],"
        "settings.STORAGES['staticfiles']['BACKEND'], settings.DEBUG,"
        "settings.CELERY_TASK_ALWAYS_EAGER",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        # Django's RedisCache, reusing one client per pool (learning/cache.py).
        "learning.cache.ReusingRedisCache",
        "redis://127.0.0.1:6379/0",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "False",
        "False",
    ]


@pytest.mark.parametrize(
    "settings_module", ["learning.settings.dev", "learning.settings.production"]
)
def test_it_refuses_a_boolean_that_is_neither_true_nor_false(settings_module):
    result = print_setting("settings.DEBUG", settings_module, **PRODUCTION, DEBUG="maybe")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG='maybe' is not a boolean: set it to true or false." in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("value", "expected"), [("true", "True"), ("Yes", "True"), ("0", "False"), ("", "False")]
)
def test_it_reads_plain_booleans(value, expected):
    result = print_setting("settings.DEBUG", "learning.settings.test", DEBUG=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_it_lets_nginx_send_uploads_in_production_and_django_elsewhere():
    expression = "settings.MEDIA_X_ACCEL_REDIRECT, settings.STORAGES['default']['BACKEND']"
    production = print_setting(expression, **PRODUCTION)
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == ["True", "courses.storage.UnguessableStorage"]
    development = print_setting(expression, "learning.settings.dev")
    assert development.stdout.split() == ["False", "courses.storage.UnguessableStorage"]
