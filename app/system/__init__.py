"""The appliance itself: settings, versions, health checks and demo content."""
