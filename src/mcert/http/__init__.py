"""HTTP plumbing shared by every domain's API: dependencies, errors, request context."""
