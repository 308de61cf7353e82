"""Uploaded files follow the pages that use them.

Every upload (image and its renditions, document, captions, video, audio,
thumbnail) is fetched through Django at its `/media/…` address, and handed to
whoever may see a lesson or course page that uses it, or may edit its
collection. Files of courses shared with everyone are public; nothing else is.
In production Django only decides: nginx sends the bytes from an internal
location (`X-Accel-Redirect`), so films still seek and Python streams nothing.

Names cannot be guessed: each upload sits in a directory named by a random
token (`courses.storage`), and `/media/` serves only files that an image,
rendition, document or media row points to. "Which pages use this file" is
Wagtail's reference index, which follows the live content of pages (drafts
live in revisions, which it does not read).
"""

import enum
import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseNotFound
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtailmedia.models import get_media_model

from . import page_cache
from .models import CoursePage
from .services import Access, lesson_access

# nginx serves this location only to Django's X-Accel-Redirect (deploy/nginx.conf).
INTERNAL_LOCATION = "/internal-media/"

# What each kind of upload is sent as. Anything else is a download
# (application/octet-stream); nothing is ever sent as HTML or SVG.
CONTENT_TYPES = {
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "m4a": "audio/mp4",
    "webm": "video/webm",
    "ogv": "video/ogg",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "mp3": "audio/mpeg",
    "wav": "audio/wav",
    "vtt": "text/vtt; charset=utf-8",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
}
PUBLIC_MAX_AGE = 3600
# Who edits a collection may fetch its files (admin thumbnails, previews).
EDITOR_ACTIONS = ["add", "change", "choose"]


class FileAccess(enum.Enum):
    PUBLIC = "public"  # used by a course shared with everyone
    PRIVATE = "private"  # this person may see a page using it, or edits its collection
    NOT_FOUND = "not_found"


@dataclass
class StoredFile:
    """An upload found by its storage name: the row pages refer to (image,
    document or media) and the file itself (perhaps a rendition's)."""

    owner: Model
    file: FieldFile


def content_type_for(name):
    extension = posixpath.splitext(name)[1][1:].lower()
    return CONTENT_TYPES.get(extension, "application/octet-stream")


def find(name):
    """The image, rendition, document or media file stored under `name`
    (relative to MEDIA_ROOT), or None. Dispatches on the folder each model
    uploads to, so a lookup is one query."""
    Image = get_image_model()
    Media = get_media_model()
    folder = name.split("/", 1)[0]
    if folder == "images":
        rendition = (
            Image.get_rendition_model().objects.select_related("image").filter(file=name).first()
        )
        return rendition and StoredFile(rendition.image, rendition.file)
    lookups = {
        "original_images": (Image, "file"),
        "documents": (get_document_model(), "file"),
        "media": (Media, "file"),
        "media_thumbnails": (Media, "thumbnail"),
    }
    if folder not in lookups:
        return None
    model, field = lookups[folder]
    owner = model.objects.filter(**{field: name}).first()
    return owner and StoredFile(owner, getattr(owner, field))


def courses_using(owner):
    """Live courses whose landing page, or a live lesson of which, refers to
    `owner` (an image, document or media row), those shared with everyone
    first. Three queries (references, pages, courses) besides Wagtail's
    view-restriction lookups."""
    page_ids = (
        ReferenceIndex.get_references_to(owner)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    paths = set()
    for path in (
        Page.objects.live().public().filter(pk__in=list(page_ids)).values_list("path", flat=True)
    ):
        paths.update({path, path[: -Page.steplen]})  # a course, or a lesson's course
    courses = CoursePage.objects.live().public().filter(path__in=paths)
    return sorted(courses, key=lambda course: course.sharing != CoursePage.Sharing.EVERYONE)


def edits_collection_of(user, owner):
    policy = policy_registry.get_by_type(type(owner))
    collections = policy.collections_user_has_any_permission_for(user, EDITOR_ACTIONS)
    return collections.filter(pk=owner.collection_id).exists()


def _public_key(owner):
    # page_cache's version changes with every publish, unpublish, move or
    # delete of a page, which is when references and sharing change.
    label = owner._meta.label_lower
    return f"courses:public-file:{label}:{owner.pk}:{page_cache.current_version()}"


def file_access(request, owner):
    """May this request fetch `owner`'s files? PUBLIC when a course shared with
    everyone uses it; PRIVATE when this person may see a lesson of a course
    using it (`courses.services.lesson_access`) or edits its collection;
    otherwise NOT_FOUND, which is all an attacker learns. A PUBLIC answer is
    the same for everyone, so it is remembered until the pages change."""
    if cache.get(_public_key(owner)):
        return FileAccess.PUBLIC
    for course in courses_using(owner):
        if lesson_access(request, course) is Access.ALLOWED:
            if course.sharing == CoursePage.Sharing.EVERYONE:
                cache.set(_public_key(owner), True, PUBLIC_MAX_AGE)
                return FileAccess.PUBLIC
            return FileAccess.PRIVATE
    if request.user.is_authenticated and edits_collection_of(request.user, owner):
        return FileAccess.PRIVATE
    return FileAccess.NOT_FOUND


def _harden(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def not_found():
    """The answer to a file someone may not have, or that does not exist: the
    same for both, in plain text like everything under /media/."""
    message = _("Fant ikke filen. Den er flyttet, slettet eller ikke delt med deg.")
    return _harden(HttpResponseNotFound(message, content_type="text/plain; charset=utf-8"))


def file_response(stored, access, content_type=None, disposition=None):
    """Send `stored.file`: through nginx's internal location when
    settings.MEDIA_X_ACCEL_REDIRECT is on (production), else streamed by Django."""
    content_type = content_type or content_type_for(stored.file.name)
    if settings.MEDIA_X_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = INTERNAL_LOCATION + quote(stored.file.name)
    else:
        response = FileResponse(stored.file.open("rb"), content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    _harden(response)
    if access is FileAccess.PUBLIC:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
    return response


def disposition_for(stored):
    """Documents download under their own name (PDFs open inline, as Wagtail
    does); pictures, films and captions play in the page."""
    if isinstance(stored.owner, get_document_model()):
        return stored.owner.content_disposition
    return None
