"""Drop cached theme state when what it was read from changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.images import get_image_model

from sitecluster.tenancy.cluster_settings import ClusterSettings

from .mourning import forget_mourning_state
from .presentation import IMAGE_FILTERS, image_cache_key


@receiver(post_save, sender=ClusterSettings, dispatch_uid="themes_forget_mourning")
def _settings_saved(sender, **kwargs):
    forget_mourning_state()


def _image_changed(sender, instance, **kwargs):
    cache.delete_many([image_cache_key(instance.pk, spec) for spec in IMAGE_FILTERS.values()])


post_save.connect(_image_changed, sender=get_image_model(), dispatch_uid="themes_image_saved")
post_delete.connect(_image_changed, sender=get_image_model(), dispatch_uid="themes_image_deleted")
