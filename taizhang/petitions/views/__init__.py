"""Pages of petition work: reception, lists, one petition with its steps, backlog cases."""
