"""友情链接: each site's friendly links, shown in its footer."""
