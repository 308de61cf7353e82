"""Give organisations their place in Wagtail.

Each publishing organisation gets a Site at its own hostname, a root page (a
child of Wagtail's tree root), a Collection for images, documents and media, an
editors' and an admins' group whose page and collection permissions reach only
that subtree and collection, and a workflow in which the admins approve what the
editors submit. KS's site is the default site.

Provisioning works in batches: what every organisation needs to look up is
fetched once per batch (sites, groups, existing permissions), so provisioning
all ~375 organisations costs a few dozen queries per organisation, mostly the
page insert.
"""

from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import Organisation

ACCESS_ADMIN = ("wagtailadmin", "access_admin")
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
NATIONAL_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
ADMIN_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
# wagtailmedia 0.19 defines add/change/delete_media only (no choose_media): its
# chooser shows media the user may change, i.e. the organisation's collection.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailmedia", "add_media"),
    ("wagtailmedia", "change_media"),
]


def hostname_for(slug):
    """The organisation's hostname from settings.TENANT_HOSTNAME_PATTERN."""
    pattern = settings.TENANT_HOSTNAME_PATTERN
    if "{slug}" not in pattern:
        raise ImproperlyConfigured(
            f"TENANT_HOSTNAME_PATTERN={pattern!r} has no '{{slug}}', so every organisation "
            "would get the same hostname. Use e.g. '{slug}.kurs.example.no'."
        )
    try:
        return pattern.format(slug=slug).lower()
    except (KeyError, IndexError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"TENANT_HOSTNAME_PATTERN={pattern!r} may only contain the placeholder '{{slug}}'."
        ) from exc


def root_page_model():
    """The page model named by settings.TENANT_ROOT_PAGE_MODEL."""
    name = settings.TENANT_ROOT_PAGE_MODEL
    try:
        model = apps.get_model(name)
    except (LookupError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"TENANT_ROOT_PAGE_MODEL={name!r} is not an installed model ('app_label.Model')."
        ) from exc
    if not issubclass(model, Page):
        raise ImproperlyConfigured(f"TENANT_ROOT_PAGE_MODEL={name!r} is not a Wagtail page model.")
    return model


def remove_wagtail_welcome_site():
    """Delete the 'Welcome to your new Wagtail site!' page and its localhost site
    that Wagtail's first migration creates, so they do not shadow KS's default
    site. Only a plain, childless `Page` with slug 'home' right under the tree
    root counts as that page. Idempotent."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, slug="home", content_type=plain_page, numchild=0):
        Site.objects.filter(root_page=page, organisation__isnull=True).delete()
        if not Site.objects.filter(root_page=page).exists():
            page.delete()


class _Batch:
    """Everything a batch of organisations needs to look up, fetched once."""

    def __init__(self, organisations):
        hostname_for("x")  # fail before anything is written
        self.page_model = root_page_model()
        self.page_content_type = ContentType.objects.get_for_model(self.page_model)
        self.port = settings.TENANT_SITE_PORT
        self.now = timezone.now()
        if any(o.kind == Organisation.Kind.NATIONAL for o in organisations):
            remove_wagtail_welcome_site()
        self.tree_root = Page.get_first_root_node()
        self.root_collection = Collection.get_first_root_node()

        wanted = [ACCESS_ADMIN, *COLLECTION_PERMISSIONS]
        wanted += [("wagtailcore", codename) for codename in ADMIN_PAGE_PERMISSIONS]
        query = Q()
        for app_label, codename in wanted:
            query |= Q(content_type__app_label=app_label, codename=codename)
        self.permissions = {
            (p.content_type.app_label, p.codename): p
            for p in Permission.objects.filter(query).select_related("content_type")
        }
        missing = set(wanted) - set(self.permissions)
        if missing:
            raise ImproperlyConfigured(
                f"Permissions {sorted(missing)} do not exist: run `manage.py migrate` first."
            )

        self.duplicate_names = set(
            Organisation.objects.values("name")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values_list("name", flat=True)
        )
        self.pages = Page.objects.in_bulk([o.root_page_id for o in organisations if o.root_page_id])
        self.top_pages = {
            p.slug: p for p in Page.objects.filter(depth=2, content_type=self.page_content_type)
        }
        self.sites = {s.pk: s for s in Site.objects.all()}
        self.sites_by_host = {(s.hostname, s.port): s for s in self.sites.values()}
        self.collections = Collection.objects.in_bulk(
            [o.collection_id for o in organisations if o.collection_id]
        )
        self.top_collections = {c.name: c for c in self.root_collection.get_children()}
        labels = [self.label(o) for o in organisations]
        self.groups = {
            g.pk: g
            for g in Group.objects.filter(
                Q(pk__in=[o.editors_group_id for o in organisations if o.editors_group_id])
                | Q(pk__in=[o.admins_group_id for o in organisations if o.admins_group_id])
                | Q(name__in=[_editors_name(label) for label in labels])
                | Q(name__in=[_admins_name(label) for label in labels])
            )
        }
        self.groups_by_name = {g.name: g for g in self.groups.values()}
        group_ids = list(self.groups)
        self.group_permissions = set(
            Group.permissions.through.objects.filter(group_id__in=group_ids).values_list(
                "group_id", "permission_id"
            )
        )
        self.page_permissions = set(
            GroupPagePermission.objects.filter(group_id__in=group_ids).values_list(
                "group_id", "page_id", "permission_id"
            )
        )
        self.collection_permissions = set(
            GroupCollectionPermission.objects.filter(group_id__in=group_ids).values_list(
                "group_id", "collection_id", "permission_id"
            )
        )
        page_ids = [p.pk for p in self.pages.values()] + [p.pk for p in self.top_pages.values()]
        self.workflow_ids = dict(
            WorkflowPage.objects.filter(page_id__in=page_ids).values_list("page_id", "workflow_id")
        )
        self.approval_groups = defaultdict(set)  # workflow id -> groups that approve in it
        for workflow_id, group_id in GroupApprovalTask.groups.through.objects.filter(
            groupapprovaltask__workflow_tasks__workflow_id__in=set(self.workflow_ids.values())
        ).values_list("groupapprovaltask__workflow_tasks__workflow_id", "group_id"):
            self.approval_groups[workflow_id].add(group_id)

    def label(self, org):
        """The name, with the number added where two organisations share it
        (Herøy 1515/1818, Oslo the county and the municipality)."""
        if org.name in self.duplicate_names:
            return f"{org.name} ({org.number or org.get_kind_display()})"
        return org.name

    # -- one organisation ------------------------------------------------------------

    def provision(self, org):
        label = self.label(org)
        with transaction.atomic():
            page = self._root_page(org)
            collection = self._collection(org, label)
            editors = self._group(org.editors_group_id, _editors_name(label))
            admins = self._group(org.admins_group_id, _admins_name(label))
            national = org.kind == Organisation.Kind.NATIONAL
            self._grant(
                editors,
                page,
                collection,
                NATIONAL_EDITOR_PAGE_PERMISSIONS if national else EDITOR_PAGE_PERMISSIONS,
            )
            self._grant(admins, page, collection, ADMIN_PAGE_PERMISSIONS)
            self._workflow(page, admins, label)
            site = self._site(org, page, national)
            fields = {
                "site": site,
                "root_page": page,
                "collection": collection,
                "editors_group": editors,
                "admins_group": admins,
            }
            changed = {k: v for k, v in fields.items() if getattr(org, f"{k}_id") != v.pk}
            if changed:
                Organisation.objects.filter(pk=org.pk).update(**changed)
                for name, value in changed.items():
                    setattr(org, name, value)
        return org

    def _root_page(self, org):
        page = self.pages.get(org.root_page_id)
        if page is None:
            page = self.top_pages.get(org.slug)  # made before, but not recorded
        if page is None:
            page = self.page_model(
                title=org.name,
                slug=org.slug,
                live=True,
                first_published_at=self.now,
                last_published_at=self.now,
            )
            # Lock the tree root: parallel provisioning tasks would otherwise
            # compute the same treebeard path for their new root pages.
            self.tree_root = Page.objects.select_for_update().get(pk=self.tree_root.pk)
            self.tree_root.add_child(instance=page)
            self.top_pages[page.slug] = page
        return page

    def _collection(self, org, label):
        collection = self.collections.get(org.collection_id) or self.top_collections.get(label)
        if collection is None:
            self.root_collection = Collection.objects.select_for_update().get(
                pk=self.root_collection.pk
            )
            collection = self.root_collection.add_child(name=label)
            self.top_collections[label] = collection
        elif collection.name != label:
            collection.name = label
            collection.save(update_fields=["name"])
        return collection

    def _group(self, group_id, name):
        group = self.groups.get(group_id) or self.groups_by_name.get(name)
        if group is None:
            group = Group.objects.create(name=name)
        elif group.name != name:
            group.name = name
            group.save(update_fields=["name"])
        self.groups[group.pk] = self.groups_by_name[name] = group
        return group

    def _grant(self, group, page, collection, page_codenames):
        """Add whatever of the group's permissions is missing; never removes any."""
        access = self.permissions[ACCESS_ADMIN].pk
        if (group.pk, access) not in self.group_permissions:
            Group.permissions.through.objects.create(group_id=group.pk, permission_id=access)
            self.group_permissions.add((group.pk, access))
        rows = []
        for codename in page_codenames:
            key = (group.pk, page.pk, self.permissions["wagtailcore", codename].pk)
            if key not in self.page_permissions:
                rows.append(
                    GroupPagePermission(group_id=key[0], page_id=key[1], permission_id=key[2])
                )
                self.page_permissions.add(key)
        GroupPagePermission.objects.bulk_create(rows)
        rows = []
        for app_codename in COLLECTION_PERMISSIONS:
            key = (group.pk, collection.pk, self.permissions[app_codename].pk)
            if key not in self.collection_permissions:
                rows.append(
                    GroupCollectionPermission(
                        group_id=key[0], collection_id=key[1], permission_id=key[2]
                    )
                )
                self.collection_permissions.add(key)
        GroupCollectionPermission.objects.bulk_create(rows)

    def _workflow(self, page, admins, label):
        """Editors submit, the organisation's admins approve and publish."""
        workflow_id = self.workflow_ids.get(page.pk)
        if workflow_id is not None and admins.pk in self.approval_groups[workflow_id]:
            return
        if workflow_id is None:
            workflow = Workflow.objects.create(name=f"{label} – godkjenning")
            WorkflowPage.objects.create(page=page, workflow=workflow)
            workflow_id = self.workflow_ids[page.pk] = workflow.pk
        # Repair the existing approval step (e.g. its group was deleted and made
        # again) rather than queue a second step behind one nobody can approve.
        task = (
            GroupApprovalTask.objects.filter(workflow_tasks__workflow_id=workflow_id)
            .order_by("workflow_tasks__sort_order")
            .first()
        )
        if task is None:
            task = GroupApprovalTask.objects.create(name=f"{label} – godkjenning av administrator")
            order = WorkflowTask.objects.filter(workflow_id=workflow_id).count()
            WorkflowTask.objects.create(workflow_id=workflow_id, task=task, sort_order=order)
        task.groups.add(admins)
        self.approval_groups[workflow_id].add(admins.pk)

    def _site(self, org, page, default):
        hostname = hostname_for(org.slug)
        site = self.sites.get(org.site_id) or self.sites_by_host.get((hostname, self.port))
        if default:
            Site.objects.filter(is_default_site=True).exclude(pk=getattr(site, "pk", None)).update(
                is_default_site=False
            )
        wanted = {
            "hostname": hostname,
            "port": self.port,
            "root_page_id": page.pk,
            "site_name": org.name,
            "is_default_site": default,
        }
        if site is None:
            site = Site.objects.create(**wanted)
        elif any(getattr(site, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(site, k, v)
            site.save()
        self.sites[site.pk] = self.sites_by_host[hostname, self.port] = site
        return site


def _editors_name(label):
    return f"{label} – redaktører"


def _admins_name(label):
    return f"{label} – administratorer"


def provision_organisations(organisations, *, progress=None):
    """Provision each organisation in `organisations` (see provision_organisation).

    Each organisation is provisioned in its own transaction, so an interrupted
    run keeps what it finished and a rerun completes the rest. `progress` is
    called with each organisation when it is done. Raises ImproperlyConfigured
    before writing anything when the hostname pattern or root page model is wrong.
    """
    organisations = list(organisations)
    batch = _Batch(organisations)
    for org in organisations:
        batch.provision(org)
        if progress is not None:
            progress(org)
    return organisations


def provision_organisation(organisation):
    """Create, or repair, `organisation`'s Wagtail site, root page, collection,
    editors' and admins' groups with their permissions, and its approval workflow,
    and record them on the organisation. Idempotent: a second run changes nothing;
    a run after something was deleted recreates just that. Never removes extra
    permissions someone granted by hand. Only this organisation's rows are
    touched (for KS, also Wagtail's welcome page and the default-site flag)."""
    return provision_organisations([organisation])[0]
