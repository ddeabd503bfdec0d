import pytest

from .harness import Browser, build_sso_cluster, serve_cluster_on


@pytest.fixture
def sso_cluster(transactional_db):
    return build_sso_cluster()


@pytest.fixture
def browser(sso_cluster, live_server, settings):
    port = serve_cluster_on(settings, live_server)
    with Browser(port) as session:
        yield session
