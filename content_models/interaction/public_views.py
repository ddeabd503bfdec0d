"""The public side, served as routes of the interaction pages (see models.mailboxes)."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from . import captcha, throttle, workflow
from .forms import CommentForm, LetterForm, LetterSearchForm, TrackingForm
from .models import CommentState, Letter, LetterEvent
from .models.letters import PUBLIC_EVENTS


def _render(page, request, template, context, *, private=False):
    response = TemplateResponse(
        request, template, {**page.get_context(request), **context, "page": page}
    )
    if private:  # forms with a CSRF token and a CAPTCHA, or a citizen's own letter
        add_never_cache_headers(response)
    return response


def _over_limit(form, request, limits_and_keys) -> bool:
    for limit, key in limits_and_keys:
        if throttle.exceeded(limit, key):
            form.add_error(None, limit.message)
            return True
    for limit, key in limits_and_keys:
        throttle.hit(limit, key)
    return False


def write_letter(page, request):
    form = LetterForm(request.POST or None, request.FILES or None, mailbox=page)
    if not page.accepts_letters:
        form = None
    elif request.method == "POST" and form.is_valid():
        address = throttle.client_address(request)
        limits = [
            (throttle.LETTER_PER_ADDRESS, address),
            (throttle.LETTER_PER_CONTACT, form.contact.lower()),
        ]
        if not _over_limit(form, request, limits):
            data = form.cleaned_data
            letter = workflow.submit(
                page,
                letter_type=data["letter_type"],
                subject=data["subject"],
                body=data["body"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                may_publish=data["may_publish"],
                attachments=form.checked_files,
                spam_reasons=form.spam_reasons,
                owner=request.user,
            )
            return _render(
                page, request, "interaction/letter_submitted.html", {"letter": letter}, private=True
            )
    context = {
        "form": form,
        "challenge": captcha.new_challenge() if form is not None else None,
        "recent_letters": page.published_letters().order_by("-published_at")[:10],
    }
    response = _render(page, request, "interaction/mailbox_page.html", context, private=True)
    if form is not None and form.errors:
        response.status_code = 400
    return response


def track_letter(page, request):
    form = TrackingForm(request.POST or None)
    letter, events = None, []
    if request.method == "POST" and form.is_valid():
        address = throttle.client_address(request)
        if not throttle.hit(throttle.TRACK_PER_ADDRESS, address):
            form.add_error(None, throttle.TRACK_PER_ADDRESS.message)
        else:
            candidate = (
                Letter.objects.filter(tracking_code=form.cleaned_data["code"])
                .select_related("mailbox")
                .first()
            )
            if candidate is not None and candidate.contact_matches(form.cleaned_data["contact"]):
                letter = candidate
                events = LetterEvent.objects.filter(letter=letter, kind__in=PUBLIC_EVENTS)
            else:
                form.add_error(None, "查询码或联系方式不正确。")
    return _render(
        page,
        request,
        "interaction/letter_tracking.html",
        {"form": form, "letter": letter, "events": events},
        private=True,
    )


def captcha_image(request, token):
    png = captcha.render_png(token)
    if png is None:
        raise Http404("验证码已过期")
    response = HttpResponse(png, content_type="image/png")
    add_never_cache_headers(response)
    return response


def published_letter(page, request, letter_id):
    letter = page.published_letters().select_related("mailbox").filter(pk=letter_id).first()
    if letter is None:
        raise Http404("信件不存在或未公开")
    return _render(page, request, "interaction/published_letter.html", {"letter": letter})


def _paginate(request, queryset, per_page):
    paginator = Paginator(queryset, per_page or 20)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def letter_list(page, request):
    letters = page.published_letters()
    years = sorted(
        {
            y
            for y in letters.annotate(y=ExtractYear("published_at")).values_list("y", flat=True)
            if y
        },
        reverse=True,
    )
    sites = []
    if page.is_cluster_wide():
        from wagtail.models import Page

        homes = Page.objects.filter(pk__in=letters.values("site_home")).order_by("path")
        sites = [(home.pk, home.title) for home in homes]
    form = LetterSearchForm(request.GET or None, years=years, sites=sites)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            for word in data["q"].split()[:5]:
                letters = letters.filter(
                    Q(public_subject__icontains=word)
                    | Q(public_body__icontains=word)
                    | Q(public_reply__icontains=word)
                )
        if data.get("letter_type"):
            letters = letters.filter(letter_type=data["letter_type"])
        if data.get("year"):
            letters = letters.filter(published_at__year=data["year"])
        if data.get("site"):
            letters = letters.filter(site_home_id=data["site"])
    letters = letters.select_related("mailbox", "site_home").order_by("-published_at", "-pk")
    items = _paginate(request, letters, page.per_page)
    query = request.GET.copy()
    query.pop("page", None)
    return _render(
        page,
        request,
        "interaction/letter_list_page.html",
        {"form": form, "items": items, "query": query.urlencode()},
    )


def consultation_page(page, request):
    form = CommentForm(request.POST or None, consultation=page) if page.is_open else None
    submitted = False
    if form is not None and request.method == "POST" and form.is_valid():
        address = throttle.client_address(request)
        limits = [
            (throttle.COMMENT_PER_ADDRESS, address),
            (throttle.COMMENT_PER_CONTACT, form.cleaned_data["contact"].lower()),
        ]
        if not _over_limit(form, request, limits):
            data = form.cleaned_data
            workflow.submit_comment(
                page,
                name=data["name"],
                contact=data["contact"],
                text=data["text"],
                spam_reasons=form.spam_reasons,
            )
            submitted = True
            form = CommentForm(consultation=page)
    comments = page.comments.filter(state=CommentState.APPROVED).order_by("created_at", "pk")
    context = {
        "form": form,
        "submitted": submitted,
        "challenge": captcha.new_challenge() if form is not None else None,
        "comments": comments,
        "comment_count": page.comments.exclude(state=CommentState.REJECTED).count(),
        "adopted": comments.exclude(adoption="").exclude(adoption="not_adopted")
        if page.summary_visible
        else [],
    }
    response = _render(
        page, request, "interaction/consultation_page.html", context, private=form is not None
    )
    if form is not None and form.errors:
        response.status_code = 400
    return response
