"""Readings from the host and accelerators: typed snapshots, readers, and the sampler thread."""
