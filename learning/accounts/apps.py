from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "learning.accounts"
    label = "accounts"
    verbose_name = "Kontoer"
