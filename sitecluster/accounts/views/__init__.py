"""Public account pages (login, second factor, registration, 我的办件) and the 安全审计 view."""
