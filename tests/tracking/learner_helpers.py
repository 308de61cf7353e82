"""Helpers for the learner-side tests (imported, not a conftest)."""

from contextlib import contextmanager

from learning.tracking import services
from learning.tracking.models import Enrollment


@contextmanager
def folded(world):
    """Run the block, then fold every stale enrollment, as the worker would
    after commit. Tests of the learner's pages call the service directly; the
    task through the broker is tested with the fold and in the browser journey."""
    yield
    for pk, organisation_id in (
        Enrollment.objects.unscoped().filter(stale=True).values_list("pk", "organisation_id")
    ):
        services.fold_enrollment(pk, organisation_id)
