"""Django's Redis cache, with one redis.Redis client per connection pool.

Django's RedisCacheClient builds a new redis.Redis for every cache call, and
redis-py fills a table of about 170 response callbacks each time: a third of a
millisecond of CPU per call, paid several times on every signed-in page (the
session, the content version) and every tracking statement. The client is
only a handle on the pool and safe to reuse; Django keeps one cache object
per thread, so each thread still has its own.
"""

import uuid

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


def shared_token(key, timeout=None, make=None):
    """The token stored under `key`, or a new random one stored there now.
    Processes that ask at the same moment agree (`add` is SET NX, and the
    winner's token is read back). For versions that must never repeat: a
    cleared cache gets a new token, not a number counted up again."""
    from django.core.cache import cache

    token = cache.get(key)
    if token is None:
        cache.add(key, make() if make else uuid.uuid4().hex, timeout)
        token = cache.get(key)
    return token


def now_and_after_commit(replace):
    """Run `replace` (a new version token) now and again once the current
    transaction commits: a request that read the old rows in between must
    not keep them under the version that follows the commit."""
    from django.db import transaction

    replace()
    transaction.on_commit(replace)
