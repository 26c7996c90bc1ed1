"""Placeholder for the bundled policy files.

In the source tree the files live in `policies/` at the repository root; pyproject.toml maps that folder
onto this package (`package-dir`), so an installed rights carries them here. `rights.policy.
bundled_policy_dir()` finds them in either place.
"""
