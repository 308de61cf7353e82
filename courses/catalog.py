"""The learner's catalogue: what a catalogue page lists, filtered and searched."""

import functools
import re

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Prefetch, Q
from django.utils.functional import SimpleLazyObject

from wagtail.images import get_image_model

from . import page_cache
from .models import Topic
from .services import courses_visible_to, viewer_organisation

PAGE_SIZE = 24
# NUL and other control characters: PostgreSQL refuses NUL in any string, so a
# query holding one would fail in the full-text search and again in the fallback.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
COVER_SPEC = "fill-480x270"


def catalog_context(page, request):
    # The same rule as course pages use, so the catalogue never lists a
    # course whose page would answer 404. A catalogue page is its site's root.
    organisation = viewer_organisation(request)
    topic_slug = request.GET.get("tema", "").strip()
    query = CONTROL_CHARACTERS.sub(" ", request.GET.get("q", ""))[:200].strip()
    page_number = request.GET.get("side") or 1
    # Lazy: the template caches the listing per organisation, filter and page
    # (see catalog_page.html), and queries only when that cache misses.
    listing = functools.cache(lambda: _listing(organisation, topic_slug, query, page_number))
    return {
        "catalog_organisation": organisation,
        "courses": SimpleLazyObject(lambda: listing()["courses"]),
        "topics": SimpleLazyObject(lambda: listing()["topics"]),
        "current_topic": SimpleLazyObject(lambda: listing()["current_topic"]),
        "topic_slug": topic_slug,
        "query": query,
        "listing_cache_seconds": page_cache.timeout(),
        "listing_cache_version": page_cache.current_version(),
        "cover_spec": COVER_SPEC,
    }


def _listing(organisation, topic_slug, query, page_number):
    courses = courses_visible_to(organisation)
    topics = list(Topic.objects.filter(courses__in=courses).distinct())

    topic = None
    if topic_slug:
        topic = next((t for t in topics if t.slug == topic_slug), None)
        courses = courses.filter(topic=topic) if topic else courses.none()

    courses = courses.select_related("topic", "organisation").prefetch_related(
        Prefetch(
            "cover_image",
            queryset=get_image_model().objects.prefetch_renditions(COVER_SPEC),
        )
    )
    results, found = courses.order_by("title"), True
    if query:
        try:
            results = courses.search(query)
            found = bool(results)
        except DatabaseError:  # e.g. SQLite's full-text syntax on a stray quote
            found = False
    if not found:
        # Norwegian compounds: "sikkerhet" should find "Informasjonssikkerhet",
        # which full-text search (whole words and their stems) does not.
        results = courses.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(topic__name__icontains=query)
        ).order_by("title")

    paginator = Paginator(results, PAGE_SIZE)
    return {
        "courses": paginator.get_page(page_number),
        "topics": topics,
        "current_topic": topic,
    }
