"""Wagtail admin views: the shared courses an editor can use as templates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import CoursePage
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
