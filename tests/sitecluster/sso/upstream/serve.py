"""Start the upstream provider: migrate its own database, register the cluster's login host as
a client, create a user, serve on the given port, print READY.

Environment: UPSTREAM_WORK_DIR, UPSTREAM_PORT, UPSTREAM_REDIRECT_URI, UPSTREAM_CLIENT_ID,
UPSTREAM_CLIENT_SECRET, UPSTREAM_USERS ("username:password:name;...").
"""

import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main():
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sitecluster.sso.upstream.settings"
    import django

    django.setup()
    from oauth2_provider.models import Application

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0)
    for entry in filter(None, os.environ["UPSTREAM_USERS"].split(";")):
        username, password, name = entry.split(":")
        user = get_user_model().objects.create_user(username, password=password)
        user.first_name = name
        user.email = f"{username}@example.org"
        user.save()
    Application.objects.create(
        client_id=os.environ["UPSTREAM_CLIENT_ID"],
        client_secret=os.environ["UPSTREAM_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["UPSTREAM_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
        name="SiteCluster login host",
    )
    server = make_server(
        "127.0.0.1",
        int(os.environ["UPSTREAM_PORT"]),
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
