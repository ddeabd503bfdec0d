from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "content_models.organisations"
    label = "organisations"
    verbose_name = "机构"
