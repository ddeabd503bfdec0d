import pytest

from tests.cluster import PORTAL_HOST
from tests.sitecluster.isolation.world import world  # noqa: F401 - the module-scoped fixture


@pytest.fixture
def client(client, db):
    """The admin is served on the portal's hostname."""
    client.defaults["HTTP_HOST"] = PORTAL_HOST
    return client
