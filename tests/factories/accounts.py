import factory
from allauth.account.models import EmailAddress

from learning.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    """A person. Confirmed ones get allauth's confirmed address from the
    User post_save receiver; unconfirmed ones get the unconfirmed address
    sign-up would have made."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email_confirmed = True
    password = factory.django.Password("passord-for-test")

    @factory.post_generation
    def address(self, create, extracted, **kwargs):
        if create and not self.email_confirmed:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": False}
            )
