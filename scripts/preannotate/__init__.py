"""Pre-annotation: predicted spans, attributes and links for annotators to correct."""
