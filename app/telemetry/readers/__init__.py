"""One reader per source; each returns a DeviceSnapshot and never raises for a missing metric."""
