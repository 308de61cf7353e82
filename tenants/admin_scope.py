"""What a person working in the admin may see and choose of other rows.

One answer per kind of row, used by every admin form (`tenants.forms`), the
admin API, the choosers and the listings that Wagtail does not narrow itself
(`tenants.wagtail_hooks`, `tenants.admin_filters`). Superusers (KS) are never
narrowed.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from taggit.models import Tag
from wagtail.models import CollectionMember, Page
from wagtail.permissions import policy_registry

from .services import organisations_edited_by
from .tenancy import TenantOwnedModel

# wagtailmedia has no "choose" permission: its chooser offers what one may change.
COLLECTION_ACTIONS = ["choose", "change"]


def own_pages_q(user):
    """A Q matching the pages of the organisations `user` edits or administers."""
    paths = (
        organisations_edited_by(user)
        .filter(root_page__isnull=False)
        .values_list("root_page__path", flat=True)
    )
    query = Q(pk__in=[])
    for root_path in paths:
        query |= Q(path__startswith=root_path)
    return query


def choosable(user, model):
    """The rows of `model` that `user` may put into a page, snippet or filter,
    or None when `model` is not tenant content (a Topic, an Organisation to
    share with) and anyone in the admin may choose any of it.

    Images, documents and media: the collections the user's groups may choose
    from or change. Pages: the subtrees of the user's organisations. Any other
    tenant-owned row: that of the user's organisations."""
    if user.is_superuser:
        return None
    if issubclass(model, Page):
        return model.objects.filter(own_pages_q(user))
    if issubclass(model, CollectionMember):
        policy = policy_registry.get_by_type(model)
        return policy.instances_user_has_any_permission_for(user, COLLECTION_ACTIONS)
    if issubclass(model, TenantOwnedModel):
        return model.objects.for_organisations(organisations_edited_by(user))
    if issubclass(model, get_user_model()):
        return colleagues(user)
    return None


def colleagues(user):
    """Users in the editor or admin groups of the organisations `user` edits
    (everyone for a superuser)."""
    users = get_user_model().objects.all()
    if user.is_superuser:
        return users
    groups = set()
    for org in organisations_edited_by(user):
        groups.update({org.editors_group_id, org.admins_group_id})
    groups.discard(None)
    return users.filter(groups__in=groups).distinct()


def popular_tags(user, model, count=10):
    """The `count` tags used most on the rows of `model` that `user` may choose."""
    items = Q(taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model))
    allowed = choosable(user, model)
    if allowed is not None:
        items &= Q(taggit_taggeditem_items__object_id__in=allowed.values("pk"))
    return (
        Tag.objects.filter(items)
        .annotate(item_count=Count("taggit_taggeditem_items", filter=items))
        .order_by("-item_count", "name")[:count]
    )
