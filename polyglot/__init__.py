"""polyglot: offline translation and multilingual publishing of news articles."""

__version__ = "0.1.0"
