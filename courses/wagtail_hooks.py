from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls, admin_views, files
from .access import refuse
from .addresses import own_site_redirect
from .models import CoursePage, LessonPage, Topic
from .services import course_access, organisations_edited_by, template_targets


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Temaer")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("before_serve_page")
def check_course_access(page, request, serve_args, serve_kwargs):
    """The access gate for course and lesson pages, before they are served
    (previews do not pass here: editors see their drafts)."""
    if isinstance(page, CoursePage):
        course = page
    elif isinstance(page, LessonPage):
        course = page.course
    else:
        return None
    return refuse(request, course_access(request, course)) or own_site_redirect(
        page, request, course
    )


@hooks.register("insert_global_admin_js")
def save_rich_text_before_submitting():
    return format_html('<script src="{}"></script>', static("courses/admin/save_rich_text.js"))


@hooks.register("register_admin_viewset")
def register_course_page_viewsets():
    return [admin_views.CoursePageViewSet(), admin_views.LessonPageViewSet()]


@hooks.register("construct_page_action_menu")
def lessons_are_submitted_with_their_course(menu_items, request, context):
    """No "submit" on a new lesson: it is published with its course (an
    existing lesson has no workflow, so Wagtail offers none there)."""
    parent = context.get("parent_page")
    if context.get("view") == "create" and parent and parent.specific_class is CoursePage:
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]


@hooks.register("register_admin_urls")
def register_courses_admin_urls():
    return [path("delte-kurs/", include(admin_urls, namespace="courses_admin"))]


class SharedCoursesMenuItem(MenuItem):
    def is_shown(self, request):
        return organisations_edited_by(request.user).exclude(root_page=None).exists()


@hooks.register("register_admin_menu_item")
def register_shared_courses_menu_item():
    return SharedCoursesMenuItem(
        _("Delte kurs"), reverse("courses_admin:shared"), icon_name="copy", order=250
    )


def _use_as_template_button(page, user, priority):
    # specific_class comes from the content type, no query; only course rows
    # pay for loading the course and its sharing.
    if not issubclass(page.specific_class or type(page), CoursePage):
        return
    if template_targets(user, page.specific_deferred):
        yield Button(
            _("Bruk som mal"),
            reverse("courses_admin:use_as_template", args=[page.pk]),
            icon_name="copy",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_use_as_template(page, user, next_url=None):
    yield from _use_as_template_button(page, user, priority=25)


@hooks.register("register_page_header_buttons")
def page_header_use_as_template(page, user, view_name, next_url=None):
    yield from _use_as_template_button(page, user, priority=35)


@hooks.register("before_serve_document")
def serve_documents_only_to_readers(document, request):
    """/dokumenter/<id>/<name> (Wagtail's serve view) forwards to the file's
    /media/ address, but only for those who may fetch it: ids are sequential."""
    if files.file_access(request, document) is files.FileAccess.NOT_FOUND:
        raise Http404
