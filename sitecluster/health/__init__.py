"""Operations support: /healthz for load balancers, the worker heartbeat, the 系统状态 admin panel,
the client address behind nginx, and the nginx site configuration generated from the cluster."""
