"""Who employs a person, kept in the cache between their requests.

Every signed-in page asks for the learner's employer (tenants.services.
current_organisation): it decides their catalogue, their access and their
language. The answer changes only when an employment or an organisation
changes, so it is kept per person, stamped with an employers version that
every such change replaces: saved or deleted rows (signals, connected in
apps.py) and bulk writes (`.update()`, `.delete()`, `bulk_create` on the
querysets below) alike. One cache round trip then replaces a query.

The version is a random token, never a counter: a cleared or restarted cache
does not bring back an old version, and with it a kept answer.
"""

import logging
import uuid

from django.core.cache import cache

from learning.cache import now_and_after_commit, shared_token

logger = logging.getLogger(__name__)

VERSION_KEY = "tenants:employers:version"
# Bounds memory only: a change is seen at once through the version.
KEEP_SECONDS = 3600


def _key(user_id):
    return f"tenants:employers:{user_id}"


def new_version():
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable: kept employers not forgotten")


def forget_employers(**kwargs):
    """Forget every kept answer (signal receiver; safe to call any time): now,
    and again once the transaction commits, since a request in between may
    have kept what it read before the commit."""
    now_and_after_commit(new_version)


def kept_employers(user_id, find):
    """`find()` (a list of the person's employers), kept until the next change
    to any employment or organisation. When the cache does not answer, asks
    `find()` every time."""
    key = _key(user_id)
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        kept = found.get(key)
        if version is not None and kept is not None and kept[0] == version:
            return kept[1]
        if version is None:
            version = shared_token(VERSION_KEY)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable: employers looked up in the database")
        return find()
    employers = find()
    try:
        cache.set(key, (version, employers), KEEP_SECONDS)
    except Exception:  # noqa: BLE001
        logger.warning("cache unavailable: employers not kept")
    return employers


class ForgetsEmployersOnBulkWrites:
    """For the querysets of Employment and Organisation: bulk writes send no
    signals, so they replace the version themselves."""

    def update(self, **kwargs):
        updated = super().update(**kwargs)
        forget_employers()
        return updated

    def delete(self):
        deleted = super().delete()
        forget_employers()
        return deleted

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        forget_employers()
        return created

    def bulk_update(self, *args, **kwargs):
        updated = super().bulk_update(*args, **kwargs)
        forget_employers()
        return updated
