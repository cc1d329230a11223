"""The scheme and everything generated from it: the Label Studio config, the JSON Schema, the label tables."""
