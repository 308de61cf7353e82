"""Wagtail admin for an organisation's admins: assign courses, see
enrollments, reset one learner's course. Rows of organisations the user does
not administer are 404s: their existence is not disclosed."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.services import courses_visible_to
from learning.accounts.models import User
from tenants.models import Employment, JobRole, Unit
from tenants.services import organisations_administered_by

from . import services
from .models import Assignment, Enrollment
from .tasks import apply_assignment_task


def _organisation(request):
    """The administered organisation chosen with ?organisasjon= (else the
    first); PermissionDenied for people who administer none."""
    organisations = list(organisations_administered_by(request.user).order_by("name"))
    if not organisations:
        raise PermissionDenied
    chosen = request.GET.get("organisasjon") or request.POST.get("organisasjon")
    if chosen:
        match = [o for o in organisations if str(o.pk) == chosen]
        if not match:
            raise Http404
        return match[0], organisations
    return organisations[0], organisations


class AssignmentForm(forms.ModelForm):
    due_date = forms.DateField(
        label=gettext_lazy("Frist"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Assignment
        fields = ["course", "due_date", "users", "units", "include_subunits", "job_roles"]
        widgets = {
            "users": forms.CheckboxSelectMultiple,
            "units": forms.CheckboxSelectMultiple,
            "job_roles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        # Only this organisation's people, units and roles, and courses it may take.
        self.fields["course"].queryset = courses_visible_to(organisation).order_by("title")
        self.fields["users"].queryset = User.objects.filter(
            pk__in=Employment.objects.for_organisation(organisation)
            .filter(status=Employment.Status.ACTIVE)
            .values("user")
        ).order_by("first_name", "last_name")
        self.fields["units"].queryset = Unit.objects.for_organisation(organisation)
        self.fields["job_roles"].queryset = JobRole.objects.for_organisation(organisation)

    def clean(self):
        data = super().clean()
        if not (data.get("users") or data.get("units") or data.get("job_roles")):
            raise forms.ValidationError(_("Velg minst én person, enhet eller stilling."))
        return data


def assignments(request):
    organisation, organisations = _organisation(request)
    form = AssignmentForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.assigned_by = request.user
            assignment = form.save()
            transaction.on_commit(
                lambda: apply_assignment_task.delay(assignment.pk, organisation.pk)
            )
        messages.success(request, _("Kurset er tildelt."))
        return redirect(f"{reverse('tracking_assignments')}?organisasjon={organisation.pk}")
    listing = (
        Assignment.objects.for_organisation(organisation)
        .select_related("course", "assigned_by")
        .order_by("-created_at")
    )
    return render(
        request,
        "tracking/admin/assignments.html",
        {
            "organisation": organisation,
            "organisations": organisations,
            "form": form,
            "assignments": listing,
        },
    )


def enrollments(request):
    organisation, organisations = _organisation(request)
    listing = (
        Enrollment.objects.for_organisation(organisation)
        .select_related("user", "course", "unit")
        .order_by("course__title", "user__first_name")
    )
    return render(
        request,
        "tracking/admin/enrollments.html",
        {"organisation": organisation, "organisations": organisations, "enrollments": listing},
    )


class ResetForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Begrunnelse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Lagres i loggen sammen med navnet ditt."),
    )


def reset(request, pk):
    enrollment = get_object_or_404(
        Enrollment.objects.for_organisations(
            organisations_administered_by(request.user)
        ).select_related("user", "course"),
        pk=pk,
    )
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reset_enrollment(enrollment, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Fremdriften til %(person)s i «%(course)s» er nullstilt.")
            % {"person": enrollment.user, "course": enrollment.course.title},
        )
        return redirect(
            f"{reverse('tracking_enrollments')}?organisasjon={enrollment.organisation_id}"
        )
    return render(request, "tracking/admin/reset.html", {"enrollment": enrollment, "form": form})
