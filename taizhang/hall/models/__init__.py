from .applications import Application
from .catalogue import Matter, MatterVersion
from .centres import Centre, Window

__all__ = ["Application", "Centre", "Matter", "MatterVersion", "Window"]
