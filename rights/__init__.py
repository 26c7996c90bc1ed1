"""rights: can I republish this article, and how? Rights signals, verdicts and copy audits, with evidence."""

__version__ = "0.1.0"
