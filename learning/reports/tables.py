"""The tables each dashboard shows, as (headers, rows) of plain text: the
templates and the CSV/XLSX exports use the same function, so a file holds
exactly what the screen shows."""

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from .national import MEASURE_LABELS, MEASURES


def national_table(report):
    headers = [
        _("Kommunenummer"),
        _("Kommune"),
        _("Fylke"),
        _("Størrelse"),
        _("Ansatte"),
        *[str(MEASURE_LABELS[m]) for m in MEASURES],
        _("Andel fullført av ansatte"),
        _("Fylkets andel"),
        _("Størrelsesklassens andel"),
    ]
    rows = [
        [
            r.number,
            r.name,
            r.county,
            r.size_class,
            str(r.headcount),
            *[str(r.counts[m]) for m in MEASURES],
            str(r.rate),
            str(r.county_rate),
            str(r.size_rate),
        ]
        for r in report.rows
    ]
    return headers, rows


def trend_table(report):
    headers = [_("Måned"), *[str(MEASURE_LABELS[m]) for m in MEASURES]]
    rows = [[f"{month:%m.%Y}", *[str(f[m]) for m in MEASURES]] for month, f in report.trend]
    return headers, rows


def municipal_table(status_rows):
    headers = [
        _("Enhet"),
        _("Stilling"),
        _("Kurs"),
        _("Fullført"),
        _("Påbegynt"),
        _("Ikke startet"),
    ]
    rows = [
        [
            r["unit__name"] or _("Uten enhet"),
            r["job_role__name"] or _("Uten stilling"),
            r["course__title"],
            str(r["completed_n"]),
            str(r["in_progress_n"]),
            str(r["not_started_n"]),
        ]
        for r in status_rows
    ]
    return headers, rows


def gap_table(gaps):
    """The gap list (municipal.gap_list): who has an assigned course not yet
    completed, overdue first. Names and e-mail: municipal reports only."""
    headers = [_("Person"), _("E-post"), _("Enhet"), _("Kurs"), _("Status"), _("Frist")]
    rows = []
    for e in gaps:
        due = "–"
        if e.due_date:
            due = format_date(e.due_date, "j.n.Y")
            if e.overdue == 0:
                due += " (" + _("forfalt") + ")"
        rows.append(
            [
                e.user.get_full_name() or e.user.email,
                e.user.email,
                e.unit.name if e.unit else "–",
                e.course.title,
                e.get_status_display(),
                due,
            ]
        )
    return headers, rows
