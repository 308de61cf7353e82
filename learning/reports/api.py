"""The national figures as JSON for KS's BI tools (django-ninja, OpenAPI at
/api/rapporter/docs). Token-authenticated; suppression applied exactly as on
the dashboard (same report object); aggregates only, never a name."""

import datetime

from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from .access import can_view_national
from .models import ApiToken
from .national import MEASURES, NationalFilterForm, national_report


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is None or not can_view_national(user):
            return None
        return user


api = NinjaAPI(
    title="Kompetanseplattform – opptak",
    version="1",
    urls_namespace="reports_api",
    auth=TokenAuth(),
    description=(
        "Opptak per kommune for KS. Tall om færre enn 5 personer, og tall som "
        "ellers kunne avsløre dem, er null (`hidden: true`)."
    ),
)


class Filters(Schema):
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    topic: int | None = None
    course: int | None = None
    content: str | None = None
    county: int | None = None
    size_class: str | None = None
    region: int | None = None
    written_form: str | None = None


class Count(Schema):
    value: float | None
    hidden: bool


class Municipality(Schema):
    number: str
    name: str
    county: str
    headcount: int
    assigned: Count
    enrolled: Count
    started: Count
    completed: Count
    passed: Count
    completion_rate_percent: Count


class Month(Schema):
    month: datetime.date
    assigned: Count
    enrolled: Count
    started: Count
    completed: Count
    passed: Count


class Report(Schema):
    refreshed_at: datetime.datetime | None
    period_start: datetime.date
    period_end: datetime.date
    municipalities: list[Municipality]
    trend: list[Month]


def _count(figure):
    return {"value": figure.value, "hidden": figure.hidden}


@api.get("/uptake", response=Report, summary="Opptak per kommune, med trend")
def uptake(request, filters: Query[Filters]):
    data = {k: v for k, v in filters.dict().items() if v is not None}
    form = NationalFilterForm(data)
    if not form.is_valid():
        raise HttpError(
            400,
            "Ugyldige filtre: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()),
        )
    report = national_report(form)
    return {
        "refreshed_at": report.refreshed_at,
        "period_start": report.period[0],
        "period_end": report.period[1],
        "municipalities": [
            {
                "number": r.number,
                "name": r.name,
                "county": r.county,
                "headcount": r.headcount,
                **{m: _count(r.counts[m]) for m in MEASURES},
                "completion_rate_percent": _count(r.rate),
            }
            for r in report.rows
        ],
        "trend": [
            {"month": month, **{m: _count(f[m]) for m in MEASURES}} for month, f in report.trend
        ],
    }
