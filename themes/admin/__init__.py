"""主题管理: the information office's theme admin (views, forms, URLs)."""
