"""Frameworks as data: the file format, loading and checking, conditions, and versions."""

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.loader import FrameworkError, load_framework_file, parse_framework

__all__ = ["Framework", "FrameworkError", "load_framework_file", "parse_framework"]
