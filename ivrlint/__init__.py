"""ivrlint: lint IVR phone menus for the caller's experience, and analyse their call logs."""

__version__ = "0.1.0"
