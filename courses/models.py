from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from tenants.organisation_fields import OrganisationCheckboxes

from .blocks import LessonStreamBlock
from .forms import CoursePageForm
from .page_cache import allow_anonymous_caching
from .routing import MemoisedViewRestrictions, SingleChildTypeRouting


def _add_hook_context(hook_name, request, page, context):
    """Let other apps add to a page's context without courses importing them
    (tracking adds the learner's progress): each function registered for
    `hook_name` with `wagtail.hooks.register` gets (request, page, context)
    and returns a dict to merge."""
    for hook in hooks.get_hooks(hook_name):
        context.update(hook(request, page, context) or {})
    return context


def page_href(page, request, course=None):
    """Where a link to `page` (a course or lesson; `course` is the lesson's,
    when the caller has it) goes: under the learner's own organisation's site
    when it may serve the course, else its owner's address (courses/addresses.py);
    in a preview, the admin's preview of its latest draft (it may have no
    live version yet)."""
    if getattr(request, "is_preview", False):
        return reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    from .addresses import learner_href

    return learner_href(page, request, course)


class Topic(models.Model):
    """What a course is about (SvarUT, Informasjonssikkerhet, …); a snippet."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), max_length=100, unique=True)

    panels = ["name", "slug"]

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CatalogPage(MemoisedViewRestrictions, SingleChildTypeRouting, Page):
    """An organisation's course catalogue; the root of each organisation's site."""

    intro = RichTextField(_("innledning"), blank=True)

    content_panels = Page.content_panels + ["intro"]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("kurskatalog")
        verbose_name_plural = _("kurskataloger")

    def route(self, request, path_components):
        # /delt/<owner>/<course>/...: another organisation's course shared
        # with this one, served under this catalogue (courses/addresses.py).
        from .addresses import SHARED_PREFIX, shared_route

        if path_components and path_components[0] == SHARED_PREFIX:
            return shared_route(self, request, path_components[1:])
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        return allow_anonymous_caching(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        from .catalog import catalog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_context(self, request))
        return context


class CoursePage(MemoisedViewRestrictions, SingleChildTypeRouting, Page):
    """A course: its landing page, metadata and who may take it. Lessons are children."""

    tenancy_exempt = (
        "A page: who may edit it follows Wagtail's page permissions on the owner's "
        "subtree, and `organisation` is derived from the tree on save, never entered."
    )

    class Language(models.TextChoices):
        BOKMAL = "nb", _("Norsk bokmål")
        NYNORSK = "nn", _("Norsk nynorsk")
        ENGLISH = "en", _("Engelsk")

    class Sharing(models.TextChoices):
        EVERYONE = "everyone", _("Alle organisasjoner")
        REGION = "region", _("En eller flere regioner")
        LISTED = "listed", _("Organisasjoner jeg velger")
        OWN = "own", _("Bare egen organisasjon")

    class CompletionRule(models.TextChoices):
        # cmi5 moveOn values; tracking reads these.
        COMPLETED = "completed", _("Alle leksjoner er fullført")
        PASSED = "passed", _("Quizen er bestått")
        COMPLETED_AND_PASSED = "completed_and_passed", _("Alle leksjoner fullført og quiz bestått")
        COMPLETED_OR_PASSED = "completed_or_passed", _("Alle leksjoner fullført eller quiz bestått")

    summary = models.TextField(
        _("sammendrag"), max_length=600, help_text=_("Vises i katalogen og øverst på kurssiden.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("forsidebilde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("alternativ tekst til forsidebildet"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv hva bildet viser. Kreves når kurset har forsidebilde."),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("tema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    estimated_minutes = models.PositiveIntegerField(
        _("beregnet tid (minutter)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(6000)],
    )
    audience = models.CharField(
        _("målgruppe"), max_length=200, blank=True, help_text=_("For eksempel «Alle ansatte».")
    )
    language = models.CharField(
        _("språk"), max_length=2, choices=Language.choices, default=Language.BOKMAL
    )
    sharing = models.CharField(
        _("deling"),
        max_length=10,
        choices=Sharing.choices,
        default=Sharing.OWN,
        help_text=_("Hvem som kan ta kurset. Delte kurs lenkes til, de kopieres ikke."),
    )
    shared_with_regions = ParentalManyToManyField(
        "tenants.Organisation",
        verbose_name=_("delt med regioner"),
        blank=True,
        related_name="courses_shared_with_region",
        limit_choices_to={"kind": "region"},
    )
    shared_with = ParentalManyToManyField(
        "tenants.Organisation",
        verbose_name=_("delt med organisasjoner"),
        blank=True,
        related_name="courses_shared_with",
    )
    completion_rule = models.CharField(
        _("når er kurset fullført"),
        max_length=24,
        choices=CompletionRule.choices,
        default=CompletionRule.COMPLETED,
    )
    certificate_enabled = models.BooleanField(_("kursbevis"), default=False)
    # The shared course this one was made from with "Bruk som mal".
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("kopiert fra"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The organisation whose catalogue root this page sits under; kept in step
    # by save() so catalogue queries are one indexed filter.
    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("eier"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="courses",
    )

    content_panels = Page.content_panels + [
        "summary",
        MultiFieldPanel(["cover_image", "cover_alt"], heading=_("Forsidebilde")),
        FieldRowPanel(["topic", "estimated_minutes", "language"]),
        "audience",
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                "sharing",
                FieldPanel("shared_with_regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("share_with_counties"),
                FieldPanel("shared_with", widget=OrganisationCheckboxes),
            ],
            heading=_("Deling"),
        ),
        MultiFieldPanel(["completion_rule", "certificate_enabled"], heading=_("Fullføring")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        index.RelatedFields("topic", [index.SearchField("name")]),
        index.FilterField("topic"),
        index.FilterField("organisation"),
        index.FilterField("sharing"),
        index.FilterField("language"),
    ]

    base_form_class = CoursePageForm
    parent_page_types = ["courses.CatalogPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("kurs")
        verbose_name_plural = _("kurs")

    def clean(self):
        super().clean()
        errors = {}
        if self.cover_image_id and not self.cover_alt.strip():
            errors["cover_alt"] = _("Skriv en alternativ tekst til forsidebildet.")
        from .addresses import SHARED_PREFIX

        if self.slug == SHARED_PREFIX:
            errors["slug"] = _(
                "Adressen «%(slug)s» er satt av til kurs som deles med dere. Velg en annen."
            ) % {"slug": SHARED_PREFIX}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.organisation_id = self.owner_organisation_id()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "organisation" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "organisation"]
        return super().save(*args, **kwargs)

    def owner_organisation_id(self):
        """The organisation whose root page is this page's nearest ancestor."""
        from tenants.models import Organisation

        if not self.path:
            return None
        steplen = self.steplen
        ancestor_paths = [self.path[:i] for i in range(steplen, len(self.path), steplen)]
        owners = (
            Organisation.objects.filter(root_page__path__in=ancestor_paths)
            .order_by("-root_page__depth")
            .values_list("pk", flat=True)
        )
        return owners.first()

    def lessons(self):
        # Wagtail's privacy settings on the course and above are checked where
        # pages are served; a lesson's own restriction hides it here. (Not
        # .public(), which reads every restriction on the platform each time.)
        return (
            LessonPage.objects.child_of(self).live().filter(view_restrictions=None).order_by("path")
        )

    def lesson_list(self, request):
        """The lessons a page of this course lists, each with `href` set. In a
        preview (the editor's, or the approver's of a submitted course) that is
        every lesson as last saved, linked to its own draft preview, so the
        course is seen as it will be published (see publish_lessons_with_course)."""
        if not getattr(request, "is_preview", False):
            # Kept on the page: a course kept by courses.routing's cache (until
            # the next content change) lists its lessons without a query.
            # Their addresses too: the course is kept per site and path.
            lessons = self.__dict__.get("_memo_lessons")
            if lessons is None:
                lessons = list(self.lessons())
                for lesson in lessons:
                    lesson.href = page_href(lesson, request)
                self._memo_lessons = lessons
            return lessons
        lessons = [
            lesson.get_latest_revision_as_object()
            for lesson in LessonPage.objects.child_of(self).order_by("path")
        ]
        for lesson in lessons:
            lesson.href = page_href(lesson, request, course=self)
        return lessons

    def get_context(self, request, *args, **kwargs):
        from .addresses import canonical_url, catalogue_href

        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lesson_list(request)
        context["catalogue_href"] = catalogue_href(self, request)
        if not getattr(request, "is_preview", False):
            context["canonical_url"] = canonical_url(self, request)
        return _add_hook_context("course_page_context", request, self, context)

    def serve(self, request, *args, **kwargs):
        # Who may see it is decided before serving (courses/access.py).
        return allow_anonymous_caching(super().serve(request, *args, **kwargs))


class LessonPage(MemoisedViewRestrictions, Page):
    """One step in a course: a StreamField of text, media and quizzes."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("innhold"), blank=True)

    content_panels = [
        HelpPanel(
            _(
                "Leksjonen publiseres sammen med kurset. Lagre endringene her, og send "
                "kurset til godkjenning når leksjonene er klare."
            )
        ),
        *Page.content_panels,
        "body",
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("leksjon")
        verbose_name_plural = _("leksjoner")

    def clean(self):
        super().clean()
        # Give every block and list item its id now, so the ids that name
        # quiz questions and choices are stored and stay the same.
        for child in self.body:
            child.value  # noqa: B018

    @cached_property
    def course(self):
        # Asked by the access gate and again by get_context. On a page request
        # routing has already loaded the parent: no query.
        return self.get_parent().specific

    def get_workflow(self):
        """None: a lesson is submitted, approved and published with its course,
        never on its own (see courses.signals.publish_lessons_with_course)."""
        return None

    @property
    def has_workflow(self):
        return False

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        lessons = course.lesson_list(request)
        index_ = next((i for i, lesson in enumerate(lessons) if lesson.pk == self.pk), None)
        if not getattr(request, "is_preview", False):
            from .addresses import canonical_url

            context["canonical_url"] = canonical_url(self, request)
        context.update(
            course=course,
            course_href=page_href(course, request),
            lessons=lessons,
            lesson_number=None if index_ is None else index_ + 1,
            previous_lesson=lessons[index_ - 1] if index_ else None,
            next_lesson=(
                lessons[index_ + 1] if index_ is not None and index_ + 1 < len(lessons) else None
            ),
        )
        return _add_hook_context("lesson_page_context", request, self, context)

    def serve(self, request, *args, **kwargs):
        # Who may read it is decided before serving (courses/access.py).
        return allow_anonymous_caching(super().serve(request, *args, **kwargs))

    def quiz_blocks(self):
        return [child for child in self.body if child.block_type == "quiz"]
