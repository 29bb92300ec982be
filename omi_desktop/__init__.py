"""OMI Desktop: offline fieldwork for Offender Management Inspections."""

__version__ = "0.1.0"
