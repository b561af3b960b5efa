"""Who may do what: users, password hashing, roles and the permission table."""
