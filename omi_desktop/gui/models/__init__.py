"""Qt item models over plain core rows, with column constants and custom roles (tested without a window)."""
