"""The information office finds a site in the 站群站点 list by its code or hostname."""

import pytest

from django.contrib.auth import get_user_model

from tests.cluster import PORTAL_HOST, build_two_site_cluster


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["fgw", "fgw.test", "发展和改革"])
def test_office_searches_the_site_list(client, query):
    build_two_site_cluster(articles_per_column=0)
    office = get_user_model().objects.create_superuser("office", "office@example.com", "pw")
    client.force_login(office)
    response = client.get(
        "/admin/snippets/tenancy/clustersite/", {"q": query}, HTTP_HOST=PORTAL_HOST
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "河东区发展和改革委员会" in body
    assert "河东区教育局" not in body
