"""Modal dialogs: first-run setup, sign-in, about."""
