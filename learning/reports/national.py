"""The KS national report: uptake per municipality, from rollups, suppressed.

`national_report(filters)` returns everything the dashboard, the map, the
exports and the API show for the same filters, with the suppression decided
once for all of them (suppression.py), so no view gives away what another hides.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Topic
from tenants.models import Organisation

from . import caching, rollups
from .models import CourseDayRollup
from .suppression import suppress_with_trend

MEASURES = ("assigned", "enrolled", "started", "completed", "passed")
MEASURE_LABELS = {
    "assigned": _("Tildelt"),
    "enrolled": _("Påmeldte"),
    "started": _("Startet"),
    "completed": _("Fullført"),
    "passed": _("Bestått"),
}
# A measure counting a subset of another's people hides what that one hides
# (suppression.suppress_with_trend's `within`); the outer one comes first.
NESTED_IN = {"assigned": "enrolled", "passed": "completed"}
HIDDEN = _("færre enn 5")


class NationalFilterForm(forms.Form):
    """The KS dashboard's filters. Every field is optional; bad input is a
    form error in Norwegian, never a 500."""

    CONTENT_CHOICES = [("", _("Alt innhold")), ("national", _("Nasjonalt")), ("local", _("Lokalt"))]

    date_from = forms.DateField(label=_("Fra dato"), required=False)
    date_to = forms.DateField(label=_("Til dato"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Tema"), queryset=Topic.objects.all(), required=False, empty_label=_("Alle temaer")
    )
    course = forms.ModelChoiceField(
        label=_("Kurs"),
        queryset=CoursePage.objects.live().order_by("title"),
        required=False,
        empty_label=_("Alle kurs"),
    )
    content = forms.ChoiceField(label=_("Innhold"), choices=CONTENT_CHOICES, required=False)
    county = forms.ModelChoiceField(
        label=_("Fylke"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COUNTY),
        required=False,
        empty_label=_("Alle fylker"),
    )
    size_class = forms.ChoiceField(
        label=_("Størrelse"),
        choices=[("", _("Alle størrelser")), *Organisation.SizeClass.choices],
        required=False,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.REGION),
        required=False,
        empty_label=_("Alle regioner"),
    )
    written_form = forms.ChoiceField(
        label=_("Målform"),
        choices=[("", _("Alle målformer")), *Organisation.WrittenForm.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("Fra-datoen må være før til-datoen."))
        return data

    def period(self):
        today = timezone.localdate()
        end = self.cleaned_data.get("date_to") or today
        start = self.cleaned_data.get("date_from") or (end - datetime.timedelta(days=365))
        return start, end

    def describe(self):
        """(label, value) for every filter, for the exported file."""
        start, end = self.period()
        rows = [(str(_("Periode")), f"{start:%d.%m.%Y}–{end:%d.%m.%Y}")]
        for name in ("topic", "course", "content", "county", "size_class", "region"):
            rows.append((str(self.fields[name].label), self._display(name)))
        rows.append((str(self.fields["written_form"].label), self._display("written_form")))
        return rows

    def _display(self, name):
        value = self.cleaned_data.get(name)
        field_ = self.fields[name]
        if not value:
            return str(
                field_.empty_label if hasattr(field_, "empty_label") else field_.choices[0][1]
            )
        if hasattr(field_, "choices") and not hasattr(field_, "queryset"):
            return str(dict(field_.choices).get(value, value))
        return str(value)

    def cache_key(self):
        start, end = self.period()
        parts = [start.isoformat(), end.isoformat()]
        for name in ("topic", "course", "county", "region"):
            value = self.cleaned_data.get(name)
            parts.append(str(value.pk) if value else "")
        for name in ("content", "size_class", "written_form"):
            parts.append(self.cleaned_data.get(name) or "")
        return ":".join(parts)


@dataclass
class Figure:
    """A count or a rate that may be hidden."""

    value: float | int | None

    @property
    def hidden(self):
        return self.value is None

    def __str__(self):
        if self.value is None:
            return str(HIDDEN)
        if isinstance(self.value, float):
            return f"{self.value:.1f}".replace(".", ",") + " %"
        return f"{self.value:,}".replace(",", " ")


@dataclass
class Row:
    organisation_id: int
    number: str
    name: str
    county: str
    size_class: str
    headcount: int
    counts: dict = field(default_factory=dict)  # measure → Figure
    rate: Figure = None
    county_rate: Figure = None
    size_rate: Figure = None


@dataclass
class NationalReport:
    filters: list
    period: tuple
    rows: list
    totals: dict  # "national"/"filter" → {measure: Figure, "rate": Figure}
    trend: list  # (month, {measure: Figure})
    refreshed_at: datetime.datetime | None
    max_rate: float = 0.0


def _rollups(form):
    """The rollup rows in the filters' period and courses. The courses are
    chosen first (a few rows), so the scan of the rollup joins nothing."""
    start, end = form.period()
    rows = CourseDayRollup.objects.unscoped().filter(day__gte=start, day__lte=end)
    data = form.cleaned_data
    courses = CoursePage.objects.all()
    if data.get("course"):
        courses = courses.filter(pk=data["course"].pk)
    if data.get("topic"):
        courses = courses.filter(topic_id=data["topic"].pk)
    if data.get("content") == "national":
        courses = courses.filter(organisation__kind=Organisation.Kind.NATIONAL)
    elif data.get("content") == "local":
        courses = courses.exclude(organisation__kind=Organisation.Kind.NATIONAL)
    if data.get("course") or data.get("topic") or data.get("content"):
        rows = rows.filter(course_id__in=list(courses.values_list("pk", flat=True)))
    return rows


def _in_filter(org, form, region_members):
    data = form.cleaned_data
    if data.get("county") and org.county_id != data["county"].pk:
        return False
    if data.get("size_class") and org.size_class != data["size_class"]:
        return False
    if data.get("written_form") and org.written_form != data["written_form"]:
        return False
    return not (region_members is not None and org.pk not in region_members)


def _rate(count, headcount):
    if count is None or not headcount:
        return None
    return round(100.0 * count / headcount, 1)


def national_report(form):
    """Build (or read from cache) the report for a valid NationalFilterForm,
    kept until any organisation's rollups are refreshed (caching.py)."""
    key = f"reports:national:v3:{caching.version()}:{form.cache_key()}"
    return caching.kept(key, lambda: _build(form, rollups.refreshed_at()))


def _build(form, refreshed):
    municipalities = list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
        .select_related("county")
        .order_by("name")
    )
    region = form.cleaned_data.get("region")
    region_members = set(region.members.values_list("pk", flat=True)) if region else None
    shown = [o for o in municipalities if _in_filter(o, form, region_members)]
    shown_ids = {o.pk for o in shown}

    base = _rollups(form)
    per_org = {
        r["organisation_id"]: r
        for r in base.values("organisation_id").annotate(**{m: Sum(m) for m in MEASURES}).order_by()
    }
    # The trend per day, added up into months here: grouping by a column is
    # cheaper for PostgreSQL than by a month worked out from every row.
    by_month = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
    for r in (
        base.filter(organisation_id__in=shown_ids)
        .values("day")
        .annotate(**{m: Sum(m) for m in MEASURES})
        .order_by()
    ):
        month = by_month[r["day"].replace(day=1)]
        for m in MEASURES:
            month[m] += r[m] or 0
    months = dict(sorted(by_month.items()))

    sums = {"national": [o.pk for o in municipalities]}
    for org in municipalities:
        if org.county_id:
            sums.setdefault(f"county:{org.county_id}", []).append(org.pk)
        if org.size_class:
            sums.setdefault(f"size:{org.size_class}", []).append(org.pk)
    total = "national"
    if shown_ids != set(sums["national"]):
        total = "filter"
        sums["filter"] = sorted(shown_ids)

    hidden = {}
    outer_first = sorted(MEASURES, key=lambda m: m in NESTED_IN)
    for measure in outer_first:
        cells = {o.pk: (per_org.get(o.pk) or {}).get(measure) or 0 for o in municipalities}
        periods = {m: (r[measure] or 0) for m, r in months.items()}
        outer = hidden.get(NESTED_IN.get(measure))
        within = (outer[1], outer[3]) if outer else None
        table, trend = suppress_with_trend(cells, sums, total, periods, within)
        hidden[measure] = (cells, table, periods, trend)

    def figure(measure, key):
        cells, table, _, _ = hidden[measure]
        return Figure(None if key in table.cells else cells[key])

    def sum_figure(measure, name):
        cells, table, _, _ = hidden[measure]
        if name in table.sums or name not in sums:
            return Figure(None)
        return Figure(sum(cells[k] for k in sums[name]))

    headcounts = {o.pk: o.headcount or 0 for o in municipalities}

    def sum_rate(name):
        count = sum_figure("completed", name).value
        return Figure(_rate(count, sum(headcounts[k] for k in sums.get(name, []))))

    rows = []
    for org in shown:
        row = Row(
            organisation_id=org.pk,
            number=org.number,
            name=org.name,
            county=org.county.name if org.county else "",
            size_class=org.get_size_class_display(),
            headcount=org.headcount or 0,
            counts={m: figure(m, org.pk) for m in MEASURES},
            county_rate=sum_rate(f"county:{org.county_id}"),
            size_rate=sum_rate(f"size:{org.size_class}"),
        )
        row.rate = Figure(_rate(row.counts["completed"].value, org.headcount))
        rows.append(row)

    totals = {}
    for name in {"national", total}:
        totals[name] = {m: sum_figure(m, name) for m in MEASURES}
        totals[name]["rate"] = sum_rate(name)
    trend = []
    for month in months:
        trend.append(
            (
                month,
                {
                    m: Figure(None if month in hidden[m][3].cells else hidden[m][2][month])
                    for m in MEASURES
                },
            )
        )
    rates = [r.rate.value for r in rows if r.rate.value is not None]
    return NationalReport(
        filters=form.describe(),
        period=form.period(),
        rows=rows,
        totals=totals,
        trend=trend,
        refreshed_at=refreshed,
        max_rate=max(rates, default=0.0),
    )
