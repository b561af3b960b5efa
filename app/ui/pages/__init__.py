"""One page per capability; each is a view over services, never over SQL or device APIs."""
