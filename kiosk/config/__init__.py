"""Configuration: TOML files checked into pydantic models (`models`) by the loader (`loader`)."""

import os

# The kiosk uses no pydantic plugins; looking for them scans every installed package's entry
# points, a noticeable part of the kiosk's start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from kiosk.config.loader import default_config_path, load_config
from kiosk.config.models import KioskConfig

__all__ = ["KioskConfig", "default_config_path", "load_config"]
