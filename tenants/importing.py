"""Load Norway's municipalities and counties (Statistisk sentralbyrå's lists).

The whole file is read and checked before anything is written, and everything
is written in one transaction: a bad file changes nothing. Rows are keyed on
kind + number, so a rerun updates in place and never duplicates.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import EmailDomain, Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "kommuner.csv"
COUNTIES_CSV = DATA_DIR / "fylker.csv"

MUNICIPALITY_COLUMNS = [
    "kommunenummer",
    "navn",
    "samisk_navn",
    "fylkesnummer",
    "innbyggere",
    "malform",
    "administrasjonssenter",
    "nettsted",
]
COUNTY_COLUMNS = ["fylkesnummer", "navn", "nettsted"]

WRITTEN_FORMS = {
    "bokmål": Organisation.WrittenForm.BOKMAL,
    "nynorsk": Organisation.WrittenForm.NYNORSK,
    "nøytral": Organisation.WrittenForm.NEUTRAL,
}

# No register gives municipal headcounts per organisation; KS's own statistics
# put municipal employees at roughly 8.5 % of the population. Used only when
# the headcount is empty, and it stays editable.
HEADCOUNT_PER_INHABITANT = 0.085

KS = {"kind": Organisation.Kind.NATIONAL, "slug": "ks", "name": "KS", "host": "www.ks.no"}

DEMO_REGIONS = {
    "Kongsbergregionen": ["3303", "3334", "3336", "3338"],
    "Vesterålen": ["1871", "1867", "1866", "1851", "1868", "1870"],
}

_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
_NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "ae", "Ø": "o", "Å": "aa"})


class OrganisationDataError(ValueError):
    """The data cannot be loaded; `errors` names each problem and its file line."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    domains_created: int = 0
    regions: list = field(default_factory=list)


def size_class_for(population):
    if population is None:
        return ""
    if population < 5_000:
        return Organisation.SizeClass.SMALL
    if population < 20_000:
        return Organisation.SizeClass.MEDIUM
    return Organisation.SizeClass.LARGE


def estimated_headcount(population):
    return round(population * HEADCOUNT_PER_INHABITANT) if population else None


def norwegian_slug(name):
    """'Bø' → 'bo', 'Våler' → 'vaaler', 'Nore og Uvdal' → 'nore-og-uvdal'."""
    return slugify(name.translate(_NORWEGIAN_LETTERS))


def _problem(file, line, message):
    return _("%(file)s linje %(line)s: %(problem)s") % {
        "file": file,
        "line": line,
        "problem": message,
    }


def _read_csv(path, columns, errors):
    """Rows as (line number, {column: stripped value}); problems go to `errors`."""
    path = Path(path)
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip() for h in next(reader, [])]
            if not header:
                errors.append(_problem(name, 1, _("filen er tom.")))
                return []
            missing = [c for c in columns if c not in header]
            if missing:
                errors.append(
                    _problem(
                        name, 1, _("mangler kolonne %(columns)s.") % {"columns": ", ".join(missing)}
                    )
                )
                return []
            rows = []
            for fields in reader:
                if not any(v.strip() for v in fields):
                    continue
                if len(fields) != len(header):
                    errors.append(
                        _problem(
                            name,
                            reader.line_num,
                            _("har %(found)s felt, men overskriften har %(expected)s.")
                            % {"found": len(fields), "expected": len(header)},
                        )
                    )
                    continue
                rows.append(
                    (reader.line_num, dict(zip(header, (v.strip() for v in fields), strict=True)))
                )
            return rows
    except OSError as exc:
        errors.append(_("%(file)s: kan ikke leses (%(reason)s).") % {"file": path, "reason": exc})
    except (UnicodeDecodeError, csv.Error) as exc:
        errors.append(
            _("%(file)s: er ikke en gyldig UTF-8 CSV-fil (%(reason)s).")
            % {"file": name, "reason": exc}
        )
    return []


def _parse_host(value):
    """'www.bergen.kommune.no' (or 'https://…/') → host, or None when unusable."""
    host = re.sub(r"^https?://", "", value.strip().lower()).split("/")[0]
    return host if _HOST_RE.match(host) else None


def _parse_common(name, line, row, number_column, digits, seen_numbers, errors):
    """Checks shared by both files; returns (number, name, host) or None."""
    ok = True
    number = row[number_column]
    if not re.fullmatch(rf"\d{{{digits}}}", number):
        errors.append(
            _problem(
                name,
                line,
                _("%(column)s «%(value)s» skal være %(digits)s sifre.")
                % {"column": number_column, "value": number, "digits": digits},
            )
        )
        ok = False
    elif number in seen_numbers:
        errors.append(
            _problem(
                name,
                line,
                _("%(column)s %(value)s står også på linje %(other)s.")
                % {"column": number_column, "value": number, "other": seen_numbers[number]},
            )
        )
        ok = False
    else:
        seen_numbers[number] = line
    if not row["navn"]:
        errors.append(_problem(name, line, _("navn mangler.")))
        ok = False
    host = None
    if row["nettsted"]:
        host = _parse_host(row["nettsted"])
        if host is None:
            errors.append(
                _problem(
                    name,
                    line,
                    _("nettsted «%(value)s» er ikke et vertsnavn.") % {"value": row["nettsted"]},
                )
            )
            ok = False
    return (number, row["navn"], host) if ok else None


def parse_counties(path, errors):
    name = Path(path).name
    counties, seen = {}, {}
    for line, row in _read_csv(path, COUNTY_COLUMNS, errors):
        parsed = _parse_common(name, line, row, "fylkesnummer", 2, seen, errors)
        if parsed:
            number, county_name, host = parsed
            counties[number] = {"line": line, "name": county_name, "host": host}
    return counties


def parse_municipalities(path, counties, errors):
    name = Path(path).name
    municipalities, seen = {}, {}
    for line, row in _read_csv(path, MUNICIPALITY_COLUMNS, errors):
        parsed = _parse_common(name, line, row, "kommunenummer", 4, seen, errors)
        county_number = row["fylkesnummer"]
        if county_number not in counties:
            errors.append(
                _problem(
                    name, line, _("ukjent fylkesnummer «%(value)s».") % {"value": county_number}
                )
            )
            parsed = None
        elif parsed and not parsed[0].startswith(county_number):
            errors.append(
                _problem(
                    name,
                    line,
                    _("kommunenummer %(number)s hører ikke til fylke %(county)s.")
                    % {"number": parsed[0], "county": county_number},
                )
            )
            parsed = None
        population = None
        if not re.fullmatch(r"\d+", row["innbyggere"].replace(" ", "")):
            errors.append(
                _problem(
                    name,
                    line,
                    _("innbyggere «%(value)s» er ikke et helt tall.")
                    % {"value": row["innbyggere"]},
                )
            )
            parsed = None
        else:
            population = int(row["innbyggere"].replace(" ", ""))
        written_form = WRITTEN_FORMS.get(row["malform"].lower(), None if row["malform"] else "")
        if written_form is None:
            errors.append(
                _problem(
                    name,
                    line,
                    _("målform «%(value)s» er ukjent (bruk Bokmål, Nynorsk eller Nøytral).")
                    % {"value": row["malform"]},
                )
            )
            parsed = None
        if parsed:
            number, municipality_name, host = parsed
            municipalities[number] = {
                "line": line,
                "name": municipality_name,
                "sami_name": row["samisk_navn"],
                "county": county_number,
                "population": population,
                "written_form": written_form,
                "administrative_centre": row["administrasjonssenter"],
                "host": host,
            }
    return municipalities


def _domain(host):
    return host.removeprefix("www.") if host else None


def _check_domains(municipalities, counties, municipalities_file, counties_file, errors):
    """Each e-mail domain belongs to one organisation. A county whose website is
    a municipality's (Oslo is both) gets no domain of its own."""
    owners = {}
    for number, m in municipalities.items():
        domain = _domain(m["host"])
        if not domain:
            continue
        if domain in owners:
            errors.append(
                _problem(
                    municipalities_file,
                    m["line"],
                    _("e-postdomenet %(domain)s står også på linje %(other)s.")
                    % {"domain": domain, "other": owners[domain][1]},
                )
            )
        else:
            owners[domain] = (("municipality", number), m["line"])
        m["domain"] = domain
    county_owners = {}
    for c in counties.values():
        domain = _domain(c["host"])
        c["domain"] = None
        if not domain or domain in owners:
            continue
        if domain in county_owners:
            errors.append(
                _problem(
                    counties_file,
                    c["line"],
                    _("e-postdomenet %(domain)s står også på linje %(other)s.")
                    % {"domain": domain, "other": county_owners[domain]},
                )
            )
        else:
            county_owners[domain] = c["line"]
            c["domain"] = domain


def _assign_slugs(municipalities, counties, slug_owners):
    """Names repeat (Herøy 1515 and 1818): those get their number appended, as
    does a name whose slug another organisation already holds."""
    base = {n: norwegian_slug(m["name"]) for n, m in municipalities.items()}
    counts = Counter(base.values())
    for number, m in municipalities.items():
        slug = base[number]
        others = slug_owners.get(slug, set()) - {(Organisation.Kind.MUNICIPALITY, number)}
        m["slug"] = f"{slug}-{number}" if counts[slug] > 1 or others else slug
    for c in counties.values():
        c["slug"] = f"{norwegian_slug(c['name'])}-fylke"


def _apply(org, values):
    """Set `values` on `org`; True when anything changed."""
    changed = org.pk is None
    for name, value in values.items():
        if getattr(org, name) != value:
            setattr(org, name, value)
            changed = True
    return changed


def load_organisations(
    municipalities_path=MUNICIPALITIES_CSV, counties_path=COUNTIES_CSV, *, regions=True
):
    """Create or update KS, the counties and the municipalities (and, with
    `regions`, the example regions in DEMO_REGIONS) from the two CSV files.

    Idempotent and atomic: keyed on kind + number (KS on its slug); a rerun
    changes only what the files changed. Slugs are set when a row is created and
    never renamed. Headcount is estimated only where it is empty. E-mail domains
    are added, never removed. Raises OrganisationDataError, listing every bad
    line, before anything is written. Works across all organisations.
    """
    errors = []
    counties = parse_counties(counties_path, errors)
    municipalities = (
        parse_municipalities(municipalities_path, counties, errors) if not errors else {}
    )
    if errors:
        raise OrganisationDataError(errors)
    _check_domains(
        municipalities, counties, Path(municipalities_path).name, Path(counties_path).name, errors
    )
    if errors:
        raise OrganisationDataError(errors)

    result = LoadResult()
    with transaction.atomic():
        existing = {
            (o.kind, o.number or o.slug): o
            for o in Organisation.objects.filter(
                kind__in=[
                    Organisation.Kind.NATIONAL,
                    Organisation.Kind.COUNTY,
                    Organisation.Kind.MUNICIPALITY,
                ]
            )
        }
        slug_owners = {}
        for kind, number, slug in Organisation.objects.values_list("kind", "number", "slug"):
            slug_owners.setdefault(slug, set()).add((kind, number))
        _assign_slugs(municipalities, counties, slug_owners)
        domain_owners = dict(EmailDomain.objects.values_list("domain", "organisation_id"))

        def save(kind, key, values, slug, domain, line_ref):
            org = existing.get((kind, key)) or Organisation(kind=kind, slug=slug)
            if org.pk is None and slug in slug_owners:
                errors.append(
                    line_ref + _("kortnavnet «%(slug)s» er allerede i bruk.") % {"slug": slug}
                )
                return org
            if org.headcount is None and values.get("population"):
                values["headcount"] = estimated_headcount(values["population"])
            if _apply(org, values):
                if org.pk is None:
                    result.created += 1
                else:
                    result.updated += 1
                org.save()
            else:
                result.unchanged += 1
            if domain:
                owner = domain_owners.get(domain)
                if owner is None:
                    EmailDomain.objects.create(organisation=org, domain=domain)
                    domain_owners[domain] = org.pk
                    result.domains_created += 1
                elif owner != org.pk:
                    errors.append(
                        line_ref
                        + _("e-postdomenet %(domain)s tilhører allerede en annen organisasjon.")
                        % {"domain": domain}
                    )
            return org

        save(
            KS["kind"],
            KS["slug"],
            {"name": KS["name"], "website": f"https://{KS['host']}"},
            KS["slug"],
            _domain(KS["host"]),
            "KS: ",
        )
        county_orgs = {}
        cfile = Path(counties_path).name
        for number, c in counties.items():
            county_orgs[number] = save(
                Organisation.Kind.COUNTY,
                number,
                {
                    "number": number,
                    "name": c["name"],
                    "website": f"https://{c['host']}" if c["host"] else "",
                },
                c["slug"],
                c["domain"],
                _problem(cfile, c["line"], ""),
            )
        mfile = Path(municipalities_path).name
        for number, m in municipalities.items():
            save(
                Organisation.Kind.MUNICIPALITY,
                number,
                {
                    "number": number,
                    "name": m["name"],
                    "sami_name": m["sami_name"],
                    "county_id": county_orgs[m["county"]].pk,
                    "population": m["population"],
                    "size_class": size_class_for(m["population"]),
                    "written_form": m["written_form"],
                    "administrative_centre": m["administrative_centre"],
                    "website": f"https://{m['host']}" if m["host"] else "",
                },
                m["slug"],
                m["domain"],
                _problem(mfile, m["line"], ""),
            )
        if errors:
            # Conflicts with rows already in the database: leaving the atomic
            # block with an exception undoes this run.
            raise OrganisationDataError(errors)
        if regions:
            result.regions = load_demo_regions()
    return result


class RegionError(ValueError):
    pass


def save_region(name, member_numbers, *, slug=None):
    """Create or update the region `name` with exactly these member municipalities
    (kommunenummer). Keyed on the slug (default: from the name), so safe to run
    twice. Population is the members' sum; headcount is estimated only when empty;
    the county is set when all members share one. Raises RegionError naming any
    number that is not a known municipality; then nothing is written.
    """
    slug = slug or norwegian_slug(name)
    numbers = [str(n) for n in member_numbers]
    members = list(
        Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, number__in=numbers)
    )
    unknown = sorted(set(numbers) - {m.number for m in members})
    if unknown:
        raise RegionError(
            _("%(region)s: ukjent kommunenummer %(numbers)s. Kjør load_organisations først?")
            % {"region": name, "numbers": ", ".join(unknown)}
        )
    with transaction.atomic():
        region = Organisation.objects.filter(slug=slug).first()
        if region is not None and region.kind != Organisation.Kind.REGION:
            raise RegionError(
                _("%(region)s: kortnavnet «%(slug)s» brukes av %(other)s.")
                % {"region": name, "slug": slug, "other": region}
            )
        region = region or Organisation(kind=Organisation.Kind.REGION, slug=slug)
        population = sum(m.population or 0 for m in members) or None
        county_ids = {m.county_id for m in members}
        values = {
            "name": name,
            "population": population,
            "size_class": size_class_for(population),
            "county_id": county_ids.pop() if len(county_ids) == 1 else None,
        }
        if region.headcount is None:
            values["headcount"] = estimated_headcount(population)
        if _apply(region, values):
            region.save()
        if {m.pk for m in region.members.all()} != {m.pk for m in members}:
            region.members.set(members)
    return region


def load_demo_regions():
    """Kongsbergregionen and Vesterålen with their member municipalities. Idempotent."""
    return [save_region(name, numbers) for name, numbers in DEMO_REGIONS.items()]
