"""公众注册 and 我的办件: a citizen's own letters and 依申请公开 applications."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from content_models.disclosure_requests.models import DisclosureRequest
from content_models.interaction import captcha, throttle
from content_models.interaction.models import Letter
from content_models.interaction.public_views import captcha_image

from .. import audit, login_flow
from ..addresses import client_address
from ..citizen_forms import ClaimForm, RegistrationForm
from ..models import CitizenProfile
from ..redirects import next_from

logger = logging.getLogger("sitecluster.accounts")
BACKEND = "sitecluster.accounts.backends.ThrottledModelBackend"


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
def register(request):
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=data["username"], email=data["email"], password=data["password1"]
            )
            CitizenProfile.objects.create(user=user, mobile=data["mobile"])
            audit.record(user, audit.REGISTERED, user=user, request=request)
        login_flow.complete(request, user, BACKEND, second_factor=False)
        return redirect(next_from(request, "/accounts/cases/"))
    response = TemplateResponse(
        request,
        "accounts/register.html",
        {"form": form, "challenge": captcha.new_challenge(), "page": None},
        status=400 if form.errors else 200,
    )
    return response


def captcha_png(request):
    return captcha_image(request, request.GET.get("t", ""))


def _claim(user, code: str, contact: str) -> str | None:
    """Link an earlier submission to ``user``; its Chinese title, or ``None``."""
    models = [Letter, DisclosureRequest]
    if code.startswith("YSQ"):
        models.reverse()
    for model in models:
        item = model.objects.filter(tracking_code=code).first()
        if item is None or not item.contact_matches(contact):
            continue
        if item.owner_id not in (None, user.pk):
            return None
        model.objects.filter(pk=item.pk, owner__isnull=True).update(owner=user)
        return f"{model._meta.verbose_name} {item.tracking_code}"
    return None


@login_required
@csrf_protect
@never_cache
def cases(request):
    """我的办件: only the logged-in citizen's own submissions, with status and deadlines."""
    form = ClaimForm(request.POST or None)
    claimed = None
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        if not throttle.hit(throttle.TRACK_PER_ADDRESS, address):
            form.add_error(None, throttle.TRACK_PER_ADDRESS.message)
        else:
            claimed = _claim(request.user, form.cleaned_data["code"], form.cleaned_data["contact"])
            if claimed is None:
                form.add_error(None, "查询码或联系方式不正确，或该办件已由其他账号认领。")
            else:
                logger.info("User %s claimed %s", request.user.pk, claimed)
                form = ClaimForm()
    letters = Letter.objects.filter(owner=request.user).select_related("mailbox")
    applications = DisclosureRequest.objects.filter(owner=request.user).select_related(
        "organisation"
    )
    return TemplateResponse(
        request,
        "accounts/cases.html",
        {
            "form": form,
            "claimed": claimed,
            "letters": letters,
            "applications": applications,
            "page": None,
        },
        status=400 if form.errors else 200,
    )
