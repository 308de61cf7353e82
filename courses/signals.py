from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal, receiver

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from tenants.models import Organisation

from . import page_cache
from .models import CatalogPage, CoursePage, LessonPage, Topic

# Sent after a quiz submission is graded, for tracking to record.
# kwargs: request, lesson (LessonPage), quiz_id (str), result (grading.QuizResult)
quiz_graded = Signal()


@receiver(page_published, sender=CoursePage)
def publish_lessons_with_course(sender, instance, **kwargs):
    """A course is published as a whole: when it goes live (approved in its
    workflow, published by a KS editor, or at its scheduled time) each lesson
    goes live as last saved. Lessons have no workflow of their own (see
    LessonPage.get_workflow), so this is how a municipal editor's lessons are
    published. The approver saw these drafts in the course's preview."""
    for lesson in LessonPage.objects.child_of(instance).order_by("path"):
        if lesson.live and not lesson.has_unpublished_changes:
            continue
        revision = lesson.latest_revision or lesson.save_revision(log_action=False)
        # The course's approval is the permission; the approver's name is on
        # the course's own log entry.
        revision.publish(skip_permission_checks=True)


@receiver(post_page_move)
def update_course_owner(sender, instance, **kwargs):
    """A course moved to another organisation's catalogue belongs to it now."""
    for course in CoursePage.objects.filter(pk=instance.pk):
        course.save(update_fields=["organisation"])


def _bump_for_new_live_page(instance, created, **kwargs):
    """A page created live (by code, not through publishing) sends no
    page_published."""
    if created and instance.live:
        page_cache.bump_version()


def connect_page_cache_invalidation():
    """Anything that can change what a cached catalogue or course page shows."""
    # Pages change what visitors see only when published, unpublished, moved
    # or deleted (below); a draft saved in one organisation must not empty
    # every organisation's cache.
    for model in (Topic, Organisation, Site):
        post_save.connect(page_cache.bump_version, sender=model, dispatch_uid=f"pc-s-{model}")
    for model in (CatalogPage, CoursePage, LessonPage):
        post_save.connect(_bump_for_new_live_page, sender=model, dispatch_uid=f"pc-s-{model}")
    for model in (CatalogPage, CoursePage, LessonPage, Topic, Organisation, Site):
        post_delete.connect(page_cache.bump_version, sender=model, dispatch_uid=f"pc-d-{model}")
    for model in (PageViewRestriction,):
        post_save.connect(page_cache.bump_version, sender=model, dispatch_uid="pc-s-pvr")
        post_delete.connect(page_cache.bump_version, sender=model, dispatch_uid="pc-d-pvr")
    m2m_changed.connect(
        page_cache.bump_version, sender=Organisation.members.through, dispatch_uid="pc-members"
    )
    # Who a group restriction lets in (pages kept by courses.routing keep
    # their restrictions).
    m2m_changed.connect(
        page_cache.bump_version,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="pc-pvr-groups",
    )
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_cache.bump_version, dispatch_uid=f"pc-{id(signal)}")
