"""Scopes theme resolution to the request and marks responses that depend on it."""

from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .resolution import begin_request, end_request


class ThemeMiddleware:
    """Place last in MIDDLEWARE: a preview response must be marked before XFrameOptions sees it."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = begin_request(request)
        try:
            response = self.get_response(request)
        finally:
            end_request(token)
        if getattr(request, "theme_preview", None):
            # A preview is for the information office's eyes: never cached, and shown inside
            # the 主题管理 page even when the site lives on another hostname.
            add_never_cache_headers(response)
            response.xframe_options_exempt = True
        if response.get("Content-Type", "").startswith("text/html"):
            # The 长者模式 cookie changes the page.
            patch_vary_headers(response, ["Cookie"])
        return response
