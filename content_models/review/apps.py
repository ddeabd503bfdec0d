from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "content_models.review"
    label = "review"
    verbose_name = "发布审核"

    def ready(self):
        from .page_forms import install_page_form_check

        install_page_form_check()
