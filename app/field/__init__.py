"""Field kit: what a technician carries off the box on a USB stick and brings back.

`crypto` encrypts files (USB sticks get lost), `diagnostics` builds the bundle a technician
takes home, `backup` makes, verifies and restores consistent copies of the data folder.
Everything here works with no network at all and imports no Qt.
"""
