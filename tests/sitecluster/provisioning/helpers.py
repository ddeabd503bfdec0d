"""Building blocks for provisioning tests: a portal, departments, users in site roles."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model

from content_models.organisations.validators import make_uscc
from sitecluster.provisioning import provision_site
from sitecluster.tenancy.models import SiteGroup

_serial = itertools.count(1)


def uscc() -> str:
    return make_uscc("11", "379901", f"{30000000 + next(_serial):08d}")


def make_portal(**kwargs):
    values = {
        "blueprint": "portal",
        "code": "hedong",
        "name": "河东区人民政府",
        "org_code": uscc(),
        "hostname": "hedong.test",
    }
    return provision_site(**{**values, **kwargs})


def make_department(code="jyj", name="河东区教育局", **kwargs):
    values = {"blueprint": "department", "code": code, "name": name, "org_code": uscc()}
    return provision_site(**{**values, **kwargs})


def make_office_user(username="office"):
    return get_user_model().objects.create_superuser(username, f"{username}@example.test", "pw")


def make_site_user(site, role="admin", username=None):
    user = get_user_model().objects.create_user(
        username or f"{site.code}-{role}", f"{site.code}-{role}@example.test", "pw"
    )
    user.groups.add(SiteGroup.objects.get(cluster_site=site, role=role).group)
    return user
