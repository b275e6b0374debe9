"""Extraction: a spaCy pipeline from a report's text to mentions and events (see pipeline.py)."""
