"""Inference engines, model optimization and benchmarking. No users, no SQLite, no Qt here."""
