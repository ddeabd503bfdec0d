"""Every site isolated from the others in the admin (issue 3).

Wagtail's permission policies decide what a user may see and do; this app registers policies
that confine users who are not the information office to the sites they hold a role on, and
closes the admin surfaces that do not consult a policy at all (page chooser, reports, tag
autocomplete, dashboard counts).
"""
