"""Wagtail admin views that take ids or list rows without asking whose they are.

Wagtail offers no hook for these, so `urlpatterns` here is included in front
of Wagtail's admin URLs (learning/urls.py): the same paths, answered by
subclasses that narrow what they return to `tenants.admin_scope.choosable`.
Superusers (KS) see what Wagtail shows them.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.cache import never_cache

from taggit.models import Tag, TagBase
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views.chooser import ImageChooseView
from wagtail.images.views.chooser import viewset as image_chooser
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns
from wagtailmedia.models import get_media_model
from wagtailmedia.views.media import usage as media_usage

from .admin_scope import choosable, popular_tags


def choosable_tags(user):
    """Tags on the images, documents and media `user` may choose."""
    if user.is_superuser:
        return Tag.objects.all()
    query = Q(pk__in=[])
    for model in (get_image_model(), get_document_model(), get_media_model()):
        query |= Q(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=choosable(user, model).values("pk"),
        )
    return Tag.objects.filter(query).distinct()


def _ids(values):
    return [int(value) for value in values if value.isdigit() and len(value) < 19]


class OwnChosenMultipleView(ChosenMultipleView):
    """The page chooser's "chosen" step, for the user's own pages only."""

    def get(self, request):
        pages = Page.objects.filter(pk__in=_ids(request.GET.getlist("id")))
        allowed = choosable(request.user, Page)
        if allowed is not None:
            pages = pages.filter(pk__in=allowed.values("pk"))
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, offering only tags of the user's own files."""
    tags = choosable_tags(request.user)
    if app_name and model_name:
        try:
            tag_model = ContentType.objects.get_by_natural_key(app_name, model_name).model_class()
        except ContentType.DoesNotExist as e:
            raise Http404 from e
        if tag_model is None or not issubclass(tag_model, TagBase):
            raise Http404
        if tag_model is not Tag:
            tags = (
                tag_model.objects.all() if request.user.is_superuser else tag_model.objects.none()
            )
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = tags.filter(name__istartswith=term).order_by("name").values_list("name", flat=True)
    return JsonResponse(list(names[:TAGS_AUTOCOMPLETE_LIMIT]), safe=False)


def own_media_usage(request, media_id):
    """wagtailmedia's usage page, which checks no permission, for media one may change."""
    media = get_object_or_404(get_media_model(), pk=media_id)
    policy = policy_registry.get_by_type(get_media_model())
    if not policy.user_has_permission_for_instance(request.user, "change", media):
        raise PermissionDenied
    return media_usage(request, media_id)


class OwnPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and "last edited page" from the user's own pages only."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        allowed = choosable(self.request.user, Page)
        if allowed is None:
            return page_types
        for item in page_types:
            pages = allowed.filter(content_type=item)
            item.count = pages.count()
            item.last_edited_page = (
                pages.order_by(F("latest_revision_created_at").desc(nulls_last=True), "title")
                .specific()
                .first()
            )
        return page_types


class OwnImageChooseView(ImageChooseView):
    """The image chooser, suggesting tags of the user's own images only."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["popular_tags"] = popular_tags(self.request.user, self.model)
        return context


def _image_choose_view():
    viewset = image_chooser
    return viewset.construct_view(
        viewset.inject_view_methods(OwnImageChooseView, ["get_object_list"]),
        icon=viewset.icon,
        page_title=viewset.page_title,
        search_tab_label=viewset.search_tab_label,
        creation_tab_label=viewset.creation_tab_label,
    )


def own_page_only(view):
    """`view` (which takes a page_id) for the user's own pages only. Wagtail's
    workflow views name the page in an error message before they check that
    the user may act on it."""

    def guarded(request, page_id, **kwargs):
        allowed = choosable(request.user, Page)
        if allowed is not None and not allowed.filter(pk=page_id).exists():
            raise PermissionDenied
        return view(request, page_id=page_id, **kwargs)

    return guarded


def _page_view(name):
    return own_page_only(page_viewset_registry.as_view(name, page_id_kwarg="page_id"))


def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk actions, listing only rows the user may choose: Wagtail
    lists the rest by title as ones "you don't have permission to" act on."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as e:
        raise Http404 from e
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    allowed = choosable(request.user, model)
    if allowed is not None:
        wagtail_action = action_class

        class OwnRowsOnly(wagtail_action):
            @classmethod
            def get_queryset(cls, model, object_ids):
                own = allowed.filter(pk__in=object_ids).values_list("pk", flat=True)
                return wagtail_action.get_queryset(model, list(own))

        action_class = OwnRowsOnly

    return action_class(request, model).dispatch(request)


urlpatterns = [
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk_action),
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        _page_view("workflow_action"),
    ),
    path(
        "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        _page_view("collect_workflow_action_data"),
    ),
    path(
        "pages/workflow/confirm_cancellation/<int:page_id>/",
        _page_view("confirm_workflow_cancellation"),
    ),
    path("pages/workflow/preview/<int:page_id>/<int:task_id>/", _page_view("workflow_preview")),
    path("images/chooser/", _image_choose_view()),
    path("choose-page/chosen-multiple/", OwnChosenMultipleView.as_view()),
    path("tag-autocomplete/", tag_autocomplete),
    path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", tag_autocomplete),
    path("media/usage/<int:media_id>/", own_media_usage),
    path("reports/page-types-usage/", OwnPageTypesUsageReportView.as_view()),
    path(
        "reports/page-types-usage/results/",
        OwnPageTypesUsageReportView.as_view(results_only=True),
    ),
]
# Signed in with admin access and never cached, as Wagtail's own admin URLs.
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
