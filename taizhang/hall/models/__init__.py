from .applications import Application
from .catalogue import Matter, MatterVersion
from .centres import Centre, Window
from .feedback import ApplicationFile, Rating
from .summaries import MonthFigures, SummarisedMonth

__all__ = ["Application", "ApplicationFile", "Centre", "Matter", "MatterVersion",
           "MonthFigures", "Rating", "SummarisedMonth", "Window"]
