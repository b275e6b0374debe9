"""Rasd (رصد): from field reports to corroborated, evidence-grade records of violations."""

__version__ = "0.1.0"
