"""EdgeDeck: the desktop admin console of an edge AI appliance."""

__version__ = "0.1.0"
APP_NAME = "EdgeDeck"
