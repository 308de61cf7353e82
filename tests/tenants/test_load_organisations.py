"""`manage.py load_organisations` and regions."""

from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from tenants.importing import COUNTIES_CSV, MUNICIPALITIES_CSV, RegionError, save_region
from tenants.models import EmailDomain, Organisation

from ..factories.tenants import EmailDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

MUNICIPALITY_LINES = MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
COUNTY_LINES = COUNTIES_CSV.read_text(encoding="utf-8").splitlines()


def load(*args):
    out = StringIO()
    call_command("load_organisations", *args, stdout=out)
    return out.getvalue()


def test_it_loads_every_municipality_county_ks_and_the_example_regions():
    out = load()
    assert "373 created" in out
    kinds = Organisation.objects.values_list("kind", flat=True)
    assert list(kinds).count("municipality") == 357
    assert list(kinds).count("county") == 15
    bergen = Organisation.objects.get(kind="municipality", number="4601")
    assert bergen.name == "Bergen"
    assert bergen.county.name == "Vestland"
    assert bergen.size_class == "large"
    assert bergen.written_form == "neutral"
    assert bergen.website == "https://www.bergen.kommune.no"
    assert list(bergen.email_domains.values_list("domain", flat=True)) == ["bergen.kommune.no"]
    assert bergen.headcount == round(bergen.population * 0.085)
    assert Organisation.objects.get(slug="ks").kind == "national"
    # Names repeat; slugs do not.
    assert set(Organisation.objects.filter(name="Herøy").values_list("slug", flat=True)) == {
        "heroy-1515",
        "heroy-1818",
    }
    assert Organisation.objects.get(number="1867").slug == "bo"
    vesteralen = Organisation.objects.get(slug="vesteraalen")
    assert sorted(vesteralen.members.values_list("number", flat=True)) == [
        "1851",
        "1866",
        "1867",
        "1868",
        "1870",
        "1871",
    ]
    kongsberg = Organisation.objects.get(slug="kongsbergregionen")
    assert set(kongsberg.members.values_list("name", flat=True)) == {
        "Kongsberg",
        "Flesberg",
        "Rollag",
        "Nore og Uvdal",
    }


def test_it_changes_nothing_when_run_again_and_keeps_edited_headcounts():
    load()
    Organisation.objects.filter(number="4601", kind="municipality").update(headcount=17_000)
    counts = Organisation.objects.count(), EmailDomain.objects.count()
    assert "0 created, 0 updated, 373 unchanged" in load()
    assert (Organisation.objects.count(), EmailDomain.objects.count()) == counts
    assert Organisation.objects.get(number="4601", kind="municipality").headcount == 17_000


def write(tmp_path, municipality_lines=MUNICIPALITY_LINES, county_lines=COUNTY_LINES):
    m, c = tmp_path / "kommuner.csv", tmp_path / "fylker.csv"
    m.write_text("\n".join(municipality_lines) + "\n", encoding="utf-8")
    c.write_text("\n".join(county_lines) + "\n", encoding="utf-8")
    return ["--municipalities", str(m), "--counties", str(c)]


def edit(lines, line_number, column, value):
    """Set one field of 1-based `line_number` (line 1 is the header)."""
    lines = list(lines)
    header = lines[0].split(",")
    fields = lines[line_number - 1].split(",")
    fields[header.index(column)] = value
    lines[line_number - 1] = ",".join(fields)
    return lines


def without_column(lines, column):
    index = lines[0].split(",").index(column)
    return [",".join(f for i, f in enumerate(line.split(",")) if i != index) for line in lines]


# Line 4 is 1103 Stavanger, line 5 is 1106 Haugesund (both in county 11).
BAD_MUNICIPALITIES = {
    "missing column": (
        without_column(MUNICIPALITY_LINES, "innbyggere"),
        "kommuner.csv linje 1: mangler kolonne innbyggere",
    ),
    "wrong number format": (
        edit(MUNICIPALITY_LINES, 12, "kommunenummer", "12A4"),
        "kommuner.csv linje 12: kommunenummer «12A4» skal være 4 sifre",
    ),
    "blank name": (edit(MUNICIPALITY_LINES, 5, "navn", ""), "kommuner.csv linje 5: navn mangler"),
    "non-numeric population": (
        edit(MUNICIPALITY_LINES, 6, "innbyggere", "mange"),
        "kommuner.csv linje 6: innbyggere «mange» er ikke et helt tall",
    ),
    "duplicate number": (
        edit(MUNICIPALITY_LINES, 5, "kommunenummer", "1103"),
        "kommuner.csv linje 5: kommunenummer 1103 står også på linje 4",
    ),
    "duplicate email domain": (
        edit(MUNICIPALITY_LINES, 5, "nettsted", "www.stavanger.kommune.no"),
        "kommuner.csv linje 5: e-postdomenet stavanger.kommune.no står også på linje 4",
    ),
    "unknown county": (
        edit(MUNICIPALITY_LINES, 3, "fylkesnummer", "99"),
        "kommuner.csv linje 3: ukjent fylkesnummer «99»",
    ),
    "partial row": (
        [*MUNICIPALITY_LINES[:7], "1111,Sokndal,,11", *MUNICIPALITY_LINES[8:]],
        "kommuner.csv linje 8: har 4 felt, men overskriften har 10",
    ),
}


@pytest.mark.parametrize("case", BAD_MUNICIPALITIES, ids=list(BAD_MUNICIPALITIES))
def test_it_names_the_bad_line_and_writes_nothing(tmp_path, case):
    lines, message = BAD_MUNICIPALITIES[case]
    with pytest.raises(CommandError, match=message):
        load(*write(tmp_path, municipality_lines=lines))
    assert Organisation.objects.count() == 0
    assert EmailDomain.objects.count() == 0


def test_it_names_a_bad_county_line(tmp_path):
    lines = edit(COUNTY_LINES, 3, "navn", "")
    with pytest.raises(CommandError, match="fylker.csv linje 3: navn mangler"):
        load(*write(tmp_path, county_lines=lines))
    assert Organisation.objects.count() == 0


def test_it_writes_nothing_when_a_domain_belongs_to_another_organisation(tmp_path):
    charlie = OrganisationFactory(name="Charlies kommune")
    EmailDomainFactory(organisation=charlie, domain="bergen.kommune.no")
    with pytest.raises(CommandError, match=r"linje \d+: e-postdomenet bergen.kommune.no tilhører"):
        load()
    assert list(Organisation.objects.all()) == [charlie]


def test_it_creates_a_region_once():
    load("--no-regions")
    first = save_region("Midt-Telemark-rådet", ["4020", "4012"])
    again = save_region("Midt-Telemark-rådet", ["4020", "4012"])
    assert first.pk == again.pk
    assert again.members.count() == 2
    assert again.county.name == "Telemark"


def test_it_rejects_a_region_with_an_unknown_municipality():
    load("--no-regions")
    with pytest.raises(RegionError, match="ukjent kommunenummer 9999"):
        save_region("Kongsbergregionen", ["3303", "9999"])
    assert not Organisation.objects.filter(kind="region").exists()
