"""Mark the request with the page Wagtail serves, so the page cache knows what it would store."""

from wagtail import hooks


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    # Only Wagtail pages are ever stored: their addresses are what the purge computes.
    request.sitecluster_page = page
