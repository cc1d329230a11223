"""Agreement and quality scores of one set of annotations against another."""
