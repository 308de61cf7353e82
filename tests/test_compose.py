"""docker-compose.yml and the Dockerfile point at code that exists.

No Docker engine runs in CI, so this reads the files and imports what they name.
"""

import importlib
import importlib.util
import os
import subprocess
import sys

import pytest
import yaml
from celery import Celery

from django.conf import settings
from django.utils.module_loading import import_string

from courses.files import INTERNAL_LOCATION

COMPOSE = yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ["migrate", "web", "worker", "beat"]


def option(command, name):
    return command[command.index(name) + 1]


def test_it_runs_the_whole_production_shape():
    assert set(SERVICES) == {"postgres", "redis", "migrate", "proxy", *APP_SERVICES}
    assert SERVICES["postgres"]["image"] == "postgres:16"
    assert SERVICES["redis"]["image"] == "redis:7"
    assert "pg_isready" in SERVICES["postgres"]["healthcheck"]["test"]
    assert SERVICES["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]


@pytest.mark.parametrize("name", APP_SERVICES)
def test_it_builds_every_app_service_from_the_dockerfile_with_production_settings(name):
    service = SERVICES[name]
    assert service["build"] == "."
    module = service["environment"]["DJANGO_SETTINGS_MODULE"]
    assert module == "learning.settings.production"
    assert importlib.util.find_spec(module) is not None
    assert service["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert service["environment"]["DATABASE_URL"].startswith("postgres://")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_it_starts_app_services_only_once_postgres_and_redis_are_healthy(name):
    depends_on = SERVICES[name]["depends_on"]
    assert depends_on["postgres"] == {"condition": "service_healthy"}
    assert depends_on["redis"] == {"condition": "service_healthy"}


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_it_starts_serving_only_after_migrations_ran(name):
    assert SERVICES[name]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }


def test_it_migrates_with_manage_py():
    command = SERVICES["migrate"]["command"]
    assert command[:3] == ["python", "manage.py", "migrate"]
    assert (settings.BASE_DIR / "manage.py").exists()


def test_it_serves_the_wsgi_application_with_gunicorn():
    command = SERVICES["web"]["command"]
    assert command[0] == "gunicorn"
    module_name, attribute = command[1].split(":")
    assert callable(getattr(importlib.import_module(module_name), attribute))
    assert option(command, "-b") == "0.0.0.0:8000"


def test_it_checks_web_health_at_healthz():
    assert "http://127.0.0.1:8000/healthz" in " ".join(SERVICES["web"]["healthcheck"]["test"])
    assert "127.0.0.1" in SERVICES["web"]["environment"]["ALLOWED_HOSTS"].split(",")


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_it_runs_celery_from_the_learning_app(name):
    command = SERVICES[name]["command"]
    assert command[0] == "celery"
    assert command[3] == name
    package = importlib.import_module(option(command, "-A"))
    assert isinstance(package.celery_app, Celery)


def test_it_schedules_beat_from_the_database():
    scheduler = option(SERVICES["beat"]["command"], "--scheduler")
    assert import_string(scheduler.replace(":", "."))
    assert scheduler == settings.CELERY_BEAT_SCHEDULER


def test_it_keeps_the_database_and_uploads_in_volumes():
    assert {"db", "media"} <= set(COMPOSE["volumes"])
    assert "db:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    for name in APP_SERVICES:
        media_root = SERVICES[name]["environment"]["MEDIA_ROOT"]
        assert f"media:{media_root}" in SERVICES[name]["volumes"]


def test_it_documents_every_variable_compose_reads_in_env_example():
    example = (settings.BASE_DIR / ".env.example").read_text()
    for name in ["SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD"]:
        assert f"\n{name}=" in example


def test_it_builds_the_image_from_the_lock_file_and_collects_static_files():
    dockerfile = (settings.BASE_DIR / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    assert "pip install -r requirements.lock" in dockerfile
    assert "manage.py collectstatic --noinput" in dockerfile
    ignored = (settings.BASE_DIR / ".dockerignore").read_text().split()
    assert {".git", ".venv", "db.sqlite3*", ".env"} <= set(ignored)


def test_it_can_collect_static_files_as_the_image_build_does(tmp_path):
    """The build's collectstatic, with production settings and hashed names."""
    code = (
        "from django.conf import settings; import django;"
        f"settings.STATIC_ROOT = {str(tmp_path)!r}; django.setup();"
        "from django.core.management import call_command;"
        "call_command('collectstatic', '--noinput', verbosity=0)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.production",
        "SECRET_KEY": "collectstatic-only-not-a-secret",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'build.sqlite3'}",
        "REDIS_URL": "redis://localhost:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("wagtailadmin/css/core.*.css.gz"))


def test_it_sends_uploads_from_the_volume_only_when_django_says_so():
    proxy = SERVICES["proxy"]
    assert "media:/srv/media:ro" in proxy["volumes"]
    conf_source = next(v.split(":")[0] for v in proxy["volumes"] if v.endswith("default.conf:ro"))
    conf = (settings.BASE_DIR / conf_source).read_text()
    assert "proxy_pass http://web:8000;" in conf
    # Nothing under /media/ straight from disk: Django checks who may have it
    # and answers with X-Accel-Redirect to the internal location.
    assert "location /media/" not in conf
    assert f"location {INTERNAL_LOCATION} {{\n        internal;\n        alias /srv/media/;" in conf
    assert "add_header X-Content-Type-Options nosniff always;" in conf
    assert "text/html" not in conf and "default_type application/octet-stream;" in conf
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
