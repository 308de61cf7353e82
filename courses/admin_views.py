"""Wagtail admin views: the shared courses an editor can use as templates."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages as admin_messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.coreutils import find_available_slug

from .models import CoursePage, LessonPage
from .services import (
    copies_of,
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


class UseAsTemplateForm(forms.Form):
    """Where the copy goes and what it is called. Copying the same course into
    the same organisation again needs a tick: it is usually a mistake."""

    organisation = forms.TypedChoiceField(label=gettext_lazy("Kopier til"), coerce=int)
    title = forms.CharField(label=gettext_lazy("Tittel på kopien"), max_length=255)
    slug = forms.SlugField(
        label=gettext_lazy("Adresse"),
        max_length=255,
        allow_unicode=True,
        help_text=gettext_lazy("Siste del av adressen til kurset, f.eks. «arkiv-i-praksis»."),
    )
    again = forms.BooleanField(label=gettext_lazy("Lag en kopi til likevel"), required=False)

    def __init__(self, course, targets, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.targets = {o.pk: o for o in targets}
        self.fields["organisation"].choices = [(o.pk, o.name) for o in targets]
        first = targets[0]
        self.initial.setdefault("organisation", first.pk)
        self.initial.setdefault("title", course.title)
        self.initial.setdefault("slug", find_available_slug(first.root_page, course.slug))

    def clean(self):
        cleaned = super().clean()
        target = self.targets.get(cleaned.get("organisation"))
        slug = cleaned.get("slug")
        if target is None:
            return cleaned
        cleaned["target"] = target
        if slug and target.root_page.get_children().filter(slug=slug).exists():
            self.add_error(
                "slug",
                _("Adressen «%(slug)s» er allerede i bruk hos %(org)s. Velg en annen.")
                % {"slug": slug, "org": target.name},
            )
        if copies_of(self.course, target).exists() and not cleaned.get("again"):
            self.add_error(
                "again",
                _(
                    "%(org)s har allerede en kopi av dette kurset. Kryss av hvis dere "
                    "vil ha en kopi til."
                )
                % {"org": target.name},
            )
        return cleaned


class UseAsTemplateView(WagtailAdminTemplateMixin, FormView):
    """GET: ask for the copy's title and address (and the organisation when the
    editor has several), warning about earlier copies; POST: copy the course
    with its lessons into that organisation's tree and say where it went."""

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

    def get_form(self, form_class=None):
        return UseAsTemplateForm(self.course, self.targets, **self.get_form_kwargs())

    def post(self, request, *args, **kwargs):
        # Another organisation's id is refused outright, not offered a correction.
        chosen = request.POST.get("organisation")
        if chosen and chosen not in {str(o.pk) for o in self.targets}:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "data" in kwargs and len(self.targets) == 1 and not kwargs["data"].get("organisation"):
            kwargs["data"] = kwargs["data"].copy()
            kwargs["data"]["organisation"] = self.targets[0].pk
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        earlier = [(org, list(copies_of(self.course, org))) for org in self.targets]
        context.update(
            course=self.course,
            targets=self.targets,
            earlier_copies=[(org, copies) for org, copies in earlier if copies],
        )
        return context

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        if not target.root_page.permissions_for_user(self.request.user).can_add_subpage():
            raise PermissionDenied
        copy = copy_course_as_template(
            self.course,
            target,
            self.request.user,
            title=form.cleaned_data["title"],
            slug=form.cleaned_data["slug"],
        )
        count = LessonPage.objects.child_of(copy).count()
        admin_messages.success(
            self.request,
            ngettext(
                "«%(title)s» er kopiert med %(count)d leksjon til kurskatalogen til "
                "%(organisation)s, som utkast på %(address)s. Tilpass kurset og send "
                "det til godkjenning; leksjonene publiseres sammen med kurset.",
                "«%(title)s» er kopiert med %(count)d leksjoner til kurskatalogen til "
                "%(organisation)s, som utkast på %(address)s. Tilpass kurset og send "
                "det til godkjenning; leksjonene publiseres sammen med kurset.",
                count,
            )
            % {
                "title": copy.title,
                "count": count,
                "organisation": target.name,
                "address": copy.get_full_url(self.request) or copy.url_path,
            },
            buttons=[
                admin_messages.button(
                    reverse("wagtailadmin_explore", args=[copy.pk]), _("Vis leksjonene")
                )
            ],
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
