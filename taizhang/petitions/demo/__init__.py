"""Demo data for petitions (信访): a year of petitions and the backlog cases of 河阳示范区."""
