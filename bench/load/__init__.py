"""Load test of the production stack: many citizens and one editor at the same time."""
