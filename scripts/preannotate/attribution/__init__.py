"""Speakers, claims and their links, from reporting cues and quotations."""
