"""Review before publication: the confidentiality review task and the sensitive-word check."""
