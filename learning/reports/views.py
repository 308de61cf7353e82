"""Dashboards, the map, exports and their downloads. Who may see what is
decided in access.py; every view asks it first."""

import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import page_cache
from tenants.models import Unit

from . import access, caching, exports, map, municipal, tables
from .models import AnalystSubscription, ApiToken, ExportJob, UnitLeader
from .national import NationalFilterForm, national_report

INLINE_EXPORT_ROWS = 5000  # more rows than this: a Celery job with a download link
GAPS_SHOWN = 100  # the most urgent first; choose a course to narrow the list


def _national(request):
    """The filter form (bound, validated), or a 403 for anyone but KS."""
    access.require_national(request.user)
    form = NationalFilterForm(request.GET or {})
    form.is_valid()
    return form


def _filters(request, form, action):
    """The filter form as HTML. A valid one is rendered once per content
    version (its choices are courses, topics, counties and regions, whose
    changes bump it), language and the filters as typed."""

    def build():
        return render_to_string("reports/_filters.html", {"form": form, "action": action})

    if not form.is_valid():
        return build()
    typed = repr([(name, request.GET.getlist(name)) for name in form.fields])
    key = (
        f"reports:filters:{caching.code_version()}:{page_cache.content_version()}:"
        f"{get_language()}:{action}:{hashlib.sha256(typed.encode()).hexdigest()}"
    )
    return caching.kept(key, build)


def _national_body(form, template, extra):
    """The report part of a national page, rendered once per rollup version,
    filters and language (caching.py) without the request: it holds nothing
    about the viewer, who gets the filters, links and forms around it."""

    def build():
        report = national_report(form)
        return render_to_string(template, {"report": report, **extra(report)})

    return caching.kept(caching.national_key(f"{template}:{form.cache_key()}"), build)


@login_required
def index(request):
    """Send each person to the report they may see."""
    if access.can_view_national(request.user):
        return redirect("reports:national")
    orgs = list(access.municipal_organisations(request.user).order_by("name")[:2])
    if len(orgs) == 1:
        return redirect("reports:municipal", organisation_id=orgs[0].pk)
    if not orgs:
        raise Http404
    return render(
        request,
        "reports/choose_organisation.html",
        {"organisations": access.municipal_organisations(request.user).order_by("name")},
    )


def _map_context(report):
    paths, height = map.norway()
    breaks = map.breaks_for(report.max_rate)
    by_number = {r.number: r for r in report.rows}
    shapes = []
    for number, d in paths.items():
        row = by_number.get(number)
        if row is None:
            shapes.append({"d": d, "state": "outside", "label": ""})
        elif row.rate.hidden:
            shapes.append({"d": d, "state": "hidden", "label": f"{row.name}: {row.rate}"})
        else:
            cls = map.colour_class(row.rate.value, breaks)
            shapes.append(
                {
                    "d": d,
                    "state": "shown",
                    "fill": map.SCALE[cls],
                    "label": f"{row.name}: {row.rate}",
                }
            )
    lower = [0.0, *breaks]
    legend = [
        {
            "fill": colour,
            "label": f"{lower[i]:.1f}".replace(".", ",")
            + (
                f"–{breaks[i]:.1f}".replace(".", ",") + " %"
                if i < len(breaks)
                else " % " + _("og over")
            ),
        }
        for i, colour in enumerate(map.SCALE)
    ]
    return {
        "map_shapes": shapes,
        "map_width": map.WIDTH,
        "map_height": height,
        "legend": legend,
        "attribution": map.ATTRIBUTION,
    }


def _national_page(request, url_name, template, body_template, body_context, extra=dict):
    """A national page: its filters, the kept report body and `extra()`, the
    parts that are the viewer's own; or, for filters that do not validate,
    the page saying so (400)."""
    form = _national(request)
    context = {
        "filters": _filters(request, form, reverse(url_name)),
        "query": request.GET.urlencode(),
    }
    if not form.is_valid():
        return render(request, template, context, status=400)
    context["body"] = _national_body(form, body_template, body_context)
    return render(request, template, {**context, **extra()})


def _subscription(request):
    sub = AnalystSubscription.objects.filter(user=request.user).first()
    return {"subscribed": bool(sub and sub.weekly_email)}


@login_required
def national(request):
    return _national_page(
        request,
        "reports:national",
        "reports/national.html",
        "reports/_national_report.html",
        lambda report: {
            "table": tables.national_table(report),
            "trend": tables.trend_table(report),
            "trend_bars": _trend_bars(report),
        },
        extra=lambda: _subscription(request),
    )


def _trend_bars(report):
    values = [f["completed"].value or 0 for _, f in report.trend]
    top = max(values, default=0) or 1
    return [
        {
            "label": f"{month:%m.%Y}",
            "height": round(120 * (f["completed"].value or 0) / top),
            "hidden": f["completed"].hidden,
            "x": 10 + i * 36,
            "text": str(f["completed"]),
        }
        for i, (month, f) in enumerate(report.trend)
    ]


@login_required
def national_map(request):
    return _national_page(
        request,
        "reports:national_map",
        "reports/map.html",
        "reports/_map_report.html",
        lambda report: {"m": _map_context(report), "table": tables.national_table(report)},
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _check_format(file_format):
    if file_format not in ("csv", "xlsx"):
        raise Http404


@login_required
def national_export(request, file_format):
    _check_format(file_format)
    form = _national(request)
    if not form.is_valid():
        return HttpResponse(_("Filtrene er ugyldige: rett dem på dashbordet."), status=400)
    report = national_report(form)
    table = (_("Opptak per kommune"), *tables.national_table(report))
    content, content_type = exports.render(
        file_format, _("Opptak per kommune"), report.filters, [table]
    )
    return _download(content, content_type, f"opptak-kommuner.{file_format}")


class MunicipalFilterForm(forms.Form):
    course = forms.IntegerField(required=False, min_value=1, label=gettext_lazy("Kurs"))


def _municipal_context(request, organisation_id):
    scope = access.municipal_scope(request.user, organisation_id)
    form = MunicipalFilterForm(request.GET or None)
    course_id = form.cleaned_data.get("course") if form.is_valid() else None
    return scope, course_id


@login_required
def municipal_dashboard(request, organisation_id):
    scope, course_id = _municipal_context(request, organisation_id)
    context = {
        "scope": scope,
        "organisation": scope.organisation,
        "query": request.GET.urlencode(),
        "jobs": ExportJob.objects.filter(
            requested_by=request.user, organisation=scope.organisation
        )[:5],
        "parts": caching.kept(
            caching.municipal_key(scope, course_id),
            lambda: _municipal_parts(scope, course_id),
            caching.PERSONAL_SECONDS,
        ),
    }
    return render(request, "reports/municipal.html", context)


def _municipal_parts(scope, course_id):
    """The municipal report for one scope, rendered without the request: the
    course filter (top) and the status table and gap list (body). It names
    people, so it is kept only under the scope's own key (caching.municipal_key)."""
    status_rows = municipal.status_table(scope, course_id)
    gaps = municipal.gap_list(scope, course_id)
    context = {
        "scope": scope,
        "organisation": scope.organisation,
        "table": tables.municipal_table(status_rows),
        "gaps": _gap_rows(scope, gaps[:GAPS_SHOWN]),
        "gaps_total": gaps.count(),
        "courses": municipal.courses(scope),
        "course_id": course_id,
        "refreshed_at": municipal.refreshed_at(scope),
    }
    return {
        "top": render_to_string("reports/_municipal_top.html", context),
        "body": render_to_string("reports/_municipal_report.html", context),
    }


def _gap_rows(scope, gaps):
    """The gap table as the export writes it, with a link to each person's record."""
    gaps = list(gaps)
    headers, rows = tables.gap_table(gaps)
    links = [
        reverse("reports:municipal_person", args=[scope.organisation.pk, e.user_id]) for e in gaps
    ]
    return {"headers": headers, "rows": list(zip(links, rows, strict=True))}


@login_required
def municipal_person(request, organisation_id, user_id):
    scope = access.municipal_scope(request.user, organisation_id)
    if not municipal.person_in_scope(scope, user_id):
        raise Http404
    enrollments = municipal.learning_record(scope, user_id)
    person = enrollments.first().user if enrollments else None
    if person is None:
        from django.contrib.auth import get_user_model

        person = get_object_or_404(get_user_model(), pk=user_id)
    return render(
        request,
        "reports/person.html",
        {"organisation": scope.organisation, "person": person, "enrollments": enrollments},
    )


@login_required
def municipal_export(request, organisation_id, file_format):
    _check_format(file_format)
    scope, course_id = _municipal_context(request, organisation_id)
    size = (
        len(municipal.status_table(scope, course_id)) + municipal.gap_list(scope, course_id).count()
    )
    if size > INLINE_EXPORT_ROWS or request.GET.get("bakgrunn"):
        from .tasks import build_export_task

        job = ExportJob.objects.create(
            requested_by=request.user,
            organisation=scope.organisation,
            report="municipal",
            file_format=file_format,
            query=request.GET.urlencode(),
        )
        build_export_task.delay_on_commit(job.pk)
        messages.info(request, _("Eksporten lages. Lenken kommer på denne siden når den er klar."))
        return redirect("reports:export_status", job_id=job.pk)
    content, content_type = municipal_file(scope, course_id, file_format)
    return _download(content, content_type, f"status-{scope.organisation.slug}.{file_format}")


def municipal_filters(scope, course_id):
    from courses.models import CoursePage

    course = CoursePage.objects.filter(pk=course_id).first() if course_id else None
    return [
        (_("Organisasjon"), scope.organisation.name),
        (_("Kurs"), course.title if course else _("Alle kurs")),
        (
            _("Enheter"),
            _("Hele organisasjonen") if scope.whole_organisation else _("Enhetene du leder"),
        ),
    ]


def municipal_file(scope, course_id, file_format, progress=None):
    """(bytes, content type): the municipal dashboard's two tables — status per
    unit and the whole gap list — for `scope` only."""
    status = tables.municipal_table(municipal.status_table(scope, course_id))
    gaps = tables.gap_table(municipal.gap_list(scope, course_id).iterator(chunk_size=2000))
    return exports.render(
        file_format,
        _("Kursstatus – %(org)s") % {"org": scope.organisation.name},
        municipal_filters(scope, course_id),
        [
            (_("Status per enhet"), *status),
            (_("Mangler tildelte kurs"), *gaps),
        ],
        progress,
    )


def build_export(job):
    """Write the job's file (called by the Celery task). The requester's scope
    is worked out again now: one who lost access since asking gets nothing."""
    scope = access.municipal_scope(job.requested_by, job.organisation_id)
    form = MunicipalFilterForm(_query_dict(job.query))
    course_id = form.cleaned_data.get("course") if form.is_valid() else None

    def progress(done, total):
        ExportJob.objects.filter(pk=job.pk).update(progress=min(99, 100 * done // total))

    content, _type = municipal_file(scope, course_id, job.file_format, progress)
    job.file.save(f"status-{job.pk}.{job.file_format}", ContentFile(content), save=False)


def _query_dict(query):
    from django.http import QueryDict

    return QueryDict(query)


def _own_job(request, job_id):
    return get_object_or_404(ExportJob, pk=job_id, requested_by=request.user)


@login_required
def export_status(request, job_id):
    job = _own_job(request, job_id)
    return render(request, "reports/export_status.html", {"job": job})


@login_required
def export_download(request, job_id):
    job = _own_job(request, job_id)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    content_type = (
        "text/csv; charset=utf-8"
        if job.file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    with job.file.open("rb") as f:
        return _download(f.read(), content_type, f"eksport-{job.pk}.{job.file_format}")


class UnitLeaderForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-post til lederen"))
    unit = forms.ModelChoiceField(label=gettext_lazy("Enhet"), queryset=Unit.objects.none())

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["unit"].queryset = Unit.objects.for_organisation(organisation).order_by("name")

    def clean_email(self):
        from tenants.models import Employment

        email = self.cleaned_data["email"].strip().lower()
        employment = (
            Employment.objects.for_organisation(self.organisation)
            .filter(user__email=email, status=Employment.Status.ACTIVE)
            .select_related("user")
            .first()
        )
        if employment is None:
            raise forms.ValidationError(
                _("Finner ingen godkjent ansatt med denne e-postadressen i organisasjonen.")
            )
        return employment.user


@login_required
def unit_leaders(request, organisation_id):
    """The organisation's admins name unit leaders (unit leaders may not)."""
    scope = access.municipal_scope(request.user, organisation_id)
    if not scope.whole_organisation:
        raise Http404
    org = scope.organisation
    form = UnitLeaderForm(request.POST or None, organisation=org)
    if request.method == "POST":
        if "remove" in request.POST:
            UnitLeader.objects.for_organisation(org).filter(pk=request.POST["remove"]).delete()
            messages.success(request, _("Enhetslederen er fjernet."))
            return redirect("reports:unit_leaders", organisation_id=org.pk)
        if form.is_valid():
            UnitLeader.objects.for_organisation(org).get_or_create(
                organisation=org, user=form.cleaned_data["email"], unit=form.cleaned_data["unit"]
            )
            messages.success(request, _("Enhetslederen er lagt til."))
            return redirect("reports:unit_leaders", organisation_id=org.pk)
    leaders = (
        UnitLeader.objects.for_organisation(org)
        .select_related("user", "unit")
        .order_by("unit__name")
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reports/unit_leaders.html",
        {"organisation": org, "form": form, "leaders": leaders},
        status=status,
    )


@login_required
@require_POST
def weekly_email(request):
    access.require_national(request.user)
    wanted = request.POST.get("weekly_email") == "on"
    AnalystSubscription.objects.update_or_create(
        user=request.user, defaults={"weekly_email": wanted}
    )
    messages.success(
        request,
        _("Du får en ukentlig e-post med lenke til dashbordet.")
        if wanted
        else _("Du får ikke lenger ukentlig e-post."),
    )
    return redirect(reverse("reports:national"))


@login_required
def api_token(request):
    access.require_national(request.user)
    secret = None
    if request.method == "POST":
        ApiToken.objects.filter(user=request.user).delete()
        _token, secret = ApiToken.issue(request.user)
    return render(request, "reports/api_token.html", {"secret": secret})
