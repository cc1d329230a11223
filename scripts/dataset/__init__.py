"""The Hugging Face dataset: the build, its views, the card, publishing."""
