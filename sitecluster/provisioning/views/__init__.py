"""Admin views of the information office: provisioning, archive/delete, blueprints, rollout."""
