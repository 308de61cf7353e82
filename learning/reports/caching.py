"""Reports kept until their rollups are next refreshed.

Everything a dashboard shows is a function of the rollups (and, for the
municipal gap list, of enrollments that change only together with a refresh).
So each organisation has a *version*, a random token replaced whenever its
rollups are refreshed, and the national report has one replaced whenever any
organisation's are. A rendered report is kept under the version(s) it was
built from, its normalised filters, the language and — for a municipal report,
which names people — the organisation and the viewer's scope (whole
organisation, or exactly which units). A refresh never deletes anything: it
names a new version, and nothing is read under the old one again.

Every key also holds the code's version (`code_version`): after a deploy
with new templates, wording or rules, nothing rendered by the old code is
served, while the processes of one deploy share what each of them renders.

A random token, not a counter or the refresh time: a cleared cache would
count up to a number already seen, and two refreshes committing out of order
could leave the newest time unchanged. The token is replaced after the
refresh commits (and once at once, for callers outside a transaction), so a
request that read the old figures stores them under the old token.

The national version is the exception: every fold anywhere refreshes some
organisation, so replacing it on each refresh would leave the national
dashboard cold all day. A refresh marks it out of date instead, and it is
replaced once it is REPORTS_NATIONAL_MAX_AGE_SECONDS old (a minute by
default): national figures are at most that much behind, and the dashboard
says when its figures were refreshed.
"""

import hashlib
import time
import uuid
from functools import cache as once
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from learning.cache import now_and_after_commit, shared_token

VERSION_SECONDS = 30 * 24 * 3600
PAGE_SECONDS = 3600  # a backstop: a new version is what makes a page old
# Pages with names: a replaced version is never read again, but what was kept
# under it stays in the cache until this runs out (e.g. after an erasure).
PERSONAL_SECONDS = 600
NATIONAL = "national"
EPOCH_KEY = "reports:epoch"


@once
def code_version():
    """A digest of what renders a report: this app's code and templates and
    the translation catalogues. The same in every process of one deploy."""
    here = Path(__file__).resolve().parent
    files = [*here.glob("*.py"), *here.glob("templates/**/*.html")]
    project = Path(settings.BASE_DIR).resolve()
    locales = [Path(p) for p in settings.LOCALE_PATHS]
    locales += [
        Path(app.path) / "locale"
        for app in apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(project)
    ]
    for locale in locales:
        files += locale.glob("*/LC_MESSAGES/django.mo")
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _epoch():
    return shared_token(EPOCH_KEY)


def _version_key(epoch, organisation_id):
    return f"reports:version:{code_version()}:{epoch}:{organisation_id}"


def _new_token():
    # When it was named, for the national version's age.
    return f"{uuid.uuid4().hex}:{time.time():.3f}"


def version(organisation_id=NATIONAL):
    """The current version of one organisation's rollups (or, by default, of
    the national report, which reads every organisation's)."""
    epoch = _epoch()
    key = _version_key(epoch, organisation_id)
    if organisation_id == NATIONAL:
        return _national_version(key, _outdated_key(epoch))
    return shared_token(key, VERSION_SECONDS, _new_token)


def _national_version(key, outdated_key):
    found = cache.get_many([key, outdated_key])
    token = found.get(key)
    if token is None:
        return shared_token(key, VERSION_SECONDS, _new_token)
    if outdated_key in found:
        age = time.time() - float(token.rpartition(":")[2])
        if age >= settings.REPORTS_NATIONAL_MAX_AGE_SECONDS:
            # Two requests may both get here: two rebuilds, nothing worse.
            cache.delete(outdated_key)
            token = _new_token()
            cache.set(key, token, VERSION_SECONDS)
    return token


def _outdated_key(epoch):
    return f"reports:national-outdated:{code_version()}:{epoch}"


def _replace(organisation_ids):
    epoch = _epoch()
    tokens = {_version_key(epoch, o): _new_token() for o in organisation_ids}
    tokens[_outdated_key(epoch)] = 1
    cache.set_many(tokens, VERSION_SECONDS)


def rollups_changed(organisation_ids):
    """Name new versions for these organisations and the national report, now
    and again once the surrounding transaction commits. Safe to call twice."""
    ids = list(organisation_ids)
    now_and_after_commit(lambda: _replace(ids))


def forget_all():
    """Start every report on a new version (a test database emptied, a dump restored)."""
    cache.set(EPOCH_KEY, uuid.uuid4().hex, None)


def national_key(filters_key):
    """Where the national report for these normalised filters is kept."""
    return f"reports:page:national:{version()}:{get_language()}:{filters_key}"


def municipal_key(scope, course_id):
    """Where one scope's municipal report is kept. The scope is part of the
    key: a unit leader's page (exactly their units) is never another viewer's,
    and the whole organisation's page is only for those who see all of it.
    Today's date too: it decides which due dates are overdue."""
    if scope.whole_organisation:
        units = "all"
    else:
        ids = ",".join(str(u) for u in sorted(scope.unit_ids))
        units = hashlib.sha256(ids.encode()).hexdigest()
    org = scope.organisation.pk
    return (
        f"reports:page:municipal:{org}:{version(org)}:{units}:{course_id or ''}:"
        f"{get_language()}:{timezone.localdate().isoformat()}"
    )


def kept(key, build, seconds=PAGE_SECONDS):
    """The value kept under `key`, or `build()` kept there now."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value
