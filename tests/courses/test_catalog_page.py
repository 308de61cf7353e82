import pytest

from courses.models import CoursePage

from .conftest import page_address, visit

pytestmark = pytest.mark.django_db


def course_titles(response):
    return sorted(course.title for course in response.context["courses"])


def test_it_lists_own_and_shared_courses_for_an_employee(client, sector):
    client.force_login(sector.alice)
    response = visit(client, sector.sortland.root_page)
    assert response.status_code == 200
    assert course_titles(response) == sorted(
        [
            "Informasjonssikkerhet i hverdagen",
            "SvarUT for saksbehandlere",
            "Felles journalføring i Vesterålen",
            "Velkommen til Sortland kommune",
            "Brannvern på sykehjem",
        ]
    )


def test_it_lists_only_courses_for_everyone_to_an_anonymous_visitor(client, sector):
    response = visit(client, sector.sortland.root_page)
    assert response.status_code == 200
    assert course_titles(response) == [
        "Informasjonssikkerhet i hverdagen",
        "SvarUT for saksbehandlere",
    ]
    assert "Velkommen til Sortland kommune" not in response.text
    assert "Brannvern" not in response.text


def test_it_finds_no_own_course_for_an_anonymous_search(client, sector):
    path, host = page_address(sector.sortland.root_page)
    response = client.get(path, {"q": "Sortland"}, headers={"host": host})
    assert course_titles(response) == []
    assert "Velkommen til Sortland kommune" not in response.text


def test_it_links_shared_courses_under_its_own_address_canonical_at_the_owners(client, sector):
    response = visit(client, sector.sortland.root_page)
    shared = f"/delt/ks/{sector.national.slug}/"
    assert f'href="{shared}"' in response.text
    path, host = page_address(sector.sortland.root_page)
    course = client.get(shared, headers={"host": host})
    assert f'<link rel="canonical" href="{sector.national.get_full_url()}">' in course.text
    # Linked, not copied: KS's course has no copy under Sortland.
    assert not sector.sortland.root_page.get_descendants().filter(title=sector.national.title)


def test_it_shows_a_signed_in_learner_their_employers_catalogue_on_any_site(client, sector):
    client.force_login(sector.charlie)
    response = visit(client, sector.sortland.root_page)
    assert course_titles(response) == sorted(
        ["Informasjonssikkerhet i hverdagen", "SvarUT for saksbehandlere", "Brannvern på sykehjem"]
    )
    assert "Velkommen til Sortland kommune" not in response.text
    assert "Felles journalføring" not in response.text


def test_it_filters_by_topic(client, sector):
    path, host = page_address(sector.ks.root_page)
    response = client.get(path, {"tema": "svarut"}, headers={"host": host})
    assert course_titles(response) == ["SvarUT for saksbehandlere"]
    assert "1 kurs funnet" in response.text


def test_it_finds_courses_by_words_in_title_and_summary(client, sector):
    client.force_login(sector.charlie)
    path, host = page_address(sector.sortland.root_page)
    response = client.get(path, {"q": "passord"}, headers={"host": host})
    assert course_titles(response) == ["Informasjonssikkerhet i hverdagen"]
    response = client.get(path, {"q": "brannvern"}, headers={"host": host})
    assert course_titles(response) == ["Brannvern på sykehjem"]


def test_it_never_finds_courses_that_are_not_shared_with_the_learner(client, sector):
    client.force_login(sector.charlie)
    path, host = page_address(sector.kongsberg.root_page)
    response = client.get(path, {"q": "Sortland"}, headers={"host": host})
    assert course_titles(response) == []
    assert "Vi fant ingen kurs" in response.text


def test_it_combines_search_and_topic(client, sector):
    path, host = page_address(sector.ks.root_page)
    response = client.get(
        path, {"q": "SvarUT", "tema": "informasjonssikkerhet"}, headers={"host": host}
    )
    assert course_titles(response) == []


def test_it_says_so_when_the_topic_is_unknown(client, sector):
    path, host = page_address(sector.ks.root_page)
    response = client.get(path, {"tema": "finnes-ikke"}, headers={"host": host})
    assert response.status_code == 200
    assert course_titles(response) == []


def test_it_finds_part_of_a_compound_word(client, sector):
    path, host = page_address(sector.sortland.root_page)
    response = client.get(path, {"q": "sikkerhet"}, headers={"host": host})
    assert course_titles(response) == ["Informasjonssikkerhet i hverdagen"]


def test_it_searches_a_stray_quote_instead_of_failing(client, sector):
    path, host = page_address(sector.sortland.root_page)
    response = client.get(path, {"q": '"hverdagen'}, headers={"host": host})
    assert response.status_code == 200
    assert "Vi fant ingen kurs" in response.text or course_titles(response) == [
        "Informasjonssikkerhet i hverdagen"
    ]


def test_it_marks_a_nynorsk_course_so_screen_readers_switch_voice(client, sector):
    CoursePage.objects.filter(pk=sector.national.pk).update(language="nn")
    path, host = page_address(sector.sortland.root_page)
    html = client.get(path, headers={"host": host}).text
    assert '<h3 class="course-card__title" lang="nn"><a href="' in html
    assert '<html lang="nb">' in html


def test_it_does_not_call_a_visitor_to_ks_an_employee_of_ks(client, sector):
    html = visit(client, sector.ks.root_page).text
    assert "Kurs for ansatte i KS" not in html
    assert "for å se kursene arbeidsgiveren din gir deg" in html


def test_it_names_the_employer_once_on_their_own_site(client, sector):
    client.force_login(sector.alice)
    html = visit(client, sector.sortland.root_page).text
    header = html.split("<header")[1].split("</header>")[0]
    assert header.count("Sortland") == 1  # the site's name, not "Sortland Sortland"
    assert "Kurs for ansatte i Sortland" in html


def test_it_names_the_employer_in_the_header_on_another_organisations_site(client, sector):
    client.force_login(sector.alice)
    html = visit(client, sector.ks.root_page).text
    assert '<span class="site-header__org">Ansatt i Sortland</span>' in html
    assert "Kurs for ansatte i Sortland" in html
