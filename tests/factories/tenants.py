import factory

from tenants.models import EmailDomain, Employment, IdentityProvider, JobRole, Organisation, Unit

from .accounts import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    kind = Organisation.Kind.MUNICIPALITY
    number = factory.Sequence(lambda n: f"{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    slug = factory.Sequence(lambda n: f"testkommune-{n}")
    population = 10_000
    size_class = Organisation.SizeClass.MEDIUM
    headcount = 800


class EmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailDomain

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.LazyAttribute(lambda o: f"{o.organisation.slug}.kommune.no")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")


class JobRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRole

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Stilling {n}")


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Employment.Status.ACTIVE


class IdentityProviderFactory(factory.django.DjangoModelFactory):
    """Kongsberg-like provider; point `issuer` at the `oidc_provider` fixture."""

    class Meta:
        model = IdentityProvider
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.LazyAttribute(lambda o: f"{o.organisation.name} kommune")
    slug = factory.LazyAttribute(lambda o: o.organisation.slug)
    client_id = factory.LazyAttribute(lambda o: o.slug)
    issuer = "http://127.0.0.1:9000"
    employees_at_once = True

    @factory.post_generation
    def client_secret(obj, create, extracted, **kwargs):
        obj.set_client_secret(extracted or "kongsberg-hemmelighet")
        if create:
            obj.save()
