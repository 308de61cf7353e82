"""Wagtail admin views: the shared courses an editor can use as templates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from wagtail.admin import messages as admin_messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from .models import CoursePage, LessonPage
from .services import (
    copy_course_as_template,
    courses_shared_with_any,
    organisations_edited_by,
    template_targets,
)


class SharedCoursesView(WagtailAdminTemplateMixin, TemplateView):
    """Courses other organisations share with the editor's organisations."""

    template_name = "courses/admin/shared_courses.html"
    page_title = gettext_lazy("Delte kurs")
    header_icon = "copy"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = list(organisations_edited_by(self.request.user).exclude(root_page=None))
        if not organisations:
            raise PermissionDenied
        courses = courses_shared_with_any(organisations)
        context["organisations"] = organisations
        context["courses"] = courses.select_related("organisation", "topic").order_by("title")
        return context


class UseAsTemplateView(WagtailAdminTemplateMixin, TemplateView):
    """GET: confirm (and pick the organisation when the editor has several);
    POST: copy the course with its lessons into that organisation's tree."""

    template_name = "courses/admin/use_as_template.html"
    page_title = gettext_lazy("Bruk som mal")
    header_icon = "copy"

    def dispatch(self, request, page_id):
        self.course = get_object_or_404(CoursePage.objects.live(), pk=page_id)
        self.targets = template_targets(request.user, self.course)
        if not self.targets:
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("courses_admin:shared"), "label": _("Delte kurs")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(course=self.course, targets=self.targets)
        return context

    def post(self, request, page_id):
        chosen = request.POST.get("organisation")
        target = next((o for o in self.targets if str(o.pk) == chosen), None)
        if target is None and len(self.targets) == 1 and not chosen:
            target = self.targets[0]
        if target is None:
            raise PermissionDenied
        if not target.root_page.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        copy = copy_course_as_template(self.course, target, request.user)
        messages.success(
            request,
            _(
                "«%(title)s» er kopiert til %(organisation)s som utkast. Tilpass kurset og "
                "leksjonene, og send dem til godkjenning."
            )
            % {"title": copy.title, "organisation": target.name},
        )
        return redirect("wagtailadmin_pages:edit", copy.pk)


def approval_message(request, course):
    """Tell the approver what their approval did: the course and its lessons
    are live, or the course went on to the workflow's next step."""
    course = CoursePage.objects.get(pk=course.pk)
    if course.live and not course.workflow_in_progress:
        count = LessonPage.objects.child_of(course).live().count()
        message = ngettext(
            "«%(title)s» er godkjent og publisert med %(count)d leksjon.",
            "«%(title)s» er godkjent og publisert med %(count)d leksjoner.",
            count,
        ) % {"title": course.title, "count": count}
        buttons = [admin_messages.button(course.get_url(request), _("Vis kurset"))]
        admin_messages.success(request, message, buttons=buttons)
    else:
        admin_messages.success(
            request, _("«%(title)s» er godkjent i dette steget.") % {"title": course.title}
        )


class CourseWorkflowActionView(WorkflowActionView):
    """Approve (from the dashboard, the page header or the listing) with a
    confirmation, which Wagtail leaves out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if self.action_name == "approve" and self.task_state.status == "approved":
            approval_message(request, self.object)
        return response


class CourseEditView(EditView):
    """Approving from the edit form says so, instead of just "updated"."""

    def add_save_confirmation_message(self):
        if getattr(self, "workflow_action", None) == "approve":
            approval_message(self.request, self.page)
        else:
            super().add_save_confirmation_message()


class CoursePageViewSet(PageViewSet):
    model = CoursePage
    name = "courses"
    icon = "doc-full"
    edit_view_class = CourseEditView
    workflow_action_view_class = CourseWorkflowActionView
    # Keep the explorer's usual listing of a catalogue's courses.
    parent_models = ()


class LessonCreateView(CreateView):
    """A new lesson is saved as a draft; it is submitted with its course. (The
    course's workflow would otherwise be started on the lesson.)"""

    @cached_property
    def action_name_and_method(self):
        name, method = super().action_name_and_method
        if name == "submit":
            return ("save", self.save_action)
        return name, method


class LessonPageViewSet(PageViewSet):
    model = LessonPage
    name = "lessons"
    icon = "doc-full"
    add_view_class = LessonCreateView
    parent_models = ()
