"""briefing: trustworthy news briefings from many articles about one story."""

__version__ = "0.1.0"
