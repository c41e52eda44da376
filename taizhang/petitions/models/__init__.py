from .backlog import BacklogCase, TeamMember
from .handling import Attachment, Extension, Review
from .limits import TimeLimit
from .petitions import Category, Petition, Petitioner

__all__ = ["Attachment", "BacklogCase", "Category", "Extension", "Petition", "Petitioner",
           "Review", "TeamMember", "TimeLimit"]
