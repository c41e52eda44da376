from .applications import Application
from .catalogue import Matter, MatterVersion
from .centres import Centre, Window
from .feedback import ApplicationFile, Rating

__all__ = ["Application", "ApplicationFile", "Centre", "Matter", "MatterVersion", "Rating",
           "Window"]
