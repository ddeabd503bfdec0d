"""Scheduled publishing and expiry (Wagtail's go_live_at / expire_at) in the task worker."""
