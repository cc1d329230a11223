"""The articles: the corpus folder and how articles enter it."""
