"""Walk the whole admin as Alfavik's editor and admin, with Betafjord's ids.

Every URL pattern under /admin/ comes from Django's resolver, so an admin view
added later is walked without anyone adding it here. Each id-shaped parameter
is filled with Betafjord's rows of the kind the URL is about (pages, images,
documents, media, snippets, users, groups, workflows, tasks, collections, …);
each URL is requested with GET, with GET and a query naming Betafjord's ids
and words, and with POST and a form naming Betafjord's rows. No response may
show a Betafjord marker (titles, file names, tags, people), and no row of
Betafjord's may change. Run with `-s` to see the figures.

Topic (the one tenant-neutral snippet) is national: its ids are everyone's.
"""

import itertools
import logging
import re
import time

import pytest

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from taggit.models import TaggedItem
from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)
from wagtailmedia.models import Media

from courses.models import LessonPage, Topic
from learning.accounts.models import User
from learning.privacy.legal import legal_text
from learning.privacy.models import LegalText
from learning.tracking.models import Enrollment, ResetLog
from tenants.models import Employment, IdentityProvider, Organisation

from ..factories.accounts import UserFactory
from ..factories.tenants import IdentityProviderFactory
from .helpers import TwoMunicipalitiesTestCase

# Strings that only Betafjord's rows contain (compared case-insensitively).
MARKERS = [
    "Betafjord-kurs i sakbehandling",  # a draft course
    "Betafjord-leksjon",  # a live lesson
    "Betafjord-logo",  # an image
    "Betafjord personalhandbok",  # a document
    "handbok",  # its file (storage may add a suffix to a name, never change the stem)
    "betafjord-teksting",  # a captions file
    "Betafjord velkomstfilm",  # a video
    "Betafjord-intervju",  # another video, and (any case) its file
    "betafjordtagg",  # a tag
    "Betafjordsen",  # Charlie, Betafjord's admin
    "charlie@betafjord",
    "Betafjordsdatter",  # Dagny, Betafjord's editor, awaiting approval
    "dagny@betafjord",
    "betafjord-gammel",  # a redirect
    "betafjord-opplasting",  # an upload not yet made into an image
    "Betafjord-innlogging",  # an identity provider
    "idp.betafjord.example",  # its issuer
    "betafjord-klient",  # its client id
]

# Route (as the resolver spells it) -> why it is not walked.
EXEMPT = {
    "admin/logout/": "ends the session the walk runs in; takes no id",
    "admin/failwhale/": "raises on purpose so error reporting can be tested; takes no id",
    "admin/^.*/$": "the catch-all 404 for unknown admin URLs; has no view of its own",
}

# Route -> why it is walked with GET only.
EXEMPT_POST = {
    "admin/choose-external-link/": (
        "Wagtail 8.0's link form raises AttributeError (a 500) when its URL field is "
        "missing, as in the walk's generic form; it takes no id and stores nothing"
    ),
}

WORDS = "Betafjord"
# Signing in (the walk does, as A's people) sets last_login; nothing else may change.
PERSON_FIELDS = ["pk", "email", "password", "first_name", "last_name", "is_active", "is_superuser"]


def admin_routes():
    """(route, [(fragment, is_regex)], pattern) for every URL under /admin/."""

    def walk(patterns, fragments):
        for pattern in patterns:
            regex = isinstance(pattern.pattern, RegexPattern)
            text = str(pattern.pattern)
            here = [*fragments, (text, regex)]
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, here)
            else:
                yield "".join(t for t, _ in here), here, pattern

    for route, fragments, pattern in walk(get_resolver().url_patterns, []):
        if route.startswith("admin/"):
            yield route, fragments, pattern


ROUTE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
REGEX_PARAM = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def params_of(fragments):
    names = []
    for text, regex in fragments:
        names += (REGEX_PARAM if regex else ROUTE_PARAM).findall(text)
    return names


def build_path(fragments, values):
    """The URL path for `values`, or None when a fragment is not a plain path."""
    path = ""
    for text, regex in fragments:
        if regex:
            text = REGEX_PARAM.sub(lambda m: values[m.group(1)], text)
            text = text.lstrip("^").replace(r"\Z", "").rstrip("$").replace(r"\.", ".")
            if re.search(r"[\\()\[\]*+?|^$]", text):
                return None
        else:
            text = ROUTE_PARAM.sub(lambda m: values[m.group(1)], text)
        path += text
    return "/" + path


@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
)
class AdminWalkTests(TwoMunicipalitiesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        beta = cls.beta
        cls.charlie.last_name = "Betafjordsen"
        cls.charlie.save()
        cls.dagny = UserFactory(
            email="dagny@betafjord.kommune.no", first_name="Dagny", last_name="Betafjordsdatter"
        )
        cls.dagny.groups.add(beta.editors_group)
        cls.employment = Employment.objects.create(
            user=cls.dagny, organisation=beta, status=Employment.Status.PENDING
        )
        cls.interview = Media.objects.create(
            title="Betafjord-intervju",
            file=ContentFile(b"\x00" * 16, name="betafjord-intervju.mp4"),
            type="video",
            collection=beta.collection,
        )
        cls.captions = Document.objects.create(
            title="Teksting",
            file=ContentFile(b"WEBVTT\n", name="betafjord-teksting.vtt"),
            collection=beta.collection,
        )
        cls.beta_image.tags.add("betafjordtagg")
        cls.beta_document.tags.add("betafjordtagg")
        cls.beta_lesson = cls.beta_course.add_child(
            instance=LessonPage(
                title="Betafjord-leksjon om taushetsplikt",
                slug="taushet",
                owner=cls.charlie,
                body=[
                    (
                        "image",
                        {"image": cls.beta_image, "alt_text": "Logo", "caption": ""},
                    ),
                    (
                        "video",
                        {
                            "video": cls.interview,
                            "captions": cls.captions,
                            "captions_language": "nb",
                            "transcript": "",
                        },
                    ),
                    ("document", {"document": cls.beta_document, "title": ""}),
                ],
            )
        )
        cls.beta_revision = cls.beta_course.save_revision(user=cls.charlie)
        cls.beta_lesson.save_revision(user=cls.charlie)
        Page.objects.filter(pk=cls.beta_course.pk).update(
            owner=cls.charlie, locked=True, locked_by=cls.charlie, locked_at=timezone.now()
        )
        log(instance=cls.beta_course, action="wagtail.edit", user=cls.charlie)
        cls.beta_workflow = Workflow.objects.get(workflow_pages__page=beta.root_page)
        cls.beta_task = cls.beta_workflow.tasks.first()
        cls.beta_workflow_state = cls.beta_workflow.start(cls.beta_course, cls.charlie)
        cls.beta_task_state = TaskState.objects.get(workflow_state=cls.beta_workflow_state)
        cls.beta_upload = UploadedFile.objects.create(
            file=ContentFile(b"x", name="betafjord-opplasting.png"),
            for_content_type=ContentType.objects.get_for_model(Image),
            uploaded_by_user=cls.charlie,
        )
        cls.beta_redirect = Redirect.objects.create(
            old_path="/betafjord-gammel", site=beta.site, redirect_link="https://example.org/"
        )
        cls.beta_session = EditingSession.objects.create(
            user=cls.charlie,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(cls.beta_course.pk),
            last_seen_at=timezone.now(),
        )
        cls.beta_idp = IdentityProviderFactory(
            organisation=beta,
            name="Betafjord-innlogging",
            slug="betafjord-sso",
            issuer="https://idp.betafjord.example/",
            client_id="betafjord-klient",
        )
        cls.topic = Topic.objects.create(name="Nasjonalt tema", slug="nasjonalt")
        cls.legal = legal_text(LegalText.Kind.PRIVACY)  # KS's, edited by KS only
        cls.beta_enrollment = Enrollment.objects.create(
            user=cls.dagny,
            course=cls.beta_course,
            organisation=beta,
            status=Enrollment.Status.COMPLETED,
            completed_at=timezone.now(),
        )

    # --- what is filled in --------------------------------------------------

    def values_for(self, name, route):
        """Betafjord's values for URL parameter `name` in `route`."""
        beta, pages = self.beta, [self.beta_course.pk, self.beta_lesson.pk]
        by_name = {
            "parent_page_id": [beta.root_page_id, self.beta_course.pk],
            "page_id": pages,
            "page_to_move_id": pages,
            "destination_id": [beta.root_page_id],
            "page_pk": [self.beta_course.pk],
            "workflow_pk": [self.beta_workflow.pk],
            "image_id": [self.beta_image.pk],
            "document_id": [self.beta_document.pk, self.captions.pk],
            "doc_id": [self.beta_document.pk],
            "media_id": [self.beta_media.pk, self.interview.pk],
            "media_type": ["video"],
            "collection_id": [beta.collection_id],
            "revision_id": [self.beta_revision.pk],
            "revision_id_a": ["earliest"],
            "revision_id_b": [str(self.beta_revision.pk)],
            "task_id": [self.beta_task.pk],
            "task_state_id": [self.beta_task_state.pk],
            "workflow_state_id": [self.beta_workflow_state.pk],
            "uploaded_file_id": [self.beta_upload.pk],
            "redirect_id": [self.beta_redirect.pk],
            "session_id": [self.beta_session.pk],
            "object_id": [self.beta_course.pk],
            "filter_spec": ["original"],
            "action_name": ["approve"],
            "action": ["delete"],
            "uidb64": ["Mg"],
            "token": ["set-password"],
            "content_type_app_name": ["courses"],
            "content_type_model_name": ["lessonpage"],
        }
        if name in by_name:
            return by_name[name]
        if name in ("app_label", "app_name", "model_name"):
            return None  # filled in pairs by model_pairs()
        if name == "pk":
            for prefix, values in [
                ("admin/api/main/^pages/", pages),
                ("admin/api/main/^images/", [self.beta_image.pk]),
                ("admin/api/main/^documents/", [self.beta_document.pk]),
                ("admin/pages/", pages),
                ("admin/collections/", [beta.collection_id]),
                ("admin/workflows/tasks/", [self.beta_task.pk]),
                ("admin/workflows/", [self.beta_workflow.pk]),
                ("admin/organisasjoner/", [beta.pk]),
                ("admin/ansatte/", [self.employment.pk]),
                ("admin/innlogging/", [self.beta_idp.pk]),
                ("admin/deltakelser/", [self.beta_enrollment.pk]),
                ("admin/snippets/tenants/organisation/", [beta.pk]),
                ("admin/snippets/choose/tenants/organisation/", [beta.pk]),
                ("admin/snippets/courses/topic/", [self.topic.pk]),
                ("admin/snippets/privacy/legaltext/", [self.legal.pk]),
                ("admin/snippets/choose/privacy/legaltext/", [self.legal.pk]),
                ("admin/snippets/choose/courses/topic/", [self.topic.pk]),
                ("admin/sites/", [beta.site_id]),
                ("admin/users/", [self.charlie.pk, self.dagny.pk]),
                ("admin/groups/", [beta.editors_group_id, beta.admins_group_id]),
                ("admin/images/", [self.beta_image.pk]),
                ("admin/documents/", [self.beta_document.pk]),
                ("admin/settings/", [beta.site_id]),
            ]:
                if route.startswith(prefix):
                    return values
        raise AssertionError(f"The walk does not know what to put in <{name}> of {route}")

    def model_pairs(self, route):
        """(app_label, model_name) values for routes that name a model."""
        if route.startswith("admin/bulk/"):
            bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")  # loads them
            return [
                (app, model)
                for app, models in bulk_action_registry.actions.items()
                for model in models
            ]
        if route.startswith("admin/pages/create/"):
            return [("courses", "lessonpage")]
        if route.startswith("admin/workflows/tasks/add/"):
            return [("wagtailcore", "groupapprovaltask")]
        if route.startswith("admin/editing-sessions/"):
            return [("wagtailcore", "page")]
        return [("wagtailimages", "image"), ("wagtaildocs", "document")]

    def concrete_paths(self, route, fragments):
        names = params_of(fragments)
        model_names = [n for n in names if n in ("app_label", "app_name", "model_name")]
        pairs = self.model_pairs(route) if model_names else [None]
        others = [n for n in names if n not in model_names]
        choices = [[str(v) for v in self.values_for(n, route)] for n in others]
        for pair in pairs:
            for combo in itertools.product(*choices):
                values = dict(zip(others, combo, strict=True))
                if pair:
                    values.update(dict(zip(model_names, pair, strict=False)))
                    if route.startswith("admin/bulk/"):
                        actions = bulk_action_registry.actions[pair[0]][pair[1]]
                        for action in actions:
                            yield build_path(fragments, {**values, "action": action}), pair
                        continue
                yield build_path(fragments, values), pair

    def query_for(self, route, pair):
        """A query naming Betafjord's ids and words, for the views that read one."""
        if route.startswith("admin/api/"):
            return {"search": WORDS}
        ids = {
            ("wagtailimages", "image"): [self.beta_image.pk],
            ("wagtaildocs", "document"): [self.beta_document.pk],
            ("wagtailmedia", "media"): [self.beta_media.pk],
            ("wagtailcore", "page"): [self.beta_course.pk, self.beta_lesson.pk],
        }.get(pair, [self.beta_course.pk, self.beta_lesson.pk])
        if "images/" in route:
            ids = [self.beta_image.pk]
        elif "documents/" in route:
            ids = [self.beta_document.pk]
        query = {"q": WORDS, "term": "betafjord", "id": ids}
        if pair == ("wagtailcore", "page"):
            query.update(id="all", childOf=self.beta.root_page_id)
        return query

    def form_for(self):
        """A POST body naming Betafjord's rows wherever a form takes an id."""
        beta = self.beta
        return {
            "title": "Kapret av Alfavik",
            "slug": "kapret",
            "name": "Kapret av Alfavik",
            "email": "kapret@alfavik.kommune.no",
            "first_name": "Kapret",
            "last_name": "Kapret",
            "summary": "Kapret.",
            "collection": beta.collection_id,
            "parent": beta.collection_id,
            "new_parent_page": beta.root_page_id,
            "page": self.beta_course.pk,
            "image": self.beta_image.pk,
            "document": self.beta_document.pk,
            "media": self.beta_media.pk,
            "cover_image": self.beta_image.pk,
            "groups": [beta.editors_group_id, beta.admins_group_id],
            "workflow": self.beta_workflow.pk,
            "id": [self.beta_course.pk, self.beta_lesson.pk],
            "restriction_type": "login",
            "action-publish": "publish",
            "copy_subpages": "on",
            "publish_copies": "on",
            "is_active": "on",
            "is_superuser": "on",
            "password1": "Kapret-passord-1234",
            "password2": "Kapret-passord-1234",
            "organisation": beta.pk,
            "tags": "kapret",
            "redirect_link": "https://example.org/kapret",
            "url": "https://example.org/kapret",
            "link_text": "Kapret",
            "old_path": "/kapret",
            "site": beta.site_id,
        }

    # --- what must not change -----------------------------------------------

    def snapshot(self):
        beta = self.beta
        pages = Page.objects.filter(path__startswith=beta.root_page.path)
        page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
        groups = [beta.editors_group_id, beta.admins_group_id]
        images = Image.objects.filter(collection=beta.collection) | Image.objects.filter(
            pk=self.beta_image.pk
        )
        documents = Document.objects.filter(collection=beta.collection)
        media = Media.objects.filter(collection=beta.collection) | Media.objects.filter(
            pk=self.beta_media.pk
        )
        people = User.objects.filter(groups__in=groups) | User.objects.filter(
            pk__in=[self.alice.pk, self.bob.pk]
        )
        return {
            "enrollments": list(Enrollment.objects.for_organisation(beta).order_by("pk").values()),
            "resets": ResetLog.objects.for_organisation(beta).count(),
            "pages": list(pages.order_by("path").values()),
            "revisions": sorted(
                Revision.objects.filter(object_id__in=page_ids).values_list("pk", flat=True)
            ),
            "restrictions": list(PageViewRestriction.objects.filter(page__in=pages).values()),
            "images": list(images.distinct().order_by("pk").values()),
            "documents": list(documents.order_by("pk").values()),
            "media": list(media.distinct().order_by("pk").values()),
            "tags": sorted(TaggedItem.objects.values_list("tag__name", "object_id")),
            "collections": list(
                Collection.objects.filter(path__startswith=beta.collection.path).values()
            ),
            "groups": list(Group.objects.filter(pk__in=groups).values("pk", "name")),
            "group permissions": sorted(
                Group.permissions.through.objects.filter(group_id__in=groups).values_list(
                    "group_id", "permission_id"
                )
            ),
            "page permissions": sorted(
                GroupPagePermission.objects.filter(group_id__in=groups).values_list(
                    "group_id", "page_id", "permission_id"
                )
            ),
            "collection permissions": sorted(
                GroupCollectionPermission.objects.filter(group_id__in=groups).values_list(
                    "group_id", "collection_id", "permission_id"
                )
            ),
            "people": list(people.distinct().order_by("pk").values(*PERSON_FIELDS)),
            "memberships": sorted(
                User.groups.through.objects.filter(user_id__in=people.values("pk")).values_list(
                    "user_id", "group_id"
                )
            ),
            "employments": list(Employment.objects.for_organisation(beta).values()),
            "identity providers": list(IdentityProvider.objects.for_organisation(beta).values()),
            "organisation": list(Organisation.objects.filter(pk=beta.pk).values()),
            "site": list(Site.objects.filter(pk=beta.site_id).values()),
            "workflow": list(Workflow.objects.filter(pk=self.beta_workflow.pk).values()),
            "tasks": list(Task.objects.filter(pk=self.beta_task.pk).values()),
            "workflow states": list(WorkflowState.objects.filter(object_id__in=page_ids).values()),
            "task states": list(
                TaskState.objects.filter(workflow_state__object_id__in=page_ids).values()
            ),
            "redirects": list(Redirect.objects.filter(site=beta.site).values()),
            "uploads": list(UploadedFile.objects.filter(pk=self.beta_upload.pk).values()),
            "topics": list(Topic.objects.values()),
        }

    # --- the walk -------------------------------------------------------------

    def fetch(self, client, method, path, data=None):
        """Markers found in the response (or why it failed), as a list of strings."""
        try:
            send = client.get if method == "GET" else client.post
            response = send(path, data or {})
        except Exception as exc:  # a 500: report it with the URL that raised it
            return [f"raised {type(exc).__name__}: {exc}"]
        if response.status_code >= 500:
            return [f"answered {response.status_code}"]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # Messages queued for the next page count as shown by this request.
        queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
        seen = " ".join(
            [
                body.decode("utf-8", "replace"),
                *(str(v) for v in response.headers.values()),
                *(str(message) for message in queued),
            ]
        ).lower()
        return [marker for marker in MARKERS if marker.lower() in seen]

    # About 30 s of CPU; more than the default 300 s on a busy shared machine.
    @pytest.mark.timeout(900)
    def test_it_shows_and_changes_nothing_of_another_organisation(self):
        started, cpu = time.monotonic(), time.process_time()
        before = self.snapshot()
        findings = []
        patterns = exempted = shadowed = requests = 0
        clients = {self.bob: self.client, self.alice: Client()}
        for user, client in clients.items():
            client.force_login(user)
        # Refusals are logged as warnings by django.request; 1,400 of them say nothing.
        request_log = logging.getLogger("django.request")
        level, request_log.level = request_log.level, logging.ERROR
        self.addCleanup(setattr, request_log, "level", level)
        for route, fragments, pattern in admin_routes():
            patterns += 1
            if route in EXEMPT:
                exempted += 1
                continue
            paths = list(self.concrete_paths(route, fragments))
            self.assertTrue(paths, f"no values for {route}")
            self.assertTrue(all(path for path, _ in paths), f"cannot build a URL for {route}")
            if resolve(paths[0][0]).func is not pattern.callback:
                # Answered by an earlier pattern (tenants.admin_views), walked in its place.
                shadowed += 1
                continue
            has_ids = bool(set(params_of(fragments)) - {"app_label", "app_name", "model_name"})
            for (path, pair), user in itertools.product(paths, (self.bob, self.alice)):
                client = clients[user]
                tries = [("GET", None)]
                if route not in EXEMPT_POST:
                    tries.append(("POST", self.form_for()))
                if not has_ids:  # a listing, search or chooser: ask it for Betafjord's
                    tries.insert(1, ("GET", self.query_for(route, pair)))
                for method, data in tries:
                    requests += 1
                    for finding in self.fetch(client, method, path, data):
                        findings.append(
                            f"{user.first_name} {method} {path} {data or ''}: {finding}"
                        )
                    if method == "POST":  # a POST may have ended the session
                        client.force_login(user)
        after = self.snapshot()
        print(
            f"\nAdmin walk: {patterns} URL patterns, {exempted} exempted "
            f"(+{len(EXEMPT_POST)} walked without POST), {shadowed} shadowed by an override, "
            f"{requests} requests in {time.monotonic() - started:.1f} s "
            f"({time.process_time() - cpu:.1f} s CPU)"
        )
        changed = [
            f"{key}: {before[key]} -> {after[key]}" for key in before if after[key] != before[key]
        ]
        self.assertEqual(findings + changed, [], "\n".join(findings + changed))
