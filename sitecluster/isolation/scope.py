"""Which pages and collections belong to which site, as seen by one user.

A site's own pages are its root page and descendants, minus the subtrees of sites nested inside
it (the portal contains every member site). A grant held through a site's group (SiteGroup)
applies only to that site's own pages; grants through other groups are explicit sharing by the
information office and keep Wagtail's meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from sitecluster.tenancy.roles import is_information_office

STEPLEN = 4
_SCOPE_ATTR = "_sitecluster_isolation_scope"


@dataclass
class SiteRoots:
    """Every site's root page path, loaded with one query."""

    site_by_path: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> SiteRoots:
        from sitecluster.tenancy.models import ClusterSite

        rows = ClusterSite.objects.values_list("root_page__path", "pk")
        return cls(site_by_path=dict(rows))

    def owning_site(self, path: str) -> int | None:
        """The site whose own pages include ``path``: the nearest site root at or above it."""
        for length in range(len(path), 0, -STEPLEN):
            site_id = self.site_by_path.get(path[:length])
            if site_id is not None:
                return site_id
        return None

    def nested_roots(self, path: str, site_id: int | None) -> list[str]:
        """Outermost roots of other sites strictly below ``path`` (excluded from a region)."""
        below = sorted(
            root
            for root, owner in self.site_by_path.items()
            if root.startswith(path) and root != path and owner != site_id
        )
        outermost: list[str] = []
        for root in below:
            if not outermost or not root.startswith(outermost[-1]):
                outermost.append(root)
        return outermost


@dataclass(frozen=True)
class Region:
    """The pages one grant reaches: below ``path`` and owned by ``site_id`` (None: unscoped)."""

    path: str
    site_id: int | None
    excluded: tuple[str, ...] = ()

    def contains(self, path: str, roots: SiteRoots) -> bool:
        if not path.startswith(self.path):
            return False
        return self.site_id is None or roots.owning_site(path) == self.site_id

    def q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}path__startswith": self.path})
        for excluded in self.excluded:
            q &= ~Q(**{f"{prefix}path__startswith": excluded})
        return q


def is_scoped(user) -> bool:
    """Whether isolation applies: an active, non-office user."""
    return bool(
        user and user.is_authenticated and user.is_active and not is_information_office(user)
    )


def site_roots_for(user) -> SiteRoots:
    """Site roots, cached on the user object for the request."""
    roots = getattr(user, _SCOPE_ATTR, None)
    if roots is None:
        roots = SiteRoots.load()
        setattr(user, _SCOPE_ATTR, roots)
    return roots


def region_for(path: str, site_id: int | None, roots: SiteRoots) -> Region:
    if site_id is None:
        return Region(path, None)
    return Region(path, site_id, tuple(roots.nested_roots(path, site_id)))


def regions_q(regions, prefix: str = "") -> Q:
    """One OR over distinct regions (never one per grant), or a Q matching nothing."""
    q = Q(pk__in=[])
    for region in sorted(set(regions), key=lambda r: (r.path, r.site_id or 0)):
        q |= region.q(prefix)
    return q
