"""Baselines trained and scored only from the published dataset folder, as its users would."""
