"""Parts shared by the benchmarks: HTTP client, load generator, servers, reporting."""
