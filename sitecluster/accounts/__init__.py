"""Site-scoped user management: a site admin invites and manages its own editors and reviewers."""
