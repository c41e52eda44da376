from .handling import Attachment, Extension, Review
from .limits import TimeLimit
from .petitions import Category, Petition, Petitioner

__all__ = ["Attachment", "Category", "Extension", "Petition", "Petitioner", "Review",
           "TimeLimit"]
