"""The appliance's identity and settings: read by most services, so they sit under them.

`meta` (device id, name, one-time markers) and `settings` (typed key/value) each have one owner
here; services read them through these small APIs and never with SQL of their own. The audited,
role-checked way to change a setting is app.system.settings.SettingsService.
"""

from app.config.meta import ApplianceMeta, read_meta
from app.config.settings import KNOWN, Settings

__all__ = ["KNOWN", "ApplianceMeta", "Settings", "read_meta"]
