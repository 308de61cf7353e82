import pytest

from django.urls import reverse

from courses.models import CoursePage, LessonPage

from ..factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def editor_of(organisation, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(organisation.editors_group)
    return user


def use_as_template_url(course):
    return reverse("courses_admin:use_as_template", args=[course.pk])


def assert_refused(response):
    """Wagtail's admin turns PermissionDenied into a redirect with an error message
    (to the dashboard, or to the login page for people without admin access)."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(
            (reverse("wagtailadmin_home"), reverse("account_login"))
        )
        assert "/pages/" not in response["Location"]


def copy_data(course, **extra):
    """What the form sends when the editor keeps the suggested title and address."""
    return {"title": course.title, "slug": course.slug, **extra}


def courses_under(organisation):
    return CoursePage.objects.descendant_of(organisation.root_page)


def test_it_lists_courses_shared_with_the_editors_organisation(client, sector):
    client.force_login(editor_of(sector.sortland))
    response = client.get(reverse("courses_admin:shared"))
    assert response.status_code == 200
    for course in (sector.national, sector.regional):
        assert course.title in response.text
        assert use_as_template_url(course) in response.text
    assert sector.sortland_own.title not in response.text  # already theirs


def test_it_copies_a_shared_course_with_its_lessons_into_the_editors_own_tree(client, sector):
    editor = editor_of(sector.sortland)
    client.force_login(editor)
    assert client.get(use_as_template_url(sector.national)).status_code == 200

    response = client.post(use_as_template_url(sector.national), copy_data(sector.national))

    copy = courses_under(sector.sortland).get(title=sector.national.title)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert copy.get_parent().pk == sector.sortland.root_page.pk
    assert copy.organisation == sector.sortland
    assert copy.sharing == CoursePage.Sharing.OWN
    assert not copy.live
    assert [lesson.title for lesson in LessonPage.objects.child_of(copy)] == [
        "Første leksjon",
        "Andre leksjon",
    ]
    assert copy.get_latest_revision().user == editor
    # The original stays where it was, live and shared with everyone.
    sector.national.refresh_from_db()
    assert sector.national.live and sector.national.sharing == CoursePage.Sharing.EVERYONE
    assert courses_under(sector.ks).count() == 2


def test_it_leaves_unpublished_lessons_with_their_owner(client, sector):
    draft = LessonPage.objects.child_of(sector.national).first()
    draft.unpublish()
    client.force_login(editor_of(sector.sortland))
    client.post(use_as_template_url(sector.national), copy_data(sector.national))
    copy = courses_under(sector.sortland).get(title=sector.national.title)
    titles = [lesson.title for lesson in LessonPage.objects.child_of(copy)]
    assert draft.title not in titles
    assert titles == ["Andre leksjon"]


def test_it_resets_sharing_on_the_copy(client, sector):
    client.force_login(editor_of(sector.sortland))
    client.post(use_as_template_url(sector.regional), copy_data(sector.regional))
    copy = courses_under(sector.sortland).get(title=sector.regional.title)
    assert copy.sharing == CoursePage.Sharing.OWN
    assert list(copy.shared_with_regions.all()) == []
    assert copy not in CoursePage.objects.live()


def test_it_asks_for_title_and_address_and_says_where_the_copy_went(client, sector):
    client.force_login(editor_of(sector.sortland))
    form = client.get(use_as_template_url(sector.national)).context["form"]
    assert form["title"].value() == sector.national.title
    assert form["slug"].value() == sector.national.slug

    response = client.post(
        use_as_template_url(sector.national),
        {"title": "Informasjonssikkerhet i Sortland", "slug": "infosikkerhet"},
        follow=True,
    )
    copy = courses_under(sector.sortland).get(slug="infosikkerhet")
    assert copy.title == "Informasjonssikkerhet i Sortland"
    assert copy.url_path.endswith("/infosikkerhet/")
    assert (
        "«Informasjonssikkerhet i Sortland» er kopiert med 2 leksjoner til kurskatalogen "
        "til Sortland, som utkast på http://sortland." in response.text
    )
    assert reverse("wagtailadmin_explore", args=[copy.pk]) in response.text


def test_it_refuses_an_address_already_in_use(client, sector):
    client.force_login(editor_of(sector.sortland))
    taken = sector.sortland_own.slug
    response = client.post(
        use_as_template_url(sector.national), copy_data(sector.national, slug=taken)
    )
    assert response.status_code == 200
    assert f"Adressen «{taken}» er allerede i bruk hos Sortland. Velg en annen." in (response.text)
    assert not courses_under(sector.sortland).filter(title=sector.national.title).exists()


def test_it_warns_before_copying_the_same_course_twice(client, sector):
    client.force_login(editor_of(sector.sortland))
    client.post(use_as_template_url(sector.national), copy_data(sector.national))
    first = courses_under(sector.sortland).get(title=sector.national.title)

    response = client.get(use_as_template_url(sector.national))
    assert "Sortland har allerede en kopi av dette kurset:" in response.text
    assert reverse("wagtailadmin_pages:edit", args=[first.pk]) in response.text
    assert response.context["form"]["slug"].value() == f"{sector.national.slug}-1"

    second = copy_data(sector.national, slug=f"{sector.national.slug}-1")
    response = client.post(use_as_template_url(sector.national), second)
    assert response.status_code == 200
    assert "Kryss av hvis dere vil ha en kopi til." in response.text
    assert courses_under(sector.sortland).filter(title=sector.national.title).count() == 1

    client.post(use_as_template_url(sector.national), {**second, "again": "on"})
    assert courses_under(sector.sortland).filter(title=sector.national.title).count() == 2


def test_it_never_copies_into_another_organisations_tree(client, sector):
    client.force_login(editor_of(sector.sortland))
    response = client.post(
        use_as_template_url(sector.national), {"organisation": sector.kongsberg.pk}
    )
    assert_refused(response)
    assert not courses_under(sector.kongsberg).exists()
    assert not courses_under(sector.sortland).filter(title=sector.national.title).exists()


def test_it_refuses_an_editor_without_an_organisation(client, sector):
    client.force_login(UserFactory())
    assert_refused(client.post(use_as_template_url(sector.national), copy_data(sector.national)))
    client.force_login(UserFactory(is_staff=True))
    assert_refused(client.get(use_as_template_url(sector.national)))
    assert_refused(client.get(reverse("courses_admin:shared")))
    assert CoursePage.objects.filter(title=sector.national.title).count() == 1


def test_it_refuses_charlies_editor_a_course_not_shared_with_kongsberg(client, sector):
    client.force_login(editor_of(sector.kongsberg))
    for course in (sector.regional, sector.sortland_own):
        assert_refused(client.get(use_as_template_url(course)))
        assert_refused(client.post(use_as_template_url(course)))
    assert not courses_under(sector.kongsberg).exists()
    response = client.get(reverse("courses_admin:shared"))
    assert sector.regional.title not in response.text
    assert sector.sortland_listed.title in response.text


def test_it_offers_the_button_in_the_page_explorer_to_those_who_can_use_it(
    client, sector, django_user_model
):
    admin = UserFactory(is_superuser=True, is_staff=True)
    admin.groups.add(sector.sortland.editors_group)
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_explore", args=[sector.ks.root_page.pk]))
    assert use_as_template_url(sector.national) in response.text
